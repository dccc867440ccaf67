// Business rules of the rapporto sections shared by UNILAV and UNISOMM. The proroga rule against the
// rapporto's folded state is in rules.ts, for the builder: a CO carries the end as its sender saw it,
// the builder knows every proroga received.
import type { AnagraficaLavoratore, CoRapporto, Datore, EventoRapporto, InizioRapporto, Sede, TerminiRapporto } from './model';
import type { RuleContext } from './validate-context';

const QUALIFICA_CP2011 = /^[1-9](\.[0-9]){5}$/;
const SECTION_OF: Record<Exclude<EventoRapporto, 'ASS'>, 'proroga' | 'trasformazione' | 'trasferimento' | 'cessazione'> = {
  PRO: 'proroga',
  TRS: 'trasformazione',
  TRD: 'trasferimento',
  CES: 'cessazione',
};

export function checkSede(ctx: RuleContext, path: string, sede: Sede | undefined, onDate: string): void {
  if (sede) ctx.checkCode(`${path}.comune`, 'belfiore', sede.comune, onDate);
}

export function checkDatore(ctx: RuleContext, path: string, d: Datore, onDate: string, full: boolean): void {
  ctx.checkCf(`${path}.codiceFiscale`, d.codiceFiscale);
  if (d.settore !== undefined) ctx.checkCode(`${path}.settore`, 'ateco', d.settore, onDate);
  checkSede(ctx, `${path}.sedeLegale`, d.sedeLegale, onDate);
  checkSede(ctx, `${path}.sedeLavoro`, d.sedeLavoro, onDate);
  if (full) {
    if (d.settore === undefined) ctx.add(`${path}.settore`, 'SECTION_REQUIRED');
    if (d.sedeLavoro === undefined) ctx.add(`${path}.sedeLavoro`, 'SECTION_REQUIRED');
  }
}

export function checkLavoratore(ctx: RuleContext, path: string, l: AnagraficaLavoratore & { codiceFiscale: string }, onDate: string): void {
  ctx.checkCf(`${path}.codiceFiscale`, l.codiceFiscale);
  if (l.nascita) ctx.checkCode(`${path}.nascita.comune`, 'belfiore', l.nascita.comune, l.nascita.data);
  if (l.cittadinanza !== undefined) ctx.checkCode(`${path}.cittadinanza`, 'cittadinanza', l.cittadinanza, onDate);
  checkSede(ctx, `${path}.domicilio`, l.domicilio, onDate);
}

function checkQualifica(ctx: RuleContext, path: string, q: string, onDate: string): void {
  if (!QUALIFICA_CP2011.test(q)) ctx.add(path, 'QUALIFICA_FORMAT');
  else ctx.checkCode(path, 'qualificaCp2011', q, onDate);
}

/** The optional terms a UNIURG or a VARDATORI worker may carry: checked like a UNILAV's when sent. */
export function checkTermini(ctx: RuleContext, path: string, t: TerminiRapporto & { tipologiaContrattuale?: string }, onDate: string): void {
  if (t.tipologiaContrattuale !== undefined) ctx.checkCode(`${path}.tipologiaContrattuale`, 'tipologiaContrattuale', t.tipologiaContrattuale, onDate);
  if (t.tipoOrario !== undefined) {
    ctx.checkCode(`${path}.tipoOrario`, 'tipoOrario', t.tipoOrario, onDate);
    ctx.checkOre(`${path}.oreSettimanaliMedie`, t.tipoOrario, t.oreSettimanaliMedie);
  }
  if (t.qualificaProfessionale !== undefined) checkQualifica(ctx, `${path}.qualificaProfessionale`, t.qualificaProfessionale, onDate);
}

export function checkInizio(ctx: RuleContext, i: InizioRapporto): void {
  const contrattoOk = ctx.checkCode('inizio.tipologiaContrattuale', 'tipologiaContrattuale', i.tipologiaContrattuale, i.dataInizio);
  ctx.checkCode('inizio.tipoOrario', 'tipoOrario', i.tipoOrario, i.dataInizio);
  ctx.checkOre('inizio.oreSettimanaliMedie', i.tipoOrario, i.oreSettimanaliMedie);
  checkQualifica(ctx, 'inizio.qualificaProfessionale', i.qualificaProfessionale, i.dataInizio);
  if (i.ccnl !== undefined) ctx.checkCode('inizio.ccnl', 'ccnl', i.ccnl, i.dataInizio);
  ctx.notBefore('inizio.dataFine', i.dataFine, i.dataInizio, 'DATA_FINE_BEFORE_INIZIO');
  if (i.dataFinePeriodoFormativo !== undefined && i.dataFinePeriodoFormativo <= i.dataInizio) {
    ctx.add('inizio.dataFinePeriodoFormativo', 'DATA_FINE_PF_BEFORE_INIZIO');
  }
  if (!contrattoOk) return;
  const durata = ctx.attr('tipologiaContrattuale', i.tipologiaContrattuale, 'durata');
  if (durata === 'TD' && i.dataFine === undefined) ctx.add('inizio.dataFine', 'DATA_FINE_REQUIRED');
  if (durata === 'TI' && i.dataFine !== undefined) ctx.add('inizio.dataFine', 'DATA_FINE_NOT_ALLOWED');
  if (i.tipologiaContrattuale.startsWith('A.03.') && i.tipologiaContrattuale !== 'A.03.04' && i.tipologiaContrattuale !== 'A.03.07') {
    if (i.dataFinePeriodoFormativo === undefined) ctx.add('inizio.dataFinePeriodoFormativo', 'DATA_FINE_PF_REQUIRED');
  }
}

function checkEventSections(ctx: RuleContext, co: CoRapporto): void {
  for (const [evento, section] of Object.entries(SECTION_OF) as Array<[EventoRapporto, string]>) {
    const present = (co as unknown as Record<string, unknown>)[section] !== undefined;
    if (co.tipoEvento === evento && !present) ctx.add(section, 'SECTION_REQUIRED');
    if (co.tipoEvento !== evento && present) ctx.add(section, 'SECTION_NOT_ALLOWED');
  }
}

function checkTrasformazione(ctx: RuleContext, co: CoRapporto): void {
  const t = co.trasformazione;
  if (!t) return;
  ctx.notBefore('trasformazione.data', t.data, co.inizio.dataInizio, 'TRASFORMAZIONE_BEFORE_INIZIO');
  if (!ctx.checkCode('trasformazione.codice', 'trasformazione', t.codice, t.data)) return;
  if (t.codice === 'TL' || t.codice === 'DL') ctx.add('trasformazione.codice', 'TRASFORMAZIONE_USE_TRASFERIMENTO');
  if (ctx.attr('trasformazione', t.codice, 'solo_pa') === 'S' && co.datore.pubblicaAmministrazione !== true) {
    ctx.add('trasformazione.codice', 'TRASFORMAZIONE_SOLO_PA');
  }
  if (t.tipologiaContrattuale !== undefined) {
    ctx.checkCode('trasformazione.tipologiaContrattuale', 'tipologiaContrattuale', t.tipologiaContrattuale, t.data);
  }
  const contrattoDopo = ctx.attr('trasformazione', t.codice, 'contratto_dopo');
  if (contrattoDopo !== undefined && t.tipologiaContrattuale !== contrattoDopo) {
    ctx.add('trasformazione.tipologiaContrattuale', 'TRASFORMAZIONE_CONTRATTO');
  }
  if (t.tipoOrario !== undefined) ctx.checkCode('trasformazione.tipoOrario', 'tipoOrario', t.tipoOrario, t.data);
  const orarioDopo = ctx.attr('trasformazione', t.codice, 'orario_dopo');
  if (orarioDopo !== undefined) {
    if (t.tipoOrario === undefined) ctx.add('trasformazione.tipoOrario', 'TRASFORMAZIONE_ORARIO_REQUIRED');
    else if (orarioDopo === 'F' && t.tipoOrario !== 'F') ctx.add('trasformazione.tipoOrario', 'TRASFORMAZIONE_ORARIO_FULL');
    else if (orarioDopo === '!F' && t.tipoOrario === 'F') ctx.add('trasformazione.tipoOrario', 'TRASFORMAZIONE_ORARIO_NOT_FULL');
  }
  ctx.checkOre('trasformazione.oreSettimanaliMedie', t.tipoOrario, t.oreSettimanaliMedie);
}

function checkTrasferimento(ctx: RuleContext, co: CoRapporto): void {
  const t = co.trasferimento;
  if (!t) return;
  ctx.notBefore('trasferimento.data', t.data, co.inizio.dataInizio, 'TRASFERIMENTO_BEFORE_INIZIO');
  checkSede(ctx, 'trasferimento.sedeLavoro', t.sedeLavoro, t.data);
  checkSede(ctx, 'trasferimento.sedeLavoroPrecedente', t.sedeLavoroPrecedente, t.data);
  ctx.notBefore('trasferimento.dataFineDistacco', t.dataFineDistacco, t.data, 'DATA_FINE_DISTACCO_BEFORE_DATA');
  if (t.tipo === 'DL' && t.distaccatario === undefined) ctx.add('trasferimento.distaccatario', 'DISTACCATARIO_REQUIRED');
  if (t.distaccatario) ctx.checkCf('trasferimento.distaccatario.codiceFiscale', t.distaccatario.codiceFiscale);
}

function checkMissione(ctx: RuleContext, co: CoRapporto): void {
  if (co.modello !== 'UNISOMM') return;
  const m = co.missione;
  if (!m) {
    if (co.tipoEvento === 'ASS') ctx.add('missione', 'MISSIONE_REQUIRED');
    return;
  }
  checkDatore(ctx, 'missione.utilizzatore', m.utilizzatore, m.dataInizio, false);
  ctx.notBefore('missione.dataFine', m.dataFine, m.dataInizio, 'MISSIONE_FINE_BEFORE_INIZIO');
  ctx.notBefore('missione.dataInizio', m.dataInizio, co.inizio.dataInizio, 'MISSIONE_BEFORE_RAPPORTO');
  ctx.checkCode('missione.tipoOrario', 'tipoOrario', m.tipoOrario, m.dataInizio);
  ctx.checkOre('missione.oreSettimanaliMedie', m.tipoOrario, m.oreSettimanaliMedie);
  checkQualifica(ctx, 'missione.qualificaProfessionale', m.qualificaProfessionale, m.dataInizio);
}

export function checkRapporto(ctx: RuleContext, co: CoRapporto): void {
  const start = co.inizio.dataInizio;
  checkDatore(ctx, 'datore', co.datore, start, true);
  checkLavoratore(ctx, 'lavoratore', co.lavoratore, start);
  checkInizio(ctx, co.inizio);
  checkEventSections(ctx, co);
  if (co.proroga) {
    if (co.proroga.dataFineProroga <= start) ctx.add('proroga.dataFineProroga', 'PROROGA_NOT_AFTER_INIZIO');
    // The proroga repeats the rapporto's start terms as they stand when it is sent, so its inizio.dataFine
    // is the end it extends: a new end not after it is refused here, with no state needed. The builder
    // still checks against the end it has folded (a CO accepted before this rule, or terms repeated as
    // first hired) and reports what it refuses.
    else if (co.inizio.dataFine !== undefined && co.proroga.dataFineProroga <= co.inizio.dataFine) {
      ctx.add('proroga.dataFineProroga', 'PROROGA_NOT_AFTER_CURRENT_END');
    }
    if (ctx.attr('tipologiaContrattuale', co.inizio.tipologiaContrattuale, 'durata') === 'TI') {
      ctx.add('proroga.dataFineProroga', 'PROROGA_TEMPO_INDETERMINATO');
    }
  }
  checkTrasformazione(ctx, co);
  checkTrasferimento(ctx, co);
  if (co.cessazione) {
    ctx.notBefore('cessazione.data', co.cessazione.data, start, 'CESSAZIONE_BEFORE_INIZIO');
    ctx.checkCode('cessazione.causa', 'causaCessazione', co.cessazione.causa, co.cessazione.data);
  }
  checkMissione(ctx, co);
}
