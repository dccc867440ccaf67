// The state is stored as JSONB: what the fold builds in memory must be exactly what a round trip
// through JSON gives back, or a worker's state would differ between the chunk that built it and the
// next chunk that loads it.
import { contentHash, iterateCoHistories, workerCfs } from '@fsl/co';
import { toFact } from './fact';
import { applyBatch, applyCo, emptyState } from './state';

const histories = [...iterateCoHistories({ workers: 300, seed: 11 })];

describe('toFact', () => {
  it('holds no undefined member, non-finite number or anything else JSON would change', () => {
    for (const h of histories) {
      for (const co of h.cos) {
        for (const cf of workerCfs(co)) {
          const fact = toFact(co, cf);
          expect(JSON.parse(JSON.stringify(fact))).toStrictEqual(fact);
        }
      }
    }
  });
});

describe('applyCo with the content hash given', () => {
  it('builds the same state as when it computes the hash itself', () => {
    for (const h of histories.slice(0, 50)) {
      const given = h.cos.reduce((s, co) => applyCo(s, co, { contentHash: contentHash(co) }).state, emptyState(h.codiceFiscale));
      expect(given).toStrictEqual(applyBatch(emptyState(h.codiceFiscale), h.cos).state);
    }
  });
});
