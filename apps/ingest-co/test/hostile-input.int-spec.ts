import { gzipSync } from 'node:zlib';
import { defaultCodeLists, serializeCoJson, serializeCoXml } from '@fsl/co';
import { readJson } from '@fsl/http';
import { readCoInput } from '../src/co-event.mapping';
import { createTestTopics, isolation, randomCf, waitFor } from '../../../test/support/env';
import { answerBeforeBody } from '../../../test/support/http-probe';
import type { RunningApp } from '../../../test/support/processes';
import { brokenLines, goodRecord, mutatedRecords, mutatedXml } from './hostile-records';
import { codici, ingestEnv, post, startIngest, TopicReader } from './support';

// Hostile input against ingest-co as a process (real broker, Postgres, Redis). What reaches which endpoint:
//   POST /v1/comunicazioni/lotti (NDJSON batch): 10,000 mutated records + 1,000 broken lines + 1,100 good
//     records, shuffled, in 4 requests;
//   POST /v1/lotti (file job): another 10,000 mutated + 1,000 broken + 1,100 good, one file;
//   POST /v1/comunicazioni as JSON: 10,000 mutated records + 100 good ones, one request each;
//   POST /v1/comunicazioni as XML: 10,000 mutated ministry documents + 100 good ones, one request each;
//   in-process, the reading code of the single endpoint (readCoInput, as the controller calls it):
//     10,000 mutated JSON records and 10,000 mutated XML documents, which it must refuse naming a path
//     or accept, never throw.
// The single endpoints cost a request each; they go over keep-alive connections, 8 at a time. Judged: never a 5xx; every refusal is
// problem+json (singles) or a RIFIUTATA line (batches) whose problems each name a path; every good
// record is ACCETTATA and its event is on the topic; nothing answered carries a CF sent in the record.
jest.setTimeout(600_000);

const PROBLEM_JSON = /^application\/problem\+json(;|$)/;
const MUTATED = 10_000;
const BROKEN = 1_000;
const GOOD_IN_BATCH = 1_100;
const SINGLE_JSON = 10_000;
const SINGLE_XML = 10_000;
const GOOD_SINGLE = 100;

interface Line {
  bytes: Buffer;
  good: boolean;
}

interface Esito {
  riga: number;
  esito: string;
  eventIds?: string[];
  errors?: { path: unknown; code: unknown; message: unknown }[];
}

/** Fisher-Yates with a fixed LCG, so the order is the same every run. */
function shuffled<T>(items: T[], seed: number): T[] {
  const out = [...items];
  let s = seed;
  for (let i = out.length - 1; i > 0; i--) {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

function namesItsField(problem: { path: unknown; code: unknown; message: unknown }): boolean {
  return typeof problem.path === 'string' && typeof problem.code === 'string' && problem.code.length > 0 && typeof problem.message === 'string';
}

/**
 * POST, sent once more if the connection was already closed: a keep-alive connection the server closed
 * as idle (its 5 s timeout, reached while this test waited for the topic) fails on the first write,
 * before any of the request reached the server, so nothing is sent twice.
 */
async function postOnce(url: string, contentType: string, body: string | Buffer): Promise<Response> {
  const send = () => fetch(url, { method: 'POST', headers: { 'content-type': contentType }, body });
  return send().catch((err: Error & { cause?: { code?: string } }) => {
    if (!['UND_ERR_SOCKET', 'EPIPE', 'ECONNRESET'].includes(err.cause?.code ?? '')) throw err;
    return send();
  });
}

async function pool<T>(items: T[], concurrency: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < items.length) await fn(items[next++]);
    }),
  );
}

describe('ingest-co: hostile input gets a 4xx and loses nothing', () => {
  const { prefix } = isolation('hostile');
  const nextCodice = codici();
  let app: RunningApp;
  let reader: TopicReader;

  beforeAll(async () => {
    await createTestTopics(prefix);
    app = await startIngest(ingestEnv(prefix, { LINE_MAX_BYTES: String(64 * 1024), LOG_LEVEL: 'info' }));
    reader = await TopicReader.start(prefix);
  });
  afterAll(async () => {
    await reader?.stop();
    expect(await app?.stop()).toBe(0);
  });

  const url = (path: string) => `${app.url}${path}`;

  function batchLines(seed: number): Line[] {
    const mutated = mutatedRecords(MUTATED, seed, nextCodice).map((co) => ({ bytes: Buffer.from(JSON.stringify(co)), good: false }));
    const broken = brokenLines(BROKEN, seed + 1).map((bytes) => ({ bytes, good: false }));
    const good = Array.from({ length: GOOD_IN_BATCH }, () => ({ bytes: Buffer.from(serializeCoJson(goodRecord(nextCodice()))), good: true }));
    return shuffled([...mutated, ...broken, ...good], seed);
  }

  /** Judges per-line results against the lines sent; returns the event ids of every accepted line. */
  function judgeLines(lines: Line[], esiti: Esito[]): string[] {
    expect(esiti.map((e) => e.riga)).toEqual(lines.map((_, i) => i + 1));
    const wrong: unknown[] = [];
    const accepted: string[] = [];
    for (const e of esiti) {
      const line = lines[e.riga - 1];
      if (e.esito === 'ACCETTATA') accepted.push(...(e.eventIds ?? []));
      if (line.good && e.esito !== 'ACCETTATA') wrong.push({ riga: e.riga, good: true, e });
      if (!line.good && e.esito !== 'ACCETTATA' && !(e.esito === 'RIFIUTATA' && e.errors!.length > 0 && e.errors!.every(namesItsField))) wrong.push({ riga: e.riga, e });
    }
    expect(wrong).toEqual([]);
    return accepted;
  }

  it('NDJSON batch: 10,000 mutated records and 1,000 broken lines among good ones', async () => {
    const lines = batchLines(101);
    const accepted: string[] = [];
    const per = Math.ceil(lines.length / 4);
    for (let i = 0; i < lines.length; i += per) {
      const part = lines.slice(i, i + per);
      const body = Buffer.concat(part.flatMap((l) => [l.bytes, Buffer.from('\n')]));
      const res = await postOnce(url('/v1/comunicazioni/lotti'), 'application/x-ndjson', body);
      const answer = (await res.json()) as { esiti: Esito[] };
      expect(res.status).toBe(200);
      accepted.push(...judgeLines(part, answer.esiti));
    }
    expect(accepted.length).toBeGreaterThanOrEqual(GOOD_IN_BATCH);
    expect(await reader.settled(accepted, accepted.length, 500)).toHaveLength(accepted.length);
  });

  it('file job: 10,000 mutated records and 1,000 broken lines among good ones', async () => {
    const lines = batchLines(202);
    const body = Buffer.concat(lines.flatMap((l) => [l.bytes, Buffer.from('\n')]));
    const res = await postOnce(url('/v1/lotti'), 'application/x-ndjson', body);
    expect(res.status).toBe(202);
    const location = res.headers.get('location')!;
    const done = await waitFor(
      'the file job',
      async () => {
        const s = (await (await fetch(url(location))).json()) as { stato: string };
        return s.stato === 'COMPLETATO' || s.stato === 'FALLITO' ? s : undefined;
      },
      300_000,
      500,
    );
    expect(done).toMatchObject({ stato: 'COMPLETATO', righeElaborate: lines.length });
    const esiti: Esito[] = [];
    for (let from: number | null = 1; from !== null; ) {
      const page = (await (await fetch(url(`${location}/esiti?limite=10000&dallaRiga=${from}`))).json()) as { esiti: Esito[]; prossimaRiga: number | null };
      esiti.push(...page.esiti);
      from = page.prossimaRiga;
    }
    const accepted = judgeLines(lines, esiti);
    expect(await reader.settled(accepted, accepted.length, 500)).toHaveLength(accepted.length);
  });

  /** One request per record; judged as above, for a single answer. */
  let singleRequests = 0;

  async function singles(bodies: Array<{ text: string; good: boolean; cfs: string[] }>, contentType: string) {
    const wrong: unknown[] = [];
    const accepted: string[] = [];
    let refused = 0;
    await pool(bodies, 8, async (b) => {
      const res = await postOnce(url('/v1/comunicazioni'), contentType, b.text);
      singleRequests++;
      const text = await res.text();
      const body = JSON.parse(text) as { status?: number; errors?: Esito['errors']; eventIds?: string[]; esito?: string };
      if (res.status === 202) {
        accepted.push(...body.eventIds!);
        if (body.esito !== 'ACCETTATA') wrong.push({ status: res.status, body });
        return;
      }
      refused++;
      const named = res.status === 422 || res.status === 400 ? (body.errors ?? []).length > 0 && body.errors!.every(namesItsField) : false;
      const leaks = b.cfs.filter((cf) => cf.length >= 11 && text.includes(cf));
      if (b.good || res.status >= 500 || !PROBLEM_JSON.test(res.headers.get('content-type') ?? '') || body.status !== res.status || !named || leaks.length) {
        wrong.push({ status: res.status, good: b.good, body: text.slice(0, 300), leaks });
      }
    });
    expect(wrong).toEqual([]);
    expect(refused).toBeGreaterThan(bodies.length / 2); // the generator does produce bad records
    expect(await reader.settled(accepted, accepted.length, 500)).toHaveLength(accepted.length);
  }

  const cfsOf = (co: Record<string, unknown>) => [(co.lavoratore as { codiceFiscale?: unknown } | undefined)?.codiceFiscale].filter((x): x is string => typeof x === 'string');

  it('single JSON records: 3,000 mutated ones among good ones', async () => {
    const bodies = shuffled(
      [
        ...mutatedRecords(SINGLE_JSON, 303, nextCodice).map((co) => ({ text: JSON.stringify(co), good: false, cfs: cfsOf(co) })),
        ...Array.from({ length: GOOD_SINGLE }, () => ({ text: serializeCoJson(goodRecord(nextCodice())), good: true, cfs: [] })),
      ],
      303,
    );
    await singles(bodies, 'application/json');
  });

  it('single XML documents: 2,000 mutated ones among good ones', async () => {
    const bodies = shuffled(
      [
        ...mutatedXml(SINGLE_XML, 404, nextCodice).map((text) => ({ text, good: false, cfs: [] })),
        ...Array.from({ length: GOOD_SINGLE }, () => ({ text: serializeCoXml(goodRecord(nextCodice())), good: true, cfs: [] })),
      ],
      404,
    );
    await singles(bodies, 'application/xml');
  });

  it('logs every correlation id exactly as answered (the mask used to alter some)', async () => {
    await new Promise((r) => setTimeout(r, 500)); // asynchronous log writes
    const ids = app
      .output()
      .split('\n')
      .flatMap((l) => {
        try {
          return [(JSON.parse(l) as { correlationId?: string }).correlationId];
        } catch {
          return []; // the last line may still be being written
        }
      })
      .filter((id): id is string => id !== undefined);
    expect(ids.length).toBeGreaterThan(singleRequests); // the access lines of the single requests above, and more
    expect(singleRequests).toBeGreaterThan(5_000);
    expect(ids.filter((id) => !/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(id))).toEqual([]);
  });
});

describe('ingest-co: the points of the hostile-input report, one by one', () => {
  const { prefix } = isolation('hostile-points');
  const nextCodice = codici();
  let app: RunningApp;
  let reader: TopicReader;

  beforeAll(async () => {
    await createTestTopics(prefix);
    app = await startIngest(ingestEnv(prefix, { BATCH_MAX_BYTES: String(4 * 1024 * 1024) }));
    reader = await TopicReader.start(prefix);
  });
  afterAll(async () => {
    await reader?.stop();
    expect(await app?.stop()).toBe(0);
  });

  const deepJson = (depth: number) => `{"modello":${'['.repeat(depth)}${']'.repeat(depth)}}`;
  const single = (body: string, type = 'application/json', headers: Record<string, string> = {}) => post(`${app.url}/v1/comunicazioni`, body, type, headers);

  function expectProblem(res: { status: number; headers: Headers; body: unknown }, status: number) {
    expect(res.status).toBe(status);
    expect(res.headers.get('content-type')).toMatch(PROBLEM_JSON);
    expect(res.body).toMatchObject({ status });
  }

  it('refuses JSON nested thousands deep (a 6 KB body) with a 422, as a single record and as a batch line whose neighbours are kept', async () => {
    const deep = deepJson(3000);
    expect(deep.length).toBeGreaterThan(6000);
    const res = await single(deep);
    expectProblem(res, 422);
    expect(res.body.errors).toEqual([expect.objectContaining({ path: '', code: 'JSON_TOO_DEEP' })]);

    const good = [goodRecord(nextCodice()), goodRecord(nextCodice())];
    const batch = await post(`${app.url}/v1/comunicazioni/lotti`, [serializeCoJson(good[0]), deep, serializeCoJson(good[1])].join('\n'), 'application/x-ndjson');
    expect(batch.status).toBe(200);
    expect(batch.body.esiti.map((e: Esito) => [e.riga, e.esito, e.errors?.[0]?.code])).toEqual([
      [1, 'ACCETTATA', undefined],
      [2, 'RIFIUTATA', 'JSON_TOO_DEEP'],
      [3, 'ACCETTATA', undefined],
    ]);
    const ids = batch.body.esiti.flatMap((e: Esito) => e.eventIds ?? []);
    expect(await reader.settled(ids, 2, 300)).toHaveLength(2);

    const deepXml = `<UniLav xmlns="http://servizi.lavoro.gov.it/unilav">${'<a>'.repeat(3000)}${'</a>'.repeat(3000)}</UniLav>`;
    expectProblem(await single(deepXml, 'application/xml'), 422);
  });

  const headersOnly = (path: string, headers: Record<string, string>, chunks: Buffer[] = []) => answerBeforeBody(`${app.url}${path}`, headers, chunks);

  const ENDPOINTS: Array<[string, string, string]> = [
    ['single JSON', '/v1/comunicazioni', 'application/json'],
    ['single XML', '/v1/comunicazioni', 'application/xml'],
    ['NDJSON batch', '/v1/comunicazioni/lotti', 'application/x-ndjson'],
    ['file job', '/v1/lotti', 'application/x-ndjson'],
  ];

  it.each(ENDPOINTS)('%s: a declared size over the limit is a 413 before any byte of the body is sent', async (_name, path, type) => {
    const res = await headersOnly(path, { 'content-type': type, 'content-length': String(8 * 1024 ** 3) });
    expect([res.status, res.type, res.body.code]).toEqual([413, 'application/problem+json', 'PAYLOAD_TOO_LARGE']);
  });

  let bomb: Buffer | undefined;
  it.each(ENDPOINTS)('%s: a gzip body (here a bomb: 100 MB of zeros in ~100 kB) is a 415, never inflated', async (_name, path, type) => {
    bomb ??= gzipSync(Buffer.alloc(100 * 1024 * 1024), { level: 9 });
    const res = await headersOnly(path, { 'content-type': type, 'content-encoding': 'gzip', 'content-length': String(bomb.length) }, [bomb.subarray(0, 1024)]);
    expect([res.status, res.type, res.body.code]).toEqual([415, 'application/problem+json', 'UNSUPPORTED_MEDIA_TYPE']);
    const br = await headersOnly(path, { 'content-type': type, 'content-encoding': 'br', 'content-length': '10' });
    expect(br.status).toBe(415);
  });

  it.each(ENDPOINTS)('%s: a charset other than UTF-8 is a 415', async (_name, path, type) => {
    const res = await post(`${app.url}${path}`, '{}', `${type}; charset=ISO-8859-1`);
    expectProblem(res, 415);
    expect(res.body.code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });

  it('counts the bytes of a body sent without a length: 2 MB of JSON or XML in chunks is a 413', async () => {
    for (const type of ['application/json', 'application/xml']) {
      const chunks = Array.from({ length: 32 }, () => Buffer.alloc(64 * 1024, 0x20));
      const res = await headersOnly('/v1/comunicazioni', { 'content-type': type, 'transfer-encoding': 'chunked' }, chunks);
      expect([res.status, res.type, res.body.code]).toEqual([413, 'application/problem+json', 'PAYLOAD_TOO_LARGE']);
    }
  });

  const worker = randomCf();
  // Each of these, trimmed or upper-cased the Unicode way, is exactly `worker`.
  const disguised = [`\u00A0${worker}`, `\uFEFF${worker}`, `${worker}\u3000`, `${worker}\u2028`, worker.replace(/S/, 'ſ'), worker.replace(/I/, 'ı'), worker.replace(/SS/, 'ß'), worker.replace(/FI/, 'ﬁ'), worker.replace(/FF/, 'ﬀ'), worker.replace(/FL/, 'ﬂ')].filter((v) => v !== worker);

  it('refuses a codice fiscale with non-ASCII characters in JSON, NDJSON and XML instead of folding it into another code', async () => {
    expect(disguised.length).toBeGreaterThanOrEqual(4);
    for (const cf of disguised) {
      const co = goodRecord(nextCodice());
      co.lavoratore.codiceFiscale = cf;
      const res = await single(JSON.stringify(co));
      expectProblem(res, 422);
      expect(res.body.errors.map((e: { path: string }) => e.path)).toContain('lavoratore.codiceFiscale');

      const line = await post(`${app.url}/v1/comunicazioni/lotti`, JSON.stringify({ ...co, datiInvio: { ...co.datiInvio, codiceComunicazione: nextCodice() } }), 'application/x-ndjson');
      expect(line.body.esiti[0]).toMatchObject({ esito: 'RIFIUTATA', errors: expect.arrayContaining([expect.objectContaining({ path: 'lavoratore.codiceFiscale' })]) });

      const xml = serializeCoXml(goodRecord(nextCodice(), worker)).replace(`>${worker}<`, `>${cf}<`);
      expect(xml).toContain(cf);
      const xmlRes = await single(xml, 'application/xml');
      expectProblem(xmlRes, 422);
    }
  });

  it('never quotes the body in a JSON error, and never takes a CF-shaped correlation id', async () => {
    const res = await single(`${worker}, then garbage`);
    expectProblem(res, 400);
    expect(res.text).not.toContain(worker.slice(0, 6));

    const co = goodRecord(nextCodice());
    for (const bad of [worker, '12345678903', `req-${worker}`, 'a:b', 'x'.repeat(65)]) {
      const refused = await single('{', 'application/json', { 'x-correlation-id': bad });
      expect(refused.headers.get('x-correlation-id')).not.toBe(bad);
      expect(refused.body.correlationId).toBe(refused.headers.get('x-correlation-id'));
      expect(refused.text).not.toContain(bad);
    }
    const sent = await single(JSON.stringify(co), 'application/json', { 'x-correlation-id': worker });
    expect(sent.status).toBe(202);
    const [message] = await reader.settled(sent.body.eventIds, 1, 300);
    expect(message.headers['correlation-id']).toBe(sent.headers.get('x-correlation-id'));
    expect(JSON.stringify(message.headers)).not.toContain(worker);

    const kept = await single(JSON.stringify(goodRecord(nextCodice())), 'application/json', { 'x-correlation-id': 'client-42.retry_1' });
    expect(kept.headers.get('x-correlation-id')).toBe('client-42.retry_1');
    const [keptMessage] = await reader.settled(kept.body.eventIds, 1, 300);
    expect(keptMessage.headers['correlation-id']).toBe('client-42.retry_1');
  });
});

describe('ingest-co: the single endpoint\'s reading code, in-process, on 10,000 records of each format', () => {
  const ctx = { codeLists: defaultCodeLists(), now: Date.now() };
  const nextCodice = codici();

  function judge(read: () => ReturnType<typeof readCoInput>): string | undefined {
    let r: ReturnType<typeof readCoInput>;
    try {
      r = read();
    } catch (err) {
      return `threw ${String(err)}`;
    }
    if (r.ok) return undefined;
    return r.problems.length > 0 && r.problems.every(namesItsField) ? undefined : `problems without a path: ${JSON.stringify(r.problems)}`;
  }

  it('JSON: refuses naming a path, or accepts; never throws', () => {
    const wrong = mutatedRecords(MUTATED, 505, nextCodice).flatMap((co, i) => {
      const parsed = readJson(JSON.stringify(co)); // what the HTTP layer hands to the controller
      const verdict = parsed.ok ? judge(() => readCoInput({ format: 'json', value: parsed.value }, ctx)) : undefined;
      return verdict ? [{ i, verdict }] : [];
    });
    expect(wrong).toEqual([]);
  });

  it('XML: refuses naming a path, or accepts; never throws', () => {
    const wrong = mutatedXml(MUTATED, 606, nextCodice).flatMap((text, i) => {
      const verdict = judge(() => readCoInput({ format: 'xml', text }, ctx));
      return verdict ? [{ i, verdict }] : [];
    });
    expect(wrong).toEqual([]);
  });
});
