import { request as httpRequest } from 'node:http';

export interface ProbeAnswer {
  status: number;
  /** Media type without parameters. */
  type: string | undefined;
  headers: Record<string, string | string[] | undefined>;
  body: Record<string, unknown>;
}

/**
 * POSTs the headers and at most `chunks` of a body, never ending the request, and resolves with the
 * answer: an answer that arrives proves the server decided on what it had, before the rest of the body.
 * Write errors after the server closed the connection are expected and ignored.
 */
export function answerBeforeBody(url: string, headers: Record<string, string>, chunks: Buffer[] = []): Promise<ProbeAnswer> {
  return new Promise((resolve, reject) => {
    const u = new URL(url);
    const req = httpRequest({ host: u.hostname, port: u.port, path: u.pathname, method: 'POST', headers }, (res) => {
      let text = '';
      res.on('data', (c: Buffer) => (text += c.toString()));
      res.on('end', () => {
        req.destroy();
        resolve({ status: res.statusCode!, type: res.headers['content-type']?.split(';')[0], headers: res.headers, body: text ? JSON.parse(text) : {} });
      });
    });
    req.on('error', (err: NodeJS.ErrnoException) => (err.code === 'EPIPE' || err.code === 'ECONNRESET' ? undefined : reject(err)));
    for (const chunk of chunks) req.write(chunk);
    req.flushHeaders();
  });
}
