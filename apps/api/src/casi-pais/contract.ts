import { ApiProperty, ApiPropertyOptional, type ApiPropertyOptions } from '@nestjs/swagger';
import type { Type } from '@nestjs/common';

// Published contract of the GePI cases (casi PaIS): the case as a whole (e-service "Consultazione caso
// PaIS") and a citizen's link to it in the cartella sociale. Mapped field by field from libs/cartella-sociale's
// views (mapping.ts), never exposed as the internal types. Operators appear by role and period only: their
// codici fiscali stay in the source record.

export const ID_GEPI = { maxLength: 64, pattern: '^[A-Za-z0-9._:-]{1,64}$' } as const;
export const DATA = (description: string) => ({ description, format: 'date', maxLength: 10 }) as const;
export const CF = (description: string) => ({ description, maxLength: 16 }) as const;
export const CODICE = (description: string, maxLength = 32) => ({ description, maxLength }) as const;
export const INT = (description: string, minimum: number, maximum: number) => ({ description, type: 'integer', format: 'int32', minimum, maximum }) as const;
const VERSIONE_GEPI = (di: string) => ({ description: `Versione GePI ${di} (cresce a ogni aggiornamento del record)`, type: 'integer', format: 'int64', minimum: 1 }) as const;
export const LISTA = (type: Type<unknown> | [StringConstructor], description: string, maxItems = 1000): ApiPropertyOptions =>
  ({ type: Array.isArray(type) ? type : [type], description, maxItems }) as ApiPropertyOptions;

export class RichiestaCasoPaisDto {
  @ApiProperty({ description: 'Identificativo GePI del caso', ...ID_GEPI, example: 'GEPI-CASO-0001' })
  casoId!: string;
}

export class PeriodoDto {
  @ApiProperty({ ...DATA('Inizio del periodo'), example: '2024-03-15' })
  dal!: string;
  @ApiPropertyOptional({ ...DATA('Fine del periodo (assente: ancora in corso)'), example: '2025-03-14' })
  al?: string;
}

export class EnteCasoDto extends PeriodoDto {
  @ApiProperty({ ...CODICE('Tipo di ente: COMUNE, ATS (ambito territoriale sociale)', 8), example: 'COMUNE' })
  tipo!: string;
  @ApiProperty({ ...CODICE("Codice dell'ente: codice Belfiore del comune o codice dell'ambito", 16), example: 'A488' })
  codice!: string;
}

export class OperatoreCasoDto extends PeriodoDto {
  @ApiProperty({ ...CODICE('Ruolo: COORDINATORE, CASE_MANAGER, RESPONSABILE_CONTROLLI_ANAGRAFICI, RESPONSABILE_PUC'), example: 'CASE_MANAGER' })
  ruolo!: string;
}

export class OrganizzazioneDto {
  @ApiProperty({ ...CODICE('Tipo: SERVIZIO_SOCIALE, CPI, ASL, SCUOLA, ENTE_FORMAZIONE, TERZO_SETTORE, ALTRO', 16), example: 'SERVIZIO_SOCIALE' })
  tipo!: string;
  @ApiProperty({ description: 'Denominazione', maxLength: 200, example: 'Servizio sociale professionale' })
  denominazione!: string;
  @ApiPropertyOptional({ ...CF("Codice fiscale dell'organizzazione (11 cifre)"), example: '07123450159' })
  codiceFiscale?: string;
}

export class SoggettoOspitanteDto {
  @ApiProperty({ ...CF('Codice fiscale del soggetto ospitante'), example: '01234560157' })
  codiceFiscale!: string;
  @ApiProperty({ description: 'Denominazione', maxLength: 200, example: 'AZIENDA OSPITANTE SRL' })
  denominazione!: string;
}

export class TirocinioDto {
  @ApiProperty({ type: SoggettoOspitanteDto, description: 'Soggetto che ospita il tirocinio' })
  soggettoOspitante!: SoggettoOspitanteDto;
  @ApiProperty({ ...INT('Ore settimanali', 1, 40), example: 20 })
  oreSettimanali!: number;
  @ApiPropertyOptional({ description: 'Indennità mensile, in centesimi di euro', type: 'integer', format: 'int64', minimum: 0, example: 50000 })
  indennitaMensileCentesimi?: number;
}

/** What a support is, without whom it is for: shared by the PaIS and by a member's cartella. */
class SostegnoBaseDto extends PeriodoDto {
  @ApiProperty({ description: 'Identificativo del sostegno nel PaIS (stabile tra le versioni)', ...ID_GEPI, example: 'S2' })
  id!: string;
  @ApiProperty({ ...CODICE('Tipo di sostegno (codice della tabella tipoSostegno, es. TIROCINIO_INCLUSIONE)', 64), example: 'TIROCINIO_INCLUSIONE' })
  tipo!: string;
  @ApiProperty({ type: OrganizzazioneDto, description: 'Chi fornisce il sostegno' })
  fornitore!: OrganizzazioneDto;
  @ApiPropertyOptional({ type: TirocinioDto, description: 'Dettagli del tirocinio di inclusione (solo per TIROCINIO_INCLUSIONE)' })
  tirocinio?: TirocinioDto;
}

export class SostegnoDto extends SostegnoBaseDto {
  @ApiProperty({ ...LISTA([String], 'Codici fiscali dei beneficiari; vuoto = tutto il nucleo', 100), example: ['RSSMRA85C52H501N'] })
  beneficiari!: string[];
}

class ImpegnoBaseDto extends PeriodoDto {
  @ApiProperty({ description: "Identificativo dell'impegno nel PaIS", ...ID_GEPI, example: 'I1' })
  id!: string;
  @ApiProperty({ ...CODICE('Tipo di impegno (codice della tabella tipoImpegno)', 64), example: 'COLLOQUI_SERVIZIO' })
  tipo!: string;
  @ApiPropertyOptional({ description: 'Descrizione', maxLength: 500, example: 'Colloquio mensile con il case manager' })
  descrizione?: string;
}

export class ImpegnoDto extends ImpegnoBaseDto {
  @ApiProperty({ ...CF('Codice fiscale del componente che assume l’impegno'), example: 'RSSMRA85C52H501N' })
  codiceFiscale!: string;
}

export class DocumentoMancanteDto {
  @ApiProperty({ ...CODICE('Documento: analisi-preliminare, quadro-analisi, pais', 32), example: 'pais' })
  entita!: string;
  @ApiProperty({ description: 'Identificativo GePI del documento', ...ID_GEPI, example: 'PAIS-20250331-26' })
  id!: string;
  @ApiProperty({ type: 'integer', format: 'int32', minimum: 1, maximum: 9999, isArray: true, maxItems: 9999, description: 'Numeri di versione inferiori al più alto ricevuto e non ancora arrivati', example: [3] })
  versioniMancanti!: number[];
}

// ---- a member's link to the case, in the cartella sociale ----

export class PaisCorrenteDto {
  @ApiProperty({ description: 'Identificativo GePI del PaIS', ...ID_GEPI, example: 'PAIS-20250331-52' })
  id!: string;
  @ApiProperty({ ...INT('Numero della versione corrente (la più alta ricevuta)', 1, 9999), example: 3 })
  numeroVersione!: number;
  @ApiProperty({ ...CODICE('Stato del patto: BOZZA, SOTTOSCRITTO, CONCLUSO', 16), example: 'SOTTOSCRITTO' })
  stato!: string;
}

export class SostegnoCittadinoDto extends SostegnoBaseDto {
  @ApiProperty({ description: 'PaIS da cui viene il sostegno', ...ID_GEPI, example: 'PAIS-20250331-52' })
  paisId!: string;
  @ApiProperty({ description: 'true se il sostegno è per tutto il nucleo (nel periodo in cui il cittadino ne fa parte), false se nomina il cittadino', example: false })
  perNucleo!: boolean;
}

export class ImpegnoCittadinoDto extends ImpegnoBaseDto {
  @ApiProperty({ description: 'PaIS da cui viene l’impegno', ...ID_GEPI, example: 'PAIS-20250331-52' })
  paisId!: string;
}

export class CasoPaisDto {
  @ApiProperty({ description: 'Identificativo GePI del caso PaIS', ...ID_GEPI, example: 'GEPI-CASO-0001' })
  identificativo!: string;
  @ApiProperty({ ...CODICE("Ente che gestisce il caso oggi (codice dell'ente: Belfiore del comune o codice dell'ambito)", 64), example: 'A488' })
  enteGestore!: string;
  @ApiProperty({ ...CODICE("Tipo dell'ente gestore: COMUNE, ATS", 8), example: 'COMUNE' })
  tipoEnteGestore!: string;
  @ApiProperty({ ...CODICE('Stato del caso: DA_ASSEGNARE, ASSEGNATO, CONVOCATO, AP_IN_CORSO, AP_CONCLUSA, QA_IN_CORSO, PATTO_SOTTOSCRITTO, MONITORAGGIO, CHIUSO, ESONERATO, DECADUTO'), example: 'MONITORAGGIO' })
  stato!: string;
  @ApiProperty({ ...DATA('Data di apertura'), example: '2024-03-15' })
  dataApertura!: string;
  @ApiPropertyOptional({ ...DATA('Data di chiusura'), example: '2025-03-31' })
  dataChiusura?: string;
  @ApiProperty({ description: 'Domanda INPS (ADI o RdC) per cui il caso è aperto', ...ID_GEPI, example: 'ADI-2024-000123' })
  domandaId!: string;
  @ApiProperty({ ...CODICE('Misura: ADI, RDC', 8), example: 'ADI' })
  misura!: string;
  @ApiProperty({ ...CODICE('Ruolo del cittadino nel nucleo: RICHIEDENTE, CONIUGE, FIGLIO, GENITORE, FRATELLO_SORELLA, ALTRO_PARENTE, ALTRO', 16), example: 'RICHIEDENTE' })
  ruolo!: string;
  @ApiProperty(LISTA(PeriodoDto, 'Periodi in cui il cittadino ha fatto parte del nucleo del caso: chi ne è uscito resta collegato per quei periodi', 100))
  periodi!: PeriodoDto[];
  @ApiProperty({ description: 'true se il cittadino fa ancora parte del nucleo', example: true })
  attuale!: boolean;
  @ApiPropertyOptional({ type: PaisCorrenteDto, description: 'Il PaIS corrente da cui vengono sostegni e impegni; assente se non ancora ricevuto' })
  pais?: PaisCorrenteDto;
  @ApiProperty(LISTA(SostegnoCittadinoDto, 'Sostegni del PaIS corrente che nominano il cittadino, e quelli per tutto il nucleo nei periodi in cui ne fa parte'))
  sostegni!: SostegnoCittadinoDto[];
  @ApiProperty(LISTA(ImpegnoCittadinoDto, 'Impegni del cittadino nel PaIS corrente'))
  impegni!: ImpegnoCittadinoDto[];
  @ApiProperty(LISTA(DocumentoMancanteDto, 'Documenti del caso con versioni mancanti (una lacuna resta elencata finché la versione non arriva)', 100))
  documentiConVersioniMancanti!: DocumentoMancanteDto[];
}

// ---- the case as a whole (e-service Consultazione caso PaIS) ----

export class DatiCasoDto {
  @ApiProperty({ ...VERSIONE_GEPI('del caso'), example: 8 })
  versione!: number;
  @ApiProperty({ description: 'Domanda INPS (ADI o RdC) per cui il caso è aperto', ...ID_GEPI, example: 'ADI-2024-000123' })
  domandaId!: string;
  @ApiProperty({ ...CODICE('Misura: ADI, RDC', 8), example: 'ADI' })
  misura!: string;
  @ApiProperty({ ...CODICE('Stato del caso: DA_ASSEGNARE, ASSEGNATO, CONVOCATO, AP_IN_CORSO, AP_CONCLUSA, QA_IN_CORSO, PATTO_SOTTOSCRITTO, MONITORAGGIO, CHIUSO, ESONERATO, DECADUTO'), example: 'MONITORAGGIO' })
  stato!: string;
  @ApiProperty({ ...DATA('Data di apertura'), example: '2024-03-15' })
  dataApertura!: string;
  @ApiPropertyOptional({ ...DATA('Data di assegnazione al case manager'), example: '2024-03-23' })
  dataAssegnazione?: string;
  @ApiPropertyOptional({ ...DATA('Data di chiusura'), example: '2025-03-31' })
  dataChiusura?: string;
  @ApiPropertyOptional({ ...CODICE('Motivo di chiusura: OBIETTIVI_RAGGIUNTI, FINE_MISURA, DECADENZA, RINUNCIA, TRASFERIMENTO_FUORI_PIATTAFORMA, ALTRO'), example: 'OBIETTIVI_RAGGIUNTI' })
  motivoChiusura?: string;
  @ApiProperty({ type: EnteCasoDto, description: "L'ente che gestisce il caso oggi (l'ultimo della storia)" })
  enteCorrente!: EnteCasoDto;
  @ApiProperty(LISTA(EnteCasoDto, 'Ogni ente che ha gestito il caso, in ordine di data: un trasferimento chiude un periodo e apre il successivo', 100))
  enti!: EnteCasoDto[];
  @ApiProperty(LISTA(OperatoreCasoDto, 'Operatori assegnati, per ruolo e periodo (senza codice fiscale)', 100))
  operatori!: OperatoreCasoDto[];
}

export class MembroCasoDto {
  @ApiProperty({ ...CF('Codice fiscale del componente'), example: 'RSSMRA85C52H501N' })
  codiceFiscale!: string;
  @ApiProperty({ ...CODICE('Ruolo nel nucleo: RICHIEDENTE, CONIUGE, FIGLIO, GENITORE, FRATELLO_SORELLA, ALTRO_PARENTE, ALTRO', 16), example: 'RICHIEDENTE' })
  ruolo!: string;
  @ApiProperty(LISTA(PeriodoDto, 'Periodi di appartenenza al nucleo, in ordine', 100))
  periodi!: PeriodoDto[];
  @ApiProperty({ description: 'true se fa ancora parte del nucleo', example: true })
  attuale!: boolean;
  @ApiProperty({ ...LISTA([String], "Condizioni dell'ultimo periodo: MINORE, DISABILE, OVER_60, SVANTAGGIO", 4), example: ['MINORE'] })
  condizioni!: string[];
  @ApiPropertyOptional({ ...CODICE('Categoria di svantaggio (con SVANTAGGIO)'), example: 'DIPENDENZE' })
  categoriaSvantaggio?: string;
  @ApiProperty({ description: 'Conteggiato nella scala di equivalenza', example: true })
  inScala!: boolean;
  @ApiProperty({ description: 'Attivabile', example: true })
  attivabile!: boolean;
  @ApiProperty({ description: 'Con carichi di cura', example: false })
  caricoCura!: boolean;
  @ApiProperty({ description: 'Esonerato dagli obblighi', example: false })
  esonerato!: boolean;
}

export class BisognoDto {
  @ApiProperty({ ...CODICE('Ambito: ECONOMICO, ABITATIVO, LAVORO, SALUTE, ISTRUZIONE_FORMAZIONE, RELAZIONI_FAMILIARI, CURA, INCLUSIONE_SOCIALE'), example: 'LAVORO' })
  ambito!: string;
  @ApiPropertyOptional({ ...CF('Componente a cui si riferisce (assente: il nucleo)'), example: 'RSSMRA85C52H501N' })
  codiceFiscale?: string;
  @ApiPropertyOptional({ description: 'Descrizione', maxLength: 2000, example: 'Ricerca di un impiego compatibile con la cura dei figli' })
  descrizione?: string;
}

export class DimensioneDto extends BisognoDto {
  @ApiProperty({ ...CODICE('Livello: BASSO, MEDIO, ALTO', 8), example: 'ALTO' })
  livello!: string;
}

/** What the three documents share: their own version number, status and date. */
class DatiDocumentoDto {
  @ApiProperty({ ...INT('Numero di versione del documento', 1, 9999), example: 2 })
  numeroVersione!: number;
  @ApiProperty({ ...CODICE('Stato del documento: BOZZA, DEFINITIVO', 16), example: 'DEFINITIVO' })
  statoDocumento!: string;
  @ApiProperty({ ...DATA('Data di redazione'), example: '2024-05-20' })
  dataRedazione!: string;
}

export class DatiAnalisiPreliminareDto extends DatiDocumentoDto {
  @ApiProperty({ ...DATA("Data dell'incontro"), example: '2024-04-10' })
  dataIncontro!: string;
  @ApiProperty(LISTA(BisognoDto, 'Bisogni rilevati', 100))
  bisogni!: BisognoDto[];
  @ApiProperty({ ...LISTA([String], 'Risorse del nucleo', 100), example: ['Rete familiare disponibile'] })
  risorse!: string[];
  @ApiPropertyOptional({ ...CODICE('Esito: PAIS_SEMPLIFICATO, QUADRO_ANALISI, SERVIZI_SPECIALISTICI, INVIO_CPI'), example: 'QUADRO_ANALISI' })
  esito?: string;
}

export class DatiQuadroAnalisiDto extends DatiDocumentoDto {
  @ApiPropertyOptional({ description: "Équipe che ha redatto il quadro di analisi", ...ID_GEPI, example: 'EM-20250331-52' })
  equipeId?: string;
  @ApiProperty({ description: "Redatto dal case manager senza l'équipe, in attesa che si possa riunire", example: false })
  provvisorio!: boolean;
  @ApiProperty(LISTA(DimensioneDto, 'Dimensioni valutate', 100))
  dimensioni!: DimensioneDto[];
}

export class ObiettivoDto {
  @ApiProperty({ description: "Identificativo dell'obiettivo", ...ID_GEPI, example: 'OB1' })
  id!: string;
  @ApiProperty({ description: 'Descrizione', maxLength: 1000, example: 'Inclusione lavorativa' })
  descrizione!: string;
}

export class RisultatoAttesoDto {
  @ApiProperty({ description: 'Obiettivo a cui si riferisce', ...ID_GEPI, example: 'OB1' })
  obiettivoId!: string;
  @ApiPropertyOptional({ ...CF('Componente a cui si riferisce'), example: 'RSSMRA85C52H501N' })
  codiceFiscale?: string;
  @ApiProperty({ description: 'Descrizione', maxLength: 1000, example: 'Avvio di un percorso di inserimento' })
  descrizione!: string;
  @ApiPropertyOptional({ description: 'Indicatore', maxLength: 300, example: 'Tirocinio concluso' })
  indicatore?: string;
  @ApiProperty({ ...DATA('Scadenza'), example: '2024-12-10' })
  scadenza!: string;
}

export class DatiPaisDto extends DatiDocumentoDto {
  @ApiProperty({ ...CODICE('Stato del patto: BOZZA, SOTTOSCRITTO, CONCLUSO', 16), example: 'SOTTOSCRITTO' })
  stato!: string;
  @ApiProperty({ description: 'PaIS semplificato (senza quadro di analisi)', example: false })
  semplificato!: boolean;
  @ApiPropertyOptional({ ...DATA('Data di sottoscrizione'), example: '2024-06-11' })
  dataSottoscrizione?: string;
  @ApiProperty({ ...DATA('Inizio'), example: '2024-06-13' })
  dataInizio!: string;
  @ApiPropertyOptional({ ...DATA('Fine'), example: '2025-06-12' })
  dataFine?: string;
  @ApiProperty({ description: 'Obiettivo generale', maxLength: 2000, example: 'Autonomia economica e sociale del nucleo' })
  obiettivoGenerale!: string;
  @ApiProperty(LISTA(ObiettivoDto, 'Obiettivi specifici', 100))
  obiettivi!: ObiettivoDto[];
  @ApiProperty(LISTA(RisultatoAttesoDto, 'Risultati attesi', 100))
  risultatiAttesi!: RisultatoAttesoDto[];
  @ApiProperty(LISTA(SostegnoDto, 'Sostegni', 100))
  sostegni!: SostegnoDto[];
  @ApiProperty(LISTA(ImpegnoDto, 'Impegni dei componenti', 100))
  impegni!: ImpegnoDto[];
}

/** One version of a document, addressable by its number (one class per document kind: the schema names differ). */
function versioneDocumentoDto<D>(nome: string, dati: Type<D>) {
  class VersioneDocumento {
    @ApiProperty({ ...INT('Numero di versione del documento', 1, 9999), example: 3 })
    numeroVersione!: number;
    @ApiProperty({ ...VERSIONE_GEPI('del record che porta questa versione'), example: 4 })
    versioneRecord!: number;
    @ApiPropertyOptional({ type: EnteCasoDto, description: 'Ente che gestiva il caso alla data di redazione' })
    ente?: EnteCasoDto;
    @ApiProperty({ type: dati, description: 'Contenuto della versione' })
    dati!: D;
  }
  Object.defineProperty(VersioneDocumento, 'name', { value: `Versione${nome}Dto` });
  return VersioneDocumento;
}

/** A document with every version received. */
function documentoDto(nome: string, versione: Type<unknown>, descrizione: string) {
  class Documento {
    @ApiProperty({ description: `Identificativo GePI ${descrizione}`, ...ID_GEPI, example: 'PAIS-20250331-52' })
    id!: string;
    @ApiProperty({ description: 'true se il documento è stato eliminato in GePI: le sue versioni non sono più servite (versioni vuoto)', example: false })
    eliminato!: boolean;
    @ApiProperty(LISTA(versione, 'Ogni versione ricevuta, in ordine di numero: ciascuna indirizzabile', 9999))
    versioni!: unknown[];
    @ApiProperty({ type: 'integer', format: 'int32', minimum: 1, maximum: 9999, isArray: true, maxItems: 9999, description: 'Numeri inferiori al più alto ricevuto e non ancora arrivati', example: [] })
    versioniMancanti!: number[];
    @ApiPropertyOptional({ ...INT('Numero della versione più alta ricevuta', 1, 9999), example: 3 })
    versioneCorrente?: number;
  }
  Object.defineProperty(Documento, 'name', { value: `${nome}Dto` });
  return Documento;
}

export const VersioneAnalisiPreliminareDto = versioneDocumentoDto('AnalisiPreliminare', DatiAnalisiPreliminareDto);
export const VersioneQuadroAnalisiDto = versioneDocumentoDto('QuadroAnalisi', DatiQuadroAnalisiDto);
export const VersionePaisDto = versioneDocumentoDto('Pais', DatiPaisDto);
export const AnalisiPreliminareDto = documentoDto('AnalisiPreliminare', VersioneAnalisiPreliminareDto, "dell'analisi preliminare");
export const QuadroAnalisiDto = documentoDto('QuadroAnalisi', VersioneQuadroAnalisiDto, 'del quadro di analisi');
export const PaisDto = documentoDto('Pais', VersionePaisDto, 'del PaIS');
export type VersioneDocumentoDto<D> = { numeroVersione: number; versioneRecord: number; ente?: EnteCasoDto; dati: D };
export type DocumentoDto<D> = {
  id: string;
  eliminato: boolean;
  versioni: Array<VersioneDocumentoDto<D>>;
  versioniMancanti: number[];
  versioneCorrente?: number;
};

export class ComponenteEquipeDto {
  @ApiProperty({ ...CODICE('Ruolo: CASE_MANAGER, ASSISTENTE_SOCIALE, OPERATORE_CPI, OPERATORE_SANITARIO, OPERATORE_SCOLASTICO, OPERATORE_TERZO_SETTORE, ALTRO'), example: 'CASE_MANAGER' })
  ruolo!: string;
  @ApiProperty({ type: OrganizzazioneDto, description: 'Organizzazione di appartenenza' })
  organizzazione!: OrganizzazioneDto;
}

export class EquipeDto {
  @ApiProperty({ description: "Identificativo GePI dell'équipe", ...ID_GEPI, example: 'EM-20250331-52' })
  id!: string;
  @ApiProperty({ ...VERSIONE_GEPI("dell'équipe"), example: 1 })
  versione!: number;
  @ApiProperty({ ...DATA('Data di costituzione'), example: '2024-05-10' })
  dataCostituzione!: string;
  @ApiPropertyOptional({ ...DATA('Data di scioglimento'), example: '2025-03-31' })
  dataScioglimento?: string;
  @ApiProperty(LISTA(ComponenteEquipeDto, 'Componenti, per ruolo e organizzazione', 100))
  componenti!: ComponenteEquipeDto[];
}

export class PresenzaPucDto {
  @ApiProperty({ description: 'Mese (AAAA-MM)', maxLength: 7, pattern: '^[0-9]{4}-(0[1-9]|1[0-2])$', example: '2024-05' })
  mese!: string;
  @ApiProperty({ ...INT('Ore svolte nel mese', 0, 200), example: 25 })
  oreSvolte!: number;
}

export class PartecipazionePucCasoDto {
  @ApiProperty({ description: 'Identificativo GePI della partecipazione', ...ID_GEPI, example: 'PUCG-20250331-52' })
  id!: string;
  @ApiProperty({ ...VERSIONE_GEPI('della partecipazione'), example: 1 })
  versione!: number;
  @ApiProperty({ ...CF('Codice fiscale del partecipante'), example: 'RSSMRA85C52H501N' })
  codiceFiscale!: string;
  @ApiProperty({ description: 'Identificativo del Progetto utile alla collettività (PUC)', ...ID_GEPI, example: 'PUC-PRJ-35' })
  progettoId!: string;
  @ApiPropertyOptional({ description: 'Titolo del progetto', maxLength: 300, example: 'Cura del verde pubblico' })
  titoloProgetto?: string;
  @ApiProperty({ ...CODICE('Comune del progetto (codice Belfiore)', 4), example: 'A488' })
  comune!: string;
  @ApiProperty({ ...CODICE('Ambito: CULTURALE, SOCIALE, ARTISTICO, AMBIENTALE, FORMATIVO, TUTELA_BENI_COMUNI'), example: 'AMBIENTALE' })
  ambito!: string;
  @ApiProperty({ ...DATA('Data di inizio'), example: '2024-07-11' })
  dataInizio!: string;
  @ApiPropertyOptional({ ...DATA('Data di fine'), example: '2025-01-07' })
  dataFine?: string;
  @ApiProperty({ ...INT('Ore settimanali', 1, 40), example: 8 })
  oreSettimanali!: number;
  @ApiProperty(LISTA(PresenzaPucDto, 'Presenze mensili', 240))
  presenze!: PresenzaPucDto[];
}

export class CategorizzazioniDto {
  @ApiProperty({ ...LISTA([String], 'Condizioni: MINORE, DISABILE, OVER_60, SVANTAGGIO', 4), example: [] })
  condizioni!: string[];
  @ApiPropertyOptional({ ...CODICE('Categoria di svantaggio (con SVANTAGGIO)'), example: 'DIPENDENZE' })
  categoriaSvantaggio?: string;
  @ApiProperty({ ...CODICE('Attivazione: ATTIVABILE, NON_ATTIVABILE, ESONERATO, CARICHI_DI_CURA', 16), example: 'ATTIVABILE' })
  attivazione!: string;
}

export class ComponentePadDto {
  @ApiProperty({ ...CF('Codice fiscale del componente'), example: 'RSSMRA85C52H501N' })
  codiceFiscale!: string;
  @ApiProperty({ ...CODICE('Percorso: SOCIALE, LAVORATIVO, ESONERATO', 16), example: 'LAVORATIVO' })
  percorso!: string;
  @ApiPropertyOptional({ description: "Motivo dell'esonero (con ESONERATO)", maxLength: 300, example: 'Programma terapeutico in corso' })
  motivoEsonero?: string;
  @ApiProperty({ type: CategorizzazioniDto, description: 'Categorizzazioni del componente' })
  categorizzazioni!: CategorizzazioniDto;
}

export class PadNucleoDto {
  @ApiProperty({ description: 'Identificativo del Patto di attivazione digitale', ...ID_GEPI, example: 'PAD-ADI-20250331-201' })
  id!: string;
  @ApiProperty({ ...VERSIONE_GEPI('del PAD'), example: 1 })
  versione!: number;
  @ApiProperty({ ...DATA('Data di sottoscrizione'), example: '2024-03-07' })
  dataSottoscrizione!: string;
  @ApiProperty({ ...CF('Codice fiscale del richiedente'), example: 'RSSMRA85C52H501N' })
  richiedenteCf!: string;
  @ApiProperty(LISTA(ComponentePadDto, 'Componenti con percorso e categorizzazioni', 100))
  componenti!: ComponentePadDto[];
  @ApiPropertyOptional({ ...CODICE('Ambito territoriale sociale competente', 16), example: 'LOM_23' })
  atsCompetente?: string;
  @ApiPropertyOptional({ ...CODICE('Centro per l’impiego competente (codice Belfiore del comune)', 4), example: 'A488' })
  cpiComune?: string;
}

export class CasoDto {
  @ApiProperty({ description: 'Identificativo GePI del caso', ...ID_GEPI, example: 'GEPI-CASO-0001' })
  casoId!: string;
  @ApiProperty({ type: DatiCasoDto, nullable: true, description: 'Il record del caso; null se non ancora ricevuto o eliminato (gli altri documenti restano)' })
  caso!: DatiCasoDto | null;
  @ApiProperty(LISTA(MembroCasoDto, 'Componenti del nucleo, attuali e passati, per codice fiscale', 100))
  membri!: MembroCasoDto[];
  @ApiProperty(LISTA(AnalisiPreliminareDto, 'Analisi preliminari, con ogni versione', 100))
  analisiPreliminari!: DocumentoDto<DatiAnalisiPreliminareDto>[];
  @ApiProperty(LISTA(QuadroAnalisiDto, 'Quadri di analisi, con ogni versione', 100))
  quadriAnalisi!: DocumentoDto<DatiQuadroAnalisiDto>[];
  @ApiProperty(LISTA(PaisDto, 'Patti per l’inclusione sociale, con ogni versione', 100))
  pais!: DocumentoDto<DatiPaisDto>[];
  @ApiProperty(LISTA(EquipeDto, 'Équipe multidisciplinari', 100))
  equipe!: EquipeDto[];
  @ApiProperty(LISTA(PartecipazionePucCasoDto, 'Partecipazioni a PUC dei componenti', 1000))
  partecipazioniPuc!: PartecipazionePucCasoDto[];
  @ApiProperty(LISTA(PadNucleoDto, 'Patti di attivazione digitale del nucleo, con le categorizzazioni', 100))
  pad!: PadNucleoDto[];
  @ApiProperty(LISTA(DocumentoMancanteDto, 'Documenti con versioni mancanti', 300))
  documentiConVersioniMancanti!: DocumentoMancanteDto[];
}

export class EsitoCasoPaisDto {
  @ApiProperty({ type: CasoDto, description: 'Il caso, visibile all’ente che lo gestisce oggi o alle finalità che comprendono tutti i casi' })
  caso!: CasoDto;
}
