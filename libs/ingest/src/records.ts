// What the routes of every source do with a request once the source has said what its input is: one
// record answered or refused, or a synchronous NDJSON batch answered line by line.
import { Inject } from '@nestjs/common';
import type { Request } from 'express';
import { AppError } from '@fsl/http';
import { currentCorrelationId } from '@fsl/logging';
import { mediaType } from './http-docs';
import { IngestService, type LineInput } from './ingest.service';
import { readBatchLines, toLineInputs, type BatchLimits } from './ndjson';
import { countResults, type Counts, type LineResult } from './outcomes';

export const BATCH_SETTINGS = Symbol('BATCH_SETTINGS');
export interface BatchSettings extends BatchLimits {
  chunkSize: number;
}

/** A source's record routes extend this: the ingest and the batch limits, injected. */
export abstract class IngestRoutes<In, Id extends object> {
  constructor(
    @Inject(IngestService) protected readonly ingest: IngestService<In, Id>,
    @Inject(BATCH_SETTINGS) protected readonly batch: BatchSettings,
  ) {}
}

export interface Refusals {
  /** Names the record in the 422 detail, e.g. 'the comunicazione'. */
  record: string;
  /** The source's registered 409 code and its detail (what to send instead). */
  conflictCode: string;
  conflictDetail: string;
}

/** One record: its result when accepted (ACCETTATA / DUPLICATA); 422 or 409 problem+json otherwise. */
export async function ingestOne<In, Id extends object>(ingest: IngestService<In, Id>, line: LineInput<In>, refusals: Refusals): Promise<LineResult<Id>> {
  const [r] = await ingest.processChunk([line], { correlationId: currentCorrelationId() });
  if (r.esito === 'RIFIUTATA') throw new AppError('VALIDATION_FAILED', `${r.errors!.length} problem(s) in ${refusals.record}`, { errors: r.errors });
  if (r.esito === 'IN_CONFLITTO') throw new AppError(refusals.conflictCode, refusals.conflictDetail, { errors: r.errors });
  return r;
}

/**
 * A synchronous NDJSON batch: every non-blank line answered, in order. `fromLine` reads a line's text as
 * the source's input (the adapter's own by default).
 */
export async function ingestBatch<In, Id extends object>(
  ingest: IngestService<In, Id>,
  req: Request,
  batch: BatchSettings,
  fromLine: (text: string) => In = (text) => ingest.adapter.fromLine(text),
): Promise<Counts & { esiti: LineResult<Id>[] }> {
  if (mediaType(req) !== 'application/x-ndjson') throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'send the batch as application/x-ndjson');
  const lines = await readBatchLines(req, batch);
  const results = await ingest.processBatch(toLineInputs(lines, fromLine), batch.chunkSize, currentCorrelationId());
  return { ...countResults(results), esiti: results };
}
