#!/usr/bin/env bash
# Proves that a local release (scripts/release-local.sh -> target/release-repo) is complete: builds
# and tests examples/flavor-ecr and examples/embedding-host, as outside projects, with
#   - a fresh, empty local repository (a temporary directory, -Dmaven.repo.local), and
#   - target/release-repo as the only source of dev.hoist artifacts: a settings file written here adds
#     it as a repository; Maven Central never serves dev.hoist, and the fresh local repository has
#     none, so every dev.hoist artifact must come from the file repository. Afterwards the local
#     repository's records (_remote.repositories) are checked to say exactly that.
# Third-party artifacts (Guice, JUnit, Maven's plugins, ...) come from Maven Central, or, with
# HOIST_RELEASE_SEED=m2, are copied first from ~/.m2/repository, everything except dev/hoist (that
# still proves the dev.hoist set complete, and saves the downloads).
#
# The examples' tests run as in scripts/test.sh: embedding-host's integration test needs the
# services (eval "$(scripts/services.sh start)"; HOIST_REQUIRE_SERVICES=1 makes it fail without).
# Extra arguments go to both Maven runs. Exits non-zero when a build fails or a dev.hoist artifact
# came from anywhere else.
set -euo pipefail

ROOT="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd -P)"
cd "$ROOT"

repo="$ROOT/target/release-repo"
[[ -d "$repo/dev/hoist" ]] || { echo "check-release: $repo has no dev/hoist; run scripts/release-local.sh first" >&2; exit 2; }

# Maven Central's pom rules, on every deployed pom: its own name and description; url, licenses,
# developers and scm of its own or inherited from hoist-parent, which must have them.
poms="$(find "$repo/dev/hoist" -name '*.pom')"
for pom in $poms; do
  for element in name description; do
    grep -q "<$element>" "$pom" || { echo "check-release: $pom has no <$element>" >&2; exit 1; }
  done
  case "$pom" in
    */hoist-parent-*.pom | */hoist-bom-*.pom) ;;
    *) grep -q '<artifactId>hoist-parent</artifactId>' "$pom" \
         || { echo "check-release: $pom neither has hoist-parent as parent nor is hoist-parent or hoist-bom" >&2; exit 1; }
       continue ;;
  esac
  for element in url licenses developers scm; do
    grep -q "<$element[ >]" "$pom" || { echo "check-release: $pom has no <$element>" >&2; exit 1; }
  done
done

work="$(mktemp -d "${TMPDIR:-/tmp}/hoist-release-check.XXXXXX")"
trap 'rm -rf "$work"' EXIT
local_repo="$work/repository"
mkdir -p "$local_repo"

start=$SECONDS
case "${HOIST_RELEASE_SEED:-central}" in
  m2)
    seed="${HOIST_RELEASE_SEED_FROM:-$HOME/.m2/repository}"
    # Everything but dev/hoist; a plain copy (not hard links), so nothing done here touches the original.
    (cd "$seed" && find . -mindepth 1 -maxdepth 1 ! -name dev -exec cp -a {} "$local_repo/" \;)
    if [[ -d "$seed/dev" ]]; then
      mkdir -p "$local_repo/dev"
      (cd "$seed/dev" && find . -mindepth 1 -maxdepth 1 ! -name hoist -exec cp -a {} "$local_repo/dev/" \;)
    fi
    echo "check-release: seeded the fresh local repository from $seed without dev/hoist in $((SECONDS - start)) s" >&2
    ;;
  central) echo "check-release: fresh, empty local repository; third-party artifacts from Maven Central" >&2 ;;
  *) echo "check-release: HOIST_RELEASE_SEED is m2 or central, not '$HOIST_RELEASE_SEED'" >&2; exit 2 ;;
esac
[[ ! -e "$local_repo/dev/hoist" ]] || { echo "check-release: the fresh local repository already has dev/hoist" >&2; exit 1; }

cat > "$work/settings.xml" <<EOF
<settings xmlns="http://maven.apache.org/SETTINGS/1.0.0">
  <localRepository>$local_repo</localRepository>
  <profiles>
    <profile>
      <id>hoist-release-local</id>
      <repositories>
        <repository>
          <id>hoist-release-local</id>
          <url>file://$repo</url>
          <releases><enabled>true</enabled></releases>
          <snapshots><enabled>true</enabled><updatePolicy>always</updatePolicy></snapshots>
        </repository>
      </repositories>
    </profile>
  </profiles>
  <activeProfiles>
    <activeProfile>hoist-release-local</activeProfile>
  </activeProfiles>
</settings>
EOF

for example in flavor-ecr embedding-host; do
  step=$SECONDS
  # Built in a copy, so the example's own target/ in the work tree is left alone.
  cp -r "examples/$example" "$work/$example"
  rm -rf "$work/$example/target"
  echo "check-release: building examples/$example from $repo" >&2
  mvn -B -ntp -Dstyle.color=never -s "$work/settings.xml" -Dmaven.repo.local="$local_repo" \
    -f "$work/$example/pom.xml" verify "$@"
  echo "check-release: examples/$example built in $((SECONDS - step)) s" >&2
done

# The whole published set, through the BOM: a generated consumer imports hoist-bom and depends on
# every artifact it manages (the version from the BOM), and on each one's -sources and -javadoc jar.
version="$(sed -n '/<artifactId>hoist-parent<\/artifactId>/{n;s/.*<version>\(.*\)<\/version>.*/\1/p;q}' pom.xml)"
managed="$(sed -n '/<dependencyManagement>/,/<\/dependencyManagement>/s/.*<artifactId>\(.*\)<\/artifactId>.*/\1/p' bom/pom.xml)"
[[ -n "$version" && -n "$managed" ]] || { echo "check-release: cannot read the version or the BOM's artifacts" >&2; exit 2; }
mkdir -p "$work/bom-consumer"
{
  cat <<POM
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>com.example.hoist</groupId>
  <artifactId>bom-consumer</artifactId>
  <version>1</version>
  <properties>
    <maven.compiler.release>17</maven.compiler.release>
    <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>
  </properties>
  <dependencyManagement>
    <dependencies>
      <dependency>
        <groupId>dev.hoist</groupId>
        <artifactId>hoist-bom</artifactId>
        <version>$version</version>
        <type>pom</type>
        <scope>import</scope>
      </dependency>
    </dependencies>
  </dependencyManagement>
  <dependencies>
POM
  for artifact in $managed; do
    echo "    <dependency><groupId>dev.hoist</groupId><artifactId>$artifact</artifactId></dependency>"
    for classifier in sources javadoc; do
      echo "    <dependency><groupId>dev.hoist</groupId><artifactId>$artifact</artifactId><version>$version</version><classifier>$classifier</classifier></dependency>"
    done
  done
  cat <<POM
  </dependencies>
  <build>
    <pluginManagement>
      <plugins>
        <plugin><groupId>org.apache.maven.plugins</groupId><artifactId>maven-resources-plugin</artifactId><version>3.5.0</version></plugin>
        <plugin><groupId>org.apache.maven.plugins</groupId><artifactId>maven-compiler-plugin</artifactId><version>3.14.1</version></plugin>
      </plugins>
    </pluginManagement>
  </build>
</project>
POM
} > "$work/bom-consumer/pom.xml"
step=$SECONDS
echo "check-release: resolving every artifact hoist-bom manages ($(echo $managed)) with its sources and javadoc jars" >&2
mvn -B -ntp -q -Dstyle.color=never -s "$work/settings.xml" -Dmaven.repo.local="$local_repo" \
  -f "$work/bom-consumer/pom.xml" compile "$@"
echo "check-release: the BOM's set resolved in $((SECONDS - step)) s" >&2

# Every dev.hoist artifact in the fresh local repository came from the file repository.
records="$(find "$local_repo/dev/hoist" -name _remote.repositories -exec cat {} + | grep -v '^#' | grep '>' || true)"
[[ -n "$records" ]] || { echo "check-release: no dev.hoist artifact was resolved at all" >&2; exit 1; }
foreign="$(grep -v '>hoist-release-local=$' <<<"$records" || true)"
if [[ -n "$foreign" ]]; then
  echo "check-release: dev.hoist artifacts that did not come from $repo:" >&2
  echo "$foreign" >&2
  exit 1
fi
echo "check-release: both examples and the BOM's set built from $repo alone ($(wc -l <<<"$records") dev.hoist files resolved from it) in $((SECONDS - start)) s" >&2
