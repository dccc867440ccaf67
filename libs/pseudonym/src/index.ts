import { createHmac } from 'node:crypto';

/**
 * Keyed pseudonym of a codice fiscale: HMAC-SHA-256 over the code as written (trimmed, upper-case),
 * hex-encoded. It is the Kafka message key, so every event of one person lands on one partition
 * (per-person order) while the broker, its tools and its logs never see the code itself.
 * The code is not mapped to any base form: an omocodic code is another person and gets another key.
 */
export function cfPseudonym(codiceFiscale: string, key: string): string {
  if (key.length < 32) throw new Error('pseudonym key must be at least 32 characters');
  return createHmac('sha256', key).update(codiceFiscale.trim().toUpperCase(), 'utf8').digest('hex');
}

/** Bound to one key, for code that should not handle the secret itself. */
export function pseudonymizer(key: string): (codiceFiscale: string) => string {
  if (key.length < 32) throw new Error('pseudonym key must be at least 32 characters');
  return (cf) => cfPseudonym(cf, key);
}
