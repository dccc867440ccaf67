#!/usr/bin/env node
// Micro-benchmark of the builder's CO path without I/O: decode the CO topic's messages (Avro + CO mapping,
// as the builder's decodeCoMessage does) and fold them per worker as the cartella lavorativa writer does
// (applyCo + reviewState for every event that changes a state, in chunks whose states are loaded from and
// written back to JSON, as Postgres hands them over and takes them back). Not a test: it measures.
//
//   npx tsc -p bench && node bench/dist/fold-micro.js [--events 100000] [--seed 5101] [--chunk 1000] [--rounds 3]
//   node --cpu-prof --cpu-prof-dir=/tmp/prof bench/dist/fold-micro.js …   then bench/dist/profile-summary.js
//
// The messages are generated in memory (libs/co generator → the CO ingest's own mapping and publisher, as
// bench/src/dataset.ts does) and delivered in dataInvio order, so consecutive events mostly belong to
// different workers, as on the topic. Correction chains spanning several workers are not routed here (the
// writer's planChains needs Postgres); each message goes to the worker it is keyed by.
import { createHash } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { GCProfiler } from 'node:v8';
import { iterateCoHistories } from '@fsl/co';
import { applyCo, emptyState, reviewState, type StateReview, type WorkerState } from '@fsl/cartella-lavorativa';
import type { KafkaMessage } from '@fsl/kafka';
import { decodeCoMessage } from '@fsl/app-dossier-builder/dist/co.handler';
import type { IncomingCo } from '@fsl/app-dossier-builder/dist/cartella-lavorativa.writer';
import { ingestMessages } from './dataset';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

const EVENTS = arg('events', 100_000);
const SEED = arg('seed', 5101);
const CHUNK = arg('chunk', 1000);
const ROUNDS = arg('rounds', 3);

function generate(): KafkaMessage[] {
  const records: { at: number; seq: number; m: KafkaMessage }[] = [];
  for (const h of iterateCoHistories({ workers: 10_000_000, seed: SEED })) {
    if (records.length >= EVENTS) break;
    for (const co of h.cos) {
      const at = Date.parse(co.datiInvio.dataInvio);
      for (const m of ingestMessages([co], 'fold-micro-benchmark-pseudonym-key-0123456789').messages) {
        records.push({ at, seq: records.length, m: { key: Buffer.from(m.key), value: m.value, timestamp: String(at), offset: '0', attributes: 0, headers: {} } as KafkaMessage });
      }
    }
  }
  records.sort((a, b) => a.at - b.at || a.seq - b.seq);
  return records.map((r) => r.m);
}

interface Gc {
  count: number;
  ms: number;
  allocatedMb: number;
}

/** GCs, their pause and the bytes allocated while `fn` ran (heap used before each GC minus after the previous). */
function measured<T>(fn: () => T): { value: T; ms: number; cpuMs: number; gc: Gc } {
  const profiler = new GCProfiler();
  profiler.start();
  const before = process.memoryUsage().heapUsed;
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const value = fn();
  const c = process.cpuUsage(c0);
  const ms = performance.now() - t0;
  const after = process.memoryUsage().heapUsed;
  const stats = profiler.stop()?.statistics ?? [];
  let allocated = 0;
  let last = before;
  let pause = 0;
  for (const s of stats) {
    allocated += Math.max(0, s.beforeGC.heapStatistics.usedHeapSize - last);
    last = s.afterGC.heapStatistics.usedHeapSize;
    pause += s.cost / 1000;
  }
  allocated += Math.max(0, after - last);
  return { value, ms, cpuMs: (c.user + c.system) / 1000, gc: { count: stats.length, ms: pause, allocatedMb: allocated / 2 ** 20 } };
}

/** CPU time of the process (every thread: V8's GC helpers too), in ms. */
function cpuNow(): number {
  const c = process.cpuUsage();
  return (c.user + c.system) / 1000;
}

function decodeAll(messages: KafkaMessage[]): IncomingCo[] {
  const out: IncomingCo[] = [];
  for (const m of messages) {
    const d = decodeCoMessage(m);
    if (!d.ok) throw new Error(`poison in the generated set: ${d.code}`);
    out.push(d.item);
  }
  return out;
}

/** The stored rows between chunks: the state as JSON text (what jsonb gives back) and the effect column. */
type Store = Map<string, { json: string; effect: string }>;

interface FoldResult {
  changes: number;
  withoutEffect: number;
  /** sha256 of every state written and every review computed, in order: equal runs give equal answers. */
  digest: string;
}

/**
 * The writer's loop (apps/dossier-builder/src/cartella-lavorativa.writer.ts) minus Postgres: per chunk, the
 * states of its workers parsed from JSON, each CO applied and reviewed, the changed states serialised.
 * `jsonTime` collects the CPU time of the parse and stringify, which stand for the driver's work.
 */
function foldAll(items: IncomingCo[], store: Store, jsonTime: { ms: number }): FoldResult {
  const digest = createHash('sha256');
  let changes = 0;
  let withoutEffect = 0;
  for (let i = 0; i < items.length; i += CHUNK) {
    const chunk = items.slice(i, i + CHUNK);
    const t0 = cpuNow();
    const states = new Map<string, WorkerState>();
    const effects = new Map<string, string>();
    for (const it of chunk) {
      const row = store.get(it.workerCf);
      if (row && !states.has(it.workerCf)) {
        states.set(it.workerCf, JSON.parse(row.json) as WorkerState);
        effects.set(it.workerCf, row.effect);
      }
    }
    const original = new Map(states);
    jsonTime.ms += cpuNow() - t0;
    const reviews = new Map<string, StateReview>();
    for (const it of chunk) {
      const current = states.get(it.workerCf) ?? emptyState(it.workerCf);
      const r = applyCo(current, it.co, { receivedAt: it.receivedAt, contentHash: it.contentHash });
      if (r.outcome === 'not-for-worker' || r.outcome === 'duplicate') continue;
      const before = effects.get(it.workerCf) ?? reviewState(current).effect;
      const review = reviewState(r.state);
      reviews.set(it.workerCf, review);
      effects.set(it.workerCf, review.effect);
      if (review.effect === before) withoutEffect += 1;
      changes += 1;
      states.set(it.workerCf, r.state);
    }
    const t1 = cpuNow();
    for (const [cf, s] of states) {
      if (s === original.get(cf)) continue;
      const json = JSON.stringify(s);
      store.set(cf, { json, effect: effects.get(cf) as string });
      digest.update(json);
      digest.update(JSON.stringify(reviews.get(cf) ?? null));
    }
    jsonTime.ms += cpuNow() - t1;
  }
  return { changes, withoutEffect, digest: digest.digest('hex').slice(0, 16) };
}

const perEvent = (ms: number, n: number) => ((ms * 1e6) / n).toFixed(0).padStart(7);
const gcLine = (g: Gc, n: number) =>
  `${g.count} GCs, ${g.ms.toFixed(0)} ms paused, ${((g.allocatedMb * 2 ** 20) / n).toFixed(0)} B allocated/event`;

function main(): void {
  const tg = performance.now();
  const messages = generate();
  process.stdout.write(`${messages.length} messages generated in ${((performance.now() - tg) / 1000).toFixed(1)} s (seed ${SEED}), chunks of ${CHUNK}\n`);
  for (let round = 1; round <= ROUNDS; round++) {
    const dec = measured(() => decodeAll(messages));
    const items = dec.value;
    const jsonTime = { ms: 0 };
    const fold = measured(() => foldAll(items, new Map(), jsonTime));
    const n = items.length;
    const foldOnly = fold.cpuMs - jsonTime.ms;
    process.stdout.write(
      [
        `round ${round}: ${n} events, ${fold.value.changes} changes (${fold.value.withoutEffect} without effect), answers ${fold.value.digest}`,
        `  CPU per event (wall in brackets: the machine is shared)`,
        `  decode            ${perEvent(dec.cpuMs, n)} ns  (${perEvent(dec.ms, n)})   ${gcLine(dec.gc, n)}`,
        `  fold + review     ${perEvent(foldOnly, n)} ns`,
        `  states JSON i/o   ${perEvent(jsonTime.ms, n)} ns`,
        `  fold chunk total  ${perEvent(fold.cpuMs, n)} ns  (${perEvent(fold.ms, n)})   ${gcLine(fold.gc, n)}`,
        `  decode + fold     ${perEvent(dec.cpuMs + fold.cpuMs, n)} ns  (${perEvent(dec.ms + fold.ms, n)})`,
        '',
      ].join('\n'),
    );
  }
}

main();
