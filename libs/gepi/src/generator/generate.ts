// Seeded, deterministic generator of GePI cases for given ADI households (the demo passes the households
// libs/siisl's generator makes for its ADI measures). Household i's records depend only on (seed, i, the
// household), so a sample is a prefix of a larger set. Every record passes checkGepi without a warning.
import { addDays, deriveSeed, Rng } from '@fsl/co';
import { encodePersonalCf, generateNumericCf, validateCf } from '@fsl/codice-fiscale';
import type { Generated as SiislGenerated } from '@fsl/siisl';
import { defaultTables, type GepiTables } from '../codes';
import type { Componente, Dati, EnteCaso, IsoDate, RecordOf, Sostegno, Impegno } from '../model';
import { CATEGORIE_SVANTAGGIO, type Entita, type StatoCaso } from '../vocabularies';

/** An ADI household as the INPS application describes it. */
export interface NucleoAdi {
  /** The application id (libs/siisl: the misura-inclusione record id). */
  domandaId: string;
  /** The applicant first, then the other members. */
  codiciFiscali: readonly string[];
  /** When the household signed the PAD; default: drawn after `from`. */
  dataSottoscrizionePad?: IsoDate;
}

export interface GenerateGepiOptions {
  nuclei: readonly NucleoAdi[];
  seed: number;
  /** Default 2024-01-01 (ADI's start). */
  from?: IsoDate;
  /** No fact is dated after this day; default 2025-06-30. */
  until?: IsoDate;
  tables?: GepiTables;
}

export type GeneratedGepi = { [E in Entita]: { entita: E; record: RecordOf[E] } }[Entita];

export interface CasoGenerato {
  casoId: string;
  domandaId: string;
  /** Moved to another ente during the period. */
  trasferito: boolean;
  /** Document ids whose version numbers were sent with a gap on purpose. */
  documentiConLacune: string[];
}

export interface GepiDataset {
  /** Every record, each version as its own record, per case in the order GePI would send them. */
  records: GeneratedGepi[];
  casi: CasoGenerato[];
}

/** The ADI households of a SIISL dataset (latest version of each ADI measure), for generateGepi. */
export function nucleiAdiDaSiisl(records: readonly SiislGenerated[]): NucleoAdi[] {
  const latest = new Map<string, NucleoAdi & { versione: number }>();
  for (const g of records) {
    if (g.entita !== 'misura-inclusione' || g.record.operazione !== 'AGGIORNAMENTO' || g.record.dati.misura !== 'ADI') continue;
    const r = g.record;
    const known = latest.get(r.id);
    if (known !== undefined && known.versione >= r.versione) continue;
    const others = r.dati.nucleo.map((c) => c.codiceFiscale).filter((cf) => cf !== r.codiceFiscale);
    latest.set(r.id, { domandaId: r.id, versione: r.versione, codiciFiscali: [r.codiceFiscale, ...others], ...(r.dati.dataSottoscrizionePad ? { dataSottoscrizionePad: r.dati.dataSottoscrizionePad } : {}) });
  }
  return [...latest.values()].map(({ versione: _v, ...n }) => n);
}

/** One NDJSON line of ingest-gepi's file job (POST /v1/lotti): the envelope plus a top-level `entita`. */
export function gepiNdjsonLine(g: GeneratedGepi): string {
  return JSON.stringify({ entita: g.entita, ...g.record });
}

const at = (date: IsoDate, hour = 11): string => `${date}T${String(hour).padStart(2, '0')}:00:00Z`;
const OPERATOR_NAMES = ['Bianchi Laura', 'Russo Carlo', 'Gallo Marta', 'Costa Piero', 'Fontana Irene', 'Greco Sara'];
const ADI_ORIGIN = '2024-01-01';
const OSPITANTE_CF = generateNumericCf('0123456', '015');

interface Membro {
  cf: string;
  birth: IsoDate;
}

/** A day in [start, start + days], or undefined when it falls after `until`. */
const within = (start: IsoDate | undefined, days: number, until: IsoDate): IsoDate | undefined => (start === undefined || addDays(start, days) > until ? undefined : addDays(start, days));

const ageOn = (birth: IsoDate, on: IsoDate): number => Number(on.slice(0, 4)) - Number(birth.slice(0, 4)) - (on.slice(5) < birth.slice(5) ? 1 : 0);

function operatore(rng: Rng, ente: number, role: number): string {
  const [surname, name] = OPERATOR_NAMES[(ente * 2 + role + rng.int(0, 5)) % OPERATOR_NAMES.length].split(' ');
  return encodePersonalCf({ surname, name, sex: name.endsWith('a') || name.endsWith('e') ? 'F' : 'M', birthDate: addDays('1970-01-01', rng.int(0, 9000)), placeCode: 'F205' });
}

interface Context {
  rng: Rng;
  i: number;
  seed: number;
  until: IsoDate;
  comuni: readonly string[];
  ambiti: readonly string[];
}

class Caso {
  readonly records: GeneratedGepi[] = [];
  readonly casoId: string;
  readonly documentiConLacune: string[] = [];
  private readonly prefix: string;
  private readonly versions = new Map<string, number>();

  constructor(private readonly c: Context) {
    this.prefix = `${c.seed}-${c.i + 1}`;
    this.casoId = `CASO-${this.prefix}`;
  }

  id(kind: string): string {
    return `${kind}-${this.prefix}`;
  }

  /** The next record version of `id`, stamped at `date`. */
  push<E extends Entita>(entita: E, id: string, date: IsoDate, dati: Dati<E>, envelope: { hour?: number; codiceFiscale?: string } = {}): void {
    const versione = (this.versions.get(id) ?? 0) + 1;
    this.versions.set(id, versione);
    const owner = entita === 'caso' ? {} : { casoId: this.casoId };
    const citizen = envelope.codiceFiscale === undefined ? {} : { codiceFiscale: envelope.codiceFiscale };
    const record = { operazione: 'AGGIORNAMENTO', id, versione, aggiornatoIl: at(date, envelope.hour), ...owner, ...citizen, dati } as unknown as RecordOf[E];
    this.records.push({ entita, record } as GeneratedGepi);
  }
}

function membri(n: NucleoAdi, until: IsoDate): Membro[] {
  return n.codiciFiscali.map((cf) => {
    const v = validateCf(cf, { today: new Date(`${until}T00:00:00Z`) });
    return { cf, birth: v.ok && v.birthDate ? v.birthDate : '1980-01-01' };
  });
}

function componente(rng: Rng, m: Membro, k: number, dal: IsoDate, on: IsoDate, motivoIngresso: Componente['motivoIngresso']): Componente {
  const age = ageOn(m.birth, on);
  const svantaggio = k > 0 && age >= 18 && rng.chance(0.15);
  const condizioni: Componente['condizioni'] = [...(age < 18 ? ['MINORE' as const] : []), ...(age >= 60 ? ['OVER_60' as const] : []), ...(svantaggio ? ['SVANTAGGIO' as const] : [])];
  const attivabile = age >= 18 && age < 60 && !svantaggio;
  return {
    codiceFiscale: m.cf,
    ruolo: k === 0 ? 'RICHIEDENTE' : age < 18 ? 'FIGLIO' : k === 1 ? 'CONIUGE' : 'ALTRO_PARENTE',
    dal,
    motivoIngresso,
    condizioni,
    ...(svantaggio ? { categoriaSvantaggio: rng.pick(CATEGORIE_SVANTAGGIO) } : {}),
    inScala: !attivabile || k === 0,
    attivabile,
    caricoCura: k === 0 && rng.chance(0.3),
    esonerato: svantaggio,
  };
}

/** One household's case: PAD, case versions, household versions, documents with their versions, PUC. */
function casoPer(c: Context, n: NucleoAdi, from: IsoDate): Caso {
  const { rng, until } = c;
  const caso = new Caso(c);
  const people = membri(n, until);
  const pad = n.dataSottoscrizionePad ?? addDays(from, rng.int(0, 200));
  const apertura = within(pad, rng.int(3, 20), until);
  if (apertura === undefined) return caso;

  // --- the PAD of the household, as GePI receives it with the case
  caso.push('pad-nucleo', `PAD-${n.domandaId}`, apertura, {
    dataSottoscrizione: pad,
    richiedenteCf: people[0].cf,
    componenti: people.map((m, k) => {
      const x = componente(new Rng(deriveSeed(c.seed, 7_000_000 + c.i * 16 + k)), m, k, apertura, pad, 'COMPOSIZIONE_INIZIALE');
      const percorso = x.esonerato ? ('ESONERATO' as const) : x.attivabile ? ('LAVORATIVO' as const) : ('SOCIALE' as const);
      return {
        codiceFiscale: m.cf,
        percorso,
        ...(percorso === 'ESONERATO' ? { motivoEsonero: 'Percorso di cura in corso' } : {}),
        categorizzazioni: { condizioni: x.condizioni, ...(x.categoriaSvantaggio ? { categoriaSvantaggio: x.categoriaSvantaggio } : {}), attivazione: x.esonerato ? ('ESONERATO' as const) : x.attivabile ? ('ATTIVABILE' as const) : age(m, pad) < 18 ? ('NON_ATTIVABILE' as const) : ('CARICHI_DI_CURA' as const) },
      };
    }),
    ...(rng.chance(0.7) ? { atsCompetente: rng.pick(c.ambiti) } : {}),
    cpiComune: rng.pick(c.comuni),
  });

  // --- the household: initial members, then a birth and a member who leaves
  const iniziali = people.map((m, k) => componente(new Rng(deriveSeed(c.seed, 7_000_000 + c.i * 16 + k)), m, k, apertura, apertura, 'COMPOSIZIONE_INIZIALE'));
  const nucleoId = caso.id('NUC');
  caso.push('nucleo-caso', nucleoId, apertura, { componenti: iniziali });
  let componenti = iniziali;
  const nascita = rng.chance(0.3) ? within(apertura, rng.int(30, 300), until) : undefined;
  const uscita = people.length > 1 && rng.chance(0.3) ? within(apertura, rng.int(60, 400), until) : undefined;
  const changes: Array<{ date: IsoDate; apply: (list: Componente[]) => Componente[] }> = [];
  if (nascita !== undefined) {
    const neonato: Membro = { cf: encodePersonalCf({ surname: 'Sintetici', name: rng.pick(['Lia', 'Ugo', 'Noa', 'Teo']), sex: rng.pick(['M', 'F'] as const), birthDate: nascita, placeCode: 'F205' }), birth: nascita };
    changes.push({ date: nascita, apply: (list) => [...list, { ...componente(rng, neonato, 9, nascita, nascita, 'NASCITA'), ruolo: 'FIGLIO' }] });
  }
  if (uscita !== undefined) {
    const who = people[rng.int(1, people.length - 1)].cf;
    changes.push({ date: uscita, apply: (list) => list.map((x) => (x.codiceFiscale === who ? { ...x, al: uscita, motivoUscita: rng.pick(['TRASFERIMENTO_RESIDENZA', 'NUOVO_NUCLEO'] as const) } : x)) });
  }
  for (const ch of changes.sort((a, b) => (a.date < b.date ? -1 : 1))) {
    componenti = ch.apply(componenti);
    caso.push('nucleo-caso', nucleoId, ch.date, { componenti });
  }
  const membersOn = (d: IsoDate): Componente[] => componenti.filter((x) => x.dal <= d && (x.al === undefined || x.al >= d));

  // --- the workflow: assignment, convocation, analyses, PaIS, monitoring, maybe closure
  const assegnazione = within(apertura, rng.int(3, 10), until);
  const convocazione = within(assegnazione, rng.int(5, 15), until);
  const incontro = within(convocazione, rng.int(10, 30), until);
  const apDefinitiva = within(incontro, rng.int(3, 10), until);
  const complesso = rng.chance(0.5);
  const costituzione = complesso ? within(apDefinitiva, rng.int(5, 15), until) : undefined;
  const qa = complesso ? within(costituzione, rng.int(5, 15), until) : undefined;
  const redazionePais = within(complesso ? qa : apDefinitiva, rng.int(7, 20), until);
  const firma = within(redazionePais, rng.int(3, 7), until);
  const inizioPais = within(firma, rng.int(1, 3), until);
  const monitoraggio = within(inizioPais, 30, until);
  const chiusura = rng.chance(0.15) ? within(inizioPais, rng.int(300, 400), until) : undefined;
  // Moves happen after the patto is signed, so the case manager's period at the first ente is never empty.
  const trasferimento = rng.chance(0.25) ? within(firma, rng.int(20, 200), until) : undefined;

  // --- the case versions: one per state change and one for the move
  const enteIniziale: EnteCaso = rng.chance(0.6) ? { tipo: 'COMUNE', codice: rng.pick(c.comuni), dal: apertura } : { tipo: 'ATS', codice: rng.pick(c.ambiti), dal: apertura };
  const altri = (enteIniziale.tipo === 'ATS' ? c.ambiti : c.comuni).filter((x) => x !== enteIniziale.codice);
  const enteNuovo = trasferimento === undefined || chiusura !== undefined && chiusura <= trasferimento ? undefined : ({ tipo: enteIniziale.tipo, codice: rng.pick(altri), dal: trasferimento } as EnteCaso);
  const staff = [0, 1].map((e) => ({ coordinatore: operatore(rng, e, 0), caseManager: operatore(rng, e, 1) }));
  const eventi: Array<[IsoDate | undefined, StatoCaso | undefined]> = [
    [apertura, 'DA_ASSEGNARE'], [assegnazione, 'ASSEGNATO'], [convocazione, 'CONVOCATO'], [incontro, 'AP_IN_CORSO'], [apDefinitiva, 'AP_CONCLUSA'],
    [costituzione, 'QA_IN_CORSO'], [firma, 'PATTO_SOTTOSCRITTO'], [monitoraggio, 'MONITORAGGIO'], [chiusura, 'CHIUSO'], [enteNuovo?.dal, undefined],
  ];
  const ordered = eventi.filter((e): e is [IsoDate, StatoCaso | undefined] => e[0] !== undefined).sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  let stato: StatoCaso = 'DA_ASSEGNARE';
  for (const [date, next] of ordered) {
    if (next !== undefined) stato = next;
    const moved = enteNuovo !== undefined && enteNuovo.dal <= date;
    const enti: EnteCaso[] = moved ? [{ ...enteIniziale, al: addDays(enteNuovo.dal, -1) }, enteNuovo] : [enteIniziale];
    const operatori: Dati<'caso'>['operatori'] = [];
    const assigned = assegnazione !== undefined && assegnazione <= date;
    staff.slice(0, moved ? 2 : 1).forEach((s, e) => {
      const dal = e === 0 ? apertura : enteNuovo!.dal;
      const al = e === 0 && moved ? { al: addDays(enteNuovo!.dal, -1) } : {};
      operatori.push({ ruolo: 'COORDINATORE', codiceFiscale: s.coordinatore, dal, ...al });
      if (assigned) operatori.push({ ruolo: 'CASE_MANAGER', codiceFiscale: s.caseManager, dal: e === 0 ? assegnazione : dal, ...al });
    });
    caso.push('caso', caso.casoId, date, {
      domandaId: n.domandaId,
      misura: 'ADI',
      stato,
      dataApertura: apertura,
      ...(assigned ? { dataAssegnazione: assegnazione } : {}),
      ...(stato === 'CHIUSO' ? { dataChiusura: date, motivoChiusura: 'FINE_MISURA' } : {}),
      enti,
      operatori,
    }, { hour: 12 });
  }

  // --- analisi preliminare: a draft, the definitive version, sometimes a revision (document version 2)
  const apId = caso.id('AP');
  const richiedente = people[0].cf;
  const ap = (numeroVersione: number, definitiva: boolean, d: IsoDate): Dati<'analisi-preliminare'> => ({
    numeroVersione,
    statoDocumento: definitiva ? 'DEFINITIVO' : 'BOZZA',
    dataRedazione: d,
    dataIncontro: incontro!,
    bisogni: [{ ambito: 'LAVORO', codiceFiscale: richiedente }, { ambito: rng.pick(['ABITATIVO', 'ECONOMICO', 'SALUTE'] as const) }],
    risorse: ['Rete familiare'],
    ...(definitiva ? { esito: complesso ? 'QUADRO_ANALISI' : 'PAIS_SEMPLIFICATO' } : {}),
  });
  if (incontro !== undefined) caso.push('analisi-preliminare', apId, incontro, ap(1, false, incontro));
  if (apDefinitiva !== undefined) caso.push('analisi-preliminare', apId, apDefinitiva, ap(1, true, apDefinitiva));
  const revisioneAp = rng.chance(0.4) ? within(apDefinitiva, rng.int(60, 120), until) : undefined;
  if (revisioneAp !== undefined) caso.push('analisi-preliminare', apId, revisioneAp, ap(2, true, revisioneAp));

  // --- équipe and quadro di analisi for complex needs, with a later revision
  const emId = caso.id('EM');
  if (costituzione !== undefined) {
    caso.push('equipe-multidisciplinare', emId, costituzione, {
      dataCostituzione: costituzione,
      componenti: [
        { ruolo: 'CASE_MANAGER', organizzazione: { tipo: 'SERVIZIO_SOCIALE', denominazione: 'Servizio sociale professionale' } },
        { ruolo: 'OPERATORE_CPI', organizzazione: { tipo: 'CPI', denominazione: 'Centro per l\'impiego' } },
        ...(rng.chance(0.5) ? [{ ruolo: 'OPERATORE_SANITARIO' as const, organizzazione: { tipo: 'ASL' as const, denominazione: 'Azienda sanitaria locale' } }] : []),
      ],
    });
  }
  const qaId = caso.id('QA');
  const quadro = (numeroVersione: number, d: IsoDate): Dati<'quadro-analisi'> => ({
    numeroVersione,
    statoDocumento: 'DEFINITIVO',
    dataRedazione: d,
    equipeId: emId,
    provvisorio: false,
    dimensioni: membersOn(d).map((x) => ({ ambito: x.condizioni.includes('MINORE') ? ('ISTRUZIONE_FORMAZIONE' as const) : ('LAVORO' as const), codiceFiscale: x.codiceFiscale, livello: rng.pick(['BASSO', 'MEDIO', 'ALTO'] as const) })),
  });
  if (qa !== undefined) caso.push('quadro-analisi', qaId, qa, quadro(1, qa));
  const revisioneQa = qa !== undefined ? within(qa, rng.int(90, 180), until) : undefined;
  if (revisioneQa !== undefined) caso.push('quadro-analisi', qaId, revisioneQa, quadro(2, revisioneQa));

  // --- the PaIS: draft, signed, then revisions; some cases send a revision number with a gap
  const paisId = caso.id('PAIS');
  const pais = (numeroVersione: number, d: IsoDate, signed: boolean, extra: boolean): Dati<'pais'> => {
    const present = membersOn(d);
    const minori = present.filter((x) => x.condizioni.includes('MINORE'));
    const sostegni: Sostegno[] = [{ id: 'S1', tipo: 'SOSTEGNO_ABITATIVO', fornitore: { tipo: 'SERVIZIO_SOCIALE', denominazione: 'Servizio sociale professionale' }, dal: inizioPais ?? d, beneficiari: [] }];
    const impegni: Impegno[] = [{ id: 'I1', codiceFiscale: richiedente, tipo: 'COLLOQUI_SERVIZIO', dal: inizioPais ?? d }];
    if (present[0]?.attivabile) {
      sostegni.push({
        id: 'S2',
        tipo: 'TIROCINIO_INCLUSIONE',
        fornitore: { tipo: 'SERVIZIO_SOCIALE', denominazione: 'Servizio sociale professionale' },
        dal: addDays(inizioPais ?? d, 14),
        al: addDays(inizioPais ?? d, 194),
        beneficiari: [richiedente],
        tirocinio: { soggettoOspitante: { codiceFiscale: OSPITANTE_CF, denominazione: 'AZIENDA OSPITANTE SRL' }, oreSettimanali: rng.pick([15, 20, 25]), indennitaMensileCentesimi: 50000 },
      });
      impegni.push({ id: 'I2', codiceFiscale: richiedente, tipo: 'RICERCA_ATTIVA_LAVORO', dal: inizioPais ?? d });
    }
    minori.forEach((m, k) => {
      sostegni.push({ id: `S${10 + k}`, tipo: 'EDUCATIVA_DOMICILIARE', fornitore: { tipo: 'TERZO_SETTORE', denominazione: 'Cooperativa sociale' }, dal: inizioPais ?? d, beneficiari: [m.codiceFiscale] });
      impegni.push({ id: `I${10 + k}`, codiceFiscale: m.codiceFiscale, tipo: ageOn(people.find((p) => p.cf === m.codiceFiscale)?.birth ?? d, d) >= 6 ? 'FREQUENZA_SCOLASTICA' : 'CONTROLLI_SANITARI', dal: inizioPais ?? d });
    });
    if (extra) sostegni.push({ id: 'S3', tipo: 'SUPPORTO_RICERCA_LAVORO', fornitore: { tipo: 'CPI', denominazione: 'Centro per l\'impiego' }, dal: d, beneficiari: [richiedente] });
    return {
      numeroVersione,
      statoDocumento: signed ? 'DEFINITIVO' : 'BOZZA',
      dataRedazione: d,
      stato: signed ? 'SOTTOSCRITTO' : 'BOZZA',
      semplificato: !complesso,
      ...(signed ? { dataSottoscrizione: firma } : {}),
      dataInizio: inizioPais ?? addDays(d, 7),
      dataFine: addDays(inizioPais ?? addDays(d, 7), 364),
      obiettivoGenerale: 'Autonomia economica e sociale del nucleo',
      obiettivi: [{ id: 'OB1', descrizione: 'Inclusione lavorativa' }, ...(minori.length > 0 ? [{ id: 'OB2', descrizione: 'Benessere dei minori' }] : [])],
      risultatiAttesi: [{ obiettivoId: 'OB1', codiceFiscale: richiedente, descrizione: 'Avvio di un percorso di inserimento', scadenza: addDays(inizioPais ?? d, 180) }],
      sostegni,
      impegni,
    };
  };
  if (redazionePais !== undefined) caso.push('pais', paisId, redazionePais, pais(1, redazionePais, false, false));
  if (firma !== undefined) caso.push('pais', paisId, firma, pais(1, firma, true, false));
  const revisione = firma !== undefined ? within(inizioPais, rng.int(90, 150), until) : undefined;
  if (revisione !== undefined) caso.push('pais', paisId, revisione, pais(2, revisione, true, true));
  const conLacuna = c.i % 5 === 0;
  const ultima = revisione !== undefined ? within(revisione, rng.int(30, 90), until) : undefined;
  if (ultima !== undefined) {
    // With a gap on purpose: version 3 is never sent, so consumers see it listed as missing.
    caso.push('pais', paisId, ultima, pais(conLacuna ? 4 : 3, ultima, true, true));
    if (conLacuna) caso.documentiConLacune.push(paisId);
  }

  // --- a PUC participation of the applicant, when able to work
  const inizioPuc = present(iniziali, 0)?.attivabile && rng.chance(0.5) ? within(inizioPais, rng.int(15, 40), until) : undefined;
  if (inizioPuc !== undefined) {
    const presenze: Dati<'partecipazione-puc'>['presenze'] = [];
    for (let m = inizioPuc; addDays(m, 31) <= until && presenze.length < 4; m = addDays(m, 31)) presenze.push({ mese: m.slice(0, 7), oreSvolte: rng.int(16, 40) });
    caso.push('partecipazione-puc', caso.id('PUCG'), presenze.length > 0 ? addDays(inizioPuc, 31 * presenze.length) : inizioPuc, {
      progettoId: `PUC-PRJ-${rng.int(1, 40)}`,
      comune: enteIniziale.tipo === 'COMUNE' ? enteIniziale.codice : rng.pick(c.comuni),
      ambito: rng.pick(['AMBIENTALE', 'SOCIALE', 'CULTURALE'] as const),
      dataInizio: inizioPuc,
      dataFine: addDays(inizioPuc, 180),
      oreSettimanali: rng.pick([8, 12, 16]),
      presenze,
    }, { codiceFiscale: richiedente });
  }
  return caso;
}

const present = (list: readonly Componente[], k: number): Componente | undefined => list[k];
const age = (m: Membro, on: IsoDate): number => ageOn(m.birth, on);

export function generateGepi(opts: GenerateGepiOptions): GepiDataset {
  const from = opts.from ?? ADI_ORIGIN;
  const until = opts.until ?? '2025-06-30';
  const tables = opts.tables ?? defaultTables();
  // Codes still in force, so every generated record validates whatever its date.
  const comuni = tables.table('belfiore').rowsInForce().filter((r) => r.attrs.tipo === 'comune' && r.validTo === undefined && (r.validFrom ?? '') <= from).map((r) => r.code).slice(0, 400);
  const ambiti = tables.table('ambitoTerritoriale').rowsInForce().filter((r) => r.validTo === undefined).map((r) => r.code);
  const records: GeneratedGepi[] = [];
  const casi: CasoGenerato[] = [];
  opts.nuclei.forEach((n, i) => {
    const rng = new Rng(deriveSeed(opts.seed, 5_000_000 + i));
    const caso = casoPer({ rng, i, seed: opts.seed, until, comuni, ambiti }, n, from);
    if (caso.records.length === 0) return;
    records.push(...caso.records);
    const moved = caso.records.some((g) => g.entita === 'caso' && g.record.operazione === 'AGGIORNAMENTO' && g.record.dati.enti.length > 1);
    casi.push({ casoId: caso.casoId, domandaId: n.domandaId, trasferito: moved, documentiConLacune: caso.documentiConLacune });
  });
  return { records, casi };
}
