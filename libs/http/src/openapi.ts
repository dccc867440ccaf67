import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import type { ComponentsObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { OPENAPI_EXTRAS } from './tokens';

export interface OpenApiInfo {
  /** Stable id of the API, for tracking across versions. */
  id: string;
  title: string;
  description: string;
  version: string;
  summary: string;
  serverUrl: string;
}

const problemSchema = {
  type: 'object',
  description: 'RFC 9457 problem details',
  properties: {
    type: { type: 'string', format: 'uri-reference', description: 'Problem type', maxLength: 256 },
    title: { type: 'string', description: 'Short summary', maxLength: 256 },
    status: { type: 'integer', format: 'int32', minimum: 100, maximum: 599, description: 'HTTP status' },
    detail: { type: 'string', description: 'Explanation for this occurrence', maxLength: 4096 },
    code: { type: 'string', description: 'Machine-readable error code', maxLength: 64 },
    correlationId: { type: 'string', description: 'Correlation id of the request', maxLength: 128 },
    errors: {
      type: 'array',
      maxItems: 10000,
      description: 'Every problem found in the content',
      items: {
        type: 'object',
        properties: {
          path: { type: 'string', maxLength: 256, description: 'Location of the bad field' },
          code: { type: 'string', maxLength: 64, description: 'Machine-readable problem code' },
          message: { type: 'string', maxLength: 1024, description: 'Human-readable explanation' },
        },
      },
    },
  },
};

// What GET /status answers: a problem document (RFC 9457) with the state of each dependency it checked.
const statusSchema = {
  ...problemSchema,
  description: 'RFC 9457 problem details with the state of each dependency checked',
  properties: {
    ...problemSchema.properties,
    checks: { type: 'object', description: 'Each dependency checked: up or down', additionalProperties: { type: 'string', enum: ['up', 'down'], maxLength: 4 } },
  },
};

const TAG_DESCRIPTIONS: Record<string, string> = {
  status: 'Service status and metrics',
  comunicazioni: 'Comunicazioni Obbligatorie',
  'cartella-lavorativa': 'Cartella lavorativa del cittadino',
  operatori: 'Strumenti per gli operatori',
};

/**
 * What an app adds to its document beyond what decorators can express, provided under OPENAPI_EXTRAS:
 * components such as security schemes, and descriptions of its own tags.
 */
export interface OpenApiExtras {
  components?: ComponentsObject;
  tagDescriptions?: Record<string, string>;
}

function extrasOf(app: INestApplication): OpenApiExtras {
  try {
    return app.get<OpenApiExtras>(OPENAPI_EXTRAS, { strict: false });
  } catch {
    return {}; // most apps provide none
  }
}

/** Generate the OpenAPI 3.0 document of a running (or preview) app, with the fields the Italian guidelines want. */
export function buildOpenApi(app: INestApplication, info: OpenApiInfo): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle(info.title)
    .setDescription(info.description)
    .setVersion(info.version)
    .setContact('FSL developers', 'https://github.com/fsl-open', 'fsl-dev@example.org')
    .setLicense('EUPL-1.2', 'https://eupl.eu/1.2/en/')
    .setTermsOfService('https://github.com/fsl-open/fsl/blob/main/README.md')
    .addServer(info.serverUrl, 'Local development server')
    .build();
  const doc = SwaggerModule.createDocument(app, config);
  const extras = extrasOf(app);
  (doc.info as unknown as Record<string, unknown>)['x-summary'] = info.summary;
  (doc.info as unknown as Record<string, unknown>)['x-api-id'] = info.id;
  // Declare every tag the operations use, with a description (the guidelines' linter asks for it).
  const used = new Set<string>();
  for (const item of Object.values(doc.paths)) {
    for (const op of Object.values(item as Record<string, { tags?: string[] }>)) op?.tags?.forEach((t) => used.add(t));
  }
  const descriptions = { ...TAG_DESCRIPTIONS, ...extras.tagDescriptions };
  doc.tags = [...used].sort().map((name) => ({ name, description: descriptions[name] ?? name }));
  doc.components = { ...extras.components, ...doc.components };
  doc.components.schemas = { ...(doc.components.schemas ?? {}), Problem: problemSchema as never, Status: statusSchema as never };
  return doc;
}
