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
echo "test.sh: DOCKER_HOST=$DOCKER_HOST registries: $HOIST_TEST_REGISTRY, $HOIST_TEST_AUTH_REGISTRY (basic auth), $HOIST_TEST_TLS_REGISTRY (TLS + basic auth)" >&2

# install, not just verify: the third-party example builds against the installed hoist-core,
# as a real third party would.
mvn -B -ntp -Dstyle.color=never install "$@"
if (($# == 0)); then
  mvn -B -ntp -Dstyle.color=never -f examples/flavor-ecr/pom.xml verify
  mvn -B -ntp -Dstyle.color=never -f examples/embedding-host/pom.xml verify
fi
