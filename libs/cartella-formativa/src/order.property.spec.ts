// Property: the cartella formativa depends on which versions arrived, never on the order they arrived in
// or on redeliveries — for the catalogue and the citizen's records alike, including late-linked courses,
// stale versions, deletions, revivals and even a conflicting version.
import fc from 'fast-check';
import { siislFixtures as F, type Corso, type Iscrizione, type ManifestazioneInteresse } from '@fsl/siisl';
import { applyCittadino, applyCorso, emptyCatalogo, emptyCittadino, project, type Catalogo, type CittadinoFormazione } from './index';
import { CF, corso, eliminazione, interesse, iscrizione } from './testing/records';

type Item = { kind: 'corso'; r: Corso } | { kind: 'iscrizione'; r: Iscrizione } | { kind: 'manifestazione-interesse'; r: ManifestazioneInteresse };

const ev = (tipo: 'ISCRITTO' | 'AVVIATO' | 'CONCLUSO' | 'RITIRATO' | 'CERTIFICATO', data: string) => ({ tipo, data });

function items(): Item[] {
  const i1v1 = iscrizione('I1', 1, 'C1', [ev('ISCRITTO', '2025-01-10')]);
  const m2 = interesse('M2', 1, 'C3', '2025-01-03');
  return [
    { kind: 'corso', r: corso('C1', 1) },
    { kind: 'corso', r: corso('C1', 2, { posti: 30 }) },
    { kind: 'corso', r: corso('C2', 1, { codiceCorsoEnte: 'B' }) },
    { kind: 'corso', r: eliminazione(corso('C2', 1), 2) },
    { kind: 'corso', r: corso('C3', 1, { titolo: 'Primo' }) },
    { kind: 'corso', r: eliminazione(corso('C3', 1), 2) },
    { kind: 'corso', r: corso('C3', 3, { titolo: 'Ripreso' }) },
    { kind: 'iscrizione', r: i1v1 },
    { kind: 'iscrizione', r: iscrizione('I1', 2, 'C1', [ev('ISCRITTO', '2025-01-10'), ev('AVVIATO', '2025-02-01')]) },
    { kind: 'iscrizione', r: iscrizione('I1', 4, 'C1', [ev('ISCRITTO', '2025-01-10'), ev('AVVIATO', '2025-02-01'), ev('CONCLUSO', '2025-03-01')]) },
    { kind: 'iscrizione', r: iscrizione('I2', 1, 'C2', [ev('ISCRITTO', '2025-01-10')]) },
    { kind: 'iscrizione', r: iscrizione('I3', 1, 'C9', [ev('ISCRITTO', '2025-01-05')]) },
    { kind: 'iscrizione', r: iscrizione('I3', 1, 'C8', [ev('ISCRITTO', '2025-01-05')]) },
    { kind: 'iscrizione', r: eliminazione(iscrizione('I4', 1, 'C1', [ev('ISCRITTO', '2025-01-10')]), 2) },
    { kind: 'iscrizione', r: iscrizione('I4', 1, 'C1', [ev('ISCRITTO', '2025-01-10')]) },
    { kind: 'manifestazione-interesse', r: interesse('M1', 1, 'C1', '2025-01-02') },
    { kind: 'manifestazione-interesse', r: m2 },
    { kind: 'manifestazione-interesse', r: eliminazione(m2, 3) },
    { kind: 'manifestazione-interesse', r: interesse('M3', 1, 'C3', '2025-01-04') },
  ];
}

function fold(seq: readonly Item[]): { cat: Catalogo; s: CittadinoFormazione } {
  let cat = emptyCatalogo();
  let s = emptyCittadino(CF);
  for (const it of seq) {
    if (it.kind === 'corso') cat = applyCorso(cat, it.r).state;
    else if (it.kind === 'iscrizione') s = applyCittadino(s, 'iscrizione', it.r).state;
    else s = applyCittadino(s, 'manifestazione-interesse', it.r).state;
  }
  return { cat, s };
}

const all = items();
const idx = all.map((_, i) => i);
const delivery = fc.record({
  order: fc.shuffledSubarray(idx, { minLength: idx.length, maxLength: idx.length }),
  dups: fc.array(fc.tuple(fc.nat({ max: idx.length - 1 }), fc.nat({ max: idx.length })), { maxLength: 8 }),
});

describe('delivery order does not matter', () => {
  const inOrder = fold(all);
  const expected = project(inOrder.s, inOrder.cat);

  it('for any permutation with redeliveries, the projection and the stored states are the same', () => {
    fc.assert(
      fc.property(delivery, ({ order, dups }) => {
        const got = fold(F.delivery(all, order, dups));
        expect(project(got.s, got.cat)).toEqual(expected);
        expect(got.s).toEqual(inOrder.s);
        expect(got.cat).toEqual(inOrder.cat);
      }),
      { numRuns: 400 },
    );
  });

  it('and the in-order result is the one the rules give', () => {
    expect(expected.iscrizioni.map((i) => [i.id, i.versione, i.collegamento, i.stato])).toEqual([
      ['I3', 1, 'IN_ATTESA', 'ISCRITTO'],
      ['I1', 4, 'COLLEGATO', 'CONCLUSO'],
      ['I2', 1, 'ELIMINATO', 'ISCRITTO'],
    ]);
    expect(expected.iscrizioni[1].corso).toMatchObject({ id: 'C1', versione: 2 });
    expect(expected.manifestazioniInteresse.map((m) => [m.id, m.collegamento, m.corso?.titolo ?? null])).toEqual([
      ['M1', 'COLLEGATO', 'Addetto alla cucina'],
      ['M3', 'COLLEGATO', 'Ripreso'],
    ]);
  });
});
