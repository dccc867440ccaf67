import { Writable } from 'node:stream';
import { createLogger } from './logger';
import { maskCodiciFiscali, CF_MASK } from './redact';
import { withCorrelationId, sanitizeCorrelationId } from './correlation';

describe('codice fiscale masking', () => {
  it('masks personal codes, omocodic ones and 11-digit numeric codes', () => {
    const text = 'worker RSSMRA45D25F205N, variant RSSMRA45D25FNLRI, lower rssmra45d25f205n, provisional 12345678903';
    const masked = maskCodiciFiscali(text);
    expect(masked).toBe(`worker ${CF_MASK}, variant ${CF_MASK}, lower ${CF_MASK}, provisional ${CF_MASK}`);
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
    expect(sanitizeCorrelationId('ok-1.2:3_4')).toBe('ok-1.2:3_4');
    expect(sanitizeCorrelationId('bad\nline')).toBeUndefined();
    expect(sanitizeCorrelationId('x'.repeat(200))).toBeUndefined();
    expect(sanitizeCorrelationId(undefined)).toBeUndefined();
  });
});
