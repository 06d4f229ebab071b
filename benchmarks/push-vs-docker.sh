#!/usr/bin/env bash
# Side-by-side push time: `bin/hoist push` against `docker push`, same daemon, same registry,
# same image size. Each round builds two images of fresh random content, so neither push
# finds its layer already in the registry.
#
#   benchmarks/push-vs-docker.sh [SIZE_MB] [ROUNDS]     (defaults: 50 MB, 3 rounds)
#
# Needs a build (mvn -B -DskipTests install). Prints one line per push and a summary.
set -euo pipefail

ROOT="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd -P)"
cd "$ROOT"
SIZE_MB="${1:-50}"
ROUNDS="${2:-3}"

service_env="$(scripts/services.sh start)"
eval "$service_env"
REGISTRY="$HOIST_TEST_REGISTRY"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cat > "$work/hoist.conf" <<CONF
hoist.registries.bench { flavor = default, uri = "$REGISTRY/bench" }
CONF

build_image() { # NAME: a FROM-scratch image whose one layer is SIZE_MB of random bytes
  mkdir -p "$work/ctx"
  head -c "$((SIZE_MB * 1024 * 1024))" /dev/urandom > "$work/ctx/payload.bin"
  printf 'FROM scratch\nCOPY payload.bin /payload.bin\n' > "$work/ctx/Dockerfile"
  DOCKER_BUILDKIT=0 docker build -q -t "$1" "$work/ctx" >/dev/null 2>&1
}

seconds() { # COMMAND...: wall seconds, with millisecond resolution
  local start end
  start=$(date +%s%N)
  "$@" >/dev/null 2>&1
  end=$(date +%s%N)
  echo "scale=3; ($end - $start) / 1000000000" | bc
}

hoist_total=0
docker_total=0
for round in $(seq 1 "$ROUNDS"); do
  tag="r$round-$(date +%s%N)"
  build_image "$REGISTRY/bench/hoist:$tag"
  build_image "$REGISTRY/bench/docker:$tag"
  h=$(seconds bin/hoist push --config "$work/hoist.conf" --registry bench "$REGISTRY/bench/hoist:$tag")
  d=$(seconds docker push "$REGISTRY/bench/docker:$tag")
  echo "round $round: ${SIZE_MB} MB  hoist push ${h}s  docker push ${d}s"
  hoist_total=$(echo "$hoist_total + $h" | bc)
  docker_total=$(echo "$docker_total + $d" | bc)
  docker rmi -f "$REGISTRY/bench/hoist:$tag" "$REGISTRY/bench/docker:$tag" >/dev/null 2>&1 || true
done
echo "mean over $ROUNDS rounds: hoist push $(echo "scale=3; $hoist_total / $ROUNDS" | bc)s" \
     " docker push $(echo "scale=3; $docker_total / $ROUNDS" | bc)s" \
     "(hoist includes JVM start-up; both push through $DOCKER_HOST to $REGISTRY)"
