// Values that are well-typed but cannot be true, or are malformed in a way the schema does not see: a
// dataInvio in the future, a worker too young or too old to work, a CAP that is not five digits, a
// residence permit with an unknown document type. A CO reaches FSL after the ministry's own checks, so
// these catch transport and mapping errors rather than senders' mistakes; each is a 422 naming the field.
import { isCoRapporto, type AnagraficaLavoratore, type Co, type Datore, type IsoDate, type Sede } from './model';
import type { Problem } from './problems';

export const PLAUSIBILITY_MESSAGES = {
  DATA_INVIO_FUTURE: 'dataInvio is in the future (beyond the allowed clock skew).',
  NASCITA_IMPLAUSIBLE: 'The birth date makes the worker younger than 14 or older than 100 when the CO was sent.',
  CAP_FORMAT: 'A CAP (Italian postcode) is five digits.',
  PERMESSO_TIPO_DOCUMENTO: 'tipoDocumento of a residence permit is a code from 1 to 7.',
  QUESTURA_FORMAT: 'The questura is a 3-digit code.',
} as const;
export type PlausibilityCode = keyof typeof PLAUSIBILITY_MESSAGES;

/** Youngest age at which anyone is hired (15 for first-level apprenticeships), with a year's margin. */
export const MIN_AGE_YEARS = 14;
export const MAX_AGE_YEARS = 100;
export const DEFAULT_CLOCK_SKEW_MS = 5 * 60_000;

const CAP = /^\d{5}$/;
const QUESTURA = /^\d{3}$/;
const TIPI_DOCUMENTO = new Set(['1', '2', '3', '4', '5', '6', '7']);

export interface PlausibilityOptions {
  /** The receiving clock (epoch ms); without it the future check is skipped (e.g. replaying old COs). */
  now?: number;
  /** How far in the future dataInvio may be, for the sender's clock running ahead. */
  clockSkewMs?: number;
}

/** The year `years` before/after a date, as a date string (29 February → 28 February when needed). */
function yearsFrom(date: IsoDate, years: number): IsoDate {
  const y = String(Number(date.slice(0, 4)) + years).padStart(4, '0');
  const d = `${y}${date.slice(4)}`;
  return d.endsWith('-02-29') && Number.isNaN(Date.parse(`${d}T00:00:00Z`)) ? `${y}-02-28` : d;
}

class Collector {
  readonly problems: Problem[] = [];
  add(path: string, code: PlausibilityCode): void {
    this.problems.push({ path, code, message: PLAUSIBILITY_MESSAGES[code] });
  }

  sede(path: string, s: Sede | undefined): void {
    // Abroad (a Z code) the postcode is the foreign country's.
    if (s?.cap !== undefined && !s.comune.startsWith('Z') && !CAP.test(s.cap)) this.add(`${path}.cap`, 'CAP_FORMAT');
  }

  datore(path: string, d: Datore): void {
    this.sede(`${path}.sedeLegale`, d.sedeLegale);
    this.sede(`${path}.sedeLavoro`, d.sedeLavoro);
  }

  anagrafica(path: string, l: AnagraficaLavoratore, invio: IsoDate): void {
    const born = l.nascita?.data;
    if (born !== undefined && (born > yearsFrom(invio, -MIN_AGE_YEARS) || born < yearsFrom(invio, -MAX_AGE_YEARS))) {
      this.add(`${path}.nascita.data`, 'NASCITA_IMPLAUSIBLE');
    }
    this.sede(`${path}.domicilio`, l.domicilio);
    const p = l.permessoSoggiorno;
    if (p) {
      if (!TIPI_DOCUMENTO.has(p.tipoDocumento)) this.add(`${path}.permessoSoggiorno.tipoDocumento`, 'PERMESSO_TIPO_DOCUMENTO');
      if (p.questura !== undefined && !QUESTURA.test(p.questura)) this.add(`${path}.permessoSoggiorno.questura`, 'QUESTURA_FORMAT');
    }
  }
}

export function checkPlausibility(co: Co, opts: PlausibilityOptions = {}): Problem[] {
  const c = new Collector();
  if (opts.now !== undefined && Date.parse(co.datiInvio.dataInvio) > opts.now + (opts.clockSkewMs ?? DEFAULT_CLOCK_SKEW_MS)) {
    c.add('datiInvio.dataInvio', 'DATA_INVIO_FUTURE');
  }
  // The day as the sender wrote it (Italian time): what a worker's age on sending is about. Run for every
  // CO at ingest, hence string slicing rather than Date objects.
  const invio = co.datiInvio.dataInvio.slice(0, 10);
  c.datore('datore', co.datore);
  if (co.modello === 'VARDATORI') {
    co.lavoratori.forEach((l, i) => c.anagrafica(`lavoratori[${i}]`, l, invio));
  } else {
    c.anagrafica('lavoratore', co.lavoratore, invio);
  }
  if (isCoRapporto(co)) {
    c.sede('trasferimento.sedeLavoro', co.trasferimento?.sedeLavoro);
    c.sede('trasferimento.sedeLavoroPrecedente', co.trasferimento?.sedeLavoroPrecedente);
    if (co.modello === 'UNISOMM' && co.missione) c.datore('missione.utilizzatore', co.missione.utilizzatore);
  }
  return c.problems;
}
