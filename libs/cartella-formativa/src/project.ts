// The cartella formativa as served: each citizen's current enrolments and interests, each linked to the
// current version of its course in the catalogue. The link is made here, at projection time, so an
// enrolment that names a course not received yet is kept (IN_ATTESA) and shows the course once it arrives.
import { currentRecords, currentVersion, resolveLink, type Corso, type EventoIscrizione, type Iscrizione, type ManifestazioneInteresse, type StatoCollegamento, type StoredVersion } from '@fsl/siisl';
import type { Catalogo, CittadinoFormazione } from './state';

export type { StatoCollegamento };

export interface CorsoVista {
  id: string;
  versione: number;
  titolo: string;
  codiceCorsoEnte: string;
  ente: { codiceFiscale: string; denominazione: string };
  sedeComune: string;
  modalita: string;
  ore: number;
  dataInizio: string;
  dataFine: string;
  livelloEqf?: string;
  qualificazione?: string;
}

/**
 * A course on its own, as the course-detail e-service shows it: the summary above plus what only a reader
 * of the catalogue needs (places, skills, address, funding, the provider's accreditation).
 */
export interface CorsoDettaglioVista extends CorsoVista {
  accreditamentoEnte?: string;
  indirizzoSede?: string;
  posti: number;
  competenze: Array<{ escoUri?: string; descrizione?: string; tipo?: string }>;
  finanziamento?: string;
}

/** A catalogue course by id: its latest version, and the detail unless that version deletes it. */
export interface CorsoNelCatalogo {
  id: string;
  /** The highest version received (the deletion's, for a deleted course). */
  versione: number;
  corso: CorsoDettaglioVista | null;
}

export interface IscrizioneVista {
  id: string;
  versione: number;
  corsoId: string;
  collegamento: StatoCollegamento;
  corso: CorsoVista | null;
  /** The latest event's type: where the enrolment stands. */
  stato: EventoIscrizione;
  eventi: Array<{ tipo: EventoIscrizione; data: string; motivo?: string }>;
}

export interface ManifestazioneVista {
  id: string;
  versione: number;
  corsoId: string;
  collegamento: StatoCollegamento;
  corso: CorsoVista | null;
  data: string;
}

export interface CartellaFormativa {
  codiceFiscale: string;
  iscrizioni: IscrizioneVista[];
  manifestazioniInteresse: ManifestazioneVista[];
}

function corsoVista(c: StoredVersion<Corso>): CorsoVista {
  if (c.record.operazione !== 'AGGIORNAMENTO') throw new Error('corsoVista: a current course is never a deletion');
  const d = c.record.dati;
  return {
    id: c.record.id,
    versione: c.versione,
    titolo: d.titolo,
    codiceCorsoEnte: d.codiceCorsoEnte,
    ente: { codiceFiscale: d.ente.codiceFiscale, denominazione: d.ente.denominazione },
    sedeComune: d.sede.comune,
    modalita: d.modalita,
    ore: d.ore,
    dataInizio: d.dataInizio,
    dataFine: d.dataFine,
    ...(d.livelloEqf === undefined ? {} : { livelloEqf: d.livelloEqf }),
    ...(d.qualificazione === undefined ? {} : { qualificazione: d.qualificazione }),
  };
}

function link(catalogo: Catalogo, corsoId: string): { collegamento: StatoCollegamento; corso: CorsoVista | null } {
  const { collegamento, vista } = resolveLink(catalogo.corsi[corsoId], corsoVista);
  return { collegamento, corso: vista };
}

/** Current versions of a section as views, in a stable order (by `sortKey`, then id): never the arrival order. */
function currents<R, V extends { id: string }>(section: Record<string, StoredVersion<R>[]>, view: (v: StoredVersion<R>) => V, sortKey: (v: V) => string): V[] {
  return currentRecords(section)
    .map(view)
    .sort((a, b) => (sortKey(a) < sortKey(b) ? -1 : sortKey(a) > sortKey(b) ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

export function project(state: CittadinoFormazione, catalogo: Catalogo): CartellaFormativa {
  const iscrizioni = currents<Iscrizione, IscrizioneVista>(
    state.iscrizioni,
    ({ record, versione }) => {
      const d = (record as Extract<Iscrizione, { operazione: 'AGGIORNAMENTO' }>).dati;
      return { id: record.id, versione, corsoId: d.corsoId, ...link(catalogo, d.corsoId), stato: d.eventi[d.eventi.length - 1].tipo, eventi: d.eventi.map((e) => ({ ...e })) };
    },
    (v) => v.eventi[0].data,
  );
  const manifestazioniInteresse = currents<ManifestazioneInteresse, ManifestazioneVista>(
    state.manifestazioni,
    ({ record, versione }) => {
      const d = (record as Extract<ManifestazioneInteresse, { operazione: 'AGGIORNAMENTO' }>).dati;
      return { id: record.id, versione, corsoId: d.corsoId, ...link(catalogo, d.corsoId), data: d.data };
    },
    (v) => v.data,
  );
  return { codiceFiscale: state.codiceFiscale, iscrizioni, manifestazioniInteresse };
}

/**
 * A course of the catalogue by id: undefined when never received; `corso: null` when its latest version is a
 * deletion (the same rule that makes an enrolment's link ELIMINATO).
 */
export function corsoNelCatalogo(catalogo: Catalogo, corsoId: string): CorsoNelCatalogo | undefined {
  const history = catalogo.corsi[corsoId];
  if (history === undefined || history.length === 0) return undefined;
  const versione = Math.max(...history.map((v) => v.versione));
  const { vista } = resolveLink(history, (c: StoredVersion<Corso>): CorsoDettaglioVista => {
    const d = (c.record as Extract<Corso, { operazione: 'AGGIORNAMENTO' }>).dati;
    return {
      ...corsoVista(c),
      ...(d.ente.accreditamento === undefined ? {} : { accreditamentoEnte: d.ente.accreditamento }),
      ...(d.sede.indirizzo === undefined ? {} : { indirizzoSede: d.sede.indirizzo }),
      posti: d.posti,
      competenze: d.competenze.map((k) => ({ ...k })),
      ...(d.finanziamento === undefined ? {} : { finanziamento: d.finanziamento }),
    };
  });
  return { id: corsoId, versione, corso: vista };
}

/**
 * The SIISL id of a course from the provider's own code: the stable lookup the providers' feeds need.
 * Only current courses answer; two current courses with the same provider code resolve to the smaller id,
 * so the answer does not depend on arrival order either.
 */
export function corsoIdPerCodiceEnte(catalogo: Catalogo, enteCf: string, codiceCorsoEnte: string): string | undefined {
  let found: string | undefined;
  for (const [id, history] of Object.entries(catalogo.corsi)) {
    const c = currentVersion(history);
    if (c?.record.operazione !== 'AGGIORNAMENTO') continue;
    const d = c.record.dati;
    if (d.ente.codiceFiscale === enteCf && d.codiceCorsoEnte === codiceCorsoEnte && (found === undefined || id < found)) found = id;
  }
  return found;
}
