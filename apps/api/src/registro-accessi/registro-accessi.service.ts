import type { AccessAuditService } from '../audit/access-audit.service';
import type { CursorCodec } from '../audit/cursor';
import type { RichiestaRegistroAccessi } from '../eservices/requests';
import type { AuthorizationTable } from '../registry/authorizations';
import type { EserviceCall } from '../security/eservice-call';
import type { RegistroAccessiDto } from './contract';

const DEFAULT_LIMIT = 50;

/** A citizen's own access log: who read their dossier, when, for which purpose (newest first). */
export class RegistroAccessiService {
  constructor(
    private readonly audit: AccessAuditService,
    private readonly cursors: CursorCodec,
    private readonly table: AuthorizationTable,
  ) {}

  async read(call: EserviceCall, req: RichiestaRegistroAccessi): Promise<RegistroAccessiDto> {
    const subject = this.audit.pseudonymOf(req.codiceFiscale);
    const clientId = call.caller.clientId;
    const before = req.cursor === undefined ? undefined : this.cursors.open(req.cursor, subject, clientId);
    // Reading the log is itself a read of personal data: it is audited like the others.
    return this.audit.audited(call, req.codiceFiscale, async () => {
      const page = await this.audit.subjectLog(subject, { limit: req.limit ?? DEFAULT_LIMIT, before });
      const result: RegistroAccessiDto = {
        accessi: page.items.map((a) => {
          const denominazione = this.table.nameOf(a.consumer.clientId);
          return {
            dataOra: a.time,
            fruitore: { ...(denominazione ? { denominazione } : {}), clientId: a.consumer.clientId, organizzazione: a.consumer.organizationId },
            finalita: a.purposeId,
            eservice: a.eservice,
          };
        }),
      };
      if (page.nextCursor) result.nextCursor = this.cursors.seal(page.nextCursor, subject, clientId);
      return result;
    });
  }
}
