import type { CasoVista, CollegamentoCaso, DocumentoVista, EnteVista, MembroVista, Periodo, VersioneDocumentoVista } from '@fsl/cartella-sociale';
import type { EntitaDocumento } from '@fsl/gepi';
import type {
  CasoDto,
  CasoPaisDto,
  DatiAnalisiPreliminareDto,
  DatiCasoDto,
  DatiPaisDto,
  DatiQuadroAnalisiDto,
  DocumentoDto,
  DocumentoMancanteDto,
  EnteCasoDto,
  EquipeDto,
  MembroCasoDto,
  OrganizzazioneDto,
  PadNucleoDto,
  PeriodoDto,
  TirocinioDto,
  VersioneDocumentoDto,
} from './contract';
import type { CasoCittadinoDto, SintesiCasoDto } from './consultazioni.contract';

// The GePI views of libs/cartella-sociale mapped field by field to the published contract: an internal
// field added to a view never reaches consumers unnoticed. Absent optional fields stay undefined, which
// JSON leaves out of the answer.

type Sostegno = CollegamentoCaso['sostegni'][number];
type Organizzazione = Sostegno['fornitore'];
type DatiPais = VersioneDocumentoVista<'pais'>['dati'];

export const periodo = (p: Periodo): PeriodoDto => ({ dal: p.dal, al: p.al });
export const ente = (e: EnteVista): EnteCasoDto => ({ tipo: e.tipo, codice: e.codice, dal: e.dal, al: e.al });
const organizzazione = (o: Organizzazione): OrganizzazioneDto => ({ tipo: o.tipo, denominazione: o.denominazione, codiceFiscale: o.codiceFiscale });
const tirocinio = (t: Sostegno['tirocinio']): TirocinioDto | undefined =>
  t && {
    soggettoOspitante: { codiceFiscale: t.soggettoOspitante.codiceFiscale, denominazione: t.soggettoOspitante.denominazione },
    oreSettimanali: t.oreSettimanali,
    indennitaMensileCentesimi: t.indennitaMensileCentesimi,
  };
const mancanti = (vista: CasoVista): DocumentoMancanteDto[] =>
  vista.documentiConVersioniMancanti.map((d) => ({ entita: d.entita, id: d.id, versioniMancanti: [...d.versioniMancanti] }));

/**
 * A citizen's link to a case as their cartella sociale shows it. Only cases whose case record arrived are
 * listed (the caller checks `vista.caso`): the published summary names the ente managing it and its state.
 * Other members' codici fiscali never travel with a member's link: a support names whether it is for the
 * whole household (perNucleo), not who else it is for.
 */
export function toCasoPaisDto(vista: CasoVista & { caso: NonNullable<CasoVista['caso']> }, link: CollegamentoCaso): CasoPaisDto {
  const { caso } = vista;
  return {
    identificativo: vista.casoId,
    enteGestore: caso.enteCorrente.codice,
    tipoEnteGestore: caso.enteCorrente.tipo,
    stato: caso.stato,
    dataApertura: caso.dataApertura,
    dataChiusura: caso.dataChiusura,
    domandaId: caso.domandaId,
    misura: caso.misura,
    ruolo: link.ruolo,
    periodi: link.periodi.map(periodo),
    attuale: link.attuale,
    pais: link.pais && { id: link.pais.id, numeroVersione: link.pais.numeroVersione, stato: link.pais.stato },
    sostegni: link.sostegni.map((s) => ({
      paisId: s.paisId,
      id: s.id,
      tipo: s.tipo,
      fornitore: organizzazione(s.fornitore),
      dal: s.dal,
      al: s.al,
      tirocinio: tirocinio(s.tirocinio),
      perNucleo: s.perNucleo,
    })),
    impegni: link.impegni.map((m) => ({ paisId: m.paisId, id: m.id, tipo: m.tipo, descrizione: m.descrizione, dal: m.dal, al: m.al })),
    documentiConVersioniMancanti: mancanti(vista),
  };
}

/** One version of a document, its content mapped by `dati`. */
export function versioneDto<E extends EntitaDocumento, D>(v: VersioneDocumentoVista<E>, dati: (d: VersioneDocumentoVista<E>['dati']) => D): VersioneDocumentoDto<D> {
  return { numeroVersione: v.numeroVersione, versioneRecord: v.versioneRecord, ente: v.ente && ente(v.ente), dati: dati(v.dati) };
}

function documenti<E extends EntitaDocumento, D>(list: Array<DocumentoVista<E>>, dati: (d: VersioneDocumentoVista<E>['dati']) => D): DocumentoDto<D>[] {
  return list.map((doc) => ({
    id: doc.id,
    eliminato: doc.eliminato,
    versioni: doc.versioni.map((v) => versioneDto(v, dati)),
    versioniMancanti: [...doc.versioniMancanti],
    versioneCorrente: doc.versioneCorrente,
  }));
}

const bisogno = (b: { ambito: string; codiceFiscale?: string; descrizione?: string }) => ({ ambito: b.ambito, codiceFiscale: b.codiceFiscale, descrizione: b.descrizione });

export function analisiPreliminare(d: VersioneDocumentoVista<'analisi-preliminare'>['dati']): DatiAnalisiPreliminareDto {
  return {
    numeroVersione: d.numeroVersione,
    statoDocumento: d.statoDocumento,
    dataRedazione: d.dataRedazione,
    dataIncontro: d.dataIncontro,
    bisogni: d.bisogni.map(bisogno),
    risorse: [...d.risorse],
    esito: d.esito,
  };
}

export function quadroAnalisi(d: VersioneDocumentoVista<'quadro-analisi'>['dati']): DatiQuadroAnalisiDto {
  return {
    numeroVersione: d.numeroVersione,
    statoDocumento: d.statoDocumento,
    dataRedazione: d.dataRedazione,
    equipeId: d.equipeId,
    provvisorio: d.provvisorio,
    dimensioni: d.dimensioni.map((x) => ({ ...bisogno(x), livello: x.livello })),
  };
}

export function pais(d: DatiPais): DatiPaisDto {
  return {
    numeroVersione: d.numeroVersione,
    statoDocumento: d.statoDocumento,
    dataRedazione: d.dataRedazione,
    stato: d.stato,
    semplificato: d.semplificato,
    dataSottoscrizione: d.dataSottoscrizione,
    dataInizio: d.dataInizio,
    dataFine: d.dataFine,
    obiettivoGenerale: d.obiettivoGenerale,
    obiettivi: d.obiettivi.map((o) => ({ id: o.id, descrizione: o.descrizione })),
    risultatiAttesi: d.risultatiAttesi.map((r) => ({ obiettivoId: r.obiettivoId, codiceFiscale: r.codiceFiscale, descrizione: r.descrizione, indicatore: r.indicatore, scadenza: r.scadenza })),
    sostegni: d.sostegni.map((s) => ({ id: s.id, tipo: s.tipo, fornitore: organizzazione(s.fornitore), dal: s.dal, al: s.al, beneficiari: [...s.beneficiari], tirocinio: tirocinio(s.tirocinio) })),
    impegni: d.impegni.map((m) => ({ id: m.id, codiceFiscale: m.codiceFiscale, tipo: m.tipo, descrizione: m.descrizione, dal: m.dal, al: m.al })),
  };
}

export function datiCasoDto(c: NonNullable<CasoVista['caso']>): DatiCasoDto {
  return {
    versione: c.versione,
    domandaId: c.domandaId,
    misura: c.misura,
    stato: c.stato,
    dataApertura: c.dataApertura,
    dataAssegnazione: c.dataAssegnazione,
    dataChiusura: c.dataChiusura,
    motivoChiusura: c.motivoChiusura,
    enteCorrente: ente(c.enteCorrente),
    enti: c.enti.map(ente),
    operatori: c.operatori.map((o) => ({ ruolo: o.ruolo, dal: o.dal, al: o.al })),
  };
}

export function membroDto(m: MembroVista): MembroCasoDto {
  return {
    codiceFiscale: m.codiceFiscale,
    ruolo: m.ruolo,
    periodi: m.periodi.map(periodo),
    attuale: m.attuale,
    condizioni: [...m.condizioni],
    categoriaSvantaggio: m.categoriaSvantaggio,
    inScala: m.inScala,
    attivabile: m.attivabile,
    caricoCura: m.caricoCura,
    esonerato: m.esonerato,
  };
}

export function equipeDto(e: CasoVista['equipe'][number]): EquipeDto {
  return {
    id: e.id,
    versione: e.versione,
    dataCostituzione: e.dataCostituzione,
    dataScioglimento: e.dataScioglimento,
    componenti: e.componenti.map((x) => ({ ruolo: x.ruolo, organizzazione: organizzazione(x.organizzazione) })),
  };
}

export function padDto(p: CasoVista['pad'][number]): PadNucleoDto {
  return {
    id: p.id,
    versione: p.versione,
    dataSottoscrizione: p.dataSottoscrizione,
    richiedenteCf: p.richiedenteCf,
    componenti: p.componenti.map((x) => ({
      codiceFiscale: x.codiceFiscale,
      percorso: x.percorso,
      motivoEsonero: x.motivoEsonero,
      categorizzazioni: { condizioni: [...x.categorizzazioni.condizioni], categoriaSvantaggio: x.categorizzazioni.categoriaSvantaggio, attivazione: x.categorizzazioni.attivazione },
    })),
    atsCompetente: p.atsCompetente,
    cpiComune: p.cpiComune,
  };
}

/** The whole case, as the case e-service serves it. The view already holds no operator's codice fiscale. */
export function toCasoDto(vista: CasoVista): CasoDto {
  return {
    casoId: vista.casoId,
    caso: vista.caso && datiCasoDto(vista.caso),
    membri: vista.membri.map(membroDto),
    analisiPreliminari: documenti(vista.analisiPreliminari, analisiPreliminare),
    quadriAnalisi: documenti(vista.quadriAnalisi, quadroAnalisi),
    pais: documenti(vista.pais, pais),
    equipe: vista.equipe.map(equipeDto),
    partecipazioniPuc: vista.partecipazioniPuc.map((p) => ({
      id: p.id,
      versione: p.versione,
      codiceFiscale: p.codiceFiscale,
      progettoId: p.progettoId,
      titoloProgetto: p.titoloProgetto,
      comune: p.comune,
      ambito: p.ambito,
      dataInizio: p.dataInizio,
      dataFine: p.dataFine,
      oreSettimanali: p.oreSettimanali,
      presenze: p.presenze.map((x) => ({ mese: x.mese, oreSvolte: x.oreSvolte })),
    })),
    pad: vista.pad.map(padDto),
    documentiConVersioniMancanti: mancanti(vista),
  };
}

/** A case whose case record arrived: the only ones a list can summarise (state, dates, ente). */
export type CasoConRecord = CasoVista & { caso: NonNullable<CasoVista['caso']> };
export const conRecord = (vista: CasoVista): vista is CasoConRecord => vista.caso !== null;

/** A case in a list: what identifies it and where it stands, nobody's personal details. */
export function sintesiCasoDto({ casoId, caso }: CasoConRecord): SintesiCasoDto {
  return {
    casoId,
    domandaId: caso.domandaId,
    misura: caso.misura,
    stato: caso.stato,
    dataApertura: caso.dataApertura,
    dataChiusura: caso.dataChiusura,
    enteCorrente: ente(caso.enteCorrente),
  };
}

/** A case in a citizen's list: the summary and the citizen's own membership. */
export function casoCittadinoDto(vista: CasoConRecord, link: CollegamentoCaso): CasoCittadinoDto {
  return { ...sintesiCasoDto(vista), ruolo: link.ruolo, periodi: link.periodi.map(periodo), attuale: link.attuale };
}
