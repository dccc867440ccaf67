import { ERROR_REGISTRY, PdndErrorCode } from './error-codes';
import { PdndError, problemResponse, toProblem } from './errors';

const codes = Object.keys(ERROR_REGISTRY) as PdndErrorCode[];

describe('error registry', () => {
  it('has at least the 30+ negative cases of the reference, each with a status', () => {
    expect(codes.length).toBeGreaterThanOrEqual(30);
    for (const code of codes) expect([400, 401, 403, 429, 500, 503]).toContain(ERROR_REGISTRY[code].status);
  });
  it.each(codes)('%s builds a problem+json answer with the headers its status needs', (code) => {
    const res = problemResponse(new PdndError(code, { scheme: 'Bearer' }));
    expect(res.body).toEqual({
      type: `urn:fsl:problem:${code.toLowerCase().replace(/_/g, '-')}`,
      title: ERROR_REGISTRY[code].title,
      status: ERROR_REGISTRY[code].status,
      detail: ERROR_REGISTRY[code].detail,
      code,
    });
    expect('WWW-Authenticate' in res.headers).toBe(res.status === 401);
    expect('Retry-After' in res.headers).toBe(res.status === 429 || res.status === 503);
  });
  it('details are fixed sentences: nothing that could hold request data', () => {
    for (const code of codes) expect(ERROR_REGISTRY[code].detail).not.toMatch(/\$\{|%s|\{\d\}/);
  });
});

describe('problemResponse', () => {
  it('turns unknown errors into a generic 500 without their message', () => {
    const res = problemResponse(new Error('connection to 10.0.0.5 failed for RSSMRA85T10A562S'));
    expect(res.status).toBe(500);
    expect(JSON.stringify(res)).not.toMatch(/10\.0\.0\.5|RSSMRA/);
  });
  it('keeps the internal reason out of the body', () => {
    const err = new PdndError('VOUCHER_CLAIMS_MISSING', { reason: 'purposeId', scheme: 'Bearer' });
    expect(JSON.stringify(problemResponse(err))).not.toContain('purposeId');
    expect(err.reason).toBe('purposeId');
  });
  it('adds instance, correlationId and a custom type base when given', () => {
    const body = toProblem(new PdndError('RATE_LIMITED'), { typeBase: 'https://fsl.example/problems/', instance: '/x', correlationId: 'c-1' });
    expect(body).toMatchObject({ type: 'https://fsl.example/problems/rate-limited', instance: '/x', correlationId: 'c-1', status: 429 });
  });
  it('uses the Retry-After given, and the challenge of the scheme used', () => {
    expect(new PdndError('SERVICE_UNAVAILABLE', { retryAfterSeconds: 120 }).headers['Retry-After']).toBe('120');
    expect(new PdndError('DPOP_REPLAYED', { scheme: 'DPoP' }).headers['WWW-Authenticate']).toBe('DPoP algs="RS256 ES256", error="invalid_dpop_proof"');
    expect(new PdndError('VOUCHER_EXPIRED').headers['WWW-Authenticate']).toContain('Bearer error="invalid_token"');
  });
});
