// One entry of GET /flussi (the OpenAPI's `Flusso` object) down to the XML text of its flow: the members the
// interface defines, the loose ends of the official texts (ts_flusso as a date-time or as milliseconds,
// id_flusso's "EEEEE" with the 4-character Belfiore codes of the examples), then base64 and the character
// encoding the XML declares.
import { withRomeOffset } from '@fsl/co';
import { problem, type Problem } from './problems';

export const TIPI_FLUSSO = ['PS_PSA_SINA', 'SINBA'] as const;
export type TipoFlusso = (typeof TIPI_FLUSSO)[number];

/** The JSON item of GET /flussi as the OpenAPI defines it (`Flusso`). */
export interface FlussoEntry {
  codice_ente: string;
  denominazione_ente?: string;
  id_flusso: string;
  tipo: TipoFlusso;
  /** date-time in the OpenAPI; the specification's change log calls it a millisecond timestamp. */
  ts_flusso: string | number;
  /** The XML, base64. */
  flusso: string;
}

/** The OpenAPI's limits on the entry. */
export const ENTRY_LIMITS = { denominazione_ente: 256, id_flusso: 64, flusso: 10_000_000 } as const;
const MEMBERS = new Set(['codice_ente', 'denominazione_ente', 'id_flusso', 'tipo', 'ts_flusso', 'flusso']);

/** `codice_ente` in the OpenAPI: a Belfiore code. */
export const CODICE_ENTE = /^[A-Z][0-9]{3}$/;
/**
 * `EEEEE.TIPO.AAAAMMGG.NNNNNNN`. The text says EEEEE is the 5-character INPS code of the ente, every example
 * has the 4-character Belfiore code; the official SINBA example numbers its progressive on 8 digits. Both
 * are read: a flow INPS takes must not be refused here for the shape of its id.
 */
export const ID_FLUSSO = /^([A-Za-z0-9]{4,5})\.(PS|SINBA)\.([0-9]{8})\.([0-9]{1,10})$/;

/** RFC 3339 date-time; the offset may be missing (then Italian local time, with a warning). */
const DATE_TIME = /^([0-9]{4})-([0-9]{2})-([0-9]{2})[Tt ]([0-9]{2}):([0-9]{2}):([0-9]{2})(\.[0-9]+)?([Zz]|[+-][0-9]{2}:[0-9]{2})?$/;

function validCalendarDate(y: number, m: number, d: number): boolean {
  const t = new Date(Date.UTC(y, m - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
}

/**
 * `ts_flusso` in epoch milliseconds, whichever way the ente wrote it: an RFC 3339 date-time (as the OpenAPI
 * says; fractions beyond the millisecond are cut, so `since` = this value asks again for a flow written at
 * .8521 after .852: dedupe by id_flusso), a number of milliseconds or a string of digits (as the
 * specification's change log says). `undefined` when it is neither. `since` is compared to this.
 */
export function tsFlussoMillis(entry: { ts_flusso?: unknown }): number | undefined {
  return readTs(entry.ts_flusso)?.millis;
}

function readTs(v: unknown): { millis: number; warning?: 'TS_FLUSSO_SENZA_FUSO' | 'TS_FLUSSO_MILLISECONDI' } | undefined {
  if (typeof v === 'number') return Number.isSafeInteger(v) && v >= 0 ? { millis: v, warning: 'TS_FLUSSO_MILLISECONDI' } : undefined;
  if (typeof v !== 'string') return undefined;
  if (/^[0-9]{1,16}$/.test(v)) {
    const n = Number(v);
    return Number.isSafeInteger(n) ? { millis: n, warning: 'TS_FLUSSO_MILLISECONDI' } : undefined;
  }
  const m = DATE_TIME.exec(v);
  if (!m) return undefined;
  const [y, mo, d, h, mi, s] = m.slice(1, 7).map(Number);
  if (!validCalendarDate(y, mo, d) || h > 23 || mi > 59 || s > 59) return undefined;
  const ms = (m[7] ?? '.000').slice(1, 4).padEnd(3, '0');
  const local = `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}.${ms}`;
  if (m[8] === undefined) return { millis: Date.parse(withRomeOffset(local)), warning: 'TS_FLUSSO_SENZA_FUSO' };
  if (m[8] !== 'Z' && m[8] !== 'z' && (Number(m[8].slice(1, 3)) > 23 || Number(m[8].slice(4)) > 59)) return undefined;
  const millis = Date.parse(`${local}${m[8].toUpperCase()}`);
  return Number.isFinite(millis) && millis >= 0 ? { millis } : undefined;
}

/** What an entry says about itself, read before its XML: enough to name it in an outcome (no personal data). */
export interface EntryHeader {
  codiceEnte: string;
  denominazioneEnte?: string;
  idFlusso: string;
  tipo: TipoFlusso;
  /** As the ente wrote it (echoed in the outcome). */
  tsFlusso: string | number;
  tsFlussoMillis: number;
}

export type EntryRead = { ok: true; header: EntryHeader; xml: string; warnings: Problem[] } | { ok: false; problems: Problem[]; warnings: Problem[] };

export interface EntryOptions {
  /** Belfiore codes the registry allows this e-service to publish for (an ambito may serve several comuni). */
  codiciEnteAmmessi?: readonly string[];
}

const B64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** The entry's members, then its XML text. */
export function readEntry(raw: unknown, opts: EntryOptions = {}): EntryRead {
  const problems: Problem[] = [];
  const warnings: Problem[] = [];
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return { ok: false, problems: [problem('', 'ENTRY_NOT_OBJECT')], warnings };
  const e = raw as Record<string, unknown>;
  for (const k of Object.keys(e)) if (!MEMBERS.has(k)) warnings.push(problem(k, 'UNKNOWN_MEMBER'));

  const str = (k: string, max?: number): string | undefined => {
    const v = e[k];
    if (v === undefined || v === null) return void problems.push(problem(k, 'REQUIRED'));
    if (typeof v !== 'string') return void problems.push(problem(k, 'NOT_A_STRING'));
    if (max !== undefined && v.length > max) return void problems.push(problem(k, 'TOO_LONG'));
    return v;
  };

  const codiceEnte = str('codice_ente');
  if (codiceEnte !== undefined && !CODICE_ENTE.test(codiceEnte)) problems.push(problem('codice_ente', 'CODICE_ENTE_FORMAT'));
  else if (codiceEnte !== undefined && opts.codiciEnteAmmessi && !opts.codiciEnteAmmessi.includes(codiceEnte)) problems.push(problem('codice_ente', 'ENTE_NON_AMMESSO'));

  let denominazioneEnte: string | undefined;
  if (e.denominazione_ente !== undefined && e.denominazione_ente !== null) denominazioneEnte = str('denominazione_ente', ENTRY_LIMITS.denominazione_ente);

  const tipo = str('tipo');
  if (tipo !== undefined && !(TIPI_FLUSSO as readonly string[]).includes(tipo)) problems.push(problem('tipo', 'TIPO_FLUSSO'));

  const idFlusso = str('id_flusso', ENTRY_LIMITS.id_flusso);
  const id = idFlusso === undefined ? null : ID_FLUSSO.exec(idFlusso);
  if (idFlusso !== undefined && (!id || !validCalendarDate(Number(id[3].slice(0, 4)), Number(id[3].slice(4, 6)), Number(id[3].slice(6))))) problems.push(problem('id_flusso', 'ID_FLUSSO_FORMAT'));
  else if (id && tipo !== undefined && (id[2] === 'PS') !== (tipo === 'PS_PSA_SINA')) warnings.push(problem('id_flusso', 'ID_FLUSSO_TIPO_DIVERSO'));

  const ts = e.ts_flusso === undefined || e.ts_flusso === null ? undefined : readTs(e.ts_flusso);
  if (e.ts_flusso === undefined || e.ts_flusso === null) problems.push(problem('ts_flusso', 'REQUIRED'));
  else if (!ts) problems.push(problem('ts_flusso', 'TS_FLUSSO_FORMAT'));
  else if (ts.warning) warnings.push(problem('ts_flusso', ts.warning));

  const flusso = str('flusso', ENTRY_LIMITS.flusso);
  let xml: string | undefined;
  if (flusso !== undefined) {
    // Base64 as the OpenAPI's `format: byte` (RFC 4648); line breaks of MIME encoders are tolerated.
    const compact = flusso.replace(/[\r\n]/g, '');
    if (compact.length % 4 !== 0 || !B64.test(compact)) problems.push(problem('flusso', 'FLUSSO_BASE64'));
    else {
      xml = decodeXmlBytes(Buffer.from(compact, 'base64'));
      if (xml === undefined) problems.push(problem('flusso', 'FLUSSO_ENCODING'));
    }
  }

  if (problems.length > 0 || xml === undefined || ts === undefined) return { ok: false, problems, warnings };
  return {
    ok: true,
    header: { codiceEnte: codiceEnte!, ...(denominazioneEnte !== undefined ? { denominazioneEnte } : {}), idFlusso: idFlusso!, tipo: tipo as TipoFlusso, tsFlusso: e.ts_flusso as string | number, tsFlussoMillis: ts.millis },
    xml,
    warnings,
  };
}

const ENCODINGS: Readonly<Record<string, string>> = { 'utf-8': 'utf-8', utf8: 'utf-8', 'iso-8859-1': 'latin1', 'latin-1': 'latin1', latin1: 'latin1', 'windows-1252': 'windows-1252', cp1252: 'windows-1252', 'us-ascii': 'utf-8', ascii: 'utf-8' };

/**
 * The XML's bytes as text: UTF-16 by its byte-order mark, otherwise the encoding of the XML declaration
 * (UTF-8 when there is none). Bytes that do not decode in that encoding → undefined, never U+FFFD.
 */
export function decodeXmlBytes(bytes: Buffer): string | undefined {
  try {
    if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be', { fatal: true }).decode(bytes.subarray(2));
    if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le', { fatal: true }).decode(bytes.subarray(2));
    const head = bytes.subarray(0, 200).toString('latin1');
    const declared = /^(?:\uFEFF|\xEF\xBB\xBF)?<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._-]+)["']/.exec(head)?.[1]?.toLowerCase();
    const enc = declared === undefined ? 'utf-8' : ENCODINGS[declared];
    if (enc === undefined) return undefined;
    if ((declared === 'us-ascii' || declared === 'ascii') && bytes.some((b) => b > 0x7f)) return undefined;
    const text = new TextDecoder(enc, { fatal: true, ignoreBOM: false }).decode(bytes);
    return text;
  } catch {
    return undefined;
  }
}
