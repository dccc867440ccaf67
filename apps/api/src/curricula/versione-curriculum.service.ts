import { AppError } from '@fsl/http';
import type { AccessAuditService } from '../audit/access-audit.service';
import type { CartellaLavorativaRepository } from '../cartella-lavorativa.repository';
import { toCurriculumDto } from '../cartella-lavorativa.siisl';
import { parseRichiestaVersioneCurriculum } from '../eservices/requests';
import { cartelleInScope } from '../fascicolo/scope';
import type { EserviceCall } from '../security/eservice-call';
import type { EsitoVersioneCurriculumDto } from './contract';

/**
 * One version of a citizen's CV as it was. An unknown citizen, CV or version, and a version that is the
 * CV's deletion, all get the same 404: the answer does not tell which, so it does not reveal whether
 * the citizen is in the FSL. The read is audited like every other, found or not.
 */
export class VersioneCurriculumService {
  constructor(
    private readonly curricula: Pick<CartellaLavorativaRepository, 'curriculumAllaVersione'>,
    private readonly audit: AccessAuditService,
  ) {}

  async consult(call: EserviceCall, body: unknown): Promise<EsitoVersioneCurriculumDto> {
    const req = parseRichiestaVersioneCurriculum(body);
    // The registry only grants this e-service with the cartella lavorativa; checked again here so that a
    // looser table could never widen what the answer carries.
    const granted = cartelleInScope(call.grant, ['lavorativa']).length > 0;
    const found = await this.audit.audited(call, req.codiceFiscale, async () =>
      granted ? this.curricula.curriculumAllaVersione(req.codiceFiscale, req.curriculumId, req.versione) : undefined,
    );
    if (!found) throw new AppError('NOT_FOUND', 'no such curriculum version');
    return { versione: found.versioneFascicolo, curriculum: toCurriculumDto(found.curriculum) };
  }
}
