// A rettifica that corrects the worker's CF moves the CO to another worker. The builder delivers the
// whole correction chain to every worker it names (ApplyOptions.chain / adoptFact); these tests check
// what each worker's state then projects, whatever the order the chain arrives in.
import fc from 'fast-check';
import { coFixtures as F, type Co, type Unilav } from '@fsl/co';
import { adoptFact, applyBatch, applyCo, emptyState, overdueCorrections, project, reviewState, type WorkerState } from './index';

const OLD = F.FIXTURE_WORKER_CF;
const NEW = 'BNCLGU85C10H501Q';
const THIRD = 'VRDGPP70A01F205X';
const TODAY = '2024-06-01';
let seq = 0;
const code = () => `15${String(++seq).padStart(14, '0')}`;

function hire(cf: string): Unilav {
  const co = F.fixtureAssunzione({ datiInvio: { codiceComunicazione: code(), tipoComunicazione: '01', dataInvio: '2024-02-28T10:00:00Z' } });
  co.lavoratore = F.fixtureLavoratore(cf);
  return co;
}
function rettifica(target: Unilav, cf: string, invio: string): Unilav {
  const c = structuredClone(target);
  c.datiInvio = { codiceComunicazione: code(), tipoComunicazione: '03', dataInvio: invio, codiceComunicazionePrecedente: target.datiInvio.codiceComunicazione };
  c.lavoratore = F.fixtureLavoratore(cf);
  return c;
}
function annullamento(target: Unilav, invio: string): Unilav {
  const c = structuredClone(target);
  c.datiInvio = { codiceComunicazione: code(), tipoComunicazione: '04', dataInvio: invio, codiceComunicazionePrecedente: target.datiInvio.codiceComunicazione };
  return c;
}
const deliverAll = (cf: string, cos: readonly Co[]): WorkerState => applyBatch(emptyState(cf), cos.map((co) => ({ co, chain: true }))).state;

describe('a rettifica moving a CO to another worker', () => {
  const a = hire(OLD);
  const r = rettifica(a, NEW, '2024-02-29T09:00:00Z');

  it('the old worker loses the rapporto and the new one gains it, with nothing parked', () => {
    const old = project(deliverAll(OLD, [a, r]), TODAY);
    const gained = project(deliverAll(NEW, [a, r]), TODAY);
    expect(old.rapporti).toEqual([]);
    expect(old.rapportiAnnullati).toEqual([]);
    expect(old.correzioniInAttesa).toEqual([]);
    expect(gained.rapporti).toHaveLength(1);
    expect(gained.rapporti[0]).toMatchObject({ id: a.datiInvio.codiceComunicazione, lavoratoreCf: NEW, stato: 'ATTIVO' });
    expect(gained.rapporti[0].storia.map((e) => [e.codiceComunicazione, e.esito])).toEqual([[r.datiInvio.codiceComunicazione, 'APPLICATO']]);
    expect(gained.correzioniInAttesa).toEqual([]);
    expect(overdueCorrections(deliverAll(NEW, [a, r]), '2030-01-01T00:00:00Z', 0)).toEqual([]);
  });

  it('a CO is not-for-worker unless it names the worker, corrects a CO held, or comes as a chain member', () => {
    expect(applyCo(emptyState(NEW), a).outcome).toBe('not-for-worker');
    expect(applyCo(emptyState(NEW), a, { chain: true }).outcome).toBe('applied');
  });

  it('adopting the stored fact from the other worker equals delivering the CO', () => {
    const holder = applyCo(emptyState(OLD), a, { receivedAt: '2024-02-28T10:00:01Z' }).state;
    const viaCopy = adoptFact(applyCo(emptyState(NEW), r).state, holder.cos[a.datiInvio.codiceComunicazione]).state;
    const viaCo = applyBatch(emptyState(NEW), [r, { co: a, receivedAt: '2024-02-28T10:00:01Z', chain: true }]).state;
    expect(viaCopy.cos).toEqual(viaCo.cos);
    expect(adoptFact(viaCopy, holder.cos[a.datiInvio.codiceComunicazione]).outcome).toBe('duplicate');
  });

  it('an annullamento of the moved CO voids the rapporto of the new worker only', () => {
    const x = annullamento(r, '2024-02-29T12:00:00Z');
    expect(project(deliverAll(OLD, [a, r, x]), TODAY).rapportiAnnullati).toEqual([]);
    expect(project(deliverAll(NEW, [a, r, x]), TODAY).rapportiAnnullati).toHaveLength(1);
  });

  it('any delivery order gives each worker the in-order cartella, through a second move', () => {
    const r2 = rettifica(r, THIRD, '2024-03-01T09:00:00Z');
    const chain = [a, r, r2];
    fc.assert(
      fc.property(fc.shuffledSubarray([0, 1, 2], { minLength: 3, maxLength: 3 }), fc.constantFrom(OLD, NEW, THIRD), (order, cf) => {
        const expected = project(deliverAll(cf, chain), TODAY);
        expect(project(deliverAll(cf, order.map((i) => chain[i])), TODAY)).toEqual(expected);
        expect(expected.rapporti.length).toBe(cf === THIRD ? 1 : 0);
        expect(expected.correzioniInAttesa).toEqual([]);
      }),
    );
  });
});

describe('reviewState', () => {
  it('lists a proroga refused against the folded end and a rettifica of an annulled CO, with their reasons', () => {
    const a = hire(OLD);
    const p = { ...structuredClone(a), tipoEvento: 'PRO' as const, datiInvio: { codiceComunicazione: code(), tipoComunicazione: '01' as const, dataInvio: '2024-08-20T10:00:00Z' }, proroga: { dataFineProroga: '2024-07-31' } };
    const b = hire(OLD);
    b.inizio = { ...b.inizio, dataInizio: '2025-01-10', dataFine: '2025-06-30' };
    const x = annullamento(b, '2025-01-02T10:00:00Z');
    const late = rettifica(b, OLD, '2025-01-03T10:00:00Z');
    const s = applyBatch(emptyState(OLD), [a, p, b, x, late]).state;
    expect(reviewState(s).rifiutate.map((c) => [c.codiceComunicazione, c.motivo, c.tipoEvento])).toEqual(
      [
        [p.datiInvio.codiceComunicazione, 'PROROGA_NOT_AFTER_CURRENT_END', 'PRO'],
        [late.datiInvio.codiceComunicazione, 'RETTIFICA_OF_ANNULLED', 'ASS'],
      ].sort((m, n) => (m[0] < n[0] ? -1 : 1)),
    );
  });

  it('lists a VARDATORI that moved no rapporto, until the hiring it applies to arrives', () => {
    const v = F.fixtureVardatori({ datiInvio: { codiceComunicazione: code(), tipoComunicazione: '01', dataInvio: '2024-06-03T09:00:00Z' } });
    const alone = applyCo(emptyState(OLD), v).state;
    expect(reviewState(alone).rifiutate.map((c) => [c.codiceComunicazione, c.motivo])).toEqual([[v.datiInvio.codiceComunicazione, 'VARIAZIONE_SENZA_RAPPORTO']]);
    const hired = hire(OLD);
    hired.inizio = { ...hired.inizio, tipologiaContrattuale: 'A.01.00', dataFine: undefined };
    expect(reviewState(applyCo(alone, hired).state).rifiutate).toEqual([]);
  });

  it('the effect moves with an applied CO and not with a refused or a parked one', () => {
    const a = hire(OLD);
    const s1 = applyCo(emptyState(OLD), a).state;
    const refused = { ...structuredClone(a), tipoEvento: 'PRO' as const, datiInvio: { codiceComunicazione: code(), tipoComunicazione: '01' as const, dataInvio: '2024-08-20T10:00:00Z' }, proroga: { dataFineProroga: '2024-08-31' } };
    const parked = rettifica(hire(OLD), OLD, '2024-03-01T10:00:00Z');
    const s2 = applyBatch(s1, [refused, parked]).state;
    const applied = { ...refused, datiInvio: { ...refused.datiInvio, codiceComunicazione: code() }, proroga: { dataFineProroga: '2024-12-31' } };
    const s3 = applyCo(s2, applied).state;
    expect(reviewState(emptyState(OLD)).effect).not.toBe(reviewState(s1).effect);
    expect(reviewState(s2).effect).toBe(reviewState(s1).effect);
    expect(reviewState(s3).effect).not.toBe(reviewState(s2).effect);
    expect([reviewState(s1).pendingSince, reviewState(s2).pendingSince]).toEqual([undefined, parked.datiInvio.dataInvio]);
  });
});
