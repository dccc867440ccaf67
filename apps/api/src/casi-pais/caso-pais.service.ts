import type { CasoVista } from '@fsl/cartella-sociale';
import { AppError } from '@fsl/http';
import type { AccessAuditService } from '../audit/access-audit.service';
import { parseRichiestaCasoPais } from '../eservices/requests';
import { cartelleInScope, vedeCaso } from '../fascicolo/scope';
import type { EserviceCall } from '../security/eservice-call';
import type { CasoSource } from './casi.repository';
import type { EsitoCasoPaisDto } from './contract';
import { toCasoDto } from './mapping';

/**
 * Every citizen whose personal data the case view carries: its members (current and past: the answer lists
 * both) and anyone a record of the case names — PUC participants, the PAD's members, the people documents
 * refer to. Each gets the access in their own access log.
 */
export function cittadiniDelCaso(vista: CasoVista): string[] {
  const cfs = new Set<string>(vista.membri.map((m) => m.codiceFiscale));
  for (const p of vista.partecipazioniPuc) cfs.add(p.codiceFiscale);
  for (const p of vista.pad) {
    cfs.add(p.richiedenteCf);
    for (const c of p.componenti) cfs.add(c.codiceFiscale);
  }
  const named = (cf: string | undefined) => cf !== undefined && cfs.add(cf);
  for (const d of vista.analisiPreliminari) for (const v of d.versioni) v.dati.bisogni.forEach((b) => named(b.codiceFiscale));
  for (const d of vista.quadriAnalisi) for (const v of d.versioni) v.dati.dimensioni.forEach((b) => named(b.codiceFiscale));
  for (const d of vista.pais) {
    for (const v of d.versioni) {
      v.dati.risultatiAttesi.forEach((r) => named(r.codiceFiscale));
      v.dati.sostegni.forEach((s) => s.beneficiari.forEach(named));
      v.dati.impegni.forEach((m) => named(m.codiceFiscale));
    }
  }
  return [...cfs].sort();
}

/**
 * A PaIS case by id (e-service "Consultazione caso PaIS"): to the ente that manages it today, or to a purpose
 * granted every case. An unknown case and a case the caller may not see get the same 404, so the answer
 * does not tell whether the id exists. A case served is recorded in the access log of every citizen it
 * carries data of, before it is served; a refused lookup reads nobody's data and records nothing, so its
 * answer takes no longer than an unknown id's.
 */
export class CasoPaisService {
  constructor(
    private readonly casi: CasoSource,
    private readonly audit: AccessAuditService,
  ) {}

  async consult(call: EserviceCall, body: unknown): Promise<EsitoCasoPaisDto> {
    const { casoId } = parseRichiestaCasoPais(body);
    // The registry grants this e-service only with the cartella sociale; checked again here so that a looser
    // table could never widen what the answer carries.
    const granted = cartelleInScope(call.grant, ['sociale']).length > 0;
    const vista = granted ? await this.casi.byId(casoId) : undefined;
    if (!vista || !vedeCaso(vista, call.grant, call.consumer)) throw new AppError('NOT_FOUND', 'no such case');
    await this.audit.recordEach(call, cittadiniDelCaso(vista), 'granted');
    return { caso: toCasoDto(vista) };
  }
}
