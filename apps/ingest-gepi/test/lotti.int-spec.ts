import { waitFor } from '../../../test/support/env';
import { casoOfId, CFS, ENTITA, ids, post, record, suiteIngest } from './support';

// A large NDJSON file of mixed GePI entities as a BullMQ job, with the app as a process: 202 + Location,
// progress, per-line results naming each record, one event per accepted line under its case id.
// testTimeout in a jest project config is ignored (it is a global option): set it here.
jest.setTimeout(180_000);

describe('ingest-gepi: files of mixed entities as jobs', () => {
  const running = suiteIngest('ingest-gepi-lotti', { BATCH_CHUNK_SIZE: '5' });
  const nextId = ids();

  type Lotto = { id: string; stato: string; righeElaborate: number; accettate: number; duplicate: number; rifiutate: number; inConflitto: number };
  type Esito = { riga: number; esito: string; entita?: string; id?: string; versione?: number; obsoleta?: boolean; eventIds?: string[]; errors?: { path: string; code: string }[] };

  it('accepts a file as a job, reports progress and per-line results naming each record, and publishes every good line once', async () => {
    // Per entity: version 3, the same again (a duplicate), then version 2 (older: obsoleta).
    const records = ENTITA.flatMap((entita) => {
      const id = nextId();
      return [3, 3, 2].map((v) => ({ entita, ...record(entita, id, v) }));
    });
    const lines = records.map((r) => JSON.stringify(r));
    lines.splice(3, 0, JSON.stringify(record('pais', nextId()))); // line 4: no entita
    lines.splice(7, 0, JSON.stringify({ entita: 'fascicolo', ...record('caso', nextId()) })); // line 8: unknown entity
    lines.splice(11, 0, JSON.stringify({ entita: 'caso', ...record('caso', nextId()), dati: { stato: 'APERTO' } })); // line 12: bad record
    lines.splice(16, 0, ''); // line 17: blank
    const res = await post(`${running.app.url}/v1/lotti`, `${lines.join('\n')}\n`, 'application/x-ndjson', { 'X-Correlation-Id': 'gepi-file-1' });
    expect(res.status).toBe(202);
    const location = res.headers.get('location')!;
    expect([location, res.body.stato]).toEqual([`/v1/lotti/${res.body.id}`, 'IN_CODA']);
    const done = await waitFor('the job to complete', async () => {
      const l = (await (await fetch(`${running.app.url}${location}`)).json()) as Lotto;
      return l.stato === 'COMPLETATO' ? l : undefined;
    }, 120_000, 100);
    expect(done).toMatchObject({ righeElaborate: lines.length, accettate: 16, duplicate: 8, rifiutate: 3, inConflitto: 0 });

    const page = (await (await fetch(`${running.app.url}${location}/esiti?limite=10000`)).json()) as { esiti: Esito[]; prossimaRiga: number | null };
    expect(page.prossimaRiga).toBeNull();
    const byLine = new Map(page.esiti.map((e) => [e.riga, e]));
    expect(byLine.get(4)).toMatchObject({ esito: 'RIFIUTATA', errors: [expect.objectContaining({ path: 'entita', code: 'ENTITA_REQUIRED' })] });
    expect(byLine.get(8)).toMatchObject({ esito: 'RIFIUTATA', errors: [expect.objectContaining({ path: 'entita', code: 'ENTITA_UNKNOWN' })] });
    expect(byLine.get(12)).toMatchObject({ esito: 'RIFIUTATA', errors: expect.arrayContaining([expect.objectContaining({ path: 'dati.stato' })]) });
    expect(byLine.has(17)).toBe(false);
    const valid = page.esiti.filter((e) => e.esito !== 'RIFIUTATA');
    expect(valid.map((e) => [e.entita, e.id, e.versione, e.esito, e.obsoleta ?? false])).toEqual(
      records.map((r, i) => [r.entita, r.id, r.versione, i % 3 === 1 ? 'DUPLICATA' : 'ACCETTATA', i % 3 === 2]),
    );
    const text = JSON.stringify(page);
    for (const cf of CFS) expect(text).not.toContain(cf);

    const accepted = valid.filter((e) => e.esito === 'ACCETTATA');
    const published = await running.reader.settled(accepted.flatMap((e) => e.eventIds!), accepted.length);
    expect(published).toHaveLength(accepted.length);
    expect(new Set(published.map((m) => m.key))).toEqual(new Set(records.map((r) => casoOfId(r.entita, r.id))));
    for (const m of published) expect(m.headers['correlation-id']).toBe('gepi-file-1');
  });

  it('answers an unknown job 404 as problem+json', async () => {
    const missing = await fetch(`${running.app.url}/v1/lotti/00000000-0000-4000-8000-000000000000`);
    expect([missing.status, missing.headers.get('content-type')?.split(';')[0]]).toEqual([404, 'application/problem+json']);
    await missing.text();
  });
});
