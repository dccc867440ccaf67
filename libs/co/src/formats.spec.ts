import { readCo, validateBatch } from './batch';
import { fixtureAssunzione, fixtureUnisomm, fixtureUniurg, fixtureVardatori } from './fixtures';
import { generateCoHistories } from './generator/generate';
import { contentHash, decideIdempotency, canonicalJson } from './idempotency';
import { parseCoJson, serializeCoJson, serializeCoNdjson } from './json-format';
import type { Co } from './model';
import { parseCoXml, parseCoXmlBatch } from './xml-read';
import { serializeCoXml, serializeCoXmlBatch } from './xml-write';

const ok = <T>(r: { ok: true; value: T } | { ok: false; problems: unknown }): T => {
  if (!r.ok) throw new Error(`unexpected problems: ${JSON.stringify(r.problems)}`);
  return r.value;
};

describe('XML and JSON formats', () => {
  it('parses a generator sample from XML to the same records as from its JSON', () => {
    const sample = generateCoHistories({ workers: 150, seed: 7 });
    const fromJson = serializeCoNdjson(sample).trim().split('\n').map((l) => ok(parseCoJson(l)));
    const batch = parseCoXmlBatch(serializeCoXmlBatch(sample));
    if (!Array.isArray(batch)) throw new Error('batch failed');
    const fromXml = batch.map(ok);
    expect(fromXml).toEqual(fromJson);
    expect(fromJson).toEqual(sample);
    expect(fromXml.map(contentHash)).toEqual(sample.map(contentHash));
  });

  it.each<[string, Co]>([
    ['UNILAV', fixtureAssunzione({ tipoEvento: 'TRD', trasferimento: { tipo: 'DL', data: '2024-04-01', dataFineDistacco: '2024-06-30', sedeLavoro: { comune: 'H501' }, distaccatario: { codiceFiscale: '00349040287', denominazione: 'X' }, distaccoParziale: true } })],
    ['UNISOMM', fixtureUnisomm()],
    ['VARDATORI', fixtureVardatori()],
    ['UNIURG', fixtureUniurg()],
  ])('round-trips a single %s document', (_m, co) => {
    const xml = serializeCoXml(co);
    expect(ok(parseCoXml(xml))).toEqual(ok(parseCoJson(serializeCoJson(co))));
  });

  it('uses the ministerial namespaces and checks them', () => {
    const xml = serializeCoXml(fixtureAssunzione());
    expect(xml).toContain('<UniLav xmlns="http://servizi.lavoro.gov.it/unilav"');
    expect(serializeCoXml(fixtureUnisomm())).toContain('xmlns="http://servizi.lavoro.gov.it/unisomm"');
    const wrong = xml.replace('servizi.lavoro.gov.it/unilav', 'example.org/unilav');
    expect(parseCoXml(wrong)).toEqual({ ok: false, problems: [expect.objectContaining({ code: 'NAMESPACE' })] });
  });

  it('accepts a namespace prefix', () => {
    const co = fixtureAssunzione();
    const xml = serializeCoXml(co).replace('<UniLav xmlns=', '<ul:UniLav xmlns:ul=').replace('</UniLav>', '</ul:UniLav>');
    expect(ok(parseCoXml(xml))).toEqual(ok(parseCoJson(serializeCoJson(co))));
  });

  it('keeps codes with leading zeros as strings', () => {
    const co = ok(parseCoXml(serializeCoXml(fixtureAssunzione())));
    expect(co.modello === 'UNILAV' && co.lavoratore.cittadinanza).toBe('000');
  });

  it('reports malformed XML and unknown roots', () => {
    expect(parseCoXml('<UniLav><oops></UniLav>')).toEqual({ ok: false, problems: [expect.objectContaining({ code: 'INVALID_XML' })] });
    expect(parseCoXml('<UniDom xmlns="x"/>')).toEqual({ ok: false, problems: [expect.objectContaining({ code: 'UNKNOWN_ROOT' })] });
  });

  it('refuses documents with a DTD (entity expansion, external entities)', () => {
    const xml = serializeCoXml(fixtureAssunzione()).replace('<UniLav', '<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>\n<UniLav');
    expect(parseCoXml(xml)).toEqual({ ok: false, problems: [expect.objectContaining({ code: 'INVALID_XML' })] });
  });

  it('names XML structural problems with model paths', () => {
    const xml = serializeCoXml(fixtureAssunzione()).replace(/dataInizio="[^"]*"/, 'dataInizio="2024-13-01"');
    const r = readCo(xml, 'xml');
    expect(!r.ok && r.problems).toEqual([expect.objectContaining({ path: 'inizio.dataInizio', code: 'INVALID_DATE' })]);
  });
});

describe('validateBatch', () => {
  it('keeps the good lines and reports the bad ones by line number', () => {
    const good1 = fixtureAssunzione();
    const good2 = fixtureVardatori();
    const bad = fixtureAssunzione();
    bad.datore.codiceFiscale = '02877740214';
    const lines = [serializeCoJson(good1), '{not json', '', serializeCoJson(bad), serializeCoJson(good2), '{"modello":"UNILAV"}'];
    const results = validateBatch(lines.join('\n'));
    expect(results.map((r) => [r.line, r.ok])).toEqual([
      [1, true],
      [2, false],
      [4, false],
      [5, true],
      [6, false],
    ]);
    const byLine = Object.fromEntries(results.map((r) => [r.line, r]));
    expect(byLine[1].ok && byLine[1].co).toEqual(good1);
    expect(!byLine[2].ok && byLine[2].problems[0].code).toBe('INVALID_JSON');
    expect(!byLine[4].ok && byLine[4].problems).toEqual([expect.objectContaining({ path: 'datore.codiceFiscale', code: 'CF_CHECK_DIGIT' })]);
    expect(!byLine[6].ok && byLine[6].problems.length).toBeGreaterThan(3);
  });
});

describe('idempotency', () => {
  it('hashes content, not formatting or key order', () => {
    const co = fixtureAssunzione();
    const reordered = JSON.parse(canonicalJson(co));
    const pretty = JSON.stringify(co, null, 2).replace('"ROSSI"', '"  ROSSI "');
    expect(contentHash(ok(parseCoJson(pretty)))).toBe(contentHash(co));
    expect(contentHash(reordered)).toBe(contentHash(co));
    expect(contentHash(ok(parseCoXml(serializeCoXml(co))))).toBe(contentHash(co));
  });

  it('tells a duplicate from a conflict', () => {
    const co = fixtureAssunzione();
    const changed = { ...co, inizio: { ...co.inizio, retribuzione: 99999 } };
    expect(decideIdempotency(undefined, contentHash(co))).toBe('new');
    expect(decideIdempotency(contentHash(co), contentHash(structuredClone(co)))).toBe('duplicate');
    expect(decideIdempotency(contentHash(co), contentHash(changed))).toBe('conflict');
  });
});
