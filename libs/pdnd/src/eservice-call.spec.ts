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

  describe('work alongside the ModI checks (the api counts the quota there)', () => {
    const sideError = new Error('quota exceeded');
    const track = () => {
      const seen: string[] = [];
      let settled = false;
      const run = (outcome: 'ok' | 'fail') => async (caller: { clientId: string }) => {
        seen.push(caller.clientId);
        await new Promise((r) => setTimeout(r, 20));
        settled = true;
        if (outcome === 'fail') throw sideError;
      };
      return { seen, run, settled: () => settled };
    };

    it('runs with the identified caller; its refusal is thrown when the ModI checks pass', async () => {
      const t = track();
      const headers = { authorization: `Bearer ${h.standin.voucher()}` };
      await expect(verifyEserviceCall({ method: 'GET', url: URL_, headers }, {}, cfg(), h.deps, t.run('fail'))).rejects.toBe(sideError);
      expect(t.seen).toEqual([h.standin.clientId]);
      const ok = track();
      await expect(verifyEserviceCall({ method: 'GET', url: URL_, headers }, {}, cfg(), h.deps, ok.run('ok'))).resolves.toHaveProperty('caller');
      expect(ok.settled()).toBe(true);
    });

    it('a ModI refusal wins, after the side work has settled', async () => {
      const t = track();
      const headers = { authorization: `Bearer ${h.standin.voucher()}` };
      await expectPdndError(verifyEserviceCall({ method: 'POST', url: URL_, headers }, { integrity: true }, cfg(), h.deps, t.run('fail')), 'INTEGRITY_SIGNATURE_MISSING', 400);
      expect(t.settled()).toBe(true);
    });

    it('runs for a voucher PDND signed for another e-service (403): its consumer is known, so it is charged', async () => {
      const t = track();
      const headers = { authorization: `Bearer ${h.standin.voucher({ audience: ['https://other.example/api'] })}` };
      await expectPdndError(verifyEserviceCall({ method: 'GET', url: URL_, headers }, {}, cfg(), h.deps, t.run('ok')), 'VOUCHER_AUDIENCE_INVALID', 403);
      expect({ seen: t.seen, settled: t.settled() }).toEqual({ seen: [h.standin.clientId], settled: true });
    });

    it('is not started when the voucher is refused', async () => {
      const t = track();
      await expectPdndError(verifyEserviceCall({ method: 'GET', url: URL_, headers: { authorization: 'Bearer x.y.z' } }, {}, cfg(), h.deps, t.run('ok')), 'VOUCHER_MALFORMED', 401);
      // A forged token naming a client is no identification either.
      const forged = { authorization: `Bearer ${h.standin.voucher({ signWith: 'rogue' })}` };
      await expectPdndError(verifyEserviceCall({ method: 'GET', url: URL_, headers: forged }, {}, cfg(), h.deps, t.run('ok')), 'VOUCHER_SIGNATURE_INVALID', 401);
      expect(t.seen).toEqual([]);
    });
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
