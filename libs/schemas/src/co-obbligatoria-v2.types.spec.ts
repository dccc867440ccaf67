// Ties the hand-written ComunicazioneObbligatoria*V2 interfaces to co.comunicazione-obbligatoria v2, and
// shows the rollout property: a v1 message is read as the current version with every v2 field null.
import * as path from 'node:path';
import { SchemaCatalogue, DEFAULT_AVRO_ROOT } from './catalogue';
import { AvroCodec } from './codec';
import type { ComunicazioneObbligatoriaEventV1, ComunicazioneObbligatoriaEventV2, SubjectValues } from './types';
import { readJson } from '../test-fixtures/helpers';

const SUBJECT = 'co.comunicazione-obbligatoria';
const catalogue = SchemaCatalogue.load();
const v2 = catalogue.get(SUBJECT, 2).type;
const strict = { noUndeclaredFields: true };
const fixture = (v: number) => readJson<ComunicazioneObbligatoriaEventV2>(path.join(DEFAULT_AVRO_ROOT, SUBJECT, `fixtures/v${v}.json`));

describe('co.comunicazione-obbligatoria v2 hand-written types', () => {
  it('is the current version', () => {
    expect(catalogue.current(SUBJECT).version).toBe(2);
  });

  it('an all-set literal (permit, VARDATORI worker with terms, UNIURG terms) matches the schema', () => {
    const base = fixture(2);
    const permesso = { tipoDocumento: '1', numeroDocumento: 'AB1234567', motivo: 'CSST1', scadenza: '2026-05-31', questura: '058' };
    const termini = { dataFinePeriodoFormativo: null, tipoOrario: 'P', oreSettimanaliMedie: 20, qualificaProfessionale: '5.2.2.3.1.0', ccnl: '9440', livelloInquadramento: '4', retribuzione: 14000, entePrevidenziale: '01' };
    const value: SubjectValues[typeof SUBJECT] = {
      header: base.header,
      payload: {
        ...base.payload!,
        lavoratori: [
          {
            codiceFiscale: 'RSSMRA90D52F205P',
            cognome: 'ROSSI',
            nome: 'MARIA',
            dataInizio: '2024-03-01',
            sesso: 'F',
            nascita: { comune: 'F205', data: '1990-04-12' },
            cittadinanza: '201',
            domicilio: { comune: 'F205', cap: '20100', indirizzo: null },
            permessoSoggiorno: permesso,
            termini: { ...termini, tipologiaContrattuale: 'A.01.00', dataFine: null },
          },
        ],
        inizioUrgenza: { dataInizio: '2024-03-01', dataFine: null, tipologiaContrattuale: 'A.02.00', ...termini },
      },
    };
    expect(v2.isValid(value, strict)).toBe(true);
    expect(v2.isValid(fixture(2), strict)).toBe(true);
  });

  it('a v1 message decodes as v2 with the new fields null; a v2 message still decodes with v1 readers', () => {
    const codec = new AvroCodec(catalogue);
    const old = readJson<ComunicazioneObbligatoriaEventV1>(path.join(DEFAULT_AVRO_ROOT, SUBJECT, 'fixtures/v1.json'));
    const d = codec.decode(codec.encode(SUBJECT, old, { version: 1 }));
    expect(d.version).toBe(1);
    expect(d.readerVersion).toBe(2);
    const p = (d.value as ComunicazioneObbligatoriaEventV2).payload!;
    expect(p.lavoratore?.permessoSoggiorno).toBeNull();
    expect(p.lavoratore?.cognome).toBe(old.payload!.lavoratore!.cognome);
    // an old reader (v1) of a v2 message: the permit is skipped, the rest reads
    const v1 = catalogue.get(SUBJECT, 1).type;
    const asV1 = v1.fromBuffer(v2.toBuffer(fixture(2)), v1.createResolver(v2)) as ComunicazioneObbligatoriaEventV1;
    expect(asV1.payload!.lavoratore).not.toHaveProperty('permessoSoggiorno');
    expect(asV1.payload!.lavoratore!.cittadinanza).toBe('201');
  });
});
