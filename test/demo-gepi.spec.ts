// The GePI part of the demo script: the demo's GePI data against the SIISL data it comes from and against
// checkGepi, what "the api serves Maria Rossi's case" means, the counts it prints, and its client of the
// ingest-gepi contract against the contract stand-in (the real app is tested in its own suites; the whole
// demo runs through scripts/stack.sh).
import { checkGepi, type Entita, type GeneratedGepi } from '@fsl/gepi';
import { startContractServer, type ContractStub } from './support/ingest-contract-stub';

interface Nucleo { domandaId: string; codiciFiscali: string[] }
interface Caso { casoId: string; domandaId: string; trasferito: boolean; documentiConLacune: string[] }
interface Atteso extends Caso { stato: string; pais?: { id: string; numeroVersione: number } }
interface Feed { nuclei: Nucleo[]; casi: Caso[]; records: GeneratedGepi[]; consegne: Array<{ entita: Entita; record: GeneratedGepi['record']; nota?: string }>; lines: string[] }
interface Counts { casi: number; trasferiti: number; conLacune: number; record: number; righe: number; perEntita: Record<string, number> }
const gepi = require('../scripts/demo-gepi.js') as {
  gepiFeed: (siislFeed: unknown, seed: number) => Feed;
  gepiCounts: (f: Pick<Feed, 'casi' | 'records' | 'lines'>) => Counts;
  formatCounts: (c: Counts) => string;
  casoDi: (f: Feed, cf: string) => Atteso | undefined;
  missingGepiParts: (a: Pick<Atteso, 'casoId' | 'stato' | 'pais'>) => (answer: unknown) => string[];
  loadGepi: (o: { base: string; lines: string[]; route?: string; log?: (s: string) => void }) => Promise<{ righe: number; accettate: number }>;
};
interface SiislRecord { id: string; versione: number; operazione: string; codiceFiscale?: string; dati: { misura?: string; nucleo?: Array<{ codiceFiscale: string }> } }
const { DEMO_WORKERS, SEED, demoFeed } = require('../scripts/demo-data.js') as {
  DEMO_WORKERS: string[];
  SEED: number;
  demoFeed: (workers: number) => { siisl: { records: Array<{ entita: string; record: SiislRecord }> } };
};

const MARIA = DEMO_WORKERS[0];
const siislFeed = demoFeed(200); // the demo's default number of workers
const feed = gepi.gepiFeed(siislFeed, SEED);
const caseOf = (g: GeneratedGepi): string => (g.entita === 'caso' ? g.record.id : (g.record as { casoId: string }).casoId);
type Dati = Record<string, unknown> & {
  stato?: string;
  numeroVersione?: number;
  enti?: unknown[];
  componenti?: Array<{ codiceFiscale: string; ruolo: string; motivoIngresso?: string }>;
  sostegni?: Array<{ id: string; beneficiari: string[] }>;
  impegni?: Array<{ id: string; codiceFiscale: string }>;
};
const datiOf = (g: GeneratedGepi): Dati => (g.record as unknown as { dati: Dati }).dati;

/** The ADI measures of the SIISL data, read straight from its records: id → the household's CFs (latest version). */
function adiHouseholds(): Map<string, string[]> {
  const latest = new Map<string, SiislRecord>();
  for (const { entita, record } of siislFeed.siisl.records) {
    if (entita !== 'misura-inclusione' || record.operazione !== 'AGGIORNAMENTO' || record.dati.misura !== 'ADI') continue;
    if ((latest.get(record.id)?.versione ?? 0) < record.versione) latest.set(record.id, record);
  }
  return new Map([...latest].map(([id, r]) => [id, [...new Set([r.codiceFiscale!, ...(r.dati.nucleo ?? []).map((c) => c.codiceFiscale)])].sort()]));
}

describe("demo-gepi: the demo's GePI data", () => {
  it('every line is a record of ingest-gepi\'s file job that passes checkGepi without a warning', () => {
    expect(feed.lines.length).toBeGreaterThan(500);
    const bad = feed.lines.flatMap((line, i) => {
      const { entita, ...record } = JSON.parse(line) as { entita: Entita };
      const r = checkGepi(entita, record);
      return r.ok && r.warnings.length === 0 ? [] : [[i + 1, entita, r.ok ? r.warnings : r.problems]];
    });
    expect(bad).toEqual([]);
  });

  it('delivers every record at least once, with some older versions after newer ones and a few repeats', () => {
    const key = (e: string, r: { id: string; versione: number }) => `${e}/${r.id}@${r.versione}`;
    expect(new Set(feed.consegne.map((c) => key(c.entita, c.record)))).toEqual(new Set(feed.records.map((g) => key(g.entita, g.record))));
    expect(feed.consegne.filter((c) => c.nota === 'OBSOLETA').length).toBeGreaterThan(0);
    expect(feed.consegne.filter((c) => c.nota === 'DUPLICATA').length).toBeGreaterThan(0);
    expect(feed.lines).toEqual(gepi.gepiFeed(siislFeed, SEED).lines);
  });

  it('opens cases only for the ADI households of the SIISL data, with those households as their first members', () => {
    const adi = adiHouseholds();
    expect(feed.casi.length).toBeGreaterThan(20);
    for (const c of feed.casi) {
      expect(adi.has(c.domandaId)).toBe(true);
      const first = feed.records.find((g) => g.entita === 'nucleo-caso' && caseOf(g) === c.casoId)!;
      const iniziali = datiOf(first).componenti!.filter((x) => x.motivoIngresso === 'COMPOSIZIONE_INIZIALE').map((x) => x.codiceFiscale).sort();
      expect([c.domandaId, iniziali]).toEqual([c.domandaId, adi.get(c.domandaId)]);
    }
    expect(new Set(feed.casi.map((c) => c.domandaId)).size).toBe(feed.casi.length);
  });

  it('has document versions with a gap, membership changes and cases moved between enti', () => {
    const withGap = feed.casi.filter((c) => c.documentiConLacune.length > 0);
    expect(withGap.length).toBeGreaterThan(0);
    for (const c of withGap) {
      const numbers = new Set(feed.records.filter((g) => g.entita === 'pais' && caseOf(g) === c.casoId).map((g) => datiOf(g).numeroVersione));
      expect([...numbers].sort()).toEqual([1, 2, 4]);
    }
    const nucleoVersions = feed.records.filter((g) => g.entita === 'nucleo-caso' && g.record.versione > 1);
    expect(nucleoVersions.length).toBeGreaterThan(0);
    const moved = feed.casi.filter((c) => c.trasferito);
    expect(moved.length).toBeGreaterThan(0);
    for (const c of moved) expect(feed.records.some((g) => g.entita === 'caso' && caseOf(g) === c.casoId && datiOf(g).enti!.length === 2)).toBe(true);
    for (const e of ['analisi-preliminare', 'quadro-analisi', 'pais']) {
      expect(feed.records.some((g) => g.entita === e && g.record.versione > 1)).toBe(true);
    }
  });

  it("gives Maria Rossi (demo worker #0) the case of her household of three, whose last PaIS holds her own sostegni and impegni", () => {
    const mine = gepi.casoDi(feed, MARIA)!;
    expect(mine).toBeDefined();
    expect(adiHouseholds().get(mine.domandaId)).toHaveLength(3);
    const records = feed.records.filter((g) => caseOf(g) === mine.casoId);
    const nucleo = records.find((g) => g.entita === 'nucleo-caso')!;
    expect(datiOf(nucleo).componenti!.find((x) => x.codiceFiscale === MARIA)?.ruolo).toBe('RICHIEDENTE');
    const pais = records.filter((g) => g.entita === 'pais').sort((a, b) => b.record.versione - a.record.versione)[0];
    const { sostegni, impegni } = datiOf(pais);
    expect(sostegni!.filter((s) => s.beneficiari.includes(MARIA)).length).toBeGreaterThan(0);
    expect(impegni!.filter((i) => i.codiceFiscale === MARIA).length).toBeGreaterThan(0);
    expect(mine.pais).toEqual({ id: pais.record.id, numeroVersione: datiOf(pais).numeroVersione });
    const lastCaso = records.filter((g) => g.entita === 'caso').sort((a, b) => b.record.versione - a.record.versione)[0];
    expect(mine.stato).toBe(datiOf(lastCaso).stato);
    expect(gepi.casoDi(feed, 'NSSNSS00A01H501X')).toBeUndefined();
  });
});

describe('demo-gepi: what "the cartella sociale shows her case" means', () => {
  const atteso = { casoId: 'CASO-1', stato: 'MONITORAGGIO', pais: { id: 'PAIS-1', numeroVersione: 3 } };
  const caso = { identificativo: 'CASO-1', stato: 'MONITORAGGIO', pais: { id: 'PAIS-1', numeroVersione: 3, stato: 'SOTTOSCRITTO' }, sostegni: [{ id: 'S1' }], impegni: [{ id: 'I1' }] };
  const answer = (c: object | null) => ({ versione: 3, cartellaSociale: { casiPais: c === null ? [] : [{ identificativo: 'CASO-9' }, c], misureInclusione: [], partecipazioniPuc: [] } });
  const missing = gepi.missingGepiParts(atteso);

  it('is nothing missing when the case is linked in its last state, with the last PaIS and her sostegni and impegni', () => {
    expect(missing(answer(caso))).toEqual([]);
  });

  it('names what is missing: the case, its state, the PaIS version, her sostegni, her impegni', () => {
    expect(missing(answer(null))).toEqual(['the case CASO-1 in cartellaSociale.casiPais']);
    expect(missing({ versione: 0, cartellaSociale: null })).toEqual(['the case CASO-1 in cartellaSociale.casiPais']);
    expect(missing(answer({ ...caso, stato: 'PATTO_SOTTOSCRITTO', pais: { id: 'PAIS-1', numeroVersione: 2 } }))).toEqual(["the case's state MONITORAGGIO", 'PaIS PAIS-1 version 3']);
    expect(missing(answer({ ...caso, pais: null, sostegni: [], impegni: [] }))).toEqual(['PaIS PAIS-1 version 3', "the citizen's sostegni", "the citizen's impegni"]);
  });
});

describe('demo-gepi: the counts it prints', () => {
  it('counts cases, moves, gaps, record versions per entity and lines', () => {
    const r = (entita: string, id: string) => ({ entita, record: { id } }) as unknown as GeneratedGepi;
    const c = gepi.gepiCounts({
      casi: [
        { casoId: 'C1', domandaId: 'D1', trasferito: true, documentiConLacune: [] },
        { casoId: 'C2', domandaId: 'D2', trasferito: false, documentiConLacune: ['P2'] },
        { casoId: 'C3', domandaId: 'D3', trasferito: false, documentiConLacune: [] },
      ],
      records: [r('caso', 'C1'), r('caso', 'C1'), r('pais', 'P2'), r('caso', 'C3')],
      lines: ['a', 'b', 'c', 'd', 'e'],
    });
    expect(c).toEqual({ casi: 3, trasferiti: 1, conLacune: 1, record: 4, righe: 5, perEntita: { caso: 3, pais: 1 } });
    expect(gepi.formatCounts(c)).toBe('demo: GePI 3 cases (1 moved to another ente, 1 with a PaIS version missing on purpose): 4 record versions (caso 3, pais 1) in 5 lines');
  });
});

describe('demo-gepi: the client of the ingest-gepi contract', () => {
  const lines = ['pais', 'caso', 'nucleo-caso', 'caso', 'pais'].map((entita, i) => JSON.stringify({ entita, id: `X-${i}`, versione: 1 }));
  let stub: ContractStub;
  beforeEach(async () => {
    stub = await startContractServer();
  });
  afterEach(() => stub.close());

  it('sends the file job, polls it to the end and sums up every line', async () => {
    const log: string[] = [];
    const s = await gepi.loadGepi({ base: stub.base, lines, log: (x) => log.push(x) });
    expect(stub.received).toEqual([lines]);
    expect([s.righe, s.accettate]).toEqual([5, 5]);
    expect(log[log.length - 1]).toBe('demo: GePI 5 lines through the file job POST /v1/lotti: 5 accepted (0 of them stale: older than a version already there), 0 duplicates, 0 rejected, 0 in conflict; 0 with warnings');
  });

  it('or sends per-entity batches, cases first', async () => {
    await gepi.loadGepi({ base: stub.base, lines, route: 'entita', log: () => undefined });
    expect(stub.received).toEqual([[lines[1], lines[3]], [lines[2]], [lines[0], lines[4]]]);
  });
});
