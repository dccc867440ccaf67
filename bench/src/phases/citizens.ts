import { Pool } from 'pg';
import { encodePersonalCf } from '@fsl/codice-fiscale';
import { step } from '../util/log';
import { nowMs, round } from '../util/stats';

// Issue 5 reads with 1M citizens loaded, but replaying ~12 events for each of 1M workers would take
// an hour on this machine. The replayed workers' rows are therefore copied under synthetic codici
// fiscali until the projection holds `target` citizens: real states (sizes, histories, TOAST) under
// real-looking keys, so the tables and indexes have the size of the 1M case. A copy keeps its
// template's state, including the template's workerCf inside the JSON; the API serves it under the
// requested code, so a read costs what a real one does.

const CONSONANTS = 'BCDFGHJKLMNPQRSTVWXYZ';
const BATCH = 20_000;

/** The i-th synthetic code: three consonants for surname and name each give 9,261² distinct codes. */
export function syntheticCf(i: number): string {
  const letters = (n: number) => CONSONANTS[n % 21] + CONSONANTS[Math.floor(n / 21) % 21] + CONSONANTS[Math.floor(n / 441) % 21];
  // Born in 1930: the generator's workers are born from 1950, so the two sets cannot collide.
  return encodePersonalCf({ surname: letters(i % 9261), name: letters(Math.floor(i / 9261)), sex: 'M', birthDate: '1930-01-01', placeCode: 'H501' });
}

export interface CitizensFigure {
  citizens: number;
  copied: number;
  seconds: number;
}

export async function loadCitizens(databaseUrl: string, target: number): Promise<CitizensFigure> {
  const pool = new Pool({ connectionString: databaseUrl, max: 1 });
  try {
    const started = nowMs();
    const templates = (await pool.query<{ cf: string }>('SELECT codice_fiscale AS cf FROM cartella_lavorativa ORDER BY codice_fiscale')).rows.map((r) => r.cf);
    const count = async () => Number((await pool.query<{ n: string }>('SELECT count(*) AS n FROM dossier')).rows[0].n);
    const have = await count();
    if (templates.length === 0) throw new Error('no replayed worker to copy');
    const missing = Math.max(0, target - have);
    step(`  copying ${missing} citizens from ${templates.length} replayed workers`);
    for (let from = 0; from < missing; from += BATCH) {
      const n = Math.min(BATCH, missing - from);
      const cfs = Array.from({ length: n }, (_, j) => syntheticCf(from + j));
      const tpl = cfs.map((_, j) => templates[(from + j) % templates.length]);
      await pool.query('BEGIN');
      await pool.query(
        `INSERT INTO cartella_lavorativa (codice_fiscale, state, version, pending_since)
         SELECT n.cf, c.state, c.version, c.pending_since FROM unnest($1::text[], $2::text[]) AS n(cf, tpl)
         JOIN cartella_lavorativa c ON c.codice_fiscale = n.tpl ON CONFLICT DO NOTHING`,
        [cfs, tpl],
      );
      await pool.query(
        `INSERT INTO dossier (codice_fiscale, version)
         SELECT n.cf, d.version FROM unnest($1::text[], $2::text[]) AS n(cf, tpl)
         JOIN dossier d ON d.codice_fiscale = n.tpl ON CONFLICT DO NOTHING`,
        [cfs, tpl],
      );
      await pool.query('COMMIT');
    }
    // Fresh statistics, and the bulk load's dirty pages flushed now: a database that grew to this size
    // over time is not in the middle of writing out a gigabyte, and the phases after this one would
    // otherwise measure that checkpoint's fsync stalls instead of the apps.
    await pool.query('VACUUM ANALYZE cartella_lavorativa');
    await pool.query('VACUUM ANALYZE dossier');
    await pool.query('CHECKPOINT');
    return { citizens: await count(), copied: missing, seconds: round((nowMs() - started) / 1000) };
  } finally {
    await pool.end();
  }
}

/** Every citizen's code, for picking read targets. */
export async function citizenCodes(databaseUrl: string): Promise<string[]> {
  const pool = new Pool({ connectionString: databaseUrl, max: 1 });
  try {
    return (await pool.query<{ cf: string }>('SELECT codice_fiscale AS cf FROM dossier')).rows.map((r) => r.cf);
  } finally {
    await pool.end();
  }
}
