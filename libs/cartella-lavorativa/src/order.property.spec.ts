// Property: the cartella depends on which COs arrived, never on the order they arrived in or on
// redeliveries. Histories come from the seeded CO generator (realistic mixes with rettifiche,
// annullamenti, UNIURG, VARDATORI) plus one hand-written rapporto that uses every correction rule.
import fc from 'fast-check';
import { coFixtures as F, iterateCoHistories, type Co, type Unilav } from '@fsl/co';
import { applyBatch, emptyState, project } from './index';

const TODAYS = ['2018-06-30', '2021-01-01', '2025-07-01'] as const;

function deliver(cos: readonly Co[], workerCf: string, order: readonly number[], dups: ReadonlyArray<readonly [number, number]>): Co[] {
  const seq = order.map((i) => cos[i]);
  for (const [which, where] of dups) seq.splice(Math.min(where, seq.length), 0, structuredClone(cos[which]));
  void workerCf;
  return seq;
}

function delivery(n: number) {
  const idx = Array.from({ length: n }, (_, i) => i);
  return fc.record({
    order: fc.shuffledSubarray(idx, { minLength: n, maxLength: n }),
    dups: fc.array(fc.tuple(fc.nat({ max: n - 1 }), fc.nat({ max: n })), { maxLength: 6 }),
    today: fc.constantFrom(...TODAYS),
  });
}

function sameProjection(cos: readonly Co[], workerCf: string, d: { order: number[]; dups: Array<[number, number]>; today: string }): void {
  const inOrder = applyBatch(emptyState(workerCf), cos).state;
  const shuffled = applyBatch(emptyState(workerCf), deliver(cos, workerCf, d.order, d.dups)).state;
  expect(project(shuffled, d.today)).toEqual(project(inOrder, d.today));
}

describe('delivery order does not matter', () => {
  it('for generated worker histories (any permutation, with duplicates)', () => {
    const scenario = fc.integer({ min: 0, max: 2 ** 31 - 1 }).chain((seed) => {
      const h = iterateCoHistories({ workers: 1, seed }).next().value;
      if (!h || h.cos.length === 0) throw new Error('the generator always hires at least once');
      return fc.tuple(fc.constant(h), delivery(h.cos.length));
    });
    fc.assert(
      fc.property(scenario, ([h, d]) => sameProjection(h.cos, h.codiceFiscale, d)),
      { numRuns: 250 },
    );
  });

  it('for generated histories whose first hiring a rettifica moves to another worker (both workers)', () => {
    const other = 'BNCLGU85C10H501Q';
    const scenario = fc.integer({ min: 0, max: 2 ** 31 - 1 }).chain((seed) => {
      const h = iterateCoHistories({ workers: 1, seed }).next().value;
      const first = h?.cos.find((c: Co): c is Unilav => c.modello === 'UNILAV' && c.tipoEvento === 'ASS' && c.datiInvio.tipoComunicazione === '01');
      if (!h || !first) return fc.constant(undefined);
      const moved = structuredClone(first);
      moved.datiInvio = { codiceComunicazione: '1999999999999999', tipoComunicazione: '03', dataInvio: first.datiInvio.dataInvio, codiceComunicazionePrecedente: first.datiInvio.codiceComunicazione };
      moved.lavoratore = { ...moved.lavoratore, codiceFiscale: other };
      // The builder delivers the history and the rettifica to the first worker, and the chain (the
      // hiring, its corrections in the history, transitively, and the new rettifica) to the other one.
      const chain = new Set([first.datiInvio.codiceComunicazione]);
      for (const c of h.cos as Co[]) {
        const prec = c.datiInvio.codiceComunicazionePrecedente;
        if (prec !== undefined && chain.has(prec) && ['03', '04'].includes(c.datiInvio.tipoComunicazione)) chain.add(c.datiInvio.codiceComunicazione);
      }
      const deliveries = [
        { cf: h.codiceFiscale, cos: [...h.cos, moved] },
        { cf: other, cos: [...h.cos.filter((c: Co) => chain.has(c.datiInvio.codiceComunicazione)), moved] },
      ];
      return fc.tuple(fc.constant(deliveries), delivery(deliveries[0].cos.length), delivery(deliveries[1].cos.length));
    });
    fc.assert(
      fc.property(scenario, (picked) => {
        if (!picked) return;
        const [deliveries, ...orders] = picked;
        deliveries.forEach(({ cf, cos }, i) => {
          const d = orders[i];
          const chain = (list: readonly Co[]) => list.map((co) => ({ co, chain: true }));
          const inOrder = applyBatch(emptyState(cf), chain(cos)).state;
          const shuffled = applyBatch(emptyState(cf), chain(deliver(cos, cf, d.order, d.dups))).state;
          expect(project(shuffled, d.today)).toEqual(project(inOrder, d.today));
          expect(project(inOrder, d.today).correzioniInAttesa).toEqual([]);
        });
      }),
      { numRuns: 150 },
    );
  });

  it('for one rapporto using every correction rule', () => {
    const cos = richRapporto();
    fc.assert(
      fc.property(delivery(cos.length), (d) => sameProjection(cos, F.FIXTURE_WORKER_CF, d)),
      { numRuns: 400 },
    );
  });
});

/** UNIURG → UNILAV 02 → rettifica chain → proroga → its annullamento → proroga → rettifica of the
 * annulled one (rejected) → DI → VARDATORI → cessazione by the new employer, plus an annulled second hiring. */
function richRapporto(): Co[] {
  let n = 0;
  const code = () => `13${String(++n).padStart(14, '0')}`;
  const at = (d: string, h = 10) => `${d}T${String(h).padStart(2, '0')}:00:00Z`;
  const env = (invio: string, tu: Unilav['datiInvio']['tipoComunicazione'] = '01', precedente?: string) => ({
    codiceComunicazione: code(),
    tipoComunicazione: tu,
    dataInvio: invio,
    ...(precedente ? { codiceComunicazionePrecedente: precedente } : {}),
  });
  const corr = <T extends Co>(t: T, tu: '03' | '04', invio: string, change: (c: T) => void = () => undefined): T => {
    const c = structuredClone(t);
    c.datiInvio = env(invio, tu, t.datiInvio.codiceComunicazione);
    change(c);
    return c;
  };
  const urg = F.fixtureUniurg({ datiInvio: env(at('2024-03-01', 7)) });
  const a = F.fixtureAssunzione({ datiInvio: env(at('2024-03-02'), '02', urg.datiInvio.codiceComunicazione) });
  const a1 = corr(a, '03', at('2024-03-03'), (c) => (c.inizio.retribuzione = 15000));
  const a2 = corr(a1, '03', at('2024-03-04'), (c) => (c.inizio.qualificaProfessionale = '5.1.2.2.0.0'));
  const ev = (tipoEvento: Unilav['tipoEvento'], invio: string, s: Partial<Unilav>, datore = a2.datore): Unilav => ({
    ...structuredClone(a2),
    datiInvio: env(invio),
    tipoEvento,
    datore,
    ...s,
  });
  const p1 = ev('PRO', at('2024-08-20'), { proroga: { dataFineProroga: '2024-10-31' } });
  const x1 = corr(p1, '04', at('2024-08-21'));
  const p2 = ev('PRO', at('2024-08-22'), { proroga: { dataFineProroga: '2024-12-31' } });
  const r1 = corr(p1, '03', at('2024-08-23'), (c) => (c.proroga = { dataFineProroga: '2024-11-30' }));
  const t = ev('TRS', at('2024-12-02'), { trasformazione: { codice: 'DI', data: '2024-12-01', tipologiaContrattuale: 'A.01.00' } });
  const v = F.fixtureVardatori({ datiInvio: env(at('2025-02-03')), variazione: { tipo: 'TRASFERIMENTO_AZIENDA', data: '2025-02-01' } });
  const c = ev('CES', at('2025-06-03'), { cessazione: { data: '2025-05-31', causa: 'LI' } }, F.fixtureDatore(F.FIXTURE_EMPLOYER2_CF));
  const other = F.fixtureAssunzione({ datiInvio: env(at('2025-05-20')), datore: F.fixtureDatore(F.FIXTURE_EMPLOYER2_CF) });
  other.inizio = { ...other.inizio, dataInizio: '2025-09-01', dataFine: '2025-12-31' };
  const xo = corr(other, '04', at('2025-05-21'));
  return [urg, a, a1, a2, p1, x1, p2, r1, t, v, c, other, xo];
}

describe('the hand-written rapporto', () => {
  it('projects as expected in order', () => {
    const cos = richRapporto();
    const cartella = project(applyBatch(emptyState(F.FIXTURE_WORKER_CF), cos).state, '2025-07-01');
    expect(cartella.rapporti).toHaveLength(1);
    const r = cartella.rapporti[0];
    expect(r).toMatchObject({ stato: 'CESSATO', dataFineEffettiva: '2025-05-31', provvisorio: false, id: cos[0].datiInvio.codiceComunicazione });
    expect(r.attuale).toMatchObject({ tipologiaContrattuale: 'A.01.00', qualificaProfessionale: '5.1.2.2.0.0', datore: { codiceFiscale: F.FIXTURE_EMPLOYER2_CF } });
    expect(r.storia.map((e) => `${e.tipoEvento}:${e.esito}`)).toEqual(['URG:COMPLETATO', 'ASS:APPLICATO', 'PRO:ANNULLATO', 'PRO:APPLICATO', 'TRS:APPLICATO', 'VAR:APPLICATO', 'CES:APPLICATO']);
    expect(cartella.scartate.map((s) => s.code)).toEqual(['RETTIFICA_OF_ANNULLED']);
    expect(cartella.rapportiAnnullati).toHaveLength(1);
    expect(cartella.version).toBe(cos.length);
  });
});
