// The interfaces are hand-written; these typed literals tie them to the schema both ways: a field the
// interface lacks or mistypes fails tsc (tsconfig.spec.json), a field the schema lacks fails isValid
// with noUndeclaredFields, and a required schema field missing from the interface fails isValid.
import * as path from 'node:path';
import { SchemaCatalogue, DEFAULT_AVRO_ROOT } from './catalogue';
import { eventId } from './event-id';
import { ComunicazioneEventV1, EventHeader, SubjectValues } from './types';
import { readJson } from '../test-fixtures/helpers';

const cat = SchemaCatalogue.load();
const SIISL_SUBJECTS = ['siisl.corso', 'siisl.curriculum', 'siisl.iscrizione', 'siisl.manifestazione-interesse', 'siisl.misura-inclusione', 'siisl.offerta-lavoro', 'siisl.proposta-lavoro', 'siisl.puc'] as const;
const SIUSS_SUBJECTS = ['siuss.prestazione-sociale', 'siuss.sinba'] as const;
const GEPI_SUBJECTS = ['gepi.analisi-preliminare', 'gepi.caso', 'gepi.equipe-multidisciplinare', 'gepi.nucleo-caso', 'gepi.pad-nucleo', 'gepi.pais', 'gepi.partecipazione-puc', 'gepi.quadro-analisi'] as const;

const header: EventHeader = {
  eventId: eventId('CO', '1100023000000001', 1),
  sourceSystem: 'CO',
  entityType: 'COMUNICAZIONE',
  operation: 'UPSERT',
  sourceRecordId: '1100023000000001',
  sourceVersion: 1,
  occurredAt: 1735725600000,
  ingestedAt: 1735725660000,
  correlationId: null,
};

const v1Fixture: ComunicazioneEventV1 = {
  header,
  payload: {
    codiceComunicazione: '1100023000000001',
    codiceComunicazionePrecedente: null,
    tipoComunicazione: '01',
    modello: 'UNILAV',
    evento: 'ASSUNZIONE',
    dataInvio: '2025-01-01T10:00:00+01:00',
    datore: { codiceFiscale: '01234567890', denominazione: 'Esempio S.r.l.' },
    lavoratore: { codiceFiscale: 'RSSMRA80A01H501U', cognome: 'Rossi', nome: 'Mario' },
    rapporto: { dataInizio: '2025-01-07', dataFine: null, tipologiaContrattuale: 'A.01.00', tipoOrario: 'TP' },
  },
};

/** Every nullable field set, so an interface field missing from the schema cannot hide behind null. */
const allSet: SubjectValues['co.comunicazione'] = {
  header: { ...header, correlationId: 'corr-1' },
  payload: {
    ...v1Fixture.payload!,
    codiceComunicazionePrecedente: '1100023000000000',
    rapporto: { ...v1Fixture.payload!.rapporto, dataFine: '2025-12-31' },
  },
};

describe('hand-written types', () => {
  const strict = { noUndeclaredFields: true };

  it('the committed v1 fixture is exactly the typed literal', () => {
    expect(readJson(path.join(DEFAULT_AVRO_ROOT, 'co.comunicazione/fixtures/v1.json'))).toEqual(v1Fixture);
  });

  it('ComunicazioneEventV1 matches co.comunicazione v1 in both directions', () => {
    const v1 = cat.get('co.comunicazione', 1).type;
    expect(v1.isValid(v1Fixture, strict)).toBe(true);
    expect(v1.isValid(allSet, strict)).toBe(true);
    expect(v1.isValid({ ...v1Fixture, payload: null }, strict)).toBe(true);
  });

  it('SubjectValues points at the current version of every subject', () => {
    expect(cat.subjects()).toEqual(['co.comunicazione', 'co.comunicazione-obbligatoria', ...GEPI_SUBJECTS, ...SIISL_SUBJECTS, ...SIUSS_SUBJECTS] satisfies (keyof SubjectValues)[]);
    for (const s of [...GEPI_SUBJECTS, ...SIISL_SUBJECTS, ...SIUSS_SUBJECTS]) expect(cat.current(s).version).toBe(1);
    expect(cat.current('co.comunicazione').version).toBe(1); // bump SubjectValues with the next version
    expect(cat.current('co.comunicazione-obbligatoria').version).toBe(2);
  });

  it('the fixture eventId is derived from its header', () => {
    expect(v1Fixture.header.eventId).toBe('91fc73d5-9a8c-5df9-a709-e7daf4e9bab1');
  });
});
