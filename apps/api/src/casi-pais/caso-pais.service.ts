import { AppError } from '@fsl/http';
import type { AccessAuditService } from '../audit/access-audit.service';
import { cartelleInScope, vedeCaso } from '../fascicolo/scope';
import type { EserviceCall } from '../security/eservice-call';
import type { CaseSlice, CasiSource } from './slices';

/**
 * The case-scoped e-services (slices.ts): to the ente that manages the case today, or to a purpose granted
 * every case. An unknown case and a case the caller may not see get the same 404, so the answer does not
 * tell whether the id exists. What is served is recorded in the access log of every citizen it carries data
 * of, before it is served; a refused lookup reads nobody's data and records nothing, so its answer takes
 * no longer than an unknown id's.
 */
export class CasiPaisService {
  constructor(
    private readonly casi: CasiSource,
    private readonly audit: AccessAuditService,
  ) {}

  async consult<R, D>(call: EserviceCall, body: unknown, slice: CaseSlice<R, D>): Promise<D> {
    const request = slice.parse(body);
    // The registry grants these e-services only with the cartella sociale; checked again here so that a
    // looser table could never widen what the answer carries.
    const granted = cartelleInScope(call.grant, ['sociale']).length > 0;
    const viste = granted ? await slice.find(this.casi, request) : [];
    for (const vista of viste) {
      const part = vedeCaso(vista, call.grant, call.consumer) ? slice.part(vista, request) : undefined;
      if (part === undefined) continue;
      await this.audit.recordEach(call, part.cittadini, 'granted');
      return part.esito;
    }
    throw new AppError('NOT_FOUND', slice.notFound);
  }
}
