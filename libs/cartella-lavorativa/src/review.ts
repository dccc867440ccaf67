// What the builder needs to know about a state besides the state itself: whether a CO changed what an
// administration is served (the dossier version moves only then), and which COs were refused, so that
// an operator hears of them. Both come from one projection of the state.
import { createHash } from 'node:crypto';
import type { Modello, TipoComunicazione, TipoEvento } from '@fsl/co';
import { projectRaw } from './project';
import type { WorkerState } from './state';
import type { CartellaLavorativa } from './types';

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

function effectOf(c: CartellaLavorativa): string {
  const rapporti = c.rapporti.map((r) => ({
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
  // The residence permit is shown to purposes granted it: a CO that only changes it changes the dossier.
  return createHash('sha256').update(JSON.stringify([rapporti, c.rapportiAnnullati, c.permessoSoggiorno ?? null])).digest('base64url');
}

export function reviewState(state: WorkerState): StateReview {
  const c = projectRaw(state, REFERENCE_DAY);
  const refused = [
    ...c.scartate.map((s) => [s.codiceComunicazione, s.code] as const),
    // Applied to nothing: no rapporto was open with the previous employer at its date (yet).
    ...c.avvisi.filter((a) => a.code === 'VARIAZIONE_SENZA_RAPPORTO').map((a) => [a.codiceComunicazione, a.code] as const),
    ...c.rapporti.flatMap((r) => r.storia.filter((e) => REFUSED.has(e.esito)).map((e) => [e.codiceComunicazione, e.motivo ?? e.esito] as const)),
  ];
  const rifiutate = refused
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
  const waiting = c.correzioniInAttesa.map((p) => p.ricevutaIl).sort();
  return { effect: effectOf(c), rifiutate, ...(waiting.length > 0 ? { pendingSince: waiting[0] } : {}) };
}
