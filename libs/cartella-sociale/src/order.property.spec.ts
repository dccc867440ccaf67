// Scenarios of the SIISL part of the cartella sociale, and the property that delivery order and
// redeliveries never change it (measures reach every household member; deletions void; stale versions
// join the history without changing the current one).
import fc from 'fast-check';
import { siislFixtures as F, type MisuraInclusione, type Puc } from '@fsl/siisl';
import { applySociale, emptyCittadino, project, type CittadinoSociale } from './index';

type Upd<R> = Extract<R, { operazione: 'AGGIORNAMENTO' }>;
const at = (v: number) => `2025-03-${String(10 + v).padStart(2, '0')}T09:00:00+01:00`;

function misura(id: string, versione: number, change: Partial<Upd<MisuraInclusione>['dati']> = {}): MisuraInclusione {
  const m = F.valid('misura-inclusione') as Upd<MisuraInclusione>;
  return { ...m, id, versione, aggiornatoIl: at(versione), dati: { ...m.dati, ...change } };
}
function puc(id: string, versione: number, oreSvolte: number): Puc {
  const p = F.valid('puc') as Upd<Puc>;
  return { ...p, id, versione, aggiornatoIl: at(versione), dati: { ...p.dati, oreSvolte } };
}
const deleted = (id: string, versione: number): MisuraInclusione => ({ ...(F.deletion('misura-inclusione', versione) as MisuraInclusione), id, aggiornatoIl: at(versione) });

type Item = { kind: 'misura-inclusione'; r: MisuraInclusione } | { kind: 'puc'; r: Puc };

const ITEMS: Item[] = [
  { kind: 'misura-inclusione', r: misura('ADI-1', 1) },
  { kind: 'misura-inclusione', r: misura('ADI-1', 2, { stato: 'SOSPESA' }) },
  { kind: 'misura-inclusione', r: misura('ADI-1', 3, { stato: 'ACCOLTA', importiMensili: [{ mese: '2024-02', importoCentesimi: 50000 }, { mese: '2024-04', importoCentesimi: 45000, importoAffittoCentesimi: 10000 }] }) },
  { kind: 'misura-inclusione', r: misura('ADI-2', 1, { dataDecorrenza: '2023-01-01', dataSottoscrizionePad: '2022-12-15' }) },
  { kind: 'misura-inclusione', r: deleted('ADI-2', 2) },
  { kind: 'puc', r: puc('P1', 1, 40) },
  { kind: 'puc', r: puc('P1', 2, 80) },
  { kind: 'puc', r: puc('P2', 1, 8) },
];

function fold(cf: string, seq: readonly Item[]): CittadinoSociale {
  let s = emptyCittadino(cf);
  for (const it of seq) s = it.kind === 'puc' ? applySociale(s, 'puc', it.r).state : applySociale(s, 'misura-inclusione', it.r).state;
  return s;
}

describe('cartella sociale (SIISL part)', () => {
  const expected = project(fold(F.CITTADINO_CF, ITEMS));

  it('projects the current version of each measure and PUC, from this citizen\'s side', () => {
    expect(expected.misure).toEqual([
      expect.objectContaining({ id: 'ADI-1', versione: 3, stato: 'ACCOLTA', ruolo: 'RICHIEDENTE', percorso: 'CENTRO_IMPIEGO', componentiNucleo: 2, totaleCentesimi: 105000 }),
    ]);
    expect(expected.puc.map((p) => [p.id, p.versione, p.oreSvolte])).toEqual([['P1', 2, 80], ['P2', 1, 8]]);
    const member = project(applySociale(emptyCittadino(F.FAMILIARE_CF), 'misura-inclusione', misura('ADI-1', 1)).state);
    expect(member.misure[0]).toMatchObject({ ruolo: 'COMPONENTE', percorso: 'SERVIZI_SOCIALI' });
  });

  it('a deletion reaches every member it lists; a record of other people is refused', () => {
    let s = applySociale(emptyCittadino(F.FAMILIARE_CF), 'misura-inclusione', misura('ADI-2', 1)).state;
    s = applySociale(s, 'misura-inclusione', deleted('ADI-2', 2)).state;
    expect(project(s).misure).toEqual([]);
    expect(() => applySociale(emptyCittadino(F.FAMILIARE_CF), 'puc', puc('P1', 1, 1))).toThrow(RangeError);
  });

  it('does not depend on delivery order or redeliveries', () => {
    const idx = ITEMS.map((_, i) => i);
    const inOrder = fold(F.CITTADINO_CF, ITEMS);
    fc.assert(
      fc.property(
        fc.shuffledSubarray(idx, { minLength: idx.length, maxLength: idx.length }),
        fc.array(fc.tuple(fc.nat({ max: idx.length - 1 }), fc.nat({ max: idx.length })), { maxLength: 6 }),
        (order, dups) => {
          const got = fold(F.CITTADINO_CF, F.delivery(ITEMS, order, dups));
          expect(got).toEqual(inOrder);
          expect(project(got)).toEqual(expected);
        },
      ),
      { numRuns: 300 },
    );
  });
});
