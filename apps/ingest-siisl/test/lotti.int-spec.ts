import { ENTITA, siislFixtures as F } from '@fsl/siisl';
import { waitFor } from '../../../test/support/env';
import { CITIZENS, ids, post, record, suiteIngest } from './support';

// A large NDJSON file of mixed entities as a BullMQ job, with the app as a process: 202 + Location,
// progress, per-line results naming each record, events published once.
// testTimeout in a jest project config is ignored (it is a global option): set it here.
jest.setTimeout(180_000);

describe('ingest-siisl: files of mixed entities as jobs', () => {
  const running = suiteIngest('ingest-siisl-lotti', { BATCH_CHUNK_SIZE: '7' });
  const nextId = ids();

  type Lotto = { id: string; stato: string; righeElaborate: number; accettate: number; duplicate: number; rifiutate: number; inConflitto: number; esiti: string };
  const lotto = async (location: string): Promise<Lotto> => (await fetch(`${running.app.url}${location}`)).json() as Promise<Lotto>;
  const completed = (location: string) =>
    waitFor('the job to complete', async () => {
      const l = await lotto(location);
      return l.stato === 'COMPLETATO' ? l : undefined;
    }, 120_000, 100);

  it('accepts a file as a job, reports progress and per-line results with each record named, and publishes every good line once', async () => {
    // Three lines per entity: version 2, the same again (a duplicate), then version 1 (older: obsoleta).
    const records = ENTITA.flatMap((entita) => {
      const id = nextId();
      return [
        { entita, ...record(entita, id, 2) },
        { entita, ...record(entita, id, 2) },
        { entita, ...record(entita, id, 1) },
      ];
    });
    const lines = records.map((r) => JSON.stringify(r));
    lines.splice(4, 0, JSON.stringify(record('puc', nextId()))); // line 5: no entita
    lines.splice(9, 0, JSON.stringify({ entita: 'cartella', ...record('puc', nextId()) })); // line 10: unknown entity
    lines.splice(14, 0, ''); // line 15: blank
    const res = await post(`${running.app.url}/v1/lotti`, `${lines.join('\n')}\n`, 'application/x-ndjson', { 'X-Correlation-Id': 'siisl-file-1' });
    expect(res.status).toBe(202);
    const location = res.headers.get('location')!;
    expect(location).toBe(`/v1/lotti/${res.body.id}`);
    expect(res.body.stato).toBe('IN_CODA');
    const done = await completed(location);
    expect(done).toMatchObject({ righeElaborate: lines.length, accettate: 16, duplicate: 8, rifiutate: 2, inConflitto: 0 });

    const page = (await (await fetch(`${running.app.url}${location}/esiti?limite=10000`)).json()) as {
      esiti: { riga: number; esito: string; entita?: string; id?: string; versione?: number; obsoleta?: boolean; eventIds?: string[]; errors?: { path: string; code: string }[] }[];
      prossimaRiga: number | null;
    };
    expect(page.prossimaRiga).toBeNull();
    const byLine = new Map(page.esiti.map((e) => [e.riga, e]));
    expect(byLine.get(5)).toMatchObject({ esito: 'RIFIUTATA', errors: [expect.objectContaining({ path: 'entita', code: 'ENTITA_REQUIRED' })] });
    expect(byLine.get(10)).toMatchObject({ esito: 'RIFIUTATA', errors: [expect.objectContaining({ path: 'entita', code: 'ENTITA_UNKNOWN' })] });
    expect(byLine.has(15)).toBe(false);
    const valid = page.esiti.filter((e) => e.esito !== 'RIFIUTATA');
    expect(valid.map((e) => [e.entita, e.id, e.versione, e.esito, e.obsoleta ?? false])).toEqual(
      records.map((r, i) => [r.entita, r.id, r.versione, i % 3 === 1 ? 'DUPLICATA' : 'ACCETTATA', i % 3 === 2]),
    );
    expect(JSON.stringify(page)).not.toContain(F.CITTADINO_CF);

    const accepted = valid.filter((e) => e.esito === 'ACCETTATA');
    const expected = accepted.reduce((n, e) => n + Math.max(1, CITIZENS[e.entita as keyof typeof CITIZENS].length), 0);
    const published = await running.reader.settled(accepted.flatMap((e) => e.eventIds!), expected);
    expect(published).toHaveLength(expected);
    for (const m of published) expect(m.headers['correlation-id']).toBe('siisl-file-1');
  });

  it('answers an unknown job 404 and bad paging parameters 400, as problem+json', async () => {
    const missing = await fetch(`${running.app.url}/v1/lotti/00000000-0000-4000-8000-000000000000`);
    expect([missing.status, missing.headers.get('content-type')?.split(';')[0]]).toEqual([404, 'application/problem+json']);
    await missing.text();
    const res = await post(`${running.app.url}/v1/lotti`, `${JSON.stringify({ entita: 'corso', ...record('corso', nextId()) })}\n`, 'application/x-ndjson');
    const bad = await fetch(`${running.app.url}${res.headers.get('location')}/esiti?limite=0&esito=FORSE`);
    const body = (await bad.json()) as { errors: { path: string }[] };
    expect([bad.status, body.errors.map((e) => e.path)]).toEqual([400, ['limite', 'esito']]);
  });
});
