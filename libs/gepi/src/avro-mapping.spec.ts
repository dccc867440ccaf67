// Round trips through the real codec (libs/schemas), which refuses undeclared fields: a model field the
// mapping forgets, or an Avro field the interface lacks, fails here.
import { decode, encode, eventId, type Subject } from '@fsl/schemas';
import * as F from './fixtures';
import { ENTITA, GepiAvroMappingError, SUBJECTS, gepiFromAvro, gepiHeaderFields, gepiToAvro, type Entita, type RecordOf } from './index';

function roundTrip<E extends Entita>(entita: E, record: RecordOf[E]) {
  const payload = gepiToAvro(entita, record, { tabelleCodici: { belfiore: 'marketto-1.2.1' } });
  const h = gepiHeaderFields(entita, record);
  const header = { ...h, eventId: eventId('GEPI', h.sourceRecordId, h.sourceVersion), ingestedAt: h.occurredAt, correlationId: 'c-1' };
  const d = decode(encode(SUBJECTS[entita] as Subject, { header, payload } as never));
  expect(d.subject).toBe(SUBJECTS[entita]);
  return { header: d.value.header, payload: d.value.payload as typeof payload, back: gepiFromAvro(entita, d.value.payload as never) };
}

describe.each(ENTITA)('%s', (entita) => {
  it('an update survives model → Avro → bytes → Avro → model unchanged', () => {
    const record = F.valid(entita);
    const { back, header, payload } = roundTrip(entita, record);
    expect(back.record).toEqual(record);
    expect(header).toMatchObject({ operation: 'UPSERT', sourceSystem: 'GEPI', sourceRecordId: `${entita}/${record.id}`, sourceVersion: 1 });
    expect(payload.casoId).toBe(F.CASO_ID);
    expect(payload.tabelleCodici).toEqual({ belfiore: 'marketto-1.2.1' });
  });

  it('a deletion travels as a VOID with its identity and no content', () => {
    const record = F.deletion(entita);
    const { back, header, payload } = roundTrip(entita, record);
    expect(back.record).toEqual(record);
    expect(payload.dati).toBeNull();
    expect(header).toMatchObject({ operation: 'VOID', sourceVersion: 2 });
  });
});

describe('gepiFromAvro', () => {
  it('refuses a case filed under another id, or with invalid content, naming paths only', () => {
    const caso = gepiToAvro('caso', F.valid('caso'));
    expect(() => gepiFromAvro('caso', { ...caso, casoId: 'ALTRO-CASO' })).toThrow("gepi.caso payload does not map to a GePI record: casoId is not the record's case");
    const p = gepiToAvro('pais', F.valid('pais'));
    const bad = { ...p, dati: { ...p.dati!, sostegni: [{ ...p.dati!.sostegni[0], tipo: 'tirocinio' }] } };
    expect(() => gepiFromAvro('pais', bad)).toThrow('gepi.pais payload does not map to a GePI record: dati.sostegni[0].tipo CODICE_FORMAT');
    const puc = gepiToAvro('partecipazione-puc', F.valid('partecipazione-puc'));
    const badPuc = { ...puc, dati: { ...puc.dati!, comune: 'milano' } };
    expect(() => gepiFromAvro('partecipazione-puc', badPuc)).toThrow(GepiAvroMappingError);
    expect(() => gepiFromAvro('partecipazione-puc', badPuc)).not.toThrow(F.RICHIEDENTE_CF);
  });

  it('a case is keyed by its own id; every other record by its casoId', () => {
    expect(gepiToAvro('caso', F.valid('caso')).casoId).toBe(F.valid('caso').id);
    expect(gepiToAvro('nucleo-caso', F.valid('nucleo-caso')).casoId).toBe(F.CASO_ID);
  });
});
