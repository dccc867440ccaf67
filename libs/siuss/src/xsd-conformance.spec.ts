// The official XSDs in a real validator (libxml2 through xmllint-wasm) against our decoder: every flow the
// generator means as valid passes both, every defect is refused by us and by the XSD exactly when DIFETTI
// says so, and on thousands of random mutations of valid flows whatever decodeFlusso accepts the XSD accepts
// too — while what the XSD accepts and we refuse is refused only for our documented rules beyond it.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Rng } from '@fsl/co';
import { decodeFlusso } from './decode';
import { b64 } from './fixtures';
import { DIFETTI, generateFlussi, type FlussoGenerato } from './generator';
import { validateWithXsd, XSD_DIR } from '../testing/xsd';

/** SHA-256 of the official files (INPS-it/WaaS.Comuni at 58fa5c7): the repository's copies must be these bytes. */
const OFFICIAL = {
  'PS_PSA_SINA201812.xsd': '910171fc6416e8412af62a8fe142d8db5b10093d97c74a669fb2512bde8dcb43',
  'SINBA.xsd': '341fe386b24ff8279478a64c4bf2d404c5af777fef22e451c48d7e67351adc03',
  'LICENSE-MIT': '5b9bbfd5d863badd7c766ceef83bcbca6b4c0fd76dc56fb5642a022f70afd76d',
} as const;
const sha256 = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');
const REPO = resolve(__dirname, '..', '..', '..');
/** The shared reference folder next to the repository (CI's layout) or the workplace's. */
const REFERENCE_DIRS = [join(REPO, '..', 'shared', 'reference', 'siuss-waas'), '/work/shared/reference/siuss-waas'];

describe('the XSD files in the repository', () => {
  it('are the official ones, byte for byte (and equal the shared reference copy wherever it is present)', () => {
    for (const [name, hash] of Object.entries(OFFICIAL)) expect([name, sha256(join(XSD_DIR, name))]).toEqual([name, hash]);
    for (const dir of REFERENCE_DIRS.filter((d) => existsSync(join(d, 'SINBA.xsd')))) {
      for (const name of Object.keys(OFFICIAL)) expect([dir, name, sha256(join(dir, name))]).toEqual([dir, name, sha256(join(XSD_DIR, name))]);
    }
  });
});

const xmlOf = (f: FlussoGenerato) => f.xml;

describe('generated flows against the official XSDs', () => {
  const flows = [
    ...generateFlussi({ seed: 101, codiceEnte: 'H501', count: 300, burst: 30 }),
    ...generateFlussi({ seed: 202, codiceEnte: 'F205', count: 200, invalidShare: 0.4, sinbaShare: 0.3 }),
    ...generateFlussi({ seed: 303, codiceEnte: 'L219', count: 100, tsFormat: 'millis', sinbaShare: 0.5 }),
  ];

  it.each(['PS_PSA_SINA', 'SINBA'] as const)('%s: valid ones pass the XSD and decodeFlusso; each defect is refused by us, and by the XSD when DIFETTI says so', async (tipo) => {
    const mine = flows.filter((f) => f.entry.tipo === tipo && f.difetto !== 'BASE64_ERRATO');
    const verdicts = await validateWithXsd(tipo, mine.map(xmlOf));
    const defects = new Set<string>();
    mine.forEach((f, i) => {
      const decoded = decodeFlusso(f.entry);
      if (!f.difetto) {
        expect([f.entry.id_flusso, verdicts[i]]).toEqual([f.entry.id_flusso, { valid: true, errors: [] }]);
        expect([f.entry.id_flusso, decoded.ok]).toEqual([f.entry.id_flusso, true]);
      } else {
        defects.add(f.difetto);
        expect([f.difetto, decoded.ok]).toEqual([f.difetto, false]);
        expect([f.difetto, !verdicts[i].valid]).toEqual([f.difetto, DIFETTI[f.difetto].schemaRefuses]);
      }
    });
    expect(mine.filter((f) => !f.difetto).length).toBeGreaterThan(tipo === 'SINBA' ? 50 : 300);
    expect([...defects].sort()).toEqual(Object.entries(DIFETTI).filter(([d, v]) => v.tipo === tipo && d !== 'BASE64_ERRATO').map(([d]) => d).sort());
  });
});

/** Values that probe the XSD's types, facets and white-space rules. */
const TRICKY = [
  '', ' ', '1', '2', '3', '4', '7', '9', '10', '13', '14', ' 1', '1 ', '&#9;1', '&#49;', '+1', '01', '-1', '0', 'I', 'C', 'i', 'c', 'A1.16', 'A1.1', 'A1.16 ', 'Z9.99', 'ABCDEFGHIJK',
  '2024-02-29', '2023-02-29', '2025-12-31', '2025-1-01', '1899-12-31', '2100-01-01', '2025-01-01Z', '2025-01-01+15:00', '2025-01-01+01:00', ' 2025-01-01 ', '10000-01-01',
  '0.0', '.5', '5.', '1e3', '1,5', '-0.01', '+7.25', 'NaN', ' 12.50 ', '2147483648', '12/2020', '13/2020', '00/2020', '01/1899', '1/2020',
  'abc', 'X'.repeat(36), 'X'.repeat(37), 'É'.repeat(36), 'Denominazione lunga ma valida', 'corta',
  'vrdnna91d52f205z', 'VRDNNA91D5NFNLRJ', 'VRDNNA91D52FNLRU', 'VRDNNA91D52F205A', '12345678903', '12345678903     ', '12345678903      ', '1234567890', 'RSSMRA85C52H501N',
  'H501', 'H50', 'Z404', '380', '38', '990', '058091', 'PG&amp;1', 'X'.repeat(201),
];

function mutate(xml: string, r: Rng): string {
  const lines = xml.split('\n');
  switch (r.int(0, 6)) {
    case 0:
    case 1:
    case 2: {
      // A value of an attribute the document has.
      const attrs = [...xml.matchAll(/ ([A-Za-z]+)="[^"]*"/g)].filter((m) => !/^xmlns/.test(m[1]));
      const m = r.pick(attrs);
      return xml.slice(0, m.index) + ` ${m[1]}="${r.pick(TRICKY)}"` + xml.slice(m.index! + m[0].length);
    }
    case 3: {
      // An attribute removed, or one added (known elsewhere in the schema, or unknown).
      const attrs = [...xml.matchAll(/ ([A-Za-z]+)="[^"]*"/g)].filter((m) => !/^xmlns/.test(m[1]));
      if (r.chance(0.5)) {
        const m = r.pick(attrs);
        return xml.slice(0, m.index) + xml.slice(m.index! + m[0].length);
      }
      const tags = [...xml.matchAll(/<([A-Za-z]+) /g)];
      const t = r.pick(tags);
      const name = r.pick(['AreaUtenza', 'TipoOperazione', 'DataFinePrestazione', 'ImportoMensile', 'DataSegnalazione', 'Foo', 'CodiceNazione', 'TipoDisabilita']);
      return xml.slice(0, t.index! + t[0].length) + `${name}="${r.pick(TRICKY)}" ` + xml.slice(t.index! + t[0].length);
    }
    case 4: {
      // An element line duplicated or dropped.
      const i = r.int(2, lines.length - 3);
      return r.chance(0.5) ? [...lines.slice(0, i + 1), lines[i], ...lines.slice(i + 1)].join('\n') : [...lines.slice(0, i), ...lines.slice(i + 1)].join('\n');
    }
    case 5: {
      // Two neighbouring lines swapped.
      const i = r.int(2, lines.length - 4);
      return [...lines.slice(0, i), lines[i + 1], lines[i], ...lines.slice(i + 2)].join('\n');
    }
    default: {
      // The text of a simple element.
      const texts = [...xml.matchAll(/>([^<\s][^<]*)</g)];
      if (texts.length === 0) return xml.replace('<IdentificazioneFlusso', 'x<IdentificazioneFlusso');
      const t = r.pick(texts);
      const v = r.pick([...TRICKY, '<![CDATA[A1.16]]>', '<![CDATA[1]]>', ' A1.16', '<!-- c -->1', '1<!-- c -->']);
      return xml.slice(0, t.index! + 1) + v + xml.slice(t.index! + t[0].length - 1);
    }
  }
}

/** Our refusals of documents the XSD accepts: only the rules beyond the XSD that README "Validation" lists. */
const BEYOND_XSD = /^(UN_SOLO_BENEFICIARIO|UNA_SOLA_PRESTAZIONE|CARATTERE_PRESTAZIONE_MANCANTE|DATA_INIZIO_MANCANTE|DATA_EROGAZIONE_MANCANTE|DATA_FINE_PRIMA_INIZIO|DATA_FUORI_INTERVALLO|CF_[A-Z_]+)$/;

describe('random mutations of valid flows', () => {
  it.each([
    ['PS_PSA_SINA', 0.0, 1500],
    ['SINBA', 1.0, 600],
  ] as const)('%s: whatever decodeFlusso accepts passes the official XSD', async (tipo, sinbaShare, n) => {
    const base = generateFlussi({ seed: 9, codiceEnte: 'H501', count: 40, invalidShare: 0, cancellationShare: 0.2, sinbaShare }).filter((f) => f.entry.tipo === tipo);
    const r = new Rng(20260101);
    const docs = Array.from({ length: n }, () => {
      const f = r.pick(base);
      let xml = mutate(f.xml, r);
      if (r.chance(0.3)) xml = mutate(xml, r);
      return { entry: { ...f.entry, flusso: b64(xml) }, xml };
    });
    const verdicts = await validateWithXsd(tipo, docs.map((d) => d.xml));
    let accepted = 0;
    let refusedBoth = 0;
    docs.forEach((d, i) => {
      const decoded = decodeFlusso(d.entry);
      if (decoded.ok) {
        accepted++;
        // The property: accepted here ⇒ valid for the official XSD.
        if (!verdicts[i].valid) throw new Error(`accepted but refused by the XSD:\n${d.xml}\n${verdicts[i].errors.join('\n')}`);
      } else if (verdicts[i].valid) {
        const unexpected = decoded.problems.filter((p) => !BEYOND_XSD.test(p.code));
        if (unexpected.length > 0) throw new Error(`valid for the XSD but refused for ${JSON.stringify(unexpected)}:\n${d.xml}`);
      } else refusedBoth++;
    });
    // Both sides of the property were exercised.
    expect(accepted).toBeGreaterThan(n / 10);
    expect(refusedBoth).toBeGreaterThan(n / 10);
  });
});
