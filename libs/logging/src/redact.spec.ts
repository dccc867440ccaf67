import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import { createLogger } from './logger';
import { maskCodiciFiscali, CF_MASK } from './redact';
import { newCorrelationId, withCorrelationId, sanitizeCorrelationId } from './correlation';

describe('codice fiscale masking', () => {
  it('masks personal codes, omocodic ones and 11-digit numeric codes', () => {
    const text = 'worker RSSMRA45D25F205N, variant RSSMRA45D25FNLRI, lower rssmra45d25f205n, provisional 12345678903';
    const masked = maskCodiciFiscali(text);
    expect(masked).toBe(`worker ${CF_MASK}, variant ${CF_MASK}, lower ${CF_MASK}, provisional ${CF_MASK}`);
  });

  it('masks an 11-digit code set off by punctuation, quotes or spaces', () => {
    expect(maskCodiciFiscali('cf=12345678903;"12345678903",(12345678903)')).toBe(`cf=${CF_MASK};"${CF_MASK}",(${CF_MASK})`);
    expect(maskCodiciFiscali('{"codiceFiscale":"rssmra45d25f205n"}')).toBe(`{"codiceFiscale":"${CF_MASK}"}`);
  });

  it('leaves random UUIDs untouched (their last group sometimes holds eleven digits in a row)', () => {
    // 100,000 UUIDs: about 430 of them have such a run, which the digit-bounded pattern used to mask.
    const altered = Array.from({ length: 100_000 }, () => randomUUID()).filter((id) => maskCodiciFiscali(id) !== id);
    expect(altered).toEqual([]);
    expect(maskCodiciFiscali('0a1b2c3d-0000-4000-8000-12345678901f and f0a1b2c3-0000-4000-8000-a12345678901')).toBe(
      '0a1b2c3d-0000-4000-8000-12345678901f and f0a1b2c3-0000-4000-8000-a12345678901',
    );
  });

  it('leaves ordinary numbers and words alone', () => {
    expect(maskCodiciFiscali('offset 1234567 at 1732650000000 for topic fsl.co')).toBe('offset 1234567 at 1732650000000 for topic fsl.co');
  });
});

describe('logger', () => {
  function capture() {
    const lines: Record<string, unknown>[] = [];
    const destination = new Writable({
      write(chunk, _enc, cb) {
        lines.push(JSON.parse(chunk.toString()));
        cb();
      },
    });
    return { lines, logger: createLogger({ service: 'test', destination }) };
  }

  it('masks codici fiscali in messages, fields and errors', () => {
    const { lines, logger } = capture();
    logger.info({ detail: 'bad RSSMRA45D25F205N', nested: { cf: 'RSSMRA45D25F205N' } }, 'saw RSSMRA45D25F205N');
    logger.error({ err: new Error('boom for RSSMRA45D25F205N') }, 'failed');
    const text = JSON.stringify(lines);
    expect(text).not.toContain('RSSMRA45D25F205N');
    expect(lines[0]).toMatchObject({ msg: `saw ${CF_MASK}`, detail: `bad ${CF_MASK}`, nested: { cf: CF_MASK }, service: 'test' });
  });

  it('adds the correlation id of the current context', () => {
    const { lines, logger } = capture();
    withCorrelationId('abc-123', () => logger.info('inside'));
    logger.info('outside');
    expect(lines[0].correlationId).toBe('abc-123');
    expect(lines[1].correlationId).toBeUndefined();
  });

  it('refuses correlation ids that could inject into logs', () => {
    expect(sanitizeCorrelationId('ok-1.2_3.x')).toBe('ok-1.2_3.x');
    expect(sanitizeCorrelationId('bad\nline')).toBeUndefined();
    expect(sanitizeCorrelationId('a:b')).toBeUndefined();
    expect(sanitizeCorrelationId('x'.repeat(64))).toBe('x'.repeat(64));
    expect(sanitizeCorrelationId('x'.repeat(65))).toBeUndefined();
    expect(sanitizeCorrelationId('')).toBeUndefined();
    expect(sanitizeCorrelationId(undefined)).toBeUndefined();
  });

  it('refuses correlation ids shaped like a codice fiscale, or holding one', () => {
    for (const id of ['RSSMRA45D25F205N', 'rssmra45d25f205n', 'RSSMRA45D25FNLRI', 'req-RSSMRA45D25F205N-1', '12345678903', 'req-12345678903', 'x12345678903y']) {
      expect(sanitizeCorrelationId(id)).toBeUndefined();
    }
    for (const id of ['req-1234567890', 'batch-1732650000000', 'demo-1300000000000001']) expect(sanitizeCorrelationId(id)).toBe(id);
  });

  it('issues ids that it would accept back and that the mask leaves alone', () => {
    for (let i = 0; i < 20_000; i++) {
      const id = newCorrelationId();
      expect(sanitizeCorrelationId(id)).toBe(id);
      expect(maskCodiciFiscali(id)).toBe(id);
    }
  });

  it('writes a correlation id to the log exactly as it was accepted', () => {
    const { lines, logger } = capture();
    const ids = Array.from({ length: 2000 }, () => randomUUID());
    for (const id of ids) withCorrelationId(id, () => logger.info({ id }, 'x'));
    expect(lines.map((l) => l.correlationId)).toEqual(ids);
    expect(lines.map((l) => l.id)).toEqual(ids);
  });
});
