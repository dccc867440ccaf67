#!/usr/bin/env node
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { STANDIN_API_CLIENT_ID, STANDIN_API_PURPOSE_ID, STANDIN_TOKEN_AUDIENCE } from './defaults';
import { API_CLIENT_KEY_FILE, loadOrCreateKeys } from './keys';
import { startStandinServer } from './server';
import { Overrides, PdndStandin } from './standin';

const USAGE = `pdnd-standin — local PDND stand-in (DEV ONLY keys in $PDND_STANDIN_DIR, default .run/pdnd-standin)

  serve     [--port 8911]                 serve JWKS, token endpoint and /keys/{kid} on 127.0.0.1, print the API env
  voucher   [--purpose ID] [--client ID] [--audience AUD] [--lifetime S] [--claim k=v]...
            [--dpop --method M --url URL] [--digest HEX]  print curl -H arguments (or --raw token)
            [--tracking [--evidence-claim k=v]...]        + a tracking evidence the voucher is bound to
  dpop      --method M --url URL --voucher TOKEN          a DPoP proof for a DPoP-bound voucher
  integrity (--body TEXT | --body-file F) [--content-type T] [--audience AUD] [--client ID]
  tracking  [--purpose ID] [--audience AUD] [--client ID] [--claim k=v]... evidence + the digest for voucher --digest
The Agid-JWT-* headers are signed with the key of --client (default: the default client's); a client's
key is made on first use and kept in the keys folder, where \`serve\` finds it.
  probing   [--audience AUD]                              PDND probing token (no purposeId)
  jwks                                                    print the JWKS
Environment: PDND_STANDIN_DIR, PDND_STANDIN_ISSUER, PDND_STANDIN_AUDIENCE.`;

export interface CliIo {
  out: (line: string) => void;
  err: (line: string) => void;
  env: Record<string, string | undefined>;
  cwd: string;
}

interface Args {
  command: string;
  flags: Map<string, string | true>;
  claims: Overrides;
  /** `--evidence-claim`: claims of the tracking evidence minted with `voucher --tracking`. */
  evidenceClaims: Overrides;
}

function parseArgs(argv: string[]): Args {
  const [command = 'help', ...rest] = argv;
  const flags = new Map<string, string | true>();
  const claims: Overrides = {};
  const evidenceClaims: Overrides = {};
  for (let i = 0; i < rest.length; i++) {
    const name = rest[i]!.replace(/^--/, '');
    const next = rest[i + 1];
    const value = next === undefined || next.startsWith('--') ? true : (i++, next);
    if ((name === 'claim' || name === 'evidence-claim') && typeof value === 'string') {
      const eq = value.indexOf('=');
      (name === 'claim' ? claims : evidenceClaims)[value.slice(0, eq)] = parseClaimValue(value.slice(eq + 1));
    } else flags.set(name, value);
  }
  return { command, flags, claims, evidenceClaims };
}

// `--claim exp=0` should be a number, `--claim purposeId=abc` a string.
function parseClaimValue(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    return raw;
  }
}

const header = (name: string, value: string) => `-H '${name}: ${value}'`;

export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const { command, flags, claims, evidenceClaims } = parseArgs(argv);
  const str = (name: string) => (typeof flags.get(name) === 'string' ? (flags.get(name) as string) : undefined);
  if (command === 'help' || flags.has('help')) {
    io.out(USAGE);
    return 0;
  }
  const dir = resolve(io.cwd, io.env.PDND_STANDIN_DIR ?? '.run/pdnd-standin');
  const standin = new PdndStandin({
    keys: loadOrCreateKeys(dir),
    issuer: io.env.PDND_STANDIN_ISSUER,
    audience: str('audience') ?? io.env.PDND_STANDIN_AUDIENCE,
    keysDir: dir,
  });
  const raw = flags.has('raw');
  const print = (lines: string[], token: string) => io.out(raw ? token : lines.join(' \\\n  '));

  switch (command) {
    case 'serve': {
      const server = await startStandinServer(standin, { port: Number(str('port') ?? 8911) });
      io.out(`PDND stand-in on ${server.url} (DEV ONLY keys in ${dir}). Configure the API with:`);
      io.out(`PDND_ISSUER=${standin.issuer}\nPDND_AUDIENCE=${[standin.audience].flat().join(',')}`);
      io.out(`PDND_JWKS_URL=${server.jwksUrl}\nPDND_KEYS_API_URL=${server.keysApiUrl}`);
      // The api's own PDND client (the keys API wants its voucher); DEV ONLY key, made with the others.
      io.out(`PDND_TOKEN_URL=${server.tokenUrl}\nPDND_TOKEN_AUDIENCE=${STANDIN_TOKEN_AUDIENCE}`);
      io.out(`PDND_CLIENT_ID=${STANDIN_API_CLIENT_ID}\nPDND_CLIENT_PURPOSE_ID=${STANDIN_API_PURPOSE_ID}`);
      io.out(`PDND_CLIENT_KEY_ID=${standin.keys.api.kid}\nPDND_CLIENT_PRIVATE_KEY_FILE=${resolve(dir, API_CLIENT_KEY_FILE)}`);
      await new Promise<void>((done) => process.once('SIGINT', done).once('SIGTERM', done));
      await server.close();
      return 0;
    }
    case 'voucher': {
      // The evidence is the consumer's own, signed with its client's key like every Agid-JWT-* header.
      const evidence = flags.has('tracking') ? standin.trackingEvidence({ purposeId: str('purpose'), clientId: str('client'), claims: evidenceClaims }) : undefined;
      const dpop = flags.has('dpop');
      const token = standin.voucher({
        purposeId: str('purpose'),
        clientId: str('client'),
        lifetimeSeconds: str('lifetime') ? Number(str('lifetime')) : undefined,
        dpop,
        digest: evidence?.digest ?? str('digest'),
        claims,
      });
      const lines = [header('Authorization', `${dpop ? 'DPoP' : 'Bearer'} ${token}`)];
      if (dpop) {
        const method = str('method');
        const url = str('url');
        if (!method || !url) return usageError(io, 'voucher --dpop needs --method and --url');
        lines.push(header('DPoP', standin.dpopProof({ method, url, accessToken: token })));
      }
      if (evidence) lines.push(header('Agid-JWT-TrackingEvidence', evidence.token));
      print(lines, token);
      return 0;
    }
    case 'dpop': {
      const [method, url, voucher] = [str('method'), str('url'), str('voucher')];
      if (!method || !url || !voucher) return usageError(io, 'dpop needs --method, --url and --voucher');
      const proof = standin.dpopProof({ method, url, accessToken: voucher, claims });
      print([header('DPoP', proof)], proof);
      return 0;
    }
    case 'integrity': {
      const body = str('body') ?? (str('body-file') ? readFileSync(resolve(io.cwd, str('body-file')!)) : undefined);
      if (body === undefined) return usageError(io, 'integrity needs --body or --body-file');
      const { headers, token } = standin.integrity({ body, contentType: str('content-type'), clientId: str('client'), claims });
      print(Object.entries(headers).map(([k, v]) => header(k, v)), token);
      return 0;
    }
    case 'tracking': {
      const { token, digest } = standin.trackingEvidence({ purposeId: str('purpose'), clientId: str('client'), claims });
      if (raw) io.out(token);
      else io.out(`${header('Agid-JWT-TrackingEvidence', token)}\n# voucher --digest ${digest.value}`);
      return 0;
    }
    case 'probing': {
      const token = standin.probingToken({ claims });
      print([header('Authorization', `Bearer ${token}`)], token);
      return 0;
    }
    case 'jwks':
      io.out(JSON.stringify(standin.jwks(), null, 2));
      return 0;
    default:
      return usageError(io, `unknown command ${command}`);
  }
}

function usageError(io: CliIo, message: string): number {
  io.err(`${message}\n\n${USAGE}`);
  return 2;
}

if (require.main === module) {
  runCli(process.argv.slice(2), {
    out: (l) => process.stdout.write(`${l}\n`),
    err: (l) => process.stderr.write(`${l}\n`),
    env: process.env,
    cwd: process.cwd(),
  }).then(
    (code) => process.exit(code),
    (err: unknown) => {
      process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
      process.exit(1);
    },
  );
}
