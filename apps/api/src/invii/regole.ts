// Rules the write e-services share: the object-level check of a GePI write (the case as the reads see it),
// the version a write takes, and the household check of the citizens a write names.
import type { PoolClient } from 'pg';
import { projectCaso, type CasoGepi, type CasoVista } from '@fsl/cartella-sociale';
import { AppError, type FieldProblem } from '@fsl/http';
import { cartelleInScope, vedeCaso } from '../fascicolo/scope';
import type { EserviceCall } from '../security/eservice-call';
import './errors';

/**
 * The case, if the caller may write to it: the ente managing it today, or a purpose granted every case
 * (vedeCaso, as for the reads). An unknown case and one the caller may not see get the same 404.
 */
export async function casoScrivibile(tx: PoolClient, call: EserviceCall, casoId: string): Promise<{ state: CasoGepi; vista: CasoVista }> {
  const granted = cartelleInScope(call.grant, ['sociale']).length > 0;
  const { rows } = granted ? await tx.query<{ state: CasoGepi }>('SELECT state FROM gepi_caso WHERE caso_id = $1', [casoId]) : { rows: [] };
  const state = rows[0]?.state;
  const vista = state && projectCaso(state);
  if (!state || !vista || !vedeCaso(vista, call.grant, call.consumer)) throw new AppError('NOT_FOUND', 'no such case');
  return { state, vista };
}

/** The highest version of a record in the dossier (0: none). */
export const versioneVista = (history: ReadonlyArray<{ versione: number }> | undefined): number => (history ?? []).reduce((top, v) => Math.max(top, v.versione), 0);

/**
 * The version a write takes and the checks it must pass: the next after every version claimed (`highest`) or
 * in the dossier (`vista`); refused when the caller based it on an older version (`versioneBase`), or when a
 * claimed version is not in the dossier yet — the write would be built on, or checked against, a stale copy.
 */
export function prossimaVersione(highest: number | undefined, vista: number, versioneBase: number | undefined): { versione: number; verifica: () => void } {
  const ultima = Math.max(highest ?? 0, vista);
  return {
    versione: ultima + 1,
    verifica: () => {
      if (versioneBase !== undefined && versioneBase !== ultima) {
        throw new AppError('VERSIONE_NON_AGGIORNATA', 'versioneBase is not the latest version of the record: read it again and resend');
      }
      if (vista < ultima) {
        throw new AppError('AGGIORNAMENTO_IN_CORSO', 'a newer version of the record is not in the dossier yet: resend with the Versione-Minima of the write that made it, or shortly', {
          retryAfterSeconds: 1,
        });
      }
    },
  };
}

/** As the GePI schema reads a codice fiscale: trimmed and upper-cased. */
export const cfLetto = (v: unknown): string | undefined => (typeof v === 'string' ? v.trim().toUpperCase() : undefined);

/** The members of the household, now or in the past. */
export const membri = (vista: CasoVista): Set<string> => new Set(vista.membri.map((m) => m.codiceFiscale));

/**
 * A write may name only members of the case's household: an ente cannot attach data to a citizen of another
 * household through its own case. One problem per citizen named outside it, at their path.
 */
export function fuoriNucleo(vista: CasoVista, nominati: ReadonlyArray<{ path: string; cf: unknown }>): void {
  const nucleo = membri(vista);
  const problems: FieldProblem[] = nominati
    .filter((n) => {
      const cf = cfLetto(n.cf);
      return cf !== undefined && !nucleo.has(cf);
    })
    .map((n) => ({ path: n.path, code: 'NON_NEL_NUCLEO', message: 'This person is not a member of the household of the case.' }));
  if (problems.length) throw new AppError('VALIDATION_FAILED', `${problems.length} problem(s) in the request`, { errors: problems });
}

/** The citizens a write to a case concerns: the household today, and anyone else it names (already checked to be members). */
export function cittadiniDelloScritto(vista: CasoVista, nominati: readonly unknown[]): string[] {
  const cfs = new Set(vista.membri.filter((m) => m.attuale).map((m) => m.codiceFiscale));
  for (const n of nominati) {
    const cf = cfLetto(n);
    if (cf !== undefined) cfs.add(cf);
  }
  return [...cfs].sort();
}
