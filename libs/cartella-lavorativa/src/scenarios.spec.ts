import { coFixtures as F, type Co, type Unilav, type Uniurg, type Vardatori } from '@fsl/co';
import { applyBatch, applyCo, emptyState, overdueCorrections, project, type CartellaLavorativa, type WorkerState } from './index';

const W = F.FIXTURE_WORKER_CF;
const E1 = F.FIXTURE_EMPLOYER_CF;
const E2 = F.FIXTURE_EMPLOYER2_CF;
let seq = 0;
const code = (): string => `21${String(++seq).padStart(14, '0')}`;
const at = (date: string, hour = 10): string => `${date}T${String(hour).padStart(2, '0')}:00:00Z`;

interface Hire {
  start?: string;
  end?: string;
  contratto?: string;
  employer?: string;
  invio?: string;
  tu?: Unilav['datiInvio']['tipoComunicazione'];
  precedente?: string;
}
function ass(h: Hire = {}): Unilav {
  const start = h.start ?? '2024-03-01';
  const contratto = h.contratto ?? 'A.02.00';
  const co = F.fixtureAssunzione({
    datiInvio: { codiceComunicazione: code(), tipoComunicazione: h.tu ?? '01', dataInvio: h.invio ?? at(start, 8), codiceComunicazionePrecedente: h.precedente },
  });
  co.datore = { ...F.fixtureDatore(h.employer ?? E1) };
  co.inizio = { ...co.inizio, dataInizio: start, tipologiaContrattuale: contratto };
  if (contratto === 'A.01.00') delete co.inizio.dataFine;
  else co.inizio.dataFine = h.end ?? '2024-08-31';
  return co;
}
/** A later event of the same rapporto: same datore / lavoratore / inizio, new envelope and section. */
function event(base: Unilav, tipoEvento: Unilav['tipoEvento'], invio: string, sections: Partial<Unilav>, employer?: string): Unilav {
  return {
    ...structuredClone(base),
    datiInvio: { codiceComunicazione: code(), tipoComunicazione: '01', dataInvio: invio },
    tipoEvento,
    ...(employer ? { datore: F.fixtureDatore(employer) } : {}),
    ...sections,
  };
}
const pro = (b: Unilav, invio: string, fine: string) => event(b, 'PRO', invio, { proroga: { dataFineProroga: fine } });
const ces = (b: Unilav, invio: string, data: string, employer?: string) => event(b, 'CES', invio, { cessazione: { data, causa: 'LI' } }, employer);
const di = (b: Unilav, invio: string, data: string) => event(b, 'TRS', invio, { trasformazione: { codice: 'DI', data, tipologiaContrattuale: 'A.01.00' } });
function correction<T extends Co>(target: T, tu: '03' | '04', invio: string, change: (c: T) => void = () => undefined): T {
  const c = structuredClone(target);
  c.datiInvio = { codiceComunicazione: code(), tipoComunicazione: tu, dataInvio: invio, codiceComunicazionePrecedente: target.datiInvio.codiceComunicazione };
  change(c);
  return c;
}
function urg(start = '2024-03-01', invio = at(start, 7)): Uniurg {
  return F.fixtureUniurg({ datiInvio: { codiceComunicazione: code(), tipoComunicazione: '01', dataInvio: invio }, inizio: { dataInizio: start, dataFine: '2024-08-31', tipologiaContrattuale: 'A.02.00' } });
}
function vardatori(data: string, invio: string, from = E1, to = E2): Vardatori {
  return F.fixtureVardatori({
    datiInvio: { codiceComunicazione: code(), tipoComunicazione: '01', dataInvio: invio },
    datore: F.fixtureDatore(to),
    datorePrecedente: { codiceFiscale: from },
    variazione: { tipo: 'TRASFERIMENTO_AZIENDA', data },
  });
}

const run = (cos: Co[], state: WorkerState = emptyState(W)): WorkerState => applyBatch(state, cos).state;
const view = (cos: Co[], today = '2024-05-01'): CartellaLavorativa => project(run(cos), today);
const codes = (c: CartellaLavorativa) => c.rapporti.map((r) => r.storia.map((e) => `${e.tipoEvento}:${e.esito}`));

describe('cartella lavorativa: basics', () => {
  it('a hiring opens an active rapporto', () => {
    const a = ass();
    const c = view([a]);
    expect(c.rapporti).toHaveLength(1);
    expect(c.rapporti[0]).toMatchObject({ id: a.datiInvio.codiceComunicazione, stato: 'ATTIVO', datoreCfIniziale: E1, dataInizio: '2024-03-01', provvisorio: false, assunzioneMancante: false });
    expect(c.rapporti[0].attuale).toMatchObject({ tipologiaContrattuale: 'A.02.00', dataFine: '2024-08-31', tipoOrario: 'P', oreSettimanaliMedie: 20 });
    expect(c.version).toBe(1);
  });

  it('treats codes as data, not as object members', () => {
    const a = ass();
    a.datiInvio.codiceComunicazione = 'constructor';
    expect(applyCo(emptyState(W), a).outcome).toBe('applied');
  });

  it('ignores COs of other workers', () => {
    const other = ass();
    other.lavoratore = F.fixtureLavoratore('00349040287');
    expect(applyCo(emptyState(W), other).outcome).toBe('not-for-worker');
  });

  it('keeps the state plain JSON: a JSONB round trip changes nothing', () => {
    const a = ass();
    const s = run([a, pro(a, at('2024-08-28'), '2024-12-31'), correction(a, '03', at('2024-02-29'), (c) => (c.inizio.retribuzione = 1))]);
    const copy = JSON.parse(JSON.stringify(s)) as WorkerState;
    expect(copy).toEqual(s);
    expect(project(copy, '2024-10-01')).toEqual(project(s, '2024-10-01'));
  });
});

describe('duplicates and versions', () => {
  it('a duplicate has no second effect and does not bump the version', () => {
    const a = ass();
    const once = run([a]);
    const r = applyCo(once, structuredClone(a));
    expect(r.outcome).toBe('duplicate');
    expect(r.state).toBe(once);
    expect(project(r.state, '2024-05-01')).toEqual(project(once, '2024-05-01'));
  });

  it('the version grows with every applied change', () => {
    const a = ass();
    const { state, outcomes } = applyBatch(emptyState(W), [a, a, pro(a, at('2024-08-25'), '2024-10-31'), a]);
    expect(outcomes).toEqual(['applied', 'duplicate', 'applied', 'duplicate']);
    expect(state.version).toBe(2);
  });

  it('same code with different content is a conflict, resolved the same way in any order', () => {
    const a = ass();
    const b = structuredClone(a);
    b.inizio.retribuzione = 99999;
    const ab = applyBatch(emptyState(W), [a, b]);
    const ba = applyBatch(emptyState(W), [b, a]);
    expect(ab.outcomes[1]).toBe('conflict');
    expect(ab.state).toEqual(ba.state);
    expect(project(ab.state, '2024-05-01').conflitti).toEqual([{ codiceComunicazione: a.datiInvio.codiceComunicazione, hashes: expect.any(Array) }]);
  });
});

describe('out-of-order delivery', () => {
  it('reversed order gives the same cartella as in-order delivery', () => {
    const a = ass();
    const p = pro(a, at('2024-08-28'), '2024-12-31');
    const t = di(a, at('2024-11-03'), '2024-11-01');
    const c = ces({ ...a, inizio: { ...a.inizio, tipologiaContrattuale: 'A.01.00', dataFine: undefined } }, at('2025-03-03'), '2025-02-28');
    const inOrder = view([a, p, t, c], '2025-06-01');
    expect(view([c, t, p, a], '2025-06-01')).toEqual(inOrder);
    expect(inOrder.rapporti[0]).toMatchObject({ stato: 'CESSATO', dataFineEffettiva: '2025-02-28' });
    expect(inOrder.rapporti[0].attuale.tipologiaContrattuale).toBe('A.01.00');
    expect(inOrder.rapporti[0].attuale.dataFine).toBeUndefined();
  });

  it('events before their assunzione form a provisional orphan, merged when the assunzione arrives', () => {
    const a = ass();
    const c = ces(a, at('2024-06-03'), '2024-05-31');
    const orphan = view([c], '2024-07-01');
    expect(orphan.rapporti).toEqual([expect.objectContaining({ assunzioneMancante: true, stato: 'CESSATO' })]);
    const both = view([c, a], '2024-07-01');
    expect(both.rapporti).toEqual([expect.objectContaining({ id: a.datiInvio.codiceComunicazione, assunzioneMancante: false, stato: 'CESSATO' })]);
  });
});

describe('rettifica and annullamento', () => {
  it('a rettifica replaces its target in the same slot; chains resolve to the tip', () => {
    const a = ass();
    const a1 = correction(a, '03', at('2024-02-29', 9), (c) => (c.inizio.qualificaProfessionale = '5.1.2.2.0.0'));
    const a2 = correction(a1, '03', at('2024-02-29', 11), (c) => (c.inizio.dataFine = '2024-09-30'));
    const c = view([a2, a, a1]);
    expect(c.rapporti).toHaveLength(1);
    const r = c.rapporti[0];
    expect(r.attuale).toMatchObject({ qualificaProfessionale: '5.1.2.2.0.0', dataFine: '2024-09-30' });
    expect(r.storia).toEqual([
      expect.objectContaining({ codiceOriginale: a.datiInvio.codiceComunicazione, codiceComunicazione: a2.datiInvio.codiceComunicazione, rettifiche: [a1.datiInvio.codiceComunicazione, a2.datiInvio.codiceComunicazione], esito: 'APPLICATO' }),
    ]);
  });

  it('a rettifica that moves the start date moves the rapporto', () => {
    const a = ass();
    const moved = correction(a, '03', at('2024-02-29'), (c) => (c.inizio.dataInizio = '2024-03-04'));
    expect(view([a, moved]).rapporti.map((r) => [r.id, r.dataInizio])).toEqual([[a.datiInvio.codiceComunicazione, '2024-03-04']]);
  });

  it('an annulled assunzione means the rapporto never existed, with everything hanging on it', () => {
    const a = ass({ invio: at('2024-02-20') });
    const p = pro(a, at('2024-08-28'), '2024-12-31');
    const x = correction(a, '04', at('2024-02-25'));
    for (const order of [[a, p, x], [x, p, a], [p, x, a]]) {
      const c = view(order, '2024-10-01');
      expect(c.rapporti).toEqual([]);
      expect(c.periodi).toEqual([]);
      expect(c.rapportiAnnullati).toEqual([
        { datoreCf: E1, dataInizio: '2024-03-01', codiciComunicazione: [a, p, x].map((co) => co.datiInvio.codiceComunicazione).sort() },
      ]);
    }
  });

  it('an annulled event is undone and kept in the history', () => {
    const a = ass();
    const p = pro(a, at('2024-08-28'), '2024-12-31');
    const x = correction(p, '04', at('2024-08-29'));
    const c = view([x, a, p], '2024-09-15');
    expect(c.rapporti[0]).toMatchObject({ stato: 'CESSATO_AL_TERMINE', dataFineEffettiva: '2024-08-31' });
    expect(codes(c)).toEqual([['ASS:APPLICATO', 'PRO:ANNULLATO']]);
  });

  it('a rettifica of an annulled CO is rejected and reported', () => {
    const a = ass({ invio: at('2024-02-20') });
    const x = correction(a, '04', at('2024-02-21'));
    const r = correction(a, '03', at('2024-02-22'), (c) => (c.inizio.retribuzione = 1));
    const c = view([r, a, x]);
    expect(c.rapporti).toEqual([]);
    expect(c.scartate).toEqual([expect.objectContaining({ codiceComunicazione: r.datiInvio.codiceComunicazione, code: 'RETTIFICA_OF_ANNULLED' })]);
  });

  it('an annullamento cannot itself be corrected', () => {
    const a = ass();
    const p = pro(a, at('2024-08-28'), '2024-12-31');
    const x = correction(p, '04', at('2024-08-29'));
    const undo = correction(x, '04', at('2024-08-30'));
    expect(view([a, p, x, undo]).scartate).toEqual([expect.objectContaining({ codiceComunicazione: undo.datiInvio.codiceComunicazione, code: 'CORRECTION_OF_ANNULLAMENTO' })]);
  });

  it('a correction arriving before its target is parked, reported when overdue, applied when the target arrives', () => {
    const a = ass();
    const r = correction(a, '03', at('2024-02-29'), (c) => (c.inizio.dataFine = '2024-12-31'));
    const parked = applyBatch(emptyState(W), [{ co: r, receivedAt: '2024-03-01T00:00:00Z' }]).state;
    const c = project(parked, '2024-03-02');
    expect(c.rapporti).toEqual([]);
    expect(c.correzioniInAttesa).toEqual([
      { codiceComunicazione: r.datiInvio.codiceComunicazione, codiceComunicazionePrecedente: a.datiInvio.codiceComunicazione, tipoComunicazione: '03', ricevutaIl: '2024-03-01T00:00:00Z' },
    ]);
    const hour = 3_600_000;
    expect(overdueCorrections(parked, '2024-03-01T05:00:00Z', 6 * hour)).toEqual([]);
    expect(overdueCorrections(parked, '2024-03-01T07:00:00Z', 6 * hour)).toHaveLength(1);
    const done = project(run([a], parked), '2024-10-01');
    expect(done.correzioniInAttesa).toEqual([]);
    expect(done.rapporti[0]).toMatchObject({ stato: 'ATTIVO' });
    expect(done.rapporti[0].attuale.dataFine).toBe('2024-12-31');
  });
});

describe('state-dependent rules applied while folding', () => {
  it('a proroga that does not move the end forward is not applied and is reported', () => {
    const a = ass();
    const p = pro(a, at('2024-08-20'), '2024-07-31');
    const c = view([a, p], '2024-08-25');
    expect(c.rapporti[0].attuale.dataFine).toBe('2024-08-31');
    expect(c.rapporti[0].anomalie).toEqual([expect.objectContaining({ codiceComunicazione: p.datiInvio.codiceComunicazione, code: 'PROROGA_NOT_AFTER_CURRENT_END' })]);
    expect(codes(c)).toEqual([['ASS:APPLICATO', 'PRO:SCARTATO']]);
  });
});

describe('ended at term (derived, not an event)', () => {
  it('a fixed-term rapporto past its end with no proroga shows as ended at term', () => {
    const a = ass();
    expect(view([a], '2024-08-31').rapporti[0].stato).toBe('ATTIVO');
    expect(view([a], '2024-09-01').rapporti[0]).toMatchObject({ stato: 'CESSATO_AL_TERMINE', dataFineEffettiva: '2024-08-31' });
    expect(view([a, pro(a, at('2024-08-28'), '2024-12-31')], '2024-09-01').rapporti[0].stato).toBe('ATTIVO');
    expect(view([a, di(a, at('2024-07-03'), '2024-07-01')], '2025-09-01').rapporti[0].stato).toBe('ATTIVO');
    expect(view([a], '2024-02-01').rapporti[0].stato).toBe('NON_INIZIATO');
  });
});

describe('UNIURG completed by a UNILAV', () => {
  it('alone, the urgency notice is a provisional rapporto', () => {
    expect(view([urg()]).rapporti).toEqual([expect.objectContaining({ provvisorio: true, modello: 'UNIURG', stato: 'ATTIVO' })]);
  });

  it('the UNILAV that follows completes it: one rapporto, not a second hiring', () => {
    const u = urg();
    const a = ass({ tu: '02', invio: at('2024-03-02'), precedente: u.datiInvio.codiceComunicazione });
    for (const order of [[u, a], [a, u]]) {
      const c = view(order);
      expect(c.rapporti).toHaveLength(1);
      expect(c.rapporti[0]).toMatchObject({ id: u.datiInvio.codiceComunicazione, provvisorio: false, modello: 'UNILAV' });
      expect(codes(c)).toEqual([['URG:COMPLETATO', 'ASS:APPLICATO']]);
    }
  });

  it('is also completed by a UNILAV with the same employer and start date', () => {
    expect(view([urg(), ass({ invio: at('2024-03-02') })]).rapporti).toHaveLength(1);
  });
});

describe('VARDATORI', () => {
  it('moves an open rapporto to the new employer without ending it', () => {
    const a = ass({ contratto: 'A.01.00' });
    const v = vardatori('2024-06-01', at('2024-06-03'));
    const c = ces(a, at('2025-01-03'), '2024-12-31', E2);
    for (const order of [[a, v, c], [c, v, a], [v, c, a]]) {
      const r = view(order, '2025-02-01').rapporti;
      expect(r).toHaveLength(1);
      expect(r[0]).toMatchObject({ datoreCfIniziale: E1, stato: 'CESSATO', assunzioneMancante: false });
      expect(r[0].attuale.datore.codiceFiscale).toBe(E2);
      expect(r[0].datoriPrecedenti).toEqual([expect.objectContaining({ codiceFiscale: E1, finoAl: '2024-05-31' })]);
    }
    expect(view([a, v], '2024-07-01').rapporti[0].stato).toBe('ATTIVO');
  });

  it('does not move a rapporto that had ended before the variation', () => {
    const a = ass({ end: '2024-05-31' });
    const v = vardatori('2024-06-01', at('2024-06-03'));
    const c = view([a, v], '2024-07-01');
    expect(c.rapporti[0].attuale.datore.codiceFiscale).toBe(E1);
    expect(c.avvisi).toEqual([expect.objectContaining({ codiceComunicazione: v.datiInvio.codiceComunicazione, code: 'VARIAZIONE_SENZA_RAPPORTO' })]);
  });
});

describe('employment periods', () => {
  it('merges back-to-back rapporti and keeps gaps', () => {
    const a = ass({ start: '2024-01-01', end: '2024-03-31', invio: at('2023-12-28') });
    const b = ass({ start: '2024-04-01', end: '2024-06-30', employer: E2, invio: at('2024-03-28') });
    const d = ass({ start: '2024-09-01', contratto: 'A.01.00', invio: at('2024-08-28') });
    expect(view([d, b, a], '2024-10-01').periodi).toEqual([{ dal: '2024-01-01', al: '2024-06-30' }, { dal: '2024-09-01' }]);
  });
});

describe('UNISOMM', () => {
  it('tracks the mission and its extension', () => {
    const s = F.fixtureUnisomm({ datiInvio: { codiceComunicazione: code(), tipoComunicazione: '01', dataInvio: at('2024-02-28') } });
    const p = { ...structuredClone(s), tipoEvento: 'PRO' as const, datiInvio: { codiceComunicazione: code(), tipoComunicazione: '01' as const, dataInvio: at('2024-05-28') }, proroga: { dataFineProroga: '2024-07-31', dataFineMissione: '2024-07-31' } };
    const r = view([p, s], '2024-06-15').rapporti[0];
    expect(r).toMatchObject({ modello: 'UNISOMM', stato: 'ATTIVO' });
    expect(r.attuale.missione).toMatchObject({ utilizzatoreCf: E1, al: '2024-07-31' });
    expect(r.attuale.dataFine).toBe('2024-07-31');
  });
});

describe('a rettifica that moves a CO to another worker', () => {
  it('removes it from the old worker even though it names someone else', () => {
    const a = ass();
    const moved = correction(a, '03', at('2024-02-29'), (c) => (c.lavoratore = F.fixtureLavoratore('00349040287')));
    const s = run([a]);
    const r = applyCo(s, moved);
    expect(r.outcome).toBe('applied');
    expect(project(r.state, '2024-05-01').rapporti).toEqual([]);
  });
});
