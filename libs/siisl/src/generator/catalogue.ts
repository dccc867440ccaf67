// The catalogue side of the synthetic SIISL data: courses and job offers, a fixed pool per seed (it does
// not depend on how many people are generated), drawn from the shipped code tables so every record passes
// validation.
import { addDays, deriveSeed, Rng } from '@fsl/co';
import { generateNumericCf } from '@fsl/codice-fiscale';
import type { SiislTables } from '../codes';
import type { Corso, IsoDate, OffertaLavoro } from '../model';
import { MODALITA_CORSO } from '../vocabularies';

const COURSE_TITLES = ['Addetto alla cucina', 'Operatore di magazzino', 'Competenze digitali di base', 'Saldatore', 'Operatore socio-sanitario', 'Addetto alle vendite', 'Inglese per il lavoro', 'Sicurezza nei luoghi di lavoro', 'Carrellista', 'Addetto alle pulizie professionali'];
const PROVIDERS = ['ENTE FORMAZIONE ALFA', 'ISTITUTO BETA', 'CENTRO GAMMA', 'ACCADEMIA DELTA', 'SCUOLA OMEGA'];
const FUNDING = ['GOL', 'FSE+', 'Regionale'];

export const at = (date: IsoDate, hour = 10): string => `${date}T${String(hour).padStart(2, '0')}:00:00Z`;

export interface Catalogue {
  corsi: Corso[];
  offerte: OffertaLavoro[];
}

/** `count` courses and offers spread over [from, until]; ids are stable for a seed. */
export function makeCatalogue(seed: number, tables: SiislTables, from: IsoDate, until: IsoDate, count: number): Catalogue {
  const rng = new Rng(deriveSeed(seed, 2_000_000));
  const span = Math.max(1, (Date.parse(until) - Date.parse(from)) / 86_400_000 - 120);
  const comuni = tables.table('belfiore').rowsInForce().filter((r) => r.attrs.tipo === 'comune').map((r) => r.code);
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
        sede: { comune: rng.pick(comuni) },
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
        sedeComune: rng.pick(comuni),
        tipologiaContrattuale: rng.pick(['A.01.00', 'A.02.00', 'A.03.02']),
        posti: rng.int(1, 5),
        dataPubblicazione,
        dataChiusura: addDays(dataPubblicazione, 60),
        competenzeRichieste: [{ escoUri: rng.pick(skills) }],
        stato: 'PUBBLICATA',
      },
    };
  });
  return { corsi, offerte };
}
