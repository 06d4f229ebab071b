#!/usr/bin/env bash
# Build Hoist and run the demo against a local Docker daemon and registry.
# The services are left running afterwards; stop them with scripts/services.sh stop.
set -euo pipefail

ROOT="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd -P)"
cd "$ROOT"

# (two steps: a failing `eval "$(...)"` would not trip set -e)
service_env="$(scripts/services.sh start)"
eval "$service_env"
echo "demo.sh: DOCKER_HOST=$DOCKER_HOST HOIST_TEST_REGISTRY=$HOIST_TEST_REGISTRY" >&2

echo "demo.sh: building (mvn -B -ntp -q -DskipTests install)" >&2
mvn -B -ntp -q -Dstyle.color=never -DskipTests install >&2  # stdout carries only the digest

rc=0
bin/hoist demo || rc=$?

echo "demo.sh: services are still running; stop them with: scripts/services.sh stop" >&2
exit "$rc"
