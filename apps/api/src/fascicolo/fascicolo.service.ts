import type { AccessAuditService } from '../audit/access-audit.service';
import type { CartellaLavorativaDto } from '../cartella-lavorativa.contract';
import type { CartellaLavorativaRepository } from '../cartella-lavorativa.repository';
import type { Cartella } from '../registry/authorizations';
import { parseRichiestaFascicolo } from '../eservices/requests';
import type { EserviceCall } from '../security/eservice-call';
import type { CartellaFormativaDto, CartellaSocialeDto } from './contract';
import { cartelleInScope, coversWholeCartella, visibleCasiPais } from './scope';
import type { CartellaFormativaSource, CartellaSocialeSource, DossierVersions } from './sources';

export interface FascicoloView {
  versione: number;
  cartellaLavorativa?: CartellaLavorativaDto | null;
  cartellaSociale?: CartellaSocialeDto;
  cartellaFormativa?: CartellaFormativaDto;
}

/** The dossier of one citizen as one caller may see it (see scope.ts for the rules). */
export class FascicoloService {
  constructor(
    private readonly versions: DossierVersions,
    private readonly lavorativa: Pick<CartellaLavorativaRepository, 'find'>,
    private readonly sociale: CartellaSocialeSource,
    private readonly formativa: CartellaFormativaSource,
    private readonly audit: AccessAuditService,
  ) {}

  /** An e-service consultation: the request body, then the audited read. */
  consult(call: EserviceCall, body: unknown, requested: readonly Cartella[]): Promise<FascicoloView> {
    return this.readAudited(call, parseRichiestaFascicolo(body).codiceFiscale, requested);
  }

  readAudited(call: EserviceCall, codiceFiscale: string, requested: readonly Cartella[]): Promise<FascicoloView> {
    return this.audit.audited(call, codiceFiscale, () => this.read(call, codiceFiscale, requested));
  }

  async read(call: EserviceCall, codiceFiscale: string, requested: readonly Cartella[]): Promise<FascicoloView> {
    const inScope = cartelleInScope(call.grant, requested);
    const has = (c: Cartella) => inScope.includes(c);
    // The cartella lavorativa's statement already reads the dossier row (version and existence): when it
    // is in scope, a second query for the version would only add a round trip to every read.
    const [lavorativa, versioneSola, casi, percorsi] = await Promise.all([
      has('lavorativa') ? this.lavorativa.find(codiceFiscale, { permessoSoggiorno: call.grant.datiParticolari.includes('permessoSoggiorno') }) : undefined,
      has('lavorativa') ? undefined : this.versions.of(codiceFiscale),
      has('sociale') ? this.sociale.casiPais(codiceFiscale) : [],
      has('formativa') ? this.formativa.percorsi(codiceFiscale) : [],
    ]);
    const versione = has('lavorativa') ? lavorativa?.versione : versioneSola;
    const casiVisibili = visibleCasiPais(casi, call.grant, call.consumer);
    const visible = versione !== undefined && (coversWholeCartella(call.grant, inScope) || casiVisibili.length > 0);
    // Not visible = exactly the answer for an unknown codice fiscale.
    const view: FascicoloView = { versione: visible ? versione : 0 };
    if (has('lavorativa')) view.cartellaLavorativa = visible ? (lavorativa ?? null) : null;
    if (has('sociale')) view.cartellaSociale = { casiPais: visible ? casiVisibili : [] };
    if (has('formativa')) view.cartellaFormativa = { percorsi: visible ? percorsi : [] };
    return view;
  }
}
