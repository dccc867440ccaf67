// Ministerial XML element and attribute names → plain object in the shape of the internal model. Only names
// are mapped here; validity is the structural schema's job (structure.ts), with three exceptions that only
// the XML has: dataInvio without an offset (Europe/Rome, rome-time.ts), a UNILAV/UNISOMM without an
// explicit event code (the event is told by the section present), and an envelope field given both as an
// attribute and as an element. Names not seen in public samples follow their style and are listed in
// libs/co/README.md.
import type { EventoRapporto, Modello } from './model';
import type { Problem } from './problems';
import { isLocalDateTime, withRomeOffset } from './rome-time';
import { STRUCTURE_MESSAGES } from './structure';

export type Node = Record<string, unknown>;

export const node = (v: unknown): Node | undefined => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Node) : undefined);
const at = (n: Node | undefined, name: string): Node | undefined => node(n?.[name]);
const attr = (n: Node | undefined, name: string): unknown => n?.[`@_${name}`];
function text(n: Node | undefined, name: string): unknown {
  const v = n?.[name];
  if (typeof v === 'string') return v;
  return node(v)?.['#text'];
}
function yesNo(v: unknown): unknown {
  return v === 'SI' ? true : v === 'NO' ? false : v;
}
function num(v: unknown): unknown {
  return typeof v === 'string' && /^-?\d+(\.\d+)?$/.test(v) ? Number(v) : v;
}
export const list = (v: unknown): Node[] => (Array.isArray(v) ? v : v === undefined ? [] : [v]).map((x) => node(x) ?? {});

/** Problems only the XML can have, found while mapping; reported together with the schema's. */
export class XmlMapping {
  readonly problems: Problem[] = [];

  private add(path: string, code: 'XML_VALUE_CONFLICT' | 'EVENT_SECTION_AMBIGUOUS' | 'EVENT_SECTION_MISSING'): void {
    this.problems.push({ path, code, message: STRUCTURE_MESSAGES[code] });
  }

  /** An envelope field sent as an attribute or as a child element (both seen in senders' files). */
  field(n: Node | undefined, name: string, path: string): unknown {
    const a = attr(n, name);
    const e = text(n, name);
    if (a !== undefined && e !== undefined && a !== e) this.add(path, 'XML_VALUE_CONFLICT');
    return a ?? e;
  }

  /**
   * The event code, or the event told by the one event section present. `start` is the element that
   * carries the rapporto's start, which every event repeats (it identifies the rapporto): alone, it is
   * the hiring.
   */
  evento(explicit: unknown, r: Node, start: string): unknown {
    if (explicit !== undefined) return explicit;
    const present = EVENT_SECTIONS.filter(([element]) => r[element] !== undefined);
    if (present.length === 1) return present[0][2];
    if (present.length > 1) {
      for (const [, path] of present) this.add(path, 'EVENT_SECTION_AMBIGUOUS');
      return undefined;
    }
    if (r[start] !== undefined) return 'ASS';
    this.add('tipoEvento', 'EVENT_SECTION_MISSING');
    return undefined;
  }
}

/** Element of each event section, its model path, its event. */
const EVENT_SECTIONS: ReadonlyArray<readonly [string, string, EventoRapporto]> = [
  ['Proroga', 'proroga', 'PRO'],
  ['Trasformazione', 'trasformazione', 'TRS'],
  ['TrasferimentoDistacco', 'trasferimento', 'TRD'],
  ['Cessazione', 'cessazione', 'CES'],
];

function sede(n: Node | undefined) {
  return { comune: text(n, 'Comune'), cap: text(n, 'cap'), indirizzo: text(n, 'Indirizzo') };
}

function datore(n: Node | undefined) {
  return {
    codiceFiscale: attr(n, 'codiceFiscale'),
    denominazione: attr(n, 'denominazione'),
    settore: text(n, 'Settore'),
    pubblicaAmministrazione: yesNo(text(n, 'PubblicaAmministrazione')),
    sedeLegale: sede(at(n, 'SedeLegale')),
    sedeLavoro: sede(at(n, 'SedeLavoro')),
  };
}

/** Lavoratore/extraCE: the residence permit of a non-EU worker. */
function permesso(n: Node | undefined) {
  const p = at(n, 'extraCE');
  return {
    tipoDocumento: text(p, 'tipoDocumento'),
    numeroDocumento: text(p, 'numeroDocumento'),
    motivo: text(p, 'motivoPermesso'),
    scadenza: text(p, 'dataScadenzaPS'),
    questura: text(p, 'questura'),
  };
}

/** Everything about a worker but the identifying fields (which sit elsewhere in VarDatori). */
function anagrafica(n: Node | undefined) {
  const a = at(n, 'AnagraficaCompleta');
  const nascita = at(a, 'nascita');
  return {
    sesso: text(a, 'sesso'),
    nascita: { comune: text(nascita, 'comune'), data: text(nascita, 'data') },
    cittadinanza: text(a, 'cittadinanza'),
    domicilio: sede(at(n, 'IndirizzoLavoratore')),
    permessoSoggiorno: permesso(n),
  };
}

function lavoratore(n: Node | undefined) {
  const a = at(n, 'AnagraficaCompleta');
  return { codiceFiscale: text(a, 'codice-fiscale'), cognome: text(a, 'cognome'), nome: text(a, 'nome'), ...anagrafica(n) };
}

function orario(n: Node | undefined) {
  const o = at(n, 'tipoOrario');
  return { tipoOrario: attr(o, 'codice'), oreSettimanaliMedie: num(attr(o, 'oreSettimanaliMedie')) };
}

/** The terms shared by InizioRapporto (UNILAV, UNIURG), RapportoAgenziaSomm and VarDatori's DatiRapporto. */
function termini(n: Node | undefined) {
  return {
    dataFinePeriodoFormativo: attr(n, 'dataFinePeriodoFormativo'),
    entePrevidenziale: attr(n, 'entePrevidenziale'),
    ...orario(n),
    qualificaProfessionale: text(n, 'qualificaProfessionale'),
    ccnl: text(n, 'ccnl'),
    livelloInquadramento: text(n, 'livelloInquadramento'),
    retribuzione: num(text(n, 'RetribuzioneCompenso')),
  };
}

/** InizioRapporto of a UNILAV or a UNIURG. */
function inizioRapporto(i: Node | undefined) {
  return { dataInizio: attr(i, 'dataInizio'), dataFine: attr(i, 'dataFine'), tipologiaContrattuale: text(i, 'TipologiaContrattuale'), ...termini(i) };
}

function eventSections(r: Node) {
  const p = at(r, 'Proroga');
  const t = at(r, 'Trasformazione');
  const d = at(r, 'TrasferimentoDistacco');
  const dd = at(d, 'Distaccatario');
  const c = at(r, 'Cessazione');
  return {
    proroga: { dataFineProroga: attr(p, 'dataFineProroga'), dataFineMissione: attr(p, 'dataFineMissione') },
    trasformazione: {
      codice: attr(t, 'codTrasformazione'),
      data: attr(t, 'dataTrasformazione'),
      tipologiaContrattuale: text(t, 'TipologiaContrattuale'),
      ...orario(t),
    },
    trasferimento: {
      tipo: attr(d, 'tipo'),
      data: attr(d, 'data'),
      dataFineDistacco: attr(d, 'dataFineDistacco'),
      distaccoParziale: yesNo(attr(d, 'distaccoParziale')),
      distaccoAziendaEstera: yesNo(attr(d, 'distaccoAziendaEstera')),
      sedeLavoro: sede(at(d, 'SedeLavoro')),
      sedeLavoroPrecedente: sede(at(d, 'SedeLavoroPrecedente')),
      distaccatario: { codiceFiscale: attr(dd, 'codiceFiscale'), denominazione: attr(dd, 'denominazione') },
    },
    cessazione: { data: attr(c, 'dataCessazione'), causa: attr(c, 'codCausa') },
  };
}

function envelope(r: Node, x: XmlMapping, evento: (explicit: unknown) => unknown) {
  const d = at(r, 'DatiInvio');
  const dataInvio = x.field(r, 'dataInvio', 'datiInvio.dataInvio');
  return {
    tipoEvento: evento(x.field(d, 'tipoEvento', 'tipoEvento')),
    datiInvio: {
      codiceComunicazione: x.field(r, 'codiceComunicazione', 'datiInvio.codiceComunicazione'),
      // The ministry's files write Italian local time without an offset.
      dataInvio: typeof dataInvio === 'string' && isLocalDateTime(dataInvio.trim()) ? withRomeOffset(dataInvio.trim()) : dataInvio,
      versione: x.field(r, 'versione', 'datiInvio.versione'),
      forzaMaggiore: yesNo(attr(r, 'assunzioneForzaMaggiore')),
      tipoComunicazione: x.field(d, 'tipoComunicazione', 'datiInvio.tipoComunicazione'),
      codiceComunicazionePrecedente: x.field(d, 'codiceComunicazionePrecedente', 'datiInvio.codiceComunicazionePrecedente'),
      codiceFiscaleComunicante: x.field(d, 'codiceFiscaleComunicante', 'datiInvio.codiceFiscaleComunicante'),
    },
  };
}

/** A model with a single event needs no event code to be told. */
const only = (e: string) => (explicit: unknown) => explicit ?? e;

export const MAPPERS: Record<Modello, (r: Node, x: XmlMapping) => unknown> = {
  UNILAV: (r, x) => ({
    modello: 'UNILAV',
    ...envelope(r, x, (e) => x.evento(e, r, 'InizioRapporto')),
    datore: datore(at(r, 'DatoreLavoro')),
    lavoratore: lavoratore(at(r, 'Lavoratore')),
    inizio: inizioRapporto(at(r, 'InizioRapporto')),
    ...eventSections(r),
  }),
  UNISOMM: (r, x) => {
    const a = at(r, 'AgenziaSomministrazione');
    const ra = at(a, 'RapportoAgenziaSomm');
    const u = at(r, 'DittaUtilizzatrice');
    const m = at(at(u, 'InizioContratto'), 'Inizio');
    return {
      modello: 'UNISOMM',
      ...envelope(r, x, (e) => x.evento(e, r, 'AgenziaSomministrazione')),
      datore: datore(a),
      agenzia: { numeroIscrizioneAlbo: attr(a, 'numeroIscrizioneAlbo'), estera: yesNo(attr(a, 'agenziaestera')) },
      lavoratore: lavoratore(at(r, 'Lavoratore')),
      inizio: {
        dataInizio: attr(ra, 'dataInizioSomm'),
        dataFine: attr(ra, 'dataFineSomm'),
        tipologiaContrattuale: attr(ra, 'TipologiaContrattuale'),
        ...termini(ra),
      },
      missione: {
        utilizzatore: datore(u),
        dataInizio: attr(m, 'dataInizioMissione'),
        dataFine: attr(m, 'dataFineMissione'),
        ...orario(m),
        qualificaProfessionale: text(m, 'qualificaProfessionale'),
      },
      ...eventSections(r),
    };
  },
  VARDATORI: (r, x) => {
    const p = at(r, 'DatorePrecedente');
    const v = at(r, 'Variazione');
    return {
      modello: 'VARDATORI',
      ...envelope(r, x, only('VAR')),
      datore: datore(at(r, 'DatoreLavoro')),
      datorePrecedente: { codiceFiscale: attr(p, 'codiceFiscale'), denominazione: attr(p, 'denominazione') },
      variazione: { tipo: attr(v, 'tipo'), data: attr(v, 'dataVariazione'), dataFineRamoAffitto: attr(v, 'dataFineRamoAffitto') },
      lavoratori: list(r.Lavoratore).map((l) => {
        const t = at(l, 'DatiRapporto');
        return {
          codiceFiscale: attr(l, 'codiceFiscale'),
          cognome: attr(l, 'cognome'),
          nome: attr(l, 'nome'),
          dataInizio: attr(l, 'dataInizio'),
          ...anagrafica(l),
          termini: { tipologiaContrattuale: text(t, 'TipologiaContrattuale'), dataFine: attr(t, 'dataFine'), ...termini(t) },
        };
      }),
    };
  },
  UNIURG: (r, x) => ({
    modello: 'UNIURG',
    ...envelope(r, x, only('URG')),
    datore: datore(at(r, 'DatoreLavoro')),
    lavoratore: lavoratore(at(r, 'Lavoratore')),
    inizio: inizioRapporto(at(r, 'InizioRapporto')),
    motivoUrgenza: text(r, 'MotivoUrgenza'),
  }),
};
