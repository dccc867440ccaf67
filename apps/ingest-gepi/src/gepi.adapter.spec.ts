import { versionedIdentityOf, versionedJsonAdapter, type AcceptedRead, type SourceRead } from '@fsl/ingest';
import { decode, encode, eventId } from '@fsl/schemas';
import { ENTITA, gepiFixtures as F, gepiFromAvro, SUBJECTS } from '@fsl/gepi';
import { gepiSource, type GepiIdentity } from './gepi.adapter';

const adapter = versionedJsonAdapter(gepiSource());
const ctx = { correlationId: 'corr-1', now: 1_760_000_000_000 };

function accepted(r: SourceRead<GepiIdentity>): AcceptedRead<GepiIdentity> {
  if (!r.ok) throw new Error(`rejected: ${JSON.stringify(r.problems)}`);
  return r;
}
const problems = (r: SourceRead<GepiIdentity>) => (r.ok ? [] : r.problems.map((p) => [p.path, p.code]));

describe('gepiAdapter.read', () => {
  it.each(ENTITA)('%s: one claim per version, the contract event id, one message under the case id, decoding to the same record', (entita) => {
    const record = F.valid(entita);
    const r = accepted(adapter.read({ entita, value: record }, ctx));
    expect(r.identity).toEqual({ entita, id: record.id, versione: 1 });
    expect([r.key, r.version]).toEqual([`${entita}/${record.id}@1`, { of: `${entita}/${record.id}`, versione: 1 }]);
    expect(r.eventIds).toEqual([eventId('GEPI', `${entita}:${record.id}`, 1)]);
    expect(r.messages).toHaveLength(1);
    const [m] = r.messages;
    expect(m.key).toEqual({ raw: F.CASO_ID });
    expect(m.subject).toBe(SUBJECTS[entita]);
    expect(m.event.header).toMatchObject({ eventId: r.eventIds[0], correlationId: 'corr-1', ingestedAt: ctx.now, sourceSystem: 'GEPI', sourceRecordId: `${entita}/${record.id}` });
    expect(gepiFromAvro(entita, decode(encode(m.subject as never, m.event as never)).value.payload as never).record).toEqual(record);
  });

  it('refuses a record id or a case id shaped like a codice fiscale (personal or numeric) without echoing it', () => {
    const byId = adapter.read({ entita: 'caso', value: { ...F.valid('caso'), id: F.RICHIEDENTE_CF } }, ctx);
    expect(problems(byId)).toEqual([['id', 'ID_SHAPED_LIKE_CF']]);
    const byCase = adapter.read({ entita: 'nucleo-caso', value: { ...F.valid('nucleo-caso'), casoId: '12345678901' } }, ctx);
    expect(problems(byCase)).toEqual([['casoId', 'ID_SHAPED_LIKE_CF']]);
    expect(JSON.stringify([byId, byCase])).not.toMatch(new RegExp(`${F.RICHIEDENTE_CF}|12345678901`));
  });

  it('gives an unknown code its table and code', () => {
    const pais = F.valid('pais') as { dati: { sostegni: { tipo: string }[] } };
    pais.dati.sostegni[1].tipo = 'SOSTEGNO_SPERIMENTALE';
    expect(accepted(adapter.read({ entita: 'pais', value: pais }, ctx)).avvisi).toEqual([
      { path: 'dati.sostegni[1].tipo', code: 'CODE_UNKNOWN', message: expect.any(String), tabella: 'tipoSostegno', codice: 'SOSTEGNO_SPERIMENTALE' },
    ]);
  });
});

describe('claim keys', () => {
  it('split back into the identity, whatever characters the GePI id format allows', () => {
    for (const id of ['A', 'a.b_c:d-e', 'X'.repeat(64)]) {
      const i: GepiIdentity = { entita: 'analisi-preliminare', id, versione: 1_733_000_000_123 };
      expect(versionedIdentityOf(`${i.entita}/${i.id}@${i.versione}`)).toEqual(i);
    }
  });
});
