import { omocodicVariant } from '@fsl/codice-fiscale';
import * as F from './fixtures';
import { checkGepi, defaultTables, ENTITA, type Entita, type Problem } from './index';

const codes = (ps: Problem[]) => ps.map((p) => `${p.path} ${p.code}`);

function rejected(entita: Entita, raw: unknown): string[] {
  const r = checkGepi(entita, raw);
  if (r.ok) throw new Error('expected a rejection');
  return codes(r.problems);
}

function accepted(entita: Entita, raw: unknown): string[] {
  const r = checkGepi(entita, raw);
  if (!r.ok) throw new Error(`expected acceptance, got ${codes(r.problems).join(', ')}`);
  return codes(r.warnings);
}

/** A fresh fixture to break: loosely typed on purpose, since the tests put wrong values in it. */
const dati = (entita: Entita): any => F.valid(entita);

/** Envelope mistakes every entity is refused for, each with the one problem it must produce. */
const ENVELOPE_CASES: Array<[string, (e: Entita) => unknown, string[]]> = [
  ['a deletion with content', (e) => ({ ...F.deletion(e), dati: {} }), ['dati UNKNOWN_MEMBER']],
  ['an unknown operation', (e) => ({ ...F.valid(e), operazione: 'CANCELLA' }), ['operazione INVALID_VALUE']],
  ['no operation', (e) => ({ ...F.valid(e), operazione: undefined }), ['operazione REQUIRED']],
  ['a non-object', () => 'x', [' NOT_AN_OBJECT']],
  ['no id', (e) => ({ ...F.valid(e), id: undefined }), ['id REQUIRED']],
  ['version zero', (e) => ({ ...F.valid(e), versione: 0 }), ['versione OUT_OF_RANGE']],
  ['a fractional version', (e) => ({ ...F.valid(e), versione: 2.5 }), ['versione INTEGER_REQUIRED']],
  ['an update time without time', (e) => ({ ...F.valid(e), aggiornatoIl: '2025-03-10' }), ['aggiornatoIl INVALID_DATETIME']],
  ['unknown members', (e) => ({ ...F.valid(e), extra: 1, dati: { ...(F.valid(e) as { dati: object }).dati, nonPrevisto: 'x' } }), ['dati.nonPrevisto UNKNOWN_MEMBER', 'extra UNKNOWN_MEMBER']],
];

describe.each(ENTITA)('%s', (entita) => {
  it('accepts the valid fixture without warnings, and its deletion', () => {
    expect(accepted(entita, F.valid(entita))).toEqual([]);
    expect(accepted(entita, F.deletion(entita))).toEqual([]);
  });

  it.each(ENVELOPE_CASES)('refuses %s, naming the path', (_what, make, expected) => {
    expect(rejected(entita, JSON.parse(JSON.stringify(make(entita)))).sort()).toEqual(expected);
  });

  if (entita !== 'caso') {
    it('belongs to a case: casoId is required, also on a deletion', () => {
      expect(rejected(entita, { ...F.deletion(entita), casoId: undefined })).toEqual(['casoId REQUIRED']);
    });
  }
});

describe('caso', () => {
  it('checks state, closure and the case manager', () => {
    const r = dati('caso');
    r.dati.stato = 'CHIUSO';
    expect(rejected('caso', r)).toEqual(['dati.dataChiusura CHIUSURA_REQUIRED', 'dati.motivoChiusura MOTIVO_CHIUSURA_REQUIRED']);
    r.dati.dataChiusura = '2025-02-01';
    r.dati.motivoChiusura = 'FINE_MISURA';
    expect(accepted('caso', r)).toEqual([]);
    r.dati.stato = 'MONITORAGGIO';
    r.dati.operatori = r.dati.operatori.filter((o: any) => o.ruolo !== 'CASE_MANAGER');
    expect(rejected('caso', r)).toEqual(['dati.dataChiusura CHIUSURA_NOT_ALLOWED', 'dati.motivoChiusura MOTIVO_CHIUSURA_NOT_ALLOWED', 'dati.operatori CASE_MANAGER_REQUIRED']);
  });

  it('checks the ente history: starts at opening, contiguous, only the last open, a move changes ente', () => {
    const r = dati('caso');
    r.dati.enti = [
      { tipo: 'COMUNE', codice: 'F205', dal: '2024-02-06' },
      { tipo: 'COMUNE', codice: 'F205', dal: '2024-09-01', al: '2024-10-01' },
      { tipo: 'ATS', codice: 'LOM_23', dal: '2024-10-05' },
    ];
    expect(rejected('caso', r)).toEqual(['dati.enti[0].dal ENTE_FIRST_NOT_AT_OPENING', 'dati.enti[0].al ENTE_OPEN_NOT_LAST', 'dati.enti[1] ENTE_REPEATED', 'dati.enti[2].dal ENTI_NOT_CONTIGUOUS']);
  });

  it('checks the ente code by its kind; unknown well-formed codes are warnings, codes not in force are refused', () => {
    const r = dati('caso');
    r.dati.enti[0].codice = 'LOM_23';
    r.dati.enti[1].codice = 'F205';
    expect(rejected('caso', r)).toEqual(['dati.enti[0].codice ENTE_CODICE_FORMAT', 'dati.enti[1].codice ENTE_CODICE_FORMAT']);
    const w = dati('caso');
    w.dati.enti[1].codice = 'LOM_77';
    expect(accepted('caso', w)).toEqual(['dati.enti[1].codice CODE_UNKNOWN']);
    // LOM_99 was merged into another ambito at the end of 2022 (shipped table); A002 is a comune suppressed in 1928.
    w.dati.enti[1].codice = 'LOM_99';
    w.dati.enti[0].codice = 'A002';
    expect(rejected('caso', w)).toEqual(['dati.enti[0].codice CODE_RETIRED', 'dati.enti[1].codice CODE_RETIRED']);
  });

  it('reads Belfiore codes from libs/co\'s complete table: any comune in force is known', () => {
    expect(defaultTables().versions()).toEqual({ belfiore: 'marketto-1.2.1', ambitoTerritoriale: '2026.1', tipoSostegno: '2026.1', tipoImpegno: '2026.1' });
    const r = dati('caso');
    r.dati.enti[0].codice = 'A001'; // Abano Terme: in libs/co's table, not in SIISL's curated subset
    expect(accepted('caso', r)).toEqual([]);
  });

  it('validates operators\' codici fiscali without echoing them, and one holder per role at a time', () => {
    const r = dati('caso');
    const bad = `${F.OPERATORE_CF.slice(0, 15)}${F.OPERATORE_CF[15] === 'A' ? 'B' : 'A'}`;
    r.dati.operatori[1].codiceFiscale = bad;
    r.dati.operatori.push({ ruolo: 'COORDINATORE', codiceFiscale: F.OPERATORE_CF, dal: '2024-03-01' });
    const res = checkGepi('caso', r);
    expect(codes(res.ok ? [] : res.problems)).toEqual(['dati.operatori[1].codiceFiscale CF_CHECK_CHARACTER', 'dati.operatori[2] RUOLO_OVERLAP']);
    expect(JSON.stringify(res)).not.toContain(bad);
    expect(JSON.stringify(res)).not.toContain(F.OPERATORE_CF);
  });

  it('refuses facts dated after the update', () => {
    const r = dati('caso');
    r.dati.dataApertura = '2025-04-01';
    r.dati.enti = [{ tipo: 'COMUNE', codice: 'F205', dal: '2025-04-01' }];
    expect(rejected('caso', r)).toEqual(['dati.dataApertura DATE_AFTER_UPDATE', 'dati.dataAssegnazione END_BEFORE_START', 'dati.enti[0].dal DATE_AFTER_UPDATE']);
  });
});

describe('nucleo-caso', () => {
  it('checks membership periods, the applicant and the flags', () => {
    const r = dati('nucleo-caso');
    const [richiedente, figlio, coniuge] = r.dati.componenti;
    r.dati.componenti.push({ ...figlio, dal: '2024-05-01', motivoIngresso: 'ALTRO' });
    richiedente.ruolo = 'CONIUGE';
    coniuge.ruolo = 'RICHIEDENTE';
    coniuge.al = '2024-01-01';
    figlio.motivoUscita = 'DECESSO';
    figlio.condizioni = ['MINORE', 'SVANTAGGIO', 'MINORE'];
    figlio.esonerato = true;
    figlio.attivabile = true;
    expect(rejected('nucleo-caso', r)).toEqual(['dati.componenti[1].motivoUscita MOTIVO_USCITA_NOT_ALLOWED', 'dati.componenti[1].condizioni[2] CONDIZIONE_DUPLICATE', 'dati.componenti[1].categoriaSvantaggio CATEGORIA_SVANTAGGIO_REQUIRED', 'dati.componenti[1].attivabile ESONERATO_ATTIVABILE', 'dati.componenti[2].al END_BEFORE_START', 'dati.componenti[4] PERIODI_OVERLAP']);
  });

  it('accepts a member who leaves and comes back (two periods), and refuses two applicants or none', () => {
    const r = dati('nucleo-caso');
    const coniuge = r.dati.componenti[2];
    r.dati.componenti.push({ ...coniuge, dal: '2025-01-10', al: undefined, motivoUscita: undefined, motivoIngresso: 'RICONGIUNGIMENTO' });
    expect(accepted('nucleo-caso', JSON.parse(JSON.stringify(r)))).toEqual([]);
    r.dati.componenti[1].ruolo = 'RICHIEDENTE';
    expect(rejected('nucleo-caso', JSON.parse(JSON.stringify(r)))).toEqual(['dati.componenti RICHIEDENTE_DUPLICATE']);
    r.dati.componenti[1].ruolo = 'FIGLIO';
    r.dati.componenti[0].ruolo = 'ALTRO';
    expect(rejected('nucleo-caso', JSON.parse(JSON.stringify(r)))).toEqual(['dati.componenti RICHIEDENTE_MISSING']);
  });

  it('keeps an omocodic code as written: it is another person', () => {
    const r = dati('nucleo-caso');
    const omocodic = omocodicVariant(F.FIGLIO_CF, 1);
    r.dati.componenti[1].codiceFiscale = omocodic.toLowerCase();
    const ok = checkGepi('nucleo-caso', r);
    expect(ok.ok && ok.value.operazione === 'AGGIORNAMENTO' && ok.value.dati.componenti[1].codiceFiscale).toBe(omocodic);
  });
});

describe('documents', () => {
  it('have a document version number and status', () => {
    for (const e of ['analisi-preliminare', 'quadro-analisi', 'pais'] as const) {
      const r = dati(e);
      r.dati.numeroVersione = 0;
      delete r.dati.statoDocumento;
      expect(rejected(e, r)).toEqual(['dati.numeroVersione OUT_OF_RANGE', 'dati.statoDocumento REQUIRED']);
    }
  });

  it('analisi preliminare: a definitive one has its outcome', () => {
    const r = dati('analisi-preliminare');
    delete r.dati.esito;
    expect(rejected('analisi-preliminare', r)).toEqual(['dati.esito ESITO_REQUIRED']);
    r.dati.statoDocumento = 'BOZZA';
    expect(accepted('analisi-preliminare', r)).toEqual([]);
  });

  it('quadro di analisi: names its équipe unless provisional', () => {
    const r = dati('quadro-analisi');
    delete r.dati.equipeId;
    expect(rejected('quadro-analisi', r)).toEqual(['dati.equipeId EQUIPE_REQUIRED']);
    r.dati.provvisorio = true;
    expect(accepted('quadro-analisi', r)).toEqual([]);
  });

  it('PaIS: signature, objectives, internships, supports and commitments', () => {
    const r = dati('pais');
    r.dati.stato = 'BOZZA';
    r.dati.risultatiAttesi[0].obiettivoId = 'OB9';
    r.dati.sostegni[1].tirocinio = r.dati.sostegni[0].tirocinio;
    delete r.dati.sostegni[0].tirocinio;
    r.dati.sostegni[2].id = 'S1';
    r.dati.sostegni[1].beneficiari = [F.FIGLIO_CF, F.FIGLIO_CF];
    r.dati.impegni[1].al = '2024-01-01';
    expect(rejected('pais', r)).toEqual(['dati.dataSottoscrizione SOTTOSCRIZIONE_NOT_ALLOWED', 'dati.risultatiAttesi[0].obiettivoId OBIETTIVO_UNKNOWN', 'dati.sostegni[2].id ID_DUPLICATE', 'dati.sostegni[0].tirocinio TIROCINIO_REQUIRED', 'dati.sostegni[1].beneficiari[1] BENEFICIARIO_DUPLICATE', 'dati.sostegni[1].tirocinio TIROCINIO_NOT_ALLOWED', 'dati.impegni[1].al END_BEFORE_START']);
  });

  it('PaIS: a signed PaIS is definitive; malformed codes are refused, unknown ones warned', () => {
    const r = dati('pais');
    r.dati.statoDocumento = 'BOZZA';
    expect(rejected('pais', r)).toEqual(['dati.statoDocumento PAIS_SOTTOSCRITTO_BOZZA']);
    const m = dati('pais');
    m.dati.sostegni[1].tipo = 'educativa';
    expect(rejected('pais', m)).toEqual(['dati.sostegni[1].tipo CODICE_FORMAT']);
    const u = dati('pais');
    u.dati.sostegni[1].tipo = 'BUONO_SPESA';
    u.dati.impegni[0].tipo = 'VOLONTARIATO';
    expect(accepted('pais', u)).toEqual(['dati.sostegni[1].tipo CODE_UNKNOWN', 'dati.impegni[0].tipo CODE_UNKNOWN']);
  });
});

describe('équipe, PUC, PAD', () => {
  it('équipe: organisations carry an 11-digit CF, dissolution after constitution', () => {
    const r = dati('equipe-multidisciplinare');
    r.dati.componenti[2].organizzazione.codiceFiscale = F.RICHIEDENTE_CF;
    r.dati.dataScioglimento = '2024-01-01';
    expect(rejected('equipe-multidisciplinare', r)).toEqual(['dati.dataScioglimento END_BEFORE_START', 'dati.componenti[2].organizzazione.codiceFiscale CF_KIND_NOT_ALLOWED']);
  });

  it('PUC: attendance months, Belfiore code, the participant\'s CF', () => {
    const r = dati('partecipazione-puc');
    r.dati.presenze.push({ mese: '2024-04', oreSvolte: 4 }, { mese: '2024-05', oreSvolte: 1 });
    r.codiceFiscale = 'ABC';
    expect(rejected('partecipazione-puc', r)).toEqual(['codiceFiscale CF_LENGTH', 'dati.presenze[2].mese MESE_BEFORE_INIZIO', 'dati.presenze[3].mese MESE_DUPLICATE']);
    const w = dati('partecipazione-puc');
    w.dati.comune = 'Z999';
    expect(accepted('partecipazione-puc', w)).toEqual(['dati.comune CODE_UNKNOWN']);
  });

  it('PAD: the applicant among the members, exemptions with their reason, categorizzazioni', () => {
    const r = dati('pad-nucleo');
    r.dati.richiedenteCf = F.NEONATA_CF;
    r.dati.componenti[0].motivoEsonero = 'x';
    delete r.dati.componenti[2].motivoEsonero;
    r.dati.componenti[1].categorizzazioni.categoriaSvantaggio = 'SENZA_DIMORA';
    r.dati.componenti.push({ ...r.dati.componenti[1] });
    r.dati.atsCompetente = 'LOM23';
    expect(rejected('pad-nucleo', r)).toEqual(['dati.atsCompetente ATS_FORMAT']);
    r.dati.atsCompetente = 'LOM_23';
    expect(rejected('pad-nucleo', r)).toEqual(['dati.componenti RICHIEDENTE_NOT_IN_PAD', 'dati.componenti[0].motivoEsonero MOTIVO_ESONERO_NOT_ALLOWED', 'dati.componenti[1].categorizzazioni.categoriaSvantaggio CATEGORIA_SVANTAGGIO_NOT_ALLOWED', 'dati.componenti[2].motivoEsonero MOTIVO_ESONERO_REQUIRED', 'dati.componenti[3].codiceFiscale COMPONENTE_DUPLICATE', 'dati.componenti[3].categorizzazioni.categoriaSvantaggio CATEGORIA_SVANTAGGIO_NOT_ALLOWED']);
  });
});
