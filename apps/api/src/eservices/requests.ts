import { z } from 'zod';
import { validateCf } from '@fsl/codice-fiscale';
import { AppError, type FieldProblem } from '@fsl/http';

// Request bodies of the e-services. Unknown members are refused: a consumer that sends a field we
// ignore would believe it filters something.

const codiceFiscale = z.string().max(32);
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

// The GePI id alphabet (libs/gepi): nothing else can name a case.
const casoPaisSchema = z.strictObject({ casoId: z.string().regex(/^[A-Za-z0-9._:-]{1,64}$/) });

// Messages name fields, never values (a value may be somebody's codice fiscale).
export function problemsOf(error: z.ZodError): FieldProblem[] {
  return error.issues.map((i) =>
    i.code === 'unrecognized_keys'
      ? { path: i.keys.join(','), code: 'BODY_UNKNOWN_MEMBER', message: 'unknown member' }
      : { path: i.path.join('.') || '(body)', code: `BODY_${i.code.toUpperCase()}`, message: 'invalid value' },
  );
}

function parse<T extends { codiceFiscale: string }>(schema: z.ZodType<T>, body: unknown): T {
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

export function parseRichiestaCasoPais(body: unknown): RichiestaCasoPais {
  const parsed = casoPaisSchema.safeParse(body);
  if (parsed.success) return parsed.data;
  throw new AppError('BAD_REQUEST', 'the request is not valid', { errors: problemsOf(parsed.error) });
}

/** The deprecated GET carries the code in its path. */
export function parseCfParam(raw: string): string {
  return parseRichiestaFascicolo({ codiceFiscale: raw }).codiceFiscale;
}
