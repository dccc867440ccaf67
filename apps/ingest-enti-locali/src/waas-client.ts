import { PdndClientVoucher } from '@fsl/pdnd';
import type { KeyObject } from 'node:crypto';
import type { EnteRegistrato } from './registry';

// The municipality's e-service as a PDND consumer calls it: GET /flussi and POST /esiti with our voucher for
// the municipality's purpose (client assertion → voucher at PDND's token endpoint, cached and renewed before
// it expires by @fsl/pdnd). Every call has one deadline for the voucher, the request and the whole answer,
// so a municipality that hangs costs its own loop that long and nobody else anything.

/** Why a call failed, as operators see it: a stable code and a reason written here (never the answer's text). */
export class WaasError extends Error {
  override readonly name = 'WaasError';
  constructor(
    readonly code: 'TIMEOUT' | 'IRRAGGIUNGIBILE' | 'VOUCHER' | 'HTTP' | 'RISPOSTA_NON_VALIDA' | 'RISPOSTA_TROPPO_GRANDE' | 'INTERROTTO',
    message: string,
    readonly status?: number,
  ) {
    super(message);
  }
}

export interface WaasClientOptions {
  tokenUrl: string;
  tokenAudience: string;
  /** Our default client: PDND_CLIENT_ID and its key. */
  client: { clientId: string; keyId: string; privateKey: KeyObject | (() => KeyObject) };
  timeoutMs: number;
  maxResponseBytes: number;
  fetch?: typeof fetch;
}

/**
 * The entries of a GET /flussi answer. "Nothing new" comes as `{"elenco_flussi": []}` (the OpenAPI's example),
 * `{}` or a bare `[]` (municipalities answer all three); anything else is not an answer of the interface.
 */
export function entriesOf(body: unknown): unknown[] | undefined {
  if (Array.isArray(body)) return body;
  if (typeof body !== 'object' || body === null) return undefined;
  const list = (body as Record<string, unknown>).elenco_flussi;
  if (list === undefined || list === null) return [];
  return Array.isArray(list) ? list : undefined;
}

export class WaasClient {
  private readonly voucher: PdndClientVoucher;
  private readonly fetch: typeof fetch;

  constructor(
    readonly ente: EnteRegistrato,
    private readonly o: WaasClientOptions,
  ) {
    const client = ente.client ?? o.client;
    this.fetch = o.fetch ?? fetch;
    this.voucher = new PdndClientVoucher({
      tokenUrl: o.tokenUrl,
      clientId: client.clientId,
      keyId: client.keyId,
      privateKey: client.privateKey,
      purposeId: ente.purposeId,
      assertionAudience: o.tokenAudience,
      fetch: this.fetch,
    });
  }

  /** GET /flussi?since=&limit= → the entries, untrusted. */
  async flussi(since: number, limit: number, signal?: AbortSignal): Promise<unknown[]> {
    const url = `${this.ente.baseUrl}/flussi?since=${since}&limit=${limit}`;
    const { status, body } = await this.call(url, { method: 'GET', headers: { accept: 'application/json' } }, signal);
    if (status !== 200) throw new WaasError('HTTP', `GET /flussi answered ${status}`, status);
    let parsed: unknown;
    try {
      parsed = JSON.parse(body);
    } catch {
      throw new WaasError('RISPOSTA_NON_VALIDA', 'GET /flussi answered something that is not JSON');
    }
    const entries = entriesOf(parsed);
    if (!entries) throw new WaasError('RISPOSTA_NON_VALIDA', 'GET /flussi answered JSON that is not a list of flows');
    return entries;
  }

  /** POST /esiti with up to 100 outcomes → the status (2xx delivered; anything else is retried by the caller). */
  async esiti(elenco: readonly unknown[], signal?: AbortSignal): Promise<number> {
    const { status } = await this.call(
      `${this.ente.baseUrl}/esiti`,
      { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/problem+json' }, body: JSON.stringify({ elenco_esiti: elenco }) },
      signal,
    );
    return status;
  }

  /** One call within the deadline; on a 401 the voucher is dropped and the call made once more with a new one. */
  private async call(url: string, init: RequestInit & { headers: Record<string, string> }, outer?: AbortSignal): Promise<{ status: number; body: string }> {
    const deadline = AbortSignal.timeout(this.o.timeoutMs);
    const signal = outer ? AbortSignal.any([deadline, outer]) : deadline;
    const attempt = async () => {
      let token: string;
      try {
        token = await abortable(this.voucher.get(), signal);
      } catch (err) {
        throw this.failure(err, signal, 'VOUCHER');
      }
      try {
        const res = await this.fetch(url, { ...init, headers: { ...init.headers, authorization: `Bearer ${token}` }, redirect: 'error', signal });
        return { token, status: res.status, body: await readLimited(res, this.o.maxResponseBytes) };
      } catch (err) {
        throw this.failure(err, signal, 'IRRAGGIUNGIBILE');
      }
    };
    const first = await attempt();
    if (first.status !== 401) return first;
    this.voucher.invalidate(first.token);
    return attempt();
  }

  private failure(err: unknown, signal: AbortSignal, otherwise: 'VOUCHER' | 'IRRAGGIUNGIBILE'): WaasError {
    if (err instanceof WaasError) return err;
    if (signal.aborted) {
      const timedOut = (signal.reason as Error | undefined)?.name === 'TimeoutError';
      return timedOut ? new WaasError('TIMEOUT', `no complete answer within ${this.o.timeoutMs} ms`) : new WaasError('INTERROTTO', 'the call was interrupted (shutdown)');
    }
    // The reason names the kind of failure only: a library's message may quote what the server sent.
    return otherwise === 'VOUCHER'
      ? new WaasError('VOUCHER', 'no PDND voucher for the municipality\'s purpose (token endpoint unavailable or refusing)')
      : new WaasError('IRRAGGIUNGIBILE', `the e-service could not be reached (${(err as { cause?: { code?: string } }).cause?.code ?? (err as Error).name})`);
  }
}

/** The body as text, refused past `max` bytes without buffering the rest. */
async function readLimited(res: Response, max: number): Promise<string> {
  const declared = Number(res.headers.get('content-length') ?? NaN);
  if (declared > max) {
    await res.body?.cancel().catch(() => undefined);
    throw new WaasError('RISPOSTA_TROPPO_GRANDE', `the answer is larger than ${max} bytes`);
  }
  if (!res.body) return '';
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
    size += chunk.byteLength;
    if (size > max) {
      await res.body.cancel().catch(() => undefined);
      throw new WaasError('RISPOSTA_TROPPO_GRANDE', `the answer is larger than ${max} bytes`);
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** The promise, or the signal's abort, whichever comes first (the token request has a deadline of its own, too long here). */
function abortable<T>(p: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    p.then(
      (v) => {
        signal.removeEventListener('abort', onAbort);
        resolve(v);
      },
      (e) => {
        signal.removeEventListener('abort', onAbort);
        reject(e);
      },
    );
  });
}
