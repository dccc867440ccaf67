// Internal model → ministerial XML, the exact inverse of xml-read.ts (the round trip is tested on generator
// output). Absent fields produce no element or attribute at all.
import { XMLBuilder } from 'fast-xml-parser';
import type { AnagraficaLavoratore, Co, CoRapporto, Datore, Lavoratore, Sede, TerminiRapporto, Trasformazione } from './model';
import { XML_BATCH_ITEM, XML_BATCH_ROOT, XML_ROOTS } from './xml-names';

type Node = Record<string, unknown>;

const builder = new XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: '@_', format: true, suppressEmptyNode: true });

const siNo = (b: boolean | undefined): string | undefined => (b === undefined ? undefined : b ? 'SI' : 'NO');
const str = (n: number | undefined): string | undefined => (n === undefined ? undefined : String(n));

/** Removes undefined members and members that end up empty, so absent data leaves no trace. */
function clean(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(clean).filter((x) => x !== undefined);
  if (v === null || typeof v !== 'object') return v;
  const out: Node = {};
  for (const [k, val] of Object.entries(v as Node)) {
    const c = clean(val);
    if (c !== undefined) out[k] = c;
  }
  return Object.keys(out).length === 0 ? undefined : out;
}

function sede(s: Sede | undefined): Node | undefined {
  return s && { Comune: s.comune, cap: s.cap, Indirizzo: s.indirizzo };
}

function datore(d: Datore, extraAttrs: Node = {}): Node {
  return {
    '@_codiceFiscale': d.codiceFiscale,
    '@_denominazione': d.denominazione,
    ...extraAttrs,
    SedeLegale: sede(d.sedeLegale),
    SedeLavoro: sede(d.sedeLavoro),
    Settore: d.settore,
    PubblicaAmministrazione: siNo(d.pubblicaAmministrazione),
  };
}

/** AnagraficaCompleta (with `ids`: cognome, nome, codice-fiscale), IndirizzoLavoratore, extraCE. */
function anagrafica(l: AnagraficaLavoratore, ids: Node = {}): Node {
  const p = l.permessoSoggiorno;
  return {
    AnagraficaCompleta: {
      ...ids,
      cittadinanza: l.cittadinanza,
      sesso: l.sesso,
      nascita: l.nascita && { comune: l.nascita.comune, data: l.nascita.data },
    },
    IndirizzoLavoratore: sede(l.domicilio),
    extraCE: p && {
      tipoDocumento: p.tipoDocumento,
      numeroDocumento: p.numeroDocumento,
      motivoPermesso: p.motivo,
      dataScadenzaPS: p.scadenza,
      questura: p.questura,
    },
  };
}

function lavoratore(l: Lavoratore): Node {
  return anagrafica(l, { cognome: l.cognome, nome: l.nome, 'codice-fiscale': l.codiceFiscale });
}

function orario(tipoOrario: string | undefined, ore: number | undefined): Node {
  return { '@_codice': tipoOrario, '@_oreSettimanaliMedie': str(ore) };
}

/** The terms as InizioRapporto, RapportoAgenziaSomm and DatiRapporto carry them (xml-map.ts termini). */
function termini(i: TerminiRapporto): Node {
  return {
    '@_dataFinePeriodoFormativo': i.dataFinePeriodoFormativo,
    '@_entePrevidenziale': i.entePrevidenziale,
    ccnl: i.ccnl,
    livelloInquadramento: i.livelloInquadramento,
    tipoOrario: orario(i.tipoOrario, i.oreSettimanaliMedie),
    qualificaProfessionale: i.qualificaProfessionale,
    RetribuzioneCompenso: str(i.retribuzione),
  };
}

function trasformazione(t: Trasformazione | undefined): Node | undefined {
  return (
    t && {
      '@_codTrasformazione': t.codice,
      '@_dataTrasformazione': t.data,
      TipologiaContrattuale: t.tipologiaContrattuale,
      tipoOrario: orario(t.tipoOrario, t.oreSettimanaliMedie),
    }
  );
}

function eventSections(co: CoRapporto): Node {
  const d = co.trasferimento;
  return {
    Proroga: co.proroga && { '@_dataFineProroga': co.proroga.dataFineProroga, '@_dataFineMissione': co.proroga.dataFineMissione },
    Trasformazione: trasformazione(co.trasformazione),
    TrasferimentoDistacco: d && {
      '@_tipo': d.tipo,
      '@_data': d.data,
      '@_dataFineDistacco': d.dataFineDistacco,
      '@_distaccoParziale': siNo(d.distaccoParziale),
      '@_distaccoAziendaEstera': siNo(d.distaccoAziendaEstera),
      SedeLavoro: sede(d.sedeLavoro),
      SedeLavoroPrecedente: sede(d.sedeLavoroPrecedente),
      Distaccatario: d.distaccatario && {
        '@_codiceFiscale': d.distaccatario.codiceFiscale,
        '@_denominazione': d.distaccatario.denominazione,
      },
    },
    Cessazione: co.cessazione && { '@_dataCessazione': co.cessazione.data, '@_codCausa': co.cessazione.causa },
  };
}

function body(co: Co): Node {
  switch (co.modello) {
    case 'UNILAV':
      return {
        DatoreLavoro: datore(co.datore),
        Lavoratore: lavoratore(co.lavoratore),
        InizioRapporto: {
          '@_dataInizio': co.inizio.dataInizio,
          '@_dataFine': co.inizio.dataFine,
          TipologiaContrattuale: co.inizio.tipologiaContrattuale,
          ...termini(co.inizio),
        },
        ...eventSections(co),
      };
    case 'UNISOMM': {
      const m = co.missione;
      return {
        AgenziaSomministrazione: {
          ...datore(co.datore, {
            '@_agenziaestera': siNo(co.agenzia?.estera),
            '@_numeroIscrizioneAlbo': co.agenzia?.numeroIscrizioneAlbo,
          }),
          RapportoAgenziaSomm: {
            '@_dataInizioSomm': co.inizio.dataInizio,
            '@_dataFineSomm': co.inizio.dataFine,
            '@_TipologiaContrattuale': co.inizio.tipologiaContrattuale,
            ...termini(co.inizio),
          },
        },
        Lavoratore: lavoratore(co.lavoratore),
        DittaUtilizzatrice: m && {
          ...datore(m.utilizzatore),
          InizioContratto: {
            Inizio: {
              '@_dataInizioMissione': m.dataInizio,
              '@_dataFineMissione': m.dataFine,
              tipoOrario: orario(m.tipoOrario, m.oreSettimanaliMedie),
              qualificaProfessionale: m.qualificaProfessionale,
            },
          },
        },
        ...eventSections(co),
      };
    }
    case 'VARDATORI':
      return {
        DatoreLavoro: datore(co.datore),
        DatorePrecedente: { '@_codiceFiscale': co.datorePrecedente.codiceFiscale, '@_denominazione': co.datorePrecedente.denominazione },
        Variazione: {
          '@_tipo': co.variazione.tipo,
          '@_dataVariazione': co.variazione.data,
          '@_dataFineRamoAffitto': co.variazione.dataFineRamoAffitto,
        },
        Lavoratore: co.lavoratori.map((l) => ({
          '@_codiceFiscale': l.codiceFiscale,
          '@_cognome': l.cognome,
          '@_nome': l.nome,
          '@_dataInizio': l.dataInizio,
          ...anagrafica(l),
          DatiRapporto: l.termini && { '@_dataFine': l.termini.dataFine, TipologiaContrattuale: l.termini.tipologiaContrattuale, ...termini(l.termini) },
        })),
      };
    case 'UNIURG':
      return {
        DatoreLavoro: datore(co.datore),
        Lavoratore: lavoratore(co.lavoratore),
        InizioRapporto: {
          '@_dataInizio': co.inizio.dataInizio,
          '@_dataFine': co.inizio.dataFine,
          TipologiaContrattuale: co.inizio.tipologiaContrattuale,
          ...termini(co.inizio),
        },
        MotivoUrgenza: co.motivoUrgenza,
      };
  }
}

function rootNode(co: Co): Node {
  const d = co.datiInvio;
  const root = XML_ROOTS[co.modello];
  return {
    [root.element]: clean({
      '@_xmlns': root.namespace,
      '@_codiceComunicazione': d.codiceComunicazione,
      '@_dataInvio': d.dataInvio,
      '@_versione': d.versione,
      '@_assunzioneForzaMaggiore': siNo(d.forzaMaggiore),
      DatiInvio: {
        '@_tipoComunicazione': d.tipoComunicazione,
        '@_tipoEvento': co.tipoEvento,
        '@_codiceComunicazionePrecedente': d.codiceComunicazionePrecedente,
        '@_codiceFiscaleComunicante': d.codiceFiscaleComunicante,
      },
      ...body(co),
    }),
  };
}

const DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n';

export function serializeCoXml(co: Co): string {
  return DECLARATION + (builder.build(rootNode(co)) as string);
}

/** Pieces of a <Comunicazioni> file, so large files can be streamed one CO at a time. */
export const XML_BATCH_OPEN = `${DECLARATION}<${XML_BATCH_ROOT}>\n`;
export const XML_BATCH_CLOSE = `</${XML_BATCH_ROOT}>\n`;
export function serializeCoXmlBatchItem(co: Co): string {
  return builder.build({ [XML_BATCH_ITEM]: rootNode(co) }) as string;
}

/** Several COs in one <Comunicazioni> file (what the generator writes). */
export function serializeCoXmlBatch(cos: readonly Co[]): string {
  return XML_BATCH_OPEN + cos.map(serializeCoXmlBatchItem).join('') + XML_BATCH_CLOSE;
}
