import type { Pool } from 'pg';
import type { CartellaLavorativaDto } from './cartella-lavorativa.contract';

interface Row {
  codice_comunicazione: string;
  tipo_comunicazione: string;
  evento: string;
  employer_cf: string;
  denominazione: string;
  data_inizio: string;
  data_fine: string | null;
  tipologia: string;
}

export class CartellaLavorativaRepository {
  constructor(private readonly pool: Pool) {}

  async find(codiceFiscale: string): Promise<CartellaLavorativaDto | undefined> {
    const dossier = await this.pool.query<{ version: string }>('SELECT version FROM dossier WHERE codice_fiscale = $1', [codiceFiscale]);
    if (dossier.rowCount === 0) return undefined;
    const { rows } = await this.pool.query<Row>(
      `SELECT codice_comunicazione, tipo_comunicazione, evento, employer_cf,
              payload->'datore'->>'denominazione' AS denominazione,
              to_char(data_inizio, 'YYYY-MM-DD') AS data_inizio, to_char(data_fine, 'YYYY-MM-DD') AS data_fine,
              payload->'rapporto'->>'tipologiaContrattuale' AS tipologia
         FROM co_comunicazione WHERE worker_cf = $1 ORDER BY data_inizio, codice_comunicazione`,
      [codiceFiscale],
    );
    return {
      codiceFiscale,
      versione: Number(dossier.rows[0].version),
      comunicazioni: rows.map((r) => ({
        codiceComunicazione: r.codice_comunicazione,
        tipoComunicazione: r.tipo_comunicazione,
        evento: r.evento,
        codiceFiscaleDatore: r.employer_cf,
        denominazioneDatore: r.denominazione,
        dataInizio: r.data_inizio,
        dataFine: r.data_fine,
        tipologiaContrattuale: r.tipologia,
      })),
    };
  }
}
