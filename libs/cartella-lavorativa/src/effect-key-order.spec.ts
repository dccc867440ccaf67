// The dossier's version counts the COs that changed the effect fingerprint (review.ts). A state comes back
// from its jsonb column with every object's members reordered (Postgres keeps jsonb keys shorter first,
// then bytewise), while a state folded in memory keeps the order its facts were built in: the fingerprint
// must not tell the two apart, or whether a CO raises the version would depend on whether its worker's
// state was loaded from the database or built in the same chunk (a live chunk of 1,000 and a rebuild
// window of 10,000 would then give different versions).
import fc from 'fast-check';
import { iterateCoHistories, type Co, type PermessoSoggiorno } from '@fsl/co';
import { applyCo, emptyState, reviewState, type WorkerState } from './index';

/** A JSON value with its objects' members in the order Postgres gives them back from a jsonb column. */
function jsonbOrder(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(jsonbOrder);
  if (v === null || typeof v !== 'object') return v;
  const keys = Object.keys(v).sort((a, b) => a.length - b.length || (a < b ? -1 : a > b ? 1 : 0));
  return Object.fromEntries(keys.map((k) => [k, jsonbOrder((v as Record<string, unknown>)[k])]));
}

/** Gives some COs a residence permit (the generator states none), written in the order a source might use. */
function withPermesso(co: Co, n: number): Co {
  if (n % 3 === 0) return co;
  const permesso: PermessoSoggiorno = { tipoDocumento: String(1 + (n % 7)), numeroDocumento: `X${n}`, motivo: 'CSST1', scadenza: '2030-05-15', questura: '058' };
  const c = structuredClone(co);
  if (c.modello === 'VARDATORI') c.lavoratori = c.lavoratori.map((l) => ({ ...l, permessoSoggiorno: permesso }));
  else c.lavoratore = { ...c.lavoratore, permessoSoggiorno: permesso };
  return c;
}

describe('the effect fingerprint', () => {
  it('is the same for a state folded in memory and for the same state read back from jsonb', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 31 - 1 }), (seed) => {
        const h = iterateCoHistories({ workers: 1, seed }).next().value;
        if (!h) throw new Error('the generator always gives a history');
        let state: WorkerState = emptyState(h.codiceFiscale);
        h.cos.forEach((co: Co, i: number) => {
          state = applyCo(state, withPermesso(co, seed + i), { receivedAt: '2025-01-01T00:00:00Z' }).state;
          const stored = jsonbOrder(JSON.parse(JSON.stringify(state))) as WorkerState;
          expect(reviewState(stored).effect).toBe(reviewState(state).effect);
        });
      }),
      { numRuns: 60 },
    );
  });

  it('still changes when the permit does', () => {
    const h = iterateCoHistories({ workers: 1, seed: 7 }).next().value as { codiceFiscale: string; cos: Co[] };
    const first = applyCo(emptyState(h.codiceFiscale), withPermesso(h.cos[0], 1), { receivedAt: '2025-01-01T00:00:00Z' }).state;
    const other = applyCo(emptyState(h.codiceFiscale), withPermesso(h.cos[0], 2), { receivedAt: '2025-01-01T00:00:00Z' }).state;
    expect(reviewState(first).effect).not.toBe(reviewState(other).effect);
  });
});
