#!/usr/bin/env bash
# Apache Kafka from Maven Central, run with plain java (no Docker, no tarball).
#   kafka.sh fetch|start|stop|status|wait|clean
# Idempotent. Instance settings come from the environment so tests can run a second broker:
#   KAFKA_PORT (9092), KAFKA_CONTROLLER_PORT (9093), KAFKA_HOME_DIR (<repo>/.kafka/<port>)
# The fetch retries a transient Maven Central failure: KAFKA_LIBS_DIR (<repo>/.kafka/libs),
#   KAFKA_FETCH_ATTEMPTS (4), KAFKA_FETCH_RETRY_DELAY (5 s, doubled after each failure).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
libs="${KAFKA_LIBS_DIR:-$repo/.kafka/libs}"
port="${KAFKA_PORT:-9092}"
cport="${KAFKA_CONTROLLER_PORT:-9093}"
home="${KAFKA_HOME_DIR:-$repo/.kafka/broker-$port}"
pidfile="$home/kafka.pid"
log="$home/logs/server.out"

fetch() {
  # The pom pins the version; the stamp file makes a re-run free once the jars are there.
  local stamp="$libs/.pom.sha256" want
  want="$(sha256sum "$here/pom.xml" | cut -d' ' -f1)"
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then return 0; fi
  command -v java >/dev/null || { echo "kafka: java (17+) is required" >&2; exit 1; }
  command -v mvn >/dev/null || { echo "kafka: Apache Maven is required" >&2; exit 1; }
  echo "kafka: fetching broker jars from Maven Central into $libs" >&2
  # A download from Maven Central fails now and then (a reset connection, a 5xx): try again after a
  # pause. Maven's output goes to a log, and when the last attempt fails its own error is printed,
  # so the reason is never swallowed.
  local attempts="${KAFKA_FETCH_ATTEMPTS:-4}" delay="${KAFKA_FETCH_RETRY_DELAY:-5}" attempt mvnlog
  mvnlog="$(mktemp)"
  for attempt in $(seq 1 "$attempts"); do
    rm -rf "$libs"; mkdir -p "$libs"
    if (cd "$here" && mvn -B -Dstyle.color=never dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory="$libs") > "$mvnlog" 2>&1; then
      rm -f "$mvnlog"
      echo "$want" > "$stamp"
      return 0
    fi
    if [ "$attempt" -lt "$attempts" ]; then
      echo "kafka: Maven failed (attempt $attempt of $attempts): $(grep -m1 '^\[ERROR\]' "$mvnlog" || tail -1 "$mvnlog"); retrying in ${delay}s" >&2
      sleep "$delay"; delay=$((delay * 2))
    fi
  done
  echo "kafka: fetching the broker from Maven Central failed $attempts times; Maven said:" >&2
  grep '^\[ERROR\]' "$mvnlog" >&2 || tail -40 "$mvnlog" >&2
  rm -f "$mvnlog"
  exit 1
}

running() { [ -f "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null; }

start() {
  fetch
  if running; then echo "kafka: already running on 127.0.0.1:$port (pid $(cat "$pidfile"))" >&2; return 0; fi
  mkdir -p "$home/data" "$home/logs"
  sed -e "s#@PORT@#$port#g" -e "s#@CONTROLLER_PORT@#$cport#g" -e "s#@DATA_DIR@#$home/data#g" \
    "$here/server.properties.tmpl" > "$home/server.properties"
  if [ ! -f "$home/data/meta.properties" ]; then
    local cid; cid="$(node -e "process.stdout.write(require('crypto').randomBytes(16).toString('base64url'))")"
    java -cp "$libs/*" kafka.tools.StorageTool format -t "$cid" -c "$home/server.properties" --ignore-formatted >> "$home/logs/format.out" 2>&1
  fi
  # setsid: the broker must outlive the shell that started it (the stack script, a test run).
  setsid java -Xms256m -Xmx768m -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -XX:InitiatingHeapOccupancyPercent=35 \
    -XX:+ExplicitGCInvokesConcurrent -Djava.awt.headless=true \
    -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -Dorg.slf4j.simpleLogger.log.kafka.server.KafkaRaftServer=info \
    -Dkafka.logs.dir="$home/logs" -cp "$libs/*" kafka.Kafka "$home/server.properties" \
    > "$log" 2>&1 < /dev/null &
  echo $! > "$pidfile"
  wait_ready
}

wait_ready() {
  # Ready = the broker answers a metadata request, not "the port is open".
  local deadline=$((SECONDS + ${KAFKA_START_TIMEOUT:-90}))
  until node "$here/probe.js" "127.0.0.1:$port" >/dev/null 2>&1; do
    if ! running; then echo "kafka: broker exited; last lines of $log:" >&2; tail -20 "$log" >&2; exit 1; fi
    [ $SECONDS -lt $deadline ] || { echo "kafka: not ready after ${KAFKA_START_TIMEOUT:-90}s" >&2; exit 1; }
    sleep 1
  done
  echo "kafka: ready on 127.0.0.1:$port" >&2
}

stop() {
  if ! running; then rm -f "$pidfile"; echo "kafka: not running" >&2; return 0; fi
  local pid; pid="$(cat "$pidfile")"
  kill -TERM "$pid"  # controlled shutdown; kill -9 would force log recovery next start
  for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
  kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" || true
  rm -f "$pidfile"; echo "kafka: stopped" >&2
}

status() {
  if running && node "$here/probe.js" "127.0.0.1:$port" >/dev/null 2>&1; then
    echo "kafka: up on 127.0.0.1:$port (pid $(cat "$pidfile"), data $home/data)"
  elif running; then echo "kafka: process $(cat "$pidfile") alive but not answering on $port"; return 1
  else echo "kafka: down"; return 1; fi
}

case "${1:-}" in
  fetch) fetch ;; start) start ;; stop) stop ;; status) status ;; wait) wait_ready ;;
  clean) stop; rm -rf "$home" ;;
  *) echo "usage: $0 fetch|start|stop|status|wait|clean" >&2; exit 2 ;;
esac
