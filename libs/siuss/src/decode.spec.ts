import { b64, CF, OFFICIAL_PS_THREE_BENEFITS_XML, OFFICIAL_SINBA_ENTRY, PS_XML, psEntry, SINBA_XML, sinbaEntry } from './fixtures';
import { decodeFlusso, type DecodeResult } from './decode';
import { tsFlussoMillis } from './entry';
import type { PrestazioneSociale, PresaInCaricoSinba } from './model';

const accepted = (r: DecodeResult) => {
  if (!r.ok) throw new Error(`refused: ${JSON.stringify(r.problems)}`);
  return r;
};
const refusal = (r: DecodeResult) => {
  if (r.ok) throw new Error('accepted');
  return { esito: r.esito, problems: r.problems.map((p) => [p.path, p.code]) };
};
const codes = (ps: { code: string }[]) => ps.map((p) => p.code);
const ATTRS = '/Flusso/Beneficiario[1]/PrestazioniSociali[1]';

describe('decodeFlusso: a PS_PSA_SINA flow', () => {
  it('decodes every field of a hand-written flow into the model, without warnings', () => {
    const r = accepted(decodeFlusso(psEntry()));
    expect(r.warnings).toEqual([]);
    expect(r.tabelleCodici).toEqual({ belfiore: expect.any(String), nomenclaturaPrestazioni: '2026.1' });
    expect(r.prestazione).toEqual<PrestazioneSociale>({
      tipo: 'PS_PSA_SINA',
      intestazione: {
        codiceEnte: 'F205',
        denominazioneEnte: 'Comune di Milano',
        idFlusso: 'F205.PS.20250110.0000012',
        tipo: 'PS_PSA_SINA',
        tsFlusso: '2025-01-10T09:30:00.125Z',
        tsFlussoMillis: Date.UTC(2025, 0, 10, 9, 30, 0, 125),
        nomeFlusso: 'F205.PS.20250110.0000012',
        ente: { codice: 'F205', denominazione: 'Comune di Milano', indirizzo: 'F205', cfOperatore: 'BNCLRA80A41F205X' },
      },
      beneficiario: {
        codiceFiscale: CF,
        anagrafica: { cognome: 'VERDI', nome: 'ANNA', annoNascita: '1991', luogoNascita: 'F205', genere: '2', codiceCittadinanza: '380' },
        indirizzi: [{ codiceRegione: '03', codiceComune: '015146', codiceNazione: '380' }],
      },
      prestazione: {
        tipoOperazione: 'I',
        presenzaProvaMezzi: '1',
        caratterePrestazione: '1',
        numeroProtocolloDSU: 'INPS-ISEE-2024-000000001-00',
        annoProtocolloDSU: '2024',
        dataDSU: '2024-01-15',
        codicePrestazione: 'A1.04',
        denominazionePrestazione: 'Contributo per il sostegno al reddito familiare',
        protocolloDomanda: 'PG/2024/0012345',
        dataEvento: '2024-12-20',
        dataInizioPrestazione: '2025-01-01',
        dataFinePrestazione: '2025-06-30',
        periodoErogazione: 6,
        importoMensile: '300.00',
        importoQuotaEnte: '250.00',
        importoQuotaUtente: '50.00',
        importoQuotaRichiesta: '300.00',
        importoSogliaISEE: '9360.00',
        presaCarico: '1',
        areaUtenza: '3',
        sina: {
          mobilita: '2',
          attivitaVitaQuotidiana: '2',
          disturbiComportamentali: '1',
          areaReddituale: '3',
          areaSupporto: '2',
          fonteDerivazioneValutazione: '2',
          strumentoValutazione: '7',
          necessitaInterventiSociali: ['A2.07'],
          invaliditaCivile: ['5'],
        },
      },
    });
  });

  it('refuses INPS\'s own example flow with three benefits: one beneficiary, one benefit per flow', () => {
    const r = decodeFlusso(psEntry(OFFICIAL_PS_THREE_BENEFITS_XML, { codice_ente: 'H501', id_flusso: 'H501.PS.20210520.0000002' }));
    expect(refusal(r)).toEqual({ esito: 'RICHIESTA_INVALIDA', problems: [[`/Flusso/Beneficiario[1]/PrestazioniSociali[2]`, 'UNA_SOLA_PRESTAZIONE']] });
    const two = PS_XML.replace(/( *<Beneficiario[\s\S]*<\/Beneficiario>)/, '$1\n$1');
    expect(refusal(decodeFlusso(psEntry(two)))).toEqual({ esito: 'RICHIESTA_INVALIDA', problems: [['/Flusso/Beneficiario[2]', 'UN_SOLO_BENEFICIARIO']] });
  });

  it('keeps the codice fiscale as written, upper-cased, never de-omocoded', () => {
    const lower = accepted(decodeFlusso(psEntry(PS_XML.replace(`CodiceFiscale="${CF}"`, `CodiceFiscale="${CF.toLowerCase()}"`))));
    expect((lower.prestazione as PrestazioneSociale).beneficiario.codiceFiscale).toBe('VRDNNA91D52F205Z');
    // Three substitutions (positions 15, 14, 13): the schema's pattern allows them.
    const omo3 = accepted(decodeFlusso(psEntry(PS_XML.replace(`CodiceFiscale="${CF}"`, 'CodiceFiscale="VRDNNA91D52FNLRU"'))));
    expect((omo3.prestazione as PrestazioneSociale).beneficiario.codiceFiscale).toBe('VRDNNA91D52FNLRU');
    // A numeric code padded with spaces, as the pattern allows: trimmed.
    const numeric = accepted(decodeFlusso(psEntry(PS_XML.replace(`CodiceFiscale="${CF}"`, 'CodiceFiscale="12345678903   "'))));
    expect((numeric.prestazione as PrestazioneSociale).beneficiario.codiceFiscale).toBe('12345678903');
  });

  it('refuses a valid omocodic code beyond the third substitution, as the schema does, with a code of its own', () => {
    const r = decodeFlusso(psEntry(PS_XML.replace(`CodiceFiscale="${CF}"`, 'CodiceFiscale="VRDNNA91D5NFNLRJ"')));
    expect(refusal(r)).toEqual({ esito: 'RICHIESTA_INVALIDA', problems: [['/Flusso/Beneficiario[1]/@CodiceFiscale', 'CF_OMOCODIA_FUORI_SCHEMA']] });
  });

  it('refuses a mistyped codice fiscale as DATI_NON_TROVATI, without echoing it', () => {
    const r = decodeFlusso(psEntry(PS_XML.replace(`CodiceFiscale="${CF}"`, 'CodiceFiscale="VRDNNA91D52F205A"')));
    expect(refusal(r)).toEqual({ esito: 'DATI_NON_TROVATI', problems: [['/Flusso/Beneficiario[1]/@CodiceFiscale', 'CF_CHECK_CHARACTER']] });
    expect(JSON.stringify(r)).not.toMatch(/VRDNNA91D52F205|VERDI|ANNA/);
  });

  it.each([
    ['an attribute the schema lacks', PS_XML.replace('PresaCarico="1"', 'PresaCarico="1" Note="x"'), [`${ATTRS}/@Note`, 'XML_UNKNOWN_ATTRIBUTE']],
    ['an element the schema lacks', PS_XML.replace('</Beneficiario>', '<Note/></Beneficiario>'), ['/Flusso/Beneficiario[1]/Note', 'XML_UNKNOWN_ELEMENT']],
    ['a required attribute missing', PS_XML.replace(' ProtocolloDomanda="PG/2024/0012345"', ''), [`${ATTRS}/@ProtocolloDomanda`, 'REQUIRED_ATTRIBUTE']],
    ['a code with a space (strings are not trimmed)', PS_XML.replace('PresaCarico="1"', 'PresaCarico=" 1"'), [`${ATTRS}/@PresaCarico`, 'VALUE_ENUM']],
    ['a date that does not exist', PS_XML.replace('DataInizioPrestazione="2025-01-01"', 'DataInizioPrestazione="2025-02-29"'), [`${ATTRS}/@DataInizioPrestazione`, 'VALUE_DATE']],
    ['hours with a decimal comma', PS_XML.replace('PresaCarico="1"', 'OreServizioMensile="2,30" PresaCarico="1"'), [`${ATTRS}/@OreServizioMensile`, 'VALUE_DECIMAL']],
    ['a period over 12', PS_XML.replace('PeriodoErogazione="6"', 'PeriodoErogazione="13"'), [`${ATTRS}/@PeriodoErogazione`, 'VALUE_INT']],
    ['a benefit code of 4 characters', PS_XML.replace('CodicePrestazione="A1.04"', 'CodicePrestazione="A1.4"'), [`${ATTRS}/@CodicePrestazione`, 'VALUE_LENGTH']],
    ['a CF of the wrong shape', PS_XML.replace(`CodiceFiscale="${CF}"`, 'CodiceFiscale="VRDNNA91D52F205"'), ['/Flusso/Beneficiario[1]/@CodiceFiscale', 'VALUE_PATTERN']],
    ['Indirizzo before Anagrafica', PS_XML.replace(/( *<Anagrafica[^>]*\/>)\n( *<Indirizzo[^>]*\/>)/, '$2\n$1'), ['/Flusso/Beneficiario[1]/Anagrafica', 'XML_ORDER']],
    ['six addresses', PS_XML.replace(/( *<Indirizzo[^>]*\/>)/, '$1$1$1$1$1$1'), ['/Flusso/Beneficiario[1]/Indirizzo[6]', 'XML_TOO_MANY']],
    ['text in element-only content', PS_XML.replace('<Beneficiario CodiceFiscale', 'testo <Beneficiario CodiceFiscale'), ['/Flusso', 'XML_TEXT_NOT_ALLOWED']],
    ['an element of another namespace', PS_XML.replace('<IdentificazioneFlusso ', '<IdentificazioneFlusso xmlns="urn:altro" '), ['/Flusso/IdentificazioneFlusso', 'XML_NAMESPACE']],
    ['the root in another namespace', PS_XML.replace('xmlns="http://inps.it/Casellario"', 'xmlns="http://inps.it/Casellario/v2"'), ['/', 'XML_ROOT']],
    ['a foreign attribute', PS_XML.replace('<Beneficiario ', '<Beneficiario xml:lang="it" '), ['/Flusso/Beneficiario[1]/@xml:lang', 'XML_UNKNOWN_ATTRIBUTE']],
  ])('refuses %s as RICHIESTA_INVALIDA', (_, xml, expected) => {
    const r = refusal(decodeFlusso(psEntry(xml)));
    expect(r.esito).toBe('RICHIESTA_INVALIDA');
    expect(r.problems).toContainEqual(expected);
  });

  it('accepts a namespace prefix, character references and a date with a time zone (with a warning)', () => {
    const prefixed = PS_XML.replace(/<(\/?)([A-Z][A-Za-z]*)([ >/\n])/g, '<$1c:$2$3').replace('xmlns="http://inps.it/Casellario"', 'xmlns:c="http://inps.it/Casellario"');
    expect(accepted(decodeFlusso(psEntry(prefixed))).prestazione).toEqual(accepted(decodeFlusso(psEntry())).prestazione);
    const refs = accepted(decodeFlusso(psEntry(PS_XML.replace('Cognome="VERDI"', 'Cognome="VERD&#73;&amp;C"'))));
    expect((refs.prestazione as PrestazioneSociale).beneficiario.anagrafica.cognome).toBe('VERDI&C');
    const tz = accepted(decodeFlusso(psEntry(PS_XML.replace('DataEvento="2024-12-20"', 'DataEvento="2024-12-20+01:00"'))));
    expect((tz.prestazione as PrestazioneSociale).prestazione.dataEvento).toBe('2024-12-20');
    expect(tz.warnings.map((w) => [w.path, w.code])).toEqual([[`${ATTRS}/@DataEvento`, 'DATA_CON_FUSO']]);
  });

  it.each([
    ['no CaratterePrestazione', PS_XML.replace(' CaratterePrestazione="1"', ''), [`${ATTRS}/@CaratterePrestazione`, 'CARATTERE_PRESTAZIONE_MANCANTE']],
    ['a periodic benefit without DataInizioPrestazione', PS_XML.replace(' DataInizioPrestazione="2025-01-01"', ''), [`${ATTRS}/@DataInizioPrestazione`, 'DATA_INIZIO_MANCANTE']],
    ['a one-off benefit without DataErogazionePrestazione', PS_XML.replace('CaratterePrestazione="1"', 'CaratterePrestazione="2"'), [`${ATTRS}/@DataErogazionePrestazione`, 'DATA_EROGAZIONE_MANCANTE']],
  ])('refuses %s: a cancellation could not be matched', (_, xml, expected) => {
    expect(refusal(decodeFlusso(psEntry(xml)))).toEqual({ esito: 'RICHIESTA_INVALIDA', problems: [expected] });
  });

  it('refuses an end before the start as DATI_NON_TROVATI', () => {
    const r = decodeFlusso(psEntry(PS_XML.replace('DataFinePrestazione="2025-06-30"', 'DataFinePrestazione="2024-12-31"')));
    expect(refusal(r)).toEqual({ esito: 'DATI_NON_TROVATI', problems: [[`${ATTRS}/@DataFinePrestazione`, 'DATA_FINE_PRIMA_INIZIO']] });
  });

  it('accepts with warnings what the specification asks but INPS\'s own examples do not respect', () => {
    const xml = PS_XML.replace('ImportoQuotaUtente="50.00"', 'ImportoQuotaUtente="49.99"')
      .replace('DataFinePrestazione="2025-06-30"', 'DataFinePrestazione="2026-01-31"')
      .replace(' AreaUtenza="3"', '')
      .replace(' DataDSU="2024-01-15"', '')
      .replace(' CodiceRegione="03"', '')
      .replace('CodicePrestazione="A1.04"', 'CodicePrestazione="A9.99"')
      .replace('<CodicePrestazione>A2.07</CodicePrestazione>', '<CodicePrestazione>SAD-2024</CodicePrestazione>');
    const r = accepted(decodeFlusso(psEntry(xml)));
    expect(r.warnings.map((w) => [w.path, w.code, w.tabella, w.codice])).toEqual([
      ['/Flusso/Beneficiario[1]/Indirizzo[1]', 'INDIRIZZO_ITALIA_INCOMPLETO', undefined, undefined],
      [`${ATTRS}/@DataFinePrestazione`, 'DATA_FINE_ALTRO_ANNO', undefined, undefined],
      [`${ATTRS}/@ImportoQuotaEnte`, 'QUOTE_SOMMA', undefined, undefined],
      [`${ATTRS}/@AreaUtenza`, 'AREA_UTENZA_MANCANTE', undefined, undefined],
      [`${ATTRS}/@NumeroProtocolloDSU`, 'DSU_INCOMPLETA', undefined, undefined],
      [`${ATTRS}/@CodicePrestazione`, 'CODE_UNKNOWN', 'nomenclaturaPrestazioni', 'A9.99'],
      [`${ATTRS}/SINA/NecessitaInterventiSociali/CodicePrestazione[1]`, 'CODE_LAYOUT', 'nomenclaturaPrestazioni', 'SAD-2024'],
    ]);
  });

  it('adds exactly: 52.54 + 21.71 + 26.98 = 101.23 is no warning', () => {
    const xml = PS_XML.replace('ImportoMensile="300.00" ImportoQuotaEnte="250.00" ImportoQuotaUtente="50.00"', 'ImportoMensile="101.23" ImportoQuotaEnte="52.54" ImportoQuotaUtente="21.71" ImportoQuotaSSN="26.98"');
    expect(accepted(decodeFlusso(psEntry(xml))).warnings).toEqual([]);
  });
});

describe('decodeFlusso: the entry', () => {
  it.each([
    ['2025-01-10T09:30:00.125Z', Date.UTC(2025, 0, 10, 9, 30, 0, 125), []],
    ['2025-01-10T10:30:00.125+01:00', Date.UTC(2025, 0, 10, 9, 30, 0, 125), []],
    ['2025-07-10T10:30:00.1259Z', Date.UTC(2025, 6, 10, 10, 30, 0, 125), []],
    ['2025-07-10T10:30:00', Date.UTC(2025, 6, 10, 8, 30, 0), ['TS_FLUSSO_SENZA_FUSO']],
    [1736501400125, 1736501400125, ['TS_FLUSSO_MILLISECONDI']],
    ['1736501400125', 1736501400125, ['TS_FLUSSO_MILLISECONDI']],
  ])('reads ts_flusso %p as %p ms', (ts, ms, warnings) => {
    expect(tsFlussoMillis({ ts_flusso: ts })).toBe(ms);
    const r = accepted(decodeFlusso(psEntry(PS_XML, { ts_flusso: ts })));
    expect(r.prestazione.intestazione.tsFlussoMillis).toBe(ms);
    expect(codes(r.warnings)).toEqual(warnings);
  });

  it.each(['2025-02-30T10:00:00Z', '2025-01-10', 'ieri', -5, 1.5, '2025-01-10T25:00:00Z'])('refuses ts_flusso %p', (ts) => {
    expect(tsFlussoMillis({ ts_flusso: ts })).toBeUndefined();
    expect(refusal(decodeFlusso(psEntry(PS_XML, { ts_flusso: ts })))).toEqual({ esito: 'RICHIESTA_INVALIDA', problems: [['ts_flusso', 'TS_FLUSSO_FORMAT']] });
  });

  it('reads id_flusso with a 4-character Belfiore code, a 5-character INPS code, an 8-digit progressive', () => {
    for (const id of ['F205.PS.20250110.0000012', 'AB123.PS.20250110.0000012', 'F205.PS.20250110.00000012']) {
      const r = accepted(decodeFlusso(psEntry(PS_XML.replace('Nome="F205.PS.20250110.0000012"', `Nome="${id}"`), { id_flusso: id })));
      expect([r.prestazione.intestazione.idFlusso, r.warnings]).toEqual([id, []]);
    }
  });

  it.each(['F205.PS.20251310.0000012', 'F205.XX.20250110.0000012', 'F205-PS-20250110-0000012', 'F2.PS.20250110.1'])('refuses id_flusso %p', (id) => {
    expect(refusal(decodeFlusso(psEntry(PS_XML, { id_flusso: id }))).problems).toEqual([['id_flusso', 'ID_FLUSSO_FORMAT']]);
  });

  it('warns when id_flusso names another type or Nome another id', () => {
    const r = accepted(decodeFlusso(psEntry(PS_XML, { id_flusso: 'F205.SINBA.20250110.0000012' })));
    expect(codes(r.warnings)).toEqual(['ID_FLUSSO_TIPO_DIVERSO', 'NOME_FLUSSO_DIVERSO']);
  });

  it('checks codice_ente against the OpenAPI pattern and the e-service\'s registered enti', () => {
    expect(refusal(decodeFlusso(psEntry(PS_XML, { codice_ente: 'f205' }))).problems).toEqual([['codice_ente', 'CODICE_ENTE_FORMAT']]);
    expect(refusal(decodeFlusso(psEntry(), { codiciEnteAmmessi: ['H501'] })).problems).toEqual([['codice_ente', 'ENTE_NON_AMMESSO']]);
    expect(decodeFlusso(psEntry(), { codiciEnteAmmessi: ['H501', 'F205'] }).ok).toBe(true);
    expect(codes(accepted(decodeFlusso(psEntry(PS_XML, { codice_ente: 'Z999' }))).warnings)).toEqual(['BELFIORE_UNKNOWN']);
  });

  it('refuses a missing or mistyped member, warns on an undeclared one', () => {
    const { tipo: _t, ...noTipo } = psEntry();
    expect(refusal(decodeFlusso(noTipo)).problems).toEqual([['tipo', 'REQUIRED']]);
    expect(refusal(decodeFlusso(psEntry(PS_XML, { tipo: 'PS' }))).problems).toEqual([['tipo', 'TIPO_FLUSSO']]);
    expect(refusal(decodeFlusso(psEntry(PS_XML, { flusso: 42 }))).problems).toEqual([['flusso', 'NOT_A_STRING']]);
    expect(refusal(decodeFlusso(psEntry(PS_XML, { id_flusso: 'X'.repeat(65) }))).problems).toEqual([['id_flusso', 'TOO_LONG']]);
    expect(refusal(decodeFlusso([])).problems).toEqual([['', 'ENTRY_NOT_OBJECT']]);
    expect(codes(accepted(decodeFlusso({ ...psEntry(), extra: 1 })).warnings)).toEqual(['UNKNOWN_MEMBER']);
  });

  it('names a refused entry by what can be read safely, for its outcome', () => {
    const r = decodeFlusso(psEntry(PS_XML, { flusso: '%%%' }));
    expect(r).toMatchObject({ ok: false, riferimento: { codiceEnte: 'F205', idFlusso: 'F205.PS.20250110.0000012', tipo: 'PS_PSA_SINA', tsFlusso: '2025-01-10T09:30:00.125Z' } });
  });

  it('reads base64 and the declared encoding, refuses what does not decode', () => {
    expect(refusal(decodeFlusso(psEntry(PS_XML, { flusso: 'PEZsdXNzbz4=!' }))).problems).toEqual([['flusso', 'FLUSSO_BASE64']]);
    const latin = PS_XML.replace('encoding="UTF-8"', 'encoding="ISO-8859-1"').replace('Nome="ANNA"', 'Nome="NICOLÒ"');
    const r = accepted(decodeFlusso(psEntry(latin, { flusso: b64(latin, 'latin1') })));
    expect((r.prestazione as PrestazioneSociale).beneficiario.anagrafica.nome).toBe('NICOLÒ');
    // The same bytes declared as UTF-8 are not UTF-8.
    expect(refusal(decodeFlusso(psEntry(PS_XML, { flusso: b64(PS_XML.replace('Nome="ANNA"', 'Nome="NICOLÒ"'), 'latin1') }))).problems).toEqual([['flusso', 'FLUSSO_ENCODING']]);
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(PS_XML.replace('encoding="UTF-8"', 'encoding="UTF-16"'), 'utf16le')]).toString('base64');
    expect(decodeFlusso(psEntry(PS_XML, { flusso: utf16 })).ok).toBe(true);
  });
});

describe('decodeFlusso: the hardened XML reader', () => {
  it.each([
    ['a DOCTYPE', PS_XML.replace('<Flusso ', '<!DOCTYPE Flusso [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n<Flusso '), 'XML_DOCTYPE'],
    ['an undeclared entity', PS_XML.replace('Cognome="VERDI"', 'Cognome="VERDI&nbsp;"'), 'XML_NOT_WELL_FORMED'],
    ['a bare ampersand', PS_XML.replace('Cognome="VERDI"', 'Cognome="VERDI & C"'), 'XML_NOT_WELL_FORMED'],
    ['a reference to a character XML forbids', PS_XML.replace('Cognome="VERDI"', 'Cognome="VERDI&#1;"'), 'XML_NOT_WELL_FORMED'],
    ['mismatched tags', PS_XML.replace('</Beneficiario>', '</Beneficiari>'), 'XML_NOT_WELL_FORMED'],
  ])('refuses %s', (_, xml, code) => {
    const r = refusal(decodeFlusso(psEntry(xml)));
    expect(r.problems.map(([, c]) => c)).toEqual([code]);
  });

  it('refuses a flow nested deeper or larger than the limits', () => {
    const deep = PS_XML.replace('<InvCiv>5</InvCiv>', `${'<a>'.repeat(30)}${'</a>'.repeat(30)}<InvCiv>5</InvCiv>`);
    expect(refusal(decodeFlusso(psEntry(deep))).problems).toEqual([['flusso', 'XML_TOO_DEEP']]);
    expect(refusal(decodeFlusso(psEntry(), { maxXmlChars: 1000 })).problems).toEqual([['flusso', 'XML_TOO_LARGE']]);
  });
});

describe('decodeFlusso: a SINBA flow', () => {
  it('decodes every attribute, the interventions and the household', () => {
    const r = accepted(decodeFlusso(sinbaEntry()));
    expect(r.warnings).toEqual([]);
    expect((r.prestazione as PresaInCaricoSinba).sinba).toEqual({
      idBeneficiario: 'MIN-0042',
      minoreStranieroNoAcc: '2',
      condizioneMinore: '1',
      luogoVita: '3',
      scuolaFrequentata: '5',
      condizioneLavoro: '1',
      disabilita: '2',
      dataPrimaSegnalazione: '09/2023',
      fonteSegnalazione: '13',
      valutazioneMinore: '2',
      valutazioneFamigliaMinore: '6',
      segnalazioneAutoritaGiudiziaria: '1',
      provvedimentoGiudiziario: '1',
      dataProvvedimentoGiudiziario: '11/2023',
      autoritaProvvedimento: '2',
      tipoProvvedimentoGiudiziario: '4',
      numeroComponentiISEE: 4,
      fasciaEtaBeneficiario: '4',
      annoNascita: '2015',
      codiceNazioneResidenza: '380',
      prestazioni: ['A2.02'],
      famiglia: ['1', '3'],
    });
    expect(r.prestazione.intestazione.ente).toEqual({ codice: 'F205', indirizzo: 'F205', cfOperatore: 'BNCLRA80A41F205X' });
  });

  it('accepts INPS\'s own SINBA example, warning on its id (PS for a SINBA flow, Nome another id)', () => {
    const r = accepted(decodeFlusso(OFFICIAL_SINBA_ENTRY));
    expect(r.warnings.map((w) => [w.path, w.code])).toEqual([
      ['id_flusso', 'ID_FLUSSO_TIPO_DIVERSO'],
      ['/Flusso/IdentificazioneFlusso/@Nome', 'NOME_FLUSSO_DIVERSO'],
    ]);
    expect((r.prestazione as PresaInCaricoSinba).sinba).toMatchObject({ idBeneficiario: 'PROVA BENEF', numeroComponentiISEE: 9, prestazioni: ['A1.02', 'A2.06'], famiglia: ['1', '2'] });
  });

  it('refuses two minors in one flow, a month out of range, a PS flow sent as SINBA', () => {
    const two = SINBA_XML.replace(/( *<SINBA [\s\S]*<\/SINBA>)/, '$1\n$1');
    expect(refusal(decodeFlusso(sinbaEntry(two))).problems).toEqual([['/Flusso/SINBA[2]', 'UN_SOLO_BENEFICIARIO']]);
    expect(refusal(decodeFlusso(sinbaEntry(SINBA_XML.replace('"09/2023"', '"13/2023"')))).problems).toEqual([['/Flusso/SINBA[1]/@DataPrimaSegnalazione', 'VALUE_PATTERN']]);
    expect(refusal(decodeFlusso(sinbaEntry(PS_XML))).problems).toEqual([
      ['/Flusso/Beneficiario', 'XML_UNKNOWN_ELEMENT'],
      ['/Flusso/SINBA', 'XML_MISSING_ELEMENT'],
    ]);
  });

  it('flags an IDBeneficiario that is a codice fiscale, without echoing it', () => {
    const r = accepted(decodeFlusso(sinbaEntry(SINBA_XML.replace('IDBeneficiario="MIN-0042"', `IDBeneficiario="${CF}"`))));
    expect(r.warnings.map((w) => [w.path, w.code])).toEqual([['/Flusso/SINBA[1]/@IDBeneficiario', 'ID_BENEFICIARIO_CF']]);
    expect(JSON.stringify(r.warnings)).not.toContain(CF);
  });
});
