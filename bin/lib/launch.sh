# Shared by the launchers in bin/: builds a module when its jar is missing or older than any
# source of the project, then runs its main class on the copied runtime class path, with the
# JVM options of bin/lib/java-options, then those of bin/lib/MODULE.java-options if there is
# one, then $GAPSYNC_JAVA_OPTS (later options win).
# Usage (from a launcher): . "$(dirname "$0")/lib/launch.sh"; launch MODULE MAIN_CLASS "$@"

launch() {
  local module=$1 main=$2
  shift 2
  local root
  root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
  local jar="$root/$module/target/$module-0.1.0-SNAPSHOT.jar"
  if [ -n "${GAPSYNC_NO_BUILD:-}" ]; then
    # Set by tests that run inside the build: the jar must be there already.
    [ -f "$jar" ] || { echo "error: $jar is missing; build with './mvnw -B install'" >&2; exit 4; }
  elif [ ! -f "$jar" ] || [ -n "$(find "$root" -path "$root/*/src/main/*" -newer "$jar" \
      -print -quit 2>/dev/null)" ] || [ -n "$(find "$root" -maxdepth 2 -name pom.xml \
      -newer "$jar" -print -quit)" ]; then
    echo "building $module (first run or sources changed)..." >&2
    (cd "$root" && ./mvnw -q -B -DskipTests -pl "$module" -am install >&2) || {
      echo "error: the build failed; run './mvnw -B verify' in $root to see why" >&2
      exit 1
    }
    # An up-to-date jar is not rewritten; mark it checked against the sources now.
    touch "$jar"
  fi
  local own="$root/bin/lib/$module.java-options"
  # shellcheck disable=SC2046 # the options files hold several words on purpose
  exec java $(cat "$root/bin/lib/java-options") $( [ -f "$own" ] && cat "$own" ) \
    ${GAPSYNC_JAVA_OPTS:-} -cp "$jar:$root/$module/target/lib/*" "$main" "$@"
}
