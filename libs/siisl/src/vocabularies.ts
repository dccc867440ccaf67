// The format's own vocabularies: values our logic branches on and that SIISL defines, so an unknown value
// is a rejection (unlike classification codes, which are checked against tables, see codes.ts). Where
// SIISL's names are not public the Italian names are ours; libs/siisl/README.md lists each inference.

/** Every SIISL entity, as used in Avro subjects (`siisl.<entita>`) and in ingest URLs. */
export const ENTITA = [
  'curriculum',
  'offerta-lavoro',
  'proposta-lavoro',
  'corso',
  'iscrizione',
  'manifestazione-interesse',
  'misura-inclusione',
  'puc',
] as const;
export type Entita = (typeof ENTITA)[number];

/** Entities that belong to a catalogue, not to one citizen (no codice fiscale in their envelope). */
export const ENTITA_CATALOGO: readonly Entita[] = ['offerta-lavoro', 'corso'];

/** A record is a new version of its content, or the deletion of the record as a version of its own. */
export const OPERAZIONI = ['AGGIORNAMENTO', 'ELIMINAZIONE'] as const;
export type Operazione = (typeof OPERAZIONI)[number];

export const FONTI_ESPERIENZA = ['CO', 'DICHIARATA'] as const;
export const LIVELLI_CEFR = ['A1', 'A2', 'B1', 'B2', 'C1', 'C2'] as const;
export const TIPI_COMPETENZA = ['SKILL', 'CONOSCENZA'] as const;
export const ORARI_DISPONIBILITA = ['TEMPO_PIENO', 'TEMPO_PARZIALE', 'INDIFFERENTE'] as const;

export const STATI_OFFERTA = ['PUBBLICATA', 'SOSPESA', 'CHIUSA', 'SCADUTA'] as const;
export const STATI_PROPOSTA = ['PROPOSTA', 'ACCETTATA', 'RIFIUTATA', 'SCADUTA'] as const;
export type StatoProposta = (typeof STATI_PROPOSTA)[number];

export const MODALITA_CORSO = ['PRESENZA', 'FAD', 'MISTA'] as const;
export const EVENTI_ISCRIZIONE = ['ISCRITTO', 'AVVIATO', 'RITIRATO', 'CONCLUSO', 'CERTIFICATO'] as const;
export type EventoIscrizione = (typeof EVENTI_ISCRIZIONE)[number];

export const MISURE = ['ADI', 'SFL'] as const;
export const STATI_MISURA = ['ACCOLTA', 'SOSPESA', 'REVOCATA', 'DECADUTA'] as const;
/** Where the PAD routed a household member: the municipality's social services or the employment centre. */
export const PERCORSI = ['SERVIZI_SOCIALI', 'CENTRO_IMPIEGO'] as const;
