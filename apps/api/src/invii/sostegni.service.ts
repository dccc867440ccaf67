// E-service "Invio sostegni" (ADR 0007): supports registered for a PaIS join it as a new version of the PaIS
// record — the document version the case shows as current, with the supports merged by id — published like
// GePI's own. Built from the latest version the dossier holds, and refused while a newer one is on its way.
import { AppError } from '@fsl/http';
import { versioniDocumento, type Sostegno } from '@fsl/gepi';
import type { EserviceCall } from '../security/eservice-call';
import type { EsitoInvio, InviiService } from './invii.service';
import { casoScrivibile, cittadiniDelloScritto, fuoriNucleo, prossimaVersione, versioneVista } from './regole';
import { parseRichiestaSostegni } from './requests';

type SostegnoInviato = Record<string, unknown>;

/**
 * The PaIS's supports with those sent merged by id: one sent with the id of a support already there replaces
 * it in place (a correction: dates, provider, an internship's end), any other is added at the end, in the
 * order sent. `origine[k]` is the index in the request of the k-th support, undefined for those kept.
 */
export function sostegniUniti(presenti: readonly Sostegno[], inviati: readonly SostegnoInviato[]): { sostegni: unknown[]; origine: Array<number | undefined> } {
  const sostegni: unknown[] = [...presenti];
  const origine: Array<number | undefined> = presenti.map(() => undefined);
  inviati.forEach((s, j) => {
    // Only a support not already replaced by this request: the same id sent twice is reported as a duplicate.
    const k = presenti.findIndex((p, i) => p.id === s.id && origine[i] === undefined);
    if (k >= 0) {
      sostegni[k] = s;
      origine[k] = j;
    } else {
      sostegni.push(s);
      origine.push(j);
    }
  });
  return { sostegni, origine };
}

/** A problem of the PaIS record as the request names the field: `dati.sostegni[k]…` → `sostegni[j]…`. */
export function percorsoSostegni(path: string, origine: ReadonlyArray<number | undefined>): string {
  const m = /^dati\.sostegni\[(\d+)\](.*)$/.exec(path);
  const j = m ? origine[Number(m[1])] : undefined;
  if (m && j !== undefined) return `sostegni[${j}]${m[2]}`;
  if (path === 'id') return 'paisId';
  if (path === 'casoId') return 'casoId';
  // A field of the PaIS the request did not send.
  return `pais.${path}`;
}

export class SostegniService {
  constructor(private readonly invii: InviiService) {}

  invia(call: EserviceCall, body: unknown): Promise<EsitoInvio> {
    const req = parseRichiestaSostegni(body);
    let origine: Array<number | undefined> = [];
    return this.invii.invia(call, {
      fonte: 'GEPI',
      entita: 'pais',
      id: req.paisId,
      prepara: async (tx, highest) => {
        const { state, vista } = await casoScrivibile(tx, call, req.casoId);
        const history = state.sezioni.pais[req.paisId];
        // The document version the case shows as current; none (or deleted): no PaIS to add to.
        const corrente = versioniDocumento(history).corrente;
        if (!corrente) throw new AppError('NOT_FOUND', 'no such PaIS in the case');
        const beneficiari = req.sostegni.map((s) => (Array.isArray(s.beneficiari) ? (s.beneficiari as unknown[]) : []));
        fuoriNucleo(vista, beneficiari.flatMap((list, j) => list.map((cf, k) => ({ path: `sostegni[${j}].beneficiari[${k}]`, cf }))));
        const uniti = sostegniUniti(corrente.record.dati.sostegni, req.sostegni);
        origine = uniti.origine;
        const { operazione, id, casoId, dati } = corrente.record;
        return {
          contenuto: { operazione, id, casoId, dati: { ...dati, sostegni: uniti.sostegni } },
          ...prossimaVersione(highest, versioneVista(history), req.versioneBase),
          cittadini: cittadiniDelloScritto(vista, beneficiari.flat()),
        };
      },
      percorso: (path) => percorsoSostegni(path, origine),
    });
  }
}
