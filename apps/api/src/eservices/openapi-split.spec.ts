import type { OpenAPIObject } from '@nestjs/swagger';
import type { EserviceDef } from '../registry/eservices';
import { eserviceDocument, ownerOf } from './openapi-split';

const def = (kind: string, basePath: string, name = kind.toUpperCase()): EserviceDef =>
  ({ kind, name, basePath, eserviceId: '6f1c0de0-0000-4000-8000-00000000b0ff', descriptorId: '6f1c0de0-0000-4000-8000-00000000d0ff', patterns: [] }) as unknown as EserviceDef;
const CV = def('curriculum', '/rest/fsl/v1/curricula');
const VERSIONI = def('versione-curriculum', '/rest/fsl/v1/curricula/versioni');
const ALL = [CV, VERSIONI];
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const op = (eservice: EserviceDef | undefined, schema: string) => ({
  tags: [eservice?.kind ?? 'status'],
  ...(eservice ? { 'x-pdnd-eservice': eservice.name, summary: `Lettura ${eservice.kind}` } : {}),
  security: eservice ? [{ Voucher: [] }] : [],
  responses: { '200': { description: 'ok', content: { 'application/json': { schema: ref(schema) } } } },
});

const FULL = {
  openapi: '3.0.0',
  info: { title: 'FSL', version: '1', 'x-api-id': 'fsl-api' },
  tags: [{ name: 'curriculum' }, { name: 'versione-curriculum' }, { name: 'status' }],
  paths: {
    '/status': { get: op(undefined, 'Problem') },
    '/rest/fsl/v1/curricula/consultazioni': { post: op(CV, 'Curriculum') },
    '/rest/fsl/v1/curricula/versioni/consultazioni': { post: op(VERSIONI, 'Versione') },
    '/v1/curricula/{id}': { get: op(CV, 'Curriculum') },
  },
  components: {
    schemas: {
      Problem: { type: 'object' },
      Curriculum: { type: 'object', properties: { esperienze: { type: 'array', items: ref('Esperienza') } } },
      Esperienza: { type: 'object' },
      Versione: { type: 'object', properties: { curriculum: ref('Curriculum') } },
      Inutile: { type: 'object' },
    },
    securitySchemes: { Voucher: { type: 'http', scheme: 'bearer' }, Altro: { type: 'http', scheme: 'bearer' } },
  },
} as unknown as OpenAPIObject;

describe('one OpenAPI document per e-service', () => {
  it('a path belongs to the e-service with the longest basePath it starts with', () => {
    expect(ownerOf('/rest/fsl/v1/curricula/versioni/consultazioni', ALL)).toBe(VERSIONI);
    expect(ownerOf('/rest/fsl/v1/curricula/consultazioni', ALL)).toBe(CV);
    expect(ownerOf('/rest/fsl/v1/curricula-x/consultazioni', ALL)).toBeUndefined();
  });

  it('keeps its own operations (relative to its server), its routes elsewhere and /status at the root, and only what they reference', () => {
    const doc = eserviceDocument(FULL, CV, ALL, { origin: 'https://api.example', serverDescription: 'Server' });
    expect(doc.servers).toEqual([{ url: 'https://api.example/rest/fsl/v1/curricula', description: 'Server' }]);
    expect(Object.keys(doc.paths).sort()).toEqual(['/consultazioni', '/status', '/v1/curricula/{id}']);
    expect(doc.paths['/status']!.servers).toEqual([{ url: 'https://api.example', description: 'Server (radice del servizio)' }]);
    expect(doc.paths['/consultazioni']!.servers).toBeUndefined();
    expect(Object.keys(doc.components!.schemas!).sort()).toEqual(['Curriculum', 'Esperienza', 'Problem']);
    expect(Object.keys(doc.components!.securitySchemes!)).toEqual(['Voucher']);
    expect(doc.tags!.map((t) => t.name)).toEqual(['curriculum', 'status']);
    expect(doc.info).toMatchObject({ title: 'CURRICULUM', 'x-summary': 'Lettura curriculum', 'x-api-id': 'fsl-api-curriculum' });
    // a nested e-service's schemas follow their references into the other's
    const nested = eserviceDocument(FULL, VERSIONI, ALL, { origin: 'https://api.example', serverDescription: 'Server' });
    expect(Object.keys(nested.paths).sort()).toEqual(['/consultazioni', '/status']);
    expect(Object.keys(nested.components!.schemas!).sort()).toEqual(['Curriculum', 'Esperienza', 'Problem', 'Versione']);
  });

  it('refuses to write a document for an e-service without an operation', () => {
    expect(() => eserviceDocument(FULL, def('fascicolo', '/rest/fsl/v1/fascicoli'), ALL, { origin: 'https://x', serverDescription: 'S' })).toThrow(/no operation of e-service fascicolo/);
  });
});
