// Structural schema of the internal model (types, required fields, envelope vocabularies). Both wire
// formats are mapped to a plain object first and then go through this one schema, so JSON and XML cannot
// drift apart. Business rules (CF, code lists, dates between fields) live in validate*.ts.
import { z } from 'zod';
import { normalizeCf } from '@fsl/codice-fiscale';
import { isIsoDate, isIsoDateTime } from './dates';
import { EVENTI_RAPPORTO, TIPI_COMUNICAZIONE, TIPI_VARIAZIONE } from './model';
import type { Co } from './model';

// Custom issues carry our problem code as their message (see structure.ts).
const date = z.string().refine(isIsoDate, { error: 'INVALID_DATE' });
const dateTime = z.string().refine(isIsoDateTime, { error: 'INVALID_DATETIME' });
const str = z.string();
// An in-place overwrite, not .transform(): the same upper-cased string without a pipe, whose extra parse
// payloads made each CF cost several times a plain string field. normalizeCf, not toUpperCase(): only
// ASCII letters are upper-cased, so ſ, ı, ß or a ligature cannot become the letters of another CF.
const cf = z.string().overwrite(normalizeCf);
const code = z.string();

const sede = z.object({ comune: code, cap: str.optional(), indirizzo: str.optional() });

const datiInvio = z.object({
  codiceComunicazione: str,
  codiceComunicazionePrecedente: str.optional(),
  tipoComunicazione: z.enum(TIPI_COMUNICAZIONE),
  dataInvio: dateTime,
  versione: str.optional(),
  forzaMaggiore: z.boolean().optional(),
  codiceFiscaleComunicante: cf.optional(),
});

const datore = z.object({
  codiceFiscale: cf,
  denominazione: str,
  settore: code.optional(),
  pubblicaAmministrazione: z.boolean().optional(),
  sedeLegale: sede.optional(),
  sedeLavoro: sede.optional(),
});

const lavoratore = z.object({
  codiceFiscale: cf,
  cognome: str,
  nome: str,
  sesso: z.enum(['M', 'F']).optional(),
  nascita: z.object({ comune: code, data: date }).optional(),
  cittadinanza: code.optional(),
  domicilio: sede.optional(),
});

const ore = z.number().finite();

const inizio = z.object({
  dataInizio: date,
  dataFine: date.optional(),
  dataFinePeriodoFormativo: date.optional(),
  tipologiaContrattuale: code,
  tipoOrario: code,
  oreSettimanaliMedie: ore.optional(),
  qualificaProfessionale: code,
  ccnl: str.optional(),
  livelloInquadramento: str.optional(),
  retribuzione: z.number().int().optional(),
  entePrevidenziale: code.optional(),
});

const proroga = z.object({ dataFineProroga: date, dataFineMissione: date.optional() });

const trasformazione = z.object({
  codice: code,
  data: date,
  tipologiaContrattuale: code.optional(),
  tipoOrario: code.optional(),
  oreSettimanaliMedie: ore.optional(),
});

const trasferimento = z.object({
  tipo: z.enum(['TL', 'DL']),
  data: date,
  sedeLavoro: sede,
  sedeLavoroPrecedente: sede.optional(),
  dataFineDistacco: date.optional(),
  distaccatario: z.object({ codiceFiscale: cf, denominazione: str.optional() }).optional(),
  distaccoParziale: z.boolean().optional(),
  distaccoAziendaEstera: z.boolean().optional(),
});

const cessazione = z.object({ data: date, causa: code });

const missione = z.object({
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

const unilav = z.object({ modello: z.literal('UNILAV'), ...rapportoSections });

const unisomm = z.object({
  modello: z.literal('UNISOMM'),
  ...rapportoSections,
  agenzia: z.object({ numeroIscrizioneAlbo: str.optional(), estera: z.boolean().optional() }).optional(),
  missione: missione.optional(),
});

const vardatori = z.object({
  modello: z.literal('VARDATORI'),
  tipoEvento: z.literal('VAR'),
  datiInvio,
  datore,
  datorePrecedente: z.object({ codiceFiscale: cf, denominazione: str.optional() }),
  variazione: z.object({ tipo: z.enum(TIPI_VARIAZIONE), data: date, dataFineRamoAffitto: date.optional() }),
  lavoratori: z.array(z.object({ codiceFiscale: cf, cognome: str, nome: str, dataInizio: date.optional() })),
});

const uniurg = z.object({
  modello: z.literal('UNIURG'),
  tipoEvento: z.literal('URG'),
  datiInvio,
  datore,
  lavoratore,
  inizio: z.object({ dataInizio: date, dataFine: date.optional(), tipologiaContrattuale: code.optional() }),
  motivoUrgenza: str.optional(),
});

export const coSchema = z.discriminatedUnion('modello', [unilav, unisomm, vardatori, uniurg]);

// Compile-time guard: the schema's output must be assignable to the hand-written model.
type SchemaOut = z.output<typeof coSchema>;
const _modelMatches = (x: SchemaOut): Co => x;
void _modelMatches;
