import { ApiExtension, ApiHeader, ApiSecurity } from '@nestjs/swagger';
import type { EserviceDef } from '../registry/eservices';
import { documentOperation, modiPatterns, SWAGGER_METADATA } from './openapi';

const eservice = (patterns: EserviceDef['patterns']): EserviceDef => ({
  kind: 'fascicolo',
  name: 'CONSULTAZIONE_Fascicolo-FSL',
  basePath: '/rest/fsl/v1/fascicoli',
  eserviceId: '6f1c0de0-0000-4000-8000-00000000b001',
  descriptorId: '6f1c0de0-0000-4000-8000-00000000d001',
  patterns,
});

describe('OpenAPI security of an e-service operation', () => {
  it("writes under the keys @nestjs/swagger's own decorators use", () => {
    class Probe {
      m() {}
    }
    const d = Object.getOwnPropertyDescriptor(Probe.prototype, 'm')!;
    ApiSecurity('x')(Probe.prototype, 'm', d);
    ApiExtension('x-y', 1)(Probe.prototype, 'm', d);
    ApiHeader({ name: 'H' })(Probe.prototype, 'm', d);
    for (const key of Object.values(SWAGGER_METADATA)) expect(Reflect.getMetadata(key, d.value)).toBeDefined();
  });

  it('declares the patterns the registry gives, INTEGRITY_REST_02 only where there is a body', () => {
    expect(modiPatterns(eservice(['INTEGRITY_REST_02', 'AUDIT_REST_02']), true)).toEqual(['ID_AUTH_CHANNEL_01', 'ID_AUTH_REST_01', 'INTEGRITY_REST_02', 'AUDIT_REST_02']);
    expect(modiPatterns(eservice(['INTEGRITY_REST_02']), false)).toEqual(['ID_AUTH_CHANNEL_01', 'ID_AUTH_REST_01']);
  });

  it('replaces rather than appends, so documenting twice gives the same document', () => {
    const handler = () => undefined;
    documentOperation(handler, eservice(['INTEGRITY_REST_02', 'AUDIT_REST_02']), 'operation', true);
    documentOperation(handler, eservice(['INTEGRITY_REST_02', 'AUDIT_REST_02']), 'operation', true);
    expect(Reflect.getMetadata(SWAGGER_METADATA.security, handler)).toEqual([
      { PdndVoucherBearer: [], AgidJwtSignature: [], AgidJwtTrackingEvidence: [] },
      { PdndVoucherDPoP: [], DPoPProof: [], AgidJwtSignature: [], AgidJwtTrackingEvidence: [] },
    ]);
    const versioneMinima = expect.objectContaining({ name: 'Versione-Minima', in: 'header', required: false });
    expect(Reflect.getMetadata(SWAGGER_METADATA.parameters, handler)).toEqual([expect.objectContaining({ name: 'Digest', in: 'header', required: true }), versioneMinima]);
    documentOperation(handler, eservice([]), 'operation', true);
    expect(Reflect.getMetadata(SWAGGER_METADATA.parameters, handler)).toEqual([versioneMinima]);
    expect(Reflect.getMetadata(SWAGGER_METADATA.extension, handler)['x-modi-patterns']).toEqual(['ID_AUTH_CHANNEL_01', 'ID_AUTH_REST_01']);
  });

  it('takes Versione-Minima on every operation (read-your-writes), not on the probing route', () => {
    const probing = () => undefined;
    documentOperation(probing, eservice(['INTEGRITY_REST_02']), 'probing');
    expect(Reflect.getMetadata(SWAGGER_METADATA.parameters, probing)).toEqual([]);
    const read = () => undefined;
    documentOperation(read, eservice([]), 'operation', false);
    expect(Reflect.getMetadata(SWAGGER_METADATA.parameters, read)).toEqual([expect.objectContaining({ name: 'Versione-Minima', in: 'header', required: false, schema: expect.objectContaining({ maxLength: 1024 }) })]);
  });
});
