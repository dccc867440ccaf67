import { randomBytes } from 'node:crypto';
import { encodePersonalCf } from '@fsl/codice-fiscale';
import type { Message } from 'kafkajs';
import { createKafka, ensureTopics, type Kafka } from '@fsl/kafka';
import { createLogger } from '@fsl/logging';

export const BROKERS = process.env.KAFKA_BROKERS ?? '127.0.0.1:9092';
export const DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/fsl_test';
export const TEST_PSEUDONYM_KEY = 'test-only-pseudonym-key-0123456789abcdef';

/**
 * The test database as an app's least-privilege role sees it (libs/db/src/roles.ts): apps connect as
 * their role, as deployed; DATABASE_URL itself is the owner's, for migrations and test fixtures.
 */
export function appDatabaseUrl(role: 'fsl_ingest' | 'fsl_builder' | 'fsl_api', url = DATABASE_URL): string {
  const u = new URL(url);
  u.username = role;
  u.password = '';
  return u.toString();
}

/** A topic prefix and consumer group no other test run shares. */
export function isolation(label: string) {
  const id = `${label}-${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`;
  return { prefix: `t.${id}.`, group: `g-${id}` };
}

export function testKafka(brokers = BROKERS): Kafka {
  return createKafka({ brokers: brokers.split(','), clientId: 'fsl-test', logger: createLogger({ service: 'test', level: 'silent' }) });
}

/** Send each batch in turn, each awaited, so that a partition holds the messages in this order. */
export async function sendInOrder(topic: string, batches: Iterable<Message[]>): Promise<void> {
  const producer = testKafka().producer({ idempotent: true, maxInFlightRequests: 1 });
  await producer.connect();
  try {
    for (const messages of batches) await producer.send({ topic, acks: -1, messages });
  } finally {
    await producer.disconnect();
  }
}

export async function createTestTopics(prefix: string, brokers = BROKERS): Promise<void> {
  await ensureTopics(testKafka(brokers), prefix);
}

const CONSONANTS = 'BCDFGLMNPRSTVZ';
const PLACES = ['H501', 'F205', 'L219', 'F839', 'G224'];

/**
 * A valid, random codice fiscale, so test runs never collide in the shared test database. Surname and
 * name are three random consonants each (a code part takes exactly those), so there are ~10^12 codes: a
 * test publishing 3,000 workers expects 3,000 dossiers, and with a handful of fixed names (~1.5·10^7
 * codes) one run in five met two workers with the same code.
 */
export function randomCf(): string {
  const r = randomBytes(12);
  const c = (i: number) => CONSONANTS[r[i] % CONSONANTS.length];
  const year = 1950 + (r[0] % 55);
  const month = 1 + (r[1] % 12);
  const day = 1 + (r[2] % 28);
  return encodePersonalCf({
    surname: `${c(3)}a${c(4)}e${c(5)}i`,
    name: `${c(6)}a${c(7)}o${c(8)}`,
    sex: r[9] % 2 ? 'M' : 'F',
    birthDate: `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`,
    placeCode: PLACES[r[10] % PLACES.length],
  });
}

let seq = 0;
/** A fresh 16-character codice comunicazione. */
export function randomCodiceComunicazione(): string {
  seq += 1;
  return `99${Date.now().toString().slice(-9)}${String(seq).padStart(3, '0')}${randomBytes(1)[0] % 10}${randomBytes(1)[0] % 10}`.slice(0, 16);
}

export async function waitFor<T>(what: string, fn: () => Promise<T | undefined>, timeoutMs = 30000, everyMs = 200): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await fn();
      if (v !== undefined) return v;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/**
 * Waits until `count()` reaches `target`, failing only when it stops moving for `stallMs`: how long a
 * consumer takes to work through a backlog depends on how busy the shared machine is, whether it makes
 * progress does not.
 */
export async function waitForCount(what: string, count: () => Promise<number>, target: number, stallMs = 60_000, everyMs = 250): Promise<void> {
  let last = -1;
  let movedAt = Date.now();
  for (;;) {
    const n = await count();
    if (n >= target) return;
    if (n !== last) {
      last = n;
      movedAt = Date.now();
    } else if (Date.now() - movedAt > stallMs) {
      throw new Error(`${what}: stuck at ${n} of ${target} for ${Math.round(stallMs / 1000)} s`);
    }
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/** A complete UNILAV hiring (the libs/co model ingest-co accepts): open-ended, full time, from 2025-03-03. */
export function hiring(workerCf: string, codice = randomCodiceComunicazione()) {
  return {
    modello: 'UNILAV' as const,
    tipoEvento: 'ASS' as const,
    datiInvio: { codiceComunicazione: codice, tipoComunicazione: '01' as const, dataInvio: '2025-03-01T08:00:00Z' },
    datore: { codiceFiscale: '02877740213', denominazione: 'Alpi Costruzioni srl', settore: '41.20.00', sedeLavoro: { comune: 'F205' } },
    lavoratore: { codiceFiscale: workerCf, cognome: 'ROSSI', nome: 'GIULIA' },
    inizio: { dataInizio: '2025-03-03', tipologiaContrattuale: 'A.01.00', tipoOrario: 'F', qualificaProfessionale: '5.2.2.3.1.0' },
  };
}

export async function postJson(url: string, body: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : undefined };
}
