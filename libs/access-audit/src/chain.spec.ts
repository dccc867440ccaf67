import fc from 'fast-check';
import { anchorHead, anchorMatches, appendRecord, AuditRecord, ChainVerifier, EMPTY_HEAD, GENESIS_HASH, hashRecord, verifyChain } from './index';
import { AccessEvent } from './record';

const event = (i: number, overrides: Partial<AccessEvent> = {}): AccessEvent => ({
  time: new Date(Date.UTC(2026, 2, 1, 10, 0, i)),
  consumer: { clientId: `client-${i % 3}`, organizationId: `org-${i % 2}` },
  purposeId: `purpose-${i % 4}`,
  eservice: 'CONSULTAZIONE_Fascicolo-FSL_001',
  subject: `pseudo-${i % 5}`,
  outcome: i % 7 === 0 ? 'denied' : 'granted',
  operation: 'GET /fascicoli/{tax_code}',
  requestId: `req-${i}`,
  ...overrides,
});

function chain(n: number): AuditRecord[] {
  const records: AuditRecord[] = [];
  let head = EMPTY_HEAD;
  for (let i = 1; i <= n; i++) {
    const r = appendRecord(head, event(i));
    records.push(r);
    head = { seq: r.seq, hash: r.hash };
  }
  return records;
}
const headOf = (records: AuditRecord[]) => ({ seq: records.at(-1)!.seq, hash: records.at(-1)!.hash });

describe('appendRecord', () => {
  it('links to the previous hash, starting from the genesis hash', () => {
    const [a, b] = chain(2) as [AuditRecord, AuditRecord];
    expect(a).toMatchObject({ seq: 1, prevHash: GENESIS_HASH, time: '2026-03-01T10:00:01.000Z', organizationId: 'org-1' });
    expect(b.prevHash).toBe(a.hash);
    expect(a.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hashRecord(a)).toBe(a.hash);
  });
  it('normalises absent optional fields to null', () => {
    const r = appendRecord(EMPTY_HEAD, { ...event(1), consumer: { clientId: 'c' }, operation: undefined, requestId: undefined });
    expect(r).toMatchObject({ organizationId: null, operation: null, requestId: null });
  });
  it.each([
    ['a codice fiscale as subject', { subject: 'RSSMRA85T10A562S' }],
    ['an omocodic codice fiscale as subject', { subject: 'RSSMRA85T10A56NS' }],
    ['an empty purposeId', { purposeId: '' }],
    ['an unknown outcome', { outcome: 'maybe' as never }],
    ['an invalid time', { time: 'yesterday' }],
  ])('refuses %s', (_name, overrides) => {
    expect(() => appendRecord(EMPTY_HEAD, event(1, overrides))).toThrow(TypeError);
  });
});

describe('verifyChain', () => {
  it('accepts an intact chain and reports its head', () => {
    const records = chain(10);
    expect(verifyChain(records, headOf(records))).toEqual({ ok: true, count: 10, head: headOf(records) });
    expect(verifyChain([], EMPTY_HEAD)).toMatchObject({ ok: true, count: 0 });
  });

  it('an edited record is named (hash-mismatch)', () => {
    const records = chain(10);
    records[4] = { ...records[4]!, purposeId: 'another-purpose' };
    expect(verifyChain(records, headOf(records))).toMatchObject({ ok: false, count: 4, broken: { reason: 'hash-mismatch', id: records[4]!.id, seq: 5 } });
  });

  it('an edited record whose hash was recomputed breaks the next link (prev-hash-mismatch)', () => {
    const records = chain(10);
    const edited = { ...records[4]!, outcome: 'denied' as const };
    records[4] = { ...edited, hash: hashRecord(edited) };
    expect(verifyChain(records)).toMatchObject({ ok: false, broken: { reason: 'prev-hash-mismatch', id: records[5]!.id } });
  });

  it('a deleted record is detected at the record after it (sequence-gap)', () => {
    const records = chain(10);
    const [removed] = records.splice(3, 1);
    expect(removed).toBeDefined();
    expect(verifyChain(records)).toMatchObject({ ok: false, count: 3, broken: { reason: 'sequence-gap', id: records[3]!.id, seq: 5 } });
  });

  it('a deleted tail is detected against the stored head (head-mismatch)', () => {
    const records = chain(10);
    const head = headOf(records);
    records.pop();
    expect(verifyChain(records, head)).toMatchObject({ ok: false, count: 9, broken: { reason: 'head-mismatch', id: null, seq: 10 } });
  });

  it('swapped records are detected', () => {
    const records = chain(5);
    [records[1], records[2]] = [records[2]!, records[1]!];
    expect(verifyChain(records).ok).toBe(false);
  });

  it('any change to any field of any record is detected (property)', () => {
    const records = chain(8);
    const fields = ['time', 'clientId', 'organizationId', 'purposeId', 'eservice', 'subject', 'operation', 'requestId', 'prevHash', 'hash', 'id'] as const;
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 7 }), fc.constantFrom(...fields), fc.string({ minLength: 1 }), (i, field, value) => {
        fc.pre(records[i]![field] !== value);
        const copy = records.map((r) => ({ ...r }));
        (copy[i] as unknown as Record<string, unknown>)[field] = value;
        const result = verifyChain(copy, headOf(records));
        expect(result.ok).toBe(false);
      }),
    );
  });
});

describe('heads recorded outside the database, and the head anchor', () => {
  it('a recorded head must still be in the chain: another record at its seq, or a chain that ends before it, is broken', () => {
    const records = chain(6);
    const verify = (heads: { seq: number; hash: string }[], upTo = records.length) => {
      const v = new ChainVerifier(undefined, heads);
      for (const r of records.slice(0, upTo)) if (v.push(r)) break;
      return v.finish();
    };
    expect(verify([{ seq: 4, hash: records[3]!.hash }])).toMatchObject({ ok: true, count: 6 });
    expect(verify([{ seq: 4, hash: records[2]!.hash }])).toMatchObject({ ok: false, broken: { reason: 'anchor-mismatch', seq: 4, id: records[3]!.id } });
    expect(verify([{ seq: 6, hash: records[5]!.hash }], 4)).toMatchObject({ ok: false, broken: { reason: 'anchor-mismatch', seq: 5, id: null } });
  });

  it('the anchor of a head holds only for that head and that key', () => {
    const head = headOf(chain(3));
    const anchor = anchorHead(head, 'k'.repeat(32));
    expect(anchorMatches(head, anchor, 'k'.repeat(32))).toBe(true);
    expect(anchorMatches(head, anchor, 'j'.repeat(32))).toBe(false);
    expect(anchorMatches({ ...head, seq: head.seq - 1 }, anchor, 'k'.repeat(32))).toBe(false);
    expect(anchorMatches(head, null, 'k'.repeat(32))).toBe(false);
    expect(anchorMatches(head, 'not-hex', 'k'.repeat(32))).toBe(false);
  });
});
