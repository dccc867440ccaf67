export * from './defaults';
export { b64url, merge, sha256, signCompact, thumbprint } from './jose-lite';
export type { Jwk } from './jose-lite';
export * from './keys';
export * from './standin';
export * from './server';
