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

  /** One statement, so the version and the rows come from the same snapshot. */
  async find(codiceFiscale: string): Promise<CartellaLavorativaDto | undefined> {
    const { rows } = await this.pool.query<{ version: string; comunicazioni: Row[] | null }>(
      `SELECT d.version,
              (SELECT json_agg(json_build_object(
                        'codice_comunicazione', c.codice_comunicazione, 'tipo_comunicazione', c.tipo_comunicazione,
                        'evento', c.evento, 'employer_cf', c.employer_cf,
                        'denominazione', c.payload->'datore'->>'denominazione',
                        'data_inizio', to_char(c.data_inizio, 'YYYY-MM-DD'), 'data_fine', to_char(c.data_fine, 'YYYY-MM-DD'),
                        'tipologia', c.payload->'rapporto'->>'tipologiaContrattuale')
                      ORDER BY c.data_inizio, c.codice_comunicazione)
                 FROM co_comunicazione c WHERE c.worker_cf = d.codice_fiscale) AS comunicazioni
         FROM dossier d WHERE d.codice_fiscale = $1`,
      [codiceFiscale],
    );
    if (rows.length === 0) return undefined;
    return {
      codiceFiscale,
      versione: Number(rows[0].version),
      comunicazioni: (rows[0].comunicazioni ?? []).map((r) => ({
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
