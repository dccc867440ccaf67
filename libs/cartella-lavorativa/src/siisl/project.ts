// The SIISL section as served: the current CV with the list of its versions, and each current proposal
// linked to the current version of its offer (kept as IN_ATTESA while the offer has not arrived).
import { currentRecords, resolveLink, type Curriculum, type DatiCurriculum, type OffertaLavoro, type PropostaLavoro, type StatoCollegamento, type StoredVersion } from '@fsl/siisl';
import type { CatalogoOfferte, SezioneSiisl } from './state';

type Upd<R> = Extract<R, { operazione: 'AGGIORNAMENTO' }>;

export interface CurriculumVista extends DatiCurriculum {
  id: string;
  versione: number;
  aggiornatoIl: string;
}

export interface OffertaVista {
  id: string;
  versione: number;
  datore: { codiceFiscale: string; denominazione: string };
  qualificaCp2011: string;
  settoreAteco?: string;
  sedeComune: string;
  tipologiaContrattuale: string;
  dataPubblicazione: string;
  dataChiusura?: string;
  stato: string;
}

export interface PropostaVista {
  id: string;
  versione: number;
  offertaId: string;
  collegamento: StatoCollegamento;
  offerta: OffertaVista | null;
  stato: Upd<PropostaLavoro>['dati']['stato'];
  dataProposta: string;
  dataScadenza?: string;
  dataEsito?: string;
  motivoRifiuto?: string;
  rifiutoGiustificato?: boolean;
}

export interface SezioneSiislVista {
  /** The current CV; with several CV ids, the most recently updated (then the greatest id). */
  curriculum: CurriculumVista | null;
  /** Every version of every CV received, oldest first: earlier versions stay readable (curriculumAllaVersione). */
  versioniCurriculum: Array<{ id: string; versione: number; aggiornatoIl: string; eliminato: boolean }>;
  /** By proposal date, then id. */
  proposte: PropostaVista[];
}

const cv = (c: StoredVersion<Upd<Curriculum>>): CurriculumVista => ({ id: c.record.id, versione: c.versione, aggiornatoIl: c.record.aggiornatoIl, ...c.record.dati });

function offertaVista(o: StoredVersion<OffertaLavoro>): OffertaVista {
  const { dati: d } = o.record as Upd<OffertaLavoro>;
  const { competenzeRichieste: _c, posti: _p, ...shown } = d;
  return { id: o.record.id, versione: o.versione, ...shown };
}

export function projectSiisl(state: SezioneSiisl, catalogo: CatalogoOfferte): SezioneSiislVista {
  const cvs = currentRecords(state.curricula) as Array<StoredVersion<Upd<Curriculum>>>;
  const latest = cvs.sort((a, b) => Date.parse(a.record.aggiornatoIl) - Date.parse(b.record.aggiornatoIl) || (a.record.id < b.record.id ? -1 : 1)).at(-1);
  const versioniCurriculum = Object.values(state.curricula)
    .flat()
    .map((v) => ({ id: v.record.id, versione: v.versione, aggiornatoIl: v.record.aggiornatoIl, eliminato: v.eliminato }))
    .sort((a, b) => Date.parse(a.aggiornatoIl) - Date.parse(b.aggiornatoIl) || (a.id < b.id ? -1 : a.id > b.id ? 1 : a.versione - b.versione));
  const proposte = (currentRecords(state.proposte) as Array<StoredVersion<Upd<PropostaLavoro>>>)
    .map(({ record: r, versione }): PropostaVista => {
      const { collegamento, vista } = resolveLink(catalogo.offerte[r.dati.offertaId], offertaVista);
      return { id: r.id, versione, ...r.dati, collegamento, offerta: vista };
    })
    .sort((a, b) => (a.dataProposta < b.dataProposta ? -1 : a.dataProposta > b.dataProposta ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { curriculum: latest ? cv(latest) : null, versioniCurriculum, proposte };
}

/** One version of a CV as it was (undefined when not received, or when that version is a deletion). */
export function curriculumAllaVersione(state: SezioneSiisl, id: string, versione: number): CurriculumVista | undefined {
  const v = state.curricula[id]?.find((x) => x.versione === versione);
  return v && !v.eliminato ? cv(v as StoredVersion<Upd<Curriculum>>) : undefined;
}
