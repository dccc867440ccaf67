// The SIISL part of the demo script: the pure parts, and its client of the ingest-siisl contract against a
// small stand-in server that answers as the contract says (the real app is tested in its own suites).
import { startContractServer, type ContractStub } from './support/ingest-contract-stub';

interface Esito { riga: number; esito: string; obsoleta?: boolean; avvisi?: Array<{ path: string; code: string }>; errors?: Array<{ path: string; code: string; message: string }> }
interface Summary { righe: number; accettate: number; obsolete: number; duplicate: number; rifiutate: number; inConflitto: number; conAvvisi: number; avvisi: Record<string, number>; primeRifiutate: unknown[] }
const demo = require('../scripts/demo-siisl.js') as {
  missingSiislParts: (f: unknown) => string[];
  summarise: (e: Esito[]) => Summary;
  formatSummary: (s: Summary, how: string) => string;
  perEntityBatches: (lines: string[], size: number) => Array<{ entita: string; righe: Array<{ line: string; riga: number }> }>;
  loadSiisl: (o: { base: string; lines: string[]; route?: string; log?: (s: string) => void }) => Promise<Summary>;
};
const { DEMO_WORKERS, demoFeed } = require('../scripts/demo-data.js') as { DEMO_WORKERS: string[]; demoFeed: (workers: number) => { consegne: Array<{ entita: string; record: { codiceFiscale?: string } }>; coAltrePersone: Array<{ lavoratore: { codiceFiscale: string } }> } };

const FULL = {
  versione: 7,
  cartellaLavorativa: { rapporti: [{}], siisl: { curriculum: { id: 'CV-1' }, proposteLavoro: [{ id: 'P-1' }] } },
  cartellaSociale: { misureInclusione: [{ id: 'ADI-1' }], partecipazioniPuc: [{ id: 'PUC-1' }] },
  cartellaFormativa: { iscrizioni: [{ id: 'I-1', corso: { id: 'C-1' } }], manifestazioniInteresse: [{ id: 'M-1' }] },
};

describe('demo-siisl: what "the api serves the SIISL parts" means', () => {
  it('is nothing missing for a fascicolo with every part', () => {
    expect(demo.missingSiislParts(FULL)).toEqual([]);
  });

  it('names each part that is missing, empty, or an enrolment whose course is not linked yet', () => {
    expect(demo.missingSiislParts({ versione: 0, cartellaLavorativa: null })).toHaveLength(6);
    const noCv = { ...FULL, cartellaLavorativa: { ...FULL.cartellaLavorativa, siisl: { curriculum: null, proposteLavoro: [] } } };
    expect(demo.missingSiislParts(noCv)).toEqual(['curriculum (cartella lavorativa)', 'proposte di lavoro (cartella lavorativa)']);
    const pending = { ...FULL, cartellaFormativa: { ...FULL.cartellaFormativa, iscrizioni: [{ id: 'I-1', corso: null }] } };
    expect(demo.missingSiislParts(pending)).toEqual(['iscrizioni con il corso collegato (cartella formativa)']);
    expect(demo.missingSiislParts({ ...FULL, cartellaSociale: { misureInclusione: [], partecipazioniPuc: [{}] } })).toEqual(['misure ADI/SFL (cartella sociale)']);
  });
});

describe('demo-siisl: summary and batches', () => {
  const esiti: Esito[] = [
    { riga: 1, esito: 'ACCETTATA' },
    { riga: 2, esito: 'ACCETTATA', obsoleta: true },
    { riga: 3, esito: 'DUPLICATA' },
    { riga: 4, esito: 'ACCETTATA', avvisi: [{ path: 'dati.competenze[1].escoUri', code: 'CODE_UNKNOWN' }] },
    { riga: 5, esito: 'RIFIUTATA', errors: [{ path: 'dati.dataInizio', code: 'REQUIRED', message: 'Required.' }] },
    { riga: 6, esito: 'IN_CONFLITTO' },
  ];

  it('counts each outcome, stale lines among the accepted, warnings by code, and lists refusals by line and path', () => {
    const s = demo.summarise(esiti);
    expect(s).toEqual({
      righe: 6,
      accettate: 3,
      obsolete: 1,
      duplicate: 1,
      rifiutate: 1,
      inConflitto: 1,
      conAvvisi: 1,
      avvisi: { CODE_UNKNOWN: 1 },
      primeRifiutate: [
        { riga: 5, esito: 'RIFIUTATA', errors: ['dati.dataInizio REQUIRED'] },
        { riga: 6, esito: 'IN_CONFLITTO', errors: [] },
      ],
    });
    expect(demo.formatSummary(s, 'X')).toBe('demo: SIISL 6 lines through X: 3 accepted (1 of them stale: older than a version already there), 1 duplicates, 1 rejected, 1 in conflict; 1 with warnings (CODE_UNKNOWN 1)');
    expect(() => demo.summarise([{ riga: 9, esito: 'BOH' }])).toThrow('unexpected esito at line 9');
  });

  it('batches per entity, catalogue first, keeping the lines\' positions in the feed', () => {
    const lines = ['iscrizione', 'corso', 'puc', 'iscrizione', 'offerta-lavoro', 'corso', 'iscrizione'].map((entita, i) => JSON.stringify({ entita, id: `X-${i}` }));
    const b = demo.perEntityBatches(lines, 2);
    expect(b.map((x) => [x.entita, x.righe.map((r) => r.riga)])).toEqual([
      ['corso', [2, 6]],
      ['offerta-lavoro', [5]],
      ['iscrizione', [1, 4]],
      ['iscrizione', [7]],
      ['puc', [3]],
    ]);
    expect(b[0].righe[0].line).toBe(lines[1]);
  });
});

describe("demo-siisl: the demo's data", () => {
  const feed = demoFeed(30);

  it('gives the first named worker every SIISL part, and the hiring it implies in the CO feed', () => {
    const owners = new Set(feed.consegne.map((c) => c.record.codiceFiscale));
    expect(owners.has(DEMO_WORKERS[0])).toBe(true);
    const parts = new Set(feed.consegne.filter((c) => c.record.codiceFiscale === DEMO_WORKERS[0]).map((c) => c.entita));
    expect([...parts].sort()).toEqual(['curriculum', 'iscrizione', 'manifestazione-interesse', 'misura-inclusione', 'proposta-lavoro', 'puc']);
    expect(feed.coAltrePersone.map((c) => c.lavoratore.codiceFiscale)).toContain(DEMO_WORKERS[0]);
  });
});

describe('demo-siisl: the client of the ingest-siisl contract', () => {
  const lines = ['corso', 'iscrizione', 'corso', 'puc', 'iscrizione'].map((entita, i) => JSON.stringify({ entita, id: `X-${i}`, versione: 1 }));
  let stub: ContractStub;
  let base: string;
  beforeEach(async () => {
    stub = await startContractServer();
    base = stub.base;
  });
  afterEach(() => stub.close());

  it('sends the file job, polls it to the end and reads every per-line result page by page', async () => {
    const log: string[] = [];
    const s = await demo.loadSiisl({ base, lines, log: (x) => log.push(x) });
    expect(stub.received).toEqual([lines]);
    expect(stub.polls()).toBe(3);
    expect(s.righe).toBe(5);
    expect(s.accettate).toBe(5);
    expect(log[log.length - 1]).toContain('demo: SIISL 5 lines through the file job POST /v1/lotti: 5 accepted');
  });

  it('or sends per-entity batches, and reports results by the line numbers of the whole feed', async () => {
    const s = await demo.loadSiisl({ base, lines, route: 'entita', log: () => undefined });
    expect(stub.received).toEqual([[lines[0], lines[2]], [lines[1], lines[4]], [lines[3]]]);
    expect(s.righe).toBe(5);
  });
});
