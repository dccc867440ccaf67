import { generateCoHistories, serializeCoJson, workerCfs } from '@fsl/co';
import { createTestTopics, isolation, waitFor } from '../../../test/support/env';
import type { RunningApp } from '../../../test/support/processes';
import { codici, ingestEnv, post, startIngest, TopicReader, withFreshCodici } from './support';

// Large NDJSON files as BullMQ jobs, with the app as a process: progress at the Location URL, per-line
// results, and resumption after the process is stopped or killed mid-job.
// testTimeout in a jest project config is ignored (it is a global option): set it here.
jest.setTimeout(180_000);

describe('ingest-co: large files as resumable jobs', () => {
  const { prefix } = isolation('ingest-co-lotti');
  // Small chunks so a job spans many commits; a short lock so a killed worker's job is taken over quickly.
  const env = ingestEnv(prefix, { BATCH_CHUNK_SIZE: '250', LOTTI_LOCK_MS: '2000', LINE_MAX_BYTES: '20000' });
  const nextCodice = codici();
  let reader: TopicReader;
  const running: RunningApp[] = [];

  beforeAll(async () => {
    await createTestTopics(prefix);
    reader = await TopicReader.start(prefix);
  });
  // No worker of a previous test may be around to take the next test's job.
  afterEach(async () => {
    await Promise.all(running.splice(0).filter((a) => a.proc.exitCode === null && a.proc.signalCode === null).map((a) => a.stop()));
  });
  afterAll(() => reader?.stop());

  const start = async () => {
    const app = await startIngest(env);
    running.push(app);
    return app;
  };

  /** Generated histories with fresh codici, plus bad lines at the given (1-based) positions. */
  function ndjsonFile(workers: number, seed: number, bad: Record<number, string> = {}) {
    const cos = withFreshCodici(generateCoHistories({ workers, seed }), nextCodice);
    const lines = cos.map(serializeCoJson);
    for (const [pos, text] of Object.entries(bad).sort(([a], [b]) => Number(a) - Number(b))) lines.splice(Number(pos) - 1, 0, text);
    const messages = cos.reduce((n, co) => n + workerCfs(co).length, 0);
    return { text: `${lines.join('\n')}\n`, lines: lines.length, good: cos.length, messages };
  }

  type Lotto = { id: string; stato: string; righeElaborate: number; byteElaborati: number; dimensioneByte: number; accettate: number; duplicate: number; rifiutate: number; inConflitto: number };
  const lotto = async (app: RunningApp, location: string): Promise<Lotto> => (await fetch(`${app.url}${location}`)).json() as Promise<Lotto>;
  const completed = (app: RunningApp, location: string, timeoutMs = 120_000) =>
    waitFor('the job to complete', async () => {
      const l = await lotto(app, location);
      return l.stato === 'COMPLETATO' ? l : undefined;
    }, timeoutMs, 100).catch(async (err) => {
      // A job that never completes is explained by the workers' logs (request lines left out).
      const logs = running.map((a) => a.output().split('\n').filter((l) => !l.includes('"msg":"request"')).join('\n')).join('\n----\n');
      process.stderr.write(`job state: ${JSON.stringify(await lotto(app, location))}\nworker logs:\n${logs}\n`);
      throw err;
    });

  async function acceptedEventIds(app: RunningApp, location: string): Promise<string[]> {
    const ids: string[] = [];
    let from: number | null = 1;
    while (from !== null) {
      const page = (await (await fetch(`${app.url}${location}/esiti?esito=ACCETTATA&limite=5000&dallaRiga=${from}`)).json()) as {
        esiti: { eventIds: string[] }[];
        prossimaRiga: number | null;
      };
      ids.push(...page.esiti.flatMap((e) => e.eventIds));
      from = page.prossimaRiga;
    }
    return ids;
  }

  /** Every expected event is on the topic exactly once. */
  async function publishedOnce(ids: string[], expected: number) {
    expect(ids).toHaveLength(expected);
    expect(new Set(ids).size).toBe(expected);
    const published = await reader.settled(ids, expected);
    expect(published).toHaveLength(expected);
  }

  it('accepts a large file as a job, reports progress and per-line results, and publishes every good line once', async () => {
    const app = await start();
    const file = ndjsonFile(400, 101, { 5: '{"modello":"UNILAV"}', 1000: 'not json', 1500: `{"pad":"${'x'.repeat(30000)}"}` });
    const res = await post(`${app.url}/v1/lotti`, file.text, 'application/x-ndjson');
    expect(res.status).toBe(202);
    const location = res.headers.get('location')!;
    expect(location).toBe(`/v1/lotti/${res.body.id}`);
    expect(res.body).toMatchObject({ stato: 'IN_CODA', dimensioneByte: Buffer.byteLength(file.text), righeElaborate: 0, esiti: `${location}/esiti` });

    const done = await completed(app, location);
    expect(done).toMatchObject({ righeElaborate: file.lines, byteElaborati: done.dimensioneByte, accettate: file.good, duplicate: 0, rifiutate: 3, inConflitto: 0 });
    const rejected = (await (await fetch(`${app.url}${location}/esiti?esito=RIFIUTATA`)).json()) as { esiti: { riga: number; errors: { code: string }[] }[] };
    expect(rejected.esiti.map((e) => [e.riga, e.errors[0].code])).toEqual([
      [5, 'REQUIRED'],
      [1000, 'INVALID_JSON'],
      [1500, 'LINE_TOO_LONG'],
    ]);
    const page = (await (await fetch(`${app.url}${location}/esiti?limite=2`)).json()) as { esiti: { riga: number }[]; prossimaRiga: number };
    expect([page.esiti.map((e) => e.riga), page.prossimaRiga]).toEqual([[1, 2], 3]);
    expect((await fetch(`${app.url}${location}/esiti?limite=0`)).status).toBe(400);
    expect((await fetch(`${app.url}/v1/lotti/00000000-0000-4000-8000-000000000000`)).status).toBe(404);
    await publishedOnce(await acceptedEventIds(app, location), file.messages);
    expect(await app.stop()).toBe(0);
  });

  it.each([
    ['killed (SIGKILL)', 'SIGKILL' as const],
    ['stopped (SIGTERM)', 'SIGTERM' as const],
  ])('resumes a job after the process is %s mid-job: no line lost, none published twice', async (_name, signal) => {
    const first = await start();
    const file = ndjsonFile(1500, signal === 'SIGKILL' ? 202 : 303);
    const res = await post(`${first.url}/v1/lotti`, file.text, 'application/x-ndjson');
    expect(res.status).toBe(202);
    const location = res.headers.get('location')!;
    // Stop right after a chunk was committed: the kill lands between chunks, as a crash usually does.
    let last = 0;
    const atStop = await waitFor('the job to be under way', async () => {
      const l = await lotto(first, location);
      const moved = l.righeElaborate !== last;
      last = l.righeElaborate;
      return moved && l.righeElaborate >= 1000 ? l : undefined;
    }, 60_000, 20);
    first.proc.kill(signal);
    await new Promise((r) => first.proc.once('exit', r));
    expect(atStop.stato).toBe('IN_CORSO');
    expect(atStop.righeElaborate).toBeLessThan(file.lines);

    const second = await start();
    const done = await completed(second, location);
    expect(done).toMatchObject({ righeElaborate: file.lines, accettate: file.good, duplicate: 0, rifiutate: 0, inConflitto: 0 });
    await publishedOnce(await acceptedEventIds(second, location), file.messages);
    expect(await second.stop()).toBe(0);
  });
});
