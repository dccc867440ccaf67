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

function terminiFact(t: (TerminiRapporto & { tipologiaContrattuale?: string; dataFine?: IsoDate }) | undefined): TerminiFact | undefined {
  return (
    t && {
      contratto: t.tipologiaContrattuale,
      dataFine: t.dataFine,
      dataFinePF: t.dataFinePeriodoFormativo,
      orario: t.tipoOrario,
      ore: t.oreSettimanaliMedie,
      qualifica: t.qualificaProfessionale,
    }
  );
}

const permessoOf = (l: AnagraficaLavoratore | undefined): PermessoSoggiorno | undefined => l?.permessoSoggiorno && { ...l.permessoSoggiorno };

export function toFact(co: Co, workerCf: string): CoFact {
  const d = co.datiInvio;
  const base = {
    codice: d.codiceComunicazione,
    precedente: d.codiceComunicazionePrecedente,
    tu: d.tipoComunicazione,
    modello: co.modello,
    evento: co.tipoEvento,
    dataInvio: d.dataInvio,
    invioMs: Date.parse(d.dataInvio),
    datore: { cf: co.datore.codiceFiscale, denominazione: co.datore.denominazione, sedeLavoro: co.datore.sedeLavoro?.comune },
  };
  switch (co.modello) {
    case 'VARDATORI': {
      const mine = co.lavoratori.filter((l) => l.codiceFiscale === workerCf);
      const all = mine.some((l) => l.dataInizio === undefined);
      return plainJson({
        ...base,
        lavoratoreCf: mine.length > 0 ? workerCf : '',
        variazione: {
          tipo: co.variazione.tipo,
          data: co.variazione.data,
          datorePrecedenteCf: co.datorePrecedente.codiceFiscale,
          rapporti: all ? [] : mine.map((l) => l.dataInizio as string).sort(),
          termini: terminiFact(mine.find((l) => l.termini)?.termini),
        },
        permesso: permessoOf(mine.find((l) => l.permessoSoggiorno)),
      });
    }
    case 'UNIURG':
      return plainJson({
        ...base,
        lavoratoreCf: co.lavoratore.codiceFiscale,
        dataInizio: co.inizio.dataInizio,
        ...terminiFact(co.inizio),
        permesso: permessoOf(co.lavoratore),
      });
    default: {
      const i = co.inizio;
      const t = co.trasformazione;
      const tr = co.trasferimento;
      const m = co.modello === 'UNISOMM' ? co.missione : undefined;
      return plainJson({
        ...base,
        lavoratoreCf: co.lavoratore.codiceFiscale,
        permesso: permessoOf(co.lavoratore),
        dataInizio: i.dataInizio,
        dataFine: i.dataFine,
        dataFinePF: i.dataFinePeriodoFormativo,
        contratto: i.tipologiaContrattuale,
        orario: i.tipoOrario,
        ore: i.oreSettimanaliMedie,
        qualifica: i.qualificaProfessionale,
        proroga: co.proroga && { dataFine: co.proroga.dataFineProroga, dataFineMissione: co.proroga.dataFineMissione },
        trasformazione: t && { codice: t.codice, data: t.data, contratto: t.tipologiaContrattuale, orario: t.tipoOrario, ore: t.oreSettimanaliMedie },
        trasferimento: tr && {
          tipo: tr.tipo,
          data: tr.data,
          sede: tr.sedeLavoro.comune,
          distaccatarioCf: tr.distaccatario?.codiceFiscale,
          dataFineDistacco: tr.dataFineDistacco,
        },
        cessazione: co.cessazione && { data: co.cessazione.data, causa: co.cessazione.causa },
        missione: m && {
          utilizzatoreCf: m.utilizzatore.codiceFiscale,
          utilizzatoreDenominazione: m.utilizzatore.denominazione,
          dataInizio: m.dataInizio,
          dataFine: m.dataFine,
        },
      });
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
