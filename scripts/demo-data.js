#!/usr/bin/env node
// A small, deterministic demo data set pushed through the real path: ingest-co, ingest-siisl and ingest-gepi
// (HTTP) → Kafka → dossier-builder → Postgres → api. The same people in the three sources: the CO
// generator's workers and 4 named workers get SIISL records (CVs, proposals, courses, enrolments, ADI/SFL,
// PUC), the hirings the SIISL story implies (a course, an accepted proposal, then a hiring) are in their CO
// feed, and their ADI households get GePI cases (analyses, équipes, PaIS with sostegni and impegni). Waits
// until the api serves every demo worker, the SIISL parts of the first one (who has the whole story) and
// her PaIS case in her cartella sociale.
const { encodePersonalCf } = require('@fsl/codice-fiscale');
const { loadSiisl, waitForSiisl } = require('./demo-siisl');
const { gepiFeed, gepiCounts, formatCounts, casoDi, loadGepi, waitForGepi } = require('./demo-gepi');
const { demoSiuss } = require('./demo-siuss');

const INGEST = process.env.INGEST_CO_URL || 'http://127.0.0.1:3001';
const INGEST_SIISL = process.env.INGEST_SIISL_URL || 'http://127.0.0.1:3002';
const INGEST_GEPI = process.env.INGEST_GEPI_URL || 'http://127.0.0.1:3003';
const INGEST_ENTI = process.env.INGEST_ENTI_URL || 'http://127.0.0.1:3005';
const API = process.env.API_URL || 'http://127.0.0.1:3000';
const SEED = 20250331;

const PEOPLE = [
  { surname: 'Rossi', name: 'Maria', sex: 'F', birthDate: '1985-03-12', placeCode: 'H501' },
  { surname: 'Bianchi', name: 'Luca', sex: 'M', birthDate: '1990-11-02', placeCode: 'F205' },
  { surname: 'Esposito', name: 'Giuseppe', sex: 'M', birthDate: '1978-07-21', placeCode: 'F839' },
  { surname: 'Russo', name: 'Anna', sex: 'F', birthDate: '2001-01-30', placeCode: 'L219' },
];
const DEMO_WORKERS = PEOPLE.map(encodePersonalCf);
const EMPLOYERS = [
  { codiceFiscale: '02877740213', denominazione: 'Alpi Costruzioni srl', settore: '41.20.00', sedeLavoro: { comune: 'L219' } },
  { codiceFiscale: '00349040287', denominazione: 'Cooperativa Sociale Veneta', settore: '56.10.11', sedeLavoro: { comune: 'F205' } },
];

/** Complete UNILAV hirings in the libs/co model, the JSON that POST /v1/comunicazioni accepts. */
function hirings() {
  return PEOPLE.map((p, i) => ({
    modello: 'UNILAV',
    tipoEvento: 'ASS',
    datiInvio: { codiceComunicazione: `21000250000${String(10001 + i).padStart(5, '0')}`, tipoComunicazione: '01', dataInvio: `2025-0${1 + i}-15T09:30:00Z` },
    datore: EMPLOYERS[i % EMPLOYERS.length],
    lavoratore: {
      codiceFiscale: DEMO_WORKERS[i],
      cognome: p.surname.toUpperCase(),
      nome: p.name.toUpperCase(),
      sesso: p.sex,
      nascita: { comune: p.placeCode, data: p.birthDate },
      cittadinanza: '000',
    },
    inizio: {
      dataInizio: `2025-0${1 + i}-16`,
      ...(i % 2 ? { dataFine: '2025-12-31' } : {}),
      tipologiaContrattuale: i % 2 ? 'A.02.00' : 'A.01.00',
      tipoOrario: 'F',
      qualificaProfessionale: '5.2.2.3.1.0',
    },
  }));
}

/**
 * Both feeds for the same people (libs/siisl generateSiislFeed): the generated workers' CO histories with
 * the hirings their SIISL story implies, the SIISL records in delivery order (stale versions and repeats
 * included, a few unknown ESCO codes for the warnings), and the implied hirings of the named workers. The
 * first named worker gets the whole story.
 */
function demoFeed(workers) {
  const { generateSiislFeed } = require('@fsl/siisl');
  return generateSiislFeed({
    workers,
    seed: SEED,
    coSeed: SEED,
    codiciSconosciuti: 0.03,
    altrePersone: hirings().map((co, i) => ({ lavoratore: co.lavoratore, cos: [co], storiaCompleta: i === 0, prefissoComunicazione: `21000259999${i}` })),
  });
}

/**
 * Realistic CO histories from the seeded generator (libs/co): proroghe, trasformazioni, cessazioni,
 * rettifiche, annullamenti, UNIURG then UNILAV, VARDATORI, and the hirings the SIISL story implies — sent
 * as one NDJSON batch.
 */
async function generatedHistories(cos, workers) {
  const { serializeCoNdjson } = require('@fsl/co');
  const res = await fetch(`${INGEST}/v1/comunicazioni/lotti`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-ndjson', 'x-correlation-id': 'demo-generated-batch' },
    body: serializeCoNdjson(cos),
  });
  if (res.status !== 200) throw new Error(`ingest answered ${res.status} to the demo batch: ${await res.text()}`);
  const body = await res.json();
  const rejected = body.esiti.filter((r) => r.esito === 'RIFIUTATA').length;
  const conflicts = body.esiti.filter((r) => r.esito === 'IN_CONFLITTO').length;
  console.log(`demo: ${cos.length} generated COs for ${workers} workers sent as one NDJSON batch (${rejected} rejected, ${conflicts} in conflict)`);
}

async function main() {
  const workers = Number(process.env.DEMO_WORKERS || 200);
  const feed = demoFeed(workers);
  await generatedHistories(feed.cos, workers);
  for (const co of [...hirings(), ...feed.coAltrePersone]) {
    const res = await fetch(`${INGEST}/v1/comunicazioni`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-correlation-id': `demo-${co.datiInvio.codiceComunicazione}` },
      body: JSON.stringify(co),
    });
    if (res.status !== 202) throw new Error(`ingest answered ${res.status}: ${await res.text()}`);
  }
  // The api answers PDND vouchers only: mint them with the stack's stand-in keys (DEV ONLY), for the
  // dev table's demo consumer. An unknown worker is a 200 with no cartella, so wait for the cartella.
  const { PdndStandin, loadOrCreateKeys } = require('@fsl/pdnd-standin');
  const standin = new PdndStandin({ keys: loadOrCreateKeys(process.env.PDND_STANDIN_DIR || require('node:path').join(__dirname, '..', '.run', 'pdnd-standin')) });
  const lavorativa = require('../apps/api/config/eservices.dev.json').eservices.find((e) => e.kind === 'cartella-lavorativa');
  const deadline = Date.now() + 60000;
  for (const cf of DEMO_WORKERS) {
    for (;;) {
      const voucher = standin.voucher({ claims: { eserviceId: lavorativa.eserviceId, descriptorId: lavorativa.descriptorId } });
      const res = await fetch(`${API}/v1/cartelle-lavorative/${cf}`, { headers: { authorization: `Bearer ${voucher}` } });
      if (res.status === 200 && (await res.json()).cartellaLavorativa) break;
      if (Date.now() > deadline) throw new Error(`the api did not serve a demo worker within 60 s (last status ${res.status})`);
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  console.log(`demo: ${DEMO_WORKERS.length} workers ingested and readable through the api`);
  if (process.env.DEMO_SIISL !== 'off') {
    const { ndjsonLine } = require('@fsl/siisl');
    await loadSiisl({ base: INGEST_SIISL, lines: feed.consegne.map(ndjsonLine), route: process.env.SIISL_DEMO_ROUTE === 'entita' ? 'entita' : 'lotto' });
    await waitForSiisl({ api: API, standin, cfs: [DEMO_WORKERS[0]] });
    console.log(`demo: SIISL for ${workers + DEMO_WORKERS.length} people (${feed.siisl.assunzioniAttese.length} hirings after a proposal in their CO feed); the fascicolo of demo worker #0 serves all three cartelle`);
  }
  if (process.env.DEMO_GEPI !== 'off') await demoGepi(feed, standin);
  // The municipalities' benefits: the gateway pulls them by itself from the stand-ins scripts/stack.sh started.
  if (process.env.DEMO_SIUSS !== 'off') await demoSiuss({ api: API, gateway: INGEST_ENTI, standin, cf: DEMO_WORKERS[0] });
}

/** GePI after SIISL: the cases of the same ADI households; waits until Maria Rossi's cartella sociale links hers. */
async function demoGepi(feed, standin) {
  const gepi = gepiFeed(feed, SEED);
  console.log(formatCounts(gepiCounts(gepi)));
  await loadGepi({ base: INGEST_GEPI, lines: gepi.lines, route: process.env.GEPI_DEMO_ROUTE === 'entita' ? 'entita' : 'lotto' });
  const mine = casoDi(gepi, DEMO_WORKERS[0]);
  if (mine === undefined) throw new Error('the GePI demo feed has no case for demo worker #0');
  const caso = await waitForGepi({ api: API, standin, cf: DEMO_WORKERS[0], atteso: mine, who: 'demo worker #0' });
  console.log(
    `demo: the cartella sociale of demo worker #0 links the case ${caso.identificativo} (${caso.stato}, ente ${caso.enteGestore}, PaIS ${caso.pais.id} version ${caso.pais.numeroVersione}): ` +
      `${caso.sostegni.length} sostegni and ${caso.impegni.length} impegni of theirs; read it whole through the caso-pais e-service with {"casoId":"${caso.identificativo}"}`,
  );
}

module.exports = { DEMO_WORKERS, SEED, demoFeed };
if (require.main === module) {
  main().catch((err) => {
    console.error(`demo data failed: ${err.message}`);
    process.exit(1);
  });
}
