// Read-your-writes (ADR 0007). A write is answered once Kafka has its event, before the dossier-builder has
// applied it: the answer carries a token naming where the event sits in its partition. Any e-service call may
// send it back in the Versione-Minima header; the call then proceeds only once the builder's stored offsets
// (consumer_offsets, committed with the projections: ADR 0003) are past that position, waiting a bounded time
// and otherwise answering "not yet" — never serving a dossier that misses the write as if it were current.
import { setTimeout as sleep } from 'node:timers/promises';
import type { Pool } from 'pg';
import { AppError, registerErrors } from '@fsl/http';
import type { Posizione } from '@fsl/ingest';

export const VERSIONE_MINIMA_HEADER = 'Versione-Minima';
/** Seconds a caller told "not yet" is asked to wait before trying again. */
const RETRY_AFTER_SECONDS = 1;

registerErrors({
  VERSIONE_NON_DISPONIBILE: { status: 503, title: 'The dossier has not reached the requested version yet' },
});

// The token: base64url of "v1" and one "topic|partition|offset" per position, joined by ";". Opaque to
// callers (they only copy it), versioned so its format can change; its length is bounded by the header's.
const FORMAT = 'v1';
const TOPIC = /^[a-z0-9._-]{1,249}$/;
const MAX_TOKEN_LENGTH = 1024;
const MAX_POSITIONS = 16;

export function encodeVersioneMinima(posizioni: readonly Posizione[]): string {
  return Buffer.from([FORMAT, ...posizioni.map((p) => `${p.topic}|${p.partition}|${p.offset}`)].join(';')).toString('base64url');
}

/** The positions a token names, or undefined when it is not a token of this format. */
export function decodeVersioneMinima(token: string): Posizione[] | undefined {
  if (token.length === 0 || token.length > MAX_TOKEN_LENGTH || !/^[A-Za-z0-9_-]+$/.test(token)) return undefined;
  const [format, ...parts] = Buffer.from(token, 'base64url').toString('utf8').split(';');
  if (format !== FORMAT || parts.length > MAX_POSITIONS) return undefined;
  const posizioni: Posizione[] = [];
  for (const part of parts) {
    const [topic, partition, offset, ...rest] = part.split('|');
    if (rest.length > 0 || !TOPIC.test(topic ?? '') || !/^\d{1,5}$/.test(partition ?? '') || !/^\d{1,19}$/.test(offset ?? '')) return undefined;
    if (BigInt(offset!) > 2n ** 63n - 1n) return undefined;
    posizioni.push({ topic: topic!, partition: Number(partition), offset: String(BigInt(offset!)) });
  }
  return posizioni;
}

const invalid = (detail: string) =>
  new AppError('BAD_REQUEST', detail, { errors: [{ path: VERSIONE_MINIMA_HEADER, code: 'HEADER_VERSIONE_MINIMA_INVALID', message: 'invalid value' }] });

export interface VersioneMinimaOptions {
  /** The dossier-builder's consumer group, whose offsets tell what the projections hold. */
  consumerGroup: string;
  /** The topics the builder consumes (with the deployment's prefix): a token naming another is not ours. */
  topics: readonly string[];
  /** Upper bound of the wait. */
  attesaMs: number;
}

export class VersioneMinima {
  constructor(
    private readonly pool: Pool,
    private readonly o: VersioneMinimaOptions,
  ) {}

  /** Returns once the builder has applied every position the header names; 400 if it is not a token, 503 if not yet. */
  async attendi(header: string): Promise<void> {
    const posizioni = decodeVersioneMinima(header);
    if (!posizioni) throw invalid(`the ${VERSIONE_MINIMA_HEADER} header is not a token given by a write of this api`);
    if (posizioni.some((p) => !this.o.topics.includes(p.topic))) throw invalid(`the ${VERSIONE_MINIMA_HEADER} header names an event log this api does not read`);
    if (posizioni.length === 0) return;
    const deadline = Date.now() + this.o.attesaMs;
    // The builder commits a chunk in tens of milliseconds: short pauses first, then a steady pace.
    for (let pause = 20; ; pause = Math.min(pause * 2, 200)) {
      if (await this.applicate(posizioni)) return;
      const left = deadline - Date.now();
      if (left <= 0) {
        throw new AppError('VERSIONE_NON_DISPONIBILE', `the dossier does not include the requested version yet; retry with the same ${VERSIONE_MINIMA_HEADER}`, {
          retryAfterSeconds: RETRY_AFTER_SECONDS,
        });
      }
      await sleep(Math.min(pause, left));
    }
  }

  /** Whether the builder's next offset is past every position (no row: it has applied nothing there yet). */
  async applicate(posizioni: readonly Posizione[]): Promise<boolean> {
    const { rows } = await this.pool.query<{ topic: string; partition: number; next_offset: string }>(
      `SELECT topic, partition, next_offset FROM consumer_offsets
        WHERE consumer_group = $1 AND (topic, partition) IN (SELECT * FROM unnest($2::text[], $3::int[]))`,
      [this.o.consumerGroup, posizioni.map((p) => p.topic), posizioni.map((p) => p.partition)],
    );
    const next = new Map(rows.map((r) => [`${r.topic}|${r.partition}`, BigInt(r.next_offset)]));
    return posizioni.every((p) => (next.get(`${p.topic}|${p.partition}`) ?? -1n) > BigInt(p.offset));
  }
}
