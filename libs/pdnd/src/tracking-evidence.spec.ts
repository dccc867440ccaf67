// Reference §3, AUDIT_REST_02 cases A1–A6 (400), and the tracking-evidence vector of §8.
import { trackingEvidenceDigest } from './digest';
import { expectPdndError, Harness, startHarness } from './testing/harness';
import { verifyTrackingEvidence } from './tracking-evidence';
import { VerifiedCaller } from './voucher';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

type Opts = Parameters<Harness['standin']['trackingEvidence']>[0];
type Caller = Pick<VerifiedCaller, 'clientId' | 'digest' | 'purposeId'>;

/** Evidence plus the caller a voucher bound to it would yield. */
function call(opts: Opts = {}): { headers: Record<string, string>; caller: Caller } {
  const { token, digest } = h.standin.trackingEvidence(opts);
  return { headers: { 'Agid-JWT-TrackingEvidence': token }, caller: { clientId: h.standin.clientId, purposeId: h.standin.purposeId, digest } };
}
const verify = (c: { headers: Record<string, string>; caller: Caller }) =>
  verifyTrackingEvidence({ headers: c.headers }, c.caller, { audience: h.standin.audience }, h.deps);

describe('§8 tracking-evidence vector', () => {
  const SAMPLE =
    'eyJhbGciOiJIUzI1NiIsImtpZCI6IlptWXhaR0UyWWpRdE16WTJZeTAwTldJNUxUaGpOR0l0TURKbVltUXlaR0l5TW1aaCIsInR5cCI6ImF0K2p3dCJ9.eyJqdGkiOiJkc2Zkc2Zkc2ZkcyIsImEiOiJiIn0.2QcY5UpoE2PgJhe1FKnHx-SZZq_NS6AKDTlfFdpVP9Q';
  it('hex SHA-256 of the PDND tutorial sample JWS is the verified value, not the printed one', () => {
    expect(trackingEvidenceDigest(SAMPLE)).toBe('79ba8c02000c582fbd1631197e83640d0fb0ecb33f1ef641e7c633ac3df556e5');
    expect(trackingEvidenceDigest(SAMPLE)).not.toBe('5db26201b684761d2b970329ab8596773164ba1b43b1559980e20045941b8065');
  });
  it('a trailing newline changes the digest', () => {
    expect(trackingEvidenceDigest(`${SAMPLE}\n`)).not.toBe(trackingEvidenceDigest(SAMPLE));
  });
});

describe('a valid tracking evidence', () => {
  it('verifies and returns the agreed claims', async () => {
    const result = await verify(call());
    expect(result.claims).toEqual({ purposeId: h.standin.purposeId, userID: 'operatore-042', userLocation: 'postazione-7', LoA: 'LoA3' });
  });
  it('the voucher digest value is compared case-insensitively (hex)', async () => {
    const c = call();
    await expect(verify({ ...c, caller: { ...c.caller, digest: { alg: 'SHA256', value: c.caller.digest!.value.toUpperCase() } } })).resolves.toBeDefined();
  });
});

describe('A1 missing header', () => {
  it('no Agid-JWT-TrackingEvidence → 400 AUDIT_EVIDENCE_MISSING', async () => {
    await expectPdndError(verify({ ...call(), headers: {} }), 'AUDIT_EVIDENCE_MISSING', 400);
  });
});

describe('A2 signature and key', () => {
  it('signed by another key under the consumer kid → 400 AUDIT_SIGNATURE_INVALID', async () => {
    await expectPdndError(verify(call({ signWith: { ...h.standin.rogue, kid: h.standin.keys.consumer.kid } })), 'AUDIT_SIGNATURE_INVALID', 400);
  });
  it('kid unknown to PDND → 400 AUDIT_KID_UNKNOWN', async () => {
    await expectPdndError(verify(call({ signWith: h.standin.rogue })), 'AUDIT_KID_UNKNOWN', 400);
  });
  it('alg none → 400 AUDIT_ALG_NOT_ALLOWED', async () => {
    const c = call();
    const [, p] = c.headers['Agid-JWT-TrackingEvidence']!.split('.');
    const none = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${p}.`;
    await expectPdndError(verify({ ...c, headers: { 'Agid-JWT-TrackingEvidence': none } }), 'AUDIT_ALG_NOT_ALLOWED', 400);
  });
});

describe('A3 aud and time', () => {
  const at = (d: number) => h.standin.nowSeconds() + d;
  it('wrong aud → 400 AUDIT_AUDIENCE_INVALID', async () => {
    await expectPdndError(verify(call({ audience: ['https://other.example'] })), 'AUDIT_AUDIENCE_INVALID', 400);
  });
  it('expired → 400 AUDIT_EXPIRED', async () => {
    await expectPdndError(verify(call({ claims: { exp: at(-60) } })), 'AUDIT_EXPIRED', 400);
  });
  it('iat in the future → 400 AUDIT_ISSUED_IN_FUTURE', async () => {
    await expectPdndError(verify(call({ claims: { iat: at(60), nbf: undefined } })), 'AUDIT_ISSUED_IN_FUTURE', 400);
  });
});

describe('A4 replay', () => {
  it('the same evidence twice → 400 AUDIT_REPLAYED', async () => {
    const c = call();
    await verify(c);
    await expectPdndError(verify(c), 'AUDIT_REPLAYED', 400);
  });
});

describe('A5 agreed claims', () => {
  it.each(['purposeId', 'userID', 'userLocation', 'LoA'])('missing %s → 400 AUDIT_CLAIMS_MISSING', async (claim) => {
    await expectPdndError(verify(call({ claims: { [claim]: undefined } })), 'AUDIT_CLAIMS_MISSING', 400);
  });
  it('empty userID → 400 AUDIT_CLAIMS_MISSING', async () => {
    await expectPdndError(verify(call({ claims: { userID: ' ' } })), 'AUDIT_CLAIMS_MISSING', 400);
  });
  it('the claim list is configurable', async () => {
    const c = call({ claims: { LoA: undefined, dnonce: 1234567890123 } });
    const cfg = { audience: h.standin.audience, requiredClaims: ['userID', 'dnonce'] };
    await expect(verifyTrackingEvidence({ headers: c.headers }, c.caller, cfg, h.deps)).resolves.toBeDefined();
  });
  it('purposeId different from the voucher → 400 AUDIT_PURPOSE_MISMATCH', async () => {
    await expectPdndError(verify(call({ purposeId: '00000000-0000-4000-8000-000000000999' })), 'AUDIT_PURPOSE_MISMATCH', 400);
  });
});

describe('A6 voucher digest', () => {
  it('hex SHA-256 of the header ≠ voucher digest.value → 400 AUDIT_DIGEST_MISMATCH', async () => {
    const c = call();
    await expectPdndError(verify({ ...c, caller: { ...c.caller, digest: call().caller.digest } }), 'AUDIT_DIGEST_MISMATCH', 400);
  });
  it('voucher without digest → 400 AUDIT_VOUCHER_DIGEST_MISSING', async () => {
    const c = call();
    await expectPdndError(verify({ ...c, caller: { clientId: c.caller.clientId, purposeId: c.caller.purposeId } }), 'AUDIT_VOUCHER_DIGEST_MISSING', 400);
  });
  it('digest.alg ≠ SHA256 → 400 AUDIT_DIGEST_ALG_UNSUPPORTED', async () => {
    const c = call();
    await expectPdndError(verify({ ...c, caller: { ...c.caller, digest: { alg: 'SHA512', value: c.caller.digest!.value } } }), 'AUDIT_DIGEST_ALG_UNSUPPORTED', 400);
  });
});

describe('the signing key belongs to the voucher client', () => {
  it("evidence signed with another client's registered key → 400 AUDIT_KEY_CLIENT_MISMATCH", async () => {
    const other = call({ clientId: '00000000-0000-4000-8000-0000000c1e02' });
    await expectPdndError(verify(other), 'AUDIT_KEY_CLIENT_MISMATCH', 400);
  });
});
