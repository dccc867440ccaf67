#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { Pool } from 'pg';
import { loadConfigOrExit } from '@fsl/config';
import { createKafkaFromConfig } from '@fsl/kafka';
import { createLogger } from '@fsl/logging';
import { OPS_SERVICE, opsConfigSchema } from './config';
import { OpsError, type OpsContext } from './context';
import { barProgress, jsonProgress } from './progress';
import { dropPrevious, PROJECTIONS, rebuild, rollback, switchSets, type ProjectionName } from './sets';
import { check } from './check';
import { inspectMessage, inspectOverview } from './inspect';
import { inspectLetter, listLetters, redrive, type LetterFilter } from './dead-letters';

// fsl-ops: the operator's command for the builder's projections (README, "Operations"; ADR 0008).
// Exit codes: 0 done, 1 the check found differences (or a redrive's copies failed again), 2 refused or failed
// (the reason on stderr), 78 bad configuration.

const USAGE = `usage: fsl-ops <command> [options]   (configuration from the environment: see README, "Operations")
  rebuild [--projection co|siisl|gepi|siuss] [--from <ISO time>] [--restart] [--switch]
                                                       every projection (or one) into a new set, while the live one serves
  switch                                               the rebuilt set becomes live (the replaced one is kept)
  rollback                                             the kept set becomes live again
  drop-previous                                        drop the kept set
  inspect [<topic> <partition> <offset>]               topics, offsets and lag; or one message, decoded, CFs masked
  dead-letters list [--topic T] [--code C] [--since T] [--until T] [--status S|all] [--limit N]
  dead-letters inspect <topic>/<partition>/<offset>
  dead-letters redrive [filters as list] [--dry-run] [--wait <seconds>] [--to <topic>]
  check [--keep]                                       rebuild into scratch tables and compare with the live set
options: --json (one JSON document on stdout, progress as JSON lines)`;

const OPTIONS = {
  json: { type: 'boolean' },
  from: { type: 'string' },
  projection: { type: 'string' },
  restart: { type: 'boolean' },
  switch: { type: 'boolean' },
  keep: { type: 'boolean' },
  topic: { type: 'string' },
  code: { type: 'string' },
  since: { type: 'string' },
  until: { type: 'string' },
  status: { type: 'string' },
  limit: { type: 'string' },
  'dry-run': { type: 'boolean' },
  wait: { type: 'string' },
  to: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

function date(name: string, v: string | undefined): Date | undefined {
  if (v === undefined) return undefined;
  const d = new Date(v);
  if (Number.isNaN(d.getTime())) throw new OpsError(`--${name}: not a date-time (ISO 8601 expected)`);
  return d;
}

function int(name: string, v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  if (!/^\d+$/.test(v)) throw new OpsError(`--${name}: not a whole number`);
  return Number(v);
}

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({ options: OPTIONS, allowPositionals: true, strict: true });
  if (values.help || positionals.length === 0) {
    process.stdout.write(`${USAGE}\n`);
    return values.help ? 0 : 2;
  }
  const config = loadConfigOrExit(OPS_SERVICE, opsConfigSchema);
  const json = values.json === true;
  // Logs go to stderr: stdout carries the result (and, with --json, nothing else).
  const logger = createLogger({ service: OPS_SERVICE, level: config.LOG_LEVEL, destination: process.stderr });
  const replayLogger = createLogger({ service: OPS_SERVICE, level: config.LOG_LEVEL === 'warn' ? 'error' : config.LOG_LEVEL, destination: process.stderr });
  const db = new Pool({ connectionString: config.DATABASE_URL, max: 4, connectionTimeoutMillis: 10_000 });
  db.on('error', (err) => logger.warn({ err }, 'idle postgres client error'));
  const ctx: OpsContext = {
    config,
    kafka: createKafkaFromConfig(config, OPS_SERVICE, logger),
    db,
    logger,
    replayLogger,
    progress: json ? jsonProgress() : barProgress(),
    say: (line) => process.stderr.write(`${line}\n`),
  };
  const print = (result: unknown, human: () => string) => process.stdout.write(json ? `${JSON.stringify(result)}\n` : `${human()}\n`);
  const filter = (): LetterFilter => ({
    topic: values.topic,
    code: values.code,
    since: date('since', values.since),
    until: date('until', values.until),
    status: values.status,
    limit: int('limit', values.limit),
  });
  try {
    const [command, sub, ...rest] = positionals;
    switch (command) {
      case 'rebuild': {
        const projection = values.projection;
        if (projection !== undefined && !(projection in PROJECTIONS)) throw new OpsError(`--projection: one of ${Object.keys(PROJECTIONS).join(', ')}`);
        const r = await rebuild(ctx, { from: date('from', values.from), projection: projection as ProjectionName | undefined, restart: values.restart, switchAfter: values.switch });
        ctx.progress.stop();
        print(r, () =>
          [
            `rebuild ${r.resumed ? 'resumed and ' : ''}caught up with the live builder: ${r.events} events in ${r.set}` +
              (r.deadLettersMet ? ` (${r.deadLettersMet} messages would be dead letters: see dead-letters list)` : ''),
            r.switched ? `switched: the rebuilt set is live; the replaced one is kept in ${r.switched.kept} (live builder held ${r.switched.frozenMs} ms)` : 'next: fsl-ops switch',
          ].join('\n'),
        );
        return 0;
      }
      case 'switch':
      case 'rollback': {
        const r = command === 'switch' ? await switchSets(ctx) : await rollback(ctx);
        print(r, () => `${command}: done; the replaced set is kept in ${r.kept} (live builder held ${r.frozenMs} ms, attempt ${r.attempts})`);
        return 0;
      }
      case 'drop-previous': {
        const r = await dropPrevious(ctx);
        print(r, () => (r.dropped ? `dropped ${r.dropped}` : 'no previous set kept'));
        return 0;
      }
      case 'inspect': {
        if (sub !== undefined) {
          if (rest.length !== 2) throw new OpsError('inspect <topic> <partition> <offset>');
          const m = await inspectMessage(ctx, sub, Number(rest[0]), rest[1]);
          print(m, () => JSON.stringify(m, null, 2));
          return 0;
        }
        const r = await inspectOverview(ctx);
        print(r, () =>
          [
            ...r.topics.map((t) => `${t.topic}: ${t.partitions.map((p) => `[${p.partition}] ${p.low}..${p.high}`).join('  ')}`),
            '',
            ...r.offsets.map((o) => `${o.kind === 'set' ? 'set  ' : 'kafka'} ${o.name}: lag ${o.lag}  ${o.partitions.map((p) => `${p.topic.split('.').slice(-3, -1).join('.')}[${p.partition}]@${p.offset} (lag ${p.lag})`).join('  ')}`),
            r.rebuild ? `\nrebuild into projection_next: ${r.rebuild.state} since ${r.rebuild.startedAt}` : '',
          ].join('\n'),
        );
        return 0;
      }
      case 'dead-letters': {
        if (sub === 'list') {
          const letters = await listLetters(ctx, filter());
          print(letters, () =>
            letters.length === 0
              ? 'no dead letters match'
              : letters.map((l) => `${l.parkedAt}  ${l.status.padEnd(12)} ${l.topic}/${l.partition}/${l.offset}  ${l.code}  ${l.reason}${l.history.length ? `  (failed ${l.history.length + 1} times)` : ''}`).join('\n'),
          );
          return 0;
        }
        if (sub === 'inspect') {
          if (rest.length !== 1) throw new OpsError('dead-letters inspect <topic>/<partition>/<offset>');
          const r = await inspectLetter(ctx, rest[0]);
          print(r, () => JSON.stringify(r, null, 2));
          return 0;
        }
        if (sub === 'redrive') {
          const r = await redrive(ctx, filter(), { dryRun: values['dry-run'], waitSeconds: int('wait', values.wait), toTopic: values.to });
          print(r, () =>
            [
              `${r.selected} letters selected, ${r.sent} sent back to their topics${r.missing.length ? `, ${r.missing.length} no longer in their topic (left PARKED)` : ''}`,
              r.outcome ? `applied ${r.outcome.applied}, failed again ${r.outcome.failedAgain}, not seen yet ${r.outcome.pending}` : '',
            ].join('\n'),
          );
          return r.outcome && r.outcome.failedAgain > 0 ? 1 : 0;
        }
        throw new OpsError('dead-letters list|inspect|redrive');
      }
      case 'check': {
        const r = await check(ctx, { keep: values.keep });
        const differing = r.tables.reduce((n, t) => n + t.differing, 0);
        print({ ...r, differing }, () =>
          [
            `compared at the live builder's offsets: ${r.tables.map((t) => `${t.table} ${t.keys} keys`).join(', ')}`,
            `digests: live ${r.digests.live}, rebuilt ${r.digests.rebuilt}`,
            ...r.differences.map((d) => `DIFFERENT ${d.table} key ${d.key} (ref ${d.ref}): ${d.liveRows} live rows, ${d.rebuiltRows} rebuilt\n${d.rows.map((x) => `  ${x.kind} ${x.row}${x.changes ? `\n${x.changes.map((c) => `    ${c.path}: live ${JSON.stringify(c.live)} rebuilt ${JSON.stringify(c.rebuilt)}`).join('\n')}` : ''}`).join('\n')}`),
            r.notDetailed ? `… and ${r.notDetailed} more differing keys (first 50 per table detailed)` : '',
            `${differing} differences`,
          ]
            .filter(Boolean)
            .join('\n'),
        );
        return differing > 0 ? 1 : 0;
      }
      default:
        throw new OpsError(`unknown command ${command}\n${USAGE}`);
    }
  } finally {
    ctx.progress.stop();
    await db.end().catch(() => undefined);
  }
}

main().then(
  (code) => process.exit(code),
  (err) => {
    const known = err instanceof OpsError || (err as { code?: string }).code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION';
    process.stderr.write(`fsl-ops: ${known ? (err as Error).message : (err as Error).stack ?? String(err)}\n`);
    process.exit(2);
  },
);
