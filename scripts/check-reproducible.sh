#!/usr/bin/env bash
# Reproducible builds: builds Hoist twice from clean (tests skipped) and compares the sha256 of
# every published jar (each published module's jar, -sources.jar, -javadoc.jar and other attached
# jars such as core's -tests.jar), plus the CLI's shaded hoist.jar. Exits 1 when any differs, naming
# the jars and the entries that differ; also when a published module lacks its sources or javadoc jar.
#
# "Published" is read from the poms: the root pom's default <modules> (not profiles), less pom
# packaging and modules that set <maven.deploy.skip>true</maven.deploy.skip> (cli).
#
# Extra arguments go to both Maven runs, e.g. scripts/check-reproducible.sh -o
# Never installs or deploys anything: it runs `mvn clean package` only.
set -euo pipefail

ROOT="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd -P)"
cd "$ROOT"

work="$(mktemp -d "${TMPDIR:-/tmp}/hoist-reproducible.XXXXXX")"
trap 'rm -rf "$work"' EXIT

# The version of the reactor: the <version> right after hoist-parent's artifactId.
version="$(sed -n '/<artifactId>hoist-parent<\/artifactId>/{n;s/.*<version>\(.*\)<\/version>.*/\1/p;q}' pom.xml)"
[[ -n "$version" ]] || { echo "check-reproducible: cannot read the version from pom.xml" >&2; exit 2; }

published=()
while read -r module; do
  pom="$module/pom.xml"
  grep -q '<packaging>pom</packaging>' "$pom" && continue
  grep -q '<maven.deploy.skip>true</maven.deploy.skip>' "$pom" && continue
  published+=("$module")
done < <(sed -n '1,/<profiles>/p' pom.xml | sed -n 's/.*<module>\(.*\)<\/module>.*/\1/p')
((${#published[@]} > 0)) || { echo "check-reproducible: found no published module" >&2; exit 2; }

artifact_id() {
  # The module's own artifactId: the first one after its </parent>.
  sed -n '/<\/parent>/,$p' "$1/pom.xml" | sed -n 's/.*<artifactId>\(.*\)<\/artifactId>.*/\1/p' | head -n 1
}

# Lists "<path>" of every jar to compare, relative to $ROOT; fails when a published module lacks one.
jars() {
  local module id missing=0
  for module in "${published[@]}"; do
    id="$(artifact_id "$module")"
    for kind in "" -sources -javadoc; do
      if [[ ! -f "$module/target/$id-$version$kind.jar" ]]; then
        echo "check-reproducible: $module/target/$id-$version$kind.jar is missing" >&2
        missing=1
      fi
    done
    ls "$module/target/$id-$version"*.jar
  done
  ls cli/target/hoist.jar
  return "$missing"
}

build() {
  echo "check-reproducible: build $1: mvn clean package -DskipTests ${*:2}" >&2
  local start=$SECONDS
  mvn -B -q -ntp -Dstyle.color=never clean package -DskipTests "${@:2}"
  echo "check-reproducible: build $1 took $((SECONDS - start)) s" >&2
}

build 1 "$@"
jars > "$work/jars"
mkdir -p "$work/first"
while read -r jar; do
  mkdir -p "$work/first/$(dirname "$jar")"
  cp "$jar" "$work/first/$jar"
done < "$work/jars"
(cd "$work/first" && xargs sha256sum < "$work/jars") > "$work/first.sha256"

build 2 "$@"
jars > "$work/jars2"
if ! cmp -s "$work/jars" "$work/jars2"; then
  echo "check-reproducible: the two builds made different sets of jars:" >&2
  diff "$work/jars" "$work/jars2" >&2 || true
  exit 1
fi
xargs sha256sum < "$work/jars" > "$work/second.sha256"

if cmp -s "$work/first.sha256" "$work/second.sha256"; then
  echo "check-reproducible: $(wc -l < "$work/jars") jars byte-identical across two clean builds (${#published[@]} published modules: ${published[*]}; plus cli/target/hoist.jar)" >&2
  exit 0
fi

echo "check-reproducible: these jars differ between two clean builds:" >&2
diff "$work/first.sha256" "$work/second.sha256" | sed -n 's/^> [0-9a-f]*  //p' | while read -r jar; do
  echo "  $jar; entries that differ (name, CRC, time):" >&2
  diff <(unzip -v "$work/first/$jar" | awk '{print $8, $7, $5, $6}') \
       <(unzip -v "$jar" | awk '{print $8, $7, $5, $6}') | head -n 20 >&2 || true
done
exit 1
