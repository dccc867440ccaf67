import * as F from './fixtures';
import { addVersion, currentRecords, currentVersion, decideVersion, recordHash, resolveLink, versionRef, type VersionRef } from './index';

const v = (versione: number, contentHash = `h${versione}`, eliminato = false): VersionRef => ({ versione, contentHash, eliminato });

describe('decideVersion', () => {
  const known = [v(1), v(3)];
  it('new highest version → current; lower unknown version → stale', () => {
    expect(decideVersion([], v(1))).toBe('current');
    expect(decideVersion(known, v(4))).toBe('current');
    expect(decideVersion(known, v(2))).toBe('stale');
  });
  it('same version: same content → duplicate, other content → conflict', () => {
    expect(decideVersion(known, v(3))).toBe('duplicate');
    expect(decideVersion(known, v(1, 'other'))).toBe('conflict');
  });
});

describe('history', () => {
  it('keeps stale versions, ignores duplicates, and is sorted by version', () => {
    let h: readonly VersionRef[] = [];
    const decisions = [v(2), v(1), v(2), v(5)].map((x) => {
      const r = addVersion(h, x);
      h = r.history;
      return r.decision;
    });
    expect(decisions).toEqual(['current', 'stale', 'duplicate', 'current']);
    expect(h.map((x) => x.versione)).toEqual([1, 2, 5]);
  });
  it('on a conflict keeps the smaller content hash, whichever came first', () => {
    const ab = addVersion(addVersion([], v(1, 'a')).history, v(1, 'b'));
    const ba = addVersion(addVersion([], v(1, 'b')).history, v(1, 'a'));
    expect([ab.decision, ba.decision]).toEqual(['conflict', 'conflict']);
    expect(ab.history).toEqual([v(1, 'a')]);
    expect(ba.history).toEqual([v(1, 'a')]);
  });
  it('the highest version is current; a deletion voids while it is the highest', () => {
    expect(currentVersion([v(1), v(3), v(2)])?.versione).toBe(3);
    expect(currentVersion([v(1), v(2, 'd', true)])).toBeUndefined();
    expect(currentVersion([v(1), v(2, 'd', true), v(3)])?.versione).toBe(3);
    expect(currentVersion([])).toBeUndefined();
  });
});

describe('recordHash', () => {
  it('ignores key order and changes with any content', () => {
    const a = F.valid('puc');
    const reordered = JSON.parse(JSON.stringify(a, Object.keys(a).reverse().concat(Object.keys((a as { dati: object }).dati).reverse())));
    expect(recordHash(reordered)).toBe(recordHash(a));
    const b = F.valid('puc') as { dati: { oreSvolte: number } };
    b.dati.oreSvolte += 1;
    expect(recordHash(b as never)).not.toBe(recordHash(a));
    expect(recordHash(a)).toMatch(/^[0-9a-f]{64}$/);
  });
  it('versionRef marks deletions', () => {
    expect(versionRef(F.deletion('corso', 4))).toMatchObject({ versione: 4, eliminato: true });
    expect(versionRef(F.valid('corso'))).toMatchObject({ versione: 1, eliminato: false });
  });
});

describe('sections and links', () => {
  const section = { a: [v(1), v(2)], b: [v(1), v(2, 'd', true)], c: [v(3)] };
  it('currentRecords lists the current version of every record that is not void', () => {
    expect(currentRecords(section).map((x) => x.versione)).toEqual([2, 3]);
  });
  it('resolveLink tells a known record from one not received yet and from a deleted one', () => {
    expect(resolveLink(section.a, (x) => x.versione)).toEqual({ collegamento: 'COLLEGATO', vista: 2 });
    expect(resolveLink(undefined, (x: VersionRef) => x.versione)).toEqual({ collegamento: 'IN_ATTESA', vista: null });
    expect(resolveLink(section.b, (x) => x.versione)).toEqual({ collegamento: 'ELIMINATO', vista: null });
  });
});
