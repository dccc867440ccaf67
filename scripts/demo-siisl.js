// The SIISL part of the demo (scripts/demo-data.js runs it after the CO data): sends the generated SIISL
// feed to ingest-siisl through the shared client (scripts/demo-client.js: one file job, or with
// SIISL_DEMO_ROUTE=entita synchronous batches per entity, catalogue first), and waits until the api's
// fascicolo serves the SIISL parts of a citizen. The pure parts are tested in test/demo-siisl.spec.ts.

const { summarise, formatSummary: formatAny, perEntityBatches: batchesAny, loadFeed, consulta, waitUntilServed } = require('./demo-client');

const CATALOGUE = ['corso', 'offerta-lavoro'];

/**
 * What the fascicolo must show, per cartella, for a citizen with the whole SIISL story (member names of the
 * api's FascicoloDto, apps/api/openapi.json). `some` = a non-empty list (optionally with a condition on its
 * items); `present` = not null.
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

/** Sends the SIISL feed (scripts/demo-client.js), catalogue first when sent per entity. */
async function loadSiisl({ base, lines, route = 'lotto', log = console.log }) {
  return loadFeed({ fonte: 'SIISL', base, lines, route, first: CATALOGUE, log });
}

/** The fascicolo e-service as the demo consumer. */
async function readFascicolo({ api, standin, cf }) {
  return consulta({ api, standin, kind: 'fascicolo', body: { codiceFiscale: cf } });
}

/** Polls the fascicolo of each citizen until every SIISL part is served. */
async function waitForSiisl({ api, standin, cfs, timeoutMs = 90000 }) {
  for (const [k, cf] of cfs.entries()) {
    // The worker's position in the list, never the codice fiscale.
    await waitUntilServed({ read: () => readFascicolo({ api, standin, cf }), missing: missingSiislParts, who: `demo worker #${k}`, what: 'SIISL parts', timeoutMs });
  }
}

const formatSummary = (s, how) => formatAny('SIISL', s, how);
const perEntityBatches = (lines, size) => batchesAny(lines, size, CATALOGUE);

module.exports = { SIISL_PARTS, missingSiislParts, summarise, formatSummary, perEntityBatches, loadSiisl, readFascicolo, waitForSiisl };
