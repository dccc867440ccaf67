// The decoded model back to a flow's XML, in the XSD's element order: what the generator and the WaaS
// stand-in serve. A written flow decodes to the same model (xml-write.spec.ts) and passes the official XSD
// (xsd-conformance.spec.ts).
import type { DatiPrestazione, FlussoDecodificato, Intestazione, PrestazioneSociale, PresaInCaricoSinba } from './model';
import type { FlussoEntry } from './entry';
import { modelName, NAMESPACE, SINBA_ATTRIBUTES } from './xsd-spec';

const escapeXml = (v: string) => v.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/\t/g, '&#9;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;');

/** Attributes in the given order; absent values are left out. */
function attrs(pairs: ReadonlyArray<readonly [string, string | number | undefined]>): string {
  return pairs
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => ` ${k}="${escapeXml(String(v))}"`)
    .join('');
}

const el = (name: string, a: string, children?: string[], indent = ''): string =>
  children && children.length > 0 ? `${indent}<${name}${a}>\n${children.join('\n')}\n${indent}</${name}>` : `${indent}<${name}${a}/>`;

function identificazione(i: Intestazione): string {
  const ente = el('Ente', attrs([['Codice', i.ente.codice], ['Denominazione', i.ente.denominazione], ['Indirizzo', i.ente.indirizzo], ['CFOperatore', i.ente.cfOperatore]]), undefined, '    ');
  return el('IdentificazioneFlusso', attrs([['Nome', i.nomeFlusso]]), [ente], '  ');
}

function prestazioniSociali(p: DatiPrestazione): string {
  const a = attrs([
    ['TipoOperazione', p.tipoOperazione],
    ['PresenzaProvaMezzi', p.presenzaProvaMezzi],
    ['CaratterePrestazione', p.caratterePrestazione],
    ['NumeroProtocolloDSU', p.numeroProtocolloDSU],
    ['AnnoProtocolloDSU', p.annoProtocolloDSU],
    ['DataDSU', p.dataDSU],
    ['CodicePrestazione', p.codicePrestazione],
    ['DenominazionePrestazione', p.denominazionePrestazione],
    ['ProtocolloDomanda', p.protocolloDomanda],
    ['DataEvento', p.dataEvento],
    ['DataInizioPrestazione', p.dataInizioPrestazione],
    ['DataFinePrestazione', p.dataFinePrestazione],
    ['DataErogazionePrestazione', p.dataErogazionePrestazione],
    ['ImportoPrestazione', p.importoPrestazione],
    ['PeriodoErogazione', p.periodoErogazione],
    ['ImportoMensile', p.importoMensile],
    ['ImportoQuotaEnte', p.importoQuotaEnte],
    ['ImportoQuotaUtente', p.importoQuotaUtente],
    ['ImportoQuotaSSN', p.importoQuotaSSN],
    ['ImportoQuotaRichiesta', p.importoQuotaRichiesta],
    ['ImportoSogliaISEE', p.importoSogliaISEE],
    ['OreServizioMensile', p.oreServizioMensile],
    ['PresaCarico', p.presaCarico],
    ['AreaUtenza', p.areaUtenza],
  ]);
  const s = p.sina;
  const sina = s
    ? el(
        'SINA',
        attrs([
          ['Mobilita', s.mobilita],
          ['AttivitaVitaQuotidiana', s.attivitaVitaQuotidiana],
          ['DisturbiAreaCognitiva', s.disturbiAreaCognitiva],
          ['DisturbiComportamentali', s.disturbiComportamentali],
          ['NecessitaCureSanitarie', s.necessitaCureSanitarie],
          ['AreaReddituale', s.areaReddituale],
          ['AreaSupporto', s.areaSupporto],
          ['FonteDerivazioneValutazione', s.fonteDerivazioneValutazione],
          ['StrumentoValutazione', s.strumentoValutazione],
          ['FonteDerivazioneInvalidita', s.fonteDerivazioneInvalidita],
        ]),
        [
          ...(s.necessitaInterventiSociali ? [el('NecessitaInterventiSociali', '', s.necessitaInterventiSociali.map((c) => `          <CodicePrestazione>${escapeXml(c)}</CodicePrestazione>`), '        ')] : []),
          ...(s.invaliditaCivile ? [el('InvaliditaCivile', '', s.invaliditaCivile.map((c) => `          <InvCiv>${escapeXml(c)}</InvCiv>`), '        ')] : []),
        ],
        '      ',
      )
    : undefined;
  return el('PrestazioniSociali', a, sina ? [sina] : [], '    ');
}

function psXml(f: PrestazioneSociale): string {
  const b = f.beneficiario;
  const an = b.anagrafica;
  const beneficiario = el(
    'Beneficiario',
    attrs([['CodiceFiscale', b.codiceFiscale]]),
    [
      el('Anagrafica', attrs([['Cognome', an.cognome], ['Nome', an.nome], ['AnnoNascita', an.annoNascita], ['LuogoNascita', an.luogoNascita], ['Genere', an.genere], ['CodiceCittadinanza', an.codiceCittadinanza], ['CodiceSecondaCittadinanza', an.codiceSecondaCittadinanza]]), undefined, '    '),
      ...b.indirizzi.map((i) => el('Indirizzo', attrs([['CodiceRegione', i.codiceRegione], ['CodiceComune', i.codiceComune], ['CodiceNazione', i.codiceNazione]]), undefined, '    ')),
      prestazioniSociali(f.prestazione),
    ],
    '  ',
  );
  return [identificazione(f.intestazione), beneficiario].join('\n');
}

function sinbaXml(f: PresaInCaricoSinba): string {
  const d = f.sinba as unknown as Record<string, string | number | string[] | undefined>;
  const a = attrs(Object.keys(SINBA_ATTRIBUTES).map((name) => [name, d[modelName(name)] as string | number | undefined] as const));
  const sinba = el(
    'SINBA',
    a,
    [
      el('Prestazioni', '', f.sinba.prestazioni.map((c) => `      <CodicePrestazione>${escapeXml(c)}</CodicePrestazione>`), '    '),
      el('Famiglia', '', f.sinba.famiglia.map((c) => `      <ComposizioneFamiglia>${escapeXml(c)}</ComposizioneFamiglia>`), '    '),
    ],
    '  ',
  );
  return [identificazione(f.intestazione), sinba].join('\n');
}

/** The XML text of a flow (UTF-8, with declaration). */
export function flussoXml(f: FlussoDecodificato): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<Flusso xmlns="${NAMESPACE}">\n${f.tipo === 'SINBA' ? sinbaXml(f) : psXml(f)}\n</Flusso>\n`;
}

/** The GET /flussi entry of a flow: its metadata and its XML in base64 (`xml` overrides the written one). */
export function flussoEntry(f: FlussoDecodificato, xml: string = flussoXml(f)): FlussoEntry {
  const i = f.intestazione;
  return {
    codice_ente: i.codiceEnte,
    ...(i.denominazioneEnte !== undefined ? { denominazione_ente: i.denominazioneEnte } : {}),
    id_flusso: i.idFlusso,
    tipo: i.tipo,
    ts_flusso: i.tsFlusso,
    flusso: Buffer.from(xml, 'utf8').toString('base64'),
  };
}
