// The CO e-services (issue 13, 25-27) end to end with the real apps: COs in through ingest-co's HTTP API →
// Kafka → dossier-builder → Postgres → the api's rapporti-lavoro, rapporti-lavoro-attivi and
// requisito-occupazionale e-services, with vouchers from the PDND stand-in. Every expected value below is
// counted by hand from the COs the test sends (calendar days, both ends included; 2024 is a leap year).
import { coFixtures as F, type Co, type Unilav } from '@fsl/co';
import { Pool } from 'pg';
import { codici } from '../apps/ingest-co/test/support';
import { contractOf } from '../apps/api/test/support/contract';
import { expectProblem, type Answer } from '../apps/api/test/support/harness';
import { coStack } from './support/co-stack';
import { DATABASE_URL, postJson, randomCf, waitFor } from './support/env';

jest.setTimeout(180_000);

const E1 = F.FIXTURE_EMPLOYER_CF;
const E2 = F.FIXTURE_EMPLOYER2_CF;
const E3 = F.FIXTURE_AGENCY_CF;
const PERMESSO = { tipoDocumento: '1', numeroDocumento: 'ZX9876543', motivo: 'LAVS', scadenza: '2026-03-31', questura: '058' };
const LAVORATIVA = ['rapporti-lavoro', 'rapporti-lavoro-attivi', 'requisito-occupazionale'] as const;

describe('CO e-services: ingest-co → Kafka → builder → rapporti di lavoro, rapporti attivi, requisito occupazionale', () => {
  const stack = coStack('es-co', {
    lavoro: { purpose: { eservices: [...LAVORATIVA], dati: ['lavorativa'] } },
    permesso: { purpose: { eservices: [...LAVORATIVA], dati: ['lavorativa'], datiParticolari: ['permessoSoggiorno'] } },
    // what an INPS-like consumer checking an eligibility rule is granted: the check and nothing else
    soloRequisito: { purpose: { eservices: ['requisito-occupazionale'], dati: ['lavorativa'] } },
    sociale: { ente: 'H501', purpose: { eservices: ['cartella-sociale'], dati: ['sociale'] } },
    portale: { purpose: { eservices: ['registro-accessi'], soloInteressato: true } },
  });
  const nextCodice = codici();
  const pool = new Pool({ connectionString: DATABASE_URL, max: 2 });
  afterAll(() => pool.end());
  const contract = contractOf('api');
  const worker = randomCf();

  // ---- the worker's COs ----

  function assunzione(employer: string, inizio: Unilav['inizio'], invio: string): Unilav {
    const co = F.fixtureAssunzione({ datiInvio: { codiceComunicazione: nextCodice(), tipoComunicazione: '01', dataInvio: `${invio}T09:00:00+01:00` } });
    co.datore = F.fixtureDatore(employer);
    co.lavoratore = { codiceFiscale: worker, cognome: 'ROSSI', nome: 'GIULIA' };
    co.inizio = inizio;
    return co;
  }
  /** A later event of the rapporto: the same datore, lavoratore and start, the terms as they stand when sent. */
  function evento(base: Unilav, tipoEvento: Unilav['tipoEvento'], invio: string, inizio: Partial<Unilav['inizio']>, section: Partial<Unilav>): Unilav {
    const co: Unilav = { ...structuredClone(base), datiInvio: { codiceComunicazione: nextCodice(), tipoComunicazione: '01', dataInvio: `${invio}T09:00:00+01:00` }, tipoEvento, ...section };
    co.inizio = { ...co.inizio, ...inizio };
    if (inizio.dataFine === undefined && 'dataFine' in inizio) delete co.inizio.dataFine;
    return co;
  }
  const PART_TIME = { tipoOrario: 'P', oreSettimanaliMedie: 20, qualificaProfessionale: '5.2.2.3.1.0' };

  // R1 with E1: fixed-term part-time from 8 January 2024 to 30 April, prorogued to 30 June, transformed to
  // open-ended from 1 June, ended 15 September.
  const r1 = assunzione(E1, { dataInizio: '2024-01-08', dataFine: '2024-04-30', tipologiaContrattuale: 'A.02.00', ...PART_TIME }, '2024-01-05');
  const r1Proroga = evento(r1, 'PRO', '2024-04-20', {}, { proroga: { dataFineProroga: '2024-06-30' } });
  const r1Trasformazione = evento(r1, 'TRS', '2024-05-28', { dataFine: '2024-06-30' }, { trasformazione: { codice: 'DI', data: '2024-06-01', tipologiaContrattuale: 'A.01.00' } });
  const r1Cessazione = evento(r1, 'CES', '2024-09-16', { tipologiaContrattuale: 'A.01.00', dataFine: undefined }, { cessazione: { data: '2024-09-15', causa: 'DI' } });
  // R2 with E2: fixed-term full-time from 1 September 2024 (overlapping R1 until 15 September) to 31
  // December; the worker's residence permit is on this hiring.
  const r2 = assunzione(E2, { dataInizio: '2024-09-01', dataFine: '2024-12-31', tipologiaContrattuale: 'A.02.00', tipoOrario: 'F', qualificaProfessionale: '8.1.4.2.0.0' }, '2024-08-30');
  r2.lavoratore = { ...r2.lavoratore, cittadinanza: '201', permessoSoggiorno: PERMESSO };
  // ... ended early on 30 November, a CO the test sends only later ("a CO known later counts").
  const r2CessazioneTardiva = evento(r2, 'CES', '2025-02-10', {}, { cessazione: { data: '2024-11-30', causa: 'DI' } });
  // R3 with E3: October 2023, annulled: it never existed.
  const r3 = assunzione(E3, { dataInizio: '2023-10-02', dataFine: '2023-10-31', tipologiaContrattuale: 'A.02.00', ...PART_TIME }, '2023-09-29');
  const r3Annullamento: Unilav = { ...structuredClone(r3), datiInvio: { codiceComunicazione: nextCodice(), tipoComunicazione: '04', dataInvio: '2023-10-03T09:00:00+01:00', codiceComunicazionePrecedente: r3.datiInvio.codiceComunicazione } };

  async function send(cos: Co[]): Promise<void> {
    for (const co of cos) {
      const res = await postJson(`${stack.ingest.url}/v1/comunicazioni`, co);
      expect({ codice: co.datiInvio.codiceComunicazione, status: res.status, body: res.status === 202 ? undefined : res.body }).toEqual({ codice: co.datiInvio.codiceComunicazione, status: 202, body: undefined });
    }
  }
  /** Until the builder folded `count` COs of the worker. */
  async function folded(count: number): Promise<void> {
    await waitFor(`${count} COs of the worker folded`, async () => {
      const { rows } = await pool.query<{ n: number }>("SELECT count(*)::int AS n FROM cartella_lavorativa, jsonb_object_keys(state->'cos') WHERE codice_fiscale = $1", [worker]);
      return rows[0]!.n >= count ? true : undefined;
    }, 60_000);
  }

  const ask = (kind: (typeof LAVORATIVA)[number], body: Record<string, unknown>, consumer = 'lavoro') => stack.api.call(kind, stack.api.consumers[consumer]!, { body });
  const requisito = async (body: Record<string, unknown>, consumer = 'lavoro') => {
    const res = await ask('requisito-occupazionale', { codiceFiscale: worker, ...body }, consumer);
    expect(res.status).toBe(200);
    expect(contract('EsitoRequisitoOccupazionaleDto', res.body)).toEqual([]);
    return res.body as { esito: boolean; periodo: unknown; criteri: unknown; dataVerifica: string };
  };
  const attivi = async (data: string) => {
    const res = await ask('rapporti-lavoro-attivi', { codiceFiscale: worker, data });
    expect(res.status).toBe(200);
    expect(contract('EsitoRapportiAttiviDto', res.body)).toEqual([]);
    return res.body as { versione: number; data: string; rapporti: Array<Record<string, unknown>> };
  };
  const anno = { dal: '2024-01-01', al: '2024-12-31' };

  it('the COs go in through the ingest and are folded', async () => {
    await send([r3, r1, r1Proroga, r1Trasformazione, r2, r1Cessazione, r3Annullamento]);
    await folded(7);
  });

  it('a CO known later counts: R2 is open in December until its early cessazione arrives', async () => {
    const dicembre = { dal: '2024-12-01', al: '2024-12-31' };
    expect((await requisito(dicembre)).esito).toBe(true);
    expect((await attivi('2024-12-01')).rapporti.map((r) => r.datore)).toEqual([{ codiceFiscale: E2, denominazione: 'ESEMPIO SRL' }]);
    await send([r2CessazioneTardiva]);
    await folded(8);
    // R2 ended on 30 November: a period starting the day after the termination finds nothing
    expect(await requisito(dicembre)).toEqual({ esito: false, periodo: dicembre, criteri: { giorniMinimi: 1 }, dataVerifica: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) });
    expect((await attivi('2024-12-01')).rapporti).toEqual([]);
  });

  describe('27: verifica requisito occupazionale — yes or no', () => {
    it('employed days in 2024: 8 January to 30 November, the 15 overlapping days of September once (328)', async () => {
      expect(await requisito({ ...anno, giorniMinimi: 328 })).toEqual({ esito: true, periodo: anno, criteri: { giorniMinimi: 328 }, dataVerifica: expect.any(String) });
      expect((await requisito({ ...anno, giorniMinimi: 329 })).esito).toBe(false);
    });

    it('by contract type: A.02.00 on 236 days (R1 until 31 May, R2), A.01.00 on 107 (R1 from the trasformazione on 1 June)', async () => {
      const determinato = await requisito({ ...anno, tipologieContrattuali: ['A.02.00'], giorniMinimi: 236 });
      expect(determinato).toEqual({ esito: true, periodo: anno, criteri: { giorniMinimi: 236, tipologieContrattuali: ['A.02.00'] }, dataVerifica: expect.any(String) });
      expect((await requisito({ ...anno, tipologieContrattuali: ['A.02.00'], giorniMinimi: 237 })).esito).toBe(false);
      expect((await requisito({ ...anno, tipologieContrattuali: ['A.01.00'], giorniMinimi: 107 })).esito).toBe(true);
      expect((await requisito({ ...anno, tipologieContrattuali: ['A.01.00'], giorniMinimi: 108 })).esito).toBe(false);
      // both types: every employed day, in whichever order they are given (echoed sorted)
      const entrambi = await requisito({ ...anno, tipologieContrattuali: ['A.02.00', 'A.01.00'], giorniMinimi: 328 });
      expect(entrambi).toMatchObject({ esito: true, criteri: { tipologieContrattuali: ['A.01.00', 'A.02.00'] } });
    });

    it('a proroga counts: May and June 2024 (61 days) are employed only thanks to it', async () => {
      expect((await requisito({ dal: '2024-05-01', al: '2024-06-30', giorniMinimi: 61 })).esito).toBe(true);
    });

    it('the annulled hiring of October 2023 counts for nothing, and the answer is the one of an unknown citizen', async () => {
      const ottobre = { dal: '2023-10-01', al: '2023-10-31' };
      const known = await requisito(ottobre);
      expect(known.esito).toBe(false);
      const unknown = await ask('requisito-occupazionale', { codiceFiscale: randomCf(), ...ottobre });
      expect(unknown.status).toBe(200);
      expect(unknown.body).toEqual(known);
      expect(unknown.text).not.toMatch(/versione|datore|rapport/);
    });

    it('the purpose with only this e-service gets the same answers', async () => {
      expect(await requisito({ ...anno, giorniMinimi: 328 }, 'soloRequisito')).toMatchObject({ esito: true });
      expect(await requisito({ dal: '2024-12-01', al: '2024-12-31' }, 'soloRequisito')).toMatchObject({ esito: false });
    });

    it('a period in the future, backwards or longer than ten years is a 400 naming the field, never the codice fiscale', async () => {
      const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
      const cases: Array<[Record<string, unknown>, string, string]> = [
        [{ dal: '2024-01-01', al: tomorrow }, 'al', 'DATA_FUTURA'],
        [{ dal: '2024-02-01', al: '2024-01-31' }, 'al', 'PERIODO_INVERTITO'],
        [{ dal: '2014-01-01', al: '2024-01-01' }, 'al', 'PERIODO_TROPPO_LUNGO'],
        [{ dal: '2024-02-01', al: '2024-02-29', giorniMinimi: 30 }, 'giorniMinimi', 'GIORNI_OLTRE_PERIODO'],
        [{ dal: '2024-01-01', al: '2024-02-01', datore: E1 }, 'datore', 'BODY_UNKNOWN_MEMBER'],
      ];
      for (const [body, path, code] of cases) {
        const res = await ask('requisito-occupazionale', { codiceFiscale: worker, ...body });
        expectProblem(res, 400, 'BAD_REQUEST', worker);
        expect(res.body.errors).toEqual([expect.objectContaining({ path, code })]);
      }
    });
  });

  describe('26: rapporti di lavoro attivi a una data — the values in force that day', () => {
    const R1 = (valori: Record<string, unknown>) => ({
      id: r1.datiInvio.codiceComunicazione,
      modello: 'UNILAV',
      provvisorio: false,
      dataInizio: '2024-01-08',
      datore: { codiceFiscale: E1, denominazione: 'ESEMPIO SRL' },
      tipoOrario: 'P',
      oreSettimanaliMedie: 20,
      qualificaProfessionale: '5.2.2.3.1.0',
      ...valori,
    });

    it('31 May: R1 fixed-term, with the term as prorogued; 1 June: open-ended', async () => {
      expect(await attivi('2024-05-31')).toEqual({ versione: expect.any(Number), data: '2024-05-31', rapporti: [R1({ tipologiaContrattuale: 'A.02.00', dataFine: '2024-06-30' })] });
      expect((await attivi('2024-06-01')).rapporti).toEqual([R1({ tipologiaContrattuale: 'A.01.00' })]);
    });

    it('10 September: both rapporti; 16 September: R2 alone; 7 January: none, nor in October 2023 (annulled)', async () => {
      expect((await attivi('2024-09-10')).rapporti).toEqual([
        R1({ tipologiaContrattuale: 'A.01.00' }),
        {
          id: r2.datiInvio.codiceComunicazione,
          modello: 'UNILAV',
          provvisorio: false,
          dataInizio: '2024-09-01',
          datore: { codiceFiscale: E2, denominazione: 'ESEMPIO SRL' },
          tipologiaContrattuale: 'A.02.00',
          tipoOrario: 'F',
          qualificaProfessionale: '8.1.4.2.0.0',
          dataFine: '2024-12-31',
        },
      ]);
      expect((await attivi('2024-09-15')).rapporti).toHaveLength(2);
      expect((await attivi('2024-09-16')).rapporti.map((r) => r.id)).toEqual([r2.datiInvio.codiceComunicazione]);
      expect((await attivi('2024-01-07')).rapporti).toEqual([]);
      expect((await attivi('2023-10-15')).rapporti).toEqual([]);
    });

    it('an unknown citizen: version 0 and no rapporti; a day after today is a 400 on data', async () => {
      const res = await ask('rapporti-lavoro-attivi', { codiceFiscale: randomCf(), data: '2024-09-10' });
      expect(res.body).toEqual({ versione: 0, data: '2024-09-10', rapporti: [] });
      const future = await ask('rapporti-lavoro-attivi', { codiceFiscale: worker, data: '2999-01-01' });
      expectProblem(future, 400, 'BAD_REQUEST', worker);
      expect(future.body.errors).toEqual([expect.objectContaining({ path: 'data', code: 'DATA_FUTURA' })]);
    });
  });

  describe('25: rapporti di lavoro — with their history', () => {
    const storia = (r: Record<string, any>) => r.storia.map((e: Record<string, unknown>) => [e.tipoEvento, e.dataEvento, e.esito]);

    it('both live rapporti with their events, the annulled one absent; no SIISL part, no permit', async () => {
      const res = await ask('rapporti-lavoro', { codiceFiscale: worker });
      expect(res.status).toBe(200);
      expect(contract('EsitoRapportiLavoroDto', res.body)).toEqual([]);
      expect(Object.keys(res.body).sort()).toEqual(['calcolataAl', 'rapporti', 'versione']);
      const rapporti = res.body.rapporti as Array<Record<string, any>>;
      expect(rapporti.map((r) => [r.id, r.stato, r.tipologiaContrattuale, r.dataFine ?? null, r.dataFineEffettiva])).toEqual([
        [r1.datiInvio.codiceComunicazione, 'CESSATO', 'A.01.00', null, '2024-09-15'],
        [r2.datiInvio.codiceComunicazione, 'CESSATO', 'A.02.00', '2024-12-31', '2024-11-30'],
      ]);
      expect(storia(rapporti[0]!)).toEqual([
        ['ASS', '2024-01-08', 'APPLICATO'],
        ['PRO', '2024-04-20', 'APPLICATO'],
        ['TRS', '2024-06-01', 'APPLICATO'],
        ['CES', '2024-09-15', 'APPLICATO'],
      ]);
      expect(storia(rapporti[1]!)).toEqual([
        ['ASS', '2024-09-01', 'APPLICATO'],
        ['CES', '2024-11-30', 'APPLICATO'],
      ]);
      expect(res.text).not.toContain(PERMESSO.numeroDocumento);
      expect(res.text).not.toContain(r3.datiInvio.codiceComunicazione);
    });

    it('the residence permit goes only to the purpose granted it; the rest of the answer is the same', async () => {
      const [plain, granted] = await Promise.all([ask('rapporti-lavoro', { codiceFiscale: worker }), ask('rapporti-lavoro', { codiceFiscale: worker }, 'permesso')]);
      expect(granted.body.permessoSoggiorno).toEqual(PERMESSO);
      expect(contract('EsitoRapportiLavoroDto', granted.body)).toEqual([]);
      expect({ ...granted.body, permessoSoggiorno: undefined }).toEqual({ ...plain.body, permessoSoggiorno: undefined });
    });

    it('an unknown citizen: version 0 and no rapporti', async () => {
      const res = await ask('rapporti-lavoro', { codiceFiscale: randomCf() });
      expect(res.body).toEqual({ versione: 0, calcolataAl: expect.any(String), rapporti: [] });
    });
  });

  describe('who may call', () => {
    it('the purpose with only the requirement check is refused the rapporti (403)', async () => {
      expectProblem(await ask('rapporti-lavoro', { codiceFiscale: worker }, 'soloRequisito'), 403, 'PURPOSE_NOT_AUTHORISED', worker);
      expectProblem(await ask('rapporti-lavoro-attivi', { codiceFiscale: worker, data: '2024-09-10' }, 'soloRequisito'), 403, 'PURPOSE_NOT_AUTHORISED', worker);
    });

    it('a social-services consumer without the labour e-services is refused them (403)', async () => {
      for (const kind of LAVORATIVA) {
        const body = kind === 'rapporti-lavoro' ? { codiceFiscale: worker } : kind === 'rapporti-lavoro-attivi' ? { codiceFiscale: worker, data: '2024-09-10' } : { codiceFiscale: worker, ...anno };
        expectProblem(await ask(kind, body, 'sociale'), 403, 'PURPOSE_NOT_AUTHORISED', worker);
      }
    });
  });

  it("every read is in the citizen's access log, named by its e-service", async () => {
    const res: Answer = await stack.api.call('registro-accessi', stack.api.consumers.portale!, { body: { codiceFiscale: worker, limit: 200 }, evidenceClaims: { userID: worker } });
    expect(res.status).toBe(200);
    const names = new Set((res.body.accessi as Array<{ eservice: string }>).map((a) => a.eservice));
    for (const kind of LAVORATIVA) expect(names).toContain(stack.api.eservice(kind).name);
    expect(names).toContain('VERIFICA_Requisito occupazionale-FSL');
  });
});
