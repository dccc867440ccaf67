import type { Pool, QueryResult, QueryResultRow } from 'pg';

// How the api's read sides reach Postgres. A source that answers with one statement takes whatever can run
// a statement: the pool (each statement on any free connection), or the client of a snapshot, when one
// answer is made of several statements that must see the database at one moment.

/** What a read source runs its statements on: the pool, or one snapshot's client. */
export interface Queryable {
  query<R extends QueryResultRow = QueryResultRow>(text: string, values?: unknown[]): Promise<QueryResult<R>>;
}

/** Runs a read on sources that all see one snapshot of the database; the sources are made for that read alone. */
export type Snapshot<S> = <T>(read: (sources: S) => Promise<T>) => Promise<T>;

/**
 * Reads in one transaction REPEATABLE READ READ ONLY on one client of the pool: every statement of the read sees
 * the database as the first one did, whatever the builder commits meanwhile, so an answer made of several
 * statements is the database of one moment. One connection a read, whatever the number of statements (they
 * queue on the client). The client goes back to the pool whatever happens; one whose ROLLBACK failed (a timeout,
 * a broken connection) is destroyed rather than handed to the next read in an unknown state.
 */
export function snapshots<S>(pool: Pool, sourcesOn: (db: Queryable) => S): Snapshot<S> {
  return async (read) => {
    const client = await pool.connect();
    let broken: Error | undefined;
    try {
      await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      const result = await read(sourcesOn(client));
      await client.query('COMMIT');
      return result;
    } catch (err) {
      await client.query('ROLLBACK').catch((rollback: Error) => (broken = rollback));
      throw err;
    } finally {
      client.release(broken);
    }
  };
}
