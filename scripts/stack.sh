#!/usr/bin/env bash
# Bring up the whole stack on this machine: dependencies, build, Kafka, database, topics, the six
# apps (in the background, logs in .run/logs), two stand-in municipalities, then a small demo data set. Idempotent.
#   bash scripts/stack.sh          start (or restart the apps) and load the demo data
#   bash scripts/stack.sh stop     stop the apps and the broker
#   bash scripts/stack.sh status   show what runs
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$repo"
run="$repo/.run"
apps=(ingest-co ingest-siisl ingest-gepi ingest-enti-locali dossier-builder api)
declare -A ports=([api]=3000 [ingest-co]=3001 [ingest-siisl]=3002 [ingest-gepi]=3003 [dossier-builder]=3004 [ingest-enti-locali]=3005)
# /metrics is served on each app's management port (MANAGEMENT_PORT, loopback), never on its public one.
declare -A management_ports=([api]=9400 [ingest-co]=9401 [ingest-siisl]=9402 [ingest-gepi]=9403 [dossier-builder]=9404 [ingest-enti-locali]=9405)
# The two stand-in municipalities of the demo (libs/waas-standin), as apps/ingest-enti-locali/config/enti.dev.json
# registers them: code, port, and the purpose our voucher must be for.
waas_enti=("H501 8921 6f1c0de0-0000-4000-8000-0000000fb501" "F205 8922 6f1c0de0-0000-4000-8000-0000000fb205")

stop_apps() {
  for app in "${apps[@]}"; do
    local pidfile="$run/$app.pid"
    if [ -f "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null; then
      kill -TERM "$(cat "$pidfile")" || true
      for _ in $(seq 1 20); do kill -0 "$(cat "$pidfile")" 2>/dev/null || break; sleep 0.5; done
    fi
    rm -f "$pidfile"
  done
  # The PDND stand-in and the stand-in municipalities started with the apps (below) go with them.
  for pidfile in "$run/pdnd-standin.pid" "$run"/waas-*.pid; do
    if [ -f "$pidfile" ]; then kill -TERM "$(cat "$pidfile")" 2>/dev/null || true; rm -f "$pidfile"; fi
  done
}

status() {
  bash infra/kafka/kafka.sh status || true
  for app in "${apps[@]}"; do
    local code
    code=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:${ports[$app]}/status" || true)
    printf '%-16s http://127.0.0.1:%s/status -> %s   metrics http://127.0.0.1:%s/metrics\n' "$app" "${ports[$app]}" "${code:-down}" "${management_ports[$app]}"
  done
}

case "${1:-start}" in
  stop) stop_apps; bash infra/kafka/kafka.sh stop; exit 0 ;;
  status) status; exit 0 ;;
  start) ;;
  *) echo "usage: $0 [start|stop|status]" >&2; exit 2 ;;
esac

install_deps
build_all
check_services
bash infra/kafka/kafka.sh start
node scripts/setup.js

stop_apps
mkdir -p "$run/logs"
# The local PDND stand-in (DEV ONLY keys in .run/pdnd-standin): it serves the key set the api trusts,
# and its CLI mints the vouchers of the demo (README, "Calling an e-service").
standin=http://127.0.0.1:8911
setsid node libs/pdnd-standin/dist/cli.js serve --port 8911 >> "$run/logs/pdnd-standin.log" 2>&1 < /dev/null &
echo $! > "$run/pdnd-standin.pid"
for _ in $(seq 1 20); do curl -sf -o /dev/null "$standin/.well-known/jwks.json" && break; sleep 0.5; done
# Two municipalities' SIUSS WaaS e-services (DEV ONLY stand-ins) with flows for the demo's people: the named
# workers first, then (Rome) the CO generator's workers of the demo's seed. The gateway polls them by itself.
named=$(node -p "require('./scripts/demo-data.js').DEMO_WORKERS.join(',')")
seed=$(node -p "require('./scripts/demo-data.js').SEED")
for spec in "${waas_enti[@]}"; do
  read -r ente port purpose <<< "$spec"
  if [ "$ente" = H501 ]; then extra="--seed $seed --count 60 --workers ${DEMO_WORKERS:-200}"; else extra="--seed $((seed + 1)) --count 24"; fi
  # shellcheck disable=SC2086 # extra holds flags to split
  setsid node libs/waas-standin/dist/cli.js --ente "$ente" --port "$port" $extra --beneficiari "$named" --purpose "$purpose" \
    --jwks-url "$standin/.well-known/jwks.json" >> "$run/logs/waas-$ente.log" 2>&1 < /dev/null &
  echo $! > "$run/waas-$ente.pid"
done
for spec in "${waas_enti[@]}"; do
  read -r ente port _ <<< "$spec"
  for _ in $(seq 1 40); do curl -sf -o /dev/null "http://127.0.0.1:$port/waas/v1/status" && break; sleep 0.5; done
done
declare -A app_env=(
  [api]="PDND_JWKS_URL=$standin/.well-known/jwks.json PDND_KEYS_API_URL=$standin PDND_PUBLIC_BASE_URL=http://127.0.0.1:${ports[api]}"
)
for app in "${apps[@]}"; do
  # shellcheck disable=SC2086,SC2046 # app_env holds VAR=value words; node_args prints flags to split
  setsid env ${app_env[$app]:-} node $(node_args "$app") "apps/$app/dist/main.js" >> "$run/logs/$app.log" 2>&1 < /dev/null &
  echo $! > "$run/$app.pid"
done

# The builder answers 503 until its consumer has joined the group: 200 from each means all of it runs.
echo "==> waiting for every app's /status" >&2
for app in "${apps[@]}"; do
  for i in $(seq 1 60); do
    code=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:${ports[$app]}/status" || true)
    [ "$code" = 200 ] && break
    if ! kill -0 "$(cat "$run/$app.pid")" 2>/dev/null; then
      echo "$app exited; last lines of .run/logs/$app.log:" >&2; tail -20 "$run/logs/$app.log" >&2; exit 1
    fi
    sleep 1
  done
  [ "$code" = 200 ] || { echo "$app /status is $code after 60 s; see .run/logs/$app.log" >&2; exit 1; }
done

echo "==> loading demo data" >&2
node scripts/demo-data.js

cat <<MSG

FSL is up.
  API (PDND e-services)      http://127.0.0.1:3000/rest/fsl/v1/...  (vouchers: README, "Calling an e-service")
  PDND stand-in (DEV ONLY)   $standin/.well-known/jwks.json
  ingest-co                  http://127.0.0.1:3001/v1/comunicazioni   (POST)
  ingest-siisl / ingest-gepi http://127.0.0.1:3002 / http://127.0.0.1:3003: /v1/{entita} (POST), /v1/{entita}/lotti, /v1/lotti
  dossier-builder            http://127.0.0.1:3004/status
  ingest-enti-locali         http://127.0.0.1:3005/v1/enti   (the municipal gateway's operator view; it polls by itself)
  municipalities (DEV ONLY)  H501 http://127.0.0.1:8921/waas/v1, F205 http://127.0.0.1:8922/waas/v1 (waas-standin; control under /__standin/)
  every app                  /status on its port; /metrics on 127.0.0.1:9400-9405 (api, ingest-co, -siisl, -gepi, builder, gateway)
  OpenAPI documents          apps/*/openapi.json
  database roles             the apps connect as fsl_ingest, fsl_builder, fsl_api; setup and migrations as postgres
  logs                       .run/logs/<app>.log
  try                        curl -s -H "Authorization: Bearer \$(node libs/pdnd-standin/dist/cli.js voucher --raw --claim eserviceId=6f1c0de0-0000-4000-8000-00000000b002 --claim descriptorId=6f1c0de0-0000-4000-8000-00000000d002)" http://127.0.0.1:3000/v1/cartelle-lavorative/$(node -p "require('./scripts/demo-data.js').DEMO_WORKERS[0]")
  a fascicolo, 3 cartelle    README.md, "Demo: a citizen's fascicolo" (CO, SIISL, GePI and the municipalities' benefits of the same people)
  stop                       bash scripts/stack.sh stop
MSG
