import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { RESULTS_DIR } from './settings';
import { round } from './util/stats';

// One row per figure with a target: the figure, the baseline of the same run it is read against,
// their ratio, the target and whether it was met. The JSON keeps everything measured; the markdown
// is what the README shows.

export interface Row {
  figure: string;
  value: number;
  unit: string;
  baseline: string;
  baselineValue: number;
  baselineUnit: string;
  /** value / baselineValue */
  ratio: number;
  target: string;
  met: boolean | null;
}

export function row(r: Omit<Row, 'ratio'>): Row {
  return { ...r, ratio: round(r.value / r.baselineValue) };
}

function num(x: number): string {
  if (!Number.isFinite(x)) return 'n/a';
  return Math.abs(x) >= 100 ? Math.round(x).toLocaleString('en-US') : String(round(x, 2));
}

export function markdownTable(rows: readonly Row[]): string {
  const lines = [
    '| figure | measured | baseline (same run) | ratio | target | met? |',
    '|---|---:|---|---:|---|:---:|',
    ...rows.map(
      (r) =>
        `| ${r.figure} | ${num(r.value)} ${r.unit} | ${r.baseline}: ${num(r.baselineValue)} ${r.baselineUnit} | ${num(r.ratio)} | ${r.target} | ${
          r.met === null ? '—' : r.met ? 'yes' : '**no**'
        } |`,
    ),
  ];
  return lines.join('\n');
}

export function writeResults(result: { rows: Row[] } & Record<string, unknown>, header: string, notes: readonly string[] = []): { json: string; md: string } {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const json = join(RESULTS_DIR, 'latest.json');
  const md = join(RESULTS_DIR, 'latest.md');
  writeFileSync(json, `${JSON.stringify(result, null, 2)}\n`);
  const below = notes.length ? `\n${notes.map((n) => `- ${n}`).join('\n')}\n` : '';
  writeFileSync(md, `${header}\n\n${markdownTable(result.rows)}\n${below}`);
  return { json, md };
}
