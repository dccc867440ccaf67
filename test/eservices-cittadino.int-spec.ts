import { createHmac, randomBytes, randomInt } from 'node:crypto';
import { generateNumericCf } from '@fsl/codice-fiscale';
import { gepiFixtures } from '@fsl/gepi';
import { siislFixtures } from '@fsl/siisl';
import { startApp, type RunningApp } from './support/processes';
import { appDatabaseUrl, BROKERS, createTestTopics, isolation, postJson, randomCf, TEST_PSEUDONYM_KEY, waitFor } from './support/env';
import { ingestAppEnv } from './support/ingest';
import { DEV_AUDIT_PSEUDONYM_KEY } from '../apps/api/src/config';
import type { EserviceKind } from '../apps/api/src/registry/eservices';
import { contractOf } from '../apps/api/test/support/contract';
import { expectProblem, startApi, type Answer, type Harness } from '../apps/api/test/support/harness';

// The e-services that serve a slice of a citizen's dossier (PUC, PaIS commitments and supports, inclusion
// measures, enrolments, interests, CV, job offers) and the two course-catalogue e-services, through the real
// stack: SIISL and GePI records in through ingest-siisl and ingest-gepi (HTTP) → Kafka → dossier-builder →
// Postgres → the api with vouchers from the PDND stand-in. One household — an applicant and her son, an ADI
// measure, a PaIS case managed by the comune F205 — and the applicant's SIISL life: two PUC (one reported by
// GePI too), a CV in two versions, three job proposals, two enrolments, two interests; courses and offers in
// the catalogues. Every expected value below is written from the records sent. Ids and codici fiscali are fresh
// per run: the ingest's claims and the projections are shared tables.

type Dati = Record<string, unknown>;
type Rec = Record<string, unknown> & { id: string; versione: number };

const run = randomBytes(4).toString('hex').toUpperCase();
const fresh = (label: string) => `${label}-${run}-${randomBytes(3).toString('hex').toUpperCase()}`;
const at = (n: number) => `2025-06-${String(10 + n).padStart(2, '0')}T09:00:00+02:00`;
const rec = (id: string, versione: number, dati: Dati, extra: Dati = {}): Rec => ({ id, versione, aggiornatoIl: at(versione), operazione: 'AGGIORNAMENTO', ...extra, dati });
const deletion = (id: string, versione: number, extra: Dati = {}): Rec => ({ id, versione, aggiornatoIl: at(versione), operazione: 'ELIMINAZIONE', ...extra });

// ---- the household ----
const RICHIEDENTE = randomCf();
const FIGLIO = randomCf();
const CASO = fresh('GEPI-CASO');
const PAIS = fresh('GEPI-PAIS');
const DOMANDA = fresh('ADI-2024');
const MISURA = DOMANDA;
const PROGETTO = fresh('PUC-F205');
const PUC_GEPI = fresh('GEPI-PUC');
const PUC_SIISL = fresh('PUC');
const PUC_SIISL_2 = fresh('PUC');
const PROGETTO_2 = fresh('PUC-H501');
const OSPITANTE = gepiFixtures.AZIENDA_OSPITANTE_CF;
const SERVIZIO_SOCIALE = { tipo: 'SERVIZIO_SOCIALE', denominazione: 'Servizio sociale del Comune di Milano' };

const caso = rec(CASO, 1, {
  domandaId: DOMANDA,
  misura: 'ADI',
  stato: 'PATTO_SOTTOSCRITTO',
  dataApertura: '2024-02-05',
  dataAssegnazione: '2024-02-12',
  enti: [{ tipo: 'COMUNE', codice: 'F205', dal: '2024-02-05' }],
  operatori: [
    { ruolo: 'COORDINATORE', codiceFiscale: gepiFixtures.COORDINATORE_CF, dal: '2024-02-05' },
    { ruolo: 'CASE_MANAGER', codiceFiscale: gepiFixtures.OPERATORE_CF, dal: '2024-02-12' },
  ],
});
const membro = (codiceFiscale: string, ruolo: string, condizioni: string[], attivabile: boolean) =>
  ({ codiceFiscale, ruolo, dal: '2024-02-05', motivoIngresso: 'COMPOSIZIONE_INIZIALE', condizioni, inScala: true, attivabile, caricoCura: false, esonerato: false });
const nucleo = rec(fresh('GEPI-NUC'), 1, { componenti: [membro(RICHIEDENTE, 'RICHIEDENTE', [], true), membro(FIGLIO, 'FIGLIO', ['MINORE'], false)] }, { casoId: CASO });
const S1 = {
  id: 'S1',
  tipo: 'TIROCINIO_INCLUSIONE',
  fornitore: SERVIZIO_SOCIALE,
  dal: '2024-05-06',
  al: '2024-11-05',
  beneficiari: [RICHIEDENTE],
  tirocinio: { soggettoOspitante: { codiceFiscale: OSPITANTE, denominazione: 'ESEMPIO SRL' }, oreSettimanali: 20, indennitaMensileCentesimi: 50000 },
};
const S2 = { id: 'S2', tipo: 'EDUCATIVA_DOMICILIARE', fornitore: { tipo: 'TERZO_SETTORE', denominazione: 'Cooperativa sociale Esempio' }, dal: '2024-04-15', beneficiari: [FIGLIO] };
const S3 = { id: 'S3', tipo: 'SOSTEGNO_ABITATIVO', fornitore: SERVIZIO_SOCIALE, dal: '2024-04-15', beneficiari: [] };
const I1 = { id: 'I1', codiceFiscale: RICHIEDENTE, tipo: 'COLLOQUI_SERVIZIO', descrizione: 'Colloquio mensile con il case manager', dal: '2024-04-08' };
const I2 = { id: 'I2', codiceFiscale: FIGLIO, tipo: 'FREQUENZA_SCOLASTICA', dal: '2024-04-08', al: '2025-06-30' };
const pais = rec(
  PAIS,
  1,
  {
    numeroVersione: 1,
    statoDocumento: 'DEFINITIVO',
    dataRedazione: '2024-04-02',
    stato: 'SOTTOSCRITTO',
    semplificato: false,
    dataSottoscrizione: '2024-04-05',
    dataInizio: '2024-04-08',
    dataFine: '2025-04-07',
    obiettivoGenerale: 'Autonomia economica del nucleo',
    obiettivi: [{ id: 'OB1', descrizione: 'Inserimento lavorativo della richiedente' }],
    risultatiAttesi: [{ obiettivoId: 'OB1', codiceFiscale: RICHIEDENTE, descrizione: 'Completare un tirocinio', scadenza: '2024-12-31' }],
    sostegni: [S1, S2, S3],
    impegni: [I1, I2],
  },
  { casoId: CASO },
);
const pucGepi = rec(
  PUC_GEPI,
  1,
  { progettoId: PROGETTO, titoloProgetto: 'Cura del verde pubblico', comune: 'F205', ambito: 'AMBIENTALE', dataInizio: '2024-05-06', dataFine: '2024-11-29', oreSettimanali: 8, presenze: [{ mese: '2024-05', oreSvolte: 32 }, { mese: '2024-06', oreSvolte: 28 }] },
  { casoId: CASO, codiceFiscale: RICHIEDENTE },
);

const misura = rec(
  MISURA,
  1,
  {
    misura: 'ADI',
    stato: 'ACCOLTA',
    dataDecorrenza: '2024-02-01',
    dataFine: '2025-07-31',
    dataSottoscrizionePad: '2024-01-15',
    importiMensili: [{ mese: '2024-02', importoCentesimi: 50000, importoAffittoCentesimi: 28000 }, { mese: '2024-03', importoCentesimi: 50000 }],
    nucleo: [{ codiceFiscale: RICHIEDENTE, percorso: 'CENTRO_IMPIEGO' }, { codiceFiscale: FIGLIO, percorso: 'SERVIZI_SOCIALI' }],
  },
  { codiceFiscale: RICHIEDENTE },
);
// The same project and period as GePI's participation (one entry, both sources), and another project of SIISL's alone.
const pucSiisl = rec(PUC_SIISL, 1, { progettoId: PROGETTO, titoloProgetto: 'Verde pubblico', comune: 'F205', dataInizio: '2024-05-06', dataFine: '2024-11-29', oreSettimanali: 8, oreSvolte: 160 }, { codiceFiscale: RICHIEDENTE });
const pucSiisl2 = rec(PUC_SIISL_2, 1, { progettoId: PROGETTO_2, comune: 'H501', dataInizio: '2023-09-01', dataFine: '2024-02-28', oreSettimanali: 10 }, { codiceFiscale: RICHIEDENTE });

// ---- the applicant's CV and job proposals ----
const CV = fresh('CV');
const DATORE = siislFixtures.DATORE_CF;
const cvDati = (lingue: Dati[]) => ({
  esperienze: [{ datore: { codiceFiscale: DATORE, denominazione: 'ESEMPIO SRL' }, dataInizio: '2019-02-01', dataFine: '2021-06-30', qualificaCp2011: '5.2.2.1.0.0', settoreAteco: '56.10.11', mansioni: 'Preparazione dei pasti', fonte: 'CO' }],
  istruzione: [{ titolo: 'Diploma di istituto alberghiero', livelloIsced: '3', livelloEqf: '4', annoConseguimento: 2010 }],
  lingue,
  competenze: [{ descrizione: 'HACCP' }],
  disponibilita: { comuni: ['F205'], orario: 'TEMPO_PIENO', distanzaMassimaKm: 40, trasferte: false },
});
const cv1 = rec(CV, 1, cvDati([{ lingua: 'it', livelloCefr: 'C2', madrelingua: true }]), { codiceFiscale: RICHIEDENTE });
const cv2 = rec(CV, 2, cvDati([{ lingua: 'it', livelloCefr: 'C2', madrelingua: true }, { lingua: 'fr', livelloCefr: 'A2' }]), { codiceFiscale: RICHIEDENTE });

const OFF1 = fresh('OFF');
const OFF2 = fresh('OFF');
const OFF_ATTESA = fresh('OFF');
const offerta = (id: string, sedeComune: string, stato: string) =>
  rec(id, 1, {
    datore: { codiceFiscale: DATORE, denominazione: 'ESEMPIO SRL' },
    qualificaCp2011: '5.2.2.1.0.0',
    settoreAteco: '56.10.11',
    sedeComune,
    tipologiaContrattuale: 'A.02.00',
    posti: 2,
    dataPubblicazione: '2025-02-01',
    dataChiusura: '2025-04-30',
    competenzeRichieste: [{ descrizione: 'HACCP' }],
    stato,
  });
const P1 = fresh('PROP');
const P2 = fresh('PROP');
const P3 = fresh('PROP');
const MOTIVO = 'Assistenza quotidiana al figlio con disabilità';
const proposte = [
  rec(P1, 1, { offertaId: OFF1, stato: 'RIFIUTATA', dataProposta: '2025-02-10', dataScadenza: '2025-02-24', dataEsito: '2025-02-12', motivoRifiuto: MOTIVO, rifiutoGiustificato: true }, { codiceFiscale: RICHIEDENTE }),
  rec(P2, 1, { offertaId: OFF2, stato: 'ACCETTATA', dataProposta: '2025-03-10', dataEsito: '2025-03-12' }, { codiceFiscale: RICHIEDENTE }),
  rec(P3, 1, { offertaId: OFF_ATTESA, stato: 'PROPOSTA', dataProposta: '2025-05-20', dataScadenza: '2025-06-03' }, { codiceFiscale: RICHIEDENTE }),
];

// ---- courses, enrolments, interests ----
const ENTE = generateNumericCf(String(randomInt(0, 10_000_000)).padStart(7, '0'), '015');
const CORSO = fresh('CORSO');
const CORSO_ELIMINATO = fresh('CORSO');
const CORSO_MAI_ARRIVATO = fresh('CORSO');
const CODICE = `AC-${run}-1`;
const CODICE_ELIMINATO = `AC-${run}-2`;
const CODICE_CONDIVISO = `AC-${run}-3`;
const DOPPIO = fresh('CORSO');
const [CORSO_A, CORSO_B] = [`${DOPPIO}-A`, `${DOPPIO}-B`];
const corsoDati = (codiceCorsoEnte: string, titolo: string, posti: number) => ({
  titolo,
  codiceCorsoEnte,
  ente: { codiceFiscale: ENTE, denominazione: 'ENTE FORMAZIONE ESEMPIO', accreditamento: 'Regione Lombardia' },
  sede: { comune: 'F205', indirizzo: 'Via Esempio 1' },
  modalita: 'MISTA',
  ore: 120,
  dataInizio: '2025-04-01',
  dataFine: '2025-05-31',
  posti,
  livelloEqf: '3',
  qualificazione: 'Attestato di competenze',
  competenze: [{ escoUri: 'http://data.europa.eu/esco/skill/00000000-0000-4000-8000-000000000004' }],
  finanziamento: 'GOL',
});
const corsi = [
  rec(CORSO, 1, corsoDati(CODICE, 'Addetto alla cucina', 20)),
  rec(CORSO, 2, corsoDati(CODICE, 'Addetto alla cucina - edizione 2', 25)),
  rec(CORSO_ELIMINATO, 1, corsoDati(CODICE_ELIMINATO, 'Pasticceria', 10)),
  deletion(CORSO_ELIMINATO, 2),
  // Two current courses with the same provider code: the lookup answers the smaller id.
  rec(CORSO_B, 1, corsoDati(CODICE_CONDIVISO, 'Sala e bar', 12)),
  rec(CORSO_A, 1, corsoDati(CODICE_CONDIVISO, 'Sala e bar (bis)', 12)),
];
const ISCR = fresh('ISCR');
const ISCR_ATTESA = fresh('ISCR');
const EVENTI = [
  { tipo: 'ISCRITTO', data: '2025-03-01' },
  { tipo: 'AVVIATO', data: '2025-04-01' },
  { tipo: 'CONCLUSO', data: '2025-05-31' },
];
const iscrizioni = [
  rec(ISCR, 1, { corsoId: CORSO, eventi: EVENTI.slice(0, 1) }, { codiceFiscale: RICHIEDENTE }),
  rec(ISCR, 2, { corsoId: CORSO, eventi: EVENTI }, { codiceFiscale: RICHIEDENTE }),
  rec(ISCR_ATTESA, 1, { corsoId: CORSO_MAI_ARRIVATO, eventi: [{ tipo: 'ISCRITTO', data: '2025-05-02' }] }, { codiceFiscale: RICHIEDENTE }),
];
const MAN = fresh('MAN');
const MAN_ELIMINATO = fresh('MAN');
const manifestazioni = [
  rec(MAN, 1, { corsoId: CORSO, data: '2025-02-20' }, { codiceFiscale: RICHIEDENTE }),
  rec(MAN_ELIMINATO, 1, { corsoId: CORSO_ELIMINATO, data: '2025-01-15' }, { codiceFiscale: RICHIEDENTE }),
];

// Dossier versions, counted from the records above (each record that changes a citizen's state counts one):
// the applicant has 13 SIISL records (measure, 2 PUC, 2 CV versions, 3 proposals, 3 enrolment versions, 2
// interests) and 3 GePI records after she is linked to the case (household, PaIS, PUC; the case record comes
// first, when the case has no members yet); her son the measure and the same 3 GePI records.
const VERSIONE_RICHIEDENTE = 16;
const VERSIONE_FIGLIO = 4;

const SLICES = ['partecipazioni-puc', 'impegni-pais', 'sostegni-pais', 'misure-inclusione', 'iscrizioni-corsi', 'manifestazioni-interesse', 'curriculum', 'offerte-lavoro'] as const;
type Slice = (typeof SLICES)[number];
const EMPTY: Record<Slice, Dati> = {
  'partecipazioni-puc': { partecipazioniPuc: [] },
  'impegni-pais': { impegni: [] },
  'sostegni-pais': { sostegni: [] },
  'misure-inclusione': { misureInclusione: [] },
  'iscrizioni-corsi': { iscrizioni: [] },
  'manifestazioni-interesse': { manifestazioniInteresse: [] },
  curriculum: { curriculum: null, versioniCurriculum: [] },
  'offerte-lavoro': { proposteLavoro: [] },
};
const SCHEMA: Record<Slice | 'offerta-formativa' | 'identificativo-offerta-formativa', string> = {
  'partecipazioni-puc': 'EsitoPartecipazioniPucDto',
  'impegni-pais': 'EsitoImpegniPaisDto',
  'sostegni-pais': 'EsitoSostegniPaisDto',
  'misure-inclusione': 'EsitoMisureInclusioneDto',
  'iscrizioni-corsi': 'EsitoIscrizioniCorsiDto',
  'manifestazioni-interesse': 'EsitoManifestazioniInteresseDto',
  curriculum: 'EsitoCurriculumDto',
  'offerte-lavoro': 'EsitoOfferteLavoroDto',
  'offerta-formativa': 'EsitoOffertaFormativaDto',
  'identificativo-offerta-formativa': 'EsitoIdentificativoOffertaFormativaDto',
};

describe('citizen e-services: ingest-siisl and ingest-gepi → Kafka → builder → api', () => {
  const { prefix, group } = isolation('es-cittadino');
  const apps: Record<string, RunningApp> = {};
  let api: Harness;
  const contract = contractOf('api');

  beforeAll(async () => {
    await createTestTopics(prefix);
    const redis: Record<string, string> = process.env.FSL_TEST_REDIS_URL ? { REDIS_URL: process.env.FSL_TEST_REDIS_URL } : {};
    const started = await Promise.all([
      startApp('ingest-siisl', ingestAppEnv('ingest-siisl', prefix, { LOTTI_QUEUE: `${group}-siisl-lotti`, ...redis })),
      startApp('ingest-gepi', ingestAppEnv('ingest-gepi', prefix, { LOTTI_QUEUE: `${group}-gepi-lotti`, ...redis })),
      startApp('dossier-builder', { KAFKA_BROKERS: BROKERS, KAFKA_TOPIC_PREFIX: prefix, PSEUDONYM_KEY: TEST_PSEUDONYM_KEY, DATABASE_URL: appDatabaseUrl('fsl_builder'), CONSUMER_GROUP: group }),
    ]);
    for (const a of started) apps[a.name] = a;
    const sociale: EserviceKind[] = ['partecipazioni-puc', 'impegni-pais', 'sostegni-pais', 'misure-inclusione'];
    const formativa: EserviceKind[] = ['offerta-formativa', 'identificativo-offerta-formativa', 'iscrizioni-corsi', 'manifestazioni-interesse'];
    const lavoro: EserviceKind[] = ['curriculum', 'offerte-lavoro'];
    api = await startApi({
      tutti: { purpose: { eservices: [...sociale, ...formativa, ...lavoro], dati: ['lavorativa', 'sociale', 'formativa'], casiPais: 'tutti' } },
      // The comune that manages the case, and one that does not: both limited to the cases of their ente.
      comune: { ente: 'F205', purpose: { eservices: sociale, dati: ['sociale'], casiPais: 'ente' } },
      altroComune: { ente: 'H501', purpose: { eservices: sociale, dati: ['sociale'], casiPais: 'ente' } },
      lavoro: { purpose: { eservices: lavoro, dati: ['lavorativa'] } },
    });

    const send = async (app: 'ingest-siisl' | 'ingest-gepi', entita: string, r: Rec) => {
      const res = await postJson(`${apps[app].url}/v1/${entita}`, r);
      expect({ entita, id: r.id, status: res.status, esito: res.body?.esito }).toEqual({ entita, id: r.id, status: 202, esito: 'ACCETTATA' });
    };
    // One case, one key: sent in order, so the household is linked before the PaIS and the PUC arrive.
    for (const [entita, r] of [['caso', caso], ['nucleo-caso', nucleo], ['pais', pais], ['partecipazione-puc', pucGepi]] as const) await send('ingest-gepi', entita, r);
    const siisl: Array<[string, Rec]> = [
      ...corsi.map((r) => ['corso', r] as [string, Rec]),
      ['offerta-lavoro', offerta(OFF1, 'F205', 'PUBBLICATA')],
      ['offerta-lavoro', offerta(OFF2, 'B157', 'CHIUSA')],
      ['misura-inclusione', misura],
      ['puc', pucSiisl],
      ['puc', pucSiisl2],
      ['curriculum', cv1],
      ['curriculum', cv2],
      ...proposte.map((r) => ['proposta-lavoro', r] as [string, Rec]),
      ...iscrizioni.map((r) => ['iscrizione', r] as [string, Rec]),
      ...manifestazioni.map((r) => ['manifestazione-interesse', r] as [string, Rec]),
    ];
    for (const [entita, r] of siisl) await send('ingest-siisl', entita, r);

    // Applied once both citizens' dossiers reached the versions the records make and the catalogues hold the
    // last course and offer records (the catalogues are keyed by their own ids: other partitions).
    const versione = async (cf: string) => (await slice('tutti', 'curriculum', cf)).body.versione;
    await waitFor('the applicant’s records', async () => ((await versione(RICHIEDENTE)) === VERSIONE_RICHIEDENTE ? true : undefined), 60000, 250);
    await waitFor('the son’s records', async () => ((await versione(FIGLIO)) === VERSIONE_FIGLIO ? true : undefined), 60000, 250);
    await waitFor('the catalogues', async () => {
      const [eliminato, doppio, offerte] = await Promise.all([
        api.call('offerta-formativa', api.consumers.tutti!, { body: { corsoId: CORSO_ELIMINATO } }),
        api.call('offerta-formativa', api.consumers.tutti!, { body: { corsoId: CORSO_A } }),
        slice('tutti', 'offerte-lavoro', RICHIEDENTE),
      ]);
      const linked = (offerte.body.proposteLavoro as Array<{ collegamento: string }>).filter((p) => p.collegamento === 'COLLEGATO').length;
      return eliminato.body.eliminato === true && doppio.status === 200 && linked === 2 ? true : undefined;
    }, 60000, 250);
  }, 180000);

  afterAll(async () => {
    await Promise.all(Object.values(apps).map((a) => a.stop()));
    await api?.close();
  }, 60000);

  function slice(consumer: string, kind: EserviceKind, codiceFiscale: string): Promise<Answer> {
    return api.call(kind, api.consumers[consumer]!, { body: { codiceFiscale } });
  }
  /** A 200 answer, checked against the committed OpenAPI document. */
  async function ok(consumer: string, kind: Slice, codiceFiscale: string): Promise<Dati> {
    const res = await slice(consumer, kind, codiceFiscale);
    expect(res.status).toBe(200);
    expect(contract(SCHEMA[kind], res.body)).toEqual([]);
    return res.body;
  }
  const pseudonym = (cf: string) => createHmac('sha256', DEV_AUDIT_PSEUDONYM_KEY).update(cf).digest('hex');
  async function accessi(cf: string, kind: EserviceKind, outcome = 'granted'): Promise<number> {
    const { rows } = await api.audit.query<{ n: string }>('SELECT count(*) AS n FROM access_audit WHERE subject = $1 AND eservice = $2 AND outcome = $3', [pseudonym(cf), api.eservice(kind).name, outcome]);
    return Number(rows[0]!.n);
  }

  describe('5. Consultazione partecipazione PUC', () => {
    it('the PUC of both sources, once each: GePI’s values first, both records named', async () => {
      expect(await ok('tutti', 'partecipazioni-puc', RICHIEDENTE)).toEqual({
        versione: VERSIONE_RICHIEDENTE,
        partecipazioniPuc: [
          { progettoId: PROGETTO_2, comune: 'H501', dataInizio: '2023-09-01', dataFine: '2024-02-28', oreSettimanali: 10, fonti: [{ fonte: 'SIISL', id: PUC_SIISL_2, versione: 1 }] },
          {
            progettoId: PROGETTO,
            titoloProgetto: 'Cura del verde pubblico',
            comune: 'F205',
            ambito: 'AMBIENTALE',
            dataInizio: '2024-05-06',
            dataFine: '2024-11-29',
            oreSettimanali: 8,
            // GePI's attendance (32 + 28 hours) wins over SIISL's figure.
            oreSvolte: 60,
            fonti: [
              { fonte: 'SIISL', id: PUC_SIISL, versione: 1 },
              { fonte: 'GEPI', id: PUC_GEPI, versione: 1, casoId: CASO },
            ],
          },
        ],
      });
      expect(await ok('tutti', 'partecipazioni-puc', FIGLIO)).toEqual({ versione: VERSIONE_FIGLIO, partecipazioniPuc: [] });
    });

    it('a purpose limited to its ente’s cases gets no PUC, as in the cartella sociale', async () => {
      expect(await ok('comune', 'partecipazioni-puc', RICHIEDENTE)).toEqual({ versione: VERSIONE_RICHIEDENTE, partecipazioniPuc: [] });
    });
  });

  describe('7. Consultazione impegni del PaIS', () => {
    const mine = { casoId: CASO, paisId: PAIS, id: 'I1', tipo: 'COLLOQUI_SERVIZIO', descrizione: 'Colloquio mensile con il case manager', dal: '2024-04-08' };

    it('each member’s own commitments of the current PaIS, with the case they come from', async () => {
      expect(await ok('tutti', 'impegni-pais', RICHIEDENTE)).toEqual({ versione: VERSIONE_RICHIEDENTE, impegni: [mine] });
      expect(await ok('tutti', 'impegni-pais', FIGLIO)).toEqual({
        versione: VERSIONE_FIGLIO,
        impegni: [{ casoId: CASO, paisId: PAIS, id: 'I2', tipo: 'FREQUENZA_SCOLASTICA', dal: '2024-04-08', al: '2025-06-30' }],
      });
    });

    it('the comune that manages the case sees them; another comune gets exactly the unknown citizen’s answer', async () => {
      expect(await ok('comune', 'impegni-pais', RICHIEDENTE)).toEqual({ versione: VERSIONE_RICHIEDENTE, impegni: [mine] });
      const altro = await ok('altroComune', 'impegni-pais', RICHIEDENTE);
      expect(altro).toEqual({ versione: 0, impegni: [] });
      expect(altro).toEqual(await ok('altroComune', 'impegni-pais', randomCf()));
    });
  });

  describe('10. Consultazione sostegni del PaIS', () => {
    const tirocinio = {
      casoId: CASO,
      paisId: PAIS,
      id: 'S1',
      tipo: 'TIROCINIO_INCLUSIONE',
      fornitore: SERVIZIO_SOCIALE,
      dal: '2024-05-06',
      al: '2024-11-05',
      tirocinio: { soggettoOspitante: { codiceFiscale: OSPITANTE, denominazione: 'ESEMPIO SRL' }, oreSettimanali: 20, indennitaMensileCentesimi: 50000 },
      perNucleo: false,
    };
    const abitativo = { casoId: CASO, paisId: PAIS, id: 'S3', tipo: 'SOSTEGNO_ABITATIVO', fornitore: SERVIZIO_SOCIALE, dal: '2024-04-15', perNucleo: true };

    it('the supports naming the citizen and those for the whole household; never the other beneficiaries', async () => {
      const richiedente = await ok('tutti', 'sostegni-pais', RICHIEDENTE);
      expect(richiedente).toEqual({ versione: VERSIONE_RICHIEDENTE, sostegni: [tirocinio, abitativo] });
      expect(JSON.stringify(richiedente)).not.toContain(FIGLIO);
      expect(await ok('tutti', 'sostegni-pais', FIGLIO)).toEqual({
        versione: VERSIONE_FIGLIO,
        sostegni: [{ casoId: CASO, paisId: PAIS, id: 'S2', tipo: 'EDUCATIVA_DOMICILIARE', fornitore: { tipo: 'TERZO_SETTORE', denominazione: 'Cooperativa sociale Esempio' }, dal: '2024-04-15', perNucleo: false }, abitativo],
      });
    });

    it('ente scope: the managing comune sees them, another comune gets the unknown citizen’s answer', async () => {
      expect(await ok('comune', 'sostegni-pais', RICHIEDENTE)).toEqual({ versione: VERSIONE_RICHIEDENTE, sostegni: [tirocinio, abitativo] });
      const altro = await ok('altroComune', 'sostegni-pais', FIGLIO);
      expect(altro).toEqual({ versione: 0, sostegni: [] });
      expect(altro).toEqual(await ok('altroComune', 'sostegni-pais', randomCf()));
    });
  });

  describe('16. Ricerca misure di inclusione', () => {
    const misuraDi = (ruolo: string, percorso: string) => ({
      id: MISURA,
      versione: 1,
      misura: 'ADI',
      stato: 'ACCOLTA',
      ruolo,
      percorso,
      componentiNucleo: 2,
      dataDecorrenza: '2024-02-01',
      dataFine: '2025-07-31',
      dataSottoscrizionePad: '2024-01-15',
      importiMensili: [{ mese: '2024-02', importoCentesimi: 50000, importoAffittoCentesimi: 28000 }, { mese: '2024-03', importoCentesimi: 50000 }],
      totaleCentesimi: 128000,
    });

    it('the measure for the applicant and for the household member, each with their role and route', async () => {
      expect(await ok('tutti', 'misure-inclusione', RICHIEDENTE)).toEqual({ versione: VERSIONE_RICHIEDENTE, misureInclusione: [misuraDi('RICHIEDENTE', 'CENTRO_IMPIEGO')] });
      expect(await ok('tutti', 'misure-inclusione', FIGLIO)).toEqual({ versione: VERSIONE_FIGLIO, misureInclusione: [misuraDi('COMPONENTE', 'SERVIZI_SOCIALI')] });
    });

    it('only for a purpose of the whole cartella sociale', async () => {
      expect(await ok('comune', 'misure-inclusione', RICHIEDENTE)).toEqual({ versione: VERSIONE_RICHIEDENTE, misureInclusione: [] });
      expect(await ok('altroComune', 'misure-inclusione', RICHIEDENTE)).toEqual({ versione: 0, misureInclusione: [] });
    });
  });

  // The course as an enrolment or interest shows it (CorsoDto): version 2 of the one sent.
  const corsoCollegato = {
    id: CORSO,
    versione: 2,
    titolo: 'Addetto alla cucina - edizione 2',
    codiceCorsoEnte: CODICE,
    ente: { codiceFiscale: ENTE, denominazione: 'ENTE FORMAZIONE ESEMPIO' },
    sedeComune: 'F205',
    modalita: 'MISTA',
    ore: 120,
    dataInizio: '2025-04-01',
    dataFine: '2025-05-31',
    livelloEqf: '3',
    qualificazione: 'Attestato di competenze',
  };

  describe('17. Dettaglio offerta formativa', () => {
    const offerta = (consumer: string, corsoId: string) => api.call('offerta-formativa', api.consumers[consumer]!, { body: { corsoId } });

    it('a course in its current version, with places, skills, address, funding and accreditation', async () => {
      const res = await offerta('tutti', CORSO);
      expect(res.status).toBe(200);
      expect(contract(SCHEMA['offerta-formativa'], res.body)).toEqual([]);
      expect(res.body).toEqual({
        corsoId: CORSO,
        versione: 2,
        eliminato: false,
        corso: {
          ...corsoCollegato,
          accreditamentoEnte: 'Regione Lombardia',
          indirizzoSede: 'Via Esempio 1',
          posti: 25,
          competenze: [{ escoUri: 'http://data.europa.eu/esco/skill/00000000-0000-4000-8000-000000000004' }],
          finanziamento: 'GOL',
        },
      });
    });

    it('a course deleted in SIISL says so, without content; an unknown one is a 404 problem', async () => {
      const res = await offerta('tutti', CORSO_ELIMINATO);
      expect(res.status).toBe(200);
      expect(contract(SCHEMA['offerta-formativa'], res.body)).toEqual([]);
      expect(res.body).toEqual({ corsoId: CORSO_ELIMINATO, versione: 2, eliminato: true, corso: null });
      expectProblem(await offerta('tutti', CORSO_MAI_ARRIVATO), 404, 'NOT_FOUND');
    });

    it('not personal data: nothing in the access audit', async () => {
      const { rows } = await api.audit.query<{ n: string }>('SELECT count(*) AS n FROM access_audit WHERE eservice = $1', [api.eservice('offerta-formativa').name]);
      expect(Number(rows[0]!.n)).toBe(0);
    });
  });

  describe('20. Recupero identificativo offerta formativa', () => {
    const identificativo = (body: unknown) => api.call('identificativo-offerta-formativa', api.consumers.tutti!, { body });

    it('the SIISL id and current version from the provider’s codice fiscale and own code', async () => {
      const res = await identificativo({ codiceFiscaleEnte: ENTE, codiceCorsoEnte: CODICE });
      expect(res.status).toBe(200);
      expect(contract(SCHEMA['identificativo-offerta-formativa'], res.body)).toEqual([]);
      expect(res.body).toEqual({ corsoId: CORSO, versione: 2 });
    });

    it('two current courses with the same code: the smaller id; a deleted or unknown code: 404', async () => {
      expect((await identificativo({ codiceFiscaleEnte: ENTE, codiceCorsoEnte: CODICE_CONDIVISO })).body).toEqual({ corsoId: CORSO_A, versione: 1 });
      expectProblem(await identificativo({ codiceFiscaleEnte: ENTE, codiceCorsoEnte: CODICE_ELIMINATO }), 404, 'NOT_FOUND');
      expectProblem(await identificativo({ codiceFiscaleEnte: siislFixtures.ENTE_CF, codiceCorsoEnte: CODICE }), 404, 'NOT_FOUND');
    });

    it('a bad provider code is a 400 naming the field', async () => {
      const res = await identificativo({ codiceFiscaleEnte: '12345678901', codiceCorsoEnte: CODICE });
      expectProblem(res, 400, 'BAD_REQUEST');
      expect((res.body.errors as Array<{ path: string }>).map((e) => e.path)).toEqual(['codiceFiscaleEnte']);
    });
  });

  describe('21. Consultazione iscrizione a corsi di formazione', () => {
    it('each enrolment with its event history and its course, one still waiting for its course', async () => {
      expect(await ok('tutti', 'iscrizioni-corsi', RICHIEDENTE)).toEqual({
        versione: VERSIONE_RICHIEDENTE,
        iscrizioni: [
          { id: ISCR, versione: 2, corsoId: CORSO, collegamento: 'COLLEGATO', corso: corsoCollegato, stato: 'CONCLUSO', eventi: EVENTI },
          { id: ISCR_ATTESA, versione: 1, corsoId: CORSO_MAI_ARRIVATO, collegamento: 'IN_ATTESA', corso: null, stato: 'ISCRITTO', eventi: [{ tipo: 'ISCRITTO', data: '2025-05-02' }] },
        ],
      });
      expect(await ok('tutti', 'iscrizioni-corsi', FIGLIO)).toEqual({ versione: VERSIONE_FIGLIO, iscrizioni: [] });
    });
  });

  describe('22. Consultazione manifestazione di interesse a corsi', () => {
    it('each interest with its course, a deleted course marked as such', async () => {
      expect(await ok('tutti', 'manifestazioni-interesse', RICHIEDENTE)).toEqual({
        versione: VERSIONE_RICHIEDENTE,
        manifestazioniInteresse: [
          { id: MAN_ELIMINATO, versione: 1, corsoId: CORSO_ELIMINATO, collegamento: 'ELIMINATO', corso: null, data: '2025-01-15' },
          { id: MAN, versione: 1, corsoId: CORSO, collegamento: 'COLLEGATO', corso: corsoCollegato, data: '2025-02-20' },
        ],
      });
    });
  });

  describe('23. Consultazione curriculum del cittadino', () => {
    it('the current CV and the list of its versions', async () => {
      expect(await ok('tutti', 'curriculum', RICHIEDENTE)).toEqual({
        versione: VERSIONE_RICHIEDENTE,
        curriculum: { id: CV, versione: 2, aggiornatoIl: at(2), ...cvDati([{ lingua: 'it', livelloCefr: 'C2', madrelingua: true }, { lingua: 'fr', livelloCefr: 'A2' }]) },
        versioniCurriculum: [
          { id: CV, versione: 1, aggiornatoIl: at(1), eliminata: false },
          { id: CV, versione: 2, aggiornatoIl: at(2), eliminata: false },
        ],
      });
      expect(await ok('lavoro', 'curriculum', FIGLIO)).toEqual({ versione: VERSIONE_FIGLIO, curriculum: null, versioniCurriculum: [] });
    });
  });

  describe('24. Consultazione offerte di lavoro del cittadino', () => {
    const offertaVista = (id: string, sedeComune: string, stato: string) => ({
      id,
      versione: 1,
      datore: { codiceFiscale: DATORE, denominazione: 'ESEMPIO SRL' },
      qualificaCp2011: '5.2.2.1.0.0',
      settoreAteco: '56.10.11',
      sedeComune,
      tipologiaContrattuale: 'A.02.00',
      dataPubblicazione: '2025-02-01',
      dataChiusura: '2025-04-30',
      stato,
    });

    it('proposed, accepted and refused, each with its offer; a refusal says whether it was justified, not why', async () => {
      const answer = await ok('lavoro', 'offerte-lavoro', RICHIEDENTE);
      expect(answer).toEqual({
        versione: VERSIONE_RICHIEDENTE,
        proposteLavoro: [
          { id: P1, versione: 1, offertaId: OFF1, collegamento: 'COLLEGATO', offerta: offertaVista(OFF1, 'F205', 'PUBBLICATA'), stato: 'RIFIUTATA', dataProposta: '2025-02-10', dataScadenza: '2025-02-24', dataEsito: '2025-02-12', rifiutoGiustificato: true },
          { id: P2, versione: 1, offertaId: OFF2, collegamento: 'COLLEGATO', offerta: offertaVista(OFF2, 'B157', 'CHIUSA'), stato: 'ACCETTATA', dataProposta: '2025-03-10', dataEsito: '2025-03-12' },
          { id: P3, versione: 1, offertaId: OFF_ATTESA, collegamento: 'IN_ATTESA', offerta: null, stato: 'PROPOSTA', dataProposta: '2025-05-20', dataScadenza: '2025-06-03' },
        ],
      });
      // No social-care data: not the refusal's reason, nor anything of the measure, the case or the household.
      const text = JSON.stringify(answer);
      for (const social of [MOTIVO, MISURA, CASO, PAIS, FIGLIO, 'motivoRifiuto']) expect(text).not.toContain(social);
      expect(await ok('tutti', 'offerte-lavoro', RICHIEDENTE)).toEqual(answer);
    });
  });

  describe('every citizen slice', () => {
    it.each(SLICES)('%s: an unknown codice fiscale gets version 0 and the empty slice; the read is in that citizen’s access log', async (kind) => {
      const unknown = randomCf();
      expect(await ok('tutti', kind, unknown)).toEqual({ versione: 0, ...EMPTY[kind] });
      expect(await accessi(unknown, kind)).toBe(1);
    });

    it.each(SLICES)('%s: every read names the e-service in the citizen’s access log', async (kind) => {
      const before = await accessi(RICHIEDENTE, kind);
      await ok('tutti', kind, RICHIEDENTE);
      expect(await accessi(RICHIEDENTE, kind)).toBe(before + 1);
    });

    it('a purpose without the e-service is refused with 403, recorded as denied, without the codice fiscale in the answer', async () => {
      for (const kind of ['impegni-pais', 'iscrizioni-corsi', 'partecipazioni-puc'] as const) {
        const before = await accessi(RICHIEDENTE, kind, 'denied');
        const res = await slice('lavoro', kind, RICHIEDENTE);
        expectProblem(res, 403, 'PURPOSE_NOT_AUTHORISED', RICHIEDENTE);
        expect(await accessi(RICHIEDENTE, kind, 'denied')).toBe(before + 1);
      }
      expectProblem(await api.call('offerta-formativa', api.consumers.comune!, { body: { corsoId: CORSO } }), 403, 'PURPOSE_NOT_AUTHORISED');
      expectProblem(await api.call('curriculum', api.consumers.comune!, { body: { codiceFiscale: RICHIEDENTE } }), 403, 'PURPOSE_NOT_AUTHORISED', RICHIEDENTE);
    });

    it('a body with another member or a bad codice fiscale is a 400 naming the field, never its value', async () => {
      const bad = await api.call('impegni-pais', api.consumers.tutti!, { body: { codiceFiscale: RICHIEDENTE, casoId: CASO } });
      expectProblem(bad, 400, 'BAD_REQUEST', RICHIEDENTE);
      expect((bad.body.errors as Array<{ path: string }>).map((e) => e.path)).toEqual(['casoId']);
      const wrong = `${RICHIEDENTE.slice(0, 15)}${RICHIEDENTE.endsWith('A') ? 'B' : 'A'}`;
      const badCf = await api.call('curriculum', api.consumers.tutti!, { body: { codiceFiscale: wrong } });
      expectProblem(badCf, 400, 'BAD_REQUEST', wrong);
      expect((badCf.body.errors as Array<{ path: string }>).map((e) => e.path)).toEqual(['codiceFiscale']);
    });
  });
});
