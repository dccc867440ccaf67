// Valid records of every entity, for tests here and in the apps that use this library. Synthetic people:
// the CFs are computed from invented personal data.
import { encodePersonalCf, generateNumericCf } from '@fsl/codice-fiscale';
import type { GepiRecord, RecordOf } from './model';
import type { Entita } from './vocabularies';

export const RICHIEDENTE_CF = encodePersonalCf({ surname: 'Verdi', name: 'Anna', sex: 'F', birthDate: '1991-04-12', placeCode: 'F205' });
export const FIGLIO_CF = encodePersonalCf({ surname: 'Verdi', name: 'Paolo', sex: 'M', birthDate: '2012-09-30', placeCode: 'F205' });
/** Born during the case: joins the household on the day of birth. */
export const NEONATA_CF = encodePersonalCf({ surname: 'Verdi', name: 'Lucia', sex: 'F', birthDate: '2024-06-10', placeCode: 'F205' });
/** Left the household during the case. */
export const CONIUGE_CF = encodePersonalCf({ surname: 'Neri', name: 'Marco', sex: 'M', birthDate: '1988-01-20', placeCode: 'H501' });
/** The case manager: a GePI user, whose CF is validated and never logged. */
export const OPERATORE_CF = encodePersonalCf({ surname: 'Bianchi', name: 'Laura', sex: 'F', birthDate: '1980-07-03', placeCode: 'F205' });
export const COORDINATORE_CF = encodePersonalCf({ surname: 'Russo', name: 'Carlo', sex: 'M', birthDate: '1975-11-15', placeCode: 'F205' });
export const ENTE_TERZO_SETTORE_CF = generateNumericCf('0712345', '015');
export const AZIENDA_OSPITANTE_CF = generateNumericCf('0287774', '021');

export const CASO_ID = 'GEPI-CASO-0001';
export const DOMANDA_ID = 'ADI-2024-000123';
const AT = '2025-03-10T09:30:00+01:00';
const envelope = { versione: 1, aggiornatoIl: AT, operazione: 'AGGIORNAMENTO' as const };
const ofCase = { ...envelope, casoId: CASO_ID };

/** One valid AGGIORNAMENTO per entity; each call returns a fresh copy. */
export function valid<E extends Entita>(entita: E): RecordOf[E] {
  return structuredClone(VALID[entita]) as RecordOf[E];
}

/** The deletion of the record `valid(entita)` describes, as version `versione`. */
export function deletion<E extends Entita>(entita: E, versione = 2): RecordOf[E] {
  const { dati: _dati, ...identity } = valid(entita) as GepiRecord & { dati: unknown };
  return { ...identity, versione, operazione: 'ELIMINAZIONE' } as unknown as RecordOf[E];
}

const servizioSociale = { tipo: 'SERVIZIO_SOCIALE' as const, denominazione: 'Servizio sociale del Comune di Milano' };

const VALID: { [E in Entita]: RecordOf[E] } = {
  caso: {
    ...envelope,
    id: CASO_ID,
    dati: {
      domandaId: DOMANDA_ID,
      misura: 'ADI',
      stato: 'PATTO_SOTTOSCRITTO',
      dataApertura: '2024-02-05',
      dataAssegnazione: '2024-02-12',
      // Opened at the comune of Milano, moved to an ambito on 1 Sep 2024.
      enti: [
        { tipo: 'COMUNE', codice: 'F205', dal: '2024-02-05', al: '2024-08-31' },
        { tipo: 'ATS', codice: 'LOM_23', dal: '2024-09-01' },
      ],
      operatori: [
        { ruolo: 'COORDINATORE', codiceFiscale: COORDINATORE_CF, dal: '2024-02-05' },
        { ruolo: 'CASE_MANAGER', codiceFiscale: OPERATORE_CF, dal: '2024-02-12' },
      ],
    },
  },
  'nucleo-caso': {
    ...ofCase,
    id: 'GEPI-NUC-0001',
    dati: {
      componenti: [
        { codiceFiscale: RICHIEDENTE_CF, ruolo: 'RICHIEDENTE', dal: '2024-02-05', motivoIngresso: 'COMPOSIZIONE_INIZIALE', condizioni: [], inScala: true, attivabile: true, caricoCura: true, esonerato: false },
        { codiceFiscale: FIGLIO_CF, ruolo: 'FIGLIO', dal: '2024-02-05', motivoIngresso: 'COMPOSIZIONE_INIZIALE', condizioni: ['MINORE'], inScala: true, attivabile: false, caricoCura: false, esonerato: false },
        { codiceFiscale: CONIUGE_CF, ruolo: 'CONIUGE', dal: '2024-02-05', al: '2024-10-15', motivoIngresso: 'COMPOSIZIONE_INIZIALE', motivoUscita: 'NUOVO_NUCLEO', condizioni: ['SVANTAGGIO'], categoriaSvantaggio: 'DIPENDENZE', inScala: true, attivabile: false, caricoCura: false, esonerato: true },
        { codiceFiscale: NEONATA_CF, ruolo: 'FIGLIO', dal: '2024-06-10', motivoIngresso: 'NASCITA', condizioni: ['MINORE'], inScala: true, attivabile: false, caricoCura: false, esonerato: false },
      ],
    },
  },
  'analisi-preliminare': {
    ...ofCase,
    id: 'GEPI-AP-0001',
    dati: {
      numeroVersione: 1,
      statoDocumento: 'DEFINITIVO',
      dataRedazione: '2024-03-01',
      dataIncontro: '2024-02-28',
      bisogni: [{ ambito: 'LAVORO', codiceFiscale: RICHIEDENTE_CF, descrizione: 'Ricerca di un impiego compatibile con la cura dei figli' }, { ambito: 'ABITATIVO' }],
      risorse: ['Rete familiare disponibile'],
      esito: 'QUADRO_ANALISI',
    },
  },
  'quadro-analisi': {
    ...ofCase,
    id: 'GEPI-QA-0001',
    dati: {
      numeroVersione: 1,
      statoDocumento: 'DEFINITIVO',
      dataRedazione: '2024-03-20',
      equipeId: 'GEPI-EM-0001',
      provvisorio: false,
      dimensioni: [{ ambito: 'LAVORO', codiceFiscale: RICHIEDENTE_CF, livello: 'ALTO' }, { ambito: 'ISTRUZIONE_FORMAZIONE', codiceFiscale: FIGLIO_CF, livello: 'MEDIO', descrizione: 'Frequenza irregolare' }],
    },
  },
  'equipe-multidisciplinare': {
    ...ofCase,
    id: 'GEPI-EM-0001',
    dati: {
      dataCostituzione: '2024-03-10',
      componenti: [
        { ruolo: 'CASE_MANAGER', organizzazione: servizioSociale },
        { ruolo: 'OPERATORE_CPI', organizzazione: { tipo: 'CPI', denominazione: 'Centro per l\'impiego di Milano' } },
        { ruolo: 'OPERATORE_TERZO_SETTORE', organizzazione: { tipo: 'TERZO_SETTORE', denominazione: 'Cooperativa sociale Esempio', codiceFiscale: ENTE_TERZO_SETTORE_CF } },
      ],
    },
  },
  pais: {
    ...ofCase,
    id: 'GEPI-PAIS-0001',
    dati: {
      numeroVersione: 2,
      statoDocumento: 'DEFINITIVO',
      dataRedazione: '2024-04-02',
      stato: 'SOTTOSCRITTO',
      semplificato: false,
      dataSottoscrizione: '2024-04-05',
      dataInizio: '2024-04-08',
      dataFine: '2025-04-07',
      obiettivoGenerale: 'Autonomia economica del nucleo',
      obiettivi: [{ id: 'OB1', descrizione: 'Inserimento lavorativo della richiedente' }, { id: 'OB2', descrizione: 'Frequenza scolastica regolare' }],
      risultatiAttesi: [{ obiettivoId: 'OB1', codiceFiscale: RICHIEDENTE_CF, descrizione: 'Completare un tirocinio', indicatore: 'Tirocinio concluso', scadenza: '2024-12-31' }],
      sostegni: [
        {
          id: 'S1',
          tipo: 'TIROCINIO_INCLUSIONE',
          fornitore: servizioSociale,
          dal: '2024-05-06',
          al: '2024-11-05',
          beneficiari: [RICHIEDENTE_CF],
          tirocinio: { soggettoOspitante: { codiceFiscale: AZIENDA_OSPITANTE_CF, denominazione: 'ESEMPIO SRL' }, oreSettimanali: 20, indennitaMensileCentesimi: 50000 },
        },
        { id: 'S2', tipo: 'EDUCATIVA_DOMICILIARE', fornitore: { tipo: 'TERZO_SETTORE', denominazione: 'Cooperativa sociale Esempio', codiceFiscale: ENTE_TERZO_SETTORE_CF }, dal: '2024-04-15', beneficiari: [FIGLIO_CF] },
        { id: 'S3', tipo: 'SOSTEGNO_ABITATIVO', fornitore: servizioSociale, dal: '2024-04-15', beneficiari: [] },
      ],
      impegni: [
        { id: 'I1', codiceFiscale: RICHIEDENTE_CF, tipo: 'COLLOQUI_SERVIZIO', descrizione: 'Colloquio mensile con il case manager', dal: '2024-04-08' },
        { id: 'I2', codiceFiscale: FIGLIO_CF, tipo: 'FREQUENZA_SCOLASTICA', dal: '2024-04-08', al: '2025-06-30' },
      ],
    },
  },
  'partecipazione-puc': {
    ...ofCase,
    id: 'GEPI-PUC-0001',
    codiceFiscale: RICHIEDENTE_CF,
    dati: {
      progettoId: 'PUC-F205-0042',
      titoloProgetto: 'Cura del verde pubblico',
      comune: 'F205',
      ambito: 'AMBIENTALE',
      dataInizio: '2024-05-06',
      dataFine: '2024-11-29',
      oreSettimanali: 8,
      presenze: [{ mese: '2024-05', oreSvolte: 32 }, { mese: '2024-06', oreSvolte: 28 }],
    },
  },
  'pad-nucleo': {
    ...ofCase,
    id: 'PAD-2024-000123',
    dati: {
      dataSottoscrizione: '2024-01-15',
      richiedenteCf: RICHIEDENTE_CF,
      componenti: [
        { codiceFiscale: RICHIEDENTE_CF, percorso: 'LAVORATIVO', categorizzazioni: { condizioni: [], attivazione: 'ATTIVABILE' } },
        { codiceFiscale: FIGLIO_CF, percorso: 'SOCIALE', categorizzazioni: { condizioni: ['MINORE'], attivazione: 'NON_ATTIVABILE' } },
        { codiceFiscale: CONIUGE_CF, percorso: 'ESONERATO', motivoEsonero: 'Programma terapeutico in corso', categorizzazioni: { condizioni: ['SVANTAGGIO'], categoriaSvantaggio: 'DIPENDENZE', attivazione: 'ESONERATO' } },
      ],
      atsCompetente: 'LOM_23',
      cpiComune: 'F205',
    },
  },
};
