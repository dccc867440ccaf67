import { avanzamento, sinceDi } from './cursore';

// The cursor's rules, each case written from the interface's semantics (since is strictly "after", pages
// oldest first, at most `limit`), not from the code.
describe('the cursor over GET /flussi', () => {
  it('asks one millisecond before the cursor, never below 0', () => {
    expect(sinceDi(0)).toBe(0);
    expect(sinceDi(1)).toBe(0);
    expect(sinceDi(1_700_000_000_123)).toBe(1_700_000_000_122);
  });

  it('an empty page leaves the cursor where it is', () => {
    expect(avanzamento(500, [], 100)).toEqual({ kind: 'fine', cursore: 500 });
  });

  it('a page that is not full ends the poll at its last timestamp', () => {
    expect(avanzamento(0, [10, 20, 20, 30], 100)).toEqual({ kind: 'fine', cursore: 30 });
  });

  it('a page that only repeats the cursor\'s own timestamp keeps it (the flows asked again on purpose)', () => {
    expect(avanzamento(30, [30, 30], 100)).toEqual({ kind: 'fine', cursore: 30 });
  });

  it('a full page moves to its last timestamp and asks for more (the flows on it may go on past the page)', () => {
    expect(avanzamento(0, [10, 20, 30], 3)).toEqual({ kind: 'continua', cursore: 30 });
  });

  it('a full page all on one later timestamp still moves (nothing lies between the cursor and it)', () => {
    expect(avanzamento(10, [40, 40, 40], 3)).toEqual({ kind: 'continua', cursore: 40 });
  });

  it('a full page all on the cursor\'s own timestamp is stuck: reported with that timestamp, the cursor unchanged', () => {
    expect(avanzamento(40, [40, 40, 40], 3)).toEqual({ kind: 'bloccato', cursore: 40, ts: 40 });
  });

  it('more entries than asked count as a full page', () => {
    expect(avanzamento(40, [40, 40, 40, 40], 3)).toEqual({ kind: 'bloccato', cursore: 40, ts: 40 });
  });

  it('unreadable timestamps place nothing; a full page of them is stuck with no timestamp', () => {
    expect(avanzamento(5, [undefined, 7, undefined], 10)).toEqual({ kind: 'fine', cursore: 7 });
    expect(avanzamento(5, [undefined, undefined], 2)).toEqual({ kind: 'bloccato', cursore: 5, ts: null });
  });

  it('a page out of timestamp order is not trusted', () => {
    expect(avanzamento(0, [20, 10], 100)).toEqual({ kind: 'disordinata', cursore: 0 });
  });

  it('never moves backwards', () => {
    expect(avanzamento(100, [99, 100], 100)).toEqual({ kind: 'fine', cursore: 100 });
  });
});
