import { createHmac, randomInt } from 'node:crypto';
import { Pool } from 'pg';
import { defaultTables } from '@fsl/gepi';
import type { RunningApp } from './support/processes';
import { appDatabaseUrl, isolation, randomCf, waitFor } from './support/env';
import { componenti, ingestGepi, nuovoCaso, startGepiApps, type Dati } from './support/gepi-casi';
import { contractOf } from '../apps/api/test/support/contract';
import { cancellaCasi } from '../apps/api/test/support/gepi';
import { expectProblem, startApi, type Answer, type Harness } from '../apps/api/test/support/harness';
import { DEV_AUDIT_PSEUDONYM_KEY } from '../apps/api/src/config';
import type { EserviceKind } from '../apps/api/src/registry/eservices';

// The e-services on the GePI cases, end to end: records in through ingest-gepi's HTTP API → Kafka →
// dossier-builder → Postgres → the api, each answer out through its e-service with a voucher of the PDND
// stand-in, checked against the committed OpenAPI, and its reads in the access log of exactly the citizens
// the answer is about.
//
// The people: a household (applicant, son, a partner who left on 2024-10-15, a daughter born on 2024-06-10)
// whose case A the comune ENTE manages, with two versions of the analisi preliminare, a quadro di analisi,
// an équipe dissolved on 2024-05-31, two versions of the PaIS and the PAD. The partner had a case C at the
// comune ALTRO (2023, closed) and opens a case B of his own at ENTE after leaving. ENTE also manages case
// D; case E moved from ENTE to ALTRO. Two comuni drawn at random from the Belfiore table, so that no other
// run or suite lists cases at them.

const COMUNI = defaultTables()
  .table('belfiore')
  .rowsInForce()
  .filter((r) => r.attrs.tipo === 'comune' && r.validTo === undefined && (r.validFrom ?? '') <= '2023-01-01')
  .map((r) => r.code);
const ENTE = COMUNI[randomInt(COMUNI.length)]!;
const ALTRO = COMUNI.filter((c) => c !== ENTE)[randomInt(COMUNI.length - 1)]!;
const comune = (codice: string, dal: string, al?: string) => ({ tipo: 'COMUNE', codice, dal, ...(al ? { al } : {}) });

const A = nuovoCaso();
const { richiedente, figlio, coniuge, neonata } = A.cf;
const B = nuovoCaso({ richiedente: coniuge });
const C = nuovoCaso({ richiedente: coniuge });
const D = nuovoCaso();
const E = nuovoCaso();

const SERVIZIO_SOCIALE = { tipo: 'SERVIZIO_SOCIALE', denominazione: 'Servizio sociale del Comune di Milano' };
const S3 = { id: 'S3', tipo: 'SOSTEGNO_ABITATIVO', fornitore: SERVIZIO_SOCIALE, dal: '2024-04-15', beneficiari: [] };
const I1 = { id: 'I1', codiceFiscale: richiedente, tipo: 'COLLOQUI_SERVIZIO', descrizione: 'Colloquio mensile con il case manager', dal: '2024-04-08' };
const OBIETTIVI = [
  { id: 'OB1', descrizione: 'Inserimento lavorativo della richiedente' },
  { id: 'OB2', descrizione: 'Frequenza scolastica regolare' },
];
const RISULTATO = { obiettivoId: 'OB1', codiceFiscale: richiedente, descrizione: 'Completare un tirocinio', indicatore: 'Tirocinio concluso', scadenza: '2024-12-31' };
// The first PaIS: a draft for a short first period (8 April to 31 May 2024), before the daughter was born.
const PAIS_BOZZA: Dati = {
  numeroVersione: 1,
  statoDocumento: 'BOZZA',
  stato: 'BOZZA',
  dataSottoscrizione: undefined,
  dataRedazione: '2024-03-25',
  dataFine: '2024-05-31',
  obiettivoGenerale: 'Prima stesura',
  sostegni: [S3],
  impegni: [I1],
};
const AP_REVISIONE: Dati = {
  numeroVersione: 2,
  dataRedazione: '2024-11-20',
  dataIncontro: '2024-11-18',
  bisogni: [{ ambito: 'LAVORO', codiceFiscale: richiedente, descrizione: 'Nuova ricerca di impiego' }],
  risorse: ['Rete familiare disponibile', 'Nuova abitazione'],
};
const ENTE_A = comune(ENTE, '2024-02-05');

/** A case with only its record and household: opened on `apertura` at the enti given, in a state. */
function soloCaso(c: ReturnType<typeof nuovoCaso>, apertura: string, enti: object[], dati: Dati, membri: Array<Record<string, unknown>>) {
  return [
    ['caso', c.record('caso', 1, { enti, dataApertura: apertura, dataAssegnazione: apertura, ...dati })],
    ['nucleo-caso', c.record('nucleo-caso', 1, { componenti: membri })],
  ] as const;
}
/** Members of a household (the fixture's applicant and son) from a day, until another. */
const membriDal = (c: ReturnType<typeof nuovoCaso>, dal: string, al?: string, quanti = 2) =>
  ((componenti(c).componenti as Array<Record<string, unknown>>).slice(0, quanti)).map((m) => ({ ...m, dal, ...(al ? { al } : {}) }));

const RECORDS = [
  ['caso', A.record('caso', 1, { enti: [ENTE_A] })],
  // The fixture's household: the partner left on 2024-10-15, the daughter was born on 2024-06-10.
  ['nucleo-caso', A.record('nucleo-caso', 1)],
  ['analisi-preliminare', A.record('analisi-preliminare', 1)],
  ['analisi-preliminare', A.record('analisi-preliminare', 2, AP_REVISIONE)],
  ['equipe-multidisciplinare', A.record('equipe-multidisciplinare', 1, { dataScioglimento: '2024-05-31' })],
  ['quadro-analisi', A.record('quadro-analisi', 1)],
  ['pais', A.record('pais', 1, PAIS_BOZZA)],
  ['pais', A.record('pais', 2)],
  ['pad-nucleo', A.record('pad-nucleo', 1)],
  ...soloCaso(B, '2024-11-01', [comune(ENTE, '2024-11-01')], { stato: 'ASSEGNATO' }, membriDal(B, '2024-11-01')),
  ...soloCaso(C, '2023-05-10', [comune(ALTRO, '2023-05-10')], { stato: 'CHIUSO', dataChiusura: '2023-12-31', motivoChiusura: 'FINE_MISURA' }, membriDal(C, '2023-05-10', '2023-12-31', 1)),
  ...soloCaso(D, '2024-06-01', [comune(ENTE, '2024-06-01')], { stato: 'MONITORAGGIO' }, membriDal(D, '2024-06-01')),
  ...soloCaso(E, '2024-01-10', [comune(ENTE, '2024-01-10', '2024-07-31'), comune(ALTRO, '2024-08-01')], { stato: 'QA_IN_CORSO' }, membriDal(E, '2024-01-10')),
] as const;

const CASI_PAIS: EserviceKind[] = ['caso-pais', 'pais', 'analisi-preliminare', 'equipe-multidisciplinare', 'quadro-analisi', 'casi-pais-ente', 'caso-pais-misura', 'casi-pais-cittadino', 'nucleo-caso', 'pad-nucleo'];
const MIEI: EserviceKind[] = CASI_PAIS.filter((k) => k !== 'caso-pais');

describe('e-services on the GePI cases: ingest-gepi → Kafka → builder → api', () => {
  const { prefix, group } = isolation('es-casi');
  const apps: Record<string, RunningApp> = {};
  let api: Harness;
  const { accepted } = ingestGepi(() => apps['ingest-gepi']!.url);
  const contract = contractOf('api');

  beforeAll(async () => {
    await startGepiApps(prefix, group, apps);
    api = await startApi({
      tutti: { ente: ENTE, purpose: { eservices: CASI_PAIS, dati: ['sociale'], casiPais: 'tutti' } },
      ente: { ente: ENTE, purpose: { eservices: [...CASI_PAIS, 'cartella-sociale'], dati: ['sociale'], casiPais: 'ente' } },
      altro: { ente: ALTRO, purpose: { eservices: CASI_PAIS, dati: ['sociale'], casiPais: 'ente' } },
      lavoro: { purpose: { eservices: ['fascicolo', 'cartella-lavorativa'], dati: ['lavorativa'] } },
    });
    for (const [entita, rec] of RECORDS) await accepted(entita, rec);
    // Each case's records share its partition: once the last of each is applied, so are the others.
    const ultimo = (kind: EserviceKind, casoId: string, ready: (caso: Record<string, unknown[]>) => boolean) =>
      waitFor(`case ${casoId}`, async () => {
        const res = await api.call(kind, api.consumers.tutti!, { body: { casoId } });
        return res.status === 200 && ready((res.body as { caso: Record<string, unknown[]> }).caso) ? true : undefined;
      }, 60000, 250);
    await ultimo('caso-pais', A.id, (c) => c.pad!.length === 1);
    for (const c of [B, C, D, E]) await ultimo('caso-pais', c.id, (v) => v.membri!.length > 0);
  }, 180000);

  afterAll(async () => {
    await Promise.all(Object.values(apps).map((a) => a.stop()));
    await api?.close();
    // The comuni are drawn at random; removing the cases as well keeps their lists empty for any later run.
    const builder = new Pool({ connectionString: appDatabaseUrl('fsl_builder'), max: 1 });
    await cancellaCasi(builder, [A, B, C, D, E].map((c) => c.id));
    await builder.end();
  }, 60000);

  const call = (kind: EserviceKind, consumer: string, body: unknown, path?: string): Promise<Answer> => api.call(kind, api.consumers[consumer]!, { body, path });
  const ricerca = (kind: 'casi-pais-ente' | 'casi-pais-cittadino', consumer: string, body: unknown) => call(kind, consumer, body, '/ricerche');
  const comparable = (a: Answer) => ({ status: a.status, body: { ...a.body, correlationId: undefined, instance: undefined } });

  const pseudonym = (cf: string) => createHmac('sha256', DEV_AUDIT_PSEUDONYM_KEY).update(cf).digest('hex');
  async function accessi(kind: EserviceKind, cfs: readonly string[]): Promise<number[]> {
    const { rows } = await api.audit.query<{ subject: string; n: string }>('SELECT subject, count(*) AS n FROM access_audit WHERE eservice = $1 AND subject = ANY($2) GROUP BY subject', [
      api.eservice(kind).name,
      cfs.map(pseudonym),
    ]);
    return cfs.map((cf) => Number(rows.find((r) => r.subject === pseudonym(cf))?.n ?? 0));
  }
  const PERSONE = { richiedente, figlio, coniuge, neonata, richiedenteD: D.cf.richiedente, figlioD: D.cf.figlio, figlioB: B.cf.figlio, richiedenteE: E.cf.richiedente };
  /** The answer of a call, and how many access records each person got from it, by name (only those who got one). */
  async function registrata(kind: EserviceKind, fn: () => Promise<Answer>): Promise<{ res: Answer; nuovi: Record<string, number> }> {
    const cfs = Object.values(PERSONE);
    const before = await accessi(kind, cfs);
    const res = await fn();
    const after = await accessi(kind, cfs);
    const nuovi = Object.fromEntries(Object.keys(PERSONE).flatMap((name, i) => (after[i]! > before[i]! ? [[name, after[i]! - before[i]!]] : [])));
    return { res, nuovi };
  }
  const ok = (res: Answer, schema: string) => {
    expect(res.status).toBe(200);
    expect(contract(schema, res.body)).toEqual([]);
    return res.body;
  };
  const ESITI: Partial<Record<EserviceKind, string>> = {
    pais: 'EsitoPaisDto',
    'analisi-preliminare': 'EsitoAnalisiPreliminareDto',
    'quadro-analisi': 'EsitoQuadroAnalisiDto',
    'equipe-multidisciplinare': 'EsitoEquipeDto',
    'nucleo-caso': 'EsitoNucleoCasoDto',
    'pad-nucleo': 'EsitoPadNucleoDto',
    'caso-pais-misura': 'EsitoCasoMisuraDto',
  };
  /** A consultation as the comune ENTE: the answer, checked against its schema, and who got an access record. */
  async function consulta(kind: EserviceKind, body: unknown): Promise<{ body: Record<string, unknown>; nuovi: Record<string, number> }> {
    const { res, nuovi } = await registrata(kind, () => call(kind, 'ente', body));
    return { body: ok(res, ESITI[kind]!), nuovi };
  }

  describe('a version of a document of the case', () => {
    it('PaIS: the version asked for, of the patto in force; recorded for those it names and the members of its period', async () => {
      const bozza = await consulta('pais', { casoId: A.id, numeroVersione: 1 });
      expect(bozza.body).toEqual({
        casoId: A.id,
        paisId: A.ids.pais,
        versione: {
          numeroVersione: 1,
          versioneRecord: 1,
          ente: ENTE_A,
          dati: {
            numeroVersione: 1,
            statoDocumento: 'BOZZA',
            dataRedazione: '2024-03-25',
            stato: 'BOZZA',
            semplificato: false,
            dataInizio: '2024-04-08',
            dataFine: '2024-05-31',
            obiettivoGenerale: 'Prima stesura',
            obiettivi: OBIETTIVI,
            risultatiAttesi: [RISULTATO],
            sostegni: [S3],
            impegni: [I1],
          },
        },
      });
      // 8 April - 31 May 2024: the daughter was not born yet.
      expect(bozza.nuovi).toEqual({ richiedente: 1, figlio: 1, coniuge: 1 });

      // The signed version, named by the document too: until 7 April 2025, so the daughter's as well.
      const firmato = await consulta('pais', { casoId: A.id, paisId: A.ids.pais, numeroVersione: 2 });
      const v2 = firmato.body as { versione: { numeroVersione: number; versioneRecord: number; dati: Record<string, unknown> } };
      expect(v2.versione).toMatchObject({ numeroVersione: 2, versioneRecord: 2 });
      expect(v2.versione.dati).toMatchObject({ stato: 'SOTTOSCRITTO', dataSottoscrizione: '2024-04-05', dataInizio: '2024-04-08', dataFine: '2025-04-07', obiettivoGenerale: 'Autonomia economica del nucleo' });
      expect((v2.versione.dati.sostegni as Array<{ id: string; beneficiari: string[] }>).map((s) => [s.id, s.beneficiari])).toEqual([['S1', [richiedente]], ['S2', [figlio]], ['S3', []]]);
      expect((v2.versione.dati.impegni as Array<{ id: string; codiceFiscale: string }>).map((m) => [m.id, m.codiceFiscale])).toEqual([['I1', richiedente], ['I2', figlio]]);
      expect(firmato.nuovi).toEqual({ richiedente: 1, figlio: 1, coniuge: 1, neonata: 1 });
    });

    it('PaIS: a version not received, another document id, an unknown or hidden case: the same 404, and nobody recorded', async () => {
      const unknown = await call('pais', 'ente', { casoId: `${A.id}X`, numeroVersione: 1 });
      expectProblem(unknown, 404, 'NOT_FOUND');
      for (const [consumer, body] of [
        ['ente', { casoId: A.id, numeroVersione: 3 }],
        ['ente', { casoId: A.id, paisId: `${A.ids.pais}X`, numeroVersione: 1 }],
        ['ente', { casoId: E.id, numeroVersione: 1 }],
        ['altro', { casoId: A.id, numeroVersione: 1 }],
      ] as const) {
        const { res, nuovi } = await registrata('pais', () => call('pais', consumer, body));
        expect(comparable(res)).toEqual(comparable(unknown));
        expect(nuovi).toEqual({});
      }
    });

    it('analisi preliminare: the revision of November 2024, recorded for the applicant it names and the household of that day', async () => {
      const { body, nuovi } = await consulta('analisi-preliminare', { casoId: A.id, numeroVersione: 2 });
      expect(body).toEqual({
        casoId: A.id,
        analisiPreliminareId: A.ids['analisi-preliminare'],
        versione: {
          numeroVersione: 2,
          versioneRecord: 2,
          ente: ENTE_A,
          dati: {
            numeroVersione: 2,
            statoDocumento: 'DEFINITIVO',
            dataRedazione: '2024-11-20',
            dataIncontro: '2024-11-18',
            bisogni: [{ ambito: 'LAVORO', codiceFiscale: richiedente, descrizione: 'Nuova ricerca di impiego' }],
            risorse: ['Rete familiare disponibile', 'Nuova abitazione'],
            esito: 'QUADRO_ANALISI',
          },
        },
      });
      // The partner had left (15 October), the daughter was there.
      expect(nuovi).toEqual({ richiedente: 1, figlio: 1, neonata: 1 });
      const prima = await consulta('analisi-preliminare', { casoId: A.id, analisiPreliminareId: A.ids['analisi-preliminare'], numeroVersione: 1 });
      expect((prima.body as { versione: { dati: unknown } }).versione.dati).toMatchObject({ dataRedazione: '2024-03-01', risorse: ['Rete familiare disponibile'] });
      expect(prima.nuovi).toEqual({ richiedente: 1, figlio: 1, coniuge: 1 });
    });

    it('quadro di analisi: the version, with the équipe that drew it up', async () => {
      const { body, nuovi } = await consulta('quadro-analisi', { casoId: A.id, numeroVersione: 1 });
      expect(body).toEqual({
        casoId: A.id,
        quadroAnalisiId: A.ids['quadro-analisi'],
        versione: {
          numeroVersione: 1,
          versioneRecord: 1,
          ente: ENTE_A,
          dati: {
            numeroVersione: 1,
            statoDocumento: 'DEFINITIVO',
            dataRedazione: '2024-03-20',
            equipeId: A.ids['equipe-multidisciplinare'],
            provvisorio: false,
            dimensioni: [
              { ambito: 'LAVORO', codiceFiscale: richiedente, livello: 'ALTO' },
              { ambito: 'ISTRUZIONE_FORMAZIONE', codiceFiscale: figlio, livello: 'MEDIO', descrizione: 'Frequenza irregolare' },
            ],
          },
        },
      });
      expect(nuovi).toEqual({ richiedente: 1, figlio: 1, coniuge: 1 });
      expectProblem(await call('quadro-analisi', 'ente', { casoId: A.id, numeroVersione: 2 }), 404, 'NOT_FOUND');
    });
  });

  describe('a part of the case', () => {
    it('équipe: roles and organisations, no person; recorded for the household while the équipe worked', async () => {
      const { body, nuovi } = await consulta('equipe-multidisciplinare', { casoId: A.id });
      expect(body).toEqual({
        casoId: A.id,
        equipe: [
          {
            id: A.ids['equipe-multidisciplinare'],
            versione: 1,
            dataCostituzione: '2024-03-10',
            dataScioglimento: '2024-05-31',
            componenti: [
              { ruolo: 'CASE_MANAGER', organizzazione: SERVIZIO_SOCIALE },
              { ruolo: 'OPERATORE_CPI', organizzazione: { tipo: 'CPI', denominazione: "Centro per l'impiego di Milano" } },
              { ruolo: 'OPERATORE_TERZO_SETTORE', organizzazione: { tipo: 'TERZO_SETTORE', denominazione: 'Cooperativa sociale Esempio', codiceFiscale: expect.stringMatching(/^\d{11}$/) } },
            ],
          },
        ],
      });
      for (const cf of [richiedente, figlio, coniuge, neonata]) expect(JSON.stringify(body)).not.toContain(cf);
      // Dissolved on 31 May 2024, before the daughter was born.
      expect(nuovi).toEqual({ richiedente: 1, figlio: 1, coniuge: 1 });
    });

    it('household: every member, the one who left and the newborn included, each recorded', async () => {
      const { body, nuovi } = await consulta('nucleo-caso', { casoId: A.id });
      const membri = [
        { codiceFiscale: richiedente, ruolo: 'RICHIEDENTE', periodi: [{ dal: '2024-02-05' }], attuale: true, condizioni: [], inScala: true, attivabile: true, caricoCura: true, esonerato: false },
        { codiceFiscale: figlio, ruolo: 'FIGLIO', periodi: [{ dal: '2024-02-05' }], attuale: true, condizioni: ['MINORE'], inScala: true, attivabile: false, caricoCura: false, esonerato: false },
        { codiceFiscale: coniuge, ruolo: 'CONIUGE', periodi: [{ dal: '2024-02-05', al: '2024-10-15' }], attuale: false, condizioni: ['SVANTAGGIO'], categoriaSvantaggio: 'DIPENDENZE', inScala: true, attivabile: false, caricoCura: false, esonerato: true },
        { codiceFiscale: neonata, ruolo: 'FIGLIO', periodi: [{ dal: '2024-06-10' }], attuale: true, condizioni: ['MINORE'], inScala: true, attivabile: false, caricoCura: false, esonerato: false },
      ].sort((a, b) => a.codiceFiscale.localeCompare(b.codiceFiscale));
      expect(body).toEqual({ casoId: A.id, membri });
      expect(nuovi).toEqual({ richiedente: 1, figlio: 1, coniuge: 1, neonata: 1 });
    });

    it('PAD: routes and categorisations of the members it lists, each of them recorded', async () => {
      const { body, nuovi } = await consulta('pad-nucleo', { casoId: A.id });
      expect(body).toEqual({
        casoId: A.id,
        pad: [
          {
            id: A.ids['pad-nucleo'],
            versione: 1,
            dataSottoscrizione: '2024-01-15',
            richiedenteCf: richiedente,
            componenti: [
              { codiceFiscale: richiedente, percorso: 'LAVORATIVO', categorizzazioni: { condizioni: [], attivazione: 'ATTIVABILE' } },
              { codiceFiscale: figlio, percorso: 'SOCIALE', categorizzazioni: { condizioni: ['MINORE'], attivazione: 'NON_ATTIVABILE' } },
              { codiceFiscale: coniuge, percorso: 'ESONERATO', motivoEsonero: 'Programma terapeutico in corso', categorizzazioni: { condizioni: ['SVANTAGGIO'], categoriaSvantaggio: 'DIPENDENZE', attivazione: 'ESONERATO' } },
            ],
            atsCompetente: 'LOM_23',
            cpiComune: 'F205',
          },
        ],
      });
      expect(nuovi).toEqual({ richiedente: 1, figlio: 1, coniuge: 1 });
    });

    it('the case of an application: its record only, to the ente managing it today', async () => {
      const { body, nuovi } = await consulta('caso-pais-misura', { domandaId: A.ids.domanda });
      expect(body).toEqual({
        casoId: A.id,
        caso: {
          versione: 1,
          domandaId: A.ids.domanda,
          misura: 'ADI',
          stato: 'PATTO_SOTTOSCRITTO',
          dataApertura: '2024-02-05',
          dataAssegnazione: '2024-02-12',
          enteCorrente: ENTE_A,
          enti: [ENTE_A],
          operatori: [
            { ruolo: 'CASE_MANAGER', dal: '2024-02-12' },
            { ruolo: 'COORDINATORE', dal: '2024-02-05' },
          ],
        },
      });
      expect(nuovi).toEqual({ richiedente: 1, figlio: 1, coniuge: 1, neonata: 1 });
      // The case moved from ENTE to ALTRO: ALTRO's now, and ENTE gets the answer of an unknown application.
      expect((ok(await call('caso-pais-misura', 'altro', { domandaId: E.ids.domanda }), 'EsitoCasoMisuraDto') as { casoId: string }).casoId).toBe(E.id);
      const unknown = await call('caso-pais-misura', 'ente', { domandaId: `${A.ids.domanda}X` });
      expectProblem(unknown, 404, 'NOT_FOUND');
      const moved = await registrata('caso-pais-misura', () => call('caso-pais-misura', 'ente', { domandaId: E.ids.domanda }));
      expect([comparable(moved.res), moved.nuovi]).toEqual([comparable(unknown), {}]);
    });
  });

  describe('ricerca casi PaIS dell’ente', () => {
    const ids = (res: Answer) => (res.body.casi as Array<{ casoId: string }>).map((c) => c.casoId);
    const prossimo = (res: Answer) => (res.body.pagina as { prossimo?: string }).prossimo;

    it('the cases the calling ente manages today, newest first, a page at a time; each case’s members recorded', async () => {
      const first = await registrata('casi-pais-ente', () => ricerca('casi-pais-ente', 'ente', { limite: 2 }));
      expect(ok(first.res, 'EsitoCasiEnteDto').casi).toEqual([
        { casoId: B.id, domandaId: B.ids.domanda, misura: 'ADI', stato: 'ASSEGNATO', dataApertura: '2024-11-01', enteCorrente: comune(ENTE, '2024-11-01') },
        { casoId: D.id, domandaId: D.ids.domanda, misura: 'ADI', stato: 'MONITORAGGIO', dataApertura: '2024-06-01', enteCorrente: comune(ENTE, '2024-06-01') },
      ]);
      expect(first.nuovi).toEqual({ coniuge: 1, figlioB: 1, richiedenteD: 1, figlioD: 1 });
      const second = await ricerca('casi-pais-ente', 'ente', { limite: 2, cursore: prossimo(first.res) });
      expect(ok(second, 'EsitoCasiEnteDto')).toEqual({
        casi: [{ casoId: A.id, domandaId: A.ids.domanda, misura: 'ADI', stato: 'PATTO_SOTTOSCRITTO', dataApertura: '2024-02-05', enteCorrente: ENTE_A }],
        pagina: {},
      });
      // A purpose granted every case still lists only its own ente's: the e-service is about the caller's cases.
      expect(ids(await ricerca('casi-pais-ente', 'tutti', {}))).toEqual([B.id, D.id, A.id]);
      // The case that moved belongs to ALTRO's list, with the closed one.
      expect(ids(await ricerca('casi-pais-ente', 'altro', {}))).toEqual([E.id, C.id]);
    });

    it('filters on state and opening date; the cursor continues only the list it was issued for', async () => {
      expect(ids(await ricerca('casi-pais-ente', 'ente', { stati: ['PATTO_SOTTOSCRITTO', 'MONITORAGGIO'] }))).toEqual([D.id, A.id]);
      expect(ids(await ricerca('casi-pais-ente', 'ente', { dataAperturaDal: '2024-03-01' }))).toEqual([B.id, D.id]);
      expect(ids(await ricerca('casi-pais-ente', 'ente', { dataAperturaDal: '2024-02-05', dataAperturaAl: '2024-06-01' }))).toEqual([D.id, A.id]);
      expect(ids(await ricerca('casi-pais-ente', 'ente', { stati: ['CHIUSO'] }))).toEqual([]);

      const filtered = await ricerca('casi-pais-ente', 'ente', { stati: ['PATTO_SOTTOSCRITTO', 'MONITORAGGIO'], limite: 1 });
      const cursore = prossimo(filtered)!;
      expect(ids(await ricerca('casi-pais-ente', 'ente', { stati: ['PATTO_SOTTOSCRITTO', 'MONITORAGGIO'], limite: 1, cursore }))).toEqual([A.id]);
      const [pos, mac] = cursore.split('.');
      for (const [consumer, body] of [
        ['ente', { stati: ['MONITORAGGIO'], limite: 1, cursore }],
        ['ente', { limite: 1, cursore }],
        ['altro', { stati: ['PATTO_SOTTOSCRITTO', 'MONITORAGGIO'], limite: 1, cursore }],
        ['tutti', { stati: ['PATTO_SOTTOSCRITTO', 'MONITORAGGIO'], limite: 1, cursore }],
        ['ente', { stati: ['PATTO_SOTTOSCRITTO', 'MONITORAGGIO'], limite: 1, cursore: `${Buffer.from(JSON.stringify(['2030-01-01', 'X'])).toString('base64url')}.${mac}` }],
        ['ente', { stati: ['PATTO_SOTTOSCRITTO', 'MONITORAGGIO'], limite: 1, cursore: `${pos}.${mac}x` }],
      ] as const) {
        const res = await ricerca('casi-pais-ente', consumer, body);
        expectProblem(res, 400, 'CURSOR_INVALID');
        expect((res.body.errors as Array<{ path: string }>).map((e) => e.path)).toEqual(['cursore']);
      }
    });

    it('bad criteria are a 400 naming the field', async () => {
      const paths = async (body: unknown) => {
        const res = await ricerca('casi-pais-ente', 'ente', body);
        expectProblem(res, 400, 'BAD_REQUEST');
        return (res.body.errors as Array<{ path: string }>).map((e) => e.path);
      };
      expect(await paths({ stati: ['APERTO'] })).toEqual(['stati.0']);
      expect(await paths({ dataAperturaDal: '2024-13-01' })).toEqual(['dataAperturaDal']);
      expect(await paths({ dataAperturaDal: '2024-06-01', dataAperturaAl: '2024-05-31' })).toEqual(['dataAperturaAl']);
      expect(await paths({ limite: 101 })).toEqual(['limite']);
      expect(await paths({ ente: 'H501' })).toEqual(['ente']);
    });
  });

  describe('ricerca casi PaIS del cittadino', () => {
    const C_CONIUGE = {
      casoId: C.id,
      domandaId: C.ids.domanda,
      misura: 'ADI',
      stato: 'CHIUSO',
      dataApertura: '2023-05-10',
      dataChiusura: '2023-12-31',
      enteCorrente: comune(ALTRO, '2023-05-10'),
      ruolo: 'RICHIEDENTE',
      periodi: [{ dal: '2023-05-10', al: '2023-12-31' }],
      attuale: false,
    };
    const A_CONIUGE = { casoId: A.id, domandaId: A.ids.domanda, misura: 'ADI', stato: 'PATTO_SOTTOSCRITTO', dataApertura: '2024-02-05', enteCorrente: ENTE_A, ruolo: 'CONIUGE', periodi: [{ dal: '2024-02-05', al: '2024-10-15' }], attuale: false };
    const B_CONIUGE = { casoId: B.id, domandaId: B.ids.domanda, misura: 'ADI', stato: 'ASSEGNATO', dataApertura: '2024-11-01', enteCorrente: comune(ENTE, '2024-11-01'), ruolo: 'RICHIEDENTE', periodi: [{ dal: '2024-11-01' }], attuale: true };
    // His dossier moved once for each record that changed a case he belonged to, once his household was in:
    // C's household; A's household and its seven documents; B's household.
    const VERSIONE = 1 + 8 + 1;

    it('every case of every household he belonged to, past ones included, a page at a time', async () => {
      const first = await registrata('casi-pais-cittadino', () => ricerca('casi-pais-cittadino', 'tutti', { codiceFiscale: coniuge, limite: 2 }));
      const body = ok(first.res, 'EsitoCasiCittadinoDto') as { versione: number; casi: unknown[]; pagina: { prossimo?: string } };
      expect([body.versione, body.casi]).toEqual([VERSIONE, [B_CONIUGE, A_CONIUGE]]);
      // Him (the lookup) and the other members of the cases listed.
      expect(first.nuovi).toEqual({ coniuge: 1, figlioB: 1, richiedente: 1, figlio: 1, neonata: 1 });
      const second = await ricerca('casi-pais-cittadino', 'tutti', { codiceFiscale: coniuge, limite: 2, cursore: body.pagina.prossimo });
      expect(ok(second, 'EsitoCasiCittadinoDto')).toEqual({ versione: VERSIONE, casi: [C_CONIUGE], pagina: {} });
      // Another citizen's list does not continue with that cursor.
      expectProblem(await ricerca('casi-pais-cittadino', 'tutti', { codiceFiscale: richiedente, limite: 2, cursore: body.pagina.prossimo }), 400, 'CURSOR_INVALID', richiedente);
    });

    it('an ente sees the cases it manages today; a citizen it sees none of is an unknown citizen', async () => {
      expect(ok(await ricerca('casi-pais-cittadino', 'ente', { codiceFiscale: coniuge }), 'EsitoCasiCittadinoDto')).toEqual({ versione: VERSIONE, casi: [B_CONIUGE, A_CONIUGE], pagina: {} });
      expect((await ricerca('casi-pais-cittadino', 'altro', { codiceFiscale: coniuge })).body).toEqual({ versione: VERSIONE, casi: [C_CONIUGE], pagina: {} });
      const sconosciuto = await ricerca('casi-pais-cittadino', 'altro', { codiceFiscale: randomCf() });
      expect(ok(sconosciuto, 'EsitoCasiCittadinoDto')).toEqual({ versione: 0, casi: [], pagina: {} });
      const nascosto = await registrata('casi-pais-cittadino', () => ricerca('casi-pais-cittadino', 'altro', { codiceFiscale: figlio }));
      expect(comparable(nascosto.res)).toEqual(comparable(sconosciuto));
      // The lookup itself is recorded for the citizen asked about, as every CF lookup is; nobody else.
      expect(nascosto.nuovi).toEqual({ figlio: 1 });
    });
  });

  describe('refusals', () => {
    it('a purpose without the e-service gets 403 from each', async () => {
      const bodies: Record<string, unknown> = {
        pais: { casoId: A.id, numeroVersione: 1 },
        'analisi-preliminare': { casoId: A.id, numeroVersione: 1 },
        'quadro-analisi': { casoId: A.id, numeroVersione: 1 },
        'caso-pais-misura': { domandaId: A.ids.domanda },
        'casi-pais-ente': {},
        'casi-pais-cittadino': { codiceFiscale: coniuge },
      };
      for (const kind of MIEI) {
        const path = kind === 'casi-pais-ente' || kind === 'casi-pais-cittadino' ? '/ricerche' : undefined;
        expectProblem(await call(kind, 'lavoro', bodies[kind] ?? { casoId: A.id }, path), 403, 'PURPOSE_NOT_AUTHORISED', coniuge);
      }
    });

    it('an ente that does not manage the case gets the unknown-case 404 from every lookup by id, and nobody is recorded', async () => {
      for (const kind of ['equipe-multidisciplinare', 'nucleo-caso', 'pad-nucleo', 'analisi-preliminare'] as const) {
        const body = kind === 'analisi-preliminare' ? { numeroVersione: 1 } : {};
        const unknown = await call(kind, 'altro', { casoId: `${A.id}X`, ...body });
        expectProblem(unknown, 404, 'NOT_FOUND');
        const { res, nuovi } = await registrata(kind, () => call(kind, 'altro', { casoId: A.id, ...body }));
        expect([comparable(res), nuovi]).toEqual([comparable(unknown), {}]);
      }
    });

    it('hostile input is a 400 naming the field, never a 500', async () => {
      const paths = (a: Answer) => ((a.body.errors ?? []) as { path: string }[]).map((e) => e.path);
      for (const body of [{ casoId: { $ne: 1 }, numeroVersione: 1 }, { casoId: '../etc', numeroVersione: 1 }, { casoId: A.id, numeroVersione: 0 }, { casoId: A.id, numeroVersione: 1, paisId: 'x'.repeat(65) }, { casoId: A.id, numeroVersione: 1, analisiPreliminareId: 'AP' }]) {
        const res = await call('pais', 'ente', body);
        expectProblem(res, 400, 'BAD_REQUEST');
        expect(paths(res)).toHaveLength(1);
      }
      expect(paths(await call('pais', 'ente', { casoId: A.id, numeroVersione: 1, analisiPreliminareId: 'AP' }))).toEqual(['analisiPreliminareId']);
      expect(paths(await call('caso-pais-misura', 'ente', { domandaId: 'ADI 1' }))).toEqual(['domandaId']);
      const cf = await ricerca('casi-pais-cittadino', 'ente', { codiceFiscale: `${coniuge.slice(0, 15)}${coniuge[15] === 'A' ? 'B' : 'A'}` });
      expectProblem(cf, 400, 'BAD_REQUEST', coniuge.slice(0, 15));
      expect(paths(cf)).toEqual(['codiceFiscale']);
    });
  });
});
