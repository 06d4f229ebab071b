#!/usr/bin/env bash
# Issue #12: wall time of 8 `hoist push` processes at once (bin/hoist: the shaded jar with its AppCDS
# archive and JVM options; registry-API transport,
# docker-daemon: source) against 8 `docker push` runs at once, same daemon, same registry, images of
# the same size with fresh random content (no push finds its layer already in the registry).
#
#   benchmarks/parallel-push.sh [SIZE_MB] [PARALLEL]     (defaults: 20 MB, 8)
#
# Needs cli/target/hoist.jar (mvn -B -o -pl core,cli -am package -DskipTests). Uses the running
# services (HOIST_TEST_REGISTRY, DOCKER_HOST) when exported, else starts them with scripts/services.sh.
set -euo pipefail

ROOT="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd -P)"
cd "$ROOT"
SIZE_MB="${1:-20}"
PARALLEL="${2:-8}"
JAR="$ROOT/cli/target/hoist.jar"
[[ -f "$JAR" ]] || { echo "no $JAR: build it first" >&2; exit 1; }

if [[ -z "${HOIST_TEST_REGISTRY:-}" || -z "${DOCKER_HOST:-}" ]]; then
  eval "$(scripts/services.sh start)"
fi
REGISTRY="$HOIST_TEST_REGISTRY"
work="$(mktemp -d)"
images=()
cleanup() {
  for image in "${images[@]}"; do docker rmi -f "$image" >/dev/null 2>&1 || true; done
  rm -rf "$work"
}
trap cleanup EXIT
cat > "$work/hoist.conf" <<CONF
hoist {
  transport = "registry-api"
  registries.bench { flavor = default, uri = "$REGISTRY/bench" }
  registry-api.blob-cache-directory = "$work/cache"
}
CONF

build_image() { # NAME: a FROM-scratch image whose one layer is SIZE_MB of random bytes
  local ctx="$work/ctx-$RANDOM$RANDOM"
  mkdir -p "$ctx"
  head -c "$((SIZE_MB * 1024 * 1024))" /dev/urandom > "$ctx/payload.bin"
  printf 'FROM scratch\nCOPY payload.bin /payload.bin\n' > "$ctx/Dockerfile"
  DOCKER_BUILDKIT=0 docker build -q -t "$1" "$ctx" >/dev/null 2>&1
  rm -rf "$ctx"
  images+=("$1")
}

tag="p$(date +%s%N)"
for i in $(seq 1 "$PARALLEL"); do
  build_image "$REGISTRY/bench/hoist-$i:$tag"
  build_image "$REGISTRY/bench/docker-$i:$tag"
done

millis() { date +%s%3N; }

start=$(millis)
pids=()
for i in $(seq 1 "$PARALLEL"); do
  bin/hoist push --config "$work/hoist.conf" --registry bench \
    "$REGISTRY/bench/hoist-$i:$tag" >"$work/hoist-$i.out" 2>"$work/hoist-$i.err" &
  pids+=($!)
done
for pid in "${pids[@]}"; do wait "$pid" || { echo "a hoist push failed:" >&2; cat "$work"/hoist-*.err >&2; exit 1; }; done
hoist_ms=$(( $(millis) - start ))

start=$(millis)
pids=()
for i in $(seq 1 "$PARALLEL"); do
  docker push "$REGISTRY/bench/docker-$i:$tag" >"$work/docker-$i.out" 2>&1 &
  pids+=($!)
done
for pid in "${pids[@]}"; do wait "$pid" || { echo "a docker push failed" >&2; exit 1; }; done
docker_ms=$(( $(millis) - start ))

# Every digest right: what hoist printed is what the registry serves.
for i in $(seq 1 "$PARALLEL"); do
  printed="$(tail -n 1 "$work/hoist-$i.out")"
  served="$(curl -fsSI -H 'Accept: application/vnd.docker.distribution.manifest.v2+json' \
    "http://$REGISTRY/v2/bench/hoist-$i/manifests/$tag" | tr -d '\r' | awk -F': ' 'tolower($1)=="docker-content-digest"{print $2}')"
  [[ "$printed" == "$served" ]] || { echo "digest mismatch for hoist-$i: $printed vs $served" >&2; exit 1; }
done

echo "$PARALLEL parallel pushes of ${SIZE_MB} MB: hoist push ${hoist_ms} ms, docker push ${docker_ms} ms," \
     "ratio $(echo "scale=2; $hoist_ms / $docker_ms" | bc) (hoist includes $PARALLEL JVM start-ups)"
