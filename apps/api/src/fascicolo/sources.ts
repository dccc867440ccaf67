import type { Pool } from 'pg';

// Read side of the cartelle that the dossier-builder does not project yet. Each is an interface so
// the projection can arrive without touching the e-services, and tests can stand one in.

export interface CasoPais {
  identificativo: string;
  /** Code of the ente that manages the case; matched against the consumer's `ente` in the table. */
  enteGestore: string;
  stato: string;
  dataApertura: string;
}

export interface PercorsoFormativo {
  titolo: string;
  ente: string;
  dataInizio: string;
  dataFine?: string;
}

export interface CartellaSocialeSource {
  casiPais(codiceFiscale: string): Promise<CasoPais[]>;
}

export interface CartellaFormativaSource {
  percorsi(codiceFiscale: string): Promise<PercorsoFormativo[]>;
}

/** No PaIS projection yet (SIISL/GePI events are not folded): every cartella sociale is empty. */
export const NO_CARTELLA_SOCIALE: CartellaSocialeSource = { casiPais: async () => [] };
/** No training projection yet: every cartella formativa is empty. */
export const NO_CARTELLA_FORMATIVA: CartellaFormativaSource = { percorsi: async () => [] };

/** The dossier row alone: whether the citizen is known, and at which version. */
export class DossierVersions {
  constructor(private readonly pool: Pool) {}

  async of(codiceFiscale: string): Promise<number | undefined> {
    const { rows } = await this.pool.query<{ version: string }>('SELECT version FROM dossier WHERE codice_fiscale = $1', [codiceFiscale]);
    return rows.length ? Number(rows[0]!.version) : undefined;
  }
}
