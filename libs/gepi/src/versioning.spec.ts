import * as F from './fixtures';
import { addToGepiSection, decideVersion, gepiRecordHash, gepiStoredVersion, versioniDocumento, type Pais, type StoredVersion } from './index';

type Upd<R> = Extract<R, { operazione: 'AGGIORNAMENTO' }>;

/** Record version `versione` of the fixture PaIS, carrying document version `numero`. */
function pais(versione: number, numero: number, obiettivoGenerale = `Obiettivo ${numero}`): Pais {
  const p = F.valid('pais') as Upd<Pais>;
  return { ...p, versione, aggiornatoIl: `2025-03-${String(10 + versione).padStart(2, '0')}T09:00:00+01:00`, dati: { ...p.dati, numeroVersione: numero, obiettivoGenerale } };
}

const history = (records: Pais[]): Array<StoredVersion<Pais>> => {
  let section = {};
  for (const r of records) section = addToGepiSection(section, r).section;
  return (section as Record<string, Array<StoredVersion<Pais>>>)[F.valid('pais').id];
};

describe('record versions (SIISL rules)', () => {
  it('hashes content, whatever the key order', () => {
    const a = F.valid('caso');
    const b = JSON.parse(JSON.stringify({ dati: a.operazione === 'AGGIORNAMENTO' ? a.dati : null, operazione: a.operazione, id: a.id, versione: a.versione, aggiornatoIl: a.aggiornatoIl }));
    expect(gepiRecordHash(b)).toBe(gepiRecordHash(a));
    expect(gepiRecordHash(pais(1, 1))).not.toBe(gepiRecordHash(pais(1, 1, 'altro')));
  });

  it('decides duplicate, conflict, current and stale as for SIISL', () => {
    const known = [gepiStoredVersion(pais(2, 1))];
    expect(decideVersion(known, gepiStoredVersion(pais(2, 1)))).toBe('duplicate');
    expect(decideVersion(known, gepiStoredVersion(pais(2, 1, 'altro')))).toBe('conflict');
    expect(decideVersion(known, gepiStoredVersion(pais(3, 2)))).toBe('current');
    expect(decideVersion(known, gepiStoredVersion(pais(1, 1)))).toBe('stale');
  });
});

describe('versioniDocumento', () => {
  it('keeps every document version addressable, the latest record of each number winning', () => {
    const v = versioniDocumento(history([pais(1, 1, 'prima bozza'), pais(2, 1, 'prima definitiva'), pais(3, 2)]));
    expect(v.versioni.map((x) => [x.numeroVersione, x.versioneRecord, x.record.dati.obiettivoGenerale])).toEqual([[1, 2, 'prima definitiva'], [2, 3, 'Obiettivo 2']]);
    expect(v.mancanti).toEqual([]);
    expect(v.corrente?.numeroVersione).toBe(2);
  });

  it('lists a gap as missing until it arrives, never filling it', () => {
    const gap = versioniDocumento(history([pais(1, 1), pais(3, 3), pais(4, 5)]));
    expect(gap.versioni.map((x) => x.numeroVersione)).toEqual([1, 3, 5]);
    expect(gap.mancanti).toEqual([2, 4]);
    expect(gap.corrente?.numeroVersione).toBe(5);
    const filled = versioniDocumento(history([pais(1, 1), pais(3, 3), pais(4, 5), pais(2, 2), pais(5, 4)]));
    expect(filled.mancanti).toEqual([]);
    expect(filled.versioni.map((x) => x.numeroVersione)).toEqual([1, 2, 3, 4, 5]);
  });

  it('a deletion as highest record version voids the document; a later update revives it', () => {
    const deleted = { ...(F.deletion('pais', 3) as Pais) };
    expect(versioniDocumento(history([pais(1, 1), pais(2, 2), deleted]))).toEqual({ eliminato: true, versioni: [], mancanti: [] });
    expect(versioniDocumento(history([pais(1, 1), deleted, pais(4, 3)])).versioni.map((x) => x.numeroVersione)).toEqual([1, 3]);
    expect(versioniDocumento(undefined)).toEqual({ eliminato: false, versioni: [], mancanti: [] });
  });
});
