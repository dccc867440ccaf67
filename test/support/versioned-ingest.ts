// The cases every versioned JSON source (ingest-siisl, ingest-gepi) must pass through the real broker, the
// same for each: per entity accepted / duplicate / 409 / obsoleta / deletion, a bad record per entity naming
// its field, unknown codes warned and counted once, a mixed batch keeping its good lines, staleness inside a
// batch, 413. A source's suite brings its records and how it checks what was published.
import { isolation, waitFor } from './env';
import { closedPort, expectUnavailable, post, unknownCodesMetric, type TopicMessage, type TopicReader } from './ingest';
import type { RunningApp } from './processes';

export type Answer = Awaited<ReturnType<typeof post>>;
type Line = { riga: number; esito: string; entita?: string; id?: string; versione?: number; obsoleta?: boolean; eventIds?: string[]; errors?: { path: string; code: string }[] };
type Rec = { id: string; versione: number; aggiornatoIl: string } & Record<string, any>;

export interface VersionedSource<E extends string> {
  running: { app: RunningApp; reader: TopicReader<unknown> };
  /** The metric label (ingest_<source>_unknown_codes_total) and the 409 code. */
  source: string;
  conflictCode: string;
  entita: readonly E[];
  nextId: () => string;
  record(entita: E, id: string, versione?: number): object;
  deletion(entita: E, id: string, versione: number): object;
  /** Messages one record gives. */
  messagesOf(entita: E): number;
  /** Asserts `res` accepted `sent` and its messages on the topic; returns them. */
  published(entita: E, res: Answer, sent: object, correlationId?: string): Promise<TopicMessage<unknown>[]>;
  /** Values that must never be in an answer (the fixtures' CFs). */
  secrets: readonly string[];
  /** Per entity, a change that makes the record invalid and the path it is refused at. */
  bad: [E, (r: Record<string, any>) => void, string][];
  /** A well-formed code the table does not know: the change, its path, table and code. */
  unknownCodes: [E, (r: Record<string, any>) => void, string, string, string][];
  /** The mixed batch: its entity, a spoiled record refused at `path` with `code`, another entity. */
  batch: { entita: E; spoil: (r: Record<string, any>) => void; path: string; code: string; other: E };
}

export function describeVersionedSource<E extends string>(s: VersionedSource<E>): void {
  const url = () => s.running.app.url;
  const one = (entita: string, body: unknown, headers: Record<string, string> = {}) => post(`${url()}/v1/${entita}`, JSON.stringify(body), 'application/json', headers);
  const batch = (entita: string, lines: string[]) => post(`${url()}/v1/${entita}/lotti`, lines.join('\n'), 'application/x-ndjson');
  const rec = (entita: E, id: string, versione?: number) => s.record(entita, id, versione) as Rec;
  const noSecret = (text: string) => {
    for (const v of s.secrets) expect(text).not.toContain(v);
  };

  describe.each([...s.entita])('%s', (entita) => {
    it('accepts a record after Kafka acknowledged it, with its events on the right key, subject and correlation id', async () => {
      const r = rec(entita, s.nextId());
      await s.published(entita, await one(entita, r, { 'X-Correlation-Id': `${s.source}-${entita}` }), r, `${s.source}-${entita}`);
    });

    it('answers a re-sent version DUPLICATA with no second message, and other content under the same version 409', async () => {
      const r = rec(entita, s.nextId());
      const first = await one(entita, r);
      expect(first.status).toBe(202);
      const again = await one(entita, structuredClone(r)); // same content, another object
      expect([again.status, again.body]).toEqual([202, expect.objectContaining({ esito: 'DUPLICATA', entita, id: r.id, versione: 1, eventIds: first.body.eventIds })]);
      const changed = await one(entita, { ...r, aggiornatoIl: '2025-03-10T09:31:00+01:00' });
      expect(changed.status).toBe(409);
      expect(changed.headers.get('content-type')).toContain('application/problem+json');
      expect(changed.body).toMatchObject({ code: s.conflictCode, errors: [expect.objectContaining({ path: 'versione', code: 'VERSIONE_GIA_ACCETTATA' })] });
      noSecret(changed.text);
      expect(await s.running.reader.settled(first.body.eventIds, s.messagesOf(entita))).toHaveLength(s.messagesOf(entita));
    });

    it('accepts an older version arriving after a newer one as obsoleta, and publishes it for the history', async () => {
      const id = s.nextId();
      const newer = await one(entita, rec(entita, id, 5));
      expect(newer.body).toMatchObject({ esito: 'ACCETTATA', versione: 5 });
      expect(newer.body.obsoleta).toBeUndefined();
      const older = rec(entita, id, 3);
      const res = await one(entita, older);
      expect(res.body).toMatchObject({ esito: 'ACCETTATA', versione: 3, obsoleta: true });
      await s.published(entita, res, older);
      const newest = await one(entita, rec(entita, id, 6));
      expect(newest.body).toMatchObject({ esito: 'ACCETTATA', versione: 6 });
      expect(newest.body.obsoleta).toBeUndefined();
    });

    it('accepts a deletion as a version of its own, published as a VOID', async () => {
      const id = s.nextId();
      expect((await one(entita, rec(entita, id, 1))).status).toBe(202);
      const gone = s.deletion(entita, id, 2);
      await s.published(entita, await one(entita, gone), gone);
    });
  });

  it.each(s.bad)('%s: refuses a bad record with 422 problem+json naming the field, without personal values', async (entita, spoil, path) => {
    const r = rec(entita, s.nextId());
    const sent = JSON.stringify(r);
    spoil(r);
    const res = await one(entita, r);
    expect(res.status).toBe(422);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect(res.body.errors).toContainEqual(expect.objectContaining({ path, code: expect.stringMatching(/^[A-Z_]+$/) }));
    noSecret(res.text);
    // A value the change wrote (e.g. a CF with a wrong check character) is not echoed either.
    for (const v of JSON.stringify(r).match(/"[A-Z0-9]{16}"/g) ?? []) if (!sent.includes(v)) expect(res.text).not.toContain(v.slice(1, -1));
  });

  it.each(s.unknownCodes)('%s: accepts a well-formed code the table does not know, with its warning, and counts it once', async (entita, set, path, tabella, codice) => {
    const count = () => unknownCodesMetric(s.running.app.metricsUrl, s.source, tabella, codice);
    const before = await count();
    const r = rec(entita, s.nextId());
    set(r);
    const res = await one(entita, r);
    expect(res.status).toBe(202);
    expect(res.body.avvisi).toContainEqual({ path, code: 'CODE_UNKNOWN', message: expect.any(String), tabella, codice });
    await s.published(entita, res, r);
    await waitFor('the unknown code counted', async () => ((await count()) === before + 1 ? true : undefined));
    // Counted once: a duplicate was counted when first accepted.
    expect((await one(entita, r)).body).toMatchObject({ esito: 'DUPLICATA', avvisi: expect.arrayContaining([expect.objectContaining({ code: 'CODE_UNKNOWN', codice })]) });
    expect(await count()).toBe(before + 1);
  });

  it('keeps every good line of an NDJSON batch and reports the bad ones by line number, with every problem', async () => {
    const { entita } = s.batch;
    const good = Array.from({ length: 10 }, () => rec(entita, s.nextId()));
    const lines = good.map((r) => JSON.stringify(r));
    const spoiled = rec(entita, s.nextId());
    s.batch.spoil(spoiled);
    lines.splice(2, 0, JSON.stringify(spoiled)); // line 3
    lines.splice(5, 0, '{"id":'); // line 6
    lines.splice(7, 0, ''); // line 8: blank, skipped
    lines.splice(9, 0, JSON.stringify({ ...good[4], entita: s.batch.other })); // line 10: another entity than the route's
    lines.push(JSON.stringify({ ...good[0], entita })); // line 15: repeat of line 1, naming its entity
    lines.push(JSON.stringify({ ...good[1], aggiornatoIl: '2025-03-10T09:31:00+01:00' })); // line 16: other content, same version
    const res = await batch(entita, lines);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ righe: 15, accettate: 10, duplicate: 1, rifiutate: 3, inConflitto: 1 });
    const esiti = res.body.esiti as Line[];
    const refused = esiti.filter((e) => e.esito === 'RIFIUTATA');
    expect(refused.map((e) => e.riga)).toEqual([3, 6, 10]);
    expect(refused[0].errors).toContainEqual(expect.objectContaining({ path: s.batch.path, code: s.batch.code }));
    expect(refused[1].errors).toEqual([expect.objectContaining({ code: 'INVALID_JSON' })]);
    expect(refused[2].errors).toEqual([expect.objectContaining({ path: 'entita', code: 'ENTITA_MISMATCH' })]);
    expect(esiti.find((e) => e.riga === 15)).toMatchObject({ esito: 'DUPLICATA', entita, id: good[0].id, versione: 1 });
    expect(esiti.find((e) => e.riga === 16)).toMatchObject({ esito: 'IN_CONFLITTO', entita, id: good[1].id });
    noSecret(res.text);
    const accepted = esiti.filter((e) => e.esito === 'ACCETTATA');
    expect(accepted.map((e) => e.id)).toEqual(good.map((r) => r.id));
    const published = await s.running.reader.settled(accepted.flatMap((e) => e.eventIds!), 10 * s.messagesOf(entita));
    expect(new Set(published.map((m) => (m.event as { payload: { id: string } }).payload.id))).toEqual(new Set(good.map((r) => r.id)));
  });

  it('marks a stale version within one batch the same as across requests', async () => {
    const id = s.nextId();
    const res = await batch(s.batch.entita, [4, 2, 7, 5].map((v) => JSON.stringify(rec(s.batch.entita, id, v))));
    expect((res.body.esiti as Line[]).map((e) => [e.versione, e.obsoleta ?? false])).toEqual([
      [4, false],
      [2, true],
      [7, false],
      [5, true],
    ]);
  });

  it('refuses a batch over the synchronous limit (BATCH_MAX_LINES 300) with 413 naming the file-job route', async () => {
    const tooMany = await batch(s.batch.entita, Array.from({ length: 301 }, () => JSON.stringify(rec(s.batch.entita, s.nextId()))));
    expect(tooMany.status).toBe(413);
    expect(tooMany.body.detail).toContain('/v1/lotti');
  });
}

/**
 * The app with its broker on a closed port: a record and a batch are answered 503 with Retry-After, and
 * nothing is claimed (the same record is still new, not a duplicate, on the next try).
 */
export function describeBrokerOutage<E extends string>(
  app: string,
  under: { env(prefix: string, extra?: Record<string, string>): Record<string, string>; start(env: Record<string, string>): Promise<RunningApp> },
  s: Pick<VersionedSource<E>, 'nextId' | 'record' | 'secrets'> & { entita: E },
): void {
  describe(`${app} while the broker is unreachable`, () => {
    const { prefix } = isolation(`${app}-nobroker`);
    let running: RunningApp;
    beforeAll(async () => {
      running = await under.start(under.env(prefix, { KAFKA_BROKERS: `127.0.0.1:${await closedPort()}`, KAFKA_PRODUCE_TIMEOUT_MS: '2000' }));
    });
    afterAll(async () => {
      expect(await running?.stop()).toBe(0);
    });

    it('answers a record and a batch 503 with Retry-After, and accepts nothing: the same record is new, not a duplicate, on the next try', async () => {
      const one = (body: unknown) => post(`${running.url}/v1/${s.entita}`, JSON.stringify(body), 'application/json');
      const r = s.record(s.entita, s.nextId());
      expectUnavailable(await one(r), s.secrets);
      expectUnavailable(await post(`${running.url}/v1/${s.entita}/lotti`, JSON.stringify(s.record(s.entita, s.nextId())), 'application/x-ndjson'), s.secrets);
      // Still 503, not 202 DUPLICATA: the claim was rolled back with the failed publish.
      expectUnavailable(await one(r), s.secrets);
    });
  });
}
