// The GePI cases through the real app (guard, Postgres, audit): a case folded with libs/cartella-sociale's
// applyGepi from libs/gepi's fixture records, written with plain SQL as the dossier-builder writes it (the
// case row and its ownership rows from chiaviCaso), under the builder's role. The household: an applicant,
// a son, a daughter born during the case and a partner who left on 2024-10-15. The case opens at the comune
// F205 and moves to the ambito LOM_23 on 2024-09-01: the first state written is the one before the move.
// Ids and codici fiscali are random so that other suites writing the same tables never collide with these.
import { createHmac, randomBytes } from 'node:crypto';
import { Pool } from 'pg';
import { applyGepi, applySociale, emptyCittadino, type CasoGepi } from '@fsl/cartella-sociale';
import { gepiFixtures as F } from '@fsl/gepi';
import { siislFixtures, type Puc } from '@fsl/siisl';
import { appDatabaseUrl, randomCf } from '../../../test/support/env';
import { DEV_AUDIT_PSEUDONYM_KEY } from '../src/config';
import { contractOf } from './support/contract';
import { cancellaCasi, casoGepi, recordDi, scriviCaso, type CasoSpec } from './support/gepi';
import { DATABASE_URL, expectProblem, HOOK_TIMEOUT_MS, startApi, type Answer, type Harness } from './support/harness';

const SFX = randomBytes(4).toString('hex').toUpperCase();
const CASO = `GEPI-CASO-${SFX}`;
const UNKNOWN_CASO = `GEPI-CASO-IGNOTO-${SFX}`;
const PUC_SIISL = `PUC-ASS-${SFX}`;
const [RICHIEDENTE, FIGLIO, NEONATA, CONIUGE] = [randomCf(), randomCf(), randomCf(), randomCf()];
const MEMBRI = [RICHIEDENTE, FIGLIO, NEONATA, CONIUGE];
const SPEC: CasoSpec = { casoId: CASO, cf: { richiedente: RICHIEDENTE, figlio: FIGLIO, neonata: NEONATA, coniuge: CONIUGE } };

// Before the move: the comune F205 manages it. The move is version 2 of the case record (the fixture's
// history: F205 until 2024-08-31, LOM_23 from 2024-09-01), folded onto the same state.
const PRIMA: CasoGepi = casoGepi({ ...SPEC, enti: [{ tipo: 'COMUNE', codice: 'F205', dal: '2024-02-05' }] });
const DOPO: CasoGepi = applyGepi(PRIMA, 'caso', { ...recordDi(SPEC, 'caso'), versione: 2 }).state;

let builder: Pool;
async function putDossier(cfs: readonly string[], version: number): Promise<void> {
  await builder.query(
    `INSERT INTO dossier (codice_fiscale, version) SELECT cf, $2 FROM unnest($1::text[]) AS cf
     ON CONFLICT (codice_fiscale) DO UPDATE SET version = EXCLUDED.version, updated_at = now()`,
    [cfs, version],
  );
}

let h: Harness;
beforeAll(async () => {
  builder = new Pool({ connectionString: appDatabaseUrl('fsl_builder', DATABASE_URL), max: 2 });
  const sociale = { eservices: ['fascicolo', 'cartella-sociale', 'caso-pais'] as const, dati: ['sociale'] as const };
  h = await startApi({
    full: { purpose: { eservices: [...sociale.eservices], dati: [...sociale.dati], casiPais: 'tutti' } },
    comune: { ente: 'F205', purpose: { eservices: [...sociale.eservices], dati: [...sociale.dati], casiPais: 'ente' } },
    ambito: { ente: 'LOM_23', purpose: { eservices: [...sociale.eservices], dati: [...sociale.dati], casiPais: 'ente' } },
    labour: { purpose: { eservices: ['fascicolo', 'cartella-lavorativa'], dati: ['lavorativa'] } },
  });
  // The applicant's PUC as SIISL reports it: the same project and period as GePI's participation.
  const puc: Puc = { ...(siislFixtures.valid('puc') as Puc), id: PUC_SIISL, codiceFiscale: RICHIEDENTE };
  await builder.query('INSERT INTO cartella_sociale (codice_fiscale, state) VALUES ($1, $2::jsonb)', [RICHIEDENTE, JSON.stringify(applySociale(emptyCittadino(RICHIEDENTE), 'puc', puc).state)]);
  await scriviCaso(builder, PRIMA);
  await putDossier(MEMBRI, 2);
}, HOOK_TIMEOUT_MS);

afterAll(async () => {
  if (builder) {
    await cancellaCasi(builder, [CASO]);
    for (const table of ['cartella_sociale', 'dossier']) await builder.query(`DELETE FROM ${table} WHERE codice_fiscale = ANY($1)`, [MEMBRI]);
    await builder.end();
  }
  await h?.close();
}, HOOK_TIMEOUT_MS);

const contract = contractOf('api');
const sociale = (consumer: string, cf: string) => h.call('cartella-sociale', h.consumers[consumer]!, { body: { codiceFiscale: cf } });
const caso = (consumer: string, body: unknown) => h.call('caso-pais', h.consumers[consumer]!, { body });
const comparable = (a: Answer) => ({ status: a.status, body: { ...a.body, correlationId: undefined, instance: undefined } });
const SOCIALE_VUOTA = { casiPais: [], misureInclusione: [], partecipazioniPuc: [], prestazioniSociali: [] };
const pseudonym = (cf: string) => createHmac('sha256', DEV_AUDIT_PSEUDONYM_KEY).update(cf).digest('hex');
async function accessiCaso(cf: string): Promise<number> {
  const { rows } = await h.audit.query<{ n: string }>('SELECT count(*) AS n FROM access_audit WHERE subject = $1 AND eservice = $2', [pseudonym(cf), h.eservice('caso-pais').name]);
  return Number(rows[0]!.n);
}

const SERVIZIO_SOCIALE = { tipo: 'SERVIZIO_SOCIALE', denominazione: 'Servizio sociale del Comune di Milano' };
const S3_NUCLEO = { paisId: 'GEPI-PAIS-0001', id: 'S3', tipo: 'SOSTEGNO_ABITATIVO', fornitore: SERVIZIO_SOCIALE, dal: '2024-04-15', perNucleo: true };

describe('before the move: the comune manages the case', () => {
  it('the comune sees the case in a member’s cartella sociale, with the dossier version; the ambito sees an unknown citizen', async () => {
    const comune = await sociale('comune', RICHIEDENTE);
    expect(comune.status).toBe(200);
    expect(contract('EsitoCartellaSocialeDto', comune.body)).toEqual([]);
    expect(comune.body).toEqual({ versione: 2, cartellaSociale: { ...SOCIALE_VUOTA, casiPais: [expect.objectContaining({ identificativo: CASO, enteGestore: 'F205', tipoEnteGestore: 'COMUNE' })] } });
    const ambito = await sociale('ambito', RICHIEDENTE);
    expect(comparable(ambito)).toEqual(comparable(await sociale('ambito', randomCf())));
    expect(ambito.body).toEqual({ versione: 0, cartellaSociale: SOCIALE_VUOTA });
  });

  it('the case e-service answers the comune and gives the ambito the unknown-case 404', async () => {
    expect((await caso('comune', { casoId: CASO })).body).toMatchObject({ caso: { casoId: CASO, caso: { versione: 1, enteCorrente: { codice: 'F205' } } } });
    expectProblem(await caso('ambito', { casoId: CASO }), 404, 'NOT_FOUND');
  });
});

describe('after the move to the ambito', () => {
  beforeAll(async () => {
    // The builder rewrites the case and its ownership rows and raises every member's dossier.
    await scriviCaso(builder, DOPO);
    await putDossier(MEMBRI, 3);
  }, HOOK_TIMEOUT_MS);

  describe('ente scope', () => {
    it('the comune no longer sees the case, nor the citizen: exactly the answer for an unknown one', async () => {
      const comune = await sociale('comune', RICHIEDENTE);
      expect(comune.body).toEqual({ versione: 0, cartellaSociale: SOCIALE_VUOTA });
      expect(comparable(comune)).toEqual(comparable(await sociale('comune', randomCf())));
    });

    it('the ambito sees it, and only the case: no SIISL or GePI PUC for an ente-scoped purpose', async () => {
      const ambito = await sociale('ambito', RICHIEDENTE);
      expect(ambito.body).toEqual({ versione: 3, cartellaSociale: { ...SOCIALE_VUOTA, casiPais: [expect.objectContaining({ identificativo: CASO, enteGestore: 'LOM_23', tipoEnteGestore: 'ATS' })] } });
    });
  });

  describe('each member’s cartella sociale links to the case', () => {
    it('the applicant: the case, their period, their own sostegni and impegni of the current PaIS, the missing PaIS version', async () => {
      const res = await sociale('full', RICHIEDENTE);
      expect(res.status).toBe(200);
      expect(contract('EsitoCartellaSocialeDto', res.body)).toEqual([]);
      const { casiPais } = res.body.cartellaSociale as { casiPais: unknown[] };
      expect(casiPais).toEqual([
        {
          identificativo: CASO,
          enteGestore: 'LOM_23',
          tipoEnteGestore: 'ATS',
          stato: 'PATTO_SOTTOSCRITTO',
          dataApertura: '2024-02-05',
          domandaId: 'ADI-2024-000123',
          misura: 'ADI',
          ruolo: 'RICHIEDENTE',
          periodi: [{ dal: '2024-02-05' }],
          attuale: true,
          pais: { id: 'GEPI-PAIS-0001', numeroVersione: 2, stato: 'SOTTOSCRITTO' },
          sostegni: [
            {
              paisId: 'GEPI-PAIS-0001',
              id: 'S1',
              tipo: 'TIROCINIO_INCLUSIONE',
              fornitore: SERVIZIO_SOCIALE,
              dal: '2024-05-06',
              al: '2024-11-05',
              tirocinio: { soggettoOspitante: { codiceFiscale: F.AZIENDA_OSPITANTE_CF, denominazione: 'ESEMPIO SRL' }, oreSettimanali: 20, indennitaMensileCentesimi: 50000 },
              perNucleo: false,
            },
            S3_NUCLEO,
          ],
          impegni: [{ paisId: 'GEPI-PAIS-0001', id: 'I1', tipo: 'COLLOQUI_SERVIZIO', descrizione: 'Colloquio mensile con il case manager', dal: '2024-04-08' }],
          documentiConVersioniMancanti: [{ entita: 'pais', id: 'GEPI-PAIS-0001', versioniMancanti: [1] }],
        },
      ]);
      // A member's link never carries the other members' codici fiscali.
      for (const other of [FIGLIO, NEONATA, CONIUGE]) expect(res.text).not.toContain(other);
    });

    it('the son: his own support and commitment, and the household’s', async () => {
      const { casiPais } = (await sociale('full', FIGLIO)).body.cartellaSociale as { casiPais: Array<Record<string, unknown>> };
      expect(casiPais).toEqual([
        expect.objectContaining({
          ruolo: 'FIGLIO',
          attuale: true,
          sostegni: [
            { paisId: 'GEPI-PAIS-0001', id: 'S2', tipo: 'EDUCATIVA_DOMICILIARE', fornitore: { tipo: 'TERZO_SETTORE', denominazione: 'Cooperativa sociale Esempio', codiceFiscale: F.ENTE_TERZO_SETTORE_CF }, dal: '2024-04-15', perNucleo: false },
            S3_NUCLEO,
          ],
          impegni: [{ paisId: 'GEPI-PAIS-0001', id: 'I2', tipo: 'FREQUENZA_SCOLASTICA', dal: '2024-04-08', al: '2025-06-30' }],
        }),
      ]);
    });

    it('a member who left keeps the link for the period they belonged', async () => {
      const res = await sociale('full', CONIUGE);
      expect(contract('EsitoCartellaSocialeDto', res.body)).toEqual([]);
      expect(res.body).toEqual({
        versione: 3,
        cartellaSociale: {
          ...SOCIALE_VUOTA,
          casiPais: [expect.objectContaining({ identificativo: CASO, ruolo: 'CONIUGE', periodi: [{ dal: '2024-02-05', al: '2024-10-15' }], attuale: false, sostegni: [S3_NUCLEO], impegni: [] })],
        },
      });
    });

    it('a PUC participation reported by SIISL and GePI appears once, naming both sources', async () => {
      const res = await sociale('full', RICHIEDENTE);
      expect((res.body.cartellaSociale as { partecipazioniPuc: unknown }).partecipazioniPuc).toEqual([
        {
          progettoId: 'PUC-F205-0042',
          titoloProgetto: 'Cura del verde pubblico',
          comune: 'F205',
          ambito: 'AMBIENTALE',
          dataInizio: '2024-05-06',
          dataFine: '2024-11-29',
          oreSettimanali: 8,
          // GePI's attendance (32 + 28 hours), not SIISL's figure.
          oreSvolte: 60,
          fonti: [
            { fonte: 'SIISL', id: PUC_SIISL, versione: 1 },
            { fonte: 'GEPI', id: 'GEPI-PUC-0001', versione: 1, casoId: CASO },
          ],
        },
      ]);
    });

    it('the fascicolo carries the same cartella sociale', async () => {
      const fascicolo = await h.call('fascicolo', h.consumers.full!, { body: { codiceFiscale: RICHIEDENTE } });
      expect(contract('FascicoloDto', fascicolo.body)).toEqual([]);
      expect(fascicolo.body.cartellaSociale).toEqual((await sociale('full', RICHIEDENTE)).body.cartellaSociale);
    });
  });

  describe('the caso-pais e-service', () => {
    it('the ente managing the case today gets the whole case: ente history, operators by role only, members, every document version', async () => {
      const res = await caso('ambito', { casoId: CASO });
      expect(res.status).toBe(200);
      expect(contract('EsitoCasoPaisDto', res.body)).toEqual([]);
      const vista = (res.body as { caso: Record<string, unknown> }).caso;
      expect(vista.caso).toEqual({
        versione: 2,
        domandaId: 'ADI-2024-000123',
        misura: 'ADI',
        stato: 'PATTO_SOTTOSCRITTO',
        dataApertura: '2024-02-05',
        dataAssegnazione: '2024-02-12',
        enteCorrente: { tipo: 'ATS', codice: 'LOM_23', dal: '2024-09-01' },
        enti: [
          { tipo: 'COMUNE', codice: 'F205', dal: '2024-02-05', al: '2024-08-31' },
          { tipo: 'ATS', codice: 'LOM_23', dal: '2024-09-01' },
        ],
        operatori: [
          { ruolo: 'CASE_MANAGER', dal: '2024-02-12' },
          { ruolo: 'COORDINATORE', dal: '2024-02-05' },
        ],
      });
      expect((vista.membri as Array<{ codiceFiscale: string; attuale: boolean }>).map((m) => [m.codiceFiscale, m.attuale]).sort()).toEqual(
        [[RICHIEDENTE, true], [FIGLIO, true], [NEONATA, true], [CONIUGE, false]].sort(),
      );
      expect(vista.pais).toEqual([expect.objectContaining({ id: 'GEPI-PAIS-0001', versioniMancanti: [1], versioneCorrente: 2, versioni: [expect.objectContaining({ numeroVersione: 2, ente: expect.objectContaining({ codice: 'F205' }) })] })]);
      expect(vista.documentiConVersioniMancanti).toEqual([{ entita: 'pais', id: 'GEPI-PAIS-0001', versioniMancanti: [1] }]);
      expect(res.headers.get('cache-control')).toContain('no-store');
    });

    it('a purpose granted every case gets it too', async () => {
      const res = await caso('full', { casoId: CASO });
      expect(res.status).toBe(200);
      expect((res.body as { caso: { casoId: string } }).caso.casoId).toBe(CASO);
    });

    it('a case the caller may not see gets exactly the answer of an unknown case, and leaves no access record', async () => {
      const before = await Promise.all(MEMBRI.map(accessiCaso));
      const hidden = await caso('comune', { casoId: CASO });
      const unknown = await caso('comune', { casoId: UNKNOWN_CASO });
      expectProblem(hidden, 404, 'NOT_FOUND');
      expect(contract('Problem', hidden.body)).toEqual([]);
      expect(comparable(hidden)).toEqual(comparable(unknown));
      expect(await Promise.all(MEMBRI.map(accessiCaso))).toEqual(before);
    });

    it('each read leaves one record in the access log of every member, the one who left included', async () => {
      const before = await Promise.all(MEMBRI.map(accessiCaso));
      expect((await caso('ambito', { casoId: CASO })).status).toBe(200);
      expect(await Promise.all(MEMBRI.map(accessiCaso))).toEqual(before.map((n) => n + 1));
      const { rows } = await h.audit.query<{ outcome: string; operation: string }>('SELECT outcome, operation FROM access_audit WHERE subject = $1 AND eservice = $2 ORDER BY seq DESC LIMIT 1', [
        pseudonym(CONIUGE),
        h.eservice('caso-pais').name,
      ]);
      expect(rows).toEqual([{ outcome: 'granted', operation: `POST ${h.eservice('caso-pais').basePath}/consultazioni` }]);
    });

    it('hostile input is a 400 naming the field, never a 500; names of every object’s properties are unknown cases', async () => {
      const paths = (a: Answer) => ((a.body.errors ?? []) as { path: string }[]).map((e) => e.path);
      for (const body of [{ casoId: { $ne: 1 } }, { casoId: 'x'.repeat(65) }, { casoId: '../etc' }, { casoId: 1 }, { casoId: [CASO] }, { casoId: '' }]) {
        const res = await caso('ambito', body);
        expectProblem(res, 400, 'BAD_REQUEST');
        expect(paths(res)).toEqual(['casoId']);
      }
      const extra = await caso('ambito', { casoId: CASO, codiceFiscale: RICHIEDENTE });
      expectProblem(extra, 400, 'BAD_REQUEST', RICHIEDENTE);
      expect(paths(extra)).toEqual(['codiceFiscale']);
      for (const body of [{}, [], 'null', '{"casoId":']) expect((await caso('ambito', body)).status).toBe(400);
      for (const casoId of ['__proto__', 'constructor', 'toString']) expectProblem(await caso('ambito', { casoId }), 404, 'NOT_FOUND');
    });

    it('a purpose without the e-service is refused', async () => {
      expectProblem(await caso('labour', { casoId: CASO }), 403, 'PURPOSE_NOT_AUTHORISED');
    });
  });
});
