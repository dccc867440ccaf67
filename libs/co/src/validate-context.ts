// Shared machinery for the business-rule checks: a problem collector whose messages come from a fixed
// registry (so no rule can leak a personal value into a message), plus the CF, code-list and date checks
// that several sections reuse.
import { validateCf, type CfKind } from '@fsl/codice-fiscale';
import type { CodeLists, TableName } from './code-lists';
import type { IsoDate } from './model';
import type { Avviso, Problem } from './problems';

export const RULE_MESSAGES = {
  CODICE_COMUNICAZIONE_FORMAT: 'codiceComunicazione must be 16 digits or upper-case letters.',
  TIPO_COMUNICAZIONE_UNSUPPORTED: 'Tipo comunicazione 05 is not supported: its meaning is not documented.',
  TIPO_COMUNICAZIONE_NOT_ALLOWED: 'This tipo comunicazione is not allowed for this model or event.',
  PRECEDENTE_REQUIRED: 'A rettifica or annullamento must name the CO it corrects (codiceComunicazionePrecedente).',
  PRECEDENTE_SELF: 'A CO cannot refer to itself as its precedente.',
  PRECEDENTE_FORMAT: 'codiceComunicazionePrecedente must be 16 digits or upper-case letters.',
  CF_PLACE_UNKNOWN: 'The birth place encoded in the codice fiscale is not a known Belfiore code on the birth date.',
  CODE_UNKNOWN: 'This code is not in its code list.',
  CODE_NOT_VALID_ON_DATE: 'This code exists but is not valid on the date of the fact (retired or not yet in force).',
  CODE_FORMAT: 'This code does not have the format of its code table.',
  QUALIFICA_FORMAT: 'A CP2011 qualifica has six dotted digits (unità professionale plus one), e.g. 4.1.2.3.0.2.',
  SECTION_REQUIRED: 'This section is required for the event type.',
  SECTION_NOT_ALLOWED: 'This section does not belong to the event type.',
  DATA_FINE_BEFORE_INIZIO: 'The end date is before the start date.',
  DATA_FINE_REQUIRED: 'A fixed-term contract needs an end date.',
  DATA_FINE_NOT_ALLOWED: 'An open-ended contract cannot have an end date.',
  DATA_FINE_PF_REQUIRED: 'An apprenticeship needs the end date of the training period.',
  DATA_FINE_PF_BEFORE_INIZIO: 'The end of the training period is not after the start date.',
  ORE_SETTIMANALI_REQUIRED: 'Average weekly hours are required unless tipo orario is F or N.',
  ORE_SETTIMANALI_RANGE: 'Average weekly hours must be more than 0 and at most 48.',
  PROROGA_NOT_AFTER_INIZIO: 'The new end date of a proroga must be after the start date.',
  PROROGA_TEMPO_INDETERMINATO: 'An open-ended rapporto cannot be extended.',
  PROROGA_NOT_AFTER_CURRENT_END: 'The new end date of a proroga must be after the current end date.',
  TRASFORMAZIONE_BEFORE_INIZIO: 'The transformation date is before the start date.',
  TRASFORMAZIONE_CONTRATTO: 'This transformation leads to an open-ended contract: tipologia contrattuale must be A.01.00.',
  TRASFORMAZIONE_ORARIO_REQUIRED: 'This transformation changes the working time: the new tipo orario is required.',
  TRASFORMAZIONE_ORARIO_FULL: 'A part-time to full-time transformation (PP) needs tipo orario F.',
  TRASFORMAZIONE_ORARIO_NOT_FULL: 'A full-time to part-time transformation (TP) cannot have tipo orario F.',
  TRASFORMAZIONE_SOLO_PA: 'This transformation is allowed only for public employers.',
  TRASFORMAZIONE_USE_TRASFERIMENTO: 'Trasferimento and distacco are sent in the trasferimento section (event TRD).',
  TRASFERIMENTO_BEFORE_INIZIO: 'The transfer date is before the start date.',
  DISTACCATARIO_REQUIRED: 'A distacco needs the codice fiscale of the receiving employer.',
  DATA_FINE_DISTACCO_BEFORE_DATA: 'The end of the distacco is before its start.',
  CESSAZIONE_BEFORE_INIZIO: 'The cessazione date is before the start date.',
  MISSIONE_REQUIRED: 'A UNISOMM hiring needs the missione section.',
  MISSIONE_FINE_BEFORE_INIZIO: 'The mission ends before it starts.',
  MISSIONE_BEFORE_RAPPORTO: 'The mission starts before the rapporto with the agency.',
  LAVORATORI_EMPTY: 'A VARDATORI must list at least one worker.',
  LAVORATORE_DUPLICATE: 'The same worker is listed twice.',
  VARDATORI_SAME_DATORE: 'The new employer has the same codice fiscale as the previous one.',
  FINE_RAMO_BEFORE_VARIAZIONE: 'The end of the branch lease is before the variation date.',
} as const;
export type RuleCode = keyof typeof RULE_MESSAGES;

/** Warnings: the CO is accepted. One fixed text per code, like the problems. */
export const AVVISO_MESSAGES = {
  CODICE_NON_IN_TABELLA:
    'This well-formed code is not in the local code table, which is known to be partial: the comunicazione was accepted and the code reported for the table to be completed.',
  LUOGO_NASCITA_NON_IN_TABELLA:
    'The birth place encoded in the codice fiscale is not in the local Belfiore table, whose data end before the birth date: accepted and reported.',
} as const;
export type AvvisoCode = keyof typeof AVVISO_MESSAGES;

export class RuleContext {
  readonly problems: Problem[] = [];
  readonly avvisi: Avviso[] = [];

  constructor(
    readonly lists: CodeLists,
    /** The CO's dataInvio: fixes the century of two-digit CF years without reading the clock. */
    readonly refDate: Date,
  ) {}

  add(path: string, code: RuleCode): void {
    this.problems.push({ path, code, message: RULE_MESSAGES[code] });
  }

  /** Worker and employer CFs both accept 16-character personal and 11-digit numeric codes. */
  checkCf(path: string, value: string, allow: CfKind[] = ['personal', 'numeric']): void {
    const r = validateCf(value, { allow, today: this.refDate });
    if (!r.ok) {
      this.problems.push({ path, code: `CF_${r.reason}`, message: r.message });
      return;
    }
    // The place as of the birth date the code itself encodes: a comune merged or suppressed since keeps
    // its code for the people born there while it existed.
    if (r.kind === 'personal' && r.placeCode && r.birthDate) {
      const verdict = this.lists.judge('belfiore', r.placeCode, r.birthDate);
      if (verdict === 'unlisted') this.avvisi.push({ path, code: 'LUOGO_NASCITA_NON_IN_TABELLA', message: AVVISO_MESSAGES.LUOGO_NASCITA_NON_IN_TABELLA, tabella: 'belfiore' });
      else if (verdict !== 'ok') this.add(path, 'CF_PLACE_UNKNOWN');
    }
  }

  /**
   * A code field against its table on the date of the fact. Malformed, retired (or not yet in force) and
   * unknown to a complete table are problems; unknown to a partial table is a warning. True only when the
   * table knows the code as valid, i.e. when its attributes may drive further rules.
   */
  checkCode(path: string, table: TableName, value: string | undefined, onDate?: IsoDate): boolean {
    if (value === undefined) return false;
    const verdict = this.lists.judge(table, value, onDate);
    if (verdict === 'malformed') this.add(path, 'CODE_FORMAT');
    else if (verdict === 'unknown') this.add(path, 'CODE_UNKNOWN');
    else if (verdict === 'not-valid-on-date') this.add(path, 'CODE_NOT_VALID_ON_DATE');
    else if (verdict === 'unlisted') {
      this.avvisi.push({ path, code: 'CODICE_NON_IN_TABELLA', message: AVVISO_MESSAGES.CODICE_NON_IN_TABELLA, tabella: table, codice: value });
    }
    return verdict === 'ok';
  }

  attr(table: TableName, value: string | undefined, column: string): string | undefined {
    if (value === undefined) return undefined;
    const c = this.lists.check(table, value);
    return c.status === 'ok' ? c.entry.attrs[column] || undefined : undefined;
  }

  /** `later` must not be before `earlier` (same day allowed). */
  notBefore(path: string, later: IsoDate | undefined, earlier: IsoDate | undefined, code: RuleCode): void {
    if (later !== undefined && earlier !== undefined && later < earlier) this.add(path, code);
  }

  checkOre(path: string, tipoOrario: string | undefined, ore: number | undefined): void {
    if (tipoOrario === undefined) return;
    const required = this.attr('tipoOrario', tipoOrario, 'ore_richieste') === 'S';
    if (ore === undefined) {
      if (required) this.add(path, 'ORE_SETTIMANALI_REQUIRED');
    } else if (!(ore > 0 && ore <= 48)) this.add(path, 'ORE_SETTIMANALI_RANGE');
  }
}
