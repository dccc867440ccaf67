import { z } from 'zod';
import { AppError } from '@fsl/http';
import { problemsOf } from '../eservices/requests';

// The envelopes of the write e-services. What they carry of a record (dati, sostegni) is validated by the
// source's own rules (libs/gepi checkGepi, libs/siisl checkSiisl) as part of the record, so each problem names
// the field as the request spells it; here only the members the api itself needs.

// The GePI / SIISL id alphabet: nothing else can name a case, a PaIS, an analysis or a course.
const id = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$/);
/** The version of the record the caller last read (optimistic concurrency): refused if no longer the latest. */
const versioneBase = z.number().int().min(1).max(Number.MAX_SAFE_INTEGER).optional();
const oggetto = z.record(z.string(), z.unknown());

const sostegniSchema = z.strictObject({ casoId: id, paisId: id, versioneBase, sostegni: z.array(oggetto).min(1).max(50) });
const analisiSchema = z.strictObject({ casoId: id, id, versioneBase, dati: oggetto });
const inserimentoCorsoSchema = z.strictObject({ dati: oggetto });
const aggiornamentoCorsoSchema = z.strictObject({ corsoId: id, versioneBase, dati: oggetto });

export type RichiestaSostegni = z.infer<typeof sostegniSchema>;
export type RichiestaAnalisiPreliminare = z.infer<typeof analisiSchema>;
export type RichiestaInserimentoCorso = z.infer<typeof inserimentoCorsoSchema>;
export type RichiestaAggiornamentoCorso = z.infer<typeof aggiornamentoCorsoSchema>;

/** 422 like a source record's refusal: every problem with its field, never a value. */
function parse<T>(schema: z.ZodType<T>, body: unknown): T {
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data;
  const errors = problemsOf(parsed.error);
  throw new AppError('VALIDATION_FAILED', `${errors.length} problem(s) in the request`, { errors });
}

export const parseRichiestaSostegni = (body: unknown) => parse(sostegniSchema, body);
export const parseRichiestaAnalisiPreliminare = (body: unknown) => parse(analisiSchema, body);
export const parseRichiestaInserimentoCorso = (body: unknown) => parse(inserimentoCorsoSchema, body);
export const parseRichiestaAggiornamentoCorso = (body: unknown) => parse(aggiornamentoCorsoSchema, body);
