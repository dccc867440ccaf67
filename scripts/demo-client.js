// The demo's client of the shared ingest contract (@fsl/ingest: ingest-siisl and ingest-gepi answer alike):
// the file job (POST /v1/lotti, then GET /v1/lotti/{id} until it is done, results paged at /esiti), the
// synchronous batches per entity (POST /v1/{entita}/lotti), the summary of the per-line results; and the
// e-service calls of the demo consumer. scripts/demo-siisl.js and scripts/demo-gepi.js name their source and
// what "served" means. The pure parts are tested in test/demo-siisl.spec.ts and test/demo-gepi.spec.ts.

const TERMINAL = new Set(['COMPLETATO', 'FALLITO']);

/**
 * Counts of the per-line results of an ingest (`{riga, esito, obsoleta?, avvisi?, errors?}`), and the
 * warnings by code. A stale line is accepted (and counted there too).
 */
function summarise(esiti) {
  const s = { righe: esiti.length, accettate: 0, obsolete: 0, duplicate: 0, rifiutate: 0, inConflitto: 0, conAvvisi: 0, avvisi: {}, primeRifiutate: [] };
  for (const e of esiti) {
    if (e.esito === 'ACCETTATA') s.accettate++;
    else if (e.esito === 'DUPLICATA') s.duplicate++;
    else if (e.esito === 'RIFIUTATA') s.rifiutate++;
    else if (e.esito === 'IN_CONFLITTO') s.inConflitto++;
    else throw new Error(`unexpected esito at line ${e.riga}`);
    if (e.obsoleta === true) s.obsolete++;
    const avvisi = Array.isArray(e.avvisi) ? e.avvisi : [];
    if (avvisi.length > 0) s.conAvvisi++;
    for (const a of avvisi) s.avvisi[a.code] = (s.avvisi[a.code] ?? 0) + 1;
    // Paths and codes only: an error never carries a value, so no codice fiscale reaches the console.
    if ((e.esito === 'RIFIUTATA' || e.esito === 'IN_CONFLITTO') && s.primeRifiutate.length < 5) {
      s.primeRifiutate.push({ riga: e.riga, esito: e.esito, errors: (e.errors ?? []).map((x) => `${x.path} ${x.code}`) });
    }
  }
  return s;
}

function formatSummary(fonte, s, how) {
  const warnings = Object.entries(s.avvisi).map(([code, n]) => `${code} ${n}`).join(', ');
  return (
    `demo: ${fonte} ${s.righe} lines through ${how}: ${s.accettate} accepted (${s.obsolete} of them stale: older than a version already there), ` +
    `${s.duplicate} duplicates, ${s.rifiutate} rejected, ${s.inConflitto} in conflict; ${s.conAvvisi} with warnings${warnings ? ` (${warnings})` : ''}`
  );
}

/**
 * Lines grouped by entity for the per-entity routes, the entities of `first` first (in that order), the
 * others sorted; each group in feed order and cut into batches of `size`. Each batch keeps its lines'
 * positions in the whole feed, so results are reported by the feed's line numbers.
 */
function perEntityBatches(lines, size, first = []) {
  const groups = new Map();
  lines.forEach((line, i) => {
    const { entita } = JSON.parse(line);
    if (!groups.has(entita)) groups.set(entita, []);
    groups.get(entita).push({ line, riga: i + 1 });
  });
  const order = [...first.filter((e) => groups.has(e)), ...[...groups.keys()].filter((e) => !first.includes(e)).sort()];
  const batches = [];
  for (const entita of order) {
    const g = groups.get(entita);
    for (let k = 0; k < g.length; k += size) batches.push({ entita, righe: g.slice(k, k + size) });
  }
  return batches;
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function problem(res) {
  return `${res.status} ${await res.text()}`.slice(0, 2000);
}

/** The file job: upload, poll until done, then every per-line result (in the body, or paged at /esiti). */
async function viaFileJob(fonte, base, lines, { timeoutMs = 180000, pollMs = 500, log = () => undefined } = {}) {
  const app = `ingest-${fonte.toLowerCase()}`;
  const res = await fetch(`${base}/v1/lotti`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-ndjson', 'x-correlation-id': `demo-${fonte.toLowerCase()}-lotto` },
    body: lines.length === 0 ? '' : `${lines.join('\n')}\n`,
  });
  if (res.status !== 202) throw new Error(`${app} answered ${await problem(res)} to the demo file`);
  const location = new URL(res.headers.get('location'), base).toString();
  const deadline = Date.now() + timeoutMs;
  let job;
  for (;;) {
    const r = await fetch(location);
    if (r.status !== 200) throw new Error(`GET ${new URL(location).pathname} answered ${await problem(r)}`);
    job = await r.json();
    if (TERMINAL.has(job.stato)) break;
    if (Date.now() > deadline) throw new Error(`the ${fonte} file job is still ${job.stato} after ${timeoutMs / 1000} s`);
    log(`demo: ${fonte} file job ${job.stato}, ${job.righeElaborate ?? '?'} of ${lines.length} lines done`);
    await sleep(pollMs);
  }
  if (job.stato === 'FALLITO') throw new Error(`the ${fonte} file job failed: ${JSON.stringify(job).slice(0, 2000)}`);
  if (Array.isArray(job.esiti) && job.esiti.length === lines.length) return job.esiti;
  const esiti = [];
  for (let dallaRiga = 1; dallaRiga !== null && dallaRiga !== undefined; ) {
    const r = await fetch(`${location}/esiti?dallaRiga=${dallaRiga}&limite=1000`);
    if (r.status !== 200) throw new Error(`GET .../esiti answered ${await problem(r)}`);
    const page = await r.json();
    esiti.push(...page.esiti);
    dallaRiga = page.esiti.length === 0 ? null : page.prossimaRiga;
  }
  if (esiti.length !== lines.length) throw new Error(`the ${fonte} file job reported ${esiti.length} results for ${lines.length} lines`);
  return esiti;
}

/** Synchronous batches per entity; results renumbered to the lines' positions in the feed. */
async function viaEntityBatches(fonte, base, lines, { size = 1000, first = [] } = {}) {
  const esiti = [];
  for (const b of perEntityBatches(lines, size, first)) {
    const res = await fetch(`${base}/v1/${b.entita}/lotti`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-ndjson', 'x-correlation-id': `demo-${fonte.toLowerCase()}-${b.entita}` },
      body: `${b.righe.map((x) => x.line).join('\n')}\n`,
    });
    if (res.status !== 200) throw new Error(`ingest-${fonte.toLowerCase()} answered ${await problem(res)} to a ${b.entita} batch`);
    const body = await res.json();
    for (const e of body.esiti) esiti.push({ ...e, riga: b.righe[e.riga - 1].riga });
  }
  return esiti.sort((a, b) => a.riga - b.riga);
}

/**
 * Sends a source's feed (`fonte`: SIISL, GePI) by file job or, with route 'entita', per-entity batches;
 * prints the summary; fails if a generated line was refused (the generators make only valid records).
 */
async function loadFeed({ fonte, base, lines, route = 'lotto', first = [], log = console.log }) {
  const esiti = route === 'entita' ? await viaEntityBatches(fonte, base, lines, { first }) : await viaFileJob(fonte, base, lines, { log });
  const s = summarise(esiti);
  log(formatSummary(fonte, s, route === 'entita' ? 'POST /v1/{entita}/lotti' : 'the file job POST /v1/lotti'));
  if (s.rifiutate + s.inConflitto > 0) throw new Error(`ingest-${fonte.toLowerCase()} refused generated ${fonte} lines, e.g. ${JSON.stringify(s.primeRifiutate)}`);
  return s;
}

/** The e-service kinds of the dev registry (apps/api/config/eservices.dev.json) by kind. */
function eservice(kind) {
  const e = require('../apps/api/config/eservices.dev.json').eservices.find((x) => x.kind === kind);
  if (e === undefined) throw new Error(`no e-service ${kind} in the dev registry`);
  return e;
}

/**
 * One consultazione as the demo consumer: voucher for the e-service's ids bound to a tracking evidence
 * (AUDIT_REST_02; harmless where it is not required), Digest and Agid-JWT-Signature over the body.
 */
async function consulta({ api, standin, kind, body: request }) {
  const e = eservice(kind);
  const body = JSON.stringify(request);
  const evidence = standin.trackingEvidence();
  const voucher = standin.voucher({ digest: evidence.digest, claims: { eserviceId: e.eserviceId, descriptorId: e.descriptorId } });
  const { headers } = standin.integrity({ body });
  const res = await fetch(`${api}${e.basePath}/consultazioni`, {
    method: 'POST',
    headers: { authorization: `Bearer ${voucher}`, 'Agid-JWT-TrackingEvidence': evidence.token, ...headers },
    body,
  });
  return { status: res.status, body: res.status === 200 ? await res.json() : await res.text() };
}

/**
 * Polls `read()` until `missing(answer)` is empty. `who` names the subject in the error (a position in a
 * list, never a codice fiscale).
 */
async function waitUntilServed({ read, missing, who, what, timeoutMs = 90000 }) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { status, body } = await read();
    const lacking = status === 200 ? missing(body) : [`the answer itself (status ${status})`];
    if (lacking.length === 0) return body;
    if (Date.now() > deadline) throw new Error(`the api did not serve the ${what} of ${who} within ${timeoutMs / 1000} s (missing: ${lacking.join(', ')})`);
    await sleep(500);
  }
}

module.exports = { summarise, formatSummary, perEntityBatches, loadFeed, consulta, waitUntilServed, eservice };
