import { Body, Controller, HttpCode, Inject, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  ANNI_MASSIMI_VERIFICA,
  EsitoRapportiAttiviDto,
  EsitoRapportiLavoroDto,
  EsitoRequisitoOccupazionaleDto,
  RichiestaRapportiAttiviDto,
  RichiestaRapportiLavoroDto,
  RichiestaRequisitoOccupazionaleDto,
} from '../rapporti-lavoro/contract';
import { ESEMPI_RAPPORTI_ATTIVI, ESEMPI_RAPPORTI_LAVORO, ESEMPI_REQUISITO_OCCUPAZIONALE } from '../rapporti-lavoro/esempi';
import { RapportiLavoroService } from '../rapporti-lavoro/rapporti-lavoro.service';
import { Call, Eservice, type EserviceCall } from '../security/eservice-call';
import { EserviceController } from './eservice.controller';
import { EserviceResponses } from './openapi';

const SCONOSCIUTO = 'Un codice fiscale sconosciuto, o di un cittadino che la finalità non può vedere, ha la stessa risposta: versione 0 e nessun rapporto.';

@Eservice('rapporti-lavoro')
@ApiTags('rapporti-lavoro')
@Controller()
export class RapportiLavoroController extends EserviceController {
  constructor(@Inject(RapportiLavoroService) private readonly rapporti: RapportiLavoroService) {
    super();
  }

  @Post('consultazioni')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Rapporti di lavoro di un cittadino, con la loro storia',
    description:
      'I rapporti di lavoro dalle comunicazioni obbligatorie (UNILAV, UNISOMM, UNIURG, VARDATORI), come sono oggi: valori correnti, stato calcolato alla data odierna ' +
      '(un tempo determinato oltre il termine è CESSATO_AL_TERMINE) e la storia degli eventi (assunzione, proroghe, trasformazioni, trasferimenti, cessazione) con il loro esito ' +
      '(rettifiche applicate, eventi annullati o scartati). Un’assunzione annullata non compare. Senza la sezione SIISL della cartella lavorativa; il permesso di soggiorno ' +
      `solo alle finalità che lo comprendono (datiParticolari: permessoSoggiorno). ${SCONOSCIUTO}`,
  })
  @EserviceResponses(EsitoRapportiLavoroDto, RichiestaRapportiLavoroDto, ESEMPI_RAPPORTI_LAVORO)
  consulta(@Body() body: unknown, @Call() call: EserviceCall): Promise<EsitoRapportiLavoroDto> {
    return this.rapporti.rapporti(call, body);
  }
}

@Eservice('rapporti-lavoro-attivi')
@ApiTags('rapporti-lavoro-attivi')
@Controller()
export class RapportiLavoroAttiviController extends EserviceController {
  constructor(@Inject(RapportiLavoroService) private readonly rapporti: RapportiLavoroService) {
    super();
  }

  @Post('consultazioni')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Rapporti di lavoro aperti in un giorno',
    description:
      'I rapporti aperti nel giorno richiesto, come noti oggi: dall’inizio alla cessazione (ultimo giorno di lavoro) o, senza cessazione, al termine previsto dopo tutte le proroghe ricevute; ' +
      'una comunicazione arrivata dopo quel giorno conta. Per ciascuno, i valori in vigore quel giorno: il datore (dopo una variazione del datore, il nuovo dalla data della variazione), ' +
      'la tipologia contrattuale e l’orario (una trasformazione vale dalla sua data), la qualifica, il termine previsto, la missione in corso per la somministrazione. ' +
      `Non la storia del rapporto. Il giorno non può essere dopo oggi (400 sul campo data). ${SCONOSCIUTO}`,
  })
  @EserviceResponses(EsitoRapportiAttiviDto, RichiestaRapportiAttiviDto, ESEMPI_RAPPORTI_ATTIVI)
  consulta(@Body() body: unknown, @Call() call: EserviceCall): Promise<EsitoRapportiAttiviDto> {
    return this.rapporti.attivi(call, body);
  }
}

@Eservice('requisito-occupazionale')
@ApiTags('requisiti-occupazionali')
@Controller()
export class RequisitoOccupazionaleController extends EserviceController {
  constructor(@Inject(RapportiLavoroService) private readonly rapporti: RapportiLavoroService) {
    super();
  }

  @Post('consultazioni')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Verifica di un requisito occupazionale (sì o no)',
    description:
      'Risponde solo se il cittadino è stato occupato nel periodo [dal, al] per almeno giorniMinimi giorni (assente: almeno un giorno), facoltativamente solo con le tipologie contrattuali indicate. ' +
      'La risposta è l’esito, il periodo e i criteri verificati: nessun datore, nessun rapporto, nessun numero di giorni, nessuna versione del fascicolo. Come si conta: ' +
      '(1) giorni di calendario, estremi compresi, in cui almeno un rapporto era aperto: dall’inizio alla cessazione (ultimo giorno di lavoro) o al termine previsto dopo le proroghe; ' +
      'un giorno coperto da più rapporti conta una volta; un giorno a tempo parziale conta come un giorno. ' +
      '(2) Con tipologieContrattuali, conta un giorno solo se quel giorno era in vigore una di esse: una trasformazione (es. da tempo determinato a indeterminato) cambia la tipologia dalla sua data. ' +
      '(3) I rapporti sono quelli noti oggi: una comunicazione ricevuta dopo il periodo conta; un’assunzione annullata e le comunicazioni scartate non contano, una rettifica vale al posto dell’originale. ' +
      '(4) Un codice fiscale sconosciuto, o non visibile alla finalità, ha esito false come chi non ha avuto rapporti nel periodo: la risposta non rivela se il cittadino è presente nel FSL. ' +
      `(5) Periodo: dal ≤ al, al non dopo oggi, al più ${ANNI_MASSIMI_VERIFICA} anni; giorniMinimi non oltre i giorni del periodo; ogni violazione è un 400 che nomina il campo. Ogni verifica è registrata nel registro degli accessi del cittadino.`,
  })
  @EserviceResponses(EsitoRequisitoOccupazionaleDto, RichiestaRequisitoOccupazionaleDto, ESEMPI_REQUISITO_OCCUPAZIONALE)
  consulta(@Body() body: unknown, @Call() call: EserviceCall): Promise<EsitoRequisitoOccupazionaleDto> {
    return this.rapporti.requisito(call, body);
  }
}
