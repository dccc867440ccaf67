// The two official XSDs (xsd/PS_PSA_SINA201812.xsd, xsd/SINBA.xsd) written out as data: every element with
// its attributes (required or not, simple type with its facets) and its children in sequence order with
// their occurrences. xml-check.ts validates a flow against this, and xsd-spec.spec.ts reads the XSD files
// and checks that this copy says exactly what they say, so the two cannot drift apart.

/** The simple types the two XSDs use, with their facets. */
export type SimpleType =
  | { kind: 'string'; minLength?: number; maxLength?: number; length?: number; pattern?: string }
  | { kind: 'enum'; values: readonly string[] }
  | { kind: 'date' }
  | { kind: 'decimal' }
  | { kind: 'int'; minInclusive?: number; maxInclusive?: number };

export interface AttributeSpec {
  required: boolean;
  type: SimpleType;
}

export interface ChildSpec {
  name: string;
  minOccurs: number;
  /** Infinity for unbounded. */
  maxOccurs: number;
  element: ElementSpec;
}

/** An element: attributes and element-only children (a sequence), or simple text content. */
export interface ElementSpec {
  attributes: Readonly<Record<string, AttributeSpec>>;
  children: readonly ChildSpec[];
  text?: SimpleType;
}

export const NAMESPACE = 'http://inps.it/Casellario';

/** Enumerations "1".."n", the shape of almost every code of the two flows. */
const codes = (n: number): SimpleType => ({ kind: 'enum', values: Array.from({ length: n }, (_, i) => String(i + 1)) });
const str = (facets: Omit<Extract<SimpleType, { kind: 'string' }>, 'kind'>): SimpleType => ({ kind: 'string', ...facets });
const req = (type: SimpleType): AttributeSpec => ({ required: true, type });
const opt = (type: SimpleType): AttributeSpec => ({ required: false, type });
const one = (name: string, element: ElementSpec, minOccurs = 1, maxOccurs = 1): ChildSpec => ({ name, minOccurs, maxOccurs, element });
const simple = (text: SimpleType): ElementSpec => ({ attributes: {}, children: [], text });

const DATE: SimpleType = { kind: 'date' };
const DECIMAL: SimpleType = { kind: 'decimal' };
/** The XSDs' codice fiscale pattern (see README "Identity"): it accepts lower case and only three omocodic substitutions. */
export const XSD_CF_PATTERN = '([A-Za-z]{6}\\d{2}[A-Za-z]\\d{2}[A-Za-z][A-Za-z0-9]{3}[A-Za-z])|(\\d{11} {0,5})';
const CF = str({ pattern: XSD_CF_PATTERN });
const DIGITS = (n: number) => str({ pattern: `([0-9]{${n}})` });
const CODICE_PRESTAZIONE = str({ minLength: 5, maxLength: 10 });
const MESE_ANNO = str({ pattern: '((0[1-9])|(1[0-2]))[/](19|20)[0-9]{2}' });

const ENTE: ElementSpec = {
  attributes: {
    Codice: req(str({ minLength: 1, maxLength: 32 })),
    Denominazione: opt(str({ minLength: 1, maxLength: 100 })),
    Indirizzo: req(str({ minLength: 4, maxLength: 4 })),
    CFOperatore: req(CF),
  },
  children: [],
};

const IDENTIFICAZIONE_FLUSSO: ElementSpec = {
  attributes: { Nome: req(str({ maxLength: 50 })) },
  children: [one('Ente', ENTE)],
};

const SINA: ElementSpec = {
  attributes: {
    Mobilita: req(codes(3)),
    AttivitaVitaQuotidiana: req(codes(3)),
    DisturbiAreaCognitiva: opt(codes(3)),
    DisturbiComportamentali: req(codes(2)),
    NecessitaCureSanitarie: opt(codes(3)),
    AreaReddituale: req(codes(3)),
    AreaSupporto: req(codes(3)),
    FonteDerivazioneValutazione: req(codes(4)),
    StrumentoValutazione: req(codes(7)),
    FonteDerivazioneInvalidita: opt(codes(2)),
  },
  children: [
    one('NecessitaInterventiSociali', { attributes: {}, children: [one('CodicePrestazione', simple(CODICE_PRESTAZIONE), 1, Infinity)] }, 0),
    one('InvaliditaCivile', { attributes: {}, children: [one('InvCiv', simple(codes(8)), 1, Infinity)] }, 0),
  ],
};

const PRESTAZIONI_SOCIALI: ElementSpec = {
  attributes: {
    TipoOperazione: opt({ kind: 'enum', values: ['I', 'C'] }),
    PresenzaProvaMezzi: req(codes(4)),
    CaratterePrestazione: opt(codes(2)),
    NumeroProtocolloDSU: opt(str({ minLength: 0, maxLength: 30 })),
    AnnoProtocolloDSU: opt(DIGITS(4)),
    DataDSU: opt(DATE),
    CodicePrestazione: req(CODICE_PRESTAZIONE),
    DenominazionePrestazione: req(str({ minLength: 10, maxLength: 200 })),
    ProtocolloDomanda: req(str({ minLength: 1, maxLength: 32 })),
    DataEvento: opt(DATE),
    DataInizioPrestazione: opt(DATE),
    DataFinePrestazione: opt(DATE),
    DataErogazionePrestazione: opt(DATE),
    ImportoPrestazione: opt(DECIMAL),
    PeriodoErogazione: opt({ kind: 'int', minInclusive: 1, maxInclusive: 12 }),
    ImportoMensile: opt(DECIMAL),
    ImportoQuotaEnte: opt(DECIMAL),
    ImportoQuotaUtente: opt(DECIMAL),
    ImportoQuotaSSN: opt(DECIMAL),
    ImportoQuotaRichiesta: opt(DECIMAL),
    ImportoSogliaISEE: opt(DECIMAL),
    OreServizioMensile: opt(DECIMAL),
    PresaCarico: req(codes(2)),
    AreaUtenza: opt(codes(3)),
  },
  children: [one('SINA', SINA, 0)],
};

const BENEFICIARIO: ElementSpec = {
  attributes: { CodiceFiscale: req(CF) },
  children: [
    one('Anagrafica', {
      attributes: {
        Cognome: req(str({ minLength: 1, maxLength: 36 })),
        Nome: req(str({ minLength: 1, maxLength: 36 })),
        AnnoNascita: req(DIGITS(4)),
        LuogoNascita: req(str({ length: 4 })),
        Genere: req(codes(2)),
        CodiceCittadinanza: req(DIGITS(3)),
        CodiceSecondaCittadinanza: opt(DIGITS(3)),
      },
      children: [],
    }),
    one('Indirizzo', { attributes: { CodiceRegione: opt(DIGITS(2)), CodiceComune: opt(DIGITS(6)), CodiceNazione: req(DIGITS(3)) }, children: [] }, 1, 5),
    one('PrestazioniSociali', PRESTAZIONI_SOCIALI, 1, Infinity),
  ],
};

/** Root `Flusso` of PS_PSA_SINA201812.xsd. */
export const PS_PSA_SINA_ROOT: ElementSpec = {
  attributes: {},
  children: [one('IdentificazioneFlusso', IDENTIFICAZIONE_FLUSSO), one('Beneficiario', BENEFICIARIO, 1, Infinity)],
};

/** The attributes of SINBA's `SINBA` element, in the XSD's order. */
export const SINBA_ATTRIBUTES: Readonly<Record<string, AttributeSpec>> = {
  IDBeneficiario: req(str({ minLength: 1, maxLength: 20 })),
  MinoreStranieroNoAcc: req(codes(2)),
  CondizioneMinore: req(codes(5)),
  LuogoVita: req(codes(8)),
  ScuolaFrequentata: req(codes(8)),
  CondizioneLavoro: req(codes(4)),
  Disabilita: req(codes(2)),
  TipoDisabilita: opt(codes(4)),
  InvCivCertificazioni: opt(codes(5)),
  CodiceCittadinanzaPadre: opt(DIGITS(3)),
  CodiceCittadinanzaMadre: opt(DIGITS(3)),
  CodiceRegioneResidenzaPadre: opt(DIGITS(2)),
  CodiceRegioneResidenzaMadre: opt(DIGITS(2)),
  TitoloStudioPadre: opt(codes(6)),
  TitoloStudioMadre: opt(codes(6)),
  OccupazionePadre: opt(codes(8)),
  OccupazioneMadre: opt(codes(8)),
  DataPrimaSegnalazione: req(MESE_ANNO),
  FonteSegnalazione: req(codes(14)),
  ValutazioneMinore: req(codes(13)),
  ValutazioneFamigliaMinore: req(codes(13)),
  SegnalazioneAutoritaGiudiziaria: req(codes(2)),
  DataSegnalazione: opt(MESE_ANNO),
  ProvvedimentoGiudiziario: req(codes(2)),
  DataProvvedimentoGiudiziario: opt(MESE_ANNO),
  AutoritaProvvedimento: opt(codes(4)),
  PotestaTutela: opt(codes(5)),
  TipoProvvedimentoGiudiziario: opt(codes(8)),
  FormaInterventoAffido: opt(codes(2)),
  TipoInterventoAffido: opt(codes(2)),
  DurataAffido: opt(codes(2)),
  CarattereAffido: opt(codes(2)),
  EsitoAffido: opt(codes(9)),
  CarattereInserimentoResidenziale: opt(codes(10)),
  FormaInserimentoResidenziale: opt(codes(2)),
  TipoInserimentoResidenziale: opt(codes(2)),
  EsitoInserimentoStruttura: opt(codes(9)),
  MotivazioneChiusuraCarico: opt(codes(9)),
  SituazioneChiusuraCarico: opt(codes(8)),
  CollaborazioniInterventi: opt(codes(9)),
  NumeroComponentiISEE: opt({ kind: 'int', maxInclusive: 9 }),
  FasciaEtaBeneficiario: req(codes(6)),
  FasciaISEEBeneficiario: opt(codes(8)),
  AnnoNascita: req(DIGITS(4)),
  CodiceRegioneResidenza: opt(DIGITS(2)),
  CodiceNazioneResidenza: req(DIGITS(3)),
};

const SINBA_ELEMENT: ElementSpec = {
  attributes: SINBA_ATTRIBUTES,
  children: [
    one('Prestazioni', { attributes: {}, children: [one('CodicePrestazione', simple(CODICE_PRESTAZIONE), 1, Infinity)] }),
    one('Famiglia', { attributes: {}, children: [one('ComposizioneFamiglia', simple(codes(6)), 1, Infinity)] }),
  ],
};

/** Root `Flusso` of SINBA.xsd. */
export const SINBA_ROOT: ElementSpec = {
  attributes: {},
  children: [one('IdentificazioneFlusso', IDENTIFICAZIONE_FLUSSO), one('SINBA', SINBA_ELEMENT, 1, Infinity)],
};

export const ROOT_ELEMENT = 'Flusso';

/** The model's name of an XSD attribute: lower camel case, `IDBeneficiario` → `idBeneficiario`. */
export const modelName = (xml: string): string => (xml === 'IDBeneficiario' ? 'idBeneficiario' : xml[0].toLowerCase() + xml.slice(1));
