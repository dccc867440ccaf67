// What the four write e-services share (ADR 0007): a write is the next version of a GePI or SIISL record,
// validated by the source's rules and published through the source's adapter, claim table and topic
// (EventLog); answered 202 once Kafka has it, with the event id and the read-your-writes token. Nothing
// here touches a projection: the dossier-builder applies the event like any other.
import { hash } from 'node:crypto';
import type { PoolClient } from 'pg';
import { canonicalJson, romeDateTime } from '@fsl/co';
import { AppError, type FieldProblem } from '@fsl/http';
import { currentCorrelationId } from '@fsl/logging';
import type { AccessAuditService } from '../audit/access-audit.service';
import type { EserviceCall } from '../security/eservice-call';
import './errors';
import type { EventLog } from './event-log';
import { inviiStore, type Fonte, type InvioRegistrato } from './invii.store';
import { encodeVersioneMinima } from './versione-minima';

export interface EsitoInvio {
  /** ACCETTATO: a new version was published; GIA_ACCETTATO: the latest version already had this content. */
  esito: 'ACCETTATO' | 'GIA_ACCETTATO';
  id: string;
  versione: number;
  eventId: string;
  /** Opaque: sent back in Versione-Minima, a read waits until the dossier includes this write. */
  versioneMinima: string;
  avvisi?: FieldProblem[];
}

/** The record a write e-service wants published, decided inside the write's transaction. */
export interface Preparato {
  /** The record without `versione` and `aggiornatoIl`, which the api sets. */
  contenuto: { operazione: 'AGGIORNAMENTO'; id: string } & Record<string, unknown>;
  /** Above every version claimed or seen for the record. */
  versione: number;
  /** The refusals that apply only to a new version (a stale base, a version not yet applied…): skipped for a replay. */
  verifica?: () => void;
  /** The citizens whose dossier the write changes: each access log shows it. */
  cittadini: readonly string[];
}

export interface Invio {
  fonte: Fonte;
  entita: string;
  id: string;
  /** Given the highest version claimed for the record (undefined: none): what to publish, or a refusal (thrown). */
  prepara(tx: PoolClient, highest: number | undefined): Promise<Preparato>;
  /** A problem's path in the record, as the request names that field. */
  percorso(path: string): string;
}

/** The hash that tells a retried write from a new one: the content, whatever version and time it was sent with. */
export const contenutoHash = (contenuto: object): string => hash('sha256', canonicalJson(contenuto), 'hex');

export class InviiService {
  constructor(
    private readonly log: EventLog,
    private readonly audit: AccessAuditService,
  ) {}

  async invia(call: EserviceCall, invio: Invio): Promise<EsitoInvio> {
    const writer = invio.fonte === 'GEPI' ? this.log.gepi : this.log.siisl;
    const record = `${invio.entita}/${invio.id}`;
    const esito = (e: EsitoInvio['esito'], r: Pick<InvioRegistrato, 'versione' | 'eventId' | 'posizioni'>): EsitoInvio => ({
      esito: e,
      id: invio.id,
      versione: r.versione,
      eventId: r.eventId,
      versioneMinima: encodeVersioneMinima(r.posizioni),
    });
    let preparato: Preparato | undefined;
    let hashContenuto = '';
    const outcome = await writer.write<EsitoInvio>(
      {
        record,
        prepare: async (tx, highest) => {
          preparato = await invio.prepara(tx, highest);
          hashContenuto = contenutoHash(preparato.contenuto);
          // A retry of a write already accepted (the latest version is the api's, with this content) is answered
          // again, with its event and token: no second version for the same change.
          const ultimo = highest === undefined ? undefined : await inviiStore.versione(tx, invio.fonte, record, highest);
          if (ultimo?.contenutoHash === hashContenuto) return { answer: esito('GIA_ACCETTATO', ultimo) };
          preparato.verifica?.();
          const value = { ...preparato.contenuto, versione: preparato.versione, aggiornatoIl: romeDateTime(Date.now()) };
          return { input: { entita: invio.entita as never, value } };
        },
        accepted: async (tx, w) => {
          const registrato = { eventId: w.eventIds[0]!, fonte: invio.fonte, record, versione: w.identity.versione, contenutoHash: hashContenuto, eservice: call.eservice.kind, consumerId: call.consumer.id, posizioni: w.posizioni };
          await inviiStore.registra(tx, registrato);
          const avvisi = w.avvisi.map((a) => ({ path: invio.percorso(a.path), code: a.code, message: a.message }));
          return { ...esito('ACCETTATO', registrato), ...(avvisi.length ? { avvisi } : {}) };
        },
      },
      currentCorrelationId(),
    );
    if (outcome.kind === 'rejected') {
      throw new AppError('VALIDATION_FAILED', `${outcome.problems.length} problem(s) in the request`, {
        errors: outcome.problems.map((p) => ({ path: invio.percorso(p.path), code: p.code, message: p.message })),
      });
    }
    if (outcome.kind === 'conflict') throw new AppError('INVIO_CONCORRENTE', 'another write of the same record took this version; read it again and resend');
    // After the commit: the write stands even if the audit is down (503, and a retry is answered GIA_ACCETTATO
    // and recorded then).
    await this.audit.recordEach(call, preparato?.cittadini ?? [], 'granted');
    return outcome.answer;
  }
}
