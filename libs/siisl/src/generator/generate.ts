// Seeded, deterministic generator of SIISL records for given people (the demo passes the CO generator's
// workers with their COs, so CVs list the same employers and a course is followed by a hiring). Person
// i's records depend only on (seed, i, the person), so a sample is a prefix of a larger set.
import { addDays, addMonths, deriveSeed, Rng, type Co } from '@fsl/co';
import { encodePersonalCf } from '@fsl/codice-fiscale';
import { defaultTables, type SiislTables } from '../codes';
import type { Corso, Curriculum, Iscrizione, IsoDate, ManifestazioneInteresse, MisuraInclusione, OffertaLavoro, PropostaLavoro, Puc, RecordOf } from '../model';
import type { Entita } from '../vocabularies';
import { at, makeCatalogue } from './catalogue';

export interface Persona {
  codiceFiscale: string;
  /** The person's COs, when known: their hirings become the CV's experiences (fonte CO). */
  cos?: readonly Co[];
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
  tables?: SiislTables;
}

export type Generated = { [E in Entita]: { entita: E; record: RecordOf[E] } }[Entita];

export interface SiislDataset {
  corsi: Corso[];
  offerte: OffertaLavoro[];
  /** Every record (catalogue first, then per person), each version as its own record. */
  records: Generated[];
  /** Hirings the SIISL story implies (an accepted proposal after a completed course), for a CO generator. */
  assunzioniAttese: Array<{ codiceFiscale: string; offertaId: string; dataInizio: IsoDate }>;
}

// Household members other than the person: synthetic people of their own (not in the CO data).
const FAMILY_NAMES = ['Sintetici', 'Esempi', 'Fittizi', 'Campioni'];
const FIRST_NAMES = ['Ada', 'Bruno', 'Carla', 'Dario', 'Elsa', 'Furio'];

type Upd<E extends Entita> = Extract<RecordOf[E], { operazione: 'AGGIORNAMENTO' }>;

function curriculum(rng: Rng, p: Persona, i: number, on: IsoDate, tables: SiislTables): Curriculum {
  const hirings = (p.cos ?? []).flatMap((co) =>
    (co.modello === 'UNILAV' || co.modello === 'UNISOMM') && co.tipoEvento === 'ASS' && co.inizio.dataInizio <= on ? [co] : [],
  );
  const skills = tables.table('esco').rowsInForce().map((r) => r.code);
  const dati: Upd<'curriculum'>['dati'] = {
    esperienze: hirings.map((co) => ({
      datore: { codiceFiscale: co.datore.codiceFiscale, denominazione: co.datore.denominazione },
      dataInizio: co.inizio.dataInizio,
      ...(co.inizio.dataFine && co.inizio.dataFine <= on ? { dataFine: co.inizio.dataFine } : {}),
      qualificaCp2011: co.inizio.qualificaProfessionale,
      ...(co.datore.settore ? { settoreAteco: co.datore.settore } : {}),
      fonte: 'CO' as const,
    })),
    istruzione: [{ titolo: rng.pick(['Licenza media', 'Diploma professionale', 'Diploma di maturita', 'Laurea triennale']), livelloIsced: String(rng.int(2, 6)) }],
    lingue: [{ lingua: 'it', livelloCefr: 'C2', madrelingua: true }, ...(rng.chance(0.5) ? [{ lingua: 'en', livelloCefr: rng.pick(['A2', 'B1', 'B2'] as const) }] : [])],
    competenze: [{ escoUri: rng.pick(skills), tipo: 'SKILL' }],
    disponibilita: { comuni: [], orario: rng.pick(['TEMPO_PIENO', 'TEMPO_PARZIALE', 'INDIFFERENTE'] as const), distanzaMassimaKm: rng.pick([10, 30, 50]) },
  };
  return { operazione: 'AGGIORNAMENTO', id: `CV-${i + 1}`, versione: 1, aggiornatoIl: at(on), codiceFiscale: p.codiceFiscale, dati };
}

/** One version per event, as SIISL would send each change: ISCRITTO, AVVIATO, then CONCLUSO/CERTIFICATO or RITIRATO. */
function iscrizioni(rng: Rng, cf: string, id: string, corso: Corso, until: IsoDate): Iscrizione[] {
  const c = (corso as Upd<'corso'>).dati;
  const events: Upd<'iscrizione'>['dati']['eventi'] = [{ tipo: 'ISCRITTO', data: addDays(c.dataInizio, -rng.int(3, 20)) }];
  if (c.dataInizio <= until) events.push({ tipo: 'AVVIATO', data: c.dataInizio });
  if (events.length === 2 && rng.chance(0.15)) events.push({ tipo: 'RITIRATO', data: addDays(c.dataInizio, rng.int(1, 10)), motivo: 'Motivi personali' });
  else if (events.length === 2 && c.dataFine <= until) {
    events.push({ tipo: 'CONCLUSO', data: c.dataFine });
    if (rng.chance(0.7) && addDays(c.dataFine, 14) <= until) events.push({ tipo: 'CERTIFICATO', data: addDays(c.dataFine, 14) });
  }
  return events.map((e, k) => ({ operazione: 'AGGIORNAMENTO', id, versione: k + 1, aggiornatoIl: at(e.data, 12), codiceFiscale: cf, dati: { corsoId: corso.id, eventi: events.slice(0, k + 1) } }));
}

function misura(rng: Rng, p: Persona, i: number, seed: number, from: IsoDate, until: IsoDate): MisuraInclusione {
  const adi = rng.chance(0.7);
  const pad = addDays(from, rng.int(0, 200));
  const decorrenza = `${addMonths(pad, 1).slice(0, 7)}-01`;
  const familiari = adi ? Array.from({ length: rng.int(0, 2) }, (_, k) =>
    encodePersonalCf({ surname: rng.pick(FAMILY_NAMES), name: rng.pick(FIRST_NAMES), sex: k % 2 === 0 ? 'F' : 'M', birthDate: addDays('2008-01-01', -rng.int(0, 5000)), placeCode: 'F205' })) : [];
  const mesi: string[] = [];
  for (let m = decorrenza; m <= until && mesi.length < 18; m = addMonths(m, 1)) mesi.push(m.slice(0, 7));
  const stato = rng.weighted([['ACCOLTA', 8], ['SOSPESA', 1], ['DECADUTA', 1]] as const);
  return {
    operazione: 'AGGIORNAMENTO',
    id: `${adi ? 'ADI' : 'SFL'}-${seed}-${i + 1}`,
    versione: 1,
    aggiornatoIl: at(until),
    codiceFiscale: p.codiceFiscale,
    dati: {
      misura: adi ? 'ADI' : 'SFL',
      stato,
      dataDecorrenza: decorrenza,
      dataFine: addDays(addMonths(decorrenza, adi ? 18 : 12), -1),
      dataSottoscrizionePad: pad,
      importiMensili: mesi.map((mese) => ({ mese, importoCentesimi: adi ? rng.int(200, 900) * 100 : 50000 })),
      nucleo: [{ codiceFiscale: p.codiceFiscale, percorso: rng.pick(['SERVIZI_SOCIALI', 'CENTRO_IMPIEGO'] as const) }, ...familiari.map((codiceFiscale) => ({ codiceFiscale, percorso: 'SERVIZI_SOCIALI' as const }))],
    },
  };
}

export function generateSiisl(opts: GenerateSiislOptions): SiislDataset {
  const from = opts.from ?? '2024-01-01';
  const until = opts.until ?? '2025-06-30';
  const tables = opts.tables ?? defaultTables();
  const { corsi, offerte } = makeCatalogue(opts.seed, tables, from, until, opts.catalogo ?? 20);
  const records: Generated[] = [...corsi.map((record) => ({ entita: 'corso' as const, record })), ...offerte.map((record) => ({ entita: 'offerta-lavoro' as const, record }))];
  const assunzioniAttese: SiislDataset['assunzioniAttese'] = [];
  opts.persone.forEach((p, i) => {
    const rng = new Rng(deriveSeed(opts.seed, 3_000_000 + i));
    const cf = p.codiceFiscale;
    if (rng.chance(0.7)) records.push({ entita: 'curriculum', record: curriculum(rng, p, i, addDays(from, rng.int(0, 60)), tables) });
    const corso = rng.pick(corsi);
    const c = (corso as Upd<'corso'>).dati;
    if (rng.chance(0.5)) {
      const m: ManifestazioneInteresse = { operazione: 'AGGIORNAMENTO', id: `MAN-${i + 1}`, versione: 1, aggiornatoIl: at(addDays(c.dataInizio, -30)), codiceFiscale: cf, dati: { corsoId: corso.id, data: addDays(c.dataInizio, -30) } };
      records.push({ entita: 'manifestazione-interesse', record: m });
    }
    const enrolled = rng.chance(0.4) ? iscrizioni(rng, cf, `ISCR-${i + 1}`, corso, until) : [];
    for (const record of enrolled) records.push({ entita: 'iscrizione', record });
    const concluso = enrolled.at(-1)?.operazione === 'AGGIORNAMENTO' && (enrolled.at(-1) as Upd<'iscrizione'>).dati.eventi.some((e) => e.tipo === 'CONCLUSO');
    if (concluso || rng.chance(0.25)) {
      // After a completed course: an offer published after it, proposed and (mostly) accepted → a hiring.
      const after = concluso ? addDays(c.dataFine, 7) : addDays(from, rng.int(0, 300));
      const offerta = offerte.find((o) => (o as Upd<'offerta-lavoro'>).dati.dataPubblicazione >= after) ?? rng.pick(offerte);
      const proposta = addDays(maxDate((offerta as Upd<'offerta-lavoro'>).dati.dataPubblicazione, after), 3);
      const esito = addDays(proposta, rng.int(2, 10));
      if (esito <= until) {
        const stato = rng.weighted([['ACCETTATA', concluso ? 8 : 4], ['RIFIUTATA', 2], ['SCADUTA', 1]] as const);
        const base = { id: `PROP-${i + 1}`, codiceFiscale: cf, operazione: 'AGGIORNAMENTO' as const };
        const v1: PropostaLavoro = { ...base, versione: 1, aggiornatoIl: at(proposta), dati: { offertaId: offerta.id, stato: 'PROPOSTA', dataProposta: proposta } };
        const v2: PropostaLavoro = {
          ...base,
          versione: 2,
          aggiornatoIl: at(esito),
          dati: { offertaId: offerta.id, stato, dataProposta: proposta, dataEsito: esito, ...(stato === 'RIFIUTATA' ? { motivoRifiuto: 'Distanza dalla sede di lavoro', rifiutoGiustificato: true } : {}) },
        };
        records.push({ entita: 'proposta-lavoro', record: v1 }, { entita: 'proposta-lavoro', record: v2 });
        if (stato === 'ACCETTATA') assunzioniAttese.push({ codiceFiscale: cf, offertaId: offerta.id, dataInizio: addDays(esito, 7) });
      }
    }
    if (rng.chance(0.35)) {
      const m = misura(rng, p, i, opts.seed, from, until);
      records.push({ entita: 'misura-inclusione', record: m });
      const d = (m as Upd<'misura-inclusione'>).dati;
      if (d.misura === 'ADI' && rng.chance(0.4) && addDays(d.dataDecorrenza, 60) <= until) {
        const dataInizio = addDays(d.dataDecorrenza, 30);
        const puc: Puc = { operazione: 'AGGIORNAMENTO', id: `PUC-${i + 1}`, versione: 1, aggiornatoIl: at(addDays(dataInizio, 1)), codiceFiscale: cf, dati: { progettoId: `PUC-PRJ-${rng.int(1, 40)}`, comune: 'F205', dataInizio, dataFine: addDays(dataInizio, 180), oreSettimanali: rng.pick([8, 12, 16]) } };
        records.push({ entita: 'puc', record: puc });
      }
    }
  });
  return { corsi, offerte, records, assunzioniAttese };
}

const maxDate = (a: IsoDate, b: IsoDate): IsoDate => (a >= b ? a : b);
