import type { Pool, QueryConfig, QueryResult, QueryResultRow } from 'pg';

// How the api's read sides reach Postgres. A source that answers with one statement takes whatever can run
// a statement: the pool (each statement on any free connection), or the client of a snapshot, when one
// answer is made of several statements that must see the database at one moment.

/** What a read source runs its statements on: the pool, or one snapshot's client. */
export interface Queryable {
  query<R extends QueryResultRow = QueryResultRow>(text: string | QueryConfig, values?: unknown[]): Promise<QueryResult<R>>;
}

/**
 * Runs a read on sources that all see one snapshot of the database; the sources are made for that read alone.
 * `statements`: how many the read makes at most, when known; a read of one statement needs no transaction.
 */
export type Snapshot<S> = <T>(read: (sources: S) => Promise<T>, statements?: number) => Promise<T>;

/**
 * Reads in one transaction REPEATABLE READ READ ONLY on one client of the pool: every statement of the read sees
 * the database as the first one did, whatever the builder commits meanwhile, so an answer made of several
 * statements is the database of one moment. One connection a read, whatever the number of statements. The
 * client goes back to the pool whatever happens; one whose ROLLBACK failed (a timeout,
 * a broken connection) is destroyed rather than handed to the next read in an unknown state. A read that says it
 * makes one statement at most runs it on the pool.
 */
export function snapshots<S>(pool: Pool, sourcesOn: (db: Queryable) => S): Snapshot<S> {
  return async (read, statements) => {
    // One statement sees one snapshot by itself: BEGIN and COMMIT would only add two round trips.
    if (statements !== undefined && statements <= 1) return read(sourcesOn(pool));
    const client = await pool.connect();
    // The sources' statements go one after another: a pg client given a query while another runs queues it,
    // but that is deprecated (gone in pg 9), so they are chained here. `last` settles after the latest.
    let last: Promise<unknown> = Promise.resolve();
    const db: Queryable = {
      query: <R extends QueryResultRow>(text: string, values?: unknown[]) => {
        const next = last.then(() => client.query<R>(text, values));
        last = next.catch(() => undefined);
        return next;
      },
    };
    let broken: Error | undefined;
    try {
      await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      const result = await read(sourcesOn(db));
      await client.query('COMMIT');
      return result;
    } catch (err) {
      // A read that failed may leave statements of its other sources still to run (Promise.all rejects at the first).
      await last;
      await client.query('ROLLBACK').catch((rollback: Error) => (broken = rollback));
      throw err;
    } finally {
      client.release(broken);
    }
  };
}
