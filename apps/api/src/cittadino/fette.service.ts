import type { AccessAuditService } from '../audit/access-audit.service';
import { parseRichiestaFascicolo } from '../eservices/requests';
import { cartelleInScope } from '../fascicolo/scope';
import type { EserviceCall } from '../security/eservice-call';
import type { Fetta, Fette, KindFetta } from './fette';

export type EsitoFetta<K extends KindFetta> = { versione: number } & Fette[K];

/**
 * The e-services that serve one slice of a citizen's dossier, all in one way: the codice fiscale from the body,
 * the purpose's scope, the slice read as its cartella is read for this caller, the dossier version it was read
 * at. A citizen the caller may not see and an unknown one get the same answer (version 0, empty slice), and
 * every call is in the citizen's access log under the e-service's name, found or not, like the fascicolo's.
 */
export class FetteCittadinoService {
  constructor(
    private readonly fette: { [K in KindFetta]: Fetta<Fette[K]> },
    private readonly audit: AccessAuditService,
  ) {}

  consult<K extends KindFetta>(kind: K, call: EserviceCall, body: unknown): Promise<EsitoFetta<K>> {
    const { codiceFiscale } = parseRichiestaFascicolo(body);
    const fetta: Fetta<Fette[K]> = this.fette[kind];
    return this.audit.audited(call, codiceFiscale, async () => {
      // The registry grants a slice's e-service only with its cartella; checked again here so that a looser
      // table could never widen what the answer carries.
      const granted = cartelleInScope(call.grant, [fetta.cartella]).length > 0;
      const letta = granted ? await fetta.leggi(call, codiceFiscale) : undefined;
      return letta ? { versione: letta.versione, ...letta.cartella } : { versione: 0, ...fetta.vuota() };
    });
  }
}
