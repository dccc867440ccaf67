import { iterateCoHistories } from '@fsl/co';
import { decode, encode, type Subject } from '@fsl/schemas';
import { generateSiisl } from '@fsl/siisl';
import { checkGepi, generateGepi, gepiFromAvro, gepiNdjsonLine, gepiHeaderFields, gepiToAvro, nucleiAdiDaSiisl, SUBJECTS, versioniDocumento, type GeneratedGepi, type Pais, type RecordOf } from './index';
import { addToGepiSection, type StoredVersion } from './versioning';

// The households the SIISL generator makes for its ADI measures, from the CO generator's workers.
const workers = [...iterateCoHistories({ workers: 120, seed: 7, from: '2018-01-01', until: '2025-06-30' })];
const siisl = generateSiisl({ persone: workers.map((w) => ({ codiceFiscale: w.codiceFiscale, cos: w.cos })), seed: 11 });
const nuclei = nucleiAdiDaSiisl(siisl.records);
const data = generateGepi({ nuclei, seed: 5 });

type Upd<E extends keyof RecordOf> = Extract<RecordOf[E], { operazione: 'AGGIORNAMENTO' }>;
const of = <E extends GeneratedGepi['entita']>(e: E) => data.records.filter((g) => g.entita === e).map((g) => g.record as Upd<E>);

describe('generateGepi', () => {
  it('takes the ADI households of the SIISL generator', () => {
    expect(nuclei.length).toBeGreaterThan(10);
    const misure = siisl.records.filter((g) => g.entita === 'misura-inclusione');
    for (const n of nuclei) {
      const m = misure.find((g) => g.record.id === n.domandaId)?.record;
      expect(m && 'codiceFiscale' in m ? m.codiceFiscale : undefined).toBe(n.codiciFiscali[0]);
      expect(m && 'dati' in m && 'misura' in m.dati ? m.dati.misura : undefined).toBe('ADI');
    }
  });

  it('is deterministic for a seed, and household i does not depend on who comes after', () => {
    expect(JSON.stringify(generateGepi({ nuclei, seed: 5 }))).toBe(JSON.stringify(data));
    expect(JSON.stringify(generateGepi({ nuclei, seed: 6 }))).not.toBe(JSON.stringify(data));
    const few = generateGepi({ nuclei: nuclei.slice(0, 4), seed: 5 });
    const firstCases = new Set(few.casi.map((c) => c.casoId));
    expect(few.records).toEqual(data.records.filter((g) => firstCases.has(g.entita === 'caso' ? g.record.id : (g.record as { casoId: string }).casoId)));
  });

  it('every record passes checkGepi, without a warning', () => {
    const bad = data.records.map((g) => ({ g, r: checkGepi(g.entita, g.record) })).filter(({ r }) => !r.ok || r.warnings.length > 0);
    expect(bad.map(({ g, r }) => [g.entita, g.record.id, g.record.versione, r.ok ? r.warnings : r.problems])).toEqual([]);
    expect(new Set(data.records.map((g) => g.entita))).toEqual(new Set(['caso', 'nucleo-caso', 'analisi-preliminare', 'quadro-analisi', 'equipe-multidisciplinare', 'pais', 'partecipazione-puc', 'pad-nucleo']));
  });

  it('one case per household, for its application, with the household\'s members', () => {
    const casi = of('caso');
    for (const c of data.casi) {
      const n = nuclei.find((x) => x.domandaId === c.domandaId)!;
      expect(casi.filter((x) => x.id === c.casoId).every((x) => x.dati.domandaId === n.domandaId)).toBe(true);
      const nucleo = of('nucleo-caso').find((x) => x.casoId === c.casoId)!;
      expect(nucleo.dati.componenti.filter((x) => x.motivoIngresso === 'COMPOSIZIONE_INIZIALE').map((x) => x.codiceFiscale)).toEqual([...n.codiciFiscali]);
    }
  });

  it('sends several versions of each document, successive record versions, and a gap on purpose', () => {
    const versions = new Map<string, number[]>();
    for (const g of data.records) versions.set(`${g.entita}/${g.record.id}`, [...(versions.get(`${g.entita}/${g.record.id}`) ?? []), g.record.versione]);
    for (const v of versions.values()) expect(v).toEqual(v.map((_, k) => k + 1));
    for (const e of ['analisi-preliminare', 'quadro-analisi', 'pais'] as const) {
      expect(of(e).some((d) => d.dati.numeroVersione > 1)).toBe(true);
    }
    const withGap = data.casi.filter((c) => c.documentiConLacune.length > 0);
    expect(withGap.length).toBeGreaterThan(0);
    for (const c of withGap) {
      let section: Record<string, Array<StoredVersion<Pais>>> = {};
      for (const r of of('pais').filter((p) => p.id === c.documentiConLacune[0])) section = addToGepiSection<Pais>(section, r).section;
      expect(versioniDocumento(section[c.documentiConLacune[0]]).mancanti).toEqual([3]);
    }
  });

  it('changes households (a birth, a member leaving) and moves a few cases to another ente', () => {
    const nuclei = of('nucleo-caso');
    expect(nuclei.some((n) => n.dati.componenti.some((x) => x.motivoIngresso === 'NASCITA'))).toBe(true);
    expect(nuclei.some((n) => n.dati.componenti.some((x) => x.al !== undefined))).toBe(true);
    const moved = data.casi.filter((c) => c.trasferito);
    expect(moved.length).toBeGreaterThan(0);
    expect(moved.length).toBeLessThan(data.casi.length / 2);
    for (const c of moved) {
      const last = of('caso').filter((x) => x.id === c.casoId).at(-1)!;
      expect(last.dati.enti).toHaveLength(2);
      expect(last.dati.enti[0].codice).not.toBe(last.dati.enti[1].codice);
    }
  });

  it('gives PaIS with sostegni (internships included) and each member\'s impegni', () => {
    const pais = of('pais');
    expect(pais.some((p) => p.dati.sostegni.some((s) => s.tipo === 'TIROCINIO_INCLUSIONE'))).toBe(true);
    expect(pais.some((p) => new Set(p.dati.impegni.map((i) => i.codiceFiscale)).size > 1)).toBe(true);
  });

  it('every record survives the Avro round trip', () => {
    for (const g of data.records) {
      const header = { ...gepiHeaderFields(g.entita, g.record), eventId: 'e-1', ingestedAt: 0, correlationId: null };
      const back = decode(encode(SUBJECTS[g.entita] as Subject, { header, payload: gepiToAvro(g.entita, g.record) } as never));
      expect(gepiFromAvro(g.entita, back.value.payload as never).record).toEqual(g.record);
    }
  });
});

describe('gepiNdjsonLine', () => {
  it('writes the envelope with a top-level "entita", the layout of ingest-gepi\'s file job; the rest is the record as checkGepi takes it', () => {
    const pais = data.records.find((g) => g.entita === 'pais')!;
    const line = gepiNdjsonLine(pais);
    expect(line).not.toContain('\n');
    const { entita, ...rest } = JSON.parse(line) as { entita: string };
    expect(entita).toBe('pais');
    expect(Object.keys(rest).sort()).toEqual(['aggiornatoIl', 'casoId', 'dati', 'id', 'operazione', 'versione']);
    expect(rest).toEqual(pais.record);
    expect(checkGepi('pais', rest).ok).toBe(true);
  });
});
