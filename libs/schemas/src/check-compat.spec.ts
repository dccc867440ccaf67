import * as fs from 'node:fs';
import * as path from 'node:path';
import { DEFAULT_AVRO_ROOT, LOCK_FILE } from './catalogue';
import { checkCompat, main, readLock, updateLock } from './check-compat';
import { editJson, EVOLVING_ROOT, INCOMPATIBLE_ROOT, tmpCopy } from '../test-fixtures/helpers';

// The SIISL source's subjects, each at v1 (libs/siisl maps its model to them).
const SIISL_SUBJECTS = ['siisl.corso', 'siisl.curriculum', 'siisl.iscrizione', 'siisl.manifestazione-interesse', 'siisl.misura-inclusione', 'siisl.offerta-lavoro', 'siisl.proposta-lavoro', 'siisl.puc'];

// The GePI source's subjects, each at v1 (libs/gepi maps its model to them), sorted as the catalogue lists them.
const SIUSS_SUBJECTS = ['siuss.prestazione-sociale', 'siuss.sinba'];
const GEPI_SUBJECTS = ['gepi.analisi-preliminare', 'gepi.caso', 'gepi.equipe-multidisciplinare', 'gepi.nucleo-caso', 'gepi.pad-nucleo', 'gepi.pais', 'gepi.partecipazione-puc', 'gepi.quadro-analisi'];

const SUBJECT_DIR = 'co.comunicazione';

describe('compatibility gate', () => {
  let tmp: string | undefined;
  const copy = (root: string): string => (tmp = tmpCopy(root));
  afterEach(() => tmp && fs.rmSync(tmp, { recursive: true, force: true }));

  it('passes on the shipped schemas', () => {
    expect(checkCompat()).toEqual({ ok: true, problems: [], checked: { 'co.comunicazione': 1, 'co.comunicazione-obbligatoria': 2, ...Object.fromEntries([...GEPI_SUBJECTS, ...SIISL_SUBJECTS, ...SIUSS_SUBJECTS].map((s) => [s, 1])) } });
  });

  it('passes on a compatible two-version subject (defaulted additions)', () => {
    expect(checkCompat(EVOLVING_ROOT)).toEqual({ ok: true, problems: [], checked: { 'co.comunicazione': 2 } });
  });

  it('fails on the intentionally incompatible fixture and names the field', () => {
    const r = checkCompat(INCOMPATIBLE_ROOT);
    expect(r.ok).toBe(false);
    expect(r.problems).toEqual([
      'co.comunicazione: v2 reading v1 (BACKWARD): payload.rapporto.ccnl: reader field has no default and the writer lacks it',
    ]);
  });

  it('fails FORWARD when a field without default is removed', () => {
    const root = copy(EVOLVING_ROOT);
    const file = path.join(root, SUBJECT_DIR, 'v2.avsc');
    editJson(file, (s) => {
      const lav = s.fields[1].type[1].fields.find((f: any) => f.name === 'lavoratore').type;
      lav.fields = lav.fields.filter((f: any) => f.name !== 'nome');
    });
    editJson(path.join(root, SUBJECT_DIR, 'fixtures/v2.json'), (v) => delete v.payload.lavoratore.nome);
    fs.rmSync(path.join(root, LOCK_FILE));
    updateLock(root);
    expect(checkCompat(root).problems).toEqual([
      'co.comunicazione: v1 reading v2 (FORWARD): payload.lavoratore.nome: reader field has no default and the writer lacks it',
    ]);
  });

  it('checks every pair, not only neighbours (FULL_TRANSITIVE)', () => {
    // v3 changes a type present since v1: it must be reported against v1 as well as its neighbour v2.
    const root = copy(EVOLVING_ROOT);
    const dir = path.join(root, SUBJECT_DIR);
    fs.copyFileSync(path.join(dir, 'v2.avsc'), path.join(dir, 'v3.avsc'));
    editJson(path.join(dir, 'v3.avsc'), (s) => {
      const rap = s.fields[1].type[1].fields.find((f: any) => f.name === 'rapporto').type;
      rap.fields.find((f: any) => f.name === 'dataInizio').type = 'int';
    });
    fs.copyFileSync(path.join(dir, 'fixtures/v2.json'), path.join(dir, 'fixtures/v3.json'));
    editJson(path.join(dir, 'fixtures/v3.json'), (v) => (v.payload.rapporto.dataInizio = 20250107));
    updateLock(root);
    const problems = checkCompat(root).problems;
    for (const old of [1, 2]) {
      expect(problems).toContain(`co.comunicazione: v3 reading v${old} (BACKWARD): payload.rapporto.dataInizio: cannot read string as int`);
      expect(problems).toContain(`co.comunicazione: v${old} reading v3 (FORWARD): payload.rapporto.dataInizio: cannot read int as string`);
    }
  });

  it('detects an edit of a published version that changes the canonical form', () => {
    const root = copy(DEFAULT_AVRO_ROOT);
    editJson(path.join(root, SUBJECT_DIR, 'v1.avsc'), (s) => s.fields[1].type[1].fields.push({ name: 'x', type: ['null', 'string'], default: null }));
    expect(checkCompat(root).problems).toEqual([expect.stringMatching(/^co\.comunicazione v1 was edited after publication: canonical form changed/)]);
  });

  it('detects an edit that only changes a default (same fingerprint, different resolution)', () => {
    const root = copy(EVOLVING_ROOT);
    editJson(path.join(root, SUBJECT_DIR, 'v2.avsc'), (s) => {
      const rap = s.fields[1].type[1].fields.find((f: any) => f.name === 'rapporto').type;
      rap.fields.find((f: any) => f.name === 'ccnl').default = 'ALTRO';
    });
    expect(checkCompat(root).problems).toEqual([expect.stringMatching(/^co\.comunicazione v2 was edited after publication: defaults/)]);
  });

  it('detects an edit of a shared type embedded in published versions', () => {
    const root = copy(DEFAULT_AVRO_ROOT);
    editJson(path.join(root, '_shared/EventHeader/v1.avsc'), (s) => (s.fields[8].default = null, s.fields[8].doc = 'edited'));
    expect(checkCompat(root).ok).toBe(false);
  });

  it('ignores formatting-only changes of a published file', () => {
    const root = copy(DEFAULT_AVRO_ROOT);
    const file = path.join(root, SUBJECT_DIR, 'v1.avsc');
    fs.writeFileSync(file, JSON.stringify(JSON.parse(fs.readFileSync(file, 'utf8'))));
    expect(checkCompat(root).ok).toBe(true);
  });

  it('requires a lock entry for a new version, and updateLock only ever adds entries', () => {
    const root = copy(EVOLVING_ROOT);
    const lock = readLock(root)!;
    delete lock['co.comunicazione'].v2;
    lock['co.comunicazione'].v1.fingerprint = '0000000000000000';
    fs.writeFileSync(path.join(root, LOCK_FILE), JSON.stringify(lock));
    expect(checkCompat(root).problems).toEqual([
      expect.stringMatching(/v1 was edited after publication/),
      expect.stringMatching(/v2 is not in fingerprints\.lock\.json/),
    ]);
    expect(updateLock(root)).toEqual(['co.comunicazione v2']);
    expect(readLock(root)!['co.comunicazione'].v1.fingerprint).toBe('0000000000000000'); // not "fixed"
    expect(checkCompat(root).problems).toEqual([expect.stringMatching(/v1 was edited after publication/)]);
  });

  it('detects a deleted latest version and a missing lock file', () => {
    const root = copy(EVOLVING_ROOT);
    fs.rmSync(path.join(root, SUBJECT_DIR, 'v2.avsc'));
    expect(checkCompat(root).problems).toEqual([expect.stringMatching(/co\.comunicazione v2 is in fingerprints\.lock\.json but its schema file is gone/)]);
    fs.rmSync(path.join(root, LOCK_FILE));
    expect(checkCompat(root).problems).toEqual([expect.stringMatching(/fingerprints\.lock\.json is missing/)]);
  });

  it('requires a valid fixture per version', () => {
    const root = copy(EVOLVING_ROOT);
    fs.rmSync(path.join(root, SUBJECT_DIR, 'fixtures/v1.json'));
    editJson(path.join(root, SUBJECT_DIR, 'fixtures/v2.json'), (v) => (v.payload.rapporto.ccnl = 1));
    expect(checkCompat(root).problems).toEqual([
      expect.stringMatching(/v1: fixture co\.comunicazione\/fixtures\/v1\.json missing/),
      expect.stringMatching(/v2: fixture .* does not match its schema: payload\.rapporto\.ccnl \(expected string\)/),
    ]);
  });

  it('reports a broken tree as a problem instead of throwing', () => {
    expect(checkCompat(path.join(INCOMPATIBLE_ROOT, 'nowhere'))).toMatchObject({ ok: false, problems: [expect.stringMatching(/does not exist/)] });
  });

  it('CLI entry point: exit code 0/1 and prints what is wrong', () => {
    const lines: string[] = [];
    expect(main([], (l) => lines.push(l))).toBe(0);
    expect(main(['--root', INCOMPATIBLE_ROOT], (l) => lines.push(l))).toBe(1);
    expect(lines[0]).toBe(`schemas OK: co.comunicazione (1 version), co.comunicazione-obbligatoria (2 versions), ${[...GEPI_SUBJECTS, ...SIISL_SUBJECTS, ...SIUSS_SUBJECTS].map((s) => `${s} (1 version)`).join(', ')}`);
    expect(lines[1]).toMatch(/FAILED/);
    expect(lines[2]).toMatch(/^ {2}- co\.comunicazione: v2 reading v1 \(BACKWARD\)/);
  });
});
