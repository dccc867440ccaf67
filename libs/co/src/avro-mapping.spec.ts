// Model → Avro payload → single-object bytes → payload → model must give back the same CO (same content
// hash) for every model and section, or the builder would fold something else than what was accepted.
import { decode, encode, eventId, type ComunicazioneObbligatoriaEventV1, type ComunicazioneObbligatoriaV2 } from '@fsl/schemas';
import { CoAvroMappingError, coFromAvro, coToAvro } from './avro-mapping';
import { defaultCodeLists } from './code-lists';
import * as fx from './fixtures';
import { generateCoHistories } from './generator/generate';
import { contentHash } from './idempotency';
import type { Co } from './model';
import { validateCo } from './validate';

const SUBJECT = 'co.comunicazione-obbligatoria';
const tables = defaultCodeLists().versions();

/** Through real Avro bytes, as the builder will see it. */
function header(p: ComunicazioneObbligatoriaV2) {
  const sourceRecordId = `${p.datiInvio.codiceComunicazione}:${p.indiceLavoratore}`;
  return {
    eventId: eventId('CO', sourceRecordId, 1),
    sourceSystem: 'CO',
    entityType: 'COMUNICAZIONE_OBBLIGATORIA',
    operation: 'UPSERT' as const,
    sourceRecordId,
    sourceVersion: 1,
    occurredAt: Date.parse(p.datiInvio.dataInvio),
    ingestedAt: 0,
    correlationId: null,
  };
}

function viaAvro(p: ComunicazioneObbligatoriaV2): ComunicazioneObbligatoriaV2 {
  const d = decode(encode(SUBJECT, { header: header(p), payload: p }));
  if (d.subject !== SUBJECT) throw new Error(`decoded as ${d.subject}`);
  return d.value.payload!;
}

function roundTrip(co: Co) {
  return coToAvro(co, { tabelleCodici: tables }).map((p) => coFromAvro(viaAvro(p)));
}

/** Every optional field of a UNILAV set, so none can be dropped silently. */
function unilavAllSet(): Co {
  const co = fx.fixtureAssunzione({ tipoEvento: 'TRD' });
  co.datiInvio = { ...co.datiInvio, codiceComunicazionePrecedente: fx.fixtureCodice(), tipoComunicazione: '03', versione: 'CO190701R1', forzaMaggiore: true, codiceFiscaleComunicante: fx.FIXTURE_EMPLOYER_CF };
  co.lavoratore.domicilio = { comune: 'H501', cap: '00100', indirizzo: 'Via Appia 2' };
  co.inizio = { ...co.inizio, dataFinePeriodoFormativo: '2024-06-30', livelloInquadramento: '4S', entePrevidenziale: '01', oreSettimanaliMedie: 37.5 };
  co.trasferimento = {
    tipo: 'DL',
    data: '2024-04-01',
    sedeLavoro: { comune: 'L219' },
    sedeLavoroPrecedente: { comune: 'F205', cap: '20100' },
    dataFineDistacco: '2024-05-01',
    distaccatario: { codiceFiscale: fx.FIXTURE_EMPLOYER2_CF, denominazione: 'DISTACCATARIA SRL' },
    distaccoParziale: true,
    distaccoAziendaEstera: false,
  };
  return co;
}

const PERMESSO = { tipoDocumento: '1', numeroDocumento: 'AB1234567', motivo: 'CSST1', scadenza: '2026-05-31', questura: '058' };
const TERMINI = { tipoOrario: 'P', oreSettimanaliMedie: 20, qualificaProfessionale: '5.2.2.3.1.0', ccnl: '9440', livelloInquadramento: '4', retribuzione: 14000, entePrevidenziale: '01' };

/** The v2 fields: a permit, a UNIURG's full start terms, a VARDATORI worker with anagrafica and terms. */
function withV2Fields(): [string, Co][] {
  const unilav = fx.fixtureAssunzione();
  unilav.lavoratore = { ...unilav.lavoratore, cittadinanza: '201', permessoSoggiorno: PERMESSO };
  const uniurg = fx.fixtureUniurg();
  uniurg.lavoratore = { ...fx.fixtureLavoratore(), cittadinanza: '201', permessoSoggiorno: { tipoDocumento: '5', numeroDocumento: 'X1' } };
  uniurg.inizio = { ...uniurg.inizio, ...TERMINI };
  const vardatori = fx.fixtureVardatori();
  vardatori.lavoratori[0] = { ...vardatori.lavoratori[0], sesso: 'F', nascita: { comune: 'F205', data: '1990-04-12' }, cittadinanza: '201', permessoSoggiorno: PERMESSO, termini: { ...TERMINI, tipologiaContrattuale: 'A.02.00', dataFine: '2025-06-30' } };
  return [
    ['UNILAV with a residence permit', unilav],
    ['UNIURG with the full worker and start terms', uniurg],
    ['VARDATORI with a full worker and terms', vardatori],
  ];
}

const cases: [string, Co][] = [
  ...withV2Fields(),
  ['UNILAV assunzione', fx.fixtureAssunzione()],
  ['UNILAV with every optional field', unilavAllSet()],
  ['UNILAV proroga', fx.fixtureAssunzione({ tipoEvento: 'PRO', proroga: { dataFineProroga: '2024-12-31' } })],
  ['UNILAV trasformazione', fx.fixtureAssunzione({ tipoEvento: 'TRS', trasformazione: { codice: 'DI', data: '2024-05-01', tipologiaContrattuale: 'A.01.00', tipoOrario: 'F' } })],
  ['UNILAV cessazione', fx.fixtureAssunzione({ tipoEvento: 'CES', cessazione: { data: '2024-05-31', causa: 'LI' } })],
  ['UNISOMM with missione and agenzia', fx.fixtureUnisomm({ tipoEvento: 'PRO', proroga: { dataFineProroga: '2024-07-31', dataFineMissione: '2024-07-31' } })],
  ['UNIURG', fx.fixtureUniurg()],
  ['VARDATORI, one worker', fx.fixtureVardatori({ variazione: { tipo: 'AFFITTO_RAMO', data: '2024-06-01', dataFineRamoAffitto: '2025-06-01' } })],
];

describe('coToAvro / coFromAvro', () => {
  it.each(cases)('%s: round-trips through Avro to the same CO and content hash', (_name, co) => {
    expect(validateCo(co)).toEqual([]);
    const back = roundTrip(co);
    expect(back).toHaveLength(1);
    expect(back[0].co).toEqual(co);
    expect(back[0].contentHash).toBe(contentHash(co));
    expect(contentHash(back[0].co)).toBe(contentHash(co));
    expect(back[0]).toMatchObject({ workerIndex: 0, workerCount: 1 });
  });

  it('maps UNIURG inizio to inizioUrgenza and leaves the rapporto sections null', () => {
    const [p] = coToAvro(fx.fixtureUniurg());
    expect(p.inizio).toBeNull();
    expect(p.inizioUrgenza).toMatchObject({ dataInizio: '2024-03-01', dataFine: '2024-08-31', tipologiaContrattuale: 'A.02.00', tipoOrario: null, qualificaProfessionale: null });
    expect(p.lavoratori).toEqual([]);
  });

  it('fans a VARDATORI out to one payload per listed worker, each naming its worker', () => {
    const others = [fx.fixtureLavoratore(), { codiceFiscale: '12345678903', cognome: 'VERDI', nome: 'ANNA' }];
    const co = fx.fixtureVardatori({
      lavoratori: [
        { codiceFiscale: fx.FIXTURE_WORKER_CF, cognome: 'ROSSI', nome: 'MARIA', dataInizio: '2020-01-01' },
        { codiceFiscale: others[1].codiceFiscale, cognome: 'VERDI', nome: 'ANNA' },
        { codiceFiscale: fx.FIXTURE_WORKER_CF, cognome: 'ROSSI', nome: 'MARIA', dataInizio: '2022-05-01' },
      ],
    });
    const payloads = coToAvro(co);
    expect(payloads.map((p) => [p.lavoratoreCf, p.indiceLavoratore, p.numeroLavoratori])).toEqual([
      [fx.FIXTURE_WORKER_CF, 0, 3],
      ['12345678903', 1, 3],
      [fx.FIXTURE_WORKER_CF, 2, 3],
    ]);
    expect(new Set(payloads.map((p) => p.contentHash)).size).toBe(1);
    const back = payloads.map((p) => coFromAvro(viaAvro(p)));
    for (const b of back) expect(b.co).toEqual(co);
    expect(back.map((b) => b.workerCf)).toEqual(payloads.map((p) => p.lavoratoreCf));
  });

  it('reads a message written with v1 (before the permit existed) as the same CO', () => {
    const co = fx.fixtureAssunzione();
    const [p] = coToAvro(co);
    const { permessoSoggiorno: _p, ...lavoratoreV1 } = p.lavoratore!;
    const inizioUrgenza = null;
    const v1: ComunicazioneObbligatoriaEventV1 = { header: header(p), payload: { ...p, lavoratore: lavoratoreV1, lavoratori: [], inizioUrgenza } };
    const d = decode(encode(SUBJECT, v1 as never, { version: 1 }));
    expect(d.version).toBe(1);
    if (d.subject !== SUBJECT) throw new Error(`decoded as ${d.subject}`);
    expect(d.value.payload!.lavoratore!.permessoSoggiorno).toBeNull();
    expect(coFromAvro(d.value.payload!).co).toEqual(co);
  });

  it('records the code-list versions the CO was validated against', () => {
    const [p] = coToAvro(fx.fixtureAssunzione(), { tabelleCodici: tables });
    expect(p.tabelleCodici).toEqual(tables);
    expect(Object.keys(p.tabelleCodici)).toContain('tipologiaContrattuale');
  });

  it('carries the content hash the caller passes instead of computing it', () => {
    const co = fx.fixtureVardatori();
    expect(coToAvro(co).map((p) => p.contentHash)).toEqual([contentHash(co)]);
    expect(coToAvro(co, { contentHash: 'f'.repeat(64) }).map((p) => p.contentHash)).toEqual(['f'.repeat(64)]);
  });

  it('round-trips every CO of a generated history (every model, event and correction)', () => {
    const cos = generateCoHistories({ workers: 150, seed: 7 });
    const models = new Set(cos.map((c) => `${c.modello}/${c.tipoEvento}`));
    expect(models.size).toBeGreaterThanOrEqual(8);
    const mismatched = cos.filter((co) => {
      const back = roundTrip(co);
      return back.length !== (co.modello === 'VARDATORI' ? co.lavoratori.length : 1) || back.some((b) => contentHash(b.co) !== contentHash(co));
    });
    expect(mismatched.map((c) => c.datiInvio.codiceComunicazione)).toEqual([]);
  });

  it('rejects a payload whose worker fields do not match the CO, without values in the message', () => {
    const [p] = coToAvro(fx.fixtureAssunzione());
    const wrong = { ...p, lavoratoreCf: '12345678903' };
    expect(() => coFromAvro(wrong)).toThrow(CoAvroMappingError);
    expect(() => coFromAvro({ ...p, numeroLavoratori: 2 })).toThrow(/numeroLavoratori/);
    try {
      coFromAvro(wrong);
    } catch (err) {
      expect((err as Error).message).not.toContain(p.lavoratoreCf);
      expect((err as Error).message).not.toContain('12345678903');
    }
  });

  it('rejects a payload that is not a structurally valid CO, naming the path', () => {
    const [p] = coToAvro(fx.fixtureAssunzione());
    expect(() => coFromAvro({ ...p, modello: 'UNIDOM' })).toThrow(/modello UNKNOWN_MODEL/);
    expect(() => coFromAvro({ ...p, inizio: null })).toThrow(/inizio REQUIRED/);
  });
});
