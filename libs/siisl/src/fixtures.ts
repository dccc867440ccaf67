// Valid records of every entity, for tests here and in the apps that use this library. Synthetic people:
// the CFs are computed from invented personal data.
import { encodePersonalCf, generateNumericCf } from '@fsl/codice-fiscale';
import type { RecordOf } from './model';
import type { Entita } from './vocabularies';

export const CITTADINO_CF = encodePersonalCf({ surname: 'Verdi', name: 'Anna', sex: 'F', birthDate: '1991-04-12', placeCode: 'F205' });
export const FAMILIARE_CF = encodePersonalCf({ surname: 'Verdi', name: 'Paolo', sex: 'M', birthDate: '2012-09-30', placeCode: 'F205' });
export const DATORE_CF = generateNumericCf('0287774', '021');
export const ENTE_CF = generateNumericCf('0512345', '015');

const AT = '2025-03-10T09:30:00+01:00';
const envelope = { versione: 1, aggiornatoIl: AT, operazione: 'AGGIORNAMENTO' as const };

/** One valid AGGIORNAMENTO per entity; each call returns a fresh copy. */
export function valid<E extends Entita>(entita: E): RecordOf[E] {
  return structuredClone(VALID[entita]) as RecordOf[E];
}

/** The deletion of the record `valid(entita)` describes, as version `versione`. */
export function deletion<E extends Entita>(entita: E, versione = 2): RecordOf[E] {
  const { dati: _dati, ...identity } = valid(entita) as RecordOf[E] & { dati: unknown };
  const extra = entita === 'misura-inclusione' ? { codiciFiscaliNucleo: [CITTADINO_CF, FAMILIARE_CF] } : {};
  return { ...identity, ...extra, versione, operazione: 'ELIMINAZIONE' } as unknown as RecordOf[E];
}

const VALID: { [E in Entita]: RecordOf[E] } = {
  curriculum: {
    ...envelope,
    id: 'CV-0001',
    codiceFiscale: CITTADINO_CF,
    dati: {
      esperienze: [
        { datore: { codiceFiscale: DATORE_CF, denominazione: 'ESEMPIO SRL' }, dataInizio: '2019-02-01', dataFine: '2021-06-30', qualificaCp2011: '5.2.2.1.0.0', settoreAteco: '56.10.11', mansioni: 'Preparazione dei pasti', fonte: 'CO' },
        { dataInizio: '2022-01-10', qualificaCp2011: '5.1.2.2.0', fonte: 'DICHIARATA' },
      ],
      istruzione: [{ titolo: 'Diploma di istituto alberghiero', livelloIsced: '3', livelloEqf: '4', annoConseguimento: 2010 }],
      lingue: [{ lingua: 'it', livelloCefr: 'C2', madrelingua: true }, { lingua: 'en', livelloCefr: 'B1' }],
      competenze: [{ escoUri: 'http://data.europa.eu/esco/skill/00000000-0000-4000-8000-000000000004', tipo: 'SKILL' }, { descrizione: 'HACCP' }],
      disponibilita: { comuni: ['F205', 'B157'], orario: 'TEMPO_PIENO', distanzaMassimaKm: 40, trasferte: false },
    },
  },
  'offerta-lavoro': {
    ...envelope,
    id: 'OFF-0001',
    dati: {
      datore: { codiceFiscale: DATORE_CF, denominazione: 'ESEMPIO SRL' },
      qualificaCp2011: '5.2.2.1.0.0',
      settoreAteco: '56.10.11',
      sedeComune: 'F205',
      tipologiaContrattuale: 'A.02.00',
      posti: 2,
      dataPubblicazione: '2025-02-01',
      dataChiusura: '2025-04-30',
      competenzeRichieste: [{ escoUri: 'http://data.europa.eu/esco/skill/00000000-0000-4000-8000-000000000006' }],
      stato: 'PUBBLICATA',
    },
  },
  'proposta-lavoro': {
    ...envelope,
    id: 'PROP-0001',
    codiceFiscale: CITTADINO_CF,
    dati: { offertaId: 'OFF-0001', stato: 'RIFIUTATA', dataProposta: '2025-02-10', dataScadenza: '2025-02-24', dataEsito: '2025-02-12', motivoRifiuto: 'Distanza dalla sede', rifiutoGiustificato: true },
  },
  corso: {
    ...envelope,
    id: 'CORSO-0001',
    dati: {
      titolo: 'Addetto alla cucina',
      codiceCorsoEnte: 'AC-2025-01',
      ente: { codiceFiscale: ENTE_CF, denominazione: 'ENTE FORMAZIONE ESEMPIO', accreditamento: 'Regione Lombardia' },
      sede: { comune: 'F205', indirizzo: 'Via Esempio 1' },
      modalita: 'MISTA',
      ore: 120,
      dataInizio: '2025-04-01',
      dataFine: '2025-05-31',
      posti: 20,
      livelloEqf: '3',
      qualificazione: 'Attestato di competenze',
      competenze: [{ escoUri: 'http://data.europa.eu/esco/skill/00000000-0000-4000-8000-000000000004' }],
      finanziamento: 'GOL',
    },
  },
  iscrizione: {
    ...envelope,
    id: 'ISCR-0001',
    codiceFiscale: CITTADINO_CF,
    dati: { corsoId: 'CORSO-0001', eventi: [{ tipo: 'ISCRITTO', data: '2025-03-01' }, { tipo: 'AVVIATO', data: '2025-03-05' }] },
  },
  'manifestazione-interesse': { ...envelope, id: 'MAN-0001', codiceFiscale: CITTADINO_CF, dati: { corsoId: 'CORSO-0001', data: '2025-02-20' } },
  'misura-inclusione': {
    ...envelope,
    id: 'ADI-2024-000123',
    codiceFiscale: CITTADINO_CF,
    dati: {
      misura: 'ADI',
      stato: 'ACCOLTA',
      dataDecorrenza: '2024-02-01',
      dataFine: '2025-07-31',
      dataSottoscrizionePad: '2024-01-15',
      importiMensili: [{ mese: '2024-02', importoCentesimi: 50000, importoAffittoCentesimi: 28000 }, { mese: '2024-03', importoCentesimi: 50000 }],
      nucleo: [{ codiceFiscale: CITTADINO_CF, percorso: 'CENTRO_IMPIEGO' }, { codiceFiscale: FAMILIARE_CF, percorso: 'SERVIZI_SOCIALI' }],
    },
  },
  puc: {
    ...envelope,
    id: 'PUC-ASS-0001',
    codiceFiscale: CITTADINO_CF,
    dati: { progettoId: 'PUC-F205-0042', titoloProgetto: 'Cura del verde pubblico', comune: 'F205', dataInizio: '2024-05-06', dataFine: '2024-11-29', oreSettimanali: 8, oreSvolte: 160 },
  },
};

/**
 * A delivery of `items` for order-independence properties: in the given order (a permutation of their
 * indexes), with a copy of item `which` inserted at `where` for each redelivery.
 */
export function delivery<T>(items: readonly T[], order: readonly number[], redeliveries: ReadonlyArray<readonly [number, number]>): T[] {
  const seq = order.map((i) => items[i]);
  for (const [which, where] of redeliveries) seq.splice(Math.min(where, seq.length), 0, structuredClone(items[which]));
  return seq;
}
