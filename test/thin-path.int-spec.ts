import { createHmac } from 'node:crypto';
import type { Consumer } from 'kafkajs';
import { DLQ_HEADERS, topicName } from '@fsl/kafka';
import { PdndStandin, startStandinServer, type StandinServer } from '@fsl/pdnd-standin';
import { decode } from '@fsl/schemas';
import { startApp, type RunningApp } from './support/processes';
import { appDatabaseUrl, BROKERS, createTestTopics, hiring, isolation, postJson, randomCf, TEST_PSEUDONYM_KEY, testKafka, waitFor } from './support/env';

// The backbone's thin path, end to end with the real apps as processes: ingest-co (HTTP) → Kafka →
// dossier-builder → Postgres → api.
describe('thin path: CO hiring → Kafka → builder → api', () => {
  const { prefix, group } = isolation('thin');
  const apps: Record<string, RunningApp> = {};
  const kafkaEnv = { KAFKA_BROKERS: BROKERS, KAFKA_TOPIC_PREFIX: prefix, PSEUDONYM_KEY: TEST_PSEUDONYM_KEY };
  const consumers: Consumer[] = [];
  // The api serves PDND vouchers only: a local stand-in signs them, for the dev table's demo consumer.
  const standin = new PdndStandin();
  let pdnd: StandinServer;
  const lavorativa = (require('../apps/api/config/eservices.dev.json') as { eservices: { kind: string; eserviceId: string; descriptorId: string }[] }).eservices.find(
    (e) => e.kind === 'cartella-lavorativa',
  )!;

  beforeAll(async () => {
    await createTestTopics(prefix);
    pdnd = await startStandinServer(standin);
    const started = await Promise.all([
      startApp('ingest-co', { ...kafkaEnv, DATABASE_URL: appDatabaseUrl('fsl_ingest'), LOTTI_QUEUE: `${group}-lotti` }),
      startApp('ingest-siisl', { ...kafkaEnv, DATABASE_URL: appDatabaseUrl('fsl_ingest'), LOTTI_QUEUE: `${group}-siisl-lotti` }),
      startApp('ingest-gepi', { ...kafkaEnv, DATABASE_URL: appDatabaseUrl('fsl_ingest'), LOTTI_QUEUE: `${group}-gepi-lotti` }),
      startApp('dossier-builder', { ...kafkaEnv, DATABASE_URL: appDatabaseUrl('fsl_builder'), CONSUMER_GROUP: group }),
      startApp('api', { DATABASE_URL: appDatabaseUrl('fsl_api'), PDND_JWKS_URL: pdnd.jwksUrl, PDND_KEYS_API_URL: pdnd.keysApiUrl }),
    ]);
    for (const a of started) apps[a.name] = a;
  }, 120000); // five processes: more than jest's 5 s default under a loaded suite

  afterAll(async () => {
    await Promise.all(consumers.map((c) => c.disconnect()));
    await Promise.all(Object.values(apps).map((a) => a.stop()));
    await pdnd?.close();
  }, 60000);

  const cartella = async (cf: string) => {
    const voucher = standin.voucher({ claims: { eserviceId: lavorativa.eserviceId, descriptorId: lavorativa.descriptorId } });
    const res = await fetch(`${apps.api.url}/v1/cartelle-lavorative/${cf}`, { headers: { Authorization: `Bearer ${voucher}` } });
    // An unknown citizen is a 200 with cartellaLavorativa null, like any citizen the caller may not see.
    const body = res.status === 200 ? ((await res.json()) as { cartellaLavorativa: { versione: number; rapporti: { id: string; stato: string }[] } | null }) : undefined;
    return body?.cartellaLavorativa ?? undefined;
  };

  /** Read every message of a topic from the start with a throwaway consumer group. */
  async function readTopic(topic: string, until: (n: number) => boolean) {
    const consumer = testKafka().consumer({ groupId: `${group}-reader-${topic}-${Math.random()}` });
    consumers.push(consumer);
    const seen: { key: string; value: Buffer; headers: Record<string, string> }[] = [];
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ message }) => {
        const headers = Object.fromEntries(Object.entries(message.headers ?? {}).map(([k, v]) => [k, String(v)]));
        seen.push({ key: message.key?.toString() ?? '', value: message.value ?? Buffer.alloc(0), headers });
      },
    });
    await waitFor(`messages on ${topic}`, async () => (until(seen.length) ? true : undefined));
    return seen;
  }

  it('every HTTP app answers GET /status with 200 and problem+json', async () => {
    for (const app of Object.values(apps)) {
      // The builder says 503 until its consumer has joined the group.
      const res = await waitFor(`${app.name} up`, async () => {
        const r = await fetch(`${app.url}/status`);
        return r.status === 200 ? r : undefined;
      });
      expect({ app: app.name, status: res.status, type: res.headers.get('content-type') }).toEqual({
        app: app.name,
        status: 200,
        type: expect.stringContaining('application/problem+json'),
      });
    }
  });

  it('a hiring accepted by ingest becomes readable through the api, once, with a dossier version', async () => {
    const cf = randomCf();
    const co = hiring(cf);
    const first = await postJson(`${apps['ingest-co'].url}/v1/comunicazioni`, co, { 'X-Correlation-Id': 'thin-path-1' });
    expect(first.status).toBe(202);
    expect(first.headers.get('x-correlation-id')).toBe('thin-path-1');
    const read = await waitFor('the cartella', () => cartella(cf));
    expect(read.versione).toBe(1);
    expect(read.rapporti.map((r) => [r.id, r.stato])).toEqual([[co.datiInvio.codiceComunicazione, 'ATTIVO']]);

    // The same CO sent again is the same event: no second effect once the builder has seen it.
    const again = await postJson(`${apps['ingest-co'].url}/v1/comunicazioni`, co);
    expect(again.status).toBe(202);
    expect(again.body.eventIds).toEqual(first.body.eventIds);
    const second = hiring(cf); // a new hiring of the same worker: proves the builder moved past the re-send
    second.inizio.dataInizio = '2025-06-02';
    expect((await postJson(`${apps['ingest-co'].url}/v1/comunicazioni`, second)).status).toBe(202);
    const after = await waitFor('the second CO', async () => {
      const c = await cartella(cf);
      return c && c.rapporti.length === 2 ? c : undefined;
    });
    expect(after.versione).toBe(2);
  });

  it('keys Kafka messages by the keyed pseudonym and keeps the codice fiscale inside the payload only', async () => {
    const cf = randomCf();
    const co = hiring(cf);
    expect((await postJson(`${apps['ingest-co'].url}/v1/comunicazioni`, co, { 'X-Correlation-Id': 'key-check' })).status).toBe(202);
    const topic = topicName('coComunicazioni', prefix);
    const messages = await readTopic(topic, () => true);
    const mine = await waitFor('our message', async () => {
      const all = await readTopic(topic, (n) => n > 0);
      return all.find((m) => m.headers['correlation-id'] === 'key-check');
    });
    expect(messages.length).toBeGreaterThan(0);
    expect(mine.key).toBe(createHmac('sha256', TEST_PSEUDONYM_KEY).update(cf).digest('hex'));
    expect(mine.key).not.toContain(cf);
    expect(JSON.stringify(mine.headers)).not.toContain(cf);
    const decoded = decode(mine.value);
    expect(decoded.subject).toBe('co.comunicazione-obbligatoria');
    expect((decoded.value as { payload: { lavoratore: { codiceFiscale: string } } }).payload.lavoratore.codiceFiscale).toBe(cf);
  });

  it('rejects a bad record with problem+json naming every bad field, and nothing reaches the dossier', async () => {
    const cf = randomCf();
    const bad = hiring(cf);
    bad.datore.codiceFiscale = '02877740214'; // wrong check digit
    bad.inizio.tipologiaContrattuale = 'Z9999'; // malformed (a well-formed code the table lacks is only a warning)
    bad.inizio.tipoOrario = 'P'; // part time needs weekly hours
    const res = await postJson(`${apps['ingest-co'].url}/v1/comunicazioni`, bad);
    expect(res.status).toBe(422);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(res.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['datore.codiceFiscale', 'inizio.oreSettimanaliMedie', 'inizio.tipologiaContrattuale']);
    expect(JSON.stringify(res.body)).not.toContain('02877740214');
    expect(await cartella(cf)).toBeUndefined();
  });

  it('sends a poison message to the dead-letter topic and the partition moves on', async () => {
    const cf = randomCf();
    const key = createHmac('sha256', TEST_PSEUDONYM_KEY).update(cf).digest('hex');
    const producer = testKafka().producer();
    await producer.connect();
    await producer.send({ topic: topicName('coComunicazioni', prefix), messages: [{ key, value: Buffer.from('{"not":"avro"}') }] });
    await producer.disconnect();
    // A good event for the same person lands on the same partition, after the poison one.
    expect((await postJson(`${apps['ingest-co'].url}/v1/comunicazioni`, hiring(cf))).status).toBe(202);
    await waitFor('the good event after the poison one', () => cartella(cf));
    const dead = await readTopic(topicName('deadLetters', prefix), (n) => n >= 1);
    const letter = dead.find((d) => d.key === key);
    expect(letter).toBeDefined();
    expect(letter!.value.toString()).toBe('{"not":"avro"}');
    expect(letter!.headers[DLQ_HEADERS.code]).toBe('NotSingleObjectError');
    expect(letter!.headers[DLQ_HEADERS.topic]).toBe(topicName('coComunicazioni', prefix));
  });

  it('never writes a codice fiscale into any log line', () => {
    const logs = Object.values(apps).map((a) => a.output()).join('\n');
    expect(logs.length).toBeGreaterThan(0);
    expect(logs).not.toMatch(/[A-Z]{6}[0-9LMNPQRSTUV]{2}[A-Z][0-9LMNPQRSTUV]{2}[A-Z][0-9LMNPQRSTUV]{3}[A-Z]/);
  });
});
