// The SIISL part of the cartella sociale as served: the current version of each measure, seen from this
// citizen (applicant or household member, and where the PAD routed them), and of each PUC participation.
import { currentRecords, type MisuraInclusione, type Puc, type StoredVersion } from '@fsl/siisl';
import type { CittadinoSociale } from './state';

type Upd<R> = Extract<R, { operazione: 'AGGIORNAMENTO' }>;

export interface MisuraVista {
  id: string;
  versione: number;
  misura: 'ADI' | 'SFL';
  stato: 'ACCOLTA' | 'SOSPESA' | 'REVOCATA' | 'DECADUTA';
  ruolo: 'RICHIEDENTE' | 'COMPONENTE';
  /** Where this citizen was routed after the PAD; absent = not routed yet. */
  percorso?: 'SERVIZI_SOCIALI' | 'CENTRO_IMPIEGO';
  componentiNucleo: number;
  dataDecorrenza: string;
  dataFine?: string;
  dataSottoscrizionePad?: string;
  importiMensili: Array<{ mese: string; importoCentesimi: number; importoAffittoCentesimi?: number }>;
  /** Sum of the monthly amounts (top-up and rent), in cents. */
  totaleCentesimi: number;
}

export interface PucVista {
  id: string;
  versione: number;
  progettoId: string;
  titoloProgetto?: string;
  comune: string;
  dataInizio: string;
  dataFine?: string;
  oreSettimanali: number;
  oreSvolte?: number;
}

export interface CartellaSocialeSiisl {
  codiceFiscale: string;
  misure: MisuraVista[];
  puc: PucVista[];
}

/** Current versions are never deletions, so they carry `dati`. */
const currents = <R>(section: Record<string, StoredVersion<R>[]>): Array<StoredVersion<Upd<R>>> => currentRecords(section) as Array<StoredVersion<Upd<R>>>;

const byStartThenId = (a: { id: string; start: string }, b: { id: string; start: string }) =>
  a.start < b.start ? -1 : a.start > b.start ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;

export function project(state: CittadinoSociale): CartellaSocialeSiisl {
  const cf = state.codiceFiscale;
  const misure = currents<MisuraInclusione>(state.misure)
    .map(({ record: r, versione }) => {
      const d = r.dati;
      const me = d.nucleo.find((c) => c.codiceFiscale === cf);
      const importi = d.importiMensili.map((m) => ({ ...m }));
      return {
        start: d.dataDecorrenza,
        view: {
          id: r.id,
          versione,
          misura: d.misura,
          stato: d.stato,
          ruolo: r.codiceFiscale === cf ? ('RICHIEDENTE' as const) : ('COMPONENTE' as const),
          ...(me?.percorso ? { percorso: me.percorso } : {}),
          componentiNucleo: d.nucleo.length,
          dataDecorrenza: d.dataDecorrenza,
          ...(d.dataFine ? { dataFine: d.dataFine } : {}),
          ...(d.dataSottoscrizionePad ? { dataSottoscrizionePad: d.dataSottoscrizionePad } : {}),
          importiMensili: importi.sort((a, b) => (a.mese < b.mese ? -1 : a.mese > b.mese ? 1 : 0)),
          totaleCentesimi: importi.reduce((s, m) => s + m.importoCentesimi + (m.importoAffittoCentesimi ?? 0), 0),
        },
      };
    })
    .sort((a, b) => byStartThenId({ id: a.view.id, start: a.start }, { id: b.view.id, start: b.start }))
    .map((x) => x.view);
  const puc = currents<Puc>(state.puc)
    .map(({ record: r, versione }) => ({ id: r.id, versione, ...r.dati }))
    .sort((a, b) => byStartThenId({ id: a.id, start: a.dataInizio }, { id: b.id, start: b.dataInizio }));
  return { codiceFiscale: cf, misure, puc };
}
