#!/usr/bin/env bash
# The benchmark's peer (bench/README.md, "The peer"): Kafka Connect 4.1.1 (the broker's version) and the
# Debezium JDBC sink 3.5.0.Final with the PostgreSQL driver, from Maven Central only, cached in
#   $CONNECT_LIBS_DIR (<repo>/.kafka/connect, git-ignored): worker/ (the worker's classpath) and
#   plugins/debezium-jdbc/ (the connector's plugin folder, without Jackson, Kafka and SLF4J).
# Versions are pinned in worker.pom.xml and plugin.pom.xml; every jar is checked against jars.sha256
# (and Maven checks Central's own checksums, -C), and a jar that is not in that list fails the fetch.
# Idempotent: a stamp of the inputs makes a re-run free once the jars are there and verified.
#   fetch.sh            fetch if needed, verify
#   fetch.sh --pin      fetch and rewrite jars.sha256 (only when a pinned version is changed on purpose)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
libs="${CONNECT_LIBS_DIR:-$repo/.kafka/connect}"
sums="$here/jars.sha256"
pin=0; [ "${1:-}" = "--pin" ] && pin=1

stamp="$libs/.inputs.sha256"
inputs() { cat "$here/worker.pom.xml" "$here/plugin.pom.xml" "$here/settings.xml" "$sums" | sha256sum | cut -d' ' -f1; }
[ -f "$sums" ] || [ "$pin" = 1 ] || { echo "connect: $sums is missing" >&2; exit 1; }
want=""; [ -f "$sums" ] && want="$(inputs)"
if [ "$pin" = 0 ] && [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then exit 0; fi

command -v java >/dev/null || { echo "connect: java (17+) is required" >&2; exit 1; }
command -v mvn >/dev/null || { echo "connect: Apache Maven is required" >&2; exit 1; }

copy() { # pom, output folder
  # settings.xml mirrors every repository to Maven Central: Debezium's poms name others.
  mvn -B -C -Dstyle.color=never -s "$here/settings.xml" -f "$here/$1" \
    dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory="$2"
}

echo "connect: fetching Kafka Connect and the Debezium JDBC sink from Maven Central into $libs" >&2
attempts="${CONNECT_FETCH_ATTEMPTS:-4}"; delay="${CONNECT_FETCH_RETRY_DELAY:-5}"; mvnlog="$(mktemp)"
for attempt in $(seq 1 "$attempts"); do
  rm -rf "$libs"; mkdir -p "$libs/worker" "$libs/plugins/debezium-jdbc"
  if copy worker.pom.xml "$libs/worker" > "$mvnlog" 2>&1 && copy plugin.pom.xml "$libs/plugins/debezium-jdbc" >> "$mvnlog" 2>&1; then
    break
  fi
  if [ "$attempt" -ge "$attempts" ]; then
    echo "connect: fetching from Maven Central failed $attempts times; Maven said:" >&2
    grep '^\[ERROR\]' "$mvnlog" >&2 || tail -40 "$mvnlog" >&2
    rm -f "$mvnlog"; exit 1
  fi
  echo "connect: Maven failed (attempt $attempt of $attempts): $(grep -m1 '^\[ERROR\]' "$mvnlog" || tail -1 "$mvnlog"); retrying in ${delay}s" >&2
  sleep "$delay"; delay=$((delay * 2))
done
rm -f "$mvnlog"

actual="$(cd "$libs" && find worker plugins -name '*.jar' | LC_ALL=C sort | xargs sha256sum)"
if [ "$pin" = 1 ]; then
  printf '%s\n' "$actual" > "$sums"
  echo "connect: pinned $(wc -l < "$sums") jars in $sums" >&2
  want="$(inputs)"
elif [ "$actual" != "$(cat "$sums")" ]; then
  echo "connect: the fetched jars differ from $sums (a changed artifact, or a jar added or missing):" >&2
  diff <(cat "$sums") <(printf '%s\n' "$actual") >&2 || true
  rm -rf "$libs"; exit 1
fi
echo "$want" > "$stamp"
