// @fsl/ingest — what every source's ingest does: one record, NDJSON batches answered line by line, large
// files as resumable jobs, 202 only after Kafka's acknowledgement, 503 + Retry-After while a dependency is
// down, the idempotency claim in the chunk's transaction, warnings and metrics. A source brings a
// SourceAdapter and its thin app.
import './errors';
export * from './adapter';
export * from './claims';
export * from './config';
export * from './dto';
export * from './http-docs';
export * from './ingest.module';
export * from './ingest.service';
export * from './lotti.controller';
export * from './lotti.queue';
export * from './lotti.service';
export * from './lotti.store';
export * from './lotto.processor';
export * from './metrics';
export * from './ndjson';
export * from './outcomes';
export * from './publisher';
export * from './records';
export * from './unknown-codes';
export * from './versioned-json';
export * from './versioned-json.module';
export * from './versioned-write';
