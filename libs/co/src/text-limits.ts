// Largest length accepted for each free-text field of a CO. The ministry's XSDs are not public, so the
// sizes are the column sizes of the one public implementation of the CO back end (Regione Piemonte's
// COMONL, EUPL: its Oracle creation script), which stores what the national node forwards; where COMONL
// has no column for the field, the bound is ours and marked so. Listed in libs/co/README.md as inferences.
export const TEXT_MAX = {
  /** COM_D_DATORE.DS_DENOMINAZIONE_DATORE VARCHAR2(300). */
  denominazione: 300,
  /** COM_D_LAVORATORE.COGNOME VARCHAR2(50). */
  cognome: 50,
  /** COM_D_LAVORATORE.NOME VARCHAR2(50). */
  nome: 50,
  /** COM_D_SEDE_LAVORO.INDIRIZZO and COM_D_LAVORATORE.DS_INDIRIZZO_DOM VARCHAR2(100). */
  indirizzo: 100,
  /** COM_D_LAVORATORE.NUMERO_DOCUMENTO VARCHAR2(15). */
  numeroDocumento: 15,
  /** COM_D_DATORE.NUMERO_ISCRIZIONE_ALBO VARCHAR2(20). */
  numeroIscrizioneAlbo: 20,
  /** COM_D_RAPPORTO.LIVELLO_INQUADRAMENTO VARCHAR2(10). */
  livelloInquadramento: 10,
  /** Ours: COMONL stores a table id; the codes seen (numeric 9440, CNEL alphanumeric) are 4-6 characters. */
  ccnl: 10,
  /** Ours: tracciato versions are 10 characters (CO190701R1). */
  versione: 16,
  /** Ours: COMONL has no column for it; its other descriptive columns are VARCHAR2(100)-(300). */
  motivoUrgenza: 300,
} as const;
