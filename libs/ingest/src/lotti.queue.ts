// BullMQ scheduling of the file jobs. Postgres holds each job's state and progress; the queue only says
// which job to run next, so it can be rebuilt: jobs still unfinished in Postgres are re-added (same job id,
// a no-op when present) at boot and every minute — e.g. after a Redis restart without persistence.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Queue, UnrecoverableError, WaitingError, Worker, type Job } from 'bullmq';
import type Redis from 'ioredis';
import { AppError } from '@fsl/http';
import type { Logger } from '@fsl/logging';
import type { LottiStore } from './lotti.store';
import type { LottoProcessor } from './lotto.processor';

export interface LottiQueueOptions {
  name: string;
  spoolDir: string;
  concurrency: number;
  lockMs: number;
  enqueueTimeoutMs?: number;
  reconcileEveryMs?: number;
}

interface LottoJobData {
  id: string;
}

// Dependencies being down is retried inside the job; these attempts are for anything else that might be
// transient. Finished jobs are removed: Postgres keeps the outcome, and a stale entry would block reconcile().
const MAX_ATTEMPTS = 5;
const JOB_OPTIONS = (id: string) => ({
  jobId: id,
  attempts: MAX_ATTEMPTS,
  backoff: { type: 'exponential', delay: 2000 },
  removeOnComplete: true,
  removeOnFail: true,
});

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([p, new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms)))]).finally(() => clearTimeout(timer));
}

export class LottiQueue {
  private queueInstance: Queue<LottoJobData> | undefined;
  private worker: Worker<LottoJobData> | undefined;
  private stopping = false;
  private reconcileTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly opts: LottiQueueOptions,
    private readonly connections: { queue: Redis; worker: Redis },
    private readonly processor: Pick<LottoProcessor, 'run'>,
    private readonly store: Pick<LottiStore, 'fail' | 'unfinished'>,
    private readonly logger: Logger,
  ) {}

  // Created on first use: a Queue connects at once, and building the module (e.g. to generate the
  // OpenAPI document) must not touch Redis.
  private get queue(): Queue<LottoJobData> {
    if (!this.queueInstance) {
      this.queueInstance = new Queue<LottoJobData>(this.opts.name, { connection: this.connections.queue });
      this.queueInstance.on('error', (err) => this.logger.warn({ err }, 'lotti queue error'));
    }
    return this.queueInstance;
  }

  /** Throws 503 when Redis does not take the job: the caller then drops the upload. */
  async enqueue(id: string): Promise<void> {
    try {
      await withTimeout(
        this.queue.add('lotto', { id }, JOB_OPTIONS(id)),
        this.opts.enqueueTimeoutMs ?? 5000,
      );
    } catch (err) {
      this.logger.warn({ err }, 'could not enqueue a file job');
      throw new AppError('DEPENDENCY_UNAVAILABLE', 'the job queue is unavailable; the file was not accepted', { retryAfterSeconds: 5 });
    }
  }

  start(): void {
    this.worker = new Worker<LottoJobData>(this.opts.name, (job, token) => this.process(job, token), {
      connection: this.connections.worker,
      concurrency: this.opts.concurrency,
      lockDuration: this.opts.lockMs,
      stalledInterval: this.opts.lockMs,
      // Restarts are expected (deploys, crashes): a job must never fail just because it stalled.
      maxStalledCount: Number.MAX_SAFE_INTEGER,
    });
    this.worker.on('error', (err) => this.logger.warn({ err }, 'lotti worker error'));
    void this.reconcile();
    this.reconcileTimer = setInterval(() => void this.reconcile(), this.opts.reconcileEveryMs ?? 60_000);
    this.reconcileTimer.unref();
  }

  /** Lets the running chunks finish; their jobs go back to the queue and continue on the next start. */
  async stop(): Promise<void> {
    this.stopping = true;
    clearInterval(this.reconcileTimer);
    await this.worker?.close();
    await this.queueInstance?.close();
  }

  async isUp(): Promise<boolean> {
    return withTimeout(this.connections.queue.ping(), 2000).then((r) => r === 'PONG', () => false);
  }

  private async process(job: Job<LottoJobData>, token?: string): Promise<void> {
    let outcome;
    try {
      outcome = await this.processor.run(job.data.id, () => this.stopping);
    } catch (err) {
      const last = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
      this.logger.error({ err, lotto: job.data.id, attempt: job.attemptsMade + 1, last }, 'file job failed');
      if (!last) throw err;
      // The job's error is logged above; when Postgres cannot record the failure either, the file stays
      // IN_CORSO and reconcile() queues it again.
      await this.store.fail(job.data.id, 'internal error while processing the file').catch(() => undefined);
      throw new UnrecoverableError('file job failed');
    }
    if (outcome === 'stopped' && this.stopping) {
      await job.moveToWait(token);
      throw new WaitingError();
    }
  }

  /**
   * Only jobs whose spool file this instance can read are its own: another deployment sharing the
   * database (e.g. a test run) has its own spool directory and queue, and must keep its jobs.
   */
  private async reconcile(): Promise<void> {
    try {
      for (const { id, spoolFile } of await this.store.unfinished()) {
        if (!existsSync(join(this.opts.spoolDir, spoolFile))) continue;
        await this.queue.add('lotto', { id }, JOB_OPTIONS(id));
      }
    } catch (err) {
      this.logger.warn({ err }, 'could not reconcile file jobs with the queue');
    }
  }
}
