import fc from 'fast-check';
import { Partitioners } from 'kafkajs';
import { Pool } from 'pg';
import { coFixtures as F, iterateCoHistories, type Co, type Unilav } from '@fsl/co';
import { applyBatch, emptyState, project, type CartellaLavorativa, type WorkerState } from '@fsl/cartella-lavorativa';
import { topicName } from '@fsl/kafka';
import { cfPseudonym } from '@fsl/pseudonym';
import { startApp, type RunningApp } from './support/processes';
import { appDatabaseUrl, BROKERS, createTestTopics, DATABASE_URL, isolation, randomCf, testKafka, TEST_PSEUDONYM_KEY, waitFor } from './support/env';
import { coMessages, publishCos } from './support/co-events';

// The cartella lavorativa rules, through the real path: COs as Avro events on Kafka → the builder
// (its own process) → per-worker state in Postgres → the projection as of a fixed day.
const TODAY = '2025-01-15';

describe('CO → cartella lavorativa through the broker', () => {
  const { prefix, group } = isolation('co');
  const pool = new Pool({ connectionString: DATABASE_URL, max: 2 });
  let builder: RunningApp;

  beforeAll(async () => {
    await createTestTopics(prefix);
    builder = await startApp('dossier-builder', { KAFKA_BROKERS: BROKERS, KAFKA_TOPIC_PREFIX: prefix, DATABASE_URL: appDatabaseUrl('fsl_builder'), CONSUMER_GROUP: group, CO_MAX_PARKED_SECONDS: '1' });
  });
  afterAll(async () => {
    expect(await builder.stop()).toBe(0);
    await pool.end();
  });

  let seq = 0;
  const code = () => `31${Date.now().toString().slice(-8)}${String(++seq).padStart(6, '0')}`;
  const at = (date: string, hour = 10) => `${date}T${String(hour).padStart(2, '0')}:00:00Z`;

  function hire(cf: string, o: { start?: string; end?: string; contratto?: string; employer?: string } = {}): Unilav {
    const co = F.fixtureAssunzione({ datiInvio: { codiceComunicazione: code(), tipoComunicazione: '01', dataInvio: at(o.start ?? '2024-03-01', 8) } });
    co.lavoratore = F.fixtureLavoratore(cf);
    co.datore = F.fixtureDatore(o.employer ?? F.FIXTURE_EMPLOYER_CF);
    co.inizio = { ...co.inizio, dataInizio: o.start ?? '2024-03-01', tipologiaContrattuale: o.contratto ?? 'A.02.00' };
    if ((o.contratto ?? 'A.02.00') === 'A.01.00') delete co.inizio.dataFine;
    else co.inizio.dataFine = o.end ?? '2024-08-31';
    return co;
  }
  function next(base: Unilav, tipoEvento: Unilav['tipoEvento'], invio: string, sections: Partial<Unilav>): Unilav {
    return { ...structuredClone(base), datiInvio: { codiceComunicazione: code(), tipoComunicazione: '01', dataInvio: invio }, tipoEvento, ...sections };
  }
  function correct<T extends Co>(target: T, tu: '03' | '04', invio: string, change: (c: T) => void = () => undefined): T {
    const c = structuredClone(target);
    c.datiInvio = { codiceComunicazione: code(), tipoComunicazione: tu, dataInvio: invio, codiceComunicazionePrecedente: target.datiInvio.codiceComunicazione };
    change(c);
    return c;
  }

  async function state(cf: string): Promise<WorkerState | undefined> {
    const { rows } = await pool.query<{ state: WorkerState }>('SELECT state FROM cartella_lavorativa WHERE codice_fiscale = $1', [cf]);
    return rows[0]?.state;
  }
  /** Wait until the worker's state holds `count` distinct COs, then project it. */
  async function cartella(cf: string, count: number): Promise<CartellaLavorativa> {
    const s = await waitFor(`${count} COs in the state`, async () => {
      const st = await state(cf);
      return st && Object.keys(st.cos).length >= count ? st : undefined;
    });
    return project(s, TODAY);
  }
  const dossierVersion = async (cf: string) => Number((await pool.query('SELECT version FROM dossier WHERE codice_fiscale = $1', [cf])).rows[0]?.version);

  it('duplicates have no second effect (same content, same codice)', async () => {
    const cf = randomCf();
    const a = hire(cf);
    await publishCos(prefix, [a, a, structuredClone(a)]);
    const marker = hire(cf, { start: '2024-10-01' }); // delivered after the duplicates on the same partition
    await publishCos(prefix, [marker]);
    const c = await cartella(cf, 2);
    expect(c.rapporti).toHaveLength(2);
    expect(await dossierVersion(cf)).toBe(2);
  });

  it('reversed delivery gives the same cartella as in-order delivery', async () => {
    const cf1 = randomCf();
    const cf2 = randomCf();
    const build = (cf: string) => {
      const a = hire(cf, { end: '2024-06-30' });
      return [a, next(a, 'PRO', at('2024-06-25'), { proroga: { dataFineProroga: '2024-12-31' } }), next(a, 'CES', at('2024-11-02'), { cessazione: { data: '2024-11-01', causa: 'LI' } })];
    };
    await publishCos(prefix, build(cf1));
    await publishCos(prefix, build(cf2).reverse());
    const [inOrder, reversed] = [await cartella(cf1, 3), await cartella(cf2, 3)];
    const strip = (c: CartellaLavorativa) => c.rapporti.map((r) => ({ stato: r.stato, fine: r.dataFineEffettiva, attuale: r.attuale.dataFine, eventi: r.storia.map((e) => [e.tipoEvento, e.esito]) }));
    expect(strip(reversed)).toEqual(strip(inOrder));
    expect(inOrder.rapporti[0].stato).toBe('CESSATO');
    expect(inOrder.rapporti[0].dataFineEffettiva).toBe('2024-11-01');
  });

  it('parks a correction that arrives before its target, then applies it', async () => {
    const cf = randomCf();
    const a = hire(cf);
    const fix = correct(a, '03', at('2024-03-02'), (c) => (c.inizio.tipologiaContrattuale = 'A.01.00', delete c.inizio.dataFine));
    await publishCos(prefix, [fix]);
    const parked = await cartella(cf, 1);
    expect(parked.correzioniInAttesa.map((p) => p.codiceComunicazione)).toEqual([fix.datiInvio.codiceComunicazione]);
    const pending = await pool.query('SELECT pending_since FROM cartella_lavorativa WHERE codice_fiscale = $1', [cf]);
    expect(pending.rows[0].pending_since).not.toBeNull();
    // Parked longer than CO_MAX_PARKED_SECONDS (1 s here): reported by the metric and the operator listing.
    await new Promise((r) => setTimeout(r, 1500));
    const listing = (await (await fetch(`${builder.url}/v1/correzioni-in-attesa`)).json()) as { codiceComunicazione: string }[];
    expect(listing.map((l) => l.codiceComunicazione)).toContain(fix.datiInvio.codiceComunicazione);
    expect(JSON.stringify(listing)).not.toContain(cf);
    const metrics = await (await fetch(builder.metricsUrl)).text();
    expect(Number(/builder_co_corrections_overdue\{[^}]*\} (\d+)/.exec(metrics)?.[1])).toBeGreaterThanOrEqual(1);
    await publishCos(prefix, [a]);
    const applied = await cartella(cf, 2);
    expect(applied.correzioniInAttesa).toEqual([]);
    expect(applied.rapporti[0].attuale.tipologiaContrattuale).toBe('A.01.00');
    const after = await pool.query('SELECT pending_since FROM cartella_lavorativa WHERE codice_fiscale = $1', [cf]);
    expect(after.rows[0].pending_since).toBeNull();
  });

  it('resolves a chain of rettifiche A → A′ → A″ to the tip', async () => {
    const cf = randomCf();
    const a = hire(cf);
    const a1 = correct(a, '03', at('2024-03-02'), (c) => (c.inizio.oreSettimanaliMedie = 25));
    const a2 = correct(a1, '03', at('2024-03-03'), (c) => (c.inizio.oreSettimanaliMedie = 30));
    await publishCos(prefix, [a2, a, a1]);
    const c = await cartella(cf, 3);
    expect(c.rapporti).toHaveLength(1);
    expect(c.rapporti[0].attuale.oreSettimanaliMedie).toBe(30);
    expect(c.rapporti[0].storia[0].codiceComunicazione).toBe(a2.datiInvio.codiceComunicazione);
  });

  it('an annulled assunzione means the rapporto never existed, with what hangs on it; a rettifica of it is rejected', async () => {
    const cf = randomCf();
    const a = hire(cf);
    const p = next(a, 'PRO', at('2024-08-20'), { proroga: { dataFineProroga: '2024-12-31' } });
    const voided = correct(a, '04', at('2024-03-05'));
    const lateFix = correct(a, '03', at('2024-03-06'), (c) => (c.inizio.oreSettimanaliMedie = 10));
    await publishCos(prefix, [a, p, voided, lateFix]);
    const c = await cartella(cf, 4);
    expect(c.rapporti).toEqual([]);
    expect(c.rapportiAnnullati).toHaveLength(1);
    expect(c.rapportiAnnullati[0].codiciComunicazione).toEqual(expect.arrayContaining([a.datiInvio.codiceComunicazione, p.datiInvio.codiceComunicazione]));
    expect(c.scartate.map((s) => s.codiceComunicazione)).toContain(lateFix.datiInvio.codiceComunicazione);
  });

  it('VARDATORI moves the open rapporto to the new employer without ending it', async () => {
    const cf = randomCf();
    const a = hire(cf, { contratto: 'A.01.00' });
    const v = F.fixtureVardatori({
      datiInvio: { codiceComunicazione: code(), tipoComunicazione: '01', dataInvio: at('2024-06-03') },
      datore: F.fixtureDatore(F.FIXTURE_EMPLOYER2_CF),
      datorePrecedente: { codiceFiscale: F.FIXTURE_EMPLOYER_CF },
      variazione: { tipo: 'TRASFERIMENTO_AZIENDA', data: '2024-06-01' },
      lavoratori: [{ codiceFiscale: cf, cognome: 'ROSSI', nome: 'MARIA' }],
    });
    await publishCos(prefix, [v, a]);
    const c = await cartella(cf, 2);
    expect(c.rapporti).toHaveLength(1);
    expect(c.rapporti[0].stato).toBe('ATTIVO');
    expect(c.rapporti[0].attuale.datore.codiceFiscale).toBe(F.FIXTURE_EMPLOYER2_CF);
    expect(c.rapporti[0].datoriPrecedenti.map((d) => d.codiceFiscale)).toEqual([F.FIXTURE_EMPLOYER_CF]);
  });

  it('a UNIURG completed by its UNILAV is one hiring, not two', async () => {
    const cf = randomCf();
    const u = F.fixtureUniurg({
      datiInvio: { codiceComunicazione: code(), tipoComunicazione: '01', dataInvio: at('2024-03-01', 7) },
      lavoratore: { codiceFiscale: cf, cognome: 'ROSSI', nome: 'MARIA' },
      inizio: { dataInizio: '2024-03-01', dataFine: '2024-08-31', tipologiaContrattuale: 'A.02.00' },
    });
    const completion = hire(cf);
    completion.datiInvio = { ...completion.datiInvio, tipoComunicazione: '07', codiceComunicazionePrecedente: u.datiInvio.codiceComunicazione, dataInvio: at('2024-03-02') };
    await publishCos(prefix, [u]);
    const provisional = await cartella(cf, 1);
    expect(provisional.rapporti.map((r) => r.provvisorio)).toEqual([true]);
    await publishCos(prefix, [completion]);
    const c = await cartella(cf, 2);
    expect(c.rapporti).toHaveLength(1);
    expect(c.rapporti[0].provvisorio).toBe(false);
  });

  it('a fixed-term rapporto past its end with no proroga shows as ended at term', async () => {
    const cf = randomCf();
    await publishCos(prefix, [hire(cf, { end: '2024-08-31' })]);
    const c = await cartella(cf, 1);
    expect(c.rapporti[0].stato).toBe('CESSATO_AL_TERMINE');
    expect(c.rapporti[0].dataFineEffettiva).toBe('2024-08-31');
    expect(project((await state(cf))!, '2024-05-01').rapporti[0].stato).toBe('ATTIVO');
  });

  /** The builder's listings and a metric, read as an operator would. */
  const refusedListing = async () => (await (await fetch(`${builder.url}/v1/co-rifiutate`)).json()) as { codiceComunicazione: string; motivo: string }[];
  const parkedListing = async () => (await (await fetch(`${builder.url}/v1/correzioni-in-attesa?oltreSecondi=0`)).json()) as { codiceComunicazione: string }[];
  const refusedMetric = async (reason: string) => {
    const text = await (await fetch(builder.metricsUrl)).text();
    return Number(new RegExp(`builder_co_refused\\{[^}]*reason="${reason}"[^}]*\\} (\\d+)`).exec(text)?.[1] ?? 0);
  };

  it('a rettifica of an annulled CO is refused: listed with its reason and counted, the dossier version unchanged', async () => {
    const cf = randomCf();
    const a = hire(cf);
    const voided = correct(a, '04', at('2024-03-05'));
    await publishCos(prefix, [a, voided]);
    await cartella(cf, 2);
    const version = await dossierVersion(cf);
    const metricBefore = await refusedMetric('RETTIFICA_OF_ANNULLED');
    const lateFix = correct(a, '03', at('2024-03-06'), (c) => (c.inizio.oreSettimanaliMedie = 10));
    await publishCos(prefix, [lateFix]);
    const c = await cartella(cf, 3);
    expect(c.scartate.map((x) => [x.codiceComunicazione, x.code])).toEqual([[lateFix.datiInvio.codiceComunicazione, 'RETTIFICA_OF_ANNULLED']]);
    expect(await dossierVersion(cf)).toBe(version);
    const listing = await refusedListing();
    expect(listing).toContainEqual(expect.objectContaining({ codiceComunicazione: lateFix.datiInvio.codiceComunicazione, motivo: 'RETTIFICA_OF_ANNULLED', tipoComunicazione: '03' }));
    expect(JSON.stringify(listing)).not.toContain(cf);
    expect(await refusedMetric('RETTIFICA_OF_ANNULLED')).toBe(metricBefore + 1);
    const filtered = (await (await fetch(`${builder.url}/v1/co-rifiutate?motivo=RETTIFICA_OF_ANNULLED`)).json()) as { motivo: string }[];
    expect(new Set(filtered.map((l) => l.motivo))).toEqual(new Set(['RETTIFICA_OF_ANNULLED']));
    const bad = await fetch(`${builder.url}/v1/co-rifiutate?motivo=${encodeURIComponent("x' OR 1=1")}`);
    expect([bad.status, bad.headers.get('content-type')]).toEqual([400, expect.stringContaining('application/problem+json')]);
    expect(((await bad.json()) as { errors: { path: string }[] }).errors.map((e) => e.path)).toEqual(['motivo']);
  });

  it('a proroga the folded end refuses (its own terms repeat the first end) is listed, and the version does not move', async () => {
    const cf = randomCf();
    const a = hire(cf, { end: '2024-06-30' });
    const p1 = next(a, 'PRO', at('2024-06-25'), { proroga: { dataFineProroga: '2024-12-31' } });
    // Valid on its own (after the end it repeats), not after the end p1 set: only the builder can tell.
    const p2 = next(a, 'PRO', at('2024-07-10'), { proroga: { dataFineProroga: '2024-10-31' } });
    await publishCos(prefix, [a, p1]);
    await cartella(cf, 2);
    const version = await dossierVersion(cf);
    await publishCos(prefix, [p2]);
    const c = await cartella(cf, 3);
    expect(c.rapporti[0].attuale.dataFine).toBe('2024-12-31');
    expect(await dossierVersion(cf)).toBe(version);
    expect(await refusedListing()).toContainEqual(expect.objectContaining({ codiceComunicazione: p2.datiInvio.codiceComunicazione, motivo: 'PROROGA_NOT_AFTER_CURRENT_END', tipoEvento: 'PRO' }));
    expect(await refusedMetric('PROROGA_NOT_AFTER_CURRENT_END')).toBeGreaterThanOrEqual(1);
  });

  describe('a rettifica moving a CO to another worker (the two workers on different partitions)', () => {
    let partitions = 0;
    beforeAll(async () => {
      const admin = testKafka().admin();
      await admin.connect();
      const meta = await admin.fetchTopicMetadata({ topics: [topicName('coComunicazioni', prefix)] });
      await admin.disconnect();
      partitions = meta.topics[0].partitions.length;
    });
    // The producer's own partitioner, on the key the ingest would give each worker.
    const partitionOf = (cf: string) =>
      Partitioners.DefaultPartitioner()({
        topic: topicName('coComunicazioni', prefix),
        partitionMetadata: Array.from({ length: partitions }, (_, partitionId) => ({ partitionErrorCode: 0, partitionId, leader: 0, replicas: [0], isr: [0] })),
        message: { key: cfPseudonym(cf, TEST_PSEUDONYM_KEY), value: null },
      });
    function twoWorkers(): [string, string] {
      const old = randomCf();
      for (;;) {
        const moved = randomCf();
        if (partitionOf(moved) !== partitionOf(old)) return [old, moved];
      }
    }
    function movedHiring() {
      const [oldCf, newCf] = twoWorkers();
      const a = hire(oldCf, { contratto: 'A.01.00' });
      const r = correct(a, '03', at('2024-03-02'), (c) => (c.lavoratore = F.fixtureLavoratore(newCf)));
      return { oldCf, newCf, a, r };
    }
    async function expectMoved({ oldCf, newCf, a, r }: ReturnType<typeof movedHiring>) {
      expect(partitionOf(oldCf)).not.toBe(partitionOf(newCf));
      const [before, after] = [await cartella(oldCf, 2), await cartella(newCf, 2)];
      expect(before.rapporti).toEqual([]);
      expect(after.rapporti.map((x) => [x.id, x.lavoratoreCf, x.stato, x.storia.map((e) => e.codiceComunicazione)])).toEqual([
        [a.datiInvio.codiceComunicazione, newCf, 'ATTIVO', [r.datiInvio.codiceComunicazione]],
      ]);
      for (const c of [before, after]) expect(c.correzioniInAttesa).toEqual([]);
      const pending = await pool.query('SELECT count(*)::int AS n FROM cartella_lavorativa WHERE codice_fiscale = ANY($1) AND pending_since IS NOT NULL', [[oldCf, newCf]]);
      expect(pending.rows[0].n).toBe(0);
      expect((await parkedListing()).map((p) => p.codiceComunicazione)).not.toContain(r.datiInvio.codiceComunicazione);
      // Each worker's version counts what it was served: the new worker gained a rapporto.
      expect(await dossierVersion(newCf)).toBeGreaterThanOrEqual(1);
    }

    it('target first, then the rettifica', async () => {
      const m = movedHiring();
      await publishCos(prefix, [m.a]);
      await cartella(m.oldCf, 1);
      await publishCos(prefix, [m.r]);
      await expectMoved(m);
    });

    it('rettifica first (parked at the new worker), then the target', async () => {
      const m = movedHiring();
      await publishCos(prefix, [m.r]);
      expect((await cartella(m.newCf, 1)).correzioniInAttesa.map((p) => p.codiceComunicazione)).toEqual([m.r.datiInvio.codiceComunicazione]);
      await publishCos(prefix, [m.a]);
      await expectMoved(m);
    });

    it('both at once, in either order within one send, for several pairs', async () => {
      const pairs = Array.from({ length: 4 }, movedHiring);
      const producer = testKafka().producer({ idempotent: true, maxInFlightRequests: 1 });
      await producer.connect();
      try {
        const messages = pairs.flatMap((m, i) => (i % 2 ? [m.r, m.a] : [m.a, m.r])).flatMap((co) => coMessages(co));
        await producer.send({ topic: topicName('coComunicazioni', prefix), acks: -1, messages });
      } finally {
        await producer.disconnect();
      }
      for (const m of pairs) await expectMoved(m);
    });
  });

  it('property: any delivery order (with re-sends) of a generated history gives the in-order projection', async () => {
    const histories = [...iterateCoHistories({ workers: 40, seed: 20261126 })].filter((h) => h.cos.length >= 3 && h.cos.every((c) => c.modello !== 'VARDATORI')).slice(0, 4);
    expect(histories.length).toBeGreaterThan(0);
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: histories.length - 1 }), fc.integer(), async (pick, seed) => {
        const cf = randomCf();
        // Fresh codes too: a codiceComunicazione is unique nationwide, and the builder routes a correction
        // chain to every worker holding one of its codes (earlier runs hold these under other CFs).
        const codes = new Map<string, string>();
        const recode = (c: string) => codes.get(c) ?? (codes.set(c, code()), codes.get(c) as string);
        const rebind = (co: Co): Co => {
          const c = structuredClone(co) as Co;
          if (c.modello !== 'VARDATORI') c.lavoratore = { ...c.lavoratore, codiceFiscale: cf };
          const prec = c.datiInvio.codiceComunicazionePrecedente;
          c.datiInvio = { ...c.datiInvio, codiceComunicazione: recode(c.datiInvio.codiceComunicazione), ...(prec ? { codiceComunicazionePrecedente: recode(prec) } : {}) };
          return c;
        };
        const cos = histories[pick].cos.map(rebind);
        const expected = project(applyBatch(emptyState(cf), cos).state, TODAY);
        // A seeded shuffle plus re-sends of a few COs.
        const shuffled = fc.sample(fc.shuffledSubarray(cos, { minLength: cos.length, maxLength: cos.length }), { seed, numRuns: 1 })[0];
        await publishCos(prefix, [...shuffled, ...shuffled.slice(0, 2)]);
        const got = await cartella(cf, cos.length);
        expect({ ...got, lavoratoreCf: 'x' }).toEqual({ ...expected, lavoratoreCf: 'x' });
      }),
      { numRuns: 4 },
    );
  }, 120000);
});
