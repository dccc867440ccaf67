import { validateCf } from '@fsl/codice-fiscale';
import type { FieldProblem } from '@fsl/http';
import { eventId, type ComunicazioneV1, type EventHeader } from '@fsl/schemas';

// The backbone's thin path: a minimal UNILAV hiring (assunzione), from payload to Avro event in one
// place. The full CO model (every model, event and correction) replaces this in the CO capability.

export const CO_SUBJECT = 'co.comunicazione';

export interface HiringEvent {
  header: EventHeader;
  payload: ComunicazioneV1;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;
}

function isRealDate(s: string): boolean {
  if (!ISO_DATE.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

/** Validate and map; returns every problem found, never the offending values. */
export function mapHiring(
  body: unknown,
  ctx: { now: number; correlationId?: string },
): { ok: true; event: HiringEvent; workerCf: string } | { ok: false; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const b = (body && typeof body === 'object' ? body : {}) as Record<string, any>;
  const need = (path: string, v: unknown): string => {
    const s = str(v);
    if (!s) problems.push({ path, code: 'REQUIRED', message: 'is required' });
    return s ?? '';
  };
  const cf = (path: string, v: unknown, allow: Array<'personal' | 'numeric'>): string => {
    const s = need(path, v);
    if (!s) return '';
    const r = validateCf(s, { allow });
    if (!r.ok) problems.push({ path, code: `CF_${r.reason}`, message: r.message });
    return r.ok ? r.code : '';
  };
  const date = (path: string, v: unknown, required: boolean): string | null => {
    const s = str(v);
    if (!s) {
      if (required) problems.push({ path, code: 'REQUIRED', message: 'is required' });
      return null;
    }
    if (!isRealDate(s)) problems.push({ path, code: 'DATE_INVALID', message: 'must be a real date in YYYY-MM-DD form' });
    return s;
  };

  const codiceComunicazione = need('codiceComunicazione', b.codiceComunicazione);
  if (codiceComunicazione && !/^[0-9A-Z]{16}$/.test(codiceComunicazione)) {
    problems.push({ path: 'codiceComunicazione', code: 'FORMAT', message: 'must be 16 upper-case letters or digits' });
  }
  const dataInvio = need('dataInvio', b.dataInvio);
  if (dataInvio && Number.isNaN(Date.parse(dataInvio))) problems.push({ path: 'dataInvio', code: 'DATETIME_INVALID', message: 'must be an ISO 8601 date-time' });
  const employerCf = cf('datore.codiceFiscale', b.datore?.codiceFiscale, ['numeric', 'personal']);
  const denominazione = need('datore.denominazione', b.datore?.denominazione);
  const workerCf = cf('lavoratore.codiceFiscale', b.lavoratore?.codiceFiscale, ['personal', 'numeric']);
  const cognome = need('lavoratore.cognome', b.lavoratore?.cognome);
  const nome = need('lavoratore.nome', b.lavoratore?.nome);
  const dataInizio = date('rapporto.dataInizio', b.rapporto?.dataInizio, true);
  const dataFine = date('rapporto.dataFine', b.rapporto?.dataFine, false);
  if (dataInizio && dataFine && isRealDate(dataInizio) && isRealDate(dataFine) && dataFine < dataInizio) {
    problems.push({ path: 'rapporto.dataFine', code: 'END_BEFORE_START', message: 'must not be before rapporto.dataInizio' });
  }
  const tipologia = need('rapporto.tipologiaContrattuale', b.rapporto?.tipologiaContrattuale);
  if (problems.length > 0) return { ok: false, problems };

  // A CO is immutable once sent (corrections are new COs), so its source version is constant.
  const sourceVersion = 1;
  const header: EventHeader = {
    eventId: eventId('CO', codiceComunicazione, sourceVersion),
    sourceSystem: 'CO',
    entityType: 'comunicazione',
    operation: 'UPSERT',
    sourceRecordId: codiceComunicazione,
    sourceVersion,
    occurredAt: Date.parse(dataInvio),
    ingestedAt: ctx.now,
    correlationId: ctx.correlationId ?? null,
  };
  const payload: ComunicazioneV1 = {
    codiceComunicazione,
    codiceComunicazionePrecedente: null,
    tipoComunicazione: '01',
    modello: 'UNILAV',
    evento: 'ASSUNZIONE',
    dataInvio,
    datore: { codiceFiscale: employerCf, denominazione },
    lavoratore: { codiceFiscale: workerCf, cognome, nome },
    rapporto: {
      dataInizio: dataInizio as string,
      dataFine,
      tipologiaContrattuale: tipologia,
      tipoOrario: str(b.rapporto?.tipoOrario) ?? null,
    },
  };
  return { ok: true, event: { header, payload }, workerCf };
}
