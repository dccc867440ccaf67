// E-service "Invio analisi preliminare" (ADR 0007): a version of an analisi preliminare of a case, published as
// a GePI record of the case (its id and document number chosen by the ente, as GePI's are), validated by
// checkGepi. Another version of the same analysis takes the next record version.
import { AppError } from '@fsl/http';
import type { EserviceCall } from '../security/eservice-call';
import type { EsitoInvio, InviiService } from './invii.service';
import { casoScrivibile, cittadiniDelloScritto, fuoriNucleo, prossimaVersione, versioneVista } from './regole';
import { parseRichiestaAnalisiPreliminare } from './requests';

export class AnalisiPreliminareService {
  constructor(private readonly invii: InviiService) {}

  invia(call: EserviceCall, body: unknown): Promise<EsitoInvio> {
    const req = parseRichiestaAnalisiPreliminare(body);
    return this.invii.invia(call, {
      fonte: 'GEPI',
      entita: 'analisi-preliminare',
      id: req.id,
      prepara: async (tx, highest) => {
        const { state, vista } = await casoScrivibile(tx, call, req.casoId);
        const history = state.sezioni['analisi-preliminare'][req.id];
        // Versions of this id exist but none in this case: the id is another case's, or its first version is
        // not applied yet. Either way writing now could move a record between cases.
        if (history === undefined && highest !== undefined) {
          throw new AppError('CONFLICT', 'this id has versions the case does not show: it belongs to another case, or its latest version is not applied yet (resend with its Versione-Minima)');
        }
        const bisogni = Array.isArray(req.dati.bisogni) ? (req.dati.bisogni as unknown[]) : [];
        const nominati = bisogni.map((b) => (typeof b === 'object' && b !== null ? (b as { codiceFiscale?: unknown }).codiceFiscale : undefined));
        fuoriNucleo(vista, nominati.map((cf, i) => ({ path: `dati.bisogni[${i}].codiceFiscale`, cf })));
        return {
          contenuto: { operazione: 'AGGIORNAMENTO', id: req.id, casoId: req.casoId, dati: req.dati },
          ...prossimaVersione(highest, versioneVista(history), req.versioneBase),
          cittadini: cittadiniDelloScritto(vista, nominati),
        };
      },
      // The request carries the record's own members (id, casoId, dati): every path is the request's.
      percorso: (path) => path,
    });
  }
}
