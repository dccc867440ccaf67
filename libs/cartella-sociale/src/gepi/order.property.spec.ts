// Scenarios of the GePI case projection, and the property that delivery order and redeliveries never
// change it: document versions in and out of order, repeated, with a gap; household changes; a move to
// another ente; a deletion.
import fc from 'fast-check';
import { checkGepi, gepiFixtures as F, type Entita, type RecordOf } from '@fsl/gepi';
import { siislFixtures } from '@fsl/siisl';
import { applyGepi, chiaviCaso, collegamentiCittadino, collegamentoCittadino, documentoCorrente, emptyCaso, projectCaso, versioneDocumento, type CasoGepi } from '../index';

type Upd<E extends Entita> = Extract<RecordOf[E], { operazione: 'AGGIORNAMENTO' }>;
type Item = { [E in Entita]: { entita: E; r: RecordOf[E] } }[Entita];

const stamp = (day: string) => `${day}T10:00:00+01:00`;

/** Version `versione` of the fixture of `entita`, updated at `day`, with `dati` changed by `change`. */
function v<E extends Entita>(entita: E, versione: number, day: string, change: (d: Upd<E>['dati']) => Record<string, unknown> = () => ({})): Item {
  const base = F.valid(entita) as Upd<E>;
  return { entita, r: { ...base, versione, aggiornatoIl: stamp(day), dati: { ...base.dati, ...change(base.dati) } } } as Item;
}

const del = <E extends Entita>(entita: E, versione: number, day: string): Item => ({ entita, r: { ...F.deletion(entita, versione), aggiornatoIl: stamp(day) } }) as Item;

const ID = { pais: F.valid('pais').id, ap: F.valid('analisi-preliminare').id };

const ITEMS: Item[] = [
  // The case: assigned at the comune, patto signed, then moved to an ambito (the fixture).
  v('caso', 1, '2024-02-12', () => ({ stato: 'ASSEGNATO', enti: [{ tipo: 'COMUNE', codice: 'F205', dal: '2024-02-05' }] })),
  v('caso', 2, '2024-04-05', () => ({ enti: [{ tipo: 'COMUNE', codice: 'F205', dal: '2024-02-05' }] })),
  v('caso', 3, '2024-09-01'),
  // The household: three members, a birth, then the partner leaves (the fixture).
  v('nucleo-caso', 1, '2024-02-05', (d) => ({ componenti: d.componenti.slice(0, 3).map((c) => ({ ...c, al: undefined, motivoUscita: undefined })) })),
  v('nucleo-caso', 2, '2024-06-12', (d) => ({ componenti: [...d.componenti.slice(0, 3).map((c) => ({ ...c, al: undefined, motivoUscita: undefined })), d.componenti[3]] })),
  v('nucleo-caso', 3, '2024-10-16'),
  // Analisi preliminare: draft, definitive, revised.
  v('analisi-preliminare', 1, '2024-02-28', () => ({ statoDocumento: 'BOZZA', esito: undefined, dataRedazione: '2024-02-28' })),
  v('analisi-preliminare', 2, '2024-03-01'),
  v('analisi-preliminare', 3, '2024-10-20', () => ({ numeroVersione: 2, dataRedazione: '2024-10-20', risorse: ['Rete familiare disponibile', 'Nuova abitazione'] })),
  // PaIS: draft and signed version 1, version 2, then version 4 (3 never sent: a gap).
  v('pais', 1, '2024-04-02', () => ({ numeroVersione: 1, statoDocumento: 'BOZZA', stato: 'BOZZA', dataSottoscrizione: undefined })),
  v('pais', 2, '2024-04-05', () => ({ numeroVersione: 1 })),
  v('pais', 3, '2024-06-20', () => ({ dataRedazione: '2024-06-20' })),
  v('pais', 4, '2024-10-20', (d) => ({ numeroVersione: 4, dataRedazione: '2024-10-20', impegni: [...d.impegni, { id: 'I3', codiceFiscale: F.NEONATA_CF, tipo: 'CONTROLLI_SANITARI', dal: '2024-10-21' }] })),
  v('quadro-analisi', 1, '2024-03-20'),
  // The équipe, later deleted.
  v('equipe-multidisciplinare', 1, '2024-03-10'),
  del('equipe-multidisciplinare', 2, '2024-12-01'),
  v('partecipazione-puc', 1, '2024-06-01', (d) => ({ presenze: d.presenze.slice(0, 1) })),
  v('partecipazione-puc', 2, '2024-07-01'),
  v('pad-nucleo', 1, '2024-02-05'),
];

const fold = (seq: readonly Item[]): CasoGepi => seq.reduce((s, it) => applyGepi(s, it.entita, it.r as never).state, emptyCaso(F.CASO_ID));

describe('GePI case projection', () => {
  it('uses valid records only', () => {
    for (const it of ITEMS) expect([it.entita, it.r.versione, checkGepi(it.entita, it.r).ok]).toEqual([it.entita, it.r.versione, true]);
  });

  const vista = projectCaso(fold(ITEMS));

  it('shows the current case with its ente history: from the move on it belongs to the new ente', () => {
    expect(vista.caso).toMatchObject({ versione: 3, domandaId: F.DOMANDA_ID, stato: 'PATTO_SOTTOSCRITTO', enteCorrente: { tipo: 'ATS', codice: 'LOM_23', dal: '2024-09-01' } });
    expect(vista.caso?.enti).toEqual([{ tipo: 'COMUNE', codice: 'F205', dal: '2024-02-05', al: '2024-08-31' }, { tipo: 'ATS', codice: 'LOM_23', dal: '2024-09-01' }]);
    expect(JSON.stringify(vista.caso)).not.toContain(F.OPERATORE_CF);
    // Each document version names the ente in charge when it was drawn up.
    expect(vista.pais[0].versioni.map((x) => [x.numeroVersione, x.ente?.codice])).toEqual([[1, 'F205'], [2, 'F205'], [4, 'LOM_23']]);
  });

  it('keeps every document version addressable and lists the missing ones', () => {
    expect(vista.pais.map((d) => [d.id, d.versioni.map((x) => [x.numeroVersione, x.versioneRecord]), d.versioniMancanti, d.versioneCorrente])).toEqual([[ID.pais, [[1, 2], [2, 3], [4, 4]], [3], 4]]);
    expect(vista.analisiPreliminari.map((d) => [d.versioni.map((x) => [x.numeroVersione, x.dati.statoDocumento]), d.versioniMancanti])).toEqual([[[[1, 'DEFINITIVO'], [2, 'DEFINITIVO']], []]]);
    expect(versioneDocumento(vista, 'pais', ID.pais, 1)?.dati).toMatchObject({ stato: 'SOTTOSCRITTO', dataSottoscrizione: '2024-04-05' });
    expect(versioneDocumento(vista, 'analisi-preliminare', ID.ap, 2)?.dati.risorse).toEqual(['Rete familiare disponibile', 'Nuova abitazione']);
    expect(versioneDocumento(vista, 'pais', ID.pais, 3)).toBeUndefined();
    expect(vista.documentiConVersioniMancanti).toEqual([{ entita: 'pais', id: ID.pais, versioniMancanti: [3] }]);
  });

  it('the document in force: of those not deleted, the one drawn up last', () => {
    expect(documentoCorrente(vista, 'pais')).toMatchObject({ id: ID.pais, versione: { numeroVersione: 4 } });
    // GePI deletes the PaIS and draws up another (a new id, its own version 1); an older second one stays behind it.
    const nuovo = (id: string, day: string) => ({ ...v('pais', 1, day, () => ({ numeroVersione: 1, dataRedazione: day })).r, id }) as RecordOf['pais'];
    const withNew = [del('pais', 5, '2024-11-01'), { entita: 'pais', r: nuovo('GEPI-PAIS-0002', '2024-11-05') }, { entita: 'pais', r: nuovo('GEPI-PAIS-0003', '2024-11-04') }] as Item[];
    const after = projectCaso(fold([...ITEMS, ...withNew]));
    expect(documentoCorrente(after, 'pais')).toMatchObject({ id: 'GEPI-PAIS-0002', versione: { numeroVersione: 1, dati: { dataRedazione: '2024-11-05' } } });
    expect(documentoCorrente(after, 'quadro-analisi')?.id).toBe(F.valid('quadro-analisi').id);
    expect(documentoCorrente(projectCaso(emptyCaso('GEPI-CASO-X')), 'pais')).toBeUndefined();
  });

  it('the missing version, once it arrives, fills the gap', () => {
    const late = v('pais', 5, '2024-08-01', () => ({ numeroVersione: 3, dataRedazione: '2024-08-01' }));
    const filled = projectCaso(applyGepi(fold(ITEMS), 'pais', late.r as RecordOf['pais']).state);
    expect(filled.pais[0].versioni.map((x) => x.numeroVersione)).toEqual([1, 2, 3, 4]);
    expect(filled.pais[0].versioniMancanti).toEqual([]);
    expect(filled.pais[0].versioneCorrente).toBe(4);
  });

  it('lists members with their periods: a birth joins, a member who left keeps the period they belonged', () => {
    expect(vista.membri.map((m) => [m.codiceFiscale, m.periodi, m.attuale]).sort()).toEqual(
      [
        [F.RICHIEDENTE_CF, [{ dal: '2024-02-05' }], true],
        [F.FIGLIO_CF, [{ dal: '2024-02-05' }], true],
        [F.CONIUGE_CF, [{ dal: '2024-02-05', al: '2024-10-15' }], false],
        [F.NEONATA_CF, [{ dal: '2024-06-10' }], true],
      ].sort(),
    );
    expect(vista.equipe).toEqual([]);
    expect(vista.partecipazioniPuc.map((p) => [p.id, p.versione, p.presenze.length])).toEqual([[F.valid('partecipazione-puc').id, 2, 2]]);
  });

  it('links each member to the case with their own sostegni and impegni, from the current PaIS', () => {
    const link = (cf: string) => collegamentoCittadino(vista, cf);
    const short = (cf: string) => {
      const l = link(cf)!;
      return { attuale: l.attuale, sostegni: l.sostegni.map((s) => [s.id, s.perNucleo]), impegni: l.impegni.map((m) => m.id), puc: l.partecipazioniPuc.length, pais: l.pais };
    };
    const pais = { id: ID.pais, numeroVersione: 4, stato: 'SOTTOSCRITTO' };
    expect(short(F.RICHIEDENTE_CF)).toEqual({ attuale: true, sostegni: [['S1', false], ['S3', true]], impegni: ['I1'], puc: 1, pais });
    expect(short(F.FIGLIO_CF)).toEqual({ attuale: true, sostegni: [['S2', false], ['S3', true]], impegni: ['I2'], puc: 0, pais });
    expect(short(F.NEONATA_CF)).toEqual({ attuale: true, sostegni: [['S3', true]], impegni: ['I3'], puc: 0, pais });
    expect(short(F.CONIUGE_CF)).toEqual({ attuale: false, sostegni: [['S3', true]], impegni: [], puc: 0, pais });
    expect(link(F.CONIUGE_CF)).toMatchObject({ casoId: F.CASO_ID, periodi: [{ dal: '2024-02-05', al: '2024-10-15' }], enteCorrente: { codice: 'LOM_23' } });
    expect(link(F.OPERATORE_CF)).toBeUndefined();
  });

  it('gives the lookup keys: the application, every ente with its period, every member period', () => {
    expect(chiaviCaso(vista)).toEqual({
      casoId: F.CASO_ID,
      domandaId: F.DOMANDA_ID,
      enti: [{ tipo: 'COMUNE', codice: 'F205', dal: '2024-02-05', al: '2024-08-31' }, { tipo: 'ATS', codice: 'LOM_23', dal: '2024-09-01' }],
      cittadini: expect.arrayContaining([{ codiceFiscale: F.CONIUGE_CF, dal: '2024-02-05', al: '2024-10-15' }, { codiceFiscale: F.NEONATA_CF, dal: '2024-06-10' }]),
    });
    expect(chiaviCaso(vista).cittadini).toHaveLength(4);
  });

  it('collects a citizen\'s links across cases, whatever the household\'s composition', () => {
    const other = projectCaso(applyGepi(emptyCaso('GEPI-CASO-0002'), 'nucleo-caso', { ...F.valid('nucleo-caso'), id: 'GEPI-NUC-0002', casoId: 'GEPI-CASO-0002' }).state);
    expect(collegamentiCittadino([other, vista], F.CONIUGE_CF).map((l) => [l.casoId, l.attuale])).toEqual([[F.CASO_ID, false], ['GEPI-CASO-0002', false]]);
    expect(collegamentiCittadino([other, vista], F.OPERATORE_CF)).toEqual([]);
  });

  it('a deleted case keeps its other records; a record of another case is refused', () => {
    const s = applyGepi(fold(ITEMS), 'caso', del('caso', 4, '2025-03-11').r as RecordOf['caso']).state;
    expect(projectCaso(s)).toMatchObject({ caso: null, pais: [{ versioneCorrente: 4 }] });
    expect(() => applyGepi(emptyCaso('ALTRO'), 'pais', F.valid('pais'))).toThrow(RangeError);
  });

  it('does not depend on delivery order or redeliveries', () => {
    const idx = ITEMS.map((_, i) => i);
    const inOrder = fold(ITEMS);
    // Every item once in any order, plus up to 8 copies of any item slipped in anywhere.
    const everyOrder = fc.shuffledSubarray(idx, { minLength: idx.length, maxLength: idx.length });
    const copies = fc.array(fc.tuple(fc.nat({ max: idx.length - 1 }), fc.nat({ max: idx.length })), { maxLength: 8 });
    const deliveries = fc.tuple(everyOrder, copies).map(([order, dups]) => siislFixtures.delivery(ITEMS, order, dups));
    fc.assert(fc.property(deliveries, (seq) => {
      const got = fold(seq);
      expect(got).toEqual(inOrder);
      expect(projectCaso(got)).toEqual(vista);
    }), { numRuns: 300 });
  });
});
