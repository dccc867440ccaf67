#!/usr/bin/env node
// Cross-checks @fsl/pdnd and @fsl/pdnd-standin (node:crypto JOSE subsets) against jose, in both
// directions. Plain Node, not jest: jose 6 is ESM-only and loads through Node ≥ 20.19's require(esm),
// which jest's CommonJS runtime does not offer. Run after building both libs:
//   (cd libs/pdnd && npx tsc -b) && (cd libs/pdnd-standin && npx tsc -b) && node libs/pdnd/scripts/jose-crosscheck.js
const assert = require('node:assert/strict');
const { createHash } = require('node:crypto');
const jose = require('jose');
const { PdndStandin } = require('../../pdnd-standin/dist');
const pdnd = require('../dist');

async function standinTokensVerifyWithJose() {
  const s = new PdndStandin();
  const voucher = s.voucher({ dpop: true });
  const { payload } = await jose.jwtVerify(voucher, jose.createLocalJWKSet(s.jwks()), {
    issuer: s.issuer, audience: s.audience, typ: 'at+jwt', algorithms: ['RS256'],
  });
  assert.equal(payload.purposeId, s.purposeId);
  const proof = s.dpopProof({ method: 'GET', url: 'https://api.example/x', accessToken: voucher });
  const { jwk } = jose.decodeProtectedHeader(proof);
  await jose.jwtVerify(proof, await jose.importJWK(jwk, 'ES256'), { typ: 'dpop+jwt' });
  assert.equal(await jose.calculateJwkThumbprint(jwk), s.dpopJkt);
  assert.equal(pdnd.jwkThumbprint(jwk), s.dpopJkt);
  const { token } = s.trackingEvidence();
  await jose.jwtVerify(token, await jose.importJWK(s.keys.consumer.publicJwk, 'RS256'));
}

async function joseTokensVerifyWithPdnd() {
  const pdndKey = await jose.generateKeyPair('RS256', { extractable: true });
  const jwk = { ...(await jose.exportJWK(pdndKey.publicKey)), kid: 'jose-pdnd', alg: 'RS256', use: 'sig' };
  const dpopKey = await jose.generateKeyPair('ES256', { extractable: true });
  const dpopJwk = await jose.exportJWK(dpopKey.publicKey);
  const jkt = await jose.calculateJwkThumbprint(dpopJwk);
  const voucher = await new jose.SignJWT({ client_id: 'c-1', purposeId: 'p-1', cnf: { jkt } })
    .setProtectedHeader({ alg: 'RS256', typ: 'at+jwt', kid: 'jose-pdnd' })
    .setIssuer('iss').setSubject('c-1').setAudience(['aud']).setIssuedAt().setExpirationTime('5m').setJti('v-1')
    .sign(pdndKey.privateKey);
  const ath = createHash('sha256').update(voucher).digest('base64url');
  const proof = await new jose.SignJWT({ htm: 'POST', htu: 'https://api.example/x', ath })
    .setProtectedHeader({ alg: 'ES256', typ: 'dpop+jwt', jwk: dpopJwk }).setIssuedAt().setJti('p-1')
    .sign(dpopKey.privateKey);
  const keySet = new pdnd.PdndKeySet({ url: 'x', fetchJson: async () => ({ status: 200, body: { keys: [jwk] } }) });
  const caller = await pdnd.verifyVoucher(
    { authorization: `DPoP ${voucher}`, dpop: proof, method: 'POST', url: 'https://api.example/x' },
    { issuer: 'iss', audience: 'aud' },
    { keySet, replayStore: new pdnd.InMemoryReplayStore() },
  );
  assert.equal(caller.dpopJkt, jkt);
}

(async () => {
  await standinTokensVerifyWithJose();
  await joseTokensVerifyWithPdnd();
  console.log('jose cross-check: OK');
})().catch((err) => {
  console.error('jose cross-check FAILED:', err);
  process.exit(1);
});
