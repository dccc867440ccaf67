import { applyDecorators, Body, Controller, Get, HttpCode, Inject, Post, SetMetadata, UseGuards, type Type } from '@nestjs/common';
import { ApiExtension, ApiOperation, ApiResponse, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { PROBLEM_JSON } from '@fsl/http';
import type { EserviceKind } from '../registry/eservices';
import { EserviceGuard } from '../security/eservice.guard';
import { VersioneMinimaGuard } from '../security/versione-minima.guard';
import { Call, Eservice, ProbingRoute, type EserviceCall } from '../security/eservice-call';
import { EserviceResponses, PROBING_OK, ProbingResponses, type EsempiOperazione } from './openapi';

export const ESERVICE_OPERATION = 'fsl:eservice-operation';

/**
 * Marks the handler of a controller's operation, whatever its name (a write's `invia`…): routes.ts documents
 * its security. A controller without one has its operation in `consulta` (the reads).
 */
export const OperazioneEservice = () => SetMetadata(ESERVICE_OPERATION, true);

/**
 * What every e-service controller shares: the guard (voucher, ModI patterns, quota, authorisation), then
 * read-your-writes (the Versione-Minima header, whatever the operation), and PDND's probing route under the
 * e-service's basePath. Subclasses add the operation.
 */
@UseGuards(EserviceGuard, VersioneMinimaGuard)
export abstract class EserviceController {
  @Get('interop/probing')
  @HttpCode(200)
  @ProbingRoute()
  @ApiOperation({ summary: 'Probing PDND', description: "Verifica di raggiungibilità dell'e-service da parte di PDND: token firmato da PDND per l'audience dell'e-service, senza purposeId." })
  @ApiSecurity('PdndVoucherBearer')
  @ApiExtension('x-modi-patterns', ['ID_AUTH_CHANNEL_01'])
  @ProbingResponses()
  probing(): typeof PROBING_OK {
    return PROBING_OK;
  }
}

/** An e-service's operation, told by what differs from the others: the rest is eserviceController's. */
export interface DefinizioneEservice<S> {
  /** The class name: the OpenAPI operationId is `<nome>_consulta`. */
  nome: string;
  kind: EserviceKind;
  tag: string;
  /** Under the basePath: `consultazioni` for a read (the default), `ricerche` for a search. */
  percorso?: 'consultazioni' | 'ricerche';
  summary: string;
  description: string;
  esito: Type<unknown>;
  richiesta: Type<unknown>;
  /** Examples of the request and of the answer, for the document. */
  esempi: EsempiOperazione;
  /** The 404's description, for a lookup by id (a search has none: its answer is an empty list). */
  nonTrovato?: string;
  /** The service that answers (its injection token), and how. */
  servizio: Type<S>;
  gestisci(servizio: S, call: EserviceCall, body: unknown): Promise<unknown>;
}

/**
 * The controller of one e-service: a class of its own (each has its own basePath, guard metadata and OpenAPI
 * security), its handler `consulta` (routes.ts documents it by that name) handing the body to the service.
 */
export function eserviceController<S>(def: DefinizioneEservice<S>): Type<EserviceController> {
  const risposte = applyDecorators(
    EserviceResponses(def.esito, def.richiesta, def.esempi),
    ...(def.nonTrovato ? [ApiResponse({ status: 404, description: def.nonTrovato, content: { [PROBLEM_JSON]: { schema: { $ref: '#/components/schemas/Problem' } } } })] : []),
  );

  @Eservice(def.kind)
  @ApiTags(def.tag)
  @Controller()
  class Consultazione extends EserviceController {
    constructor(@Inject(def.servizio) private readonly servizio: S) {
      super();
    }

    @Post(def.percorso ?? 'consultazioni')
    @HttpCode(200)
    @ApiOperation({ summary: def.summary, description: def.description })
    @risposte
    consulta(@Body() body: unknown, @Call() call: EserviceCall): Promise<unknown> {
      return def.gestisci(this.servizio, call, body);
    }
  }
  Object.defineProperty(Consultazione, 'name', { value: def.nome });
  return Consultazione;
}
