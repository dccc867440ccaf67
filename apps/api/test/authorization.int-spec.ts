// Object-level authorisation through the real app: no consumer reads another's data through any
// parameter — e-service, purpose, organisation, codice fiscale, PaIS case ownership, pagination cursor —
// and a refusal or an out-of-scope answer looks exactly like the answer for an unknown citizen.
import { randomBytes, randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { appDatabaseUrl, randomCf } from '../../../test/support/env';
import type { EserviceKind } from '../src/registry/eservices';
import { cancellaCasi, casoGepi, scriviCaso } from './support/gepi';
import { DATABASE_URL, expectProblem, HOOK_TIMEOUT_MS, startApi, type Answer, type CallOptions, type Consumer, type Harness } from './support/harness';

const [CF_A, CF_B, CF_AB, UNKNOWN] = [randomCf(), randomCf(), randomCf(), randomCf()];
const SFX = randomBytes(4).toString('hex').toUpperCase();
// PaIS cases as the builder projects them (GePI fixture records), each citizen the applicant of theirs.
const CASI: Array<{ id: string; cf: string; ente: string }> = [
  { id: `PAIS-A1-${SFX}`, cf: CF_A, ente: 'H501' },
  { id: `PAIS-B1-${SFX}`, cf: CF_B, ente: 'F205' },
  { id: `PAIS-AB1-${SFX}`, cf: CF_AB, ente: 'H501' },
  { id: `PAIS-AB2-${SFX}`, cf: CF_AB, ente: 'F205' },
];
/** The cases of a citizen as the cartella sociale lists them (their id and current ente). */
const casiDi = (cf: string) => CASI.filter((c) => c.cf === cf).map((c) => expect.objectContaining({ identificativo: c.id, enteGestore: c.ente }));
let builder: Pool;

let h: Harness;
let c: Record<string, Consumer>;
beforeAll(async () => {
  const cartelle = ['fascicolo', 'cartella-lavorativa', 'cartella-sociale', 'cartella-formativa'] as const;
  h = await startApi(
    {
      full: { purpose: { eservices: [...cartelle], dati: ['lavorativa', 'sociale', 'formativa'], casiPais: 'tutti' } },
      labour: { purpose: { eservices: ['fascicolo', 'cartella-lavorativa'], dati: ['lavorativa'] } },
      training: { purpose: { eservices: ['cartella-formativa'], dati: ['formativa'] } },
      enteA: { ente: 'H501', purpose: { eservices: ['fascicolo', 'cartella-sociale'], dati: ['sociale'], casiPais: 'ente' } },
      enteB: { ente: 'F205', purpose: { eservices: ['fascicolo', 'cartella-sociale'], dati: ['sociale'], casiPais: 'ente' } },
      citizenA: { purpose: { eservices: ['registro-accessi'], soloInteressato: true } },
      citizenB: { purpose: { eservices: ['registro-accessi'], soloInteressato: true } },
    },
  );
  c = h.consumers;
  builder = new Pool({ connectionString: appDatabaseUrl('fsl_builder', DATABASE_URL), max: 2 });
  for (const k of CASI) {
    await scriviCaso(builder, casoGepi({ casoId: k.id, cf: { richiedente: k.cf, figlio: randomCf(), neonata: randomCf(), coniuge: randomCf() }, enti: [{ tipo: 'COMUNE', codice: k.ente, dal: '2024-02-05' }] }));
  }
  for (const [i, cf] of [CF_A, CF_B, CF_AB].entries()) {
    await h.audit.query('INSERT INTO public.dossier (codice_fiscale, version) VALUES ($1, $2)', [cf, 3 + i]);
  }
}, HOOK_TIMEOUT_MS);
afterAll(async () => {
  await h.audit.query('DELETE FROM public.dossier WHERE codice_fiscale = ANY($1)', [[CF_A, CF_B, CF_AB]]);
  if (builder) await cancellaCasi(builder, CASI.map((k) => k.id));
  await builder?.end();
  await h.close();
}, HOOK_TIMEOUT_MS);

/** A call about one citizen, by the path the e-service uses for it; citizen channels vouch for the citizen. */
function about(kind: EserviceKind | 'legacy', consumer: Consumer, cf: string, extra: Record<string, unknown> = {}, opts: CallOptions = {}): Promise<Answer> {
  const evidenceClaims = { userID: cf, ...opts.evidenceClaims };
  if (kind === 'legacy') return h.call('cartella-lavorativa', consumer, { method: 'GET', absolute: true, path: `/v1/cartelle-lavorative/${cf}`, ...opts });
  return h.call(kind, consumer, { body: { codiceFiscale: cf, ...extra }, ...opts, evidenceClaims });
}
const SOCIALE_VUOTA = { casiPais: [], misureInclusione: [], partecipazioniPuc: [], prestazioniSociali: [] };
const FORMATIVA_VUOTA = { iscrizioni: [], manifestazioniInteresse: [] };
const withoutCorrelation = (a: Answer) => ({ ...a.body, correlationId: undefined });

// For every e-service that takes an identifier: a consumer entitled to it, and one that is not.
const EVERY: [EserviceKind | 'legacy', string, string][] = [
  ['fascicolo', 'full', 'training'],
  ['cartella-lavorativa', 'labour', 'enteA'],
  ['legacy', 'labour', 'enteA'],
  ['cartella-sociale', 'enteA', 'labour'],
  ['cartella-formativa', 'training', 'labour'],
  ['registro-accessi', 'citizenA', 'full'],
];

describe.each(EVERY)('%s', (kind, entitled, other) => {
  it(`${other} (not granted this e-service) → 403, the same for a known and an unknown codice fiscale`, async () => {
    const known = await about(kind, c[other]!, CF_A);
    const unknown = await about(kind, c[other]!, UNKNOWN);
    expectProblem(known, 403, 'PURPOSE_NOT_AUTHORISED', CF_A);
    expectProblem(unknown, 403, 'PURPOSE_NOT_AUTHORISED', UNKNOWN);
    expect(withoutCorrelation(known)).toEqual(withoutCorrelation(unknown));
  });

  it(`${other}'s client with ${entitled}'s purposeId → 403`, async () => {
    const borrowed = { ...c[other]!, purposeId: c[entitled]!.purposeId };
    expectProblem(await about(kind, borrowed, CF_A), 403, 'PURPOSE_NOT_AUTHORISED', CF_A);
  });

  it(`${entitled}'s client and purpose under another organisation (consumerId) → 403`, async () => {
    expectProblem(await about(kind, { ...c[entitled]!, consumerId: randomUUID() }, CF_A), 403, 'PURPOSE_NOT_AUTHORISED', CF_A);
  });

  it('a client unknown to the authorisation table → 403', async () => {
    const stranger = { name: 'stranger', clientId: randomUUID(), consumerId: randomUUID(), purposeId: randomUUID() };
    expectProblem(await about(kind, stranger, CF_A), 403, 'PURPOSE_NOT_AUTHORISED', CF_A);
  });

  it(`${entitled} is served`, async () => {
    expect((await about(kind, c[entitled]!, CF_A)).status).toBe(200);
  });
});

describe('data scope of a purpose', () => {
  it('a labour purpose never receives social-care or training data, through the fascicolo or the cartelle', async () => {
    const res = await about('fascicolo', c.labour!, CF_AB);
    expect(res.status).toBe(200);
    expect(Object.keys(res.body).sort()).toEqual(['cartellaLavorativa', 'versione']);
    expect(res.text).not.toContain('PAIS-');
    expectProblem(await about('cartella-sociale', c.labour!, CF_AB), 403, 'PURPOSE_NOT_AUTHORISED', CF_AB);
  });

  it('an ente sees the PaIS cases it manages and no others', async () => {
    const a = await about('cartella-sociale', c.enteA!, CF_AB);
    expect(a.body).toEqual({ versione: 5, cartellaSociale: { ...SOCIALE_VUOTA, casiPais: [casiDi(CF_AB)[0]] } });
    const b = await about('fascicolo', c.enteB!, CF_AB);
    expect(b.body).toEqual({ versione: 5, cartellaSociale: { ...SOCIALE_VUOTA, casiPais: [casiDi(CF_AB)[1]] } });
  });

  it("a citizen with only another ente's cases looks, to this ente, exactly like an unknown one", async () => {
    const other = await about('cartella-sociale', c.enteA!, CF_B);
    const unknown = await about('cartella-sociale', c.enteA!, UNKNOWN);
    expect(other.body).toEqual({ versione: 0, cartellaSociale: SOCIALE_VUOTA });
    expect(other.body).toEqual(unknown.body);
    expect(other.status).toBe(unknown.status);
  });

  it('a purpose granted whole cartelle gets the dossier version and every case', async () => {
    const res = await about('fascicolo', c.full!, CF_AB);
    expect(res.body).toMatchObject({ versione: 5, cartellaSociale: { casiPais: casiDi(CF_AB) }, cartellaFormativa: FORMATIVA_VUOTA });
    expect((await about('fascicolo', c.full!, UNKNOWN)).body).toEqual({ versione: 0, cartellaLavorativa: null, cartellaSociale: SOCIALE_VUOTA, cartellaFormativa: FORMATIVA_VUOTA });
  });
});

describe("the citizen's access log", () => {
  beforeAll(async () => {
    for (let i = 0; i < 3; i++) expect((await about('fascicolo', c.full!, CF_AB)).status).toBe(200);
  });

  it('a channel reads only the log of the citizen it authenticated (evidence userID)', async () => {
    const res = await about('registro-accessi', c.citizenA!, CF_AB, {}, { evidenceClaims: { userID: CF_A } });
    expectProblem(res, 403, 'PURPOSE_NOT_AUTHORISED', CF_AB);
  });

  it('says who read the dossier, when, for which purpose, newest first', async () => {
    const res = await about('registro-accessi', c.citizenA!, CF_AB, { limit: 200 });
    expect(res.status).toBe(200);
    const accessi = res.body.accessi as { dataOra: string; fruitore: { denominazione?: string; clientId: string }; finalita: string; eservice: string }[];
    const byFull = accessi.filter((a) => a.fruitore.clientId === c.full!.clientId);
    expect(byFull.length).toBeGreaterThanOrEqual(3);
    expect(byFull[0]).toMatchObject({ fruitore: { denominazione: 'Fruitore full' }, finalita: c.full!.purposeId, eservice: h.eservice('fascicolo').name });
    expect([...accessi].sort((x, y) => y.dataOra.localeCompare(x.dataOra))).toEqual(accessi);
  });

  it('a pagination cursor works for the consumer and citizen it was issued to, and for nobody else', async () => {
    const first = await about('registro-accessi', c.citizenA!, CF_AB, { limit: 1 });
    const cursor = first.body.nextCursor as string;
    expect(cursor).toEqual(expect.any(String));
    const next = await about('registro-accessi', c.citizenA!, CF_AB, { limit: 1, cursor });
    expect(next.status).toBe(200);
    expect(next.body.accessi).not.toEqual(first.body.accessi);

    expectProblem(await about('registro-accessi', c.citizenB!, CF_AB, { limit: 1, cursor }), 400, 'CURSOR_INVALID', CF_AB);
    expectProblem(await about('registro-accessi', c.citizenA!, CF_A, { limit: 1, cursor }), 400, 'CURSOR_INVALID', CF_A);
    expectProblem(await about('registro-accessi', c.citizenA!, CF_AB, { limit: 1, cursor: `${cursor}x` }), 400, 'CURSOR_INVALID', CF_AB);
  });
});
