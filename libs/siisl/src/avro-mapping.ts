// The SIISL model ↔ the payloads of the siisl.* subjects (libs/schemas), both directions: the ingest writes
// with siislToAvro, the builder reads with siislFromAvro. Outward, field by field, so a field added to the
// model without its Avro counterpart fails to compile; inward, through the structural schema, so what the
// builder folds is always a well-typed record (an inconsistent payload is poison: dead letter).
import type * as A from '@fsl/schemas';
import type { Operation } from '@fsl/schemas';
import type * as M from './model';
import { parseStructure } from './structure';
import { recordHash } from './versioning';
import { ENTITA_CATALOGO, type Entita } from './vocabularies';

/** The Avro subject of each entity. */
export const SUBJECTS = {
  curriculum: 'siisl.curriculum',
  'offerta-lavoro': 'siisl.offerta-lavoro',
  'proposta-lavoro': 'siisl.proposta-lavoro',
  corso: 'siisl.corso',
  iscrizione: 'siisl.iscrizione',
  'manifestazione-interesse': 'siisl.manifestazione-interesse',
  'misura-inclusione': 'siisl.misura-inclusione',
  puc: 'siisl.puc',
} as const satisfies Record<Entita, keyof A.SiislPayloadsV1>;
type SubjectOf<E extends Entita> = (typeof SUBJECTS)[E];
export type PayloadOf<E extends Entita> = A.SiislPayloadsV1[SubjectOf<E>];
type DatiOf<E extends Entita> = NonNullable<PayloadOf<E>['dati']>;
type Upd<E extends Entita> = Extract<M.RecordOf[E], { operazione: 'AGGIORNAMENTO' }>;

/** All SIISL subjects travel on one topic (libs/kafka TOPICS.siislEvents), keyed by citizen or by id. */
export const SIISL_TOPIC_KEY = 'siislEvents';

/** Avro has no "absent": optional model fields travel as null. */
const n = <T>(v: T | undefined): T | null => (v === undefined ? null : v);

const competenze = (list: readonly M.Competenza[]): A.SiislCompetenzaV1[] => list.map((c) => ({ escoUri: n(c.escoUri), descrizione: n(c.descrizione), tipo: n(c.tipo) }));

const DATI_OUT: { [E in Entita]: (d: Upd<E>['dati']) => DatiOf<E> } = {
  curriculum: (d) => ({
    esperienze: d.esperienze.map((e) => ({
      datore: e.datore ? { codiceFiscale: n(e.datore.codiceFiscale), denominazione: n(e.datore.denominazione) } : null,
      dataInizio: e.dataInizio,
      dataFine: n(e.dataFine),
      qualificaCp2011: n(e.qualificaCp2011),
      settoreAteco: n(e.settoreAteco),
      mansioni: n(e.mansioni),
      fonte: e.fonte,
    })),
    istruzione: d.istruzione.map((t) => ({ titolo: t.titolo, livelloIsced: t.livelloIsced, livelloEqf: n(t.livelloEqf), istituto: n(t.istituto), annoConseguimento: n(t.annoConseguimento) })),
    lingue: d.lingue.map((l) => ({ lingua: l.lingua, livelloCefr: l.livelloCefr, madrelingua: n(l.madrelingua) })),
    competenze: competenze(d.competenze),
    disponibilita: d.disponibilita
      ? { comuni: [...d.disponibilita.comuni], orario: n(d.disponibilita.orario), distanzaMassimaKm: n(d.disponibilita.distanzaMassimaKm), trasferte: n(d.disponibilita.trasferte), dataDisponibilita: n(d.disponibilita.dataDisponibilita) }
      : null,
  }),
  'offerta-lavoro': (d) => ({
    datore: { codiceFiscale: d.datore.codiceFiscale, denominazione: d.datore.denominazione },
    qualificaCp2011: d.qualificaCp2011,
    settoreAteco: n(d.settoreAteco),
    sedeComune: d.sedeComune,
    tipologiaContrattuale: d.tipologiaContrattuale,
    posti: d.posti,
    dataPubblicazione: d.dataPubblicazione,
    dataChiusura: n(d.dataChiusura),
    competenzeRichieste: competenze(d.competenzeRichieste),
    stato: d.stato,
  }),
  'proposta-lavoro': (d) => ({
    offertaId: d.offertaId,
    stato: d.stato,
    dataProposta: d.dataProposta,
    dataScadenza: n(d.dataScadenza),
    dataEsito: n(d.dataEsito),
    motivoRifiuto: n(d.motivoRifiuto),
    rifiutoGiustificato: n(d.rifiutoGiustificato),
  }),
  corso: (d) => ({
    titolo: d.titolo,
    codiceCorsoEnte: d.codiceCorsoEnte,
    ente: { codiceFiscale: d.ente.codiceFiscale, denominazione: d.ente.denominazione, accreditamento: n(d.ente.accreditamento) },
    sede: { comune: d.sede.comune, indirizzo: n(d.sede.indirizzo) },
    modalita: d.modalita,
    ore: d.ore,
    dataInizio: d.dataInizio,
    dataFine: d.dataFine,
    posti: d.posti,
    livelloEqf: n(d.livelloEqf),
    qualificazione: n(d.qualificazione),
    competenze: competenze(d.competenze),
    finanziamento: n(d.finanziamento),
  }),
  iscrizione: (d) => ({ corsoId: d.corsoId, eventi: d.eventi.map((e) => ({ tipo: e.tipo, data: e.data, motivo: n(e.motivo) })) }),
  'manifestazione-interesse': (d) => ({ corsoId: d.corsoId, data: d.data }),
  'misura-inclusione': (d) => ({
    misura: d.misura,
    stato: d.stato,
    dataDecorrenza: d.dataDecorrenza,
    dataFine: n(d.dataFine),
    dataSottoscrizionePad: n(d.dataSottoscrizionePad),
    importiMensili: d.importiMensili.map((m) => ({ mese: m.mese, importoCentesimi: m.importoCentesimi, importoAffittoCentesimi: n(m.importoAffittoCentesimi) })),
    nucleo: d.nucleo.map((c) => ({ codiceFiscale: c.codiceFiscale, percorso: n(c.percorso) })),
  }),
  puc: (d) => ({
    progettoId: d.progettoId,
    titoloProgetto: n(d.titoloProgetto),
    comune: d.comune,
    dataInizio: d.dataInizio,
    dataFine: n(d.dataFine),
    oreSettimanali: d.oreSettimanali,
    oreSvolte: n(d.oreSvolte),
  }),
};

/**
 * The citizens a record concerns, one message each: none for catalogue records (courses, offers: keyed
 * by id), every household member for a measure (the applicant first), the owner otherwise.
 */
export function citizensOf(entita: Entita, record: M.SiislRecord): string[] {
  if (ENTITA_CATALOGO.includes(entita) || !('codiceFiscale' in record)) return [];
  const owner = record.codiceFiscale;
  if (entita !== 'misura-inclusione') return [owner];
  const members = record.operazione === 'ELIMINAZIONE' ? (record as M.Eliminazione<'misura-inclusione'>).codiciFiscaliNucleo : (record as Upd<'misura-inclusione'>).dati.nucleo.map((c) => c.codiceFiscale);
  return [...new Set([owner, ...members])];
}

/** The header operation of a record: a deletion is a VOID. */
export const headerOperation = (record: M.SiislRecord): Operation => (record.operazione === 'ELIMINAZIONE' ? 'VOID' : 'UPSERT');

export interface SiislToAvroOptions {
  /** SiislTables.versions() of the validation that accepted the record. */
  tabelleCodici?: Record<string, string>;
  /** recordHash(record), when the caller has it already (the ingest has: it is its idempotency key). */
  contentHash?: string;
}

/** One payload per citizen of the record (one with cittadinoCf null for a catalogue record). */
export function siislToAvro<E extends Entita>(entita: E, record: M.RecordOf[E], opts: SiislToAvroOptions = {}): Array<PayloadOf<E>> {
  const r = record as M.SiislRecord;
  const base = {
    id: r.id,
    versione: r.versione,
    aggiornatoIl: r.aggiornatoIl,
    operazione: r.operazione,
    codiceFiscale: 'codiceFiscale' in r ? r.codiceFiscale : null,
    contentHash: opts.contentHash ?? recordHash(r),
    tabelleCodici: { ...(opts.tabelleCodici ?? {}) },
    dati: r.operazione === 'AGGIORNAMENTO' ? (DATI_OUT[entita] as (d: unknown) => DatiOf<E>)(r.dati) : null,
    ...(entita === 'misura-inclusione' ? { codiciFiscaliNucleo: r.operazione === 'ELIMINAZIONE' ? [...(r as M.Eliminazione<'misura-inclusione'>).codiciFiscaliNucleo] : [] } : {}),
  };
  const cfs = citizensOf(entita, r);
  return (cfs.length === 0 ? [null] : cfs).map((cittadinoCf) => ({ ...base, cittadinoCf }) as PayloadOf<E>);
}

export class SiislAvroMappingError extends Error {
  constructor(subject: string, reason: string) {
    // Paths and codes only: the payload is full of personal data.
    super(`${subject} payload does not map to a SIISL record: ${reason}`);
    this.name = 'SiislAvroMappingError';
  }
}

/**
 * Drops nulls (Avro's "absent") at every depth: the model never holds null. A JSON reviver that answers
 * undefined removes the member; no Avro array of these subjects has nullable items.
 */
const withoutNulls = (v: unknown): unknown => JSON.parse(JSON.stringify(v), (_k, x: unknown) => (x === null ? undefined : x));

export interface SiislFromAvro<E extends Entita> {
  record: M.RecordOf[E];
  /** The citizen whose cartella this message updates; undefined for a catalogue record. */
  cittadinoCf?: string;
  contentHash: string;
}

/** The record of a payload; throws SiislAvroMappingError when it is not a valid record of `entita`. */
export function siislFromAvro<E extends Entita>(entita: E, payload: PayloadOf<E>): SiislFromAvro<E> {
  const { cittadinoCf, contentHash, tabelleCodici: _t, codiceFiscale, ...rest } = payload as A.SiislMisuraInclusioneV1;
  const extra = rest.operazione === 'ELIMINAZIONE' && entita === 'misura-inclusione' ? {} : { codiciFiscaliNucleo: undefined };
  const parsed = parseStructure(entita, withoutNulls({ ...rest, ...extra, codiceFiscale }));
  if (!parsed.ok) throw new SiislAvroMappingError(SUBJECTS[entita], parsed.problems.map((p) => `${p.path} ${p.code}`).join(', '));
  const cfs = citizensOf(entita, parsed.value);
  if (cfs.length === 0 ? cittadinoCf !== null : cittadinoCf === null || !cfs.includes(cittadinoCf)) {
    throw new SiislAvroMappingError(SUBJECTS[entita], 'cittadinoCf is not a citizen of the record');
  }
  return { record: parsed.value, cittadinoCf: cittadinoCf ?? undefined, contentHash };
}

/**
 * The header fields a record determines (the ingest adds eventId, ingestedAt and correlationId). One
 * record becomes one message per citizen, so the source record id carries the message's index, as CO's
 * does per worker: `<entita>/<id>:<index>`.
 */
export function siislHeaderFields(entita: Entita, record: M.SiislRecord, index: number): Omit<A.EventHeader, 'eventId' | 'ingestedAt' | 'correlationId'> {
  return {
    sourceSystem: 'SIISL',
    entityType: SUBJECTS[entita].slice('siisl.'.length).toUpperCase().replace(/-/g, '_'),
    operation: headerOperation(record),
    sourceRecordId: `${entita}/${record.id}:${index}`,
    sourceVersion: record.versione,
    occurredAt: Date.parse(record.aggiornatoIl),
  };
}
