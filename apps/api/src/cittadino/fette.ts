import type { SezioneSiislDto } from '../cartella-lavorativa.contract';
import type { FascicoloService, FascicoloView } from '../fascicolo/fascicolo.service';
import type { Letta } from '../fascicolo/sources';
import type { Cartella } from '../registry/authorizations';
import type { EserviceCall } from '../security/eservice-call';
import type {
  EsitoCurriculumDto,
  EsitoImpegniPaisDto,
  EsitoIscrizioniCorsiDto,
  EsitoManifestazioniInteresseDto,
  EsitoMisureInclusioneDto,
  EsitoOfferteLavoroDto,
  EsitoPartecipazioniPucDto,
  EsitoSostegniPaisDto,
} from './contract';

// The slices of a citizen's dossier that have an e-service of their own. Each is read as its cartella is read
// for the same caller — same scope rules, same dossier version — and then cut down to what the e-service is
// for: a slice never carries more than its cartella would, only less.

/** What each slice's answer holds besides the dossier version. */
export interface Fette {
  'partecipazioni-puc': Omit<EsitoPartecipazioniPucDto, 'versione'>;
  'impegni-pais': Omit<EsitoImpegniPaisDto, 'versione'>;
  'sostegni-pais': Omit<EsitoSostegniPaisDto, 'versione'>;
  'misure-inclusione': Omit<EsitoMisureInclusioneDto, 'versione'>;
  'iscrizioni-corsi': Omit<EsitoIscrizioniCorsiDto, 'versione'>;
  'manifestazioni-interesse': Omit<EsitoManifestazioniInteresseDto, 'versione'>;
  curriculum: Omit<EsitoCurriculumDto, 'versione'>;
  'offerte-lavoro': Omit<EsitoOfferteLavoroDto, 'versione'>;
}
export type KindFetta = keyof Fette;

export interface Fetta<T> {
  /** The cartella the slice belongs to: a purpose that does not receive it gets the empty answer. */
  cartella: Cartella;
  /** The answer when the caller may see nothing of the citizen, or the citizen is unknown: the same answer. */
  vuota(): T;
  /** The slice as the caller may see it, with the dossier version it was read at; undefined if nothing is visible. */
  leggi(call: EserviceCall, codiceFiscale: string): Promise<Letta<T> | undefined>;
}

/** The SIISL section of the cartella lavorativa alone (the CO history is not needed by any slice of it). */
export interface SezioneSiislSource {
  findSiisl(codiceFiscale: string): Promise<Letta<SezioneSiislDto> | undefined>;
}

export interface FontiFette {
  fascicoli: Pick<FascicoloService, 'read'>;
  siisl: SezioneSiislSource;
}

export function fette(fonti: FontiFette): { [K in KindFetta]: Fetta<Fette[K]> } {
  /**
   * A slice of the cartella sociale or formativa, read by the fascicolo's own read for this caller: the ente
   * scope of the PaIS cases and the rule that measures and PUC go only to a purpose of the whole cartella
   * sociale apply unchanged. A view with version 0 is the "nothing visible" answer.
   */
  const daFascicolo =
    <T>(cartella: Cartella, scegli: (v: Required<FascicoloView>) => T) =>
    async (call: EserviceCall, codiceFiscale: string): Promise<Letta<T> | undefined> => {
      const view = await fonti.fascicoli.read(call, codiceFiscale, [cartella]);
      return view.versione === 0 ? undefined : { versione: view.versione, cartella: scegli(view as Required<FascicoloView>) };
    };
  /**
   * A slice of the SIISL section of the cartella lavorativa: a grant of the cartella lavorativa sees the whole of
   * it, so the citizen is visible whenever they have a dossier (as in the fascicolo).
   */
  const daSiisl =
    <T>(scegli: (s: SezioneSiislDto) => T) =>
    async (_call: EserviceCall, codiceFiscale: string): Promise<Letta<T> | undefined> => {
      const letta = await fonti.siisl.findSiisl(codiceFiscale);
      return letta && { versione: letta.versione, cartella: scegli(letta.cartella) };
    };

  return {
    'partecipazioni-puc': {
      cartella: 'sociale',
      vuota: () => ({ partecipazioniPuc: [] }),
      leggi: daFascicolo('sociale', (v) => ({ partecipazioniPuc: v.cartellaSociale.partecipazioniPuc })),
    },
    'impegni-pais': {
      cartella: 'sociale',
      vuota: () => ({ impegni: [] }),
      // The cases come by id and each case's items by PaIS and id: the flat list keeps that order.
      leggi: daFascicolo('sociale', (v) => ({ impegni: v.cartellaSociale.casiPais.flatMap((c) => c.impegni.map((i) => ({ casoId: c.identificativo, ...i }))) })),
    },
    'sostegni-pais': {
      cartella: 'sociale',
      vuota: () => ({ sostegni: [] }),
      leggi: daFascicolo('sociale', (v) => ({ sostegni: v.cartellaSociale.casiPais.flatMap((c) => c.sostegni.map((s) => ({ casoId: c.identificativo, ...s }))) })),
    },
    'misure-inclusione': {
      cartella: 'sociale',
      vuota: () => ({ misureInclusione: [] }),
      leggi: daFascicolo('sociale', (v) => ({ misureInclusione: v.cartellaSociale.misureInclusione })),
    },
    'iscrizioni-corsi': {
      cartella: 'formativa',
      vuota: () => ({ iscrizioni: [] }),
      leggi: daFascicolo('formativa', (v) => ({ iscrizioni: v.cartellaFormativa.iscrizioni })),
    },
    'manifestazioni-interesse': {
      cartella: 'formativa',
      vuota: () => ({ manifestazioniInteresse: [] }),
      leggi: daFascicolo('formativa', (v) => ({ manifestazioniInteresse: v.cartellaFormativa.manifestazioniInteresse })),
    },
    curriculum: {
      cartella: 'lavorativa',
      vuota: () => ({ curriculum: null, versioniCurriculum: [] }),
      leggi: daSiisl((s) => ({ curriculum: s.curriculum, versioniCurriculum: s.versioniCurriculum })),
    },
    'offerte-lavoro': {
      cartella: 'lavorativa',
      vuota: () => ({ proposteLavoro: [] }),
      // Mapped member by member: the refusal's free-text reason stays out (see PropostaOffertaLavoroDto).
      leggi: daSiisl((s) => ({
        proposteLavoro: s.proposteLavoro.map((p) => ({
          id: p.id,
          versione: p.versione,
          offertaId: p.offertaId,
          collegamento: p.collegamento,
          offerta: p.offerta,
          stato: p.stato,
          dataProposta: p.dataProposta,
          dataScadenza: p.dataScadenza,
          dataEsito: p.dataEsito,
          rifiutoGiustificato: p.rifiutoGiustificato,
        })),
      })),
    },
  };
}
