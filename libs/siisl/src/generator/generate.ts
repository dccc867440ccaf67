// Seeded, deterministic generator of SIISL records for given people (the demo passes the CO generator's
// workers with their COs, so CVs list the same employers and a course is followed by a hiring). Person
// i's records depend only on (seed, i, the person), so a sample is a prefix of a larger set.
import { addDays, addMonths, deriveSeed, Rng, type AssunzioneAttesa, type Co } from '@fsl/co';
import { encodePersonalCf } from '@fsl/codice-fiscale';
import { defaultTables, type SiislTables } from '../codes';
import type { Competenza, Corso, Curriculum, Iscrizione, IsoDate, ManifestazioneInteresse, MisuraInclusione, OffertaLavoro, PropostaLavoro, Puc, RecordOf } from '../model';
import type { Entita } from '../vocabularies';
import { at, escoSconosciuto, makeCatalogue } from './catalogue';

export interface Persona {
  codiceFiscale: string;
  /** The person's COs, when known: their hirings become the CV's experiences (fonte CO). */
  cos?: readonly Co[];
  /**
   * Every part of the story, for a demo: a CV updated after the hiring, an interest, a course enrolment
   * completed and certified, an accepted proposal (so an expected hiring), an ADI measure with a household
   * of two or more and two versions, and a PUC.
   */
  storiaCompleta?: boolean;
}

export interface GenerateSiislOptions {
  persone: readonly Persona[];
  seed: number;
  /** Default 2024-01-01 (ADI's start). */
  from?: IsoDate;
  /** No fact is dated after this day; default 2025-06-30. */
  until?: IsoDate;
  /** Courses and offers in the catalogue; default 20. */
  catalogo?: number;
  /**
   * Share of CVs (0–1, default 0) listing a skill by a well-formed ESCO URI the shipped table does not know,
   * as real CVs do (the table is partial); above 0 one catalogue offer asks for such a skill too. Such
   * records are accepted with a CODE_UNKNOWN warning.
   */
  codiciSconosciuti?: number;
  tables?: SiislTables;
}

export type Generated = { [E in Entita]: { entita: E; record: RecordOf[E] } }[Entita];

/**
 * A hiring the SIISL story implies, in the shape libs/co's generator takes (`assunzioniAttese`): the
 * employer, place, contract and qualifica of the accepted offer, starting a week after the acceptance.
 */
export interface AssunzioneDaSiisl extends AssunzioneAttesa {
  offertaId: string;
  propostaId: string;
  /** The course the person completed before the proposal, if any; the hiring starts after its end. */
  corsoId?: string;
  fineCorso?: IsoDate;
}

export interface SiislDataset {
  /** First version of each course and offer (`records` has their later versions too). */
  corsi: Corso[];
  offerte: OffertaLavoro[];
  /** Every record (catalogue first, then per person), each version as its own record. */
  records: Generated[];
  /** Hirings the SIISL story implies (an accepted proposal, after a completed course when there is one), for a CO generator. */
  assunzioniAttese: AssunzioneDaSiisl[];
}

// Household members other than the person: synthetic people of their own (not in the CO data).
const FAMILY_NAMES = ['Sintetici', 'Esempi', 'Fittizi', 'Campioni'];
const FIRST_NAMES = ['Ada', 'Bruno', 'Carla', 'Dario', 'Elsa', 'Furio'];

type Upd<E extends Entita> = Extract<RecordOf[E], { operazione: 'AGGIORNAMENTO' }>;
type DatiCv = Upd<'curriculum'>['dati'];

const maxDate = (a: IsoDate, b: IsoDate): IsoDate => (a >= b ? a : b);

/**
 * The person's effective CO hirings up to a day, as CV experiences (fonte CO): a rettifica stands for the CO
 * it corrects, an annulled hiring is none.
 */
function esperienzeCo(p: Persona, on: IsoDate): DatiCv['esperienze'] {
  const cos = p.cos ?? [];
  const correctionOf = new Map(cos.filter((c) => c.datiInvio.tipoComunicazione === '03' || c.datiInvio.tipoComunicazione === '04').map((c) => [c.datiInvio.codiceComunicazionePrecedente, c]));
  const effective = (co: Co): Co | undefined => {
    for (let tip = co, k = 0; k < 50; k++) {
      const next = correctionOf.get(tip.datiInvio.codiceComunicazione);
      if (next === undefined) return tip;
      if (next.datiInvio.tipoComunicazione === '04') return undefined;
      tip = next;
    }
    return undefined;
  };
  const hirings = cos.flatMap((co) => {
    if (co.tipoEvento !== 'ASS' || co.datiInvio.tipoComunicazione === '03' || co.datiInvio.tipoComunicazione === '04') return [];
    const tip = effective(co);
    return tip && (tip.modello === 'UNILAV' || tip.modello === 'UNISOMM') && tip.inizio.dataInizio <= on ? [tip] : [];
  });
  return hirings.map((co) => ({
    datore: { codiceFiscale: co.datore.codiceFiscale, denominazione: co.datore.denominazione },
    dataInizio: co.inizio.dataInizio,
    ...(co.inizio.dataFine && co.inizio.dataFine <= on ? { dataFine: co.inizio.dataFine } : {}),
    qualificaCp2011: co.inizio.qualificaProfessionale,
    ...(co.datore.settore ? { settoreAteco: co.datore.settore } : {}),
    fonte: 'CO' as const,
  }));
}

// Every decision below draws from the person's stream in the same order as the first version of this
// generator did (a forced decision still draws), so data sets made before keep their values; what was added
// since (later versions, deletions, unknown codes, titles) draws from a second stream of its own.

function datiCurriculum(rng: Rng, p: Persona, on: IsoDate, skills: readonly string[], sconosciuto: string | undefined): DatiCv {
  const istruzione = [{ titolo: rng.pick(['Licenza media', 'Diploma professionale', 'Diploma di maturita', 'Laurea triennale']), livelloIsced: String(rng.int(2, 6)) }];
  const lingue: DatiCv['lingue'] = [{ lingua: 'it', livelloCefr: 'C2', madrelingua: true }, ...(rng.chance(0.5) ? [{ lingua: 'en', livelloCefr: rng.pick(['A2', 'B1', 'B2'] as const) }] : [])];
  const competenze: Competenza[] = [{ escoUri: rng.pick(skills), tipo: 'SKILL' }];
  if (sconosciuto) competenze.push({ escoUri: sconosciuto, tipo: 'SKILL' });
  return {
    esperienze: esperienzeCo(p, on),
    istruzione,
    lingue,
    competenze,
    disponibilita: { comuni: [], orario: rng.pick(['TEMPO_PIENO', 'TEMPO_PARZIALE', 'INDIFFERENTE'] as const), distanzaMassimaKm: rng.pick([10, 30, 50]) },
  };
}

/** One version per event, as SIISL would send each change: ISCRITTO, AVVIATO, then CONCLUSO/CERTIFICATO or RITIRATO. */
function iscrizioni(rng: Rng, cf: string, id: string, corso: Corso, until: IsoDate, completa: boolean): Iscrizione[] {
  const c = (corso as Upd<'corso'>).dati;
  const events: Upd<'iscrizione'>['dati']['eventi'] = [{ tipo: 'ISCRITTO', data: addDays(c.dataInizio, -rng.int(3, 20)) }];
  if (c.dataInizio <= until) events.push({ tipo: 'AVVIATO', data: c.dataInizio });
  if (events.length === 2 && rng.chance(0.15) && !completa) events.push({ tipo: 'RITIRATO', data: addDays(c.dataInizio, rng.int(1, 10)), motivo: 'Motivi personali' });
  else if (events.length === 2 && c.dataFine <= until) {
    events.push({ tipo: 'CONCLUSO', data: c.dataFine });
    if ((rng.chance(0.7) || completa) && addDays(c.dataFine, 14) <= until) events.push({ tipo: 'CERTIFICATO', data: addDays(c.dataFine, 14) });
  }
  return events.map((e, k) => ({ operazione: 'AGGIORNAMENTO', id, versione: k + 1, aggiornatoIl: at(e.data, 12), codiceFiscale: cf, dati: { corsoId: corso.id, eventi: events.slice(0, k + 1) } }));
}

/**
 * An ADI or SFL measure: a first version a couple of months after it starts (amounts so far, ACCOLTA), then
 * the one as of `until` (every month, and the state it reached).
 */
function misura(rng: Rng, p: Persona, i: number, seed: number, from: IsoDate, until: IsoDate, completa: boolean): MisuraInclusione[] {
  const adi = rng.chance(0.7) || completa;
  const pad = addDays(from, rng.int(0, 200));
  const decorrenza = `${addMonths(pad, 1).slice(0, 7)}-01`;
  const familiari = adi ? Array.from({ length: completa ? rng.int(1, 2) : rng.int(0, 2) }, (_, k) =>
    encodePersonalCf({ surname: rng.pick(FAMILY_NAMES), name: rng.pick(FIRST_NAMES), sex: k % 2 === 0 ? 'F' : 'M', birthDate: addDays('2008-01-01', -rng.int(0, 5000)), placeCode: 'F205' })) : [];
  const importi = (to: IsoDate) => {
    const mesi: string[] = [];
    for (let m = decorrenza; m <= to && mesi.length < 18; m = addMonths(m, 1)) mesi.push(m.slice(0, 7));
    return mesi;
  };
  const drawnStato = rng.weighted([['ACCOLTA', 8], ['SOSPESA', 1], ['DECADUTA', 1]] as const);
  const stato = completa ? 'ACCOLTA' : drawnStato;
  const amounts = new Map(importi(until).map((mese) => [mese, adi ? rng.int(200, 900) * 100 : 50000]));
  const drawnPercorso = rng.pick(['SERVIZI_SOCIALI', 'CENTRO_IMPIEGO'] as const);
  const nucleo = [{ codiceFiscale: p.codiceFiscale, percorso: completa ? ('CENTRO_IMPIEGO' as const) : drawnPercorso }, ...familiari.map((codiceFiscale) => ({ codiceFiscale, percorso: 'SERVIZI_SOCIALI' as const }))];
  const version = (versione: number, on: IsoDate, s: typeof stato): MisuraInclusione => ({
    operazione: 'AGGIORNAMENTO',
    id: `${adi ? 'ADI' : 'SFL'}-${seed}-${i + 1}`,
    versione,
    aggiornatoIl: at(on),
    codiceFiscale: p.codiceFiscale,
    dati: {
      misura: adi ? 'ADI' : 'SFL',
      stato: s,
      dataDecorrenza: decorrenza,
      dataFine: addDays(addMonths(decorrenza, adi ? 18 : 12), -1),
      dataSottoscrizionePad: pad,
      importiMensili: importi(on).map((mese) => ({ mese, importoCentesimi: amounts.get(mese)! })),
      nucleo,
    },
  });
  const first = addDays(addMonths(decorrenza, 2), 5);
  return first < until ? [version(1, first, 'ACCOLTA'), version(2, until, stato)] : [version(1, until, stato)];
}

/** The proposal of an offer after `after`, in two versions (PROPOSTA, then the outcome), if its outcome falls by `until`. */
function proposta(rng: Rng, cf: string, i: number, offerte: readonly OffertaLavoro[], after: IsoDate, until: IsoDate, dopoCorso: boolean, completa: boolean) {
  const offerta = offerte.find((o) => (o as Upd<'offerta-lavoro'>).dati.dataPubblicazione >= after) ?? rng.pick(offerte);
  const o = (offerta as Upd<'offerta-lavoro'>).dati;
  const dataProposta = addDays(maxDate(o.dataPubblicazione, after), 3);
  const esito = addDays(dataProposta, rng.int(2, 10));
  if (esito > until) return undefined;
  const drawn = rng.weighted([['ACCETTATA', dopoCorso ? 8 : 4], ['RIFIUTATA', 2], ['SCADUTA', 1]] as const);
  const stato = completa ? 'ACCETTATA' : drawn;
  const base = { id: `PROP-${i + 1}`, codiceFiscale: cf, operazione: 'AGGIORNAMENTO' as const };
  const v1: PropostaLavoro = { ...base, versione: 1, aggiornatoIl: at(dataProposta), dati: { offertaId: offerta.id, stato: 'PROPOSTA', dataProposta } };
  const v2: PropostaLavoro = {
    ...base,
    versione: 2,
    aggiornatoIl: at(esito),
    dati: { offertaId: offerta.id, stato, dataProposta, dataEsito: esito, ...(stato === 'RIFIUTATA' ? { motivoRifiuto: 'Distanza dalla sede di lavoro', rifiutoGiustificato: true } : {}) },
  };
  return { offerta: offerta as Upd<'offerta-lavoro'>, stato, esito, versions: [v1, v2] };
}

/** The earliest-ending course that leaves time, by `until`, for the certificate, a proposal and a hiring. */
function corsoCompletabile(corsi: readonly Corso[], until: IsoDate): Corso {
  const fine = (c: Corso) => (c as Upd<'corso'>).dati.dataFine;
  return [...corsi].sort((a, b) => (fine(a) < fine(b) ? -1 : fine(a) > fine(b) ? 1 : a.id < b.id ? -1 : 1)).find((c) => addDays(fine(c), 90) <= until) ?? corsi[0];
}

export function generateSiisl(opts: GenerateSiislOptions): SiislDataset {
  const from = opts.from ?? '2024-01-01';
  const until = opts.until ?? '2025-06-30';
  const tables = opts.tables ?? defaultTables();
  const share = opts.codiciSconosciuti ?? 0;
  if (!(share >= 0 && share <= 1)) throw new RangeError('codiciSconosciuti must be a share from 0 to 1');
  const { corsi, offerte, aggiornamenti } = makeCatalogue(opts.seed, tables, from, until, opts.catalogo ?? 20, share > 0);
  const skills = tables.table('esco').rowsInForce().map((r) => r.code);
  const records: Generated[] = [
    ...[...corsi, ...aggiornamenti.corsi].map((record) => ({ entita: 'corso' as const, record })),
    ...[...offerte, ...aggiornamenti.offerte].map((record) => ({ entita: 'offerta-lavoro' as const, record })),
  ];
  const assunzioniAttese: AssunzioneDaSiisl[] = [];
  opts.persone.forEach((p, i) => {
    const rng = new Rng(deriveSeed(opts.seed, 3_000_000 + i));
    const extra = new Rng(deriveSeed(opts.seed, 3_500_000 + i));
    const cf = p.codiceFiscale;
    const completa = p.storiaCompleta === true;
    let cv: { on: IsoDate; dati: DatiCv } | undefined;
    if (rng.chance(0.7) || completa) {
      const on = addDays(from, rng.int(0, 60));
      const sconosciuto = share > 0 && extra.chance(share) ? escoSconosciuto(extra, tables) : undefined;
      const dati = datiCurriculum(rng, p, on, skills, sconosciuto);
      cv = { on, dati };
      records.push({ entita: 'curriculum', record: { operazione: 'AGGIORNAMENTO', id: `CV-${i + 1}`, versione: 1, aggiornatoIl: at(on), codiceFiscale: cf, dati } });
    }
    const drawn = rng.pick(corsi);
    const corso = completa ? corsoCompletabile(corsi, until) : drawn;
    const c = (corso as Upd<'corso'>).dati;
    if (rng.chance(0.5) || completa) {
      const data = addDays(c.dataInizio, -30);
      const base = { id: `MAN-${i + 1}`, codiceFiscale: cf };
      const m: ManifestazioneInteresse = { ...base, operazione: 'AGGIORNAMENTO', versione: 1, aggiornatoIl: at(data), dati: { corsoId: corso.id, data } };
      records.push({ entita: 'manifestazione-interesse', record: m });
      // Some people withdraw their interest: a deletion, a version of its own.
      const ritiro = addDays(data, extra.int(1, 20));
      if (extra.chance(0.15) && !completa && ritiro <= until) {
        records.push({ entita: 'manifestazione-interesse', record: { ...base, operazione: 'ELIMINAZIONE', versione: 2, aggiornatoIl: at(ritiro) } });
      }
    }
    const enrolled = rng.chance(0.4) || completa ? iscrizioni(rng, cf, `ISCR-${i + 1}`, corso, until, completa) : [];
    for (const record of enrolled) records.push({ entita: 'iscrizione', record });
    const concluso = enrolled.length > 0 && (enrolled[enrolled.length - 1] as Upd<'iscrizione'>).dati.eventi.some((e) => e.tipo === 'CONCLUSO');
    let assunzione: AssunzioneDaSiisl | undefined;
    if (concluso || rng.chance(0.25) || completa) {
      // After a completed course: an offer published after it, proposed and (mostly) accepted → a hiring.
      const after = concluso ? addDays(c.dataFine, 7) : addDays(from, rng.int(0, 300));
      const prop = proposta(rng, cf, i, offerte, after, until, concluso, completa);
      if (prop) {
        for (const record of prop.versions) records.push({ entita: 'proposta-lavoro', record });
        const dataInizio = addDays(prop.esito, 7);
        if (prop.stato === 'ACCETTATA' && dataInizio <= until) {
          const o = prop.offerta.dati;
          assunzione = {
            codiceFiscale: cf,
            datore: { codiceFiscale: o.datore.codiceFiscale, denominazione: o.datore.denominazione, ...(o.settoreAteco ? { settore: o.settoreAteco } : {}), sedeComune: o.sedeComune },
            dataInizio,
            tipologiaContrattuale: o.tipologiaContrattuale,
            qualificaProfessionale: o.qualificaCp2011,
            offertaId: prop.offerta.id,
            propostaId: prop.versions[0].id,
            ...(concluso ? { corsoId: corso.id, fineCorso: c.dataFine } : {}),
          };
          assunzioniAttese.push(assunzione);
        }
      }
    }
    if (cv) {
      // The CV is updated after the hiring (it lists it, with the course's skills), or now and then anyway.
      const later = assunzione ? addDays(assunzione.dataInizio, extra.int(1, 20)) : extra.chance(0.3) ? addDays(cv.on, extra.int(60, 300)) : undefined;
      if (later !== undefined && later <= until) {
        const esperienze = [...esperienzeCo(p, later)];
        if (assunzione) {
          esperienze.push({ datore: { codiceFiscale: assunzione.datore.codiceFiscale, denominazione: assunzione.datore.denominazione }, dataInizio: assunzione.dataInizio, qualificaCp2011: assunzione.qualificaProfessionale, ...(assunzione.datore.settore ? { settoreAteco: assunzione.datore.settore } : {}), fonte: 'CO' });
        }
        const known = cv.dati.competenze;
        const nuove = concluso ? c.competenze.filter((k) => !known.some((d) => d.escoUri === k.escoUri)) : [];
        records.push({ entita: 'curriculum', record: { operazione: 'AGGIORNAMENTO', id: `CV-${i + 1}`, versione: 2, aggiornatoIl: at(later), codiceFiscale: cf, dati: { ...cv.dati, esperienze, competenze: [...known, ...nuove] } } });
      }
    }
    if (rng.chance(0.35) || completa) {
      const versions = misura(rng, p, i, opts.seed, from, until, completa);
      for (const record of versions) records.push({ entita: 'misura-inclusione', record });
      const d = (versions[0] as Upd<'misura-inclusione'>).dati;
      if (d.misura === 'ADI' && (rng.chance(0.4) || completa) && addDays(d.dataDecorrenza, 60) <= until) {
        const dataInizio = addDays(d.dataDecorrenza, 30);
        const progettoId = `PUC-PRJ-${rng.int(1, 40)}`;
        const oreSettimanali = rng.pick([8, 12, 16]);
        const titoloProgetto = extra.pick(['Cura del verde pubblico', 'Supporto alla biblioteca comunale', 'Accompagnamento anziani']);
        const puc: Puc = { operazione: 'AGGIORNAMENTO', id: `PUC-${i + 1}`, versione: 1, aggiornatoIl: at(addDays(dataInizio, 1)), codiceFiscale: cf, dati: { progettoId, titoloProgetto, comune: 'F205', dataInizio, dataFine: addDays(dataInizio, 180), oreSettimanali } };
        records.push({ entita: 'puc', record: puc });
      }
    }
  });
  return { corsi, offerte, records, assunzioniAttese };
}
