#!/usr/bin/env bash
# Builds the example host application and runs it.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/env.sh
mvn -B -ntp -q -pl examples -am package -DskipTests
# shellcheck disable=SC2086
exec "$JAVA_HOME/bin/java" $ARBOR_JVM_FLAGS -jar examples/target/arbor-examples.jar "$@"
