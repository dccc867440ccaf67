import { tsFlussoMillis } from '@fsl/siuss';
import { Banco, sql, until } from './support';

// kill -9 of the gateway process in the middle of a municipality's pages, twice, then a restart: no flow
// missing, none acknowledged twice. Counted in the topic by id_flusso. The one window that can repeat a
// message is between Kafka's acknowledgement of a page and the COMMIT of its record (docs/adr/0009): a page
// killed there is published again by the next run, under the same event ids — so the bound is one page per
// kill, and a flow never gets two different events.

describe('the municipal gateway killed mid-page', () => {
  const banco = new Banco('gw-kill');
  beforeAll(() => banco.start(), 60_000);
  afterAll(() => banco.close(), 60_000);

  it('resumes from its acknowledged cursor: no gap, no double', async () => {
    const LIMIT = 40;
    const a = await banco.ente({ generate: { seed: 31, count: 900, invalidShare: 0.05, sinbaShare: 0.1, sharedTimestampShare: 0.3 } });
    // Slow pages, so that the kills land while pages are being read, published and acknowledged.
    await a.standin.setMode({ kind: 'slow', delayMs: 60 });
    const rows = async () => Number((await sql<{ n: string }>('SELECT count(*) AS n FROM siuss_ingest_flusso WHERE codice_ente = $1', [a.codice]))[0]!.n);
    const env = { ENTI_PAGE_LIMIT: String(LIMIT), ENTI_POLL_INTERVAL_SECONDS: '1' };

    let gw = await banco.gatewayProcess([a], env);
    await until('a few pages acknowledged', async () => (await rows()) >= 150, 60_000);
    gw.proc.kill('SIGKILL');
    await new Promise((r) => gw.proc.once('exit', r));
    const atFirstKill = await rows();
    expect(atFirstKill).toBeLessThan(a.standin.flussi().length);

    gw = await banco.gatewayProcess([a], env);
    await until('more pages acknowledged', async () => (await rows()) >= atFirstKill + 200, 60_000);
    gw.proc.kill('SIGKILL');
    await new Promise((r) => gw.proc.once('exit', r));
    expect(await rows()).toBeLessThan(a.standin.flussi().length);

    await a.standin.setMode({ kind: 'normal' });
    gw = await banco.gatewayProcess([a], env);
    const entries = a.standin.flussi();
    const gen = a.standin.generati();
    const valid = gen.filter((g) => !g.difetto).map((g) => g.entry);
    await until('every flow recorded', async () => (await rows()) === entries.length, 90_000);
    await until('every valid flow in the topic', () => new Set(banco.reader.eventi(a.codice).map((m) => m.value.header.sourceRecordId)).size === valid.length, 30_000);
    await new Promise((r) => setTimeout(r, 1500));

    // By id_flusso: every valid flow there, each with one event id (one version each here), at its ts_flusso.
    const perFlusso = new Map<string, Set<string>>();
    for (const m of banco.reader.eventi(a.codice)) {
      const id = (m.value.header.sourceRecordId as string).split('/')[1]!;
      expect(Number(m.value.header.sourceVersion)).toBe(tsFlussoMillis(entries.find((e) => e.id_flusso === id)!));
      perFlusso.set(id, (perFlusso.get(id) ?? new Set()).add(m.headers['event-id']!));
    }
    expect([...perFlusso.keys()].sort()).toEqual(valid.map((e) => e.id_flusso).sort());
    expect([...perFlusso.values()].filter((s) => s.size !== 1)).toEqual([]);
    // Acknowledged once each: one record per flow.
    const dup = await sql('SELECT id_flusso FROM siuss_ingest_flusso WHERE codice_ente = $1 GROUP BY id_flusso HAVING count(*) > 1', [a.codice]);
    expect(dup).toEqual([]);
    // Copies in the topic only from the crash window: at most a page per kill.
    const copies = banco.reader.eventi(a.codice).length - valid.length;
    expect(copies).toBeLessThanOrEqual(2 * LIMIT);
    await gw.stop();
  }, 240_000);
});
