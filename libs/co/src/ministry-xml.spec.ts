// The ministry's XML as senders write it: local dataInvio, no event code, the type as an element, and
// elements the model has no place for.
import { fixtureAssunzione, fixtureUniurg, fixtureVardatori } from './fixtures';
import type { Co, Unilav } from './model';
import { withRomeOffset } from './rome-time';
import { parseCoXml } from './xml-read';
import { serializeCoXml } from './xml-write';

const ok = (r: ReturnType<typeof parseCoXml>) => {
  if (!r.ok) throw new Error(`unexpected problems: ${JSON.stringify(r.problems)}`);
  return r;
};
const codes = (r: ReturnType<typeof parseCoXml>) => (r.ok ? [] : r.problems.map((p) => [p.path, p.code]));

/** The fixture's XML with its dataInvio replaced by `local` (no offset). */
const withLocalInvio = (co: Co, local: string) => serializeCoXml(co).replace(/dataInvio="[^"]*"/, `dataInvio="${local}"`);

describe('dataInvio without an offset is Europe/Rome local time', () => {
  it.each([
    // winter (CET, +01:00) and summer (CEST, +02:00)
    ['2024-01-15T10:00:00', '2024-01-15T10:00:00+01:00', '2024-01-15T09:00:00.000Z'],
    ['2024-07-01T10:00:00', '2024-07-01T10:00:00+02:00', '2024-07-01T08:00:00.000Z'],
    ['2024-07-01T10:00', '2024-07-01T10:00+02:00', '2024-07-01T08:00:00.000Z'],
    ['2024-01-15T10:00:00.250', '2024-01-15T10:00:00.250+01:00', '2024-01-15T09:00:00.250Z'],
    // spring forward, Sunday 31 March 2024: 02:00 → 03:00
    ['2024-03-31T01:59:59', '2024-03-31T01:59:59+01:00', '2024-03-31T00:59:59.000Z'],
    ['2024-03-31T03:00:00', '2024-03-31T03:00:00+02:00', '2024-03-31T01:00:00.000Z'],
    // the skipped hour: read with the offset before the change (= 03:30 summer time)
    ['2024-03-31T02:30:00', '2024-03-31T02:30:00+01:00', '2024-03-31T01:30:00.000Z'],
    // fall back, Sunday 27 October 2024: 03:00 → 02:00
    ['2024-10-27T01:59:00', '2024-10-27T01:59:00+02:00', '2024-10-26T23:59:00.000Z'],
    // the repeated hour: its first occurrence (summer time)
    ['2024-10-27T02:30:00', '2024-10-27T02:30:00+02:00', '2024-10-27T00:30:00.000Z'],
    ['2024-10-27T03:00:00', '2024-10-27T03:00:00+01:00', '2024-10-27T02:00:00.000Z'],
    // the day before and after each change
    ['2024-03-30T12:00:00', '2024-03-30T12:00:00+01:00', '2024-03-30T11:00:00.000Z'],
    ['2024-10-28T12:00:00', '2024-10-28T12:00:00+01:00', '2024-10-28T11:00:00.000Z'],
  ])('%s → %s', (local, expected, instant) => {
    expect(withRomeOffset(local)).toBe(expected);
    expect(new Date(withRomeOffset(local)).toISOString()).toBe(instant);
    const co = ok(parseCoXml(withLocalInvio(fixtureAssunzione(), local))).value;
    expect(co.datiInvio.dataInvio).toBe(expected);
  });

  it('keeps an explicit offset as sent, and refuses what is not a date-time', () => {
    expect(ok(parseCoXml(withLocalInvio(fixtureAssunzione(), '2024-07-01T10:00:00Z'))).value.datiInvio.dataInvio).toBe('2024-07-01T10:00:00Z');
    expect(codes(parseCoXml(withLocalInvio(fixtureAssunzione(), '2024-07-01 10:00')))).toEqual([['datiInvio.dataInvio', 'INVALID_DATETIME']]);
    expect(codes(parseCoXml(withLocalInvio(fixtureAssunzione(), '2024-02-30T10:00:00')))).toEqual([['datiInvio.dataInvio', 'INVALID_DATETIME']]);
  });
});

describe('a UNILAV without an event code', () => {
  const noEvent = (co: Co) => serializeCoXml(co).replace(/ tipoEvento="[A-Z]+"/, '');
  const base = () => fixtureAssunzione();

  it.each<[string, Partial<Unilav>, string]>([
    ['InizioRapporto alone', {}, 'ASS'],
    ['Proroga', { proroga: { dataFineProroga: '2024-12-31' } }, 'PRO'],
    ['Trasformazione', { trasformazione: { codice: 'DI', data: '2024-05-01', tipologiaContrattuale: 'A.01.00' } }, 'TRS'],
    ['TrasferimentoDistacco', { trasferimento: { tipo: 'TL', data: '2024-05-01', sedeLavoro: { comune: 'H501' } } }, 'TRD'],
    ['Cessazione', { cessazione: { data: '2024-05-01', causa: 'LI' } }, 'CES'],
  ])('is told by its section: %s → %s', (_name, sections, evento) => {
    const xml = noEvent({ ...base(), ...sections });
    expect(xml).not.toContain('tipoEvento');
    expect(ok(parseCoXml(xml)).value.tipoEvento).toBe(evento);
  });

  it('with two event sections is a 422 naming both', () => {
    const xml = noEvent({ ...base(), proroga: { dataFineProroga: '2024-12-31' }, cessazione: { data: '2024-05-01', causa: 'LI' } });
    expect(codes(parseCoXml(xml))).toEqual(
      expect.arrayContaining([
        ['proroga', 'EVENT_SECTION_AMBIGUOUS'],
        ['cessazione', 'EVENT_SECTION_AMBIGUOUS'],
      ]),
    );
  });

  it('with no section at all is a 422 on tipoEvento', () => {
    const xml = noEvent(base()).replace(/<InizioRapporto[\s\S]*<\/InizioRapporto>/, '');
    expect(codes(parseCoXml(xml))).toEqual(expect.arrayContaining([['tipoEvento', 'EVENT_SECTION_MISSING']]));
  });

  it('keeps an explicit event code (the section rules then judge it)', () => {
    expect(ok(parseCoXml(serializeCoXml({ ...base(), tipoEvento: 'PRO', proroga: { dataFineProroga: '2024-12-31' } }))).value.tipoEvento).toBe('PRO');
  });
});

describe('the communication type as an attribute or as an element', () => {
  const asElement = (xml: string) => xml.replace(/<DatiInvio tipoComunicazione="(\d\d)"([^>]*)\/>/, '<DatiInvio$2><tipoComunicazione>$1</tipoComunicazione></DatiInvio>');

  it('reads the element like the attribute', () => {
    const co = fixtureAssunzione();
    const xml = asElement(serializeCoXml(co));
    expect(xml).toContain('<tipoComunicazione>01</tipoComunicazione>');
    const r = ok(parseCoXml(xml));
    expect(r.value).toEqual(ok(parseCoXml(serializeCoXml(co))).value);
    expect(r.warnings).toBeUndefined();
  });

  it('refuses both with different values', () => {
    const xml = serializeCoXml(fixtureAssunzione()).replace(/<DatiInvio tipoComunicazione="01"([^>]*)\/>/, '<DatiInvio tipoComunicazione="01"$1><tipoComunicazione>06</tipoComunicazione></DatiInvio>');
    expect(codes(parseCoXml(xml))).toEqual([['datiInvio.tipoComunicazione', 'XML_VALUE_CONFLICT']]);
  });
});

describe('XML elements the model does not use', () => {
  it('are listed as warnings, once per name, with attributes and nested elements', () => {
    const xml = serializeCoXml(fixtureAssunzione())
      .replace('<SedeLegale>', '<SedeLegale><e-mail>x@example.org</e-mail><telefono>0612345</telefono>')
      .replace('<Lavoratore>', '<Lavoratore><LivelloIstruzione><livello>20</livello></LivelloIstruzione>')
      .replace('<InizioRapporto ', '<InizioRapporto socioLavoratore="NO" ')
      .replace('<UniLav ', '<UniLav xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="x y" ');
    const r = ok(parseCoXml(xml));
    expect(r.warnings).toEqual([
      { path: 'UniLav/DatoreLavoro/SedeLegale/e-mail', code: 'ELEMENTO_XML_IGNORATO', message: expect.any(String) },
      { path: 'UniLav/DatoreLavoro/SedeLegale/telefono', code: 'ELEMENTO_XML_IGNORATO', message: expect.any(String) },
      { path: 'UniLav/Lavoratore/LivelloIstruzione', code: 'ELEMENTO_XML_IGNORATO', message: expect.any(String) },
      { path: 'UniLav/InizioRapporto/@socioLavoratore', code: 'ATTRIBUTO_XML_IGNORATO', message: expect.any(String) },
    ]);
    expect(r.value).toEqual(fixtureAssunzione({ datiInvio: r.value.datiInvio }));
  });

  it('a repeated unknown element in every VARDATORI worker is listed once', () => {
    const xml = serializeCoXml(fixtureVardatori()).replace(/<Lavoratore /g, '<Lavoratore matricola="1" ');
    expect(ok(parseCoXml(xml)).warnings?.map((w) => w.path)).toEqual(['VarDatori/Lavoratore/@matricola']);
  });

  it('a name that is not a plain identifier is not echoed back', () => {
    const long = `X${'a'.repeat(80)}`;
    const xml = serializeCoXml(fixtureAssunzione()).replace('<SedeLegale>', `<SedeLegale><${long}>1</${long}><ns:Prova xmlns:ns="urn:x">2</ns:Prova>`);
    expect(ok(parseCoXml(xml)).warnings?.map((w) => w.path)).toEqual(['UniLav/DatoreLavoro/SedeLegale/*', 'UniLav/DatoreLavoro/SedeLegale/Prova']);
  });

  it('a document the model reads whole has no warnings', () => {
    expect(ok(parseCoXml(serializeCoXml(fixtureAssunzione()))).warnings).toBeUndefined();
  });
});

describe('the fields that used to be dropped', () => {
  const permesso = { tipoDocumento: '1', numeroDocumento: 'AB1234567', motivo: 'CSST1', scadenza: '2026-05-31', questura: '058' };

  it('a residence permit, the full UNIURG start terms and a VARDATORI worker with anagrafica and terms survive the XML', () => {
    const unilav = fixtureAssunzione();
    unilav.lavoratore = { ...unilav.lavoratore, cittadinanza: '201', permessoSoggiorno: permesso };
    const uniurg = fixtureUniurg();
    uniurg.inizio = { ...uniurg.inizio, tipoOrario: 'P', oreSettimanaliMedie: 20, qualificaProfessionale: '5.2.2.3.1.0', ccnl: '9440', livelloInquadramento: '4', retribuzione: 14000, entePrevidenziale: '01' };
    const vardatori = fixtureVardatori();
    vardatori.lavoratori[0] = {
      ...vardatori.lavoratori[0],
      sesso: 'F',
      nascita: { comune: 'F205', data: '1990-04-12' },
      cittadinanza: '201',
      permessoSoggiorno: permesso,
      termini: { tipologiaContrattuale: 'A.01.00', tipoOrario: 'F', qualificaProfessionale: '5.2.2.3.1.0', ccnl: '9440', livelloInquadramento: '3' },
    };
    for (const co of [unilav, uniurg, vardatori]) {
      const r = ok(parseCoXml(serializeCoXml(co)));
      expect(r.value).toEqual(co);
      expect(r.warnings).toBeUndefined();
    }
    expect(serializeCoXml(unilav)).toContain('<extraCE>');
  });
});
