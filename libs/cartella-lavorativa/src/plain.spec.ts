// plainJson stands in for JSON.parse(JSON.stringify(v)) on the data facts and projections hold: it must
// give exactly what that round trip gives, or the api would serve (and the builder store) something else.
import fc from 'fast-check';
import { iterateCoHistories } from '@fsl/co';
import { plainJson } from './plain';
import { project } from './project';
import { applyBatch, emptyState } from './state';

const viaJson = (v: unknown) => JSON.parse(JSON.stringify(v)) as unknown;

describe('plainJson', () => {
  it('equals the JSON round trip on generated plain values (undefined members and items, non-finite numbers, nesting)', () => {
    const leaf = fc.oneof(fc.string(), fc.double(), fc.integer(), fc.boolean(), fc.constant(null), fc.constant(undefined), fc.constant(-0));
    // Keys as facts and projections have them: never "__proto__", which an assignment would not copy.
    const key = fc.string().filter((k) => k !== '__proto__');
    const value = fc.letrec((tie) => ({
      node: fc.oneof({ depthSize: 'small' }, leaf, fc.array(tie('node')), fc.dictionary(key, tie('node'))),
    })).node;
    fc.assert(
      fc.property(fc.dictionary(key, value), (v) => {
        expect(plainJson(v)).toStrictEqual(viaJson(v));
      }),
      { numRuns: 500 },
    );
  });

  it('equals the JSON round trip on projections of generated histories, and copies rather than shares', () => {
    for (const h of iterateCoHistories({ workers: 120, seed: 23 })) {
      const state = applyBatch(emptyState(h.codiceFiscale), h.cos).state;
      const cartella = project(state, '2026-06-30');
      expect(cartella).toStrictEqual(viaJson(cartella));
    }
    const source = { a: { b: [1, { c: 2 }] } };
    const copy = plainJson(source);
    expect(copy.a).not.toBe(source.a);
    expect(copy.a.b[1]).not.toBe(source.a.b[1]);
  });
});
