import type { Pool } from 'pg';
import type { WorkerState } from '@fsl/cartella-lavorativa';

/** The citizen's CO state with their dossier version, read in one statement (one snapshot). */
export interface StatoCo {
  versione: number;
  /** null for a citizen with a dossier and no CO (SIISL or GePI records only). */
  state: WorkerState | null;
}

export interface RapportiSource {
  /** undefined when the citizen has no dossier row. */
  statoCo(codiceFiscale: string): Promise<StatoCo | undefined>;
}

/** Only the CO fold: the rapporti e-services carry nothing of the SIISL section, so it is not even read. */
export class RapportiLavoroRepository implements RapportiSource {
  constructor(private readonly pool: Pool) {}

  async statoCo(codiceFiscale: string): Promise<StatoCo | undefined> {
    const { rows } = await this.pool.query<{ version: string; state: WorkerState | null }>(
      `SELECT d.version, c.state FROM dossier d LEFT JOIN cartella_lavorativa c ON c.codice_fiscale = d.codice_fiscale
        WHERE d.codice_fiscale = $1`,
      [codiceFiscale],
    );
    return rows.length ? { versione: Number(rows[0]!.version), state: rows[0]!.state } : undefined;
  }
}
