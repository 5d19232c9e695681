#!/usr/bin/env bash
# Builds every module and runs every test (unit, contract, integration). Exits non-zero when a test fails.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/env.sh
mvn -B -ntp verify "$@"
