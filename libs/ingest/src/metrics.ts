import { Counter, type Registry } from 'prom-client';
import type { Pool } from 'pg';
import { dependencyGauge } from '@fsl/http';
import type { LineResult } from './outcomes';

export interface IngestMetrics {
  /** Outcomes of a committed chunk (a record, a batch chunk, a file-job chunk). */
  observe(results: readonly LineResult[]): void;
}

/**
 * What an operator watches on an ingest: outcomes by source and esito, the problem codes of the refused
 * lines (codes from the source's fixed registry, never values), and the file jobs waiting
 * (ingest_<source>_file_jobs_queued).
 */
export function ingestMetrics(registry: Registry, pool: Pool, opts: { source: string; lottiTable: string }): IngestMetrics {
  const records = new Counter({
    name: 'ingest_records_total',
    help: 'Records ingested, by source and outcome (ACCETTATA, DUPLICATA, RIFIUTATA, IN_CONFLITTO)',
    labelNames: ['source', 'outcome'],
    registers: [registry],
  });
  const problems = new Counter({
    name: 'ingest_problems_total',
    help: 'Problems found in refused records, by source and problem code',
    labelNames: ['source', 'code'],
    registers: [registry],
  });
  dependencyGauge({
    name: `ingest_${opts.source}_file_jobs_queued`,
    help: 'File jobs (POST /v1/lotti) accepted and not yet started',
    registry,
    read: async () => Number((await pool.query<{ n: string }>(`SELECT count(*) AS n FROM ${opts.lottiTable} WHERE state = 'IN_CODA'`)).rows[0].n),
  });
  const { source } = opts;
  return {
    // Counted per chunk first: a labelled inc hashes its labels, once per outcome and code is enough.
    observe(results) {
      const byOutcome = new Map<string, number>();
      const byCode = new Map<string, number>();
      for (const r of results) {
        byOutcome.set(r.esito, (byOutcome.get(r.esito) ?? 0) + 1);
        if (r.errors) for (const p of r.errors) byCode.set(p.code, (byCode.get(p.code) ?? 0) + 1);
      }
      for (const [outcome, n] of byOutcome) records.inc({ source, outcome }, n);
      for (const [code, n] of byCode) problems.inc({ source, code }, n);
    },
  };
}
