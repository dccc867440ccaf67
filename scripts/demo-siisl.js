// The SIISL half of the demo (scripts/demo-data.js runs it after the CO data): sends the generated SIISL
// feed to ingest-siisl, as one file job (POST /v1/lotti, then GET /v1/lotti/{id} until it is done) or, with
// SIISL_DEMO_ROUTE=entita, as synchronous batches per entity (POST /v1/{entita}/lotti); sums up the
// per-line results; and waits until the api's fascicolo serves the SIISL parts of a citizen.
// The pure parts (summary, batching, what "served" means) are tested in test/demo-siisl.spec.ts.

const CATALOGUE = ['corso', 'offerta-lavoro'];
const TERMINAL = new Set(['COMPLETATO', 'FALLITO']);

/**
 * What the fascicolo must show, per cartella, for a citizen with the whole SIISL story. These are the field
 * names of the contract the api is being built to; when the api lands, this table is the one place to
 * reconcile. `some` = a non-empty list (optionally with a condition on its items); `present` = not null.
 */
const SIISL_PARTS = [
  { name: 'curriculum (cartella lavorativa)', path: ['cartellaLavorativa', 'siisl', 'curriculum'], kind: 'present' },
  { name: 'proposte di lavoro (cartella lavorativa)', path: ['cartellaLavorativa', 'siisl', 'proposteLavoro'], kind: 'some' },
  { name: 'misure ADI/SFL (cartella sociale)', path: ['cartellaSociale', 'misureInclusione'], kind: 'some' },
  { name: 'partecipazioni PUC (cartella sociale)', path: ['cartellaSociale', 'partecipazioniPuc'], kind: 'some' },
  // Linked: the enrolment shows its course from the catalogue (the course arrived and was linked).
  { name: 'iscrizioni con il corso collegato (cartella formativa)', path: ['cartellaFormativa', 'iscrizioni'], kind: 'some', item: (i) => i != null && i.corso != null },
  { name: 'manifestazioni di interesse (cartella formativa)', path: ['cartellaFormativa', 'manifestazioniInteresse'], kind: 'some' },
];

function at(obj, path) {
  return path.reduce((v, k) => (v != null && typeof v === 'object' ? v[k] : undefined), obj);
}

/** The parts of SIISL_PARTS the fascicolo does not show yet (their names; empty = all served). */
function missingSiislParts(fascicolo) {
  return SIISL_PARTS.filter((p) => {
    const v = at(fascicolo, p.path);
    if (p.kind === 'present') return v == null;
    return !Array.isArray(v) || !v.some(p.item ?? (() => true));
  }).map((p) => p.name);
}

/**
 * Counts of the per-line results of the ingest (`{riga, esito, obsoleta?, avvisi?, errors?}`), and the
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

function formatSummary(s, how) {
  const warnings = Object.entries(s.avvisi).map(([code, n]) => `${code} ${n}`).join(', ');
  return (
    `demo: SIISL ${s.righe} lines through ${how}: ${s.accettate} accepted (${s.obsolete} of them stale: older than a version already there), ` +
    `${s.duplicate} duplicates, ${s.rifiutate} rejected, ${s.inConflitto} in conflict; ${s.conAvvisi} with warnings${warnings ? ` (${warnings})` : ''}`
  );
}

/**
 * Lines grouped by entity for the per-entity routes, catalogue first (a real feed would not wait, and the
 * fold does not need it: it reads better), each group in feed order and cut into batches of `size`.
 * Each batch keeps its lines' positions in the whole feed, so results are reported by the feed's line numbers.
 */
function perEntityBatches(lines, size) {
  const groups = new Map();
  lines.forEach((line, i) => {
    const { entita } = JSON.parse(line);
    if (!groups.has(entita)) groups.set(entita, []);
    groups.get(entita).push({ line, riga: i + 1 });
  });
  const order = [...CATALOGUE.filter((e) => groups.has(e)), ...[...groups.keys()].filter((e) => !CATALOGUE.includes(e)).sort()];
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
async function viaFileJob(base, lines, { timeoutMs = 180000, pollMs = 500, log = () => undefined } = {}) {
  const res = await fetch(`${base}/v1/lotti`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-ndjson', 'x-correlation-id': 'demo-siisl-lotto' },
    body: lines.length === 0 ? '' : `${lines.join('\n')}\n`,
  });
  if (res.status !== 202) throw new Error(`ingest-siisl answered ${await problem(res)} to the demo file`);
  const location = new URL(res.headers.get('location'), base).toString();
  const deadline = Date.now() + timeoutMs;
  let job;
  for (;;) {
    const r = await fetch(location);
    if (r.status !== 200) throw new Error(`GET ${new URL(location).pathname} answered ${await problem(r)}`);
    job = await r.json();
    if (TERMINAL.has(job.stato)) break;
    if (Date.now() > deadline) throw new Error(`the SIISL file job is still ${job.stato} after ${timeoutMs / 1000} s`);
    log(`demo: SIISL file job ${job.stato}, ${job.righeElaborate ?? '?'} of ${lines.length} lines done`);
    await sleep(pollMs);
  }
  if (job.stato === 'FALLITO') throw new Error(`the SIISL file job failed: ${JSON.stringify(job).slice(0, 2000)}`);
  if (Array.isArray(job.esiti) && job.esiti.length === lines.length) return job.esiti;
  const esiti = [];
  for (let dallaRiga = 1; dallaRiga !== null && dallaRiga !== undefined; ) {
    const r = await fetch(`${location}/esiti?dallaRiga=${dallaRiga}&limite=1000`);
    if (r.status !== 200) throw new Error(`GET .../esiti answered ${await problem(r)}`);
    const page = await r.json();
    esiti.push(...page.esiti);
    dallaRiga = page.esiti.length === 0 ? null : page.prossimaRiga;
  }
  if (esiti.length !== lines.length) throw new Error(`the SIISL file job reported ${esiti.length} results for ${lines.length} lines`);
  return esiti;
}

/** Synchronous batches per entity; results renumbered to the lines' positions in the feed. */
async function viaEntityBatches(base, lines, { size = 1000 } = {}) {
  const esiti = [];
  for (const b of perEntityBatches(lines, size)) {
    const res = await fetch(`${base}/v1/${b.entita}/lotti`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-ndjson', 'x-correlation-id': `demo-siisl-${b.entita}` },
      body: `${b.righe.map((x) => x.line).join('\n')}\n`,
    });
    if (res.status !== 200) throw new Error(`ingest-siisl answered ${await problem(res)} to a ${b.entita} batch`);
    const body = await res.json();
    for (const e of body.esiti) esiti.push({ ...e, riga: b.righe[e.riga - 1].riga });
  }
  return esiti.sort((a, b) => a.riga - b.riga);
}

/** Sends the feed; prints the summary; fails if a generated line was refused (the generator makes only valid records). */
async function loadSiisl({ base, lines, route = 'lotto', log = console.log }) {
  const esiti = route === 'entita' ? await viaEntityBatches(base, lines) : await viaFileJob(base, lines, { log });
  const s = summarise(esiti);
  log(formatSummary(s, route === 'entita' ? 'POST /v1/{entita}/lotti' : 'the file job POST /v1/lotti'));
  if (s.rifiutate + s.inConflitto > 0) throw new Error(`ingest-siisl refused generated SIISL lines, e.g. ${JSON.stringify(s.primeRifiutate)}`);
  return s;
}

/** The fascicolo e-service as the demo consumer: voucher bound to a tracking evidence, Digest and Agid-JWT-Signature. */
async function readFascicolo({ api, standin, cf }) {
  const body = JSON.stringify({ codiceFiscale: cf });
  const evidence = standin.trackingEvidence();
  const voucher = standin.voucher({ digest: evidence.digest });
  const { headers } = standin.integrity({ body });
  const res = await fetch(`${api}/rest/fsl/v1/fascicoli/consultazioni`, {
    method: 'POST',
    headers: { authorization: `Bearer ${voucher}`, 'Agid-JWT-TrackingEvidence': evidence.token, ...headers },
    body,
  });
  return { status: res.status, body: res.status === 200 ? await res.json() : await res.text() };
}

/** Polls the fascicolo of each citizen until every SIISL part is served. */
async function waitForSiisl({ api, standin, cfs, timeoutMs = 90000 }) {
  const deadline = Date.now() + timeoutMs;
  for (const [k, cf] of cfs.entries()) {
    for (;;) {
      const { status, body } = await readFascicolo({ api, standin, cf });
      const missing = status === 200 ? missingSiislParts(body) : ['the fascicolo itself'];
      if (missing.length === 0) break;
      // The worker's position in the list, never the codice fiscale.
      if (Date.now() > deadline) throw new Error(`the api did not serve the SIISL parts of demo worker #${k} within ${timeoutMs / 1000} s (last status ${status}; missing: ${missing.join(', ')})`);
      await sleep(500);
    }
  }
}

module.exports = { SIISL_PARTS, missingSiislParts, summarise, formatSummary, perEntityBatches, loadSiisl, readFascicolo, waitForSiisl };
