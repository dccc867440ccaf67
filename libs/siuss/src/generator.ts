// A seeded generator of one municipality's WaaS flows, oldest first, as its GET /flussi would serve them:
// PS_PSA_SINA benefits (periodic and one-off, with and without the SINA block) and SINBA cases, valid and
// invalid on purpose (each with the defect it carries and whether the official XSD itself refuses it),
// cancellations of earlier benefits, several flows sharing one ts_flusso and, when asked, a burst of flows
// on one timestamp larger than a page. Deterministic: the same options give the same flows on every machine.
import { belfioreTable, Rng, deriveSeed } from '@fsl/co';
import { encodePersonalCf, omocodicVariant } from '@fsl/codice-fiscale';
import { defaultTables, NOMENCLATURA_LAYOUT } from './codes';
import type { FlussoEntry, TipoFlusso } from './entry';
import type { DatiPrestazione, DatiSinba, Intestazione, PrestazioneSociale, PresaInCaricoSinba } from './model';
import { flussoEntry, flussoXml } from './xml-write';
import { NAMESPACE, SINBA_ATTRIBUTES, modelName } from './xsd-spec';

/** What is wrong with an invalid flow on purpose; `schemaRefuses` says whether the official XSD refuses it too. */
export const DIFETTI = {
  DUE_PRESTAZIONI: { tipo: 'PS_PSA_SINA', schemaRefuses: false },
  DUE_BENEFICIARI: { tipo: 'PS_PSA_SINA', schemaRefuses: false },
  CARATTERE_MANCANTE: { tipo: 'PS_PSA_SINA', schemaRefuses: false },
  CF_CARATTERE_CONTROLLO: { tipo: 'PS_PSA_SINA', schemaRefuses: false },
  ATTRIBUTO_OBBLIGATORIO_MANCANTE: { tipo: 'PS_PSA_SINA', schemaRefuses: true },
  DATA_INESISTENTE: { tipo: 'PS_PSA_SINA', schemaRefuses: true },
  CODICE_FUORI_ELENCO: { tipo: 'PS_PSA_SINA', schemaRefuses: true },
  CF_OMOCODIA_OLTRE_SCHEMA: { tipo: 'PS_PSA_SINA', schemaRefuses: true },
  ORE_CON_VIRGOLA: { tipo: 'PS_PSA_SINA', schemaRefuses: true },
  ORDINE_ELEMENTI: { tipo: 'PS_PSA_SINA', schemaRefuses: true },
  NAMESPACE_ERRATO: { tipo: 'PS_PSA_SINA', schemaRefuses: true },
  XML_MALFORMATO: { tipo: 'PS_PSA_SINA', schemaRefuses: true },
  SINBA_DUE_MINORI: { tipo: 'SINBA', schemaRefuses: false },
  SINBA_DATA_MESE_ANNO: { tipo: 'SINBA', schemaRefuses: true },
  /** Not XML at all: no schema can judge it. */
  BASE64_ERRATO: { tipo: 'PS_PSA_SINA', schemaRefuses: undefined },
} as const satisfies Record<string, { tipo: TipoFlusso; schemaRefuses: boolean | undefined }>;
export type Difetto = keyof typeof DIFETTI;

export interface FlussoGenerato {
  entry: FlussoEntry;
  /** The decoded flow the entry carries (for a defective one: what it would have been without the defect). */
  flusso: PrestazioneSociale | PresaInCaricoSinba;
  /** The XML in the entry, as text. */
  xml: string;
  difetto?: Difetto;
  /** For a cancellation: the id_flusso of the insert it voids. */
  cancella?: string;
}

export interface GenerateFlussiOptions {
  seed: number;
  /** Belfiore code of the municipality (from libs/co's table). */
  codiceEnte: string;
  /** Default: "Comune di <name>" from the Belfiore table. */
  denominazioneEnte?: string;
  /** Number of flows (the burst comes on top). */
  count: number;
  /** Epoch ms of the first ts_flusso (default 2025-03-03T08:00:00Z). */
  start?: number;
  /** Shares, each between 0 and 1. */
  sinbaShare?: number;
  invalidShare?: number;
  cancellationShare?: number;
  /** Share of flows written on the previous flow's ts_flusso. */
  sharedTimestampShare?: number;
  /** Share of benefits with a code the shipped nomenclature does not know (a CODE_UNKNOWN warning). */
  unknownCodeShare?: number;
  /** A run of this many flows on one ts_flusso in the middle (more than a page of 100: the cursor trap). */
  burst?: number;
  /** Beneficiaries' codici fiscali to draw from (e.g. the demo workers); default: made up from the seed. */
  beneficiari?: readonly string[];
  /** How ts_flusso is written: the OpenAPI's date-time (default) or the change log's milliseconds. */
  tsFormat?: 'date-time' | 'millis';
  /** Defects to draw from (default: all). */
  difetti?: readonly Difetto[];
}

const DEFAULT_START = Date.UTC(2025, 2, 3, 8, 0, 0);
const COGNOMI = ['ROSSI', 'RUSSO', 'FERRARI', 'ESPOSITO', 'BIANCHI', 'ROMANO', 'COLOMBO', 'RICCI', 'MARINO', 'GRECO', 'BRUNO', 'GALLO', 'CONTI', 'DE LUCA', 'COSTA'];
const NOMI_M = ['MARCO', 'LUCA', 'GIUSEPPE', 'ANDREA', 'FRANCESCO', 'ANTONIO', 'MATTEO', 'PAOLO'];
const NOMI_F = ['GIULIA', 'MARIA', 'ANNA', 'FRANCESCA', 'SARA', 'CHIARA', 'ELENA', 'LAURA'];
/** Residence codes of a few large comuni: region (DM 1986 numbering) and ISTAT code, as the flows carry them. */
const RESIDENZE = [
  { regione: '12', comune: '058091' },
  { regione: '03', comune: '015146' },
  { regione: '15', comune: '063049' },
  { regione: '01', comune: '001272' },
  { regione: '08', comune: '037006' },
] as const;
const LUOGHI_NASCITA = ['H501', 'F205', 'F839', 'L219', 'A944', 'D612', 'G273', 'A662'];

const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const money = (cents: number) => `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;

class Flows {
  private readonly rng: Rng;
  private readonly progressivi = new Map<string, number>();
  private readonly table = defaultTables();
  private readonly codici: string[];
  private readonly ente: { codice: string; denominazione: string };
  private readonly cfOperatore: string;
  private n = 0;

  constructor(private readonly o: Required<Omit<GenerateFlussiOptions, 'beneficiari' | 'denominazioneEnte' | 'difetti'>> & Pick<GenerateFlussiOptions, 'beneficiari' | 'denominazioneEnte' | 'difetti'>) {
    this.rng = new Rng(deriveSeed(o.seed, 0x5155));
    const row = belfioreTable().lookup(o.codiceEnte);
    if (row.status !== 'known') throw new RangeError('generateFlussi: codiceEnte is not a Belfiore code of libs/co\'s table');
    this.ente = { codice: o.codiceEnte, denominazione: o.denominazioneEnte ?? `Comune di ${row.row.description}`.slice(0, 100) };
    // Names of at least 10 characters (the XSD's minimum for DenominazionePrestazione).
    this.codici = this.table.table('nomenclaturaPrestazioni').rowsInForce().filter((r) => r.description.length >= 10 && NOMENCLATURA_LAYOUT.test(r.code)).map((r) => r.code);
    this.cfOperatore = encodePersonalCf({ surname: 'OPERATORE', name: 'SOCIALE', sex: 'F', birthDate: '1980-05-12', placeCode: o.codiceEnte });
  }

  idFlusso(tipo: TipoFlusso, ts: number): string {
    const day = iso(ts).replace(/-/g, '');
    const k = `${tipo}/${day}`;
    const next = (this.progressivi.get(k) ?? 0) + 1;
    this.progressivi.set(k, next);
    return `${this.o.codiceEnte}.${tipo === 'SINBA' ? 'SINBA' : 'PS'}.${day}.${String(next).padStart(7, '0')}`;
  }

  intestazione(tipo: TipoFlusso, ts: number): Intestazione {
    const idFlusso = this.idFlusso(tipo, ts);
    return {
      codiceEnte: this.o.codiceEnte,
      denominazioneEnte: this.ente.denominazione,
      idFlusso,
      tipo,
      tsFlusso: this.o.tsFormat === 'millis' ? String(ts) : new Date(ts).toISOString(),
      tsFlussoMillis: ts,
      nomeFlusso: idFlusso,
      ente: { codice: this.o.codiceEnte, denominazione: this.ente.denominazione, indirizzo: this.o.codiceEnte, cfOperatore: this.cfOperatore },
    };
  }

  beneficiario(i: number): PrestazioneSociale['beneficiario'] {
    const r = new Rng(deriveSeed(this.o.seed, 1000 + i));
    const sex = r.chance(0.5) ? 'M' : 'F';
    const year = r.int(1940, 2005);
    const birthDate = `${year}-${String(r.int(1, 12)).padStart(2, '0')}-${String(r.int(1, 28)).padStart(2, '0')}`;
    const surname = r.pick(COGNOMI);
    const name = r.pick(sex === 'M' ? NOMI_M : NOMI_F);
    const placeCode = r.pick(LUOGHI_NASCITA);
    const given = this.o.beneficiari?.length ? this.o.beneficiari[i % this.o.beneficiari.length] : undefined;
    const res = r.pick(RESIDENZE);
    return {
      codiceFiscale: given ?? encodePersonalCf({ surname, name, sex, birthDate, placeCode }),
      anagrafica: { cognome: surname, nome: name, annoNascita: String(year), luogoNascita: placeCode, genere: sex === 'M' ? '1' : '2', codiceCittadinanza: '380' },
      indirizzi: [{ codiceRegione: res.regione, codiceComune: res.comune, codiceNazione: '380' }],
    };
  }

  prestazione(ts: number): DatiPrestazione {
    const r = this.rng;
    const codice = r.chance(this.o.unknownCodeShare) ? r.pick(['A2.17', 'A2.18', 'B1.04']) : r.pick(this.codici);
    const nome = this.table.table('nomenclaturaPrestazioni').lookup(codice);
    const periodico = r.chance(0.75);
    const start = ts - r.int(10, 200) * 86_400_000;
    const startIso = iso(start);
    const year = startIso.slice(0, 4);
    const isee = r.chance(0.6);
    const importo = r.int(5_000, 120_000);
    const utente = isee ? r.int(0, Math.floor(importo / 4)) : 0;
    const ssn = r.chance(0.2) ? r.int(1, Math.floor((importo - utente) / 3)) : 0;
    const ente = importo - utente - ssn;
    const presaCarico = r.chance(0.7) ? '1' : '2';
    const dati: DatiPrestazione = {
      tipoOperazione: r.chance(0.7) ? 'I' : undefined,
      presenzaProvaMezzi: isee ? '1' : r.pick(['2', '3', '4']),
      caratterePrestazione: periodico ? '1' : '2',
      ...(isee ? { numeroProtocolloDSU: `INPS-ISEE-${year}-${r.digits(9)}-00`, annoProtocolloDSU: year, dataDSU: `${year}-01-${String(r.int(10, 28)).padStart(2, '0')}` } : {}),
      codicePrestazione: codice,
      denominazionePrestazione: nome.status === 'known' ? nome.row.description : 'Intervento sociale non classificato',
      protocolloDomanda: `PROT-${year}-${r.digits(6)}`,
      dataEvento: iso(start - r.int(1, 30) * 86_400_000),
      ...(periodico
        ? { dataInizioPrestazione: startIso, ...(r.chance(0.8) ? { dataFinePrestazione: `${year}-12-31` } : {}), periodoErogazione: r.int(1, 12), importoMensile: money(importo) }
        : { dataErogazionePrestazione: startIso, importoPrestazione: money(importo) }),
      importoQuotaEnte: money(ente),
      importoQuotaUtente: money(utente),
      ...(ssn > 0 ? { importoQuotaSSN: money(ssn) } : {}),
      ...(r.chance(0.5) ? { importoQuotaRichiesta: money(importo + r.int(0, 5000)) } : {}),
      ...(isee ? { importoSogliaISEE: money(r.pick([900_000, 1_500_000, 2_000_000, 3_000_000])) } : {}),
      ...(r.chance(0.3) ? { oreServizioMensile: `${r.int(1, 60)}.${r.pick(['0', '5', '25'])}` } : {}),
      presaCarico,
      ...(presaCarico === '1' ? { areaUtenza: r.pick(['1', '2', '3']) } : {}),
    };
    if (dati.areaUtenza === '2' && r.chance(0.7)) {
      dati.sina = {
        mobilita: r.pick(['1', '2', '3']),
        attivitaVitaQuotidiana: r.pick(['1', '2', '3']),
        ...(r.chance(0.5) ? { disturbiAreaCognitiva: r.pick(['1', '2', '3']) } : {}),
        disturbiComportamentali: r.pick(['1', '2']),
        ...(r.chance(0.5) ? { necessitaCureSanitarie: r.pick(['1', '2', '3']) } : {}),
        areaReddituale: r.pick(['1', '2', '3']),
        areaSupporto: r.pick(['1', '2', '3']),
        fonteDerivazioneValutazione: r.pick(['1', '2', '3', '4']),
        strumentoValutazione: String(r.int(1, 7)),
        ...(r.chance(0.5) ? { fonteDerivazioneInvalidita: r.pick(['1', '2']) } : {}),
        ...(r.chance(0.6) ? { necessitaInterventiSociali: [r.pick(this.codici), r.pick(this.codici)].filter((c, k, a) => a.indexOf(c) === k) } : {}),
        ...(r.chance(0.6) ? { invaliditaCivile: [String(r.int(1, 8))] } : {}),
      };
    }
    return dati;
  }

  sinba(ts: number): PresaInCaricoSinba['sinba'] {
    const r = this.rng;
    const anno = r.int(2008, 2023);
    const eta = new Date(ts).getUTCFullYear() - anno;
    const dati: Record<string, string | number> = {};
    for (const [name, a] of Object.entries(SINBA_ATTRIBUTES)) {
      if (!a.required && !r.chance(0.4)) continue;
      const t = a.type;
      if (t.kind === 'enum') dati[modelName(name)] = r.pick(t.values);
    }
    const mese = () => `${String(r.int(1, 12)).padStart(2, '0')}/${r.int(Math.max(anno, 2015), 2024)}`;
    Object.assign(dati, {
      idBeneficiario: `MIN-${this.o.codiceEnte}-${r.digits(6)}`,
      dataPrimaSegnalazione: mese(),
      annoNascita: String(anno),
      fasciaEtaBeneficiario: String(Math.min(6, Math.max(1, Math.floor(eta / 3) + 1))),
      codiceNazioneResidenza: '380',
      codiceRegioneResidenza: r.pick(RESIDENZE).regione,
    });
    if (r.chance(0.4)) dati.dataSegnalazione = mese();
    if (r.chance(0.3)) dati.numeroComponentiISEE = r.int(2, 9);
    if (r.chance(0.3)) dati.codiceCittadinanzaMadre = r.pick(['380', '100', '204']);
    const prestazioni = Array.from({ length: r.int(1, 3) }, () => r.pick(this.codici)).filter((c, k, a) => a.indexOf(c) === k);
    const famiglia = Array.from({ length: r.int(1, 3) }, () => String(r.int(1, 6))).filter((c, k, a) => a.indexOf(c) === k);
    return { ...(dati as unknown as Omit<DatiSinba, 'prestazioni' | 'famiglia'>), prestazioni, famiglia };
  }

  /** Turns a valid flow into one with `d`, returning the XML or entry to serve. */
  spoil(f: PrestazioneSociale | PresaInCaricoSinba, d: Difetto): { xml: string; entry?: FlussoEntry } {
    const xml = flussoXml(f);
    const swapAttr = (name: string, value: string) => xml.replace(new RegExp(` ${name}="[^"]*"`), ` ${name}="${value}"`);
    switch (d) {
      case 'DUE_PRESTAZIONI': {
        const p = /( *<PrestazioniSociali[^>]*?\/>| *<PrestazioniSociali[^>]*>[\s\S]*?<\/PrestazioniSociali>)/.exec(xml)![1];
        return { xml: xml.replace(p, `${p}\n${p.replace(/ProtocolloDomanda="[^"]*"/, 'ProtocolloDomanda="PROT-ALTRA"')}`) };
      }
      case 'DUE_BENEFICIARI': {
        const b = /( *<Beneficiario[\s\S]*?<\/Beneficiario>)/.exec(xml)![1];
        return { xml: xml.replace(b, `${b}\n${b}`) };
      }
      case 'CARATTERE_MANCANTE':
        return { xml: xml.replace(/ CaratterePrestazione="[^"]*"/, '') };
      case 'CF_CARATTERE_CONTROLLO': {
        const cf = (f as PrestazioneSociale).beneficiario.codiceFiscale;
        const last = cf[cf.length - 1];
        return { xml: xml.replace(`CodiceFiscale="${cf}"`, `CodiceFiscale="${cf.slice(0, -1)}${last === 'Z' ? 'A' : String.fromCharCode(last.charCodeAt(0) + 1)}"`) };
      }
      case 'ATTRIBUTO_OBBLIGATORIO_MANCANTE':
        return { xml: xml.replace(/ ProtocolloDomanda="[^"]*"/, '') };
      case 'DATA_INESISTENTE':
        return { xml: xml.replace(/ (DataInizioPrestazione|DataErogazionePrestazione)="(\d{4})-[^"]*"/, (_, n: string, y: string) => ` ${n}="${y}-02-30"`) };
      case 'CODICE_FUORI_ELENCO':
        return { xml: swapAttr('PresaCarico', '3') };
      case 'CF_OMOCODIA_OLTRE_SCHEMA': {
        const cf = (f as PrestazioneSociale).beneficiario.codiceFiscale;
        return { xml: xml.replace(`CodiceFiscale="${cf}"`, `CodiceFiscale="${omocodicVariant(cf, 4)}"`) };
      }
      case 'ORE_CON_VIRGOLA':
        return { xml: / OreServizioMensile="/.test(xml) ? swapAttr('OreServizioMensile', '2,30') : xml.replace(' PresaCarico=', ' OreServizioMensile="2,30" PresaCarico=') };
      case 'ORDINE_ELEMENTI': {
        const a = /( *<Anagrafica[^>]*\/>)\n( *<Indirizzo[^>]*\/>)/.exec(xml)!;
        return { xml: xml.replace(a[0], `${a[2]}\n${a[1]}`) };
      }
      case 'NAMESPACE_ERRATO':
        return { xml: xml.replace(`xmlns="${NAMESPACE}"`, 'xmlns="http://inps.it/Casellario/v2"') };
      case 'XML_MALFORMATO':
        return { xml: xml.replace('</Beneficiario>', '</Beneficiari>') };
      case 'SINBA_DUE_MINORI': {
        const s = /( *<SINBA [\s\S]*?<\/SINBA>)/.exec(xml)![1];
        return { xml: xml.replace(s, `${s}\n${s.replace(/IDBeneficiario="[^"]*"/, 'IDBeneficiario="MIN-ALTRO"')}`) };
      }
      case 'SINBA_DATA_MESE_ANNO':
        return { xml: swapAttr('DataPrimaSegnalazione', '13/2020') };
      case 'BASE64_ERRATO':
        return { xml, entry: { ...flussoEntry(f, xml), flusso: 'PEZsdXNzbz4=!' } };
    }
  }

  next(ts: number, kind: 'PS' | 'SINBA', difetto?: Difetto): FlussoGenerato {
    const i = this.n++;
    const tipo: TipoFlusso = kind === 'SINBA' ? 'SINBA' : 'PS_PSA_SINA';
    const f: PrestazioneSociale | PresaInCaricoSinba =
      tipo === 'SINBA'
        ? { tipo: 'SINBA', intestazione: this.intestazione(tipo, ts), sinba: this.sinba(ts) }
        : { tipo: 'PS_PSA_SINA', intestazione: this.intestazione(tipo, ts), beneficiario: this.beneficiario(i), prestazione: this.prestazione(ts) };
    if (!difetto) {
      const xml = flussoXml(f);
      return { entry: flussoEntry(f, xml), flusso: f, xml };
    }
    const spoiled = this.spoil(f, difetto);
    return { entry: spoiled.entry ?? flussoEntry(f, spoiled.xml), flusso: f, xml: spoiled.xml, difetto };
  }

  /** A cancellation of `of`: the same benefit re-sent with TipoOperazione C under a new id and timestamp. */
  cancellation(of: PrestazioneSociale, ts: number, idOf: string): FlussoGenerato {
    const f: PrestazioneSociale = { ...of, intestazione: this.intestazione('PS_PSA_SINA', ts), prestazione: { ...of.prestazione, tipoOperazione: 'C' } };
    const xml = flussoXml(f);
    return { entry: flussoEntry(f, xml), flusso: f, xml, cancella: idOf };
  }
}

/** The flows, oldest first (by ts_flusso; flows sharing a timestamp in the order generated). */
export function generateFlussi(opts: GenerateFlussiOptions): FlussoGenerato[] {
  const o = {
    start: DEFAULT_START,
    sinbaShare: 0.1,
    invalidShare: 0.08,
    cancellationShare: 0.08,
    sharedTimestampShare: 0.15,
    unknownCodeShare: 0.04,
    burst: 0,
    tsFormat: 'date-time' as const,
    ...opts,
  };
  const g = new Flows(o);
  const r = new Rng(deriveSeed(o.seed, 0xf1f0));
  const difetti = (o.difetti ?? (Object.keys(DIFETTI) as Difetto[])).filter((d) => DIFETTI[d] !== undefined);
  const out: FlussoGenerato[] = [];
  const cancellabili: FlussoGenerato[] = [];
  let ts = o.start;
  for (let k = 0; k < o.count; k++) {
    if (k > 0 && !r.chance(o.sharedTimestampShare)) ts += r.int(1, 900) * 1000 + r.int(0, 999);
    if (o.burst > 0 && k === Math.floor(o.count / 2)) {
      ts += 1000;
      for (let b = 0; b < o.burst; b++) out.push(g.next(ts, 'PS'));
      ts += 1000;
    }
    if (cancellabili.length > 0 && r.chance(o.cancellationShare)) {
      const victim = cancellabili.splice(r.int(0, cancellabili.length - 1), 1)[0];
      out.push(g.cancellation(victim.flusso as PrestazioneSociale, ts, victim.entry.id_flusso));
      continue;
    }
    if (difetti.length > 0 && r.chance(o.invalidShare)) {
      const d = r.pick(difetti);
      out.push(g.next(ts, DIFETTI[d].tipo === 'SINBA' ? 'SINBA' : 'PS', d));
      continue;
    }
    const f = g.next(ts, r.chance(o.sinbaShare) ? 'SINBA' : 'PS');
    out.push(f);
    if (f.flusso.tipo === 'PS_PSA_SINA') cancellabili.push(f);
  }
  return out;
}
