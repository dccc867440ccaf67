import { createPrivateKey, createPublicKey, generateKeyPairSync, KeyObject } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { STANDIN_API_CLIENT_KEY_ID } from './defaults';
import { Jwk, thumbprint } from './jose-lite';

export interface KeyPair {
  kid: string;
  privateKey: KeyObject;
  /** Public JWK with kid, alg and use, as a JWKS or the PDND keys API would publish it. */
  publicJwk: Jwk;
}

/**
 * The stand-in's keys: PDND's voucher key, one consumer key registered "on PDND", a DPoP key, and the
 * key of the FSL api's own PDND client (fixed kid, so the api's dev configuration can name it).
 */
export interface StandinKeys {
  pdnd: KeyPair;
  consumer: KeyPair;
  dpop: KeyPair;
  api: KeyPair;
}

export type KeyKind = 'rsa' | 'ec';

/** A key pair with kid `<prefix>-<thumbprint start>`, or exactly `fixedKid`. */
export function keyPairFrom(privateKey: KeyObject, kidPrefix: string, fixedKid?: string): KeyPair {
  const jwk = createPublicKey(privateKey).export({ format: 'jwk' }) as Jwk;
  const isEc = jwk.kty === 'EC';
  const kid = fixedKid ?? `${kidPrefix}-${thumbprint(jwk).slice(0, 16)}`;
  return { kid, privateKey, publicJwk: { ...jwk, kid, alg: isEc ? 'ES256' : 'RS256', use: 'sig' } };
}

export function generateKeyPair(kind: KeyKind, kidPrefix: string, fixedKid?: string): KeyPair {
  const { privateKey } =
    kind === 'rsa' ? generateKeyPairSync('rsa', { modulusLength: 2048 }) : generateKeyPairSync('ec', { namedCurve: 'P-256' });
  return keyPairFrom(privateKey, kidPrefix, fixedKid);
}

/** Fresh in-memory keys; nothing touches the disk. For tests. */
export function ephemeralKeys(): StandinKeys {
  return {
    pdnd: generateKeyPair('rsa', 'standin-pdnd'),
    consumer: generateKeyPair('rsa', 'standin-consumer'),
    dpop: generateKeyPair('ec', 'standin-dpop'),
    api: generateKeyPair('rsa', 'standin-api', STANDIN_API_CLIENT_KEY_ID),
  };
}

// api-client.key.pem is also read by the api in development (its PDND_CLIENT_PRIVATE_KEY_FILE default).
export const API_CLIENT_KEY_FILE = 'api-client.key.pem';
const FILES = {
  pdnd: ['pdnd.key.pem', 'rsa'],
  consumer: ['consumer.key.pem', 'rsa'],
  dpop: ['dpop.key.pem', 'ec'],
  api: [API_CLIENT_KEY_FILE, 'rsa'],
} as const;
const WARNING = `DEV ONLY - keys of the local PDND stand-in (@fsl/pdnd-standin).
They sign test vouchers and must never be trusted by a deployed FSL API or committed.
Delete this folder to get new keys.
`;

/**
 * Keys kept in a git-ignored folder (default .run/pdnd-standin) so that `serve` and the minting
 * commands, run as separate processes, agree. Created on first use, owner-only permissions.
 */
export function loadOrCreateKeys(dir: string): StandinKeys {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const warning = join(dir, 'DEV-ONLY-KEYS.txt');
  if (!existsSync(warning)) writeFileSync(warning, WARNING);
  const load = (name: keyof typeof FILES): KeyPair => {
    const [file, kind] = FILES[name];
    const path = join(dir, file);
    const fixedKid = name === 'api' ? STANDIN_API_CLIENT_KEY_ID : undefined;
    if (existsSync(path)) return keyPairFrom(createPrivateKey(readFileSync(path)), `standin-${name}`, fixedKid);
    const pair = generateKeyPair(kind, `standin-${name}`, fixedKid);
    writeFileSync(path, pair.privateKey.export({ format: 'pem', type: 'pkcs8' }), { mode: 0o600 });
    chmodSync(path, 0o600);
    return pair;
  };
  return { pdnd: load('pdnd'), consumer: load('consumer'), dpop: load('dpop'), api: load('api') };
}

// A consumer other than the default one signs its ModI headers with a key of its own client: the key is
// kept in the folder too, so that the minting commands and `serve` (separate processes) agree on it.
const CLIENT_KEY_FILE = /^consumer-([A-Za-z0-9-]{1,64})\.key\.pem$/;
const clientKeyFile = (clientId: string): string => {
  const file = `consumer-${clientId}.key.pem`;
  if (!CLIENT_KEY_FILE.test(file)) throw new Error('a client id of letters, digits and dashes only');
  return file;
};

/** The key registered "on PDND" for a client, from the folder (created on first use). */
export function loadOrCreateClientKey(dir: string, clientId: string): KeyPair {
  const path = join(dir, clientKeyFile(clientId));
  if (existsSync(path)) return keyPairFrom(createPrivateKey(readFileSync(path)), 'standin-consumer');
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const pair = generateKeyPair('rsa', 'standin-consumer');
  writeFileSync(path, pair.privateKey.export({ format: 'pem', type: 'pkcs8' }), { mode: 0o600 });
  chmodSync(path, 0o600);
  return pair;
}

/** Every client key kept in the folder, with its client. */
export function loadClientKeys(dir: string): Array<{ clientId: string; key: KeyPair }> {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((file) => {
    const m = CLIENT_KEY_FILE.exec(file);
    return m ? [{ clientId: m[1]!, key: keyPairFrom(createPrivateKey(readFileSync(join(dir, file))), 'standin-consumer') }] : [];
  });
}
