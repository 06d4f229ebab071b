#!/usr/bin/env bash
# Registry-to-registry copies side by side: `hoist copy` (bin/hoist, a cold JVM per copy, with the JVM
# options the launcher picks for it) against `skopeo copy docker://… docker://…`, on one machine:
#   - across two registries (source: the plain test registry; destination: HOIST_TEST_REGISTRY2 when it is
#     set and answers, else the basic-auth registry with its credentials), fresh images of random bytes and of
#     real files (a tar of files under FILES_DIR, gzip-compressed when seeded, so a copy only moves bytes);
#   - an unchanged re-copy (the destination holds the digest already);
#   - within one registry, to a new repository (what each tool does, mount or upload, is read from the
#     registry's access log and from `hoist copy --json`);
#   - `hoist digest REF` against `skopeo inspect --format '{{.Digest}}' docker://REF`, cold each time.
# Every measured copy starts from a source image of fresh content, seeded with `skopeo copy
# docker-archive:… docker://…` (a new one per tool and round), so nothing is found in the destination already;
# the two tools take turns going first each round. Every copy is checked: the destination's manifest bytes
# must hash to the source's digest (`skopeo inspect --raw | sha256sum`), and Hoist's printed digest must be it.
# Then, unless BYTES=0, one more copy per tool and case through a counting TCP proxy in front of each registry
# (untimed) gives the bytes the destination registry received; and unless BIG=0, one copy of a 1 GiB layer
# with -Xmx64m added to bin/hoist's JVM options (HOIST_JAVA_OPTS) shows whether memory stays bounded.
#
#   benchmarks/copy-vs-peers.sh [ROUNDS] [SIZES...]    (defaults: 3 rounds; sizes 10x10 200 files:10x10 files:200)
#   BYTES=0 benchmarks/copy-vs-peers.sh ...            skip the proxied byte counts
#   BIG=0 benchmarks/copy-vs-peers.sh ...              skip the 1 GiB, -Xmx64m copy
#   FILES_DIR=/usr/lib benchmarks/copy-vs-peers.sh ... where the files: layers take their files (default /usr/share)
#   HOIST_JAVA_OPTS="-XX:+UseSerialGC" benchmarks/copy-vs-peers.sh ...
#                                                      bin/hoist's JVM options instead of its own (for copy and
#                                                      digest: C1 only, -XX:TieredStopAtLevel=1); the 1 GiB copy
#                                                      adds -Xmx64m to them
#
# A size is MB of one layer ("200") or LAYERSxMB ("10x10"); "files:" before it takes real files instead of
# random bytes. Needs cli/target/hoist.jar (mvn -B -o package -DskipTests), skopeo, curl, python3,
# /usr/bin/time and the running test services (HOIST_TEST_REGISTRY and the rest exported, e.g.
# eval "$(scripts/services.sh env)"; the script never starts or stops them). Medians, ratios, CPU seconds
# (user + sys), peak RSS and bytes as a Markdown table on stdout; details, failures and anomalies on stderr.
set -euo pipefail

ROOT="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd -P)"
cd "$ROOT"
ROUNDS="${1:-3}"
shift || true
SIZES=("$@")
((${#SIZES[@]})) || SIZES=(10x10 200 files:10x10 files:200)
FILES_DIR="${FILES_DIR:-/usr/share}"

log() { printf '%s\n' "$*" >&2; }
[[ -f cli/target/hoist.jar ]] || { log "build the CLI first: mvn -B -o package -DskipTests"; exit 1; }
[[ -n "${HOIST_TEST_REGISTRY:-}" ]] || eval "$(scripts/services.sh env)"
answers() { # HOST:PORT: does a registry answer /v2/ there (200, or 401 asking for credentials)?
  local code
  code="$(curl -s -o /dev/null -w '%{http_code}' --max-time 3 "http://$1/v2/" || true)"
  [[ "$code" == 200 || "$code" == 401 ]]
}
SRC="$HOIST_TEST_REGISTRY"
answers "$SRC" || { log "the test registry $SRC does not answer; start the services"; exit 1; }
if [[ -n "${HOIST_TEST_REGISTRY2:-}" ]] && answers "$HOIST_TEST_REGISTRY2"; then
  DST="$HOIST_TEST_REGISTRY2"; DST_USER=""; DST_PASSWORD=""; DST_KIND="plain"
else
  DST="$HOIST_TEST_AUTH_REGISTRY"; DST_USER="$HOIST_TEST_REGISTRY_USER"; DST_PASSWORD="$HOIST_TEST_REGISTRY_PASSWORD"
  DST_KIND="basic auth"
  answers "$DST" || { log "neither HOIST_TEST_REGISTRY2 nor $DST answers"; exit 1; }
fi
log "source registry $SRC (plain), destination registry $DST ($DST_KIND)"
log "hoist JVM options: ${HOIST_JAVA_OPTS-as bin/hoist picks them for each command (HOIST_JAVA_OPTS unset)}"

# The registries' access logs (distribution logs each request's method, path and status), to tell a mount
# from an upload; under the services' directory (next to DOCKER_HOST's socket), if readable.
SVC="${SERVICES_DIR:-$ROOT/.services}"
[[ -f "$SVC/registry.log" ]] || SVC="$(dirname "${DOCKER_HOST#unix://}")"
declare -A REGLOG=([5000]="$SVC/registry.log" [5001]="$SVC/registry-basic.log" [5005]="$SVC/registry2.log")

work="$(mktemp -d)"
PIDS=()
cleanup() {
  local pid
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT
: > "$work/anomalies"

cat > "$work/make.py" <<'PY'
import hashlib, io, json, os, shutil, sys, tarfile
# make.py OUT COPIES LAYERS MB [DIR]: COPIES legacy docker save archives OUT.0, OUT.1, ... of LAYERS layers,
# written in streams (a 1 GiB layer needs no 1 GiB of memory). Without DIR each layer holds MB MiB of random
# bytes; with DIR, about MB MiB of the regular files under DIR, starting at a random file of the sorted list.
# Every layer starts with a 64-byte random file, different in each copy: the copies have the same content
# and size (so two tools copy equal work) and no blob in common (so neither finds the other's).
out, copies, layers, mb = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
src = sys.argv[5] if len(sys.argv) > 5 else None
NONCE_AT, NONCE = 512, 64  # the first member's data, after its 512-byte ustar header
class Random:
    def __init__(self, n): self.left = n
    def read(self, k=1 << 20):
        k = min(k if k > 0 else 1 << 20, self.left); self.left -= k; return os.urandom(k)
files = []
if src:
    for d, dirs, names in os.walk(src):
        dirs.sort()
        for n in sorted(names):
            p = os.path.join(d, n)
            try:
                if os.path.isfile(p) and not os.path.islink(p) and os.access(p, os.R_OK): files.append(p)
            except OSError: pass
    if not files: sys.exit("no readable files under " + src)
def sha256(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""): h.update(chunk)
    return "sha256:" + h.hexdigest()
paths = [[] for _ in range(copies)]
for i in range(layers):
    first = "%s.0.layer.%d" % (out, i)
    with tarfile.open(first, mode="w", format=tarfile.USTAR_FORMAT) as t:
        info = tarfile.TarInfo("nonce"); info.size = NONCE; info.mtime = 0
        t.addfile(info, io.BytesIO(os.urandom(NONCE)))
        if src:
            want, got, k = mb * 1024 * 1024, 0, int.from_bytes(os.urandom(4), "big") % len(files)
            for _ in range(len(files)):
                if got >= want: break
                p = files[k]; k = (k + 1) % len(files)
                try:
                    size = os.path.getsize(p)
                    if size > want - got + (1 << 20): continue
                    with open(p, "rb") as f:
                        info = tarfile.TarInfo("f/%d" % k); info.size = size; info.mtime = 0
                        t.addfile(info, f)
                    got += size
                except OSError: pass
        else:
            info = tarfile.TarInfo("payload-%d.bin" % i); info.size = mb * 1024 * 1024; info.mtime = 0
            t.addfile(info, Random(info.size))
    paths[0].append(first)
    for c in range(1, copies):
        lf = "%s.%d.layer.%d" % (out, c, i)
        shutil.copyfile(first, lf)
        with open(lf, "r+b") as f: f.seek(NONCE_AT); f.write(os.urandom(NONCE))
        paths[c].append(lf)
for c in range(copies):
    diffs = [sha256(lf) for lf in paths[c]]
    config = json.dumps({"architecture": "amd64", "os": "linux", "config": {},
        "rootfs": {"type": "layers", "diff_ids": diffs}, "history": [{"created_by": "bench"} for _ in diffs]}).encode()
    cid = hashlib.sha256(config).hexdigest()
    names = ["%s/layer.tar" % d[7:] for d in diffs]
    manifest = json.dumps([{"Config": cid + ".json", "RepoTags": ["bench/seed:1"], "Layers": names}]).encode()
    with tarfile.open("%s.%d" % (out, c), mode="w", format=tarfile.PAX_FORMAT) as t:
        def add(n, data):
            i = tarfile.TarInfo(n); i.size = len(data); i.mtime = 0; t.addfile(i, io.BytesIO(data))
        add(cid + ".json", config)
        for n, lf in zip(names, paths[c]):
            i = tarfile.TarInfo(n); i.size = os.path.getsize(lf); i.mtime = 0
            with open(lf, "rb") as f: t.addfile(i, f)
        add("manifest.json", manifest)
    for lf in paths[c]: os.remove(lf)
PY

cat > "$work/proxy.py" <<'PY'
import asyncio, os, sys
# proxy.py TARGET_PORT PORT_FILE STATS_FILE: a TCP proxy on 127.0.0.1 (an ephemeral port, written to PORT_FILE)
# to 127.0.0.1:TARGET_PORT; whenever a connection opens or closes it rewrites STATS_FILE with
# "OPEN UP DOWN": open connections, bytes client -> registry and registry -> client since it started.
target, port_file, stats_file = int(sys.argv[1]), sys.argv[2], sys.argv[3]
state = {"open": 0, "up": 0, "down": 0}
def dump():
    with open(stats_file + ".tmp", "w") as f: f.write("%d %d %d\n" % (state["open"], state["up"], state["down"]))
    os.replace(stats_file + ".tmp", stats_file)
async def pipe(reader, writer, key):
    try:
        while True:
            data = await reader.read(1 << 18)
            if not data: break
            state[key] += len(data)
            writer.write(data)
            await writer.drain()
    except (ConnectionError, asyncio.CancelledError): pass
    finally:
        try:
            if writer.can_write_eof(): writer.write_eof()
        except (OSError, RuntimeError): pass
async def handle(cr, cw):
    state["open"] += 1; dump()
    try:
        sr, sw = await asyncio.open_connection("127.0.0.1", target)
        await asyncio.gather(pipe(cr, sw, "up"), pipe(sr, cw, "down"))
        sw.close()
    except OSError: pass
    finally:
        cw.close(); state["open"] -= 1; dump()
async def main():
    server = await asyncio.start_server(handle, "127.0.0.1", 0)
    dump()
    with open(port_file + ".tmp", "w") as f: f.write(str(server.sockets[0].getsockname()[1]))
    os.replace(port_file + ".tmp", port_file)
    async with server: await server.serve_forever()
asyncio.run(main())
PY

SRCP=""; DSTP=""
if [[ "${BYTES:-1}" != 0 ]]; then
  for end in src dst; do
    port="$([[ $end == src ]] && echo "${SRC##*:}" || echo "${DST##*:}")"
    python3 "$work/proxy.py" "$port" "$work/$end.port" "$work/$end.stats" 2>>"$work/proxy.err" &
    PIDS+=("$!")
  done
  for _ in $(seq 50); do [[ -f "$work/src.port" && -f "$work/dst.port" ]] && break; sleep 0.1; done
  SRCP="127.0.0.1:$(cat "$work/src.port")"; DSTP="127.0.0.1:$(cat "$work/dst.port")"
  log "counting proxies: $SRCP -> $SRC, $DSTP -> $DST"
fi

# Hoist: one config naming every registry end (each URI owns its host); skopeo: an auth file for the same.
creds=""
[[ -z "$DST_USER" ]] || creds=", credentials { username = \"$DST_USER\", password = \"$DST_PASSWORD\" }"
{
  echo "hoist.registries.src { flavor = default, uri = \"$SRC\" }"
  echo "hoist.registries.dst { flavor = default, uri = \"$DST\"$creds }"
  [[ -z "$SRCP" ]] || echo "hoist.registries.srcp { flavor = default, uri = \"$SRCP\" }"
  [[ -z "$DSTP" ]] || echo "hoist.registries.dstp { flavor = default, uri = \"$DSTP\"$creds }"
  echo "hoist.registry-api.blob-cache-directory = \"$work/hoist-cache\""
} > "$work/hoist.conf"
auth="$(printf '%s:%s' "$DST_USER" "$DST_PASSWORD" | base64 -w0)"
entries=""
if [[ -n "$DST_USER" ]]; then
  for host in "$DST" $DSTP; do entries+="${entries:+,}\"$host\":{\"auth\":\"$auth\"}"; done
fi
printf '{"auths":{%s}}\n' "$entries" > "$work/auth.json"
HOIST=(bin/hoist --config "$work/hoist.conf")
SKOPEO_COPY=(skopeo copy --authfile "$work/auth.json" --src-tls-verify=false --dest-tls-verify=false)

anomaly() { log "ANOMALY: $*"; printf '%s\n' "$*" >> "$work/anomalies"; }

measure() { # OUT CMD...: run CMD (stdout to OUT) under /usr/bin/time; print "WALL_MS CPU_S PEAK_RSS_KB", or FAIL
  local out="$1" start end u s m rc=0; shift
  start=$(date +%s%N)
  /usr/bin/time -f '%U %S %M' -o "$work/time" "$@" >"$out" 2>"$work/err" || rc=$?
  end=$(date +%s%N)
  if ((rc)); then
    anomaly "exit $rc after $(((end - start) / 1000000)) ms: $*"$'\n'"$(tail -c 3000 "$work/err")"$'\n'"stdout: $(tail -c 1000 "$out")"
    echo FAIL; return 0
  fi
  read -r u s m < <(tail -1 "$work/time")
  echo "$(((end - start) / 1000000)) $(awk -v u="$u" -v s="$s" 'BEGIN { printf "%.2f", u + s }') $m"
}

raw_digest() { # REF: sha256 of the manifest bytes the registry serves
  local d
  d="$(skopeo inspect --authfile "$work/auth.json" --tls-verify=false --raw "docker://$1" | sha256sum | cut -c1-64)" || return 1
  echo "sha256:$d"
}

check() { # TOOL SOURCE_DIGEST DEST_REF [OUT]: the destination's manifest must hash to the source's digest
  local tool="$1" want="$2" ref="$3" out="${4:-}" got printed
  got="$(raw_digest "$ref" 2>&1)" || got="unreadable ($got)"
  [[ "$got" == "$want" ]] || anomaly "$tool: $ref serves a manifest hashing to $got, the source's is $want"
  if [[ "$tool" == hoist && -n "$out" ]]; then
    printed="$(python3 -c 'import json,sys; print(json.loads(open(sys.argv[1]).read().strip().splitlines()[-1])["digest"])' "$out" 2>/dev/null || echo "unparsable: $(tail -c 300 "$out")")"
    [[ "$printed" == "$want" ]] || anomaly "hoist printed $printed for $ref, the source's digest is $want"
  fi
}

hoist_did() { # OUT: what `hoist copy --json` says it did with the blobs, e.g. "11 copied"
  python3 - "$1" <<'PY' 2>/dev/null || echo "?"
import collections, json, sys
d = json.loads(open(sys.argv[1]).read().strip().splitlines()[-1])
c = collections.Counter(b["result"] for b in d["blobs"])
print(", ".join("%d %s" % (n, r) for r, n in sorted(c.items())) or "nothing")
PY
}

logmark() { local f="${REGLOG[${1##*:}]:-}"; [[ -r "$f" ]] && stat -c %s "$f" || echo -1; }
reg_did() { # HOST:PORT OFFSET REPO: blob mounts and uploads to REPO in the registry's log since OFFSET
  local f="${REGLOG[${1##*:}]:-}" off="$2" repo="$3" part
  [[ -r "$f" && "$off" -ge 0 ]] || return 0
  part="$(tail -c +"$((off + 1))" "$f" | grep -F "/v2/$repo/blobs/" || true)"
  printf 'registry log: %d mounted, %d uploaded' \
    "$(grep -cE "\"POST /v2/$repo/blobs/uploads/\?[^\"]*mount=[^\"]*\" 201 " <<<"$part" || true)" \
    "$(grep -cE "\"PUT /v2/$repo/blobs/uploads/[^\"]*\" 201 " <<<"$part" || true)"
}

generate() { # SIZE COPIES: write $work/seed.0 ... (make.py) of SIZE, COPIES of them
  local size="$1" kind layers mb dir=()
  kind=random
  if [[ "$size" == files:* ]]; then kind=files; dir=("$FILES_DIR"); fi
  size="${size#files:}"
  if [[ "$size" == *x* ]]; then layers="${size%x*}"; mb="${size#*x}"; else layers=1; mb="$size"; fi
  python3 "$work/make.py" "$work/seed" "$2" "$layers" "$mb" "${dir[@]}"
}

seed() { # ARCHIVE REF: push ARCHIVE to REF (skopeo compresses its layers), delete it, print the digest
  skopeo copy -q --authfile "$work/auth.json" --dest-tls-verify=false "docker-archive:$1" "docker://$2" >/dev/null
  rm -f "$1"
  raw_digest "$2"
}

blob_bytes() { # REF: the sizes of the config and layers its manifest names, added up
  skopeo inspect --authfile "$work/auth.json" --tls-verify=false --raw "docker://$1" \
    | python3 -c 'import json,sys; m=json.load(sys.stdin); print(m["config"]["size"] + sum(l["size"] for l in m["layers"]))'
}

label() { # SIZE: "10×10 MB random", "200 MB files"
  local s="${1#files:}" kind
  kind="$([[ "$1" == files:* ]] && echo files || echo random)"
  if [[ "$s" == *x* ]]; then echo "${s%x*}×${s#*x} MB $kind"; else echo "$s MB $kind"; fi
}

declare -A WALL CPU RSS DID BYTES_IN FAILS
record() { # KEY TOOL RESULT [DID]
  local key="$1|$2" r="$3" w c m
  if [[ "$r" == FAIL ]]; then FAILS[$key]=$((${FAILS[$key]:-0} + 1)); return; fi
  read -r w c m <<<"$r"
  WALL[$key]+="$w "; CPU[$key]+="$c "; RSS[$key]+="$m "
  [[ -z "${4:-}" ]] || DID[$key]="$4"
  log "  $2 $1: ${w} ms, ${c} CPU-s, peak RSS $((m / 1024)) MB${4:+, $4}"
}

median() { tr ' ' '\n' | awk NF | sort -g | awk '{a[NR]=$1} END {if (NR==0) print "n/a"; else if (NR%2) print a[(NR+1)/2]; else printf "%.10g\n", (a[NR/2]+a[NR/2+1])/2}'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0 && a != "n/a") printf "%.2f", a / b; else print "n/a" }'; }
bytes() { [[ "$1" == n/a ]] && echo n/a || echo "$(sed ':a;s/\B[0-9]\{3\}\>/,&/;ta' <<<"$1") B"; }

# One tool's copy, timed and checked. TOOL KEY SRC_REF DST_REF WANT [REGISTRY_FOR_LOG]
copy_one() {
  local tool="$1" key="$2" from="$3" to="$4" want="$5" reg="${6:-$4}" out="$work/out" mark r did
  mark="$(logmark "${reg%%/*}")"
  if [[ "$tool" == hoist ]]; then
    r="$(measure "$out" "${HOIST[@]}" copy --progress quiet --json "docker://$from" "docker://$to")"
  else
    r="$(measure "$out" "${SKOPEO_COPY[@]}" "docker://$from" "docker://$to")"
  fi
  if [[ "$r" != FAIL ]]; then
    check "$tool" "$want" "$to" "$([[ $tool == hoist ]] && echo "$out")"
    local repo="${to#*/}"; repo="${repo%:*}"
    did="$(reg_did "${reg%%/*}" "$mark" "$repo")"
    [[ "$tool" != hoist ]] || did="--json: $(hoist_did "$out")${did:+; $did}"
  fi
  record "$key" "$tool" "$r" "${did:-}"
}

pair() { # ROUND KEY then hoist's and skopeo's arguments to copy_one after KEY (4 each)
  local round="$1" key="$2"; shift 2
  local h=("$1" "$2" "$3" "$4"); shift 4
  local s=("$@")
  if ((round % 2)); then copy_one hoist "$key" "${h[@]}"; copy_one skopeo "$key" "${s[@]}"
  else copy_one skopeo "$key" "${s[@]}"; copy_one hoist "$key" "${h[@]}"; fi
}

CASES=()
for size in "${SIZES[@]}"; do
  lab="$(label "$size")"
  CASES+=("fresh $lab, $SRC → $DST" "unchanged re-copy, $lab" "same registry, new repository, $lab")
  for round in $(seq 1 "$ROUNDS"); do
    tag="r$round-$(date +%s%N)"
    log "$lab, round $round: seeding"
    generate "$size" 2
    hw="$(seed "$work/seed.0" "$SRC/copybench/src-h:$tag")"
    sw="$(seed "$work/seed.1" "$SRC/copybench/src-s:$tag")"
    log "  each image: $(blob_bytes "$SRC/copybench/src-h:$tag") and $(blob_bytes "$SRC/copybench/src-s:$tag") bytes of blobs"
    pair "$round" "fresh $lab, $SRC → $DST" \
      "$SRC/copybench/src-h:$tag" "$DST/copybench/dst-h:$tag" "$hw" "$DST" \
      "$SRC/copybench/src-s:$tag" "$DST/copybench/dst-s:$tag" "$sw" "$DST"
    pair "$round" "unchanged re-copy, $lab" \
      "$SRC/copybench/src-h:$tag" "$DST/copybench/dst-h:$tag" "$hw" "$DST" \
      "$SRC/copybench/src-s:$tag" "$DST/copybench/dst-s:$tag" "$sw" "$DST"
    pair "$round" "same registry, new repository, $lab" \
      "$SRC/copybench/src-h:$tag" "$SRC/copybench/same-h-$round:$tag" "$hw" "$SRC" \
      "$SRC/copybench/src-s:$tag" "$SRC/copybench/same-s-$round:$tag" "$sw" "$SRC"
    LAST_REF="$SRC/copybench/src-h:$tag"; LAST_DIGEST="$hw"; LAST_DST_REF="$DST/copybench/dst-h:$tag"
  done

  if [[ -n "$SRCP" ]]; then
    # Bytes: one more copy per tool, untimed, through the counting proxies, of one source image seeded through
    # them too (skopeo remembers where it pushed a blob per registry host, and mounts within one registry only
    # from there); each tool copies to repositories of its own, where the other's blobs are not linked.
    tag="bytes-$(date +%s%N)"
    generate "$size" 1
    want="$(seed "$work/seed.0" "$SRCP/copybench/src-b:$tag")"
    log "  bytes pass: the image has $(blob_bytes "$SRCP/copybench/src-b:$tag") bytes of blobs"
    for tool in hoist skopeo; do
      t="${tool:0:1}"
      for step in fresh re same; do
        case "$step" in
          fresh) key="fresh $lab, $SRC → $DST"; to="$DSTP/copybench/dst-$t:$tag"; px=dst ;;
          re) key="unchanged re-copy, $lab"; to="$DSTP/copybench/dst-$t:$tag"; px=dst ;;
          same) key="same registry, new repository, $lab"; to="$SRCP/copybench/same-$t-bytes:$tag"; px=src ;;
        esac
        read -r _ up0 _ < "$work/$px.stats"
        if [[ "$tool" == hoist ]]; then
          r="$(measure "$work/out" "${HOIST[@]}" copy --progress quiet --json "docker://$SRCP/copybench/src-b:$tag" "docker://$to")"
        else
          r="$(measure "$work/out" "${SKOPEO_COPY[@]}" "docker://$SRCP/copybench/src-b:$tag" "docker://$to")"
        fi
        for _ in $(seq 50); do read -r open _ _ < "$work/$px.stats"; ((open == 0)) && break; sleep 0.1; done
        read -r _ up1 _ < "$work/$px.stats"
        [[ "$r" == FAIL ]] || { check "$tool" "$want" "$to" "$work/out"; BYTES_IN["$key|$tool"]=$((up1 - up0)); }
        did=""
        [[ "$tool" != hoist || "$r" == FAIL ]] || did=" ($(hoist_did "$work/out"))"
        log "  bytes: $tool $key: $((up1 - up0)) bytes received by the destination registry$did"
      done
    done
  fi
done

# digest: cold CLI each, on the last images copied (source: anonymous; destination: as configured).
for which in src dst; do
  if [[ "$which" == src ]]; then ref="$LAST_REF"; key="digest REF on ${ref%%/*}"
  else ref="$LAST_DST_REF"; key="digest REF on ${ref%%/*}${DST_USER:+ (basic auth)}"; fi
  CASES+=("$key")
  for round in $(seq 1 "$ROUNDS"); do
    for tool in $( ((round % 2)) && echo hoist skopeo || echo skopeo hoist); do
      if [[ "$tool" == hoist ]]; then r="$(measure "$work/out" "${HOIST[@]}" digest "$ref")"
      else r="$(measure "$work/out" skopeo inspect --authfile "$work/auth.json" --tls-verify=false --format '{{.Digest}}' "docker://$ref")"; fi
      if [[ "$r" != FAIL ]]; then
        got="$(tail -1 "$work/out")"
        [[ "$got" == "$LAST_DIGEST" ]] || anomaly "$tool digest $ref printed '$got', want $LAST_DIGEST"
      fi
      record "$key" "$tool" "$r"
    done
  done
done

BIG_ROW=""
if [[ "${BIG:-1}" != 0 ]]; then
  tag="big-$(date +%s%N)"
  log "1 GiB: seeding"
  generate 1024 1
  want="$(seed "$work/seed.0" "$SRC/copybench/big:$tag")"
  opts="${HOIST_JAVA_OPTS--XX:TieredStopAtLevel=1 -XX:+UseSerialGC} -Xmx64m"   # bin/hoist's options for copy, plus -Xmx64m
  r="$(HOIST_JAVA_OPTS="$opts" measure "$work/out" "${HOIST[@]}" copy --progress quiet --json "docker://$SRC/copybench/big:$tag" "docker://$DST/copybench/big-h:$tag")"
  verdict=FAIL
  if [[ "$r" != FAIL ]]; then
    n="$(wc -l < "$work/anomalies")"
    check hoist "$want" "$DST/copybench/big-h:$tag" "$work/out"
    [[ "$(wc -l < "$work/anomalies")" == "$n" ]] && verdict=pass
  fi
  s="$(measure "$work/out" "${SKOPEO_COPY[@]}" "docker://$SRC/copybench/big:$tag" "docker://$DST/copybench/big-s:$tag")"
  [[ "$s" == FAIL ]] || check skopeo "$want" "$DST/copybench/big-s:$tag"
  read -r hw hc hm <<<"$([[ $r == FAIL ]] && echo "n/a n/a 0" || echo "$r")"
  read -r sw sc sm <<<"$([[ $s == FAIL ]] && echo "n/a n/a 0" || echo "$s")"
  log "1 GiB: hoist ($opts) $r -> $verdict; skopeo $s"
  BIG_ROW="| fresh 1 GiB random, hoist with \`$opts\` (1 run): **$verdict** | $hw ms | $sw ms | $(ratio "$hw" "$sw") | $hc | $sc | $((hm / 1024)) MB | $((sm / 1024)) MB | | | |"
fi

did() { # KEY: "hoist: …; skopeo: …", from the last round
  local h="${DID[$1|hoist]:-}" k="${DID[$1|skopeo]:-}"
  [[ -z "$h$k" ]] || echo "hoist: ${h:-?}; skopeo: ${k:-?}"
}
echo "| case ($ROUNDS rounds, medians) | hoist | skopeo | hoist / skopeo | hoist CPU s | skopeo CPU s | hoist peak RSS | skopeo peak RSS | bytes received by the destination, hoist | skopeo | what each did (hoist; skopeo) |"
echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |"
for key in "${CASES[@]}"; do
  cells=()
  for tool in hoist skopeo; do
    w="$(median <<<"${WALL[$key|$tool]:-}")"
    w+=" ms"
    [[ -z "${FAILS[$key|$tool]:-}" ]] || w+=" (${FAILS[$key|$tool]} failed)"
    cells+=("$w")
  done
  hw="$(median <<<"${WALL[$key|hoist]:-}")"; sw="$(median <<<"${WALL[$key|skopeo]:-}")"
  hr="$(median <<<"${RSS[$key|hoist]:-}")"; sr="$(median <<<"${RSS[$key|skopeo]:-}")"
  echo "| $key | ${cells[0]} | ${cells[1]} | $(ratio "$hw" "$sw") | $(median <<<"${CPU[$key|hoist]:-}") | $(median <<<"${CPU[$key|skopeo]:-}") | $(awk -v k="$hr" 'BEGIN{if (k=="n/a") print k; else printf "%d MB", k/1024}') | $(awk -v k="$sr" 'BEGIN{if (k=="n/a") print k; else printf "%d MB", k/1024}') | $(bytes "${BYTES_IN[$key|hoist]:-n/a}") | $(bytes "${BYTES_IN[$key|skopeo]:-n/a}") | $(did "$key") |"
done
[[ -z "$BIG_ROW" ]] || echo "$BIG_ROW"

if [[ -s "$work/anomalies" ]]; then
  log ""; log "ANOMALIES ($(grep -c '' "$work/anomalies") lines):"; cat "$work/anomalies" >&2
  exit 3
fi
