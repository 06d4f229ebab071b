#!/usr/bin/env bash
# Proves that the javadoc configuration (root pom, maven-javadoc-plugin) fails the build where it
# must. In a scratch copy of the poms and core's sources (the work tree is not touched) it adds
#   1. a public SPI type (dev.hoist.spi) with a method that lacks an @param and an @throws and a
#      comment with a broken {@link}: the api-doclint execution must fail and name all three;
#   2. an internal type (dev.hoist.config) with the same faults: the javadoc jar execution must
#      fail on the broken {@link}, and must not ask for the @param (internal packages need not
#      document every parameter).
# Needs core's dependencies in the local repository (run a build first); extra arguments go to Maven
# (e.g. -o). Exits 1 when the configuration lets a fault through.
set -euo pipefail

ROOT="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd -P)"
cd "$ROOT"

work="$(mktemp -d "${TMPDIR:-/tmp}/hoist-doclint.XXXXXX")"
trap 'rm -rf "$work"' EXIT
cp pom.xml LICENSE "$work/"
while read -r module; do
  mkdir -p "$work/$module"
  cp "$module/pom.xml" "$work/$module/"
done < <(sed -n 's/.*<module>\(.*\)<\/module>.*/\1/p' pom.xml)
cp -r core/src "$work/core/"

probe() { # package, class
  cat > "$work/core/src/main/java/${1//.//}/$2.java" <<JAVA
package $1;

/** A probe of the javadoc configuration; see {@link NoSuchTypeAnywhere}. */
public interface $2 {

    /**
     * Reads something.
     *
     * @return a number
     */
    int read(String what) throws java.io.IOException;
}
JAVA
}

failures=0
expect() { # description, log, pattern
  if grep -q -- "$3" "$2"; then
    echo "check-doclint: ok: $1" >&2
  else
    echo "check-doclint: FAILED: $1 (no '$3' in the javadoc output)" >&2
    failures=1
  fi
}

probe dev.hoist.spi SpiDoclintProbe
if mvn -B -ntp -q -Dstyle.color=never -f "$work/pom.xml" -pl core \
    org.apache.maven.plugins:maven-javadoc-plugin:javadoc-no-fork@api-doclint "$@" > "$work/api.log" 2>&1; then
  echo "check-doclint: FAILED: the api-doclint execution accepted an SPI method without @param and @throws and a broken {@link}" >&2
  failures=1
fi
expect "SPI: a broken {@link} fails" "$work/api.log" "SpiDoclintProbe.java:3: error: reference not found"
expect "SPI: a missing @param fails" "$work/api.log" "SpiDoclintProbe.java:.*warning: no @param for what"
expect "SPI: a missing @throws fails" "$work/api.log" "SpiDoclintProbe.java:.*warning: no @throws for java.io.IOException"
rm "$work/core/src/main/java/dev/hoist/spi/SpiDoclintProbe.java"

probe dev.hoist.config InternalDoclintProbe
if mvn -B -ntp -q -Dstyle.color=never -f "$work/pom.xml" -pl core \
    org.apache.maven.plugins:maven-javadoc-plugin:jar@attach-javadocs "$@" > "$work/jar.log" 2>&1; then
  echo "check-doclint: FAILED: the javadoc jar execution accepted a broken {@link} in an internal package" >&2
  failures=1
fi
expect "internal: a broken {@link} fails" "$work/jar.log" "InternalDoclintProbe.java:3: error: reference not found"
if grep -q "InternalDoclintProbe.java:.*no @param" "$work/jar.log"; then
  echo "check-doclint: FAILED: an internal package was asked for every @param" >&2
  failures=1
else
  echo "check-doclint: ok: internal: a missing @param is allowed" >&2
fi

if ((failures)); then
  echo "check-doclint: the javadoc outputs are in $work (kept)" >&2
  trap - EXIT
  exit 1
fi
