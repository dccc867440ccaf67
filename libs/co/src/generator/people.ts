// Synthetic workers and employers. Every code is drawn from the shipped code lists, so generated COs pass
// validation; CFs are computed with @fsl/codice-fiscale from the synthetic personal data.
import { encodePersonalCf, generateNumericCf } from '@fsl/codice-fiscale';
import type { CodeLists } from '../code-lists';
import { addDays } from '../dates';
import type { Datore, Lavoratore } from '../model';
import type { CodeDraws } from './codes';
import { anyComune, comuneOf, places, stateOn, suppressedBirth } from './places';
import { deriveSeed, Rng } from './prng';

const SURNAMES = ['Rossi', 'Russo', 'Ferrari', 'Esposito', 'Bianchi', 'Romano', 'Colombo', 'Ricci', 'Marino', 'Greco', 'Bruno', 'Gallo', 'Conti', "De Luca", 'Mancini', 'Costa', 'Giordano', 'Rizzo', 'Lombardi', 'Moretti', 'Barbieri', 'Fontana', 'Santoro', 'Mariani', 'Rinaldi', 'Caruso', 'Ferrara', 'Galli', 'Martini', 'Leone', 'Longo', 'Gentile', 'Martinelli', 'Vitale', 'Serra', 'Coppola', "D'Angelo", 'Marchetti', 'Parisi', 'Villa'];
const MALE = ['Marco', 'Giuseppe', 'Luca', 'Francesco', 'Alessandro', 'Andrea', 'Giovanni', 'Matteo', 'Lorenzo', 'Davide', 'Simone', 'Federico', 'Antonio', 'Stefano', 'Paolo', 'Roberto', 'Salvatore', 'Nicola', 'Fabio', 'Vincenzo'];
const FEMALE = ['Giulia', 'Francesca', 'Sara', 'Chiara', 'Martina', 'Laura', 'Anna', 'Valentina', 'Elena', 'Alessia', 'Federica', 'Silvia', 'Maria', 'Paola', 'Roberta', 'Giorgia', 'Elisa', 'Ilaria', 'Marta', 'Beatrice'];
const FOREIGN_SURNAMES = ['Popescu', 'Ionescu', 'Hoxha', 'Kelmendi', 'Chen', 'Wang', 'Singh', 'Kumar', 'Hossain', 'Rahman', 'Khan', 'El Amrani', 'Benali', 'Santos', 'Reyes', 'Kovalenko', 'Shevchenko', 'Smith'];
const FOREIGN_MALE = ['Andrei', 'Ion', 'Arben', 'Wei', 'Rajesh', 'Mohammed', 'Karim', 'Jose', 'Taras', 'John'];
const FOREIGN_FEMALE = ['Elena', 'Ioana', 'Ardita', 'Li', 'Priya', 'Fatima', 'Amina', 'Maria', 'Olena', 'Mary'];
const COMPANY_WORDS = ['ALFA', 'BETA', 'DELTA', 'GAMMA', 'SIGMA', 'ORIONE', 'VEGA', 'AURORA', 'ATLANTE', 'MERIDIANA', 'LEVANTE', 'PONENTE', 'TERRA', 'MARE', 'MONTE', 'FIUME'];
const COMPANY_FORMS = ['SRL', 'SPA', 'SNC', 'SAS', 'SRLS', 'SOC. COOP.'];
const STREETS = ['Via Roma', 'Via Garibaldi', 'Corso Italia', 'Via Mazzini', 'Via Verdi', 'Piazza Dante', 'Via Manzoni', 'Viale Europa'];

export interface Worker {
  lavoratore: Lavoratore;
  /** Age at the start of the generation window, for the apprenticeship rule of thumb. */
  birthDate: string;
  provisional: boolean;
}

export interface EmployerPools {
  ordinary: Datore[];
  public: Datore[];
  agencies: Datore[];
}

/** Sedi are in comuni that existed before any generated CO (and still exist). */
const SEDI_SINCE = '2008-01-01';

function address(rng: Rng): string {
  return `${rng.pick(STREETS)} ${rng.int(1, 180)}`;
}

/**
 * Born in Italy in a comune of province `index mod provinces` (so any ~110 consecutive workers cover every
 * province, hence every region), ~4% of them in a comune suppressed or merged since; ~12% born abroad:
 * half foreign citizens (1 in 12 of those with an 11-digit provisional CF), half Italian citizens born
 * abroad, in any state that existed on the birth day (ceased ones included).
 */
export function makeWorker(seed: number, index: number, lists: CodeLists, from: string, codes: CodeDraws): Worker {
  const rng = new Rng(deriveSeed(seed, 1_000_000 + index));
  const where = places(lists);
  const sex = rng.chance(0.5) ? 'M' : 'F';
  let birthDate = addDays(from, -rng.int(18 * 365, 58 * 365));
  const foreign = rng.chance(0.12);
  const foreignCitizen = foreign && rng.chance(0.5);
  let placeCode: string;
  let cittadinanza = '000';
  if (foreignCitizen) {
    const known = lists.validCodes('cittadinanza').filter((e) => e.attrs.belfiore);
    const c = rng.pick(known);
    placeCode = c.attrs.belfiore;
    cittadinanza = codes.draw(rng, 'cittadinanza', undefined, [c.code]);
  } else if (foreign) {
    placeCode = stateOn(where, rng, birthDate);
  } else {
    const gone = rng.chance(0.04) ? suppressedBirth(where, rng, addDays(from, -58 * 365), addDays(from, -18 * 365)) : undefined;
    if (gone) birthDate = gone.day;
    placeCode = gone?.code ?? comuneOf(where, index, rng, birthDate) ?? anyComune(where, rng, birthDate);
  }
  const cognome = rng.pick(foreignCitizen ? FOREIGN_SURNAMES : SURNAMES);
  const nome = rng.pick(foreignCitizen ? (sex === 'M' ? FOREIGN_MALE : FOREIGN_FEMALE) : sex === 'M' ? MALE : FEMALE);
  const provisional = foreignCitizen && rng.chance(1 / 12);
  const codiceFiscale = provisional
    ? generateNumericCf(rng.digits(7), String(rng.int(1, 99)).padStart(3, '0'))
    : encodePersonalCf({ surname: cognome, name: nome, sex, birthDate, placeCode });
  return {
    birthDate,
    provisional,
    lavoratore: {
      codiceFiscale,
      cognome: cognome.toUpperCase(),
      nome: nome.toUpperCase(),
      sesso: sex,
      nascita: { comune: placeCode, data: birthDate },
      cittadinanza,
      domicilio: { comune: anyComune(where, rng, from), indirizzo: address(rng) },
    },
  };
}

function placeName(lists: CodeLists, code: string): string {
  const c = lists.check('belfiore', code);
  return c.status === 'ok' ? c.entry.description.toUpperCase() : code;
}

/** Employer number `n` has its sede legale in province `n mod provinces`: a pool of ~110 covers Italy. */
function employer(rng: Rng, lists: CodeLists, n: number, settore: string, pa: boolean): Datore {
  const where = places(lists);
  const comune = comuneOf(where, n, rng, SEDI_SINCE) ?? anyComune(where, rng, SEDI_SINCE);
  // A few sole traders: their employer CF is the owner's 16-character personal CF.
  const soleTrader = !pa && rng.chance(0.06);
  const ownerBorn = addDays('1980-01-01', rng.int(-7000, 5000));
  const cf = soleTrader
    ? encodePersonalCf({
        surname: rng.pick(SURNAMES),
        name: rng.pick(MALE),
        sex: 'M',
        birthDate: ownerBorn,
        // Born where the firm is, if that comune already existed then.
        placeCode: comuneOf(where, n, rng, ownerBorn) ?? anyComune(where, rng, ownerBorn),
      })
    : generateNumericCf(rng.digits(7), String(rng.int(1, 99)).padStart(3, '0'));
  const sede = { comune, cap: rng.digits(5), indirizzo: address(rng) };
  return {
    codiceFiscale: cf,
    denominazione: pa ? `COMUNE DI ${placeName(lists, comune)}` : `${rng.pick(COMPANY_WORDS)} ${rng.pick(COMPANY_WORDS)} ${rng.pick(COMPANY_FORMS)}`,
    settore,
    pubblicaAmministrazione: pa,
    sedeLegale: sede,
    sedeLavoro: rng.chance(0.7) ? sede : { comune: anyComune(where, rng, SEDI_SINCE), cap: rng.digits(5), indirizzo: address(rng) },
  };
}

/**
 * A fixed pool per seed (independent of the number of workers): 240 private employers over every
 * province and every sector of the ATECO table (plus, at the chosen rate, well-formed sectors it does not
 * know), public employers and temp agencies.
 */
export function makeEmployers(seed: number, lists: CodeLists, codes: CodeDraws): EmployerPools {
  const rng = new Rng(deriveSeed(seed, 0));
  const settori = lists.validCodes('ateco').map((e) => e.code);
  const privateSettori = settori.filter((s) => !['78.20.00', '84.11.10', '85.20.00'].includes(s));
  let n = 0;
  return {
    ordinary: Array.from({ length: 240 }, (_, i) =>
      employer(rng, lists, n++, codes.draw(rng, 'ateco', undefined, [privateSettori[i % privateSettori.length]]), false),
    ),
    public: Array.from({ length: 6 }, (_, i) => employer(rng, lists, n++, ['84.11.10', '85.20.00'][i % 2], true)),
    agencies: Array.from({ length: 5 }, () => ({
      ...employer(rng, lists, n++, '78.20.00', false),
      denominazione: `${rng.pick(COMPANY_WORDS)} LAVORO SPA`,
    })),
  };
}
