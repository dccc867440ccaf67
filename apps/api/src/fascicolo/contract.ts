import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CartellaLavorativaDto, STATI_COLLEGAMENTO } from '../cartella-lavorativa.contract';
import { CasoPaisDto } from '../casi-pais/contract';

// Published contract of the consolidated fascicolo e-services. The codice fiscale travels in the
// request body, never in the URL, so that it does not end up in access logs of proxies and gateways.

const VERSIONE = 'Versione del fascicolo (cresce a ogni modifica). 0 quando non ci sono dati visibili al fruitore: la risposta è la stessa per un codice fiscale sconosciuto, così non rivela se il cittadino è presente nel FSL.';
/** The same text for the answers of the e-services that serve a slice of a cartella. */
export const VERSIONE_FASCICOLO = VERSIONE;

export class RichiestaFascicoloDto {
  @ApiProperty({ description: 'Codice fiscale del cittadino, come scritto (16 caratteri o 11 cifre)', minLength: 11, maxLength: 16, pattern: '^[A-Za-z0-9]{11,16}$', example: 'RSSMRA85C52H501N' })
  codiceFiscale!: string;
}

const ID_SIISL = { maxLength: 64, pattern: '^[A-Za-z0-9._:-]{1,64}$' } as const;
const VERSIONE_SIISL = (di: string) => ({ description: `Versione SIISL ${di}`, type: 'integer', format: 'int64', minimum: 1 }) as const;
const CENTESIMI = (description: string) => ({ description, type: 'integer', format: 'int64', minimum: 0 }) as const;

export class ImportoMensileDto {
  @ApiProperty({ description: 'Mese di competenza (AAAA-MM)', maxLength: 7, pattern: '^[0-9]{4}-(0[1-9]|1[0-2])$', example: '2024-02' })
  mese!: string;
  @ApiProperty({ ...CENTESIMI('Importo del beneficio, in centesimi di euro'), example: 31400 })
  importoCentesimi!: number;
  @ApiPropertyOptional({ ...CENTESIMI("Contributo per l'affitto, in centesimi di euro"), example: 15000 })
  importoAffittoCentesimi?: number;
}

export class MisuraInclusioneDto {
  @ApiProperty({ description: 'Identificativo della domanda INPS', ...ID_SIISL, example: 'ADI-2024-000123' })
  id!: string;
  @ApiProperty({ ...VERSIONE_SIISL('della misura'), example: 2 })
  versione!: number;
  @ApiProperty({ description: 'Misura: ADI (Assegno di inclusione), SFL (Supporto per la formazione e il lavoro)', maxLength: 8, example: 'ADI' })
  misura!: string;
  @ApiProperty({ description: 'Stato: ACCOLTA, SOSPESA, REVOCATA, DECADUTA', maxLength: 16, example: 'ACCOLTA' })
  stato!: string;
  @ApiProperty({ description: 'Ruolo del cittadino: RICHIEDENTE, o COMPONENTE del nucleo', maxLength: 16, example: 'RICHIEDENTE' })
  ruolo!: string;
  @ApiPropertyOptional({ description: 'Percorso del cittadino dopo il PAD: SERVIZI_SOCIALI, CENTRO_IMPIEGO; assente se non ancora indirizzato', maxLength: 16, example: 'CENTRO_IMPIEGO' })
  percorso?: string;
  @ApiProperty({ description: 'Numero di componenti del nucleo', type: 'integer', format: 'int32', minimum: 1, maximum: 100, example: 3 })
  componentiNucleo!: number;
  @ApiProperty({ description: 'Data di decorrenza', format: 'date', maxLength: 10, example: '2024-04-01' })
  dataDecorrenza!: string;
  @ApiPropertyOptional({ description: 'Data di fine', format: 'date', maxLength: 10, example: '2025-09-30' })
  dataFine?: string;
  @ApiPropertyOptional({ description: 'Data di sottoscrizione del Patto di attivazione digitale (PAD)', format: 'date', maxLength: 10, example: '2024-03-07' })
  dataSottoscrizionePad?: string;
  @ApiProperty({ type: [ImportoMensileDto], description: 'Importi mensili, per mese', maxItems: 240 })
  importiMensili!: ImportoMensileDto[];
  @ApiProperty({ ...CENTESIMI('Somma degli importi mensili (beneficio e affitto), in centesimi di euro'), example: 845700 })
  totaleCentesimi!: number;
}

export class FontePucDto {
  @ApiProperty({ description: 'Fonte che riporta la partecipazione: SIISL, GEPI', enum: ['SIISL', 'GEPI'], maxLength: 8, example: 'GEPI' })
  fonte!: string;
  @ApiProperty({ description: 'Identificativo del record nella fonte', ...ID_SIISL, example: 'PUCG-20250331-52' })
  id!: string;
  @ApiProperty({ description: 'Versione del record nella fonte', type: 'integer', format: 'int64', minimum: 1, example: 1 })
  versione!: number;
  @ApiPropertyOptional({ description: 'Solo GePI: il caso PaIS a cui appartiene la partecipazione', ...ID_SIISL, example: 'CASO-20250331-52' })
  casoId?: string;
}

export class PartecipazionePucDto {
  @ApiProperty({ description: 'Identificativo del Progetto utile alla collettività (PUC)', ...ID_SIISL, example: 'PUC-PRJ-35' })
  progettoId!: string;
  @ApiPropertyOptional({ description: 'Titolo del progetto', maxLength: 300, example: 'Cura del verde pubblico' })
  titoloProgetto?: string;
  @ApiProperty({ description: 'Comune del progetto (codice Belfiore)', maxLength: 4, example: 'A488' })
  comune!: string;
  @ApiPropertyOptional({ description: 'Ambito del progetto (da GePI): CULTURALE, SOCIALE, ARTISTICO, AMBIENTALE, FORMATIVO, TUTELA_BENI_COMUNI', maxLength: 32, example: 'AMBIENTALE' })
  ambito?: string;
  @ApiProperty({ description: 'Data di inizio', format: 'date', maxLength: 10, example: '2024-07-11' })
  dataInizio!: string;
  @ApiPropertyOptional({ description: 'Data di fine', format: 'date', maxLength: 10, example: '2025-01-07' })
  dataFine?: string;
  @ApiProperty({ description: 'Ore settimanali', type: 'integer', format: 'int32', minimum: 1, maximum: 40, example: 8 })
  oreSettimanali!: number;
  @ApiPropertyOptional({ description: 'Ore svolte: il totale delle presenze GePI quando ce ne sono, altrimenti il dato SIISL', type: 'integer', format: 'int32', minimum: 0, maximum: 100000, example: 100 })
  oreSvolte?: number;
  @ApiProperty({ type: [FontePucDto], maxItems: 20, description: 'I record che riportano la partecipazione (SIISL prima, poi GePI): una partecipazione riportata da entrambe le fonti (stesso progetto e periodo) compare una volta sola' })
  fonti!: FontePucDto[];
}

export class EnteErogatoreDto {
  @ApiProperty({ description: 'Codice Belfiore del comune (o ente) che ha concesso la prestazione', maxLength: 4, example: 'H501' })
  codice!: string;
  @ApiPropertyOptional({ description: "Denominazione dell'ente", maxLength: 256 })
  denominazione?: string;
}

export class QuotePrestazioneDto {
  @ApiPropertyOptional(CENTESIMI("Quota a carico dell'ente, in centesimi"))
  enteCentesimi?: number;
  @ApiPropertyOptional(CENTESIMI("Quota a carico dell'utente, in centesimi"))
  utenteCentesimi?: number;
  @ApiPropertyOptional(CENTESIMI('Quota a carico del Servizio sanitario nazionale, in centesimi'))
  ssnCentesimi?: number;
  @ApiPropertyOptional(CENTESIMI("Quota richiesta all'utente, in centesimi"))
  richiestaCentesimi?: number;
}

export class PrestazioneSocialeDto {
  @ApiProperty({ description: 'Codice della prestazione nel nomenclatore nazionale degli interventi e servizi sociali, es. A1.16', maxLength: 10, example: 'A1.16' })
  codicePrestazione!: string;
  @ApiPropertyOptional({ description: 'Nome della prestazione nel nomenclatore (assente se il codice non è nella tabella di FSL)', maxLength: 300 })
  nomePrestazione?: string;
  @ApiProperty({ description: "Denominazione della prestazione come scritta dall'ente", maxLength: 300 })
  denominazionePrestazione!: string;
  @ApiProperty({ description: 'PERIODICA (con importo mensile) o UNA_TANTUM (con importo ed data di erogazione)', enum: ['PERIODICA', 'UNA_TANTUM'] })
  carattere!: 'PERIODICA' | 'UNA_TANTUM';
  @ApiProperty({ type: EnteErogatoreDto, description: "L'ente che ha concesso la prestazione" })
  ente!: EnteErogatoreDto;
  @ApiProperty({ description: 'Protocollo della domanda presso l\'ente', maxLength: 100 })
  protocolloDomanda!: string;
  @ApiPropertyOptional({ description: "Data dell'evento che ha dato luogo alla prestazione", format: 'date', maxLength: 10 })
  dataEvento?: string;
  @ApiPropertyOptional({ description: 'Data di inizio (prestazione periodica)', format: 'date', maxLength: 10 })
  dataInizio?: string;
  @ApiPropertyOptional({ description: 'Data di fine (prestazione periodica)', format: 'date', maxLength: 10 })
  dataFine?: string;
  @ApiPropertyOptional({ description: 'Data di erogazione (prestazione una tantum)', format: 'date', maxLength: 10 })
  dataErogazione?: string;
  @ApiPropertyOptional(CENTESIMI('Importo mensile (prestazione periodica), in centesimi'))
  importoMensileCentesimi?: number;
  @ApiPropertyOptional(CENTESIMI('Importo (prestazione una tantum), in centesimi'))
  importoCentesimi?: number;
  @ApiPropertyOptional({ type: QuotePrestazioneDto, description: "Ripartizione dell'importo tra ente, utente e SSN" })
  quote?: QuotePrestazioneDto;
  @ApiPropertyOptional(CENTESIMI('Soglia ISEE della prestazione, in centesimi'))
  sogliaIseeCentesimi?: number;
  @ApiProperty({ description: "Il flusso SIUSS dell'ente da cui viene (l'inserimento più recente)", maxLength: 64 })
  idFlusso!: string;
}

export class CartellaSocialeDto {
  @ApiProperty({ type: [CasoPaisDto], maxItems: 1000, description: "Casi PaIS (GePI) del cui nucleo il cittadino fa o ha fatto parte, visibili al fruitore: quelli gestiti oggi dal suo ente, o tutti se la finalità lo consente; per identificativo. Un caso di cui GePI non ha ancora inviato il record del caso non è elencato." })
  casiPais!: CasoPaisDto[];
  @ApiProperty({
    type: [MisuraInclusioneDto],
    maxItems: 1000,
    description: 'Misure ADI e SFL di cui il cittadino è richiedente o componente del nucleo, dal SIISL, per data di decorrenza. Solo per le finalità che comprendono tutta la cartella sociale (non limitate ai casi PaIS del proprio ente).',
  })
  misureInclusione!: MisuraInclusioneDto[];
  @ApiProperty({ type: [PartecipazionePucDto], maxItems: 1000, description: 'Partecipazioni a Progetti utili alla collettività, dal SIISL e da GePI, per data di inizio: una volta sola quando le due fonti riportano lo stesso progetto e periodo. Come misureInclusione, solo per la cartella sociale intera.' })
  partecipazioniPuc!: PartecipazionePucDto[];
  @ApiProperty({
    type: [PrestazioneSocialeDto],
    maxItems: 1000,
    description:
      "Prestazioni sociali concesse dai comuni (SIUSS, dagli e-service WaaS degli enti), per data di inizio: una per prestazione, l'ultimo inserimento; una prestazione cancellata dall'ente non compare. Come misureInclusione, solo per la cartella sociale intera. I dati SINBA (minori in carico) non sono mai serviti qui.",
  })
  prestazioniSociali!: PrestazioneSocialeDto[];
}

const COLLEGAMENTO_CORSO = {
  description: 'Stato del collegamento al corso: COLLEGATO (ricevuto, versione corrente allegata), IN_ATTESA (non ancora ricevuto dal SIISL), ELIMINATO (cancellato nel SIISL)',
  enum: STATI_COLLEGAMENTO,
  maxLength: 16,
} as const;

export class EnteFormazioneDto {
  @ApiProperty({ description: "Codice fiscale dell'ente di formazione", maxLength: 16, example: '05123450150' })
  codiceFiscale!: string;
  @ApiProperty({ description: 'Denominazione', maxLength: 200, example: 'CENTRO GAMMA' })
  denominazione!: string;
}

export class CorsoDto {
  @ApiProperty({ description: 'Identificativo SIISL del corso', ...ID_SIISL, example: 'CORSO-20250331-6' })
  id!: string;
  @ApiProperty({ ...VERSIONE_SIISL('del corso'), example: 1 })
  versione!: number;
  @ApiProperty({ description: 'Titolo', maxLength: 300, example: 'Sicurezza nei luoghi di lavoro' })
  titolo!: string;
  @ApiProperty({ description: "Codice del corso presso l'ente", maxLength: 64, example: 'CEN-6' })
  codiceCorsoEnte!: string;
  @ApiProperty({ type: EnteFormazioneDto, description: 'Ente di formazione accreditato' })
  ente!: EnteFormazioneDto;
  @ApiProperty({ description: 'Comune della sede (codice Belfiore)', maxLength: 4, example: 'D643' })
  sedeComune!: string;
  @ApiProperty({ description: 'Modalità: PRESENZA, FAD, MISTA', maxLength: 16, example: 'PRESENZA' })
  modalita!: string;
  @ApiProperty({ description: 'Durata in ore', type: 'integer', format: 'int32', minimum: 1, maximum: 100000, example: 300 })
  ore!: number;
  @ApiProperty({ description: 'Data di inizio', format: 'date', maxLength: 10, example: '2024-02-13' })
  dataInizio!: string;
  @ApiProperty({ description: 'Data di fine', format: 'date', maxLength: 10, example: '2024-03-10' })
  dataFine!: string;
  @ApiPropertyOptional({ description: 'Livello EQF del risultato', maxLength: 4, example: '3' })
  livelloEqf?: string;
  @ApiPropertyOptional({ description: 'Qualificazione o attestazione a cui porta', maxLength: 300, example: 'Attestato di frequenza' })
  qualificazione?: string;
}

export class EventoIscrizioneDto {
  @ApiProperty({ description: 'Evento: ISCRITTO, AVVIATO, RITIRATO, CONCLUSO, CERTIFICATO', maxLength: 16, example: 'CONCLUSO' })
  tipo!: string;
  @ApiProperty({ description: "Data dell'evento", format: 'date', maxLength: 10, example: '2024-03-10' })
  data!: string;
  @ApiPropertyOptional({ description: 'Motivo (per esempio del ritiro)', maxLength: 500, example: 'Trasferimento in altra regione' })
  motivo?: string;
}

export class IscrizioneDto {
  @ApiProperty({ description: "Identificativo SIISL dell'iscrizione", ...ID_SIISL, example: 'ISCR-201' })
  id!: string;
  @ApiProperty({ ...VERSIONE_SIISL("dell'iscrizione"), example: 4 })
  versione!: number;
  @ApiProperty({ description: 'Identificativo SIISL del corso', ...ID_SIISL, example: 'CORSO-20250331-6' })
  corsoId!: string;
  @ApiProperty({ ...COLLEGAMENTO_CORSO, example: 'COLLEGATO' })
  collegamento!: string;
  @ApiProperty({ type: CorsoDto, nullable: true, description: 'Il corso nella sua versione corrente; null se in attesa o eliminato' })
  corso!: CorsoDto | null;
  @ApiProperty({ description: "Stato: l'ultimo evento (ISCRITTO, AVVIATO, RITIRATO, CONCLUSO, CERTIFICATO)", maxLength: 16, example: 'CERTIFICATO' })
  stato!: string;
  @ApiProperty({ type: [EventoIscrizioneDto], description: "Storia dell'iscrizione, in ordine di data", maxItems: 100 })
  eventi!: EventoIscrizioneDto[];
}

export class ManifestazioneInteresseDto {
  @ApiProperty({ description: 'Identificativo SIISL della manifestazione di interesse', ...ID_SIISL, example: 'MAN-201' })
  id!: string;
  @ApiProperty({ ...VERSIONE_SIISL('della manifestazione'), example: 1 })
  versione!: number;
  @ApiProperty({ description: 'Identificativo SIISL del corso', ...ID_SIISL, example: 'CORSO-20250331-6' })
  corsoId!: string;
  @ApiProperty({ ...COLLEGAMENTO_CORSO, example: 'COLLEGATO' })
  collegamento!: string;
  @ApiProperty({ type: CorsoDto, nullable: true, description: 'Il corso nella sua versione corrente; null se in attesa o eliminato' })
  corso!: CorsoDto | null;
  @ApiProperty({ description: 'Data della manifestazione di interesse', format: 'date', maxLength: 10, example: '2024-01-14' })
  data!: string;
}

export class CartellaFormativaDto {
  @ApiProperty({ type: [IscrizioneDto], maxItems: 1000, description: 'Iscrizioni a corsi di formazione, dal SIISL, per data del primo evento' })
  iscrizioni!: IscrizioneDto[];
  @ApiProperty({ type: [ManifestazioneInteresseDto], maxItems: 1000, description: 'Manifestazioni di interesse per corsi, dal SIISL, per data' })
  manifestazioniInteresse!: ManifestazioneInteresseDto[];
}

export class FascicoloDto {
  @ApiProperty({ description: VERSIONE, type: 'integer', format: 'int64', minimum: 0 })
  versione!: number;
  @ApiPropertyOptional({ type: CartellaLavorativaDto, nullable: true, description: 'Presente se la finalità comprende i dati lavorativi; null se non ci sono dati visibili.' })
  cartellaLavorativa?: CartellaLavorativaDto | null;
  @ApiPropertyOptional({ type: CartellaSocialeDto, description: 'Presente se la finalità comprende i dati sociali.' })
  cartellaSociale?: CartellaSocialeDto;
  @ApiPropertyOptional({ type: CartellaFormativaDto, description: 'Presente se la finalità comprende i dati formativi.' })
  cartellaFormativa?: CartellaFormativaDto;
}

export class EsitoCartellaLavorativaDto {
  @ApiProperty({ description: VERSIONE, type: 'integer', format: 'int64', minimum: 0 })
  versione!: number;
  @ApiProperty({ type: CartellaLavorativaDto, nullable: true, description: 'null se non ci sono dati visibili.' })
  cartellaLavorativa!: CartellaLavorativaDto | null;
}

export class EsitoCartellaSocialeDto {
  @ApiProperty({ description: VERSIONE, type: 'integer', format: 'int64', minimum: 0 })
  versione!: number;
  @ApiProperty({ type: CartellaSocialeDto })
  cartellaSociale!: CartellaSocialeDto;
}

export class EsitoCartellaFormativaDto {
  @ApiProperty({ description: VERSIONE, type: 'integer', format: 'int64', minimum: 0 })
  versione!: number;
  @ApiProperty({ type: CartellaFormativaDto })
  cartellaFormativa!: CartellaFormativaDto;
}
