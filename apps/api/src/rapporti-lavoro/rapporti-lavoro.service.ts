import { cronologia, giorniOccupazione, project, rapportiAttiviAl, type RapportoLavoro, type ValoriRapporto } from '@fsl/cartella-lavorativa';
import type { AccessAuditService } from '../audit/access-audit.service';
import { toCartellaDto, toDatoreDto, toMissioneDto } from '../cartella-lavorativa.repository';
import { cartelleInScope } from '../fascicolo/scope';
import type { EserviceCall } from '../security/eservice-call';
import type { EsitoRapportiAttiviDto, EsitoRapportiLavoroDto, EsitoRequisitoOccupazionaleDto, RapportoAttivoDto } from './contract';
import type { RapportiSource, StatoCo } from './rapporti.repository';
import { parseRichiestaRapporti, parseRichiestaRapportiAttivi, parseRichiestaRequisito } from './requests';

/** The values in force on a day, mapped field by field: what the rapporto was that day, nothing of its later history. */
export function toRapportoAttivoDto(r: RapportoLavoro, v: ValoriRapporto, day: string): RapportoAttivoDto {
  const missione = v.missione && v.missione.dal <= day && (v.missione.al === undefined || day <= v.missione.al) ? v.missione : undefined;
  return {
    id: r.id,
    modello: r.modello,
    provvisorio: r.provvisorio,
    dataInizio: r.dataInizio,
    datore: toDatoreDto(v.datore),
    ...(v.tipologiaContrattuale ? { tipologiaContrattuale: v.tipologiaContrattuale } : {}),
    ...(v.tipoOrario ? { tipoOrario: v.tipoOrario } : {}),
    ...(v.oreSettimanaliMedie !== undefined ? { oreSettimanaliMedie: v.oreSettimanaliMedie } : {}),
    ...(v.qualificaProfessionale ? { qualificaProfessionale: v.qualificaProfessionale } : {}),
    ...(v.dataFine ? { dataFine: v.dataFine } : {}),
    ...(missione ? { missione: toMissioneDto(missione) } : {}),
  };
}

/**
 * The three e-services on the CO rapporti (25, 26, 27). Each read is audited, found or not, like every
 * read of a citizen's data. A purpose without the cartella lavorativa reads nothing and gets the answer of
 * an unknown citizen (the registry grants these e-services only with it; checked again here so that a
 * looser table could never widen what an answer carries).
 */
export class RapportiLavoroService {
  constructor(
    private readonly source: RapportiSource,
    private readonly audit: AccessAuditService,
    private readonly today: () => Date = () => new Date(),
  ) {}

  private oggi(): string {
    return this.today().toISOString().slice(0, 10);
  }

  private leggi(call: EserviceCall, codiceFiscale: string): Promise<StatoCo | undefined> {
    return this.audit.audited(call, codiceFiscale, async () => (cartelleInScope(call.grant, ['lavorativa']).length > 0 ? this.source.statoCo(codiceFiscale) : undefined));
  }

  /** 25: the rapporti with their history as of today; the residence permit only to a purpose granted it. */
  async rapporti(call: EserviceCall, body: unknown): Promise<EsitoRapportiLavoroDto> {
    const { codiceFiscale } = parseRichiestaRapporti(body);
    const day = this.oggi();
    const letto = await this.leggi(call, codiceFiscale);
    if (!letto) return { versione: 0, calcolataAl: day, rapporti: [] };
    if (!letto.state) return { versione: letto.versione, calcolataAl: day, rapporti: [] };
    const cartella = toCartellaDto(codiceFiscale, letto.versione, project(letto.state, day), { permessoSoggiorno: call.grant.datiParticolari.includes('permessoSoggiorno') });
    return {
      versione: letto.versione,
      calcolataAl: cartella.calcolataAl,
      rapporti: cartella.rapporti,
      ...(cartella.permessoSoggiorno ? { permessoSoggiorno: cartella.permessoSoggiorno } : {}),
    };
  }

  /** 26: the rapporti open on a day (as known now), with the values in force that day. */
  async attivi(call: EserviceCall, body: unknown): Promise<EsitoRapportiAttiviDto> {
    const req = parseRichiestaRapportiAttivi(body, this.oggi());
    const letto = await this.leggi(call, req.codiceFiscale);
    if (!letto) return { versione: 0, data: req.data, rapporti: [] };
    const attivi = letto.state ? rapportiAttiviAl(cronologia(letto.state, this.oggi()), req.data) : [];
    return { versione: letto.versione, data: req.data, rapporti: attivi.map(({ rapporto, valori }) => toRapportoAttivoDto(rapporto, valori, req.data)) };
  }

  /**
   * 27: yes or no, and the criteria echoed. No dossier version, no count of days, no employer: an unknown
   * citizen, a citizen the purpose may not see and a citizen never employed get the same answer.
   */
  async requisito(call: EserviceCall, body: unknown): Promise<EsitoRequisitoOccupazionaleDto> {
    const day = this.oggi();
    const req = parseRichiestaRequisito(body, day);
    const letto = await this.leggi(call, req.codiceFiscale);
    const giorni = letto?.state ? giorniOccupazione(cronologia(letto.state, day), req.dal, req.al, req.tipologieContrattuali) : 0;
    return {
      esito: giorni >= req.giorniMinimi,
      periodo: { dal: req.dal, al: req.al },
      criteri: { giorniMinimi: req.giorniMinimi, ...(req.tipologieContrattuali ? { tipologieContrattuali: req.tipologieContrattuali } : {}) },
      dataVerifica: day,
    };
  }
}
