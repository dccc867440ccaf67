import { randomBytes } from 'node:crypto';
import { Pool } from 'pg';
import { gepiFixtures as G, gepiSource, type Entita, type GepiRecord } from '@fsl/gepi';
import { AppError } from '@fsl/http';
import { EventPublisher, poolTransactions, VERSIONE_GIA_ACCETTATA, VersionedClaims, versionedJsonAdapter, VersionedWriter, type VersionedJsonSource } from '@fsl/ingest';
import { KafkaUnavailableError, type EventProducer } from '@fsl/kafka';
import { DATABASE_URL } from './support/env';

// VersionedWriter against the real claim table: the version is decided inside the claim's transaction, so two
// writers racing on one record cannot both win, and a write Kafka did not acknowledge claims nothing. Kafka
// itself is a stand-in here (the suite test/eservices-invii.int-spec.ts goes through the real broker).

type Send = (topic: string, messages: unknown[]) => Promise<Array<{ topic: string; partition: number; baseOffset?: string }>>;

describe('VersionedWriter on the GePI claim table', () => {
  const pool = new Pool({ connectionString: DATABASE_URL, max: 4 });
  afterAll(() => pool.end());

  function writer(send: Send) {
    const publisher = new EventPublisher({ send } as unknown as EventProducer, 'fsl.gepi.events.v1', (cf) => `p-${cf}`);
    return new VersionedWriter({
      adapter: versionedJsonAdapter(gepiSource() as VersionedJsonSource<Entita, GepiRecord>),
      transactions: poolTransactions(pool),
      claims: new VersionedClaims('gepi_ingest_claim'),
      publisher,
      conflict: VERSIONE_GIA_ACCETTATA,
    });
  }
  const paisId = () => `PAIS-W-${randomBytes(4).toString('hex').toUpperCase()}`;
  /** The fixture's PaIS as version `versione` of record `id`, its objective saying who wrote it. */
  const pais = (id: string, versione: number, obiettivoGenerale: string) => {
    const r = G.valid('pais') as { dati: Record<string, unknown> };
    return { entita: 'pais' as const, value: { ...r, id, versione, dati: { ...r.dati, obiettivoGenerale } } };
  };
  const claims = async (id: string) =>
    (await pool.query<{ versione: string; event_ids: string[] }>('SELECT versione, event_ids FROM gepi_ingest_claim WHERE record_key = $1 ORDER BY versione', [`pais/${id}`])).rows;

  it('two writers taking the same next version: one is accepted, the other told of the conflict; the next one sees the winner', async () => {
    const id = paisId();
    // Kafka acknowledges after a while, so both transactions are open together.
    const w = writer(async (topic) => {
      await new Promise((r) => setTimeout(r, 300));
      return [{ topic, partition: 4, baseOffset: '41' }];
    });
    const seen: Array<number | undefined> = [];
    const write = (who: string) =>
      w.write<{ who: string; posizioni: unknown; eventIds: string[] }>({
        record: `pais/${id}`,
        prepare: async (_tx, highest) => {
          seen.push(highest);
          return { input: pais(id, (highest ?? 0) + 1, who) };
        },
        accepted: async (_tx, a) => ({ who, posizioni: a.posizioni, eventIds: a.eventIds }),
      });
    const outcomes = await Promise.all([write('A'), write('B')]);
    expect(seen).toEqual([undefined, undefined]);
    expect(outcomes.map((o) => o.kind).sort()).toEqual(['answer', 'conflict']);
    const won = outcomes.find((o) => o.kind === 'answer') as { answer: { posizioni: unknown; eventIds: string[] } };
    // One message of the record: its position is the batch's base offset.
    expect(won.answer.posizioni).toEqual([{ topic: 'fsl.gepi.events.v1', partition: 4, offset: '41' }]);
    expect((await claims(id)).map((c) => [Number(c.versione), c.event_ids])).toEqual([[1, won.answer.eventIds]]);

    const next = await write('C');
    expect([next.kind, seen.at(-1)]).toEqual(['answer', 1]);
  });

  it('claims nothing when Kafka does not acknowledge, so the version stays free', async () => {
    const id = paisId();
    const down = writer(async () => {
      throw new KafkaUnavailableError('broker unreachable');
    });
    const attempt = down.write({ record: `pais/${id}`, prepare: async (_tx, h) => ({ input: pais(id, (h ?? 0) + 1, 'A') }), accepted: async () => 'never' });
    await expect(attempt).rejects.toMatchObject({ code: 'DEPENDENCY_UNAVAILABLE' });
    await expect(attempt).rejects.toBeInstanceOf(AppError);
    expect(await claims(id)).toEqual([]);
  });

  it('answers without publishing what prepare answers, and reports what the source refuses', async () => {
    const id = paisId();
    const sent: unknown[] = [];
    const w = writer(async (topic, messages) => {
      sent.push(...messages);
      return [{ topic, partition: 0, baseOffset: '0' }];
    });
    expect(await w.write({ record: `pais/${id}`, prepare: async () => ({ answer: 'replayed' }), accepted: async () => 'never' })).toEqual({ kind: 'answer', answer: 'replayed' });
    const bad = pais(id, 1, '');
    const rejected = await w.write({ record: `pais/${id}`, prepare: async () => ({ input: bad }), accepted: async () => 'never' });
    expect(rejected).toEqual({ kind: 'rejected', problems: [{ path: 'dati.obiettivoGenerale', code: 'EMPTY_TEXT', message: expect.any(String) }] });
    expect([sent, await claims(id)]).toEqual([[], []]);
  });
});
