import type { KafkaMessage } from '@fsl/kafka';
import { chiavePrestazione, chiavePrestazioneTesto, decodeFlusso, generateFlussi, type PrestazioneSociale, type PresaInCaricoSinba } from '@fsl/siuss';
import { randomCf } from '../../../test/support/env';
import { handlerSuite } from '../../../test/support/handler-kit';
import { siussKafkaMessage } from '../../../test/support/siuss-events';
import { SiussPrestazioniChunkHandler, SiussSinbaChunkHandler } from './siuss.handler';
import type { SinbaChunkOutcome, SiussChunkOutcome } from './siuss.writer';

// The benefits projection at the handler, on the real database: a cancellation voids its benefit whether
// it comes before or after the insert, a correction (cancellation then a new insert) brings it back, a
// flow re-polled changes nothing, a redelivered chunk is skipped by the stored offset; SINBA apart.
describe('SIUSS chunk handlers (real Postgres)', () => {
  const ps = handlerSuite<SiussPrestazioniChunkHandler, SiussChunkOutcome>('siuss-ps', (...a) => new SiussPrestazioniChunkHandler(...a));
  const sb = handlerSuite<SiussSinbaChunkHandler, SinbaChunkOutcome>('siuss-sinba', (...a) => new SiussSinbaChunkHandler(...a));
  let offset = 0;
  const chunk = (topic: string, flows: Array<PrestazioneSociale | PresaInCaricoSinba>, at = offset) => {
    offset = at + flows.length;
    return { topic, partition: 0, messages: flows.map((f, i) => ({ ...siussKafkaMessage(f).message, offset: String(at + i), timestamp: '0', attributes: 0 }) as unknown as KafkaMessage) };
  };

  /** A benefit of a fresh citizen, its cancellation and a correction, with their ts_flusso in order. */
  function story(cf: string) {
    // A periodic benefit (it has a monthly amount).
    const base = generateFlussi({ seed: 77, codiceEnte: 'F205', count: 20, invalidShare: 0, sinbaShare: 0, cancellationShare: 0, sharedTimestampShare: 0, beneficiari: [cf] })
      .map((g) => g.flusso as PrestazioneSociale)
      .find((f) => f.prestazione.caratterePrestazione === '1')!;
    const at = (ts: number, id: string, tipoOperazione: 'I' | 'C', importoMensile?: string): PrestazioneSociale => ({
      ...base,
      intestazione: { ...base.intestazione, idFlusso: id, nomeFlusso: id, tsFlussoMillis: ts, tsFlusso: new Date(ts).toISOString() },
      prestazione: { ...base.prestazione, tipoOperazione, ...(importoMensile ? { importoMensile } : {}) },
    });
    const t = base.intestazione.tsFlussoMillis;
    return { insert: at(t, 'F205.PS.20250303.0000101', 'I', '120.00'), cancel: at(t + 1000, 'F205.PS.20250303.0000102', 'C'), correction: at(t + 2000, 'F205.PS.20250303.0000103', 'I', '999.00') };
  }
  const row = async (p: PrestazioneSociale) =>
    (await ps.pool.query('SELECT annullata, inserita_id_flusso, annullata_id_flusso, prestazione->\'prestazione\'->>\'importoMensile\' AS importo FROM siuss_prestazione WHERE chiave = $1', [chiavePrestazioneTesto(chiavePrestazione(p))])).rows[0];
  const version = async (cf: string) => Number((await ps.pool.query('SELECT version FROM dossier WHERE codice_fiscale = $1', [cf])).rows[0]?.version ?? 0);

  it('voids a benefit whether its cancellation comes after or before it; a correction brings it back', async () => {
    const [a, b] = [randomCf(), randomCf()];
    const sa = story(a);
    const sbs = story(b);
    await ps.handler.processChunk(chunk(ps.topic, [sa.insert, sbs.cancel]));
    expect(await row(sa.insert)).toEqual({ annullata: false, inserita_id_flusso: sa.insert.intestazione.idFlusso, annullata_id_flusso: null, importo: '120.00' });
    // b: the cancellation alone, its insert not arrived yet.
    expect(await row(sbs.insert)).toEqual({ annullata: true, inserita_id_flusso: null, annullata_id_flusso: sbs.cancel.intestazione.idFlusso, importo: null });
    await ps.handler.processChunk(chunk(ps.topic, [sa.cancel, sbs.insert]));
    expect(await row(sa.insert)).toMatchObject({ annullata: true, annullata_id_flusso: sa.cancel.intestazione.idFlusso });
    expect(await row(sbs.insert)).toMatchObject({ annullata: true, inserita_id_flusso: sbs.insert.intestazione.idFlusso });
    await ps.handler.processChunk(chunk(ps.topic, [sa.correction]));
    expect(await row(sa.insert)).toEqual({ annullata: false, inserita_id_flusso: sa.correction.intestazione.idFlusso, annullata_id_flusso: sa.cancel.intestazione.idFlusso, importo: '999.00' });
    expect([await version(a), await version(b)]).toEqual([3, 2]);
  });

  it('changes nothing for a re-polled flow or an older insert; skips a redelivered chunk', async () => {
    const cf = randomCf();
    const s = story(cf);
    const first = chunk(ps.topic, [s.correction]);
    await ps.handler.processChunk(first);
    const observedBefore = ps.observed.length;
    await ps.handler.processChunk(first); // Kafka delivers it again: the stored offset skips it
    expect(ps.observed.length).toBe(observedBefore);
    await ps.handler.processChunk(chunk(ps.topic, [s.correction, s.insert])); // re-polled, then an older version
    expect(ps.observed.at(-1)).toEqual({ prestazioni: 0, invariate: 2, citizens: 0 });
    expect(await row(s.insert)).toMatchObject({ annullata: false, inserita_id_flusso: s.correction.intestazione.idFlusso, importo: '999.00' });
    expect(await version(cf)).toBe(1);
  });

  it('keeps SINBA cases apart, latest flow per minor, no dossier of anyone', async () => {
    // A seed of this run: the test database keeps the minors of earlier runs.
    const flows = generateFlussi({ seed: Number.parseInt(sb.stamp.slice(-6), 36), codiceEnte: 'H501', count: 30, invalidShare: 0, sinbaShare: 1 }).map((g) => decodeFlusso(g.entry)).flatMap((r) => (r.ok ? [r.prestazione as PresaInCaricoSinba] : []));
    const [one] = flows;
    const later: PresaInCaricoSinba = { ...one, intestazione: { ...one.intestazione, idFlusso: 'H501.SINBA.20250304.0000001', tsFlussoMillis: one.intestazione.tsFlussoMillis + 86_400_000 }, sinba: { ...one.sinba, luogoVita: '4' } };
    await sb.handler.processChunk(chunk(sb.topic, [later, one]));
    const rows = (await sb.pool.query('SELECT id_flusso, presa_in_carico->\'sinba\'->>\'luogoVita\' AS luogo FROM siuss_sinba WHERE codice_ente = $1 AND id_beneficiario = $2', ['H501', one.sinba.idBeneficiario])).rows;
    expect(rows).toEqual([{ id_flusso: later.intestazione.idFlusso, luogo: '4' }]);
    expect(sb.observed.at(-1)).toEqual({ casi: 1, invariate: 1 });
  });
});
