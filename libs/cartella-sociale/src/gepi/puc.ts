// One citizen, one folder: a PUC participation reported by SIISL (libs/siisl `puc`) and by GePI
// (`partecipazione-puc`) is the same participation when it names the same project over the same period
// (start and end): it appears once, naming both sources. GePI's values come first where both have one
// (PUC are run through GePI's PUC module); SIISL fills what GePI lacks.
import type { PucVista } from '../project';
import type { CasoVista } from './project';

export type PucGepiVista = CasoVista['partecipazioniPuc'][number] & { casoId: string };

export interface FontePuc {
  fonte: 'SIISL' | 'GEPI';
  id: string;
  versione: number;
  /** GePI only: the case the participation belongs to. */
  casoId?: string;
}

export interface PartecipazionePucUnificata {
  progettoId: string;
  dataInizio: string;
  dataFine?: string;
  titoloProgetto?: string;
  comune: string;
  ambito?: PucGepiVista['ambito'];
  oreSettimanali: number;
  /** Hours done: GePI's attendance total when it has any, else SIISL's figure. */
  oreSvolte?: number;
  /** Every record that reports it, SIISL first, then by id. */
  fonti: FontePuc[];
}

/** Same project and same period: start and end (an open end matches only an open end). */
const chiave = (p: { progettoId: string; dataInizio: string; dataFine?: string }): string => JSON.stringify([p.progettoId, p.dataInizio, p.dataFine ?? null]);

const order = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** The citizen's PUC participations from both sources, each once. Pure; the result is sorted. */
export function unificaPuc(siisl: readonly PucVista[], gepi: readonly PucGepiVista[]): PartecipazionePucUnificata[] {
  const groups = new Map<string, { s: PucVista[]; g: PucGepiVista[] }>();
  const group = (k: string) => groups.get(k) ?? groups.set(k, { s: [], g: [] }).get(k)!;
  for (const p of siisl) group(chiave(p)).s.push(p);
  for (const p of gepi) group(chiave(p)).g.push(p);
  const out: PartecipazionePucUnificata[] = [];
  for (const { s, g } of groups.values()) {
    s.sort((a, b) => order(a.id, b.id));
    g.sort((a, b) => order(a.id, b.id));
    const first = g[0] ?? s[0];
    const ore = g.flatMap((x) => x.presenze).reduce((sum, m) => sum + m.oreSvolte, 0);
    const titolo = g.find((x) => x.titoloProgetto)?.titoloProgetto ?? s.find((x) => x.titoloProgetto)?.titoloProgetto;
    const oreSiisl = s.find((x) => x.oreSvolte !== undefined)?.oreSvolte;
    const hasPresenze = g.some((x) => x.presenze.length > 0);
    out.push({
      progettoId: first.progettoId,
      dataInizio: first.dataInizio,
      ...(first.dataFine !== undefined ? { dataFine: first.dataFine } : {}),
      ...(titolo !== undefined ? { titoloProgetto: titolo } : {}),
      comune: first.comune,
      ...(g[0] ? { ambito: g[0].ambito } : {}),
      oreSettimanali: first.oreSettimanali,
      ...(hasPresenze ? { oreSvolte: ore } : oreSiisl !== undefined ? { oreSvolte: oreSiisl } : {}),
      fonti: [
        ...s.map((x): FontePuc => ({ fonte: 'SIISL', id: x.id, versione: x.versione })),
        ...g.map((x): FontePuc => ({ fonte: 'GEPI', id: x.id, versione: x.versione, casoId: x.casoId })),
      ],
    });
  }
  return out.sort((a, b) => order(a.dataInizio, b.dataInizio) || order(a.progettoId, b.progettoId) || order(a.dataFine ?? '', b.dataFine ?? ''));
}
