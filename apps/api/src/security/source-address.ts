import type { IncomingMessage } from 'node:http';
import proxyaddr from 'proxy-addr';

/**
 * The address a request comes from, for the anonymous quota: the peer, or behind one of the trusted
 * proxies the address they forwarded (X-Forwarded-For read right to left, stopping at the first
 * untrusted hop). proxy-addr is what Express's own `trust proxy` uses; it is applied here, per guard,
 * so that nothing else in the app starts believing the header.
 */
export function sourceAddressOf(trustedProxies: readonly string[]): (req: IncomingMessage) => string {
  const trust = proxyaddr.compile([...trustedProxies]);
  return (req) => proxyaddr(req, trust);
}

/** Every value of a header as sent: Node keeps only the first of repeated Authorization headers. */
export function rawHeaderValues(rawHeaders: readonly string[], name: string): string[] {
  const values: string[] = [];
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) if (rawHeaders[i]!.toLowerCase() === name) values.push(rawHeaders[i + 1]!);
  return values;
}
