// Ministerial XML → plain object in the shape of the internal model. The result then goes through the same
// structural schema as JSON (structure.ts), so this file only maps names; it never decides validity,
// except for the root element and its namespace. Element names not seen in public samples follow their
// style and are listed in the README.
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { Modello } from './model';
import type { Problem, ValidationResult } from './problems';
import type { Co } from './model';
import { STRUCTURE_MESSAGES, parseStructure } from './structure';
import { XML_BATCH_ITEM, XML_BATCH_ROOT, XML_ROOTS, modelOfRoot } from './xml-names';

type Node = Record<string, unknown>;

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  // Values stay strings: codes such as cittadinanza 000 or CF 02877740213 must not become numbers.
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  processEntities: true,
  htmlEntities: false,
});

const node = (v: unknown): Node | undefined => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Node) : undefined);
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
const list = (v: unknown): Node[] => (Array.isArray(v) ? v : v === undefined ? [] : [v]).map((x) => node(x) ?? {});

/** Drops namespace prefixes from element and attribute names; xmlns declarations are removed. */
function stripNs(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(stripNs);
  const n = node(v);
  if (!n) return v;
  const out: Node = {};
  for (const [k, val] of Object.entries(n)) {
    if (k === '@_xmlns' || k.startsWith('@_xmlns:')) continue;
    const local = k.startsWith('@_') ? `@_${k.slice(2).replace(/^[^:]*:/, '')}` : k.replace(/^[^:]*:/, '');
    out[local] = stripNs(val);
  }
  return out;
}

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

function lavoratore(n: Node | undefined) {
  const a = at(n, 'AnagraficaCompleta');
  const nascita = at(a, 'nascita');
  return {
    codiceFiscale: text(a, 'codice-fiscale'),
    cognome: text(a, 'cognome'),
    nome: text(a, 'nome'),
    sesso: text(a, 'sesso'),
    nascita: { comune: text(nascita, 'comune'), data: text(nascita, 'data') },
    cittadinanza: text(a, 'cittadinanza'),
    domicilio: sede(at(n, 'IndirizzoLavoratore')),
  };
}

function orario(n: Node | undefined) {
  const o = at(n, 'tipoOrario');
  return { tipoOrario: attr(o, 'codice'), oreSettimanaliMedie: num(attr(o, 'oreSettimanaliMedie')) };
}

function rapportoDetails(n: Node | undefined) {
  return {
    ...orario(n),
    qualificaProfessionale: text(n, 'qualificaProfessionale'),
    ccnl: text(n, 'ccnl'),
    livelloInquadramento: text(n, 'livelloInquadramento'),
    retribuzione: num(text(n, 'RetribuzioneCompenso')),
  };
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

function envelope(r: Node) {
  const d = at(r, 'DatiInvio');
  return {
    tipoEvento: attr(d, 'tipoEvento'),
    datiInvio: {
      codiceComunicazione: attr(r, 'codiceComunicazione'),
      dataInvio: attr(r, 'dataInvio'),
      versione: attr(r, 'versione'),
      forzaMaggiore: yesNo(attr(r, 'assunzioneForzaMaggiore')),
      tipoComunicazione: attr(d, 'tipoComunicazione'),
      codiceComunicazionePrecedente: attr(d, 'codiceComunicazionePrecedente'),
      codiceFiscaleComunicante: attr(d, 'codiceFiscaleComunicante'),
    },
  };
}

const MAPPERS: Record<Modello, (r: Node) => unknown> = {
  UNILAV: (r) => {
    const i = at(r, 'InizioRapporto');
    return {
      modello: 'UNILAV',
      ...envelope(r),
      datore: datore(at(r, 'DatoreLavoro')),
      lavoratore: lavoratore(at(r, 'Lavoratore')),
      inizio: {
        dataInizio: attr(i, 'dataInizio'),
        dataFine: attr(i, 'dataFine'),
        dataFinePeriodoFormativo: attr(i, 'dataFinePeriodoFormativo'),
        entePrevidenziale: attr(i, 'entePrevidenziale'),
        tipologiaContrattuale: text(i, 'TipologiaContrattuale'),
        ...rapportoDetails(i),
      },
      ...eventSections(r),
    };
  },
  UNISOMM: (r) => {
    const a = at(r, 'AgenziaSomministrazione');
    const ra = at(a, 'RapportoAgenziaSomm');
    const u = at(r, 'DittaUtilizzatrice');
    const m = at(at(u, 'InizioContratto'), 'Inizio');
    return {
      modello: 'UNISOMM',
      ...envelope(r),
      datore: datore(a),
      agenzia: { numeroIscrizioneAlbo: attr(a, 'numeroIscrizioneAlbo'), estera: yesNo(attr(a, 'agenziaestera')) },
      lavoratore: lavoratore(at(r, 'Lavoratore')),
      inizio: {
        dataInizio: attr(ra, 'dataInizioSomm'),
        dataFine: attr(ra, 'dataFineSomm'),
        dataFinePeriodoFormativo: attr(ra, 'dataFinePeriodoFormativo'),
        entePrevidenziale: attr(ra, 'entePrevidenziale'),
        tipologiaContrattuale: attr(ra, 'TipologiaContrattuale'),
        ...rapportoDetails(ra),
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
  VARDATORI: (r) => {
    const p = at(r, 'DatorePrecedente');
    const v = at(r, 'Variazione');
    return {
      modello: 'VARDATORI',
      ...envelope(r),
      datore: datore(at(r, 'DatoreLavoro')),
      datorePrecedente: { codiceFiscale: attr(p, 'codiceFiscale'), denominazione: attr(p, 'denominazione') },
      variazione: { tipo: attr(v, 'tipo'), data: attr(v, 'dataVariazione'), dataFineRamoAffitto: attr(v, 'dataFineRamoAffitto') },
      lavoratori: list(r.Lavoratore).map((l) => ({
        codiceFiscale: attr(l, 'codiceFiscale'),
        cognome: attr(l, 'cognome'),
        nome: attr(l, 'nome'),
        dataInizio: attr(l, 'dataInizio'),
      })),
    };
  },
  UNIURG: (r) => {
    const i = at(r, 'InizioRapporto');
    return {
      modello: 'UNIURG',
      ...envelope(r),
      datore: datore(at(r, 'DatoreLavoro')),
      lavoratore: lavoratore(at(r, 'Lavoratore')),
      inizio: { dataInizio: attr(i, 'dataInizio'), dataFine: attr(i, 'dataFine'), tipologiaContrattuale: text(i, 'TipologiaContrattuale') },
      motivoUrgenza: text(r, 'MotivoUrgenza'),
    };
  },
};

const fail = (code: keyof typeof STRUCTURE_MESSAGES, path = ''): { ok: false; problems: Problem[] } => ({
  ok: false,
  problems: [{ path, code, message: STRUCTURE_MESSAGES[code] }],
});

/** One model root element (namespace-prefixed or not) → structurally checked Co. */
function fromRoot(name: string, raw: unknown): ValidationResult<Co> {
  const local = name.replace(/^[^:]*:/, '');
  const prefix = name.includes(':') ? name.slice(0, name.indexOf(':')) : undefined;
  const modello = modelOfRoot(local);
  if (!modello) return fail('UNKNOWN_ROOT');
  const declared = attr(node(raw), prefix ? `xmlns:${prefix}` : 'xmlns');
  if (declared !== XML_ROOTS[modello].namespace) return fail('NAMESPACE');
  return parseStructure(MAPPERS[modello](node(stripNs(raw)) ?? {}));
}

/** COs never need a DTD; refusing DOCTYPE rules out entity expansion and external-entity tricks. */
function parseDocument(xml: string): Node | undefined {
  if (/<!DOCTYPE/i.test(xml) || XMLValidator.validate(xml) !== true) return undefined;
  try {
    return node(parser.parse(xml));
  } catch {
    return undefined;
  }
}

const rootsOf = (doc: Node): string[] => Object.keys(doc).filter((k) => !k.startsWith('?'));

/** A single CO document → structurally checked Co (call validateCo for the business rules). */
export function parseCoXml(xml: string): ValidationResult<Co> {
  const doc = parseDocument(xml);
  if (!doc) return fail('INVALID_XML');
  const roots = rootsOf(doc);
  if (roots.length !== 1) return fail('UNKNOWN_ROOT');
  return fromRoot(roots[0], doc[roots[0]]);
}

/** A <Comunicazioni> file → one structural result per <Comunicazione>, in document order. */
export function parseCoXmlBatch(xml: string): ValidationResult<Co>[] | { ok: false; problems: Problem[] } {
  const doc = parseDocument(xml);
  if (!doc) return fail('INVALID_XML');
  const container = at(doc, XML_BATCH_ROOT);
  if (!container && doc[XML_BATCH_ROOT] !== '') return fail('UNKNOWN_ROOT');
  return list(container?.[XML_BATCH_ITEM]).map((item) => {
    const roots = Object.keys(item).filter((k) => !k.startsWith('@_'));
    return roots.length === 1 ? fromRoot(roots[0], item[roots[0]]) : fail('UNKNOWN_ROOT');
  });
}
