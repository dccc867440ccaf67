// Rules between the fields of one GePI record, and its codici fiscali. Every rule runs and every problem is
// returned, so a sender fixes a record in one round trip. Messages come from a fixed registry: no rule can
// put a personal value (a citizen's or an operator's CF, a name) into an answer or a log line.
import { addDays } from '@fsl/co';
import { validateCf, type CfKind } from '@fsl/codice-fiscale';
import * as F from './formats';
import type { Aggiornamento, Bisogno, GepiRecord, IsoDate, Organizzazione, Problem } from './model';
import { STATI_FINALI, type Entita } from './vocabularies';

export const RULE_MESSAGES = {
  DATE_AFTER_UPDATE: 'This fact is dated after the record was last updated.',
  END_BEFORE_START: 'The end date is before the start date.',
  CHIUSURA_REQUIRED: 'A closed, exempted or lapsed case needs its closing date.',
  CHIUSURA_NOT_ALLOWED: 'A case still open has no closing date.',
  MOTIVO_CHIUSURA_REQUIRED: 'A closed case needs the reason of its closure.',
  MOTIVO_CHIUSURA_NOT_ALLOWED: 'Only a closed case has a reason of closure.',
  CASE_MANAGER_REQUIRED: 'From assignment on, a case has a case manager.',
  ENTE_CODICE_FORMAT: 'A comune is named by its Belfiore code (e.g. F205), an ambito by its ATS code (e.g. LOM_23).',
  ENTE_FIRST_NOT_AT_OPENING: 'The first ente takes the case on the day it is opened.',
  ENTI_NOT_CONTIGUOUS: 'Each ente takes the case the day after the previous one handed it over.',
  ENTE_OPEN_NOT_LAST: 'Only the last ente of the history can still be in charge (no end date).',
  ENTE_REPEATED: 'A move hands the case to another ente: two consecutive periods name the same ente.',
  RUOLO_OVERLAP: 'Two operators hold the same role on the case over overlapping periods.',
  PERIODI_OVERLAP: 'The same person is in the household twice over overlapping periods.',
  RICHIEDENTE_MISSING: 'The household lists the applicant (ruolo RICHIEDENTE).',
  RICHIEDENTE_DUPLICATE: 'Only one person is the applicant.',
  MOTIVO_USCITA_NOT_ALLOWED: 'Only a member who left (with an end date) has a reason for leaving.',
  CONDIZIONE_DUPLICATE: 'The same condition is listed twice.',
  CATEGORIA_SVANTAGGIO_REQUIRED: 'A member in svantaggio needs its certified category.',
  CATEGORIA_SVANTAGGIO_NOT_ALLOWED: 'Only a member in svantaggio has a svantaggio category.',
  ESONERATO_ATTIVABILE: 'A member exempted from the obligations is not also able to work.',
  ESITO_REQUIRED: 'A definitive analisi preliminare needs its outcome.',
  EQUIPE_REQUIRED: 'A quadro di analisi names its équipe unless it is provisional.',
  SOTTOSCRIZIONE_REQUIRED: 'A signed or concluded PaIS needs its signature date.',
  SOTTOSCRIZIONE_NOT_ALLOWED: 'A PaIS still in draft has no signature date.',
  PAIS_SOTTOSCRITTO_BOZZA: 'A signed or concluded PaIS is a definitive document.',
  ID_DUPLICATE: 'The same id is used twice in this list.',
  OBIETTIVO_UNKNOWN: 'This expected result names an objective the PaIS does not list.',
  TIROCINIO_REQUIRED: 'A social internship needs its host, hours and allowance.',
  TIROCINIO_NOT_ALLOWED: 'Only a social internship (TIROCINIO_INCLUSIONE) has internship details.',
  BENEFICIARIO_DUPLICATE: 'The same person is listed twice among the beneficiaries.',
  MESE_DUPLICATE: 'The same month is listed twice.',
  MESE_BEFORE_INIZIO: 'Attendance is given for a month before the participation starts.',
  RICHIEDENTE_NOT_IN_PAD: 'The applicant must be among the members of the PAD.',
  COMPONENTE_DUPLICATE: 'The same person is listed twice.',
  MOTIVO_ESONERO_REQUIRED: 'An exempted member needs the reason of the exemption.',
  MOTIVO_ESONERO_NOT_ALLOWED: 'Only an exempted member has a reason of exemption.',
} as const;
export type RuleCode = keyof typeof RULE_MESSAGES;

/** The tipo of a social internship, the support that carries internship details. */
export const TIPO_TIROCINIO = 'TIROCINIO_INCLUSIONE';

interface Period {
  dal: IsoDate;
  al?: IsoDate;
}

const overlap = (a: Period, b: Period): boolean => a.dal <= (b.al ?? '9999-12-31') && b.dal <= (a.al ?? '9999-12-31');

class Findings {
  readonly list: Problem[] = [];
  private readonly today: string;

  /** `aggiornatoIl`: fixes the century of two-digit CF years and bounds facts that have happened. */
  constructor(private readonly aggiornatoIl: string) {
    this.today = aggiornatoIl.slice(0, 10);
  }

  add(path: string, code: RuleCode): void {
    this.list.push({ path, code, message: RULE_MESSAGES[code] });
  }

  /**
   * A CF as written (an omocodic code is its own identity). Citizens may hold a provisional 11-digit code,
   * so both kinds are the default; operators are named by personal codes, organisations by numeric ones.
   */
  cf(path: string, value: string | undefined, kinds: CfKind[] = ['personal', 'numeric']): void {
    const verdict = value === undefined ? undefined : validateCf(value, { allow: kinds, today: new Date(this.aggiornatoIl) });
    if (verdict !== undefined && !verdict.ok) this.list.push({ path, code: `CF_${verdict.reason}`, message: verdict.message });
  }

  happened(path: string, d: IsoDate | undefined): void {
    if (d !== undefined && d > this.today) this.add(path, 'DATE_AFTER_UPDATE');
  }

  ordered(path: string, start: IsoDate | undefined, end: IsoDate | undefined): void {
    if (start !== undefined && end !== undefined && end < start) this.add(path, 'END_BEFORE_START');
  }

  period(prefix: string, p: Period): void {
    this.ordered(`${prefix}.al`, p.dal, p.al);
  }

  uniqueIds(prefix: string, items: ReadonlyArray<{ id: string }>): void {
    const seen = new Set<string>();
    items.forEach((x, i) => (seen.has(x.id) ? this.add(`${prefix}[${i}].id`, 'ID_DUPLICATE') : seen.add(x.id)));
  }

  /** Same key over overlapping periods, reported at the later entry. */
  noOverlap<T extends Period>(prefix: string, items: readonly T[], key: (t: T) => string | undefined, code: RuleCode): void {
    items.forEach((x, i) => {
      const k = key(x);
      if (k !== undefined && items.slice(0, i).some((y) => key(y) === k && overlap(x, y))) this.add(`${prefix}[${i}]`, code);
    });
  }

  condizioni(prefix: string, c: { condizioni: readonly string[]; categoriaSvantaggio?: string }): void {
    c.condizioni.forEach((x, i) => c.condizioni.indexOf(x) !== i && this.add(`${prefix}.condizioni[${i}]`, 'CONDIZIONE_DUPLICATE'));
    const svantaggio = c.condizioni.includes('SVANTAGGIO');
    if (svantaggio && c.categoriaSvantaggio === undefined) this.add(`${prefix}.categoriaSvantaggio`, 'CATEGORIA_SVANTAGGIO_REQUIRED');
    if (!svantaggio && c.categoriaSvantaggio !== undefined) this.add(`${prefix}.categoriaSvantaggio`, 'CATEGORIA_SVANTAGGIO_NOT_ALLOWED');
  }

  organizzazione(path: string, o: Organizzazione): void {
    this.cf(`${path}.codiceFiscale`, o.codiceFiscale, ['numeric']);
  }

  bisogni(prefix: string, list: readonly Bisogno[]): void {
    list.forEach((b, i) => this.cf(`${prefix}[${i}].codiceFiscale`, b.codiceFiscale));
  }
}

type Check<E extends Entita> = (x: Findings, r: Aggiornamento<E>) => void;

const caso: Check<'caso'> = (x, { dati: d }) => {
  x.happened('dati.dataApertura', d.dataApertura);
  x.happened('dati.dataAssegnazione', d.dataAssegnazione);
  x.happened('dati.dataChiusura', d.dataChiusura);
  x.ordered('dati.dataAssegnazione', d.dataApertura, d.dataAssegnazione);
  x.ordered('dati.dataChiusura', d.dataApertura, d.dataChiusura);
  const finale = STATI_FINALI.includes(d.stato);
  if (finale && d.dataChiusura === undefined) x.add('dati.dataChiusura', 'CHIUSURA_REQUIRED');
  if (!finale && d.dataChiusura !== undefined) x.add('dati.dataChiusura', 'CHIUSURA_NOT_ALLOWED');
  if (d.stato === 'CHIUSO' && d.motivoChiusura === undefined) x.add('dati.motivoChiusura', 'MOTIVO_CHIUSURA_REQUIRED');
  if (d.stato !== 'CHIUSO' && d.motivoChiusura !== undefined) x.add('dati.motivoChiusura', 'MOTIVO_CHIUSURA_NOT_ALLOWED');
  if (d.stato !== 'DA_ASSEGNARE' && !d.operatori.some((o) => o.ruolo === 'CASE_MANAGER')) x.add('dati.operatori', 'CASE_MANAGER_REQUIRED');
  d.enti.forEach((e, i) => {
    const p = `dati.enti[${i}]`;
    if (!(e.tipo === 'COMUNE' ? F.BELFIORE : F.ATS).test(e.codice)) x.add(`${p}.codice`, 'ENTE_CODICE_FORMAT');
    x.happened(`${p}.dal`, e.dal);
    x.period(p, e);
    const prev = d.enti[i - 1];
    if (prev === undefined) {
      if (e.dal !== d.dataApertura) x.add(`${p}.dal`, 'ENTE_FIRST_NOT_AT_OPENING');
      return;
    }
    if (prev.al === undefined) x.add(`dati.enti[${i - 1}].al`, 'ENTE_OPEN_NOT_LAST');
    else if (e.dal !== addDays(prev.al, 1)) x.add(`${p}.dal`, 'ENTI_NOT_CONTIGUOUS');
    if (prev.tipo === e.tipo && prev.codice === e.codice) x.add(p, 'ENTE_REPEATED');
  });
  d.operatori.forEach((o, i) => {
    x.cf(`dati.operatori[${i}].codiceFiscale`, o.codiceFiscale, ['personal']);
    x.period(`dati.operatori[${i}]`, o);
  });
  x.noOverlap('dati.operatori', d.operatori, (o) => o.ruolo, 'RUOLO_OVERLAP');
};

const nucleo: Check<'nucleo-caso'> = (x, { dati: d }) => {
  d.componenti.forEach((c, i) => {
    const p = `dati.componenti[${i}]`;
    x.cf(`${p}.codiceFiscale`, c.codiceFiscale);
    x.happened(`${p}.dal`, c.dal);
    x.happened(`${p}.al`, c.al);
    x.period(p, c);
    if (c.al === undefined && c.motivoUscita !== undefined) x.add(`${p}.motivoUscita`, 'MOTIVO_USCITA_NOT_ALLOWED');
    x.condizioni(p, c);
    if (c.esonerato && c.attivabile) x.add(`${p}.attivabile`, 'ESONERATO_ATTIVABILE');
  });
  x.noOverlap('dati.componenti', d.componenti, (c) => c.codiceFiscale, 'PERIODI_OVERLAP');
  const richiedenti = new Set(d.componenti.filter((c) => c.ruolo === 'RICHIEDENTE').map((c) => c.codiceFiscale));
  if (richiedenti.size === 0) x.add('dati.componenti', 'RICHIEDENTE_MISSING');
  if (richiedenti.size > 1) x.add('dati.componenti', 'RICHIEDENTE_DUPLICATE');
};

const analisi: Check<'analisi-preliminare'> = (x, { dati: d }) => {
  x.happened('dati.dataRedazione', d.dataRedazione);
  x.happened('dati.dataIncontro', d.dataIncontro);
  x.bisogni('dati.bisogni', d.bisogni);
  if (d.statoDocumento === 'DEFINITIVO' && d.esito === undefined) x.add('dati.esito', 'ESITO_REQUIRED');
};

const quadro: Check<'quadro-analisi'> = (x, { dati: d }) => {
  x.happened('dati.dataRedazione', d.dataRedazione);
  x.bisogni('dati.dimensioni', d.dimensioni);
  if (d.equipeId === undefined && !d.provvisorio) x.add('dati.equipeId', 'EQUIPE_REQUIRED');
};

const equipe: Check<'equipe-multidisciplinare'> = (x, { dati: d }) => {
  x.happened('dati.dataCostituzione', d.dataCostituzione);
  x.ordered('dati.dataScioglimento', d.dataCostituzione, d.dataScioglimento);
  d.componenti.forEach((c, i) => x.organizzazione(`dati.componenti[${i}].organizzazione`, c.organizzazione));
};

const pais: Check<'pais'> = (x, { dati: d }) => {
  x.happened('dati.dataRedazione', d.dataRedazione);
  x.happened('dati.dataSottoscrizione', d.dataSottoscrizione);
  x.ordered('dati.dataFine', d.dataInizio, d.dataFine);
  const firmato = d.stato !== 'BOZZA';
  if (firmato && d.dataSottoscrizione === undefined) x.add('dati.dataSottoscrizione', 'SOTTOSCRIZIONE_REQUIRED');
  if (!firmato && d.dataSottoscrizione !== undefined) x.add('dati.dataSottoscrizione', 'SOTTOSCRIZIONE_NOT_ALLOWED');
  if (firmato && d.statoDocumento === 'BOZZA') x.add('dati.statoDocumento', 'PAIS_SOTTOSCRITTO_BOZZA');
  x.uniqueIds('dati.obiettivi', d.obiettivi);
  const obiettivi = new Set(d.obiettivi.map((o) => o.id));
  d.risultatiAttesi.forEach((r, i) => {
    if (!obiettivi.has(r.obiettivoId)) x.add(`dati.risultatiAttesi[${i}].obiettivoId`, 'OBIETTIVO_UNKNOWN');
    x.cf(`dati.risultatiAttesi[${i}].codiceFiscale`, r.codiceFiscale);
  });
  x.uniqueIds('dati.sostegni', d.sostegni);
  d.sostegni.forEach((s, i) => {
    const p = `dati.sostegni[${i}]`;
    x.period(p, s);
    x.organizzazione(`${p}.fornitore`, s.fornitore);
    s.beneficiari.forEach((cf, k) => {
      x.cf(`${p}.beneficiari[${k}]`, cf);
      if (s.beneficiari.indexOf(cf) !== k) x.add(`${p}.beneficiari[${k}]`, 'BENEFICIARIO_DUPLICATE');
    });
    if (s.tipo === TIPO_TIROCINIO && s.tirocinio === undefined) x.add(`${p}.tirocinio`, 'TIROCINIO_REQUIRED');
    if (s.tipo !== TIPO_TIROCINIO && s.tirocinio !== undefined) x.add(`${p}.tirocinio`, 'TIROCINIO_NOT_ALLOWED');
    x.cf(`${p}.tirocinio.soggettoOspitante.codiceFiscale`, s.tirocinio?.soggettoOspitante.codiceFiscale);
  });
  x.uniqueIds('dati.impegni', d.impegni);
  d.impegni.forEach((m, i) => {
    x.cf(`dati.impegni[${i}].codiceFiscale`, m.codiceFiscale);
    x.period(`dati.impegni[${i}]`, m);
  });
};

const puc: Check<'partecipazione-puc'> = (x, { dati: d }) => {
  x.happened('dati.dataInizio', d.dataInizio);
  x.ordered('dati.dataFine', d.dataInizio, d.dataFine);
  const mesi = new Set<string>();
  d.presenze.forEach((m, i) => {
    if (mesi.has(m.mese)) x.add(`dati.presenze[${i}].mese`, 'MESE_DUPLICATE');
    mesi.add(m.mese);
    if (m.mese < d.dataInizio.slice(0, 7)) x.add(`dati.presenze[${i}].mese`, 'MESE_BEFORE_INIZIO');
  });
};

const pad: Check<'pad-nucleo'> = (x, { dati: d }) => {
  x.happened('dati.dataSottoscrizione', d.dataSottoscrizione);
  x.cf('dati.richiedenteCf', d.richiedenteCf);
  const cfs = d.componenti.map((c) => c.codiceFiscale);
  if (!cfs.includes(d.richiedenteCf)) x.add('dati.componenti', 'RICHIEDENTE_NOT_IN_PAD');
  d.componenti.forEach((c, i) => {
    const p = `dati.componenti[${i}]`;
    x.cf(`${p}.codiceFiscale`, c.codiceFiscale);
    if (cfs.indexOf(c.codiceFiscale) !== i) x.add(`${p}.codiceFiscale`, 'COMPONENTE_DUPLICATE');
    if (c.percorso === 'ESONERATO' && c.motivoEsonero === undefined) x.add(`${p}.motivoEsonero`, 'MOTIVO_ESONERO_REQUIRED');
    if (c.percorso !== 'ESONERATO' && c.motivoEsonero !== undefined) x.add(`${p}.motivoEsonero`, 'MOTIVO_ESONERO_NOT_ALLOWED');
    x.condizioni(`${p}.categorizzazioni`, c.categorizzazioni);
  });
};

const DATI_RULES: { [E in Entita]: Check<E> } = {
  caso,
  'nucleo-caso': nucleo,
  'analisi-preliminare': analisi,
  'quadro-analisi': quadro,
  'equipe-multidisciplinare': equipe,
  pais,
  'partecipazione-puc': puc,
  'pad-nucleo': pad,
};

/** Business rules on a structurally valid record. Empty = valid. */
export function checkRules<E extends Entita>(entita: E, record: GepiRecord<E>): Problem[] {
  const x = new Findings(record.aggiornatoIl);
  if ('codiceFiscale' in record) x.cf('codiceFiscale', record.codiceFiscale, ['personal', 'numeric']);
  if (record.operazione === 'AGGIORNAMENTO') (DATI_RULES[entita] as Check<E>)(x, record as Aggiornamento<E>);
  return x.list;
}
