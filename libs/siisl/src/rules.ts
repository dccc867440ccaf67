// Business rules between the fields of one record, and the codici fiscali. Every rule runs and every
// problem is returned, so a sender fixes a record in one round trip. Messages come from a fixed registry:
// no rule can put a personal value into an answer.
import { validateCf, type CfKind } from '@fsl/codice-fiscale';
import type { IsoDate, Problem, RecordOf } from './model';
import type { Entita, EventoIscrizione } from './vocabularies';

export const RULE_MESSAGES = {
  DATE_AFTER_UPDATE: 'This fact is dated after the record was last updated.',
  END_BEFORE_START: 'The end date is before the start date.',
  COMPETENZA_EMPTY: 'A skill needs an ESCO URI or a free-text description.',
  DATORE_EMPTY: 'An employer needs a codice fiscale or a name.',
  LINGUA_DUPLICATE: 'The same language is listed twice.',
  CHIUSURA_BEFORE_PUBBLICAZIONE: 'The offer closes before it is published.',
  ESITO_REQUIRED: 'An accepted, refused or expired proposal needs the date of its outcome.',
  ESITO_NOT_ALLOWED: 'A proposal still open has no outcome date.',
  ESITO_BEFORE_PROPOSTA: 'The outcome is dated before the proposal.',
  MOTIVO_RIFIUTO_REQUIRED: 'A refused proposal needs the reason of the refusal.',
  MOTIVO_RIFIUTO_NOT_ALLOWED: 'Only a refused proposal has a reason of refusal.',
  EVENTI_NOT_IN_DATE_ORDER: 'Enrolment events must be listed in date order.',
  EVENTO_SEQUENCE: 'This enrolment event cannot follow the previous one (enrolled → started → completed → certified; withdrawn ends it).',
  RICHIEDENTE_NOT_IN_NUCLEO: 'The applicant must be a member of the household.',
  COMPONENTE_DUPLICATE: 'The same person is listed twice in the household.',
  SFL_NUCLEO_SINGLE: 'SFL is an individual measure: the household lists only the applicant.',
  PAD_AFTER_DECORRENZA: 'The PAD is signed before the measure starts.',
  MESE_DUPLICATE: 'The same month is listed twice.',
  MESE_BEFORE_DECORRENZA: 'An amount is given for a month before the measure starts.',
} as const;
export type RuleCode = keyof typeof RULE_MESSAGES;

class Rules {
  readonly problems: Problem[] = [];

  constructor(
    /** The record's update time: fixes the century of two-digit CF years and bounds past facts. */
    private readonly updatedAt: string,
  ) {}

  add(path: string, code: RuleCode): void {
    this.problems.push({ path, code, message: RULE_MESSAGES[code] });
  }

  /** As written: an omocodic code is accepted as its own identity, never mapped to its base form. */
  cf(path: string, value: string | undefined, allow: CfKind[] = ['personal', 'numeric']): void {
    if (value === undefined) return;
    const r = validateCf(value, { allow, today: new Date(this.updatedAt) });
    if (!r.ok) this.problems.push({ path, code: `CF_${r.reason}`, message: r.message });
  }

  /** A fact that has happened cannot be dated after the record describing it was written. */
  past(path: string, date: IsoDate | undefined): void {
    if (date !== undefined && date > this.updatedAt.slice(0, 10)) this.add(path, 'DATE_AFTER_UPDATE');
  }

  notBefore(path: string, later: IsoDate | undefined, earlier: IsoDate | undefined, code: RuleCode = 'END_BEFORE_START'): void {
    if (later !== undefined && earlier !== undefined && later < earlier) this.add(path, code);
  }

  competenze(prefix: string, list: ReadonlyArray<{ escoUri?: string; descrizione?: string }>): void {
    list.forEach((c, i) => {
      if (c.escoUri === undefined && c.descrizione === undefined) this.add(`${prefix}[${i}]`, 'COMPETENZA_EMPTY');
    });
  }
}

type Upd<E extends Entita> = Extract<RecordOf[E], { operazione: 'AGGIORNAMENTO' }>;

/** Allowed predecessor of each enrolment event (undefined = must be first). */
const PRECEDE: Record<EventoIscrizione, readonly (EventoIscrizione | undefined)[]> = {
  ISCRITTO: [undefined],
  AVVIATO: ['ISCRITTO'],
  RITIRATO: ['ISCRITTO', 'AVVIATO'],
  CONCLUSO: ['AVVIATO'],
  CERTIFICATO: ['CONCLUSO'],
};

const DATI_RULES: { [E in Entita]: (x: Rules, r: Upd<E>) => void } = {
  curriculum: (x, { dati: d }) => {
    d.esperienze.forEach((e, i) => {
      const p = `dati.esperienze[${i}]`;
      if (e.datore && e.datore.codiceFiscale === undefined && e.datore.denominazione === undefined) x.add(`${p}.datore`, 'DATORE_EMPTY');
      x.cf(`${p}.datore.codiceFiscale`, e.datore?.codiceFiscale);
      x.past(`${p}.dataInizio`, e.dataInizio);
      x.notBefore(`${p}.dataFine`, e.dataFine, e.dataInizio);
    });
    const langs = new Set<string>();
    d.lingue.forEach((l, i) => {
      if (langs.has(l.lingua)) x.add(`dati.lingue[${i}].lingua`, 'LINGUA_DUPLICATE');
      langs.add(l.lingua);
    });
    x.competenze('dati.competenze', d.competenze);
  },
  'offerta-lavoro': (x, { dati: d }) => {
    x.cf('dati.datore.codiceFiscale', d.datore.codiceFiscale);
    x.past('dati.dataPubblicazione', d.dataPubblicazione);
    x.notBefore('dati.dataChiusura', d.dataChiusura, d.dataPubblicazione, 'CHIUSURA_BEFORE_PUBBLICAZIONE');
    x.competenze('dati.competenzeRichieste', d.competenzeRichieste);
  },
  'proposta-lavoro': (x, { dati: d }) => {
    x.past('dati.dataProposta', d.dataProposta);
    x.past('dati.dataEsito', d.dataEsito);
    x.notBefore('dati.dataScadenza', d.dataScadenza, d.dataProposta);
    if (d.stato === 'PROPOSTA' && d.dataEsito !== undefined) x.add('dati.dataEsito', 'ESITO_NOT_ALLOWED');
    if (d.stato !== 'PROPOSTA' && d.dataEsito === undefined) x.add('dati.dataEsito', 'ESITO_REQUIRED');
    x.notBefore('dati.dataEsito', d.dataEsito, d.dataProposta, 'ESITO_BEFORE_PROPOSTA');
    if (d.stato === 'RIFIUTATA' && d.motivoRifiuto === undefined) x.add('dati.motivoRifiuto', 'MOTIVO_RIFIUTO_REQUIRED');
    if (d.stato !== 'RIFIUTATA' && (d.motivoRifiuto !== undefined || d.rifiutoGiustificato !== undefined)) x.add('dati.motivoRifiuto', 'MOTIVO_RIFIUTO_NOT_ALLOWED');
  },
  corso: (x, { dati: d }) => {
    x.cf('dati.ente.codiceFiscale', d.ente.codiceFiscale);
    x.notBefore('dati.dataFine', d.dataFine, d.dataInizio);
    x.competenze('dati.competenze', d.competenze);
  },
  iscrizione: (x, { dati: d }) => {
    let prev: EventoIscrizione | undefined;
    d.eventi.forEach((e, i) => {
      x.past(`dati.eventi[${i}].data`, e.data);
      if (i > 0 && e.data < d.eventi[i - 1].data) x.add(`dati.eventi[${i}].data`, 'EVENTI_NOT_IN_DATE_ORDER');
      if (!PRECEDE[e.tipo].includes(prev)) x.add(`dati.eventi[${i}].tipo`, 'EVENTO_SEQUENCE');
      prev = e.tipo;
    });
  },
  'manifestazione-interesse': (x, { dati: d }) => x.past('dati.data', d.data),
  'misura-inclusione': (x, r) => {
    const d = r.dati;
    const seen = new Set<string>();
    d.nucleo.forEach((c, i) => {
      x.cf(`dati.nucleo[${i}].codiceFiscale`, c.codiceFiscale, ['personal', 'numeric']);
      if (seen.has(c.codiceFiscale)) x.add(`dati.nucleo[${i}].codiceFiscale`, 'COMPONENTE_DUPLICATE');
      seen.add(c.codiceFiscale);
    });
    if (!seen.has(r.codiceFiscale)) x.add('dati.nucleo', 'RICHIEDENTE_NOT_IN_NUCLEO');
    if (d.misura === 'SFL' && d.nucleo.length > 1) x.add('dati.nucleo', 'SFL_NUCLEO_SINGLE');
    x.notBefore('dati.dataFine', d.dataFine, d.dataDecorrenza);
    x.past('dati.dataSottoscrizionePad', d.dataSottoscrizionePad);
    x.notBefore('dati.dataDecorrenza', d.dataDecorrenza, d.dataSottoscrizionePad, 'PAD_AFTER_DECORRENZA');
    const months = new Set<string>();
    d.importiMensili.forEach((m, i) => {
      if (months.has(m.mese)) x.add(`dati.importiMensili[${i}].mese`, 'MESE_DUPLICATE');
      months.add(m.mese);
      if (m.mese < d.dataDecorrenza.slice(0, 7)) x.add(`dati.importiMensili[${i}].mese`, 'MESE_BEFORE_DECORRENZA');
    });
  },
  puc: (x, { dati: d }) => {
    x.past('dati.dataInizio', d.dataInizio);
    x.notBefore('dati.dataFine', d.dataFine, d.dataInizio);
  },
};

/** Business rules on a structurally valid record. Empty = valid. */
export function checkRules<E extends Entita>(entita: E, record: RecordOf[E]): Problem[] {
  const x = new Rules(record.aggiornatoIl);
  if ('codiceFiscale' in record) x.cf('codiceFiscale', record.codiceFiscale as string);
  if (record.operazione === 'ELIMINAZIONE') {
    const nucleo = (record as { codiciFiscaliNucleo?: string[] }).codiciFiscaliNucleo ?? [];
    nucleo.forEach((cf, i) => x.cf(`codiciFiscaliNucleo[${i}]`, cf));
  } else (DATI_RULES[entita] as (x: Rules, r: Upd<E>) => void)(x, record as Upd<E>);
  return x.problems;
}
