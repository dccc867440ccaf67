import { createHash } from 'node:crypto';
import type { SourceMessage } from '@fsl/ingest';
import { maskCodiciFiscali } from '@fsl/logging';
import { getDefaultCodec } from '@fsl/schemas';
import { decodeFlusso, riferimentoFlusso, siussMessage, tsFlussoMillis, type Problem, type SiussTables } from '@fsl/siuss';
import type { EnteRegistrato } from './registry';

// One entry of GET /flussi → what the gateway does with it: publish its event (OK) or refuse it, FSL's record
// of its outcome, and the outcome item POST /esiti would carry. Pure but for the codec check: the same entry
// read twice gives the same record, so a page polled again decides the same thing.

export type CodiceEsito = 'OK' | 'RICHIESTA_INVALIDA' | 'DATI_NON_TROVATI' | 'ERRORE_GENERICO';
export const CODICI_ESITO: readonly CodiceEsito[] = ['OK', 'RICHIESTA_INVALIDA', 'DATI_NON_TROVATI', 'ERRORE_GENERICO'];

/** The interface's EsitoFlusso, less ts_acquisizione (set when the page is committed). */
export interface EsitoFlusso {
  id_flusso: string;
  tipo: string;
  ts_flusso: string;
  codice_esito: CodiceEsito;
  descrizione_esito?: string;
  id_acquisizione_siuss?: string;
}

/** A problem as FSL records and reports it: where and which rule, never a value. */
export interface ProblemaFlusso {
  code: string;
  path: string;
}

export interface FlussoLetto {
  /** The dedupe key: the served id (or '#' + the content's hash when it has none usable) and ts_flusso in ms (-1 unreadable). */
  idFlusso: string;
  ts: number;
  tipo?: string;
  esito: CodiceEsito;
  /** OK: the event id, which is also the acquisition id the municipality is told. */
  idAcquisizione?: string;
  /** OK: the event to publish (topic id of libs/kafka, and the message for the ingest publisher). */
  evento?: { topic: 'siussPrestazioni' | 'siussSinba'; message: SourceMessage };
  problemi: ProblemaFlusso[];
  avvisi: ProblemaFlusso[];
  /** The outcome for POST /esiti; undefined when the entry names no usable id, type or timestamp to answer for. */
  esitoFlusso?: EsitoFlusso;
}

const DATE_TIME_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
const MAX_DESCRIZIONE = 1000;

const problema = (p: Problem): ProblemaFlusso => ({ code: p.code, path: p.path });

/**
 * The outcome's description of a refusal: each rule broken with where, in the interface's words. libs/siuss
 * writes fixed messages with no value of the flow in them; the CF mask is the safety net on top.
 */
export function descrizioneRifiuto(problems: readonly Problem[]): string {
  const text = `Flusso rifiutato da FSL: ${problems.map((p) => `${p.code} (${p.path || 'voce'}): ${p.message}`).join('; ')}`;
  const masked = maskCodiciFiscali(text);
  return masked.length > MAX_DESCRIZIONE ? `${masked.slice(0, MAX_DESCRIZIONE - 1)}…` : masked;
}

/** ts_flusso for the outcome: as the municipality wrote it when it is a date-time, else the ms as one. */
function tsPerEsito(raw: unknown, ms: number): string {
  return typeof raw === 'string' && DATE_TIME_WITH_OFFSET.test(raw) ? raw : new Date(ms).toISOString();
}

/** The dedupe id of an entry: its id_flusso as served, or the hash of the entry when it has none usable. */
function idDi(entry: unknown, idFlusso: string | undefined): string {
  if (idFlusso !== undefined) return idFlusso;
  let text: string;
  try {
    text = JSON.stringify(entry) ?? 'undefined';
  } catch {
    text = String(entry);
  }
  return `#${createHash('sha256').update(text).digest('hex')}`;
}

export interface LetturaOptions {
  ente: EnteRegistrato;
  correlationId?: string;
  now: number;
  tables?: SiussTables;
}

export function leggiFlusso(entry: unknown, o: LetturaOptions): FlussoLetto {
  const rif = riferimentoFlusso(entry);
  // An entry that is not even an object has no timestamp (and is refused by decodeFlusso).
  const ms = typeof entry === 'object' && entry !== null ? tsFlussoMillis(entry as { ts_flusso?: unknown }) : undefined;
  const idFlusso = idDi(entry, rif.idFlusso);
  const ts = ms ?? -1;
  const nominabile = rif.idFlusso !== undefined && rif.tipo !== undefined && ms !== undefined;
  const esitoDi = (codice: CodiceEsito, extra: Partial<EsitoFlusso>): EsitoFlusso | undefined =>
    nominabile ? { id_flusso: rif.idFlusso!, tipo: rif.tipo!, ts_flusso: tsPerEsito((entry as { ts_flusso?: unknown }).ts_flusso, ms!), codice_esito: codice, ...extra } : undefined;

  const r = decodeFlusso(entry, { codiciEnteAmmessi: o.ente.codiciEnteAmmessi, ...(o.tables ? { tables: o.tables } : {}) });
  const base = { idFlusso, ts, ...(rif.tipo ? { tipo: rif.tipo } : {}) };
  if (!r.ok) {
    return {
      ...base,
      esito: r.esito,
      problemi: r.problems.map(problema),
      avvisi: r.warnings.map(problema),
      esitoFlusso: esitoDi(r.esito, { descrizione_esito: descrizioneRifiuto(r.problems) }),
    };
  }
  try {
    const m = siussMessage(r.prestazione, { ingestedAt: o.now, ...(o.correlationId ? { correlationId: o.correlationId } : {}), tabelleCodici: r.tabelleCodici });
    // Encoded here once to find a flow the Avro mapping cannot carry before anything is published; the
    // publisher encodes again (cheap: one flow is a few kB).
    getDefaultCodec().encode(m.subject, m.event as never);
    const eventId = m.event.header.eventId;
    return {
      ...base,
      tipo: r.prestazione.tipo,
      esito: 'OK',
      idAcquisizione: eventId,
      evento: { topic: m.topic, message: { subject: m.subject, event: m.event, key: { cf: m.keyMaterial } } },
      problemi: [],
      avvisi: r.warnings.map(problema),
      esitoFlusso: esitoDi('OK', { id_acquisizione_siuss: eventId }),
    };
  } catch (err) {
    // A flow the decoder accepted and the event cannot carry is our fault, not the municipality's.
    const code = (err as Error).name === 'SiussAvroMappingError' ? 'AVRO_MAPPING' : 'ERRORE_INTERNO';
    return {
      ...base,
      esito: 'ERRORE_GENERICO',
      problemi: [{ code, path: '' }],
      avvisi: r.warnings.map(problema),
      esitoFlusso: esitoDi('ERRORE_GENERICO', { descrizione_esito: 'Errore di FSL nella registrazione del flusso: sarà esaminato da un operatore.' }),
    };
  }
}
