import { readFileSync } from 'node:fs';
import type { z } from 'zod';

/**
 * Reads one of the api's JSON configuration files and validates it. Errors name the file's fields,
 * never their values (a table may hold identifiers that are not meant for logs).
 */
export function loadJsonFile<T>(path: string, schema: z.ZodType<T>): T {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    const reason = (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'file not found' : 'not readable JSON';
    throw new Error(`${path}: ${reason}`);
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const where = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
    throw new Error(`${path}: ${where.join('; ')}`);
  }
  return parsed.data;
}

/** Files shipped for development and tests say so; production refuses them. */
export interface DevMarked {
  devOnly?: boolean;
}
