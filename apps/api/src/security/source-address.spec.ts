import type { IncomingMessage } from 'node:http';
import { rawHeaderValues, sourceAddressOf } from './source-address';

const from = (peer: string, forwardedFor?: string) =>
  ({ socket: { remoteAddress: peer }, connection: { remoteAddress: peer }, headers: forwardedFor ? { 'x-forwarded-for': forwardedFor } : {} }) as unknown as IncomingMessage;

describe('sourceAddressOf', () => {
  it('without trusted proxies the peer is the source, whatever X-Forwarded-For says', () => {
    expect(sourceAddressOf([])(from('10.0.0.7', '203.0.113.9'))).toBe('10.0.0.7');
  });
  it('behind a trusted proxy (address or CIDR) the last untrusted hop is the source', () => {
    expect(sourceAddressOf(['10.0.0.0/8'])(from('10.0.0.7', '203.0.113.9, 198.51.100.4'))).toBe('198.51.100.4');
    expect(sourceAddressOf(['10.0.0.7', '198.51.100.4'])(from('10.0.0.7', '203.0.113.9, 198.51.100.4'))).toBe('203.0.113.9');
  });
  it('a peer that is not a trusted proxy is the source even if it sends the header', () => {
    expect(sourceAddressOf(['10.0.0.0/8'])(from('192.0.2.1', '203.0.113.9'))).toBe('192.0.2.1');
  });
});

describe('rawHeaderValues', () => {
  it('keeps every value of a repeated header, case-insensitively', () => {
    expect(rawHeaderValues(['Authorization', 'Bearer a', 'Host', 'x', 'authorization', 'Bearer b'], 'authorization')).toEqual(['Bearer a', 'Bearer b']);
  });
});
