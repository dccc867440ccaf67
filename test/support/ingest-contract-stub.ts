// A stand-in of the shared ingest contract's batch routes (file job and per-entity batches), for the tests
// of the demo's client (scripts/demo-client.js); the real apps are tested in their own suites.
import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A stand-in of the batch routes of an ingest on @fsl/ingest as the contract describes them; it accepts every line. */
export function contractServer(): { server: Server; received: string[][]; polls: () => number } {
  const received: string[][] = [];
  let polls = 0;
  const jobs = new Map<string, string[]>();
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://x');
      const lines = Buffer.concat(chunks).toString('utf8').split('\n').filter((l) => l !== '');
      const esito = (l: string, i: number) => ({ riga: i + 1, esito: 'ACCETTATA', entita: (JSON.parse(l) as { entita: string }).entita });
      const json = (status: number, body: unknown, headers: Record<string, string> = {}) => {
        res.writeHead(status, { 'content-type': 'application/json', ...headers });
        res.end(JSON.stringify(body));
      };
      if (req.method === 'POST' && url.pathname === '/v1/lotti') {
        received.push(lines);
        jobs.set('L1', lines);
        return json(202, { id: 'L1', stato: 'IN_CODA' }, { location: '/v1/lotti/L1' });
      }
      if (req.method === 'GET' && url.pathname === '/v1/lotti/L1') {
        polls++;
        return json(200, { id: 'L1', stato: polls < 3 ? 'IN_CORSO' : 'COMPLETATO', righeElaborate: polls < 3 ? 0 : jobs.get('L1')!.length });
      }
      if (req.method === 'GET' && url.pathname === '/v1/lotti/L1/esiti') {
        const from = Number(url.searchParams.get('dallaRiga'));
        const page = jobs.get('L1')!.map(esito).filter((e) => e.riga >= from).slice(0, 2);
        const next = page.length === 2 && page[1].riga < jobs.get('L1')!.length ? page[1].riga + 1 : null;
        return json(200, { esiti: page, prossimaRiga: next });
      }
      const m = /^\/v1\/([a-z-]+)\/lotti$/.exec(url.pathname);
      if (req.method === 'POST' && m) {
        received.push(lines);
        return json(200, { righe: lines.length, esiti: lines.map(esito) });
      }
      return json(404, { title: 'not found' });
    });
  });
  return { server, received, polls: () => polls };
}

export type ContractStub = ReturnType<typeof contractServer> & { base: string; close: () => Promise<void> };

/** The stand-in listening on a free loopback port. */
export async function startContractServer(): Promise<ContractStub> {
  const stub = contractServer();
  stub.server.listen(0, '127.0.0.1');
  await once(stub.server, 'listening');
  const close = async (): Promise<void> => {
    stub.server.close();
    await once(stub.server, 'close');
  };
  return { ...stub, base: `http://127.0.0.1:${(stub.server.address() as AddressInfo).port}`, close };
}
