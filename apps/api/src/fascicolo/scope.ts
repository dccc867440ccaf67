import type { Cartella, ConsumerEntry, Grant } from '../registry/authorizations';
import type { CasoVista } from '@fsl/cartella-sociale';

// Data scope of a grant, as pure functions. Two rules:
// - minimisation: a purpose receives only the cartelle it lists in `dati`;
// - no existence leak: a caller learns that a citizen is in the FSL only through data it is entitled
//   to. A grant to a whole cartella is entitled to the citizen's dossier; a grant limited to the PaIS
//   cases of its own ente is entitled to it only when one of those cases exists.
// A grant limited to its ente's PaIS cases receives those cases and nothing else of the cartella
// sociale: the ADI/SFL measures and PUC participations are nobody's case, so they go only to a grant of
// the whole cartella sociale (casiPais "tutti").

/** The requested cartelle the grant allows, in a stable order. */
export function cartelleInScope(grant: Grant, requested: readonly Cartella[]): Cartella[] {
  return requested.filter((c) => grant.dati.includes(c));
}

/**
 * Whether the consumer may see a PaIS case: every case, or those its own ente manages TODAY — after a move
 * the case belongs to the new ente, and the old one no longer sees it. A case whose case record has not
 * arrived (or was deleted) names no manager, so only a grant of every case sees it.
 */
export function vedeCaso(caso: CasoVista, grant: Grant, consumer: ConsumerEntry): boolean {
  if (grant.casiPais === 'tutti') return true;
  return consumer.ente !== undefined && caso.caso?.enteCorrente.codice === consumer.ente;
}

/** Whether a cartella in scope comes whole (for the cartella sociale: not only the ente's own cases). */
export function coversCartella(grant: Grant, cartella: Cartella): boolean {
  return cartella !== 'sociale' || grant.casiPais === 'tutti';
}

/** Whether the grant covers a whole cartella among those in scope (so the dossier itself is visible). */
export function coversWholeCartella(grant: Grant, inScope: readonly Cartella[]): boolean {
  return inScope.some((c) => coversCartella(grant, c));
}
