import { runToExit } from './support/processes';

// Every app parses its environment at boot and stops, naming the variable, before touching anything.
const cases: [string, Record<string, string>, string][] = [
  ['api', { DATABASE_URL: 'not a url' }, 'DATABASE_URL'],
  ['api', { REDIS_URL: 'nope' }, 'REDIS_URL'],
  ['ingest-co', { KAFKA_BROKERS: 'no-port' }, 'KAFKA_BROKERS'],
  ['ingest-co', { PSEUDONYM_KEY: 'short' }, 'PSEUDONYM_KEY'],
  ['ingest-co', { NODE_ENV: 'production' }, 'PSEUDONYM_KEY'],
  ['ingest-siisl', { HTTP_PORT: 'eighty' }, 'HTTP_PORT'],
  ['ingest-gepi', { LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
  ['dossier-builder', { CHUNK_SIZE: '0' }, 'CHUNK_SIZE'],
  ['dossier-builder', { KAFKA_TOPIC_PREFIX: 'Bad Prefix' }, 'KAFKA_TOPIC_PREFIX'],
];

describe('configuration is parsed at boot', () => {
  it.each(cases)('%s stops on a bad %j and names %s', async (app, env, variable) => {
    const { code, output } = await runToExit(app, env);
    expect(code).toBe(78);
    const line = JSON.parse(output.trim().split('\n').pop() as string);
    expect(line.level).toBe('fatal');
    expect(line.problems.map((p: { variable: string }) => p.variable)).toContain(variable);
    // The bad value itself (it could be a secret) is never echoed.
    if (env[variable] && env[variable].length > 4) expect(output).not.toContain(env[variable]);
  });
});
