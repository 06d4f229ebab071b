#!/usr/bin/env bash
# A local release: `mvn deploy` of every published module into a file repository,
# target/release-repo, with the alternate deployment repository. No remote repository and no
# credentials are involved: nothing leaves this machine (Maven still resolves build plugins from
# the local repository, or from Maven Central the first time; it cannot run with -o, because the
# deploy plugin refuses to deploy in offline mode, even to a file repository).
#
# What lands there is what a real release would publish: hoist-parent and hoist-bom (poms), and
# for hoist-core, hoist-testing and the six flavors the jar, -sources.jar and -javadoc.jar (plus
# hoist-core's -tests.jar, Hoist's own test support that the embedding example uses). hoist-cli is
# not deployed (maven.deploy.skip in cli/pom.xml); benchmarks are not in the default reactor.
#
# Tests are skipped here (scripts/test.sh runs them first); the local repository (~/.m2) is left
# alone (maven.install.skip). Extra arguments go to Maven.
# Then scripts/check-release.sh builds the examples against this repository alone.
#
#   scripts/release-local.sh              clean, then deploy -> target/release-repo
#   scripts/release-local.sh --no-clean   deploy what the last build left (scripts/test.sh, right
#                                         after its `mvn install` of the same commit)
set -euo pipefail

ROOT="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd -P)"
cd "$ROOT"

clean=1
if [[ "${1:-}" == --no-clean ]]; then
  clean=0
  shift
fi
repo="$ROOT/target/release-repo"
local_repo="$HOME/.m2/repository"
for arg in "$@"; do
  [[ "$arg" == -Dmaven.repo.local=* ]] && local_repo="${arg#-Dmaven.repo.local=}"
done
start=$SECONDS
# Clean first, on its own: in one run with deploy, the root project's clean (which empties the root
# target/) could come after hoist-bom was already deployed into target/release-repo.
if ((clean)); then
  mvn -B -ntp -q -Dstyle.color=never clean "$@"
fi
rm -rf "$repo"
mvn -B -ntp -q -Dstyle.color=never deploy -DskipTests -Dmaven.install.skip=true \
  -DaltDeploymentRepository="hoist-release-local::file://$repo" "$@"
# Deploying leaves a copy of the file repository's metadata in the local repository; remove it, so
# the local repository is as it was.
find "$local_repo/dev/hoist" -name 'maven-metadata-hoist-release-local.xml*' -delete 2>/dev/null || true

echo "release-local: deployed to $repo in $((SECONDS - start)) s:" >&2
(cd "$repo" && find . -type f \( -name '*.jar' -o -name '*.pom' \) | sed 's|^\./||' | sort) >&2
