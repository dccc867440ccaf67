import { omocodicVariant } from '@fsl/codice-fiscale';
import * as F from './fixtures';
import { checkSiisl, ENTITA, type Entita, type Problem } from './index';

const codes = (ps: Problem[]) => ps.map((p) => `${p.path} ${p.code}`);

function rejected(entita: Entita, raw: unknown): string[] {
  const r = checkSiisl(entita, raw);
  if (r.ok) throw new Error('expected a rejection');
  return codes(r.problems);
}

describe.each(ENTITA)('%s', (entita) => {
  it('accepts the valid fixture and its deletion', () => {
    expect(checkSiisl(entita, F.valid(entita))).toMatchObject({ ok: true });
    expect(checkSiisl(entita, F.deletion(entita))).toMatchObject({ ok: true, warnings: [] });
  });

  it('names an unknown member by its path, at the top and inside dati', () => {
    const rec = { ...F.valid(entita), extra: 1 } as Record<string, unknown>;
    (rec.dati as Record<string, unknown>).nonPrevisto = 'x';
    expect(rejected(entita, rec).sort()).toEqual(['dati.nonPrevisto UNKNOWN_MEMBER', 'extra UNKNOWN_MEMBER']);
  });

  it('refuses a deletion that carries content, and an unknown operation', () => {
    expect(rejected(entita, { ...F.deletion(entita), dati: {} })).toEqual(['dati UNKNOWN_MEMBER']);
    expect(rejected(entita, { ...F.valid(entita), operazione: 'CANCELLA' })).toEqual(['operazione INVALID_VALUE']);
    const { operazione: _op, ...noOperation } = F.valid(entita);
    expect(rejected(entita, noOperation)).toEqual(['operazione REQUIRED']);
    expect(rejected(entita, [F.valid(entita)])).toEqual([' NOT_AN_OBJECT']); // path '' = the record itself
  });

  it('refuses a missing id, a bad version and an implausible update time', () => {
    const { id: _id, ...noId } = F.valid(entita);
    expect(rejected(entita, noId)).toEqual(['id REQUIRED']);
    expect(rejected(entita, { ...F.valid(entita), versione: 0 })).toEqual(['versione OUT_OF_RANGE']);
    expect(rejected(entita, { ...F.valid(entita), versione: 1.5 })).toEqual(['versione INTEGER_REQUIRED']);
    expect(rejected(entita, { ...F.valid(entita), aggiornatoIl: '1850-01-01T00:00:00Z' })).toEqual(['aggiornatoIl INVALID_DATETIME']);
  });
});

describe('codici fiscali', () => {
  it('are checked where a citizen owns the record, never echoed in the message', () => {
    const bad = `${F.CITTADINO_CF.slice(0, 15)}${F.CITTADINO_CF[15] === 'A' ? 'B' : 'A'}`;
    const r = checkSiisl('iscrizione', { ...F.valid('iscrizione'), codiceFiscale: bad });
    expect(r.ok).toBe(false);
    expect(codes(r.ok ? [] : r.problems)).toEqual(['codiceFiscale CF_CHECK_CHARACTER']);
    expect(JSON.stringify(r)).not.toContain(bad);
  });

  it('keep an omocodic code as written: it is another person', () => {
    const omocodic = omocodicVariant(F.CITTADINO_CF, 1);
    const r = checkSiisl('puc', { ...F.valid('puc'), codiceFiscale: omocodic.toLowerCase() });
    expect(r).toMatchObject({ ok: true, value: { codiceFiscale: omocodic } });
  });

  it('are checked for employers, providers and every household member', () => {
    const offerta = F.valid('offerta-lavoro');
    if (offerta.operazione !== 'AGGIORNAMENTO') throw new Error('fixture');
    offerta.dati.datore.codiceFiscale = '12345678901';
    expect(rejected('offerta-lavoro', offerta)).toEqual(['dati.datore.codiceFiscale CF_CHECK_DIGIT']);
    const del = { ...F.deletion('misura-inclusione'), codiciFiscaliNucleo: [F.CITTADINO_CF, 'XYZ'] };
    expect(rejected('misura-inclusione', del)).toEqual(['codiciFiscaliNucleo[1] CF_LENGTH']);
  });
});

describe('classification codes', () => {
  it('reject a malformed code of every classification, naming its path', () => {
    const cv = F.valid('curriculum') as any;
    cv.dati.esperienze[0].qualificaCp2011 = '52210';
    cv.dati.esperienze[0].settoreAteco = '5610';
    cv.dati.istruzione[0].livelloIsced = '9';
    cv.dati.istruzione[0].livelloEqf = '0';
    cv.dati.competenze[0].escoUri = 'http://data.europa.eu/esco/skill/not-a-uuid';
    cv.dati.disponibilita.comuni[1] = 'f205';
    expect(rejected('curriculum', cv)).toEqual([
      'dati.esperienze[0].qualificaCp2011 CP2011_FORMAT',
      'dati.esperienze[0].settoreAteco ATECO_FORMAT',
      'dati.istruzione[0].livelloIsced ISCED_FORMAT',
      'dati.istruzione[0].livelloEqf EQF_FORMAT',
      'dati.competenze[0].escoUri ESCO_FORMAT',
      'dati.disponibilita.comuni[1] BELFIORE_FORMAT',
    ]);
    const offerta = F.valid('offerta-lavoro') as any;
    offerta.dati.tipologiaContrattuale = 'A0200';
    expect(rejected('offerta-lavoro', offerta)).toEqual(['dati.tipologiaContrattuale TIPOLOGIA_FORMAT']);
  });

  it('accept a well-formed code the tables do not know, with a warning', () => {
    // The fixture CV's second experience has a five-level CP2011 code; the shipped sample has six-digit ones.
    const r = checkSiisl('curriculum', F.valid('curriculum'));
    expect(r.ok).toBe(true);
    expect(codes(r.warnings)).toEqual(['dati.esperienze[1].qualificaCp2011 CODE_UNKNOWN']);
    const corso = F.valid('corso') as any;
    corso.dati.sede.comune = 'Z999';
    corso.dati.competenze[0].escoUri = 'http://data.europa.eu/esco/skill/0a1b2c3d-0000-4000-8000-000000000000';
    const c = checkSiisl('corso', corso);
    expect(c.ok).toBe(true);
    expect(codes(c.warnings)).toEqual(['dati.sede.comune CODE_UNKNOWN', 'dati.competenze[0].escoUri CODE_UNKNOWN']);
  });

  it('reject a code retired on the date of the fact, accept it before', () => {
    const offerta = F.valid('offerta-lavoro') as any;
    offerta.dati.tipologiaContrattuale = 'B.01.00'; // retired 2016-02-01 in the shipped table
    expect(rejected('offerta-lavoro', offerta)).toEqual(['dati.tipologiaContrattuale CODE_RETIRED']);
    offerta.dati.dataPubblicazione = '2015-06-01';
    offerta.dati.dataChiusura = '2015-07-01';
    expect(checkSiisl('offerta-lavoro', offerta)).toMatchObject({ ok: true, warnings: [] });
  });

  it('check comuni against the complete Belfiore table, with its validity dates', () => {
    // A CV's comuni are checked as of its update day; the fixture's is after 2017.
    const cv = F.valid('curriculum') as any;
    expect(cv.aggiornatoIl >= '2017-01-02').toBe(true);
    // Abano Terme (PD), in force since 1866: a small comune the old 40-row subset did not list.
    cv.dati.disponibilita.comuni = ['F205', 'A001'];
    const r = checkSiisl('curriculum', cv);
    expect(r.ok).toBe(true);
    expect(codes(r.warnings)).toEqual(['dati.esperienze[1].qualificaCp2011 CODE_UNKNOWN']);
    // Abetone (PT) was merged into Abetone Cutigliano (M376) on 2017-01-01: the table ends it that day.
    cv.dati.disponibilita.comuni = ['A001', 'A012'];
    expect(rejected('curriculum', cv)).toEqual(['dati.disponibilita.comuni[1] CODE_RETIRED']);
  });
});

describe('vocabularies, amounts and dates', () => {
  // One edit of a valid record, and the problems it must give.
  const SINGLE_EDITS: Array<[string, Entita, (r: any) => void, string[]]> = [
    ['an unknown proposal state', 'proposta-lavoro', (r) => (r.dati.stato = 'VISTA'), ['dati.stato INVALID_VALUE']],
    ['an unknown enrolment event', 'iscrizione', (r) => (r.dati.eventi[1].tipo = 'SOSPESO'), ['dati.eventi[1].tipo INVALID_VALUE']],
    ['an unknown course mode', 'corso', (r) => (r.dati.modalita = 'ONLINE'), ['dati.modalita INVALID_VALUE']],
    ['a course ending before it starts', 'corso', (r) => (r.dati.dataFine = '2025-03-01'), ['dati.dataFine END_BEFORE_START']],
    ['a PUC ending before it starts', 'puc', (r) => (r.dati.dataFine = '2024-05-01'), ['dati.dataFine END_BEFORE_START']],
    ['an offer closing before publication', 'offerta-lavoro', (r) => (r.dati.dataChiusura = '2025-01-01'), ['dati.dataChiusura CHIUSURA_BEFORE_PUBBLICAZIONE']],
  ];

  it.each(SINGLE_EDITS)('reject %s', (_what, entita, edit, expected) => {
    const r = F.valid(entita);
    edit(r);
    expect(rejected(entita, r)).toEqual(expected);
  });

  it('take amounts as integer cents only', () => {
    const m = F.valid('misura-inclusione') as any;
    m.dati.importiMensili[0].importoCentesimi = 500.5;
    m.dati.importiMensili[1].importoCentesimi = '50000';
    expect(rejected('misura-inclusione', m)).toEqual(['dati.importiMensili[0].importoCentesimi INTEGER_REQUIRED', 'dati.importiMensili[1].importoCentesimi INVALID_TYPE']);
  });

  it('reject impossible dates and facts dated after the record', () => {
    const m = F.valid('manifestazione-interesse') as any;
    m.dati.data = '2025-02-30';
    expect(rejected('manifestazione-interesse', m)).toEqual(['dati.data INVALID_DATE']);
    m.dati.data = '2025-03-11';
    expect(rejected('manifestazione-interesse', m)).toEqual(['dati.data DATE_AFTER_UPDATE']);
  });
});

describe('rules between fields', () => {
  it('proposal outcome: reason only with a refusal, outcome date with any outcome', () => {
    const p = F.valid('proposta-lavoro') as any;
    delete p.dati.motivoRifiuto;
    expect(rejected('proposta-lavoro', p)).toEqual(['dati.motivoRifiuto MOTIVO_RIFIUTO_REQUIRED']);
    p.dati.stato = 'PROPOSTA';
    expect(rejected('proposta-lavoro', p)).toEqual(['dati.dataEsito ESITO_NOT_ALLOWED', 'dati.motivoRifiuto MOTIVO_RIFIUTO_NOT_ALLOWED']);
    p.dati = { offertaId: 'OFF-1', stato: 'ACCETTATA', dataProposta: '2025-02-10' };
    expect(rejected('proposta-lavoro', p)).toEqual(['dati.dataEsito ESITO_REQUIRED']);
  });

  it('enrolment events follow their lifecycle in date order', () => {
    const i = F.valid('iscrizione') as any;
    i.dati.eventi = [{ tipo: 'ISCRITTO', data: '2025-03-01' }, { tipo: 'CONCLUSO', data: '2025-02-01' }, { tipo: 'CERTIFICATO', data: '2025-03-02' }];
    expect(rejected('iscrizione', i)).toEqual(['dati.eventi[1].data EVENTI_NOT_IN_DATE_ORDER', 'dati.eventi[1].tipo EVENTO_SEQUENCE']);
    i.dati.eventi = [{ tipo: 'AVVIATO', data: '2025-03-01' }];
    expect(rejected('iscrizione', i)).toEqual(['dati.eventi[0].tipo EVENTO_SEQUENCE']);
    i.dati.eventi = [{ tipo: 'ISCRITTO', data: '2025-01-01' }, { tipo: 'AVVIATO', data: '2025-01-02' }, { tipo: 'RITIRATO', data: '2025-02-01', motivo: 'Lavoro trovato' }];
    expect(checkSiisl('iscrizione', i)).toMatchObject({ ok: true });
  });

  it('a measure: applicant in the household, SFL individual, PAD before the start, one amount a month', () => {
    const m = F.valid('misura-inclusione') as any;
    m.dati.misura = 'SFL';
    m.dati.nucleo = [{ codiceFiscale: F.FAMILIARE_CF }, { codiceFiscale: F.FAMILIARE_CF }];
    m.dati.dataSottoscrizionePad = '2024-03-01';
    m.dati.importiMensili.push({ mese: '2024-02', importoCentesimi: 1 }, { mese: '2024-01', importoCentesimi: 1 });
    expect(rejected('misura-inclusione', m)).toEqual([
      'dati.nucleo[1].codiceFiscale COMPONENTE_DUPLICATE',
      'dati.nucleo RICHIEDENTE_NOT_IN_NUCLEO',
      'dati.nucleo SFL_NUCLEO_SINGLE',
      'dati.dataDecorrenza PAD_AFTER_DECORRENZA',
      'dati.importiMensili[2].mese MESE_DUPLICATE',
      'dati.importiMensili[3].mese MESE_BEFORE_DECORRENZA',
    ]);
  });

  it('a skill needs an ESCO URI or a text; an experience employer needs a CF or a name', () => {
    const cv = F.valid('curriculum') as any;
    cv.dati.competenze.push({ tipo: 'SKILL' });
    cv.dati.esperienze[0].datore = {};
    expect(rejected('curriculum', cv)).toEqual(['dati.esperienze[0].datore DATORE_EMPTY', 'dati.competenze[2] COMPETENZA_EMPTY']);
  });
});
