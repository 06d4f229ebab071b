#!/usr/bin/env bash
# Side-by-side push times on one machine, one registry (the plain test registry on loopback):
#   docker push (the engine), skopeo copy from docker-daemon: and docker-archive:, a raw monolithic curl
#   PUT of the same layer bytes (the practical limit), and Hoist's registry-API transport in process
#   (PushBench, one warm JVM) from docker-archive: and docker-daemon:, and the CLI (bin/hoist push, a cold JVM
#   each time, transport registry-api) from --from docker-archive: and from the engine.
# Every measured push gets images of fresh random content, so no tool finds a blob already there or
# mounts one from its own cache; "re-push" pushes an unchanged image a second time.
#
#   benchmarks/push-vs-peers.sh [ROUNDS] [SIZES...]     (defaults: 3 rounds; sizes 1 50 500 10x10)
#   BIG=1 benchmarks/push-vs-peers.sh ...               also push 1 GiB in process with -Xmx64m
#   BASELINE=DIR benchmarks/push-vs-peers.sh ...        also push with the Hoist checkout in DIR (built with
#                                                        mvn -o package -DskipTests), interleaved in the same
#                                                        rounds, and print a before/after table
#
# A size is MB of one layer ("50") or LAYERSxMB ("10x10"). Needs core built (mvn -o -pl core -am
# test-compile), skopeo, curl, python3 and the test services. Prints medians and ratios as a
# Markdown table on stdout, details on stderr.
set -euo pipefail

ROOT="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd -P)"
cd "$ROOT"
ROUNDS="${1:-3}"
shift || true
SIZES=("$@")
((${#SIZES[@]})) || SIZES=(1 50 500 10x10)

eval "$(scripts/services.sh start 2>/dev/null)"
REGISTRY="$HOIST_TEST_REGISTRY"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
log() { printf '%s\n' "$*" >&2; }

[[ -f cli/target/hoist.jar ]] || { log "build the CLI first: mvn -B -o install -DskipTests"; exit 1; }
cat > "$work/cli.conf" <<CONF
hoist.transport = registry-api
hoist.default-registry = bench
hoist.registries.bench { flavor = default, uri = "$REGISTRY/bench" }
hoist.registry-api.blob-cache-directory = "$work/cli-cache"
CONF
cli() { bin/hoist --config "$work/cli.conf" push "$@"; }

# The test class path of core, as surefire sees it (works offline).
CP="$(mvn -B -o -X -pl core surefire:test -Dtest=ImageSourceTest -Dsurefire.failIfNoSpecifiedTests=false 2>/dev/null \
  | sed -n 's/^\[DEBUG\] test classpath: *//p' | head -1 | tr -s ' ' ':')"
[[ -n "$CP" ]] || { log "cannot find core's class path; build it first (mvn -o -pl core -am test-compile)"; exit 1; }

BASE_CP=""
if [[ -n "${BASELINE:-}" ]]; then
  [[ -f "$BASELINE/cli/target/hoist.jar" ]] || { log "build the baseline first: (cd $BASELINE && mvn -B -o package -DskipTests)"; exit 1; }
  BASE_CP="$(mvn -B -o -X -f "$BASELINE/pom.xml" -pl core surefire:test -Dtest=ImageSourceTest \
    -Dsurefire.failIfNoSpecifiedTests=false 2>/dev/null | sed -n 's/^\[DEBUG\] test classpath: *//p' | head -1 | tr -s ' ' ':')"
  [[ -n "$BASE_CP" ]] || { log "cannot find the baseline core's class path"; exit 1; }
fi
base_cli() { "$BASELINE/bin/hoist" --config "$work/cli.conf" push "$@"; }

cat > "$work/make.py" <<'PY'
import hashlib, io, json, os, sys, tarfile
# make.py FILE NAME LAYERS MB [LAYER_OUT]: a legacy docker save archive of LAYERS layers of MB random MB
# each, written in streams (a 1 GiB layer needs no 1 GiB of memory); LAYER_OUT.<k> keeps each layer tar.
out, name, layers, mb = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
layer_out = sys.argv[5] if len(sys.argv) > 5 else out + ".layer"
class Random:
    def __init__(self, n): self.left = n
    def read(self, k=1 << 20):
        k = min(k if k > 0 else 1 << 20, self.left); self.left -= k; return os.urandom(k)
paths, diffs = [], []
for i in range(layers):
    lf = "%s.%d" % (layer_out, i)
    with tarfile.open(lf, mode="w", format=tarfile.PAX_FORMAT) as t:
        info = tarfile.TarInfo("payload-%d.bin" % i); info.size = mb * 1024 * 1024; info.mtime = 0
        t.addfile(info, Random(info.size))
    h = hashlib.sha256()
    with open(lf, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""): h.update(chunk)
    diffs.append("sha256:" + h.hexdigest()); paths.append(lf)
config = json.dumps({"architecture": "amd64", "os": "linux", "config": {},
    "rootfs": {"type": "layers", "diff_ids": diffs}, "history": [{"created_by": "bench"} for _ in diffs]}).encode()
cid = hashlib.sha256(config).hexdigest()
names = ["%s/layer.tar" % d[7:] for d in diffs]
manifest = json.dumps([{"Config": cid + ".json", "RepoTags": [name], "Layers": names}]).encode()
with tarfile.open(out, mode="w", format=tarfile.PAX_FORMAT) as t:
    def add(n, data):
        i = tarfile.TarInfo(n); i.size = len(data); i.mtime = 0; t.addfile(i, io.BytesIO(data))
    add(cid + ".json", config)
    for n, lf in zip(names, paths):
        i = tarfile.TarInfo(n); i.size = os.path.getsize(lf); i.mtime = 0
        with open(lf, "rb") as f: t.addfile(i, f)
    add("manifest.json", manifest)
if len(sys.argv) <= 5:
    for lf in paths: os.remove(lf)
PY

ms() { # COMMAND...: wall milliseconds
  local start end
  start=$(date +%s%N)
  "$@" >/dev/null 2>"$work/err" || { log "FAILED: $*"; cat "$work/err" >&2; return 1; }
  end=$(date +%s%N)
  echo $(((end - start) / 1000000))
}

curl_put() { # REPO LAYERFILE...: POST an upload session, then PUT the bytes with their digest, per file
  local repo="$1" file loc digest; shift
  for file in "$@"; do
    digest="sha256:$(sha256sum "$file" | cut -d' ' -f1)"
    loc="$(curl -sfS -D - -o /dev/null -X POST "http://$REGISTRY/v2/$repo/blobs/uploads/" \
      | tr -d '\r' | sed -n 's/^[Ll]ocation: //p')"
    [[ "$loc" == http* ]] || loc="http://$REGISTRY$loc"
    curl -sfS -o /dev/null -X PUT -H 'Content-Type: application/octet-stream' \
      --data-binary "@$file" "$loc&digest=$digest"
  done
}

median() { sort -n | awk '{a[NR]=$1} END {if (NR==0) print "n/a"; else if (NR%2) print a[(NR+1)/2]; else print int((a[NR/2]+a[NR/2+1])/2)}'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0 && a != "n/a") printf "%.2f", a / b; else print "n/a" }'; }

echo "| size | docker push | skopeo docker-daemon: | skopeo docker-archive: | raw curl PUT | hoist in-process docker-archive: | hoist in-process docker-daemon: | hoist CLI docker-archive: | hoist CLI engine | in-process archive / skopeo archive | in-process daemon / docker push | CLI archive / skopeo archive | CLI engine / docker push |"
echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
declare -A REPUSH
BEFORE_AFTER=()
for size in "${SIZES[@]}"; do
  if [[ "$size" == *x* ]]; then layers="${size%x*}"; mb="${size#*x}"; else layers=1; mb="$size"; fi
  label="$([[ $layers == 1 ]] && echo "${mb} MB" || echo "${layers}×${mb} MB")"
  declare -a t_docker=() t_skd=() t_ska=() t_curl=() t_cla=() t_cld=() t_bla=() t_bld=()
  pairs=("docker-archive:$work/warm.tar" "$REGISTRY/bench/warm:$(date +%s%N)")
  base_pairs=("docker-archive:$work/warm.tar" "$REGISTRY/bench/warm:$(date +%s%N)")
  python3 "$work/make.py" "$work/warm.tar" "bench/warm:1" 1 1
  for round in $(seq 1 "$ROUNDS"); do
    tag="s$size-r$round-$(date +%s%N)"
    whos=(docker skd ska curl hoa hod cla cld)
    [[ -z "$BASE_CP" ]] || whos+=(boa bod bla bld)
    for who in "${whos[@]}"; do
      python3 "$work/make.py" "$work/$who-$round.tar" "$REGISTRY/bench/$who:$tag" "$layers" "$mb" "$work/$who-$round.layer"
    done
    for who in docker skd hod cld $([[ -z "$BASE_CP" ]] || echo bod bld); do
      docker load -q -i "$work/$who-$round.tar" >/dev/null
    done
    t_docker+=("$(ms docker push "$REGISTRY/bench/docker:$tag")")
    t_skd+=("$(ms skopeo copy --src-daemon-host "$DOCKER_HOST" --dest-tls-verify=false "docker-daemon:$REGISTRY/bench/skd:$tag" "docker://$REGISTRY/bench/skd:$tag")")
    t_ska+=("$(ms skopeo copy --dest-tls-verify=false "docker-archive:$work/ska-$round.tar" "docker://$REGISTRY/bench/ska:$tag")")
    t_curl+=("$(ms curl_put "bench/curl" "$work"/curl-$round.layer.*)")
    # With a baseline, the two CLIs take turns going first, so neither always follows the peers' pushes.
    if [[ -n "$BASE_CP" ]] && ((round % 2 == 1)); then
      t_bla+=("$(ms base_cli --from "docker-archive:$work/bla-$round.tar" "$REGISTRY/bench/bla:$tag")")
      t_bld+=("$(ms base_cli "$REGISTRY/bench/bld:$tag")")
    fi
    t_cla+=("$(ms cli --from "docker-archive:$work/cla-$round.tar" "$REGISTRY/bench/cla:$tag")")
    t_cld+=("$(ms cli "$REGISTRY/bench/cld:$tag")")
    if [[ -n "$BASE_CP" ]]; then
      if ((round % 2 == 0)); then
        t_bla+=("$(ms base_cli --from "docker-archive:$work/bla-$round.tar" "$REGISTRY/bench/bla:$tag")")
        t_bld+=("$(ms base_cli "$REGISTRY/bench/bld:$tag")")
      fi
      base_pairs+=("docker-archive:$work/boa-$round.tar" "$REGISTRY/bench/boa:$tag"
                   "docker-daemon:$REGISTRY/bench/bod:$tag" "$REGISTRY/bench/bod:$tag")
    fi
    pairs+=("docker-archive:$work/hoa-$round.tar" "$REGISTRY/bench/hoa:$tag"
            "docker-daemon:$REGISTRY/bench/hod:$tag" "$REGISTRY/bench/hod:$tag")
    if [[ "$size" == "${SIZES[0]}" ]]; then
      # Unchanged re-push, measured on the first size only.
      REPUSH[docker]+="$(ms docker push "$REGISTRY/bench/docker:$tag") "
      REPUSH[ska]+="$(ms skopeo copy --dest-tls-verify=false "docker-archive:$work/ska-$round.tar" "docker://$REGISTRY/bench/ska:$tag") "
      pairs+=("docker-archive:$work/hoa-$round.tar" "$REGISTRY/bench/hoa:$tag")
    fi
  done
  java -cp "$CP" dev.hoist.transport.registry.PushBench "$work/cache" "${pairs[@]}" > "$work/hoist.out"
  cat "$work/hoist.out" >&2
  hoa="$(tail -n +2 "$work/hoist.out" | awk -F'\t' '$1 ~ /docker-archive/ && $4 > 0 {print $3}' | median)"
  hod="$(tail -n +2 "$work/hoist.out" | awk -F'\t' '$1 ~ /docker-daemon/ {print $3}' | median)"
  if [[ "$size" == "${SIZES[0]}" ]]; then
    REPUSH[hoa]="$(tail -n +2 "$work/hoist.out" | awk -F'\t' '$1 ~ /docker-archive/ && $4 == 0 {print $3}' | tr '\n' ' ')"
  fi
  d="$(printf '%s\n' "${t_docker[@]}" | median)"; skd="$(printf '%s\n' "${t_skd[@]}" | median)"
  ska="$(printf '%s\n' "${t_ska[@]}" | median)"; cu="$(printf '%s\n' "${t_curl[@]}" | median)"
  cla="$(printf '%s\n' "${t_cla[@]}" | median)"; cld="$(printf '%s\n' "${t_cld[@]}" | median)"
  echo "| fresh $label | $d ms | $skd ms | $ska ms | $cu ms | $hoa ms | $hod ms | $cla ms | $cld ms | $(ratio "$hoa" "$ska") | $(ratio "$hod" "$d") | $(ratio "$cla" "$ska") | $(ratio "$cld" "$d") |"
  if [[ -n "$BASE_CP" ]]; then
    java -cp "$BASE_CP" dev.hoist.transport.registry.PushBench "$work/base-cache" "${base_pairs[@]}" > "$work/base.out"
    cat "$work/base.out" >&2
    boa="$(tail -n +2 "$work/base.out" | awk -F'\t' '$1 ~ /docker-archive/ && $4 > 0 {print $3}' | median)"
    bod="$(tail -n +2 "$work/base.out" | awk -F'\t' '$1 ~ /docker-daemon/ {print $3}' | median)"
    bla="$(printf '%s\n' "${t_bla[@]}" | median)"; bld="$(printf '%s\n' "${t_bld[@]}" | median)"
    BEFORE_AFTER+=("| fresh $label | $boa ms | $hoa ms | $(ratio "$hoa" "$boa") | $bod ms | $hod ms | $(ratio "$hod" "$bod") | $bla ms | $cla ms | $(ratio "$cla" "$bla") | $bld ms | $cld ms | $(ratio "$cld" "$bld") |")
  fi
  for round in $(seq 1 "$ROUNDS"); do
    docker rmi -f "$REGISTRY/bench/docker:s$size-r$round"* >/dev/null 2>&1 || true
    rm -f "$work"/*-"$round".tar "$work"/*-"$round".layer.*
  done
  docker images --format '{{.Repository}}:{{.Tag}}' | grep "^$REGISTRY/bench/" | xargs -r docker rmi -f >/dev/null 2>&1 || true
done
rd="$(printf '%s\n' ${REPUSH[docker]} | median)"; ra="$(printf '%s\n' ${REPUSH[ska]} | median)"
rh="$(printf '%s\n' ${REPUSH[hoa]} | median)"
echo "| unchanged re-push (${SIZES[0]}) | $rd ms | | $ra ms | | $rh ms | | | | $(ratio "$rh" "$ra") | | | |"

if ((${#BEFORE_AFTER[@]})); then
  echo
  echo "Before ($BASELINE) and after (this checkout), interleaved in the same rounds:"
  echo
  echo "| size | in-process archive before | after | after / before | in-process daemon before | after | after / before | CLI archive before | after | after / before | CLI engine before | after | after / before |"
  echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
  printf '%s\n' "${BEFORE_AFTER[@]}"
fi

if [[ "${BIG:-0}" == 1 ]]; then
  python3 "$work/make.py" "$work/big.tar" "bench/big:1" 1 1024
  log "1 GiB, docker-archive:, in process with -Xmx64m:"
  java -Xmx64m -cp "$CP" dev.hoist.transport.registry.PushBench "$work/cache" \
    "docker-archive:$work/big.tar" "$REGISTRY/bench/big:$(date +%s%N)" | tee /dev/stderr \
    | awk -F'\t' '{print "| fresh 1 GiB, -Xmx64m | | | | | " $3 " ms | | | | | | | |"}'
fi
