import type { RapportoDto } from '../cartella-lavorativa.contract';
import type { EsempiOperazione } from '../eservices/openapi';
import type {
  EsitoRapportiAttiviDto,
  EsitoRapportiLavoroDto,
  EsitoRequisitoOccupazionaleDto,
  RichiestaRapportiAttiviDto,
  RichiestaRapportiLavoroDto,
  RichiestaRequisitoOccupazionaleDto,
} from './contract';

// The examples of the OpenAPI documents: the demo's first worker (scripts/demo-data.js), a fixed-term job
// prorogued once and, from January 2025, a part-time open-ended one beside it. One story across the three
// e-services, so the answers agree with each other.

const CF = 'RSSMRA85C52H501N';
const AZIENDA_1 = { codiceFiscale: '09382630672', denominazione: 'AZIENDA 1 SRL' };
const ALPI = { codiceFiscale: '02877740213', denominazione: 'Alpi Costruzioni srl' };

const TEMPO_DETERMINATO: RapportoDto = {
  id: '2100025999900001',
  modello: 'UNILAV',
  stato: 'CESSATO_AL_TERMINE',
  datore: AZIENDA_1,
  dataInizio: '2024-05-29',
  dataFine: '2025-05-28',
  dataFineEffettiva: '2025-05-28',
  tipologiaContrattuale: 'A.02.00',
  tipoOrario: 'F',
  qualificaProfessionale: '5.2.2.1.0.0',
  provvisorio: false,
  datoriPrecedenti: [],
  storia: [
    { codiceComunicazione: '2100025999900001', tipoEvento: 'ASS', tipoComunicazione: '01', dataEvento: '2024-05-29', esito: 'APPLICATO', rettifiche: [] },
    { codiceComunicazione: '2100025999900002', tipoEvento: 'PRO', tipoComunicazione: '01', dataEvento: '2024-11-20', esito: 'APPLICATO', rettifiche: [] },
  ],
};

const TEMPO_INDETERMINATO: RapportoDto = {
  id: '2100025000010001',
  modello: 'UNILAV',
  stato: 'ATTIVO',
  datore: ALPI,
  dataInizio: '2025-01-16',
  tipologiaContrattuale: 'A.01.00',
  tipoOrario: 'P',
  oreSettimanaliMedie: 20,
  qualificaProfessionale: '6.1.2.1.0.0',
  provvisorio: false,
  datoriPrecedenti: [],
  storia: [{ codiceComunicazione: '2100025000010001', tipoEvento: 'ASS', tipoComunicazione: '01', dataEvento: '2025-01-16', esito: 'APPLICATO', rettifiche: [] }],
};

/** Both rapporti as the cartella lavorativa serves them too. */
export const RAPPORTI_ESEMPIO: RapportoDto[] = [TEMPO_DETERMINATO, TEMPO_INDETERMINATO];

export const ESEMPI_RAPPORTI_LAVORO: EsempiOperazione<RichiestaRapportiLavoroDto, EsitoRapportiLavoroDto> = {
  richiesta: { codiceFiscale: CF },
  esito: { versione: 34, calcolataAl: '2025-06-30', rapporti: RAPPORTI_ESEMPIO },
};

export const ESEMPI_RAPPORTI_ATTIVI: EsempiOperazione<RichiestaRapportiAttiviDto, EsitoRapportiAttiviDto> = {
  richiesta: { codiceFiscale: CF, data: '2025-02-03' },
  esito: {
    versione: 34,
    data: '2025-02-03',
    rapporti: [
      { id: TEMPO_DETERMINATO.id, modello: 'UNILAV', provvisorio: false, dataInizio: '2024-05-29', datore: AZIENDA_1, tipologiaContrattuale: 'A.02.00', tipoOrario: 'F', qualificaProfessionale: '5.2.2.1.0.0', dataFine: '2025-05-28' },
      { id: TEMPO_INDETERMINATO.id, modello: 'UNILAV', provvisorio: false, dataInizio: '2025-01-16', datore: ALPI, tipologiaContrattuale: 'A.01.00', tipoOrario: 'P', oreSettimanaliMedie: 20, qualificaProfessionale: '6.1.2.1.0.0' },
    ],
  },
};

// 29 May to 31 December 2024: 217 days of a fixed-term job, at least the 180 asked.
export const ESEMPI_REQUISITO_OCCUPAZIONALE: EsempiOperazione<RichiestaRequisitoOccupazionaleDto, EsitoRequisitoOccupazionaleDto> = {
  richiesta: { codiceFiscale: CF, dal: '2024-01-01', al: '2024-12-31', tipologieContrattuali: ['A.01.00', 'A.02.00'], giorniMinimi: 180 },
  esito: { esito: true, periodo: { dal: '2024-01-01', al: '2024-12-31' }, criteri: { giorniMinimi: 180, tipologieContrattuali: ['A.01.00', 'A.02.00'] }, dataVerifica: '2025-06-30' },
};
