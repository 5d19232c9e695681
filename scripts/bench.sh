#!/usr/bin/env bash
# Builds the JMH jar and runs it. Arguments go to JMH, e.g.:
#   scripts/bench.sh -f 1 -wi 3 -w 1s -i 5 -r 1s AllocationBenchmark
#   scripts/bench.sh --json results.json -p size=64      (machine-readable results in results.json)
#   scripts/bench.sh --no-build -l                       (reuse the last build; list benchmarks)
# JMH's own help: scripts/bench.sh --no-build -h
set -euo pipefail
cd "$(dirname "$0")/.."

# The default java on PATH may be older; Arbor needs 25.
export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64

build=1
jmh_args=()
while (($# > 0)); do
  case "$1" in
    --json)
      if (($# < 2)); then
        echo "bench.sh: --json needs a file name, e.g. --json results.json" >&2
        exit 2
      fi
      jmh_args+=(-rf json -rff "$2")
      shift 2
      ;;
    --no-build)
      build=0
      shift
      ;;
    *)
      jmh_args+=("$1")
      shift
      ;;
  esac
done

if ((build)); then
  mvn -B -q -pl benchmarks -am package -DskipTests
fi

# --enable-native-access is in the jar's manifest too; said here so the command line shows what
# the JVM allows. JMH's own code (host and forks) calls sun.misc.Unsafe, which warns on JDK 24+
# unless allowed. The forks get both flags from the benchmarks' @Fork.
exec "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow \
  -jar benchmarks/target/benchmarks.jar "${jmh_args[@]}"
