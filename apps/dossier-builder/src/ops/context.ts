import type { Pool } from 'pg';
import type { Kafka } from '@fsl/kafka';
import type { Logger } from '@fsl/logging';
import type { OpsConfig } from './config';
import type { ProgressReporter } from './progress';

/** What every command gets: config, the broker, the database as its owner, where to report. */
export interface OpsContext {
  config: OpsConfig;
  kafka: Kafka;
  db: Pool;
  logger: Logger;
  /** The replays' logger: quieter (a bounded replay seeks back at its bound every 200 ms, a warning each). */
  replayLogger: Logger;
  progress: ProgressReporter;
  /** A line for the operator (stderr in --json mode, so stdout stays one JSON document per result). */
  say(line: string): void;
}

/** A refusal the operator can act on: printed as is, exit 2. */
export class OpsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OpsError';
  }
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
