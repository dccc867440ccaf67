// Which benefit a cancellation voids. A `TipoOperazione="C"` flow re-sends the benefit it cancels with no
// pointer to the earlier flow (the interface has none), so the match is on what identifies a benefit of a
// person at an ente: the ente, the beneficiary, the benefit code, the application protocol and the date
// the benefit starts (see README "Cancellations"). An insert and the cancellation that voids it have equal
// keys; so have two inserts of the same benefit (the later ts_flusso is the current one).
import type { IsoDate, PrestazioneSociale } from './model';

export interface ChiavePrestazione {
  /** entry `codice_ente` (Belfiore). */
  codiceEnte: string;
  /** The beneficiary's code as written (normalised: trimmed, upper case), never de-omocoded. */
  codiceFiscale: string;
  /** As written. */
  codicePrestazione: string;
  /** As written. */
  protocolloDomanda: string;
  /** DataInizioPrestazione for a periodic benefit (CaratterePrestazione 1), DataErogazionePrestazione for a one-off one (2). */
  dataInizio: IsoDate;
}

/** The start date of a benefit: the one its character requires (decodeFlusso has checked it is there). */
export const dataInizioPrestazione = (p: PrestazioneSociale): IsoDate =>
  (p.prestazione.caratterePrestazione === '2' ? p.prestazione.dataErogazionePrestazione : p.prestazione.dataInizioPrestazione)!;

export function chiavePrestazione(p: PrestazioneSociale): ChiavePrestazione {
  return {
    codiceEnte: p.intestazione.codiceEnte,
    codiceFiscale: p.beneficiario.codiceFiscale,
    codicePrestazione: p.prestazione.codicePrestazione,
    protocolloDomanda: p.prestazione.protocolloDomanda,
    dataInizio: dataInizioPrestazione(p),
  };
}

/**
 * The key as one string (a JSON array: unambiguous whatever characters the protocol holds), for a unique
 * index or a map. It contains the codice fiscale: a database column, never a log line or a metric label.
 */
export const chiavePrestazioneTesto = (k: ChiavePrestazione): string =>
  JSON.stringify([k.codiceEnte, k.codiceFiscale, k.codicePrestazione, k.protocolloDomanda, k.dataInizio]);
