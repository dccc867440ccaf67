import type { AcceptedRead, RejectedRead, SourceRead } from './adapter';
import { countResults, planChunk as planWith, type StoredDecision } from './outcomes';

type Id = { codiceComunicazione: string };
const CONFLICT_PROBLEM = { path: 'datiInvio.codiceComunicazione', code: 'CODICE_GIA_ACCETTATO', message: 'A comunicazione with this codice and a different content was already accepted.' };
const planChunk = (lines: ReadonlyArray<{ riga: number; read: SourceRead<Id> }>) => planWith(lines, CONFLICT_PROBLEM);
const ok = (codice: string, hash: string, avvisi: AcceptedRead<Id>['avvisi'] = []): AcceptedRead<Id> => ({
  ok: true,
  key: codice,
  hash,
  eventIds: [`ev-${codice}-${hash}`],
  messages: [],
  avvisi,
  identity: { codiceComunicazione: codice },
});
const bad: RejectedRead = { ok: false, problems: [{ path: 'inizio.dataInizio', code: 'REQUIRED', message: 'This field is required.' }] };

describe('planChunk', () => {
  it('claims only the first occurrence of each codice among the valid lines', () => {
    const plan = planChunk([
      { riga: 1, read: ok('A', 'h1') },
      { riga: 2, read: bad },
      { riga: 3, read: ok('A', 'h1') },
      { riga: 4, read: ok('B', 'h2') },
    ]);
    expect(plan.candidates.map((c) => c.key)).toEqual(['A', 'B']);
  });

  it('resolves each line: new, stored same content, stored other content, repeats within the chunk', () => {
    const plan = planChunk([
      { riga: 1, read: ok('NEW', 'h1') },
      { riga: 2, read: ok('NEW', 'h1') },
      { riga: 3, read: ok('NEW', 'h9') },
      { riga: 4, read: ok('DUP', 'h2') },
      { riga: 5, read: ok('CONF', 'h3') },
      { riga: 6, read: ok('CONF', 'stored') },
      { riga: 7, read: bad },
    ]);
    const decisions = new Map<string, StoredDecision>([
      ['NEW', { kind: 'new' }],
      ['DUP', { kind: 'stored', hash: 'h2', eventIds: ['ev-stored-dup'] }],
      ['CONF', { kind: 'stored', hash: 'stored', eventIds: ['ev-stored-conf'] }],
    ]);
    const results = plan.resolve(decisions);
    expect(results).toEqual([
      { riga: 1, esito: 'ACCETTATA', codiceComunicazione: 'NEW', eventIds: ['ev-NEW-h1'] },
      { riga: 2, esito: 'DUPLICATA', codiceComunicazione: 'NEW', eventIds: ['ev-NEW-h1'] },
      { riga: 3, esito: 'IN_CONFLITTO', codiceComunicazione: 'NEW', errors: [CONFLICT_PROBLEM] },
      { riga: 4, esito: 'DUPLICATA', codiceComunicazione: 'DUP', eventIds: ['ev-stored-dup'] },
      { riga: 5, esito: 'IN_CONFLITTO', codiceComunicazione: 'CONF', errors: [CONFLICT_PROBLEM] },
      // The stored content wins, even over an earlier conflicting line of the same batch.
      { riga: 6, esito: 'DUPLICATA', codiceComunicazione: 'CONF', eventIds: ['ev-stored-conf'] },
      { riga: 7, esito: 'RIFIUTATA', errors: bad.problems },
    ]);
    expect(countResults(results)).toEqual({ righe: 7, accettate: 1, duplicate: 3, rifiutate: 1, inConflitto: 2 });
  });

  it('needs no decision when every line is bad', () => {
    expect(planChunk([{ riga: 2, read: bad }]).resolve(new Map())).toEqual([{ riga: 2, esito: 'RIFIUTATA', errors: bad.problems }]);
  });
});

describe('planChunk: warnings', () => {
  it('gives each line its own warnings, whatever its outcome, and none when it has none', () => {
    const w = { path: 'datore.settore', code: 'CODICE_NON_IN_TABELLA', message: 'm', tabella: 'ateco', codice: '99.99.98' };
    const plan = planChunk([
      { riga: 1, read: ok('A', 'h1', [w]) },
      { riga: 2, read: ok('B', 'h2') },
      { riga: 3, read: { ...bad, avvisi: [w] } },
      { riga: 4, read: ok('A', 'h1', [w]) },
    ]);
    const r = plan.resolve(new Map<string, StoredDecision>([['A', { kind: 'new' }], ['B', { kind: 'new' }]]));
    expect(r.map((x) => [x.riga, x.esito, x.avvisi])).toEqual([
      [1, 'ACCETTATA', [w]],
      [2, 'ACCETTATA', undefined],
      [3, 'RIFIUTATA', [w]],
      [4, 'DUPLICATA', [w]],
    ]);
  });
});

describe('planChunk: versioned claims', () => {
  const v = (id: string, versione: number, hash = `h${versione}`): AcceptedRead<Id> => ({ ...ok(`${id}@${versione}`, hash), version: { of: id, versione } });

  it('marks a new version lower than the highest one known, before or earlier in the chunk, as obsoleta', () => {
    const lines = [v('R', 3), v('R', 2), v('R', 5), v('S', 1), v('T', 4), v('R', 4)].map((read, i) => ({ riga: i + 1, read }));
    const decisions = new Map<string, StoredDecision>(lines.map(({ read }) => [read.key, { kind: 'new' }]));
    const results = planChunk(lines).resolve(decisions, new Map([['T', 7]]));
    expect(results.map((r) => [r.riga, r.esito, r.obsoleta])).toEqual([
      [1, 'ACCETTATA', undefined],
      [2, 'ACCETTATA', true],
      [3, 'ACCETTATA', undefined],
      [4, 'ACCETTATA', undefined],
      [5, 'ACCETTATA', true],
      [6, 'ACCETTATA', true],
    ]);
  });

  it('never marks a duplicate or a conflict as obsoleta', () => {
    const lines = [v('R', 1), v('R', 1), v('R', 1, 'other')].map((read, i) => ({ riga: i + 1, read }));
    const results = planChunk(lines).resolve(new Map([['R@1', { kind: 'stored', hash: 'h1', eventIds: ['e'] }]]), new Map([['R', 9]]));
    expect(results.map((r) => [r.esito, r.obsoleta])).toEqual([
      ['DUPLICATA', undefined],
      ['DUPLICATA', undefined],
      ['IN_CONFLITTO', undefined],
    ]);
  });
});
