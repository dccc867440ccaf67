// The CO source as @fsl/ingest sees it: one claim per codiceComunicazione (a CO is never versioned: a
// correction is a new CO with its own codice), one event per worker keyed by the worker's pseudonym.
import type { CodeLists } from '@fsl/co';
import type { Problem, SourceAdapter } from '@fsl/ingest';
import { CO_SUBJECT, readCoInput, type CoInput } from './co-event.mapping';

export type CoIdentity = { codiceComunicazione: string };

export const CONFLICT_PROBLEM: Problem = {
  path: 'datiInvio.codiceComunicazione',
  code: 'CODICE_GIA_ACCETTATO',
  message: 'A comunicazione with this codice and a different content was already accepted.',
};

/** `clockSkewMs`: how far dataInvio may be ahead of the receiving clock (libs/co's default when absent). */
export function coAdapter(codeLists: CodeLists, clockSkewMs?: number): SourceAdapter<CoInput, CoIdentity> {
  return {
    source: 'co',
    read(input, { correlationId, now }) {
      const r = readCoInput(input, { codeLists, correlationId, now, clockSkewMs });
      if (!r.ok) return r;
      return {
        ok: true,
        key: r.codice,
        hash: r.hash,
        eventIds: r.eventIds,
        messages: r.messages.map(({ workerCf, event }) => ({ subject: CO_SUBJECT, event, key: { cf: workerCf } })),
        avvisi: r.avvisi,
        identity: { codiceComunicazione: r.codice },
      };
    },
    fromLine: (text) => ({ format: 'ndjson-line', text }),
    identityOf: (codiceComunicazione) => ({ codiceComunicazione }),
  };
}
