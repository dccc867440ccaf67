// Record builders for this library's specs (testing/ is left out of the build and the workspace check).
import { siislFixtures as F, type Corso, type Iscrizione, type ManifestazioneInteresse } from '@fsl/siisl';

export const CF = F.CITTADINO_CF;

const at = (versione: number) => `2025-03-${String(10 + versione).padStart(2, '0')}T09:00:00+01:00`;

export function corso(id: string, versione: number, change: Partial<Extract<Corso, { operazione: 'AGGIORNAMENTO' }>['dati']> = {}): Corso {
  const c = F.valid('corso') as Extract<Corso, { operazione: 'AGGIORNAMENTO' }>;
  return { ...c, id, versione, aggiornatoIl: at(versione), dati: { ...c.dati, ...change } };
}

export function iscrizione(id: string, versione: number, corsoId: string, eventi: Extract<Iscrizione, { operazione: 'AGGIORNAMENTO' }>['dati']['eventi']): Iscrizione {
  return { operazione: 'AGGIORNAMENTO', id, versione, aggiornatoIl: at(versione), codiceFiscale: CF, dati: { corsoId, eventi } };
}

export function interesse(id: string, versione: number, corsoId: string, data: string): ManifestazioneInteresse {
  return { operazione: 'AGGIORNAMENTO', id, versione, aggiornatoIl: at(versione), codiceFiscale: CF, dati: { corsoId, data } };
}

export function eliminazione<R extends Corso | Iscrizione | ManifestazioneInteresse>(r: R, versione: number): R {
  const { dati: _d, ...identity } = r as R & { dati?: unknown };
  return { ...identity, versione, aggiornatoIl: at(versione), operazione: 'ELIMINAZIONE' } as unknown as R;
}
