#!/usr/bin/env bash
# DEV ONLY: calls an e-service of the local api with a voucher and the ModI headers its registry entry
# requires (scripts/eservice-call.js says how). Example, once scripts/stack.sh runs:
#   scripts/eservice-call.sh rapporti-lavoro '{"codiceFiscale":"RSSMRA85C52H501N"}'
#   scripts/eservice-call.sh requisito-occupazionale '{"codiceFiscale":"RSSMRA85C52H501N","dal":"2024-01-01","al":"2024-12-31"}' --consumer inps-demo
exec node "$(dirname "${BASH_SOURCE[0]}")/eservice-call.js" "$@"
