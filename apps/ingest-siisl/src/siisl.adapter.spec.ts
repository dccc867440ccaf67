import type { AcceptedRead, SourceRead } from '@fsl/ingest';
import { decode, encode, eventId } from '@fsl/schemas';
import { ENTITA, siislFixtures as F, siislFromAvro, SUBJECTS } from '@fsl/siisl';
import { claimKey, identityOf, siislAdapter, type SiislIdentity } from './siisl.adapter';

const adapter = siislAdapter();
const ctx = { correlationId: 'corr-1', now: 1_760_000_000_000 };

function accepted(r: SourceRead<SiislIdentity>): AcceptedRead<SiislIdentity> {
  if (!r.ok) throw new Error(`rejected: ${JSON.stringify(r.problems)}`);
  return r;
}

describe('siislAdapter.read', () => {
  it.each(ENTITA)('%s: one claim per version, the contract event id, one message per citizen, decoding to the same record', (entita) => {
    const record = F.valid(entita);
    const r = accepted(adapter.read({ entita, value: record }, ctx));
    expect(r.identity).toEqual({ entita, id: record.id, versione: 1 });
    expect(r.key).toBe(`${entita}/${record.id}@1`);
    expect(r.version).toEqual({ of: `${entita}/${record.id}`, versione: 1 });
    expect(r.eventIds).toEqual([eventId('SIISL', `${entita}:${record.id}`, 1)]);
    for (const m of r.messages) {
      expect(m.subject).toBe(SUBJECTS[entita]);
      expect(m.event.header).toMatchObject({ eventId: r.eventIds[0], correlationId: 'corr-1', ingestedAt: ctx.now, sourceSystem: 'SIISL' });
      const back = siislFromAvro(entita, decode(encode(m.subject as never, m.event as never)).value.payload as never);
      expect(back.record).toEqual(record);
      expect(m.key).toEqual('codiceFiscale' in record ? { cf: record.codiceFiscale } : { raw: `${entita}/${record.id}` });
    }
  });

  it('sends a measure to every household member under its applicant\'s key, and a course once under its id', () => {
    const measure = accepted(adapter.read({ entita: 'misura-inclusione', value: F.valid('misura-inclusione') }, ctx));
    expect(measure.messages.map((m) => [(m.event as unknown as { payload: { cittadinoCf: string } }).payload.cittadinoCf, m.key])).toEqual([
      [F.CITTADINO_CF, { cf: F.CITTADINO_CF }],
      [F.FAMILIARE_CF, { cf: F.CITTADINO_CF }],
    ]);
    expect(accepted(adapter.read({ entita: 'corso', value: F.valid('corso') }, ctx)).messages.map((m) => m.key)).toEqual([{ raw: 'corso/CORSO-0001' }]);
  });

  it('gives the same key and hash for the same record whether it comes as a value or as an NDJSON line with its entity', () => {
    const record = F.valid('puc');
    const a = accepted(adapter.read({ entita: 'puc', value: record }, ctx));
    const b = accepted(adapter.read(adapter.fromLine(JSON.stringify({ entita: 'puc', ...record })), ctx));
    expect([b.key, b.hash]).toEqual([a.key, a.hash]);
  });

  it('names the entity problems on the entita member', () => {
    const record = F.valid('puc');
    const problems = (input: Parameters<typeof adapter.read>[0]) => {
      const r = adapter.read(input, ctx);
      return r.ok ? [] : r.problems.map((p) => [p.path, p.code]);
    };
    expect(problems({ text: JSON.stringify(record) })).toEqual([['entita', 'ENTITA_REQUIRED']]);
    expect(problems({ text: JSON.stringify({ ...record, entita: 'cartella' }) })).toEqual([['entita', 'ENTITA_UNKNOWN']]);
    expect(problems({ entita: 'corso', value: { ...record, entita: 'puc' } })).toEqual([['entita', 'ENTITA_MISMATCH']]);
    expect(problems({ entita: 'puc', value: [record] })).toEqual([['', 'NOT_AN_OBJECT']]);
    expect(problems({ entita: 'puc', text: '{"id":' })).toEqual([['', 'INVALID_JSON']]);
  });

  it('gives an unknown code its table and code, and refuses a CF-shaped id or member name without echoing it', () => {
    const course = F.valid('corso') as { dati: { sede: { comune: string } } };
    course.dati.sede.comune = 'Z999';
    expect(accepted(adapter.read({ entita: 'corso', value: course }, ctx)).avvisi).toEqual([
      { path: 'dati.sede.comune', code: 'CODE_UNKNOWN', message: expect.any(String), tabella: 'belfiore', codice: 'Z999' },
    ]);
    const cfId = adapter.read({ entita: 'puc', value: { ...F.valid('puc'), id: F.CITTADINO_CF } }, ctx);
    expect(cfId.ok ? [] : cfId.problems).toEqual([expect.objectContaining({ path: 'id', code: 'ID_SHAPED_LIKE_CF' })]);
    const member = adapter.read({ entita: 'puc', value: { ...F.valid('puc'), [F.CITTADINO_CF]: 1 } }, ctx);
    expect(JSON.stringify(member)).not.toContain(F.CITTADINO_CF);
    expect(member.ok).toBe(false);
  });
});

describe('claim keys', () => {
  it('split back into the identity, whatever characters the id format allows', () => {
    for (const id of ['A', 'a.b_c:d-e', 'X'.repeat(64)]) {
      const i: SiislIdentity = { entita: 'manifestazione-interesse', id, versione: 1_733_000_000_123 };
      expect(identityOf(claimKey(i))).toEqual(i);
    }
  });
});
