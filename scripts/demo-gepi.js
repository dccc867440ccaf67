// The GePI part of the demo (scripts/demo-data.js runs it after SIISL): the PaIS cases of the ADI households
// the SIISL demo feed makes (libs/gepi nucleiAdiDaSiisl, same seed), in an order a real feed might deliver
// them (libs/siisl deliveryOrder: some older versions after newer ones, a few repeats), sent to ingest-gepi
// through the shared client (scripts/demo-client.js: one file job, or with GEPI_DEMO_ROUTE=entita
// synchronous batches per entity, cases first); then waits until a citizen's cartella sociale links their
// case with their own sostegni and impegni. The pure parts are tested in test/demo-gepi.spec.ts.
const { loadFeed, consulta, waitUntilServed } = require('./demo-client');

/**
 * The GePI feed of the SIISL demo feed's ADI households: the cases (libs/gepi generateGepi, seed `seed`),
 * their records in delivery order, and the NDJSON lines of ingest-gepi's file job.
 */
function gepiFeed(siislFeed, seed) {
  const { generateGepi, gepiNdjsonLine, nucleiAdiDaSiisl } = require('@fsl/gepi');
  const { deliveryOrder } = require('@fsl/siisl');
  const nuclei = nucleiAdiDaSiisl(siislFeed.siisl.records);
  const data = generateGepi({ nuclei, seed });
  const consegne = deliveryOrder(data.records, { seed });
  return { nuclei, casi: data.casi, records: data.records, consegne, lines: consegne.map(gepiNdjsonLine) };
}

/** Counts of what the feed carries, for the console (no personal data). */
function gepiCounts(feed) {
  const byEntity = {};
  for (const g of feed.records) byEntity[g.entita] = (byEntity[g.entita] ?? 0) + 1;
  return {
    casi: feed.casi.length,
    trasferiti: feed.casi.filter((c) => c.trasferito).length,
    conLacune: feed.casi.filter((c) => c.documentiConLacune.length > 0).length,
    record: feed.records.length,
    righe: feed.lines.length,
    perEntita: byEntity,
  };
}

function formatCounts(c) {
  const entities = Object.entries(c.perEntita).sort(([a], [b]) => (a < b ? -1 : 1)).map(([e, n]) => `${e} ${n}`).join(', ');
  return `demo: GePI ${c.casi} cases (${c.trasferiti} moved to another ente, ${c.conLacune} with a PaIS version missing on purpose): ${c.record} record versions (${entities}) in ${c.righe} lines`;
}

/**
 * The case of the ADI household `cf` belongs to (the first, by application), or undefined; with what its
 * last records say: the case's state and the highest PaIS version number (what the api shows once every
 * record is folded).
 */
function casoDi(feed, cf) {
  const domande = new Set(feed.nuclei.filter((n) => n.codiciFiscali.includes(cf)).map((n) => n.domandaId));
  const caso = feed.casi.find((c) => domande.has(c.domandaId));
  if (caso === undefined) return undefined;
  const latest = (entita) =>
    feed.records.filter((g) => g.entita === entita && (entita === 'caso' ? g.record.id : g.record.casoId) === caso.casoId).reduce((a, g) => (a === undefined || g.record.versione > a.record.versione ? g : a), undefined);
  const pais = latest('pais');
  return { ...caso, stato: latest('caso').record.dati.stato, ...(pais ? { pais: { id: pais.record.id, numeroVersione: pais.record.dati.numeroVersione } } : {}) };
}

/**
 * What the cartella sociale must show for the citizen's case (`atteso`: casoDi's answer): the case linked in
 * its last state, its last PaIS version, and the citizen's own sostegni and impegni (member names of the
 * api's CasoPaisDto, apps/api/openapi.json). The names of what is missing; empty = all served.
 */
function missingGepiParts(atteso) {
  return (answer) => {
    const caso = (answer?.cartellaSociale?.casiPais ?? []).find((c) => c.identificativo === atteso.casoId);
    if (caso === undefined) return [`the case ${atteso.casoId} in cartellaSociale.casiPais`];
    const pais = atteso.pais;
    return [
      ...(caso.stato === atteso.stato ? [] : [`the case's state ${atteso.stato}`]),
      ...(pais === undefined || (caso.pais?.id === pais.id && caso.pais?.numeroVersione === pais.numeroVersione) ? [] : [`PaIS ${pais.id} version ${pais.numeroVersione}`]),
      ...(Array.isArray(caso.sostegni) && caso.sostegni.length > 0 ? [] : ["the citizen's sostegni"]),
      ...(Array.isArray(caso.impegni) && caso.impegni.length > 0 ? [] : ["the citizen's impegni"]),
    ];
  };
}

async function loadGepi({ base, lines, route = 'lotto', log = console.log }) {
  return loadFeed({ fonte: 'GePI', base, lines, route, first: ['caso'], log });
}

/** Polls the cartella sociale e-service until the citizen's case shows as `atteso` says; returns the case entry. */
async function waitForGepi({ api, standin, cf, atteso, who, timeoutMs = 90000 }) {
  const read = () => consulta({ api, standin, kind: 'cartella-sociale', body: { codiceFiscale: cf } });
  const answer = await waitUntilServed({ read, missing: missingGepiParts(atteso), who, what: 'PaIS case', timeoutMs });
  return answer.cartellaSociale.casiPais.find((c) => c.identificativo === atteso.casoId);
}

/** The whole case through the caso-pais e-service. */
async function readCaso({ api, standin, casoId }) {
  return consulta({ api, standin, kind: 'caso-pais', body: { casoId } });
}

module.exports = { gepiFeed, gepiCounts, formatCounts, casoDi, missingGepiParts, loadGepi, waitForGepi, readCaso };
