import { z } from 'zod';
import { ConfigError, parseConfig } from './config';
import { httpEnv, kafkaEnv, loggingEnv, pseudonymEnv, refuseDevSecrets } from './pieces';

const schema = z
  .object({ ...httpEnv(3001), ...kafkaEnv, ...loggingEnv, ...pseudonymEnv })
  .superRefine(refuseDevSecrets);

describe('parseConfig', () => {
  it('applies local defaults', () => {
    const cfg = parseConfig('svc', schema, {});
    expect(cfg.HTTP_PORT).toBe(3001);
    expect(cfg.HTTP_HOST).toBe('127.0.0.1');
    expect(cfg.KAFKA_BROKERS).toEqual(['127.0.0.1:9092']);
  });

  it('names every bad variable and never echoes the value', () => {
    let error: unknown;
    try {
      parseConfig('svc', schema, { HTTP_PORT: 'eighty', KAFKA_BROKERS: 'no-port-here', PSEUDONYM_KEY: 'short-secret' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.map((p) => p.variable).sort();
    expect(problems).toEqual(['HTTP_PORT', 'KAFKA_BROKERS', 'PSEUDONYM_KEY']);
    expect((error as Error).message).not.toContain('short-secret');
  });

  it('refuses the dev pseudonym key in production', () => {
    expect(() => parseConfig('svc', schema, { NODE_ENV: 'production' })).toThrow(/PSEUDONYM_KEY/);
    expect(parseConfig('svc', schema, { NODE_ENV: 'production', PSEUDONYM_KEY: 'p'.repeat(40) }).PSEUDONYM_KEY).toBe('p'.repeat(40));
  });
});
