import { z } from 'zod';

export class ConfigError extends Error {
  constructor(
    readonly service: string,
    readonly problems: { variable: string; message: string }[],
  ) {
    super(
      `invalid configuration for ${service}: ` +
        problems.map((p) => `${p.variable}: ${p.message}`).join('; '),
    );
    this.name = 'ConfigError';
  }
}

/**
 * Parse the environment against an app's schema. The schema's keys are the environment variable
 * names themselves, so an error names exactly what the operator has to fix. Values are never echoed:
 * a bad variable may hold a secret.
 */
export function parseConfig<T>(service: string, schema: z.ZodType<T>, env: NodeJS.ProcessEnv = process.env): T {
  const result = schema.safeParse(env);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => ({
    variable: String(issue.path[0] ?? '(root)'),
    message: issue.message,
  }));
  throw new ConfigError(service, problems);
}

/** Boot helper: parse or print the reason on stderr and exit, before anything else starts. */
export function loadConfigOrExit<T>(service: string, schema: z.ZodType<T>, env: NodeJS.ProcessEnv = process.env): T {
  try {
    return parseConfig(service, schema, env);
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${JSON.stringify({ level: 'fatal', service, msg: err.message, problems: err.problems })}\n`);
      process.exit(78); // EX_CONFIG
    }
    throw err;
  }
}
