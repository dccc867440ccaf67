import type { Queryable } from '../database';
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

/** The cases handling an application (GePI opens one per application; a source may send more). */
export interface CasiDomandaSource {
  ofDomanda(domandaId: string): Promise<CasoVista[]>;
}

/** Which of an ente's cases a page lists, and where it starts (after the last case of the previous page). */
export interface FiltriCasiEnte {
  stati?: readonly string[];
  dataAperturaDal?: string;
  dataAperturaAl?: string;
  /** The (dataApertura, casoId) of the last case of the previous page. */
  dopo?: readonly [string, string];
}

/** The cases an ente manages today, newest first (dataApertura, then casoId, both descending). */
export interface CasiEnteSource {
  ofEnte(ente: string, filtri: FiltriCasiEnte, quanti: number): Promise<CasoVista[]>;
}

export class CasiPaisRepository implements CasiCittadinoSource, CasoSource, CasiDomandaSource, CasiEnteSource {
  constructor(private readonly db: Queryable) {}

  async ofCittadino(codiceFiscale: string): Promise<Letta<CasoVista[]> | undefined> {
    // One statement with the dossier row, so the version and the cases come from one snapshot. A member
    // with several periods in one household has several rows: the case is read once.
    const { rows } = await this.db.query<{ version: string; casi: CasoGepi[] }>(
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
    const { rows } = await this.db.query<{ state: CasoGepi }>('SELECT state FROM gepi_caso WHERE caso_id = $1', [casoId]);
    return rows.length ? projectCaso(rows[0]!.state) : undefined;
  }

  async ofDomanda(domandaId: string): Promise<CasoVista[]> {
    const { rows } = await this.db.query<{ state: CasoGepi }>('SELECT state FROM gepi_caso WHERE domanda_id = $1 ORDER BY caso_id', [domandaId]);
    return rows.map((r) => projectCaso(r.state));
  }

  async ofEnte(ente: string, filtri: FiltriCasiEnte, quanti: number): Promise<CasoVista[]> {
    // The columns the builder derives from the same projection (ADR 0006): one range scan of
    // gepi_caso_ente_corrente_idx (ente, data_apertura, caso_id), backwards; the states only for the page.
    const { rows } = await this.db.query<{ state: CasoGepi }>(
      `SELECT state FROM gepi_caso
        WHERE ente_corrente = $1
          AND ($2::text[] IS NULL OR stato = ANY($2::text[]))
          AND ($3::date IS NULL OR data_apertura >= $3::date)
          AND ($4::date IS NULL OR data_apertura <= $4::date)
          AND ($5::date IS NULL OR (data_apertura, caso_id) < ($5::date, $6::text))
        ORDER BY data_apertura DESC, caso_id DESC
        LIMIT $7`,
      [ente, filtri.stati ?? null, filtri.dataAperturaDal ?? null, filtri.dataAperturaAl ?? null, filtri.dopo?.[0] ?? null, filtri.dopo?.[1] ?? null, quanti],
    );
    return rows.map((r) => projectCaso(r.state));
  }
}
