// Rules that depend on the rapporto's current state rather than on one CO. A single CO cannot be checked
// against them at ingest time (the ingest has no projection), so the builder applies them while folding.
import type { IsoDate, Proroga } from './model';
import type { Problem } from './problems';
import { RULE_MESSAGES } from './validate-context';

/**
 * A proroga must move the end date forward. `currentEnd` is the end date in force before the proroga
 * (after earlier proroghe and transformations); undefined means the rapporto is open-ended.
 */
export function checkProrogaAgainstCurrentEnd(currentEnd: IsoDate | undefined, proroga: Proroga): Problem[] {
  const path = 'proroga.dataFineProroga';
  if (currentEnd === undefined) {
    return [{ path, code: 'PROROGA_TEMPO_INDETERMINATO', message: RULE_MESSAGES.PROROGA_TEMPO_INDETERMINATO }];
  }
  if (proroga.dataFineProroga <= currentEnd) {
    return [{ path, code: 'PROROGA_NOT_AFTER_CURRENT_END', message: RULE_MESSAGES.PROROGA_NOT_AFTER_CURRENT_END }];
  }
  return [];
}
