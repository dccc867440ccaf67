import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// infra/kafka/kafka.sh fetch against a stand-in `mvn` that fails the way Maven Central sometimes does:
// the fetch tries again, and when it gives up it prints Maven's own error instead of exiting silently.

const SCRIPT = join(__dirname, '..', 'infra', 'kafka', 'kafka.sh');
const MAVEN_ERROR = '[ERROR] Failed to execute goal on project fsl-kafka-broker: Could not transfer artifact org.apache.kafka:kafka_2.13:jar:4.1.1 from/to central: Connection reset';

function fakeTools(failures: number): { bin: string; calls: string; libs: string } {
  const dir = mkdtempSync(join(tmpdir(), 'kafka-fetch-'));
  const calls = join(dir, 'calls');
  writeFileSync(calls, '');
  // The stand-in writes a jar where the real one would, after `failures` failed attempts.
  writeFileSync(
    join(dir, 'mvn'),
    `#!/usr/bin/env bash
echo x >> "${calls}"
n=$(wc -l < "${calls}")
if [ "$n" -le ${failures} ]; then echo "[INFO] Downloading from central"; echo "${MAVEN_ERROR}"; exit 1; fi
for a in "$@"; do case "$a" in -DoutputDirectory=*) touch "\${a#-DoutputDirectory=}/kafka_2.13-4.1.1.jar";; esac; done
`,
  );
  writeFileSync(join(dir, 'java'), '#!/usr/bin/env bash\nexit 0\n');
  chmodSync(join(dir, 'mvn'), 0o755);
  chmodSync(join(dir, 'java'), 0o755);
  return { bin: dir, calls, libs: join(dir, 'libs') };
}

function fetch(tools: { bin: string; libs: string }, attempts = 3) {
  return spawnSync('bash', [SCRIPT, 'fetch'], {
    encoding: 'utf8',
    env: { PATH: `${tools.bin}:${process.env.PATH}`, KAFKA_LIBS_DIR: tools.libs, KAFKA_FETCH_ATTEMPTS: String(attempts), KAFKA_FETCH_RETRY_DELAY: '0' },
  });
}

const attemptsMade = (calls: string) => readFileSync(calls, 'utf8').split('\n').filter(Boolean).length;

describe('kafka.sh fetch', () => {
  it('retries a transient Maven failure and then succeeds, saying why it retried', () => {
    const tools = fakeTools(2);
    const res = fetch(tools);
    expect(res.status).toBe(0);
    expect(attemptsMade(tools.calls)).toBe(3);
    expect(existsSync(join(tools.libs, 'kafka_2.13-4.1.1.jar'))).toBe(true);
    expect(res.stderr).toContain('attempt 1 of 3');
    expect(res.stderr).toContain('Could not transfer artifact');
  });

  it("gives up after the configured attempts with Maven's own error, and a non-zero status", () => {
    const tools = fakeTools(99);
    const res = fetch(tools);
    expect(res.status).toBe(1);
    expect(attemptsMade(tools.calls)).toBe(3);
    expect(res.stderr).toContain('failed 3 times');
    expect(res.stderr).toContain(MAVEN_ERROR);
    expect(existsSync(join(tools.libs, '.pom.sha256'))).toBe(false);
  });
});
