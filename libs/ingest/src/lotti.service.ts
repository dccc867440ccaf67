import { randomUUID } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { AppError } from '@fsl/http';
import type { Logger } from '@fsl/logging';
import type { LottiQueue } from './lotti.queue';
import type { Lotto, LottiStore } from './lotti.store';
import { spoolBody } from './ndjson';

/** Accepting a large file: spool it, record the job, enqueue it. Nothing of it is processed here. */
export class LottiService {
  constructor(
    private readonly store: Pick<LottiStore, 'create' | 'remove' | 'get'>,
    private readonly queue: LottiQueue,
    private readonly spool: { dir: string; maxBytes: number },
    private readonly logger?: Logger,
  ) {}

  async accept(body: Readable & { headers?: Record<string, unknown> }, correlationId: string | undefined): Promise<Lotto> {
    const id = randomUUID();
    const name = `${id}.ndjson`;
    const file = join(this.spool.dir, name);
    await fsp.mkdir(this.spool.dir, { recursive: true });
    const size = await spoolBody(body, file, this.spool.maxBytes);
    let lotto: Lotto;
    try {
      lotto = await this.store.create(id, name, size, correlationId);
    } catch {
      await fsp.rm(file, { force: true });
      throw new AppError('DEPENDENCY_UNAVAILABLE', 'the database is unavailable; the file was not accepted', { retryAfterSeconds: 5 });
    }
    try {
      await this.queue.enqueue(id);
    } catch (err) {
      // Answered 503: the upload must leave nothing behind that a later reconcile would start.
      // The 503 stands whatever happens here; a row left behind has no file, so an operator must see it.
      await this.store.remove(id).catch((removeErr: unknown) => this.logger?.error({ err: removeErr, lotto: id }, 'file job row not removed after the queue refused it'));
      await fsp.rm(file, { force: true });
      throw err;
    }
    return lotto;
  }

  async get(id: string): Promise<Lotto> {
    const lotto = /^[0-9a-f-]{36}$/.test(id) ? await this.store.get(id) : undefined;
    if (!lotto) throw new AppError('LOTTO_NOT_FOUND', 'no file job with this id');
    return lotto;
  }
}
