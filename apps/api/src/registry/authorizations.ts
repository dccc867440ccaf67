import { z } from 'zod';
import { ESERVICE_KINDS, type EserviceKind } from './eservices';
import type { DevMarked } from './load-json';

// Object-level authorisation: which consumer (PDND client / organisation) may call which e-service
// under which purpose, and which part of the dossier that purpose may receive. A PDND voucher only
// proves that a purpose exists; what the purpose entitles to is agreed with the consumer and lives here.

export const CARTELLE = ['lavorativa', 'sociale', 'formativa'] as const;
export type Cartella = (typeof CARTELLE)[number];

/**
 * Sensitive data inside a cartella that a purpose receives only when granted it by name, on top of the
 * cartella: `permessoSoggiorno`, the residence permit of a non-EU worker (cartella lavorativa); `sinba`, the
 * municipalities' SINBA records of minors in the care of the social services (cartella sociale) — no
 * e-service returns them yet, and the api's database role cannot read them: the name is the only way a
 * purpose will ever be given them.
 */
export const DATI_PARTICOLARI = ['permessoSoggiorno', 'sinba'] as const;
export type DatoParticolare = (typeof DATI_PARTICOLARI)[number];
const CARTELLA_OF_DATO: Record<DatoParticolare, Cartella> = { permessoSoggiorno: 'lavorativa', sinba: 'sociale' };

/** Which cartella each single-cartella e-service serves (a CV is part of the cartella lavorativa, a PaIS case of the sociale). */
export const CARTELLA_OF: Partial<Record<EserviceKind, Cartella>> = {
  'cartella-lavorativa': 'lavorativa',
  'cartella-sociale': 'sociale',
  'cartella-formativa': 'formativa',
  'versione-curriculum': 'lavorativa',
  'caso-pais': 'sociale',
  'pais': 'sociale',
  'invio-sostegni': 'sociale',
  'analisi-preliminare': 'sociale',
  'partecipazioni-puc': 'sociale',
  'invio-analisi-preliminare': 'sociale',
  'impegni-pais': 'sociale',
  'equipe-multidisciplinare': 'sociale',
  'quadro-analisi': 'sociale',
  'sostegni-pais': 'sociale',
  'casi-pais-ente': 'sociale',
  'caso-pais-misura': 'sociale',
  'casi-pais-cittadino': 'sociale',
  'nucleo-caso': 'sociale',
  'pad-nucleo': 'sociale',
  'misure-inclusione': 'sociale',
  'offerta-formativa': 'formativa',
  'aggiornamento-offerta-formativa': 'formativa',
  'inserimento-offerta-formativa': 'formativa',
  'identificativo-offerta-formativa': 'formativa',
  'iscrizioni-corsi': 'formativa',
  'manifestazioni-interesse': 'formativa',
  'curriculum': 'lavorativa',
  'offerte-lavoro': 'lavorativa',
  'rapporti-lavoro': 'lavorativa',
  'rapporti-lavoro-attivi': 'lavorativa',
  'requisito-occupazionale': 'lavorativa',
};

const purposeSchema = z.object({
  purposeId: z.uuid(),
  description: z.string().min(1).max(256),
  eservices: z.array(z.enum(ESERVICE_KINDS)).min(1),
  /** Cartelle this purpose may receive (data minimisation): a labour purpose lists only `lavorativa`. */
  dati: z.array(z.enum(CARTELLE)).default([]),
  /** Sensitive data this purpose needs (see DATI_PARTICOLARI); each needs its cartella in `dati`. */
  datiParticolari: z.array(z.enum(DATI_PARTICOLARI)).default([]),
  /** PaIS cases visible in the cartella sociale: only those the consumer's ente manages, or all. */
  casiPais: z.enum(['ente', 'tutti']).default('ente'),
  /**
   * Citizen-facing channels: the call is allowed only for the citizen the channel authenticated, i.e.
   * the AUDIT_REST_02 evidence `userID` must be the requested codice fiscale.
   */
  soloInteressato: z.boolean().default(false),
});

const consumerSchema = z.object({
  /** Stable key for rate limits and logs, e.g. `inps`. */
  id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/),
  /** Shown to citizens in their access log. */
  name: z.string().min(1).max(256),
  /** PDND tenant id of the organisation; when set, the voucher `consumerId` must match it. */
  consumerId: z.uuid().optional(),
  clientIds: z.array(z.uuid()).min(1),
  /** Code of the ente as PaIS cases name their managing ente (e.g. the ISTAT/IPA code of a Comune). */
  ente: z.string().min(1).max(64).optional(),
  rateLimit: z.object({ limit: z.number().int().min(1).max(1_000_000), windowSeconds: z.number().int().min(1).max(86_400) }).optional(),
  /**
   * Training providers (their codici fiscali, upper case) whose courses the consumer may insert and update: a
   * Region lists the providers it accredits, a provider itself. A course of any other provider is refused.
   */
  entiFormativi: z.array(z.string().regex(/^(\d{11}|[A-Z0-9]{16})$/)).max(10_000).optional(),
  purposes: z.array(purposeSchema).min(1),
});

export const authorizationTableSchema = z
  .object({ devOnly: z.boolean().optional(), consumers: z.array(consumerSchema) })
  .superRefine((file, ctx) => {
    const clients = new Set<string>();
    const purposes = new Set<string>();
    const ids = new Set<string>();
    file.consumers.forEach((c, i) => {
      if (ids.has(c.id)) ctx.addIssue({ code: 'custom', path: ['consumers', i, 'id'], message: 'duplicate consumer id' });
      ids.add(c.id);
      c.clientIds.forEach((id, j) => {
        if (clients.has(id.toLowerCase())) ctx.addIssue({ code: 'custom', path: ['consumers', i, 'clientIds', j], message: 'client listed twice' });
        clients.add(id.toLowerCase());
      });
      c.purposes.forEach((p, j) => {
        const at = ['consumers', i, 'purposes', j];
        if (purposes.has(p.purposeId.toLowerCase())) ctx.addIssue({ code: 'custom', path: [...at, 'purposeId'], message: 'purpose listed twice' });
        purposes.add(p.purposeId.toLowerCase());
        for (const kind of p.eservices) {
          const needs = kind === 'fascicolo' ? p.dati.length > 0 : !CARTELLA_OF[kind] || p.dati.includes(CARTELLA_OF[kind]!);
          if (!needs) ctx.addIssue({ code: 'custom', path: [...at, 'dati'], message: `${kind} needs the matching cartella in dati` });
        }
        p.datiParticolari.forEach((d, k) => {
          if (!p.dati.includes(CARTELLA_OF_DATO[d])) ctx.addIssue({ code: 'custom', path: [...at, 'datiParticolari', k], message: `${d} needs ${CARTELLA_OF_DATO[d]} in dati` });
        });
        const corsi = p.eservices.filter((k) => k === 'inserimento-offerta-formativa' || k === 'aggiornamento-offerta-formativa');
        if (corsi.length && !c.entiFormativi?.length) {
          ctx.addIssue({ code: 'custom', path: ['consumers', i, 'entiFormativi'], message: `${corsi.join(', ')} needs the consumer entiFormativi` });
        }
        if (p.dati.includes('sociale') && p.casiPais === 'ente' && !c.ente) {
          ctx.addIssue({ code: 'custom', path: ['consumers', i, 'ente'], message: 'casiPais "ente" needs the consumer ente' });
        }
        // "The cases of the calling ente" has no answer for a consumer that is no ente.
        if (p.eservices.includes('casi-pais-ente') && !c.ente) {
          ctx.addIssue({ code: 'custom', path: ['consumers', i, 'ente'], message: 'casi-pais-ente needs the consumer ente' });
        }
      });
    });
  });

export type AuthorizationTableFile = z.infer<typeof authorizationTableSchema> & DevMarked;
export type ConsumerEntry = z.infer<typeof consumerSchema>;
export type Grant = z.infer<typeof purposeSchema>;

/** What a verified voucher says about its caller; no personal data. */
export interface CallerIdentity {
  clientId: string;
  purposeId: string;
  consumerId?: string;
}

export interface Authorisation {
  consumer: ConsumerEntry;
  grant: Grant;
}

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

export class AuthorizationTable {
  private readonly byClient = new Map<string, ConsumerEntry>();

  constructor(readonly file: AuthorizationTableFile) {
    for (const c of file.consumers) for (const id of c.clientIds) this.byClient.set(id.toLowerCase(), c);
  }

  consumerOf(clientId: string): ConsumerEntry | undefined {
    return this.byClient.get(clientId.toLowerCase());
  }

  /**
   * The grant that lets this caller use this e-service, or undefined. Every reason for a refusal
   * (unknown client, organisation mismatch, purpose of another consumer, e-service not granted)
   * gives the same answer, so a refusal tells the caller nothing about the table.
   */
  authorise(caller: CallerIdentity, kind: EserviceKind): Authorisation | undefined {
    const consumer = this.consumerOf(caller.clientId);
    if (!consumer) return undefined;
    if (consumer.consumerId && !(caller.consumerId && same(consumer.consumerId, caller.consumerId))) return undefined;
    const grant = consumer.purposes.find((p) => same(p.purposeId, caller.purposeId));
    if (!grant || !grant.eservices.includes(kind)) return undefined;
    return { consumer, grant };
  }

  /** Display name of a client, for the citizen's access log. */
  nameOf(clientId: string): string | undefined {
    return this.consumerOf(clientId)?.name;
  }
}
