import { createServer, IncomingMessage, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import { PdndStandin } from './standin';

export interface StandinServerOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  /** Loopback only by default: the stand-in has no business on a network interface. */
  host?: string;
}

export interface StandinServer {
  /** e.g. http://127.0.0.1:40123 */
  url: string;
  /** PDND voucher JWKS, for PDND_JWKS_URL. */
  jwksUrl: string;
  /** Base of the PDND keys API (`<keysApiUrl>/keys/{kid}`), for PDND_KEYS_API_URL. */
  keysApiUrl: string;
  /** PDND token endpoint (client credentials with a client assertion), for PDND_TOKEN_URL. */
  tokenUrl: string;
  /** Requests served per route, so tests can assert caching; keysRefused counts calls without a valid voucher. */
  hits: { jwks: number; keys: number; keysRefused: number; token: number; tokenRefused: number };
  /** When false every route answers 503, to test outages. */
  setAvailable(available: boolean): void;
  close(): Promise<void>;
}

/**
 * Serves the stand-in's JWKS, its token endpoint and consumer keys over loopback HTTP (node:http, no
 * framework). Like PDND's API, the keys answer only to a voucher from the token endpoint.
 */
export async function startStandinServer(standin: PdndStandin, options: StandinServerOptions = {}): Promise<StandinServer> {
  const hits = { jwks: 0, keys: 0, keysRefused: 0, token: 0, tokenRefused: 0 };
  let available = true;
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const send = (status: number, body: unknown, type = 'application/json') => {
      res.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-store' });
      res.end(JSON.stringify(body));
    };
    const path = new URL(req.url ?? '/', 'http://standin').pathname;
    if (!available) return send(503, { status: 503, title: 'Service Unavailable' }, 'application/problem+json');
    if (path === '/token.oauth2' && req.method === 'POST') {
      let form = '';
      req.setEncoding('utf8');
      req.on('data', (chunk: string) => (form += chunk));
      req.on('end', () => {
        const answer = standin.tokenEndpoint.exchange(new URLSearchParams(form));
        if (answer.status === 200) hits.token += 1;
        else hits.tokenRefused += 1;
        send(answer.status, answer.body);
      });
      return;
    }
    if (req.method !== 'GET') return send(405, { status: 405, title: 'Method Not Allowed' }, 'application/problem+json');
    if (path === '/.well-known/jwks.json') {
      hits.jwks += 1;
      return send(200, standin.jwks());
    }
    const match = /^\/keys\/([^/]+)$/.exec(path);
    if (match) {
      if (!standin.tokenEndpoint.authorises(req.headers.authorization)) {
        hits.keysRefused += 1;
        return send(401, { status: 401, title: 'Unauthorized' }, 'application/problem+json');
      }
      hits.keys += 1;
      const key = standin.consumerKey(decodeURIComponent(match[1]!));
      return key ? send(200, key) : send(404, { status: 404, title: 'Key not found' }, 'application/problem+json');
    }
    return send(404, { status: 404, title: 'Not Found' }, 'application/problem+json');
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const { address, port } = server.address() as AddressInfo;
  const url = `http://${address}:${port}`;
  return {
    url,
    jwksUrl: `${url}/.well-known/jwks.json`,
    keysApiUrl: url,
    tokenUrl: `${url}/token.oauth2`,
    hits,
    setAvailable: (value) => {
      available = value;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}
