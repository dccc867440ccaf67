// What the builder needs to know about a state besides the state itself: whether a CO changed what an
// administration is served (the dossier version moves only then), and which COs were refused, so that
// an operator hears of them. Both come from one projection of the state.
import { hash } from 'node:crypto';
import type { Modello, PermessoSoggiorno, TipoComunicazione, TipoEvento } from '@fsl/co';
import { calcolaRapporti, permessoSoggiorno, rapportiAnnullati } from './project';
import type { WorkerState } from './state';
import type { RapportoAnnullato, RapportoLavoro } from './types';

/** A CO the fold refused: it is kept in the state (a later CO may change that) but has no effect. */
export interface CoRifiutata {
  codiceComunicazione: string;
  codiceComunicazionePrecedente?: string;
  tipoComunicazione: TipoComunicazione;
  modello: Modello;
  tipoEvento: TipoEvento;
  /** A stable code: a correction rule (RETTIFICA_OF_ANNULLED, …) or a rapporto rule (PROROGA_NOT_AFTER_CURRENT_END, …). */
  motivo: string;
  ricevutaIl: string;
}

export interface StateReview {
  /**
   * Fingerprint of the cartella's effect: rapporti with their values and applied history, and annulled
   * hirings, and the residence permit. Refused COs, parked corrections, warnings and conflicts are not part of it, nor is the day
   * (the state of a rapporto on a day follows from its values), so a CO that leaves it unchanged changed
   * nothing an administration relies on.
   */
  effect: string;
  rifiutate: CoRifiutata[];
  /** Arrival of the oldest correction still waiting for its target, if any. */
  pendingSince?: string;
}

// Any fixed day: what is fingerprinted does not depend on it (stato and dataFineEffettiva are left out).
const REFERENCE_DAY = '2000-01-01';
const REFUSED = new Set(['SCARTATO', 'DUPLICATO']);
const byCodice = <T extends { codiceComunicazione: string }>(a: T, b: T): number => (a.codiceComunicazione < b.codiceComunicazione ? -1 : 1);

/** What the effect fingerprints of each rapporto: its values and applied history, not its state on a day. */
export function fingerprinted(rapporti: readonly RapportoLavoro[]): unknown[] {
  return rapporti.map((r) => ({
    id: r.id,
    modello: r.modello,
    datoreCfIniziale: r.datoreCfIniziale,
    dataInizio: r.dataInizio,
    provvisorio: r.provvisorio,
    assunzioneMancante: r.assunzioneMancante,
    attuale: r.attuale,
    datoriPrecedenti: r.datoriPrecedenti,
    storia: r.storia.filter((e) => !REFUSED.has(e.esito)),
  }));
}

function effectOf(rapporti: readonly RapportoLavoro[], annullati: readonly RapportoAnnullato[], permesso: PermessoSoggiorno | undefined): string {
  // The residence permit is shown to purposes granted it: a CO that only changes it changes the dossier.
  // crypto.hash: the same SHA-256 without a Hash object per call (the builder reviews every event).
  return hash('sha256', JSON.stringify([fingerprinted(rapporti), annullati, permessoFingerprinted(permesso)]), 'base64url');
}

/**
 * The permit member by member in one fixed order: it is the one fact object fingerprinted as stored, and a
 * state read back from its jsonb column has its members in Postgres' order (shorter keys first), one folded
 * in memory in the order the fact was built — the same permit must give the same effect either way.
 */
function permessoFingerprinted(p: PermessoSoggiorno | undefined): unknown {
  return p ? [p.tipoDocumento, p.numeroDocumento, p.motivo ?? null, p.scadenza ?? null, p.questura ?? null] : null;
}

/** The refused COs as the operators' listing has them, sorted by code. */
export function refusedList(state: WorkerState, refused: ReadonlyArray<readonly [codice: string, motivo: string]>): CoRifiutata[] {
  return refused
    .map(([codice, motivo]): CoRifiutata => {
      const { fact, receivedAt } = state.cos[codice];
      return {
        codiceComunicazione: codice,
        ...(fact.precedente !== undefined ? { codiceComunicazionePrecedente: fact.precedente } : {}),
        tipoComunicazione: fact.tu,
        modello: fact.modello,
        tipoEvento: fact.evento,
        motivo,
        ricevutaIl: receivedAt,
      };
    })
    .sort((a, b) => (a.codiceComunicazione < b.codiceComunicazione ? -1 : a.codiceComunicazione > b.codiceComunicazione ? 1 : 0));
}

/**
 * The review is computed from the rapporti and the resolution as `project` computes them, but not from the
 * whole projection: the builder reviews the state after every CO, and the periods, messages, conflicts and
 * sorted listings that only a reader needs cost about a fifth of it. What it fingerprints and lists is what
 * the projection holds (review.equivalence.spec.ts checks it against the review computed from `project`).
 */
export function reviewState(state: WorkerState): StateReview {
  const { res, g, calcolati } = calcolaRapporti(state, REFERENCE_DAY);
  const rapporti = calcolati.map((c) => c.rapporto);
  // Listed in the projection's order (its scartate, then its avvisi, each sorted by code), then sorted.
  const scartate = res.rejected.map(({ fact, code }) => ({ codiceComunicazione: fact.codice, code: code as string })).sort(byCodice);
  // Applied to nothing: no rapporto was open with the previous employer at its date (yet).
  const senzaRapporto = g.unmatchedVariazioni.map((s) => ({ codiceComunicazione: s.tip.codice, code: 'VARIAZIONE_SENZA_RAPPORTO' })).sort(byCodice);
  const refused: Array<readonly [string, string]> = [];
  for (const s of scartate) refused.push([s.codiceComunicazione, s.code]);
  for (const a of senzaRapporto) refused.push([a.codiceComunicazione, a.code]);
  for (const r of rapporti) for (const e of r.storia) if (REFUSED.has(e.esito)) refused.push([e.codiceComunicazione, e.motivo ?? e.esito]);
  const rifiutate = refusedList(state, refused);
  const waiting = res.pending.map((f) => state.cos[f.codice].receivedAt).sort();
  return {
    effect: effectOf(rapporti, rapportiAnnullati(g), permessoSoggiorno(res.slots, state.workerCf)),
    rifiutate,
    ...(waiting.length > 0 ? { pendingSince: waiting[0] } : {}),
  };
}
