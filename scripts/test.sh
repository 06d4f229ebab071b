#!/usr/bin/env bash
# Run the whole Hoist test suite against a local Docker daemon and registry.
# Extra arguments are passed to Maven, e.g.: scripts/test.sh -pl core -Dtest=FooTest
set -euo pipefail

ROOT="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd -P)"
cd "$ROOT"

# Stop the services afterwards only if they were not already up before we started
# (services.sh stop never touches a daemon/registry it did not start itself anyway).
already_up=0
scripts/services.sh status >/dev/null 2>&1 && already_up=1
cleanup() {
  if ((already_up)); then
    echo "test.sh: services were already running before the tests; leaving them up" >&2
  else
    scripts/services.sh stop || true
  fi
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# (two steps: a failing `eval "$(...)"` would not trip set -e)
service_env="$(scripts/services.sh start)"
eval "$service_env"
export HOIST_REQUIRE_SERVICES=1
echo "test.sh: DOCKER_HOST=$DOCKER_HOST registries: $HOIST_TEST_REGISTRY, $HOIST_TEST_REGISTRY2, $HOIST_TEST_AUTH_REGISTRY (basic auth), $HOIST_TEST_TLS_REGISTRY (TLS + basic auth)" >&2

# Tests, javadoc (doclint on the public API fails the build), sources and javadoc jars.
mvn -B -ntp -Dstyle.color=never install "$@"
if (($# == 0)); then
  # The javadoc configuration fails on an SPI method without @param/@throws or with a broken {@link}.
  scripts/check-doclint.sh -o
  # The release, as an outside project gets it: deploy every published artifact into a file
  # repository, then build and test both examples (flavor-ecr, embedding-host) from a fresh local
  # repository with that file repository as the only source of dev.hoist, and resolve every
  # artifact of the BOM with its sources and javadoc jars.
  scripts/release-local.sh --no-clean
  scripts/check-release.sh
  # Two clean builds (tests skipped, offline) give byte-identical published jars. Last: it empties
  # every target/ and leaves a fresh build (cli/target/hoist.jar included).
  scripts/check-reproducible.sh -o
fi
