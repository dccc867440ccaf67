// The api as a producer (ADR 0007): the write e-services publish versions of GePI and SIISL records through
// the sources' own adapters, claim tables and topics (@fsl/ingest), as ingest-gepi and ingest-siisl do.
import type { Pool } from 'pg';
import type { Registry } from 'prom-client';
import { gepiRecordHash, gepiSource, type Entita as GepiEntita, type GepiRecord } from '@fsl/gepi';
import {
  EventPublisher,
  poolTransactions,
  VERSIONE_GIA_ACCETTATA,
  VersionedClaims,
  versionedJsonAdapter,
  VersionedWriter,
  type VersionedIdentity,
  type VersionedInput,
  type VersionedJsonSource,
} from '@fsl/ingest';
import { createKafkaFromConfig, EventProducer, topicName, type KafkaClientSettings } from '@fsl/kafka';
import type { Logger } from '@fsl/logging';
import { pseudonymizer } from '@fsl/pseudonym';
import { recordHash, siislSource, type Entita as SiislEntita, type SiislRecord } from '@fsl/siisl';

export type GepiWriter = VersionedWriter<VersionedInput<GepiEntita>, VersionedIdentity<GepiEntita>>;
export type SiislWriter = VersionedWriter<VersionedInput<SiislEntita>, VersionedIdentity<SiislEntita>>;

export interface EventLogConfig extends KafkaClientSettings {
  KAFKA_TOPIC_PREFIX: string;
  KAFKA_PRODUCE_TIMEOUT_MS: number;
  PSEUDONYM_KEY: string;
}

// The sources' claim tables, named after their ingest's tag (migrations SiislIngest, GepiIngest): a version
// number is taken once, whichever of the ingest and the api writes it.
const GEPI_CLAIMS = 'gepi_ingest_claim';
const SIISL_CLAIMS = 'siisl_ingest_claim';

/**
 * The api's versions are hashed without their update time (the time the api accepted them): the same write
 * published twice under one version — a retry after an acknowledgement that was lost — is then a duplicate
 * for the builder, not a conflict between two contents.
 */
const senzaOra =
  <R extends { aggiornatoIl: string }>(hash: (r: R) => string) =>
  (r: R): string =>
    hash({ ...r, aggiornatoIl: '' });

export class EventLog {
  readonly gepi: GepiWriter;
  readonly siisl: SiislWriter;
  /** The topics the builder reads, as named in its offsets (a read-your-writes token may name these only). */
  readonly topics: string[];
  private readonly producer: EventProducer;

  constructor(config: EventLogConfig, pool: Pool, service: string, logger: Logger, registry: Registry) {
    // Lazy: nothing connects until the first write, so the reads (and the OpenAPI generation) never need the broker.
    this.producer = new EventProducer(createKafkaFromConfig(config, service, logger), { ackTimeoutMs: config.KAFKA_PRODUCE_TIMEOUT_MS, logger, registry });
    const pseudonym = pseudonymizer(config.PSEUDONYM_KEY);
    const transactions = poolTransactions(pool);
    const gepiTopic = topicName('gepiEvents', config.KAFKA_TOPIC_PREFIX);
    const siislTopic = topicName('siislEvents', config.KAFKA_TOPIC_PREFIX);
    const gepi: VersionedJsonSource<GepiEntita, GepiRecord> = { ...gepiSource(), hash: senzaOra(gepiRecordHash) };
    const siisl: VersionedJsonSource<SiislEntita, SiislRecord> = { ...siislSource(), hash: senzaOra(recordHash) };
    this.gepi = new VersionedWriter({
      adapter: versionedJsonAdapter(gepi),
      transactions,
      claims: new VersionedClaims(GEPI_CLAIMS),
      publisher: new EventPublisher(this.producer, gepiTopic, pseudonym),
      conflict: VERSIONE_GIA_ACCETTATA,
    });
    this.siisl = new VersionedWriter({
      adapter: versionedJsonAdapter(siisl),
      transactions,
      claims: new VersionedClaims(SIISL_CLAIMS),
      publisher: new EventPublisher(this.producer, siislTopic, pseudonym),
      conflict: VERSIONE_GIA_ACCETTATA,
    });
    this.topics = [topicName('coComunicazioni', config.KAFKA_TOPIC_PREFIX), siislTopic, gepiTopic];
  }

  disconnect(): Promise<void> {
    return this.producer.disconnect();
  }
}
