import { createHash } from 'node:crypto';
import { eventId } from './event-id';

const UUID_V5 = /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('eventId', () => {
  it('is deterministic: a re-sent record is the same event', () => {
    expect(eventId('CO', '1100023000000001', 1)).toBe(eventId('CO', '1100023000000001', 1));
    expect(eventId('CO', '1100023000000001', 1)).toBe('91fc73d5-9a8c-5df9-a709-e7daf4e9bab1');
  });

  it('is UUID-shaped with the v5 nibble and RFC 4122 variant', () => {
    for (let v = 0; v < 50; v++) expect(eventId('SIISL', `rec-${v}`, v)).toMatch(UUID_V5);
  });

  it('is the first 16 bytes of SHA-256(system NUL id NUL version) apart from the version/variant bits', () => {
    const h = createHash('sha256').update('GEPI\u0000abc\u000042').digest('hex');
    const id = eventId('GEPI', 'abc', 42).replace(/-/g, '');
    expect(id.slice(0, 12)).toBe(h.slice(0, 12));
    expect(id.slice(13, 16)).toBe(h.slice(13, 16));
    expect(id[12]).toBe('5');
    expect(id.slice(17)).toBe(h.slice(17, 32));
  });

  it('changes when the source version, record or system changes', () => {
    const ids = new Set([
      eventId('CO', 'X1', 1),
      eventId('CO', 'X1', 2),
      eventId('CO', 'X2', 1),
      eventId('SIISL', 'X1', 1),
    ]);
    expect(ids.size).toBe(4);
  });

  it('accepts bigint versions with the same result as numbers', () => {
    expect(eventId('CO', 'X1', 7n)).toBe(eventId('CO', 'X1', 7));
    expect(() => eventId('CO', 'X1', 2n ** 63n)).not.toThrow();
  });

  it('rejects NUL inside parts (would make ("a\\0b","c") collide with ("a","b\\0c"))', () => {
    expect(() => eventId('CO', 'a\u0000b', 1)).toThrow(TypeError);
    expect(() => eventId('', 'x', 1)).toThrow(TypeError);
    expect(() => eventId('CO', 'x', 1.5)).toThrow(TypeError);
    expect(() => eventId('CO', 'x', Number.MAX_SAFE_INTEGER + 1)).toThrow(TypeError);
  });
});
