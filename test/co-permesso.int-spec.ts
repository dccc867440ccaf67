// A non-EU worker's residence permit end to end: the ministry XML with the permit → ingest-co (process) →
// Kafka (event v2) → dossier-builder (process) → Postgres → the api's cartella lavorativa e-service, where
// one purpose is granted the permit and another, with the same cartella, is not.
import { coFixtures as F, coToAvro, serializeCoXml, type PermessoSoggiorno } from '@fsl/co';
import { topicName } from '@fsl/kafka';
import { cfPseudonym } from '@fsl/pseudonym';
import { encode, type ComunicazioneObbligatoriaV1 } from '@fsl/schemas';
import { Pool } from 'pg';
import { coEventIds, sourceRecordId } from '../apps/ingest-co/src/co-event.mapping';
import { codici } from '../apps/ingest-co/test/support';
import { coStack } from './support/co-stack';
import { DATABASE_URL, randomCf, TEST_PSEUDONYM_KEY, testKafka, waitFor } from './support/env';

jest.setTimeout(180_000);

const PERMESSO: PermessoSoggiorno = { tipoDocumento: '1', numeroDocumento: 'AB1234567', motivo: 'CSST1', scadenza: '2026-05-31', questura: '058' };

describe('residence permit: from the ministry XML to the purposes granted it', () => {
  const stack = coStack('co-permesso', {
    granted: { purpose: { eservices: ['cartella-lavorativa', 'fascicolo'], dati: ['lavorativa'], datiParticolari: ['permessoSoggiorno'] } },
    labour: { purpose: { eservices: ['cartella-lavorativa', 'fascicolo'], dati: ['lavorativa'] } },
  });
  const nextCodice = codici();
  const pool = new Pool({ connectionString: DATABASE_URL, max: 2 });
  afterAll(() => pool.end());

  it('reaches the cartella lavorativa of a purpose granted it, and only that one', async () => {
    const cf = randomCf();
    const co = F.fixtureUnisomm({ datiInvio: { codiceComunicazione: nextCodice(), tipoComunicazione: '01', dataInvio: '2024-02-28T10:00:00' } });
    co.lavoratore = { codiceFiscale: cf, cognome: 'HOXHA', nome: 'ARBEN', cittadinanza: '201', permessoSoggiorno: PERMESSO };
    const text = serializeCoXml(co);
    expect(text).toContain('<extraCE>');
    const res = await fetch(`${stack.ingest.url}/v1/comunicazioni`, { method: 'POST', headers: { 'content-type': 'application/xml' }, body: text });
    expect(res.status).toBe(202);

    await waitFor('the worker in the projection', async () => {
      const { rows } = await pool.query('SELECT 1 FROM cartella_lavorativa WHERE codice_fiscale = $1', [cf]);
      return rows.length > 0 ? true : undefined;
    });

    const granted = await stack.api.call('cartella-lavorativa', stack.api.consumers.granted, { body: { codiceFiscale: cf } });
    expect(granted.status).toBe(200);
    const cartella = granted.body.cartellaLavorativa as Record<string, any>;
    expect(cartella.permessoSoggiorno).toEqual(PERMESSO);
    // the UNISOMM's user company is in the contract for everyone
    expect(cartella.rapporti[0].missione).toEqual({ utilizzatore: { codiceFiscale: F.FIXTURE_EMPLOYER_CF, denominazione: 'ESEMPIO SRL' }, dal: '2024-03-01', al: '2024-05-31' });

    const labour = await stack.api.call('cartella-lavorativa', stack.api.consumers.labour, { body: { codiceFiscale: cf } });
    expect(labour.status).toBe(200);
    const without = labour.body.cartellaLavorativa as Record<string, any>;
    expect(without).not.toHaveProperty('permessoSoggiorno');
    expect(labour.text).not.toContain(PERMESSO.numeroDocumento);
    // the same cartella otherwise
    expect({ ...cartella, permessoSoggiorno: undefined }).toEqual({ ...without, permessoSoggiorno: undefined });

    // the consolidated fascicolo follows the same grant
    const fascicolo = await stack.api.call('fascicolo', stack.api.consumers.granted, { body: { codiceFiscale: cf }, evidenceClaims: { userID: cf } });
    expect((fascicolo.body.cartellaLavorativa as Record<string, any>).permessoSoggiorno).toEqual(PERMESSO);
    const fascicoloLabour = await stack.api.call('fascicolo', stack.api.consumers.labour, { body: { codiceFiscale: cf }, evidenceClaims: { userID: cf } });
    expect(fascicoloLabour.status).toBe(200);
    expect(fascicoloLabour.text).not.toContain(PERMESSO.numeroDocumento);
  });

  it('a message written with event v1 (before the permit existed) is still folded by the builder', async () => {
    const cf = randomCf();
    const co = F.fixtureAssunzione({ datiInvio: { codiceComunicazione: nextCodice(), tipoComunicazione: '01', dataInvio: '2024-02-28T10:00:00+01:00' } });
    co.lavoratore = { codiceFiscale: cf, cognome: 'ROSSI', nome: 'MARIA' };
    const [payload] = coToAvro(co);
    // The v1 shape: no permit, no VARDATORI anagrafica or terms, no UNIURG terms.
    const { permessoSoggiorno: _p, ...lavoratore } = payload.lavoratore!;
    const v1: ComunicazioneObbligatoriaV1 = { ...payload, lavoratore, lavoratori: [], inizioUrgenza: null };
    const header = {
      eventId: coEventIds(co)[0],
      sourceSystem: 'CO',
      entityType: 'COMUNICAZIONE_OBBLIGATORIA',
      operation: 'UPSERT' as const,
      sourceRecordId: sourceRecordId(co.datiInvio.codiceComunicazione, 0),
      sourceVersion: 1,
      occurredAt: Date.parse(co.datiInvio.dataInvio),
      ingestedAt: Date.now(),
      correlationId: null,
    };
    const value = encode('co.comunicazione-obbligatoria', { header, payload: v1 } as never, { version: 1 });
    const producer = testKafka().producer({ idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
    try {
      await producer.send({ topic: topicName('coComunicazioni', stack.prefix), acks: -1, messages: [{ key: cfPseudonym(cf, TEST_PSEUDONYM_KEY), value }] });
    } finally {
      await producer.disconnect();
    }
    await waitFor('the worker in the projection', async () => {
      const { rows } = await pool.query('SELECT 1 FROM cartella_lavorativa WHERE codice_fiscale = $1', [cf]);
      return rows.length > 0 ? true : undefined;
    });
    const answer = await stack.api.call('cartella-lavorativa', stack.api.consumers.granted, { body: { codiceFiscale: cf } });
    const cartella = answer.body.cartellaLavorativa as Record<string, any>;
    expect(cartella.rapporti).toHaveLength(1);
    expect(cartella.rapporti[0]).toMatchObject({ dataInizio: '2024-03-01', tipologiaContrattuale: 'A.02.00' });
    expect(cartella).not.toHaveProperty('permessoSoggiorno');
  });
});
