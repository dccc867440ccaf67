import { z } from 'zod';
import { AppError, type FieldProblem } from '@fsl/http';
import { codiceFiscale, parse } from '../eservices/requests';
import { ANNI_MASSIMI_VERIFICA, GIORNI_MASSIMI_VERIFICA } from './contract';

// Request bodies of the rapporti di lavoro e-services: strict like every e-service body, then the rules
// between fields (a period that runs backwards, reaches into the future or is too long), each problem
// naming its field and never a value.

const data = z.iso.date();
const rapportiSchema = z.strictObject({ codiceFiscale });
const attiviSchema = z.strictObject({ codiceFiscale, data });
const requisitoSchema = z.strictObject({
  codiceFiscale,
  dal: data,
  al: data,
  tipologieContrattuali: z
    .array(z.string().regex(/^[A-Z]\.[0-9]{2}\.[0-9]{2}$/))
    .min(1)
    .max(20)
    .optional(),
  giorniMinimi: z.number().int().min(1).max(GIORNI_MASSIMI_VERIFICA).optional(),
});

export type RichiestaRapporti = z.infer<typeof rapportiSchema>;
export type RichiestaRapportiAttivi = z.infer<typeof attiviSchema>;
/** The check as it is run: defaults filled in, contract types sorted and without repeats. */
export interface RichiestaRequisito {
  codiceFiscale: string;
  dal: string;
  al: string;
  tipologieContrattuali?: string[];
  giorniMinimi: number;
}

const DAY_MS = 86_400_000;
export const giorniTra = (dal: string, al: string): number => (Date.parse(`${al}T00:00:00Z`) - Date.parse(`${dal}T00:00:00Z`)) / DAY_MS + 1;

/** The same day `years` later, minus one day: the last day of a span of that many years (29 Feb → 28 Feb). */
function ultimoGiornoDopoAnni(dal: string, years: number): string {
  const d = new Date(`${dal}T00:00:00Z`);
  const day = d.getUTCDate();
  d.setUTCDate(1);
  d.setUTCFullYear(d.getUTCFullYear() + years);
  d.setUTCDate(Math.min(day, new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate()));
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

function refuse(problems: FieldProblem[]): never {
  throw new AppError('BAD_REQUEST', 'the request is not valid', { errors: problems });
}

// A day after today would ask about facts that have not happened: the answer would be a forecast.
const futura = (path: string): FieldProblem => ({ path, code: 'DATA_FUTURA', message: 'the date is after today' });

export const parseRichiestaRapporti = (body: unknown): RichiestaRapporti => parse(rapportiSchema, body);

export function parseRichiestaRapportiAttivi(body: unknown, today: string): RichiestaRapportiAttivi {
  const req = parse(attiviSchema, body);
  if (req.data > today) refuse([futura('data')]);
  return req;
}

export function parseRichiestaRequisito(body: unknown, today: string): RichiestaRequisito {
  const req = parse(requisitoSchema, body);
  const problems: FieldProblem[] = [];
  if (req.dal > today) problems.push(futura('dal'));
  if (req.al > today) problems.push(futura('al'));
  if (req.al < req.dal) problems.push({ path: 'al', code: 'PERIODO_INVERTITO', message: 'the period ends before it starts' });
  else if (req.al > ultimoGiornoDopoAnni(req.dal, ANNI_MASSIMI_VERIFICA)) {
    problems.push({ path: 'al', code: 'PERIODO_TROPPO_LUNGO', message: `the period is longer than ${ANNI_MASSIMI_VERIFICA} years` });
  } else if (req.giorniMinimi !== undefined && req.giorniMinimi > giorniTra(req.dal, req.al)) {
    problems.push({ path: 'giorniMinimi', code: 'GIORNI_OLTRE_PERIODO', message: 'more days than the period has' });
  }
  if (problems.length > 0) refuse(problems);
  return {
    codiceFiscale: req.codiceFiscale,
    dal: req.dal,
    al: req.al,
    ...(req.tipologieContrattuali ? { tipologieContrattuali: [...new Set(req.tipologieContrattuali)].sort() } : {}),
    giorniMinimi: req.giorniMinimi ?? 1,
  };
}
