import type { Pool, PoolClient } from 'pg';
import { inTransaction, type EventPublisher } from '@fsl/ingest';
import { DLQ_HEADERS, EVENT_HEADERS, type EventProducer, type OutgoingMessage } from '@fsl/kafka';
import { maskCodiciFiscali } from '@fsl/logging';
import { avanzamento, type Avanzamento } from './cursore';
import { leggiFlusso, type FlussoLetto } from './flussi';
import type { EnteRegistrato } from './registry';

// One page of one municipality, acknowledged (docs/adr/0009-municipal-gateway.md): in one transaction, the
// cursor row is locked and checked, the page's flows are recorded (the dedupe table: a key already there is
// a flow already published and acknowledged), the outcomes to deliver are written to the outbox, the cursor
// moves — and the new flows are published to Kafka before the COMMIT. If Kafka does not acknowledge, all of
// it is rolled back and the page will be asked again; after the acknowledgement only the COMMIT remains, so
// a crash can at worst publish a page's events twice (same event ids, which the builder ignores the second
// time), never lose one or record one that Kafka does not have.

export class PollError extends Error {
  override readonly name = 'PollError';
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export interface EsitoPagina {
  kind: Exclude<Avanzamento['kind'], 'disordinata'> | 'concorrente';
  /** The cursor after the page (committed). */
  cursore: number;
  /** Flows recorded by this page (each published: its event, or its dead letter). */
  nuovi: FlussoLetto[];
  /** Entries of the page already recorded (asked again on purpose, or re-served). */
  giaVisti: number;
  /** For `bloccato`: the timestamp the cursor is stuck on (null: a full page of unreadable timestamps). */
  bloccatoTs?: number | null;
}

export interface Publishers {
  eventi: Record<'siussPrestazioni' | 'siussSinba', EventPublisher>;
  producer: EventProducer;
  deadLetterTopic: string;
  pseudonym: (s: string) => string;
  service: string;
}

const keyOf = (id: string, ts: number | string) => `${id}\u0000${ts}`;

/** A dead letter for a refused flow: what it is and why, never its content (a SINBA flow describes a minor in care). */
function deadLetter(ente: EnteRegistrato, l: FlussoLetto, p: Publishers, correlationId: string | undefined, at: string): OutgoingMessage {
  const idFlusso = maskCodiciFiscali(l.idFlusso);
  const reason = l.problemi.map((x) => `${x.code}@${x.path}`).join('; ');
  return {
    // Never the beneficiary's CF: a refused flow may not have a readable one. Namespaced so it meets no other key.
    key: p.pseudonym(`SIUSS-WAAS/${ente.codice}/${l.idFlusso}`),
    value: Buffer.from(
      JSON.stringify({ fonte: 'SIUSS-WAAS', codiceEnte: ente.codice, idFlusso, tsFlusso: l.ts, tipo: l.tipo ?? null, esito: l.esito, problemi: l.problemi, avvisi: l.avvisi }),
    ),
    headers: {
      [DLQ_HEADERS.topic]: `waas:${ente.codice}`,
      [DLQ_HEADERS.consumer]: p.service,
      [DLQ_HEADERS.code]: l.esito,
      [DLQ_HEADERS.reason]: maskCodiciFiscali(reason).slice(0, 500),
      [DLQ_HEADERS.at]: at,
      'siuss-codice-ente': ente.codice,
      'siuss-id-flusso': idFlusso.slice(0, 200),
      'siuss-ts-flusso': String(l.ts),
      ...(correlationId ? { [EVENT_HEADERS.correlationId]: correlationId } : {}),
    },
  };
}

export class Acquisizione {
  constructor(
    private readonly pool: Pool,
    private readonly p: Publishers,
  ) {}

  /** The cursor of a registered e-service (its row is created on first use). */
  async cursore(codiceEnte: string): Promise<number> {
    const { rows } = await this.pool.query<{ cursore: string }>(
      `INSERT INTO siuss_ingest_ente (codice_ente) VALUES ($1) ON CONFLICT (codice_ente) DO UPDATE SET codice_ente = EXCLUDED.codice_ente RETURNING cursore`,
      [codiceEnte],
    );
    return Number(rows[0]!.cursore);
  }

  /**
   * Reads, publishes and acknowledges one page asked with since = cursoreLetto − 1. `concorrente`: another
   * instance moved the cursor meanwhile; nothing was done and the page must be asked again from the new one.
   */
  async pagina(ente: EnteRegistrato, entries: readonly unknown[], cursoreLetto: number, limit: number, correlationId?: string): Promise<EsitoPagina> {
    const now = Date.now();
    const letti = entries.map((e) => leggiFlusso(e, { ente, now, ...(correlationId ? { correlationId } : {}) }));
    const av = avanzamento(
      cursoreLetto,
      letti.map((l) => (l.ts >= 0 ? l.ts : undefined)),
      limit,
    );
    if (av.kind === 'disordinata') throw new PollError('PAGINA_NON_ORDINATA', 'the page is not in ts_flusso order: it cannot be trusted to hold the earliest flows');
    // One record per key: a municipality that serves the same flow twice in a page gets it handled once.
    const unici = [...new Map(letti.map((l) => [keyOf(l.idFlusso, l.ts), l])).values()];
    const acquisizione = new Date(now).toISOString();

    return inTransaction(this.pool, async (tx) => {
      const { rows } = await tx.query<{ cursore: string }>('SELECT cursore FROM siuss_ingest_ente WHERE codice_ente = $1 FOR UPDATE', [ente.codice]);
      const attuale = Number(rows[0]?.cursore ?? 0);
      if (attuale !== cursoreLetto) return { kind: 'concorrente' as const, cursore: attuale, nuovi: [], giaVisti: 0 };
      const nuovi = await this.registra(tx, ente, unici, correlationId);
      if (ente.esiti) await this.accoda(tx, ente, nuovi, acquisizione);
      const bloccato = av.kind === 'bloccato';
      await tx.query(
        `UPDATE siuss_ingest_ente
            SET cursore = $2,
                cursore_aggiornato_at = CASE WHEN cursore <> $2 THEN now() ELSE cursore_aggiornato_at END,
                bloccato_ts = $3,
                bloccato_dal = CASE WHEN $4 THEN coalesce(bloccato_dal, now()) END
          WHERE codice_ente = $1`,
        [ente.codice, av.cursore, bloccato ? av.ts : null, bloccato],
      );
      await this.pubblica(ente, nuovi, correlationId, acquisizione);
      return { kind: av.kind, cursore: av.cursore, nuovi, giaVisti: letti.length - nuovi.length, ...(bloccato ? { bloccatoTs: av.ts } : {}) };
    });
  }

  /** Records the page's flows, set-based; answers those that were not recorded yet. */
  private async registra(tx: PoolClient, ente: EnteRegistrato, letti: readonly FlussoLetto[], correlationId: string | undefined): Promise<FlussoLetto[]> {
    if (letti.length === 0) return [];
    const { rows } = await tx.query<{ id_flusso: string; ts_flusso: string }>(
      `INSERT INTO siuss_ingest_flusso (codice_ente, id_flusso, ts_flusso, tipo, esito, id_acquisizione, topic, problemi, avvisi, correlation_id)
       SELECT $1, u.id, u.ts, u.tipo, u.esito, u.acq, u.topic, u.problemi::jsonb, u.avvisi::jsonb, $2
         FROM unnest($3::text[], $4::bigint[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[])
           AS u(id, ts, tipo, esito, acq, topic, problemi, avvisi)
       ON CONFLICT (codice_ente, id_flusso, ts_flusso) DO NOTHING
       RETURNING id_flusso, ts_flusso`,
      [
        ente.codice,
        correlationId ?? null,
        letti.map((l) => l.idFlusso),
        letti.map((l) => l.ts),
        letti.map((l) => l.tipo ?? null),
        letti.map((l) => l.esito),
        letti.map((l) => l.idAcquisizione ?? null),
        letti.map((l) => l.evento?.topic ?? null),
        letti.map((l) => JSON.stringify(l.problemi)),
        letti.map((l) => JSON.stringify(l.avvisi)),
      ],
    );
    const nuovi = new Set(rows.map((r) => keyOf(r.id_flusso, r.ts_flusso)));
    return letti.filter((l) => nuovi.has(keyOf(l.idFlusso, l.ts)));
  }

  /** The outcomes of the new flows into the outbox (a flow that names no id, type or timestamp cannot be answered for). */
  private async accoda(tx: PoolClient, ente: EnteRegistrato, nuovi: readonly FlussoLetto[], acquisizione: string): Promise<void> {
    const daInviare = nuovi.filter((l) => l.esitoFlusso);
    if (daInviare.length === 0) return;
    await tx.query(
      `INSERT INTO siuss_ingest_esito (codice_ente, id_flusso, ts_flusso, esito)
       SELECT $1, u.id, u.ts, u.esito::jsonb FROM unnest($2::text[], $3::bigint[], $4::text[]) AS u(id, ts, esito)
       ON CONFLICT (codice_ente, id_flusso, ts_flusso) DO NOTHING`,
      [
        ente.codice,
        daInviare.map((l) => l.idFlusso),
        daInviare.map((l) => l.ts),
        daInviare.map((l) => JSON.stringify({ ...l.esitoFlusso, ts_acquisizione: acquisizione })),
      ],
    );
  }

  /** Events of the accepted flows on their topics, dead letters of the refused ones; resolves once Kafka acknowledged all. */
  private async pubblica(ente: EnteRegistrato, nuovi: readonly FlussoLetto[], correlationId: string | undefined, at: string): Promise<void> {
    const perTopic = { siussPrestazioni: [] as FlussoLetto[], siussSinba: [] as FlussoLetto[] };
    const rifiutati: FlussoLetto[] = [];
    for (const l of nuovi) {
      if (l.evento) perTopic[l.evento.topic].push(l);
      else rifiutati.push(l);
    }
    await Promise.all([
      ...(['siussPrestazioni', 'siussSinba'] as const).map((t) => this.p.eventi[t].publish(perTopic[t].map((l) => l.evento!.message))),
      rifiutati.length ? this.p.producer.send(this.p.deadLetterTopic, rifiutati.map((l) => deadLetter(ente, l, this.p, correlationId, at))) : Promise.resolve(),
    ]);
  }
}
