import { generateCoHistories, iterateCoHistories } from './generator/generate';
import { deriveSeed, mulberry32 } from './generator/prng';
import { serializeCoNdjson } from './json-format';
import { checkCoRules, validateCo } from './validate';
import { defaultCodeLists } from './code-lists';
import { isCorrection, type Co } from './model';

describe('generator', () => {
  const sample = generateCoHistories({ workers: 300, seed: 42 });

  it('is deterministic: same seed, same output', () => {
    expect(serializeCoNdjson(generateCoHistories({ workers: 300, seed: 42 }))).toBe(serializeCoNdjson(sample));
  });

  it('differs across seeds', () => {
    expect(serializeCoNdjson(generateCoHistories({ workers: 50, seed: 43 }))).not.toBe(serializeCoNdjson(generateCoHistories({ workers: 50, seed: 42 })));
  });

  it("gives worker i the same history whatever the number of workers", () => {
    const small = [...iterateCoHistories({ workers: 5, seed: 9 })];
    const large = [...iterateCoHistories({ workers: 40, seed: 9 })].slice(0, 5);
    expect(large).toEqual(small);
  });

  it('produces only COs that pass validation', () => {
    const bad = sample.map((co) => ({ code: co.datiInvio.codiceComunicazione, problems: validateCo(co) })).filter((r) => r.problems.length > 0);
    expect(bad).toEqual([]);
  });

  it('uses unique codici comunicazione, in delivery order', () => {
    const codes = sample.map((c) => c.datiInvio.codiceComunicazione);
    expect(new Set(codes).size).toBe(codes.length);
    const times = sample.map((c) => Date.parse(c.datiInvio.dataInvio));
    expect(times).toEqual([...times].sort((a, b) => a - b));
  });

  it('covers the mix the issue asks for', () => {
    const count = (pred: (c: Co) => boolean) => sample.filter(pred).length;
    const n = sample.length;
    const rett = count((c) => c.datiInvio.tipoComunicazione === '03') / n;
    const ann = count((c) => c.datiInvio.tipoComunicazione === '04') / n;
    expect(rett).toBeGreaterThan(0.01);
    expect(rett).toBeLessThan(0.04);
    expect(ann).toBeGreaterThan(0.001);
    expect(ann).toBeLessThan(0.012);
    expect(count((c) => c.modello === 'UNIURG')).toBeGreaterThan(0);
    expect(count((c) => c.modello === 'UNILAV' && ['02', '07', '08', '09'].includes(c.datiInvio.tipoComunicazione))).toBeGreaterThan(0);
    expect(count((c) => c.modello === 'VARDATORI')).toBeGreaterThan(0);
    expect(count((c) => c.modello === 'UNISOMM')).toBeGreaterThan(0);
    for (const ev of ['ASS', 'PRO', 'TRS', 'TRD', 'CES'] as const) expect(count((c) => c.tipoEvento === ev && !isCorrection(c))).toBeGreaterThan(0);
    const contracts = new Set(sample.filter((c) => c.tipoEvento === 'ASS' && 'inizio' in c).map((c) => (c as { inizio: { tipologiaContrattuale: string } }).inizio.tipologiaContrattuale));
    expect(contracts.size).toBeGreaterThanOrEqual(5);
  });

  it('includes 11-digit provisional worker CFs and 16-character employer CFs', () => {
    const workerCfs = new Set(sample.filter((c) => c.modello !== 'VARDATORI').map((c) => (c as { lavoratore: { codiceFiscale: string } }).lavoratore.codiceFiscale));
    expect([...workerCfs].some((cf) => /^\d{11}$/.test(cf))).toBe(true);
    expect(sample.some((c) => c.datore.codiceFiscale.length === 16)).toBe(true);
  });
});

describe('generator: Italy-wide people, employers and sectors', () => {
  const lists = defaultCodeLists();
  const belfiore = (code: string) => lists.table('belfiore').entries.get(code)?.[0];
  const cos = generateCoHistories({ workers: 400, seed: 7, unknownCodes: 0.05 });
  const rapporti = cos.filter((c): c is Extract<Co, { lavoratore: unknown; inizio: unknown }> => 'lavoratore' in c && 'inizio' in c && c.modello !== 'UNIURG');
  const births = rapporti.map((c) => c.lavoratore.nascita!).filter(Boolean);
  const provincesToday = new Set([...lists.table('belfiore').entries.values()].flat().filter((e) => e.attrs.tipo === 'comune' && !e.validTo).map((e) => e.attrs.provincia));

  it('has workers born in every province (so every region) and employers with sedi in every province', () => {
    const bornIn = new Set(births.map((n) => belfiore(n.comune)?.attrs.provincia).filter(Boolean));
    const sediIn = new Set(cos.map((c) => c.datore.sedeLegale && belfiore(c.datore.sedeLegale.comune)?.attrs.provincia).filter(Boolean));
    expect(provincesToday.size).toBeGreaterThan(100);
    expect([...provincesToday].filter((p) => !bornIn.has(p))).toEqual([]);
    expect([...provincesToday].filter((p) => !sediIn.has(p))).toEqual([]);
  });

  it('has births abroad, in ceased states, and in comuni suppressed since, inside their validity', () => {
    const abroad = births.filter((n) => n.comune.startsWith('Z'));
    expect(abroad.length).toBeGreaterThan(births.length * 0.05);
    const suppressed = births.filter((n) => !n.comune.startsWith('Z') && belfiore(n.comune)?.validTo !== undefined);
    expect(suppressed.length).toBeGreaterThan(0);
    for (const n of suppressed) {
      const e = belfiore(n.comune)!;
      expect(n.data <= e.validTo! && (!e.validFrom || e.validFrom <= n.data)).toBe(true);
    }
  });

  it('spreads employers over every sector of the ATECO table and adds well-formed sectors it does not know', () => {
    const settori = new Set(cos.map((c) => c.datore.settore).filter((s): s is string => s !== undefined));
    const known = lists.validCodes('ateco').map((e) => e.code);
    expect(known.filter((k) => !settori.has(k))).toEqual([]);
    expect([...settori].filter((s) => lists.judge('ateco', s) === 'unlisted').length).toBeGreaterThan(0);
  });

  it('produces COs with no problem, some with warnings for codes the partial tables do not know', () => {
    const findings = cos.map((co) => checkCoRules(co));
    expect(findings.filter((f) => f.problems.length > 0)).toEqual([]);
    const tables = new Set(findings.flatMap((f) => f.avvisi.map((a) => a.tabella)));
    expect([...tables].sort()).toEqual(['ateco', 'ccnl', 'cittadinanza', 'qualificaCp2011']);
    expect(findings.flatMap((f) => f.avvisi).every((a) => a.code === 'CODICE_NON_IN_TABELLA')).toBe(true);
  });

  it('draws no unknown code unless asked', () => {
    expect(generateCoHistories({ workers: 200, seed: 7 }).flatMap((co) => checkCoRules(co).avvisi)).toEqual([]);
  });
});

describe('prng', () => {
  it('mulberry32 is reproducible and in [0, 1)', () => {
    const a = mulberry32(1);
    const b = mulberry32(1);
    const xs = Array.from({ length: 1000 }, () => a());
    expect(xs).toEqual(Array.from({ length: 1000 }, () => b()));
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThan(1);
  });

  it('derives different seeds per stream', () => {
    const seeds = new Set(Array.from({ length: 1000 }, (_, i) => deriveSeed(42, i)));
    expect(seeds.size).toBe(1000);
  });
});
