// Round trips through the real codec (libs/schemas), which refuses undeclared fields: a model field the
// mapping forgets, or an Avro field the interface lacks, fails here.
import { decode, encode, eventId, type Subject } from '@fsl/schemas';
import * as F from './fixtures';
import { ENTITA, SUBJECTS, siislFromAvro, siislHeaderFields, siislToAvro, SiislAvroMappingError, type Entita, type RecordOf } from './index';

function roundTrip<E extends Entita>(entita: E, record: RecordOf[E]) {
  return siislToAvro(entita, record, { tabelleCodici: { belfiore: '2026.1' } }).map((payload, i) => {
    const h = siislHeaderFields(entita, record, i);
    const header = { ...h, eventId: eventId('SIISL', h.sourceRecordId, h.sourceVersion), ingestedAt: h.occurredAt, correlationId: 'c-1' };
    const buf = encode(SUBJECTS[entita] as Subject, { header, payload } as never);
    const d = decode(buf);
    expect(d.subject).toBe(SUBJECTS[entita]);
    return { header: d.value.header, back: siislFromAvro(entita, d.value.payload as never) };
  });
}

describe.each(ENTITA)('%s', (entita) => {
  it('an update survives model → Avro → bytes → Avro → model unchanged', () => {
    const record = F.valid(entita);
    for (const { back, header } of roundTrip(entita, record)) {
      expect(back.record).toEqual(record);
      expect(header.operation).toBe('UPSERT');
    }
  });

  it('a deletion travels as a VOID with its identity and no content', () => {
    const record = F.deletion(entita);
    for (const { back, header } of roundTrip(entita, record)) {
      expect(back.record).toEqual(record);
      expect(header).toMatchObject({ operation: 'VOID', sourceVersion: 2, sourceSystem: 'SIISL' });
    }
  });
});

describe('who each message is for', () => {
  it('catalogue records go out once, for no citizen', () => {
    const [p, ...more] = siislToAvro('corso', F.valid('corso'));
    expect(more).toEqual([]);
    expect(p).toMatchObject({ cittadinoCf: null, codiceFiscale: null, id: 'CORSO-0001' });
  });

  it('a measure goes to every household member, the applicant first, also when deleted', () => {
    expect(siislToAvro('misura-inclusione', F.valid('misura-inclusione')).map((p) => p.cittadinoCf)).toEqual([F.CITTADINO_CF, F.FAMILIARE_CF]);
    expect(siislToAvro('misura-inclusione', F.deletion('misura-inclusione')).map((p) => p.cittadinoCf)).toEqual([F.CITTADINO_CF, F.FAMILIARE_CF]);
    expect(roundTrip('misura-inclusione', F.valid('misura-inclusione')).map((m) => m.back.cittadinoCf)).toEqual([F.CITTADINO_CF, F.FAMILIARE_CF]);
  });

  it('a payload whose citizen is not the record\'s, or whose content is invalid, is refused without values', () => {
    const [p] = siislToAvro('puc', F.valid('puc'));
    expect(() => siislFromAvro('puc', { ...p, cittadinoCf: F.FAMILIARE_CF })).toThrow(SiislAvroMappingError);
    const bad = { ...p, dati: { ...p.dati!, comune: 'milano' } };
    expect(() => siislFromAvro('puc', bad)).toThrow('siisl.puc payload does not map to a SIISL record: dati.comune BELFIORE_FORMAT');
    try {
      siislFromAvro('puc', { ...p, cittadinoCf: F.FAMILIARE_CF });
    } catch (err) {
      expect(String(err)).not.toContain(F.FAMILIARE_CF);
    }
  });
});
