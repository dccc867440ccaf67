import { iterateCoHistories } from '@fsl/co';
import { decode, encode, type Subject } from '@fsl/schemas';
import { checkSiisl, generateSiisl, siislFromAvro, siislHeaderFields, siislToAvro, SUBJECTS, type Generated, type RecordOf } from './index';

const workers = [...iterateCoHistories({ workers: 40, seed: 7, from: '2018-01-01', until: '2025-06-30' })];
const persone = workers.map((w) => ({ codiceFiscale: w.codiceFiscale, cos: w.cos }));
const data = generateSiisl({ persone, seed: 11 });

const of = <E extends Generated['entita']>(e: E) => data.records.filter((g): g is Extract<Generated, { entita: E }> => g.entita === e).map((g) => g.record as Extract<RecordOf[E], { operazione: 'AGGIORNAMENTO' }>);

describe('generateSiisl', () => {
  it('is deterministic for a seed and the same people', () => {
    expect(JSON.stringify(generateSiisl({ persone, seed: 11 }))).toBe(JSON.stringify(data));
    expect(JSON.stringify(generateSiisl({ persone, seed: 12 }))).not.toBe(JSON.stringify(data));
  });

  it('person i\'s records do not depend on who comes after', () => {
    const few = generateSiisl({ persone: persone.slice(0, 5), seed: 11 });
    const cfs = new Set(persone.slice(0, 5).map((p) => p.codiceFiscale));
    const mine = (d: typeof data) => d.records.filter((g) => 'codiceFiscale' in g.record && cfs.has(g.record.codiceFiscale as string));
    expect(mine(few)).toEqual(mine(data));
  });

  it('every record passes validation, without a warning', () => {
    const bad = data.records.map((g) => ({ g, r: checkSiisl(g.entita, g.record) })).filter(({ r }) => !r.ok || r.warnings.length > 0);
    expect(bad.map(({ g, r }) => [g.entita, g.record.id, r.ok ? r.warnings : r.problems])).toEqual([]);
    expect(new Set(data.records.map((g) => g.entita))).toEqual(new Set(['corso', 'offerta-lavoro', 'curriculum', 'manifestazione-interesse', 'iscrizione', 'proposta-lavoro', 'misura-inclusione', 'puc']));
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
    const corsi = new Map(data.corsi.map((c) => [c.id, c as Extract<typeof c, { operazione: 'AGGIORNAMENTO' }>]));
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
    // A course, then a hiring: each expected hiring comes after the person's completed course, if any.
    expect(data.assunzioniAttese.length).toBeGreaterThan(0);
    for (const a of data.assunzioniAttese) {
      const done = of('iscrizione').filter((i) => i.codiceFiscale === a.codiceFiscale).flatMap((i) => i.dati.eventi.filter((e) => e.tipo === 'CONCLUSO'));
      for (const e of done) expect(a.dataInizio > e.data).toBe(true);
    }
  });

  it('enrolments and proposals arrive as successive versions of one record', () => {
    const byId = new Map<string, number[]>();
    for (const r of [...of('iscrizione'), ...of('proposta-lavoro')]) byId.set(r.id, [...(byId.get(r.id) ?? []), r.versione]);
    for (const versions of byId.values()) expect(versions).toEqual(versions.map((_, k) => k + 1));
    expect([...byId.values()].some((v) => v.length > 1)).toBe(true);
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
