import { coFixtures, iterateCoHistories, validateCo, type Co } from '@fsl/co';
import { decode, encode, type Subject } from '@fsl/schemas';
import { checkSiisl, deliveryOrder, generateSiisl, generateSiislFeed, ndjsonLine, siislFromAvro, siislHeaderFields, siislToAvro, SUBJECTS, type Generated, type RecordOf } from './index';

const UNTIL = '2025-06-30';
const workers = [...iterateCoHistories({ workers: 40, seed: 7, from: '2018-01-01', until: UNTIL })];
const persone = workers.map((w) => ({ codiceFiscale: w.codiceFiscale, cos: w.cos }));
const data = generateSiisl({ persone, seed: 11 });

type Upd<E extends Generated['entita']> = Extract<RecordOf[E], { operazione: 'AGGIORNAMENTO' }>;
const updates = <E extends Generated['entita']>(records: readonly Generated[], e: E) =>
  records.filter((g) => g.entita === e && g.record.operazione === 'AGGIORNAMENTO').map((g) => g.record as Upd<E>);
const of = <E extends Generated['entita']>(e: E) => updates(data.records, e);

// The feed of the demo's shape: generated workers, plus a hand-written one with every part of the story.
const named = coFixtures.fixtureLavoratore();
const namedCo = coFixtures.fixtureAssunzione({ datiInvio: { codiceComunicazione: '2100025000010001', tipoComunicazione: '01', dataInvio: '2024-02-28T10:00:00+01:00' } });
const feedOpts = {
  workers: 60,
  seed: 11,
  coSeed: 7,
  coFrom: '2018-01-01',
  until: UNTIL,
  codiciSconosciuti: 0.2,
  altrePersone: [{ lavoratore: named, cos: [namedCo], storiaCompleta: true, prefissoComunicazione: '210002599990' }],
};
const feed = generateSiislFeed(feedOpts);
const allCos: Co[] = [...feed.cos, namedCo, ...feed.coAltrePersone];

/** Effective UNILAV/UNISOMM hirings of a worker (an annulled one is not a hiring). */
function coHirings(cos: readonly Co[], cf: string) {
  const annulled = new Set(cos.filter((c) => c.datiInvio.tipoComunicazione === '04').map((c) => c.datiInvio.codiceComunicazionePrecedente));
  return cos.filter(
    (c): c is Extract<Co, { modello: 'UNILAV' | 'UNISOMM' }> =>
      (c.modello === 'UNILAV' || c.modello === 'UNISOMM') && c.tipoEvento === 'ASS' && c.datiInvio.tipoComunicazione !== '04' && c.lavoratore.codiceFiscale === cf && !annulled.has(c.datiInvio.codiceComunicazione),
  );
}

/** The highest version of each record, by the envelope's own numbers. */
function latest(records: readonly Generated[]): Generated[] {
  const top = new Map<string, Generated>();
  for (const g of records) {
    const key = `${g.entita}/${g.record.id}`;
    const seen = top.get(key);
    if (!seen || seen.record.versione < g.record.versione) top.set(key, g);
  }
  return [...top.values()];
}

describe('generateSiisl', () => {
  it('is deterministic for a seed and the same people', () => {
    expect(JSON.stringify(generateSiisl({ persone, seed: 11 }))).toBe(JSON.stringify(data));
    expect(JSON.stringify(generateSiisl({ persone, seed: 12 }))).not.toBe(JSON.stringify(data));
    expect(JSON.stringify(generateSiislFeed(feedOpts))).toBe(JSON.stringify(feed));
  });

  it("person i's records do not depend on who comes after", () => {
    const few = generateSiisl({ persone: persone.slice(0, 5), seed: 11 });
    const cfs = new Set(persone.slice(0, 5).map((p) => p.codiceFiscale));
    const mine = (d: typeof data) => d.records.filter((g) => 'codiceFiscale' in g.record && cfs.has(g.record.codiceFiscale as string));
    expect(mine(few)).toEqual(mine(data));
  });

  it('every record passes validation, without a warning unless unknown codes are asked for', () => {
    const bad = data.records.map((g) => ({ g, r: checkSiisl(g.entita, g.record) })).filter(({ r }) => !r.ok || r.warnings.length > 0);
    expect(bad.map(({ g, r }) => [g.entita, g.record.id, r.ok ? r.warnings : r.problems])).toEqual([]);
    expect(new Set(data.records.map((g) => g.entita))).toEqual(new Set(['corso', 'offerta-lavoro', 'curriculum', 'manifestazione-interesse', 'iscrizione', 'proposta-lavoro', 'misura-inclusione', 'puc']));
  });

  it('with codiciSconosciuti, some records carry a well-formed ESCO URI the table lacks: accepted with CODE_UNKNOWN only', () => {
    const checks = feed.siisl.records.map((g) => ({ g, r: checkSiisl(g.entita, g.record) }));
    expect(checks.filter(({ r }) => !r.ok).map(({ g, r }) => [g.entita, g.record.id, r.ok ? [] : r.problems])).toEqual([]);
    const warned = checks.filter(({ r }) => r.warnings.length > 0);
    expect(warned.map(({ g }) => g.entita)).toContain('offerta-lavoro');
    expect(warned.map(({ g }) => g.entita)).toContain('curriculum');
    for (const { r } of warned) {
      for (const w of r.warnings) {
        expect(w.code).toBe('CODE_UNKNOWN');
        expect(w.path).toMatch(/^dati\.(competenze|competenzeRichieste)\[\d+\]\.escoUri$/);
      }
    }
  });

  it('belongs to the given people, and CVs list their CO hirings', () => {
    const cfs = new Set(persone.map((p) => p.codiceFiscale));
    for (const g of data.records) if ('codiceFiscale' in g.record && g.record.codiceFiscale !== null) expect(cfs.has(g.record.codiceFiscale as string)).toBe(true);
    const cv = of('curriculum').find((c) => c.dati.esperienze.length > 0);
    const worker = workers.find((w) => w.codiceFiscale === cv?.codiceFiscale);
    const hired = worker?.cos.find((co) => co.modello === 'UNILAV' && co.tipoEvento === 'ASS');
    expect(cv?.dati.esperienze.map((e) => e.datore?.codiceFiscale)).toContain(hired?.datore.codiceFiscale);
  });

  it('links enrolments, interests and proposals to generated courses and offers, in plausible order', () => {
    const corsi = new Map(data.corsi.map((c) => [c.id, c as Upd<'corso'>]));
    const offerte = new Set(data.offerte.map((o) => o.id));
    for (const i of of('iscrizione')) {
      const c = corsi.get(i.dati.corsoId);
      expect(c).toBeDefined();
      const avvio = i.dati.eventi.find((e) => e.tipo === 'AVVIATO');
      if (avvio) expect(avvio.data).toBe(c?.dati.dataInizio);
      expect(i.dati.eventi[0].data < (c?.dati.dataInizio ?? '')).toBe(true);
    }
    for (const m of of('manifestazione-interesse')) expect(corsi.has(m.dati.corsoId)).toBe(true);
    for (const p of of('proposta-lavoro')) expect(offerte.has(p.dati.offertaId)).toBe(true);
  });

  it('sends records in several versions, successive from 1, and deletes a few', () => {
    const byId = new Map<string, number[]>();
    for (const g of feed.siisl.records) byId.set(`${g.entita}/${g.record.id}`, [...(byId.get(`${g.entita}/${g.record.id}`) ?? []), g.record.versione]);
    for (const versions of byId.values()) expect(versions).toEqual(versions.map((_, k) => k + 1));
    const multi = new Set([...byId].filter(([, v]) => v.length > 1).map(([k]) => k.split('/')[0]));
    expect([...multi].sort()).toEqual(['corso', 'curriculum', 'iscrizione', 'misura-inclusione', 'offerta-lavoro', 'proposta-lavoro', 'manifestazione-interesse'].sort());
    const deletions = feed.siisl.records.filter((g) => g.record.operazione === 'ELIMINAZIONE');
    expect(deletions.length).toBeGreaterThan(0);
    // A deletion is a later version of a record that existed.
    for (const d of deletions) expect(feed.siisl.records.some((g) => g.entita === d.entita && g.record.id === d.record.id && g.record.versione < d.record.versione)).toBe(true);
  });

  it('every record survives the Avro round trip', () => {
    for (const g of data.records) {
      siislToAvro(g.entita, g.record).forEach((payload, i) => {
        const header = { ...siislHeaderFields(g.entita, g.record, i), eventId: `e-${i}`, ingestedAt: 0, correlationId: null };
        const back = decode(encode(SUBJECTS[g.entita] as Subject, { header, payload } as never));
        expect(siislFromAvro(g.entita, back.value.payload as never).record).toEqual(g.record);
      });
    }
  });
});

describe('generateSiislFeed: the SIISL story and the CO feed agree', () => {
  const coWorkers = new Set([...iterateCoHistories({ workers: 60, seed: 7, from: '2018-01-01', until: UNTIL })].map((h) => h.codiceFiscale));
  const offerte = new Map(feed.siisl.offerte.map((o) => [o.id, o as Upd<'offerta-lavoro'>]));

  it('the same people: every SIISL owner is a CO worker, every CO worker of the feed is one of the people', () => {
    const people = new Set([...coWorkers, named.codiceFiscale]);
    const owners = new Set(feed.siisl.records.flatMap((g) => ('codiceFiscale' in g.record ? [g.record.codiceFiscale as string] : [])));
    expect([...owners].filter((cf) => !people.has(cf))).toEqual([]);
    expect(owners.size).toBeGreaterThan(people.size / 2);
    const inCo = new Set(allCos.flatMap((c) => (c.modello === 'VARDATORI' ? c.lavoratori.map((l) => l.codiceFiscale) : [c.lavoratore.codiceFiscale])));
    expect([...inCo].filter((cf) => !people.has(cf))).toEqual([]);
    // Household members who are not CO workers are synthetic people of their own, with valid codes (checkSiisl).
    const members = latest(feed.siisl.records).flatMap((g) => (g.entita === 'misura-inclusione' && g.record.operazione === 'AGGIORNAMENTO' ? g.record.dati.nucleo.map((m) => m.codiceFiscale) : []));
    expect(members.filter((cf) => !people.has(cf)).length).toBeGreaterThan(0);
  });

  it('every accepted proposal is followed by a CO hiring by the offer\'s employer, after the completed course if any', () => {
    const accepted = updates(latest(feed.siisl.records), 'proposta-lavoro').filter((p) => p.dati.stato === 'ACCETTATA');
    expect(accepted.length).toBeGreaterThan(3);
    let afterCourse = 0;
    for (const p of accepted) {
      const offerta = offerte.get(p.dati.offertaId)!;
      const hirings = coHirings(allCos, p.codiceFiscale).filter((h) => h.datore.codiceFiscale === offerta.dati.datore.codiceFiscale && h.inizio.dataInizio > p.dati.dataEsito!);
      // A hiring a week after the acceptance can fall after the end of the data.
      const hireBy = new Date(Date.parse(p.dati.dataEsito!) + 7 * 86_400_000).toISOString().slice(0, 10);
      if (hireBy > UNTIL) continue;
      expect(hirings.length).toBeGreaterThanOrEqual(1);
      const courseEnds = updates(latest(feed.siisl.records), 'iscrizione')
        .filter((i) => i.codiceFiscale === p.codiceFiscale)
        .flatMap((i) => i.dati.eventi.filter((e) => e.tipo === 'CONCLUSO').map((e) => e.data));
      for (const end of courseEnds) expect(hirings[0].inizio.dataInizio > end).toBe(true);
      if (courseEnds.length > 0) afterCourse++;
    }
    expect(afterCourse).toBeGreaterThan(0);
  });

  it('every expected hiring is in the CO feed, and every CO of the feed is valid', () => {
    expect(feed.siisl.assunzioniAttese.length).toBeGreaterThan(3);
    for (const a of feed.siisl.assunzioniAttese) {
      const employer = offerte.get(a.offertaId)!.dati.datore.codiceFiscale;
      expect(coHirings(allCos, a.codiceFiscale).some((h) => h.datore.codiceFiscale === employer && h.inizio.dataInizio === a.dataInizio)).toBe(true);
    }
    expect(allCos.flatMap((co) => validateCo(co).map((p) => [co.datiInvio.codiceComunicazione, p]))).toEqual([]);
    const codes = allCos.map((c) => c.datiInvio.codiceComunicazione);
    expect(new Set(codes).size).toBe(codes.length);
  });

  it('gives the person with storiaCompleta every part of the story', () => {
    const mine = feed.siisl.records.filter((g) => 'codiceFiscale' in g.record && g.record.codiceFiscale === named.codiceFiscale);
    const current = latest(mine);
    const cv = updates(mine, 'curriculum');
    expect(cv.length).toBe(2);
    expect(updates(current, 'manifestazione-interesse')).toHaveLength(1);
    const [iscr] = updates(current, 'iscrizione');
    expect(iscr.dati.eventi.map((e) => e.tipo)).toEqual(['ISCRITTO', 'AVVIATO', 'CONCLUSO', 'CERTIFICATO']);
    const [prop] = updates(current, 'proposta-lavoro');
    expect(prop.dati.stato).toBe('ACCETTATA');
    const employer = offerte.get(prop.dati.offertaId)!.dati.datore;
    const [hiring] = coHirings(feed.coAltrePersone, named.codiceFiscale);
    expect(hiring.datore.codiceFiscale).toBe(employer.codiceFiscale);
    expect(hiring.lavoratore).toEqual(named);
    expect(hiring.inizio.dataInizio > iscr.dati.eventi[2].data).toBe(true);
    // The CV's second version lists that hiring.
    expect(cv[1].dati.esperienze.map((e) => [e.datore?.codiceFiscale, e.dataInizio])).toContainEqual([employer.codiceFiscale, hiring.inizio.dataInizio]);
    const misure = updates(mine, 'misura-inclusione');
    expect(misure).toHaveLength(2);
    expect(misure[1].dati.misura).toBe('ADI');
    expect(misure[1].dati.nucleo.length).toBeGreaterThanOrEqual(2);
    expect(misure[1].dati.importiMensili.length).toBeGreaterThan(misure[0].dati.importiMensili.length);
    expect(updates(current, 'puc')).toHaveLength(1);
  });
});

describe('deliveryOrder and the NDJSON lines', () => {
  const key = (c: { entita: string; record: { id: string } }) => `${c.entita}/${c.record.id}`;

  it('delivers every record, some older versions after newer ones, a few twice, catalogue and citizens interleaved', () => {
    const c = feed.consegne;
    expect(c.map((x) => x.n)).toEqual(c.map((_, i) => i + 1));
    const delivered = new Set(c.map((x) => `${key(x)}@${x.record.versione}`));
    expect(feed.siisl.records.filter((g) => !delivered.has(`${key(g)}@${g.record.versione}`))).toEqual([]);
    // Walk the feed as the ingest would: a version below the highest seen is stale; the same one again is a duplicate.
    const highest = new Map<string, number>();
    const seen = new Set<string>();
    let stale = 0;
    let dup = 0;
    for (const x of c) {
      const id = `${key(x)}@${x.record.versione}`;
      if (seen.has(id)) dup++;
      else if ((highest.get(key(x)) ?? 0) > x.record.versione) stale++;
      seen.add(id);
      highest.set(key(x), Math.max(highest.get(key(x)) ?? 0, x.record.versione));
    }
    expect(stale).toBeGreaterThan(0);
    expect(dup).toBeGreaterThan(0);
    expect(c.length).toBe(feed.siisl.records.length + dup);
    const catalogue = c.map((x, i) => (x.entita === 'corso' || x.entita === 'offerta-lavoro' ? i : -1)).filter((i) => i >= 0);
    const citizens = c.map((x, i) => (x.entita === 'corso' || x.entita === 'offerta-lavoro' ? -1 : i)).filter((i) => i >= 0);
    expect(Math.max(...catalogue)).toBeGreaterThan(Math.min(...citizens));
  });

  it('is deterministic by seed', () => {
    const again = deliveryOrder(feed.siisl.records, { seed: 11 });
    expect(again).toEqual(feed.consegne);
    expect(deliveryOrder(feed.siisl.records, { seed: 12 }).map(key)).not.toEqual(feed.consegne.map(key));
  });

  it('writes each line as the envelope plus a top-level entita, which validates once entita is taken off', () => {
    for (const x of feed.consegne.slice(0, 200)) {
      const { entita, ...envelope } = JSON.parse(ndjsonLine(x)) as { entita: Generated['entita'] };
      expect(entita).toBe(x.entita);
      expect(checkSiisl(entita, envelope).ok).toBe(true);
    }
  });
});
