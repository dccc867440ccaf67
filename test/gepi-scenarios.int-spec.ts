import { type Entita } from '@fsl/gepi';
import type { RunningApp } from './support/processes';
import { isolation, randomCf, waitFor } from './support/env';
import { componenti, ingestGepi, nuovoCaso, startGepiApps, type Dati, type Rec } from './support/gepi-casi';
import { startApi, type Answer, type Harness } from '../apps/api/test/support/harness';

// GePI end to end with the real apps: ingest-gepi (HTTP) → Kafka → dossier-builder → Postgres → the api's
// cartella-sociale and caso-pais e-services. A case goes through its life (states, closure, a stale version,
// a duplicate, a conflict, deletion), its PaIS through versions in order, out of order, repeated and with a
// gap, its household through a member leaving and a child being born, and the case through a move from a
// comune to an ambito, with each ente's consumer seeing it only while it manages it. Records are libs/gepi's
// fixtures under fresh case, record and application ids and fresh codici fiscali: the ingest's claims and
// the projections are shared tables.

const F205 = { tipo: 'COMUNE', codice: 'F205', dal: '2024-02-05' };

describe('GePI scenarios: ingest-gepi → Kafka → builder → cartella-sociale and caso-pais e-services', () => {
  const { prefix, group } = isolation('gepi-scen');
  const apps: Record<string, RunningApp> = {};
  let api: Harness;

  beforeAll(async () => {
    await startGepiApps(prefix, group, apps);
    const sociale = { eservices: ['fascicolo', 'cartella-sociale', 'caso-pais'], dati: ['sociale'] };
    api = await startApi({
      tutti: { purpose: { ...sociale, casiPais: 'tutti' } },
      comune: { ente: 'F205', purpose: { ...sociale, casiPais: 'ente' } },
      ambito: { ente: 'LOM_23', purpose: { ...sociale, casiPais: 'ente' } },
    } as Parameters<typeof startApi>[0]);
  }, 120000);

  afterAll(async () => {
    await Promise.all(Object.values(apps).map((a) => a.stop()));
    await api?.close();
  }, 60000);

  const { send, accepted } = ingestGepi(() => apps['ingest-gepi'].url);

  async function conflict(entita: Entita, rec: Rec, cfs: readonly string[]) {
    const res = await send(entita, rec);
    expect(res.status).toBe(409);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    for (const cf of cfs) expect(JSON.stringify(res.body)).not.toContain(cf);
  }

  type Vista = {
    casoId: string;
    caso: null | { versione: number; stato: string; dataChiusura?: string; motivoChiusura?: string; enteCorrente: { codice: string }; enti: unknown[] } & Record<string, unknown>;
    membri: Array<{ codiceFiscale: string; ruolo: string; periodi: unknown[]; attuale: boolean }>;
    pais: Array<{ id: string; eliminato: boolean; versioni: Array<{ numeroVersione: number; versioneRecord: number; ente?: { codice: string }; dati: Record<string, unknown> }>; versioniMancanti: number[]; versioneCorrente?: number }>;
    partecipazioniPuc: Array<{ id: string; versione: number }>;
    equipe: Array<{ id: string; versione: number }>;
    documentiConVersioniMancanti: unknown[];
  };
  type Link = {
    identificativo: string;
    enteGestore: string;
    stato: string;
    ruolo: string;
    periodi: unknown[];
    attuale: boolean;
    pais?: { id: string; numeroVersione: number; stato: string };
    sostegni: Array<{ id: string; paisId: string; perNucleo: boolean }>;
    impegni: Array<{ id: string; paisId: string }>;
    documentiConVersioniMancanti: unknown[];
  } & Record<string, unknown>;

  const casoPais = (consumer: string, casoId: string): Promise<Answer> => api.call('caso-pais', api.consumers[consumer]!, { body: { casoId } });
  const cartella = async (consumer: string, cf: string): Promise<{ versione: number; cartellaSociale: { casiPais: Link[] } & Record<string, unknown> }> => {
    const res = await api.call('cartella-sociale', api.consumers[consumer]!, { body: { codiceFiscale: cf } });
    expect(res.status).toBe(200);
    return res.body as never;
  };

  /** Polls the case e-service (every case visible) until `pick` finds what the builder was to apply. */
  const untilCaso = <T>(what: string, casoId: string, pick: (v: Vista) => T | undefined) =>
    waitFor(
      what,
      async () => {
        const res = await casoPais('tutti', casoId);
        return res.status === 200 ? pick((res.body as { caso: Vista }).caso) : undefined;
      },
      30000,
      250,
    );
  /** Polls a citizen's cartella sociale until `pick` finds what the builder was to apply. */
  const untilLink = <T>(what: string, cf: string, pick: (links: Link[]) => T | undefined) => waitFor(what, async () => pick((await cartella('tutti', cf)).cartellaSociale.casiPais), 30000, 250);

  it('case lifecycle: assigned, patto signed, closed; a stale version, a duplicate and a conflict change nothing; deletion voids', async () => {
    const c = nuovoCaso();
    const { richiedente, figlio } = c.cf;
    const operatori = (c.record('caso', 1).dati as { operatori: unknown[] }).operatori;
    const caso = (n: number, dati: Dati) => c.record('caso', n, { domandaId: c.ids.domanda, enti: [F205], operatori, ...dati });
    const assegnato = caso(1, { stato: 'ASSEGNATO' });
    await accepted('caso', assegnato);
    await accepted('nucleo-caso', c.record('nucleo-caso', 1, componenti(c)));
    const first = await untilCaso('case v1', c.id, (v) => (v.caso?.versione === 1 && v.membri.length === 3 ? v : undefined));
    expect(first.caso).toEqual({
      versione: 1,
      domandaId: c.ids.domanda,
      misura: 'ADI',
      stato: 'ASSEGNATO',
      dataApertura: '2024-02-05',
      dataAssegnazione: '2024-02-12',
      enteCorrente: F205,
      enti: [F205],
      operatori: [
        { ruolo: 'CASE_MANAGER', dal: '2024-02-12' },
        { ruolo: 'COORDINATORE', dal: '2024-02-05' },
      ],
    });
    expect(await untilLink('the case in the applicant’s cartella', richiedente, (l) => l[0])).toMatchObject({ identificativo: c.id, stato: 'ASSEGNATO', ruolo: 'RICHIEDENTE', attuale: true, enteGestore: 'F205' });

    await accepted('caso', caso(2, { stato: 'PATTO_SOTTOSCRITTO' }));
    expect((await untilCaso('case v2', c.id, (v) => (v.caso?.versione === 2 ? v : undefined))).caso).toMatchObject({ stato: 'PATTO_SOTTOSCRITTO' });
    expect(await untilLink('the signed patto for the son', figlio, (l) => (l[0]?.stato === 'PATTO_SOTTOSCRITTO' ? l[0] : undefined))).toMatchObject({ identificativo: c.id, ruolo: 'FIGLIO' });

    // Closed in v4; v3 (monitoring) arrives late, v1 again, and v2 with other content.
    await accepted('caso', caso(4, { stato: 'CHIUSO', dataChiusura: '2025-03-31', motivoChiusura: 'OBIETTIVI_RAGGIUNTI' }));
    await accepted('caso', caso(3, { stato: 'MONITORAGGIO' }), 'ACCETTATA', true);
    await accepted('caso', assegnato, 'DUPLICATA');
    await conflict('caso', caso(2, { stato: 'MONITORAGGIO' }), [richiedente, figlio]);
    // A record of the same case after them: once it is applied, so is everything sent before it (one key, one partition).
    await accepted('nucleo-caso', c.record('nucleo-caso', 2, componenti(c, { coniugeUscito: true })));
    const closed = await untilCaso('closure and the household v2', c.id, (v) => (v.membri.some((m) => !m.attuale) ? v : undefined));
    expect(closed.caso).toMatchObject({ versione: 4, stato: 'CHIUSO', dataChiusura: '2025-03-31', motivoChiusura: 'OBIETTIVI_RAGGIUNTI' });
    expect((await cartella('tutti', richiedente)).cartellaSociale.casiPais).toEqual([expect.objectContaining({ identificativo: c.id, stato: 'CHIUSO', dataChiusura: '2025-03-31' })]);

    await accepted('caso', c.deletion('caso', 5));
    // Without its case record the case names no ente and no state: the members' cartelle no longer list it.
    expect(await untilCaso('case record deleted', c.id, (v) => (v.caso === null ? v : undefined))).toMatchObject({ casoId: c.id, caso: null });
    await untilLink('the applicant’s link gone', richiedente, (l) => (l.length === 0 ? true : undefined));
    expect((await cartella('tutti', figlio)).cartellaSociale.casiPais).toEqual([]);
  });

  it('PaIS versions: in order, repeated, with a gap listed until it is filled by a late, stale record; each version addressable', async () => {
    const c = nuovoCaso();
    const { richiedente, figlio } = c.cf;
    const paisId = c.ids.pais;
    await accepted('caso', c.record('caso', 1, { enti: [F205] }));
    await accepted('nucleo-caso', c.record('nucleo-caso', 1, componenti(c)));

    const fixturePais = c.record('pais', 1).dati as { sostegni: Array<Record<string, unknown>>; impegni: Array<Record<string, unknown>> };
    const [s1, s2, s3] = fixturePais.sostegni;
    const [, i2] = fixturePais.impegni;
    const draft = c.record('pais', 1, { numeroVersione: 1, statoDocumento: 'BOZZA', stato: 'BOZZA', dataSottoscrizione: undefined, dataRedazione: '2024-03-25', obiettivoGenerale: 'Prima stesura' });
    const signed = c.record('pais', 2, { numeroVersione: 1, obiettivoGenerale: 'Autonomia economica del nucleo' });
    const i3 = { id: 'I3', codiceFiscale: richiedente, tipo: 'COLLOQUI_SERVIZIO', descrizione: 'Colloquio quindicinale', dal: '2024-10-01' };
    const revision3 = c.record('pais', 5, { numeroVersione: 3, dataRedazione: '2024-10-01', obiettivoGenerale: 'Terza revisione', sostegni: [s2, s3], impegni: [i2, i3] });
    const revision2 = c.record('pais', 4, { numeroVersione: 2, dataRedazione: '2024-07-01', obiettivoGenerale: 'Seconda revisione' });

    // In order: the draft of version 1, then its definitive form (the same number, a higher record version).
    await accepted('pais', JSON.parse(JSON.stringify(draft)));
    await accepted('pais', signed);
    const v1 = await untilCaso('PaIS 1 definitive', c.id, (v) => (v.pais[0]?.versioni[0]?.versioneRecord === 2 ? v.pais[0] : undefined));
    expect(v1.versioni.map((x) => [x.numeroVersione, x.versioneRecord, x.dati.statoDocumento, x.dati.obiettivoGenerale])).toEqual([[1, 2, 'DEFINITIVO', 'Autonomia economica del nucleo']]);
    expect([v1.versioniMancanti, v1.versioneCorrente]).toEqual([[], 1]);
    await accepted('pais', JSON.parse(JSON.stringify(draft)), 'DUPLICATA');
    await conflict('pais', c.record('pais', 2, { numeroVersione: 1, obiettivoGenerale: 'Altro obiettivo' }), [richiedente, figlio]);

    // Version 3 before version 2: 2 is missing, on the case and in every member's link.
    await accepted('pais', revision3);
    const gap = await untilCaso('PaIS 3 with a gap', c.id, (v) => (v.pais[0]?.versioneCorrente === 3 ? v : undefined));
    expect(gap.pais[0].versioni.map((x) => x.numeroVersione)).toEqual([1, 3]);
    expect(gap.pais[0].versioniMancanti).toEqual([2]);
    expect(gap.documentiConVersioniMancanti).toEqual([{ entita: 'pais', id: paisId, versioniMancanti: [2] }]);
    const applicant = await untilLink('PaIS 3 in the applicant’s cartella', richiedente, (l) => (l[0]?.pais?.numeroVersione === 3 ? l[0] : undefined));
    expect(applicant.documentiConVersioniMancanti).toEqual([{ entita: 'pais', id: paisId, versioniMancanti: [2] }]);
    // Version 3 dropped the internship and replaced the applicant's commitment list.
    expect(applicant.sostegni.map((s) => [s.paisId, s.id, s.perNucleo])).toEqual([[paisId, 'S3', true]]);
    expect(applicant.impegni.map((i) => [i.paisId, i.id])).toEqual([[paisId, 'I3']]);

    // Version 2 arrives last, as an older record: stale, yet it fills the gap and is addressable.
    await accepted('pais', revision2, 'ACCETTATA', true);
    await accepted('pais', revision3, 'DUPLICATA');
    const filled = await untilCaso('the gap filled', c.id, (v) => (v.pais[0]?.versioniMancanti.length === 0 ? v : undefined));
    expect(filled.pais[0].versioni.map((x) => [x.numeroVersione, x.versioneRecord, x.dati.obiettivoGenerale, x.ente?.codice])).toEqual([
      [1, 2, 'Autonomia economica del nucleo', 'F205'],
      [2, 4, 'Seconda revisione', 'F205'],
      [3, 5, 'Terza revisione', 'F205'],
    ]);
    // Version 2 is the fixture's content: the applicant's internship, with its host.
    expect(filled.pais[0].versioni[1].dati.sostegni).toEqual([
      { ...s1, beneficiari: [richiedente] },
      { ...s2, beneficiari: [figlio] },
      { ...s3, beneficiari: [] },
    ]);
    expect(filled.pais[0].versioneCorrente).toBe(3);
    expect(filled.documentiConVersioniMancanti).toEqual([]);
    const son = (await cartella('tutti', figlio)).cartellaSociale.casiPais;
    expect(son).toEqual([expect.objectContaining({ pais: { id: paisId, numeroVersione: 3, stato: 'SOTTOSCRITTO' }, documentiConVersioniMancanti: [] })]);
    expect(son[0].sostegni.map((s) => [s.id, s.perNucleo])).toEqual([
      ['S2', false],
      ['S3', true],
    ]);
    expect(son[0].impegni.map((i) => i.id)).toEqual(['I2']);

    // Deleted in GePI: the document is void, no version is served, and nobody's cartella shows its supports.
    await accepted('pais', c.deletion('pais', 6));
    expect(await untilCaso('the PaIS deleted', c.id, (v) => (v.pais[0]?.eliminato ? v.pais[0] : undefined))).toEqual({ id: paisId, eliminato: true, versioni: [], versioniMancanti: [] });
    const voided = await untilLink('the son’s link without the PaIS', figlio, (l) => (l[0] && l[0].pais === undefined ? l[0] : undefined));
    expect(voided).toMatchObject({ identificativo: c.id, sostegni: [], impegni: [], documentiConVersioniMancanti: [] });
  });

  it('household changes: a member who left keeps the link for their period, a newborn joins; each sees their own sostegni and impegni', async () => {
    const c = nuovoCaso();
    const { richiedente, figlio, coniuge, neonata } = c.cf;
    const paisId = c.ids.pais;
    await accepted('caso', c.record('caso', 1, { enti: [F205] }));
    await accepted('nucleo-caso', c.record('nucleo-caso', 1, componenti(c)));
    // Two more supports for the whole household: mediation until 2024-05-31 (before the birth), family
    // support from 2024-11-01 (after the partner left). Each member gets those of their own periods.
    const paisDati = c.record('pais', 1).dati as { sostegni: unknown[] };
    const fornitore = { tipo: 'SERVIZIO_SOCIALE', denominazione: 'Servizio sociale del Comune di Milano' };
    const S4 = { id: 'S4', tipo: 'MEDIAZIONE_CULTURALE', fornitore, dal: '2024-04-15', al: '2024-05-31', beneficiari: [] };
    const S5 = { id: 'S5', tipo: 'SOSTEGNO_GENITORIALITA', fornitore, dal: '2024-11-01', beneficiari: [] };
    await accepted('pais', c.record('pais', 1, { sostegni: [...paisDati.sostegni, S4, S5] }));
    await accepted('partecipazione-puc', c.record('partecipazione-puc', 1));
    const before = await untilLink('the partner linked', coniuge, (l) => (l[0]?.pais ? l[0] : undefined));
    expect(before).toMatchObject({ identificativo: c.id, ruolo: 'CONIUGE', periodi: [{ dal: '2024-02-05' }], attuale: true });
    expect(before.sostegni.map((s) => s.id)).toEqual(['S3', 'S4', 'S5']);
    expect(await cartella('tutti', neonata)).toEqual({ versione: 0, cartellaSociale: { casiPais: [], misureInclusione: [], partecipazioniPuc: [], prestazioniSociali: [] } });

    // The partner leaves on 2024-10-15, a daughter is born on 2024-06-10.
    await accepted('nucleo-caso', c.record('nucleo-caso', 2, componenti(c, { coniugeUscito: true, neonata: true })));
    const baby = await untilLink('the newborn linked', neonata, (l) => l[0]);
    const S3 = { paisId, id: 'S3', tipo: 'SOSTEGNO_ABITATIVO', fornitore, dal: '2024-04-15', perNucleo: true };
    const [nucleoS4, nucleoS5] = [S4, S5].map(({ beneficiari: _b, ...s }) => ({ paisId, ...s, perNucleo: true }));
    expect(baby).toMatchObject({ identificativo: c.id, ruolo: 'FIGLIO', periodi: [{ dal: '2024-06-10' }], attuale: true, sostegni: [S3, nucleoS5], impegni: [] });

    const left = await untilLink('the partner left', coniuge, (l) => (l[0]?.attuale === false ? l[0] : undefined));
    expect(left).toMatchObject({ identificativo: c.id, ruolo: 'CONIUGE', periodi: [{ dal: '2024-02-05', al: '2024-10-15' }], sostegni: [S3, nucleoS4], impegni: [] });

    // Every record that changed the case raised the dossier of everyone linked to it before or after it: the
    // partner four times (the first household, the PaIS, the PUC, the second household, which she left by),
    // the newborn once (the second household, which brought her in).
    expect([(await cartella('tutti', coniuge)).versione, (await cartella('tutti', neonata)).versione]).toEqual([4, 1]);

    const applicantCartella = (await cartella('tutti', richiedente)).cartellaSociale;
    // GePI's PUC participation, the applicant's own: in the cartella sociale with its source and case.
    // The project as sent, with the hours of its monthly attendance summed (32 + 28).
    const { presenze: _presenze, ...progetto } = c.record('partecipazione-puc', 1).dati as Dati;
    expect(applicantCartella.partecipazioniPuc).toEqual([{ ...progetto, oreSvolte: 60, fonti: [{ fonte: 'GEPI', id: c.ids['partecipazione-puc'], versione: 1, casoId: c.id }] }]);
    for (const cf of [figlio, coniuge, neonata]) expect((await cartella('tutti', cf)).cartellaSociale.partecipazioniPuc).toEqual([]);
    const applicant = applicantCartella.casiPais;
    expect(applicant).toHaveLength(1);
    expect(applicant[0].sostegni.map((s) => [s.id, s.perNucleo])).toEqual([
      ['S1', false],
      ['S3', true],
      ['S4', true],
      ['S5', true],
    ]);
    expect(applicant[0].sostegni[0]).toMatchObject({ tipo: 'TIROCINIO_INCLUSIONE', tirocinio: { soggettoOspitante: { denominazione: 'ESEMPIO SRL' }, oreSettimanali: 20, indennitaMensileCentesimi: 50000 } });
    expect(applicant[0].impegni).toEqual([{ paisId, id: 'I1', tipo: 'COLLOQUI_SERVIZIO', descrizione: 'Colloquio mensile con il case manager', dal: '2024-04-08' }]);
    const son = (await cartella('tutti', figlio)).cartellaSociale.casiPais;
    expect(son[0].sostegni.map((s) => [s.id, s.perNucleo])).toEqual([
      ['S2', false],
      ['S3', true],
      ['S4', true],
      ['S5', true],
    ]);
    expect(son[0].impegni).toEqual([{ paisId, id: 'I2', tipo: 'FREQUENZA_SCOLASTICA', dal: '2024-04-08', al: '2025-06-30' }]);
    // A member's link carries none of the other members' codici fiscali.
    const text = JSON.stringify(applicant);
    for (const other of [figlio, coniuge, neonata]) expect(text).not.toContain(other);

    const vista = await untilCaso('the household on the case', c.id, (v) => (v.membri.length === 4 ? v : undefined));
    expect(vista.membri.map((m) => [m.codiceFiscale, m.ruolo, m.attuale, m.periodi]).sort()).toEqual(
      [
        [richiedente, 'RICHIEDENTE', true, [{ dal: '2024-02-05' }]],
        [figlio, 'FIGLIO', true, [{ dal: '2024-02-05' }]],
        [coniuge, 'CONIUGE', false, [{ dal: '2024-02-05', al: '2024-10-15' }]],
        [neonata, 'FIGLIO', true, [{ dal: '2024-06-10' }]],
      ].sort(),
    );

    // The partner comes back on 2025-01-10: a second period, the case still listed once in her cartella.
    const nucleo2 = componenti(c, { coniugeUscito: true, neonata: true }) as { componenti: Array<Record<string, unknown>> };
    const { al: _al, motivoUscita: _mu, ...ritorno } = nucleo2.componenti[2];
    await accepted('nucleo-caso', c.record('nucleo-caso', 3, { componenti: [...nucleo2.componenti, { ...ritorno, dal: '2025-01-10', motivoIngresso: 'RICONGIUNGIMENTO' }] }));
    const back = await untilLink('the partner back', coniuge, (l) => (l[0]?.attuale ? l : undefined));
    expect(back).toHaveLength(1);
    expect(back[0]).toMatchObject({ identificativo: c.id, ruolo: 'CONIUGE', periodi: [{ dal: '2024-02-05', al: '2024-10-15' }, { dal: '2025-01-10' }] });
    // The household supports of both periods: S5 started while she was away and runs into her return.
    expect(back[0].sostegni.map((s) => s.id)).toEqual(['S3', 'S4', 'S5']);
  });

  it('records before their case: the household is kept, the case listed only once its record arrives', async () => {
    const c = nuovoCaso();
    const { richiedente } = c.cf;
    await accepted('nucleo-caso', c.record('nucleo-caso', 1, componenti(c)));
    const waiting = await untilCaso('the household without its case', c.id, (v) => (v.membri.length === 3 ? v : undefined));
    expect(waiting.caso).toBeNull();
    // No ente manages a case whose record has not arrived: an ente's consumer does not see it, and a member's
    // cartella lists no case without its state and ente.
    expect((await casoPais('comune', c.id)).status).toBe(404);
    expect((await cartella('tutti', richiedente)).cartellaSociale.casiPais).toEqual([]);

    await accepted('caso', c.record('caso', 1, { enti: [F205] }));
    expect(await untilLink('the case arrived', richiedente, (l) => l[0])).toMatchObject({ identificativo: c.id, enteGestore: 'F205', ruolo: 'RICHIEDENTE', attuale: true });
    expect((await casoPais('comune', c.id)).status).toBe(200);
  });

  it('change of ente: the comune sees the case until the move, the ambito from then on; the history stays on the case', async () => {
    const c = nuovoCaso();
    const { richiedente } = c.cf;
    await accepted('caso', c.record('caso', 1, { enti: [F205] }));
    await accepted('nucleo-caso', c.record('nucleo-caso', 1, componenti(c)));
    await accepted('pais', c.record('pais', 1));
    await untilCaso('case and PaIS', c.id, (v) => (v.pais.length === 1 && v.membri.length === 3 ? v : undefined));

    expect((await casoPais('comune', c.id)).status).toBe(200);
    expect((await cartella('comune', richiedente)).cartellaSociale.casiPais).toEqual([expect.objectContaining({ identificativo: c.id, enteGestore: 'F205', tipoEnteGestore: 'COMUNE' })]);
    expect((await casoPais('ambito', c.id)).status).toBe(404);
    expect(await cartella('ambito', richiedente)).toEqual({ versione: 0, cartellaSociale: { casiPais: [], misureInclusione: [], partecipazioniPuc: [], prestazioniSociali: [] } });

    // Version 3 of the case: the comune hands it over on 2024-08-31, the ambito LOM_23 takes it on 2024-09-01.
    // Version 2, still under the comune alone, arrives after it: stale, it gives the case back to nobody.
    await accepted('caso', c.record('caso', 3));
    await accepted('caso', c.record('caso', 2, { enti: [F205], stato: 'QA_IN_CORSO' }), 'ACCETTATA', true);
    // The équipe comes after both on the case's partition: once it is applied, so are they.
    await accepted('equipe-multidisciplinare', c.record('equipe-multidisciplinare', 1));
    const moved = await untilCaso('the move and the équipe', c.id, (v) => (v.equipe.length === 1 ? v : undefined));
    expect(moved.caso).toMatchObject({
      versione: 3,
      stato: 'PATTO_SOTTOSCRITTO',
      enteCorrente: { tipo: 'ATS', codice: 'LOM_23', dal: '2024-09-01' },
      enti: [
        { tipo: 'COMUNE', codice: 'F205', dal: '2024-02-05', al: '2024-08-31' },
        { tipo: 'ATS', codice: 'LOM_23', dal: '2024-09-01' },
      ],
    });
    // The PaIS was drawn up under the comune, and stays so.
    expect(moved.pais[0].versioni.map((v) => [v.numeroVersione, v.ente])).toEqual([[2, { tipo: 'COMUNE', codice: 'F205', dal: '2024-02-05', al: '2024-08-31' }]]);

    const ambito = await casoPais('ambito', c.id);
    expect(ambito.status).toBe(200);
    expect((ambito.body as { caso: Vista }).caso.caso).toEqual(moved.caso);
    expect((await cartella('ambito', richiedente)).cartellaSociale.casiPais).toEqual([expect.objectContaining({ identificativo: c.id, enteGestore: 'LOM_23', tipoEnteGestore: 'ATS' })]);
    const comune = await casoPais('comune', c.id);
    expect([comune.status, comune.headers.get('content-type')]).toEqual([404, expect.stringContaining('application/problem+json')]);
    expect(await cartella('comune', richiedente)).toEqual({ versione: 0, cartellaSociale: { casiPais: [], misureInclusione: [], partecipazioniPuc: [], prestazioniSociali: [] } });

    // The fascicolo e-service follows the same rule: the ambito finds the case there, the comune an unknown citizen.
    const fascicolo = (consumer: string, cf: string) => api.call('fascicolo', api.consumers[consumer]!, { body: { codiceFiscale: cf } });
    const ambitoFascicolo = await fascicolo('ambito', richiedente);
    expect(ambitoFascicolo.status).toBe(200);
    expect((ambitoFascicolo.body.cartellaSociale as { casiPais: Link[] }).casiPais.map((l) => [l.identificativo, l.enteGestore])).toEqual([[c.id, 'LOM_23']]);
    const comparable = (a: Answer) => ({ status: a.status, body: { ...a.body, correlationId: undefined, instance: undefined } });
    const comuneFascicolo = await fascicolo('comune', richiedente);
    expect([comuneFascicolo.status, comuneFascicolo.body.versione, comuneFascicolo.body.cartellaSociale]).toEqual([200, 0, { casiPais: [], misureInclusione: [], partecipazioniPuc: [], prestazioniSociali: [] }]);
    expect(comparable(comuneFascicolo)).toEqual(comparable(await fascicolo('comune', randomCf())));
  });

  it('names the bad field of a record without echoing it, and keeps the good lines of a mixed batch', async () => {
    const c = nuovoCaso();
    const { richiedente, figlio } = c.cf;
    const badCf = `${richiedente.slice(0, 15)}${richiedente[15] === 'A' ? 'B' : 'A'}`;
    const badNucleo = c.record('nucleo-caso', 1, componenti(c));
    (badNucleo.dati as { componenti: Array<{ codiceFiscale: string }> }).componenti[1].codiceFiscale = badCf;
    const refused = await send('nucleo-caso', badNucleo);
    expect(refused.status).toBe(422);
    expect(refused.headers.get('content-type')).toContain('application/problem+json');
    expect((refused.body.errors as Array<{ path: string }>).map((e) => e.path)).toEqual(['dati.componenti[1].codiceFiscale']);
    for (const cf of [richiedente, badCf]) expect(JSON.stringify(refused.body)).not.toContain(cf);

    const badEnte = await send('caso', c.record('caso', 1, { enti: [{ tipo: 'COMUNE', codice: 'LOM_23', dal: '2024-02-05' }] }));
    expect([badEnte.status, (badEnte.body.errors as Array<{ path: string; code: string }>).map((e) => [e.path, e.code])]).toEqual([422, [['dati.enti[0].codice', 'ENTE_CODICE_FORMAT']]]);

    // A synchronous batch of cases: a good one, one naming a comune by an ambito's code, another good one.
    const [other1, other2] = [nuovoCaso(), nuovoCaso()];
    const batch = await fetch(`${apps['ingest-gepi'].url}/v1/caso/lotti`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-ndjson' },
      body: [other1.record('caso', 1), c.record('caso', 1, { enti: [{ tipo: 'COMUNE', codice: 'LOM_23', dal: '2024-02-05' }] }), other2.record('caso', 1)].map((r) => JSON.stringify(r)).join('\n'),
    });
    expect(batch.status).toBe(200);
    const esiti = ((await batch.json()) as { esiti: Array<{ riga: number; esito: string; id?: string; errors?: Array<{ path: string }> }> }).esiti;
    expect(esiti.map((e) => [e.riga, e.esito])).toEqual([
      [1, 'ACCETTATA'],
      [2, 'RIFIUTATA'],
      [3, 'ACCETTATA'],
    ]);
    expect(esiti[1].errors!.map((e) => e.path)).toEqual(['dati.enti[0].codice']);
    for (const o of [other1, other2]) expect((await untilCaso('a good case of the batch', o.id, (v) => v.caso ?? undefined)).enteCorrente).toMatchObject({ codice: 'LOM_23' });

    // One file of mixed entities: the case, a concluded PaIS without its signature date, the household.
    const badPais = c.record('pais', 1, { stato: 'CONCLUSO', dataSottoscrizione: undefined });
    const lines = [
      { entita: 'caso', ...c.record('caso', 1, { enti: [F205] }) },
      { entita: 'pais', ...badPais },
      { entita: 'nucleo-caso', ...c.record('nucleo-caso', 1, componenti(c)) },
    ].map((l) => JSON.stringify(l));
    const res = await fetch(`${apps['ingest-gepi'].url}/v1/lotti`, { method: 'POST', headers: { 'content-type': 'application/x-ndjson' }, body: `${lines.join('\n')}\n` });
    expect(res.status).toBe(202);
    const location = res.headers.get('location')!;
    await res.text();
    const done = await waitFor(
      'the file job',
      async () => {
        const l = (await (await fetch(`${apps['ingest-gepi'].url}${location}`)).json()) as { stato: string; accettate: number; rifiutate: number };
        return l.stato === 'COMPLETATO' ? l : undefined;
      },
      60000,
      200,
    );
    expect(done).toMatchObject({ accettate: 2, rifiutate: 1 });
    const page = (await (await fetch(`${apps['ingest-gepi'].url}${location}/esiti`)).json()) as { esiti: Array<{ riga: number; esito: string; errors?: Array<{ path: string }> }> };
    expect(page.esiti.map((e) => [e.riga, e.esito])).toEqual([
      [1, 'ACCETTATA'],
      [2, 'RIFIUTATA'],
      [3, 'ACCETTATA'],
    ]);
    expect(page.esiti[1].errors!.map((e) => e.path)).toEqual(['dati.dataSottoscrizione']);
    for (const cf of [richiedente, figlio]) expect(JSON.stringify(page)).not.toContain(cf);

    // The good lines reach the projection: the case, with its household and no PaIS.
    const vista = await untilCaso('the good lines applied', c.id, (v) => (v.caso && v.membri.length === 3 ? v : undefined));
    expect(vista.pais).toEqual([]);
    expect(await untilLink('the applicant linked', richiedente, (l) => l[0])).toMatchObject({ identificativo: c.id, ruolo: 'RICHIEDENTE' });
  });
});
