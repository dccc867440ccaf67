import type { Pool } from 'pg';
import { project, type CartellaLavorativa, type RapportoLavoro, type WorkerState } from '@fsl/cartella-lavorativa';
import type { CartellaLavorativaDto, PermessoSoggiornoDto, RapportoDto } from './cartella-lavorativa.contract';

/** What the caller's purpose may see beyond the cartella itself (authorisation table, datiParticolari). */
export interface DatiConcessi {
  permessoSoggiorno: boolean;
}
const NESSUN_DATO_PARTICOLARE: DatiConcessi = { permessoSoggiorno: false };

function toRapporto(r: RapportoLavoro): RapportoDto {
  const v = r.attuale;
  return {
    id: r.id,
    modello: r.modello,
    stato: r.stato,
    datore: { codiceFiscale: v.datore.codiceFiscale, ...(v.datore.denominazione ? { denominazione: v.datore.denominazione } : {}) },
    dataInizio: r.dataInizio,
    ...(v.dataFine ? { dataFine: v.dataFine } : {}),
    ...(r.dataFineEffettiva ? { dataFineEffettiva: r.dataFineEffettiva } : {}),
    ...(v.tipologiaContrattuale ? { tipologiaContrattuale: v.tipologiaContrattuale } : {}),
    ...(v.tipoOrario ? { tipoOrario: v.tipoOrario } : {}),
    ...(v.oreSettimanaliMedie !== undefined ? { oreSettimanaliMedie: v.oreSettimanaliMedie } : {}),
    ...(v.qualificaProfessionale ? { qualificaProfessionale: v.qualificaProfessionale } : {}),
    ...(v.cessazione ? { causaCessazione: v.cessazione.causa } : {}),
    ...(v.missione
      ? {
          missione: {
            utilizzatore: { codiceFiscale: v.missione.utilizzatoreCf, ...(v.missione.utilizzatoreDenominazione ? { denominazione: v.missione.utilizzatoreDenominazione } : {}) },
            dal: v.missione.dal,
            ...(v.missione.al ? { al: v.missione.al } : {}),
          },
        }
      : {}),
    provvisorio: r.provvisorio,
    datoriPrecedenti: r.datoriPrecedenti.map((d) => ({
      codiceFiscale: d.codiceFiscale,
      ...(d.denominazione ? { denominazione: d.denominazione } : {}),
      finoAl: d.finoAl,
    })),
    storia: r.storia.map((e) => ({
      codiceComunicazione: e.codiceComunicazione,
      tipoEvento: e.tipoEvento,
      tipoComunicazione: e.tipoComunicazione,
      dataEvento: e.dataEvento,
      esito: e.esito,
      rettifiche: e.rettifiche,
    })),
  };
}

function toPermesso(p: NonNullable<CartellaLavorativa['permessoSoggiorno']>): PermessoSoggiornoDto {
  return {
    tipoDocumento: p.tipoDocumento,
    numeroDocumento: p.numeroDocumento,
    ...(p.motivo ? { motivo: p.motivo } : {}),
    ...(p.scadenza ? { scadenza: p.scadenza } : {}),
    ...(p.questura ? { questura: p.questura } : {}),
  };
}

export function toCartellaDto(codiceFiscale: string, versione: number, c: CartellaLavorativa, concessi: DatiConcessi = NESSUN_DATO_PARTICOLARE): CartellaLavorativaDto {
  return {
    codiceFiscale,
    versione,
    calcolataAl: c.calcolataAl,
    rapporti: c.rapporti.map(toRapporto),
    periodi: c.periodi.map((p) => ({ dal: p.dal, ...(p.al ? { al: p.al } : {}) })),
    // Never mapped unless the purpose is granted it: what is not in the answer cannot leak from it.
    ...(concessi.permessoSoggiorno && c.permessoSoggiorno ? { permessoSoggiorno: toPermesso(c.permessoSoggiorno) } : {}),
  };
}

export class CartellaLavorativaRepository {
  constructor(
    private readonly pool: Pool,
    private readonly today: () => Date = () => new Date(),
  ) {}

  /**
   * The cartella as of today: derived states such as "ended at term" follow the calendar. One
   * statement, so the dossier version and the state come from the same snapshot. A citizen with a
   * dossier but no CO yet has an empty cartella lavorativa.
   */
  async find(codiceFiscale: string, concessi: DatiConcessi = NESSUN_DATO_PARTICOLARE): Promise<CartellaLavorativaDto | undefined> {
    const { rows } = await this.pool.query<{ version: string; state: WorkerState | null }>(
      `SELECT d.version, c.state FROM dossier d LEFT JOIN cartella_lavorativa c ON c.codice_fiscale = d.codice_fiscale
        WHERE d.codice_fiscale = $1`,
      [codiceFiscale],
    );
    if (rows.length === 0) return undefined;
    const today = this.today();
    const versione = Number(rows[0].version);
    if (!rows[0].state) return { codiceFiscale, versione, calcolataAl: today.toISOString().slice(0, 10), rapporti: [], periodi: [] };
    return toCartellaDto(codiceFiscale, versione, project(rows[0].state, today), concessi);
  }
}
