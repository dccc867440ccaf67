import type { Pool } from 'pg';
import { Registry } from 'prom-client';
import { createLogger } from '@fsl/logging';
import type { LineResult } from './outcomes';
import { METRIC_CODES_PER_TABLE, UnknownCodes, unknownCodesOf } from './unknown-codes';

const warn = (tabella: string, codice: string) => ({ path: 'p', code: 'CODICE_NON_IN_TABELLA', message: 'm', tabella, codice });
const line = (riga: number, esito: LineResult['esito'], ...avvisi: ReturnType<typeof warn>[]): LineResult => ({ riga, esito, ...(avvisi.length ? { avvisi } : {}) });

describe('unknownCodesOf', () => {
  it('counts the codes of the lines accepted now only (a duplicate was counted when first accepted)', () => {
    const got = unknownCodesOf([
      line(1, 'ACCETTATA', warn('ateco', '99.99.98'), warn('ccnl', 'H011')),
      line(2, 'ACCETTATA', warn('ateco', '99.99.98')),
      line(3, 'DUPLICATA', warn('ateco', '99.99.98')),
      line(4, 'RIFIUTATA', warn('ateco', '11.11.11')),
      line(5, 'ACCETTATA', { path: 'lavoratore.codiceFiscale', code: 'LUOGO_NASCITA_NON_IN_TABELLA', message: 'm', tabella: 'belfiore' } as never),
    ]);
    expect([...got.values()]).toEqual([
      { tabella: 'ateco', codice: '99.99.98', n: 2 },
      { tabella: 'ccnl', codice: 'H011', n: 1 },
    ]);
  });
});

describe('UnknownCodes metric', () => {
  it(`labels at most ${METRIC_CODES_PER_TABLE} codes per table and counts the rest as "other"`, async () => {
    const registry = new Registry();
    const statements: unknown[][] = [];
    const pool = { query: async (_sql: string, params: unknown[]) => (statements.push(params), { rows: [] }) } as unknown as Pool;
    const codes = new UnknownCodes(registry, createLogger({ service: 'test', level: 'silent' }), { source: 'co', records: 'COs', store: { pool, table: 'co_unknown_code' } });
    const extra = 30;
    const results = Array.from({ length: METRIC_CODES_PER_TABLE + extra }, (_, i) => line(i + 1, 'ACCETTATA', warn('ateco', `10.${String(i % 100).padStart(2, '0')}.${String(Math.floor(i / 100)).padStart(2, '0')}`)));
    await codes.record(results);
    const values = (await registry.getSingleMetric('ingest_co_unknown_codes_total')!.get()).values;
    expect(values.filter((v) => v.labels.code !== 'other')).toHaveLength(METRIC_CODES_PER_TABLE);
    expect(values.find((v) => v.labels.code === 'other')?.value).toBe(extra);
    // One statement for the whole chunk, with every code (the listing has no cap).
    expect(statements).toHaveLength(1);
    expect((statements[0][1] as string[]).length).toBe(METRIC_CODES_PER_TABLE + extra);
  });
});
