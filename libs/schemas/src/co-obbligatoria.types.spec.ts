// Ties the hand-written ComunicazioneObbligatoria*V1 interfaces to co.comunicazione-obbligatoria v1 both
// ways, like types.spec.ts does for co.comunicazione: a literal with every nullable field set (so an
// interface field the schema lacks cannot hide behind null) and one with every nullable field null.
import * as path from 'node:path';
import { SchemaCatalogue, DEFAULT_AVRO_ROOT } from './catalogue';
import { eventId } from './event-id';
import type { CoDatoreV1, CoSedeV1, ComunicazioneObbligatoriaEventV1 } from './types';
import { readJson } from '../test-fixtures/helpers';

const SUBJECT = 'co.comunicazione-obbligatoria';
const type = SchemaCatalogue.load().get(SUBJECT, 1).type;
const strict = { noUndeclaredFields: true };

const sede: CoSedeV1 = { comune: 'F205', cap: '20100', indirizzo: 'Via Roma 1' };
const datore: CoDatoreV1 = { codiceFiscale: '02877740213', denominazione: 'ESEMPIO SRL', settore: '56.10.11', pubblicaAmministrazione: true, sedeLegale: sede, sedeLavoro: sede };
const riferimento = { codiceFiscale: '00349040287', denominazione: 'ALTRA SRL' };

const allSet: ComunicazioneObbligatoriaEventV1 = {
  header: {
    eventId: eventId('CO', '1300000000000002:1', 1),
    sourceSystem: 'CO',
    entityType: 'COMUNICAZIONE_OBBLIGATORIA',
    operation: 'UPSERT',
    sourceRecordId: '1300000000000002:1',
    sourceVersion: 1,
    occurredAt: 1709110800000,
    ingestedAt: 1709110860000,
    correlationId: 'corr-1',
  },
  payload: {
    lavoratoreCf: 'BNCLCU90S02F205X',
    indiceLavoratore: 1,
    numeroLavoratori: 2,
    contentHash: 'a'.repeat(64),
    modello: 'UNISOMM',
    tipoEvento: 'TRD',
    datiInvio: {
      codiceComunicazione: '1300000000000002',
      codiceComunicazionePrecedente: '1300000000000001',
      tipoComunicazione: '03',
      dataInvio: '2024-02-28T10:00:00+01:00',
      versione: 'CO190701R1',
      forzaMaggiore: false,
      codiceFiscaleComunicante: '02877740213',
    },
    datore,
    agenzia: { numeroIscrizioneAlbo: '1234', estera: false },
    lavoratore: { codiceFiscale: 'BNCLCU90S02F205X', cognome: 'BIANCHI', nome: 'LUCA', sesso: 'M', nascita: { comune: 'F205', data: '1990-11-02' }, cittadinanza: '000', domicilio: sede },
    inizio: {
      dataInizio: '2024-03-01',
      dataFine: '2024-08-31',
      dataFinePeriodoFormativo: '2024-06-30',
      tipologiaContrattuale: 'A.02.00',
      tipoOrario: 'P',
      oreSettimanaliMedie: 37.5,
      qualificaProfessionale: '5.2.2.3.1.0',
      ccnl: '9440',
      livelloInquadramento: '4',
      retribuzione: 24000,
      entePrevidenziale: '01',
    },
    missione: { utilizzatore: datore, dataInizio: '2024-03-01', dataFine: '2024-05-31', tipoOrario: 'P', oreSettimanaliMedie: 20, qualificaProfessionale: '8.1.4.2.0.0' },
    proroga: { dataFineProroga: '2024-12-31', dataFineMissione: '2024-12-31' },
    trasformazione: { codice: 'TP', data: '2024-04-01', tipologiaContrattuale: 'A.02.00', tipoOrario: 'P', oreSettimanaliMedie: 20 },
    trasferimento: {
      tipo: 'DL',
      data: '2024-04-01',
      sedeLavoro: sede,
      sedeLavoroPrecedente: sede,
      dataFineDistacco: '2024-05-01',
      distaccatario: riferimento,
      distaccoParziale: true,
      distaccoAziendaEstera: false,
    },
    cessazione: { data: '2024-06-30', causa: 'LI' },
    datorePrecedente: riferimento,
    variazione: { tipo: 'AFFITTO_RAMO', data: '2024-06-01', dataFineRamoAffitto: '2025-06-01' },
    lavoratori: [{ codiceFiscale: 'BNCLCU90S02F205X', cognome: 'BIANCHI', nome: 'LUCA', dataInizio: '2024-03-01' }],
    inizioUrgenza: { dataInizio: '2024-03-01', dataFine: '2024-08-31', tipologiaContrattuale: 'A.02.00' },
    motivoUrgenza: 'Sostituzione improvvisa',
    tabelleCodici: { tipologiaContrattuale: '2025.1' },
  },
};

describe('co.comunicazione-obbligatoria v1 hand-written types', () => {
  it('an all-set literal matches the schema', () => {
    expect(type.isValid(allSet, strict)).toBe(true);
  });

  it('optional sections and fields are null by default', () => {
    const minimal = type.fromBuffer(type.toBuffer(allSet)) as ComunicazioneObbligatoriaEventV1;
    const p = minimal.payload!;
    const nulls = { ...p, agenzia: null, lavoratore: null, inizio: null, missione: null, proroga: null, trasformazione: null, trasferimento: null, cessazione: null, datorePrecedente: null, variazione: null, inizioUrgenza: null, motivoUrgenza: null, lavoratori: [], tabelleCodici: {} };
    expect(type.isValid({ header: allSet.header, payload: nulls }, strict)).toBe(true);
  });

  it('the committed fixture matches the interface and its eventId is derived from its header', () => {
    const fixture = readJson<ComunicazioneObbligatoriaEventV1>(path.join(DEFAULT_AVRO_ROOT, SUBJECT, 'fixtures/v1.json'));
    expect(type.isValid(fixture, strict)).toBe(true);
    expect(fixture.header.eventId).toBe(eventId('CO', fixture.header.sourceRecordId, fixture.header.sourceVersion));
    expect(fixture.header.sourceRecordId).toBe(`${fixture.payload!.datiInvio.codiceComunicazione}:${fixture.payload!.indiceLavoratore}`);
  });
});
