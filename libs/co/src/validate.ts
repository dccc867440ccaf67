// Entry point of the business-rule validation. Every rule runs and every problem is returned, so a sender
// can fix a CO in one round trip (the ingest answers 422 with the whole list).
import { defaultCodeLists, type CodeLists } from './code-lists';
import { TU_ANNULLAMENTO, TU_DOPO_URGENZA, TU_RETTIFICA, isCoRapporto, type Co, type TipoComunicazione, type Uniurg, type Vardatori } from './model';
import type { Avviso, Problem, ValidationResult } from './problems';
import { parseStructure } from './structure';
import { checkPlausibility, type PlausibilityOptions } from './plausibility';
import { RuleContext } from './validate-context';
import { checkDatore, checkLavoratore, checkRapporto, checkTermini } from './validate-rapporto';

export interface ValidateOptions extends PlausibilityOptions {
  /** Defaults to the tables shipped in libs/co/code-lists. */
  codeLists?: CodeLists;
}

const CODICE = /^[0-9A-Z]{16}$/;

/** Tipo comunicazione allowed per model; 02/07/08/09 only on a UNILAV hiring (they complete a UNIURG). */
function tuAllowed(co: Co, tu: TipoComunicazione): boolean {
  switch (co.modello) {
    case 'UNILAV':
      return !TU_DOPO_URGENZA.includes(tu) || co.tipoEvento === 'ASS';
    case 'UNISOMM':
      return !TU_DOPO_URGENZA.includes(tu);
    case 'VARDATORI':
      return ['01', '03', '04', '06'].includes(tu);
    case 'UNIURG':
      return ['01', '03', '04'].includes(tu);
  }
}

function checkEnvelope(ctx: RuleContext, co: Co): void {
  const d = co.datiInvio;
  if (!CODICE.test(d.codiceComunicazione)) ctx.add('datiInvio.codiceComunicazione', 'CODICE_COMUNICAZIONE_FORMAT');
  if (d.tipoComunicazione === '05') ctx.add('datiInvio.tipoComunicazione', 'TIPO_COMUNICAZIONE_UNSUPPORTED');
  else if (!tuAllowed(co, d.tipoComunicazione)) ctx.add('datiInvio.tipoComunicazione', 'TIPO_COMUNICAZIONE_NOT_ALLOWED');
  const prec = d.codiceComunicazionePrecedente;
  if (prec === undefined) {
    if (d.tipoComunicazione === TU_RETTIFICA || d.tipoComunicazione === TU_ANNULLAMENTO) {
      ctx.add('datiInvio.codiceComunicazionePrecedente', 'PRECEDENTE_REQUIRED');
    }
  } else if (prec === d.codiceComunicazione) ctx.add('datiInvio.codiceComunicazionePrecedente', 'PRECEDENTE_SELF');
  else if (!CODICE.test(prec)) ctx.add('datiInvio.codiceComunicazionePrecedente', 'PRECEDENTE_FORMAT');
  if (d.codiceFiscaleComunicante !== undefined) ctx.checkCf('datiInvio.codiceFiscaleComunicante', d.codiceFiscaleComunicante);
}

function checkVardatori(ctx: RuleContext, co: Vardatori): void {
  const on = co.variazione.data;
  checkDatore(ctx, 'datore', co.datore, on, false);
  ctx.checkCf('datorePrecedente.codiceFiscale', co.datorePrecedente.codiceFiscale);
  if (co.datorePrecedente.codiceFiscale === co.datore.codiceFiscale && co.variazione.tipo !== 'RAGIONE_SOCIALE') {
    ctx.add('datore.codiceFiscale', 'VARDATORI_SAME_DATORE');
  }
  ctx.notBefore('variazione.dataFineRamoAffitto', co.variazione.dataFineRamoAffitto, on, 'FINE_RAMO_BEFORE_VARIAZIONE');
  if (co.lavoratori.length === 0) ctx.add('lavoratori', 'LAVORATORI_EMPTY');
  const seen = new Set<string>();
  co.lavoratori.forEach((l, i) => {
    checkLavoratore(ctx, `lavoratori[${i}]`, l, on);
    if (l.termini) {
      checkTermini(ctx, `lavoratori[${i}].termini`, l.termini, on);
      ctx.notBefore(`lavoratori[${i}].termini.dataFine`, l.termini.dataFine, on, 'DATA_FINE_BEFORE_INIZIO');
    }
    const key = `${l.codiceFiscale}|${l.dataInizio ?? ''}`;
    if (seen.has(key)) ctx.add(`lavoratori[${i}]`, 'LAVORATORE_DUPLICATE');
    seen.add(key);
  });
}

function checkUniurg(ctx: RuleContext, co: Uniurg): void {
  const i = co.inizio;
  checkDatore(ctx, 'datore', co.datore, i.dataInizio, false);
  checkLavoratore(ctx, 'lavoratore', co.lavoratore, i.dataInizio);
  ctx.notBefore('inizio.dataFine', i.dataFine, i.dataInizio, 'DATA_FINE_BEFORE_INIZIO');
  checkTermini(ctx, 'inizio', i, i.dataInizio);
}

export interface RuleFindings {
  /** Refusals: any of them makes the CO invalid. */
  problems: Problem[];
  /** Warnings: the CO stands, but an operator should know (e.g. a code a partial table does not know). */
  avvisi: Avviso[];
}

/** Business rules on a structurally valid CO: every problem and every warning found. */
export function checkCoRules(co: Co, opts: ValidateOptions = {}): RuleFindings {
  const ctx = new RuleContext(opts.codeLists ?? defaultCodeLists(), new Date(co.datiInvio.dataInvio));
  checkEnvelope(ctx, co);
  if (isCoRapporto(co)) checkRapporto(ctx, co);
  else if (co.modello === 'VARDATORI') checkVardatori(ctx, co);
  else checkUniurg(ctx, co);
  return { problems: [...ctx.problems, ...checkPlausibility(co, opts)], avvisi: ctx.avvisi };
}

/** Business rules on a structurally valid CO. Returns every problem found (empty = valid). */
export function validateCo(co: Co, opts: ValidateOptions = {}): Problem[] {
  return checkCoRules(co, opts).problems;
}

/** Structure, then business rules, on a plain object (already decoded from JSON or mapped from XML). */
export function checkCo(raw: unknown, opts: ValidateOptions = {}): ValidationResult<Co> {
  const parsed = parseStructure(raw);
  if (!parsed.ok) return parsed;
  const problems = validateCo(parsed.value, opts);
  return problems.length === 0 ? parsed : { ok: false, problems };
}
