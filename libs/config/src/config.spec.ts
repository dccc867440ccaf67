import { z } from 'zod';
import { ConfigError, parseConfig } from './config';
import {
  httpEnv,
  kafkaEnv,
  loggingEnv,
  postgresEnv,
  pseudonymEnv,
  refuseDevSecrets,
  refuseFragileTopics,
  refuseSuperuserDatabase,
  requireCompleteSasl,
  topicEnv,
} from './pieces';

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

  it('production topics keep 3 copies and need 2 for a write; the dev broker takes 1', () => {
    const topics = z.object({ ...loggingEnv, ...topicEnv }).superRefine(refuseFragileTopics);
    expect(parseConfig('setup', topics, {})).toMatchObject({ KAFKA_REPLICATION_FACTOR: 1, KAFKA_MIN_INSYNC_REPLICAS: 1 });
    expect(() => parseConfig('setup', topics, { NODE_ENV: 'production' })).toThrow(/KAFKA_REPLICATION_FACTOR.*KAFKA_MIN_INSYNC_REPLICAS/);
    expect(() => parseConfig('setup', topics, { NODE_ENV: 'production', KAFKA_REPLICATION_FACTOR: '3', KAFKA_MIN_INSYNC_REPLICAS: '1' })).toThrow(/KAFKA_MIN_INSYNC_REPLICAS/);
    expect(() => parseConfig('setup', topics, { KAFKA_REPLICATION_FACTOR: '1', KAFKA_MIN_INSYNC_REPLICAS: '2' })).toThrow(/cannot exceed/);
    expect(parseConfig('setup', topics, { NODE_ENV: 'production', KAFKA_REPLICATION_FACTOR: '3', KAFKA_MIN_INSYNC_REPLICAS: '2' }).KAFKA_REPLICATION_FACTOR).toBe(3);
  });

  it('SASL needs its mechanism, user and password together; TLS is a flag', () => {
    const kafka = z.object(kafkaEnv).superRefine(requireCompleteSasl);
    expect(() => parseConfig('svc', kafka, { KAFKA_SASL_MECHANISM: 'scram-sha-512' })).toThrow(/KAFKA_SASL_USERNAME.*KAFKA_SASL_PASSWORD/);
    expect(() => parseConfig('svc', kafka, { KAFKA_SASL_MECHANISM: 'gssapi' })).toThrow(/KAFKA_SASL_MECHANISM/);
    expect(parseConfig('svc', kafka, { KAFKA_SSL: 'true', KAFKA_SASL_MECHANISM: 'plain', KAFKA_SASL_USERNAME: 'u', KAFKA_SASL_PASSWORD: 'p' })).toMatchObject({ KAFKA_SSL: true });
    expect(parseConfig('svc', kafka, {}).KAFKA_SSL).toBe(false);
  });

  it('apps connect as their role; production refuses the superuser and a URL without a password', () => {
    const db = z.object({ ...loggingEnv, ...postgresEnv('fsl_builder') }).superRefine(refuseSuperuserDatabase);
    expect(parseConfig('svc', db, {}).DATABASE_URL).toBe('postgres://fsl_builder@127.0.0.1:5432/fsl');
    expect(() => parseConfig('svc', db, { NODE_ENV: 'production', DATABASE_URL: 'postgres://postgres:pw@db:5432/fsl' })).toThrow(/DATABASE_URL: must name the app role/);
    expect(() => parseConfig('svc', db, { NODE_ENV: 'production', DATABASE_URL: 'postgres://fsl_builder@db:5432/fsl' })).toThrow(/DATABASE_URL: must carry the role password/);
    expect(parseConfig('svc', db, { NODE_ENV: 'production', DATABASE_URL: 'postgres://fsl_builder:s3cret@db:5432/fsl' }).DATABASE_CONNECT_TIMEOUT_MS).toBe(5000);
  });

  it('/metrics has its own listener, on loopback by default', () => {
    const http = z.object(httpEnv(3004));
    expect(parseConfig('svc', http, {})).toMatchObject({ HTTP_PORT: 3004, MANAGEMENT_HOST: '127.0.0.1', MANAGEMENT_PORT: 9404 });
  });
});
