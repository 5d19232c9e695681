#!/usr/bin/env bash
# Builds the JMH jar and runs it. Arguments go to JMH, e.g.:
#   scripts/bench.sh -f 1 -wi 3 -w 1s -i 5 -r 1s AllocationBenchmark
#   scripts/bench.sh --json results.json -p size=64      (machine-readable results in results.json)
#   scripts/bench.sh --no-build -l                       (reuse the last build; list benchmarks)
# JMH's own help: scripts/bench.sh --no-build -h
# Collections vs peer libraries (long->long and String->String maps, long vectors), then the
# per-entry markdown table and the chart docs/bench-collections.png:
#   scripts/bench.sh -f 1 -wi 2 -w 1s -i 3 -r 1s -p size=1000,1000000 --json coll.json 'collections\.'
#   scripts/bench-chart.py coll.json --table
# Retained heap per entry (JOL + MemoryMXBean): "$JAVA_HOME/bin/java" -Djdk.attach.allowAttachSelf=true \
#   -XX:+EnableDynamicAgentLoading -cp benchmarks/target/benchmarks.jar dev.arbor.benchmarks.collections.HeapPerEntry
set -euo pipefail
caller_dir=$PWD
cd "$(dirname "$0")/.."

# JAVA_HOME = JDK 25 (/usr/lib/jvm/temurin-25-jdk-amd64 unless ARBOR_JAVA_HOME says otherwise),
# and ARBOR_JVM_FLAGS.
. scripts/env.sh

build=1
jmh_args=()
while (($# > 0)); do
  case "$1" in
    --json)
      if (($# < 2)); then
        echo "bench.sh: --json needs a file name, e.g. --json results.json" >&2
        exit 2
      fi
      # A relative file name is relative to where the script was called from.
      case "$2" in
        /*) json_file=$2 ;;
        *) json_file=$caller_dir/$2 ;;
      esac
      jmh_args+=(-rf json -rff "$json_file")
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
  mvn -B -ntp -q -pl benchmarks -am package -DskipTests
fi

# ARBOR_JVM_FLAGS: --enable-native-access (also in the jar's manifest) and
# --sun-misc-unsafe-memory-access=allow, as JMH's own code calls sun.misc.Unsafe, which warns on
# JDK 24+. The forks get the same flags from the benchmarks' @Fork.
# shellcheck disable=SC2086
exec "$JAVA_HOME/bin/java" $ARBOR_JVM_FLAGS -jar benchmarks/target/benchmarks.jar "${jmh_args[@]}"
