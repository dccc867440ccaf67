import type { Queryable } from './database';
import {
  curriculumAllaVersione,
  emptyCatalogoOfferte,
  emptySezioneSiisl,
  projectRaw,
  projectSiisl,
  type CartellaLavorativa,
  type CatalogoOfferte,
  type CurriculumVista,
  type RapportoLavoro,
  type SezioneSiisl,
  type ValoriRapporto,
  type WorkerState,
} from '@fsl/cartella-lavorativa';
import type { CartellaLavorativaDto, DatoreDto, MissioneDto, PermessoSoggiornoDto, RapportoDto, SezioneSiislDto } from './cartella-lavorativa.contract';
import { toSezioneSiislDto } from './cartella-lavorativa.siisl';
import type { Letta } from './fascicolo/sources';

/** What the caller's purpose may see beyond the cartella itself (authorisation table, datiParticolari). */
export interface DatiConcessi {
  permessoSoggiorno: boolean;
}
const NESSUN_DATO_PARTICOLARE: DatiConcessi = { permessoSoggiorno: false };

export function toDatoreDto(d: ValoriRapporto['datore']): DatoreDto {
  return { codiceFiscale: d.codiceFiscale, ...(d.denominazione ? { denominazione: d.denominazione } : {}) };
}

export function toMissioneDto(m: NonNullable<ValoriRapporto['missione']>): MissioneDto {
  return {
    utilizzatore: toDatoreDto({ codiceFiscale: m.utilizzatoreCf, denominazione: m.utilizzatoreDenominazione }),
    dal: m.dal,
    ...(m.al ? { al: m.al } : {}),
  };
}

function toRapporto(r: RapportoLavoro): RapportoDto {
  const v = r.attuale;
  return {
    id: r.id,
    modello: r.modello,
    stato: r.stato,
    datore: toDatoreDto(v.datore),
    dataInizio: r.dataInizio,
    ...(v.dataFine ? { dataFine: v.dataFine } : {}),
    ...(r.dataFineEffettiva ? { dataFineEffettiva: r.dataFineEffettiva } : {}),
    ...(v.tipologiaContrattuale ? { tipologiaContrattuale: v.tipologiaContrattuale } : {}),
    ...(v.tipoOrario ? { tipoOrario: v.tipoOrario } : {}),
    ...(v.oreSettimanaliMedie !== undefined ? { oreSettimanaliMedie: v.oreSettimanaliMedie } : {}),
    ...(v.qualificaProfessionale ? { qualificaProfessionale: v.qualificaProfessionale } : {}),
    ...(v.cessazione ? { causaCessazione: v.cessazione.causa } : {}),
    ...(v.missione ? { missione: toMissioneDto(v.missione) } : {}),
    provvisorio: r.provvisorio,
    datoriPrecedenti: r.datoriPrecedenti.map((d) => ({ ...toDatoreDto(d), finoAl: d.finoAl })),
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

export function toCartellaDto(
  codiceFiscale: string,
  versione: number,
  c: Pick<CartellaLavorativa, 'calcolataAl' | 'rapporti' | 'periodi' | 'permessoSoggiorno'>,
  concessi: DatiConcessi = NESSUN_DATO_PARTICOLARE,
  siisl: SezioneSiislDto = { curriculum: null, versioniCurriculum: [], proposteLavoro: [] },
): CartellaLavorativaDto {
  return {
    codiceFiscale,
    versione,
    calcolataAl: c.calcolataAl,
    rapporti: c.rapporti.map(toRapporto),
    periodi: c.periodi.map((p) => ({ dal: p.dal, ...(p.al ? { al: p.al } : {}) })),
    // Never mapped unless the purpose is granted it: what is not in the answer cannot leak from it.
    ...(concessi.permessoSoggiorno && c.permessoSoggiorno ? { permessoSoggiorno: toPermesso(c.permessoSoggiorno) } : {}),
    siisl,
  };
}

// The SIISL section's state, and the offers its proposals name (every version's, so that whichever is
// current links): the catalogue rows are read with the citizen, never copied into the citizen's state,
// so an offer that arrives late shows up without rewriting anyone.
const SIISL_COLUMNS = `
  s.state AS siisl,
  (SELECT jsonb_object_agg(o.offerta_id, o.history) FROM siisl_offerta o
    WHERE o.offerta_id IN (SELECT v->'record'->'dati'->>'offertaId'
                             FROM jsonb_each(s.state->'proposte') AS p(id, h), jsonb_array_elements(p.h) AS v)) AS offerte`;

function sezioneSiisl(codiceFiscale: string, state: SezioneSiisl | null, offerte: CatalogoOfferte['offerte'] | null): SezioneSiislDto {
  return toSezioneSiislDto(projectSiisl(state ?? emptySezioneSiisl(codiceFiscale), { ...emptyCatalogoOfferte(), offerte: offerte ?? {} }));
}

const FIND_CARTELLA = `SELECT d.version, c.state, ${SIISL_COLUMNS}
   FROM dossier d
   LEFT JOIN cartella_lavorativa c ON c.codice_fiscale = d.codice_fiscale
   LEFT JOIN cartella_lavorativa_siisl s ON s.codice_fiscale = d.codice_fiscale
  WHERE d.codice_fiscale = $1`;

export class CartellaLavorativaRepository {
  constructor(
    private readonly db: Queryable,
    private readonly today: () => Date = () => new Date(),
  ) {}

  /**
   * The cartella as of today: derived states such as "ended at term" follow the calendar. One
   * statement, so the dossier version, the CO state, the SIISL section and the offers it names come
   * from the same snapshot. A citizen with a dossier but no CO (SIISL records only) has no rapporti and
   * the SIISL section; one with CO only has an empty SIISL section.
   */
  async find(codiceFiscale: string, concessi: DatiConcessi = NESSUN_DATO_PARTICOLARE): Promise<CartellaLavorativaDto | undefined> {
    // A named statement: each connection has Postgres parse and plan it once, not on every read (the
    // e-service's hottest statement; Postgres shares the api's cores).
    const { rows } = await this.db.query<{ version: string; state: WorkerState | null; siisl: SezioneSiisl | null; offerte: CatalogoOfferte['offerte'] | null }>({
      name: 'cartella-lavorativa-find',
      text: FIND_CARTELLA,
      values: [codiceFiscale],
    });
    if (rows.length === 0) return undefined;
    const row = rows[0];
    const today = this.today();
    // projectRaw, not project: toCartellaDto picks every field it serves and the answer is JSON, so the
    // plain-JSON copy that project makes (about as costly as the projection itself) would change nothing.
    const co = row.state ? projectRaw(row.state, today) : { calcolataAl: today.toISOString().slice(0, 10), rapporti: [], periodi: [] };
    return toCartellaDto(codiceFiscale, Number(row.version), co, concessi, sezioneSiisl(codiceFiscale, row.siisl, row.offerte));
  }

  /**
   * The SIISL section alone (CV, its versions, job proposals with their offers), for the e-services that
   * serve a slice of it: the CO history is neither read nor projected. Undefined without a dossier row.
   */
  async findSiisl(codiceFiscale: string): Promise<Letta<SezioneSiislDto> | undefined> {
    const { rows } = await this.db.query<{ version: string; siisl: SezioneSiisl | null; offerte: CatalogoOfferte['offerte'] | null }>(
      `SELECT d.version, ${SIISL_COLUMNS}
         FROM dossier d LEFT JOIN cartella_lavorativa_siisl s ON s.codice_fiscale = d.codice_fiscale
        WHERE d.codice_fiscale = $1`,
      [codiceFiscale],
    );
    if (rows.length === 0) return undefined;
    return { versione: Number(rows[0].version), cartella: sezioneSiisl(codiceFiscale, rows[0].siisl, rows[0].offerte) };
  }

  /**
   * One version of one of the citizen's CVs as it was: undefined when the citizen, the CV or that version
   * is unknown, or when that version is the CV's deletion. Only that CV's history is read.
   */
  async curriculumAllaVersione(codiceFiscale: string, curriculumId: string, versione: number): Promise<{ versioneFascicolo: number; curriculum: CurriculumVista } | undefined> {
    const { rows } = await this.db.query<{ version: string; history: SezioneSiisl['curricula'][string] | null }>(
      `SELECT d.version, s.state->'curricula'->($2::text) AS history
         FROM dossier d LEFT JOIN cartella_lavorativa_siisl s ON s.codice_fiscale = d.codice_fiscale
        WHERE d.codice_fiscale = $1`,
      [codiceFiscale, curriculumId],
    );
    const row = rows[0];
    if (!row?.history) return undefined;
    const curriculum = curriculumAllaVersione({ ...emptySezioneSiisl(codiceFiscale), curricula: { [curriculumId]: row.history } }, curriculumId, versione);
    return curriculum ? { versioneFascicolo: Number(row.version), curriculum } : undefined;
  }
}
