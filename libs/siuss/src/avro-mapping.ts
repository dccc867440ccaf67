// The decoded flow ↔ the payloads of the siuss.* subjects (libs/schemas), both directions, field by field
// (nothing of the model is dropped: the round-trip tests through the real codec check it). One message per
// flow, on its own topic per kind: PS_PSA_SINA benefits on TOPICS.siussPrestazioni, SINBA on
// TOPICS.siussSinba, so that the broker's ACLs alone can keep the minors' data from every consumer not
// granted it. Keys: the keyed pseudonym of the beneficiary's CF (the same key as the person's CO and SIISL
// events); for SINBA, which has no CF, of the ente and the minor's IDBeneficiario.
import { canonicalJson } from '@fsl/co';
import type * as A from '@fsl/schemas';
import { eventId, type EventHeader, type Operation } from '@fsl/schemas';
import { createHash } from 'node:crypto';
import type { DatiPrestazione, DatiSinba, FlussoDecodificato, Intestazione, PrestazioneSociale, PresaInCaricoSinba, Sina } from './model';
import { operazioneDi } from './model';

export const SUBJECT_PRESTAZIONE = 'siuss.prestazione-sociale' as const;
export const SUBJECT_SINBA = 'siuss.sinba' as const;
/** libs/kafka TOPICS ids. */
export const TOPIC_PRESTAZIONI = 'siussPrestazioni' as const;
export const TOPIC_SINBA = 'siussSinba' as const;
export const SOURCE_SYSTEM = 'SIUSS';

/** sha256 hex of the canonical JSON of the decoded flow: the same flow re-sent is the same content. */
export const siussContentHash = (f: FlussoDecodificato): string => createHash('sha256').update(canonicalJson(f)).digest('hex');

const orNull = <T>(v: T | undefined): T | null => v ?? null;

function intestazioneToAvro(i: Intestazione): A.SiussIntestazioneV1 {
  return {
    codiceEnte: i.codiceEnte,
    denominazioneEnte: orNull(i.denominazioneEnte),
    idFlusso: i.idFlusso,
    tipo: i.tipo,
    tsFlusso: i.tsFlusso,
    tsFlussoMillis: i.tsFlussoMillis,
    nomeFlusso: i.nomeFlusso,
    ente: { codice: i.ente.codice, denominazione: orNull(i.ente.denominazione), indirizzo: i.ente.indirizzo, cfOperatore: i.ente.cfOperatore },
  };
}

function sinaToAvro(s: Sina): A.SiussSinaV1 {
  return {
    mobilita: s.mobilita,
    attivitaVitaQuotidiana: s.attivitaVitaQuotidiana,
    disturbiAreaCognitiva: orNull(s.disturbiAreaCognitiva),
    disturbiComportamentali: s.disturbiComportamentali,
    necessitaCureSanitarie: orNull(s.necessitaCureSanitarie),
    areaReddituale: s.areaReddituale,
    areaSupporto: s.areaSupporto,
    fonteDerivazioneValutazione: s.fonteDerivazioneValutazione,
    strumentoValutazione: s.strumentoValutazione,
    fonteDerivazioneInvalidita: orNull(s.fonteDerivazioneInvalidita),
    necessitaInterventiSociali: s.necessitaInterventiSociali ? [...s.necessitaInterventiSociali] : null,
    invaliditaCivile: s.invaliditaCivile ? [...s.invaliditaCivile] : null,
  };
}

function prestazioneToAvro(p: DatiPrestazione): A.SiussDatiPrestazioneV1 {
  return {
    tipoOperazione: orNull(p.tipoOperazione),
    presenzaProvaMezzi: p.presenzaProvaMezzi,
    caratterePrestazione: p.caratterePrestazione,
    numeroProtocolloDSU: orNull(p.numeroProtocolloDSU),
    annoProtocolloDSU: orNull(p.annoProtocolloDSU),
    dataDSU: orNull(p.dataDSU),
    codicePrestazione: p.codicePrestazione,
    denominazionePrestazione: p.denominazionePrestazione,
    protocolloDomanda: p.protocolloDomanda,
    dataEvento: orNull(p.dataEvento),
    dataInizioPrestazione: orNull(p.dataInizioPrestazione),
    dataFinePrestazione: orNull(p.dataFinePrestazione),
    dataErogazionePrestazione: orNull(p.dataErogazionePrestazione),
    importoPrestazione: orNull(p.importoPrestazione),
    periodoErogazione: orNull(p.periodoErogazione),
    importoMensile: orNull(p.importoMensile),
    importoQuotaEnte: orNull(p.importoQuotaEnte),
    importoQuotaUtente: orNull(p.importoQuotaUtente),
    importoQuotaSSN: orNull(p.importoQuotaSSN),
    importoQuotaRichiesta: orNull(p.importoQuotaRichiesta),
    importoSogliaISEE: orNull(p.importoSogliaISEE),
    oreServizioMensile: orNull(p.oreServizioMensile),
    presaCarico: p.presaCarico,
    areaUtenza: orNull(p.areaUtenza),
    sina: p.sina ? sinaToAvro(p.sina) : null,
  };
}

export interface ToAvroOptions {
  /** decodeFlusso's `tabelleCodici`. */
  tabelleCodici?: Record<string, string>;
  contentHash?: string;
}

export function prestazioneSocialeToAvro(p: PrestazioneSociale, opts: ToAvroOptions = {}): A.SiussPrestazioneSocialeV1 {
  const b = p.beneficiario;
  return {
    intestazione: intestazioneToAvro(p.intestazione),
    beneficiario: {
      codiceFiscale: b.codiceFiscale,
      anagrafica: { ...b.anagrafica, codiceSecondaCittadinanza: orNull(b.anagrafica.codiceSecondaCittadinanza) },
      indirizzi: b.indirizzi.map((i) => ({ codiceRegione: orNull(i.codiceRegione), codiceComune: orNull(i.codiceComune), codiceNazione: i.codiceNazione })),
    },
    prestazione: prestazioneToAvro(p.prestazione),
    contentHash: opts.contentHash ?? siussContentHash(p),
    tabelleCodici: { ...opts.tabelleCodici },
  };
}

/** The model's SINBA members, each null when absent (every optional one is a string, but numeroComponentiISEE). */
export function sinbaToAvro(s: PresaInCaricoSinba, opts: ToAvroOptions = {}): A.SiussPresaInCaricoSinbaV1 {
  const d = s.sinba;
  const dati = {} as Record<keyof A.SiussDatiSinbaV1, unknown>;
  for (const k of SINBA_AVRO_FIELDS) dati[k] = k === 'prestazioni' || k === 'famiglia' ? [...d[k]] : orNull(d[k as keyof DatiSinba]);
  return {
    intestazione: intestazioneToAvro(s.intestazione),
    sinba: dati as unknown as A.SiussDatiSinbaV1,
    contentHash: opts.contentHash ?? siussContentHash(s),
    tabelleCodici: { ...opts.tabelleCodici },
  };
}

/** Every member of DatiSinba, in the schema's order (avro-mapping.spec.ts checks it against the schema). */
export const SINBA_AVRO_FIELDS = [
  'idBeneficiario', 'minoreStranieroNoAcc', 'condizioneMinore', 'luogoVita', 'scuolaFrequentata', 'condizioneLavoro', 'disabilita', 'tipoDisabilita', 'invCivCertificazioni',
  'codiceCittadinanzaPadre', 'codiceCittadinanzaMadre', 'codiceRegioneResidenzaPadre', 'codiceRegioneResidenzaMadre', 'titoloStudioPadre', 'titoloStudioMadre', 'occupazionePadre',
  'occupazioneMadre', 'dataPrimaSegnalazione', 'fonteSegnalazione', 'valutazioneMinore', 'valutazioneFamigliaMinore', 'segnalazioneAutoritaGiudiziaria', 'dataSegnalazione',
  'provvedimentoGiudiziario', 'dataProvvedimentoGiudiziario', 'autoritaProvvedimento', 'potestaTutela', 'tipoProvvedimentoGiudiziario', 'formaInterventoAffido', 'tipoInterventoAffido',
  'durataAffido', 'carattereAffido', 'esitoAffido', 'carattereInserimentoResidenziale', 'formaInserimentoResidenziale', 'tipoInserimentoResidenziale', 'esitoInserimentoStruttura',
  'motivazioneChiusuraCarico', 'situazioneChiusuraCarico', 'collaborazioniInterventi', 'numeroComponentiISEE', 'fasciaEtaBeneficiario', 'fasciaISEEBeneficiario', 'annoNascita',
  'codiceRegioneResidenza', 'codiceNazioneResidenza', 'prestazioni', 'famiglia',
] as const satisfies readonly (keyof A.SiussDatiSinbaV1)[];

export class SiussAvroMappingError extends Error {
  constructor(subject: string, reason: string) {
    // Paths only: the payload is full of personal data.
    super(`${subject} payload does not map to a SIUSS flow: ${reason}`);
    this.name = 'SiussAvroMappingError';
  }
}

/** Avro's null is the model's "absent"; arrays stay arrays. */
function dropNulls<T>(v: T): T {
  if (Array.isArray(v)) return v.map(dropNulls) as T;
  if (v === null || typeof v !== 'object') return v;
  return Object.fromEntries(Object.entries(v).flatMap(([k, x]) => (x === null ? [] : [[k, dropNulls(x)]]))) as T;
}

function intestazioneFromAvro(i: A.SiussIntestazioneV1, tipo: 'PS_PSA_SINA' | 'SINBA', subject: string): Intestazione {
  if (i.tipo !== tipo) throw new SiussAvroMappingError(subject, 'intestazione.tipo');
  return dropNulls(i) as unknown as Intestazione;
}

/** The decoded flow of a siuss.prestazione-sociale payload; throws SiussAvroMappingError on an impossible one. */
export function prestazioneSocialeFromAvro(a: A.SiussPrestazioneSocialeV1): { prestazione: PrestazioneSociale; contentHash: string } {
  const p = a.prestazione;
  if (p.caratterePrestazione !== '1' && p.caratterePrestazione !== '2') throw new SiussAvroMappingError(SUBJECT_PRESTAZIONE, 'prestazione.caratterePrestazione');
  if (p.tipoOperazione !== null && p.tipoOperazione !== 'I' && p.tipoOperazione !== 'C') throw new SiussAvroMappingError(SUBJECT_PRESTAZIONE, 'prestazione.tipoOperazione');
  const start = p.caratterePrestazione === '2' ? p.dataErogazionePrestazione : p.dataInizioPrestazione;
  if (start === null) throw new SiussAvroMappingError(SUBJECT_PRESTAZIONE, 'prestazione start date');
  return {
    prestazione: {
      tipo: 'PS_PSA_SINA',
      intestazione: intestazioneFromAvro(a.intestazione, 'PS_PSA_SINA', SUBJECT_PRESTAZIONE),
      beneficiario: dropNulls(a.beneficiario) as PrestazioneSociale['beneficiario'],
      prestazione: dropNulls(p) as unknown as DatiPrestazione,
    },
    contentHash: a.contentHash,
  };
}

export function sinbaFromAvro(a: A.SiussPresaInCaricoSinbaV1): { sinba: PresaInCaricoSinba; contentHash: string } {
  return {
    sinba: { tipo: 'SINBA', intestazione: intestazioneFromAvro(a.intestazione, 'SINBA', SUBJECT_SINBA), sinba: dropNulls(a.sinba) as unknown as DatiSinba },
    contentHash: a.contentHash,
  };
}

/** sourceRecordId of a flow: the ente and the flow id (unique per ente; the ente prefix keeps ids of different enti apart). */
export const sourceRecordIdOf = (f: FlussoDecodificato): string => `${f.intestazione.codiceEnte}/${f.intestazione.idFlusso}`;

/** A cancellation travels as a VOID carrying the benefit it cancels; an insert and a SINBA flow as UPSERT. */
export const headerOperationOf = (f: FlussoDecodificato): Operation => (f.tipo === 'PS_PSA_SINA' && operazioneDi(f) === 'CANCELLAZIONE' ? 'VOID' : 'UPSERT');

/**
 * The header of a flow's event. sourceVersion and occurredAt are ts_flusso: the same id_flusso served again
 * with a later ts_flusso is a newer version of that flow (the OpenAPI calls ts_flusso "last modification").
 */
export function siussHeader(f: FlussoDecodificato, ctx: { ingestedAt: number; correlationId?: string }): EventHeader {
  const sourceRecordId = sourceRecordIdOf(f);
  const sourceVersion = f.intestazione.tsFlussoMillis;
  return {
    eventId: eventId(SOURCE_SYSTEM, sourceRecordId, sourceVersion),
    sourceSystem: SOURCE_SYSTEM,
    entityType: f.tipo === 'SINBA' ? 'PRESA_IN_CARICO_SINBA' : 'PRESTAZIONE_SOCIALE',
    operation: headerOperationOf(f),
    sourceRecordId,
    sourceVersion,
    occurredAt: sourceVersion,
    ingestedAt: ctx.ingestedAt,
    correlationId: ctx.correlationId ?? null,
  };
}

/**
 * What the message key is the pseudonym of (never the key itself: the caller owns the secret, see
 * @fsl/pseudonym's pseudonymizer). PS_PSA_SINA: the CF as written. SINBA: the ente and the minor's code,
 * under a prefix no codice fiscale can have, so the two kinds of key never meet.
 */
export const siussKeyMaterial = (f: FlussoDecodificato): string =>
  f.tipo === 'SINBA' ? `SINBA/${f.intestazione.codiceEnte}/${f.sinba.idBeneficiario}` : f.beneficiario.codiceFiscale;

/** The Kafka key of a flow's message, given the product's pseudonymizer. */
export const siussKafkaKey = (f: FlussoDecodificato, pseudonym: (s: string) => string): string => pseudonym(siussKeyMaterial(f));

export type PrestazioneMessage = { topic: typeof TOPIC_PRESTAZIONI; subject: typeof SUBJECT_PRESTAZIONE; event: A.SubjectValues[typeof SUBJECT_PRESTAZIONE]; keyMaterial: string };
export type SinbaMessage = { topic: typeof TOPIC_SINBA; subject: typeof SUBJECT_SINBA; event: A.SubjectValues[typeof SUBJECT_SINBA]; keyMaterial: string };
export type SiussMessage = PrestazioneMessage | SinbaMessage;
export interface MessageContext {
  ingestedAt: number;
  correlationId?: string;
  /** decodeFlusso's `tabelleCodici`. */
  tabelleCodici?: Record<string, string>;
}

/** The one message of an accepted flow: topic id, subject, event (header + payload) and what its key pseudonymises. */
export function siussMessage(f: PrestazioneSociale, ctx: MessageContext): PrestazioneMessage;
export function siussMessage(f: PresaInCaricoSinba, ctx: MessageContext): SinbaMessage;
export function siussMessage(f: FlussoDecodificato, ctx: MessageContext): SiussMessage;
export function siussMessage(f: FlussoDecodificato, ctx: MessageContext): SiussMessage {
  const header = siussHeader(f, ctx);
  const opts = { tabelleCodici: ctx.tabelleCodici };
  return f.tipo === 'SINBA'
    ? { topic: TOPIC_SINBA, subject: SUBJECT_SINBA, event: { header, payload: sinbaToAvro(f, opts) }, keyMaterial: siussKeyMaterial(f) }
    : { topic: TOPIC_PRESTAZIONI, subject: SUBJECT_PRESTAZIONE, event: { header, payload: prestazioneSocialeToAvro(f, opts) }, keyMaterial: siussKeyMaterial(f) };
}
