import type { CurriculumVista, OffertaVista, PropostaVista, SezioneSiislVista } from '@fsl/cartella-lavorativa';
import type { CurriculumDto, OffertaLavoroDto, PropostaLavoroDto, SezioneSiislDto } from './cartella-lavorativa.contract';

// The SIISL section of the cartella lavorativa, mapped field by field from the projection of
// libs/cartella-lavorativa (never the internal types as they are). Absent optional fields stay
// undefined, which JSON leaves out of the answer.

export function toCurriculumDto(c: CurriculumVista): CurriculumDto {
  return {
    id: c.id,
    versione: c.versione,
    aggiornatoIl: c.aggiornatoIl,
    esperienze: c.esperienze.map((e) => ({
      datore: e.datore ? { codiceFiscale: e.datore.codiceFiscale, denominazione: e.datore.denominazione } : undefined,
      dataInizio: e.dataInizio,
      dataFine: e.dataFine,
      qualificaCp2011: e.qualificaCp2011,
      settoreAteco: e.settoreAteco,
      mansioni: e.mansioni,
      fonte: e.fonte,
    })),
    istruzione: c.istruzione.map((i) => ({ titolo: i.titolo, livelloIsced: i.livelloIsced, livelloEqf: i.livelloEqf, istituto: i.istituto, annoConseguimento: i.annoConseguimento })),
    lingue: c.lingue.map((l) => ({ lingua: l.lingua, livelloCefr: l.livelloCefr, madrelingua: l.madrelingua })),
    competenze: c.competenze.map((k) => ({ escoUri: k.escoUri, descrizione: k.descrizione, tipo: k.tipo })),
    disponibilita: c.disponibilita
      ? {
          comuni: [...c.disponibilita.comuni],
          orario: c.disponibilita.orario,
          distanzaMassimaKm: c.disponibilita.distanzaMassimaKm,
          trasferte: c.disponibilita.trasferte,
          dataDisponibilita: c.disponibilita.dataDisponibilita,
        }
      : undefined,
  };
}

function toOffertaDto(o: OffertaVista): OffertaLavoroDto {
  return {
    id: o.id,
    versione: o.versione,
    datore: { codiceFiscale: o.datore.codiceFiscale, denominazione: o.datore.denominazione },
    qualificaCp2011: o.qualificaCp2011,
    settoreAteco: o.settoreAteco,
    sedeComune: o.sedeComune,
    tipologiaContrattuale: o.tipologiaContrattuale,
    dataPubblicazione: o.dataPubblicazione,
    dataChiusura: o.dataChiusura,
    stato: o.stato,
  };
}

function toPropostaDto(p: PropostaVista): PropostaLavoroDto {
  return {
    id: p.id,
    versione: p.versione,
    offertaId: p.offertaId,
    collegamento: p.collegamento,
    offerta: p.offerta ? toOffertaDto(p.offerta) : null,
    stato: p.stato,
    dataProposta: p.dataProposta,
    dataScadenza: p.dataScadenza,
    dataEsito: p.dataEsito,
    motivoRifiuto: p.motivoRifiuto,
    rifiutoGiustificato: p.rifiutoGiustificato,
  };
}

export function toSezioneSiislDto(s: SezioneSiislVista): SezioneSiislDto {
  return {
    curriculum: s.curriculum ? toCurriculumDto(s.curriculum) : null,
    versioniCurriculum: s.versioniCurriculum.map((v) => ({ id: v.id, versione: v.versione, aggiornatoIl: v.aggiornatoIl, eliminata: v.eliminato })),
    proposteLavoro: s.proposte.map(toPropostaDto),
  };
}

