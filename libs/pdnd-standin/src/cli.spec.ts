import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from './cli';
import { loadOrCreateKeys } from './keys';
import { PdndStandin } from './standin';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'pdnd-standin-cli-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function run(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, { out: (l) => out.push(l), err: (l) => err.push(l), env: {}, cwd: dir });
  return { code, out: out.join('\n'), err: err.join('\n') };
}
const payloadOf = (token: string) => JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString());
const headerOf = (token: string) => JSON.parse(Buffer.from(token.split('.')[0]!, 'base64url').toString());

describe('pdnd-standin CLI', () => {
  it('voucher prints a curl header with the requested purpose and client', async () => {
    const { code, out } = await run('voucher', '--purpose', 'p-1', '--client', 'c-1');
    expect(code).toBe(0);
    const token = /Authorization: Bearer ([\w.-]+)'/.exec(out)![1]!;
    expect(payloadOf(token)).toMatchObject({ purposeId: 'p-1', client_id: 'c-1', sub: 'c-1' });
  });
  it('voucher --raw --claim overrides claims (JSON values parsed)', async () => {
    const { out } = await run('voucher', '--raw', '--claim', 'exp=0', '--claim', 'producerId=other');
    expect(payloadOf(out)).toMatchObject({ exp: 0, producerId: 'other' });
  });
  it('voucher --dpop --tracking prints Authorization: DPoP, DPoP and the evidence', async () => {
    const { out } = await run('voucher', '--dpop', '--method', 'GET', '--url', 'https://api.example/x', '--tracking');
    expect(out).toMatch(/Authorization: DPoP /);
    expect(out).toMatch(/-H 'DPoP: /);
    expect(out).toMatch(/Agid-JWT-TrackingEvidence: /);
  });
  it('voucher --tracking --evidence-claim sets claims of the evidence the voucher is bound to', async () => {
    const { out } = await run('voucher', '--tracking', '--evidence-claim', 'userID=RSSMRA85C52H501N');
    const evidence = /Agid-JWT-TrackingEvidence: ([\w.-]+)'/.exec(out)![1]!;
    const voucher = /Authorization: Bearer ([\w.-]+)'/.exec(out)![1]!;
    expect(payloadOf(evidence)).toMatchObject({ userID: 'RSSMRA85C52H501N' });
    expect(payloadOf(voucher).digest.value).toBe(createHash('sha256').update(evidence).digest('hex'));
  });
  it('voucher --digest binds the voucher to an evidence minted by `tracking`', async () => {
    const hex = /# voucher --digest ([0-9a-f]{64})/.exec((await run('tracking')).out)![1]!;
    expect(payloadOf((await run('voucher', '--raw', '--digest', hex)).out).digest).toEqual({ alg: 'SHA256', value: hex });
  });
  it('keys persist in the folder between runs (serve and mint agree)', async () => {
    const a = JSON.parse((await run('jwks')).out);
    const b = JSON.parse((await run('jwks')).out);
    expect(a).toEqual(b);
  });
  it('integrity reads a body file and prints Digest + Agid-JWT-Signature', async () => {
    writeFileSync(join(dir, 'body.json'), '{"hello": "world"}');
    const { out } = await run('integrity', '--body-file', 'body.json');
    expect(out).toContain("Digest: SHA-256=X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE='");
    expect(out).toContain('Agid-JWT-Signature: ');
  });
  it('tracking, probing and dpop commands', async () => {
    expect((await run('tracking')).out).toMatch(/# voucher --digest [0-9a-f]{64}/);
    expect(payloadOf((await run('probing', '--raw')).out)).not.toHaveProperty('purposeId');
    const voucher = (await run('voucher', '--raw', '--dpop', '--method', 'GET', '--url', 'https://a/b')).out;
    expect((await run('dpop', '--method', 'GET', '--url', 'https://a/b', '--voucher', voucher)).out).toMatch(/^-H 'DPoP: /);
  });
  it('--client signs the Agid-JWT-* headers with that client\'s key, which a serving stand-in on the same folder knows', async () => {
    const client = '6f1c0de0-0000-4000-8000-00000000c0aa';
    const signature = /Agid-JWT-Signature: ([\w.-]+)'/.exec((await run('integrity', '--body', '{}', '--client', client)).out)![1]!;
    const evidence = /Agid-JWT-TrackingEvidence: ([\w.-]+)'/.exec((await run('voucher', '--client', client, '--tracking')).out)![1]!;
    expect(payloadOf(signature)).toMatchObject({ iss: client, sub: client });
    expect(payloadOf(evidence)).toMatchObject({ iss: client });
    // the same key both times, and `serve` (another process: here another stand-in on the folder) finds it
    expect(headerOf(evidence).kid).toBe(headerOf(signature).kid);
    const keysDir = join(dir, '.run', 'pdnd-standin');
    const serving = new PdndStandin({ keys: loadOrCreateKeys(keysDir), keysDir });
    expect(serving.consumerKey(headerOf(signature).kid)).toMatchObject({ clientId: client });
    // the default client keeps its own key
    const plain = /Agid-JWT-Signature: ([\w.-]+)'/.exec((await run('integrity', '--body', '{}')).out)![1]!;
    expect(serving.consumerKey(headerOf(plain).kid)).toMatchObject({ clientId: serving.clientId });
    expect(headerOf(plain).kid).not.toBe(headerOf(signature).kid);
  });

  it('refuses a client id that is not a plain identifier (it names a file)', async () => {
    await expect(run('integrity', '--body', '{}', '--client', '../x')).rejects.toThrow(/client id/);
  });

  it('usage errors exit 2', async () => {
    expect((await run('nope')).code).toBe(2);
    expect((await run('dpop')).code).toBe(2);
    expect((await run('voucher', '--dpop')).code).toBe(2);
  });
});
