import { randomBytes } from 'node:crypto';
import { DLQ_HEADERS, topicName } from '@fsl/kafka';
import { chiavePrestazione, chiavePrestazioneTesto, decodeFlusso, generateFlussi, operazioneDi, type FlussoDecodificato, type PrestazioneSociale, type PresaInCaricoSinba } from '@fsl/siuss';
import { randomCf, sendInOrder, waitFor } from '../../../test/support/env';
import { builderSuite, counterAfter, readDeadLetters } from '../../../test/support/builder-kit';
import { publishSiuss } from '../../../test/support/siuss-events';

// The municipalities' benefits through the real path: the events the gateway publishes (libs/siuss
// siussMessage) on the two SIUSS topics → the builder process (the one consumer of every source topic)
// → siuss_prestazione and siuss_sinba in Postgres, with the beneficiaries' dossier versions.

describe('SIUSS → cartella sociale through the broker', () => {
  const suite = builderSuite('siuss');
  const { prefix, group, pool } = suite;
  const run = randomBytes(3).toString('hex');

  /** A municipality's accepted flows for the given citizens, as decodeFlusso gives them to the gateway. */
  function decoded(seed: number, cfs: string[], extra: Parameters<typeof generateFlussi>[0] extends infer O ? Partial<O> : never = {}): FlussoDecodificato[] {
    return generateFlussi({ seed, codiceEnte: 'F205', count: 60, invalidShare: 0, beneficiari: cfs, cancellationShare: 0.2, ...extra })
      .map((g) => decodeFlusso(g.entry))
      .flatMap((r) => (r.ok ? [r.prestazione] : []));
  }
  const key = (p: PrestazioneSociale) => chiavePrestazioneTesto(chiavePrestazione(p));
  const rowsOf = async (cfs: string[]) =>
    new Map(
      (await pool.query<{ chiave: string; annullata: boolean; inserita: boolean }>('SELECT chiave, annullata, prestazione IS NOT NULL AS inserita FROM siuss_prestazione WHERE codice_fiscale = ANY($1)', [cfs])).rows.map((r) => [r.chiave, r]),
    );

  /** What the table must say, computed from the flows by ts_flusso (independent of the writer's SQL). */
  function expected(flows: readonly FlussoDecodificato[]) {
    const out = new Map<string, { insert?: number; cancel?: number }>();
    for (const f of flows) {
      if (f.tipo !== 'PS_PSA_SINA') continue;
      const e = out.get(key(f)) ?? {};
      const ts = f.intestazione.tsFlussoMillis;
      if (operazioneDi(f) === 'CANCELLAZIONE') e.cancel = Math.max(e.cancel ?? -1, ts);
      else e.insert = Math.max(e.insert ?? -1, ts);
      out.set(key(f), e);
    }
    return new Map([...out].map(([k, e]) => [k, { annullata: e.cancel !== undefined && (e.insert === undefined || e.cancel >= e.insert), inserita: e.insert !== undefined }]));
  }

  it('projects every benefit, voids the cancelled ones in either order, and keeps SINBA apart', async () => {
    const cfs = [randomCf(), randomCf(), randomCf()];
    const flows = decoded(Number.parseInt(run, 16), cfs);
    const cancellations = flows.filter((f) => f.tipo === 'PS_PSA_SINA' && operazioneDi(f) === 'CANCELLAZIONE') as PrestazioneSociale[];
    expect(cancellations.length).toBeGreaterThan(2);
    // Half the cancellations travel before their insert (a re-poll, or flows sharing a timestamp).
    const early = new Set(cancellations.filter((_, i) => i % 2 === 0));
    const order = [...early, ...flows.filter((f) => !early.has(f as PrestazioneSociale))];
    await publishSiuss(prefix, order);

    const want = expected(flows);
    const got = await waitFor('every benefit projected', async () => {
      const rows = await rowsOf(cfs);
      return rows.size === want.size && [...want].every(([k, w]) => rows.get(k)?.annullata === w.annullata && rows.get(k)?.inserita === w.inserita) ? rows : undefined;
    });
    expect([...got.values()].filter((r) => r.annullata).length).toBe([...want.values()].filter((w) => w.annullata).length);

    // Each beneficiary's dossier moved once per benefit row change.
    const versions = (await pool.query<{ codice_fiscale: string; version: string }>('SELECT codice_fiscale, version FROM dossier WHERE codice_fiscale = ANY($1)', [cfs])).rows;
    expect(versions.map((v) => v.codice_fiscale).sort()).toEqual([...new Set(flows.flatMap((f) => (f.tipo === 'PS_PSA_SINA' ? [f.beneficiario.codiceFiscale] : [])))].sort());

    const sinba = flows.filter((f) => f.tipo === 'SINBA') as PresaInCaricoSinba[];
    expect(sinba.length).toBeGreaterThan(0);
    const stored = await waitFor('the SINBA cases', async () => {
      const r = (await pool.query('SELECT id_beneficiario FROM siuss_sinba WHERE codice_ente = $1 AND id_beneficiario = ANY($2)', ['F205', sinba.map((s) => s.sinba.idBeneficiario)])).rows;
      return r.length === new Set(sinba.map((s) => s.sinba.idBeneficiario)).size ? r : undefined;
    });
    expect(stored.length).toBeGreaterThan(0);
    expect(await counterAfter(suite.builder.metricsUrl, 'builder_siuss_events_total', { kind: 'sinba', outcome: 'applied' }, 1)).toBeGreaterThanOrEqual(1);
  });

  it('sends a message that is no SIUSS flow to the dead letters and goes on', async () => {
    const cf = randomCf();
    const k = `poison-${run}`;
    await sendInOrder(topicName('siussPrestazioni', prefix), [[{ key: k, value: Buffer.from('{"not":"avro"}') }]]);
    const [good] = decoded(Number.parseInt(run, 16) + 1, [cf], { cancellationShare: 0, sinbaShare: 0, count: 1 }) as PrestazioneSociale[];
    await publishSiuss(prefix, [good]);
    await waitFor('the good benefit after the poison', async () => ((await rowsOf([cf])).has(key(good)) ? true : undefined));
    const letters = (await readDeadLetters(prefix, group, (l) => l.some((x) => x.key === k))).filter((l) => l.key === k);
    expect(letters.map((l) => l.headers[DLQ_HEADERS.topic])).toEqual([topicName('siussPrestazioni', prefix)]);
  });
});
