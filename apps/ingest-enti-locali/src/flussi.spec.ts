import { generateFlussi } from '@fsl/siuss';
import { descrizioneRifiuto, leggiFlusso } from './flussi';
import type { EnteRegistrato } from './registry';

const ente: EnteRegistrato = { codice: 'H501', denominazione: 'Roma', baseUrl: 'http://x/waas/v1', purposeId: 'p', esiti: true, codiciEnteAmmessi: ['H501'] };
const PERSONAL_CF = /[A-Z]{6}[0-9LMNPQRSTUV]{2}[A-Z][0-9LMNPQRSTUV]{2}[A-Z][0-9LMNPQRSTUV]{3}[A-Z]/i;

describe('one entry of GET /flussi', () => {
  const flows = generateFlussi({ seed: 7, codiceEnte: 'H501', count: 200, invalidShare: 0.3, sinbaShare: 0.2 });

  it('a valid flow is OK, with its event (topic by kind) and the event id as acquisition id', () => {
    const g = flows.find((f) => !f.difetto && f.flusso.tipo === 'PS_PSA_SINA')!;
    const l = leggiFlusso(g.entry, { ente, now: 1 });
    expect(l.esito).toBe('OK');
    expect(l.idFlusso).toBe(g.entry.id_flusso);
    expect(l.evento?.topic).toBe('siussPrestazioni');
    expect(l.idAcquisizione).toBe(l.evento?.message.event.header.eventId);
    expect(l.esitoFlusso).toEqual({ id_flusso: g.entry.id_flusso, tipo: 'PS_PSA_SINA', ts_flusso: g.entry.ts_flusso, codice_esito: 'OK', id_acquisizione_siuss: l.idAcquisizione });
    const s = flows.find((f) => !f.difetto && f.flusso.tipo === 'SINBA')!;
    expect(leggiFlusso(s.entry, { ente, now: 1 }).evento?.topic).toBe('siussSinba');
  });

  it('a flow of another ente than the registry allows is refused', () => {
    const g = flows.find((f) => !f.difetto && f.flusso.tipo === 'PS_PSA_SINA')!;
    const l = leggiFlusso(g.entry, { ente: { ...ente, codiciEnteAmmessi: ['F205'] }, now: 1 });
    expect(l.esito).toBe('RICHIESTA_INVALIDA');
    expect(l.problemi.map((p) => p.code)).toContain('ENTE_NON_AMMESSO');
  });

  it('every defective flow is refused with an outcome that names no codice fiscale', () => {
    const bad = flows.filter((f) => f.difetto);
    expect(new Set(bad.map((f) => f.difetto)).size).toBeGreaterThan(8);
    for (const g of bad) {
      const l = leggiFlusso(g.entry, { ente, now: 1 });
      expect(l.esito).not.toBe('OK');
      expect(l.evento).toBeUndefined();
      expect(l.esitoFlusso?.codice_esito).toBe(l.esito);
      expect(l.esitoFlusso?.descrizione_esito).toMatch(/^Flusso rifiutato da FSL: /);
      expect(JSON.stringify(l)).not.toMatch(PERSONAL_CF);
    }
  });

  it('the description masks a codice fiscale even if a problem carried one', () => {
    const d = descrizioneRifiuto([{ code: 'X', path: '/Flusso/@RSSMRA85C52H501N', message: 'bad' }]);
    expect(d).not.toMatch(PERSONAL_CF);
    expect(d).toContain('[CF]');
  });

  it('an entry with no usable id, type or timestamp is recorded under its hash and has no outcome to send', () => {
    for (const entry of [null, 'x', { id_flusso: 42 }, { id_flusso: 'H501.PS.20250101.1', tipo: 'PS_PSA_SINA', ts_flusso: 'yesterday' }]) {
      const l = leggiFlusso(entry, { ente, now: 1 });
      expect(l.esito).toBe('RICHIESTA_INVALIDA');
      expect(l.esitoFlusso).toBeUndefined();
    }
    const a = leggiFlusso({ id_flusso: 42 }, { ente, now: 1 });
    expect(a.idFlusso).toMatch(/^#[0-9a-f]{64}$/);
    expect(leggiFlusso({ id_flusso: 42 }, { ente, now: 2 }).idFlusso).toBe(a.idFlusso);
    expect(leggiFlusso({ id_flusso: 43 }, { ente, now: 1 }).idFlusso).not.toBe(a.idFlusso);
  });

  it('a timestamp in milliseconds is answered as a date-time (the outcome\'s format)', () => {
    const g = generateFlussi({ seed: 3, codiceEnte: 'H501', count: 1, tsFormat: 'millis' })[0]!;
    const l = leggiFlusso(g.entry, { ente, now: 1 });
    expect(l.esitoFlusso?.ts_flusso).toBe(new Date(l.ts).toISOString());
  });
});
