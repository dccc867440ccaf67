import { randomBytes } from 'node:crypto';
import { collegamentoCittadino, projectCaso, versioneDocumento, type CasoGepi } from '@fsl/cartella-sociale';
import { casoOf, generateGepi, gepiFixtures as F, gepiToAvro, type Componente, type EnteCaso, type RecordOf, type StatoCaso } from '@fsl/gepi';
import { topicName } from '@fsl/kafka';
import { getDefaultCodec } from '@fsl/schemas';
import { randomCf, waitFor } from '../../../test/support/env';
import { builderSuite, counterAfter, counterValue, poisonLetters, rename, sendOnEveryPartition, sendPoisonThenGood, storedInTwoOrders } from '../../../test/support/builder-kit';
import { gepiMessage, publishGepi, type GepiItem } from '../../../test/support/gepi-events';

// The GePI case projection through the real path: Avro events on the GePI topic, keyed by case id → the
// builder (its own process, the one consumer of every source topic) → gepi_caso, its ownership rows and
// the members' dossier versions in Postgres.

type Upd<E extends keyof RecordOf> = Extract<RecordOf[E], { operazione: 'AGGIORNAMENTO' }>;

describe('GePI → case projection through the broker', () => {
  const suite = builderSuite('gepi');
  const { prefix, group, pool } = suite;
  const gepiTopic = topicName('gepiEvents', prefix);

  /** Every case and citizen this suite published for: the rows the restart test compares. */
  const touchedCases = new Set<string>();
  const touchedCfs = new Set<string>();
  async function publish(items: readonly GepiItem[]): Promise<void> {
    for (const { record } of items) touchedCases.add(casoOf(record));
    await publishGepi(prefix, items);
  }

  // Ids unique to this run: the test database is shared with earlier runs.
  const run = randomBytes(3).toString('hex');
  let seq = 0;
  const uid = (p: string) => `${p}-${run}-${String(++seq).padStart(3, '0')}`;
  const at = (versione: number) => `2025-03-${String(10 + versione).padStart(2, '0')}T09:30:00+01:00`;
  const APERTURA = '2024-02-05';
  const MILANO: EnteCaso = { tipo: 'COMUNE', codice: 'F205', dal: APERTURA };

  function caso(id: string, domandaId: string, versione: number, stato: StatoCaso, enti: EnteCaso[] = [MILANO]): GepiItem {
    const r = F.valid('caso') as Upd<'caso'>;
    const chiusura = stato === 'CHIUSO' ? { dataChiusura: '2025-01-31', motivoChiusura: 'FINE_MISURA' as const } : {};
    return { entita: 'caso', record: { ...r, id, versione, aggiornatoIl: at(versione), dati: { ...r.dati, domandaId, stato, enti, ...chiusura } } };
  }
  const membro = (codiceFiscale: string, ruolo: Componente['ruolo'], dal = APERTURA, extra: Partial<Componente> = {}): Componente => ({
    codiceFiscale, ruolo, dal, motivoIngresso: 'COMPOSIZIONE_INIZIALE', condizioni: [], inScala: true, attivabile: ruolo === 'RICHIEDENTE', caricoCura: false, esonerato: false, ...extra,
  });
  function nucleo(casoId: string, id: string, versione: number, componenti: Componente[]): GepiItem {
    const r = F.valid('nucleo-caso') as Upd<'nucleo-caso'>;
    return { entita: 'nucleo-caso', record: { ...r, id, casoId, versione, aggiornatoIl: at(versione), dati: { componenti } } };
  }
  function pais(casoId: string, id: string, versione: number, numeroVersione: number): GepiItem {
    const r = F.valid('pais') as Upd<'pais'>;
    return { entita: 'pais', record: { ...r, id, casoId, versione, aggiornatoIl: at(versione), dati: { ...r.dati, numeroVersione } } };
  }
  /** A new case with its applicant: the case record, then the household. */
  function newCase(applicant: string) {
    const [id, domandaId, nucleoId] = [uid('CASO'), uid('ADI'), uid('NUC')];
    touchedCfs.add(applicant);
    return { id, domandaId, nucleoId, items: [caso(id, domandaId, 1, 'ASSEGNATO'), nucleo(id, nucleoId, 1, [membro(applicant, 'RICHIEDENTE')])] };
  }

  const one = async <T>(sql: string, key: string): Promise<T | undefined> => (await pool.query(sql, [key])).rows[0] as T | undefined;
  type CasoRow = { state: CasoGepi; domanda_id: string | null; ente_corrente: string | null; stato: string | null; data_apertura: string | null };
  const casoRow = (id: string) => one<CasoRow>('SELECT state, domanda_id, ente_corrente, stato, data_apertura::text FROM gepi_caso WHERE caso_id = $1', id);
  /** The stored state once `ready` holds for it. */
  const stateWhen = (what: string, id: string, ready: (s: CasoGepi) => boolean) =>
    waitFor(what, async () => {
      const row = await casoRow(id);
      return row && ready(row.state) ? row : undefined;
    });
  const versionsOf = (s: CasoGepi, entita: keyof CasoGepi['sezioni'], id: string) => (s.sezioni[entita][id] ?? []).map((v) => v.versione);
  const dossierVersion = async (cf: string) => Number((await one<{ version: string }>('SELECT version FROM dossier WHERE codice_fiscale = $1', cf))?.version);
  const gepiMetric = (entity: string, outcome: string) => counterValue(suite.builder.metricsUrl, 'builder_gepi_events_total', { entity, outcome });
  const metricAfter = (entity: string, outcome: string, least: number) => counterAfter(suite.builder.metricsUrl, 'builder_gepi_events_total', { entity, outcome }, least);

  it('a case is created, moves through its states and is closed: one row keyed by case id, members linked, dossier versions', async () => {
    const [applicant, child] = [randomCf(), randomCf()];
    const c = newCase(applicant);
    touchedCfs.add(child);
    await publish([c.items[0], nucleo(c.id, c.nucleoId, 1, [membro(applicant, 'RICHIEDENTE'), membro(child, 'FIGLIO', APERTURA, { condizioni: ['MINORE'] })]), caso(c.id, c.domandaId, 2, 'CONVOCATO')]);
    const created = await stateWhen('the case and its household', c.id, (s) => versionsOf(s, 'caso', c.id).length === 2 && versionsOf(s, 'nucleo-caso', c.nucleoId).length === 1);
    expect([created.domanda_id, created.ente_corrente, created.stato, created.data_apertura]).toEqual([c.domandaId, 'F205', 'CONVOCATO', APERTURA]);
    expect(projectCaso(created.state).caso).toEqual(expect.objectContaining({ versione: 2, stato: 'CONVOCATO', domandaId: c.domandaId }));
    // The case record changed nobody's link (no household yet); the household and the update each +1.
    expect([await dossierVersion(applicant), await dossierVersion(child)]).toEqual([2, 2]);

    await publish([caso(c.id, c.domandaId, 3, 'CHIUSO')]);
    const closed = await stateWhen('the closure', c.id, (s) => versionsOf(s, 'caso', c.id).length === 3);
    expect(closed.stato).toBe('CHIUSO');
    expect(projectCaso(closed.state).caso).toEqual(expect.objectContaining({ versione: 3, stato: 'CHIUSO', dataChiusura: '2025-01-31', motivoChiusura: 'FINE_MISURA' }));
    expect([await dossierVersion(applicant), await dossierVersion(child)]).toEqual([3, 3]);
    // The case is not copied into the members: no cartella sociale row was written for them.
    expect((await pool.query('SELECT codice_fiscale FROM cartella_sociale WHERE codice_fiscale = ANY($1)', [[applicant, child]])).rows).toEqual([]);
  });

  it('document versions in order, out of order, repeated and with a gap: every number addressable, the gap listed until it arrives', async () => {
    const applicant = randomCf();
    const c = newCase(applicant);
    const doc = uid('PAIS');
    const [inOrder, outOfOrder, repeated, gap] = ['A', 'B', 'C', 'D'].map((x) => `${doc}-${x}`);
    const before = { duplicate: await gepiMetric('pais', 'duplicate'), stale: await gepiMetric('pais', 'stale') };
    await publish([
      ...c.items,
      pais(c.id, inOrder, 1, 1), pais(c.id, inOrder, 2, 2), pais(c.id, inOrder, 3, 3),
      pais(c.id, outOfOrder, 3, 3), pais(c.id, outOfOrder, 1, 1), pais(c.id, outOfOrder, 2, 2),
      pais(c.id, repeated, 1, 1), pais(c.id, repeated, 1, 1), pais(c.id, repeated, 2, 2),
      pais(c.id, gap, 1, 1), pais(c.id, gap, 2, 2), pais(c.id, gap, 4, 4),
    ]);
    const row = await stateWhen('every document', c.id, (s) => versionsOf(s, 'pais', gap).length === 3);
    expect([inOrder, outOfOrder, repeated, gap].map((id) => versionsOf(row.state, 'pais', id))).toEqual([[1, 2, 3], [1, 2, 3], [1, 2], [1, 2, 4]]);
    const vista = projectCaso(row.state);
    expect(vista.pais.map((d) => [d.id, d.versioni.map((v) => v.numeroVersione), d.versioniMancanti, d.versioneCorrente])).toEqual([
      [inOrder, [1, 2, 3], [], 3],
      [outOfOrder, [1, 2, 3], [], 3],
      [repeated, [1, 2], [], 2],
      [gap, [1, 2, 4], [3], 4],
    ]);
    expect(vista.documentiConVersioniMancanti).toEqual([{ entita: 'pais', id: gap, versioniMancanti: [3] }]);
    expect(versioneDocumento(vista, 'pais', outOfOrder, 2)?.versioneRecord).toBe(2);
    expect(versioneDocumento(vista, 'pais', gap, 3)).toBeUndefined();
    expect(await metricAfter('pais', 'duplicate', before.duplicate + 1)).toBe(before.duplicate + 1);
    expect(await metricAfter('pais', 'stale', before.stale + 2)).toBe(before.stale + 2);
    // The household +1, then each of the 11 document records that changed the case; the repeat did not.
    expect(await dossierVersion(applicant)).toBe(12);

    await publish([pais(c.id, gap, 3, 3)]);
    const filled = await stateWhen('the missing version', c.id, (s) => versionsOf(s, 'pais', gap).length === 4);
    const after = projectCaso(filled.state);
    expect(after.pais.find((d) => d.id === gap)?.versioniMancanti).toEqual([]);
    expect(after.documentiConVersioniMancanti).toEqual([]);
    expect(versioneDocumento(after, 'pais', gap, 3)?.numeroVersione).toBe(3);
  });

  const periods = async (id: string) =>
    (await pool.query('SELECT codice_fiscale AS cf, dal::text, al::text FROM gepi_caso_cittadino WHERE caso_id = $1 ORDER BY codice_fiscale COLLATE "C", dal', [id])).rows;

  it('a member leaves and a child is born: membership periods, the leaver keeps the link for their period and still hears of the case', async () => {
    const [applicant, spouse, child, newborn] = [randomCf(), randomCf(), randomCf(), randomCf()];
    for (const cf of [spouse, child, newborn]) touchedCfs.add(cf);
    const c = newCase(applicant);
    const initial = [membro(applicant, 'RICHIEDENTE'), membro(spouse, 'CONIUGE'), membro(child, 'FIGLIO')];
    const changed = [
      membro(applicant, 'RICHIEDENTE'),
      membro(spouse, 'CONIUGE', APERTURA, { al: '2024-10-15', motivoUscita: 'NUOVO_NUCLEO' }),
      membro(child, 'FIGLIO'),
      membro(newborn, 'FIGLIO', '2024-06-10', { motivoIngresso: 'NASCITA', condizioni: ['MINORE'] }),
    ];
    await publish([c.items[0], nucleo(c.id, c.nucleoId, 1, initial), nucleo(c.id, c.nucleoId, 2, changed)]);
    const row = await stateWhen('the second household version', c.id, (s) => versionsOf(s, 'nucleo-caso', c.nucleoId).length === 2);
    const expected = [
      { cf: applicant, dal: APERTURA, al: null },
      { cf: spouse, dal: APERTURA, al: '2024-10-15' },
      { cf: child, dal: APERTURA, al: null },
      { cf: newborn, dal: '2024-06-10', al: null },
    ].sort((a, b) => (a.cf < b.cf ? -1 : 1));
    expect(await periods(c.id)).toEqual(expected);
    const vista = projectCaso(row.state);
    expect(collegamentoCittadino(vista, spouse)).toEqual(expect.objectContaining({ casoId: c.id, attuale: false, periodi: [{ dal: APERTURA, al: '2024-10-15' }] }));
    expect(collegamentoCittadino(vista, newborn)).toEqual(expect.objectContaining({ casoId: c.id, attuale: true, periodi: [{ dal: '2024-06-10' }] }));
    // Linked before or after each household record: the newborn only after the second (a GePI-only citizen: a new dossier row).
    expect(await Promise.all([applicant, spouse, child, newborn].map(dossierVersion))).toEqual([2, 2, 2, 1]);

    await publish([caso(c.id, c.domandaId, 2, 'MONITORAGGIO')]);
    await stateWhen('the case update', c.id, (s) => versionsOf(s, 'caso', c.id).length === 2);
    // The member who left is still linked (past member): the case's change reaches them too.
    expect(await Promise.all([applicant, spouse, child, newborn].map(dossierVersion))).toEqual([3, 3, 3, 2]);
    const cases = await pool.query('SELECT caso_id, dal::text, al::text FROM gepi_caso_cittadino WHERE codice_fiscale = $1', [spouse]);
    expect(cases.rows).toEqual([{ caso_id: c.id, dal: APERTURA, al: '2024-10-15' }]);
  });

  /** The index names a query's plan reads, with sequential scans priced out so a usable index must show. */
  async function indexesUsed(sql: string, params: unknown[]): Promise<string[]> {
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      await client.query('SET LOCAL enable_seqscan = off');
      const { rows } = await client.query<{ 'QUERY PLAN': unknown }>(`EXPLAIN (FORMAT JSON) ${sql}`, params);
      const names: string[] = [];
      const walk = (node: Record<string, unknown>) => {
        if (typeof node['Index Name'] === 'string') names.push(node['Index Name']);
        for (const child of (node.Plans as Record<string, unknown>[] | undefined) ?? []) walk(child);
      };
      walk((rows[0]['QUERY PLAN'] as Array<{ Plan: Record<string, unknown> }>)[0].Plan);
      return names;
    } finally {
      await client.query('ROLLBACK');
      client.release();
    }
  }

  it('a change of ente: both periods kept, the new ente in charge; the three ownership lookups are each one indexed query', async () => {
    const applicant = randomCf();
    const c = newCase(applicant);
    const ats = `LOM_${90 + (randomBytes(1)[0] % 10)}`;
    const moved: EnteCaso[] = [{ ...MILANO, al: '2024-08-31' }, { tipo: 'ATS', codice: ats, dal: '2024-09-01' }];
    // The PaIS was drawn up (2024-04-02) while the comune was in charge.
    await publish([...c.items, pais(c.id, uid('PAIS'), 1, 1), caso(c.id, c.domandaId, 2, 'PATTO_SOTTOSCRITTO', moved)]);
    const row = await stateWhen('the move', c.id, (s) => versionsOf(s, 'caso', c.id).length === 2 && Object.keys(s.sezioni.pais).length === 1);
    expect(row.ente_corrente).toBe(ats);
    const enti = await pool.query('SELECT ente_codice, tipo_ente, dal::text, al::text FROM gepi_caso_ente WHERE caso_id = $1 ORDER BY dal', [c.id]);
    expect(enti.rows).toEqual([
      { ente_codice: 'F205', tipo_ente: 'COMUNE', dal: APERTURA, al: '2024-08-31' },
      { ente_codice: ats, tipo_ente: 'ATS', dal: '2024-09-01', al: null },
    ]);
    const vista = projectCaso(row.state);
    expect(vista.caso?.enteCorrente).toEqual({ tipo: 'ATS', codice: ats, dal: '2024-09-01' });
    expect(vista.pais[0].versioni[0].ente?.codice).toBe('F205');

    const lookups = {
      // The cases an ente manages today.
      ente: { sql: 'SELECT caso_id FROM gepi_caso WHERE ente_corrente = $1', index: 'gepi_caso_ente_corrente_idx' },
      // ... a page of them, newest first, after a cursor (the api's "Ricerca casi PaIS dell'ente").
      paginaEnte: {
        sql: `SELECT caso_id FROM gepi_caso WHERE ente_corrente = $1 AND stato = ANY('{PATTO_SOTTOSCRITTO}') AND (data_apertura, caso_id) < ('2025-01-01'::date, 'ZZZ')
               ORDER BY data_apertura DESC, caso_id DESC LIMIT 21`,
        index: 'gepi_caso_ente_corrente_idx',
      },
      // Every case an ente ever managed, with the period.
      storiaEnte: { sql: 'SELECT caso_id, dal::text, al::text FROM gepi_caso_ente WHERE ente_codice = $1', index: 'gepi_caso_ente_codice_idx' },
      domanda: { sql: 'SELECT caso_id FROM gepi_caso WHERE domanda_id = $1', index: 'gepi_caso_domanda_idx' },
      cittadino: { sql: 'SELECT caso_id, dal::text, al::text FROM gepi_caso_cittadino WHERE codice_fiscale = $1', index: 'gepi_caso_cittadino_cf_idx' },
    };
    const ids = async (q: { sql: string }, key: string) => (await pool.query<{ caso_id: string }>(q.sql, [key])).rows.map((r) => r.caso_id);
    expect(await ids(lookups.ente, ats)).toContain(c.id);
    expect(await ids(lookups.ente, 'F205')).not.toContain(c.id);
    expect(await ids(lookups.paginaEnte, ats)).toContain(c.id);
    expect((await pool.query(lookups.storiaEnte.sql, ['F205'])).rows).toContainEqual({ caso_id: c.id, dal: APERTURA, al: '2024-08-31' });
    expect(await ids(lookups.domanda, c.domandaId)).toEqual([c.id]);
    expect(await ids(lookups.cittadino, applicant)).toEqual([c.id]);
    for (const q of Object.values(lookups)) expect(await indexesUsed(q.sql, ['x'])).toEqual([q.index]);
  });

  it('poison on the GePI topic goes to the dead-letter topic, the good records around it are applied', async () => {
    const c = newCase(randomCf());
    const good = c.items[0];
    const goodMessage = gepiMessage(good, 'gepi-poison-check');
    // A household member with a role GePI does not have: valid Avro (codes travel as strings), not a valid record.
    const household = nucleo(c.id, c.nucleoId, 1, [membro(randomCf(), 'RICHIEDENTE')]);
    const header = (getDefaultCodec().decode(goodMessage.value).value as { header: unknown }).header;
    const avro = gepiToAvro('nucleo-caso', household.record as RecordOf['nucleo-caso']);
    const payload = { ...avro, dati: { componenti: avro.dati!.componenti.map((m) => ({ ...m, ruolo: 'PADRINO' })) } };
    const foreign = getDefaultCodec().encode('gepi.nucleo-caso', { header, payload } as never);
    const before = { unknown: await gepiMetric('unknown', 'dead_letter'), nucleo: await gepiMetric('nucleo-caso', 'dead_letter') };
    await sendPoisonThenGood(gepiTopic, c.id, 'gepi-poison-check', foreign, goodMessage);
    const row = await stateWhen('the good record after the poison', c.id, (s) => versionsOf(s, 'caso', c.id).length === 1);
    expect(Object.keys(row.state.sezioni['nucleo-caso'])).toEqual([]);
    const { codes, letters } = await poisonLetters(prefix, group, c.id);
    expect(codes).toEqual(['NotSingleObjectError', 'WRONG_SUBJECT', 'GepiAvroMappingError'].map((code) => [gepiTopic, code]));
    expect(letters[0].value.toString()).toBe('{"not":"avro"}');
    expect(await metricAfter('unknown', 'dead_letter', before.unknown + 2)).toBe(before.unknown + 2);
    expect(await metricAfter('nucleo-caso', 'dead_letter', before.nucleo + 1)).toBe(before.nucleo + 1);
    await waitFor('the log line', async () => (suite.builder.output().includes('"correlationId":"gepi-poison-check"') ? true : undefined));
  });

  /**
   * Two copies of one generated data set under fresh identities each (every id, application id and CF):
   * the same events, told apart only by those, so their tables compare once the identities are mapped back.
   */
  function twoCopies() {
    const nuclei = Array.from({ length: 6 }, (_, i) => ({ domandaId: `ADI-GEN-${i}`, codiciFiscali: [randomCf(), randomCf(), randomCf()] }));
    const base = generateGepi({ nuclei, seed: 20261207 });
    const ids = new Set<string>([...nuclei.map((n) => n.domandaId), ...base.records.flatMap(({ record }) => [record.id, casoOf(record)])]);
    // Every personal CF the generator wrote (members, newborns, operators): the newborns' are derived
    // from the seed, so they would meet earlier runs' rows in the shared database.
    const cfs = new Set<string>();
    const collect = (v: unknown): void => {
      if (typeof v === 'string' && /^[A-Z]{6}[0-9LMNPQRSTUV]{2}[A-Z][0-9LMNPQRSTUV]{2}[A-Z][0-9LMNPQRSTUV]{3}[A-Z]$/.test(v)) cfs.add(v);
      else if (v && typeof v === 'object') Object.values(v).forEach(collect);
    };
    collect(base.records);
    const copy = (tag: string) => {
      const to = new Map([...[...ids].map((id) => [id, `${id}.${tag}${run}`] as const), ...[...cfs].map((cf) => [cf, randomCf()] as const)]);
      return { records: rename(base.records, to) as GepiItem[], to, back: new Map([...to].map(([k, v]) => [v, k])) };
    };
    return { base, a: copy('a'), b: copy('b') };
  }
  /** What the builder stored for one copy, identities mapped back to the base data set. */
  async function tablesOf(c: { to: Map<string, string>; back: Map<string, string> }) {
    const keys = [...c.to.values()];
    const q = async (sql: string) => rename((await pool.query(sql, [keys])).rows, c.back) as Record<string, unknown>[];
    const sorted = (rows: Record<string, unknown>[]) => rows.sort((x, y) => (JSON.stringify(x) < JSON.stringify(y) ? -1 : 1));
    return {
      casi: sorted(await q('SELECT caso_id, state, domanda_id, ente_corrente FROM gepi_caso WHERE caso_id = ANY($1)')),
      enti: sorted(await q('SELECT caso_id, ente_codice, tipo_ente, dal::text, al::text FROM gepi_caso_ente WHERE caso_id = ANY($1)')),
      cittadini: sorted(await q('SELECT caso_id, codice_fiscale, dal::text, al::text FROM gepi_caso_cittadino WHERE caso_id = ANY($1)')),
      dossier: sorted(await q('SELECT codice_fiscale FROM dossier WHERE codice_fiscale = ANY($1)')),
    };
  }
  /** Versions stored over every section of every case of a copy. */
  const storedVersions = (t: Awaited<ReturnType<typeof tablesOf>>) =>
    t.casi.flatMap((r) => Object.values((r.state as CasoGepi).sezioni).flatMap((section) => Object.values(section))).reduce((n, h) => n + h.length, 0);

  it('the same events in two different orders give identical tables', async () => {
    const { base, a, b } = twoCopies();
    expect(base.casi.length).toBe(6);
    expect(base.casi.some((c) => c.trasferito)).toBe(true);
    expect(base.records.some((r) => r.record.versione > 1)).toBe(true);
    const [ta, tb] = await storedInTwoOrders(publish, [a, b], tablesOf, (t) => storedVersions(t) === base.records.length);
    expect(tb.casi).toEqual(ta.casi);
    expect(tb.enti).toEqual(ta.enti);
    expect(tb.cittadini).toEqual(ta.cittadini);
    expect(ta.casi).toHaveLength(6);
    expect(ta.enti.length).toBeGreaterThan(6);
    // Every member of every household got a dossier row in both orders. The versions themselves count
    // the changes each member was linked for, which depends on when their household record arrived.
    expect(tb.dossier).toEqual(ta.dossier);
    expect(ta.dossier.length).toBeGreaterThanOrEqual(18);
  }, 120000);

  it("a builder killed with SIGKILL, restarted after Kafka lost the group's offsets, applies nothing twice", async () => {
    const applicant = randomCf();
    const c = newCase(applicant);
    await publish([...c.items, pais(c.id, uid('PAIS'), 1, 1), caso(c.id, c.domandaId, 2, 'PATTO_SOTTOSCRITTO')]);
    await stateWhen('the case', c.id, (s) => versionsOf(s, 'caso', c.id).length === 2 && Object.keys(s.sezioni.pais).length === 1);
    const snapshot = async () =>
      (
        await pool.query(
          `SELECT 'dossier' AS t, codice_fiscale AS k, version::text AS v FROM dossier WHERE codice_fiscale = ANY($2)
           UNION ALL SELECT 'caso', caso_id, concat_ws('|', state::text, domanda_id, ente_corrente) FROM gepi_caso WHERE caso_id = ANY($1)
           UNION ALL SELECT 'ente', caso_id, concat_ws('|', ente_codice, dal, al) FROM gepi_caso_ente WHERE caso_id = ANY($1)
           UNION ALL SELECT 'cittadino', caso_id, concat_ws('|', codice_fiscale, dal, al) FROM gepi_caso_cittadino WHERE caso_id = ANY($1)
           ORDER BY 1, 2, 3`,
          [[...touchedCases], [...touchedCfs]],
        )
      ).rows;
    const before = await snapshot();

    await suite.restartFromEarliest([gepiTopic, topicName('siislEvents', prefix), topicName('coComunicazioni', prefix)]);
    // One marker case on every partition: once all are in, every partition was read past the old messages.
    const markers: string[] = [];
    const partitions = await sendOnEveryPartition(gepiTopic, () => {
      const id = uid('MARK');
      markers.push(id);
      return gepiMessage(caso(id, uid('ADI'), 1, 'DA_ASSEGNARE'));
    });
    await waitFor('every marker', async () => ((await pool.query('SELECT count(*)::int AS n FROM gepi_caso WHERE caso_id = ANY($1)', [markers])).rows[0].n === partitions ? true : undefined), 90000);
    expect(await snapshot()).toEqual(before);
    expect(before.length).toBeGreaterThan(20);
    expect(await metricAfter('caso', 'applied', partitions)).toBe(partitions);
    for (const entity of ['nucleo-caso', 'pais']) for (const outcome of ['applied', 'stale', 'duplicate', 'conflict']) expect(await gepiMetric(entity, outcome)).toBe(0);
  }, 180000);

  it('never writes a codice fiscale into a log line', () => {
    const all = suite.output();
    expect(all.length).toBeGreaterThan(0);
    expect(all).not.toMatch(/[A-Z]{6}[0-9LMNPQRSTUV]{2}[A-Z][0-9LMNPQRSTUV]{2}[A-Z][0-9LMNPQRSTUV]{3}[A-Z]/);
  });
});
