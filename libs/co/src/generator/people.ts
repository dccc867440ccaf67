// Synthetic workers and employers. Every code is drawn from the shipped code lists, so generated COs pass
// validation; CFs are computed with @fsl/codice-fiscale from the synthetic personal data.
import { encodePersonalCf, generateNumericCf } from '@fsl/codice-fiscale';
import type { CodeLists } from '../code-lists';
import { addDays } from '../dates';
import type { Datore, Lavoratore } from '../model';
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

function address(rng: Rng): string {
  return `${rng.pick(STREETS)} ${rng.int(1, 180)}`;
}

export function comuni(lists: CodeLists): string[] {
  return lists.validCodes('belfiore').filter((e) => e.attrs.tipo === 'comune').map((e) => e.code);
}

/** ~12% foreign-born; 1 in 12 of those holds an 11-digit provisional CF (about 1% of all workers). */
export function makeWorker(seed: number, index: number, lists: CodeLists, from: string): Worker {
  const rng = new Rng(deriveSeed(seed, 1_000_000 + index));
  const sex = rng.chance(0.5) ? 'M' : 'F';
  const birthDate = addDays(from, -rng.int(18 * 365, 58 * 365));
  const foreign = rng.chance(0.12);
  let placeCode: string;
  let cittadinanza = '000';
  let cognome: string;
  let nome: string;
  if (foreign) {
    const c = rng.pick(lists.validCodes('cittadinanza').filter((e) => e.attrs.belfiore));
    placeCode = c.attrs.belfiore;
    cittadinanza = c.code;
    cognome = rng.pick(FOREIGN_SURNAMES);
    nome = rng.pick(sex === 'M' ? FOREIGN_MALE : FOREIGN_FEMALE);
  } else {
    placeCode = rng.pick(comuni(lists));
    cognome = rng.pick(SURNAMES);
    nome = rng.pick(sex === 'M' ? MALE : FEMALE);
  }
  const provisional = foreign && rng.chance(1 / 12);
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
      domicilio: { comune: rng.pick(comuni(lists)), indirizzo: address(rng) },
    },
  };
}

function placeName(lists: CodeLists, code: string): string {
  const c = lists.check('belfiore', code);
  return c.status === 'ok' ? c.entry.description.toUpperCase() : code;
}

function employer(rng: Rng, lists: CodeLists, settore: string, pa: boolean): Datore {
  const comune = rng.pick(comuni(lists));
  // A few sole traders: their employer CF is the owner's 16-character personal CF.
  const soleTrader = !pa && rng.chance(0.06);
  const cf = soleTrader
    ? encodePersonalCf({
        surname: rng.pick(SURNAMES),
        name: rng.pick(MALE),
        sex: 'M',
        birthDate: addDays('1980-01-01', rng.int(-7000, 5000)),
        placeCode: comune,
      })
    : generateNumericCf(rng.digits(7), String(rng.int(1, 99)).padStart(3, '0'));
  const sede = { comune, cap: rng.digits(5), indirizzo: address(rng) };
  return {
    codiceFiscale: cf,
    denominazione: pa ? `COMUNE DI ${placeName(lists, comune)}` : `${rng.pick(COMPANY_WORDS)} ${rng.pick(COMPANY_WORDS)} ${rng.pick(COMPANY_FORMS)}`,
    settore,
    pubblicaAmministrazione: pa,
    sedeLegale: sede,
    sedeLavoro: rng.chance(0.7) ? sede : { comune: rng.pick(comuni(lists)), cap: rng.digits(5), indirizzo: address(rng) },
  };
}

/** A fixed pool per seed (independent of the number of workers). */
export function makeEmployers(seed: number, lists: CodeLists): EmployerPools {
  const rng = new Rng(deriveSeed(seed, 0));
  const settori = lists.validCodes('ateco').map((e) => e.code);
  const privateSettori = settori.filter((s) => !['78.20.00', '84.11.10', '85.20.00'].includes(s));
  return {
    ordinary: Array.from({ length: 80 }, () => employer(rng, lists, rng.pick(privateSettori), false)),
    public: Array.from({ length: 6 }, () => employer(rng, lists, rng.pick(['84.11.10', '85.20.00']), true)),
    agencies: Array.from({ length: 5 }, () => ({
      ...employer(rng, lists, '78.20.00', false),
      denominazione: `${rng.pick(COMPANY_WORDS)} LAVORO SPA`,
    })),
  };
}
