# Sourced (POSIX sh) by ./mvnw and bin/roster: exports JAVA_HOME as a JDK 21 or newer, looking at JAVA_HOME,
# then the java on PATH, then the newest JDK under /usr/lib/jvm; stops with one line when there is none.

roster_jdk_major() { # prints the feature version of the JDK at $1, or nothing if it is not a JDK
  [ -x "$1/bin/java" ] && [ -x "$1/bin/javac" ] || return 0
  "$1/bin/java" -version 2>&1 | sed -n 's/.*version "\([0-9][0-9]*\)\(\.[0-9]*\)*.*".*/\1/p' | head -n 1
}

roster_find_jdk() {
  best_home=""
  best_major=0
  for home in "${JAVA_HOME-}" "$(dirname "$(dirname "$(readlink -f "$(command -v java 2>/dev/null || echo /nonexistent)")")")" /usr/lib/jvm/*; do
    [ -n "$home" ] && [ -d "$home" ] || continue
    major="$(roster_jdk_major "$home")"
    [ -n "$major" ] || continue
    # JAVA_HOME (the first candidate) wins when it is new enough; otherwise take the newest.
    if [ "$home" = "${JAVA_HOME-}" ] && [ "$major" -ge 21 ]; then best_home="$home"; best_major="$major"; break; fi
    if [ "$major" -gt "$best_major" ]; then best_home="$home"; best_major="$major"; fi
  done
  if [ "$best_major" -lt 21 ]; then
    echo "roster: a JDK 21 or newer is needed and none was found (JAVA_HOME, PATH, /usr/lib/jvm); install one, e.g. 'apt-get install openjdk-21-jdk-headless'" >&2
    return 1
  fi
  JAVA_HOME="$best_home"
  export JAVA_HOME
}
