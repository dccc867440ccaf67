import { z } from 'zod';
import type { DevMarked } from './load-json';

// The e-services this api can serve are fixed by code (one handler each); which of them are
// published, under which basePath, with which PDND ids and which ModI patterns, is configuration:
// it follows what is registered on PDND for each e-service version (descriptor).

export const ESERVICE_KINDS = [
  'fascicolo',
  'cartella-lavorativa',
  'cartella-sociale',
  'cartella-formativa',
  'registro-accessi',
  'versione-curriculum',
  'caso-pais',
  'pais',
  'invio-sostegni',
  'analisi-preliminare',
  'partecipazioni-puc',
  'invio-analisi-preliminare',
  'impegni-pais',
  'equipe-multidisciplinare',
  'quadro-analisi',
  'sostegni-pais',
  'casi-pais-ente',
  'caso-pais-misura',
  'casi-pais-cittadino',
  'nucleo-caso',
  'pad-nucleo',
  'misure-inclusione',
  'offerta-formativa',
  'aggiornamento-offerta-formativa',
  'inserimento-offerta-formativa',
  'identificativo-offerta-formativa',
  'iscrizioni-corsi',
  'manifestazioni-interesse',
  'curriculum',
  'offerte-lavoro',
  'rapporti-lavoro',
  'rapporti-lavoro-attivi',
  'requisito-occupazionale',
] as const;
export type EserviceKind = (typeof ESERVICE_KINDS)[number];

/** Patterns an e-service may require on top of the voucher (ID_AUTH_REST via PDND, always on). */
export const OPTIONAL_MODI_PATTERNS = ['INTEGRITY_REST_02', 'AUDIT_REST_02'] as const;
export type OptionalModiPattern = (typeof OPTIONAL_MODI_PATTERNS)[number];

// Kebab-case segments with a version segment (RAC_GEN_002, RAC_REST_NAME_002), e.g. /rest/fsl/v1/fascicoli.
const BASE_PATH = /^(\/[a-z0-9]+(-[a-z0-9]+)*)+$/;
const VERSION_SEGMENT = /\/v\d+(\/|$)/;

const eserviceSchema = z.object({
  kind: z.enum(ESERVICE_KINDS),
  /** Name in the PDND catalogue; it is what the access audit and the citizen's access log show. */
  name: z.string().min(1).max(128),
  basePath: z
    .string()
    .regex(BASE_PATH, 'must be kebab-case segments, e.g. /rest/fsl/v1/fascicoli')
    .refine((p) => VERSION_SEGMENT.test(p), 'must contain a version segment such as /v1'),
  eserviceId: z.uuid(),
  descriptorId: z.uuid(),
  /** Audience(s) of this descriptor when it differs from PDND_AUDIENCE. */
  audience: z.array(z.string().min(1)).min(1).optional(),
  patterns: z.array(z.enum(OPTIONAL_MODI_PATTERNS)).default([]),
});

export const eserviceRegistrySchema = z
  .object({
    devOnly: z.boolean().optional(),
    eservices: z.array(eserviceSchema).min(1),
  })
  .superRefine((file, ctx) => {
    for (const key of ['kind', 'basePath', 'eserviceId'] as const) {
      const seen = new Set<string>();
      file.eservices.forEach((e, i) => {
        if (seen.has(e[key])) ctx.addIssue({ code: 'custom', path: ['eservices', i, key], message: `duplicate ${key}` });
        seen.add(e[key]);
      });
    }
  });

export type EserviceDef = z.infer<typeof eserviceSchema>;
export type EserviceRegistryFile = z.infer<typeof eserviceRegistrySchema> & DevMarked;

/** The published e-services, by kind. */
export class EserviceRegistry {
  private readonly byKind: ReadonlyMap<EserviceKind, EserviceDef>;

  constructor(readonly file: EserviceRegistryFile) {
    this.byKind = new Map(file.eservices.map((e) => [e.kind, e]));
  }

  get(kind: EserviceKind): EserviceDef | undefined {
    return this.byKind.get(kind);
  }

  all(): readonly EserviceDef[] {
    return this.file.eservices;
  }

  requires(kind: EserviceKind, pattern: OptionalModiPattern): boolean {
    return this.byKind.get(kind)?.patterns.includes(pattern) ?? false;
  }
}
