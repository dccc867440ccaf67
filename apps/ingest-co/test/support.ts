// Shared by ingest-co's integration suites: the app as a process on its own topics, queue and spool
// directory, a reader of everything it published, and codici no other run uses.
import { randomInt } from 'node:crypto';
import type { Co } from '@fsl/co';
import type { ComunicazioneObbligatoriaEventV2 } from '@fsl/schemas';
import { ingestAppEnv, keyOf, post, TopicReader as GenericTopicReader, type TopicMessage as GenericTopicMessage } from '../../../test/support/ingest';
import { startApp, type RunningApp } from '../../../test/support/processes';

export const SUBJECT = 'co.comunicazione-obbligatoria';

export const ingestEnv = (prefix: string, extra: Record<string, string> = {}): Record<string, string> => ingestAppEnv('ingest-co', prefix, extra);

export const startIngest = (env: Record<string, string>): Promise<RunningApp> => startApp('ingest-co', env);

/** Digits only (a code shaped like a CF is refused), unique per run: '9' + 7 random digits + a counter. */
export function codici(): () => string {
  const run = String(randomInt(10_000_000)).padStart(7, '0');
  let n = 0;
  return () => `9${run}${String(++n).padStart(8, '0')}`;
}

/** The generator's codici are the same for the same seed: give a history fresh ones, links preserved. */
export function withFreshCodici(cos: Co[], next: () => string): Co[] {
  const map = new Map<string, string>();
  const fresh = (c: string) => map.get(c) ?? (map.set(c, next()), map.get(c)!);
  return cos.map((co) => {
    const d = co.datiInvio;
    return {
      ...co,
      datiInvio: { ...d, codiceComunicazione: fresh(d.codiceComunicazione), ...(d.codiceComunicazionePrecedente ? { codiceComunicazionePrecedente: fresh(d.codiceComunicazionePrecedente) } : {}) },
    } as Co;
  });
}

export type TopicMessage = GenericTopicMessage<ComunicazioneObbligatoriaEventV2>;
export type TopicReader = GenericTopicReader<ComunicazioneObbligatoriaEventV2>;

/** Reads the CO topic from the beginning for the whole suite. */
export const TopicReader = {
  start: (prefix: string): Promise<TopicReader> => GenericTopicReader.start<ComunicazioneObbligatoriaEventV2>(prefix, 'coComunicazioni', [SUBJECT]),
};

export { keyOf, post };
