# Sourced by the other scripts: selects JDK 25 (the default java on these machines is 17).
ARBOR_JAVA_HOME_DEFAULT=/usr/lib/jvm/temurin-25-jdk-amd64
export JAVA_HOME="${ARBOR_JAVA_HOME:-$ARBOR_JAVA_HOME_DEFAULT}"
if [ ! -x "$JAVA_HOME/bin/java" ] || ! "$JAVA_HOME/bin/java" -version 2>&1 | grep -q 'version "25'; then
  echo "Arbor needs JDK 25 at $JAVA_HOME; install Temurin 25 there or set ARBOR_JAVA_HOME to a JDK 25." >&2
  exit 1
fi
export PATH="$JAVA_HOME/bin:$PATH"
if ! command -v mvn >/dev/null; then
  echo "Arbor builds with Apache Maven (3.8.7 or newer); install it (Debian: apt-get install maven)." >&2
  exit 1
fi
# Flags every JVM that runs Arbor gets: native memory access is Arbor's purpose, not an accident.
ARBOR_JVM_FLAGS="--enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow"
# Maven's own JVM (JDK 25 here) gets them too, so its libraries print no native-access or Unsafe
# warnings. They are not in .mvn/jvm.config: a JVM older than 24 refuses the second one before
# Maven could say which JDK the build needs (the enforcer rule in pom.xml says it).
export MAVEN_OPTS="${MAVEN_OPTS:-} $ARBOR_JVM_FLAGS"
