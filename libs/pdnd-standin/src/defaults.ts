// Identifiers used by the stand-in when a test does not care. All fake; the .invalid issuer
// (RFC 2606) makes a stand-in voucher unmistakable and unusable against a real PDND config.
export const STANDIN_ISSUER = 'pdnd-standin.invalid';
export const STANDIN_AUDIENCE = 'https://fsl-api.localhost/eservices';
export const STANDIN_CLIENT_ID = '6f1c0de0-0000-4000-8000-00000000c001';
export const STANDIN_CONSUMER_ID = '6f1c0de0-0000-4000-8000-00000000e001';
export const STANDIN_PURPOSE_ID = '6f1c0de0-0000-4000-8000-00000000f001';
export const STANDIN_PRODUCER_ID = '6f1c0de0-0000-4000-8000-00000000a001';
export const STANDIN_ESERVICE_ID = '6f1c0de0-0000-4000-8000-00000000b001';
export const STANDIN_DESCRIPTOR_ID = '6f1c0de0-0000-4000-8000-00000000d001';
export const STANDIN_PROBING_SUB = '6f1c0de0-0000-4000-8000-0000000090be';
// The FSL api as a PDND client of its own (it reads consumer keys from the PDND API with a voucher).
export const STANDIN_API_CLIENT_ID = '6f1c0de0-0000-4000-8000-0000000fa001';
export const STANDIN_API_PURPOSE_ID = '6f1c0de0-0000-4000-8000-0000000fa0f1';
export const STANDIN_API_CLIENT_KEY_ID = 'standin-api-client';
/** `aud` the stand-in's token endpoint expects in client assertions (PDND: auth.<env>interop.pagopa.it/client-assertion). */
export const STANDIN_TOKEN_AUDIENCE = 'pdnd-standin.invalid/client-assertion';
/** `aud` of the vouchers it issues for its own API. */
export const STANDIN_API_AUDIENCE = 'pdnd-standin.invalid/api';
