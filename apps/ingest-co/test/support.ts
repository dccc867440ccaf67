// Shared by ingest-co's integration suites: the app as a process on its own topics, queue and spool
// directory, a reader of everything it published, and codici no other run uses.
import { randomInt } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Consumer } from 'kafkajs';
import type { Co } from '@fsl/co';
import { topicName } from '@fsl/kafka';
import { cfPseudonym } from '@fsl/pseudonym';
import { decode, type ComunicazioneObbligatoriaEventV2 } from '@fsl/schemas';
import { appDatabaseUrl, BROKERS, TEST_PSEUDONYM_KEY, testKafka, waitFor } from '../../../test/support/env';
import { startApp, type RunningApp } from '../../../test/support/processes';

export const SUBJECT = 'co.comunicazione-obbligatoria';

export function ingestEnv(prefix: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    KAFKA_BROKERS: BROKERS,
    KAFKA_TOPIC_PREFIX: prefix,
    PSEUDONYM_KEY: TEST_PSEUDONYM_KEY,
    DATABASE_URL: appDatabaseUrl('fsl_ingest'),
    LOTTI_QUEUE: `${prefix}lotti`,
    SPOOL_DIR: mkdtempSync(join(tmpdir(), 'ingest-co-spool-')),
    ...extra,
  };
}

export const startIngest = (env: Record<string, string>): Promise<RunningApp> => startApp('ingest-co', env);

export const keyOf = (cf: string): string => cfPseudonym(cf, TEST_PSEUDONYM_KEY);

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

export interface TopicMessage {
  key: string;
  partition: number;
  headers: Record<string, string>;
  value: Buffer;
  event: ComunicazioneObbligatoriaEventV2;
}

/** Reads the CO topic from the beginning for the whole suite. */
export class TopicReader {
  readonly messages: TopicMessage[] = [];
  private constructor(private readonly consumer: Consumer) {}

  static async start(prefix: string): Promise<TopicReader> {
    const consumer = testKafka().consumer({ groupId: `${prefix}reader-${randomInt(1e9)}` });
    const reader = new TopicReader(consumer);
    await consumer.connect();
    await consumer.subscribe({ topic: topicName('coComunicazioni', prefix), fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ message, partition }) => {
        const headers = Object.fromEntries(Object.entries(message.headers ?? {}).map(([k, v]) => [k, String(v)]));
        const value = message.value ?? Buffer.alloc(0);
        const d = decode(value);
        if (d.subject !== SUBJECT) throw new Error(`unexpected subject ${d.subject}`);
        reader.messages.push({ key: message.key?.toString() ?? '', partition, headers, value, event: d.value });
      },
    });
    return reader;
  }

  withEventIds(ids: Iterable<string>): TopicMessage[] {
    const want = new Set(ids);
    return this.messages.filter((m) => want.has(m.headers['event-id']));
  }

  /** Waits until `count` messages carry one of `ids`, then a little longer so that extra copies would show. */
  async settled(ids: Iterable<string>, count: number, quietMs = 1500): Promise<TopicMessage[]> {
    const list = [...ids];
    await waitFor(`${count} messages on the topic`, async () => (this.withEventIds(list).length >= count ? true : undefined), 60_000);
    await new Promise((r) => setTimeout(r, quietMs));
    return this.withEventIds(list);
  }

  stop(): Promise<void> {
    return this.consumer.disconnect();
  }
}

export async function post(url: string, body: string, contentType: string, headers: Record<string, string> = {}) {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': contentType, ...headers }, body });
  const text = await res.text();
  return { status: res.status, headers: res.headers, text, body: text ? JSON.parse(text) : undefined };
}
