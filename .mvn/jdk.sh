# Sourced by ./mvnw, ./takedown and .ci/run: points JAVA_HOME at a JDK 21+ (Temurin 25 preferred).
# The machine's default java is 17, which cannot build or run Takedown.
takedown_java_major() {
  "$1/bin/java" -version 2>&1 | sed -n 's/.*version "\([0-9][0-9]*\).*/\1/p' | head -n 1
}
takedown_pick_jdk() {
  if [ -n "${JAVA_HOME-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then
    major=$(takedown_java_major "$JAVA_HOME")
    if [ -n "$major" ] && [ "$major" -ge 21 ]; then return 0; fi
  fi
  for candidate in /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/temurin-25* /usr/lib/jvm/*-25* /usr/lib/jvm/*; do
    [ -x "$candidate/bin/javac" ] || continue
    major=$(takedown_java_major "$candidate")
    if [ -n "$major" ] && [ "$major" -ge 21 ]; then
      JAVA_HOME="$candidate"; export JAVA_HOME; return 0
    fi
  done
  echo "takedown: no JDK 21+ found; install Temurin 25 under /usr/lib/jvm or set JAVA_HOME" >&2
  return 1
}
takedown_pick_jdk
