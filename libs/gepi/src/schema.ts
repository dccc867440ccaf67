// Structural schemas of every GePI entity (zod, strict: an unknown member is a problem naming its path).
// Custom issues carry our problem code as their message (structure.ts turns them into problems). Rules
// between fields, codici fiscali and the code-table lookups live in rules.ts and codes.ts.
import { z } from 'zod';
import * as F from './formats';
import * as V from './vocabularies';

/** The building blocks every entity is made of. */
const t = {
  date: z.string().refine(F.isGepiDate, { error: 'INVALID_DATE' }),
  dateTime: z.string().refine(F.isGepiDateTime, { error: 'INVALID_DATETIME' }),
  id: z.string().regex(F.ID, { error: 'ID_FORMAT' }),
  // Upper-cased as written and never de-omocoded: an omocodic code is another person (rules.ts checks it).
  cf: z.string().trim().toUpperCase(),
  text: (max: number) => z.string().trim().min(1, { error: 'EMPTY_TEXT' }).max(max, { error: 'TEXT_TOO_LONG' }),
  int: (min: number, max: number) => z.number().int({ error: 'INTEGER_REQUIRED' }).min(min, { error: 'OUT_OF_RANGE' }).max(max, { error: 'OUT_OF_RANGE' }),
  /** Lists may be omitted: `[]` before hashing, so both spellings are the same content. */
  list: <T extends z.ZodType>(item: T) => z.array(item).default([]),
  atLeastOne: <T extends z.ZodType>(item: T) => z.array(item).min(1, { error: 'EMPTY_LIST' }),
};
const { date, dateTime, id, cf, text, int, list, atLeastOne } = t;

export const codici = {
  belfiore: z.string().regex(F.BELFIORE, { error: 'BELFIORE_FORMAT' }),
  ats: z.string().regex(F.ATS, { error: 'ATS_FORMAT' }),
  voce: z.string().regex(F.CODICE_VOCE, { error: 'CODICE_FORMAT' }),
};

/** A period with an inclusive start and an optional inclusive end (open = still running). */
const periodo = { dal: date, al: date.optional() };

/**
 * The ente in charge of the case over a period. The code's format depends on the kind of ente (Belfiore for
 * a comune, ATS code for an ambito), checked in rules.ts so the problem names `codice`.
 */
const ente = z.strictObject({ tipo: z.enum(V.TIPI_ENTE), codice: z.string(), ...periodo });

/** A social worker assigned to the case in a role. The CF identifies the GePI user: validated, never logged. */
const operatore = z.strictObject({ ruolo: z.enum(V.RUOLI_OPERATORE), codiceFiscale: cf, ...periodo });

export const datiCaso = z.strictObject({
  /** The INPS application the case was opened for (ADI, or RdC for older cases). */
  domandaId: id,
  misura: z.enum(V.MISURE_CASO),
  stato: z.enum(V.STATI_CASO),
  dataApertura: date,
  dataAssegnazione: date.optional(),
  dataChiusura: date.optional(),
  motivoChiusura: z.enum(V.MOTIVI_CHIUSURA).optional(),
  /** Every ente that managed the case, in date order; the last one, open, manages it now. */
  enti: atLeastOne(ente),
  operatori: list(operatore),
});

const condizioniMembro = {
  condizioni: list(z.enum(V.CONDIZIONI)),
  /** Sub-category of SVANTAGGIO: required with it, and only with it. */
  categoriaSvantaggio: z.enum(V.CATEGORIE_SVANTAGGIO).optional(),
};

/** One period of one person in the household; a person who leaves and comes back has two. */
const componente = z.strictObject({
  codiceFiscale: cf,
  ruolo: z.enum(V.RUOLI_NUCLEO),
  ...periodo,
  motivoIngresso: z.enum(V.MOTIVI_INGRESSO).optional(),
  motivoUscita: z.enum(V.MOTIVI_USCITA).optional(),
  ...condizioniMembro,
  /** Counted in the ADI equivalence scale. */
  inScala: z.boolean(),
  attivabile: z.boolean(),
  caricoCura: z.boolean(),
  esonerato: z.boolean(),
});

export const datiNucleoCaso = z.strictObject({ componenti: atLeastOne(componente) });

/** Common to the three documents: its own version number, addressable by consumers, and its status. */
const documento = {
  numeroVersione: int(1, 9999),
  statoDocumento: z.enum(V.STATI_DOCUMENTO),
  dataRedazione: date,
};

const bisogno = z.strictObject({
  ambito: z.enum(V.AMBITI_BISOGNO),
  /** The member the need is about; absent = the household. */
  codiceFiscale: cf.optional(),
  descrizione: text(2000).optional(),
});

export const datiAnalisiPreliminare = z.strictObject({
  ...documento,
  dataIncontro: date,
  bisogni: list(bisogno),
  risorse: list(text(500)),
  /** Required once the document is definitive: it routes the case. */
  esito: z.enum(V.ESITI_AP).optional(),
});

export const datiQuadroAnalisi = z.strictObject({
  ...documento,
  /** The équipe record that drew it up; absent when the case manager proceeded without one. */
  equipeId: id.optional(),
  /** Drawn up by the case manager alone while the équipe could not be convened. */
  provvisorio: z.boolean(),
  dimensioni: atLeastOne(bisogno.extend({ livello: z.enum(V.LIVELLI_BISOGNO) })),
});

const organizzazione = z.strictObject({
  tipo: z.enum(V.TIPI_ORGANIZZAZIONE),
  denominazione: text(200),
  /** The organisation's 11-digit codice fiscale, when it has one. */
  codiceFiscale: cf.optional(),
});

export const datiEquipe = z.strictObject({
  dataCostituzione: date,
  dataScioglimento: date.optional(),
  componenti: atLeastOne(z.strictObject({ ruolo: z.enum(V.RUOLI_EQUIPE), organizzazione })),
});

const tirocinio = z.strictObject({
  soggettoOspitante: z.strictObject({ codiceFiscale: cf, denominazione: text(200) }),
  oreSettimanali: int(1, 40),
  indennitaMensileCentesimi: int(0, 1_000_000).optional(),
});

const sostegno = z.strictObject({
  /** Stable within the PaIS across its versions, so a support can be followed from one version to the next. */
  id,
  tipo: codici.voce,
  fornitore: organizzazione,
  ...periodo,
  /** The members it is for; empty = the whole household. */
  beneficiari: list(cf),
  /** Required for a social internship (tipo TIROCINIO_INCLUSIONE), and only for it. */
  tirocinio: tirocinio.optional(),
});

const impegno = z.strictObject({
  id,
  codiceFiscale: cf,
  tipo: codici.voce,
  descrizione: text(500).optional(),
  ...periodo,
});

export const datiPais = z.strictObject({
  ...documento,
  stato: z.enum(V.STATI_PAIS),
  /** Drawn up by the social service alone after an analisi preliminare without complex needs. */
  semplificato: z.boolean(),
  dataSottoscrizione: date.optional(),
  dataInizio: date,
  dataFine: date.optional(),
  obiettivoGenerale: text(2000),
  obiettivi: atLeastOne(z.strictObject({ id, descrizione: text(1000) })),
  risultatiAttesi: list(z.strictObject({
    obiettivoId: id,
    codiceFiscale: cf.optional(),
    descrizione: text(1000),
    indicatore: text(300).optional(),
    scadenza: date,
  })),
  sostegni: list(sostegno),
  impegni: list(impegno),
});

export const datiPartecipazionePuc = z.strictObject({
  progettoId: id,
  titoloProgetto: text(300).optional(),
  comune: codici.belfiore,
  ambito: z.enum(V.AMBITI_PUC),
  dataInizio: date,
  dataFine: date.optional(),
  oreSettimanali: int(1, 40),
  presenze: list(z.strictObject({ mese: z.string().regex(F.MESE, { error: 'MESE_FORMAT' }), oreSvolte: int(0, 200) })),
});

export const datiPadNucleo = z.strictObject({
  dataSottoscrizione: date,
  richiedenteCf: cf,
  componenti: atLeastOne(z.strictObject({
    codiceFiscale: cf,
    percorso: z.enum(V.PERCORSI_PAD),
    /** Required with, and only with, ESONERATO. */
    motivoEsonero: text(300).optional(),
    categorizzazioni: z.strictObject({ ...condizioniMembro, attivazione: z.enum(V.STATI_ATTIVAZIONE) }),
  })),
  atsCompetente: codici.ats.optional(),
  /** The employment centre in charge: its comune's Belfiore code. */
  cpiComune: codici.belfiore.optional(),
});

const version = {
  id,
  /** Monotonic per record; a source that only has update times sends their epoch milliseconds. */
  versione: int(1, Number.MAX_SAFE_INTEGER),
  aggiornatoIl: dateTime,
};

/**
 * Envelope of every entity, as for SIISL: an AGGIORNAMENTO carries the whole content in `dati`; an
 * ELIMINAZIONE carries only the identity (plus what consumers need to find it without its content).
 */
function entity<D extends z.ZodType, O extends z.core.$ZodLooseShape>(owner: O, dati: D) {
  return z.discriminatedUnion('operazione', [
    z.strictObject({ operazione: z.literal('AGGIORNAMENTO'), ...version, ...owner, dati }),
    z.strictObject({ operazione: z.literal('ELIMINAZIONE'), ...version, ...owner }),
  ]);
}

/** Every record but the case itself belongs to one case. */
const ofCase = { casoId: id };

export const schemas = {
  caso: entity({}, datiCaso),
  'nucleo-caso': entity(ofCase, datiNucleoCaso),
  'analisi-preliminare': entity(ofCase, datiAnalisiPreliminare),
  'quadro-analisi': entity(ofCase, datiQuadroAnalisi),
  'equipe-multidisciplinare': entity(ofCase, datiEquipe),
  pais: entity(ofCase, datiPais),
  // A PUC participation is one member's: its codice fiscale travels in the envelope, deletions included.
  'partecipazione-puc': entity({ ...ofCase, codiceFiscale: cf }, datiPartecipazionePuc),
  'pad-nucleo': entity(ofCase, datiPadNucleo),
} as const;
