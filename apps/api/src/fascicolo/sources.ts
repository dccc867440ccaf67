import type { Queryable } from '../database';
import { emptyCatalogo, emptyCittadino as emptyFormazione, project as projectFormativa, type CartellaFormativa, type Catalogo, type CittadinoFormazione } from '@fsl/cartella-formativa';
import { emptyCittadino as emptySociale, project as projectSociale, type CartellaSocialeSiisl, type CittadinoSociale } from '@fsl/cartella-sociale';

// Read sides of the cartelle sociale and formativa. Each is an interface so tests can stand one in. The
// PaIS cases (GePI) are read by apps/api/src/casi-pais.

/** A cartella read in one statement with the citizen's dossier row, so both come from one snapshot. */
export interface Letta<T> {
  /** The dossier version the cartella was read at. */
  versione: number;
  cartella: T;
}

/** The SIISL part of the cartella sociale; undefined when the citizen has no dossier row. */
export interface CartellaSocialeSource {
  find(codiceFiscale: string): Promise<Letta<CartellaSocialeSiisl> | undefined>;
}

/** The cartella formativa; undefined when the citizen has no dossier row. */
export interface CartellaFormativaSource {
  find(codiceFiscale: string): Promise<Letta<CartellaFormativa> | undefined>;
}

/**
 * The citizen's SIISL social state (ADI/SFL measures, PUC), projected by libs/cartella-sociale. A citizen
 * with a dossier but no SIISL social record has an empty one.
 */
export class CartellaSocialeRepository implements CartellaSocialeSource {
  constructor(private readonly db: Queryable) {}

  async find(codiceFiscale: string): Promise<Letta<CartellaSocialeSiisl> | undefined> {
    const { rows } = await this.db.query<{ version: string; state: CittadinoSociale | null }>(
      `SELECT d.version, s.state FROM dossier d LEFT JOIN cartella_sociale s ON s.codice_fiscale = d.codice_fiscale
        WHERE d.codice_fiscale = $1`,
      [codiceFiscale],
    );
    if (rows.length === 0) return undefined;
    return { versione: Number(rows[0].version), cartella: projectSociale(rows[0].state ?? emptySociale(codiceFiscale)) };
  }
}

/**
 * The citizen's enrolments and interests with the history of every course they name, in one statement:
 * courses are a catalogue of their own and are linked when read (libs/cartella-formativa), so a course
 * that arrives after the enrolment shows up without rewriting the citizen.
 */
export class CartellaFormativaRepository implements CartellaFormativaSource {
  constructor(private readonly db: Queryable) {}

  async find(codiceFiscale: string): Promise<Letta<CartellaFormativa> | undefined> {
    // Every version's course id, not only the current one's: the projection picks the current version.
    const { rows } = await this.db.query<{ version: string; state: CittadinoFormazione | null; corsi: Catalogo['corsi'] | null }>(
      `SELECT d.version, f.state,
              (SELECT jsonb_object_agg(k.corso_id, k.history) FROM siisl_corso k
                WHERE k.corso_id IN (SELECT v->'record'->'dati'->>'corsoId'
                                       FROM jsonb_each(f.state->'iscrizioni') AS e(id, h), jsonb_array_elements(e.h) AS v
                                     UNION
                                     SELECT v->'record'->'dati'->>'corsoId'
                                       FROM jsonb_each(f.state->'manifestazioni') AS e(id, h), jsonb_array_elements(e.h) AS v)) AS corsi
         FROM dossier d LEFT JOIN cartella_formativa f ON f.codice_fiscale = d.codice_fiscale
        WHERE d.codice_fiscale = $1`,
      [codiceFiscale],
    );
    if (rows.length === 0) return undefined;
    const row = rows[0];
    return { versione: Number(row.version), cartella: projectFormativa(row.state ?? emptyFormazione(codiceFiscale), { ...emptyCatalogo(), corsi: row.corsi ?? {} }) };
  }
}

/** The dossier row alone: whether the citizen is known, and at which version. */
export class DossierVersions {
  constructor(private readonly db: Queryable) {}

  async of(codiceFiscale: string): Promise<number | undefined> {
    const { rows } = await this.db.query<{ version: string }>('SELECT version FROM dossier WHERE codice_fiscale = $1', [codiceFiscale]);
    return rows.length ? Number(rows[0]!.version) : undefined;
  }
}
