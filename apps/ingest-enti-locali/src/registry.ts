import type { KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { loadClientPrivateKey } from '@fsl/pdnd';

// The registry of the municipalities (or ambiti) whose WaaS e-service for FSL the gateway pulls: one entry
// per e-service, from a JSON file named by ENTI_REGISTRY_FILE and read once at boot. A municipality joins by
// publishing the interface it already serves INPS as a second e-service on PDND, whose consumer is FSL; FSL
// then asks PDND for a purpose on it and adds the entry (README, "The municipal gateway").

const BELFIORE = /^[A-Z][0-9]{3}$/;

const clientSchema = z
  .object({
    /** Another PDND client of ours for this e-service (default: PDND_CLIENT_ID and its key). */
    clientId: z.string().min(1).max(128),
    keyId: z.string().min(1).max(128),
    /** A PEM file: the registry names where the key is, never the key. */
    privateKeyFile: z.string().min(1),
  })
  .strict();

const enteSchema = z
  .object({
    /** Belfiore code of the municipality: the cursor, the metrics and the operator view are keyed by it. */
    codice: z.string().regex(BELFIORE, 'a Belfiore code, e.g. H501'),
    denominazione: z.string().min(1).max(256),
    /** The e-service's base URL as published on PDND (the OpenAPI's `servers`), e.g. https://…/waas/v1. */
    baseUrl: z.url(),
    pdnd: z
      .object({
        /** Our purpose (finalità) on the municipality's e-service: the voucher is asked for it. */
        purposeId: z.uuid(),
        client: clientSchema.optional(),
      })
      .strict(),
    /**
     * Whether the municipality asked for outcomes on POST /esiti. Off unless it did: an implementation shared
     * with INPS's e-service could take FSL's outcomes for INPS's. FSL records every outcome either way.
     */
    esiti: z.boolean().default(false),
    /** Seconds between two polls (default ENTI_POLL_INTERVAL_SECONDS). */
    intervalloPollSecondi: z.number().int().min(1).max(86_400).optional(),
    /** The enti whose flows this e-service may publish (an ambito serves its comuni): default its own code. */
    codiciEnteAmmessi: z.array(z.string().regex(BELFIORE, 'a Belfiore code')).min(1).optional(),
  })
  .strict();

const registrySchema = z
  .object({
    /** Files shipped for development and tests say so; production refuses them. */
    devOnly: z.boolean().optional(),
    description: z.string().max(1000).optional(),
    enti: z.array(enteSchema).min(1),
  })
  .strict()
  .superRefine((r, ctx) => {
    const seen = new Set<string>();
    r.enti.forEach((e, i) => {
      if (seen.has(e.codice)) ctx.addIssue({ code: 'custom', path: ['enti', i, 'codice'], message: 'registered twice' });
      seen.add(e.codice);
    });
  });

export interface EnteRegistrato {
  codice: string;
  denominazione: string;
  /** Without a trailing slash. */
  baseUrl: string;
  purposeId: string;
  /** Set only for an e-service reached with another client than PDND_CLIENT_ID. */
  client?: { clientId: string; keyId: string; privateKey: KeyObject };
  esiti: boolean;
  intervalloPollSecondi?: number;
  codiciEnteAmmessi: string[];
}

export interface Registro {
  devOnly: boolean;
  enti: EnteRegistrato[];
}

/**
 * Reads and checks the registry. Errors name the file's fields and the rule broken, never a value. In
 * production a devOnly file and any e-service not on https are refused.
 */
export function loadRegistry(path: string, opts: { production: boolean }): Registro {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new Error(`${path}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'file not found' : 'not readable JSON'}`);
  }
  const parsed = registrySchema.safeParse(raw);
  if (!parsed.success) {
    throw new Error(`${path}: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')}`);
  }
  const file = parsed.data;
  if (file.devOnly && opts.production) throw new Error(`${path}: a devOnly file is not allowed in production`);
  const enti = file.enti.map((e, i): EnteRegistrato => {
    if (opts.production && !e.baseUrl.startsWith('https://')) throw new Error(`${path}: enti.${i}.baseUrl: must be an https URL in production`);
    let client: EnteRegistrato['client'];
    if (e.pdnd.client) {
      try {
        client = { clientId: e.pdnd.client.clientId, keyId: e.pdnd.client.keyId, privateKey: loadClientPrivateKey({ file: e.pdnd.client.privateKeyFile }) };
      } catch (err) {
        throw new Error(`${path}: enti.${i}.pdnd.client.privateKeyFile: ${(err as Error).message}`);
      }
    }
    return {
      codice: e.codice,
      denominazione: e.denominazione,
      baseUrl: e.baseUrl.replace(/\/+$/, ''),
      purposeId: e.pdnd.purposeId,
      ...(client ? { client } : {}),
      esiti: e.esiti,
      ...(e.intervalloPollSecondi !== undefined ? { intervalloPollSecondi: e.intervalloPollSecondi } : {}),
      codiciEnteAmmessi: e.codiciEnteAmmessi ?? [e.codice],
    };
  });
  return { devOnly: file.devOnly ?? false, enti };
}
