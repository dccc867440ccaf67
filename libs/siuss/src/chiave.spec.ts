import { chiavePrestazione, chiavePrestazioneTesto } from './chiave';
import { decodeFlusso } from './decode';
import { CF, PS_XML, psEntry } from './fixtures';
import type { PrestazioneSociale } from './model';

const ps = (xml: string, over: Record<string, unknown> = {}): PrestazioneSociale => {
  const r = decodeFlusso(psEntry(xml, over));
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.prestazione as PrestazioneSociale;
};

describe('the cancellation key', () => {
  it('is the ente, the CF as written, the benefit code, the application protocol and the start date', () => {
    expect(chiavePrestazione(ps(PS_XML))).toEqual({ codiceEnte: 'F205', codiceFiscale: CF, codicePrestazione: 'A1.04', protocolloDomanda: 'PG/2024/0012345', dataInizio: '2025-01-01' });
    expect(chiavePrestazioneTesto(chiavePrestazione(ps(PS_XML)))).toBe(`["F205","${CF}","A1.04","PG/2024/0012345","2025-01-01"]`);
  });

  it('matches a cancellation to its insert, whatever else the cancellation re-sends differently', () => {
    const cancel = PS_XML.replace('TipoOperazione="I"', 'TipoOperazione="C"').replace('ImportoMensile="300.00"', 'ImportoMensile="310.00"').replace(`CodiceFiscale="${CF}"`, `CodiceFiscale="${CF.toLowerCase()}"`);
    expect(chiavePrestazione(ps(cancel, { id_flusso: 'F205.PS.20250301.0000001', ts_flusso: '2025-03-01T10:00:00Z' }))).toEqual(chiavePrestazione(ps(PS_XML)));
  });

  it('takes DataErogazionePrestazione for a one-off benefit', () => {
    const oneOff = PS_XML.replace('CaratterePrestazione="1"', 'CaratterePrestazione="2"').replace('DataFinePrestazione="2025-06-30"', 'DataErogazionePrestazione="2025-02-14" ImportoPrestazione="500"');
    expect(chiavePrestazione(ps(oneOff)).dataInizio).toBe('2025-02-14');
  });

  it('tells apart another protocol, another start, another ente, an omocodic variant of the CF', () => {
    const base = chiavePrestazioneTesto(chiavePrestazione(ps(PS_XML)));
    for (const other of [
      ps(PS_XML.replace('PG/2024/0012345', 'PG/2024/0012346')),
      ps(PS_XML.replace('DataInizioPrestazione="2025-01-01"', 'DataInizioPrestazione="2025-01-02"')),
      ps(PS_XML, { codice_ente: 'H501' }),
      ps(PS_XML.replace(`CodiceFiscale="${CF}"`, 'CodiceFiscale="VRDNNA91D52FNLRU"')),
    ]) expect(chiavePrestazioneTesto(chiavePrestazione(other))).not.toBe(base);
  });
});
