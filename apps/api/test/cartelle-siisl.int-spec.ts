// The three cartelle read from the SIISL projections through the real app (guard, Postgres, audit): states
// folded with the libs' own apply functions on libs/siisl's fixtures, written with plain SQL as the
// dossier-builder writes them, under its own database role. Ids and codici fiscali are random so that
// other suites writing the same tables never collide with these.
import { createHmac, randomBytes } from 'node:crypto';
import { Pool } from 'pg';
import { coFixtures } from '@fsl/co';
import { applyBatch, applyOfferta, applySiisl, emptyCatalogoOfferte, emptySezioneSiisl, emptyState } from '@fsl/cartella-lavorativa';
import { applyCittadino, applyCorso, emptyCatalogo, emptyCittadino as emptyFormazione } from '@fsl/cartella-formativa';
import { applySociale, emptyCittadino as emptySociale } from '@fsl/cartella-sociale';
import { siislFixtures as F, type Corso, type Curriculum, type Iscrizione, type ManifestazioneInteresse, type MisuraInclusione, type OffertaLavoro, type PropostaLavoro, type Puc, type StoredVersion } from '@fsl/siisl';
import { appDatabaseUrl, randomCf } from '../../../test/support/env';
import { DEV_AUDIT_PSEUDONYM_KEY } from '../src/config';
import { contractOf } from './support/contract';
import { cancellaCasi, casoGepi, scriviCaso } from './support/gepi';
import { DATABASE_URL, expectProblem, HOOK_TIMEOUT_MS, startApi, type Answer, type Harness } from './support/harness';

type Upd<R> = Extract<R, { operazione: 'AGGIORNAMENTO' }>;

const SFX = randomBytes(4).toString('hex').toUpperCase();
const id = (prefix: string) => `${prefix}-${SFX}`;
const [CF_FULL, CF_SIISL, CF_MEMBER, CF_CO_ONLY, UNKNOWN] = [randomCf(), randomCf(), randomCf(), randomCf(), randomCf()];
const CORSO = id('CORSO');
const CORSO_LATE = id('CORSO-TARDIVO');
const CORSO_DEL = id('CORSO-ELIMINATO');
const OFFERTA = id('OFF');
const ADI = id('ADI');

// ---- records, from the fixtures ----
function corso(corsoId: string, versione = 1, titolo = 'Addetto alla cucina'): Corso {
  const c = F.valid('corso') as Upd<Corso>;
  return { ...c, id: corsoId, versione, dati: { ...c.dati, titolo } };
}
function corsoEliminato(corsoId: string, versione: number): Corso {
  return { ...(F.deletion('corso', versione) as Corso), id: corsoId };
}
function iscrizione(cf: string, iscrizioneId: string, corsoId: string): Iscrizione {
  const r = F.valid('iscrizione') as Upd<Iscrizione>;
  return { ...r, id: iscrizioneId, codiceFiscale: cf, dati: { ...r.dati, corsoId } };
}
function interesse(cf: string, manId: string, corsoId: string): ManifestazioneInteresse {
  const r = F.valid('manifestazione-interesse') as Upd<ManifestazioneInteresse>;
  return { ...r, id: manId, codiceFiscale: cf, dati: { ...r.dati, corsoId } };
}
function cv(cf: string, versione: number, lingue: Upd<Curriculum>['dati']['lingue'], aggiornatoIl: string): Curriculum {
  const r = F.valid('curriculum') as Upd<Curriculum>;
  return { ...r, id: id('CV'), codiceFiscale: cf, versione, aggiornatoIl, dati: { ...r.dati, lingue } };
}
function cvEliminato(cf: string, versione: number): Curriculum {
  return { ...(F.deletion('curriculum', versione) as Curriculum), id: id('CV'), codiceFiscale: cf, aggiornatoIl: '2025-05-01T09:00:00+02:00' };
}
function offerta(): OffertaLavoro {
  return { ...(F.valid('offerta-lavoro') as Upd<OffertaLavoro>), id: OFFERTA };
}
function proposta(cf: string): PropostaLavoro {
  const r = F.valid('proposta-lavoro') as Upd<PropostaLavoro>;
  return { ...r, id: id('PROP'), codiceFiscale: cf, dati: { ...r.dati, offertaId: OFFERTA } };
}
function misura(): MisuraInclusione {
  const r = F.valid('misura-inclusione') as Upd<MisuraInclusione>;
  return {
    ...r,
    id: ADI,
    codiceFiscale: CF_FULL,
    dati: {
      ...r.dati,
      nucleo: [
        { codiceFiscale: CF_FULL, percorso: 'CENTRO_IMPIEGO' },
        { codiceFiscale: CF_MEMBER, percorso: 'SERVIZI_SOCIALI' },
      ],
    },
  };
}
function puc(cf: string): Puc {
  return { ...(F.valid('puc') as Upd<Puc>), id: id('PUC'), codiceFiscale: cf };
}

const CV_V1 = [{ lingua: 'it', livelloCefr: 'C2' as const, madrelingua: true }];
const CV_V2 = [...CV_V1, { lingua: 'en', livelloCefr: 'B2' as const }];

// ---- the builder's writes, as plain SQL under its role ----
let builder: Pool;
async function putState(table: 'cartella_formativa' | 'cartella_sociale' | 'cartella_lavorativa_siisl', cf: string, state: unknown): Promise<void> {
  await builder.query(
    `INSERT INTO ${table} (codice_fiscale, state) VALUES ($1, $2::jsonb)
     ON CONFLICT (codice_fiscale) DO UPDATE SET state = EXCLUDED.state, updated_at = now()`,
    [cf, JSON.stringify(state)],
  );
}
async function putCorso(history: StoredVersion<Corso>[]): Promise<void> {
  const top = history[history.length - 1]!;
  const current = top.eliminato ? undefined : (top.record as Upd<Corso>).dati;
  await builder.query(
    `INSERT INTO siisl_corso (corso_id, history, ente_cf, codice_corso_ente) VALUES ($1, $2::jsonb, $3, $4)
     ON CONFLICT (corso_id) DO UPDATE SET history = EXCLUDED.history, ente_cf = EXCLUDED.ente_cf, codice_corso_ente = EXCLUDED.codice_corso_ente, updated_at = now()`,
    [top.record.id, JSON.stringify(history), current?.ente.codiceFiscale ?? null, current?.codiceCorsoEnte ?? null],
  );
}
async function putDossier(cf: string, version: number): Promise<void> {
  await builder.query(`INSERT INTO dossier (codice_fiscale, version) VALUES ($1, $2) ON CONFLICT (codice_fiscale) DO UPDATE SET version = EXCLUDED.version, updated_at = now()`, [cf, version]);
}

// CF_FULL is the applicant of a PaIS case the comune H501 manages (GePI fixture records, without the PUC:
// the unification of SIISL's and GePI's PUC is casi-pais.int-spec's subject).
const CASO_FULL = casoGepi({
  casoId: id('PAIS'),
  cf: { richiedente: CF_FULL, figlio: randomCf(), neonata: randomCf(), coniuge: randomCf() },
  enti: [{ tipo: 'COMUNE', codice: 'H501', dal: '2024-02-05' }],
  entita: ['caso', 'nucleo-caso', 'pais'],
});
const CASI_FULL = [expect.objectContaining({ identificativo: id('PAIS'), enteGestore: 'H501', tipoEnteGestore: 'COMUNE', ruolo: 'RICHIEDENTE', attuale: true })];

let h: Harness;
beforeAll(async () => {
  builder = new Pool({ connectionString: appDatabaseUrl('fsl_builder', DATABASE_URL), max: 2 });
  const cartelle = ['fascicolo', 'cartella-lavorativa', 'cartella-sociale', 'cartella-formativa'] as const;
  h = await startApi(
    {
      full: { purpose: { eservices: [...cartelle, 'versione-curriculum'], dati: ['lavorativa', 'sociale', 'formativa'], casiPais: 'tutti' } },
      labour: { purpose: { eservices: ['fascicolo', 'cartella-lavorativa'], dati: ['lavorativa'] } },
      training: { purpose: { eservices: ['cartella-formativa'], dati: ['formativa'] } },
      welfare: { purpose: { eservices: ['cartella-sociale'], dati: ['sociale'], casiPais: 'tutti' } },
      enteA: { ente: 'H501', purpose: { eservices: ['fascicolo', 'cartella-sociale'], dati: ['sociale'], casiPais: 'ente' } },
      cv: { purpose: { eservices: ['versione-curriculum'], dati: ['lavorativa'] } },
    },
  );
  await scriviCaso(builder, CASO_FULL);

  // CF_FULL: a CO hiring, and SIISL records of every kind.
  const co = applyBatch(emptyState(CF_FULL), [coFixtures.fixtureAssunzione({ lavoratore: coFixtures.fixtureLavoratore(CF_FULL) })]).state;
  await builder.query('INSERT INTO cartella_lavorativa (codice_fiscale, state, version) VALUES ($1, $2::jsonb, 1)', [CF_FULL, JSON.stringify(co)]);
  let lav = emptySezioneSiisl(CF_FULL);
  lav = applySiisl(lav, 'curriculum', cv(CF_FULL, 2, CV_V2, '2025-04-01T10:00:00+02:00')).state;
  lav = applySiisl(lav, 'curriculum', cv(CF_FULL, 1, CV_V1, '2025-03-10T09:30:00+01:00')).state;
  lav = applySiisl(lav, 'proposta-lavoro', proposta(CF_FULL)).state;
  await putState('cartella_lavorativa_siisl', CF_FULL, lav);
  let form = emptyFormazione(CF_FULL);
  form = applyCittadino(form, 'iscrizione', iscrizione(CF_FULL, id('ISCR'), CORSO)).state;
  form = applyCittadino(form, 'manifestazione-interesse', interesse(CF_FULL, id('MAN'), CORSO)).state;
  await putState('cartella_formativa', CF_FULL, form);
  await putState('cartella_sociale', CF_FULL, applySociale(applySociale(emptySociale(CF_FULL), 'misura-inclusione', misura()).state, 'puc', puc(CF_FULL)).state);
  await putDossier(CF_FULL, 9);

  // CF_MEMBER: only a member of CF_FULL's household.
  await putState('cartella_sociale', CF_MEMBER, applySociale(emptySociale(CF_MEMBER), 'misura-inclusione', misura()).state);
  await putDossier(CF_MEMBER, 1);

  // CF_SIISL: SIISL records only (no CO, no cartella_lavorativa row), enrolled in a course not received
  // yet and in one that is deleted; its CV was deleted after two versions.
  let solo = emptySezioneSiisl(CF_SIISL);
  solo = applySiisl(solo, 'curriculum', cv(CF_SIISL, 1, CV_V1, '2025-03-10T09:30:00+01:00')).state;
  solo = applySiisl(solo, 'curriculum', cv(CF_SIISL, 2, CV_V2, '2025-04-01T10:00:00+02:00')).state;
  solo = applySiisl(solo, 'curriculum', cvEliminato(CF_SIISL, 3)).state;
  await putState('cartella_lavorativa_siisl', CF_SIISL, solo);
  let soloForm = emptyFormazione(CF_SIISL);
  soloForm = applyCittadino(soloForm, 'iscrizione', iscrizione(CF_SIISL, id('ISCR-T'), CORSO_LATE)).state;
  soloForm = applyCittadino(soloForm, 'manifestazione-interesse', interesse(CF_SIISL, id('MAN-E'), CORSO_DEL)).state;
  await putState('cartella_formativa', CF_SIISL, soloForm);
  await putDossier(CF_SIISL, 4);

  // CF_CO_ONLY: a CO hiring and nothing from SIISL.
  const coOnly = applyBatch(emptyState(CF_CO_ONLY), [coFixtures.fixtureAssunzione({ lavoratore: coFixtures.fixtureLavoratore(CF_CO_ONLY) })]).state;
  await builder.query('INSERT INTO cartella_lavorativa (codice_fiscale, state, version) VALUES ($1, $2::jsonb, 1)', [CF_CO_ONLY, JSON.stringify(coOnly)]);
  await putDossier(CF_CO_ONLY, 1);

  // The catalogues: the course, a course deleted after its first version, the offer. CORSO_LATE is not there.
  await putCorso(applyCorso(emptyCatalogo(), corso(CORSO)).state.corsi[CORSO]!);
  await putCorso(applyCorso(applyCorso(emptyCatalogo(), corso(CORSO_DEL)).state, corsoEliminato(CORSO_DEL, 2)).state.corsi[CORSO_DEL]!);
  const offerte = applyOfferta(emptyCatalogoOfferte(), offerta()).state.offerte;
  await builder.query('INSERT INTO siisl_offerta (offerta_id, history) VALUES ($1, $2::jsonb)', [OFFERTA, JSON.stringify(offerte[OFFERTA])]);
}, HOOK_TIMEOUT_MS);

afterAll(async () => {
  const cfs = [CF_FULL, CF_SIISL, CF_MEMBER, CF_CO_ONLY];
  for (const table of ['cartella_formativa', 'cartella_sociale', 'cartella_lavorativa_siisl', 'cartella_lavorativa', 'dossier']) {
    await builder?.query(`DELETE FROM ${table} WHERE codice_fiscale = ANY($1)`, [cfs]);
  }
  await builder?.query('DELETE FROM siisl_corso WHERE corso_id = ANY($1)', [[CORSO, CORSO_LATE, CORSO_DEL]]);
  await builder?.query('DELETE FROM siisl_offerta WHERE offerta_id = $1', [OFFERTA]);
  if (builder) await cancellaCasi(builder, [id('PAIS')]);
  await builder?.end();
  await h?.close();
}, HOOK_TIMEOUT_MS);

const ask = (kind: Parameters<Harness['call']>[0], consumer: string, body: Record<string, unknown>): Promise<Answer> => h.call(kind, h.consumers[consumer]!, { body });
const about = (kind: Parameters<Harness['call']>[0], consumer: string, cf: string) => ask(kind, consumer, { codiceFiscale: cf });
const withoutCorrelation = (a: Answer) => ({ ...a.body, correlationId: undefined });
const contract = contractOf('api');

const CORSO_ATTESO = {
  id: CORSO,
  versione: 1,
  titolo: 'Addetto alla cucina',
  codiceCorsoEnte: 'AC-2025-01',
  ente: { codiceFiscale: F.ENTE_CF, denominazione: 'ENTE FORMAZIONE ESEMPIO' },
  sedeComune: 'F205',
  modalita: 'MISTA',
  ore: 120,
  dataInizio: '2025-04-01',
  dataFine: '2025-05-31',
  livelloEqf: '3',
  qualificazione: 'Attestato di competenze',
};
const IMPORTI = [
  { mese: '2024-02', importoCentesimi: 50000, importoAffittoCentesimi: 28000 },
  { mese: '2024-03', importoCentesimi: 50000 },
];
const SOCIALE_VUOTA = { casiPais: [], misureInclusione: [], partecipazioniPuc: [], prestazioniSociali: [] };
const FORMATIVA_VUOTA = { iscrizioni: [], manifestazioniInteresse: [] };

describe('a citizen with CO and SIISL records', () => {
  let fascicolo: Answer;
  beforeAll(async () => {
    fascicolo = await about('fascicolo', 'full', CF_FULL);
  });

  it('the fascicolo has the three cartelle filled, at the dossier version', () => {
    expect(fascicolo.status).toBe(200);
    expect(contract('FascicoloDto', fascicolo.body)).toEqual([]);
    expect(fascicolo.body.versione).toBe(9);
    const { cartellaLavorativa, cartellaSociale, cartellaFormativa } = fascicolo.body as Record<string, Record<string, unknown>>;
    expect(cartellaLavorativa).toMatchObject({
      codiceFiscale: CF_FULL,
      versione: 9,
      rapporti: [expect.objectContaining({ dataInizio: '2024-03-01', dataFine: '2024-08-31', datore: { codiceFiscale: coFixtures.FIXTURE_EMPLOYER_CF, denominazione: 'ESEMPIO SRL' } })],
    });
    expect(cartellaLavorativa!.siisl).toMatchObject({
      curriculum: { id: id('CV'), versione: 2, aggiornatoIl: '2025-04-01T10:00:00+02:00', lingue: CV_V2 },
      versioniCurriculum: [
        { id: id('CV'), versione: 1, aggiornatoIl: '2025-03-10T09:30:00+01:00', eliminata: false },
        { id: id('CV'), versione: 2, aggiornatoIl: '2025-04-01T10:00:00+02:00', eliminata: false },
      ],
      proposteLavoro: [
        {
          id: id('PROP'),
          offertaId: OFFERTA,
          collegamento: 'COLLEGATO',
          offerta: { id: OFFERTA, versione: 1, datore: { codiceFiscale: F.DATORE_CF, denominazione: 'ESEMPIO SRL' }, stato: 'PUBBLICATA', dataPubblicazione: '2025-02-01' },
          stato: 'RIFIUTATA',
          dataEsito: '2025-02-12',
          motivoRifiuto: 'Distanza dalla sede',
        },
      ],
    });
    expect(cartellaSociale).toEqual({
      casiPais: CASI_FULL,
      misureInclusione: [
        {
          id: ADI,
          versione: 1,
          misura: 'ADI',
          stato: 'ACCOLTA',
          ruolo: 'RICHIEDENTE',
          percorso: 'CENTRO_IMPIEGO',
          componentiNucleo: 2,
          dataDecorrenza: '2024-02-01',
          dataFine: '2025-07-31',
          dataSottoscrizionePad: '2024-01-15',
          importiMensili: IMPORTI,
          totaleCentesimi: 128000,
        },
      ],
      partecipazioniPuc: [
        {
          progettoId: 'PUC-F205-0042',
          titoloProgetto: 'Cura del verde pubblico',
          comune: 'F205',
          dataInizio: '2024-05-06',
          dataFine: '2024-11-29',
          oreSettimanali: 8,
          oreSvolte: 160,
          fonti: [{ fonte: 'SIISL', id: id('PUC'), versione: 1 }],
        },
      ],
      prestazioniSociali: [],
    });
    expect(cartellaFormativa).toEqual({
      iscrizioni: [
        {
          id: id('ISCR'),
          versione: 1,
          corsoId: CORSO,
          collegamento: 'COLLEGATO',
          corso: CORSO_ATTESO,
          stato: 'AVVIATO',
          eventi: [
            { tipo: 'ISCRITTO', data: '2025-03-01' },
            { tipo: 'AVVIATO', data: '2025-03-05' },
          ],
        },
      ],
      manifestazioniInteresse: [{ id: id('MAN'), versione: 1, corsoId: CORSO, collegamento: 'COLLEGATO', corso: CORSO_ATTESO, data: '2025-02-20' }],
    });
    // CF of other household members never travel with a member's measure.
    expect(fascicolo.text).not.toContain(CF_MEMBER);
  });

  it.each([
    ['cartella-lavorativa', 'cartellaLavorativa'],
    ['cartella-sociale', 'cartellaSociale'],
    ['cartella-formativa', 'cartellaFormativa'],
  ] as const)('the %s e-service serves the same cartella as the fascicolo', async (kind, member) => {
    const res = await about(kind, 'full', CF_FULL);
    expect(res.status).toBe(200);
    expect(contract(`Esito${member[0]!.toUpperCase()}${member.slice(1)}Dto`, res.body)).toEqual([]);
    expect(res.body).toEqual({ versione: 9, [member]: fascicolo.body[member] });
  });

  it('every read is in the access audit', async () => {
    const pseudonym = createHmac('sha256', DEV_AUDIT_PSEUDONYM_KEY).update(CF_FULL).digest('hex');
    const { rows } = await h.audit.query<{ eservice: string; outcome: string }>('SELECT eservice, outcome FROM access_audit WHERE subject = $1 ORDER BY seq', [pseudonym]);
    expect(rows).toEqual(
      expect.arrayContaining(['fascicolo', 'cartella-lavorativa', 'cartella-sociale', 'cartella-formativa'].map((k) => ({ eservice: h.eservice(k as 'fascicolo').name, outcome: 'granted' }))),
    );
  });
});

describe('a citizen with SIISL records only', () => {
  it('gets the fascicolo with the SIISL parts, and no CO rapporti', async () => {
    const res = await about('fascicolo', 'full', CF_SIISL);
    expect(res.status).toBe(200);
    expect(contract('FascicoloDto', res.body)).toEqual([]);
    expect(res.body).toMatchObject({
      versione: 4,
      cartellaLavorativa: {
        codiceFiscale: CF_SIISL,
        versione: 4,
        rapporti: [],
        periodi: [],
        // The CV was deleted: no current CV, its versions still listed.
        siisl: {
          curriculum: null,
          versioniCurriculum: [
            { id: id('CV'), versione: 1, eliminata: false },
            { id: id('CV'), versione: 2, eliminata: false },
            { id: id('CV'), versione: 3, eliminata: true },
          ],
          proposteLavoro: [],
        },
      },
      cartellaSociale: SOCIALE_VUOTA,
    });
  });

  it('a CO-only citizen gets an empty SIISL section beside the rapporti', async () => {
    const res = await about('cartella-lavorativa', 'full', CF_CO_ONLY);
    expect(res.body).toMatchObject({ versione: 1, cartellaLavorativa: { rapporti: [expect.objectContaining({ dataInizio: '2024-03-01' })], siisl: { curriculum: null, versioniCurriculum: [], proposteLavoro: [] } } });
  });
});

describe('courses linked when read', () => {
  const formativa = async () => (await about('cartella-formativa', 'training', CF_SIISL)).body.cartellaFormativa as { iscrizioni: Record<string, unknown>[]; manifestazioniInteresse: Record<string, unknown>[] };

  it('a deleted course: the interest stays, ELIMINATO, without the course', async () => {
    expect((await formativa()).manifestazioniInteresse).toEqual([{ id: id('MAN-E'), versione: 1, corsoId: CORSO_DEL, collegamento: 'ELIMINATO', corso: null, data: '2025-02-20' }]);
  });

  it('an enrolment whose course has not arrived is IN_ATTESA, then COLLEGATO once the course row is written', async () => {
    expect((await formativa()).iscrizioni).toEqual([expect.objectContaining({ id: id('ISCR-T'), corsoId: CORSO_LATE, collegamento: 'IN_ATTESA', corso: null, stato: 'AVVIATO' })]);
    // Only the catalogue changes: the citizen's row is not rewritten.
    await putCorso(applyCorso(emptyCatalogo(), corso(CORSO_LATE, 1, 'Magazziniere')).state.corsi[CORSO_LATE]!);
    expect((await formativa()).iscrizioni).toEqual([
      expect.objectContaining({ id: id('ISCR-T'), collegamento: 'COLLEGATO', corso: expect.objectContaining({ id: CORSO_LATE, versione: 1, titolo: 'Magazziniere' }) }),
    ]);
  });
});

describe('ADI household', () => {
  it('a household member sees the measure as COMPONENTE, with their own route', async () => {
    const res = await about('cartella-sociale', 'welfare', CF_MEMBER);
    expect(res.body).toEqual({
      versione: 1,
      cartellaSociale: {
        casiPais: [],
        misureInclusione: [expect.objectContaining({ id: ADI, ruolo: 'COMPONENTE', percorso: 'SERVIZI_SOCIALI', componentiNucleo: 2, dataSottoscrizionePad: '2024-01-15', totaleCentesimi: 128000 })],
        partecipazioniPuc: [],
        prestazioniSociali: [],
      },
    });
    expect(res.text).not.toContain(CF_FULL);
  });
});

describe('purpose limits', () => {
  it('a labour purpose gets the cartella lavorativa with its SIISL section, and nothing social or training', async () => {
    const res = await about('fascicolo', 'labour', CF_FULL);
    expect(Object.keys(res.body).sort()).toEqual(['cartellaLavorativa', 'versione']);
    expect(res.body.cartellaLavorativa).toMatchObject({ siisl: { curriculum: { id: id('CV') } } });
    for (const secret of [ADI, id('PUC'), CORSO, id('PAIS')]) expect(res.text).not.toContain(secret);
    expectProblem(await about('cartella-sociale', 'labour', CF_FULL), 403, 'PURPOSE_NOT_AUTHORISED', CF_FULL);
    expectProblem(await about('versione-curriculum', 'labour', CF_FULL), 403, 'PURPOSE_NOT_AUTHORISED', CF_FULL);
  });

  it('a training purpose gets only the cartella formativa', async () => {
    const res = await about('cartella-formativa', 'training', CF_FULL);
    expect(Object.keys(res.body).sort()).toEqual(['cartellaFormativa', 'versione']);
    expect(res.text).not.toContain(id('CV'));
    expectProblem(await about('fascicolo', 'training', CF_FULL), 403, 'PURPOSE_NOT_AUTHORISED', CF_FULL);
  });

  it("a purpose limited to its ente's PaIS cases gets those cases and no ADI/SFL measure or PUC", async () => {
    const res = await about('cartella-sociale', 'enteA', CF_FULL);
    expect(res.body).toEqual({ versione: 9, cartellaSociale: { ...SOCIALE_VUOTA, casiPais: CASI_FULL } });
  });

  it('a citizen this purpose may not see looks exactly like an unknown one', async () => {
    // CF_MEMBER has a measure, but no case of this ente.
    const invisible = await about('fascicolo', 'enteA', CF_MEMBER);
    const unknown = await about('fascicolo', 'enteA', UNKNOWN);
    expect(invisible.status).toBe(200);
    expect(invisible.body).toEqual({ versione: 0, cartellaSociale: SOCIALE_VUOTA });
    expect(withoutCorrelation(invisible)).toEqual(withoutCorrelation(unknown));
  });

  it('an unknown codice fiscale: version 0 and empty cartelle', async () => {
    const res = await about('fascicolo', 'full', UNKNOWN);
    expect(contract('FascicoloDto', res.body)).toEqual([]);
    expect(res.body).toEqual({ versione: 0, cartellaLavorativa: null, cartellaSociale: SOCIALE_VUOTA, cartellaFormativa: FORMATIVA_VUOTA });
  });
});

describe('earlier CV versions stay readable (versione-curriculum e-service)', () => {
  const versione = (consumer: string, cf: string, curriculumId: string, v: number) => ask('versione-curriculum', consumer, { codiceFiscale: cf, curriculumId, versione: v });

  it('each version as it was, with the dossier version', async () => {
    const v1 = await versione('cv', CF_FULL, id('CV'), 1);
    expect(v1.status).toBe(200);
    expect(contract('EsitoVersioneCurriculumDto', v1.body)).toEqual([]);
    expect(v1.body).toEqual({
      versione: 9,
      curriculum: expect.objectContaining({ id: id('CV'), versione: 1, aggiornatoIl: '2025-03-10T09:30:00+01:00', lingue: CV_V1, istruzione: [{ titolo: 'Diploma di istituto alberghiero', livelloIsced: '3', livelloEqf: '4', annoConseguimento: 2010 }] }),
    });
    expect((await versione('cv', CF_FULL, id('CV'), 2)).body.curriculum).toMatchObject({ versione: 2, lingue: CV_V2 });
    // After the CV's deletion its earlier versions stay readable.
    expect((await versione('full', CF_SIISL, id('CV'), 2)).body.curriculum).toMatchObject({ versione: 2, lingue: CV_V2 });
  });

  it('an unknown version, CV or citizen, and a deletion: the same 404', async () => {
    const answers = [
      await versione('cv', CF_FULL, id('CV'), 3),
      await versione('cv', CF_FULL, id('CV-ALTRO'), 1),
      await versione('cv', UNKNOWN, id('CV'), 1),
      await versione('cv', CF_SIISL, id('CV'), 3),
    ];
    for (const a of answers) expectProblem(a, 404, 'NOT_FOUND');
    expect(contract('Problem', answers[0]!.body)).toEqual([]);
    expect(new Set(answers.map((a) => JSON.stringify({ ...a.body, correlationId: undefined, instance: undefined }))).size).toBe(1);
    expect(answers.map((a) => a.text).join()).not.toMatch(new RegExp(`${CF_FULL}|${UNKNOWN}|${CF_SIISL}`));
  });

  it('every lookup is audited, found or not', async () => {
    const pseudonym = createHmac('sha256', DEV_AUDIT_PSEUDONYM_KEY).update(UNKNOWN).digest('hex');
    await versione('cv', UNKNOWN, id('CV'), 7);
    const { rows } = await h.audit.query<{ eservice: string; outcome: string; operation: string }>('SELECT eservice, outcome, operation FROM access_audit WHERE subject = $1 AND eservice = $2', [
      pseudonym,
      h.eservice('versione-curriculum').name,
    ]);
    expect(rows).toContainEqual({ eservice: h.eservice('versione-curriculum').name, outcome: 'granted', operation: `POST ${h.eservice('versione-curriculum').basePath}/consultazioni` });
  });

  it('a bad request names the field', async () => {
    const paths = (a: Answer) => (a.body.errors as { path: string }[]).map((e) => e.path).sort();
    const unknownMember = await ask('versione-curriculum', 'cv', { codiceFiscale: CF_FULL, curriculumId: id('CV'), versione: 1, filtro: 'x' });
    expectProblem(unknownMember, 400, 'BAD_REQUEST', CF_FULL);
    expect(paths(unknownMember)).toEqual(['filtro']);
    const fields = await ask('versione-curriculum', 'cv', { codiceFiscale: CF_FULL, curriculumId: 'CV 1', versione: 0 });
    expectProblem(fields, 400, 'BAD_REQUEST', CF_FULL);
    expect(paths(fields)).toEqual(['curriculumId', 'versione']);
  });

  it('hostile values are a 4xx, never a 500', async () => {
    for (const [curriculumId, v] of [[{ $ne: 1 }, 1], [id('CV'), '1'], [id('CV'), 1e300], [id('CV'), -1], ['x'.repeat(65), 1], [[id('CV')], 1]] as const) {
      const res = await ask('versione-curriculum', 'cv', { codiceFiscale: CF_FULL, curriculumId, versione: v });
      expectProblem(res, 400, 'BAD_REQUEST', CF_FULL);
    }
    // Well-formed ids that are property names of every JavaScript object name no CV.
    for (const curriculumId of ['__proto__', 'constructor', 'toString']) expectProblem(await versione('cv', CF_FULL, curriculumId, 1), 404, 'NOT_FOUND', CF_FULL);
  });

  it('a consumer without the e-service is refused', async () => {
    expectProblem(await versione('training', CF_FULL, id('CV'), 1), 403, 'PURPOSE_NOT_AUTHORISED', CF_FULL);
  });
});
