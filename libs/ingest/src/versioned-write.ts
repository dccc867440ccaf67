// A version of a record written by a producer other than its source — the api, on behalf of a PDND consumer
// (ADR 0007) — through the source's own adapter, claim table and publisher, so that the events cannot be told
// apart from the source's and the builder folds them by the same rules. The source numbers its versions; a
// writer that changes a record takes the number after the highest one claimed, decided inside the transaction
// that claims it: two writers racing on one record both take the same number, the second waits on the first's
// uncommitted claim and is then answered IN_CONFLITTO, so neither silently overwrites the other.
import type { PoolClient } from 'pg';
import type { AppendedBatch } from '@fsl/kafka';
import type { Avviso, Problem, SourceAdapter, SourceMessage } from './adapter';
import type { VersionedClaims } from './claims';
import type { Transactions } from './ingest.service';
import { planChunk } from './outcomes';
import type { EventPublisher } from './publisher';

/** Where the last message of a write sits in its partition: once a consumer is past it, it has the write. */
export interface Posizione {
  topic: string;
  partition: number;
  /** Decimal: offsets are int64. */
  offset: string;
}

/** What `prepare` decides: the input of the next version, or an answer that needs no new version. */
export type NextVersion<In, R> = { input: In } | { answer: R };

export interface AcceptedWrite<Id extends object> {
  identity: Id;
  eventIds: string[];
  avvisi: Avviso[];
  posizioni: Posizione[];
}

export interface VersionedWrite<In, Id extends object, R> {
  /** The record's claim (ClaimVersion.of of the adapter's reads), e.g. 'pais/PAIS-1'. */
  record: string;
  /**
   * Runs first in the transaction, with the highest version claimed for `record` (undefined: none yet): the
   * input to read, whose version must be above it, or an answer without a new version (e.g. the replay of a
   * write already accepted). An error thrown here (404, 409…) rolls the transaction back.
   */
  prepare(tx: PoolClient, highest: number | undefined): Promise<NextVersion<In, R>>;
  /** After Kafka acknowledged the version, before the commit: e.g. keep where it was published. */
  accepted(tx: PoolClient, write: AcceptedWrite<Id>): Promise<R>;
}

export type WriteOutcome<R> =
  | { kind: 'answer'; answer: R }
  | { kind: 'rejected'; problems: Problem[] }
  /** Another writer claimed the same version first (its content differs, or it is an identical concurrent send). */
  | { kind: 'conflict' };

export interface VersionedWriterOptions<In, Id extends object> {
  adapter: SourceAdapter<In, Id>;
  transactions: Transactions;
  claims: VersionedClaims;
  publisher: EventPublisher;
  /** The problem of a version already claimed with another content (the source's IN_CONFLITTO). */
  conflict: Problem;
}

export class VersionedWriter<In, Id extends object> {
  constructor(private readonly o: VersionedWriterOptions<In, Id>) {}

  write<R>(w: VersionedWrite<In, Id, R>, correlationId?: string): Promise<WriteOutcome<R>> {
    return this.o.transactions.transaction(async (tx): Promise<WriteOutcome<R>> => {
      const { rows } = await tx.query<{ top: string | null }>(`SELECT max(versione) AS top FROM ${this.o.claims.table.name} WHERE record_key = $1`, [w.record]);
      const highest = rows[0]?.top == null ? undefined : Number(rows[0].top);
      const next = await w.prepare(tx, highest);
      if ('answer' in next) return { kind: 'answer', answer: next.answer };

      const read = this.o.adapter.read(next.input, { correlationId, now: Date.now() });
      if (!read.ok) return { kind: 'rejected', problems: read.problems };
      // A wiring bug, not a caller's mistake: the writer would claim another record, or an old version.
      if (read.version?.of !== w.record || (highest !== undefined && read.version.versione <= highest)) {
        throw new Error(`VersionedWriter: prepared ${read.version?.of}@${read.version?.versione}, not the next version of ${w.record}`);
      }
      const plan = planChunk([{ riga: 1, read }], this.o.conflict);
      const claimed = await this.o.claims.claim(tx, [{ key: read.key, hash: read.hash, eventIds: read.eventIds, version: read.version }]);
      const [result] = plan.resolve(claimed.decisions, claimed.highest);
      if (result.esito !== 'ACCETTATA') return { kind: 'conflict' };

      const posizioni = lastPositions(read.messages, await this.o.publisher.publish(read.messages));
      const answer = await w.accepted(tx, { identity: read.identity, eventIds: read.eventIds, avvisi: read.avvisi, posizioni });
      return { kind: 'answer', answer };
    });
  }
}

const keyOf = (m: SourceMessage) => ('cf' in m.key ? `cf:${m.key.cf}` : `raw:${m.key.raw}`);

/**
 * The offset of the last message in each partition. A record's messages share one key (its order is kept on
 * one partition), so the send's single batch holds all of them, appended from its base offset in order.
 */
function lastPositions(messages: readonly SourceMessage[], batches: readonly AppendedBatch[]): Posizione[] {
  if (new Set(messages.map(keyOf)).size !== 1 || batches.length !== 1 || batches[0].baseOffset === undefined) {
    throw new Error('VersionedWriter: a written record is one batch of messages under one key, with its offset');
  }
  const [b] = batches;
  return [{ topic: b.topic, partition: b.partition, offset: String(BigInt(b.baseOffset!) + BigInt(messages.length - 1)) }];
}
