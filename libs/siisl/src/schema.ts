// Structural schemas of every SIISL entity (zod, strict: an unknown member is a problem naming its path).
// Custom issues carry our problem code as their message (structure.ts turns them into problems). Business
// rules between fields, codici fiscali and the code-table lookups live in rules.ts and codes.ts.
import { z } from 'zod';
import * as F from './formats';
import * as V from './vocabularies';

const date = z.string().refine(F.isPlausibleDate, { error: 'INVALID_DATE' });
const dateTime = z.string().refine(F.isPlausibleDateTime, { error: 'INVALID_DATETIME' });
const text = (max: number) => z.string().trim().min(1, { error: 'EMPTY_TEXT' }).max(max, { error: 'TEXT_TOO_LONG' });
const id = z.string().regex(F.ID, { error: 'ID_FORMAT' });
// Upper-cased as written and never de-omocoded: an omocodic code is another person (rules.ts checks it).
const cf = z.string().trim().toUpperCase();
const int = (min: number, max: number) => z.number().int({ error: 'INTEGER_REQUIRED' }).min(min, { error: 'OUT_OF_RANGE' }).max(max, { error: 'OUT_OF_RANGE' });
/** Money as integer euro cents: exact in JSON, Avro (long) and Postgres, with no decimal string to parse. */
const centesimi = int(0, 100_000_000);
const list = <T extends z.ZodType>(item: T) => z.array(item).default([]);

export const codici = {
  cp2011: z.string().regex(F.CP2011, { error: 'CP2011_FORMAT' }),
  ateco: z.string().regex(F.ATECO, { error: 'ATECO_FORMAT' }),
  isced: z.string().regex(F.ISCED, { error: 'ISCED_FORMAT' }),
  eqf: z.string().regex(F.EQF, { error: 'EQF_FORMAT' }),
  esco: z.string().regex(F.ESCO, { error: 'ESCO_FORMAT' }),
  belfiore: z.string().regex(F.BELFIORE, { error: 'BELFIORE_FORMAT' }),
  tipologiaContrattuale: z.string().regex(F.TIPOLOGIA_CONTRATTUALE, { error: 'TIPOLOGIA_FORMAT' }),
};

const competenza = z.strictObject({
  escoUri: codici.esco.optional(),
  descrizione: text(500).optional(),
  tipo: z.enum(V.TIPI_COMPETENZA).optional(),
});

const esperienza = z.strictObject({
  datore: z.strictObject({ codiceFiscale: cf.optional(), denominazione: text(200).optional() }).optional(),
  dataInizio: date,
  dataFine: date.optional(),
  qualificaCp2011: codici.cp2011.optional(),
  settoreAteco: codici.ateco.optional(),
  mansioni: text(2000).optional(),
  fonte: z.enum(V.FONTI_ESPERIENZA),
});

const istruzione = z.strictObject({
  titolo: text(300),
  livelloIsced: codici.isced,
  livelloEqf: codici.eqf.optional(),
  istituto: text(300).optional(),
  annoConseguimento: int(1900, 2099).optional(),
});

const lingua = z.strictObject({
  lingua: z.string().regex(F.LINGUA, { error: 'LINGUA_FORMAT' }),
  livelloCefr: z.enum(V.LIVELLI_CEFR),
  madrelingua: z.boolean().optional(),
});

const disponibilita = z.strictObject({
  comuni: list(codici.belfiore),
  orario: z.enum(V.ORARI_DISPONIBILITA).optional(),
  distanzaMassimaKm: int(0, 2000).optional(),
  trasferte: z.boolean().optional(),
  dataDisponibilita: date.optional(),
});

export const datiCurriculum = z.strictObject({
  esperienze: list(esperienza),
  istruzione: list(istruzione),
  lingue: list(lingua),
  competenze: list(competenza),
  disponibilita: disponibilita.optional(),
});

export const datiOffertaLavoro = z.strictObject({
  datore: z.strictObject({ codiceFiscale: cf, denominazione: text(200) }),
  qualificaCp2011: codici.cp2011,
  settoreAteco: codici.ateco.optional(),
  sedeComune: codici.belfiore,
  tipologiaContrattuale: codici.tipologiaContrattuale,
  posti: int(1, 10_000),
  dataPubblicazione: date,
  dataChiusura: date.optional(),
  competenzeRichieste: list(competenza),
  stato: z.enum(V.STATI_OFFERTA),
});

export const datiPropostaLavoro = z.strictObject({
  offertaId: id,
  stato: z.enum(V.STATI_PROPOSTA),
  dataProposta: date,
  dataScadenza: date.optional(),
  dataEsito: date.optional(),
  motivoRifiuto: text(500).optional(),
  rifiutoGiustificato: z.boolean().optional(),
});

export const datiCorso = z.strictObject({
  titolo: text(300),
  /** The provider's own code for the course: with the provider's CF, a stable key to the SIISL id. */
  codiceCorsoEnte: text(64),
  ente: z.strictObject({ codiceFiscale: cf, denominazione: text(200), accreditamento: text(100).optional() }),
  sede: z.strictObject({ comune: codici.belfiore, indirizzo: text(200).optional() }),
  modalita: z.enum(V.MODALITA_CORSO),
  ore: int(1, 5000),
  dataInizio: date,
  dataFine: date,
  posti: int(1, 10_000),
  livelloEqf: codici.eqf.optional(),
  qualificazione: text(300).optional(),
  competenze: list(competenza),
  finanziamento: text(100).optional(),
});

export const datiIscrizione = z.strictObject({
  corsoId: id,
  eventi: z.array(z.strictObject({ tipo: z.enum(V.EVENTI_ISCRIZIONE), data: date, motivo: text(500).optional() })).min(1, { error: 'EMPTY_LIST' }),
});

export const datiManifestazioneInteresse = z.strictObject({ corsoId: id, data: date });

export const datiMisuraInclusione = z.strictObject({
  misura: z.enum(V.MISURE),
  stato: z.enum(V.STATI_MISURA),
  dataDecorrenza: date,
  dataFine: date.optional(),
  dataSottoscrizionePad: date.optional(),
  importiMensili: list(z.strictObject({
    mese: z.string().regex(F.MESE, { error: 'MESE_FORMAT' }),
    importoCentesimi: centesimi,
    importoAffittoCentesimi: centesimi.optional(),
  })),
  nucleo: z.array(z.strictObject({ codiceFiscale: cf, percorso: z.enum(V.PERCORSI).optional() })).min(1, { error: 'EMPTY_LIST' }),
});

export const datiPuc = z.strictObject({
  progettoId: id,
  titoloProgetto: text(300).optional(),
  comune: codici.belfiore,
  dataInizio: date,
  dataFine: date.optional(),
  oreSettimanali: int(1, 40),
  oreSvolte: int(0, 10_000).optional(),
});

const version = {
  id,
  /** Monotonic per record; a source that only has update times sends their epoch milliseconds. */
  versione: int(1, Number.MAX_SAFE_INTEGER),
  aggiornatoIl: dateTime,
};

/**
 * Envelope of every entity: an AGGIORNAMENTO carries the whole content in `dati` (it replaces the
 * previous version); an ELIMINAZIONE carries only the identity, plus whatever the consumers need to find
 * the record without its content (`extraEliminazione`).
 */
function entity<D extends z.ZodType, O extends z.core.$ZodLooseShape, X extends z.core.$ZodLooseShape>(owner: O, dati: D, extraEliminazione: X) {
  return z.discriminatedUnion('operazione', [
    z.strictObject({ operazione: z.literal('AGGIORNAMENTO'), ...version, ...owner, dati }),
    z.strictObject({ operazione: z.literal('ELIMINAZIONE'), ...version, ...owner, ...extraEliminazione }),
  ]);
}

const citizen = { codiceFiscale: cf };

export const schemas = {
  curriculum: entity(citizen, datiCurriculum, {}),
  'offerta-lavoro': entity({}, datiOffertaLavoro, {}),
  'proposta-lavoro': entity(citizen, datiPropostaLavoro, {}),
  corso: entity({}, datiCorso, {}),
  iscrizione: entity(citizen, datiIscrizione, {}),
  'manifestazione-interesse': entity(citizen, datiManifestazioneInteresse, {}),
  // The applicant's codice fiscale owns the record; a deletion lists the household so that every member's
  // cartella sociale can drop the measure without the content.
  'misura-inclusione': entity(citizen, datiMisuraInclusione, { codiciFiscaliNucleo: z.array(cf).min(1, { error: 'EMPTY_LIST' }) }),
  puc: entity(citizen, datiPuc, {}),
} as const;
