import { randomBytes } from 'node:crypto';
import { siislFixtures, type Entita, type RecordOf } from '@fsl/siisl';
import { startApp, type RunningApp } from './support/processes';
import { appDatabaseUrl, BROKERS, createTestTopics, hiring, isolation, postJson, randomCf, TEST_PSEUDONYM_KEY, waitFor } from './support/env';
import { startApi, type Harness } from '../apps/api/test/support/harness';

// SIISL end to end with the real apps: ingest-siisl (HTTP) → Kafka → dossier-builder → Postgres → the
// fascicolo e-service. Each entity goes through its whole life: created, updated, an older version
// arriving late (stale), the same version again (duplicate), the same version with other content (409),
// deleted (void); references to a course or an offer not received yet are kept and linked on arrival.
// Every id and codice fiscale is fresh per run: the ingest's claims and the projections are shared tables.

type Rec = Record<string, unknown> & { id: string; versione: number; aggiornatoIl: string; operazione: string; codiceFiscale?: string; dati?: Record<string, unknown> };

const run = randomBytes(4).toString('hex').toUpperCase();
const fresh = (label: string) => `${label}-${run}-${randomBytes(3).toString('hex').toUpperCase()}`;

/** Version n of a record: the fixture's content, its own id and owner, `aggiornatoIl` moving with n. */
function version<E extends Entita>(entita: E, id: string, n: number, owner: string | undefined, dati: Record<string, unknown> = {}): Rec {
  const base = siislFixtures.valid(entita) as unknown as Rec;
  const day = String(10 + n).padStart(2, '0');
  return {
    ...base,
    id,
    versione: n,
    aggiornatoIl: `2025-06-${day}T09:00:00+02:00`,
    ...(owner === undefined ? {} : { codiceFiscale: owner }),
    dati: { ...(base.dati as Record<string, unknown>), ...dati },
  };
}

function deletion(rec: Rec, n: number, extra: Record<string, unknown> = {}): Rec {
  const { dati: _dati, ...identity } = rec;
  return { ...identity, ...extra, versione: n, aggiornatoIl: `2025-06-${String(10 + n).padStart(2, '0')}T09:00:00+02:00`, operazione: 'ELIMINAZIONE' };
}

describe('SIISL scenarios: ingest-siisl → Kafka → builder → fascicolo e-service', () => {
  const { prefix, group } = isolation('siisl-scen');
  const kafkaEnv = { KAFKA_BROKERS: BROKERS, KAFKA_TOPIC_PREFIX: prefix, PSEUDONYM_KEY: TEST_PSEUDONYM_KEY };
  const apps: Record<string, RunningApp> = {};
  let api: Harness;

  beforeAll(async () => {
    await createTestTopics(prefix);
    const started = await Promise.all([
      startApp('ingest-siisl', { ...kafkaEnv, DATABASE_URL: appDatabaseUrl('fsl_ingest'), LOTTI_QUEUE: `${group}-lotti` }),
      startApp('ingest-co', { ...kafkaEnv, DATABASE_URL: appDatabaseUrl('fsl_ingest'), LOTTI_QUEUE: `${group}-co-lotti` }),
      startApp('dossier-builder', { ...kafkaEnv, DATABASE_URL: appDatabaseUrl('fsl_builder'), CONSUMER_GROUP: group }),
    ]);
    for (const a of started) apps[a.name] = a;
    api = await startApi({ Ente: { purpose: { eservices: ['fascicolo'], dati: ['lavorativa', 'sociale', 'formativa'], casiPais: 'tutti' } } });
  }, 120000);

  afterAll(async () => {
    await Promise.all(Object.values(apps).map((a) => a.stop()));
    await api?.close();
  }, 60000);

  const send = async (entita: Entita, rec: Rec) => postJson(`${apps['ingest-siisl'].url}/v1/${entita}`, rec);

  /** Sends and checks the answer: the esito, and `obsoleta` only for a stale version. */
  async function accepted(entita: Entita, rec: Rec, esito: 'ACCETTATA' | 'DUPLICATA' = 'ACCETTATA', obsoleta = false) {
    const res = await send(entita, rec);
    expect({ status: res.status, esito: res.body.esito, obsoleta: res.body.obsoleta === true }).toEqual({ status: 202, esito, obsoleta });
    expect(res.body).toMatchObject({ entita, id: rec.id, versione: rec.versione });
    return res.body as { eventIds: string[] };
  }

  async function conflict(entita: Entita, rec: Rec) {
    const res = await send(entita, rec);
    expect(res.status).toBe(409);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    if (rec.codiceFiscale) expect(JSON.stringify(res.body)).not.toContain(rec.codiceFiscale);
  }

  type Fascicolo = {
    versione: number;
    cartellaLavorativa: { siisl: Record<string, unknown> } & Record<string, unknown>;
    cartellaSociale: Record<string, unknown>;
    cartellaFormativa: Record<string, unknown>;
  };

  const fascicolo = async (cf: string): Promise<Fascicolo> => {
    const res = await api.call('fascicolo', api.consumers.Ente, { body: { codiceFiscale: cf } });
    expect(res.status).toBe(200);
    return res.body as unknown as Fascicolo;
  };

  /** Polls the fascicolo until `pick` says the builder has applied what the test waits for. */
  const until = <T>(what: string, cf: string, pick: (f: Fascicolo) => T | undefined) =>
    waitFor(what, async () => pick(await fascicolo(cf)), 30000, 250);

  it('curriculum: create, update, duplicate, 409, stale, void — earlier versions stay listed', async () => {
    const cf = randomCf();
    const id = fresh('CV');
    const v1 = version('curriculum', id, 1, cf);
    await accepted('curriculum', v1);
    const cv = (f: Fascicolo) => (f.cartellaLavorativa.siisl as { curriculum?: { id: string; versione: number; lingue: unknown[] } | null }).curriculum;
    expect((await until('cv v1', cf, (f) => (cv(f)?.versione === 1 ? cv(f)! : undefined))).id).toBe(id);

    const v2 = version('curriculum', id, 2, cf, { lingue: [{ lingua: 'fr', livelloCefr: 'A2' }] });
    await accepted('curriculum', v2);
    const afterUpdate = await until('cv v2', cf, (f) => (cv(f)?.versione === 2 ? cv(f)! : undefined));
    expect(afterUpdate.lingue).toEqual([{ lingua: 'fr', livelloCefr: 'A2' }]);

    await accepted('curriculum', v1, 'DUPLICATA');
    await conflict('curriculum', version('curriculum', id, 2, cf, { lingue: [{ lingua: 'de', livelloCefr: 'B2' }] }));

    await accepted('curriculum', version('curriculum', id, 4, cf, { lingue: [{ lingua: 'es', livelloCefr: 'B1' }] }));
    await accepted('curriculum', version('curriculum', id, 3, cf, { lingue: [{ lingua: 'pt', livelloCefr: 'A1' }] }), 'ACCETTATA', true);
    const listed = await until('v3 in the history', cf, (f) => {
      const versions = (f.cartellaLavorativa.siisl as { versioniCurriculum?: { versione: number }[] }).versioniCurriculum ?? [];
      return versions.length === 4 ? f : undefined;
    });
    // The late v3 joined the history; the current CV is still v4.
    expect(cv(listed)).toMatchObject({ versione: 4, lingue: [{ lingua: 'es', livelloCefr: 'B1' }] });
    expect((listed.cartellaLavorativa.siisl as { versioniCurriculum: { versione: number }[] }).versioniCurriculum.map((v) => v.versione)).toEqual([1, 2, 3, 4]);

    await accepted('curriculum', deletion(v1, 5));
    const voided = await until('cv void', cf, (f) => (cv(f) === null ? f : undefined));
    expect(cv(voided)).toBeNull();
  });

  it('job offers and proposals: a proposal before its offer waits, is linked on arrival, follows its updates and deletion', async () => {
    const cf = randomCf();
    const offertaId = fresh('OFF');
    const propostaId = fresh('PROP');
    const proposte = (f: Fascicolo) =>
      (f.cartellaLavorativa.siisl as { proposteLavoro?: Array<{ id: string; versione: number; stato: string; collegamento: string; offerta: { versione: number; stato: string } | null }> }).proposteLavoro ?? [];

    const p1 = version('proposta-lavoro', propostaId, 1, cf, { offertaId, stato: 'PROPOSTA', dataEsito: undefined, motivoRifiuto: undefined, rifiutoGiustificato: undefined });
    await accepted('proposta-lavoro', JSON.parse(JSON.stringify(p1)));
    const waiting = await until('proposal waiting', cf, (f) => proposte(f)[0]);
    expect(waiting).toMatchObject({ id: propostaId, stato: 'PROPOSTA', collegamento: 'IN_ATTESA', offerta: null });

    const o1 = version('offerta-lavoro', offertaId, 1, undefined);
    await accepted('offerta-lavoro', o1);
    expect(await until('offer linked', cf, (f) => (proposte(f)[0]?.collegamento === 'COLLEGATO' ? proposte(f)[0] : undefined))).toMatchObject({
      offerta: { versione: 1, stato: 'PUBBLICATA' },
    });

    // The offer is updated (closed), an older version arrives late, the same version is re-sent, and
    // once with other content.
    await accepted('offerta-lavoro', version('offerta-lavoro', offertaId, 3, undefined, { stato: 'CHIUSA' }));
    await accepted('offerta-lavoro', version('offerta-lavoro', offertaId, 2, undefined, { stato: 'SOSPESA' }), 'ACCETTATA', true);
    await accepted('offerta-lavoro', o1, 'DUPLICATA');
    await conflict('offerta-lavoro', version('offerta-lavoro', offertaId, 3, undefined, { stato: 'SCADUTA' }));
    expect(await until('offer v3', cf, (f) => (proposte(f)[0]?.offerta?.versione === 3 ? proposte(f)[0] : undefined))).toMatchObject({ offerta: { stato: 'CHIUSA' } });

    // The proposal is accepted (v2), a stale v1 copy with other content is a conflict, not a change.
    const p2 = version('proposta-lavoro', propostaId, 2, cf, { offertaId, stato: 'ACCETTATA', dataEsito: '2025-02-15', motivoRifiuto: undefined, rifiutoGiustificato: undefined });
    await accepted('proposta-lavoro', JSON.parse(JSON.stringify(p2)));
    await conflict('proposta-lavoro', JSON.parse(JSON.stringify({ ...p1, dati: { ...p1.dati, stato: 'SCADUTA', dataEsito: '2025-02-24' } })));
    expect(await until('proposal v2', cf, (f) => (proposte(f)[0]?.versione === 2 ? proposte(f)[0] : undefined))).toMatchObject({ stato: 'ACCETTATA' });

    await accepted('offerta-lavoro', deletion(o1, 4));
    expect(await until('offer deleted', cf, (f) => (proposte(f)[0]?.collegamento === 'ELIMINATO' ? proposte(f)[0] : undefined))).toMatchObject({ offerta: null });
    await accepted('proposta-lavoro', deletion(p1, 3));
    await until('proposal void', cf, (f) => (proposte(f).length === 0 ? true : undefined));
  });

  it('courses, enrolments and interest: an enrolment before its course is kept and linked; its events follow its versions', async () => {
    const cf = randomCf();
    const corsoId = fresh('CORSO');
    const iscrizioneId = fresh('ISCR');
    const manifestazioneId = fresh('MAN');
    type Iscr = { id: string; versione: number; stato: string; collegamento: string; corso: { titolo: string; versione: number } | null; eventi: { tipo: string }[] };
    const iscrizioni = (f: Fascicolo) => (f.cartellaFormativa as { iscrizioni?: Iscr[] }).iscrizioni ?? [];
    const manifestazioni = (f: Fascicolo) => (f.cartellaFormativa as { manifestazioniInteresse?: Array<{ id: string; collegamento: string }> }).manifestazioniInteresse ?? [];

    const i1 = version('iscrizione', iscrizioneId, 1, cf, { corsoId, eventi: [{ tipo: 'ISCRITTO', data: '2025-03-01' }] });
    await accepted('iscrizione', i1);
    await accepted('manifestazione-interesse', version('manifestazione-interesse', manifestazioneId, 1, cf, { corsoId }));
    const waiting = await until('enrolment waiting', cf, (f) => (iscrizioni(f)[0] && manifestazioni(f)[0] ? f : undefined));
    expect(iscrizioni(waiting)[0]).toMatchObject({ id: iscrizioneId, stato: 'ISCRITTO', collegamento: 'IN_ATTESA', corso: null });
    expect(manifestazioni(waiting)[0]).toMatchObject({ id: manifestazioneId, collegamento: 'IN_ATTESA' });

    const c1 = version('corso', corsoId, 1, undefined);
    await accepted('corso', c1);
    const linked = await until('course linked', cf, (f) => (iscrizioni(f)[0]?.collegamento === 'COLLEGATO' ? f : undefined));
    expect(iscrizioni(linked)[0].corso).toMatchObject({ titolo: 'Addetto alla cucina', versione: 1 });
    expect(manifestazioni(linked)[0].collegamento).toBe('COLLEGATO');

    await accepted('corso', version('corso', corsoId, 2, undefined, { titolo: 'Addetto alla cucina - edizione 2' }));
    await accepted('corso', c1, 'DUPLICATA');
    await conflict('corso', version('corso', corsoId, 2, undefined, { titolo: 'Altro titolo' }));

    const eventi = [
      { tipo: 'ISCRITTO', data: '2025-03-01' },
      { tipo: 'AVVIATO', data: '2025-04-01' },
      { tipo: 'CONCLUSO', data: '2025-05-31' },
    ];
    await accepted('iscrizione', version('iscrizione', iscrizioneId, 3, cf, { corsoId, eventi }));
    await accepted('iscrizione', version('iscrizione', iscrizioneId, 2, cf, { corsoId, eventi: eventi.slice(0, 2) }), 'ACCETTATA', true);
    await accepted('iscrizione', i1, 'DUPLICATA');
    await conflict('iscrizione', version('iscrizione', iscrizioneId, 3, cf, { corsoId, eventi: [...eventi.slice(0, 2), { tipo: 'RITIRATO', data: '2025-04-20' }] }));
    const concluded = await until('enrolment v3 and course v2', cf, (f) => (iscrizioni(f)[0]?.versione === 3 && iscrizioni(f)[0]?.corso?.versione === 2 ? iscrizioni(f)[0] : undefined));
    expect(concluded).toMatchObject({ stato: 'CONCLUSO', corso: { titolo: 'Addetto alla cucina - edizione 2' } });
    expect(concluded.eventi.map((e) => e.tipo)).toEqual(['ISCRITTO', 'AVVIATO', 'CONCLUSO']);

    await accepted('manifestazione-interesse', deletion(version('manifestazione-interesse', manifestazioneId, 1, cf), 2));
    await accepted('iscrizione', deletion(i1, 4));
    await until('enrolment and interest void', cf, (f) => (iscrizioni(f).length === 0 && manifestazioni(f).length === 0 ? true : undefined));
  });

  it('ADI measure and PUC: every household member sees the measure; updates, stale, duplicate, 409 and void', async () => {
    const richiedente = randomCf();
    const componente = randomCf();
    const id = fresh('ADI');
    const nucleo = [
      { codiceFiscale: richiedente, percorso: 'CENTRO_IMPIEGO' },
      { codiceFiscale: componente, percorso: 'SERVIZI_SOCIALI' },
    ];
    type Misura = { id: string; versione: number; stato: string; ruolo: string; percorso?: string };
    const misure = (f: Fascicolo) => (f.cartellaSociale as { misureInclusione?: Misura[] }).misureInclusione ?? [];
    // A PUC may be reported by SIISL and GePI: one entry, each source with its own record id and version.
    type Puc = { oreSvolte?: number; fonti: Array<{ fonte: string; id: string; versione: number }> };
    const puc = (f: Fascicolo) => (f.cartellaSociale as { partecipazioniPuc?: Puc[] }).partecipazioniPuc ?? [];

    const m1 = version('misura-inclusione', id, 1, richiedente, { nucleo });
    await accepted('misura-inclusione', m1);
    expect((await until('measure for the applicant', richiedente, (f) => misure(f)[0]))).toMatchObject({ id, stato: 'ACCOLTA', ruolo: 'RICHIEDENTE', percorso: 'CENTRO_IMPIEGO' });
    expect((await until('measure for the member', componente, (f) => misure(f)[0]))).toMatchObject({ id, ruolo: 'COMPONENTE', percorso: 'SERVIZI_SOCIALI' });

    await accepted('misura-inclusione', version('misura-inclusione', id, 3, richiedente, { nucleo, stato: 'SOSPESA' }));
    await accepted('misura-inclusione', version('misura-inclusione', id, 2, richiedente, { nucleo, stato: 'REVOCATA' }), 'ACCETTATA', true);
    await accepted('misura-inclusione', m1, 'DUPLICATA');
    await conflict('misura-inclusione', version('misura-inclusione', id, 3, richiedente, { nucleo, stato: 'DECADUTA' }));
    expect(await until('measure v3 for the member', componente, (f) => (misure(f)[0]?.versione === 3 ? misure(f)[0] : undefined))).toMatchObject({ stato: 'SOSPESA' });

    const pucId = fresh('PUC');
    const p1 = version('puc', pucId, 1, richiedente, { oreSvolte: 40 });
    await accepted('puc', p1);
    await accepted('puc', version('puc', pucId, 3, richiedente, { oreSvolte: 120 }));
    await accepted('puc', version('puc', pucId, 2, richiedente, { oreSvolte: 80 }), 'ACCETTATA', true);
    await accepted('puc', p1, 'DUPLICATA');
    await conflict('puc', version('puc', pucId, 1, richiedente, { oreSvolte: 41 }));
    expect(await until('puc v3', richiedente, (f) => (puc(f)[0]?.fonti[0]?.versione === 3 ? puc(f)[0] : undefined))).toMatchObject({
      oreSvolte: 120,
      fonti: [{ fonte: 'SIISL', id: pucId, versione: 3 }],
    });

    await accepted('misura-inclusione', deletion(m1, 4, { codiciFiscaliNucleo: [richiedente, componente] }));
    await accepted('puc', deletion(p1, 4));
    await until('measure void for the member', componente, (f) => (misure(f).length === 0 ? true : undefined));
    await until('measure and puc void for the applicant', richiedente, (f) => (misure(f).length === 0 && puc(f).length === 0 ? true : undefined));
  });

  it('a citizen with CO and SIISL records gets the three cartelle filled in one fascicolo', async () => {
    const cf = randomCf();
    const co = hiring(cf);
    expect((await postJson(`${apps['ingest-co'].url}/v1/comunicazioni`, co)).status).toBe(202);
    await accepted('curriculum', version('curriculum', fresh('CV'), 1, cf));
    await accepted('iscrizione', version('iscrizione', fresh('ISCR'), 1, cf, { corsoId: fresh('CORSO') }));
    await accepted('misura-inclusione', version('misura-inclusione', fresh('ADI'), 1, cf, { nucleo: [{ codiceFiscale: cf }] }));
    const f = await until('three cartelle', cf, (x) =>
      (x.cartellaLavorativa.rapporti as unknown[]).length &&
      (x.cartellaLavorativa.siisl as { curriculum?: unknown }).curriculum &&
      ((x.cartellaFormativa as { iscrizioni?: unknown[] }).iscrizioni ?? []).length &&
      ((x.cartellaSociale as { misureInclusione?: unknown[] }).misureInclusione ?? []).length
        ? x
        : undefined,
    );
    expect((f.cartellaLavorativa.rapporti as Array<{ id: string; stato: string }>).map((r) => [r.id, r.stato])).toEqual([[co.datiInvio.codiceComunicazione, 'ATTIVO']]);
    // One CO and three SIISL records, each a change of the dossier.
    expect(f.versione).toBe(4);
  });

  it('names the bad field of a record and keeps the good lines of a mixed batch', async () => {
    const cf = randomCf();
    const good = version('puc', fresh('PUC'), 1, cf);
    const bad = { ...version('puc', fresh('PUC'), 1, cf), dati: { ...version('puc', 'X', 1, cf).dati, oreSettimanali: 'otto' } };
    const res = await fetch(`${apps['ingest-siisl'].url}/v1/puc/lotti`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-ndjson' },
      body: [JSON.stringify(good), JSON.stringify(bad)].join('\n'),
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { esiti: Array<{ riga: number; esito: string; errors?: { path: string }[] }> };
    expect(body.esiti.map((e) => [e.riga, e.esito])).toEqual([
      [1, 'ACCETTATA'],
      [2, 'RIFIUTATA'],
    ]);
    expect(body.esiti[1].errors!.map((e) => e.path)).toEqual(['dati.oreSettimanali']);
    await until('the good line applied', cf, (f) => (((f.cartellaSociale as { partecipazioniPuc?: unknown[] }).partecipazioniPuc ?? []).length === 1 ? true : undefined));
  });

  it('accepts an unknown but well-formed classification code with a warning', async () => {
    const cf = randomCf();
    const rec = version('curriculum', fresh('CV'), 1, cf);
    const dati = rec.dati as { esperienze: Array<Record<string, unknown>> };
    dati.esperienze = [{ ...dati.esperienze[0], qualificaCp2011: '9.9.9.9.9' }];
    const res = await send('curriculum', rec);
    expect(res.status).toBe(202);
    expect((res.body.avvisi as Array<{ path: string; code: string }>).map((a) => [a.path, a.code])).toContainEqual(['dati.esperienze[0].qualificaCp2011', 'CODE_UNKNOWN']);
    await until('the cv with the unknown code', cf, (f) => (f.cartellaLavorativa.siisl as { curriculum?: unknown }).curriculum ?? undefined);
  });
});
