import type { AccessAuditService } from '../audit/access-audit.service';
import type { CartellaLavorativaDto } from '../cartella-lavorativa.contract';
import type { ConsumerEntry, Grant } from '../registry/authorizations';
import type { EserviceCall } from '../security/eservice-call';
import { FascicoloService, type FascicoloSources } from './fascicolo.service';
import { projectCaso } from '@fsl/cartella-sociale';
import { gepiFixtures as F } from '@fsl/gepi';
import { casoGepi } from '../../test/support/gepi';
import { coversWholeCartella, vedeCaso } from './scope';
import { decodeFlusso, type PrestazioneSociale } from '@fsl/siuss';
import { psEntry, CF as CF_PS } from '../../../../libs/siuss/src/fixtures';
import { toPrestazioniSocialiDto } from './prestazioni-sociali';

// Two cases of the fixture household: one managed by the comune H501 throughout, one moved from the comune
// F205 to the ambito LOM_23 (the fixture's history).
const H501 = projectCaso(casoGepi({ casoId: 'GEPI-CASO-H501', enti: [{ tipo: 'COMUNE', codice: 'H501', dal: '2024-02-05' }] }));
const MOVED = projectCaso(casoGepi({ casoId: 'GEPI-CASO-MOVED' }));
const casoPais = (id: string, enteGestore: string) => expect.objectContaining({ identificativo: id, enteGestore, ruolo: 'RICHIEDENTE' });
const grant = (g: Partial<Grant>): Grant => ({ purposeId: 'p', description: 'd', eservices: ['fascicolo'], dati: [], datiParticolari: [], casiPais: 'ente', soloInteressato: false, ...g });
const consumer = (ente?: string) => ({ id: 'c', name: 'C', clientIds: ['x'], purposes: [], ...(ente ? { ente } : {}) }) as unknown as ConsumerEntry;

describe('data scope', () => {
  it('an ente-scoped grant sees only the cases its own ente manages today; "tutti" sees all', () => {
    expect(vedeCaso(H501, grant({ casiPais: 'ente' }), consumer('H501'))).toBe(true);
    expect(vedeCaso(MOVED, grant({ casiPais: 'ente' }), consumer('H501'))).toBe(false);
    expect(vedeCaso(H501, grant({ casiPais: 'ente' }), consumer())).toBe(false);
    expect(vedeCaso(MOVED, grant({ casiPais: 'tutti' }), consumer('H501'))).toBe(true);
  });

  it('after a move the case belongs to the new ente: the old one no longer sees it', () => {
    expect(vedeCaso(MOVED, grant({ casiPais: 'ente' }), consumer('LOM_23'))).toBe(true);
    expect(vedeCaso(MOVED, grant({ casiPais: 'ente' }), consumer('F205'))).toBe(false);
  });

  it('a case whose case record has not arrived names no manager: only "tutti" sees it', () => {
    const senza = projectCaso(casoGepi({ casoId: 'GEPI-CASO-SENZA', entita: ['nucleo-caso'] }));
    expect(vedeCaso(senza, grant({ casiPais: 'ente' }), consumer('F205'))).toBe(false);
    expect(vedeCaso(senza, grant({ casiPais: 'tutti' }), consumer())).toBe(true);
  });
  it('the dossier itself is visible through a whole cartella, not through ente-scoped cases alone', () => {
    expect(coversWholeCartella(grant({ casiPais: 'ente' }), ['sociale'])).toBe(false);
    expect(coversWholeCartella(grant({ casiPais: 'tutti' }), ['sociale'])).toBe(true);
    expect(coversWholeCartella(grant({}), ['lavorativa'])).toBe(true);
    expect(coversWholeCartella(grant({}), [])).toBe(false);
  });
});

describe('FascicoloService.read', () => {
  const KNOWN = F.RICHIEDENTE_CF;
  const lavorativa = { codiceFiscale: KNOWN, versione: 4, calcolataAl: '2026-01-01', rapporti: [], periodi: [], siisl: { curriculum: null, versioniCurriculum: [], proposteLavoro: [] } } as CartellaLavorativaDto;
  const reads: string[] = [];
  const empty = (cf: string) => ({ codiceFiscale: cf, misure: [], puc: [], iscrizioni: [], manifestazioniInteresse: [] });
  const sources = (versione = 4): FascicoloSources => ({
    versions: { of: async (cf: string) => (reads.push(`versione:${cf}`), cf === KNOWN ? versione : undefined) },
    lavorativa: {
      find: async (cf: string, concessi?: { permessoSoggiorno: boolean }) => (
        reads.push(`lavorativa:${cf}${concessi?.permessoSoggiorno ? '+permesso' : ''}`), cf === KNOWN ? { ...lavorativa, versione } : undefined
      ),
    },
    casiPais: { ofCittadino: async (cf: string) => (reads.push(`casi:${cf}`), cf === KNOWN ? { versione, cartella: [H501, MOVED] } : undefined) },
    sociale: { find: async (cf: string) => (reads.push(`sociale:${cf}`), cf === KNOWN ? { versione, cartella: empty(cf) } : undefined) },
    formativa: { find: async (cf: string) => (reads.push(`formativa:${cf}`), cf === KNOWN ? { versione, cartella: empty(cf) } : undefined) },
    prestazioniSociali: { find: async (cf: string) => (reads.push(`prestazioni:${cf}`), cf === KNOWN ? { versione, cartella: [] } : undefined) },
  });
  const service = new FascicoloService((read) => read(sources()), {} as AccessAuditService);
  const call = (g: Partial<Grant>, ente?: string) => ({ grant: grant(g), consumer: consumer(ente) }) as unknown as EserviceCall;
  const socialeVuota = { casiPais: [], misureInclusione: [], partecipazioniPuc: [], prestazioniSociali: [] };
  const formativaVuota = { iscrizioni: [], manifestazioniInteresse: [] };

  beforeEach(() => (reads.length = 0));

  it('a labour purpose gets only the cartella lavorativa, and the social and training reads are not even made', async () => {
    const view = await service.read(call({ dati: ['lavorativa'] }), KNOWN, ['lavorativa', 'sociale', 'formativa']);
    expect(view).toEqual({ versione: 4, cartellaLavorativa: lavorativa });
    expect(reads).toEqual([`lavorativa:${KNOWN}`]);
  });

  it('asks for the residence permit only for a purpose granted it', async () => {
    await service.read(call({ dati: ['lavorativa'], datiParticolari: ['permessoSoggiorno'] }), KNOWN, ['lavorativa']);
    await service.read(call({ dati: ['lavorativa'] }), KNOWN, ['lavorativa']);
    expect(reads).toEqual([`lavorativa:${KNOWN}+permesso`, `lavorativa:${KNOWN}`]);
  });

  it('the version comes with the cartelle read, from the dossier row alone only when no cartella is read whole', async () => {
    await service.read(call({ dati: ['sociale'], casiPais: 'tutti' }), KNOWN, ['sociale']);
    expect(reads.sort()).toEqual([`casi:${KNOWN}`, `prestazioni:${KNOWN}`, `sociale:${KNOWN}`]);
    reads.length = 0;
    await service.read(call({ dati: ['sociale'] }, 'H501'), KNOWN, ['sociale']);
    expect(reads).toEqual([`casi:${KNOWN}`]);
  });

  it('reads the cartelle of one answer on one snapshot, whose sources are made for that read alone', async () => {
    const announced: (number | undefined)[] = [];
    const once = new FascicoloService((read, statements) => (announced.push(statements), read(sources(5))), {} as AccessAuditService);
    const view = await once.read(call({ dati: ['lavorativa', 'sociale', 'formativa'], casiPais: 'tutti' }), KNOWN, ['lavorativa', 'sociale', 'formativa']);
    expect(reads.sort()).toEqual([`casi:${KNOWN}`, `formativa:${KNOWN}`, `lavorativa:${KNOWN}`, `prestazioni:${KNOWN}`, `sociale:${KNOWN}`]);
    expect(view.versione).toBe(5);
    // The cartella lavorativa alone is one statement, which needs no transaction.
    await once.read(call({ dati: ['lavorativa'] }), KNOWN, ['lavorativa']);
    expect(announced).toEqual([5, 1]);
  });

  it('an ente-scoped social purpose: its cases with the version and no SIISL measures, or the unknown-citizen answer', async () => {
    expect(await service.read(call({ dati: ['sociale'] }, 'LOM_23'), KNOWN, ['sociale'])).toEqual({ versione: 4, cartellaSociale: { ...socialeVuota, casiPais: [casoPais('GEPI-CASO-MOVED', 'LOM_23')] } });
    expect(reads).not.toContain(`sociale:${KNOWN}`);
    expect(reads).not.toContain(`prestazioni:${KNOWN}`);
    // F205 managed the moved case before the move: it no longer sees it, nor the citizen.
    const none = await service.read(call({ dati: ['sociale'] }, 'F205'), KNOWN, ['sociale']);
    const unknown = await service.read(call({ dati: ['sociale'] }, 'F205'), 'BNCLCU90S02F205X', ['sociale']);
    expect(none).toEqual({ versione: 0, cartellaSociale: socialeVuota });
    expect(none).toEqual(unknown);
  });

  it('an unknown codice fiscale: version 0 and empty cartelle, whatever the grant', async () => {
    const view = await service.read(call({ dati: ['lavorativa', 'sociale', 'formativa'], casiPais: 'tutti' }), 'BNCLCU90S02F205X', ['lavorativa', 'sociale', 'formativa']);
    expect(view).toEqual({ versione: 0, cartellaLavorativa: null, cartellaSociale: socialeVuota, cartellaFormativa: formativaVuota });
  });

  it('a known citizen without SIISL records: empty sociale and formativa, with the dossier version', async () => {
    expect(await service.read(call({ dati: ['sociale', 'formativa'], casiPais: 'tutti' }), KNOWN, ['sociale', 'formativa'])).toEqual({
      versione: 4,
      cartellaSociale: {
        ...socialeVuota,
        casiPais: [casoPais('GEPI-CASO-H501', 'H501'), casoPais('GEPI-CASO-MOVED', 'LOM_23')],
        // GePI's PUC of the two cases (same project and period in both, fixture records): one entry, both named.
        partecipazioniPuc: [expect.objectContaining({ progettoId: 'PUC-F205-0042', fonti: [expect.objectContaining({ casoId: 'GEPI-CASO-H501' }), expect.objectContaining({ casoId: 'GEPI-CASO-MOVED' })] })],
      },
      cartellaFormativa: formativaVuota,
    });
  });
});

describe('the municipalities\' benefits in the cartella sociale', () => {
  // The hand-written flow of libs/siuss's fixtures: a periodic benefit A1.04 of the comune F205.
  const decoded = decodeFlusso(psEntry());
  if (!decoded.ok) throw new Error('the fixture flow must decode');
  const prestazione = decoded.prestazione as PrestazioneSociale;

  it('maps code, nomenclature name, dates, amounts and shares in cents, ISEE threshold and municipality — no SINA, no registry data', () => {
    expect(toPrestazioniSocialiDto([prestazione])).toEqual([
      {
        codicePrestazione: 'A1.04',
        nomePrestazione: 'Contributi economici a integrazione del reddito Familiare',
        denominazionePrestazione: 'Contributo per il sostegno al reddito familiare',
        carattere: 'PERIODICA',
        ente: { codice: 'F205', denominazione: 'Comune di Milano' },
        protocolloDomanda: 'PG/2024/0012345',
        dataEvento: '2024-12-20',
        dataInizio: '2025-01-01',
        dataFine: '2025-06-30',
        dataErogazione: undefined,
        importoMensileCentesimi: 30000,
        importoCentesimi: undefined,
        quote: { enteCentesimi: 25000, utenteCentesimi: 5000, ssnCentesimi: undefined, richiestaCentesimi: 30000 },
        sogliaIseeCentesimi: 936000,
        idFlusso: 'F205.PS.20250110.0000012',
      },
    ]);
    expect(JSON.stringify(toPrestazioniSocialiDto([prestazione]))).not.toContain(CF_PS);
  });

  it('are served to a purpose of the whole cartella sociale, not to one limited to its ente\'s PaIS cases', async () => {
    const KNOWN = F.RICHIEDENTE_CF;
    const src = {
      versions: { of: async () => 3 },
      lavorativa: { find: async () => undefined },
      casiPais: { ofCittadino: async () => ({ versione: 3, cartella: [H501] }) },
      sociale: { find: async (cf: string) => ({ versione: 3, cartella: { codiceFiscale: cf, misure: [], puc: [] } }) },
      formativa: { find: async () => undefined },
      prestazioniSociali: { find: async () => ({ versione: 3, cartella: [prestazione] }) },
    } as unknown as FascicoloSources;
    const service = new FascicoloService((read) => read(src), {} as AccessAuditService);
    const call = (g: Partial<Grant>, ente?: string) => ({ grant: grant({ dati: ['sociale'], ...g }), consumer: consumer(ente) }) as unknown as EserviceCall;
    const tutti = await service.read(call({ casiPais: 'tutti' }), KNOWN, ['sociale']);
    expect(tutti.cartellaSociale?.prestazioniSociali.map((p) => p.codicePrestazione)).toEqual(['A1.04']);
    const ente = await service.read(call({ casiPais: 'ente' }, 'H501'), KNOWN, ['sociale']);
    expect(ente.cartellaSociale?.prestazioniSociali).toEqual([]);
  });
});
