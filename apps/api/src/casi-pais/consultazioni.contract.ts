import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { Type } from '@nestjs/common';
import { STATI_CASO } from '@fsl/gepi';
import { PaginaDto, RichiestaPaginataDto } from '../eservices/pagination';
import {
  CODICE,
  DATA,
  DatiCasoDto,
  EnteCasoDto,
  EquipeDto,
  ID_GEPI,
  INT,
  LISTA,
  MembroCasoDto,
  PadNucleoDto,
  PeriodoDto,
  VersioneAnalisiPreliminareDto,
  VersionePaisDto,
  VersioneQuadroAnalisiDto,
  type VersioneDocumentoDto,
} from './contract';

// Published contract of the e-services that each serve one part of a GePI case (a document version, the
// équipe, the household, the PAD, the case of an application) and of the two searches of cases (an ente's,
// a citizen's). Built from the same DTOs as the whole case (contract.ts), so a part reads the same in both.

const CASO_ID = { description: 'Identificativo GePI del caso', ...ID_GEPI, example: 'CASO-20250331-52' };

// ---- one version of a document of the case (PaIS, analisi preliminare, quadro di analisi) ----

/**
 * The request names the case, the version number and, only when the case has had more than one such
 * document (GePI draws up a new one after deleting the old), the document; the e-service's own name for
 * the id (paisId, ...) so that request and answer read alike.
 */
function richiestaVersioneDto(nome: string, chiaveId: string, di: string, esempio: string) {
  class Richiesta {
    @ApiProperty(CASO_ID)
    casoId!: string;
    @ApiProperty({ ...INT(`Numero di versione ${di} (versioni[].numeroVersione nel caso PaIS)`, 1, 9999), example: 2 })
    numeroVersione!: number;
  }
  // Set by hand (the member's name is a parameter), so without the type TypeScript would have emitted.
  ApiPropertyOptional({
    type: String,
    description: `Identificativo GePI ${di}. Assente: quello in vigore nel caso (non eliminato, con la versione più recente redatta per ultima); serve solo per un documento eliminato e sostituito`,
    ...ID_GEPI,
    example: esempio,
  })(Richiesta.prototype, chiaveId);
  Object.defineProperty(Richiesta, 'name', { value: `Richiesta${nome}Dto` });
  return Richiesta;
}

function esitoVersioneDto(nome: string, chiaveId: string, versione: Type<unknown>, di: string, esempio: string) {
  class Esito {
    @ApiProperty(CASO_ID)
    casoId!: string;
  }
  // After the id, in the order a reader expects; `versione` by hand too, for that order.
  ApiProperty({ type: String, description: `Identificativo GePI ${di}`, ...ID_GEPI, example: esempio })(Esito.prototype, chiaveId);
  ApiProperty({ type: versione, description: `La versione richiesta ${di}: numero, record che la porta, ente che gestiva il caso alla redazione, contenuto` })(Esito.prototype, 'versione');
  Object.defineProperty(Esito, 'name', { value: `Esito${nome}Dto` });
  return Esito;
}

export type EsitoVersioneDocumento<C extends string, D> = { casoId: string; versione: VersioneDocumentoDto<D> } & { [K in C]: string };

export const RichiestaPaisDto = richiestaVersioneDto('Pais', 'paisId', 'del PaIS', 'PAIS-20250331-52');
export const EsitoPaisDto = esitoVersioneDto('Pais', 'paisId', VersionePaisDto, 'del PaIS', 'PAIS-20250331-52');
export const RichiestaAnalisiPreliminareDto = richiestaVersioneDto('AnalisiPreliminare', 'analisiPreliminareId', "dell'analisi preliminare", 'AP-20250331-52');
export const EsitoAnalisiPreliminareDto = esitoVersioneDto('AnalisiPreliminare', 'analisiPreliminareId', VersioneAnalisiPreliminareDto, "dell'analisi preliminare", 'AP-20250331-52');
export const RichiestaQuadroAnalisiDto = richiestaVersioneDto('QuadroAnalisi', 'quadroAnalisiId', 'del quadro di analisi', 'QA-20250331-52');
export const EsitoQuadroAnalisiDto = esitoVersioneDto('QuadroAnalisi', 'quadroAnalisiId', VersioneQuadroAnalisiDto, 'del quadro di analisi', 'QA-20250331-52');

// ---- the équipe, the household, the PAD of a case (request: RichiestaCasoPaisDto, the case id) ----

export class EsitoEquipeDto {
  @ApiProperty(CASO_ID)
  casoId!: string;
  @ApiProperty(LISTA(EquipeDto, 'Équipe multidisciplinari del caso: componenti per ruolo e organizzazione, senza dati delle persone', 100))
  equipe!: EquipeDto[];
}

export class EsitoNucleoCasoDto {
  @ApiProperty(CASO_ID)
  casoId!: string;
  @ApiProperty(LISTA(MembroCasoDto, 'Componenti del nucleo, attuali e passati, con ruolo, periodi di appartenenza e condizioni', 100))
  membri!: MembroCasoDto[];
}

export class EsitoPadNucleoDto {
  @ApiProperty(CASO_ID)
  casoId!: string;
  @ApiProperty(LISTA(PadNucleoDto, 'Patti di attivazione digitale del nucleo, con percorso e categorizzazioni di ciascun componente', 100))
  pad!: PadNucleoDto[];
}

// ---- the case of an application ----

export class RichiestaCasoMisuraDto {
  @ApiProperty({ description: 'Domanda INPS della misura (ADI o RdC)', ...ID_GEPI, example: 'ADI-20250331-201' })
  domandaId!: string;
}

export class EsitoCasoMisuraDto {
  @ApiProperty(CASO_ID)
  casoId!: string;
  @ApiProperty({ type: DatiCasoDto, description: 'Il caso che gestisce la domanda: stato, date, enti che lo hanno gestito, operatori per ruolo' })
  caso!: DatiCasoDto;
}

// ---- the searches ----

export class SintesiCasoDto {
  @ApiProperty(CASO_ID)
  casoId!: string;
  @ApiProperty({ description: 'Domanda INPS (ADI o RdC) per cui il caso è aperto', ...ID_GEPI, example: 'ADI-20250331-201' })
  domandaId!: string;
  @ApiProperty({ ...CODICE('Misura: ADI, RDC', 8), example: 'ADI' })
  misura!: string;
  @ApiProperty({ description: 'Stato del caso', enum: STATI_CASO, maxLength: 32, example: 'MONITORAGGIO' })
  stato!: string;
  @ApiProperty({ ...DATA('Data di apertura'), example: '2024-03-15' })
  dataApertura!: string;
  @ApiPropertyOptional({ ...DATA('Data di chiusura'), example: '2025-03-31' })
  dataChiusura?: string;
  @ApiProperty({ type: EnteCasoDto, description: "L'ente che gestisce il caso oggi, dal giorno in cui lo ha preso in carico" })
  enteCorrente!: EnteCasoDto;
}

export class RichiestaCasiEnteDto extends RichiestaPaginataDto {
  @ApiPropertyOptional({ description: 'Solo i casi in uno di questi stati', type: 'string', enum: STATI_CASO, isArray: true, maxItems: STATI_CASO.length, example: ['PATTO_SOTTOSCRITTO', 'MONITORAGGIO'] })
  stati?: string[];
  @ApiPropertyOptional({ ...DATA('Solo i casi aperti da questo giorno (compreso)'), example: '2024-01-01' })
  dataAperturaDal?: string;
  @ApiPropertyOptional({ ...DATA('Solo i casi aperti fino a questo giorno (compreso); non prima di dataAperturaDal'), example: '2024-12-31' })
  dataAperturaAl?: string;
}

export class EsitoCasiEnteDto {
  @ApiProperty(LISTA(SintesiCasoDto, "I casi che l'ente fruitore gestisce oggi, dal più recente per data di apertura", 100))
  casi!: SintesiCasoDto[];
  @ApiProperty({ type: PaginaDto, description: 'La pagina successiva, se c’è' })
  pagina!: PaginaDto;
}

export class CasoCittadinoDto extends SintesiCasoDto {
  @ApiProperty({ ...CODICE('Ruolo del cittadino nel nucleo (nel periodo più recente): RICHIEDENTE, CONIUGE, FIGLIO, GENITORE, FRATELLO_SORELLA, ALTRO_PARENTE, ALTRO', 16), example: 'RICHIEDENTE' })
  ruolo!: string;
  @ApiProperty({ ...LISTA(PeriodoDto, 'Periodi in cui il cittadino ha fatto parte del nucleo del caso (anche se ne è uscito)', 100) })
  periodi!: PeriodoDto[];
  @ApiProperty({ description: 'true se il cittadino fa ancora parte del nucleo', example: true })
  attuale!: boolean;
}

export class RichiestaCasiCittadinoDto extends RichiestaPaginataDto {
  @ApiProperty({ description: 'Codice fiscale del cittadino, come scritto (16 caratteri o 11 cifre)', minLength: 11, maxLength: 16, pattern: '^[A-Za-z0-9]{11,16}$', example: 'RSSMRA85C52H501N' })
  codiceFiscale!: string;
}

export class EsitoCasiCittadinoDto {
  @ApiProperty({
    description:
      'Versione del fascicolo del cittadino (cresce a ogni modifica). 0 quando non ci sono dati visibili al fruitore: la risposta è la stessa per un codice fiscale sconosciuto, così non rivela se il cittadino è presente nel FSL.',
    type: 'integer',
    format: 'int64',
    minimum: 0,
    example: 34,
  })
  versione!: number;
  @ApiProperty(LISTA(CasoCittadinoDto, 'I casi dei nuclei di cui il cittadino fa o ha fatto parte, visibili al fruitore, dal più recente per data di apertura', 100))
  casi!: CasoCittadinoDto[];
  @ApiProperty({ type: PaginaDto, description: 'La pagina successiva, se c’è' })
  pagina!: PaginaDto;
}
