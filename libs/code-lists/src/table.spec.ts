import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadTableSet, parseCsv, VersionedTable } from './index';

const rows = parseCsv(
  [
    'code,description,valid_from,valid_to,source',
    '# a comment line is skipped',
    'A001,"Old, then redefined",2000-01-01,2009-12-31,test',
    'A001,Redefined,2012-01-01,,test',
    'B002,Open-ended,,,test',
  ].join('\n'),
);
const table = new VersionedTable('t', '1', 'test', rows);

describe('VersionedTable', () => {
  it('answers known, retired or unknown as of a date', () => {
    expect(table.lookup('A001', '2005-06-01')).toMatchObject({ status: 'known', row: { description: 'Old, then redefined', validTo: '2009-12-31' } });
    expect(table.lookup('A001', '2010-06-01')).toEqual({ status: 'retired' });
    expect(table.lookup('A001', '1999-12-31')).toEqual({ status: 'retired' });
    expect(table.lookup('A001', '2020-01-01')).toMatchObject({ status: 'known', row: { description: 'Redefined' } });
    expect(table.lookup('B002', '1900-01-01')).toMatchObject({ status: 'known' });
    expect(table.lookup('C003', '2020-01-01')).toEqual({ status: 'unknown' });
  });

  it('without a date gives the latest definition, and keeps extra columns as attributes', () => {
    expect(table.lookup('A001')).toMatchObject({ status: 'known', row: { description: 'Redefined', attrs: { source: 'test' } } });
  });

  it('lists the rows in force on a date', () => {
    expect(table.rowsInForce('2010-06-01').map((r) => r.code)).toEqual(['B002']);
    expect(table.rowsInForce('2020-01-01').map((r) => r.code)).toEqual(['A001', 'B002']);
  });
});

describe('loadTableSet', () => {
  const dir = mkdtempSync(join(tmpdir(), 'fsl-code-lists-'));
  writeFileSync(join(dir, 't.csv'), 'code,description\nX1,One\n');
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify({ tables: { t: { file: 't.csv', version: '2026.1', source: 'unit test' } } }));

  it('loads the named tables with their versions', () => {
    const set = loadTableSet(dir, ['t']);
    expect(set.table('t').lookup('X1')).toMatchObject({ status: 'known', row: { description: 'One' } });
    expect(set.versions()).toEqual({ t: '2026.1' });
  });

  it('refuses a manifest without a table the caller needs', () => {
    expect(() => loadTableSet(dir, ['t', 'missing'])).toThrow('has no table "missing"');
  });

  it('takes a shared table as given, even one the manifest lacks', () => {
    const set = loadTableSet(dir, ['t', 'shared'], { shared: table });
    expect(set.table('shared')).toBe(table);
    expect(set.versions()).toEqual({ t: '2026.1', shared: '1' });
  });
});
