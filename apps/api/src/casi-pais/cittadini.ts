import type { CasoVista, DocumentoVista, VersioneDocumentoVista } from '@fsl/cartella-sociale';
import type { EntitaDocumento } from '@fsl/gepi';

// Whose personal data each answer about a case carries: every one of them gets the read in their own access
// log. A case is about a household, so a part of it is about the members it concerns even where no codice
// fiscale travels (a support for "the whole household", the state of the household's case): each part
// names its own, no more (the e-service that serves one document version does not record the members who
// left before it applied).

const END_OF_TIME = '9999-12-31';
const sorted = (cfs: Iterable<string | undefined>): string[] => [...new Set([...cfs].filter((cf): cf is string => cf !== undefined))].sort();

/** Everyone who belonged to the household at some time between `dal` and `al` (absent: still running). */
export function membriNelPeriodo(vista: CasoVista, dal: string, al?: string): string[] {
  const overlaps = (p: { dal: string; al?: string }) => p.dal <= (al ?? END_OF_TIME) && dal <= (p.al ?? END_OF_TIME);
  return sorted(vista.membri.filter((m) => m.periodi.some(overlaps)).map((m) => m.codiceFiscale));
}

/** Every member, current and past: the case as a whole (its state, its dates, its application) is the household's. */
export const membriDelCaso = (vista: CasoVista): string[] => sorted(vista.membri.map((m) => m.codiceFiscale));

type Dati<E extends EntitaDocumento> = VersioneDocumentoVista<E>['dati'];

/** The members a document version names, and the period it is about (whose members it concerns). */
interface Documento<E extends EntitaDocumento> {
  nominati(d: Dati<E>): Array<string | undefined>;
  periodo(d: Dati<E>): { dal: string; al?: string };
}
const DOCUMENTI: { [E in EntitaDocumento]: Documento<E> } = {
  // The analyses describe the household as it was when they were drawn up.
  'analisi-preliminare': { nominati: (d) => d.bisogni.map((b) => b.codiceFiscale), periodo: (d) => ({ dal: d.dataRedazione, al: d.dataRedazione }) },
  'quadro-analisi': { nominati: (d) => d.dimensioni.map((b) => b.codiceFiscale), periodo: (d) => ({ dal: d.dataRedazione, al: d.dataRedazione }) },
  // The patto applies over its own period: its household supports are for whoever belongs to it then.
  pais: {
    nominati: (d) => [...d.risultatiAttesi.map((r) => r.codiceFiscale), ...d.sostegni.flatMap((s) => s.beneficiari), ...d.impegni.map((m) => m.codiceFiscale)],
    periodo: (d) => ({ dal: d.dataInizio, al: d.dataFine }),
  },
};

/** The citizens one version of a document concerns: those it names and the members of its period. */
export function cittadiniDellaVersione<E extends EntitaDocumento>(vista: CasoVista, entita: E, dati: Dati<E>): string[] {
  const documento: Documento<E> = DOCUMENTI[entita];
  const { dal, al } = documento.periodo(dati);
  return sorted([...documento.nominati(dati), ...membriNelPeriodo(vista, dal, al)]);
}

/**
 * Every citizen whose personal data the case view carries: its members (current and past: the answer lists
 * both) and anyone a record of the case names — PUC participants, the PAD's members, the people documents
 * refer to.
 */
export function cittadiniDelCaso(vista: CasoVista): string[] {
  const nominati = <E extends EntitaDocumento>(entita: E, docs: ReadonlyArray<DocumentoVista<E>>) => {
    const documento: Documento<E> = DOCUMENTI[entita];
    return docs.flatMap((d) => d.versioni.flatMap((v) => documento.nominati(v.dati)));
  };
  return sorted([
    ...membriDelCaso(vista),
    ...vista.partecipazioniPuc.map((p) => p.codiceFiscale),
    ...vista.pad.flatMap(cittadiniDelPad),
    ...nominati('analisi-preliminare', vista.analisiPreliminari),
    ...nominati('quadro-analisi', vista.quadriAnalisi),
    ...nominati('pais', vista.pais),
  ]);
}

/** A PAD names its applicant and every member with their route and categorisations. */
export const cittadiniDelPad = (pad: CasoVista['pad'][number]): string[] => sorted([pad.richiedenteCf, ...pad.componenti.map((c) => c.codiceFiscale)]);

/** An équipe concerns the household while it works on the case: which services follow it tells its needs. */
export const cittadiniDellEquipe = (vista: CasoVista, equipe: CasoVista['equipe'][number]): string[] => membriNelPeriodo(vista, equipe.dataCostituzione, equipe.dataScioglimento);
