import { collegamentoCittadino, type CasoVista, type CollegamentoCaso } from '@fsl/cartella-sociale';
import type { AccessAuditService } from '../audit/access-audit.service';
import type { CartellaLavorativaDto } from '../cartella-lavorativa.contract';
import type { CartellaLavorativaRepository } from '../cartella-lavorativa.repository';
import type { CasiCittadinoSource } from '../casi-pais/casi.repository';
import { toCasoPaisDto } from '../casi-pais/mapping';
import type { Snapshot } from '../database';
import type { Cartella } from '../registry/authorizations';
import { parseRichiestaFascicolo } from '../eservices/requests';
import type { EserviceCall } from '../security/eservice-call';
import type { CartellaFormativaDto, CartellaSocialeDto } from './contract';
import { toCartellaFormativaDto, toMisureInclusioneDto, toPartecipazioniPucDto } from './mapping';
import { cartelleInScope, coversCartella, coversWholeCartella, vedeCaso } from './scope';
import { toPrestazioniSocialiDto, type PrestazioniSocialiSource } from './prestazioni-sociali';
import type { CartellaFormativaSource, CartellaSocialeSource, DossierVersions } from './sources';

export interface FascicoloView {
  versione: number;
  cartellaLavorativa?: CartellaLavorativaDto | null;
  cartellaSociale?: CartellaSocialeDto;
  cartellaFormativa?: CartellaFormativaDto;
}

/** Where each cartella is read from. */
export interface FascicoloSources {
  versions: Pick<DossierVersions, 'of'>;
  lavorativa: Pick<CartellaLavorativaRepository, 'find'>;
  casiPais: CasiCittadinoSource;
  sociale: CartellaSocialeSource;
  formativa: CartellaFormativaSource;
  /** The municipalities' benefits (SIUSS); absent: none are served. */
  prestazioniSociali?: PrestazioniSocialiSource;
}

const socialeVuota = (): CartellaSocialeDto => ({ casiPais: [], misureInclusione: [], partecipazioniPuc: [], prestazioniSociali: [] });
const formativaVuota = (): CartellaFormativaDto => ({ iscrizioni: [], manifestazioniInteresse: [] });

type Collegato = { vista: CasoVista; link: CollegamentoCaso };
const conCaso = (c: Collegato): c is { vista: CasoVista & { caso: NonNullable<CasoVista['caso']> }; link: CollegamentoCaso } => c.vista.caso !== null;

/** The citizen's link to each case read (a case row the citizen is not a member of links nothing). */
function collegati(casi: readonly CasoVista[], codiceFiscale: string): Collegato[] {
  return casi.flatMap((vista) => {
    const link = collegamentoCittadino(vista, codiceFiscale);
    return link ? [{ vista, link }] : [];
  });
}

/** The dossier of one citizen as one caller may see it (see scope.ts for the rules). */
export class FascicoloService {
  constructor(
    /** The sources of one read, all on one snapshot of the database (database.ts). */
    private readonly snapshot: Snapshot<FascicoloSources>,
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
    const { grant } = call;
    const inScope = cartelleInScope(grant, requested);
    const has = (c: Cartella) => inScope.includes(c);
    // Only what the grant receives is read: a cartella sociale limited to the ente's PaIS cases does
    // not even read the SIISL measures.
    const reads = (c: Cartella) => has(c) && coversCartella(grant, c);
    // Each statement reads the dossier row too (version and existence); the PaIS cases are read whenever
    // the cartella sociale is in scope (an ente-scoped grant receives them and nothing else of it). The
    // row alone is read only when no cartella is, which saves a round trip on every other read. All of them
    // in one snapshot: the builder applies each source's events in transactions of its own, and statements
    // on separate connections could serve a cartella newer than the version it comes with.
    // A cartella lavorativa alone (its e-service, the most called) is one statement: no transaction then.
    const plan = [reads('lavorativa'), reads('sociale'), reads('formativa'), has('sociale'), inScope.length === 0, reads('sociale')] as const;
    const [lavorativa, sociale, formativa, casi, versioneSola, prestazioni] = await this.snapshot(
      (sources) =>
        Promise.all([
          plan[0] ? sources.lavorativa.find(codiceFiscale, { permessoSoggiorno: grant.datiParticolari.includes('permessoSoggiorno') }) : undefined,
          plan[1] ? sources.sociale.find(codiceFiscale) : undefined,
          plan[2] ? sources.formativa.find(codiceFiscale) : undefined,
          plan[3] ? sources.casiPais.ofCittadino(codiceFiscale) : undefined,
          plan[4] ? sources.versions.of(codiceFiscale) : undefined,
          plan[5] ? sources.prestazioniSociali?.find(codiceFiscale) : undefined,
        ]),
      plan.filter(Boolean).length,
    );
    // One snapshot, one dossier row: every statement saw the same version, the one the cartelle are at.
    const versione = [lavorativa, sociale, formativa, casi, prestazioni].find((l) => l !== undefined)?.versione ?? versioneSola;
    const links = collegati(casi?.cartella ?? [], codiceFiscale);
    const casiVisibili = links.filter(conCaso).filter((c) => vedeCaso(c.vista, grant, call.consumer));
    const visible = versione !== undefined && (coversWholeCartella(grant, inScope) || casiVisibili.length > 0);
    // Not visible = exactly the answer for an unknown codice fiscale.
    const view: FascicoloView = { versione: visible ? versione : 0 };
    if (has('lavorativa')) view.cartellaLavorativa = visible ? (lavorativa ?? null) : null;
    if (has('sociale')) {
      view.cartellaSociale = socialeVuota();
      if (visible) {
        view.cartellaSociale.casiPais = casiVisibili.map((c) => toCasoPaisDto(c.vista, c.link));
        if (sociale) {
          // GePI's PUC belong to the whole cartella like SIISL's: an ente-scoped grant gets neither.
          const pucGepi = links.flatMap(({ vista, link }) => link.partecipazioniPuc.map((p) => ({ ...p, casoId: vista.casoId })));
          view.cartellaSociale.misureInclusione = toMisureInclusioneDto(sociale.cartella);
          view.cartellaSociale.partecipazioniPuc = toPartecipazioniPucDto(sociale.cartella.puc, pucGepi);
        }
        // The municipalities' benefits belong to the whole cartella, like the ADI measures: nobody's PaIS case.
        if (prestazioni) view.cartellaSociale.prestazioniSociali = toPrestazioniSocialiDto(prestazioni.cartella);
      }
    }
    if (has('formativa')) view.cartellaFormativa = visible && formativa ? toCartellaFormativaDto(formativa.cartella) : formativaVuota();
    return view;
  }
}
