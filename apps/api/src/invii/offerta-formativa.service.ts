// E-services "Inserimento offerta formativa" and "Aggiornamento offerta formativa" (ADR 0007): a course is a
// SIISL catalogue record, published through the SIISL source like SIISL's own. A consumer writes only the
// courses of the providers it acts for (the authorisation table's entiFormativi).
import { hash } from 'node:crypto';
import type { PoolClient } from 'pg';
import { AppError } from '@fsl/http';
import { currentVersion, type Corso, type StoredVersion } from '@fsl/siisl';
import type { EserviceCall } from '../security/eservice-call';
import './errors';
import type { EsitoInvio, InviiService } from './invii.service';
import { cfLetto, prossimaVersione, versioneVista } from './regole';
import { parseRichiestaAggiornamentoCorso, parseRichiestaInserimentoCorso } from './requests';

/**
 * The SIISL id of a course the api inserts, from the provider's codice fiscale and own course code — the key
 * e-service "Recupero identificativo offerta formativa" looks it up by. Deterministic, so a retried insert is
 * the same record; hashed, so no CF is in the id; in groups of four, so no part of it can look like a CF.
 */
export function corsoIdDi(enteCf: string, codiceCorsoEnte: string): string {
  const h = hash('sha256', `fsl-corso\n${enteCf}\n${codiceCorsoEnte}`, 'hex');
  return `CORSO-FSL-${[0, 4, 8, 12, 16].map((i) => h.slice(i, i + 4)).join('-')}`;
}

/** The provider and course code a request's dati name, read as the SIISL schema reads them (CF trimmed, upper case). */
function fornitore(dati: Record<string, unknown>): { cf?: string; codice?: string } {
  const ente = dati.ente;
  const cf = typeof ente === 'object' && ente !== null ? cfLetto((ente as { codiceFiscale?: unknown }).codiceFiscale) : undefined;
  const codice = typeof dati.codiceCorsoEnte === 'string' ? dati.codiceCorsoEnte.trim() : undefined;
  return { ...(cf ? { cf } : {}), ...(codice ? { codice } : {}) };
}

const abilitato = (call: EserviceCall, cf: string): boolean => call.consumer.entiFormativi?.includes(cf) ?? false;

/** Refused before anything is read, so the answer says nothing about which courses exist. */
function richiedeAbilitazione(call: EserviceCall, cf: string | undefined): void {
  if (cf !== undefined && !abilitato(call, cf)) throw new AppError('ENTE_FORMATIVO_NON_ABILITATO', 'dati.ente.codiceFiscale is not a provider the consumer acts for');
}

/** Whether another course (in the dossier) already has this provider code: the provider-code → id lookup must stay one-to-one. */
async function codiceInUso(tx: PoolClient, f: { cf?: string; codice?: string }, corsoId: string): Promise<boolean> {
  if (f.cf === undefined || f.codice === undefined) return false;
  const { rows } = await tx.query('SELECT 1 FROM siisl_corso WHERE ente_cf = $1 AND codice_corso_ente = $2 AND corso_id <> $3 LIMIT 1', [f.cf, f.codice, corsoId]);
  return rows.length > 0;
}

const giaInserito = () => new AppError('CORSO_GIA_INSERITO', 'a course with this provider and dati.codiceCorsoEnte exists: update it (its id: Recupero identificativo offerta formativa)');

export class OffertaFormativaService {
  constructor(private readonly invii: InviiService) {}

  inserisci(call: EserviceCall, body: unknown): Promise<EsitoInvio> {
    const { dati } = parseRichiestaInserimentoCorso(body);
    const f = fornitore(dati);
    richiedeAbilitazione(call, f.cf);
    // Without a provider or a code the record is refused by the validation; the id does not matter then.
    const id = corsoIdDi(f.cf ?? '', f.codice ?? '');
    return this.invii.invia(call, {
      fonte: 'SIISL',
      entita: 'corso',
      id,
      prepara: async (tx, highest) => {
        const altro = await codiceInUso(tx, f, id);
        return {
          contenuto: { operazione: 'AGGIORNAMENTO', id, dati },
          versione: (highest ?? 0) + 1,
          // The same request again is answered GIA_ACCETTATO before this; anything else under the key is a second insert.
          verifica: () => {
            if (highest !== undefined || altro) throw giaInserito();
          },
          cittadini: [],
        };
      },
      percorso: (path) => path,
    });
  }

  aggiorna(call: EserviceCall, body: unknown): Promise<EsitoInvio> {
    const req = parseRichiestaAggiornamentoCorso(body);
    const f = fornitore(req.dati);
    richiedeAbilitazione(call, f.cf);
    return this.invii.invia(call, {
      fonte: 'SIISL',
      entita: 'corso',
      id: req.corsoId,
      prepara: async (tx, highest) => {
        const { rows } = await tx.query<{ history: Array<StoredVersion<Corso>> }>('SELECT history FROM siisl_corso WHERE corso_id = $1', [req.corsoId]);
        const history = rows[0]?.history;
        const corrente = currentVersion(history)?.record;
        // An unknown course, a void one and one of a provider the consumer does not act for: the same 404.
        if (corrente?.operazione !== 'AGGIORNAMENTO' || !abilitato(call, corrente.dati.ente.codiceFiscale)) throw new AppError('NOT_FOUND', 'no such course');
        const altro = await codiceInUso(tx, f, req.corsoId);
        const next = prossimaVersione(highest, versioneVista(history), req.versioneBase);
        return {
          contenuto: { operazione: 'AGGIORNAMENTO', id: req.corsoId, dati: req.dati },
          versione: next.versione,
          verifica: () => {
            next.verifica();
            if (altro) throw giaInserito();
          },
          cittadini: [],
        };
      },
      percorso: (path) => (path === 'id' ? 'corsoId' : path),
    });
  }
}
