import { decode, encode, eventId, SchemaCatalogue } from '@fsl/schemas';
import { pseudonymizer } from '@fsl/pseudonym';
import { decodeFlusso } from './decode';
import { CF, PS_XML, psEntry, sinbaEntry } from './fixtures';
import { generateFlussi } from './generator';
import type { FlussoDecodificato, PrestazioneSociale } from './model';
import { prestazioneSocialeFromAvro, SINBA_AVRO_FIELDS, sinbaFromAvro, siussKafkaKey, siussKeyMaterial, siussMessage, SiussAvroMappingError } from './avro-mapping';

const decoded = (entry: unknown): FlussoDecodificato => {
  const r = decodeFlusso(entry);
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.prestazione;
};
const psOf = (entry: unknown) => decoded(entry) as PrestazioneSociale;
const KEY = 'k'.repeat(32);

/** Through the real codec and back to the model: nothing of the flow may be lost on the way. */
function roundTrip(f: FlussoDecodificato): FlussoDecodificato {
  const m = siussMessage(f, { ingestedAt: 1, tabelleCodici: { nomenclaturaPrestazioni: '2026.1' } });
  const back = decode(encode(m.subject, m.event as never));
  expect(back.subject).toBe(m.subject);
  const payload = back.value.payload as never;
  return m.subject === 'siuss.sinba' ? sinbaFromAvro(payload).sinba : prestazioneSocialeFromAvro(payload).prestazione;
}

describe('the Avro mapping', () => {
  it('round-trips the hand-written flows and every flow the generator makes, field by field', () => {
    expect(roundTrip(decoded(psEntry()))).toEqual(decoded(psEntry()));
    expect(roundTrip(decoded(sinbaEntry()))).toEqual(decoded(sinbaEntry()));
    const flows = generateFlussi({ seed: 3, codiceEnte: 'H501', count: 300, invalidShare: 0 });
    for (const g of flows) expect(roundTrip(decoded(g.entry))).toEqual(g.flusso);
  });

  it('writes the header from the flow: ts_flusso is the version, a cancellation is a VOID carrying the benefit', () => {
    const insert = psOf(psEntry());
    const m = siussMessage(insert, { ingestedAt: 1_800_000_000_000, correlationId: 'c-1' });
    const ts = Date.UTC(2025, 0, 10, 9, 30, 0, 125);
    expect([m.topic, m.subject]).toEqual(['siussPrestazioni', 'siuss.prestazione-sociale']);
    expect(m.event.header).toEqual({
      eventId: eventId('SIUSS', 'F205/F205.PS.20250110.0000012', ts),
      sourceSystem: 'SIUSS',
      entityType: 'PRESTAZIONE_SOCIALE',
      operation: 'UPSERT',
      sourceRecordId: 'F205/F205.PS.20250110.0000012',
      sourceVersion: ts,
      occurredAt: ts,
      ingestedAt: 1_800_000_000_000,
      correlationId: 'c-1',
    });
    const cancel = psOf(psEntry(PS_XML.replace('TipoOperazione="I"', 'TipoOperazione="C"')));
    const c = siussMessage(cancel, { ingestedAt: 1 });
    expect(c.event.header.operation).toBe('VOID');
    expect(c.event.payload?.prestazione.tipoOperazione).toBe('C');
    const implicit = psOf(psEntry(PS_XML.replace(' TipoOperazione="I"', '')));
    expect([siussMessage(implicit, { ingestedAt: 1 }).event.header.operation, siussMessage(implicit, { ingestedAt: 1 }).event.payload?.prestazione.tipoOperazione]).toEqual(['UPSERT', null]);
  });

  it('puts SINBA on its own topic and subject, keyed apart from any codice fiscale', () => {
    const s = decoded(sinbaEntry());
    const m = siussMessage(s, { ingestedAt: 1 });
    expect([m.topic, m.subject, m.event.header.entityType, m.keyMaterial]).toEqual(['siussSinba', 'siuss.sinba', 'PRESA_IN_CARICO_SINBA', 'SINBA/F205/MIN-0042']);
  });

  it('keys a benefit by the keyed pseudonym of the CF as written: the same key as the person\'s other events', () => {
    const f = decoded(psEntry());
    expect(siussKeyMaterial(f)).toBe(CF);
    expect(siussKafkaKey(f, pseudonymizer(KEY))).toBe(pseudonymizer(KEY)(CF));
    expect(siussKafkaKey(f, pseudonymizer(KEY))).not.toContain(CF);
  });

  it('maps every SINBA field of the schema, in its order', () => {
    const schema = SchemaCatalogue.load().current('siuss.sinba').type.schema() as { fields: { name: string; type: unknown }[] };
    const payload = (schema.fields[1].type as unknown[])[1] as { fields: { name: string; type: { fields: { name: string }[] } }[] };
    expect(payload.fields.find((x) => x.name === 'sinba')!.type.fields.map((x) => x.name)).toEqual([...SINBA_AVRO_FIELDS]);
  });

  it('refuses a payload no flow could produce, naming the field only', () => {
    const m = siussMessage(psOf(psEntry()), { ingestedAt: 1 });
    const bad = { ...m.event.payload!, prestazione: { ...m.event.payload!.prestazione, caratterePrestazione: '3' } };
    expect(() => prestazioneSocialeFromAvro(bad)).toThrow(SiussAvroMappingError);
    expect(() => prestazioneSocialeFromAvro(bad)).toThrow(/caratterePrestazione/);
    expect(() => prestazioneSocialeFromAvro({ ...m.event.payload!, intestazione: { ...m.event.payload!.intestazione, tipo: 'SINBA' } })).toThrow(/intestazione\.tipo/);
    const one = decoded(psEntry()) as PrestazioneSociale;
    let message = '';
    try {
      prestazioneSocialeFromAvro(bad);
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).not.toContain(one.beneficiario.codiceFiscale);
  });
});
