import { generateCoHistories, generateCoPerAssunzioni, iterateCoHistories, type AssunzioneAttesa } from './generator/generate';
import { FIXTURE_EMPLOYER2_CF, FIXTURE_EMPLOYER_CF, fixtureLavoratore } from './fixtures';
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

describe('generator: hirings another source implies (assunzioniAttese)', () => {
  const base = [...iterateCoHistories({ workers: 12, seed: 21, from: '2020-01-01', until: '2025-06-30' })];
  // Hand-written hirings for workers 2, 5 (twice) and 9: employers, places and days are this test's own.
  const attese: AssunzioneAttesa[] = [
    { codiceFiscale: base[2].codiceFiscale, datore: { codiceFiscale: FIXTURE_EMPLOYER_CF, denominazione: 'OFFERENTE UNO SRL', settore: '56.10.11', sedeComune: 'F205' }, dataInizio: '2024-05-06', tipologiaContrattuale: 'A.01.00', qualificaProfessionale: '5.2.2.3.1.0' },
    { codiceFiscale: base[5].codiceFiscale, datore: { codiceFiscale: FIXTURE_EMPLOYER2_CF, denominazione: 'OFFERENTE DUE SRL', sedeComune: 'L219' }, dataInizio: '2024-11-18', tipologiaContrattuale: 'A.02.00' },
    { codiceFiscale: base[5].codiceFiscale, datore: { codiceFiscale: FIXTURE_EMPLOYER_CF, denominazione: 'OFFERENTE UNO SRL', sedeComune: 'F205' }, dataInizio: '2025-03-03' },
    { codiceFiscale: base[9].codiceFiscale, datore: { codiceFiscale: FIXTURE_EMPLOYER2_CF, denominazione: 'OFFERENTE DUE SRL', sedeComune: 'H501' }, dataInizio: '2025-06-30' },
  ];
  const opts = { workers: 12, seed: 21, from: '2020-01-01', until: '2025-06-30', assunzioniAttese: attese };
  const withHirings = [...iterateCoHistories(opts)];
  const hiringsOf = (cos: readonly Co[], cf: string) =>
    cos.filter((c): c is Extract<Co, { modello: 'UNILAV' }> => c.modello === 'UNILAV' && c.tipoEvento === 'ASS' && c.datiInvio.tipoComunicazione !== '04' && c.lavoratore.codiceFiscale === cf);

  it('adds, for each, a UNILAV hiring of that worker by that employer on that day, never annulled', () => {
    for (const a of attese) {
      const cos = withHirings.find((h) => h.codiceFiscale === a.codiceFiscale)!.cos;
      const match = hiringsOf(cos, a.codiceFiscale).filter((c) => c.datore.codiceFiscale === a.datore.codiceFiscale && c.inizio.dataInizio === a.dataInizio);
      expect(match.length).toBeGreaterThanOrEqual(1);
      expect(match[0].datore.denominazione).toBe(a.datore.denominazione);
      expect(match[0].datore.sedeLavoro?.comune).toBe(a.datore.sedeComune);
      const annulled = cos.filter((c) => c.datiInvio.tipoComunicazione === '04').map((c) => c.datiInvio.codiceComunicazionePrecedente);
      for (const m of match) expect(annulled).not.toContain(m.datiInvio.codiceComunicazione);
    }
    const first = hiringsOf(withHirings[2].cos, base[2].codiceFiscale).find((c) => c.inizio.dataInizio === '2024-05-06')!;
    expect(first.inizio.tipologiaContrattuale).toBe('A.01.00');
    expect(first.inizio.qualificaProfessionale).toBe('5.2.2.3.1.0');
    expect(first.datore.settore).toBe('56.10.11');
    const td = hiringsOf(withHirings[5].cos, base[5].codiceFiscale).find((c) => c.inizio.dataInizio === '2024-11-18')!;
    expect(td.inizio.dataFine! > '2024-11-18').toBe(true);
  });

  it("leaves every other CO of every worker exactly as generated without them", () => {
    for (let i = 0; i < base.length; i++) {
      const codes = new Set(base[i].cos.map((c) => c.datiInvio.codiceComunicazione));
      expect(withHirings[i].cos.filter((c) => codes.has(c.datiInvio.codiceComunicazione))).toEqual(base[i].cos);
      const extra = withHirings[i].cos.filter((c) => !codes.has(c.datiInvio.codiceComunicazione));
      expect(extra.length > 0).toBe([2, 5, 9].includes(i));
      // The extra COs are the imposed rapporti's: their employer, or a VARDATORI moving them away from it.
      for (const c of extra) expect([FIXTURE_EMPLOYER_CF, FIXTURE_EMPLOYER2_CF]).toContain(c.modello === 'VARDATORI' ? c.datorePrecedente.codiceFiscale : c.datore.codiceFiscale);
    }
  });

  it('produces valid COs, unique codici comunicazione, the same for the same options', () => {
    const all = withHirings.flatMap((h) => h.cos);
    expect(all.map((co) => ({ code: co.datiInvio.codiceComunicazione, problems: validateCo(co) })).filter((r) => r.problems.length > 0)).toEqual([]);
    expect(new Set(all.map((c) => c.datiInvio.codiceComunicazione)).size).toBe(all.length);
    expect(serializeCoNdjson(generateCoHistories(opts))).toBe(serializeCoNdjson(generateCoHistories(opts)));
  });

  it('refuses hirings it cannot honour, naming no codice fiscale', () => {
    const stranger = { ...attese[0], codiceFiscale: fixtureLavoratore().codiceFiscale };
    expect(() => generateCoHistories({ ...opts, assunzioniAttese: [stranger] })).toThrow('1 assunzioniAttese name no generated worker');
    expect(() => generateCoHistories({ ...opts, assunzioniAttese: [{ ...attese[0], dataInizio: '2025-07-01' }] })).toThrow('1 assunzioniAttese start outside [from, until]');
  });

  it('writes the hirings of a worker it did not generate (generateCoPerAssunzioni)', () => {
    const lavoratore = fixtureLavoratore();
    const a: AssunzioneAttesa = { codiceFiscale: lavoratore.codiceFiscale, datore: { codiceFiscale: FIXTURE_EMPLOYER2_CF, denominazione: 'OFFERENTE DUE SRL', settore: '41.20.00', sedeComune: 'L219' }, dataInizio: '2025-02-10', tipologiaContrattuale: 'A.03.02' };
    const cos = generateCoPerAssunzioni({ lavoratore, assunzioni: [a], seed: 3, prefissoComunicazione: '210002599990', until: '2025-06-30' });
    const [hiring] = hiringsOf(cos, lavoratore.codiceFiscale);
    expect(hiring.lavoratore).toEqual(lavoratore);
    expect(hiring.datore.codiceFiscale).toBe(FIXTURE_EMPLOYER2_CF);
    expect(hiring.inizio.dataInizio).toBe('2025-02-10');
    expect(hiring.datiInvio.dataInvio.slice(0, 10) < '2025-02-10').toBe(true);
    // Born 1990: 34 at the start, too old for an apprenticeship, so a fixed-term contract instead.
    expect(hiring.inizio.tipologiaContrattuale).toBe('A.02.00');
    expect(cos.every((c) => c.datiInvio.codiceComunicazione.startsWith('210002599990'))).toBe(true);
    expect(cos.flatMap((co) => validateCo(co))).toEqual([]);
    expect(() => generateCoPerAssunzioni({ lavoratore, assunzioni: [{ ...a, codiceFiscale: FIXTURE_EMPLOYER_CF }], seed: 3, prefissoComunicazione: '210002599990' })).toThrow(RangeError);
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
