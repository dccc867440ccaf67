import { startPdnd } from './pdnd';
import { citizenCodes } from './phases/citizens';
import { measureApiReads, measureRawSelect } from './phases/reads';
import { runFromArgs } from './settings';
import { stopAllApps } from './util/apps';
import { closeConnections } from './util/http';
import { step } from './util/log';
import { load1 } from './util/machine';

// For working on the read path: the reads phase alone (raw SELECT, then the api, each with the search
// for the highest rate held), against a database a run kept (`--keep-db` with BENCH_DATABASE_URL naming
// an fsl_bench… database of your own, so the next run's setup does not drop it). Prints the figures as
// JSON; BENCH_NODE_ARGS_API tries V8 flags. Run it under the same lock as the bench:
//   BENCH_DATABASE_URL=postgres://…/fsl_bench_mine flock /tmp/bench.lock node bench/dist/reads-only.js [--quick] [--profile]

async function main(): Promise<void> {
  const r = runFromArgs(process.argv.slice(2));
  const pdnd = await startPdnd(r);
  try {
    const codes = await citizenCodes(r.databaseUrl);
    if (codes.length === 0) throw new Error(`no citizens in ${r.databaseUrl}: keep the database of a run first`);
    const before = load1();
    // BENCH_READS_API_ONLY=1: the api alone, e.g. to compare V8 flags one run after another.
    const rawSelect = process.env.BENCH_READS_API_ONLY === '1' ? undefined : await measureRawSelect(r, codes);
    if (rawSelect) step(`raw SELECT ${JSON.stringify({ latencyMs: rawSelect.latencyMs, heldRate: rawSelect.heldRate.heldRate })}`);
    const reads = await measureApiReads(r, pdnd, codes);
    const { tailAt, ...shown } = reads;
    void tailAt;
    process.stdout.write(`${JSON.stringify({ citizens: codes.length, load1: [before, load1()], nodeArgs: process.env.BENCH_NODE_ARGS_API ?? '', rawSelect: rawSelect && { latencyMs: rawSelect.latencyMs, heldRate: rawSelect.heldRate }, reads: shown }, null, 1)}\n`);
  } finally {
    await stopAllApps();
    closeConnections();
    await pdnd.close();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`reads-only failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
