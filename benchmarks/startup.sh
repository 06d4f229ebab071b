#!/usr/bin/env bash
# Cold start-up of the CLI, side by side with a bare JVM that prints one line, and a registry-API
# push from a docker archive by the CLI against the same push in process.
#
#   benchmarks/startup.sh [ROUNDS]      (default 11; the medians are printed)
#
# Needs a build (mvn -B -DskipTests package -pl cli -am, which also writes the AppCDS archive
# cli/target/hoist.jsa) and, for the push rows, the test registry (scripts/services.sh start).
# Every row runs the same JVM options as bin/hoist picks for it (-XX:TieredStopAtLevel=1 -XX:+UseSerialGC,
# and for the push rows -XX:+UseSerialGC alone);
# the rounds of the rows alternate, so that the machine's load affects them alike.
set -euo pipefail

ROOT="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd -P)"
cd "$ROOT"
ROUNDS="${1:-11}"
JAR="$ROOT/cli/target/hoist.jar"
[[ -f "$JAR" ]] || { echo "startup.sh: build first: mvn -B -DskipTests package -pl cli -am" >&2; exit 2; }
OPTS=(-XX:TieredStopAtLevel=1 -XX:+UseSerialGC)

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
javac -d "$work" benchmarks/startup/Hello.java

now_ms() { echo $(( $(date +%s%N) / 1000000 )); }
# time_ms CMD...: wall milliseconds of one run, output discarded; fails on a non-zero exit
time_ms() {
  local start end
  start=$(now_ms)
  "$@" >/dev/null 2>&1 || { echo "startup.sh: failed: $*" >&2; exit 1; }
  end=$(now_ms)
  echo $((end - start))
}
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : int((a[NR/2]+a[NR/2+1])/2))}'; }

declare -A samples
rows=("bare JVM, one line" "bin/hoist flavors" "bin/hoist ref ubuntu" "bin/hoist flavors, no AppCDS" "bin/hoist ref ubuntu, no AppCDS")
for ((i = 0; i < ROUNDS; i++)); do
  samples["${rows[0]}"]+="$(time_ms java "${OPTS[@]}" -cp "$work" Hello) "
  samples["${rows[1]}"]+="$(time_ms bin/hoist flavors) "
  samples["${rows[2]}"]+="$(time_ms bin/hoist ref ubuntu) "
  samples["${rows[3]}"]+="$(HOIST_CDS=0 time_ms bin/hoist flavors) "
  samples["${rows[4]}"]+="$(HOIST_CDS=0 time_ms bin/hoist ref ubuntu) "
done

base=$(tr ' ' '\n' <<<"${samples[${rows[0]}]}" | grep . | median)
printf '%-34s %10s %12s %8s\n' "command ($ROUNDS cold runs each)" "median ms" "over bare ms" "ratio"
for row in "${rows[@]}"; do
  m=$(tr ' ' '\n' <<<"${samples[$row]}" | grep . | median)
  printf '%-34s %10d %12d %8.2f\n' "$row" "$m" $((m - base)) "$(awk -v a="$m" -v b="$base" 'BEGIN {print a / b}')"
done

# ---- a registry-API push from a docker archive: the CLI against the same push in process
if [[ -z "${HOIST_TEST_REGISTRY:-}" && -f /tmp/svc.env ]]; then eval "$(cat /tmp/svc.env)"; fi
if [[ -z "${HOIST_TEST_REGISTRY:-}" ]]; then
  echo "(no HOIST_TEST_REGISTRY: push rows skipped; run scripts/services.sh start)"
  exit 0
fi
docker_free_archive="$work/app.tar"
python3 - "$docker_free_archive" <<'PY'
import hashlib, io, json, os, sys, tarfile
def tar(entries):
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w") as t:
        for name, data in entries:
            info = tarfile.TarInfo(name); info.size = len(data); t.addfile(info, io.BytesIO(data))
    return buf.getvalue()
layer = tar([("payload.bin", os.urandom(1_000_000))])
diff = "sha256:" + hashlib.sha256(layer).hexdigest()
config = json.dumps({"architecture": "amd64", "os": "linux", "rootfs": {"type": "layers", "diff_ids": [diff]}}).encode()
cid = hashlib.sha256(config).hexdigest()
manifest = json.dumps([{"Config": cid + ".json", "RepoTags": ["app:1"], "Layers": ["layer/layer.tar"]}]).encode()
open(sys.argv[1], "wb").write(tar([(cid + ".json", config), ("layer/layer.tar", layer), ("manifest.json", manifest)]))
PY
cat > "$work/hoist.conf" <<CONF
hoist.registries.bench { flavor = default, uri = "$HOIST_TEST_REGISTRY/bench" }
hoist.default-registry = bench
hoist.registry-api.blob-cache-directory = "$work/cache"
CONF
image="$HOIST_TEST_REGISTRY/bench/startup:$(date +%s)"
java -XX:+UseSerialGC -cp "$JAR" benchmarks/startup/InProcessPush.java "$work/hoist.conf" "$docker_free_archive" \
  "$image-in" "$ROUNDS" >"$work/in-process.out" 2>"$work/in-process.err" \
  || { echo "startup.sh: the in-process push failed:" >&2; cat "$work/in-process.err" >&2; exit 1; }
in_process=$(awk '{print $1}' "$work/in-process.out" | median)
cli=""
for ((i = 0; i < ROUNDS; i++)); do
  cli+="$(time_ms bin/hoist push --config "$work/hoist.conf" --progress=quiet --from "docker-archive:$docker_free_archive" "$image-cli-$i") "
done
cli_median=$(tr ' ' '\n' <<<"$cli" | grep . | median)
echo
printf '%-50s %10s\n' "registry-API push of a 1 MB docker archive (blobs there)" "median ms"
printf '%-50s %10d\n' "in process (defaultRegistry().push, warm JVM)" "$in_process"
printf '%-50s %10d\n' "CLI (bin/hoist push --from docker-archive:, cold)" "$cli_median"
printf '%-50s %10d\n' "CLI over in process" $((cli_median - in_process))
