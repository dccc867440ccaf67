import { z } from 'zod';
import { validateCf } from '@fsl/codice-fiscale';
import { STATI_CASO } from '@fsl/gepi';
import { AppError, type FieldProblem } from '@fsl/http';
import { richiestaPaginata } from './pagination';

// Request bodies of the e-services. Unknown members are refused: a consumer that sends a field we
// ignore would believe it filters something.

export const codiceFiscale = z.string().max(32);
const fascicoloSchema = z.strictObject({ codiceFiscale });
const versioneCurriculumSchema = z.strictObject({
  codiceFiscale,
  // The SIISL id alphabet (libs/siisl): nothing else can name a CV.
  curriculumId: z.string().regex(/^[A-Za-z0-9._:-]{1,64}$/),
  versione: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER),
});
const registroSchema = z.strictObject({
  codiceFiscale,
  cursor: z.string().min(1).max(256).optional(),
  limit: z.number().int().min(1).max(200).optional(),
});

// The GePI id alphabet (libs/gepi): nothing else can name a case, a document or an application.
const idGepi = z.string().regex(/^[A-Za-z0-9._:-]{1,64}$/);
const casoPaisSchema = z.strictObject({ casoId: idGepi });
// A version of one of the case's documents (PaIS, analisi preliminare, quadro di analisi): its number and,
// optionally, the document's id under the e-service's own name for it (paisId, ...).
const versioneDocumentoSchema = (chiaveId: string) => z.strictObject({ casoId: idGepi, numeroVersione: z.number().int().min(1).max(9999), [chiaveId]: idGepi.optional() });
const casoMisuraSchema = z.strictObject({ domandaId: idGepi });
const dataIso = z.iso.date();
const casiEnteSchema = z
  .strictObject({ stati: z.array(z.enum(STATI_CASO)).min(1).max(STATI_CASO.length).optional(), dataAperturaDal: dataIso.optional(), dataAperturaAl: dataIso.optional(), ...richiestaPaginata })
  .refine((r) => r.dataAperturaDal === undefined || r.dataAperturaAl === undefined || r.dataAperturaDal <= r.dataAperturaAl, { path: ['dataAperturaAl'] });
const casiCittadinoSchema = z.strictObject({ codiceFiscale, ...richiestaPaginata });

// Messages name fields, never values (a value may be somebody's codice fiscale).
export function problemsOf(error: z.ZodError): FieldProblem[] {
  return error.issues.map((i) =>
    i.code === 'unrecognized_keys'
      ? { path: i.keys.join(','), code: 'BODY_UNKNOWN_MEMBER', message: 'unknown member' }
      : { path: i.path.join('.') || '(body)', code: `BODY_${i.code.toUpperCase()}`, message: 'invalid value' },
  );
}

export function parse<T extends { codiceFiscale: string }>(schema: z.ZodType<T>, body: unknown): T {
  const parsed = schema.safeParse(body);
  const problems: FieldProblem[] = parsed.success ? [] : problemsOf(parsed.error);
  if (parsed.success) {
    const cf = validateCf(parsed.data.codiceFiscale);
    if (cf.ok) return { ...parsed.data, codiceFiscale: cf.code };
    problems.push({ path: 'codiceFiscale', code: `CF_${cf.reason}`, message: cf.message });
  }
  throw new AppError('BAD_REQUEST', 'the request is not valid', { errors: problems });
}

export type RichiestaFascicolo = z.infer<typeof fascicoloSchema>;
export type RichiestaRegistroAccessi = z.infer<typeof registroSchema>;
export type RichiestaVersioneCurriculum = z.infer<typeof versioneCurriculumSchema>;
export type RichiestaCasoPais = z.infer<typeof casoPaisSchema>;

export const parseRichiestaFascicolo = (body: unknown): RichiestaFascicolo => parse(fascicoloSchema, body);
export const parseRichiestaRegistro = (body: unknown): RichiestaRegistroAccessi => parse(registroSchema, body);
export const parseRichiestaVersioneCurriculum = (body: unknown): RichiestaVersioneCurriculum => parse(versioneCurriculumSchema, body);

/** A body without a codice fiscale. */
function parseBody<T>(schema: z.ZodType<T>, body: unknown): T {
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data;
  throw new AppError('BAD_REQUEST', 'the request is not valid', { errors: problemsOf(parsed.error) });
}

export const parseRichiestaCasoPais = (body: unknown): RichiestaCasoPais => parseBody(casoPaisSchema, body);

export interface RichiestaVersioneDocumento {
  casoId: string;
  numeroVersione: number;
  /** The document, when the request names it (under `chiaveId`). */
  documentoId?: string;
}

export function parseRichiestaVersioneDocumento(body: unknown, chiaveId: string): RichiestaVersioneDocumento {
  const parsed = parseBody(versioneDocumentoSchema(chiaveId), body) as { casoId: string; numeroVersione: number } & Record<string, string | undefined>;
  return { casoId: parsed.casoId, numeroVersione: parsed.numeroVersione, ...(parsed[chiaveId] !== undefined ? { documentoId: parsed[chiaveId] } : {}) };
}

export type RichiestaCasoMisura = z.infer<typeof casoMisuraSchema>;
export type RichiestaCasiEnte = z.infer<typeof casiEnteSchema>;
export type RichiestaCasiCittadino = z.infer<typeof casiCittadinoSchema>;
export const parseRichiestaCasoMisura = (body: unknown): RichiestaCasoMisura => parseBody(casoMisuraSchema, body);
export const parseRichiestaCasiEnte = (body: unknown): RichiestaCasiEnte => parseBody(casiEnteSchema, body);
export const parseRichiestaCasiCittadino = (body: unknown): RichiestaCasiCittadino => parse(casiCittadinoSchema, body);

/** The deprecated GET carries the code in its path. */
export function parseCfParam(raw: string): string {
  return parseRichiestaFascicolo({ codiceFiscale: raw }).codiceFiscale;
}

// The course catalogue e-services: a course by its SIISL id (the id alphabet of libs/siisl), or by the provider's
// own data — its codice fiscale and its code for the course, trimmed as SIISL stores it.
const offertaFormativaSchema = z.strictObject({ corsoId: z.string().regex(/^[A-Za-z0-9._:-]{1,64}$/) });
const identificativoOffertaFormativaSchema = z.strictObject({ codiceFiscaleEnte: z.string().max(32), codiceCorsoEnte: z.string().trim().min(1).max(64) });

export type RichiestaOffertaFormativa = z.infer<typeof offertaFormativaSchema>;
export type RichiestaIdentificativoOffertaFormativa = z.infer<typeof identificativoOffertaFormativaSchema>;

export const parseRichiestaOffertaFormativa = (body: unknown): RichiestaOffertaFormativa => parseBody(offertaFormativaSchema, body);

export function parseRichiestaIdentificativoOffertaFormativa(body: unknown): RichiestaIdentificativoOffertaFormativa {
  const parsed = identificativoOffertaFormativaSchema.safeParse(body);
  const problems: FieldProblem[] = parsed.success ? [] : problemsOf(parsed.error);
  if (parsed.success) {
    const cf = validateCf(parsed.data.codiceFiscaleEnte);
    if (cf.ok) return { ...parsed.data, codiceFiscaleEnte: cf.code };
    problems.push({ path: 'codiceFiscaleEnte', code: `CF_${cf.reason}`, message: cf.message });
  }
  throw new AppError('BAD_REQUEST', 'the request is not valid', { errors: problems });
}
