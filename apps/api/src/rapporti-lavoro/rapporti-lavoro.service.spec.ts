import { applyBatch, emptyState } from '@fsl/cartella-lavorativa';
import { coFixtures as F, type Co, type Unilav } from '@fsl/co';
import { AppError } from '@fsl/http';
import type { AccessAuditService } from '../audit/access-audit.service';
import type { ConsumerEntry, Grant } from '../registry/authorizations';
import type { EserviceCall } from '../security/eservice-call';
import { RapportiLavoroService } from './rapporti-lavoro.service';
import type { RapportiSource } from './rapporti.repository';
import { parseRichiestaRequisito } from './requests';

// Expected values are written by hand from the COs below (calendar days, both ends included).

const W = F.FIXTURE_WORKER_CF;
const NEVER_EMPLOYED = 'BNCLCU90S02F205L';
const UNKNOWN = 'VRDNNA91D52F205Z';
let seq = 0;
const code = () => `23${String(++seq).padStart(14, '0')}`;

function hire(start: string, end: string | undefined, contratto: string, over: Partial<Unilav> = {}): Unilav {
  const co = F.fixtureAssunzione({ datiInvio: { codiceComunicazione: code(), tipoComunicazione: '01', dataInvio: `${start}T08:00:00Z` }, ...over });
  co.inizio = { ...co.inizio, dataInizio: start, dataFine: end, tipologiaContrattuale: contratto };
  if (!end) delete co.inizio.dataFine;
  return co;
}
const next = (base: Unilav, tipoEvento: Unilav['tipoEvento'], invio: string, sections: Partial<Unilav>): Unilav => ({
  ...structuredClone(base),
  datiInvio: { codiceComunicazione: code(), tipoComunicazione: '01', dataInvio: `${invio}T08:00:00Z` },
  tipoEvento,
  ...sections,
});

// Fixed-term from 1 March 2024 to 31 August, transformed to open-ended from 1 July, ended 31 October.
const a = hire('2024-03-01', '2024-08-31', 'A.02.00');
a.lavoratore.permessoSoggiorno = { tipoDocumento: '1', numeroDocumento: 'AB1234567' };
const cos: Co[] = [
  a,
  next(a, 'TRS', '2024-06-25', { trasformazione: { codice: 'DI', data: '2024-07-01', tipologiaContrattuale: 'A.01.00' } }),
  next(a, 'CES', '2024-10-31', { cessazione: { data: '2024-10-31', causa: 'LI' } }),
];
const state = applyBatch(emptyState(W), cos).state;

const reads: string[] = [];
const source: RapportiSource = {
  statoCo: async (cf) => {
    reads.push(cf);
    if (cf === W) return { versione: 3, state };
    return cf === NEVER_EMPLOYED ? { versione: 1, state: null } : undefined;
  },
};
const audited: string[] = [];
const audit = { audited: async (_c: EserviceCall, cf: string, read: () => Promise<unknown>) => (audited.push(cf), read()) } as unknown as AccessAuditService;
const service = new RapportiLavoroService(source, audit, () => new Date('2025-06-30T12:00:00Z'));
const grant = (g: Partial<Grant> = {}): Grant => ({ purposeId: 'p', description: 'd', eservices: ['requisito-occupazionale'], dati: ['lavorativa'], datiParticolari: [], casiPais: 'ente', soloInteressato: false, ...g });
const call = (g: Partial<Grant> = {}) => ({ grant: grant(g), consumer: { id: 'c', name: 'C', clientIds: ['x'], purposes: [] } as unknown as ConsumerEntry }) as unknown as EserviceCall;

beforeEach(() => {
  reads.length = 0;
  audited.length = 0;
});

describe('requisito occupazionale (27): yes or no, nothing else', () => {
  const ask = (body: Record<string, unknown>, g: Partial<Grant> = {}) => service.requisito(call(g), { codiceFiscale: W, ...body });

  it('answers the esito with the period and the criteria checked, and nothing of the dossier', async () => {
    // 1 March - 31 October 2024 = 245 days
    const yes = await ask({ dal: '2024-01-01', al: '2024-12-31', giorniMinimi: 245 });
    expect(yes).toEqual({ esito: true, periodo: { dal: '2024-01-01', al: '2024-12-31' }, criteri: { giorniMinimi: 245 }, dataVerifica: '2025-06-30' });
    expect((await ask({ dal: '2024-01-01', al: '2024-12-31', giorniMinimi: 246 })).esito).toBe(false);
    expect(audited).toEqual([W, W]);
  });

  it('counts only the days of the contract types asked: A.02.00 until 30 June, A.01.00 from 1 July', async () => {
    // A.02.00: 1 March - 30 June = 122 days; A.01.00: 1 July - 31 October = 123 days
    expect((await ask({ dal: '2024-01-01', al: '2024-12-31', tipologieContrattuali: ['A.02.00'], giorniMinimi: 122 })).esito).toBe(true);
    expect((await ask({ dal: '2024-01-01', al: '2024-12-31', tipologieContrattuali: ['A.02.00'], giorniMinimi: 123 })).esito).toBe(false);
    const open = await ask({ dal: '2024-01-01', al: '2024-12-31', tipologieContrattuali: ['A.01.00', 'A.01.00'], giorniMinimi: 123 });
    expect(open).toEqual({ esito: true, periodo: { dal: '2024-01-01', al: '2024-12-31' }, criteri: { giorniMinimi: 123, tipologieContrattuali: ['A.01.00'] }, dataVerifica: '2025-06-30' });
  });

  it('without giorniMinimi: employed on at least one day; a period starting the day after the cessazione is false', async () => {
    expect((await ask({ dal: '2024-10-31', al: '2024-11-30' })).esito).toBe(true);
    expect(await ask({ dal: '2024-11-01', al: '2024-11-30' })).toEqual({ esito: false, periodo: { dal: '2024-11-01', al: '2024-11-30' }, criteri: { giorniMinimi: 1 }, dataVerifica: '2025-06-30' });
  });

  it('an unknown citizen and a purpose without the cartella lavorativa get the answer of a citizen never employed', async () => {
    const body = { dal: '2024-01-01', al: '2024-12-31' };
    const never = await service.requisito(call(), { codiceFiscale: NEVER_EMPLOYED, ...body });
    expect(never.esito).toBe(false);
    expect(await service.requisito(call(), { codiceFiscale: UNKNOWN, ...body })).toEqual(never);
    reads.length = 0;
    expect(await service.requisito(call({ dati: ['sociale'] }), { codiceFiscale: W, ...body })).toEqual(never);
    expect(reads).toEqual([]);
    // every check is audited, the unknown and the refused ones too
    expect(audited).toEqual([NEVER_EMPLOYED, UNKNOWN, W]);
  });
});

describe('rapporti attivi a una data (26): the values in force that day', () => {
  it('before the trasformazione the fixed-term contract with its term, after it the open-ended one', async () => {
    const june = await service.attivi(call(), { codiceFiscale: W, data: '2024-06-30' });
    expect(june).toEqual({
      versione: 3,
      data: '2024-06-30',
      rapporti: [
        {
          id: a.datiInvio.codiceComunicazione,
          modello: 'UNILAV',
          provvisorio: false,
          dataInizio: '2024-03-01',
          datore: { codiceFiscale: F.FIXTURE_EMPLOYER_CF, denominazione: 'ESEMPIO SRL' },
          tipologiaContrattuale: 'A.02.00',
          tipoOrario: 'P',
          oreSettimanaliMedie: 20,
          qualificaProfessionale: '5.2.2.3.1.0',
          dataFine: '2024-08-31',
        },
      ],
    });
    const july = await service.attivi(call(), { codiceFiscale: W, data: '2024-07-01' });
    expect(july.rapporti.map((r) => [r.tipologiaContrattuale, r.dataFine ?? null])).toEqual([['A.01.00', null]]);
    expect((await service.attivi(call(), { codiceFiscale: W, data: '2024-11-01' })).rapporti).toEqual([]);
  });

  it('an unknown citizen: version 0 and no rapporti', async () => {
    expect(await service.attivi(call(), { codiceFiscale: UNKNOWN, data: '2024-07-01' })).toEqual({ versione: 0, data: '2024-07-01', rapporti: [] });
  });

  it('a day after today is refused on the field data', async () => {
    await expect(service.attivi(call(), { codiceFiscale: W, data: '2025-07-01' })).rejects.toMatchObject({ options: { errors: [{ path: 'data', code: 'DATA_FUTURA' }] } });
  });
});

describe('rapporti di lavoro (25): the rapporti with their history', () => {
  it('no SIISL part, and the residence permit only for a purpose granted it', async () => {
    const plain = await service.rapporti(call(), { codiceFiscale: W });
    expect(Object.keys(plain).sort()).toEqual(['calcolataAl', 'rapporti', 'versione']);
    expect(plain.rapporti.map((r) => [r.stato, r.dataFineEffettiva, r.storia.map((e) => e.tipoEvento)])).toEqual([['CESSATO', '2024-10-31', ['ASS', 'TRS', 'CES']]]);
    const granted = await service.rapporti(call({ datiParticolari: ['permessoSoggiorno'] }), { codiceFiscale: W });
    expect(granted.permessoSoggiorno).toEqual({ tipoDocumento: '1', numeroDocumento: 'AB1234567' });
    expect({ ...granted, permessoSoggiorno: undefined }).toEqual({ ...plain, permessoSoggiorno: undefined });
  });

  it('a citizen with a dossier and no CO: the version and no rapporti', async () => {
    expect(await service.rapporti(call(), { codiceFiscale: NEVER_EMPLOYED })).toEqual({ versione: 1, calcolataAl: '2025-06-30', rapporti: [] });
  });
});

describe('the request of the check', () => {
  const today = '2025-06-30';
  const problems = (body: Record<string, unknown>) => {
    try {
      parseRichiestaRequisito({ codiceFiscale: W, ...body }, today);
    } catch (err) {
      expect(err).toBeInstanceOf(AppError);
      return (err as AppError).options.errors?.map((e) => `${e.path}:${e.code}`);
    }
    throw new Error('accepted');
  };

  it('a period backwards, in the future, over ten years, or with more days than it has is refused on the field', () => {
    expect(problems({ dal: '2024-02-01', al: '2024-01-31' })).toEqual(['al:PERIODO_INVERTITO']);
    expect(problems({ dal: '2025-06-01', al: '2025-07-01' })).toEqual(['al:DATA_FUTURA']);
    expect(problems({ dal: '2015-01-01', al: '2025-01-01' })).toEqual(['al:PERIODO_TROPPO_LUNGO']);
    expect(problems({ dal: '2024-02-01', al: '2024-02-29', giorniMinimi: 30 })).toEqual(['giorniMinimi:GIORNI_OLTRE_PERIODO']);
    expect(problems({ dal: '2024-02-30', al: '2024-03-01' })).toEqual(['dal:BODY_INVALID_FORMAT']);
    expect(problems({ dal: '2024-01-01', al: '2024-02-01', tipologieContrattuali: ['A01'] })).toEqual(['tipologieContrattuali.0:BODY_INVALID_FORMAT']);
    expect(problems({ dal: '2024-01-01', al: '2024-02-01', tipologieContrattuali: [] })).toEqual(['tipologieContrattuali:BODY_TOO_SMALL']);
    expect(problems({ dal: '2024-01-01', al: '2024-02-01', giorniMinimi: 0 })).toEqual(['giorniMinimi:BODY_TOO_SMALL']);
    expect(problems({ dal: '2024-01-01', al: '2024-02-01', datore: 'x' })).toEqual(['datore:BODY_UNKNOWN_MEMBER']);
  });

  it('accepts ten years exactly, today as the last day, and every day of the period as giorniMinimi', () => {
    expect(parseRichiestaRequisito({ codiceFiscale: W, dal: '2015-01-01', al: '2024-12-31' }, today)).toEqual({ codiceFiscale: W, dal: '2015-01-01', al: '2024-12-31', giorniMinimi: 1 });
    expect(parseRichiestaRequisito({ codiceFiscale: W, dal: '2024-02-01', al: '2024-02-29', giorniMinimi: 29 }, today).giorniMinimi).toBe(29);
    expect(parseRichiestaRequisito({ codiceFiscale: W, dal: '2025-06-30', al: today, tipologieContrattuali: ['A.02.00', 'A.01.00', 'A.02.00'] }, today).tipologieContrattuali).toEqual(['A.01.00', 'A.02.00']);
  });
});
