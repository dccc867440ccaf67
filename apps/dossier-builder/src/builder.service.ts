import type { OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import type { Pool } from 'pg';
import { ConsumerRunner, type EventProducer } from '@fsl/kafka';
import type { Logger } from '@fsl/logging';

/** Starts the consumer once the HTTP side is up; keeps trying while the broker is unreachable. */
export class BuilderService implements OnApplicationBootstrap, OnApplicationShutdown {
  private stopped = false;

  constructor(
    readonly runner: ConsumerRunner,
    private readonly producer: EventProducer,
    private readonly pool: Pool,
    private readonly logger: Logger,
  ) {}

  onApplicationBootstrap(): void {
    void this.startWithRetry();
  }

  private async startWithRetry(): Promise<void> {
    for (let attempt = 1; !this.stopped; attempt++) {
      try {
        await this.runner.start();
        this.logger.info('consumer started');
        return;
      } catch (err) {
        this.logger.warn({ err, attempt }, 'consumer could not start; retrying');
        await this.runner.stop();
        await new Promise((r) => setTimeout(r, Math.min(10000, 500 * attempt)));
      }
    }
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    await this.runner.stop();
    await this.producer.disconnect();
    await this.pool.end().catch(() => undefined);
  }
}
