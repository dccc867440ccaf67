import type { PoolClient } from 'pg';
import { coFixtures as fx, defaultCodeLists, type Unilav } from '@fsl/co';
import { AppError } from '@fsl/http';
import { KafkaUnavailableError, type EventProducer, type OutgoingMessage } from '@fsl/kafka';
import { EventPublisher, IngestService, type Claim, type ClaimResult, type ClaimStore, type LineInput, type StoredDecision } from '@fsl/ingest';
import { coAdapter, CONFLICT_PROBLEM } from './co.adapter';
import * as mapping from './co-event.mapping';

/**
 * The idempotency record as the real store behaves for one request at a time: claims become visible
 * to later transactions only once committed, and a rollback forgets them. Everything is logged in order.
 */
class FakeStore {
  readonly committed = new Map<string, { hash: string; eventIds: string[] }>();
  readonly log: string[] = [];
  private pending = new Map<string, { hash: string; eventIds: string[] }>();

  async transaction<T>(fn: (tx: PoolClient) => Promise<T>): Promise<T> {
    this.log.push('begin');
    this.pending = new Map();
    try {
      const out = await fn({} as PoolClient);
      for (const [k, v] of this.pending) this.committed.set(k, v);
      this.log.push('commit');
      return out;
    } catch (err) {
      this.log.push('rollback');
      throw err;
    }
  }

  async claim(_tx: PoolClient, claims: readonly Claim[]): Promise<ClaimResult> {
    // Codici by their serial number (fixtureCodice(n)).
    this.log.push(`claim ${claims.map((c) => Number(c.key.slice(2))).join(',')}`);
    const decisions = new Map<string, StoredDecision>();
    for (const c of claims) {
      const stored = this.committed.get(c.key);
      if (stored) decisions.set(c.key, { kind: 'stored', ...stored });
      else {
        this.pending.set(c.key, { hash: c.hash, eventIds: c.eventIds });
        decisions.set(c.key, { kind: 'new' });
      }
    }
    return { decisions };
  }
}

/** A producer whose sends are logged and answered by `ack` (acknowledged at once by default). */
function fakeProducer(log: string[], ack: (call: number) => Promise<void> = async () => undefined): EventProducer {
  let calls = 0;
  return {
    send: async (_topic: string, messages: OutgoingMessage[]) => {
      log.push(`publish ${messages.length}`);
      await ack(++calls);
      log.push('acknowledged');
    },
  } as unknown as EventProducer;
}

const co = (n: number, over: Partial<Unilav> = {}): Unilav =>
  fx.fixtureAssunzione({ datiInvio: { codiceComunicazione: fx.fixtureCodice(n), tipoComunicazione: '01', dataInvio: '2024-02-28T10:00:00+01:00' }, ...over });
const line = (riga: number, value: Unilav): LineInput<mapping.CoInput> => ({ riga, input: { format: 'json', value: JSON.parse(JSON.stringify(value)) } });
const turn = () => new Promise((resolve) => setImmediate(resolve));

function service(ack?: (call: number) => Promise<void>) {
  const store = new FakeStore();
  const publisher = new EventPublisher(fakeProducer(store.log, ack), 'co', (cf) => `p-${cf}`);
  const ingest = new IngestService({ adapter: coAdapter(defaultCodeLists()), transactions: store, claims: store as unknown as ClaimStore, publisher, conflict: CONFLICT_PROBLEM });
  return { store, ingest };
}

afterEach(() => jest.restoreAllMocks());

describe('IngestService.processBatch (the CO source)', () => {
  it('answers every line in order and claims each chunk only once the one before is committed', async () => {
    const { store, ingest } = service();
    const lines: LineInput<mapping.CoInput>[] = [
      line(1, co(1)),
      { riga: 2, problems: [{ path: '', code: 'LINE_TOO_LONG', message: 'x' }] },
      line(3, co(2)),
      line(4, co(1)), // same content as line 1, in the next chunk: a duplicate through the committed claim
      line(5, co(2, { inizio: { ...co(2).inizio, retribuzione: 1 } })), // same codice as line 3, other content
    ];
    const results = await ingest.processBatch(lines, 2);
    expect(results.map((r) => [r.riga, r.esito])).toEqual([
      [1, 'ACCETTATA'],
      [2, 'RIFIUTATA'],
      [3, 'ACCETTATA'],
      [4, 'DUPLICATA'],
      [5, 'IN_CONFLITTO'],
    ]);
    expect(results[3].eventIds).toEqual(results[0].eventIds);
    expect(store.log).toEqual([
      'begin', 'claim 1', 'publish 1', 'acknowledged', 'commit',
      'begin', 'claim 2,1', 'publish 1', 'acknowledged', 'commit',
      'begin', 'claim 2', 'publish 0', 'acknowledged', 'commit',
    ]);
  });

  it('refuses a record whose reading throws, and keeps the other lines of the batch', async () => {
    const { ingest } = service();
    const hostile = { get modello(): never { throw new RangeError('Maximum call stack size exceeded'); } };
    const lines: LineInput<mapping.CoInput>[] = [line(1, co(300)), { riga: 2, input: { format: 'json', value: hostile } }, line(3, co(301))];
    const results = await ingest.processBatch(lines, 10);
    expect(results.map((r) => [r.riga, r.esito, r.errors?.map((e) => e.code)])).toEqual([
      [1, 'ACCETTATA', undefined],
      [2, 'RIFIUTATA', ['UNREADABLE_RECORD']],
      [3, 'ACCETTATA', undefined],
    ]);
  });

  it('reads the next chunk while the current one waits for Kafka, without claiming it', async () => {
    const read = jest.spyOn(mapping, 'readCoInput');
    let release!: () => void;
    const firstAck = new Promise<void>((resolve) => (release = resolve));
    const { store, ingest } = service((call) => (call === 1 ? firstAck : Promise.resolve()));
    const lines = Array.from({ length: 240 }, (_, i) => line(i + 1, co(100 + i)));
    const batch = ingest.processBatch(lines, 120);
    for (let i = 0; i < 100 && !store.log.includes('publish 120'); i++) await turn();
    for (let i = 0; i < 20 && read.mock.calls.length < 240; i++) await turn();
    // Chunk 1 is not acknowledged; chunk 2 has been read (in slices) but is neither claimed nor published.
    expect(read).toHaveBeenCalledTimes(240);
    const chunk = (from: number) => `claim ${Array.from({ length: 120 }, (_, i) => from + i).join(',')}`;
    expect(store.log).toEqual(['begin', chunk(100), 'publish 120']);
    release();
    const results = await batch;
    expect(results.map((r) => r.esito)).toEqual(Array(240).fill('ACCETTATA'));
    expect(store.log.slice(2)).toEqual(['publish 120', 'acknowledged', 'commit', 'begin', chunk(220), 'publish 120', 'acknowledged', 'commit']);
  });

  it('keeps the chunks before a failed one accepted, rolls the failed one back and goes no further', async () => {
    const { store, ingest } = service(async (call) => {
      if (call === 2) throw new KafkaUnavailableError('down');
    });
    const lines = [1, 2, 3, 4, 5].map((n) => line(n, co(200 + n)));
    const err = await ingest.processBatch(lines, 2).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('DEPENDENCY_UNAVAILABLE');
    expect((err as AppError).message).toContain('after 2 of 5 records');
    expect([...store.committed.keys()]).toEqual([fx.fixtureCodice(201), fx.fixtureCodice(202)]);
    expect(store.log).toEqual(['begin', 'claim 201,202', 'publish 2', 'acknowledged', 'commit', 'begin', 'claim 203,204', 'publish 2', 'rollback']);
  });

  it('accepts nothing and claims no later chunk when the first chunk fails', async () => {
    const { store, ingest } = service(async () => {
      throw new KafkaUnavailableError('down');
    });
    const lines = Array.from({ length: 200 }, (_, i) => line(i + 1, co(300 + i)));
    const err = await ingest.processBatch(lines, 100).catch((e: unknown) => e);
    expect((err as AppError).message).toBe('the event log is unavailable; nothing was accepted');
    expect(store.committed.size).toBe(0);
    expect(store.log.filter((l) => l === 'begin')).toHaveLength(1);
  });
});
