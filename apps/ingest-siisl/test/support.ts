// Shared by ingest-siisl's integration suites: the app as a process on its own topics, queue and spool
// directory, a reader of the SIISL topic, and records with ids no other run uses.
import { randomInt } from 'node:crypto';
import type { SiislEventV1 } from '@fsl/schemas';
import { ENTITA, siislFixtures as F, SUBJECTS, type Entita, type RecordOf } from '@fsl/siisl';
import { createTestTopics, isolation } from '../../../test/support/env';
import { ingestAppEnv, TopicReader } from '../../../test/support/ingest';
import { startApp, type RunningApp } from '../../../test/support/processes';

export { keyOf, post } from '../../../test/support/ingest';

export type SiislEvent = SiislEventV1<{ cittadinoCf: string | null; id: string; versione: number } & Record<string, unknown>>;

export const ingestEnv = (prefix: string, extra: Record<string, string> = {}): Record<string, string> => ingestAppEnv('ingest-siisl', prefix, extra);

export const startIngest = (env: Record<string, string>): Promise<RunningApp> => startApp('ingest-siisl', env);

/** Reads the SIISL topic from the beginning for the whole suite. */
export const startReader = (prefix: string): Promise<TopicReader<SiislEvent>> => TopicReader.start<SiislEvent>(prefix, 'siislEvents', Object.values(SUBJECTS));

/**
 * A suite's ingest-siisl, on topics, queue and spool directory of its own, and a reader of its topic:
 * started before the suite's tests, stopped (cleanly) after them.
 */
export function suiteIngest(label: string, extra: Record<string, string> = {}): { app: RunningApp; reader: TopicReader<SiislEvent> } {
  const { prefix } = isolation(label);
  const running = {} as { app: RunningApp; reader: TopicReader<SiislEvent> };
  beforeAll(async () => {
    await createTestTopics(prefix);
    running.app = await startIngest(ingestEnv(prefix, extra));
    running.reader = await startReader(prefix);
  });
  afterAll(async () => {
    await running.reader?.stop();
    expect(await running.app?.stop()).toBe(0);
  });
  return running;
}

/** Ids unique per run (digits kept short: an 11-digit run would be taken for a CF). */
export function ids(): () => string {
  const run = String(randomInt(10_000_000)).padStart(7, '0');
  let n = 0;
  return () => `T${run}-${++n}`;
}

/** The valid fixture of `entita` under a fresh id, at version `versione`. */
export function record<E extends Entita>(entita: E, id: string, versione = 1): RecordOf[E] {
  return { ...F.valid(entita), id, versione };
}

/** The deletion of that record, as version `versione`. */
export function deletion<E extends Entita>(entita: E, id: string, versione: number): RecordOf[E] {
  return { ...F.deletion(entita, versione), id };
}

/** The citizens the record's event is for, one message each (none: a catalogue record, one message keyed by entity and id). */
export const CITIZENS: Record<Entita, string[]> = {
  curriculum: [F.CITTADINO_CF],
  'offerta-lavoro': [],
  'proposta-lavoro': [F.CITTADINO_CF],
  corso: [],
  iscrizione: [F.CITTADINO_CF],
  'manifestazione-interesse': [F.CITTADINO_CF],
  'misura-inclusione': [F.CITTADINO_CF, F.FAMILIARE_CF],
  puc: [F.CITTADINO_CF],
};

export { ENTITA };
