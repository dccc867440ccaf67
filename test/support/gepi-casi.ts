// GePI cases for the end-to-end suites: libs/gepi's fixture records under fresh case, record and
// application ids and fresh codici fiscali (the ingest's claims and the projections are shared tables), sent
// through ingest-gepi's HTTP API as GePI would send them.
import { randomBytes } from 'node:crypto';
import { gepiFixtures as F, type Entita } from '@fsl/gepi';
import { appDatabaseUrl, BROKERS, createTestTopics, postJson, randomCf, TEST_PSEUDONYM_KEY } from './env';
import { ingestAppEnv } from './ingest';
import { startApp, type RunningApp } from './processes';

export type Rec = Record<string, unknown> & { id: string; versione: number; dati?: Record<string, unknown> };
export type Dati = Record<string, unknown>;

const run = randomBytes(4).toString('hex').toUpperCase();
const fresh = (label: string) => `${label}-${run}-${randomBytes(3).toString('hex').toUpperCase()}`;

/** Every id of the fixtures' case that another record may name (the équipe is named by the quadro). */
const FIXTURE_IDS = {
  caso: F.CASO_ID,
  domanda: F.DOMANDA_ID,
  'nucleo-caso': 'GEPI-NUC-0001',
  'analisi-preliminare': 'GEPI-AP-0001',
  'quadro-analisi': 'GEPI-QA-0001',
  'equipe-multidisciplinare': 'GEPI-EM-0001',
  pais: 'GEPI-PAIS-0001',
  'partecipazione-puc': 'GEPI-PUC-0001',
  'pad-nucleo': 'PAD-2024-000123',
} as const;

const FIXTURE_CF = { richiedente: F.RICHIEDENTE_CF, figlio: F.FIGLIO_CF, neonata: F.NEONATA_CF, coniuge: F.CONIUGE_CF };
export type Membro = keyof typeof FIXTURE_CF;

/**
 * A case of the fixtures' household with fresh ids and codici fiscali (or those given: one person in several
 * cases). `record(entita, n, dati)` is version n of that entity's fixture record (content changed by `dati`),
 * GePI updating it on day 10 + n of June 2025.
 */
export function nuovoCaso(persone: Partial<Record<Membro, string>> = {}) {
  const ids = Object.fromEntries(Object.entries(FIXTURE_IDS).map(([k, v]) => [k, fresh(v.split('-').slice(0, 2).join('-'))])) as Record<keyof typeof FIXTURE_IDS, string>;
  const cf = Object.fromEntries(Object.keys(FIXTURE_CF).map((m) => [m, persone[m as Membro] ?? randomCf()])) as Record<Membro, string>;
  const rename = (value: unknown): unknown => {
    let text = JSON.stringify(value);
    for (const [k, id] of Object.entries(FIXTURE_IDS)) text = text.split(id).join(ids[k as keyof typeof FIXTURE_IDS]);
    for (const [m, fixtureCf] of Object.entries(FIXTURE_CF)) text = text.split(fixtureCf).join(cf[m as Membro]);
    return JSON.parse(text);
  };
  const aggiornatoIl = (n: number) => `2025-06-${String(10 + n).padStart(2, '0')}T09:00:00+02:00`;
  const record = (entita: Entita, n: number, dati: Dati = {}): Rec => {
    const base = rename(F.valid(entita)) as Rec;
    return { ...base, versione: n, aggiornatoIl: aggiornatoIl(n), dati: { ...base.dati, ...dati } };
  };
  const deletion = (entita: Entita, n: number): Rec => ({ ...(rename(F.deletion(entita, n)) as Rec), aggiornatoIl: aggiornatoIl(n) });
  return { id: ids.caso, ids, cf, record, deletion };
}
export type NuovoCaso = ReturnType<typeof nuovoCaso>;

/** The household: applicant, son and partner from the opening; the partner may leave, a daughter be born. */
export function componenti(c: NuovoCaso, opts: { coniugeUscito?: boolean; neonata?: boolean } = {}): Dati {
  const all = (c.record('nucleo-caso', 1).dati as { componenti: Array<Record<string, unknown>> }).componenti;
  const [richiedente, figlio, coniuge, neonata] = all;
  const { al: _al, motivoUscita: _m, ...coniugeAttuale } = coniuge;
  return { componenti: [richiedente, figlio, opts.coniugeUscito ? coniuge : coniugeAttuale, ...(opts.neonata ? [neonata] : [])] };
}

/** Sending records to ingest-gepi's HTTP API (`url`: the app's, once started). */
export function ingestGepi(url: () => string) {
  const send = (entita: Entita, rec: Rec) => postJson(`${url()}/v1/${entita}`, rec);
  /** Sends and checks the answer: the esito, and `obsoleta` only for a stale version. */
  async function accepted(entita: Entita, rec: Rec, esito: 'ACCETTATA' | 'DUPLICATA' = 'ACCETTATA', obsoleta = false): Promise<void> {
    const res = await send(entita, rec);
    expect({ status: res.status, esito: res.body.esito, obsoleta: res.body.obsoleta === true }).toEqual({ status: 202, esito, obsoleta });
    expect(res.body).toMatchObject({ entita, id: rec.id, versione: rec.versione });
  }
  return { send, accepted };
}

/** ingest-gepi and the dossier-builder on the suite's own topics and consumer group, by app name. */
export async function startGepiApps(prefix: string, group: string, apps: Record<string, RunningApp>): Promise<void> {
  await createTestTopics(prefix);
  const started = await Promise.all([
    startApp('ingest-gepi', ingestAppEnv('ingest-gepi', prefix, { LOTTI_QUEUE: `${group}-lotti` })),
    startApp('dossier-builder', { KAFKA_BROKERS: BROKERS, KAFKA_TOPIC_PREFIX: prefix, PSEUDONYM_KEY: TEST_PSEUDONYM_KEY, DATABASE_URL: appDatabaseUrl('fsl_builder'), CONSUMER_GROUP: group }),
  ]);
  for (const a of started) apps[a.name] = a;
}
