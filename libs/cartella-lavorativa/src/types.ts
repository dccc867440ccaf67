// Shapes of the projection (what the API returns for a CF). Plain JSON.
import type { IsoDate, Modello, PermessoSoggiorno, TipoComunicazione, TipoEvento } from '@fsl/co';

export type StatoRapporto = 'ATTIVO' | 'CESSATO' | 'CESSATO_AL_TERMINE' | 'NON_INIZIATO';

export interface Anomalia {
  codiceComunicazione: string;
  code: string;
  message: string;
}

/** Current values of a rapporto, after every applied event. */
export interface ValoriRapporto {
  datore: { codiceFiscale: string; denominazione?: string };
  sedeLavoro?: string;
  dataInizio: IsoDate;
  /** Planned end of a fixed-term rapporto (after proroghe); absent when open-ended. */
  dataFine?: IsoDate;
  dataFinePeriodoFormativo?: IsoDate;
  tipologiaContrattuale?: string;
  tipoOrario?: string;
  oreSettimanaliMedie?: number;
  qualificaProfessionale?: string;
  distacco?: { distaccatarioCf?: string; sede: string; dal: IsoDate; al?: IsoDate };
  missione?: { utilizzatoreCf: string; utilizzatoreDenominazione?: string; dal: IsoDate; al?: IsoDate };
  cessazione?: { data: IsoDate; causa: string };
}

export type EsitoEvento = 'APPLICATO' | 'ANNULLATO' | 'SCARTATO' | 'COMPLETATO' | 'DUPLICATO';

export interface EventoStorico {
  /** The effective CO (tip of the rettifica chain). */
  codiceComunicazione: string;
  /** The CO that opened the slot. */
  codiceOriginale: string;
  rettifiche: string[];
  annullatoDa?: string;
  modello: Modello;
  tipoEvento: TipoEvento;
  tipoComunicazione: TipoComunicazione;
  dataInvio: string;
  dataEvento: IsoDate;
  esito: EsitoEvento;
  /** Why it was not applied (SCARTATO) — a stable code. */
  motivo?: string;
}

export interface RapportoLavoro {
  /** Stable across rettifiche: the codice of the earliest CO that opened the rapporto. */
  id: string;
  lavoratoreCf: string;
  /** Employer and start date that identify the rapporto (employer at hiring time). */
  datoreCfIniziale: string;
  dataInizio: IsoDate;
  modello: 'UNILAV' | 'UNISOMM' | 'UNIURG';
  stato: StatoRapporto;
  /** Derived end: the cessazione, or the term of a fixed-term rapporto that has passed. */
  dataFineEffettiva?: IsoDate;
  /** Only a UNIURG so far: the definitive UNILAV has not arrived. */
  provvisorio: boolean;
  /** Events arrived but no assunzione (not yet received, or older than the feed). */
  assunzioneMancante: boolean;
  attuale: ValoriRapporto;
  datoriPrecedenti: Array<{ codiceFiscale: string; denominazione?: string; finoAl: IsoDate }>;
  storia: EventoStorico[];
  anomalie: Anomalia[];
}

export interface Periodo {
  dal: IsoDate;
  /** Absent while open-ended. */
  al?: IsoDate;
}

export interface RapportoAnnullato {
  datoreCf: string;
  dataInizio: IsoDate;
  /** Every CO that hung on the annulled assunzione (voided with it). */
  codiciComunicazione: string[];
}

export interface CorrezioneInAttesa {
  codiceComunicazione: string;
  codiceComunicazionePrecedente?: string;
  tipoComunicazione: TipoComunicazione;
  ricevutaIl: string;
}

export interface CartellaLavorativa {
  lavoratoreCf: string;
  version: number;
  calcolataAl: IsoDate;
  rapporti: RapportoLavoro[];
  periodi: Periodo[];
  rapportiAnnullati: RapportoAnnullato[];
  correzioniInAttesa: CorrezioneInAttesa[];
  /** Corrections rejected (e.g. a rettifica of an annulled CO): they had no effect. */
  scartate: Anomalia[];
  /** Applied, but worth an operator's look (correction of a superseded CO, VARDATORI matching no rapporto). */
  avvisi: Anomalia[];
  conflitti: Array<{ codiceComunicazione: string; hashes: string[] }>;
  /**
   * The residence permit stated by the most recent CO (by dataInvio) that states one and is still in
   * force (not annulled, not replaced by a rettifica). Sensitive: the api shows it only to purposes
   * granted it.
   */
  permessoSoggiorno?: PermessoSoggiorno;
}
