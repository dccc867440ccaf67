#!/usr/bin/env bash
# Issue 5's benchmarks: `npm run bench` (full, ~15-20 min) or `npm run bench -- --quick` (~3 min).
#   --profile   also write a CPU profile of every app process into bench/.data/profiles/<app>/
#   --keep-db   leave the fsl_bench database in place afterwards (to look at it)
# Installs and builds like scripts/test.sh, fetches the peer (Kafka Connect + the Debezium JDBC sink,
# bench/connect/fetch.sh), starts the Kafka broker on 9092 only if KAFKA_BROKERS is unset and none
# answers there (and stops it again only if it started it), then runs bench/dist/main.js.
# KAFKA_BROKERS=host:port runs against that broker instead, which must already answer.
# Never run from CI: it measures speed.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/lib.sh"
cd "$repo"

install_deps
build_all
check_services
npx tsc -p bench
bash bench/connect/fetch.sh

started_kafka=0
stop_kafka() { if [ "$started_kafka" = 1 ]; then bash infra/kafka/kafka.sh stop; fi; }
trap stop_kafka EXIT
if [ -n "${KAFKA_BROKERS:-}" ]; then
  node infra/kafka/probe.js "${KAFKA_BROKERS%%,*}" >/dev/null 2>&1 || { echo "bench: no broker answers at $KAFKA_BROKERS" >&2; exit 1; }
elif ! node infra/kafka/probe.js 127.0.0.1:9092 >/dev/null 2>&1; then
  bash infra/kafka/kafka.sh start
  started_kafka=1
fi

# --scale [events]: the 10M-event rebuild measured once (bench/src/scale.ts), instead of the phases.
if [ "${1:-}" = "--scale" ]; then
  shift
  node bench/dist/scale.js "$@"
else
  node bench/dist/main.js "$@"
fi
