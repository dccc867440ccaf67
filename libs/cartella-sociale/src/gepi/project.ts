// The GePI case as served, and each citizen's link to it. The case view is built once per case; a citizen's
// cartella sociale carries links (the periods they belonged to the household, their own sostegni and
// impegni), never a copy of the case. Every list is sorted, so equal states give equal views.
import {
  currentRecords,
  currentVersion,
  versioniDocumento,
  type Aggiornamento,
  type Componente,
  type DocumentoRecord,
  type EnteCaso,
  type EntitaDocumento,
  type Impegno,
  type IsoDate,
  type RecordOf,
  type Sostegno,
  type StoredVersion,
} from '@fsl/gepi';
import type { CasoGepi } from './state';

type Upd<E extends keyof RecordOf> = Aggiornamento<E>;

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
const byId = <T extends { id: string }>(a: T, b: T) => cmp(a.id, b.id);

export interface Periodo {
  dal: IsoDate;
  al?: IsoDate;
}

export interface EnteVista {
  tipo: EnteCaso['tipo'];
  codice: string;
  dal: IsoDate;
  al?: IsoDate;
}

export interface VersioneDocumentoVista<E extends EntitaDocumento> {
  numeroVersione: number;
  /** The source version of the record that carries it. */
  versioneRecord: number;
  /** The ente in charge of the case on the day the version was drawn up (the case may have moved since). */
  ente?: EnteVista;
  dati: Upd<E>['dati'];
}

export interface DocumentoVista<E extends EntitaDocumento> {
  id: string;
  eliminato: boolean;
  /** Every version received, ascending: each addressable by its number. */
  versioni: Array<VersioneDocumentoVista<E>>;
  /** Numbers below the highest received that have not arrived (a gap, shown until filled). */
  versioniMancanti: number[];
  /** The highest number received. */
  versioneCorrente?: number;
}

export interface MembroVista {
  codiceFiscale: string;
  ruolo: Componente['ruolo'];
  /** Every period in the household, ascending. */
  periodi: Periodo[];
  /** Still in the household: one period has no end. */
  attuale: boolean;
  /** The flags of the latest period. */
  condizioni: Componente['condizioni'];
  categoriaSvantaggio?: Componente['categoriaSvantaggio'];
  inScala: boolean;
  attivabile: boolean;
  caricoCura: boolean;
  esonerato: boolean;
}

export interface CasoVista {
  casoId: string;
  /** The case record itself (null until it arrives, or once deleted: the other records keep their place). */
  caso: null | {
    versione: number;
    domandaId: string;
    misura: Upd<'caso'>['dati']['misura'];
    stato: Upd<'caso'>['dati']['stato'];
    dataApertura: IsoDate;
    dataAssegnazione?: IsoDate;
    dataChiusura?: IsoDate;
    motivoChiusura?: Upd<'caso'>['dati']['motivoChiusura'];
    /** The ente managing the case now: the last of the history. */
    enteCorrente: EnteVista;
    /** Every ente that managed it, in date order: a move closes one period and opens the next. */
    enti: EnteVista[];
    /** Roles and periods only: the operators' codici fiscali stay in the record, not in views. */
    operatori: Array<{ ruolo: Upd<'caso'>['dati']['operatori'][number]['ruolo'] } & Periodo>;
  };
  /** Members (current and past), by codice fiscale. */
  membri: MembroVista[];
  analisiPreliminari: Array<DocumentoVista<'analisi-preliminare'>>;
  quadriAnalisi: Array<DocumentoVista<'quadro-analisi'>>;
  pais: Array<DocumentoVista<'pais'>>;
  equipe: Array<{ id: string; versione: number } & Upd<'equipe-multidisciplinare'>['dati']>;
  partecipazioniPuc: Array<{ id: string; versione: number; codiceFiscale: string } & Upd<'partecipazione-puc'>['dati']>;
  pad: Array<{ id: string; versione: number } & Upd<'pad-nucleo'>['dati']>;
  /** Every document number missing across the case's documents, for a case-level warning. */
  documentiConVersioniMancanti: Array<{ entita: EntitaDocumento; id: string; versioniMancanti: number[] }>;
}

const ente = (e: EnteCaso): EnteVista => ({ tipo: e.tipo, codice: e.codice, dal: e.dal, ...(e.al ? { al: e.al } : {}) });

/** The ente in charge on a day, from the case's ente history. */
export function enteAl(enti: readonly EnteVista[], day: IsoDate): EnteVista | undefined {
  return enti.find((e) => e.dal <= day && (e.al === undefined || day <= e.al));
}

const currents = <E extends keyof RecordOf>(state: CasoGepi, entita: E): Array<StoredVersion<Upd<E>>> =>
  (currentRecords(state.sezioni[entita]) as Array<StoredVersion<Upd<E>>>).sort((a, b) => cmp(a.record.id, b.record.id));

function documenti<E extends EntitaDocumento>(state: CasoGepi, entita: E, enti: readonly EnteVista[]): Array<DocumentoVista<E>> {
  const section = state.sezioni[entita] as Record<string, Array<StoredVersion<RecordOf[E]>>>;
  return Object.keys(section)
    .sort(cmp)
    .map((id) => {
      const v = versioniDocumento(section[id] as unknown as Array<StoredVersion<DocumentoRecord>>);
      const versioni = v.versioni.map((x) => {
        const dati = x.record.dati as Upd<E>['dati'];
        const inCharge = enteAl(enti, dati.dataRedazione);
        return { numeroVersione: x.numeroVersione, versioneRecord: x.versioneRecord, ...(inCharge ? { ente: inCharge } : {}), dati };
      });
      return { id, eliminato: v.eliminato, versioni, versioniMancanti: v.mancanti, ...(v.corrente ? { versioneCorrente: v.corrente.numeroVersione } : {}) };
    });
}

function membri(state: CasoGepi): MembroVista[] {
  const periods = currents(state, 'nucleo-caso').flatMap((n) => n.record.dati.componenti);
  const byCf = new Map<string, Componente[]>();
  for (const c of periods) byCf.set(c.codiceFiscale, [...(byCf.get(c.codiceFiscale) ?? []), c]);
  return [...byCf.entries()]
    .sort(([a], [b]) => cmp(a, b))
    .map(([codiceFiscale, list]) => {
      const sorted = [...list].sort((a, b) => cmp(a.dal, b.dal));
      const last = sorted[sorted.length - 1];
      return {
        codiceFiscale,
        ruolo: last.ruolo,
        periodi: sorted.map((p) => ({ dal: p.dal, ...(p.al ? { al: p.al } : {}) })),
        attuale: sorted.some((p) => p.al === undefined),
        condizioni: [...last.condizioni],
        ...(last.categoriaSvantaggio ? { categoriaSvantaggio: last.categoriaSvantaggio } : {}),
        inScala: last.inScala,
        attivabile: last.attivabile,
        caricoCura: last.caricoCura,
        esonerato: last.esonerato,
      };
    });
}

export function projectCaso(state: CasoGepi): CasoVista {
  const c = currentVersion(state.sezioni.caso[state.casoId]) as StoredVersion<Upd<'caso'>> | undefined;
  const enti = c ? c.record.dati.enti.map(ente) : [];
  const d = c?.record.dati;
  const analisiPreliminari = documenti(state, 'analisi-preliminare', enti);
  const quadriAnalisi = documenti(state, 'quadro-analisi', enti);
  const pais = documenti(state, 'pais', enti);
  const gaps = <E extends EntitaDocumento>(entita: E, list: Array<DocumentoVista<E>>) => list.filter((x) => x.versioniMancanti.length > 0).map((x) => ({ entita, id: x.id, versioniMancanti: x.versioniMancanti }));
  return {
    casoId: state.casoId,
    caso: c && d
      ? {
          versione: c.versione,
          domandaId: d.domandaId,
          misura: d.misura,
          stato: d.stato,
          dataApertura: d.dataApertura,
          ...(d.dataAssegnazione ? { dataAssegnazione: d.dataAssegnazione } : {}),
          ...(d.dataChiusura ? { dataChiusura: d.dataChiusura } : {}),
          ...(d.motivoChiusura ? { motivoChiusura: d.motivoChiusura } : {}),
          enteCorrente: enti[enti.length - 1],
          enti,
          operatori: d.operatori.map((o) => ({ ruolo: o.ruolo, dal: o.dal, ...(o.al ? { al: o.al } : {}) })).sort((a, b) => cmp(a.ruolo, b.ruolo) || cmp(a.dal, b.dal)),
        }
      : null,
    membri: membri(state),
    analisiPreliminari,
    quadriAnalisi,
    pais,
    equipe: currents(state, 'equipe-multidisciplinare').map(({ record: r, versione }) => ({ id: r.id, versione, ...r.dati })),
    partecipazioniPuc: currents(state, 'partecipazione-puc').map(({ record: r, versione }) => ({ id: r.id, versione, codiceFiscale: r.codiceFiscale, ...r.dati })),
    pad: currents(state, 'pad-nucleo').map(({ record: r, versione }) => ({ id: r.id, versione, ...r.dati })),
    documentiConVersioniMancanti: [...gaps('analisi-preliminare', analisiPreliminari), ...gaps('quadro-analisi', quadriAnalisi), ...gaps('pais', pais)],
  };
}

function documentiDi<E extends EntitaDocumento>(vista: CasoVista, entita: E): Array<DocumentoVista<E>> {
  const lists: { [K in EntitaDocumento]: Array<DocumentoVista<K>> } = { 'analisi-preliminare': vista.analisiPreliminari, 'quadro-analisi': vista.quadriAnalisi, pais: vista.pais };
  return lists[entita] as Array<DocumentoVista<E>>;
}

/** "The specific version" of a document of the case, as consumers ask for it; undefined if not received. */
export function versioneDocumento<E extends EntitaDocumento>(vista: CasoVista, entita: E, id: string, numeroVersione: number): VersioneDocumentoVista<E> | undefined {
  return documentiDi(vista, entita).find((x) => x.id === id)?.versioni.find((v) => v.numeroVersione === numeroVersione);
}

/**
 * The case's document of a kind in force: of those not deleted, the one whose highest version was drawn up
 * last (then the smaller id). A case has one PaIS at a time; after a deletion GePI draws up another.
 */
export function documentoCorrente<E extends EntitaDocumento>(vista: CasoVista, entita: E): { id: string; versione: VersioneDocumentoVista<E> } | undefined {
  const correnti = documentiDi(vista, entita).flatMap((doc) => {
    const versione = doc.versioni.find((x) => x.numeroVersione === doc.versioneCorrente);
    return versione ? [{ id: doc.id, versione }] : [];
  });
  return correnti.sort((a, b) => cmp(b.versione.dati.dataRedazione, a.versione.dati.dataRedazione) || cmp(a.id, b.id))[0];
}

/** A citizen's link to a case: what their cartella sociale shows of it. */
export interface CollegamentoCaso {
  casoId: string;
  ruolo: Componente['ruolo'];
  /** The periods they belonged to the household: a member who left keeps the link for these. */
  periodi: Periodo[];
  attuale: boolean;
  domandaId?: string;
  stato?: Upd<'caso'>['dati']['stato'];
  enteCorrente?: EnteVista;
  /** The current PaIS (highest version received) that the sostegni and impegni come from. */
  pais?: { id: string; numeroVersione: number; stato: Upd<'pais'>['dati']['stato'] };
  /** Supports naming this citizen, and those for the whole household while they belong to it. */
  sostegni: Array<Sostegno & { paisId: string; perNucleo: boolean }>;
  /** Their own commitments. */
  impegni: Array<Impegno & { paisId: string }>;
  partecipazioniPuc: CasoVista['partecipazioniPuc'];
}

const overlaps = (p: Periodo, s: { dal: IsoDate; al?: IsoDate }): boolean => p.dal <= (s.al ?? '9999-12-31') && s.dal <= (p.al ?? '9999-12-31');

/** This citizen's link to the case, or undefined when they never belonged to its household. */
export function collegamentoCittadino(vista: CasoVista, codiceFiscale: string): CollegamentoCaso | undefined {
  const me = vista.membri.find((m) => m.codiceFiscale === codiceFiscale);
  if (me === undefined) return undefined;
  const belongs = (s: { dal: IsoDate; al?: IsoDate }) => me.periodi.some((p) => overlaps(p, s));
  const sostegni: CollegamentoCaso['sostegni'] = [];
  const impegni: CollegamentoCaso['impegni'] = [];
  const paisCorrenti = vista.pais.flatMap((doc) => {
    const v = doc.versioni.find((x) => x.numeroVersione === doc.versioneCorrente);
    return v ? [{ id: doc.id, v }] : [];
  });
  for (const { id, v } of paisCorrenti) {
    for (const s of v.dati.sostegni) {
      const mine = s.beneficiari.includes(codiceFiscale);
      if (mine || (s.beneficiari.length === 0 && belongs(s))) sostegni.push({ ...s, paisId: id, perNucleo: !mine });
    }
    for (const m of v.dati.impegni) if (m.codiceFiscale === codiceFiscale) impegni.push({ ...m, paisId: id });
  }
  const latest = documentoCorrente(vista, 'pais');
  return {
    casoId: vista.casoId,
    ruolo: me.ruolo,
    periodi: me.periodi,
    attuale: me.attuale,
    ...(vista.caso ? { domandaId: vista.caso.domandaId, stato: vista.caso.stato, enteCorrente: vista.caso.enteCorrente } : {}),
    ...(latest ? { pais: { id: latest.id, numeroVersione: latest.versione.numeroVersione, stato: latest.versione.dati.stato } } : {}),
    sostegni: sostegni.sort((a, b) => cmp(a.paisId, b.paisId) || byId(a, b)),
    impegni: impegni.sort((a, b) => cmp(a.paisId, b.paisId) || byId(a, b)),
    partecipazioniPuc: vista.partecipazioniPuc.filter((p) => p.codiceFiscale === codiceFiscale),
  };
}

/** A citizen's links to every case given (the cases of the households they belonged to), by case id. */
export function collegamentiCittadino(viste: readonly CasoVista[], codiceFiscale: string): CollegamentoCaso[] {
  return viste
    .flatMap((v) => collegamentoCittadino(v, codiceFiscale) ?? [])
    .sort((a, b) => cmp(a.casoId, b.casoId));
}

/**
 * The keys the e-services look a case up by, one row each so that every lookup is one indexed query: the
 * application it handles, every ente that managed it (with the period: "the cases an ente manages" is the
 * rows whose period is open), and every citizen who belonged to the household (with their periods).
 */
export interface ChiaviCaso {
  casoId: string;
  domandaId?: string;
  enti: EnteVista[];
  cittadini: Array<{ codiceFiscale: string } & Periodo>;
}

export function chiaviCaso(vista: CasoVista): ChiaviCaso {
  return {
    casoId: vista.casoId,
    ...(vista.caso ? { domandaId: vista.caso.domandaId } : {}),
    enti: vista.caso ? vista.caso.enti : [],
    cittadini: vista.membri.flatMap((m) => m.periodi.map((p) => ({ codiceFiscale: m.codiceFiscale, ...p }))),
  };
}
