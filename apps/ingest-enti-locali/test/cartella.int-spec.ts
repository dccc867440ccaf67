import { randomBytes } from 'node:crypto';
import { generateFlussi, tsFlussoMillis, type FlussoEntry, type PrestazioneSociale } from '@fsl/siuss';
import { appDatabaseUrl, BROKERS, randomCf, TEST_PSEUDONYM_KEY } from '../../../test/support/env';
import { startApp, type RunningApp } from '../../../test/support/processes';
import { startApi, type Harness } from '../../api/test/support/harness';
import { Banco, freshEnte, PERSONAL_CF, until } from './support';

// End to end: a municipality's e-service → the gateway → Kafka → the dossier-builder → siuss_prestazione →
// the api's cartella sociale. Cancellations after their insert (a later ts_flusso) and before it (served first,
// on the insert's own timestamp: the order within one timestamp is undefined) both void the benefit.

type Prestazione = { codicePrestazione: string; idFlusso: string; ente: { codice: string }; importoMensileCentesimi?: number; quote?: Record<string, number> };

describe('the municipal gateway into the cartella sociale', () => {
  const banco = new Banco('gw-cartella');
  let builder: RunningApp;
  let api: Harness;

  beforeAll(async () => {
    await banco.start();
    builder = await startApp('dossier-builder', {
      KAFKA_BROKERS: BROKERS,
      KAFKA_TOPIC_PREFIX: banco.prefix,
      PSEUDONYM_KEY: TEST_PSEUDONYM_KEY,
      DATABASE_URL: appDatabaseUrl('fsl_builder'),
      CONSUMER_GROUP: `g-${randomBytes(4).toString('hex')}`,
    });
    api = await startApi({ tutti: { purpose: { eservices: ['cartella-sociale'], dati: ['sociale'], casiPais: 'tutti' } } } as Parameters<typeof startApi>[0]);
  }, 120_000);

  afterAll(async () => {
    await builder?.stop();
    await api?.close();
    await banco.close();
  }, 60_000);

  it('serves the benefits a municipality granted, without those it cancelled after or before their insert', async () => {
    const codice = await freshEnte();
    const persone = [randomCf(), randomCf(), randomCf()];
    const gen = generateFlussi({ seed: 41, codiceEnte: codice, count: 24, invalidShare: 0, sinbaShare: 0, cancellationShare: 0.25, beneficiari: persone });
    const cancellazioni = gen.filter((g) => g.cancella);
    expect(cancellazioni.length).toBeGreaterThanOrEqual(2);
    // The first cancellation stays after its insert; the second is moved onto its insert's timestamp and served first.
    const entries: FlussoEntry[] = gen.map((g) => ({ ...g.entry }));
    const prima = cancellazioni[1]!;
    const insert = entries.find((e) => e.id_flusso === prima.cancella)!;
    const c = entries.findIndex((e) => e.id_flusso === prima.entry.id_flusso);
    const [moved] = entries.splice(c, 1);
    moved!.ts_flusso = insert.ts_flusso;
    entries.splice(entries.indexOf(insert), 0, moved!);
    expect(tsFlussoMillis(moved!)).toBe(tsFlussoMillis(insert));

    const a = await banco.ente({ codice, flussi: entries, esiti: true });
    const g = await banco.gateway([a]);

    const annullati = new Set(cancellazioni.map((x) => x.cancella));
    const attesi = (cf: string) =>
      gen
        .filter((x) => !x.cancella && !annullati.has(x.entry.id_flusso) && (x.flusso as PrestazioneSociale).beneficiario.codiceFiscale === cf)
        .map((x) => x.entry.id_flusso)
        .sort();
    const servite = async (cf: string): Promise<Prestazione[] | undefined> => {
      const r = await api.call('cartella-sociale', api.consumers.tutti!, { body: { codiceFiscale: cf } });
      if (r.status !== 200) throw new Error(`api answered ${r.status}`);
      return (r.body.cartellaSociale as { prestazioniSociali: Prestazione[] } | undefined)?.prestazioniSociali;
    };
    for (const cf of persone) {
      await until(`the cartella sociale of a beneficiary with the municipality's benefits`, async () => {
        const list = await servite(cf);
        return list !== undefined && JSON.stringify(list.map((p) => p.idFlusso).sort()) === JSON.stringify(attesi(cf));
      }, 60_000);
    }
    // The two cancelled inserts are nowhere, and something is served at all.
    const all = (await Promise.all(persone.map(servite))).flat() as Prestazione[];
    expect(all.length).toBeGreaterThan(0);
    for (const id of annullati) expect(all.map((p) => p.idFlusso)).not.toContain(id);
    expect(all.every((p) => p.ente.codice === codice)).toBe(true);
    // Shares add up to the monthly amount where the municipality gave them (the generator's quotas do).
    for (const p of all.filter((x) => x.quote && x.importoMensileCentesimi !== undefined)) {
      const { enteCentesimi = 0, utenteCentesimi = 0, ssnCentesimi = 0 } = p.quote!;
      expect(enteCentesimi + utenteCentesimi + ssnCentesimi).toBe(p.importoMensileCentesimi);
    }
    expect(banco.logs.join('\n')).not.toMatch(PERSONAL_CF);
    await g.close();
  }, 180_000);
});
