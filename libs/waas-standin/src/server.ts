// A municipality's "Welfare as a Service" e-service as INPS's OpenAPI defines it (GET /flussi, POST /esiti,
// GET /status), serving flows from @fsl/siuss's generator, checking the PDND voucher like the real
// e-service must, recording the outcomes it receives, and controllable from tests: slow, failing, hanging,
// down, more flows appended at runtime. node:http, no framework: it is a test double.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { InMemoryReplayStore, PdndError, PdndKeySet, verifyVoucher, type VerifiedCaller, type VoucherKeyResolver } from '@fsl/pdnd';
import { generateFlussi, tsFlussoMillis, type FlussoEntry, type FlussoGenerato, type GenerateFlussiOptions } from '@fsl/siuss';

/** The issuer of the PDND stand-in (libs/pdnd-standin): its vouchers are unusable anywhere real. */
export const PDND_STANDIN_ISSUER = 'pdnd-standin.invalid';
/** The audience this stand-in's e-service expects by default. */
export const WAAS_STANDIN_AUDIENCE = 'https://waas-standin.localhost/waas/v1';
/** The OpenAPI's base path (`servers: https://api.example.com/waas/v1`). */
export const BASE_PATH = '/waas/v1';
export const DEFAULT_LIMIT = 10;
export const MAX_LIMIT = 100;

export interface VoucherCheck {
  /** The PDND JWKS (the PDND stand-in's `jwksUrl`), or a key resolver for in-process tests. */
  jwksUrl?: string;
  keySet?: VoucherKeyResolver;
  issuer?: string | readonly string[];
  audience?: string | readonly string[];
  /** When set, only vouchers for these purposes (the municipality's e-service for FSL) are accepted: 403 otherwise. */
  purposeIds?: readonly string[];
}

/** What GET /flussi answers when nothing is new: `{}`, `{"elenco_flussi": []}` (the OpenAPI's example) or a bare `[]`. */
export type EmptyAnswer = 'object' | 'list' | 'bare';

/** How the e-service behaves. `down` closes the listening socket (connection refused) until set back. */
export type Mode =
  | { kind: 'normal' }
  | { kind: 'slow'; delayMs: number }
  | { kind: 'failing'; status?: number; times?: number }
  | { kind: 'hanging' }
  | { kind: 'down' };

/** How POST /esiti answers: 204 (the OpenAPI's), or a given status, `times` times then 204 again. */
export type EsitiMode = { kind: 'accept' } | { kind: 'refuse'; status: number; times?: number };

export interface WaasStandinOptions {
  /** Belfiore code of the municipality. */
  codiceEnte: string;
  denominazioneEnte?: string;
  /** The flows to serve; default: generated from `generate`. */
  flussi?: readonly FlussoEntry[];
  /** Generator options (codiceEnte is this stand-in's); default seed 42, 60 flows. */
  generate?: Partial<Omit<GenerateFlussiOptions, 'codiceEnte'>>;
  /** `false` turns the voucher check off (a test of something else); never the default. */
  voucher: VoucherCheck | false;
  emptyAnswer?: EmptyAnswer;
  port?: number;
  /** Loopback only by default. */
  host?: string;
  /**
   * Serve the control routes under /__standin/ (the CLI does, for a demo or a test that runs the stand-in as a
   * process): GET esiti, requests, flussi; POST mode ({"kind": "down", "forMs": 5000} comes back by itself),
   * esiti-mode, empty-answer, append ({"count": 5}).
   */
  control?: boolean;
}

/** One outcome received on POST /esiti, as sent. */
export interface EsitoRicevuto {
  id_flusso: string;
  tipo: string;
  ts_flusso: string;
  ts_acquisizione: string;
  codice_esito: 'OK' | 'DATI_NON_TROVATI' | 'RICHIESTA_INVALIDA' | 'ERRORE_GENERICO';
  descrizione_esito?: string;
  id_acquisizione_siuss?: string;
  [other: string]: unknown;
}

/** A GET /flussi or POST /esiti call as the stand-in saw it. */
export interface RequestRecord {
  method: string;
  path: string;
  status: number;
  since?: number;
  limit?: number;
  /** id_flusso of the entries answered. */
  served?: string[];
  /** From the verified voucher. */
  purposeId?: string;
  clientId?: string;
}

export interface WaasStandin {
  /** e.g. http://127.0.0.1:40123/waas/v1: the e-service base URL to register. */
  url: string;
  port: number;
  codiceEnte: string;
  /** Every flow served so far or to be served, oldest first (the generated ones with what each is meant to be). */
  flussi(): readonly FlussoEntry[];
  generati(): readonly FlussoGenerato[];
  /** Adds flows after the last one (incremental polls): generated (`count`, options) or given. Returns the added entries. */
  append(more: { count: number; options?: Partial<Omit<GenerateFlussiOptions, 'codiceEnte'>> } | readonly FlussoEntry[]): FlussoEntry[];
  /** The outcomes received, in order (every item of every accepted POST /esiti). */
  esiti: EsitoRicevuto[];
  requests: RequestRecord[];
  setMode(mode: Mode): Promise<void>;
  setEsitiMode(mode: EsitiMode): void;
  setEmptyAnswer(answer: EmptyAnswer): void;
  close(): Promise<void>;
}

const problem = (res: ServerResponse, status: number, title: string, detail?: string, headers: Record<string, string> = {}) => {
  res.writeHead(status, { 'Content-Type': 'application/problem+json', 'Cache-Control': 'no-store', ...headers });
  res.end(JSON.stringify({ type: 'about:blank', title, status, ...(detail ? { detail } : {}) }));
};

const json = (res: ServerResponse, status: number, body: unknown) => {
  res.writeHead(status, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
  res.end(JSON.stringify(body));
};

const CODICI_ESITO = new Set(['OK', 'DATI_NON_TROVATI', 'RICHIESTA_INVALIDA', 'ERRORE_GENERICO']);
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

/** The OpenAPI's EsitoFlusso: the required members and the enum; undefined when the body is not an ElencoEsiti. */
function readEsiti(body: unknown): EsitoRicevuto[] | undefined {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return undefined;
  const list = (body as Record<string, unknown>).elenco_esiti;
  if (!Array.isArray(list) || list.length > MAX_LIMIT || Object.keys(body).some((k) => k !== 'elenco_esiti')) return undefined;
  for (const e of list) {
    if (typeof e !== 'object' || e === null) return undefined;
    const x = e as Record<string, unknown>;
    if (typeof x.id_flusso !== 'string' || typeof x.tipo !== 'string' || typeof x.codice_esito !== 'string' || !CODICI_ESITO.has(x.codice_esito)) return undefined;
    if (typeof x.ts_flusso !== 'string' || !DATE_TIME.test(x.ts_flusso) || typeof x.ts_acquisizione !== 'string' || !DATE_TIME.test(x.ts_acquisizione)) return undefined;
    for (const k of ['descrizione_esito', 'id_acquisizione_siuss']) if (x[k] !== undefined && typeof x[k] !== 'string') return undefined;
  }
  return list as EsitoRicevuto[];
}

const SINCE = /^(0|[1-9][0-9]{0,19})$/;
const LIMIT = /^(0|[1-9][0-9]{0,2})$/;

export async function startWaasStandin(o: WaasStandinOptions): Promise<WaasStandin> {
  const generati: FlussoGenerato[] = [];
  const entries: FlussoEntry[] = [];
  if (o.flussi) entries.push(...o.flussi);
  else {
    generati.push(...generateFlussi({ seed: 42, count: 60, ...o.generate, codiceEnte: o.codiceEnte, ...(o.denominazioneEnte ? { denominazioneEnte: o.denominazioneEnte } : {}) }));
    entries.push(...generati.map((g) => g.entry));
  }
  const esiti: EsitoRicevuto[] = [];
  const requests: RequestRecord[] = [];
  let mode: Mode = { kind: 'normal' };
  let esitiMode: EsitiMode = { kind: 'accept' };
  let emptyAnswer: EmptyAnswer = o.emptyAnswer ?? 'list';
  const hanging = new Set<ServerResponse>();
  const sockets = new Set<Socket>();

  const voucher = o.voucher;
  const keySet = voucher === false ? undefined : (voucher.keySet ?? new PdndKeySet({ url: voucher.jwksUrl ?? 'http://127.0.0.1:8911/.well-known/jwks.json', minRefreshIntervalMs: 0 }));
  const replayStore = new InMemoryReplayStore();

  /** The voucher, or the problem answered; `null` when the check is off. */
  async function authenticate(req: IncomingMessage, res: ServerResponse, url: string): Promise<VerifiedCaller | null | undefined> {
    if (voucher === false) return null;
    try {
      const caller = await verifyVoucher(
        { authorization: req.headers.authorization, dpop: req.headers.dpop, method: req.method ?? 'GET', url },
        { issuer: voucher.issuer ?? PDND_STANDIN_ISSUER, audience: voucher.audience ?? WAAS_STANDIN_AUDIENCE },
        { keySet: keySet!, replayStore },
      );
      if (voucher.purposeIds && !voucher.purposeIds.includes(caller.purposeId)) {
        problem(res, 403, 'Forbidden', 'The voucher is for a purpose this e-service does not serve.');
        return undefined;
      }
      return caller;
    } catch (err) {
      if (err instanceof PdndError) problem(res, err.status, err.title, err.detail, err.headers);
      else problem(res, 500, 'Internal Server Error');
      return undefined;
    }
  }

  /** Flows after `since`, strictly, oldest first; within one timestamp in the order they were added. */
  function page(since: number, limit: number): FlussoEntry[] {
    return entries
      .map((e, i) => ({ e, i, ts: tsFlussoMillis(e) ?? 0 }))
      .filter((x) => x.ts > since)
      .sort((a, b) => a.ts - b.ts || a.i - b.i)
      .slice(0, limit)
      .map((x) => x.e);
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://standin');
    const path = url.pathname;
    const record = (r: Omit<RequestRecord, 'method' | 'path'>) => requests.push({ method: req.method ?? '', path, ...r });

    if (o.control && path.startsWith('/__standin/')) return control(req, res, path);
    if (mode.kind === 'hanging') {
      hanging.add(res);
      return;
    }
    if (mode.kind === 'slow') await new Promise((r) => setTimeout(r, (mode as { delayMs: number }).delayMs));
    if (mode.kind === 'failing') {
      const status = mode.status ?? 503;
      if (mode.times !== undefined && --mode.times <= 0) mode = { kind: 'normal' };
      record({ status });
      return problem(res, status, status === 503 ? 'Service Unavailable' : 'Internal Server Error', 'The municipality\'s e-service is failing (stand-in).');
    }

    if (path === `${BASE_PATH}/status` && req.method === 'GET') {
      res.writeHead(200, { 'Content-Type': 'application/problem+json' });
      res.end(JSON.stringify({ status: 200, title: 'OK', detail: 'Il servizio funziona correttamente' }));
      return;
    }

    const publicUrl = `http://${req.headers.host ?? '127.0.0.1'}${path}`;
    if (path === `${BASE_PATH}/flussi` && req.method === 'GET') {
      const caller = await authenticate(req, res, publicUrl);
      if (caller === undefined) return void record({ status: res.statusCode });
      const sinceRaw = url.searchParams.get('since');
      const limitRaw = url.searchParams.get('limit');
      // The OpenAPI: since is required, an int64 ≥ 0; limit an int32 from 0 to 100, default 10.
      if (sinceRaw === null || !SINCE.test(sinceRaw) || (limitRaw !== null && (!LIMIT.test(limitRaw) || Number(limitRaw) > MAX_LIMIT))) {
        record({ status: 400, ...(caller ? { purposeId: caller.purposeId, clientId: caller.clientId } : {}) });
        return problem(res, 400, 'Bad Request', 'since is required (milliseconds, integer ≥ 0); limit is an integer from 0 to 100.');
      }
      const since = Number(sinceRaw);
      const limit = limitRaw === null ? DEFAULT_LIMIT : Number(limitRaw);
      const served = page(since, limit);
      record({ status: 200, since, limit, served: served.map((e) => e.id_flusso), ...(caller ? { purposeId: caller.purposeId, clientId: caller.clientId } : {}) });
      if (served.length > 0) return json(res, 200, { elenco_flussi: served });
      return json(res, 200, emptyAnswer === 'object' ? {} : emptyAnswer === 'bare' ? [] : { elenco_flussi: [] });
    }

    if (path === `${BASE_PATH}/esiti` && req.method === 'POST') {
      const caller = await authenticate(req, res, publicUrl);
      if (caller === undefined) return void record({ status: res.statusCode });
      const text = await readBody(req);
      let body: unknown;
      try {
        body = JSON.parse(text);
      } catch {
        body = undefined;
      }
      const list = readEsiti(body);
      if (!list) {
        record({ status: 400 });
        return problem(res, 400, 'Bad Request', 'The body is not an ElencoEsiti of the interface.');
      }
      if (esitiMode.kind === 'refuse') {
        const status = esitiMode.status;
        if (esitiMode.times !== undefined && --esitiMode.times <= 0) esitiMode = { kind: 'accept' };
        record({ status });
        return problem(res, status, 'Notifica non recepita', 'The municipality refuses the outcomes (stand-in).');
      }
      esiti.push(...list);
      record({ status: 204 });
      res.writeHead(204);
      res.end();
      return;
    }

    record({ status: 404 });
    return problem(res, 404, 'Not Found');
  }

  async function control(req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
    const what = path.slice('/__standin/'.length);
    if (req.method === 'GET' && what === 'esiti') return json(res, 200, esiti);
    if (req.method === 'GET' && what === 'requests') return json(res, 200, requests);
    if (req.method === 'GET' && what === 'flussi') return json(res, 200, entries.map((e) => ({ id_flusso: e.id_flusso, tipo: e.tipo, ts_flusso: e.ts_flusso })));
    if (req.method !== 'POST') return problem(res, 404, 'Not Found');
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(await readBody(req)) as Record<string, unknown>;
    } catch {
      return problem(res, 400, 'Bad Request');
    }
    if (what === 'mode') {
      if (body.kind !== 'down') return (await api.setMode(body as unknown as Mode), json(res, 200, { mode: body }));
      // Going down closes every connection, this one too: answer first.
      res.on('finish', () => {
        void api.setMode({ kind: 'down' }).then(() => {
          if (typeof body.forMs === 'number') setTimeout(() => void api.setMode({ kind: 'normal' }), body.forMs).unref();
        });
      });
      return json(res, 200, { mode: body });
    }
    if (what === 'esiti-mode') return (api.setEsitiMode(body as unknown as EsitiMode), json(res, 200, { esitiMode: body }));
    if (what === 'empty-answer') return (api.setEmptyAnswer(body.answer as EmptyAnswer), json(res, 200, { emptyAnswer: body.answer }));
    if (what === 'append' && typeof body.count === 'number') return json(res, 200, { added: api.append({ count: body.count }).map((e) => e.id_flusso) });
    return problem(res, 404, 'Not Found');
  }

  const server: Server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) problem(res, 500, 'Internal Server Error');
    });
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  const host = o.host ?? '127.0.0.1';
  const listen = (port: number) =>
    new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
  const stop = () =>
    new Promise<void>((resolve) => {
      for (const r of hanging) r.destroy();
      hanging.clear();
      for (const s of sockets) s.destroy();
      server.close(() => resolve());
    });
  await listen(o.port ?? 0);
  const port = (server.address() as AddressInfo).port;

  const lastTs = () => entries.reduce((m, e) => Math.max(m, tsFlussoMillis(e) ?? 0), 0);

  const api: WaasStandin = {
    url: `http://${host}:${port}${BASE_PATH}`,
    port,
    codiceEnte: o.codiceEnte,
    flussi: () => entries,
    generati: () => generati,
    append(more) {
      let added: FlussoEntry[];
      if (Array.isArray(more)) added = [...(more as readonly FlussoEntry[])];
      else {
        const m = more as { count: number; options?: Partial<Omit<GenerateFlussiOptions, 'codiceEnte'>> };
        // A seed of its own, so appended flows never repeat the ids of the first batch: new ids, later days.
        const g = generateFlussi({ seed: 42 + entries.length, ...m.options, count: m.count, codiceEnte: o.codiceEnte, start: m.options?.start ?? lastTs() + 86_400_000 });
        generati.push(...g);
        added = g.map((x) => x.entry);
      }
      entries.push(...added);
      return added;
    },
    esiti,
    requests,
    async setMode(next) {
      const wasDown = mode.kind === 'down';
      if (mode.kind === 'hanging' && next.kind !== 'hanging') {
        for (const r of hanging) r.destroy();
        hanging.clear();
      }
      mode = next;
      if (next.kind === 'down' && !wasDown) await stop();
      if (next.kind !== 'down' && wasDown) await listen(port);
    },
    setEsitiMode(next) {
      esitiMode = next;
    },
    setEmptyAnswer(answer) {
      emptyAnswer = answer;
    },
    close: async () => {
      if (mode.kind !== 'down') await stop();
    },
  };
  return api;
}

function readBody(req: IncomingMessage, max = 1_000_000): Promise<string> {
  return new Promise((resolve, reject) => {
    let size = 0;
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > max) {
        reject(new Error('body too large'));
        req.destroy();
      } else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
