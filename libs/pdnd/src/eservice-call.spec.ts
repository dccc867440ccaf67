// The one-call entry point an HTTP guard uses: voucher, then the ModI patterns of the operation.
import { problemResponse } from './errors';
import { verifyEserviceCall } from './eservice-call';
import { expectPdndError, Harness, startHarness, URL_ } from './testing/harness';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

const BODY = '{"sostegno": "ADI", "importo": "500.00"}';
const cfg = () => ({ voucher: h.cfg });

describe('verifyEserviceCall', () => {
  it('DPoP voucher + AUDIT_REST_02 + INTEGRITY_REST_02 on a POST', async () => {
    const evidence = h.standin.trackingEvidence();
    const voucher = h.standin.voucher({ dpop: true, digest: evidence.digest.value });
    const integrity = h.standin.integrity({ body: BODY });
    const headers = {
      authorization: `DPoP ${voucher}`,
      dpop: h.standin.dpopProof({ method: 'POST', url: URL_, accessToken: voucher }),
      'agid-jwt-trackingevidence': evidence.token,
      ...integrity.headers,
    };
    const result = await verifyEserviceCall({ method: 'POST', url: URL_, headers, rawBody: Buffer.from(BODY) }, { audit: true, integrity: true }, cfg(), h.deps);
    expect(result.caller.tokenType).toBe('DPoP');
    expect(result.audit?.claims.userID).toBe('operatore-042');
    expect(result.integrity?.signedHeaders.digest).toBe(integrity.headers.Digest);
  });

  it('only checks the patterns the operation declares', async () => {
    const headers = { Authorization: `Bearer ${h.standin.voucher()}` };
    await expect(verifyEserviceCall({ method: 'GET', url: URL_, headers }, {}, cfg(), h.deps)).resolves.not.toHaveProperty('audit');
    await expectPdndError(verifyEserviceCall({ method: 'GET', url: URL_, headers }, { audit: true }, cfg(), h.deps), 'AUDIT_EVIDENCE_MISSING', 400);
    await expectPdndError(verifyEserviceCall({ method: 'POST', url: URL_, headers }, { integrity: true }, cfg(), h.deps), 'INTEGRITY_SIGNATURE_MISSING', 400);
  });

  it('the voucher is checked first: a bad voucher is a 401 even when ModI headers are bad too', async () => {
    const headers = { authorization: 'Bearer x.y.z', digest: 'nonsense' };
    await expectPdndError(verifyEserviceCall({ method: 'POST', url: URL_, headers }, { integrity: true }, cfg(), h.deps), 'VOUCHER_MALFORMED', 401);
  });

  it('a separate Agid audience can be configured', async () => {
    const evidence = h.standin.trackingEvidence({ audience: 'https://fsl.example/audit' });
    const headers = { authorization: `Bearer ${h.standin.voucher({ digest: evidence.digest.value })}`, 'Agid-JWT-TrackingEvidence': evidence.token };
    const modi = { audience: 'https://fsl.example/audit' };
    await expect(verifyEserviceCall({ method: 'GET', url: URL_, headers }, { audit: true }, { voucher: h.cfg, modi }, h.deps)).resolves.toBeDefined();
  });

  it('problem bodies never echo the request (no codice fiscale, no token)', async () => {
    const cf = 'RSSMRA85T10A562S';
    const token = h.standin.voucher({ claims: { exp: 1 } });
    const err = await verifyEserviceCall(
      { method: 'GET', url: `https://api.fsl.example/fsl/v1/cittadini/${cf}`, headers: { authorization: `Bearer ${token}`, 'x-tax-code': cf } },
      {},
      cfg(),
      h.deps,
    ).catch((e: unknown) => e);
    const text = JSON.stringify(problemResponse(err, { instance: '/fsl/v1/cittadini/{tax_code}' }));
    expect(text).not.toContain(cf);
    expect(text).not.toContain(token.split('.')[1]);
  });
});
