// One fascicolo is one moment of the database: its statements (dossier version, cartella lavorativa, cartella
// formativa, …) run in one snapshot, so a cartella the builder commits while a read is in flight is either
// wholly in the answer, with its version, or wholly out of it. The read is held open at a known point by a hook
// on the pg client (the app runs in-process): the statement of the cartella formativa waits until the one of
// the cartella lavorativa has answered and the builder — plain SQL under its role — has committed a newer
// version with a new enrolment. Everything else is the real app, guard, Postgres and audit.
import { randomBytes } from 'node:crypto';
import { Client, Pool } from 'pg';
import { applyBatch, emptyState } from '@fsl/cartella-lavorativa';
import { applyCittadino, emptyCittadino as emptyFormazione } from '@fsl/cartella-formativa';
import { coFixtures } from '@fsl/co';
import { siislFixtures as F, type Iscrizione } from '@fsl/siisl';
import { appDatabaseUrl, randomCf } from '../../../test/support/env';
import { DATABASE_URL, startApi, type Harness } from './support/harness';

type Upd<R> = Extract<R, { operazione: 'AGGIORNAMENTO' }>;

const CF = randomCf();
const ISCR = `ISCR-${randomBytes(4).toString('hex').toUpperCase()}`;
// The statements of the two cartelle, told apart by their joins (cartella-lavorativa.repository.ts, fascicolo/sources.ts).
const LAVORATIVA_SQL = 'LEFT JOIN cartella_lavorativa c ON';
const FORMATIVA_SQL = 'LEFT JOIN cartella_formativa f ON';

const POOL_SIZE = 3;
let builder: Pool;
let h: Harness;

/** The builder applying one SIISL enrolment: the citizen's state and the dossier version, in one transaction. */
async function commitEnrolment(): Promise<void> {
  const r = F.valid('iscrizione') as Upd<Iscrizione>;
  const state = applyCittadino(emptyFormazione(CF), 'iscrizione', { ...r, id: ISCR, codiceFiscale: CF }).state;
  const client = await builder.connect();
  try {
    await client.query('BEGIN');
    await client.query('INSERT INTO cartella_formativa (codice_fiscale, state) VALUES ($1, $2::jsonb)', [CF, JSON.stringify(state)]);
    await client.query('UPDATE dossier SET version = 2, updated_at = now() WHERE codice_fiscale = $1', [CF]);
    await client.query('COMMIT');
  } finally {
    client.release();
  }
}

type Query = (this: Client, ...args: unknown[]) => unknown;
const original = Client.prototype.query as unknown as Query;

/**
 * Until the next statement of a cartella formativa: every statement of a cartella lavorativa is watched, and that
 * statement of the cartella formativa is sent only once one of the cartella lavorativa has answered and
 * `meanwhile` has run. Both of pg's forms are kept: a callback (the pool's query) or a promise (a client's).
 */
function holdFormativa(meanwhile: () => Promise<void>): void {
  let lavorativaAnswered!: () => void;
  const answered = new Promise<void>((resolve) => (lavorativaAnswered = resolve));
  (Client.prototype as unknown as { query: Query }).query = function (this: Client, ...args: unknown[]) {
    const text = typeof args[0] === 'string' ? args[0] : ((args[0] as { text?: string } | undefined)?.text ?? '');
    const last = args.length - 1;
    const callback = typeof args[last] === 'function' ? (args[last] as (err: unknown, res: unknown) => void) : undefined;
    if (text.includes(LAVORATIVA_SQL)) {
      if (!callback) return (original.apply(this, args) as Promise<unknown>).finally(lavorativaAnswered);
      args[last] = (err: unknown, res: unknown) => (lavorativaAnswered(), callback(err, res));
      return original.apply(this, args);
    }
    if (!text.includes(FORMATIVA_SQL)) return original.apply(this, args);
    release();
    const sent = answered.then(meanwhile).then(() => original.apply(this, args));
    if (!callback) return sent;
    sent.catch((err: unknown) => callback(err, undefined));
    return undefined;
  };
}
const release = () => ((Client.prototype as unknown as { query: Query }).query = original);

/** Until release(): every statement of a cartella formativa is sent as one that Postgres refuses (a division by zero). */
function failFormativa(): void {
  (Client.prototype as unknown as { query: Query }).query = function (this: Client, ...args: unknown[]) {
    const text = typeof args[0] === 'string' ? args[0] : '';
    return original.apply(this, text.includes(FORMATIVA_SQL) ? ['SELECT 1/0', ...args.slice(2)] : args);
  };
}

beforeAll(async () => {
  builder = new Pool({ connectionString: appDatabaseUrl('fsl_builder', DATABASE_URL), max: 2 });
  // A small pool, so that a read that kept its client would soon leave none to the next.
  h = await startApi({ full: { purpose: { eservices: ['fascicolo'], dati: ['lavorativa', 'formativa'] } } }, { DATABASE_POOL_SIZE: String(POOL_SIZE) });
  // Version 1: a CO hiring, no SIISL record.
  const co = applyBatch(emptyState(CF), [coFixtures.fixtureAssunzione({ lavoratore: coFixtures.fixtureLavoratore(CF) })]).state;
  await builder.query('INSERT INTO cartella_lavorativa (codice_fiscale, state, version) VALUES ($1, $2::jsonb, 1)', [CF, JSON.stringify(co)]);
  await builder.query('INSERT INTO dossier (codice_fiscale, version) VALUES ($1, 1)', [CF]);
}, 60_000);

afterAll(async () => {
  release();
  for (const table of ['cartella_formativa', 'cartella_lavorativa', 'dossier']) await builder?.query(`DELETE FROM ${table} WHERE codice_fiscale = ANY($1)`, [[CF]]);
  await builder?.end();
  await h?.close();
});

const fascicolo = () => h.call('fascicolo', h.consumers.full!, { body: { codiceFiscale: CF } });
const iscrizioni = (body: Record<string, unknown>) => (body.cartellaFormativa as { iscrizioni: { id: string }[] }).iscrizioni.map((i) => i.id);

describe('a fascicolo read while the builder commits a newer version', () => {
  it('is the dossier before the commit, whole: version 1 and no enrolment, in both cartelle', async () => {
    let committed = false;
    holdFormativa(async () => {
      await commitEnrolment();
      committed = true;
    });
    const during = await fascicolo();
    expect(committed).toBe(true);
    expect(during.status).toBe(200);
    // The snapshot began with the first statement, before the commit: nothing of version 2 is in it.
    expect(during.body.versione).toBe(1);
    expect((during.body.cartellaLavorativa as { versione: number }).versione).toBe(1);
    expect(iscrizioni(during.body)).toEqual([]);
  });

  it('the next read is the dossier after the commit, whole: version 2 with the enrolment', async () => {
    const after = await fascicolo();
    expect(after.status).toBe(200);
    expect(after.body.versione).toBe(2);
    expect((after.body.cartellaLavorativa as { versione: number }).versione).toBe(2);
    expect(iscrizioni(after.body)).toEqual([ISCR]);
  });
});

describe('a fascicolo read that fails in Postgres', () => {
  it('answers an error, is in the access log as one, and gives its connection back: the next reads are served', async () => {
    failFormativa();
    try {
      for (let i = 0; i < POOL_SIZE + 2; i++) expect((await fascicolo()).status).toBe(500);
    } finally {
      release();
    }
    const { rows } = await h.audit.query<{ n: string }>(`SELECT count(*) AS n FROM access_audit WHERE outcome = 'error'`);
    expect(Number(rows[0]!.n)).toBe(POOL_SIZE + 2);
    const reads = await Promise.all(Array.from({ length: POOL_SIZE + 1 }, fascicolo));
    expect(reads.map((r) => [r.status, r.body.versione, iscrizioni(r.body)])).toEqual(Array.from({ length: POOL_SIZE + 1 }, () => [200, 2, [ISCR]]));
  });
});
