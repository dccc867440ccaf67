import type { Pool } from 'pg';
import { projectCaso, type CasoGepi, type CasoVista } from '@fsl/cartella-sociale';
import type { Letta } from '../fascicolo/sources';

// Read side of the GePI cases (the builder's gepi_caso and its ownership tables). A case is one row keyed
// by its id, not copied into each member: a citizen reaches the cases of the households they belonged to
// through gepi_caso_cittadino (one row per membership period), and each state is projected when read.

/** The cases a citizen belonged to, projected; undefined when the citizen has no dossier row. */
export interface CasiCittadinoSource {
  ofCittadino(codiceFiscale: string): Promise<Letta<CasoVista[]> | undefined>;
}

/** One case by id, projected; undefined when there is no such case. */
export interface CasoSource {
  byId(casoId: string): Promise<CasoVista | undefined>;
}

export class CasiPaisRepository implements CasiCittadinoSource, CasoSource {
  constructor(private readonly pool: Pool) {}

  async ofCittadino(codiceFiscale: string): Promise<Letta<CasoVista[]> | undefined> {
    // One statement with the dossier row, so the version and the cases come from one snapshot. A member
    // with several periods in one household has several rows: the case is read once.
    const { rows } = await this.pool.query<{ version: string; casi: CasoGepi[] }>(
      `SELECT d.version,
              COALESCE((SELECT jsonb_agg(c.state ORDER BY c.caso_id) FROM gepi_caso c
                         WHERE c.caso_id IN (SELECT k.caso_id FROM gepi_caso_cittadino k WHERE k.codice_fiscale = d.codice_fiscale)), '[]'::jsonb) AS casi
         FROM dossier d
        WHERE d.codice_fiscale = $1`,
      [codiceFiscale],
    );
    if (rows.length === 0) return undefined;
    return { versione: Number(rows[0]!.version), cartella: rows[0]!.casi.map(projectCaso) };
  }

  async byId(casoId: string): Promise<CasoVista | undefined> {
    const { rows } = await this.pool.query<{ state: CasoGepi }>('SELECT state FROM gepi_caso WHERE caso_id = $1', [casoId]);
    return rows.length ? projectCaso(rows[0]!.state) : undefined;
  }
}
