import { coFromAvro, type Co, type Unilav } from '@fsl/co';
import type { ComunicazioneObbligatoriaEventV2, ComunicazioneV1 } from '@fsl/schemas';

// Every CO subject ever published, turned into the one internal model the fold understands. Old
// subjects stay readable forever: a replay from offset 0 meets them.

export const CO_SUBJECTS = ['co.comunicazione', 'co.comunicazione-obbligatoria'] as const;

export interface CoForWorker {
  co: Co;
  /** The worker whose state this message is for (a VARDATORI fans out one message per worker). */
  workerCf: string;
  /** contentHash(co) as the ingest computed it, when the subject carries it. */
  contentHash?: string;
}

/** The backbone's minimal hiring (co.comunicazione v1): always an ordinary UNILAV assunzione. */
export function fromMinimalV1(p: ComunicazioneV1): CoForWorker {
  const co: Unilav = {
    modello: 'UNILAV',
    tipoEvento: 'ASS',
    datiInvio: {
      codiceComunicazione: p.codiceComunicazione,
      ...(p.codiceComunicazionePrecedente ? { codiceComunicazionePrecedente: p.codiceComunicazionePrecedente } : {}),
      tipoComunicazione: p.tipoComunicazione as Unilav['datiInvio']['tipoComunicazione'],
      dataInvio: p.dataInvio,
    },
    datore: { codiceFiscale: p.datore.codiceFiscale, denominazione: p.datore.denominazione },
    lavoratore: { codiceFiscale: p.lavoratore.codiceFiscale, cognome: p.lavoratore.cognome, nome: p.lavoratore.nome },
    inizio: {
      dataInizio: p.rapporto.dataInizio,
      ...(p.rapporto.dataFine ? { dataFine: p.rapporto.dataFine } : {}),
      tipologiaContrattuale: p.rapporto.tipologiaContrattuale,
      tipoOrario: p.rapporto.tipoOrario ?? 'F',
      qualificaProfessionale: '',
    },
  };
  return { co, workerCf: p.lavoratore.codiceFiscale };
}

/**
 * Map a decoded event to the internal model; undefined for a subject this topic should not carry.
 * Throws CoAvroMappingError for an inconsistent payload (the caller dead-letters it).
 */
export function toCoForWorker(subject: string, value: unknown): CoForWorker | undefined {
  const event = value as { payload: unknown };
  if (subject === 'co.comunicazione') return fromMinimalV1(event.payload as ComunicazioneV1);
  if (subject === 'co.comunicazione-obbligatoria') {
    // Any version: decode() gives the current shape (a v1 message has the v2 fields null).
    const payload = (value as ComunicazioneObbligatoriaEventV2).payload;
    if (!payload) return undefined;
    const { co, workerCf, contentHash } = coFromAvro(payload);
    return { co, workerCf, contentHash };
  }
  return undefined;
}
