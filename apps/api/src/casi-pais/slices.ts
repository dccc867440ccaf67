import { documentoCorrente, versioneDocumento, type CasoVista, type VersioneDocumentoVista } from '@fsl/cartella-sociale';
import type { EntitaDocumento } from '@fsl/gepi';
import { parseRichiestaCasoMisura, parseRichiestaCasoPais, parseRichiestaVersioneDocumento, type RichiestaVersioneDocumento } from '../eservices/requests';
import type { CasiDomandaSource, CasoSource } from './casi.repository';
import { cittadiniDelCaso, cittadiniDellaVersione, cittadiniDellEquipe, cittadiniDelPad, membriDelCaso } from './cittadini';
import type { EsitoCasoMisuraDto, EsitoEquipeDto, EsitoNucleoCasoDto, EsitoPadNucleoDto, EsitoVersioneDocumento } from './consultazioni.contract';
import type { EsitoCasoPaisDto } from './contract';
import { analisiPreliminare, datiCasoDto, equipeDto, membroDto, padDto, pais, quadroAnalisi, toCasoDto, versioneDto } from './mapping';

// The e-services that serve a case, or one part of it, named by its id (or by the application it handles).
// Each is the same steps — find the case, check the caller may see it, take its part of the projected case
// (CasoVista), record the read for whoever that part is about, answer — so each is declared here as what
// differs: how the request names the case, and which part it serves to whom (CasiPaisService runs them).

export type CasiSource = CasoSource & CasiDomandaSource;

/** What an e-service serves of a case, and the citizens whose data that is (each gets the read in their access log). */
export interface Parte<D> {
  esito: D;
  cittadini: readonly string[];
}

export interface CaseSlice<R, D> {
  parse(body: unknown): R;
  /** The cases the request names, the preferred first (by id: at most one). */
  find(casi: CasiSource, request: R): Promise<CasoVista[]>;
  /** Its part of a case the caller may see; undefined when the case has none (the same 404 as an unknown case). */
  part(vista: CasoVista, request: R): Parte<D> | undefined;
  /** The 404's detail: one for every reason, so the answer never tells an unknown case from a hidden one. */
  notFound: string;
}

const byId = async (casi: CasiSource, { casoId }: { casoId: string }): Promise<CasoVista[]> => {
  const vista = await casi.byId(casoId);
  return vista ? [vista] : [];
};

/** A case as a whole (e-service "Consultazione caso PaIS"). */
export const CASO: CaseSlice<{ casoId: string }, EsitoCasoPaisDto> = {
  parse: parseRichiestaCasoPais,
  find: byId,
  part: (vista) => ({ esito: { caso: toCasoDto(vista) }, cittadini: cittadiniDelCaso(vista) }),
  notFound: 'no such case',
};

/**
 * One version of one of the case's documents, by number: of the document the request names, or of the one
 * in force in the case. Served with the citizens that version concerns, not every member the case ever had.
 */
function versioneDelDocumento<E extends EntitaDocumento, C extends string, D>(entita: E, chiaveId: C, dati: (d: VersioneDocumentoVista<E>['dati']) => D): CaseSlice<RichiestaVersioneDocumento, EsitoVersioneDocumento<C, D>> {
  return {
    parse: (body) => parseRichiestaVersioneDocumento(body, chiaveId),
    find: byId,
    part(vista, { documentoId, numeroVersione }) {
      const id = documentoId ?? documentoCorrente(vista, entita)?.id;
      const versione = id === undefined ? undefined : versioneDocumento(vista, entita, id, numeroVersione);
      if (id === undefined || versione === undefined) return undefined;
      const esito = { casoId: vista.casoId, [chiaveId]: id, versione: versioneDto(versione, dati) } as EsitoVersioneDocumento<C, D>;
      return { esito, cittadini: cittadiniDellaVersione(vista, entita, versione.dati) };
    },
    notFound: 'no such document version',
  };
}

export const PAIS = versioneDelDocumento('pais', 'paisId', pais);
export const ANALISI_PRELIMINARE = versioneDelDocumento('analisi-preliminare', 'analisiPreliminareId', analisiPreliminare);
export const QUADRO_ANALISI = versioneDelDocumento('quadro-analisi', 'quadroAnalisiId', quadroAnalisi);

/**
 * The case's équipes: roles and organisations, no person. Still the household's personal data: which
 * services follow it (a health operator, a school) tells its needs; so its members of each équipe's time get
 * the read.
 */
export const EQUIPE: CaseSlice<{ casoId: string }, EsitoEquipeDto> = {
  parse: parseRichiestaCasoPais,
  find: byId,
  part: (vista) => ({
    esito: { casoId: vista.casoId, equipe: vista.equipe.map(equipeDto) },
    cittadini: [...new Set(vista.equipe.flatMap((e) => cittadiniDellEquipe(vista, e)))],
  }),
  notFound: 'no such case',
};

/** The household: every member, current and past, with their periods, role and conditions. */
export const NUCLEO: CaseSlice<{ casoId: string }, EsitoNucleoCasoDto> = {
  parse: parseRichiestaCasoPais,
  find: byId,
  part: (vista) => ({ esito: { casoId: vista.casoId, membri: vista.membri.map(membroDto) }, cittadini: membriDelCaso(vista) }),
  notFound: 'no such case',
};

/** The household's PAD with each member's route and categorisations. */
export const PAD: CaseSlice<{ casoId: string }, EsitoPadNucleoDto> = {
  parse: parseRichiestaCasoPais,
  find: byId,
  part: (vista) => ({ esito: { casoId: vista.casoId, pad: vista.pad.map(padDto) }, cittadini: [...new Set(vista.pad.flatMap(cittadiniDelPad))] }),
  notFound: 'no such case',
};

/**
 * The case that handles an application: its record (state, dates, enti, operators by role), not its
 * documents — the case id leads to them through the e-services above. Should a source send two cases for
 * one application, the one opened last that the caller may see.
 */
export const CASO_MISURA: CaseSlice<{ domandaId: string }, EsitoCasoMisuraDto> = {
  parse: parseRichiestaCasoMisura,
  find: async (casi, { domandaId }) =>
    (await casi.ofDomanda(domandaId)).sort((a, b) => (b.caso?.dataApertura ?? '').localeCompare(a.caso?.dataApertura ?? '') || a.casoId.localeCompare(b.casoId)),
  part: (vista) => (vista.caso ? { esito: { casoId: vista.casoId, caso: datiCasoDto(vista.caso) }, cittadini: membriDelCaso(vista) } : undefined),
  notFound: 'no case for this application',
};
