import { romeDateTime } from './rome-time';

describe('romeDateTime', () => {
  it('writes an instant as Rome wall-clock time with the offset in force then, to the second', () => {
    expect(romeDateTime(Date.parse('2024-01-15T08:00:00.999Z'))).toBe('2024-01-15T09:00:00+01:00');
    expect(romeDateTime(Date.parse('2024-07-01T22:30:00Z'))).toBe('2024-07-02T00:30:00+02:00');
    // The night clocks go back (27 Oct 2024): 02:30 happens twice, once in each offset.
    expect(romeDateTime(Date.parse('2024-10-27T00:30:00Z'))).toBe('2024-10-27T02:30:00+02:00');
    expect(romeDateTime(Date.parse('2024-10-27T01:30:00Z'))).toBe('2024-10-27T02:30:00+01:00');
    // The night clocks go forward (31 Mar 2024): 01:59:59 is followed by 03:00:00.
    expect(romeDateTime(Date.parse('2024-03-31T00:59:59Z'))).toBe('2024-03-31T01:59:59+01:00');
    expect(romeDateTime(Date.parse('2024-03-31T01:00:00Z'))).toBe('2024-03-31T03:00:00+02:00');
  });
});
