import { JSON_PROBLEMS, MAX_JSON_DEPTH, readJson } from './body';

const nested = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);

describe('readJson', () => {
  it('parses JSON up to the depth limit', () => {
    expect(readJson(nested(MAX_JSON_DEPTH))).toMatchObject({ ok: true });
    expect(readJson(`{"a":${nested(MAX_JSON_DEPTH - 1)}}`)).toMatchObject({ ok: true });
    expect(readJson('"text"')).toEqual({ ok: true, value: 'text' });
  });

  it('refuses deeper nesting with a fixed problem instead of overflowing the stack', () => {
    expect(readJson(nested(MAX_JSON_DEPTH + 1))).toEqual({ ok: false, problem: { path: '', code: 'JSON_TOO_DEEP', message: JSON_PROBLEMS.JSON_TOO_DEEP } });
    const deep = `{"modello":${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}}`;
    expect(readJson(deep)).toMatchObject({ ok: false, problem: { code: 'JSON_TOO_DEEP' } });
  });

  it('never quotes the input in its problem', () => {
    for (const text of ['RSSMRA45D25F205N', '{"cf":"RSSMRA45D25F205N"', '{"cf":RSSMRA45D25F205N}', '12345678903x']) {
      const r = readJson(text);
      expect(r).toEqual({ ok: false, problem: { path: '', code: 'INVALID_JSON', message: JSON_PROBLEMS.INVALID_JSON } });
    }
  });
});
