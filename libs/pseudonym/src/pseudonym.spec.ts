import { createHmac } from 'node:crypto';
import { cfPseudonym } from './index';

const KEY = 'k'.repeat(32);

describe('cfPseudonym', () => {
  it('is HMAC-SHA-256 of the trimmed upper-case code', () => {
    const expected = createHmac('sha256', KEY).update('RSSMRA45D25F205N').digest('hex');
    expect(cfPseudonym('  rssmra45d25f205n ', KEY)).toBe(expected);
  });

  it('never contains the code and depends on the key', () => {
    const p = cfPseudonym('RSSMRA45D25F205N', KEY);
    expect(p).toMatch(/^[0-9a-f]{64}$/);
    expect(cfPseudonym('RSSMRA45D25F205N', 'j'.repeat(32))).not.toBe(p);
  });

  it('gives an omocodic variant its own pseudonym (a different person)', () => {
    expect(cfPseudonym('RSSMRA45D25F20RI', KEY)).not.toBe(cfPseudonym('RSSMRA45D25F205N', KEY));
  });

  it('refuses short keys', () => {
    expect(() => cfPseudonym('RSSMRA45D25F205N', 'short')).toThrow();
  });
});
