// The HTTP side and the wiring of a versioned JSON source (versioned-json.ts): POST /v1/{entita},
// POST /v1/{entita}/lotti and the file-job routes, its answers described for the source, its claims per
// version and its file-job tables named after the source. An app passes its texts and its adapter's parts.
import { Controller, HttpCode, Param, Post, Req, type DynamicModule, type Type } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiOperation, ApiParam, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { AppError } from '@fsl/http';
import type { TopicId } from '@fsl/kafka';
import type { Logger } from '@fsl/logging';
import { VersionedClaims } from './claims';
import type { IngestConfig } from './config';
import { ingestDtos, type DtoTexts } from './dto';
import './errors';
import { mediaType, problemResponses } from './http-docs';
import { buildIngest } from './ingest.module';
import { lottiController } from './lotti.controller';
import { ingestBatch, ingestOne, IngestRoutes } from './records';
import {
  isEntityOf,
  VERSIONE_GIA_ACCETTATA,
  versionedJsonAdapter,
  type VersionedIdentity,
  type VersionedInput,
  type VersionedJsonSource,
  type VersionedRecord,
} from './versioned-json';

/** The answers of a versioned source: the shared shapes, the line named by entity, id and version. */
export function versionedDtos<E extends string>(name: string, entita: readonly E[], texts: Omit<DtoTexts, 'lineFields'>) {
  return ingestDtos({
    ...texts,
    lineFields: {
      entita: { enum: [...entita], description: `Entità ${name} del record (righe valide)` },
      id: { description: `Id ${name} del record (righe valide)`, maxLength: 64 },
      versione: { type: 'integer', format: 'int64', minimum: 1, description: 'Versione del record (righe valide)' },
      obsoleta: {
        type: 'boolean',
        enum: [true],
        description: 'ACCETTATA ma più vecchia della versione più alta già accettata: entra nella storia, non cambia la versione corrente',
      },
    },
  });
}

export interface VersionedJsonApp<E extends string, R extends VersionedRecord> {
  service: string;
  /** OpenAPI tag; also the prefix of the source's tables: <tag>_ingest_claim, <tag>_ingest_lotto, <tag>_ingest_lotto_esito. */
  tag: string;
  source: VersionedJsonSource<E, R>;
  topic: TopicId;
  /** The source's registered 409 code. */
  conflictCode: string;
  dtos: ReturnType<typeof versionedDtos<E>>;
  docs: {
    /** The envelope's members, e.g. 'id, versione, aggiornatoIl, operazione, codiceFiscale?, dati'. */
    envelope: string;
    /** What is published for one record, e.g. 'one message per citizen the record concerns'. */
    publication: string;
    /** A valid record, the body's example (fixed values: the generated document must not change between runs). */
    example: object;
  };
}

/** The source's record routes. */
function recordsController<E extends string, R extends VersionedRecord>(a: VersionedJsonApp<E, R>): Type {
  const { EsitoRigaDto, EsitoLottoDto } = a.dtos;
  const { name, entita: all } = a.source;
  const isEntita = isEntityOf(all);
  const entitaParam = { name: 'entita', description: `Entità ${name}`, schema: { type: 'string', enum: [...all] } } as const;
  const entityOf = (entita: string): E => {
    if (!isEntita(entita)) throw new AppError('ENTITA_NOT_FOUND', `the entity is one of ${all.join(', ')}`);
    return entita;
  };
  const refusals = { record: 'the record', conflictCode: a.conflictCode, conflictDetail: 'a changed record is sent as a new versione' };

  @ApiTags(a.tag)
  @Controller('v1')
  class RecordsController extends IngestRoutes<VersionedInput<E>, VersionedIdentity<E>> {
    @Post(':entita')
    @HttpCode(202)
    @ApiOperation({
      summary: `Invio di un record ${name}`,
      description:
        `One record of the entity (envelope ${a.docs.envelope}; a deletion is ` +
        `operazione ELIMINAZIONE without dati). Validated, published to Kafka (${a.docs.publication}) and ` +
        'answered only after Kafka acknowledged it. The same id and versione with the same content is answered DUPLICATA with ' +
        'the same event id and no second effect; with a different content, 409. A version older than the highest already ' +
        'accepted is accepted with obsoleta: true (it joins the history, the current version does not change).',
    })
    @ApiParam(entitaParam)
    @ApiBody({ description: `Un record ${name} (JSON)`, schema: { type: 'object', description: `Envelope of libs/${a.tag}: ${a.docs.envelope}`, example: a.docs.example } })
    @ApiResponse({ status: 202, description: 'Accettato (Kafka ha gli eventi) o già accettato con lo stesso contenuto', type: EsitoRigaDto })
    @problemResponses({
      404: 'Entità sconosciuta',
      409: 'Stessa versione del record già accettata con un contenuto diverso',
      415: 'Tipo di contenuto non supportato',
      422: 'Record non valido: ogni problema con il suo campo, senza valori personali',
    })
    async submit(@Param('entita') entita: string, @Req() req: Request): Promise<InstanceType<typeof EsitoRigaDto>> {
      const e = entityOf(entita);
      if (mediaType(req) !== 'application/json') throw new AppError('UNSUPPORTED_MEDIA_TYPE', `send one record as application/json; batches go to /v1/${e}/lotti`);
      return ingestOne(this.ingest, { riga: 1, input: { entita: e, value: req.body as unknown } }, refusals);
    }

    @Post(':entita/lotti')
    @HttpCode(200)
    @ApiOperation({
      summary: 'Invio sincrono di un lotto NDJSON di una entità',
      description:
        'One record of the entity per line (application/x-ndjson), up to BATCH_MAX_LINES lines and BATCH_MAX_BYTES bytes. Every ' +
        'line gets a result: good lines are published (answered only after Kafka acknowledged them), bad ones are reported by ' +
        'line number with every problem. Blank lines are skipped. Larger files, or files mixing entities: POST /v1/lotti.',
    })
    @ApiParam(entitaParam)
    @ApiConsumes('application/x-ndjson')
    @ApiBody({ description: 'Righe NDJSON, un record per riga', schema: { type: 'string', example: JSON.stringify(a.docs.example) } })
    @ApiResponse({ status: 200, description: 'Esito di ogni riga', type: EsitoLottoDto })
    @problemResponses({ 404: 'Entità sconosciuta', 413: 'Lotto troppo grande per l’invio sincrono: usare POST /v1/lotti', 415: 'Tipo di contenuto non supportato' })
    async submitBatch(@Param('entita') entita: string, @Req() req: Request): Promise<InstanceType<typeof EsitoLottoDto>> {
      const e = entityOf(entita);
      return ingestBatch(this.ingest, req, this.batch, (text) => ({ entita: e, text }));
    }
  }
  return RecordsController;
}

/** The app's module: the shared ingest with the source's adapter, claims per version, tables and routes. */
export function versionedJsonModule<E extends string, R extends VersionedRecord>(target: Type, config: IngestConfig, logger: Logger, a: VersionedJsonApp<E, R>): DynamicModule {
  const LottiController = lottiController({
    tag: a.tag,
    dtos: a.dtos,
    fileBody: 'Righe NDJSON, un record per riga con il membro "entita" che ne nomina l’entità (fino a LOTTO_MAX_BYTES)',
  });
  // The lib's SQL interpolates the table names: the tag is an app's constant, and checked anyway.
  if (!/^[a-z]+$/.test(a.tag)) throw new Error(`versionedJsonModule: tag ${a.tag} is not a table prefix`);
  const ingest = buildIngest(config, logger, {
    service: a.service,
    adapter: versionedJsonAdapter(a.source),
    claims: new VersionedClaims(`${a.tag}_ingest_claim`),
    lottiTables: { lotti: `${a.tag}_ingest_lotto`, esiti: `${a.tag}_ingest_lotto_esito`, esitoKey: 'claim_key' },
    topic: a.topic,
    conflict: VERSIONE_GIA_ACCETTATA,
    unknownCodes: { records: `${a.source.name} records` },
  });
  // The file-job routes first: POST /v1/lotti must not be taken for a record of an entity named "lotti".
  return ingest.module(target, [LottiController, recordsController(a)]);
}
