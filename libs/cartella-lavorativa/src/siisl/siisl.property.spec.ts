// The SIISL section: scenarios (CV versions, late-linked offers, stale, deletion) and the property that
// delivery order and redeliveries never change the states or the projection.
import fc from 'fast-check';
import { siislFixtures as F, type Curriculum, type OffertaLavoro, type PropostaLavoro } from '@fsl/siisl';
import { applyOfferta, applySiisl, curriculumAllaVersione, emptyCatalogoOfferte, emptySezioneSiisl, projectSiisl, type CatalogoOfferte, type SezioneSiisl } from './index';

type Upd<R> = Extract<R, { operazione: 'AGGIORNAMENTO' }>;
const at = (v: number) => `2025-03-${String(10 + v).padStart(2, '0')}T09:00:00+01:00`;
const CF = F.CITTADINO_CF;

function cv(id: string, versione: number, lingue: Upd<Curriculum>['dati']['lingue']): Curriculum {
  const c = F.valid('curriculum') as Upd<Curriculum>;
  return { ...c, id, versione, aggiornatoIl: at(versione), dati: { ...c.dati, lingue } };
}
function offerta(id: string, versione: number, stato: Upd<OffertaLavoro>['dati']['stato']): OffertaLavoro {
  const o = F.valid('offerta-lavoro') as Upd<OffertaLavoro>;
  return { ...o, id, versione, aggiornatoIl: at(versione), dati: { ...o.dati, stato } };
}
function proposta(id: string, versione: number, offertaId: string, dati: Partial<Upd<PropostaLavoro>['dati']> = {}): PropostaLavoro {
  const p = F.valid('proposta-lavoro') as Upd<PropostaLavoro>;
  return { ...p, id, versione, aggiornatoIl: at(versione), dati: { offertaId, stato: 'PROPOSTA', dataProposta: '2025-02-10', ...dati } };
}
function deleted<R extends Curriculum | PropostaLavoro | OffertaLavoro>(r: R, versione: number): R {
  const { dati: _d, ...identity } = r as R & { dati: unknown };
  return { ...identity, versione, aggiornatoIl: at(versione), operazione: 'ELIMINAZIONE' } as unknown as R;
}

type Item = { kind: 'offerta-lavoro'; r: OffertaLavoro } | { kind: 'curriculum'; r: Curriculum } | { kind: 'proposta-lavoro'; r: PropostaLavoro };

const IT = [{ lingua: 'it', livelloCefr: 'C2' as const }];
const EN = [...IT, { lingua: 'en', livelloCefr: 'B2' as const }];
const ITEMS: Item[] = [
  { kind: 'curriculum', r: cv('CV-1', 1, IT) },
  { kind: 'curriculum', r: cv('CV-1', 2, EN) },
  { kind: 'offerta-lavoro', r: offerta('O1', 1, 'PUBBLICATA') },
  { kind: 'offerta-lavoro', r: offerta('O1', 2, 'CHIUSA') },
  { kind: 'offerta-lavoro', r: offerta('O2', 1, 'PUBBLICATA') },
  { kind: 'offerta-lavoro', r: deleted(offerta('O2', 1, 'PUBBLICATA'), 2) },
  { kind: 'proposta-lavoro', r: proposta('P1', 1, 'O1') },
  { kind: 'proposta-lavoro', r: proposta('P1', 2, 'O1', { stato: 'ACCETTATA', dataEsito: '2025-02-12' }) },
  { kind: 'proposta-lavoro', r: proposta('P2', 1, 'O2', { dataProposta: '2025-02-01' }) },
  { kind: 'proposta-lavoro', r: proposta('P3', 1, 'O9', { dataProposta: '2025-02-20' }) },
  { kind: 'proposta-lavoro', r: proposta('P4', 1, 'O1') },
  { kind: 'proposta-lavoro', r: deleted(proposta('P4', 1, 'O1'), 2) },
];

function fold(seq: readonly Item[]): { s: SezioneSiisl; cat: CatalogoOfferte } {
  let s = emptySezioneSiisl(CF);
  let cat = emptyCatalogoOfferte();
  for (const it of seq) {
    if (it.kind === 'offerta-lavoro') cat = applyOfferta(cat, it.r).state;
    else if (it.kind === 'curriculum') s = applySiisl(s, 'curriculum', it.r).state;
    else s = applySiisl(s, 'proposta-lavoro', it.r).state;
  }
  return { s, cat };
}

describe('cartella lavorativa, SIISL section', () => {
  const inOrder = fold(ITEMS);
  const expected = projectSiisl(inOrder.s, inOrder.cat);

  it('serves the current CV and keeps the earlier versions readable', () => {
    expect(expected.curriculum).toMatchObject({ id: 'CV-1', versione: 2, lingue: EN });
    expect(expected.versioniCurriculum.map((v) => v.versione)).toEqual([1, 2]);
    expect(curriculumAllaVersione(inOrder.s, 'CV-1', 1)).toMatchObject({ versione: 1, lingue: IT });
  });

  it('links each proposal to its offer, waiting for one not received yet, marking a deleted one', () => {
    expect(expected.proposte.map((p) => [p.id, p.versione, p.stato, p.collegamento, p.offerta?.stato ?? null])).toEqual([
      ['P2', 1, 'PROPOSTA', 'ELIMINATO', null],
      ['P1', 2, 'ACCETTATA', 'COLLEGATO', 'CHIUSA'],
      ['P3', 1, 'PROPOSTA', 'IN_ATTESA', null],
    ]);
  });

  it('reports an older version arriving late as stale without changing the current one', () => {
    const late = applySiisl(fold(ITEMS.filter((i) => !(i.kind === 'curriculum' && i.r.versione === 1))).s, 'curriculum', cv('CV-1', 1, IT));
    expect(late.decision).toBe('stale');
    expect(projectSiisl(late.state, inOrder.cat).curriculum).toMatchObject({ versione: 2 });
  });

  it('does not depend on delivery order or redeliveries', () => {
    const idx = ITEMS.map((_, i) => i);
    fc.assert(
      fc.property(
        fc.shuffledSubarray(idx, { minLength: idx.length, maxLength: idx.length }),
        fc.array(fc.tuple(fc.nat({ max: idx.length - 1 }), fc.nat({ max: idx.length })), { maxLength: 6 }),
        (order, dups) => {
          const got = fold(F.delivery(ITEMS, order, dups));
          expect(got).toEqual(inOrder);
          expect(projectSiisl(got.s, got.cat)).toEqual(expected);
        },
      ),
      { numRuns: 300 },
    );
  });
});
