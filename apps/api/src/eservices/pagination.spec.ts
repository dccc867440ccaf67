import { z } from 'zod';
import { AppError } from '@fsl/http';
import { Cursori, pagina } from './pagination';

const POSIZIONE = z.tuple([z.string(), z.number()]);

describe('e-service cursors', () => {
  const cursori = new Cursori('k'.repeat(64));
  const contesto = ['kind', 'client-a', 'criteri'];
  const cursore = cursori.sigilla(['2024-03-15', 7], contesto);

  it('open to the position they were sealed with, for the same context', () => {
    expect(cursori.apri(cursore, [...contesto], POSIZIONE)).toEqual(['2024-03-15', 7]);
    expect(cursore).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{32}$/);
  });

  it.each([
    ['another context', cursore, ['kind', 'client-b', 'criteri']],
    ['contexts that only join alike', cursore, ['kind', 'client-a', 'crit', 'eri']],
    ['another key', new Cursori('x'.repeat(64)).sigilla(['2024-03-15', 7], contesto), contesto],
    ['a forged position', `${Buffer.from(JSON.stringify(['2024-03-15', 8])).toString('base64url')}.${cursore.split('.')[1]}`, contesto],
    ['a position of another shape', cursori.sigilla({ dopo: 7 }, contesto), contesto],
    ['an extra segment', `${cursore}.x`, contesto],
    ['garbage', 'not-a-cursor', contesto],
  ])('refuse %s with the same 400 naming the field', (_name, c, ctx) => {
    let err: unknown;
    try {
      cursori.apri(c, ctx, POSIZIONE, 'cursore');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(AppError);
    expect(err).toMatchObject({ code: 'CURSOR_INVALID', status: 400, options: { errors: [{ path: 'cursore', code: 'CURSOR_INVALID' }] } });
  });
});

describe('a page of what was read', () => {
  const seal = (n: number) => `after-${n}`;

  it('one item more than the limit: the page, and the cursor of its last item', () => {
    expect(pagina([1, 2, 3], 2, (n) => n, seal)).toEqual({ elementi: [1, 2], pagina: { prossimo: 'after-2' } });
  });

  it('no more than the limit: the last page has no cursor', () => {
    expect(pagina([1, 2], 2, (n) => n, seal)).toEqual({ elementi: [1, 2], pagina: {} });
    expect(pagina([], 2, (n: number) => n, seal)).toEqual({ elementi: [], pagina: {} });
  });
});
