// Structural schema of the internal model (types, required fields, envelope vocabularies). Both wire
// formats are mapped to a plain object first and then go through this one schema, so JSON and XML cannot
// drift apart. Business rules (CF, code lists, dates between fields) live in validate*.ts.
//
// Every object is strict: JSON is our own format, and a misspelt member silently dropped would change the
// meaning of a CO and hide a difference from the idempotency check (the 409). The XML mapping only ever
// builds known members, so strictness costs it nothing.
import { z } from 'zod';
import { normalizeCf } from '@fsl/codice-fiscale';
import { isIsoDate, isIsoDateTime } from './dates';
import { EVENTI_RAPPORTO, TIPI_COMUNICAZIONE, TIPI_VARIAZIONE } from './model';
import type { Co } from './model';
import { TEXT_MAX } from './text-limits';

// Custom issues carry our problem code as their message (see structure.ts).
const date = z.string().refine(isIsoDate, { error: 'INVALID_DATE' });
const dateTime = z.string().refine(isIsoDateTime, { error: 'INVALID_DATETIME' });
// C0, DEL and C1 controls: never part of a name, an address or a code; they only corrupt what is shown
// downstream (line breaks in a name, terminal escapes in a log).
const NO_CONTROL = /^[^\p{Cc}]*$/u;
const plain = () => z.string().regex(NO_CONTROL, { error: 'CONTROL_CHARACTER' });
/** Free text bounded by the ministry's field size (text-limits.ts says where each size comes from). */
const text = (max: number) => z.string().max(max, { error: 'TEXT_TOO_LONG' }).regex(NO_CONTROL, { error: 'CONTROL_CHARACTER' });
const str = plain();
// An in-place overwrite, not .transform(): the same upper-cased string without a pipe, whose extra parse
// payloads made each CF cost several times a plain string field. normalizeCf, not toUpperCase(): only
// ASCII letters are upper-cased, so ſ, ı, ß or a ligature cannot become the letters of another CF.
const cf = z.string().overwrite(normalizeCf);
const code = plain();

const sede = z.strictObject({ comune: code, cap: str.optional(), indirizzo: text(TEXT_MAX.indirizzo).optional() });

const datiInvio = z.strictObject({
  codiceComunicazione: str,
  codiceComunicazionePrecedente: str.optional(),
  tipoComunicazione: z.enum(TIPI_COMUNICAZIONE),
  dataInvio: dateTime,
  versione: text(TEXT_MAX.versione).optional(),
  forzaMaggiore: z.boolean().optional(),
  codiceFiscaleComunicante: cf.optional(),
});

const datore = z.strictObject({
  codiceFiscale: cf,
  denominazione: text(TEXT_MAX.denominazione),
  settore: code.optional(),
  pubblicaAmministrazione: z.boolean().optional(),
  sedeLegale: sede.optional(),
  sedeLavoro: sede.optional(),
});

const permessoSoggiorno = z.strictObject({
  tipoDocumento: code,
  numeroDocumento: text(TEXT_MAX.numeroDocumento),
  motivo: code.optional(),
  scadenza: date.optional(),
  questura: code.optional(),
});

const anagrafica = {
  sesso: z.enum(['M', 'F']).optional(),
  nascita: z.strictObject({ comune: code, data: date }).optional(),
  cittadinanza: code.optional(),
  domicilio: sede.optional(),
  permessoSoggiorno: permessoSoggiorno.optional(),
};

const lavoratore = z.strictObject({
  codiceFiscale: cf,
  cognome: text(TEXT_MAX.cognome),
  nome: text(TEXT_MAX.nome),
  ...anagrafica,
});

const ore = z.number().finite();

const inizio = z.strictObject({
  dataInizio: date,
  dataFine: date.optional(),
  dataFinePeriodoFormativo: date.optional(),
  tipologiaContrattuale: code,
  tipoOrario: code,
  oreSettimanaliMedie: ore.optional(),
  qualificaProfessionale: code,
  ccnl: text(TEXT_MAX.ccnl).optional(),
  livelloInquadramento: text(TEXT_MAX.livelloInquadramento).optional(),
  retribuzione: z.number().int().optional(),
  entePrevidenziale: code.optional(),
});

/** The optional terms a UNIURG or a VARDATORI may carry (TerminiRapporto). */
const termini = {
  dataFinePeriodoFormativo: date.optional(),
  tipoOrario: code.optional(),
  oreSettimanaliMedie: ore.optional(),
  qualificaProfessionale: code.optional(),
  ccnl: text(TEXT_MAX.ccnl).optional(),
  livelloInquadramento: text(TEXT_MAX.livelloInquadramento).optional(),
  retribuzione: z.number().int().optional(),
  entePrevidenziale: code.optional(),
};

const proroga = z.strictObject({ dataFineProroga: date, dataFineMissione: date.optional() });

const trasformazione = z.strictObject({
  codice: code,
  data: date,
  tipologiaContrattuale: code.optional(),
  tipoOrario: code.optional(),
  oreSettimanaliMedie: ore.optional(),
});

const trasferimento = z.strictObject({
  tipo: z.enum(['TL', 'DL']),
  data: date,
  sedeLavoro: sede,
  sedeLavoroPrecedente: sede.optional(),
  dataFineDistacco: date.optional(),
  distaccatario: z.strictObject({ codiceFiscale: cf, denominazione: text(TEXT_MAX.denominazione).optional() }).optional(),
  distaccoParziale: z.boolean().optional(),
  distaccoAziendaEstera: z.boolean().optional(),
});

const cessazione = z.strictObject({ data: date, causa: code });

const missione = z.strictObject({
  utilizzatore: datore,
  dataInizio: date,
  dataFine: date.optional(),
  tipoOrario: code,
  oreSettimanaliMedie: ore.optional(),
  qualificaProfessionale: code,
});

const rapportoSections = {
  datiInvio,
  tipoEvento: z.enum(EVENTI_RAPPORTO),
  datore,
  lavoratore,
  inizio,
  proroga: proroga.optional(),
  trasformazione: trasformazione.optional(),
  trasferimento: trasferimento.optional(),
  cessazione: cessazione.optional(),
};

const unilav = z.strictObject({ modello: z.literal('UNILAV'), ...rapportoSections });

const unisomm = z.strictObject({
  modello: z.literal('UNISOMM'),
  ...rapportoSections,
  agenzia: z.strictObject({ numeroIscrizioneAlbo: text(TEXT_MAX.numeroIscrizioneAlbo).optional(), estera: z.boolean().optional() }).optional(),
  missione: missione.optional(),
});

const vardatori = z.strictObject({
  modello: z.literal('VARDATORI'),
  tipoEvento: z.literal('VAR'),
  datiInvio,
  datore,
  datorePrecedente: z.strictObject({ codiceFiscale: cf, denominazione: text(TEXT_MAX.denominazione).optional() }),
  variazione: z.strictObject({ tipo: z.enum(TIPI_VARIAZIONE), data: date, dataFineRamoAffitto: date.optional() }),
  lavoratori: z.array(
    z.strictObject({
      codiceFiscale: cf,
      cognome: text(TEXT_MAX.cognome),
      nome: text(TEXT_MAX.nome),
      dataInizio: date.optional(),
      ...anagrafica,
      termini: z.strictObject({ ...termini, tipologiaContrattuale: code.optional(), dataFine: date.optional() }).optional(),
    }),
  ),
});

const uniurg = z.strictObject({
  modello: z.literal('UNIURG'),
  tipoEvento: z.literal('URG'),
  datiInvio,
  datore,
  lavoratore,
  inizio: z.strictObject({ dataInizio: date, dataFine: date.optional(), tipologiaContrattuale: code.optional(), ...termini }),
  motivoUrgenza: text(TEXT_MAX.motivoUrgenza).optional(),
});

export const coSchema = z.discriminatedUnion('modello', [unilav, unisomm, vardatori, uniurg]);

// Compile-time guard: the schema's output must be assignable to the hand-written model.
type SchemaOut = z.output<typeof coSchema>;
const _modelMatches = (x: SchemaOut): Co => x;
void _modelMatches;
