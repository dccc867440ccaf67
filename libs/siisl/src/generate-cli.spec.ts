import { parseCliArgs } from './generate-cli';

describe('generate-cli arguments', () => {
  it('reads the options of the feed', () => {
    expect(parseCliArgs(['--workers', '200', '--seed', '42', '--out', 'siisl.ndjson', '--co-seed', '7', '--co-out', 'cos.ndjson', '--until', '2025-06-30', '--unknown-codes', '0.03', '--stale', '0.2', '--duplicates', '0'])).toEqual({
      workers: 200,
      seed: 42,
      coSeed: 7,
      out: 'siisl.ndjson',
      coOut: 'cos.ndjson',
      until: '2025-06-30',
      codiciSconosciuti: 0.03,
      obsolete: 0.2,
      duplicati: 0,
    });
    expect(parseCliArgs(['--workers', '0', '--seed=-3', '--out', 'f'])).toEqual({ workers: 0, seed: -3, out: 'f' });
  });

  it('names the first bad argument', () => {
    expect(parseCliArgs(['--seed', '1', '--out', 'f'])).toEqual({ error: '--workers must be a non-negative integer' });
    expect(parseCliArgs(['--workers', '2.5', '--seed', '1', '--out', 'f'])).toEqual({ error: '--workers must be a non-negative integer' });
    expect(parseCliArgs(['--workers', '2', '--seed', 'x', '--out', 'f'])).toEqual({ error: '--seed must be an integer' });
    expect(parseCliArgs(['--workers', '2', '--seed', '1'])).toEqual({ error: '--out is required' });
    expect(parseCliArgs(['--workers', '2', '--seed', '1', '--out', 'f', '--until', '30/06/2025'])).toEqual({ error: '--until must be a date YYYY-MM-DD' });
    expect(parseCliArgs(['--workers', '2', '--seed', '1', '--out', 'f', '--stale', '1.5'])).toEqual({ error: '--stale must be a share from 0 to 1' });
    expect('error' in parseCliArgs(['--workers', '2', '--seed', '1', '--out', 'f', '--bogus', '1'])).toBe(true);
  });
});
