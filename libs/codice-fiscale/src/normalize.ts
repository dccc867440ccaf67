/**
 * Trim and upper-case, nothing else. This is the identity form of a code: two inputs denote the same
 * person only if their normalized forms are equal. In particular omocodic letters are left as written.
 */
export function normalizeCf(input: string): string {
  return input.trim().toUpperCase();
}
