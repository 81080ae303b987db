# Sourced (POSIX sh) by bin/roster and bench/run, after bin/find-jdk.sh: sets ROSTER_JVM_OPTIONS, the JVM options
# Roster runs with. JAVA_OPTS, when set, replaces them.

roster_jvm_options() { # $1: the jar
  if [ -n "${JAVA_OPTS-}" ]; then
    ROSTER_JVM_OPTIONS="$JAVA_OPTS"
    return
  fi
  # A small heap: what Roster keeps is bounded (about 35 MB live at a million users, the staff directory included),
  # request bodies in memory are bounded too (api/BodyBudget), and the JVM's default on a big machine (a quarter of
  # its memory) only lets garbage pile up in resident memory.
  ROSTER_JVM_OPTIONS="-Xms24m -Xmx96m -XX:+UseSerialGC -XX:+ExitOnOutOfMemoryError"
  # Start-up: a cache of the classes Roster loads, written when the first run of a jar ends and read by every later
  # run (JDK 25: an AOT cache; JDK 21-24: a CDS archive). It sits beside the jar, keyed by the jar's size and time.
  roster_key="$(stat -c '%s-%Y' "$1" 2>/dev/null || echo none)"
  roster_dir="$(cd "$(dirname "$1")" && pwd)"
  if [ "$(roster_jdk_major "$JAVA_HOME")" -ge 25 ]; then
    roster_cache="$roster_dir/roster-$roster_key.aot"
    if [ -f "$roster_cache" ]; then
      ROSTER_JVM_OPTIONS="$ROSTER_JVM_OPTIONS -XX:AOTCache=$roster_cache"
    else
      ROSTER_JVM_OPTIONS="$ROSTER_JVM_OPTIONS -XX:AOTCacheOutput=$roster_cache"
    fi
  else
    ROSTER_JVM_OPTIONS="$ROSTER_JVM_OPTIONS -XX:+AutoCreateSharedArchive -XX:SharedArchiveFile=$roster_dir/roster-$roster_key.jsa"
  fi
}
