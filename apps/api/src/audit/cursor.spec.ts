import { AppError } from '@fsl/http';
import '../security/errors';
import { CursorCodec } from './cursor';

describe('access-log cursors', () => {
  const codec = new CursorCodec('k'.repeat(64));
  const cursor = codec.seal('42', 'subject-a', 'client-a');

  it('open to the position for the same consumer and citizen (client ids in any case)', () => {
    expect(codec.open(cursor, 'subject-a', 'client-a')).toBe('42');
    expect(codec.open(cursor, 'subject-a', 'CLIENT-A')).toBe('42');
  });

  it.each([
    ['another consumer', cursor, 'subject-a', 'client-b'],
    ['another citizen', cursor, 'subject-b', 'client-a'],
    ['another key', new CursorCodec('x'.repeat(64)).seal('42', 'subject-a', 'client-a'), 'subject-a', 'client-a'],
    ['a forged position', `${Buffer.from('41').toString('base64url')}.${cursor.split('.')[1]}`, 'subject-a', 'client-a'],
    ['garbage', 'not-a-cursor', 'subject-a', 'client-a'],
  ])('refuse %s with the same 400', (_name, c, subject, client) => {
    let err: unknown;
    try {
      codec.open(c, subject, client);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(AppError);
    expect(err).toMatchObject({ code: 'CURSOR_INVALID', status: 400 });
  });
});
