#!/usr/bin/env bash
# The whole test suite: installs, builds, starts the broker, prepares the test database, runs jest
# (unit + integration) and prints one closing line "N passed, N failed".
set -uo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$repo"

install_deps || exit 1
build_all || exit 1
check_services || exit 1

started_kafka=0
if ! bash infra/kafka/kafka.sh status >/dev/null 2>&1; then
  bash infra/kafka/kafka.sh start || exit 1
  started_kafka=1
fi
cleanup() { if [ "$started_kafka" = 1 ]; then bash infra/kafka/kafka.sh stop 2>/dev/null; started_kafka=0; fi; }
trap cleanup EXIT

export DATABASE_URL="${TEST_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/fsl_test}"
node scripts/setup.js || exit 1

mkdir -p reports
npx jest --ci --json --outputFile=reports/jest.json "$@" 2>&1 | tee reports/jest.log
jest_rc=${PIPESTATUS[0]}
cleanup  # before the closing line: it must be the last thing printed

node -e "
  const r = require('./reports/jest.json');
  const failedSuites = r.numFailedTestSuites - r.testResults.filter(t => t.assertionResults.some(a => a.status === 'failed')).length;
  if (failedSuites > 0) console.log('suites that failed to run: ' + failedSuites);
  console.log(r.numPassedTests + ' passed, ' + (r.numFailedTests + Math.max(0, failedSuites)) + ' failed' + (r.numPendingTests ? ', ' + r.numPendingTests + ' skipped' : ''));
" || { echo "0 passed, 1 failed"; exit 1; }
exit "$jest_rc"
