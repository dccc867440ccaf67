import type { ReadCo, RejectedCo } from './co-event.mapping';
import { CONFLICT_PROBLEM, countResults, planChunk, type StoredDecision } from './outcomes';

const ok = (codice: string, hash: string): ReadCo => ({ ok: true, codice, hash, eventIds: [`ev-${codice}-${hash}`], messages: [], avvisi: [] });
const bad: RejectedCo = { ok: false, problems: [{ path: 'inizio.dataInizio', code: 'REQUIRED', message: 'This field is required.' }] };

describe('planChunk', () => {
  it('claims only the first occurrence of each codice among the valid lines', () => {
    const plan = planChunk([
      { riga: 1, read: ok('A', 'h1') },
      { riga: 2, read: bad },
      { riga: 3, read: ok('A', 'h1') },
      { riga: 4, read: ok('B', 'h2') },
    ]);
    expect(plan.candidates.map((c) => c.codice)).toEqual(['A', 'B']);
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
