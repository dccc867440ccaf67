import { chiavePrestazione } from './chiave';
import { decodeFlusso } from './decode';
import { tsFlussoMillis } from './entry';
import { DIFETTI, generateFlussi } from './generator';
import type { PrestazioneSociale } from './model';

describe('generateFlussi', () => {
  const flows = generateFlussi({ seed: 11, codiceEnte: 'A944', count: 500, burst: 120 });

  it('is deterministic for a seed', () => {
    expect(generateFlussi({ seed: 11, codiceEnte: 'A944', count: 500, burst: 120 })).toEqual(flows);
    expect(generateFlussi({ seed: 12, codiceEnte: 'A944', count: 500, burst: 120 }).map((f) => f.entry.flusso)).not.toEqual(flows.map((f) => f.entry.flusso));
  });

  it('serves the flows oldest first, some sharing a timestamp, a burst of 120 on one', () => {
    const ts = flows.map((f) => tsFlussoMillis(f.entry)!);
    expect(ts.every((t, i) => i === 0 || t >= ts[i - 1])).toBe(true);
    const perTs = new Map<number, number>();
    for (const t of ts) perTs.set(t, (perTs.get(t) ?? 0) + 1);
    expect(Math.max(...perTs.values())).toBe(120);
    expect([...perTs.values()].filter((n) => n > 1 && n < 120).length).toBeGreaterThan(10);
    expect(new Set(flows.map((f) => f.entry.id_flusso)).size).toBe(flows.length);
  });

  it('makes valid flows that decode to what it meant, with no warning but an unknown code', () => {
    const valid = flows.filter((f) => !f.difetto);
    expect(valid.some((f) => f.flusso.tipo === 'SINBA')).toBe(true);
    for (const f of valid) {
      const r = decodeFlusso(f.entry);
      expect(r).toMatchObject({ ok: true });
      if (!r.ok) continue;
      expect(r.prestazione).toEqual(f.flusso);
      expect(r.warnings.filter((w) => w.code !== 'CODE_UNKNOWN')).toEqual([]);
    }
  });

  it('makes every defect refused, as the outcome the specification names', () => {
    const all = generateFlussi({ seed: 5, codiceEnte: 'H501', count: 400, invalidShare: 0.5 });
    const seen = new Set<string>();
    for (const f of all.filter((x) => x.difetto)) {
      seen.add(f.difetto!);
      const r = decodeFlusso(f.entry);
      expect([f.difetto, r.ok]).toEqual([f.difetto, false]);
      if (!r.ok) expect(r.esito).toBe(f.difetto === 'CF_CARATTERE_CONTROLLO' ? 'DATI_NON_TROVATI' : 'RICHIESTA_INVALIDA');
    }
    expect([...seen].sort()).toEqual(Object.keys(DIFETTI).sort());
  });

  it('cancels earlier inserts: a later flow, TipoOperazione C, the same key', () => {
    const cancellations = flows.filter((f) => f.cancella);
    expect(cancellations.length).toBeGreaterThan(10);
    for (const c of cancellations) {
      const i = flows.findIndex((f) => f.entry.id_flusso === c.cancella);
      expect(i).toBeGreaterThanOrEqual(0);
      expect(flows.indexOf(c)).toBeGreaterThan(i);
      const [ins, can] = [flows[i].flusso, c.flusso] as PrestazioneSociale[];
      expect([ins.prestazione.tipoOperazione === 'C', can.prestazione.tipoOperazione]).toEqual([false, 'C']);
      expect(chiavePrestazione(can)).toEqual(chiavePrestazione(ins));
    }
  });

  it('takes the beneficiaries it is given, and writes ts_flusso in milliseconds when asked', () => {
    const cfs = ['RSSMRA85C52H501N', 'BNCLCU90A01F205X'];
    const given = generateFlussi({ seed: 1, codiceEnte: 'H501', count: 30, invalidShare: 0, sinbaShare: 0, beneficiari: cfs, tsFormat: 'millis' });
    expect(new Set(given.map((f) => (f.flusso as PrestazioneSociale).beneficiario.codiceFiscale))).toEqual(new Set(cfs));
    expect(given.every((f) => /^\d+$/.test(String(f.entry.ts_flusso)))).toBe(true);
  });
});
