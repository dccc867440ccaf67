// Small builders of valid COs for tests (here, in the ingest and in the builder). Each returns a fresh
// object that callers may mutate to create the one defect a test is about.
import { encodePersonalCf, generateNumericCf } from '@fsl/codice-fiscale';
import type { Datore, Lavoratore, Unilav, Unisomm, Uniurg, Vardatori } from './model';

export const FIXTURE_WORKER_CF = encodePersonalCf({
  surname: 'Rossi',
  name: 'Maria',
  sex: 'F',
  birthDate: '1990-04-12',
  placeCode: 'F205',
});
export const FIXTURE_EMPLOYER_CF = generateNumericCf('0287774', '021');
export const FIXTURE_EMPLOYER2_CF = generateNumericCf('0034904', '028');
export const FIXTURE_AGENCY_CF = generateNumericCf('0347264', '017');

export function fixtureDatore(cf: string = FIXTURE_EMPLOYER_CF): Datore {
  return {
    codiceFiscale: cf,
    denominazione: 'ESEMPIO SRL',
    settore: '56.10.11',
    pubblicaAmministrazione: false,
    sedeLegale: { comune: 'F205', cap: '20100', indirizzo: 'Via Roma 1' },
    sedeLavoro: { comune: 'F205', cap: '20100', indirizzo: 'Via Roma 1' },
  };
}

export function fixtureLavoratore(cf: string = FIXTURE_WORKER_CF): Lavoratore {
  return {
    codiceFiscale: cf,
    cognome: 'ROSSI',
    nome: 'MARIA',
    sesso: 'F',
    nascita: { comune: 'F205', data: '1990-04-12' },
    cittadinanza: '000',
  };
}

let serial = 0;
/** A fresh 16-character code; pass `n` for a stable one. */
export function fixtureCodice(n?: number): string {
  return `13${String(n ?? ++serial).padStart(14, '0')}`;
}

export function fixtureAssunzione(over: Partial<Unilav> = {}): Unilav {
  return {
    modello: 'UNILAV',
    tipoEvento: 'ASS',
    datiInvio: { codiceComunicazione: fixtureCodice(), tipoComunicazione: '01', dataInvio: '2024-02-28T10:00:00+01:00' },
    datore: fixtureDatore(),
    lavoratore: fixtureLavoratore(),
    inizio: {
      dataInizio: '2024-03-01',
      dataFine: '2024-08-31',
      tipologiaContrattuale: 'A.02.00',
      tipoOrario: 'P',
      oreSettimanaliMedie: 20,
      qualificaProfessionale: '5.2.2.3.1.0',
      ccnl: '9440',
      retribuzione: 14000,
    },
    ...over,
  };
}

export function fixtureUnisomm(over: Partial<Unisomm> = {}): Unisomm {
  return {
    modello: 'UNISOMM',
    tipoEvento: 'ASS',
    datiInvio: { codiceComunicazione: fixtureCodice(), tipoComunicazione: '01', dataInvio: '2024-02-28T10:00:00+01:00' },
    datore: { ...fixtureDatore(FIXTURE_AGENCY_CF), settore: '78.20.00', denominazione: 'AGENZIA SPA' },
    agenzia: { numeroIscrizioneAlbo: '1234', estera: false },
    lavoratore: fixtureLavoratore(),
    inizio: { dataInizio: '2024-03-01', dataFine: '2024-05-31', tipologiaContrattuale: 'A.02.00', tipoOrario: 'F', qualificaProfessionale: '8.1.4.2.0.0' },
    missione: { utilizzatore: fixtureDatore(), dataInizio: '2024-03-01', dataFine: '2024-05-31', tipoOrario: 'F', qualificaProfessionale: '8.1.4.2.0.0' },
    ...over,
  };
}

export function fixtureVardatori(over: Partial<Vardatori> = {}): Vardatori {
  return {
    modello: 'VARDATORI',
    tipoEvento: 'VAR',
    datiInvio: { codiceComunicazione: fixtureCodice(), tipoComunicazione: '01', dataInvio: '2024-06-03T09:00:00+02:00' },
    datore: { ...fixtureDatore(FIXTURE_EMPLOYER2_CF), denominazione: 'NUOVA SRL' },
    datorePrecedente: { codiceFiscale: FIXTURE_EMPLOYER_CF, denominazione: 'ESEMPIO SRL' },
    variazione: { tipo: 'TRASFERIMENTO_AZIENDA', data: '2024-06-01' },
    lavoratori: [{ codiceFiscale: FIXTURE_WORKER_CF, cognome: 'ROSSI', nome: 'MARIA' }],
    ...over,
  };
}

export function fixtureUniurg(over: Partial<Uniurg> = {}): Uniurg {
  return {
    modello: 'UNIURG',
    tipoEvento: 'URG',
    datiInvio: { codiceComunicazione: fixtureCodice(), tipoComunicazione: '01', dataInvio: '2024-03-01T07:00:00+01:00' },
    datore: { codiceFiscale: FIXTURE_EMPLOYER_CF, denominazione: 'ESEMPIO SRL' },
    lavoratore: { codiceFiscale: FIXTURE_WORKER_CF, cognome: 'ROSSI', nome: 'MARIA' },
    inizio: { dataInizio: '2024-03-01', tipologiaContrattuale: 'A.02.00', dataFine: '2024-08-31' },
    motivoUrgenza: 'Sostituzione improvvisa',
    ...over,
  };
}
