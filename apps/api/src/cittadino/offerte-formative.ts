import type { Pool } from 'pg';
import { corsoIdPerCodiceEnte, corsoNelCatalogo, emptyCatalogo, type Catalogo, type CorsoDettaglioVista, type CorsoNelCatalogo } from '@fsl/cartella-formativa';
import { AppError } from '@fsl/http';
import { parseRichiestaIdentificativoOffertaFormativa, parseRichiestaOffertaFormativa } from '../eservices/requests';
import { toCorsoDto } from '../fascicolo/mapping';
import { cartelleInScope } from '../fascicolo/scope';
import type { EserviceCall } from '../security/eservice-call';
import type { DettaglioCorsoDto, EsitoIdentificativoOffertaFormativaDto, EsitoOffertaFormativaDto } from './contract';

// The SIISL course catalogue on its own (e-services "Dettaglio offerta formativa" and "Recupero identificativo
// offerta formativa"). A course is nobody's personal data, so these reads name no citizen and leave nothing in
// the access audit; they are still behind the guard and granted with the cartella formativa.

export interface CatalogoCorsiSource {
  /** A course by SIISL id; undefined when never received. */
  corso(corsoId: string): Promise<CorsoNelCatalogo | undefined>;
  /** The SIISL id (and current version) of a current course from the provider's own data. */
  perCodiceEnte(enteCf: string, codiceCorsoEnte: string): Promise<{ corsoId: string; versione: number } | undefined>;
}

export class CatalogoCorsiRepository implements CatalogoCorsiSource {
  constructor(private readonly pool: Pool) {}

  async corso(corsoId: string): Promise<CorsoNelCatalogo | undefined> {
    const { rows } = await this.pool.query<{ history: Catalogo['corsi'][string] }>('SELECT history FROM siisl_corso WHERE corso_id = $1', [corsoId]);
    return rows.length ? corsoNelCatalogo({ ...emptyCatalogo(), corsi: { [corsoId]: rows[0]!.history } }, corsoId) : undefined;
  }

  async perCodiceEnte(enteCf: string, codiceCorsoEnte: string): Promise<{ corsoId: string; versione: number } | undefined> {
    // The builder keeps the current version's provider codes in indexed columns (siisl_corso_codice_ente);
    // the rule that picks among several matches is libs/cartella-formativa's, applied to the rows found.
    const { rows } = await this.pool.query<{ corso_id: string; history: Catalogo['corsi'][string] }>(
      'SELECT corso_id, history FROM siisl_corso WHERE ente_cf = $1 AND codice_corso_ente = $2',
      [enteCf, codiceCorsoEnte],
    );
    const catalogo: Catalogo = { ...emptyCatalogo(), corsi: Object.fromEntries(rows.map((r) => [r.corso_id, r.history])) };
    const corsoId = corsoIdPerCodiceEnte(catalogo, enteCf, codiceCorsoEnte);
    if (corsoId === undefined) return undefined;
    const found = corsoNelCatalogo(catalogo, corsoId);
    return found && { corsoId, versione: found.versione };
  }
}

function toDettaglioCorsoDto(c: CorsoDettaglioVista): DettaglioCorsoDto {
  return {
    ...toCorsoDto(c),
    accreditamentoEnte: c.accreditamentoEnte,
    indirizzoSede: c.indirizzoSede,
    posti: c.posti,
    competenze: c.competenze.map((k) => ({ escoUri: k.escoUri, descrizione: k.descrizione, tipo: k.tipo })),
    finanziamento: c.finanziamento,
  };
}

export class OfferteFormativeService {
  constructor(private readonly catalogo: CatalogoCorsiSource) {}

  /**
   * A course by SIISL id. Unknown: 404 problem+json. Deleted in SIISL: 200 with `eliminato: true` and no
   * content — a consumer holding the id (from an enrolment, say) learns that the course is gone rather than
   * mistyped, and the catalogue is no secret to hide it from.
   */
  async dettaglio(call: EserviceCall, body: unknown): Promise<EsitoOffertaFormativaDto> {
    const { corsoId } = parseRichiestaOffertaFormativa(body);
    const found = this.granted(call) ? await this.catalogo.corso(corsoId) : undefined;
    if (!found) throw new AppError('NOT_FOUND', 'no such course');
    return { corsoId: found.id, versione: found.versione, eliminato: found.corso === null, corso: found.corso && toDettaglioCorsoDto(found.corso) };
  }

  /** The SIISL id of a current course from the provider's codice fiscale and own code; 404 problem+json when none. */
  async identificativo(call: EserviceCall, body: unknown): Promise<EsitoIdentificativoOffertaFormativaDto> {
    const { codiceFiscaleEnte, codiceCorsoEnte } = parseRichiestaIdentificativoOffertaFormativa(body);
    const found = this.granted(call) ? await this.catalogo.perCodiceEnte(codiceFiscaleEnte, codiceCorsoEnte) : undefined;
    if (!found) throw new AppError('NOT_FOUND', 'no such course');
    return found;
  }

  // The registry grants these e-services only with the cartella formativa; checked again so that a looser table
  // could never serve them to another purpose.
  private granted(call: EserviceCall): boolean {
    return cartelleInScope(call.grant, ['formativa']).length > 0;
  }
}
