#!/usr/bin/env bash
# Installs Arbor's jars (with their sources and javadoc) and its BOM into the local Maven repository
# (~/.m2), so another project can depend on them. Arguments go to Maven.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/env.sh
mvn -B -ntp install -DskipTests "$@"
