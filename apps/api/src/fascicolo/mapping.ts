import type { CartellaFormativa, CorsoVista } from '@fsl/cartella-formativa';
import { unificaPuc, type CartellaSocialeSiisl, type PucGepiVista } from '@fsl/cartella-sociale';
import type { CartellaFormativaDto, CorsoDto, MisuraInclusioneDto, PartecipazionePucDto } from './contract';

// The cartelle formativa and sociale (SIISL part) mapped field by field from the libs' projections to
// the published contract: an internal field added to a projection never reaches consumers unnoticed.
// Absent optional fields stay undefined, which JSON leaves out of the answer.

export function toCorsoDto(c: CorsoVista): CorsoDto {
  return {
    id: c.id,
    versione: c.versione,
    titolo: c.titolo,
    codiceCorsoEnte: c.codiceCorsoEnte,
    ente: { codiceFiscale: c.ente.codiceFiscale, denominazione: c.ente.denominazione },
    sedeComune: c.sedeComune,
    modalita: c.modalita,
    ore: c.ore,
    dataInizio: c.dataInizio,
    dataFine: c.dataFine,
    livelloEqf: c.livelloEqf,
    qualificazione: c.qualificazione,
  };
}

export function toCartellaFormativaDto(c: CartellaFormativa): CartellaFormativaDto {
  return {
    iscrizioni: c.iscrizioni.map((i) => ({
      id: i.id,
      versione: i.versione,
      corsoId: i.corsoId,
      collegamento: i.collegamento,
      corso: i.corso ? toCorsoDto(i.corso) : null,
      stato: i.stato,
      eventi: i.eventi.map((e) => ({ tipo: e.tipo, data: e.data, motivo: e.motivo })),
    })),
    manifestazioniInteresse: c.manifestazioniInteresse.map((m) => ({
      id: m.id,
      versione: m.versione,
      corsoId: m.corsoId,
      collegamento: m.collegamento,
      corso: m.corso ? toCorsoDto(m.corso) : null,
      data: m.data,
    })),
  };
}

export function toMisureInclusioneDto(c: CartellaSocialeSiisl): MisuraInclusioneDto[] {
  return c.misure.map((m) => ({
    id: m.id,
    versione: m.versione,
    misura: m.misura,
    stato: m.stato,
    ruolo: m.ruolo,
    percorso: m.percorso,
    componentiNucleo: m.componentiNucleo,
    dataDecorrenza: m.dataDecorrenza,
    dataFine: m.dataFine,
    dataSottoscrizionePad: m.dataSottoscrizionePad,
    importiMensili: m.importiMensili.map((i) => ({ mese: i.mese, importoCentesimi: i.importoCentesimi, importoAffittoCentesimi: i.importoAffittoCentesimi })),
    totaleCentesimi: m.totaleCentesimi,
  }));
}

/**
 * PUC participations from both sources, each once (libs/cartella-sociale unificaPuc): a participation SIISL
 * and GePI report for the same project and period names both records in `fonti`.
 */
export function toPartecipazioniPucDto(siisl: CartellaSocialeSiisl['puc'], gepi: readonly PucGepiVista[]): PartecipazionePucDto[] {
  return unificaPuc(siisl, gepi).map((p) => ({
    progettoId: p.progettoId,
    titoloProgetto: p.titoloProgetto,
    comune: p.comune,
    ambito: p.ambito,
    dataInizio: p.dataInizio,
    dataFine: p.dataFine,
    oreSettimanali: p.oreSettimanali,
    oreSvolte: p.oreSvolte,
    fonti: p.fonti.map((f) => ({ fonte: f.fonte, id: f.id, versione: f.versione, casoId: f.casoId })),
  }));
}
