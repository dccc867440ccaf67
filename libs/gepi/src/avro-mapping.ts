// The GePI model ↔ the payloads of the gepi.* subjects (libs/schemas), both directions: the ingest writes
// with gepiToAvro, the builder reads with gepiFromAvro. Outward field by field against the hand-written
// Avro interfaces; inward through the structural schema, so what the builder folds is always a well-typed
// record (an inconsistent payload is poison: dead letter). One message per record, keyed by its case: the
// case is the projection, and every record of a case lands on one partition, in order.
import type * as A from '@fsl/schemas';
import type { EventHeader, Operation } from '@fsl/schemas';
import { casoOf, type Dati, type GepiRecord, type RecordOf } from './model';
import { parseStructure } from './structure';
import { gepiRecordHash } from './versioning';
import type { Entita } from './vocabularies';

/** The Avro subject of each entity. */
export const SUBJECTS = {
  caso: 'gepi.caso',
  'nucleo-caso': 'gepi.nucleo-caso',
  'analisi-preliminare': 'gepi.analisi-preliminare',
  'quadro-analisi': 'gepi.quadro-analisi',
  'equipe-multidisciplinare': 'gepi.equipe-multidisciplinare',
  pais: 'gepi.pais',
  'partecipazione-puc': 'gepi.partecipazione-puc',
  'pad-nucleo': 'gepi.pad-nucleo',
} as const satisfies Record<Entita, keyof A.GepiPayloadsV1>;

export type GepiPayloadOf<E extends Entita> = A.GepiPayloadsV1[(typeof SUBJECTS)[E]];
type AvroDati<E extends Entita> = NonNullable<GepiPayloadOf<E>['dati']>;

/** All GePI subjects travel on one topic (libs/kafka TOPICS.gepiEvents), keyed by case id. */
export const GEPI_TOPIC_KEY = 'gepiEvents';

/** Avro has no "absent": an optional model field travels as null. */
const orNull = <T>(v: T | undefined): T | null => v ?? null;
const period = (p: { dal: string; al?: string }) => ({ dal: p.dal, al: orNull(p.al) });
const org = (o: Dati<'equipe-multidisciplinare'>['componenti'][number]['organizzazione']): A.GepiOrganizzazioneV1 => ({ tipo: o.tipo, denominazione: o.denominazione, codiceFiscale: orNull(o.codiceFiscale) });
const need = (b: { ambito: string; codiceFiscale?: string; descrizione?: string }): A.GepiBisognoV1 => ({ ambito: b.ambito, codiceFiscale: orNull(b.codiceFiscale), descrizione: orNull(b.descrizione) });
const doc = (d: { numeroVersione: number; statoDocumento: string; dataRedazione: string }) => ({ numeroVersione: d.numeroVersione, statoDocumento: d.statoDocumento, dataRedazione: d.dataRedazione });

const DATI_TO_AVRO: { [E in Entita]: (d: Dati<E>) => AvroDati<E> } = {
  caso: (d) => ({
    domandaId: d.domandaId,
    misura: d.misura,
    stato: d.stato,
    dataApertura: d.dataApertura,
    dataAssegnazione: orNull(d.dataAssegnazione),
    dataChiusura: orNull(d.dataChiusura),
    motivoChiusura: orNull(d.motivoChiusura),
    enti: d.enti.map((e) => ({ tipo: e.tipo, codice: e.codice, ...period(e) })),
    operatori: d.operatori.map((o) => ({ ruolo: o.ruolo, codiceFiscale: o.codiceFiscale, ...period(o) })),
  }),
  'nucleo-caso': (d) => ({
    componenti: d.componenti.map((c) => ({
      codiceFiscale: c.codiceFiscale, ruolo: c.ruolo, ...period(c), motivoIngresso: orNull(c.motivoIngresso), motivoUscita: orNull(c.motivoUscita),
      condizioni: [...c.condizioni], categoriaSvantaggio: orNull(c.categoriaSvantaggio), inScala: c.inScala, attivabile: c.attivabile, caricoCura: c.caricoCura, esonerato: c.esonerato,
    })),
  }),
  'analisi-preliminare': (d) => ({ ...doc(d), dataIncontro: d.dataIncontro, bisogni: d.bisogni.map(need), risorse: [...d.risorse], esito: orNull(d.esito) }),
  'quadro-analisi': (d) => ({ ...doc(d), equipeId: orNull(d.equipeId), provvisorio: d.provvisorio, dimensioni: d.dimensioni.map((x) => ({ ...need(x), livello: x.livello })) }),
  'equipe-multidisciplinare': (d) => ({ dataCostituzione: d.dataCostituzione, dataScioglimento: orNull(d.dataScioglimento), componenti: d.componenti.map((c) => ({ ruolo: c.ruolo, organizzazione: org(c.organizzazione) })) }),
  pais: (d) => ({
    ...doc(d),
    stato: d.stato,
    semplificato: d.semplificato,
    dataSottoscrizione: orNull(d.dataSottoscrizione),
    dataInizio: d.dataInizio,
    dataFine: orNull(d.dataFine),
    obiettivoGenerale: d.obiettivoGenerale,
    obiettivi: d.obiettivi.map((o) => ({ id: o.id, descrizione: o.descrizione })),
    risultatiAttesi: d.risultatiAttesi.map((r) => ({ obiettivoId: r.obiettivoId, codiceFiscale: orNull(r.codiceFiscale), descrizione: r.descrizione, indicatore: orNull(r.indicatore), scadenza: r.scadenza })),
    sostegni: d.sostegni.map((s) => ({
      id: s.id, tipo: s.tipo, fornitore: org(s.fornitore), ...period(s), beneficiari: [...s.beneficiari],
      tirocinio: s.tirocinio ? { soggettoOspitante: { ...s.tirocinio.soggettoOspitante }, oreSettimanali: s.tirocinio.oreSettimanali, indennitaMensileCentesimi: orNull(s.tirocinio.indennitaMensileCentesimi) } : null,
    })),
    impegni: d.impegni.map((m) => ({ id: m.id, codiceFiscale: m.codiceFiscale, tipo: m.tipo, descrizione: orNull(m.descrizione), ...period(m) })),
  }),
  'partecipazione-puc': (d) => ({
    progettoId: d.progettoId, titoloProgetto: orNull(d.titoloProgetto), comune: d.comune, ambito: d.ambito, dataInizio: d.dataInizio, dataFine: orNull(d.dataFine), oreSettimanali: d.oreSettimanali,
    presenze: d.presenze.map((p) => ({ mese: p.mese, oreSvolte: p.oreSvolte })),
  }),
  'pad-nucleo': (d) => ({
    dataSottoscrizione: d.dataSottoscrizione,
    richiedenteCf: d.richiedenteCf,
    componenti: d.componenti.map((c) => ({
      codiceFiscale: c.codiceFiscale, percorso: c.percorso, motivoEsonero: orNull(c.motivoEsonero),
      categorizzazioni: { condizioni: [...c.categorizzazioni.condizioni], categoriaSvantaggio: orNull(c.categorizzazioni.categoriaSvantaggio), attivazione: c.categorizzazioni.attivazione },
    })),
    atsCompetente: orNull(d.atsCompetente),
    cpiComune: orNull(d.cpiComune),
  }),
};

export interface GepiToAvroOptions {
  /** GepiTables.versions() of the validation that accepted the record. */
  tabelleCodici?: Record<string, string>;
  /** gepiRecordHash(record), when the caller has it already (the ingest has: it is its idempotency key). */
  contentHash?: string;
}

/** The payload of one record (one message, keyed by `casoId`). */
export function gepiToAvro<E extends Entita>(entita: E, record: RecordOf[E], opts: GepiToAvroOptions = {}): GepiPayloadOf<E> {
  const r = record as GepiRecord;
  const toAvro = DATI_TO_AVRO[entita] as (d: unknown) => AvroDati<E>;
  return {
    id: r.id,
    versione: r.versione,
    aggiornatoIl: r.aggiornatoIl,
    operazione: r.operazione,
    casoId: casoOf(r),
    ...('codiceFiscale' in r ? { codiceFiscale: r.codiceFiscale } : {}),
    contentHash: opts.contentHash ?? gepiRecordHash(r),
    tabelleCodici: { ...opts.tabelleCodici },
    dati: r.operazione === 'AGGIORNAMENTO' ? toAvro(r.dati) : null,
  } as GepiPayloadOf<E>;
}

export class GepiAvroMappingError extends Error {
  constructor(subject: string, reason: string) {
    // Paths and codes only: the payload is full of personal data.
    super(`${subject} payload does not map to a GePI record: ${reason}`);
    this.name = 'GepiAvroMappingError';
  }
}

/** Avro's null is the model's "absent", at every depth; no array of these subjects has nullable items. */
function dropNulls(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(dropNulls);
  if (v === null || typeof v !== 'object') return v;
  return Object.fromEntries(Object.entries(v).flatMap(([k, x]) => (x === null ? [] : [[k, dropNulls(x)]])));
}

export interface GepiFromAvro<E extends Entita> {
  record: RecordOf[E];
  contentHash: string;
}

/** The record of a payload; throws GepiAvroMappingError when it is not a valid record of `entita`. */
export function gepiFromAvro<E extends Entita>(entita: E, payload: GepiPayloadOf<E>): GepiFromAvro<E> {
  const { contentHash, tabelleCodici: _tables, casoId, ...rest } = payload;
  // A case is its own case: the envelope's casoId is derived, not part of the record.
  const raw = entita === 'caso' ? rest : { ...rest, casoId };
  const parsed = parseStructure(entita, dropNulls(raw));
  if (!parsed.ok) throw new GepiAvroMappingError(SUBJECTS[entita], parsed.problems.map((p) => `${p.path} ${p.code}`).join(', '));
  if (casoOf(parsed.value) !== casoId) throw new GepiAvroMappingError(SUBJECTS[entita], 'casoId is not the record\'s case');
  return { record: parsed.value, contentHash };
}

/** A deletion travels as a VOID. */
export const gepiHeaderOperation = (record: GepiRecord): Operation => (record.operazione === 'AGGIORNAMENTO' ? 'UPSERT' : 'VOID');

/** The header fields a record determines (the ingest adds eventId, ingestedAt and correlationId). */
export function gepiHeaderFields(entita: Entita, record: GepiRecord): Omit<EventHeader, 'eventId' | 'ingestedAt' | 'correlationId'> {
  return {
    sourceSystem: 'GEPI',
    entityType: entita.toUpperCase().replace(/-/g, '_'),
    operation: gepiHeaderOperation(record),
    sourceRecordId: `${entita}/${record.id}`,
    sourceVersion: record.versione,
    occurredAt: Date.parse(record.aggiornatoIl),
  };
}
