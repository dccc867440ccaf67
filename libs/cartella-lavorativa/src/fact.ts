// The slice of a CO that the cartella lavorativa needs. The per-worker state stores facts, not whole COs:
// it keeps the JSONB rows small and leaves out personal data the projection never shows (names, birth
// data, addresses). The residence permit is kept: the projection shows it, and the api only to purposes
// granted it.
import type { AnagraficaLavoratore, Co, IsoDate, Modello, PermessoSoggiorno, TerminiRapporto, TipoComunicazione, TipoEvento } from '@fsl/co';
import { plainJson } from './plain';

export interface CoFact {
  codice: string;
  precedente?: string;
  tu: TipoComunicazione;
  modello: Modello;
  evento: TipoEvento;
  dataInvio: string;
  /** dataInvio as epoch ms: ordering must not depend on how the UTC offset was written. */
  invioMs: number;
  /** The worker this fact concerns; for a VARDATORI, the state's worker if listed, else ''. */
  lavoratoreCf: string;
  datore: { cf: string; denominazione?: string; sedeLavoro?: string };
  dataInizio?: IsoDate;
  dataFine?: IsoDate;
  dataFinePF?: IsoDate;
  contratto?: string;
  orario?: string;
  ore?: number;
  qualifica?: string;
  proroga?: { dataFine: IsoDate; dataFineMissione?: IsoDate };
  trasformazione?: { codice: string; data: IsoDate; contratto?: string; orario?: string; ore?: number };
  trasferimento?: { tipo: 'TL' | 'DL'; data: IsoDate; sede: string; distaccatarioCf?: string; dataFineDistacco?: IsoDate };
  cessazione?: { data: IsoDate; causa: string };
  missione?: { utilizzatoreCf: string; utilizzatoreDenominazione?: string; dataInizio: IsoDate; dataFine?: IsoDate };
  /**
   * VARDATORI: `rapporti` lists the start dates named for this worker; empty = all open rapporti.
   * `termini`: the terms with the new employer, when sent for this worker.
   */
  variazione?: { tipo: string; data: IsoDate; datorePrecedenteCf: string; rapporti: IsoDate[]; termini?: TerminiFact };
  /** The worker's residence permit as this CO states it. */
  permesso?: PermessoSoggiorno;
}

/** Contract terms as a fact carries them (the names of the rapporto facts). */
export interface TerminiFact {
  contratto?: string;
  dataFine?: IsoDate;
  dataFinePF?: IsoDate;
  orario?: string;
  ore?: number;
  qualifica?: string;
}

// A fact is plain JSON (no undefined members, numbers as JSON carries them: see plain.ts), built member by
// member in a fixed order. It was built as spread copies made plain by plainJson: per event, that was the
// most expensive step of applying a CO (V8 builds spread copies slowly, then the copy was copied again). The
// members and their order are the same as before (the order shows in the JSON of the states and in the
// dossier's effect fingerprint, which holds the permit object).
type Plain = Record<string, unknown>;

/** Sets a member only when it has a value, as JSON.stringify would drop it. */
function put(o: Plain, k: string, v: unknown): void {
  if (v !== undefined) o[k] = v;
}

/** A number as JSON carries it: non-finite as null, -0 as 0. */
function num(v: number | undefined): number | null | undefined {
  return v === undefined ? undefined : Number.isFinite(v) ? (v === 0 ? 0 : v) : null;
}

/**
 * The terms' members, into `o` (a fact or the termini of a VARDATORI). `contratto` comes first in the
 * termini and the UNIURG facts, after the dates in the other facts: the orders the facts always had.
 */
function putTermini(o: Plain, t: TerminiRapporto & { tipologiaContrattuale?: string; dataFine?: IsoDate }, contrattoFirst: boolean): void {
  if (contrattoFirst) put(o, 'contratto', t.tipologiaContrattuale);
  put(o, 'dataFine', t.dataFine);
  put(o, 'dataFinePF', t.dataFinePeriodoFormativo);
  if (!contrattoFirst) put(o, 'contratto', t.tipologiaContrattuale);
  put(o, 'orario', t.tipoOrario);
  put(o, 'ore', num(t.oreSettimanaliMedie));
  put(o, 'qualifica', t.qualificaProfessionale);
}

const permessoOf = (l: AnagraficaLavoratore | undefined): PermessoSoggiorno | undefined => l?.permessoSoggiorno && plainJson(l.permessoSoggiorno);

function base(co: Co): Plain {
  const d = co.datiInvio;
  const o: Plain = {};
  put(o, 'codice', d.codiceComunicazione);
  put(o, 'precedente', d.codiceComunicazionePrecedente);
  put(o, 'tu', d.tipoComunicazione);
  put(o, 'modello', co.modello);
  put(o, 'evento', co.tipoEvento);
  put(o, 'dataInvio', d.dataInvio);
  o.invioMs = num(Date.parse(d.dataInvio));
  const datore: Plain = {};
  put(datore, 'cf', co.datore.codiceFiscale);
  put(datore, 'denominazione', co.datore.denominazione);
  put(datore, 'sedeLavoro', co.datore.sedeLavoro?.comune);
  o.datore = datore;
  return o;
}

export function toFact(co: Co, workerCf: string): CoFact {
  const o = base(co);
  switch (co.modello) {
    case 'VARDATORI': {
      const mine = co.lavoratori.filter((l) => l.codiceFiscale === workerCf);
      const all = mine.some((l) => l.dataInizio === undefined);
      o.lavoratoreCf = mine.length > 0 ? workerCf : '';
      const variazione: Plain = {};
      put(variazione, 'tipo', co.variazione.tipo);
      put(variazione, 'data', co.variazione.data);
      put(variazione, 'datorePrecedenteCf', co.datorePrecedente.codiceFiscale);
      variazione.rapporti = all ? [] : mine.map((l) => l.dataInizio as string).sort();
      const termini = mine.find((l) => l.termini)?.termini;
      if (termini) {
        const t: Plain = {};
        putTermini(t, termini, true);
        variazione.termini = t;
      }
      o.variazione = variazione;
      put(o, 'permesso', permessoOf(mine.find((l) => l.permessoSoggiorno)));
      return o as unknown as CoFact;
    }
    case 'UNIURG':
      put(o, 'lavoratoreCf', co.lavoratore.codiceFiscale);
      put(o, 'dataInizio', co.inizio.dataInizio);
      putTermini(o, co.inizio, true);
      put(o, 'permesso', permessoOf(co.lavoratore));
      return o as unknown as CoFact;
    default: {
      const i = co.inizio;
      put(o, 'lavoratoreCf', co.lavoratore.codiceFiscale);
      put(o, 'permesso', permessoOf(co.lavoratore));
      put(o, 'dataInizio', i.dataInizio);
      putTermini(o, i, false);
      if (co.proroga) {
        const p: Plain = {};
        put(p, 'dataFine', co.proroga.dataFineProroga);
        put(p, 'dataFineMissione', co.proroga.dataFineMissione);
        o.proroga = p;
      }
      const t = co.trasformazione;
      if (t) {
        const x: Plain = {};
        put(x, 'codice', t.codice);
        put(x, 'data', t.data);
        put(x, 'contratto', t.tipologiaContrattuale);
        put(x, 'orario', t.tipoOrario);
        put(x, 'ore', num(t.oreSettimanaliMedie));
        o.trasformazione = x;
      }
      const tr = co.trasferimento;
      if (tr) {
        const x: Plain = {};
        put(x, 'tipo', tr.tipo);
        put(x, 'data', tr.data);
        put(x, 'sede', tr.sedeLavoro.comune);
        put(x, 'distaccatarioCf', tr.distaccatario?.codiceFiscale);
        put(x, 'dataFineDistacco', tr.dataFineDistacco);
        o.trasferimento = x;
      }
      if (co.cessazione) {
        const x: Plain = {};
        put(x, 'data', co.cessazione.data);
        put(x, 'causa', co.cessazione.causa);
        o.cessazione = x;
      }
      const m = co.modello === 'UNISOMM' ? co.missione : undefined;
      if (m) {
        const x: Plain = {};
        put(x, 'utilizzatoreCf', m.utilizzatore.codiceFiscale);
        put(x, 'utilizzatoreDenominazione', m.utilizzatore.denominazione);
        put(x, 'dataInizio', m.dataInizio);
        put(x, 'dataFine', m.dataFine);
        o.missione = x;
      }
      return o as unknown as CoFact;
    }
  }
}

/** Date the fact takes effect, for display and for ordering checks. */
export function eventDate(f: CoFact): IsoDate {
  return (
    f.cessazione?.data ??
    f.trasformazione?.data ??
    f.trasferimento?.data ??
    f.variazione?.data ??
    (f.evento === 'ASS' || f.evento === 'URG' ? f.dataInizio : undefined) ??
    f.dataInvio.slice(0, 10)
  );
}

export const isCorrectionFact = (f: CoFact): boolean => f.tu === '03' || f.tu === '04';
