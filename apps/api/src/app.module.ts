import { createHmac } from 'node:crypto';
import { Module, type DynamicModule, type Type } from '@nestjs/common';
import Redis from 'ioredis';
import { PgAccessAuditStore } from '@fsl/access-audit';
import { createPgPool, postgresHealthCheck } from '@fsl/db';
import { Counter } from 'prom-client';
import { createMetricsRegistry, HttpKitModule, OPENAPI_EXTRAS, type HealthCheck } from '@fsl/http';
import type { Logger } from '@fsl/logging';
import { createPdndDeps, PdndClientVoucher, pdndConfigFromParsed } from '@fsl/pdnd';
import { AccessAuditService } from './audit/access-audit.service';
import { CursorCodec } from './audit/cursor';
import { CartellaLavorativaController } from './cartella-lavorativa.controller';
import { CartellaLavorativaRepository } from './cartella-lavorativa.repository';
import { SERVICE, type ApiConfig } from './config';
import { snapshots } from './database';
import { documentOperation, OPENAPI_EXTRAS_VALUE } from './eservices/openapi';
import { eserviceModules } from './eservices/routes';
import { FascicoloService } from './fascicolo/fascicolo.service';
import { CasiPaisRepository } from './casi-pais/casi.repository';
import { CasiPaisService } from './casi-pais/caso-pais.service';
import { RicercheCasiService } from './casi-pais/ricerche.service';
import { Cursori } from './eservices/pagination';
import { PrestazioniSocialiRepository } from './fascicolo/prestazioni-sociali';
import { CartellaFormativaRepository, CartellaSocialeRepository, DossierVersions } from './fascicolo/sources';
import { VersioneCurriculumService } from './curricula/versione-curriculum.service';
import { AnalisiPreliminareService } from './invii/analisi-preliminare.service';
import { EventLog } from './invii/event-log';
import { InviiService } from './invii/invii.service';
import { OffertaFormativaService } from './invii/offerta-formativa.service';
import { SostegniService } from './invii/sostegni.service';
import { VersioneMinima } from './invii/versione-minima';
import { RegistroAccessiService } from './registro-accessi/registro-accessi.service';
import { RapportiLavoroRepository } from './rapporti-lavoro/rapporti.repository';
import { RapportiLavoroService } from './rapporti-lavoro/rapporti-lavoro.service';
import { EserviceSecurity } from './security/eservice-security';
import { RedisRateLimiter } from './security/rate-limiter';
import './security/errors';
import { fette } from './cittadino/fette';
import { FetteCittadinoService } from './cittadino/fette.service';
import { CatalogoCorsiRepository, OfferteFormativeService } from './cittadino/offerte-formative';

export const PG_POOL = Symbol('PG_POOL');
export const REDIS = Symbol('REDIS');

@Module({})
export class AppModule {
  static register(config: ApiConfig, logger: Logger): DynamicModule {
    const pool = createPgPool(config, logger);
    // Redis backs rate limits and replay stores (PDND security). Lazy, so that building the OpenAPI
    // document connects to nothing; the REDIS provider connects when the app really starts. Commands of
    // concurrent requests issued in the same tick go out as one pipeline (fewer writes under load).
    const redis = new Redis(config.REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1, enableOfflineQueue: false, enableAutoPipelining: true });
    // ioredis reconnects by itself; an error event unhandled would crash the process. The health check and
    // the 503 answers tell the state; the log line says why.
    redis.on('error', (err: Error) => logger.warn({ err: err.message }, 'redis connection error'));
    const checks: HealthCheck[] = [
      postgresHealthCheck(pool),
      {
        name: 'redis',
        isUp: async () => {
          if (redis.status === 'wait' || redis.status === 'end') await redis.connect().catch(() => undefined);
          return redis.ping().then((r) => r === 'PONG', () => false);
        },
      },
    ];

    const pdnd = pdndConfigFromParsed(config);
    // The registry /metrics serves; HttpKitModule takes it from here.
    const registry = createMetricsRegistry(SERVICE);
    const keySetRefreshFailures = new Counter({
      name: 'fsl_pdnd_keyset_refresh_failures_total',
      help: 'PDND voucher key-set (JWKS) refreshes that fetched no usable key set; the last keys stay in use',
      labelNames: ['reason'],
      registers: [registry],
    });
    // The api is a PDND client too: PDND's keys API answers only to our own voucher.
    const client = new PdndClientVoucher({
      tokenUrl: config.PDND_TOKEN_URL,
      clientId: config.PDND_CLIENT_ID,
      keyId: config.PDND_CLIENT_KEY_ID,
      privateKey: config.clientKey,
      purposeId: config.PDND_CLIENT_PURPOSE_ID,
      assertionAudience: config.PDND_TOKEN_AUDIENCE,
    });
    const audit = new AccessAuditService(new PgAccessAuditStore(pool, config.ACCESS_AUDIT_ANCHOR_KEY), config.ACCESS_AUDIT_PSEUDONYM_KEY, logger, registry);
    const security = new EserviceSecurity({
      registry: config.eservices,
      table: config.authorizations,
      pdnd,
      deps: createPdndDeps({
        jwksUrl: pdnd.jwksUrl,
        keysApiUrl: pdnd.keysApiUrl,
        redis,
        client,
        onKeySetRefreshFailure: (reason) => keySetRefreshFailures.inc({ reason }),
      }),
      limiter: new RedisRateLimiter(redis),
      defaultRateLimit: { limit: config.RATE_LIMIT_DEFAULT, windowSeconds: config.RATE_LIMIT_WINDOW_SECONDS },
      anonymousRateLimit: { limit: config.RATE_LIMIT_ANONYMOUS, windowSeconds: config.RATE_LIMIT_WINDOW_SECONDS },
      trustedProxies: config.TRUSTED_PROXIES,
      publicBaseUrl: config.PDND_PUBLIC_BASE_URL,
      audit,
      logger,
    });
    const lavorativa = new CartellaLavorativaRepository(pool);
    const casiPais = new CasiPaisRepository(pool);
    // A fascicolo is several statements: its sources are made for each read, on that read's snapshot.
    const fascicoli = new FascicoloService(
      snapshots(pool, (db) => ({
        versions: new DossierVersions(db),
        lavorativa: new CartellaLavorativaRepository(db),
        casiPais: new CasiPaisRepository(db),
        sociale: new CartellaSocialeRepository(db),
        formativa: new CartellaFormativaRepository(db),
        prestazioniSociali: new PrestazioniSocialiRepository(db),
      })),
      audit,
    );
    const versioniCurriculum = new VersioneCurriculumService(lavorativa, audit);
    const casoPais = new CasiPaisService(casiPais, audit);
    const fetteCittadino = new FetteCittadinoService(fette({ fascicoli, siisl: lavorativa }), audit);
    const offerteFormative = new OfferteFormativeService(new CatalogoCorsiRepository(pool));
    const rapportiLavoro = new RapportiLavoroService(new RapportiLavoroRepository(pool), audit);
    const cursorKey = createHmac('sha256', config.ACCESS_AUDIT_PSEUDONYM_KEY).update('access-log cursors').digest('hex');
    const registro = new RegistroAccessiService(audit, new CursorCodec(cursorKey), config.authorizations);
    const ricercheCasi = new RicercheCasiService(casiPais, audit, new Cursori(createHmac('sha256', config.ACCESS_AUDIT_PSEUDONYM_KEY).update('e-service cursors').digest('hex')));

    // The write e-services publish through the sources' topics (ADR 0007); every operation may wait for a write.
    const eventLog = new EventLog(config, pool, SERVICE, logger, registry);
    const versioneMinima = new VersioneMinima(pool, { consumerGroup: config.BUILDER_CONSUMER_GROUP, topics: eventLog.topics, attesaMs: config.VERSIONE_MINIMA_ATTESA_MS });
    const invii = new InviiService(eventLog, audit);
    const writes = [new SostegniService(invii), new AnalisiPreliminareService(invii), new OffertaFormativaService(invii)] as const;

    const legacy = config.eservices.get('cartella-lavorativa');
    if (legacy) documentOperation(CartellaLavorativaController.prototype.get, legacy, 'operation', false);
    const controllers: Type<unknown>[] = legacy ? [CartellaLavorativaController] : [];

    return {
      module: AppModule,
      // Global so that the e-service modules mounted under their basePaths see the services.
      global: true,
      imports: [HttpKitModule.forRoot({ service: SERVICE, logger, healthChecks: { useValue: checks }, registry }), ...eserviceModules(config.eservices)],
      controllers,
      providers: [
        { provide: PG_POOL, useValue: pool },
        {
          provide: REDIS,
          // Awaited so the first call finds it connected (no offline queue). If Redis is down the
          // attempt fails at once, ioredis keeps retrying, /status says so and calls get a 503.
          useFactory: async () => {
            await redis.connect().catch(() => undefined);
            return redis;
          },
        },
        { provide: EserviceSecurity, useValue: security },
        { provide: FascicoloService, useValue: fascicoli },
        { provide: RegistroAccessiService, useValue: registro },
        { provide: VersioneCurriculumService, useValue: versioniCurriculum },
        { provide: CasiPaisService, useValue: casoPais },
        { provide: RicercheCasiService, useValue: ricercheCasi },
        { provide: FetteCittadinoService, useValue: fetteCittadino },
        { provide: OfferteFormativeService, useValue: offerteFormative },
        { provide: RapportiLavoroService, useValue: rapportiLavoro },
        { provide: VersioneMinima, useValue: versioneMinima },
        { provide: SostegniService, useValue: writes[0] },
        { provide: AnalisiPreliminareService, useValue: writes[1] },
        { provide: OffertaFormativaService, useValue: writes[2] },
        // Nest calls the hook on close: the producer flushes and leaves the cluster.
        { provide: EventLog, useValue: { onApplicationShutdown: () => eventLog.disconnect() } },
        { provide: OPENAPI_EXTRAS, useValue: OPENAPI_EXTRAS_VALUE },
      ],
      exports: [EserviceSecurity, FascicoloService, RegistroAccessiService, VersioneCurriculumService, CasiPaisService, RicercheCasiService, FetteCittadinoService, OfferteFormativeService, RapportiLavoroService, VersioneMinima, SostegniService, AnalisiPreliminareService, OffertaFormativaService],
    };
  }
}
