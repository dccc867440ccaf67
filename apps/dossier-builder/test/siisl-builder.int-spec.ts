import { randomBytes } from 'node:crypto';
import { project as projectFormativa, type Catalogo, type CittadinoFormazione } from '@fsl/cartella-formativa';
import { project as projectSociale, type CittadinoSociale } from '@fsl/cartella-sociale';
import type { SezioneSiisl } from '@fsl/cartella-lavorativa';
import { topicName } from '@fsl/kafka';
import { getDefaultCodec, type SiislPayloadsV1 } from '@fsl/schemas';
import { citizensOf, currentVersion, generateSiisl, recordHash, siislFixtures as F, siislToAvro, type Corso, type Entita, type RecordOf, type StoredVersion } from '@fsl/siisl';
import { randomCf, waitFor } from '../../../test/support/env';
import { builderSuite, counterAfter, counterValue, poisonLetters, rename, sendOnEveryPartition, sendPoisonThenGood, storedInTwoOrders } from '../../../test/support/builder-kit';
import { publishSiisl, siislMessages, type SiislItem } from '../../../test/support/siisl-events';

// The SIISL projections through the real path: Avro events on the SIISL topic → the builder (its own
// process, the same consumer as the CO topic) → the catalogues and the three cartelle in Postgres.

describe('SIISL → catalogues and cartelle through the broker', () => {
  const suite = builderSuite('siisl');
  const { prefix, group, pool } = suite;
  const siislTopic = topicName('siislEvents', prefix);

  /** Every catalogue id and citizen this suite published for: the rows it compares. */
  const touched = new Set<string>();
  async function publish(items: readonly SiislItem[]): Promise<void> {
    for (const { entita, record } of items) for (const k of [record.id, ...citizensOf(entita, record)]) touched.add(k);
    await publishSiisl(prefix, items);
  }

  // Ids unique to this run: the test database is shared with earlier runs.
  const run = randomBytes(3).toString('hex');
  let seq = 0;
  const uid = (p: string) => `${p}-${run}-${++seq}`;
  const at = (day: number) => `2025-03-${String(day).padStart(2, '0')}T09:30:00+01:00`;

  function corso(id: string, versione = 1, codiceCorsoEnte = `EC-${id}`): SiislItem {
    const r = F.valid('corso') as Extract<Corso, { operazione: 'AGGIORNAMENTO' }>;
    return { entita: 'corso', record: { ...r, id, versione, aggiornatoIl: at(10 + versione), dati: { ...r.dati, codiceCorsoEnte } } };
  }
  function iscrizione(cf: string, id: string, corsoId: string, versione = 1): SiislItem {
    const r = F.valid('iscrizione') as Extract<RecordOf['iscrizione'], { operazione: 'AGGIORNAMENTO' }>;
    const eventi = [{ tipo: 'ISCRITTO' as const, data: '2025-03-01' }, { tipo: 'AVVIATO' as const, data: '2025-03-05' }, { tipo: 'CONCLUSO' as const, data: '2025-03-09' }];
    return { entita: 'iscrizione', record: { ...r, id, codiceFiscale: cf, versione, aggiornatoIl: at(10 + versione), dati: { corsoId, eventi: eventi.slice(0, versione + 1) } } };
  }
  function curriculum(cf: string, id: string, versione: number): SiislItem {
    const r = F.valid('curriculum') as Extract<RecordOf['curriculum'], { operazione: 'AGGIORNAMENTO' }>;
    return { entita: 'curriculum', record: { ...r, id, codiceFiscale: cf, versione, aggiornatoIl: at(10 + versione), dati: { ...r.dati, lingue: r.dati.lingue.slice(0, versione % 2 ? 1 : 2) } } };
  }
  function puc(cf: string, id: string, oreSvolte = 160): SiislItem {
    const r = F.valid('puc') as Extract<RecordOf['puc'], { operazione: 'AGGIORNAMENTO' }>;
    return { entita: 'puc', record: { ...r, id, codiceFiscale: cf, dati: { ...r.dati, oreSvolte } } };
  }
  function misura(applicant: string, others: string[], id: string): SiislItem {
    const r = F.valid('misura-inclusione') as Extract<RecordOf['misura-inclusione'], { operazione: 'AGGIORNAMENTO' }>;
    const nucleo = [{ codiceFiscale: applicant, percorso: 'CENTRO_IMPIEGO' as const }, ...others.map((codiceFiscale) => ({ codiceFiscale, percorso: 'SERVIZI_SOCIALI' as const }))];
    return { entita: 'misura-inclusione', record: { ...r, id, codiceFiscale: applicant, dati: { ...r.dati, nucleo } } };
  }
  /** The deletion of a record as version `versione` (identity only; a measure's lists its household). */
  function deletion({ entita, record }: SiislItem, versione: number, codiciFiscaliNucleo?: string[]): SiislItem {
    const { dati: _dati, ...identity } = record as { dati?: unknown } & RecordOf[Entita];
    return { entita, record: { ...identity, versione, aggiornatoIl: at(10 + versione), operazione: 'ELIMINAZIONE', ...(codiciFiscaliNucleo ? { codiciFiscaliNucleo } : {}) } } as SiislItem;
  }

  const one = async <T>(sql: string, key: string): Promise<T | undefined> => (await pool.query(sql, [key])).rows[0] as T | undefined;
  const formativa = (cf: string) => one<{ state: CittadinoFormazione }>('SELECT state FROM cartella_formativa WHERE codice_fiscale = $1', cf).then((r) => r?.state);
  const sociale = (cf: string) => one<{ state: CittadinoSociale }>('SELECT state FROM cartella_sociale WHERE codice_fiscale = $1', cf).then((r) => r?.state);
  const lavorativa = (cf: string) => one<{ state: SezioneSiisl }>('SELECT state FROM cartella_lavorativa_siisl WHERE codice_fiscale = $1', cf).then((r) => r?.state);
  type CorsoRow = { history: StoredVersion<Corso>[]; ente_cf: string | null; codice_corso_ente: string | null };
  const corsoRow = (id: string) => one<CorsoRow>('SELECT history, ente_cf, codice_corso_ente FROM siisl_corso WHERE corso_id = $1', id);
  const dossierVersion = async (cf: string) => Number((await one<{ version: string }>('SELECT version FROM dossier WHERE codice_fiscale = $1', cf))?.version);
  const versions = (history: readonly { versione: number }[] | undefined) => (history ?? []).map((v) => v.versione);
  /** The catalogue of the courses a state names, as the api builds it when it reads. */
  async function catalogoOf(state: CittadinoFormazione): Promise<Catalogo> {
    const ids = [...Object.values(state.iscrizioni), ...Object.values(state.manifestazioni)].flatMap((h) => h.flatMap((v) => (v.record.operazione === 'AGGIORNAMENTO' ? [v.record.dati.corsoId] : [])));
    const { rows } = await pool.query<{ corso_id: string; history: StoredVersion<Corso>[] }>('SELECT corso_id, history FROM siisl_corso WHERE corso_id = ANY($1)', [ids]);
    return { schemaVersion: 1, corsi: Object.fromEntries(rows.map((r) => [r.corso_id, r.history])) };
  }
  const siislMetric = (entity: string, outcome: string) => counterValue(suite.builder.metricsUrl, 'builder_siisl_events_total', { entity, outcome });
  const metricAfter = (entity: string, outcome: string, least: number) => counterAfter(suite.builder.metricsUrl, 'builder_siisl_events_total', { entity, outcome }, least);

  it('a course and an enrolment are created, then updated: history, provider code of the current version, dossier version', async () => {
    const cf = randomCf();
    const [corsoId, iscrId] = [uid('CORSO'), uid('ISCR')];
    // Provider codes of this run only: the lookup below must find this course alone.
    const [code1, code2] = [`AC-1-${run}`, `AC-2-${run}`];
    await publish([corso(corsoId, 1, code1), iscrizione(cf, iscrId, corsoId, 1)]);
    const created = await waitFor('the enrolment and its course', async () => {
      const st = await formativa(cf);
      return st?.iscrizioni[iscrId] && (await corsoRow(corsoId)) ? st : undefined;
    });
    expect(versions(created.iscrizioni[iscrId])).toEqual([1]);
    expect(await corsoRow(corsoId)).toEqual({ history: [expect.objectContaining({ versione: 1, eliminato: false })], ente_cf: F.ENTE_CF, codice_corso_ente: code1 });
    expect(await dossierVersion(cf)).toBe(1);

    await publish([corso(corsoId, 2, code2), iscrizione(cf, iscrId, corsoId, 2)]);
    const updated = await waitFor('version 2', async () => {
      const s = await formativa(cf);
      return s && s.iscrizioni[iscrId].length === 2 && (await corsoRow(corsoId))?.history.length === 2 ? s : undefined;
    });
    expect(versions(updated.iscrizioni[iscrId])).toEqual([1, 2]);
    expect(await corsoRow(corsoId)).toEqual({ history: [expect.objectContaining({ versione: 1 }), expect.objectContaining({ versione: 2 })], ente_cf: F.ENTE_CF, codice_corso_ente: code2 });
    const lookup = await pool.query('SELECT corso_id FROM siisl_corso WHERE ente_cf = $1 AND codice_corso_ente = $2', [F.ENTE_CF, code2]);
    expect(lookup.rows).toEqual([{ corso_id: corsoId }]);
    const view = projectFormativa(updated, await catalogoOf(updated));
    expect(view.iscrizioni.map((i) => [i.id, i.versione, i.stato, i.collegamento, i.corso?.codiceCorsoEnte])).toEqual([[iscrId, 2, 'CONCLUSO', 'COLLEGATO', code2]]);
    // The course is a catalogue row: a change of it is not a change of the citizen's state.
    expect(await dossierVersion(cf)).toBe(2);
    expect(JSON.stringify(updated)).not.toContain(code2);
  });

  it('an older version after a newer one joins the history and leaves the current one', async () => {
    const cf = randomCf();
    const cvId = uid('CV');
    await publish([curriculum(cf, cvId, 1), curriculum(cf, cvId, 3), curriculum(cf, cvId, 2)]);
    const s = await waitFor('three versions', async () => {
      const st = await lavorativa(cf);
      return st?.curricula[cvId]?.length === 3 ? st : undefined;
    });
    expect(versions(s.curricula[cvId])).toEqual([1, 2, 3]);
    expect(currentVersion(s.curricula[cvId])?.versione).toBe(3);
    expect(currentVersion(s.curricula[cvId])?.record).toEqual(curriculum(cf, cvId, 3).record);
    expect(await dossierVersion(cf)).toBe(3);
    expect(await metricAfter('curriculum', 'stale', 1)).toBeGreaterThanOrEqual(1);
  });

  it('a duplicate changes nothing: no second version, no dossier version', async () => {
    const cf = randomCf();
    const [p1, p2] = [uid('PUC'), uid('PUC')];
    const duplicatesBefore = await siislMetric('puc', 'duplicate');
    const first = puc(cf, p1);
    // The marker comes after the duplicates on the same partition (same citizen, same key).
    await publish([first, first, structuredClone(first), puc(cf, p2)]);
    const s = await waitFor('the marker', async () => {
      const st = await sociale(cf);
      return st?.puc[p2] ? st : undefined;
    });
    expect(versions(s.puc[p1])).toEqual([1]);
    expect(await dossierVersion(cf)).toBe(2);
    expect(await metricAfter('puc', 'duplicate', duplicatesBefore + 2)).toBe(duplicatesBefore + 2);
  });

  it('a deletion voids the course: no current version, no provider code to look up', async () => {
    const corsoId = uid('CORSO');
    const course = corso(corsoId, 1, `DEL-${run}`);
    await publish([course, deletion(course, 2)]);
    const row = await waitFor('the deletion', async () => {
      const r = await corsoRow(corsoId);
      return r?.history.length === 2 ? r : undefined;
    });
    expect(row).toEqual({ history: [expect.objectContaining({ versione: 1, eliminato: false }), expect.objectContaining({ versione: 2, eliminato: true })], ente_cf: null, codice_corso_ente: null });
    expect(currentVersion(row.history)).toBeUndefined();
    expect((await pool.query('SELECT 1 FROM siisl_corso WHERE codice_corso_ente = $1', [`DEL-${run}`])).rows).toEqual([]);
  });

  it('an enrolment before its course is kept, and linked when the course arrives (nothing rewritten in the citizen)', async () => {
    const cf = randomCf();
    const [corsoId, iscrId] = [uid('CORSO'), uid('ISCR')];
    await publish([iscrizione(cf, iscrId, corsoId, 1)]);
    const waiting = await waitFor('the enrolment', async () => {
      const st = await formativa(cf);
      return st?.iscrizioni[iscrId] ? st : undefined;
    });
    expect(await corsoRow(corsoId)).toBeUndefined();
    expect(projectFormativa(waiting, await catalogoOf(waiting)).iscrizioni.map((i) => [i.id, i.collegamento, i.corso])).toEqual([[iscrId, 'IN_ATTESA', null]]);

    await publish([corso(corsoId)]);
    await waitFor('the course', () => corsoRow(corsoId));
    const after = await formativa(cf);
    expect(after).toEqual(waiting);
    expect(projectFormativa(after!, await catalogoOf(after!)).iscrizioni.map((i) => [i.id, i.collegamento, i.corso?.id])).toEqual([[iscrId, 'COLLEGATO', corsoId]]);
    expect(await dossierVersion(cf)).toBe(1);
  });

  it('a measure reaches every household member, and so does its deletion', async () => {
    const [applicant, spouse, child] = [randomCf(), randomCf(), randomCf()];
    const household = [applicant, spouse, child];
    const id = uid('ADI');
    const measure = misura(applicant, [spouse, child], id);
    await publish([measure]);
    const states = await waitFor('every member', async () => {
      const all = await Promise.all(household.map(sociale));
      return all.every((s) => s?.misure[id]) ? (all as CittadinoSociale[]) : undefined;
    });
    expect(states.map((s) => projectSociale(s).misure.map((m) => [m.id, m.ruolo, m.componentiNucleo]))).toEqual([
      [[id, 'RICHIEDENTE', 3]],
      [[id, 'COMPONENTE', 3]],
      [[id, 'COMPONENTE', 3]],
    ]);
    // SIISL-only citizens: each got a dossier row.
    expect(await Promise.all(household.map(dossierVersion))).toEqual([1, 1, 1]);

    await publish([deletion(measure, 2, household)]);
    const voided = await waitFor('the deletion at every member', async () => {
      const all = await Promise.all(household.map(sociale));
      return all.every((s) => s?.misure[id].length === 2) ? (all as CittadinoSociale[]) : undefined;
    });
    expect(voided.map((s) => projectSociale(s).misure)).toEqual([[], [], []]);
    expect(await Promise.all(household.map(dossierVersion))).toEqual([2, 2, 2]);
  });

  it('two contents of one version reaching the fold are counted, and the smaller content hash is kept', async () => {
    const cf = randomCf();
    const id = uid('PUC');
    const [a, b] = [puc(cf, id, 100), puc(cf, id, 120)];
    const before = await siislMetric('puc', 'conflict');
    await publish([a, b, puc(cf, uid('PUC'))]);
    const s = await waitFor('the marker', async () => {
      const st = await sociale(cf);
      return st && Object.keys(st.puc).length === 2 ? st : undefined;
    });
    const kept = [a, b].sort((x, y) => (recordHash(x.record) < recordHash(y.record) ? -1 : 1))[0];
    expect(s.puc[id]).toEqual([expect.objectContaining({ versione: 1, record: kept.record })]);
    expect(await metricAfter('puc', 'conflict', before + 1)).toBe(before + 1);
  });

  it('poison on the SIISL topic goes to the dead-letter topic, the good records around it are applied', async () => {
    const cf = randomCf();
    const id = uid('ISCR');
    const good = iscrizione(cf, id, uid('CORSO'));
    const [goodMessage] = siislMessages(good, 'siisl-poison-check');
    // A payload whose citizen is not the record's: valid Avro, not a valid SIISL message.
    const [payload] = siislToAvro('iscrizione', good.record as RecordOf['iscrizione']);
    const header = getDefaultCodec().decode(goodMessage.value).value as { header: unknown };
    const foreign = getDefaultCodec().encode('siisl.iscrizione', { header: header.header, payload: { ...payload, cittadinoCf: randomCf() } as SiislPayloadsV1['siisl.iscrizione'] });
    const before = { unknown: await siislMetric('unknown', 'dead_letter'), iscrizione: await siislMetric('iscrizione', 'dead_letter') };
    await sendPoisonThenGood(siislTopic, goodMessage.key, 'siisl-poison-check', foreign, goodMessage);
    await waitFor('the good record after the poison', async () => (await formativa(cf))?.iscrizioni[id]);
    const { codes, letters } = await poisonLetters(prefix, group, goodMessage.key);
    expect(codes).toEqual(['NotSingleObjectError', 'WRONG_SUBJECT', 'SiislAvroMappingError'].map((code) => [siislTopic, code]));
    expect(letters[0].value.toString()).toBe('{"not":"avro"}');
    expect(JSON.stringify(letters.map((l) => l.headers))).not.toContain(cf);
    expect(await metricAfter('unknown', 'dead_letter', before.unknown + 2)).toBe(before.unknown + 2);
    expect(await metricAfter('iscrizione', 'dead_letter', before.iscrizione + 1)).toBe(before.iscrizione + 1);
    // The dead letter's log line carries the correlation id the message came with.
    await waitFor('the log line', async () => (suite.builder.output().includes('"correlationId":"siisl-poison-check"') ? true : undefined));
  });

  /**
   * Two copies of one generated data set, under fresh identities each (CFs and record ids): the same
   * events, told apart only by those, so their tables compare once the identities are mapped back.
   */
  function twoCopies() {
    const base = generateSiisl({ persone: Array.from({ length: 6 }, () => ({ codiceFiscale: randomCf() })), seed: 20261207, catalogo: 4 });
    const [ids, cfs] = [new Set<string>(), new Set<string>()];
    for (const { entita, record } of base.records) {
      ids.add(record.id);
      for (const cf of citizensOf(entita, record)) cfs.add(cf);
    }
    const copy = (tag: string) => {
      const to = new Map([...[...ids].map((id) => [id, `${id}.${tag}${run}`] as const), ...[...cfs].map((cf) => [cf, randomCf()] as const)]);
      const back = new Map([...to].map(([k, v]) => [v, k]));
      return { records: rename(base.records, to) as SiislItem[], to, back };
    };
    return { base, a: copy('a'), b: copy('b') };
  }
  /** What the builder stored for one copy, identities mapped back to the base data set. */
  async function tablesOf(c: { to: Map<string, string>; back: Map<string, string> }) {
    const keys = [...c.to.values()];
    const q = async (sql: string) => rename((await pool.query(sql, [keys])).rows, c.back);
    return {
      corsi: await q('SELECT corso_id, history, ente_cf, codice_corso_ente FROM siisl_corso WHERE corso_id = ANY($1) ORDER BY corso_id'),
      offerte: await q('SELECT offerta_id, history FROM siisl_offerta WHERE offerta_id = ANY($1) ORDER BY offerta_id'),
      formativa: await q('SELECT codice_fiscale, state FROM cartella_formativa WHERE codice_fiscale = ANY($1)'),
      sociale: await q('SELECT codice_fiscale, state FROM cartella_sociale WHERE codice_fiscale = ANY($1)'),
      lavorativa: await q('SELECT codice_fiscale, state FROM cartella_lavorativa_siisl WHERE codice_fiscale = ANY($1)'),
      dossier: await q('SELECT codice_fiscale, version::int FROM dossier WHERE codice_fiscale = ANY($1)'),
    };
  }
  const sortByFirst = (rows: unknown) => [...(rows as Record<string, unknown>[])].sort((x, y) => (JSON.stringify(Object.values(x)[0]) < JSON.stringify(Object.values(y)[0]) ? -1 : 1));
  /** Versions stored for a copy, over every catalogue history and every section of every state. */
  function storedVersions(t: Awaited<ReturnType<typeof tablesOf>>): number {
    const histories = (rows: unknown, column: string) => (rows as Record<string, unknown>[]).map((r) => r[column]);
    const sections = (rows: unknown) => histories(rows, 'state').flatMap((s) => Object.values(s as object).filter((v) => v && typeof v === 'object' && !Array.isArray(v)).flatMap((sec) => Object.values(sec as object)));
    return [...histories(t.corsi, 'history'), ...histories(t.offerte, 'history'), ...sections(t.formativa), ...sections(t.sociale), ...sections(t.lavorativa)].reduce((n, h) => n + (h as unknown[]).length, 0);
  }

  it('the same events in two different orders give identical tables', async () => {
    const { base, a, b } = twoCopies();
    expect(base.records.some((r) => r.entita === 'misura-inclusione' && citizensOf(r.entita, r.record).length > 1)).toBe(true);
    expect(base.records.some((r) => r.record.versione > 1)).toBe(true);
    // One stored version per record and row it reaches (every household member for a measure).
    const expected = base.records.reduce((n, { entita, record }) => n + Math.max(1, citizensOf(entita, record).length), 0);
    const [ta, tb] = await storedInTwoOrders(publish, [a, b], tablesOf, (t) => storedVersions(t) === expected);
    for (const table of ['formativa', 'sociale', 'lavorativa', 'dossier'] as const) expect(sortByFirst(tb[table])).toEqual(sortByFirst(ta[table]));
    expect(tb.corsi).toEqual(ta.corsi);
    expect(tb.offerte).toEqual(ta.offerte);
    expect((ta.dossier as unknown[]).length).toBeGreaterThan(6);
  }, 120000);

  it("a builder killed with SIGKILL, restarted after Kafka lost the group's offsets, applies nothing twice", async () => {
    const cf = randomCf();
    const cvId = uid('CV');
    await publish([curriculum(cf, cvId, 1), curriculum(cf, cvId, 2)]);
    await waitFor('the CV', async () => ((await lavorativa(cf))?.curricula[cvId]?.length === 2 ? true : undefined));
    const snapshot = async () =>
      (
        await pool.query(
          `SELECT 'dossier' AS t, codice_fiscale AS k, version::text AS v FROM dossier WHERE codice_fiscale = ANY($1)
           UNION ALL SELECT 'lavorativa', codice_fiscale, state::text FROM cartella_lavorativa_siisl WHERE codice_fiscale = ANY($1)
           UNION ALL SELECT 'sociale', codice_fiscale, state::text FROM cartella_sociale WHERE codice_fiscale = ANY($1)
           UNION ALL SELECT 'formativa', codice_fiscale, state::text FROM cartella_formativa WHERE codice_fiscale = ANY($1)
           UNION ALL SELECT 'corso', corso_id, history::text FROM siisl_corso WHERE corso_id = ANY($1)
           UNION ALL SELECT 'offerta', offerta_id, history::text FROM siisl_offerta WHERE offerta_id = ANY($1)
           ORDER BY 1, 2`,
          [[...touched]],
        )
      ).rows;
    const before = await snapshot();

    // The handler-level redelivery is src/siisl.handler.int-spec.ts.
    await suite.restartFromEarliest([siislTopic, topicName('coComunicazioni', prefix)]);
    const markers: string[] = [];
    // One marker course on every partition: once all are in, every partition was read past the old messages.
    await sendOnEveryPartition(siislTopic, () => {
      const id = uid('MARK');
      markers.push(id);
      touched.add(id);
      return siislMessages(corso(id))[0];
    });
    await waitFor('every marker', async () => ((await pool.query('SELECT count(*)::int AS n FROM siisl_corso WHERE corso_id = ANY($1)', [markers])).rows[0].n === markers.length ? true : undefined), 90000);
    const after = (await snapshot()).filter((r) => !markers.includes(r.k));
    expect(after).toEqual(before);
    expect(before.length).toBeGreaterThan(20);
    expect(await metricAfter('corso', 'applied', markers.length)).toBe(markers.length);
    for (const outcome of ['applied', 'stale', 'duplicate', 'conflict']) expect(await siislMetric('curriculum', outcome)).toBe(0);
  }, 180000);

  it('never writes a codice fiscale into a log line', () => {
    const all = suite.output();
    expect(all.length).toBeGreaterThan(0);
    expect(all).not.toMatch(/[A-Z]{6}[0-9LMNPQRSTUV]{2}[A-Z][0-9LMNPQRSTUV]{2}[A-Z][0-9LMNPQRSTUV]{3}[A-Z]/);
  });
});
