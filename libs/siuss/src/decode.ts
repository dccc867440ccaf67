// One WaaS flow entry → the internal model, or the outcome the ente should be told and every problem found.
// Order: the entry (OpenAPI members, ts_flusso, base64, encoding) → the hardened XML reader shared with
// libs/co → the XSD of the entry's `tipo` (xml-check.ts) → the interface's rules (one beneficiary, one
// benefit; a start date for the cancellation key) and the identity (the codice fiscale as written) →
// warnings (codes, the specification's notes on amounts and dates). Pure: no I/O but the shipped tables.
import { parseXmlSafely } from '@fsl/co';
import { normalizeCf, validateCf } from '@fsl/codice-fiscale';
import { checkBelfiore, checkCodicePrestazione, defaultTables, type SiussTables } from './codes';
import { compareDecimal, sumDecimal } from './decimal';
import { readEntry, type EntryHeader, type EntryOptions, type TipoFlusso, TIPI_FLUSSO, ENTRY_LIMITS } from './entry';
import type { DatiPrestazione, DatiSinba, FlussoDecodificato, Indirizzo, Intestazione, PrestazioneSociale, PresaInCaricoSinba, Sina } from './model';
import { problem, type Problem } from './problems';
import { checkAgainstXsd, type Plain } from './xml-check';
import { modelName, PS_PSA_SINA_ROOT, SINBA_ATTRIBUTES, SINBA_ROOT } from './xsd-spec';

/** The outcomes of POST /esiti a refused flow maps to (the others, OK and ERRORE_GENERICO, are the gateway's). */
export type EsitoRifiuto = 'RICHIESTA_INVALIDA' | 'DATI_NON_TROVATI';

export interface DecodeOptions extends EntryOptions {
  tables?: SiussTables;
  /** Reference date for two-digit birth years of codici fiscali (default: now). */
  today?: Date;
  /** Longest XML text read, in characters (default 1,000,000: a one-benefit flow is a few kilobytes). */
  maxXmlChars?: number;
  /** Deepest element nesting (default 20: the flows nest 5 deep). */
  maxXmlDepth?: number;
}

/** What a refused entry lets us name safely for its outcome (no personal data: ids, type, timestamp). */
export interface RiferimentoFlusso {
  codiceEnte?: string;
  idFlusso?: string;
  tipo?: TipoFlusso;
  tsFlusso?: string | number;
}

export type DecodeResult =
  | { ok: true; prestazione: FlussoDecodificato; warnings: Problem[]; tabelleCodici: Record<string, string> }
  | { ok: false; esito: EsitoRifiuto; problems: Problem[]; warnings: Problem[]; riferimento: RiferimentoFlusso };

export const DEFAULT_MAX_XML_CHARS = 1_000_000;
export const DEFAULT_MAX_XML_DEPTH = 20;

/** Refusals that are about the data's coherence, not the flow's structure (the specification's DATI_NON_TROVATI). */
const DATI_NON_TROVATI_CODES = new Set(['DATA_FINE_PRIMA_INIZIO']);
const isDatiNonTrovati = (code: string) => DATI_NON_TROVATI_CODES.has(code) || (code.startsWith('CF_') && code !== 'CF_OMOCODIA_FUORI_SCHEMA');
const esitoOf = (problems: readonly Problem[]): EsitoRifiuto => (problems.every((p) => isDatiNonTrovati(p.code)) ? 'DATI_NON_TROVATI' : 'RICHIESTA_INVALIDA');

/** The entry's id, type, timestamp and ente as far as they are well-formed, for the outcome of a refusal. */
export function riferimentoFlusso(raw: unknown): RiferimentoFlusso {
  if (typeof raw !== 'object' || raw === null) return {};
  const e = raw as Record<string, unknown>;
  const out: RiferimentoFlusso = {};
  if (typeof e.codice_ente === 'string' && /^[A-Z][0-9]{3}$/.test(e.codice_ente)) out.codiceEnte = e.codice_ente;
  if (typeof e.id_flusso === 'string' && e.id_flusso.length > 0 && e.id_flusso.length <= ENTRY_LIMITS.id_flusso) out.idFlusso = e.id_flusso;
  if (typeof e.tipo === 'string' && (TIPI_FLUSSO as readonly string[]).includes(e.tipo)) out.tipo = e.tipo as TipoFlusso;
  if ((typeof e.ts_flusso === 'string' && e.ts_flusso.length <= 64) || typeof e.ts_flusso === 'number') out.tsFlusso = e.ts_flusso;
  return out;
}

/** Decodes and validates one entry of GET /flussi. Never throws because of the input. */
export function decodeFlusso(raw: unknown, opts: DecodeOptions = {}): DecodeResult {
  const tables = opts.tables ?? defaultTables();
  const refuse = (problems: Problem[], warnings: Problem[]): DecodeResult => ({ ok: false, esito: esitoOf(problems), problems, warnings, riferimento: riferimentoFlusso(raw) });

  const entry = readEntry(raw, opts);
  if (!entry.ok) return refuse(entry.problems, entry.warnings);
  const warnings = [...entry.warnings];
  const read = parseXmlSafely(entry.xml, { mode: 'ordered', maxChars: opts.maxXmlChars ?? DEFAULT_MAX_XML_CHARS, maxDepth: opts.maxXmlDepth ?? DEFAULT_MAX_XML_DEPTH });
  if (!read.ok) return refuse([problem('flusso', read.reason)], warnings);

  const checked = checkAgainstXsd(read.doc, entry.header.tipo === 'SINBA' ? SINBA_ROOT : PS_PSA_SINA_ROOT, omocodiaOltreSchema);
  warnings.push(...checked.warnings);
  if (!checked.ok) return refuse(checked.problems, warnings);

  const ctx = new Rules(tables, opts.today ?? new Date());
  const intestazione = ctx.intestazione(entry.header, checked.root);
  const decoded = entry.header.tipo === 'SINBA' ? ctx.sinba(intestazione, checked.root) : ctx.ps(intestazione, checked.root);
  warnings.push(...ctx.warnings);
  if (!decoded || ctx.problems.length > 0) return refuse(ctx.problems, warnings);
  return { ok: true, prestazione: decoded, warnings, tabelleCodici: tables.versions() };
}

/**
 * The XSD's codice fiscale pattern refuses omocodic codes from the fourth substitution on: a valid code that
 * only the pattern refuses gets a code of its own, so an operator sees the schema's limit, not a typo.
 */
function omocodiaOltreSchema(path: string, value: string): 'CF_OMOCODIA_FUORI_SCHEMA' | undefined {
  if (!/@(CodiceFiscale|CFOperatore)$/.test(path)) return undefined;
  const cf = validateCf(value);
  return cf.ok && cf.omocodic ? 'CF_OMOCODIA_FUORI_SCHEMA' : undefined;
}

const first = (p: Plain, name: string): Plain | undefined => p.children[name]?.[0];
const all = (p: Plain, name: string): readonly Plain[] => p.children[name] ?? [];
/** Optional attributes as the model's optional members (absent stays absent). */
function pick<K extends string>(attrs: Readonly<Record<string, string>>, names: Readonly<Record<K, string>>): Partial<Record<K, string>> {
  const out: Partial<Record<K, string>> = {};
  for (const [k, xml] of Object.entries(names) as [K, string][]) if (attrs[xml] !== undefined) out[k] = attrs[xml];
  return out;
}

const PS_ROOT = '/Flusso';

class Rules {
  readonly problems: Problem[] = [];
  readonly warnings: Problem[] = [];
  constructor(
    private readonly tables: SiussTables,
    private readonly today: Date,
  ) {}

  intestazione(h: EntryHeader, root: Plain): Intestazione {
    const id = first(root, 'IdentificazioneFlusso')!;
    const ente = first(id, 'Ente')!;
    if (id.attrs.Nome !== h.idFlusso) this.warnings.push(problem(`${PS_ROOT}/IdentificazioneFlusso/@Nome`, 'NOME_FLUSSO_DIVERSO'));
    this.warnings.push(...checkBelfiore('codice_ente', h.codiceEnte, this.tables), ...checkBelfiore(`${PS_ROOT}/IdentificazioneFlusso/Ente/@Indirizzo`, ente.attrs.Indirizzo, this.tables));
    return {
      codiceEnte: h.codiceEnte,
      ...(h.denominazioneEnte !== undefined ? { denominazioneEnte: h.denominazioneEnte } : {}),
      idFlusso: h.idFlusso,
      tipo: h.tipo,
      tsFlusso: String(h.tsFlusso),
      tsFlussoMillis: h.tsFlussoMillis,
      nomeFlusso: id.attrs.Nome,
      ente: { codice: ente.attrs.Codice, ...pick(ente.attrs, { denominazione: 'Denominazione' }), indirizzo: ente.attrs.Indirizzo, cfOperatore: ente.attrs.CFOperatore },
    };
  }

  ps(intestazione: Intestazione, root: Plain): PrestazioneSociale | undefined {
    const beneficiari = all(root, 'Beneficiario');
    if (beneficiari.length !== 1) return void this.problems.push(problem(`${PS_ROOT}/Beneficiario[2]`, 'UN_SOLO_BENEFICIARIO'));
    const b = beneficiari[0];
    const bPath = `${PS_ROOT}/Beneficiario[1]`;
    const prestazioni = all(b, 'PrestazioniSociali');
    if (prestazioni.length !== 1) return void this.problems.push(problem(`${bPath}/PrestazioniSociali[2]`, 'UNA_SOLA_PRESTAZIONE'));

    const cf = validateCf(b.attrs.CodiceFiscale, { today: this.today });
    if (!cf.ok) this.problems.push(problem(`${bPath}/@CodiceFiscale`, `CF_${cf.reason}`));

    const a = first(b, 'Anagrafica')!;
    this.warnings.push(...checkBelfiore(`${bPath}/Anagrafica/@LuogoNascita`, a.attrs.LuogoNascita, this.tables));
    const indirizzi: Indirizzo[] = all(b, 'Indirizzo').map((i, k) => {
      if (i.attrs.CodiceNazione === '380' && (i.attrs.CodiceRegione === undefined || i.attrs.CodiceComune === undefined)) this.warnings.push(problem(`${bPath}/Indirizzo[${k + 1}]`, 'INDIRIZZO_ITALIA_INCOMPLETO'));
      return { ...pick(i.attrs, { codiceRegione: 'CodiceRegione', codiceComune: 'CodiceComune' }), codiceNazione: i.attrs.CodiceNazione };
    });
    const prestazione = this.prestazione(prestazioni[0], `${bPath}/PrestazioniSociali[1]`);
    if (!prestazione || this.problems.length > 0) return undefined;
    return {
      tipo: 'PS_PSA_SINA',
      intestazione,
      beneficiario: {
        codiceFiscale: normalizeCf(b.attrs.CodiceFiscale),
        anagrafica: {
          cognome: a.attrs.Cognome,
          nome: a.attrs.Nome,
          annoNascita: a.attrs.AnnoNascita,
          luogoNascita: a.attrs.LuogoNascita,
          genere: a.attrs.Genere,
          codiceCittadinanza: a.attrs.CodiceCittadinanza,
          ...pick(a.attrs, { codiceSecondaCittadinanza: 'CodiceSecondaCittadinanza' }),
        },
        indirizzi,
      },
      prestazione,
    };
  }

  private prestazione(p: Plain, path: string): DatiPrestazione | undefined {
    const at = p.attrs;
    const carattere = at.CaratterePrestazione as '1' | '2' | undefined;
    if (carattere === undefined) this.problems.push(problem(`${path}/@CaratterePrestazione`, 'CARATTERE_PRESTAZIONE_MANCANTE'));
    if (carattere === '1' && at.DataInizioPrestazione === undefined) this.problems.push(problem(`${path}/@DataInizioPrestazione`, 'DATA_INIZIO_MANCANTE'));
    if (carattere === '2' && at.DataErogazionePrestazione === undefined) this.problems.push(problem(`${path}/@DataErogazionePrestazione`, 'DATA_EROGAZIONE_MANCANTE'));
    if (at.DataInizioPrestazione !== undefined && at.DataFinePrestazione !== undefined) {
      if (at.DataFinePrestazione < at.DataInizioPrestazione) this.problems.push(problem(`${path}/@DataFinePrestazione`, 'DATA_FINE_PRIMA_INIZIO'));
      else if (at.DataFinePrestazione.slice(0, 4) !== at.DataInizioPrestazione.slice(0, 4)) this.warnings.push(problem(`${path}/@DataFinePrestazione`, 'DATA_FINE_ALTRO_ANNO'));
    }

    // The specification's notes on amounts: warnings, never refusals (INPS's own examples break some).
    const importo = carattere === '2' ? at.ImportoPrestazione : at.ImportoMensile;
    if (carattere === '1' && at.ImportoMensile === undefined) this.warnings.push(problem(`${path}/@ImportoMensile`, 'IMPORTO_MENSILE_MANCANTE'));
    if (carattere === '2' && at.ImportoPrestazione === undefined) this.warnings.push(problem(`${path}/@ImportoPrestazione`, 'IMPORTO_PRESTAZIONE_MANCANTE'));
    for (const name of ['ImportoMensile', 'ImportoPrestazione'] as const) if (at[name] !== undefined && compareDecimal(at[name], '0') <= 0) this.warnings.push(problem(`${path}/@${name}`, 'IMPORTO_NON_POSITIVO'));
    if (at.ImportoQuotaUtente !== undefined && compareDecimal(at.ImportoQuotaUtente, '0') < 0) this.warnings.push(problem(`${path}/@ImportoQuotaUtente`, 'IMPORTO_NON_POSITIVO'));
    const quote = [at.ImportoQuotaEnte, at.ImportoQuotaUtente, at.ImportoQuotaSSN].filter((q): q is string => q !== undefined);
    if (quote.length > 0 && importo !== undefined && compareDecimal(sumDecimal(quote), importo) !== 0) this.warnings.push(problem(`${path}/@ImportoQuotaEnte`, 'QUOTE_SOMMA'));
    if (at.PresaCarico === '1' && at.AreaUtenza === undefined) this.warnings.push(problem(`${path}/@AreaUtenza`, 'AREA_UTENZA_MANCANTE'));
    const dsu = [at.NumeroProtocolloDSU, at.AnnoProtocolloDSU, at.DataDSU].filter((x) => x !== undefined).length;
    if (dsu > 0 && dsu < 3) this.warnings.push(problem(`${path}/@NumeroProtocolloDSU`, 'DSU_INCOMPLETA'));
    this.warnings.push(...checkCodicePrestazione(`${path}/@CodicePrestazione`, at.CodicePrestazione, this.tables));

    const s = first(p, 'SINA');
    const sina = s ? this.sina(s, `${path}/SINA`) : undefined;
    if (carattere === undefined) return undefined;
    return {
      ...pick(at, { tipoOperazione: 'TipoOperazione' }),
      presenzaProvaMezzi: at.PresenzaProvaMezzi,
      caratterePrestazione: carattere,
      ...pick(at, { numeroProtocolloDSU: 'NumeroProtocolloDSU', annoProtocolloDSU: 'AnnoProtocolloDSU', dataDSU: 'DataDSU' }),
      codicePrestazione: at.CodicePrestazione,
      denominazionePrestazione: at.DenominazionePrestazione,
      protocolloDomanda: at.ProtocolloDomanda,
      ...pick(at, {
        dataEvento: 'DataEvento',
        dataInizioPrestazione: 'DataInizioPrestazione',
        dataFinePrestazione: 'DataFinePrestazione',
        dataErogazionePrestazione: 'DataErogazionePrestazione',
        importoPrestazione: 'ImportoPrestazione',
      }),
      ...(at.PeriodoErogazione !== undefined ? { periodoErogazione: Number(at.PeriodoErogazione) } : {}),
      ...pick(at, {
        importoMensile: 'ImportoMensile',
        importoQuotaEnte: 'ImportoQuotaEnte',
        importoQuotaUtente: 'ImportoQuotaUtente',
        importoQuotaSSN: 'ImportoQuotaSSN',
        importoQuotaRichiesta: 'ImportoQuotaRichiesta',
        importoSogliaISEE: 'ImportoSogliaISEE',
        oreServizioMensile: 'OreServizioMensile',
      }),
      presaCarico: at.PresaCarico,
      ...pick(at, { areaUtenza: 'AreaUtenza' }),
      ...(sina ? { sina } : {}),
    } as DatiPrestazione;
  }

  private sina(s: Plain, path: string): Sina {
    const necessita = first(s, 'NecessitaInterventiSociali');
    const invalidita = first(s, 'InvaliditaCivile');
    const codici = necessita ? all(necessita, 'CodicePrestazione').map((c) => c.text!) : undefined;
    codici?.forEach((c, k) => this.warnings.push(...checkCodicePrestazione(`${path}/NecessitaInterventiSociali/CodicePrestazione[${k + 1}]`, c, this.tables)));
    return {
      mobilita: s.attrs.Mobilita,
      attivitaVitaQuotidiana: s.attrs.AttivitaVitaQuotidiana,
      ...pick(s.attrs, { disturbiAreaCognitiva: 'DisturbiAreaCognitiva' }),
      disturbiComportamentali: s.attrs.DisturbiComportamentali,
      ...pick(s.attrs, { necessitaCureSanitarie: 'NecessitaCureSanitarie' }),
      areaReddituale: s.attrs.AreaReddituale,
      areaSupporto: s.attrs.AreaSupporto,
      fonteDerivazioneValutazione: s.attrs.FonteDerivazioneValutazione,
      strumentoValutazione: s.attrs.StrumentoValutazione,
      ...pick(s.attrs, { fonteDerivazioneInvalidita: 'FonteDerivazioneInvalidita' }),
      ...(codici ? { necessitaInterventiSociali: codici } : {}),
      ...(invalidita ? { invaliditaCivile: all(invalidita, 'InvCiv').map((c) => c.text!) } : {}),
    };
  }

  sinba(intestazione: Intestazione, root: Plain): PresaInCaricoSinba | undefined {
    const items = all(root, 'SINBA');
    if (items.length !== 1) return void this.problems.push(problem(`${PS_ROOT}/SINBA[2]`, 'UN_SOLO_BENEFICIARIO'));
    const s = items[0];
    const path = `${PS_ROOT}/SINBA[1]`;
    const dati: Record<string, unknown> = {};
    for (const name of Object.keys(SINBA_ATTRIBUTES)) {
      const v = s.attrs[name];
      if (v !== undefined) dati[modelName(name)] = name === 'NumeroComponentiISEE' ? Number(v) : v;
    }
    // SINBA is meant to keep the minor unnamed; a code shaped like a CF is stored (it is what the ente sent) but flagged.
    if (validateCf(s.attrs.IDBeneficiario, { today: this.today }).ok) this.warnings.push(problem(`${path}/@IDBeneficiario`, 'ID_BENEFICIARIO_CF'));
    const prestazioni = all(first(s, 'Prestazioni')!, 'CodicePrestazione').map((c) => c.text!);
    prestazioni.forEach((c, k) => this.warnings.push(...checkCodicePrestazione(`${path}/Prestazioni/CodicePrestazione[${k + 1}]`, c, this.tables)));
    const famiglia = all(first(s, 'Famiglia')!, 'ComposizioneFamiglia').map((c) => c.text!);
    return { tipo: 'SINBA', intestazione, sinba: { ...(dati as Omit<DatiSinba, 'prestazioni' | 'famiglia'>), prestazioni, famiglia } };
  }
}
