import { coFixtures as F, type Co, type Unilav } from '@fsl/co';
import { applyBatch, cronologia, emptyState, giorniOccupazione, rapportiAttiviAl, type Cronologia } from './index';

// Expected values are counted by hand from the COs each test builds (calendar days, both ends included).

const W = F.FIXTURE_WORKER_CF;
const E1 = F.FIXTURE_EMPLOYER_CF;
const E2 = F.FIXTURE_EMPLOYER2_CF;
let seq = 0;
const code = (): string => `22${String(++seq).padStart(14, '0')}`;
const at = (date: string): string => `${date}T10:00:00Z`;

function ass(start: string, opts: { end?: string; contratto?: string; employer?: string; orario?: 'F' | 'P'; invio?: string } = {}): Unilav {
  const co = F.fixtureAssunzione({ datiInvio: { codiceComunicazione: code(), tipoComunicazione: '01', dataInvio: opts.invio ?? at(start) } });
  co.datore = F.fixtureDatore(opts.employer ?? E1);
  co.inizio = { ...co.inizio, dataInizio: start, tipologiaContrattuale: opts.contratto ?? 'A.02.00', dataFine: opts.end };
  if (opts.orario === 'F') {
    co.inizio.tipoOrario = 'F';
    delete co.inizio.oreSettimanaliMedie;
  }
  if (!opts.end) delete co.inizio.dataFine;
  return co;
}
const event = (base: Unilav, tipoEvento: Unilav['tipoEvento'], invio: string, sections: Partial<Unilav>): Unilav => ({
  ...structuredClone(base),
  datiInvio: { codiceComunicazione: code(), tipoComunicazione: '01', dataInvio: at(invio) },
  tipoEvento,
  ...sections,
});
const pro = (b: Unilav, invio: string, fine: string) => event(b, 'PRO', invio, { proroga: { dataFineProroga: fine } });
const ces = (b: Unilav, invio: string, data: string) => event(b, 'CES', invio, { cessazione: { data, causa: 'LI' } });
const trs = (b: Unilav, invio: string, t: NonNullable<Unilav['trasformazione']>) => event(b, 'TRS', invio, { trasformazione: t });
const annulla = (target: Co, invio: string): Co => {
  const c = structuredClone(target);
  c.datiInvio = { codiceComunicazione: code(), tipoComunicazione: '04', dataInvio: at(invio), codiceComunicazionePrecedente: target.datiInvio.codiceComunicazione };
  return c;
};

const cron = (cos: Co[], today = '2025-06-30'): Cronologia => cronologia(applyBatch(emptyState(W), cos).state, today);

describe('cronologia: the values in force through time', () => {
  it('a proroga moves the term from the start (as known now); a trasformazione changes the contract from its date', () => {
    const a = ass('2024-03-01', { end: '2024-08-31' });
    const c = cron([a, pro(a, '2024-08-20', '2024-12-31'), trs(a, '2024-10-28', { codice: 'DI', data: '2024-11-01', tipologiaContrattuale: 'A.01.00' })]);
    expect(c.rapporti).toHaveLength(1);
    expect(c.rapporti[0]!.inVigore.map((p) => ({ dal: p.dal, al: p.al, contratto: p.valori.tipologiaContrattuale, fine: p.valori.dataFine }))).toEqual([
      { dal: '2024-03-01', al: '2024-10-31', contratto: 'A.02.00', fine: '2024-12-31' },
      { dal: '2024-11-01', al: undefined, contratto: 'A.01.00', fine: undefined },
    ]);
  });

  it('part-time to full-time: the hours in force follow the trasformazione date', () => {
    const a = ass('2024-01-15', { contratto: 'A.01.00' });
    const c = cron([a, trs(a, '2024-05-30', { codice: 'PP', data: '2024-06-01', tipoOrario: 'F' })]);
    const attivi = (day: string) => rapportiAttiviAl(c, day).map((r) => [r.valori.tipoOrario, r.valori.oreSettimanaliMedie ?? null]);
    expect(attivi('2024-05-31')).toEqual([['P', 20]]);
    expect(attivi('2024-06-01')).toEqual([['F', null]]);
  });

  it('a change of employer (VARDATORI) is in force from its date; before, the previous employer', () => {
    const a = ass('2024-03-01', { contratto: 'A.01.00' });
    const v = F.fixtureVardatori({ datiInvio: { codiceComunicazione: code(), tipoComunicazione: '01', dataInvio: at('2024-06-03') }, variazione: { tipo: 'TRASFERIMENTO_AZIENDA', data: '2024-06-01' } });
    const c = cron([a, v]);
    expect(rapportiAttiviAl(c, '2024-05-31').map((r) => r.valori.datore.codiceFiscale)).toEqual([E1]);
    expect(rapportiAttiviAl(c, '2024-06-01').map((r) => r.valori.datore.codiceFiscale)).toEqual([E2]);
  });

  it('open on a day: from the start to the cessazione, both included; not before, not after', () => {
    const a = ass('2024-03-01', { contratto: 'A.01.00' });
    const c = cron([a, ces(a, '2024-09-30', '2024-09-30')]);
    expect(['2024-02-29', '2024-03-01', '2024-09-30', '2024-10-01'].map((d) => rapportiAttiviAl(c, d).length)).toEqual([0, 1, 1, 0]);
  });

  it('a fixed-term rapporto is open to its term after the proroghe; a refused proroga changes nothing', () => {
    const a = ass('2024-03-01', { end: '2024-08-31' });
    const late = pro(a, '2024-09-02', '2024-08-15'); // not after the current end: refused by the fold
    const c = cron([a, late]);
    expect(c.rapporti[0]!.rapporto.storia.map((e) => e.esito)).toEqual(['APPLICATO', 'SCARTATO']);
    expect(rapportiAttiviAl(c, '2024-08-31')).toHaveLength(1);
    expect(rapportiAttiviAl(c, '2024-09-01')).toHaveLength(0);
  });
});

describe('giorniOccupazione: calendar days employed in [dal, al]', () => {
  it('overlapping rapporti count each day once', () => {
    // 1 Mar - 31 May (92 days) and 1 May - 31 Jul (92 days) overlap in May (31): 92 + 92 - 31 = 153
    const c = cron([ass('2024-03-01', { end: '2024-05-31' }), ass('2024-05-01', { end: '2024-07-31', employer: E2 })]);
    expect(giorniOccupazione(c, '2024-01-01', '2024-12-31')).toBe(153);
    // clipped to the period: 15 Apr - 15 Jun = 16 + 31 + 15
    expect(giorniOccupazione(c, '2024-04-15', '2024-06-15')).toBe(62);
  });

  it('back-to-back rapporti and a termination the day before the period', () => {
    const a = ass('2024-01-01', { contratto: 'A.01.00' });
    const c = cron([a, ces(a, '2024-03-31', '2024-03-31'), ass('2024-04-01', { end: '2024-04-30', employer: E2 })]);
    expect(giorniOccupazione(c, '2024-03-30', '2024-04-02')).toBe(4);
    // the first ended on 31 March, the second on 30 April: nothing from 1 May
    expect(giorniOccupazione(c, '2024-05-01', '2024-05-31')).toBe(0);
    expect(giorniOccupazione(c, '2024-04-30', '2024-05-31')).toBe(1);
  });

  it('with contract types: only the days on which one of them was in force (trasformazione mid-period)', () => {
    const a = ass('2024-03-01', { end: '2024-08-31' });
    const c = cron([a, trs(a, '2024-06-10', { codice: 'DI', data: '2024-06-15', tipologiaContrattuale: 'A.01.00' })]);
    // A.02.00 from 1 Mar to 14 Jun, A.01.00 from 15 Jun; period: 1 Jun - 30 Jun
    expect(giorniOccupazione(c, '2024-06-01', '2024-06-30', ['A.02.00'])).toBe(14);
    expect(giorniOccupazione(c, '2024-06-01', '2024-06-30', ['A.01.00'])).toBe(16);
    expect(giorniOccupazione(c, '2024-06-01', '2024-06-30', ['A.01.00', 'A.02.00'])).toBe(30);
    expect(giorniOccupazione(c, '2024-06-01', '2024-06-30', ['A.03.00'])).toBe(0);
  });

  it('an annulled hiring counts for nothing, a part-time day counts as a day', () => {
    const annulled = ass('2024-02-01', { end: '2024-02-29', employer: E2 });
    const partTime = ass('2024-03-01', { end: '2024-03-10' });
    const c = cron([annulled, annulla(annulled, '2024-02-02'), partTime]);
    expect(c.rapporti.map((r) => r.rapporto.id)).toEqual([partTime.datiInvio.codiceComunicazione]);
    expect(giorniOccupazione(c, '2024-01-01', '2024-12-31')).toBe(10);
  });

  it('a CO received later counts as known now: the cessazione sent after the period ends the rapporto inside it', () => {
    const a = ass('2024-01-01', { contratto: 'A.01.00' });
    const before = cron([a]);
    expect(giorniOccupazione(before, '2024-01-01', '2024-01-31')).toBe(31);
    const after = cron([a, ces(a, '2025-01-10', '2024-01-10')]);
    expect(giorniOccupazione(after, '2024-01-01', '2024-01-31')).toBe(10);
  });

  it('an open-ended rapporto counts up to the end of the period', () => {
    const c = cron([ass('2024-12-01', { contratto: 'A.01.00', orario: 'F' })], '2025-03-01');
    expect(giorniOccupazione(c, '2024-01-01', '2025-02-28')).toBe(31 + 31 + 28);
  });
});
