// The catalogue side of the synthetic SIISL data: courses and job offers, a fixed pool per seed (it does
// not depend on how many people are generated), drawn from the shipped code tables (the comuni from a list of
// its own) so every record passes validation.
import { addDays, deriveSeed, Rng } from '@fsl/co';
import { generateNumericCf } from '@fsl/codice-fiscale';
import type { SiislTables } from '../codes';
import type { Corso, IsoDate, OffertaLavoro } from '../model';
import { MODALITA_CORSO } from '../vocabularies';

const COURSE_TITLES = ['Addetto alla cucina', 'Operatore di magazzino', 'Competenze digitali di base', 'Saldatore', 'Operatore socio-sanitario', 'Addetto alle vendite', 'Inglese per il lavoro', 'Sicurezza nei luoghi di lavoro', 'Carrellista', 'Addetto alle pulizie professionali'];
const PROVIDERS = ['ENTE FORMAZIONE ALFA', 'ISTITUTO BETA', 'CENTRO GAMMA', 'ACCADEMIA DELTA', 'SCUOLA OMEGA'];
const FUNDING = ['GOL', 'FSE+', 'Regionale'];
/**
 * Where courses and offers are: 28 comuni (mostly provincial capitals) in force throughout the generated
 * years, in a fixed order.
 * A choice of the generator, not drawn from the Belfiore table (ten thousand rows, ceased comuni included),
 * so the synthetic data of a seed stay the same whatever the table holds.
 */
const COMUNI = ['F205', 'H501', 'L219', 'G224', 'A859', 'C351', 'H223', 'G149', 'B157', 'F839', 'G273', 'A944', 'D612', 'D969', 'L736', 'L781', 'A662', 'F158', 'E506', 'D643', 'A794', 'F257', 'G337', 'A271', 'G478', 'L424', 'B354', 'H703'];

export const at = (date: IsoDate, hour = 10): string => `${date}T${String(hour).padStart(2, '0')}:00:00Z`;

export interface Catalogue {
  /** First version of each course and offer. */
  corsi: Corso[];
  offerte: OffertaLavoro[];
  /** Later versions: some courses get more seats and an address before they start; offers close. */
  aggiornamenti: { corsi: Corso[]; offerte: OffertaLavoro[] };
}

const hex = (rng: Rng, n: number): string => Array.from({ length: n }, () => '0123456789abcdef'[rng.int(0, 15)]).join('');

/** A well-formed ESCO skill URI that the shipped (partial, synthetic) table does not know. */
export function escoSconosciuto(rng: Rng, tables: SiislTables): string {
  for (;;) {
    const uri = `http://data.europa.eu/esco/skill/${hex(rng, 8)}-${hex(rng, 4)}-4${hex(rng, 3)}-${rng.pick(['8', '9', 'a', 'b'])}${hex(rng, 3)}-${hex(rng, 12)}`;
    if (!tables.table('esco').rowsInForce().some((r) => r.code === uri)) return uri;
  }
}

type Upd<R> = Extract<R, { operazione: 'AGGIORNAMENTO' }>;

/**
 * `count` courses and offers spread over [from, until]; ids are stable for a seed. With `sconosciuto`, the
 * last offer also asks for a skill by an ESCO URI the table does not know (drawn from a stream of its own,
 * so the rest of the catalogue is the same either way).
 */
export function makeCatalogue(seed: number, tables: SiislTables, from: IsoDate, until: IsoDate, count: number, sconosciuto = false): Catalogue {
  const rng = new Rng(deriveSeed(seed, 2_000_000));
  const span = Math.max(1, (Date.parse(until) - Date.parse(from)) / 86_400_000 - 120);
  const skills = tables.table('esco').rowsInForce().map((r) => r.code);
  const cp = tables.table('cp2011').rowsInForce().map((r) => r.code);
  const ateco = tables.table('ateco').rowsInForce().map((r) => r.code);
  const providers = PROVIDERS.map((denominazione) => ({ denominazione, codiceFiscale: generateNumericCf(rng.digits(7), String(rng.int(1, 99)).padStart(3, '0')) }));
  const corsi: Corso[] = Array.from({ length: count }, (_, i) => {
    const dataInizio = addDays(from, rng.int(0, span));
    const ente = rng.pick(providers);
    return {
      operazione: 'AGGIORNAMENTO',
      id: `CORSO-${seed}-${i + 1}`,
      versione: 1,
      aggiornatoIl: at(addDays(dataInizio, -30)),
      dati: {
        titolo: rng.pick(COURSE_TITLES),
        codiceCorsoEnte: `${ente.denominazione.slice(0, 3)}-${i + 1}`,
        ente: { ...ente, accreditamento: 'Accreditamento regionale' },
        sede: { comune: rng.pick(COMUNI) },
        modalita: rng.pick(MODALITA_CORSO),
        ore: rng.pick([40, 80, 120, 200, 300]),
        dataInizio,
        dataFine: addDays(dataInizio, rng.int(20, 90)),
        posti: rng.int(10, 30),
        livelloEqf: String(rng.int(2, 4)),
        competenze: [{ escoUri: rng.pick(skills) }],
        finanziamento: rng.pick(FUNDING),
      },
    };
  });
  const offerte: OffertaLavoro[] = Array.from({ length: count }, (_, i) => {
    const dataPubblicazione = addDays(from, rng.int(0, span + 60));
    return {
      operazione: 'AGGIORNAMENTO',
      id: `OFF-${seed}-${i + 1}`,
      versione: 1,
      aggiornatoIl: at(dataPubblicazione),
      dati: {
        datore: { codiceFiscale: generateNumericCf(rng.digits(7), String(rng.int(1, 99)).padStart(3, '0')), denominazione: `AZIENDA ${i + 1} SRL` },
        qualificaCp2011: rng.pick(cp),
        settoreAteco: rng.pick(ateco),
        sedeComune: rng.pick(COMUNI),
        tipologiaContrattuale: rng.pick(['A.01.00', 'A.02.00', 'A.03.02']),
        posti: rng.int(1, 5),
        dataPubblicazione,
        dataChiusura: addDays(dataPubblicazione, 60),
        competenzeRichieste: [{ escoUri: rng.pick(skills) }],
        stato: 'PUBBLICATA',
      },
    };
  });
  if (sconosciuto && offerte.length > 0) {
    const last = offerte[offerte.length - 1] as Upd<OffertaLavoro>;
    last.dati.competenzeRichieste.push({ escoUri: escoSconosciuto(new Rng(deriveSeed(seed, 2_500_000)), tables), tipo: 'SKILL' });
  }
  const updates = new Rng(deriveSeed(seed, 2_600_000));
  const aggiornamenti: Catalogue['aggiornamenti'] = { corsi: [], offerte: [] };
  for (const corso of corsi as Array<Upd<Corso>>) {
    const on = addDays(corso.dati.dataInizio, -10);
    if (updates.chance(0.3) && on <= until) {
      aggiornamenti.corsi.push({ ...corso, versione: 2, aggiornatoIl: at(on), dati: { ...corso.dati, posti: corso.dati.posti + 5, sede: { ...corso.dati.sede, indirizzo: `Via ${updates.pick(['Roma', 'Milano', 'Torino'])} ${updates.int(1, 99)}` } } });
    }
  }
  for (const offerta of offerte as Array<Upd<OffertaLavoro>>) {
    const on = offerta.dati.dataChiusura;
    if (on !== undefined && on <= until) aggiornamenti.offerte.push({ ...offerta, versione: 2, aggiornatoIl: at(on), dati: { ...offerta.dati, stato: 'CHIUSA' } });
  }
  return { corsi, offerte, aggiornamenti };
}
