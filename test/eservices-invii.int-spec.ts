import { randomBytes } from 'node:crypto';
import { ENTITA as GEPI_ENTITA, gepiFixtures as G, type Entita as GepiEntita } from '@fsl/gepi';
import { pseudonymizer } from '@fsl/pseudonym';
import { siislFixtures as S } from '@fsl/siisl';
import { DEV_AUDIT_PSEUDONYM_KEY } from '../apps/api/src/config';
import { contractOf } from '../apps/api/test/support/contract';
import { recordDi, type CasoSpec } from '../apps/api/test/support/gepi';
import { expectProblem, startApi, type Answer, type ConsumerSpec, type Harness } from '../apps/api/test/support/harness';
import { appDatabaseUrl, BROKERS, createTestTopics, isolation, postJson, randomCf, TEST_PSEUDONYM_KEY, waitFor } from './support/env';
import { ingestAppEnv } from './support/ingest';
import { startApp, type RunningApp } from './support/processes';
import { startTcpProxy } from './support/tcp-proxy';

// The write e-services end to end (ADR 0007): records in through ingest-gepi and ingest-siisl, the writes
// through the api (validated by the source's rules, published on the source's topic with the source's claims),
// the dossier-builder applying them like any other event, and the reads — caso-pais, cartella-sociale,
// cartella-formativa — showing them at the first read that carries the write's versioneMinima. Every id and
// codice fiscale is fresh per run: claims and projections are shared tables.

const run = randomBytes(4).toString('hex').toUpperCase();
const fresh = (label: string) => `${label}-${run}-${randomBytes(2).toString('hex').toUpperCase()}`;
const checkContract = contractOf('api');
const F205 = { tipo: 'COMUNE' as const, codice: 'F205', dal: '2024-02-05' };
const ENTE_CF = S.ENTE_CF;
const ALTRO_ENTE_CF = G.ENTE_TERZO_SETTORE_CF;
const EVENT_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** A case of the fixtures' household (applicant, son, a partner who left, a newborn) at comune F205, with fresh ids and CFs. */
function nuovoCaso() {
  const ids = Object.fromEntries([...GEPI_ENTITA.filter((e) => e !== 'caso'), 'domanda'].map((e) => [e, fresh(e.slice(0, 3).toUpperCase())])) as NonNullable<CasoSpec['ids']>;
  const cf = { richiedente: randomCf(), figlio: randomCf(), coniuge: randomCf(), neonata: randomCf() };
  const spec: CasoSpec = { casoId: fresh('CASO'), cf, ids, enti: [F205] };
  return { ...spec, paisId: ids.pais!, cf, record: <E extends GepiEntita>(e: E) => recordDi(spec, e) };
}

describe('write e-services: invio sostegni, invio analisi preliminare, inserimento and aggiornamento offerta formativa', () => {
  const { prefix, group } = isolation('es-invii');
  const kafka = { KAFKA_BROKERS: BROKERS, KAFKA_TOPIC_PREFIX: prefix, PSEUDONYM_KEY: TEST_PSEUDONYM_KEY };
  const builderEnv = { ...kafka, DATABASE_URL: appDatabaseUrl('fsl_builder'), CONSUMER_GROUP: group };
  const apps: Record<string, RunningApp> = {};
  let api: Harness;
  const sociale = ['caso-pais', 'cartella-sociale'] as const;
  const scritture = ['invio-sostegni', 'invio-analisi-preliminare'] as const;
  const corsi = ['cartella-formativa', 'inserimento-offerta-formativa', 'aggiornamento-offerta-formativa'] as const;
  const consumers: Record<string, ConsumerSpec> = {
    comune: { ente: 'F205', purpose: { eservices: [...sociale, ...scritture], dati: ['sociale'], casiPais: 'ente' } },
    altroComune: { ente: 'H501', purpose: { eservices: [...sociale, ...scritture], dati: ['sociale'], casiPais: 'ente' } },
    soloLettura: { ente: 'F205', purpose: { eservices: [...sociale], dati: ['sociale'], casiPais: 'ente' } },
    ente: { entiFormativi: [ENTE_CF], purpose: { eservices: [...corsi], dati: ['formativa'] } },
    altroEnte: { entiFormativi: [ALTRO_ENTE_CF], purpose: { eservices: [...corsi], dati: ['formativa'] } },
  };
  const apiEnv = { ...kafka, BUILDER_CONSUMER_GROUP: group, VERSIONE_MINIMA_ATTESA_MS: '1500' };

  beforeAll(async () => {
    await createTestTopics(prefix);
    const started = await Promise.all([
      startApp('ingest-gepi', ingestAppEnv('ingest-gepi', prefix, { LOTTI_QUEUE: `${group}-gepi` })),
      startApp('ingest-siisl', ingestAppEnv('ingest-siisl', prefix, { LOTTI_QUEUE: `${group}-siisl` })),
      startApp('dossier-builder', builderEnv),
    ]);
    for (const a of started) apps[a.name] = a;
    api = await startApi(consumers, apiEnv);
  }, 120000);

  afterAll(async () => {
    await Promise.all(Object.values(apps).map((a) => a.stop()));
    await api?.close();
  }, 60000);

  const ingest = async (app: 'ingest-gepi' | 'ingest-siisl', entita: string, rec: unknown) => {
    const res = await postJson(`${apps[app].url}/v1/${entita}`, rec);
    expect([res.status, res.body.esito]).toEqual([202, 'ACCETTATA']);
  };
  const write = (kind: Parameters<Harness['call']>[0], consumer: string, body: unknown, headers: Record<string, string> = {}) =>
    api.call(kind, api.consumers[consumer]!, { path: '', body, headers });
  const read = (kind: Parameters<Harness['call']>[0], consumer: string, body: unknown, versioneMinima?: string) =>
    api.call(kind, api.consumers[consumer]!, { body, headers: versioneMinima ? { 'Versione-Minima': versioneMinima } : {} });

  /** 202, its answer in the published contract, and the fields a test checks. */
  function accepted(res: Answer, esito: 'ACCETTATO' | 'GIA_ACCETTATO' = 'ACCETTATO') {
    expect([res.status, res.body.esito, res.text]).toEqual([202, esito, expect.any(String)]);
    expect(checkContract('EsitoInvioDto', res.body)).toEqual([]);
    expect(res.body.eventId).toMatch(EVENT_ID);
    return res.body as { id: string; versione: number; eventId: string; versioneMinima: string };
  }

  type Pais = { id: string; versioni: Array<{ numeroVersione: number; versioneRecord: number; dati: Record<string, unknown> }>; versioneCorrente?: number };
  type Vista = { casoId: string; pais: Pais[]; analisiPreliminari: Pais[] };
  const caso = async (consumer: string, casoId: string, versioneMinima?: string): Promise<Vista> => {
    const res = await read('caso-pais', consumer, { casoId }, versioneMinima);
    expect(res.status).toBe(200);
    expect(checkContract('EsitoCasoPaisDto', res.body)).toEqual([]);
    return (res.body as { caso: Vista }).caso;
  };

  /** A case through ingest-gepi (case, household, PaIS version 1), once the caso-pais e-service shows its PaIS. */
  async function casoPronto() {
    const c = nuovoCaso();
    for (const e of ['caso', 'nucleo-caso', 'pais'] as const) await ingest('ingest-gepi', e, c.record(e));
    await waitFor('the case with its PaIS', async () => ((await read('caso-pais', 'comune', { casoId: c.casoId })).body as { caso?: Vista }).caso?.pais.length ? true : undefined, 30000, 250);
    return c;
  }

  const fixturePais = G.valid('pais') as { dati: { sostegni: Array<Record<string, unknown>> } };
  const tirocinio = (beneficiario: string) => ({
    id: 'S4',
    tipo: 'TIROCINIO_INCLUSIONE',
    fornitore: { tipo: 'CPI', denominazione: "Centro per l'impiego di Milano" },
    dal: '2025-01-13',
    al: '2025-07-11',
    beneficiari: [beneficiario],
    tirocinio: { soggettoOspitante: { codiceFiscale: G.AZIENDA_OSPITANTE_CF, denominazione: 'ESEMPIO SRL' }, oreSettimanali: 25 },
  });

  describe('invio sostegni', () => {
    it('a support joins the PaIS as its next version, visible at the first read with the answer’s versioneMinima; the same send again changes nothing', async () => {
      const c = await casoPronto();
      const [s1, s2, s3] = fixturePais.dati.sostegni.map((s) => JSON.parse(JSON.stringify(s).split(G.RICHIEDENTE_CF).join(c.cf.richiedente).split(G.FIGLIO_CF).join(c.cf.figlio)));
      // The internship of the fixture ended early, and a second one starts at the employment centre.
      const body = { casoId: c.casoId, paisId: c.paisId, versioneBase: 1, sostegni: [tirocinio(c.cf.richiedente), { ...s1, al: '2024-10-31' }] };
      const esito = accepted(await write('invio-sostegni', 'comune', body));
      expect([esito.id, esito.versione]).toEqual([c.paisId, 2]);

      const vista = await caso('comune', c.casoId, esito.versioneMinima);
      expect(vista.pais).toHaveLength(1);
      expect(vista.pais[0].versioni.map((v) => [v.numeroVersione, v.versioneRecord])).toEqual([[2, 2]]);
      expect(vista.pais[0].versioni[0].dati.sostegni).toEqual([
        { ...s1, al: '2024-10-31' },
        s2,
        s3,
        {
          id: 'S4',
          tipo: 'TIROCINIO_INCLUSIONE',
          fornitore: { tipo: 'CPI', denominazione: "Centro per l'impiego di Milano" },
          dal: '2025-01-13',
          al: '2025-07-11',
          beneficiari: [c.cf.richiedente],
          tirocinio: { soggettoOspitante: { codiceFiscale: G.AZIENDA_OSPITANTE_CF, denominazione: 'ESEMPIO SRL' }, oreSettimanali: 25 },
        },
      ]);
      // The rest of the patto is the version it was built on.
      expect(vista.pais[0].versioni[0].dati).toMatchObject({ numeroVersione: 2, stato: 'SOTTOSCRITTO', obiettivoGenerale: 'Autonomia economica del nucleo', dataSottoscrizione: '2024-04-05' });
      // In the applicant's cartella sociale too, at the same token.
      const cartella = await read('cartella-sociale', 'comune', { codiceFiscale: c.cf.richiedente }, esito.versioneMinima);
      const link = (cartella.body as { cartellaSociale: { casiPais: Array<{ sostegni: Array<{ id: string; al?: string }> }> } }).cartellaSociale.casiPais[0];
      expect(link.sostegni.map((s) => [s.id, s.al])).toEqual([
        ['S1', '2024-10-31'],
        ['S3', undefined],
        ['S4', '2025-07-11'],
      ]);

      const again = accepted(await write('invio-sostegni', 'comune', body), 'GIA_ACCETTATO');
      expect(again).toEqual({ ...esito, esito: 'GIA_ACCETTATO' });

      // The households' access logs show the write: the members of today, by pseudonym.
      const pseudonym = pseudonymizer(DEV_AUDIT_PSEUDONYM_KEY);
      const { rows } = await api.audit.query<{ subject: string }>(`SELECT DISTINCT subject FROM access_audit WHERE eservice = 'INVIO_Sostegni-FSL' AND outcome = 'granted'`);
      expect(rows.map((r) => r.subject).sort()).toEqual(expect.arrayContaining([c.cf.richiedente, c.cf.figlio, c.cf.neonata].map(pseudonym)));
      expect(rows.map((r) => r.subject)).not.toContain(pseudonym(c.cf.coniuge));
    });

    it('is refused to another ente (as an unknown case) and to a purpose without it; a support is validated like GePI’s', async () => {
      const c = await casoPronto();
      const body = { casoId: c.casoId, paisId: c.paisId, sostegni: [tirocinio(c.cf.richiedente)] };
      const altro = await write('invio-sostegni', 'altroComune', body);
      expectProblem(altro, 404, 'NOT_FOUND', c.cf.richiedente);
      const sconosciuto = await write('invio-sostegni', 'comune', { ...body, casoId: fresh('CASO') });
      expect([sconosciuto.status, sconosciuto.body.code, sconosciuto.body.detail]).toEqual([404, 'NOT_FOUND', altro.body.detail]);
      expectProblem(await write('invio-sostegni', 'comune', { ...body, paisId: fresh('PAIS') }), 404, 'NOT_FOUND');
      expectProblem(await write('invio-sostegni', 'soloLettura', body), 403, 'PURPOSE_NOT_AUTHORISED');

      const { tirocinio: _t, ...senzaDettagli } = tirocinio(c.cf.richiedente);
      const invalid = await write('invio-sostegni', 'comune', { ...body, sostegni: [{ ...senzaDettagli, id: 'S5', dal: '2025-02-30' }] });
      expectProblem(invalid, 422, 'VALIDATION_FAILED', c.cf.richiedente);
      expect((invalid.body.errors as Array<{ path: string; code: string }>).map((e) => [e.path, e.code])).toEqual([['sostegni[0].dal', 'INVALID_DATE']]);
      const senza = await write('invio-sostegni', 'comune', { ...body, sostegni: [{ ...senzaDettagli, id: 'S5' }] });
      expect((senza.body.errors as Array<{ path: string; code: string }>).map((e) => [e.path, e.code])).toEqual([['sostegni[0].tirocinio', 'TIROCINIO_REQUIRED']]);
      // A beneficiary outside the household: an ente cannot reach another citizen through its own case.
      const estraneo = randomCf();
      const fuori = await write('invio-sostegni', 'comune', { ...body, sostegni: [tirocinio(estraneo)] });
      expectProblem(fuori, 422, 'VALIDATION_FAILED', estraneo);
      expect((fuori.body.errors as Array<{ path: string; code: string }>).map((e) => [e.path, e.code])).toEqual([['sostegni[0].beneficiari[0]', 'NON_NEL_NUCLEO']]);
      const envelope = await write('invio-sostegni', 'comune', { ...body, nota: 'x' });
      expect([envelope.status, (envelope.body.errors as Array<{ path: string; code: string }>).map((e) => [e.path, e.code])]).toEqual([422, [['nota', 'BODY_UNKNOWN_MEMBER']]]);
      // Nothing of it was published: the PaIS is still at its first version.
      expect((await caso('comune', c.casoId)).pais[0].versioni.map((v) => v.versioneRecord)).toEqual([1]);
    });

    it('conflicts: a stale versioneBase, and two writes racing on one PaIS (one wins, the other is told)', async () => {
      const c = await casoPronto();
      const first = accepted(await write('invio-sostegni', 'comune', { casoId: c.casoId, paisId: c.paisId, versioneBase: 1, sostegni: [tirocinio(c.cf.richiedente)] }));
      await caso('comune', c.casoId, first.versioneMinima);
      const stale = await write('invio-sostegni', 'comune', { casoId: c.casoId, paisId: c.paisId, versioneBase: 1, sostegni: [{ ...tirocinio(c.cf.richiedente), id: 'S5' }] });
      expectProblem(stale, 409, 'VERSIONE_NON_AGGIORNATA', c.cf.richiedente);

      const racing = await Promise.all(
        ['S6', 'S7'].map((id) => write('invio-sostegni', 'comune', { casoId: c.casoId, paisId: c.paisId, versioneBase: 2, sostegni: [{ ...tirocinio(c.cf.richiedente), id }] })),
      );
      expect(racing.map((r) => r.status).sort()).toEqual([202, 409]);
      const loser = racing.find((r) => r.status === 409)!;
      expect(['INVIO_CONCORRENTE', 'VERSIONE_NON_AGGIORNATA', 'AGGIORNAMENTO_IN_CORSO']).toContain(loser.body.code);
      const winner = accepted(racing.find((r) => r.status === 202)!);
      const ids = ((await caso('comune', c.casoId, winner.versioneMinima)).pais[0].versioni[0].dati.sostegni as Array<{ id: string }>).map((s) => s.id);
      expect(ids.filter((id) => id === 'S6' || id === 'S7')).toHaveLength(1);
      expect(winner.versione).toBe(3);
    });
  });

  describe('invio analisi preliminare', () => {
    const analisi = (cf: string, numeroVersione: number, over: Record<string, unknown> = {}) => ({
      numeroVersione,
      statoDocumento: 'BOZZA',
      dataRedazione: '2025-05-20',
      dataIncontro: '2025-05-19',
      bisogni: [{ ambito: 'LAVORO', codiceFiscale: cf, descrizione: 'Ricerca di un impiego a tempo parziale' }, { ambito: 'ABITATIVO' }],
      risorse: ['Rete familiare disponibile'],
      ...over,
    });

    it('each version of an analysis is a record version of the case, in the read at its versioneMinima', async () => {
      const c = await casoPronto();
      const id = fresh('AP');
      const bozza = accepted(await write('invio-analisi-preliminare', 'comune', { casoId: c.casoId, id, dati: analisi(c.cf.richiedente, 1) }));
      expect([bozza.id, bozza.versione]).toEqual([id, 1]);
      const dopoBozza = await caso('comune', c.casoId, bozza.versioneMinima);
      expect(dopoBozza.analisiPreliminari).toEqual([
        { id, eliminato: false, versioni: [{ numeroVersione: 1, versioneRecord: 1, ente: F205, dati: analisi(c.cf.richiedente, 1) }], versioniMancanti: [], versioneCorrente: 1 },
      ]);

      const definitiva = { ...analisi(c.cf.richiedente, 2), statoDocumento: 'DEFINITIVO', dataRedazione: '2025-05-27', esito: 'QUADRO_ANALISI' };
      const v2 = accepted(await write('invio-analisi-preliminare', 'comune', { casoId: c.casoId, id, versioneBase: 1, dati: definitiva }));
      expect(v2.versione).toBe(2);
      const dopo = (await caso('comune', c.casoId, v2.versioneMinima)).analisiPreliminari[0];
      expect(dopo.versioni.map((v) => [v.numeroVersione, v.versioneRecord, v.dati.statoDocumento, v.dati.esito])).toEqual([
        [1, 1, 'BOZZA', undefined],
        [2, 2, 'DEFINITIVO', 'QUADRO_ANALISI'],
      ]);

      expectProblem(await write('invio-analisi-preliminare', 'comune', { casoId: c.casoId, id, versioneBase: 1, dati: analisi(c.cf.richiedente, 3) }), 409, 'VERSIONE_NON_AGGIORNATA');
      // The id is this case's: another case cannot take it over.
      const altro = await casoPronto();
      expectProblem(await write('invio-analisi-preliminare', 'comune', { casoId: altro.casoId, id, dati: analisi(altro.cf.richiedente, 3) }), 409, 'CONFLICT');
    });

    it('is refused to another ente and to a purpose without it; content validated like GePI’s', async () => {
      const c = await casoPronto();
      const body = { casoId: c.casoId, id: fresh('AP'), dati: analisi(c.cf.richiedente, 1) };
      expectProblem(await write('invio-analisi-preliminare', 'altroComune', body), 404, 'NOT_FOUND', c.cf.richiedente);
      expectProblem(await write('invio-analisi-preliminare', 'soloLettura', body), 403, 'PURPOSE_NOT_AUTHORISED');
      const invalid = await write('invio-analisi-preliminare', 'comune', { ...body, dati: { ...analisi(c.cf.richiedente, 1), statoDocumento: 'DEFINITIVO', bisogni: [{ ambito: 'SPORT' }] } });
      expectProblem(invalid, 422, 'VALIDATION_FAILED', c.cf.richiedente);
      expect((invalid.body.errors as Array<{ path: string; code: string }>).map((e) => [e.path, e.code]).sort()).toEqual([
        ['dati.bisogni[0].ambito', 'INVALID_VALUE'],
      ]);
      const senzaEsito = await write('invio-analisi-preliminare', 'comune', { ...body, dati: { ...analisi(c.cf.richiedente, 1), statoDocumento: 'DEFINITIVO' } });
      expect((senzaEsito.body.errors as Array<{ path: string; code: string }>).map((e) => [e.path, e.code])).toEqual([['dati.esito', 'ESITO_REQUIRED']]);
      expect((await caso('comune', c.casoId)).analisiPreliminari.filter((a) => a.id === body.id)).toEqual([]);
    });
  });

  describe('inserimento and aggiornamento offerta formativa', () => {
    const corso = (codiceCorsoEnte: string, over: Record<string, unknown> = {}) => ({
      ...(S.valid('corso') as { dati: Record<string, unknown> }).dati,
      codiceCorsoEnte,
      ente: { codiceFiscale: ENTE_CF, denominazione: 'ENTE FORMAZIONE ESEMPIO', accreditamento: 'Regione Lombardia' },
      ...over,
    });
    /** A citizen enrolled in `corsoId` through ingest-siisl, once their cartella formativa shows the enrolment (linked to the course, if `collegata`). */
    async function iscritto(corsoId: string, collegata = false): Promise<string> {
      const cf = randomCf();
      await ingest('ingest-siisl', 'iscrizione', { ...S.valid('iscrizione'), id: fresh('ISCR'), codiceFiscale: cf, dati: { corsoId, eventi: [{ tipo: 'ISCRITTO', data: '2025-03-01' }] } });
      await waitFor(
        'the enrolment',
        async () => {
          const [i] = ((await read('cartella-formativa', 'ente', { codiceFiscale: cf })).body as { cartellaFormativa?: { iscrizioni: Array<{ collegamento: string }> } }).cartellaFormativa?.iscrizioni ?? [];
          return i && (!collegata || i.collegamento === 'COLLEGATO') ? true : undefined;
        },
        30000,
        250,
      );
      return cf;
    }
    const corsoIn = async (cf: string, versioneMinima?: string) => {
      const res = await read('cartella-formativa', 'ente', { codiceFiscale: cf }, versioneMinima);
      expect([res.status, checkContract('EsitoCartellaFormativaDto', res.body)]).toEqual([200, []]);
      return (res.body as { cartellaFormativa: { iscrizioni: Array<{ collegamento: string; corso?: Record<string, unknown> }> } }).cartellaFormativa.iscrizioni[0];
    };

    it('a course inserted gets its SIISL id from the provider’s data, and an update shows at the first read with its versioneMinima', async () => {
      const codice = fresh('AC');
      const inserito = accepted(await write('inserimento-offerta-formativa', 'ente', { dati: corso(codice) }));
      expect(inserito.id).toMatch(/^CORSO-FSL-[0-9a-f]{4}(-[0-9a-f]{4}){4}$/);
      expect(inserito.versione).toBe(1);
      // A retried insert is the same record; another insert of the same provider code is refused.
      expect(accepted(await write('inserimento-offerta-formativa', 'ente', { dati: corso(codice) }), 'GIA_ACCETTATO')).toEqual({ ...inserito, esito: 'GIA_ACCETTATO' });
      expectProblem(await write('inserimento-offerta-formativa', 'ente', { dati: corso(codice, { titolo: 'Altro corso' }) }), 409, 'CORSO_GIA_INSERITO');

      const cf = await iscritto(inserito.id);
      expect(await corsoIn(cf, inserito.versioneMinima)).toMatchObject({
        collegamento: 'COLLEGATO',
        corso: {
          id: inserito.id,
          versione: 1,
          titolo: 'Addetto alla cucina',
          codiceCorsoEnte: codice,
          ente: { codiceFiscale: ENTE_CF, denominazione: 'ENTE FORMAZIONE ESEMPIO' },
          sedeComune: 'F205',
          modalita: 'MISTA',
          ore: 120,
          dataInizio: '2025-04-01',
          dataFine: '2025-05-31',
        },
      });

      const aggiornato = accepted(await write('aggiornamento-offerta-formativa', 'ente', { corsoId: inserito.id, versioneBase: 1, dati: corso(codice, { titolo: 'Addetto alla cucina (serale)', ore: 150 }) }));
      expect([aggiornato.id, aggiornato.versione]).toEqual([inserito.id, 2]);
      expect((await corsoIn(cf, aggiornato.versioneMinima)).corso).toMatchObject({ id: inserito.id, versione: 2, titolo: 'Addetto alla cucina (serale)', ore: 150 });
      expectProblem(await write('aggiornamento-offerta-formativa', 'ente', { corsoId: inserito.id, versioneBase: 1, dati: corso(codice, { ore: 160 }) }), 409, 'VERSIONE_NON_AGGIORNATA');
    });

    it('a SIISL course of a provider the consumer acts for takes the version after SIISL’s', async () => {
      const corsoId = fresh('CORSO');
      await ingest('ingest-siisl', 'corso', { ...S.valid('corso'), id: corsoId, versione: 7, dati: corso(fresh('SIISL')) });
      const cf = await iscritto(corsoId, true);
      const esito = accepted(await write('aggiornamento-offerta-formativa', 'ente', { corsoId, versioneBase: 7, dati: corso(fresh('SIISL'), { posti: 25, titolo: 'Cucina di base' }) }));
      expect(esito.versione).toBe(8);
      expect((await corsoIn(cf, esito.versioneMinima)).corso).toMatchObject({ id: corsoId, versione: 8, titolo: 'Cucina di base' });
    });

    it('refuses the courses of another provider (403 on insert, the same 404 as an unknown course on update), and validates like SIISL', async () => {
      const codice = fresh('AC');
      const inserito = accepted(await write('inserimento-offerta-formativa', 'ente', { dati: corso(codice) }));
      expectProblem(await write('inserimento-offerta-formativa', 'altroEnte', { dati: corso(fresh('AC')) }), 403, 'ENTE_FORMATIVO_NON_ABILITATO');
      // Once the course is in the dossier (the insert's versioneMinima): a 404 for what it is, not for a lag.
      const altrui = await write('aggiornamento-offerta-formativa', 'altroEnte', { corsoId: inserito.id, dati: corso(codice, { ente: { codiceFiscale: ALTRO_ENTE_CF, denominazione: 'ALTRO' } }) }, { 'Versione-Minima': inserito.versioneMinima });
      const sconosciuto = await write('aggiornamento-offerta-formativa', 'altroEnte', { corsoId: fresh('CORSO'), dati: corso(codice, { ente: { codiceFiscale: ALTRO_ENTE_CF, denominazione: 'ALTRO' } }) });
      expectProblem(altrui, 404, 'NOT_FOUND');
      expect([sconosciuto.status, sconosciuto.body.code, sconosciuto.body.detail]).toEqual([404, 'NOT_FOUND', altrui.body.detail]);
      // Nor can the consumer hand its course to a provider it does not act for.
      expectProblem(await write('aggiornamento-offerta-formativa', 'ente', { corsoId: inserito.id, dati: corso(codice, { ente: { codiceFiscale: ALTRO_ENTE_CF, denominazione: 'ALTRO' } }) }), 403, 'ENTE_FORMATIVO_NON_ABILITATO');

      // As for SIISL's own records: the structure first, then the rules between fields.
      const invalid = await write('inserimento-offerta-formativa', 'ente', { dati: corso(fresh('AC'), { sede: { comune: 'Milano' }, posti: 0 }) });
      expectProblem(invalid, 422, 'VALIDATION_FAILED');
      expect((invalid.body.errors as Array<{ path: string; code: string }>).map((e) => [e.path, e.code]).sort()).toEqual([
        ['dati.posti', 'OUT_OF_RANGE'],
        ['dati.sede.comune', 'BELFIORE_FORMAT'],
      ]);
      const rules = await write('inserimento-offerta-formativa', 'ente', { dati: corso(fresh('AC'), { dataFine: '2025-03-01' }) });
      expect([rules.status, (rules.body.errors as Array<{ path: string; code: string }>).map((e) => [e.path, e.code])]).toEqual([422, [['dati.dataFine', 'END_BEFORE_START']]]);
    });
  });

  describe('read-your-writes', () => {
    it('a read with a versioneMinima the builder has not reached answers "not yet", never the dossier without the write; then serves it', async () => {
      const c = await casoPronto();
      await apps['dossier-builder'].stop();
      try {
        const esito = accepted(await write('invio-sostegni', 'comune', { casoId: c.casoId, paisId: c.paisId, versioneBase: 1, sostegni: [tirocinio(c.cf.richiedente)] }));
        const started = Date.now();
        const notYet = await read('caso-pais', 'comune', { casoId: c.casoId }, esito.versioneMinima);
        expectProblem(notYet, 503, 'VERSIONE_NON_DISPONIBILE', c.cf.richiedente);
        // It waited (the bound is 1.5 s here) before saying so.
        expect(Date.now() - started).toBeGreaterThanOrEqual(1400);
        // Without the token the read is served, as what the dossier holds now.
        expect((await caso('comune', c.casoId)).pais[0].versioni[0].versioneRecord).toBe(1);
        // A write built on the PaIS would miss the version on its way: refused until it arrives.
        const behind = await write('invio-sostegni', 'comune', { casoId: c.casoId, paisId: c.paisId, sostegni: [{ ...tirocinio(c.cf.richiedente), id: 'S5' }] });
        expectProblem(behind, 409, 'AGGIORNAMENTO_IN_CORSO');

        apps['dossier-builder'] = await startApp('dossier-builder', builderEnv);
        const served = await waitFor('the builder back', async () => {
          const res = await read('caso-pais', 'comune', { casoId: c.casoId }, esito.versioneMinima);
          return res.status === 200 ? (res.body as { caso: Vista }).caso : undefined;
        }, 60000, 500);
        expect(served.pais[0].versioni[0].versioneRecord).toBe(2);
        expect((served.pais[0].versioni[0].dati.sostegni as Array<{ id: string }>).map((s) => s.id)).toEqual(['S1', 'S2', 'S3', 'S4']);
      } finally {
        if (apps['dossier-builder'].proc.exitCode !== null) apps['dossier-builder'] = await startApp('dossier-builder', builderEnv);
      }
    }, 120000);

    it('refuses a Versione-Minima that is not a token of this api, naming the header', async () => {
      const c = await casoPronto();
      const bad = await read('caso-pais', 'comune', { casoId: c.casoId }, 'not-a-token');
      expectProblem(bad, 400, 'BAD_REQUEST');
      expect(bad.body.errors).toEqual([{ path: 'Versione-Minima', code: 'HEADER_VERSIONE_MINIMA_INVALID', message: 'invalid value' }]);
      const otherLog = Buffer.from('v1;some.other.topic|0|1').toString('base64url');
      expectProblem(await read('caso-pais', 'comune', { casoId: c.casoId }, otherLog), 400, 'BAD_REQUEST');
    });
  });

  describe('while the broker is unreachable', () => {
    it('a write is 503 with Retry-After and nothing claimed, reads keep working; writes resume by themselves', async () => {
      const c = await casoPronto();
      // The api reaches the broker through a proxy that accepts connections and never answers. (kafkajs talks
      // to the brokers the cluster metadata advertises, so the proxy stands for the broker only until a first
      // answer: it hangs from the start.)
      const proxy = await startTcpProxy(Number(BROKERS.split(',')[0]!.split(':')[1]));
      proxy.hang();
      const cut = await startApi({ comune: consumers.comune! }, { ...apiEnv, KAFKA_BROKERS: `127.0.0.1:${proxy.port}`, KAFKA_PRODUCE_TIMEOUT_MS: '2000' });
      try {
        const body = { casoId: c.casoId, paisId: c.paisId, versioneBase: 1, sostegni: [tirocinio(c.cf.richiedente)] };
        const refused = await cut.call('invio-sostegni', cut.consumers.comune!, { path: '', body });
        expectProblem(refused, 503, 'DEPENDENCY_UNAVAILABLE', c.cf.richiedente);
        const reading = await cut.call('caso-pais', cut.consumers.comune!, { body: { casoId: c.casoId } });
        expect([reading.status, (reading.body as { caso: Vista }).caso.pais[0].versioni[0].versioneRecord]).toEqual([200, 1]);

        proxy.resume();
        const res = await waitFor('a write accepted once the broker answers', async () => {
          const r = await cut.call('invio-sostegni', cut.consumers.comune!, { path: '', body });
          return r.status === 202 ? r : undefined;
        }, 60000, 1000);
        // The refused attempts took no version: this is the PaIS's second.
        expect(accepted(res).versione).toBe(2);
      } finally {
        await cut.close();
        await proxy.close();
      }
    }, 120000);
  });
});
