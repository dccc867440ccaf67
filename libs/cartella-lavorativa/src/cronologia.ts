// The rapporti of a worker through time, as known now: for each rapporto, the periods between the days on
// which its values change (a trasformazione, a change of employer, a transfer), with the values in force
// in each. What "was this person employed on that day, and under which contract" is answered from.
// Pure, like the projection: the same state and `today` give the same answer.
import { addDays, toIsoDate, type IsoDate } from '@fsl/co';
import { cambiDiValori, knownEnd, valoriAl } from './fold';
import { plainJson } from './plain';
import { calcolaRapporti } from './project';
import type { WorkerState } from './state';
import type { RapportoLavoro, ValoriRapporto } from './types';

/** Values in force from `dal` to `al` (inclusive; `al` absent while the rapporto is open-ended). */
export interface PeriodoInVigore {
  dal: IsoDate;
  al?: IsoDate;
  valori: ValoriRapporto;
}

export interface RapportoNelTempo {
  rapporto: RapportoLavoro;
  /** Consecutive, from the start to the end known now (the cessazione, else the planned term after every proroga). */
  inVigore: PeriodoInVigore[];
}

export interface Cronologia {
  calcolataAl: IsoDate;
  /** Live rapporti only: an annulled hiring takes its rapporto with it, refused COs change nothing. */
  rapporti: RapportoNelTempo[];
}

export function cronologia(state: WorkerState, today: Date | IsoDate): Cronologia {
  const day = toIsoDate(today);
  const rapporti = calcolaRapporti(state, day).calcolati.map(({ gruppo, folded, rapporto }): RapportoNelTempo => {
    const fine = knownEnd(folded.valori);
    // A change dated on or before the start is in force from the start; one after the end changes nothing.
    const inizi = [rapporto.dataInizio, ...cambiDiValori(gruppo.start, gruppo.events, folded.esiti).filter((d) => d > rapporto.dataInizio && (fine === undefined || d <= fine))];
    const inVigore = inizi.map((dal, i) => ({
      dal,
      al: i + 1 < inizi.length ? addDays(inizi[i + 1]!, -1) : fine,
      valori: valoriAl(gruppo.start, gruppo.events, folded.esiti, dal),
    }));
    return { rapporto, inVigore };
  });
  return plainJson({ calcolataAl: day, rapporti });
}

const contiene = (p: PeriodoInVigore, day: IsoDate): boolean => p.dal <= day && (p.al === undefined || day <= p.al);

/** The rapporti open on `day` (as known now), each with the values in force that day. */
export function rapportiAttiviAl(c: Cronologia, day: IsoDate): Array<{ rapporto: RapportoLavoro; valori: ValoriRapporto }> {
  return c.rapporti.flatMap(({ rapporto, inVigore }) => {
    const p = inVigore.find((x) => contiene(x, day));
    return p ? [{ rapporto, valori: p.valori }] : [];
  });
}

const DAY_MS = 86_400_000;
const giorni = (dal: IsoDate, al: IsoDate): number => (Date.parse(`${al}T00:00:00Z`) - Date.parse(`${dal}T00:00:00Z`)) / DAY_MS + 1;

/**
 * Calendar days in [dal, al] (inclusive) on which the worker had at least one rapporto open — with one of
 * `tipologie` in force that day, when given. A day covered by two rapporti counts once; a part-time day
 * counts as a day. The periods are as known now, so a CO received late counts like any other.
 */
export function giorniOccupazione(c: Cronologia, dal: IsoDate, al: IsoDate, tipologie?: readonly string[]): number {
  const spans = c.rapporti
    .flatMap((r) => r.inVigore)
    .filter((p) => !tipologie || (p.valori.tipologiaContrattuale !== undefined && tipologie.includes(p.valori.tipologiaContrattuale)))
    .map((p) => ({ dal: p.dal > dal ? p.dal : dal, al: p.al !== undefined && p.al < al ? p.al : al }))
    .filter((s) => s.dal <= s.al)
    .sort((a, b) => (a.dal < b.dal ? -1 : a.dal > b.dal ? 1 : 0));
  let total = 0;
  let open: { dal: IsoDate; al: IsoDate } | undefined;
  for (const s of spans) {
    if (open && s.dal <= addDays(open.al, 1)) {
      if (s.al > open.al) open.al = s.al;
      continue;
    }
    if (open) total += giorni(open.dal, open.al);
    open = { ...s };
  }
  return open ? total + giorni(open.dal, open.al) : total;
}
