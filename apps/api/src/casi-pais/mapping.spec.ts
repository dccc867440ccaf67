// The GePI mappings on a case folded with applyGepi from libs/gepi's fixtures (a household of four: the
// applicant, a son, a daughter born during the case, a partner who left on 2024-10-15; opened at the comune
// F205, moved to the ambito LOM_23 on 2024-09-01; PaIS version 2 received without version 1). Expected values
// are written from the fixtures by hand.
import { applySociale, collegamentoCittadino, emptyCittadino, project, projectCaso } from '@fsl/cartella-sociale';
import { gepiFixtures as F } from '@fsl/gepi';
import { siislFixtures } from '@fsl/siisl';
import { casoGepi } from '../../test/support/gepi';
import { toPartecipazioniPucDto } from '../fascicolo/mapping';
import { cittadiniDelCaso } from './cittadini';
import { toCasoDto, toCasoPaisDto } from './mapping';

const vista = projectCaso(casoGepi({ casoId: F.CASO_ID }));
const json = (x: unknown) => JSON.parse(JSON.stringify(x)) as unknown;
const withCaso = () => {
  if (!vista.caso) throw new Error('the fixture case has its case record');
  return vista as typeof vista & { caso: NonNullable<typeof vista.caso> };
};
const link = (cf: string) => {
  const l = collegamentoCittadino(vista, cf);
  if (!l) throw new Error('not a member');
  return l;
};

const SERVIZIO_SOCIALE = { tipo: 'SERVIZIO_SOCIALE', denominazione: 'Servizio sociale del Comune di Milano' };
const COOPERATIVA = { tipo: 'TERZO_SETTORE', denominazione: 'Cooperativa sociale Esempio', codiceFiscale: F.ENTE_TERZO_SETTORE_CF };
const TIROCINIO = { soggettoOspitante: { codiceFiscale: F.AZIENDA_OSPITANTE_CF, denominazione: 'ESEMPIO SRL' }, oreSettimanali: 20, indennitaMensileCentesimi: 50000 };
const CASO = {
  identificativo: 'GEPI-CASO-0001',
  enteGestore: 'LOM_23',
  tipoEnteGestore: 'ATS',
  stato: 'PATTO_SOTTOSCRITTO',
  dataApertura: '2024-02-05',
  domandaId: 'ADI-2024-000123',
  misura: 'ADI',
  pais: { id: 'GEPI-PAIS-0001', numeroVersione: 2, stato: 'SOTTOSCRITTO' },
  documentiConVersioniMancanti: [{ entita: 'pais', id: 'GEPI-PAIS-0001', versioniMancanti: [1] }],
};
const S3_NUCLEO = { paisId: 'GEPI-PAIS-0001', id: 'S3', tipo: 'SOSTEGNO_ABITATIVO', fornitore: SERVIZIO_SOCIALE, dal: '2024-04-15', perNucleo: true };

describe('a member’s link to the case (cartella sociale)', () => {
  it('the applicant: the case managed today by the ambito, their period, their own sostegni and impegni, the missing PaIS version', () => {
    expect(json(toCasoPaisDto(withCaso(), link(F.RICHIEDENTE_CF)))).toEqual({
      ...CASO,
      ruolo: 'RICHIEDENTE',
      periodi: [{ dal: '2024-02-05' }],
      attuale: true,
      sostegni: [
        { paisId: 'GEPI-PAIS-0001', id: 'S1', tipo: 'TIROCINIO_INCLUSIONE', fornitore: SERVIZIO_SOCIALE, dal: '2024-05-06', al: '2024-11-05', tirocinio: TIROCINIO, perNucleo: false },
        S3_NUCLEO,
      ],
      impegni: [{ paisId: 'GEPI-PAIS-0001', id: 'I1', tipo: 'COLLOQUI_SERVIZIO', descrizione: 'Colloquio mensile con il case manager', dal: '2024-04-08' }],
    });
  });

  it('a member who left keeps the link for the period they belonged, with the household’s supports of that period', () => {
    expect(json(toCasoPaisDto(withCaso(), link(F.CONIUGE_CF)))).toEqual({
      ...CASO,
      ruolo: 'CONIUGE',
      periodi: [{ dal: '2024-02-05', al: '2024-10-15' }],
      attuale: false,
      sostegni: [S3_NUCLEO],
      impegni: [],
    });
  });

  it('carries no other member’s codice fiscale', () => {
    const text = JSON.stringify(toCasoPaisDto(withCaso(), link(F.FIGLIO_CF)));
    for (const other of [F.RICHIEDENTE_CF, F.CONIUGE_CF, F.NEONATA_CF, F.OPERATORE_CF, F.COORDINATORE_CF]) expect(text).not.toContain(other);
    expect(JSON.parse(text)).toMatchObject({ ruolo: 'FIGLIO', impegni: [{ id: 'I2', tipo: 'FREQUENZA_SCOLASTICA', dal: '2024-04-08', al: '2025-06-30' }] });
  });
});

describe('the whole case (caso-pais e-service)', () => {
  const dto = json(toCasoDto(vista)) as Record<string, unknown>;

  it('the case record with its ente history and operators by role only', () => {
    expect(dto.casoId).toBe('GEPI-CASO-0001');
    expect(dto.caso).toEqual({
      versione: 1,
      domandaId: 'ADI-2024-000123',
      misura: 'ADI',
      stato: 'PATTO_SOTTOSCRITTO',
      dataApertura: '2024-02-05',
      dataAssegnazione: '2024-02-12',
      enteCorrente: { tipo: 'ATS', codice: 'LOM_23', dal: '2024-09-01' },
      enti: [
        { tipo: 'COMUNE', codice: 'F205', dal: '2024-02-05', al: '2024-08-31' },
        { tipo: 'ATS', codice: 'LOM_23', dal: '2024-09-01' },
      ],
      operatori: [
        { ruolo: 'CASE_MANAGER', dal: '2024-02-12' },
        { ruolo: 'COORDINATORE', dal: '2024-02-05' },
      ],
    });
    const text = JSON.stringify(dto);
    expect(text).not.toContain(F.OPERATORE_CF);
    expect(text).not.toContain(F.COORDINATORE_CF);
  });

  it('members with their periods and flags, by codice fiscale', () => {
    const byCf = Object.fromEntries((dto.membri as Array<{ codiceFiscale: string }>).map((m) => [m.codiceFiscale, m]));
    expect(Object.keys(byCf).sort()).toEqual([F.RICHIEDENTE_CF, F.FIGLIO_CF, F.NEONATA_CF, F.CONIUGE_CF].sort());
    expect(byCf[F.CONIUGE_CF]).toEqual({
      codiceFiscale: F.CONIUGE_CF,
      ruolo: 'CONIUGE',
      periodi: [{ dal: '2024-02-05', al: '2024-10-15' }],
      attuale: false,
      condizioni: ['SVANTAGGIO'],
      categoriaSvantaggio: 'DIPENDENZE',
      inScala: true,
      attivabile: false,
      caricoCura: false,
      esonerato: true,
    });
    expect(byCf[F.NEONATA_CF]).toMatchObject({ ruolo: 'FIGLIO', periodi: [{ dal: '2024-06-10' }], attuale: true, condizioni: ['MINORE'] });
  });

  it('documents with every version received, the ente in charge when each was drawn up, and the gaps', () => {
    const [pais] = dto.pais as Array<Record<string, unknown>>;
    expect(pais).toMatchObject({ id: 'GEPI-PAIS-0001', eliminato: false, versioniMancanti: [1], versioneCorrente: 2 });
    const [v2] = pais!.versioni as Array<Record<string, unknown>>;
    expect(v2).toMatchObject({ numeroVersione: 2, versioneRecord: 1, ente: { tipo: 'COMUNE', codice: 'F205', dal: '2024-02-05', al: '2024-08-31' } });
    expect(v2!.dati).toEqual({
      numeroVersione: 2,
      statoDocumento: 'DEFINITIVO',
      dataRedazione: '2024-04-02',
      stato: 'SOTTOSCRITTO',
      semplificato: false,
      dataSottoscrizione: '2024-04-05',
      dataInizio: '2024-04-08',
      dataFine: '2025-04-07',
      obiettivoGenerale: 'Autonomia economica del nucleo',
      obiettivi: [
        { id: 'OB1', descrizione: 'Inserimento lavorativo della richiedente' },
        { id: 'OB2', descrizione: 'Frequenza scolastica regolare' },
      ],
      risultatiAttesi: [{ obiettivoId: 'OB1', codiceFiscale: F.RICHIEDENTE_CF, descrizione: 'Completare un tirocinio', indicatore: 'Tirocinio concluso', scadenza: '2024-12-31' }],
      sostegni: [
        { id: 'S1', tipo: 'TIROCINIO_INCLUSIONE', fornitore: SERVIZIO_SOCIALE, dal: '2024-05-06', al: '2024-11-05', beneficiari: [F.RICHIEDENTE_CF], tirocinio: TIROCINIO },
        { id: 'S2', tipo: 'EDUCATIVA_DOMICILIARE', fornitore: COOPERATIVA, dal: '2024-04-15', beneficiari: [F.FIGLIO_CF] },
        { id: 'S3', tipo: 'SOSTEGNO_ABITATIVO', fornitore: SERVIZIO_SOCIALE, dal: '2024-04-15', beneficiari: [] },
      ],
      impegni: [
        { id: 'I1', codiceFiscale: F.RICHIEDENTE_CF, tipo: 'COLLOQUI_SERVIZIO', descrizione: 'Colloquio mensile con il case manager', dal: '2024-04-08' },
        { id: 'I2', codiceFiscale: F.FIGLIO_CF, tipo: 'FREQUENZA_SCOLASTICA', dal: '2024-04-08', al: '2025-06-30' },
      ],
    });
    expect(dto.analisiPreliminari).toEqual([
      {
        id: 'GEPI-AP-0001',
        eliminato: false,
        versioni: [
          {
            numeroVersione: 1,
            versioneRecord: 1,
            ente: { tipo: 'COMUNE', codice: 'F205', dal: '2024-02-05', al: '2024-08-31' },
            dati: {
              numeroVersione: 1,
              statoDocumento: 'DEFINITIVO',
              dataRedazione: '2024-03-01',
              dataIncontro: '2024-02-28',
              bisogni: [{ ambito: 'LAVORO', codiceFiscale: F.RICHIEDENTE_CF, descrizione: 'Ricerca di un impiego compatibile con la cura dei figli' }, { ambito: 'ABITATIVO' }],
              risorse: ['Rete familiare disponibile'],
              esito: 'QUADRO_ANALISI',
            },
          },
        ],
        versioniMancanti: [],
        versioneCorrente: 1,
      },
    ]);
    expect((dto.quadriAnalisi as Array<{ versioni: Array<{ dati: unknown }> }>)[0]!.versioni[0]!.dati).toEqual({
      numeroVersione: 1,
      statoDocumento: 'DEFINITIVO',
      dataRedazione: '2024-03-20',
      equipeId: 'GEPI-EM-0001',
      provvisorio: false,
      dimensioni: [
        { ambito: 'LAVORO', codiceFiscale: F.RICHIEDENTE_CF, livello: 'ALTO' },
        { ambito: 'ISTRUZIONE_FORMAZIONE', codiceFiscale: F.FIGLIO_CF, livello: 'MEDIO', descrizione: 'Frequenza irregolare' },
      ],
    });
    expect(dto.documentiConVersioniMancanti).toEqual([{ entita: 'pais', id: 'GEPI-PAIS-0001', versioniMancanti: [1] }]);
  });

  it('équipe, PUC and PAD', () => {
    expect(dto.equipe).toEqual([
      {
        id: 'GEPI-EM-0001',
        versione: 1,
        dataCostituzione: '2024-03-10',
        componenti: [
          { ruolo: 'CASE_MANAGER', organizzazione: SERVIZIO_SOCIALE },
          { ruolo: 'OPERATORE_CPI', organizzazione: { tipo: 'CPI', denominazione: "Centro per l'impiego di Milano" } },
          { ruolo: 'OPERATORE_TERZO_SETTORE', organizzazione: COOPERATIVA },
        ],
      },
    ]);
    expect(dto.partecipazioniPuc).toEqual([
      {
        id: 'GEPI-PUC-0001',
        versione: 1,
        codiceFiscale: F.RICHIEDENTE_CF,
        progettoId: 'PUC-F205-0042',
        titoloProgetto: 'Cura del verde pubblico',
        comune: 'F205',
        ambito: 'AMBIENTALE',
        dataInizio: '2024-05-06',
        dataFine: '2024-11-29',
        oreSettimanali: 8,
        presenze: [
          { mese: '2024-05', oreSvolte: 32 },
          { mese: '2024-06', oreSvolte: 28 },
        ],
      },
    ]);
    expect(dto.pad).toEqual([
      {
        id: 'PAD-2024-000123',
        versione: 1,
        dataSottoscrizione: '2024-01-15',
        richiedenteCf: F.RICHIEDENTE_CF,
        componenti: [
          { codiceFiscale: F.RICHIEDENTE_CF, percorso: 'LAVORATIVO', categorizzazioni: { condizioni: [], attivazione: 'ATTIVABILE' } },
          { codiceFiscale: F.FIGLIO_CF, percorso: 'SOCIALE', categorizzazioni: { condizioni: ['MINORE'], attivazione: 'NON_ATTIVABILE' } },
          {
            codiceFiscale: F.CONIUGE_CF,
            percorso: 'ESONERATO',
            motivoEsonero: 'Programma terapeutico in corso',
            categorizzazioni: { condizioni: ['SVANTAGGIO'], categoriaSvantaggio: 'DIPENDENZE', attivazione: 'ESONERATO' },
          },
        ],
        atsCompetente: 'LOM_23',
        cpiComune: 'F205',
      },
    ]);
  });

  it('a case whose case record has not arrived is served with caso null', () => {
    const senza = json(toCasoDto(projectCaso(casoGepi({ casoId: 'GEPI-CASO-0009', entita: ['nucleo-caso'] })))) as Record<string, unknown>;
    expect(senza).toMatchObject({ casoId: 'GEPI-CASO-0009', caso: null, pais: [], equipe: [] });
    expect(senza.membri).toHaveLength(4);
  });

  it('the citizens whose data it carries: the four members (the one who left too), no operator, no organisation', () => {
    expect(cittadiniDelCaso(vista)).toEqual([F.RICHIEDENTE_CF, F.FIGLIO_CF, F.NEONATA_CF, F.CONIUGE_CF].sort());
  });
});

describe('PUC from SIISL and GePI, unified', () => {
  const siisl = project(applySociale(emptyCittadino(F.RICHIEDENTE_CF), 'puc', { ...siislFixtures.valid('puc'), codiceFiscale: F.RICHIEDENTE_CF } as never).state).puc;
  const gepi = link(F.RICHIEDENTE_CF).partecipazioniPuc.map((p) => ({ ...p, casoId: F.CASO_ID }));

  it('the same project and period reported by both sources is one entry naming both, with GePI’s attendance', () => {
    expect(json(toPartecipazioniPucDto(siisl, gepi))).toEqual([
      {
        progettoId: 'PUC-F205-0042',
        titoloProgetto: 'Cura del verde pubblico',
        comune: 'F205',
        ambito: 'AMBIENTALE',
        dataInizio: '2024-05-06',
        dataFine: '2024-11-29',
        oreSettimanali: 8,
        oreSvolte: 60,
        fonti: [
          { fonte: 'SIISL', id: siislFixtures.valid('puc').id, versione: 1 },
          { fonte: 'GEPI', id: 'GEPI-PUC-0001', versione: 1, casoId: 'GEPI-CASO-0001' },
        ],
      },
    ]);
  });

  it('a SIISL participation alone keeps SIISL’s hours and names SIISL only', () => {
    expect(json(toPartecipazioniPucDto(siisl, []))).toEqual([
      {
        progettoId: 'PUC-F205-0042',
        titoloProgetto: 'Cura del verde pubblico',
        comune: 'F205',
        dataInizio: '2024-05-06',
        dataFine: '2024-11-29',
        oreSettimanali: 8,
        oreSvolte: 160,
        fonti: [{ fonte: 'SIISL', id: siislFixtures.valid('puc').id, versione: 1 }],
      },
    ]);
  });
});
