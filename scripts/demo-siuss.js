// The municipalities' benefits in the demo: two stand-in municipalities (libs/waas-standin, started by
// scripts/stack.sh with flows for the demo's people) are polled by the gateway (apps/ingest-enti-locali);
// this waits until the gateway acquired from both and the api serves a benefit of demo worker #0's.
const { consulta, waitUntilServed } = require('./demo-client');

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** The gateway's operator view once every municipality was polled and gave at least one flow. */
async function waitForGateway({ gateway, timeoutMs = 90000 }) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const res = await fetch(`${gateway}/v1/enti`).catch(() => undefined);
    const enti = res && res.status === 200 ? (await res.json()).enti : [];
    if (enti.length > 0 && enti.every((e) => e.ultimoPollRiuscito && e.flussi.OK > 0)) return enti;
    if (Date.now() > deadline) {
      const state = enti.map((e) => `${e.codice}: ${e.ultimoErrore ?? `${e.flussi?.OK ?? 0} flows`}`).join('; ');
      throw new Error(`the gateway did not acquire from every municipality within ${timeoutMs / 1000} s (${state || 'no answer'})`);
    }
    await sleep(500);
  }
}

async function demoSiuss({ api, gateway, standin, cf }) {
  const enti = await waitForGateway({ gateway });
  for (const e of enti) {
    const rifiutati = e.flussi.RICHIESTA_INVALIDA + e.flussi.DATI_NON_TROVATI + e.flussi.ERRORE_GENERICO;
    console.log(
      `demo: SIUSS ${e.codice} (${e.denominazione}): ${e.flussi.OK} flows acquired, ${rifiutati} refused (dead letters), cursor ${e.cursore.tsFlusso ?? 0}; ` +
        `outcomes ${e.esitiAttivi ? `on (${e.esiti.CONSEGNATO} delivered, ${e.esiti.IN_ATTESA} pending)` : 'off'}`,
    );
  }
  const answer = await waitUntilServed({
    read: () => consulta({ api, standin, kind: 'cartella-sociale', body: { codiceFiscale: cf } }),
    missing: (b) => (b.cartellaSociale?.prestazioniSociali?.length ? [] : ['a benefit granted by a municipality']),
    who: 'demo worker #0',
    what: 'municipal benefits',
  });
  const list = answer.cartellaSociale.prestazioniSociali;
  console.log(
    `demo: the cartella sociale of demo worker #0 shows ${list.length} benefit(s) from municipalities: ` +
      list.map((p) => `${p.codicePrestazione} ${p.nomePrestazione ?? p.denominazionePrestazione} (${p.ente.denominazione ?? p.ente.codice}, from ${p.dataInizio ?? p.dataErogazione})`).join('; '),
  );
}

module.exports = { demoSiuss, waitForGateway };
