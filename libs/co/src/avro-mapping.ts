// The CO model ↔ the payload of subject co.comunicazione-obbligatoria (libs/schemas, current version: a v1
// message decodes to the same shape with the v2 fields null), both directions: the
// ingest writes with coToAvro, the dossier-builder reads with coFromAvro. Kept next to the model so a field
// added to one cannot be forgotten in the other (the round-trip tests cover every model).
//
// A CO concerns one worker, or several for VARDATORI; the event is per worker (the Kafka key is the
// worker's pseudonym, so each lands on its worker's partition), hence one payload per worker, each
// carrying the whole CO plus which worker it is for.
import type {
  CoDatoreRiferimentoV1,
  CoDatoreV1,
  CoLavoratoreV2,
  CoPermessoSoggiornoV2,
  CoSedeV1,
  CoTerminiV2,
  ComunicazioneObbligatoriaV2,
} from '@fsl/schemas';
import { contentHash } from './idempotency';
import { workerCfs, type AnagraficaLavoratore, type Co, type Datore, type Lavoratore, type PermessoSoggiorno, type Sede, type TerminiRapporto } from './model';
import { parseStructure } from './structure';

/** Avro has no "absent": optional model fields travel as null. */
const n = <T>(v: T | undefined): T | null => (v === undefined ? null : v);

const sedeOut = (s: Sede): CoSedeV1 => ({ comune: s.comune, cap: n(s.cap), indirizzo: n(s.indirizzo) });
const sedeOpt = (s: Sede | undefined): CoSedeV1 | null => (s ? sedeOut(s) : null);

function datoreOut(d: Datore): CoDatoreV1 {
  return {
    codiceFiscale: d.codiceFiscale,
    denominazione: d.denominazione,
    settore: n(d.settore),
    pubblicaAmministrazione: n(d.pubblicaAmministrazione),
    sedeLegale: sedeOpt(d.sedeLegale),
    sedeLavoro: sedeOpt(d.sedeLavoro),
  };
}

const riferimentoOut = (d: { codiceFiscale: string; denominazione?: string }): CoDatoreRiferimentoV1 => ({
  codiceFiscale: d.codiceFiscale,
  denominazione: n(d.denominazione),
});

const permessoOut = (p: PermessoSoggiorno | undefined): CoPermessoSoggiornoV2 | null =>
  p ? { tipoDocumento: p.tipoDocumento, numeroDocumento: p.numeroDocumento, motivo: n(p.motivo), scadenza: n(p.scadenza), questura: n(p.questura) } : null;

function anagraficaOut(l: AnagraficaLavoratore): Omit<CoLavoratoreV2, 'codiceFiscale' | 'cognome' | 'nome'> {
  return {
    sesso: n(l.sesso),
    nascita: l.nascita ? { comune: l.nascita.comune, data: l.nascita.data } : null,
    cittadinanza: n(l.cittadinanza),
    domicilio: sedeOpt(l.domicilio),
    permessoSoggiorno: permessoOut(l.permessoSoggiorno),
  };
}

function lavoratoreOut(l: Lavoratore): CoLavoratoreV2 {
  return { codiceFiscale: l.codiceFiscale, cognome: l.cognome, nome: l.nome, ...anagraficaOut(l) };
}

function terminiOut(t: TerminiRapporto): CoTerminiV2 {
  return {
    dataFinePeriodoFormativo: n(t.dataFinePeriodoFormativo),
    tipoOrario: n(t.tipoOrario),
    oreSettimanaliMedie: n(t.oreSettimanaliMedie),
    qualificaProfessionale: n(t.qualificaProfessionale),
    ccnl: n(t.ccnl),
    livelloInquadramento: n(t.livelloInquadramento),
    retribuzione: n(t.retribuzione),
    entePrevidenziale: n(t.entePrevidenziale),
  };
}

type Sections = Omit<ComunicazioneObbligatoriaV2, 'lavoratoreCf' | 'indiceLavoratore' | 'numeroLavoratori' | 'contentHash' | 'tabelleCodici'>;

// Every member is written in one object literal and the model's sections are then assigned: building it
// as spread copies ({ ...EMPTY, modello, … }, then { ...base, lavoratore, … }) cost ~9 µs per CO, since
// V8 handles members added to a spread copy slowly; this costs well under 1 µs.
function sectionsOut(co: Co): Sections {
  const d = co.datiInvio;
  const s: Sections = {
    modello: co.modello,
    tipoEvento: co.tipoEvento,
    datiInvio: {
      codiceComunicazione: d.codiceComunicazione,
      codiceComunicazionePrecedente: n(d.codiceComunicazionePrecedente),
      tipoComunicazione: d.tipoComunicazione,
      dataInvio: d.dataInvio,
      versione: n(d.versione),
      forzaMaggiore: n(d.forzaMaggiore),
      codiceFiscaleComunicante: n(d.codiceFiscaleComunicante),
    },
    datore: datoreOut(co.datore),
    agenzia: null,
    lavoratore: null,
    inizio: null,
    missione: null,
    proroga: null,
    trasformazione: null,
    trasferimento: null,
    cessazione: null,
    datorePrecedente: null,
    variazione: null,
    lavoratori: [],
    inizioUrgenza: null,
    motivoUrgenza: null,
  };
  switch (co.modello) {
    case 'UNILAV':
    case 'UNISOMM': {
      const i = co.inizio;
      const t = co.trasformazione;
      const tr = co.trasferimento;
      const m = co.modello === 'UNISOMM' ? co.missione : undefined;
      const a = co.modello === 'UNISOMM' ? co.agenzia : undefined;
      s.agenzia = a ? { numeroIscrizioneAlbo: n(a.numeroIscrizioneAlbo), estera: n(a.estera) } : null;
      s.lavoratore = lavoratoreOut(co.lavoratore);
      s.inizio = {
        dataInizio: i.dataInizio,
        dataFine: n(i.dataFine),
        dataFinePeriodoFormativo: n(i.dataFinePeriodoFormativo),
        tipologiaContrattuale: i.tipologiaContrattuale,
        tipoOrario: i.tipoOrario,
        oreSettimanaliMedie: n(i.oreSettimanaliMedie),
        qualificaProfessionale: i.qualificaProfessionale,
        ccnl: n(i.ccnl),
        livelloInquadramento: n(i.livelloInquadramento),
        retribuzione: n(i.retribuzione),
        entePrevidenziale: n(i.entePrevidenziale),
      };
      s.missione = m
        ? {
            utilizzatore: datoreOut(m.utilizzatore),
            dataInizio: m.dataInizio,
            dataFine: n(m.dataFine),
            tipoOrario: m.tipoOrario,
            oreSettimanaliMedie: n(m.oreSettimanaliMedie),
            qualificaProfessionale: m.qualificaProfessionale,
          }
        : null;
      s.proroga = co.proroga ? { dataFineProroga: co.proroga.dataFineProroga, dataFineMissione: n(co.proroga.dataFineMissione) } : null;
      s.trasformazione = t
        ? { codice: t.codice, data: t.data, tipologiaContrattuale: n(t.tipologiaContrattuale), tipoOrario: n(t.tipoOrario), oreSettimanaliMedie: n(t.oreSettimanaliMedie) }
        : null;
      s.trasferimento = tr
        ? {
            tipo: tr.tipo,
            data: tr.data,
            sedeLavoro: sedeOut(tr.sedeLavoro),
            sedeLavoroPrecedente: sedeOpt(tr.sedeLavoroPrecedente),
            dataFineDistacco: n(tr.dataFineDistacco),
            distaccatario: tr.distaccatario ? riferimentoOut(tr.distaccatario) : null,
            distaccoParziale: n(tr.distaccoParziale),
            distaccoAziendaEstera: n(tr.distaccoAziendaEstera),
          }
        : null;
      s.cessazione = co.cessazione ? { data: co.cessazione.data, causa: co.cessazione.causa } : null;
      break;
    }
    case 'VARDATORI':
      s.datorePrecedente = riferimentoOut(co.datorePrecedente);
      s.variazione = { tipo: co.variazione.tipo, data: co.variazione.data, dataFineRamoAffitto: n(co.variazione.dataFineRamoAffitto) };
      s.lavoratori = co.lavoratori.map((l) => ({
        codiceFiscale: l.codiceFiscale,
        cognome: l.cognome,
        nome: l.nome,
        dataInizio: n(l.dataInizio),
        ...anagraficaOut(l),
        termini: l.termini ? { tipologiaContrattuale: n(l.termini.tipologiaContrattuale), dataFine: n(l.termini.dataFine), ...terminiOut(l.termini) } : null,
      }));
      break;
    case 'UNIURG':
      s.lavoratore = lavoratoreOut(co.lavoratore);
      s.inizioUrgenza = {
        dataInizio: co.inizio.dataInizio,
        dataFine: n(co.inizio.dataFine),
        tipologiaContrattuale: n(co.inizio.tipologiaContrattuale),
        ...terminiOut(co.inizio),
      };
      s.motivoUrgenza = n(co.motivoUrgenza);
      break;
  }
  return s;
}

export interface CoToAvroOptions {
  /** CodeLists.versions() of the validation that accepted the CO. */
  tabelleCodici?: Record<string, string>;
  /** contentHash(co), when the caller has already computed it (the ingest has: it is its idempotency key). */
  contentHash?: string;
}

/** One payload per worker of the CO (one for every model but VARDATORI), in workerCfs(co) order. */
export function coToAvro(co: Co, opts: CoToAvroOptions = {}): ComunicazioneObbligatoriaV2[] {
  const sections = sectionsOut(co);
  const hash = opts.contentHash ?? contentHash(co);
  const cfs = workerCfs(co);
  return cfs.map((cf, i) => ({
    lavoratoreCf: cf,
    indiceLavoratore: i,
    numeroLavoratori: cfs.length,
    contentHash: hash,
    ...sections,
    tabelleCodici: { ...(opts.tabelleCodici ?? {}) },
  }));
}

export class CoAvroMappingError extends Error {
  constructor(reason: string) {
    // Paths and codes only: the payload is full of personal data.
    super(`co.comunicazione-obbligatoria payload does not map to a CO: ${reason}`);
    this.name = 'CoAvroMappingError';
  }
}

export interface CoFromAvro {
  co: Co;
  /** The worker this message is for (its state is the one to update). */
  workerCf: string;
  workerIndex: number;
  workerCount: number;
  contentHash: string;
}

/** Drops nulls (Avro's "absent") and empty arrays, recursively: the model never holds null. */
function compact(v: unknown): unknown {
  if (v === null) return undefined;
  if (Array.isArray(v)) return v.length === 0 ? undefined : v.map(compact);
  if (typeof v !== 'object') return v;
  const out: Record<string, unknown> = {};
  // Object.keys, not Object.entries: the same members without a [key, value] array each (the builder
  // decodes every CO of a replay through here).
  for (const k of Object.keys(v as Record<string, unknown>)) {
    const c = compact((v as Record<string, unknown>)[k]);
    if (c !== undefined) out[k] = c;
  }
  return out;
}

/**
 * The CO of a payload and the worker it is for. The sections go through libs/co's structural schema, so
 * the result is a well-typed Co (e.g. `modello` is one of the four); an inconsistent payload throws
 * CoAvroMappingError, which a consumer treats as poison (dead letter).
 */
export function coFromAvro(p: ComunicazioneObbligatoriaV2): CoFromAvro {
  const { lavoratoreCf, indiceLavoratore, numeroLavoratori, contentHash: hash, tabelleCodici: _tables, inizio, inizioUrgenza, lavoratori, ...rest } = p;
  const parsed = parseStructure(compact({ ...rest, lavoratori, inizio: p.modello === 'UNIURG' ? inizioUrgenza : inizio }));
  if (!parsed.ok) throw new CoAvroMappingError(parsed.problems.map((x) => `${x.path} ${x.code}`).join(', '));
  const cfs = workerCfs(parsed.value);
  if (numeroLavoratori !== cfs.length || cfs[indiceLavoratore] !== lavoratoreCf) {
    throw new CoAvroMappingError('lavoratoreCf / indiceLavoratore / numeroLavoratori do not match the CO');
  }
  return { co: parsed.value, workerCf: lavoratoreCf, workerIndex: indiceLavoratore, workerCount: numeroLavoratori, contentHash: hash };
}
