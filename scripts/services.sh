#!/usr/bin/env bash
# Local test services for Hoist: a Docker daemon, Podman's Docker-compatible API service, and five
# Docker registries (CNCF distribution), all with deletes enabled:
#   127.0.0.1:5000  anonymous, plain HTTP
#   127.0.0.1:5005  a second anonymous plain-HTTP registry (HOIST_TEST_REGISTRY2), with storage of
#                   its own: the other end of copies across two registries
#   127.0.0.1:5001  htpasswd basic auth, plain HTTP
#   127.0.0.1:5002  htpasswd basic auth over TLS, self-signed certificate (SAN IP:127.0.0.1)
#   127.0.0.1:5003  token auth (auth.token): realm http://127.0.0.1:5004/token, served by the
#                   tests' own token server, which signs JWTs with .services/registry-token/key.pem
# Podman serves the Docker API at .services/podman.sock (HOIST_TEST_PODMAN_HOST), with vfs storage and
# all its state under .services/podman/; its registries.conf marks the registries insecure.
# Both auth registries accept the user "hoist" with a password generated once per .services/
# (kept in .services/registry-auth/password, mode 600).
#
#   scripts/services.sh start    start (or reuse) all services, print export lines on stdout
#   scripts/services.sh stop     stop only what this script started, clean up mounts
#   scripts/services.sh status   show reachability/ownership; exit 0 if all reachable, else 3
#   scripts/services.sh env      print the export lines without starting anything
#
# Typical use:  eval "$(scripts/services.sh start)"
# Everything (sockets, data, logs, pid files) lives under $ROOT/.services/ (gitignored).
# Only stdout carries the export lines; all other output goes to stderr.
set -euo pipefail

ROOT="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd -P)"
SVC="$ROOT/.services"

OUR_SOCK="$SVC/docker.sock"
SYSTEM_SOCK="/var/run/docker.sock"
DOCKER_DATA="$SVC/docker-data"
DOCKER_EXEC="$SVC/docker-exec"
DOCKERD_PID="$SVC/dockerd.pid"
DOCKERD_LOG="$SVC/dockerd.log"
CONTAINERD_PID="$DOCKER_EXEC/containerd/containerd.pid"   # written by dockerd's managed containerd

REGISTRY_ADDR="127.0.0.1:5000"
REGISTRY_URL="http://$REGISTRY_ADDR/v2/"
REGISTRY_DIR="$SVC/registry"
REGISTRY_CONFIG="$REGISTRY_DIR/config.yml"
REGISTRY_PID="$SVC/registry.pid"
REGISTRY_LOG="$SVC/registry.log"

# A second anonymous plain registry, for copies from one registry to another.
REGISTRY2_ADDR="127.0.0.1:5005"
REGISTRY2_URL="http://$REGISTRY2_ADDR/v2/"
REGISTRY2_DIR="$SVC/registry2"
REGISTRY2_CONFIG="$REGISTRY2_DIR/config.yml"
REGISTRY2_PID="$SVC/registry2.pid"
REGISTRY2_LOG="$SVC/registry2.log"

# Credentials shared by the two auth registries.
AUTH_DIR="$SVC/registry-auth"
AUTH_USER="hoist"
AUTH_PASSWORD_FILE="$AUTH_DIR/password"
AUTH_HTPASSWD="$AUTH_DIR/htpasswd"

BASIC_ADDR="127.0.0.1:5001"
BASIC_URL="http://$BASIC_ADDR/v2/"
BASIC_DIR="$SVC/registry-basic"
BASIC_CONFIG="$BASIC_DIR/config.yml"
BASIC_PID="$SVC/registry-basic.pid"
BASIC_LOG="$SVC/registry-basic.log"

TLS_ADDR="127.0.0.1:5002"
TLS_URL="https://$TLS_ADDR/v2/"
TLS_DIR="$SVC/registry-tls"
TLS_CONFIG="$TLS_DIR/config.yml"
TLS_CERT="$TLS_DIR/cert.pem"
TLS_KEY="$TLS_DIR/key.pem"
TLS_PID="$SVC/registry-tls.pid"
TLS_LOG="$SVC/registry-tls.log"

TOKEN_ADDR="127.0.0.1:5003"
TOKEN_URL="http://$TOKEN_ADDR/v2/"
TOKEN_DIR="$SVC/registry-token"
TOKEN_CONFIG="$TOKEN_DIR/config.yml"
TOKEN_CERT="$TOKEN_DIR/cert.pem"
TOKEN_KEY="$TOKEN_DIR/key.pem"
TOKEN_PID="$SVC/registry-token.pid"
TOKEN_LOG="$SVC/registry-token.log"
# The token server itself runs inside the tests (JDK HttpServer); these must match its settings.
TOKEN_REALM="http://127.0.0.1:5004/token"
TOKEN_SERVICE="hoist-token-registry"
TOKEN_ISSUER="hoist-test-token-issuer"

# Podman's Docker-compatible API service (`podman system service`), all state under $PODMAN_DIR.
PODMAN_SOCK="$SVC/podman.sock"
PODMAN_DIR="$SVC/podman"
PODMAN_PID="$SVC/podman.pid"
PODMAN_LOG="$SVC/podman.log"
PODMAN_REGISTRIES_CONF="$PODMAN_DIR/registries.conf"
PODMAN_STORAGE_CONF="$PODMAN_DIR/storage.conf"
PODMAN_CONTAINERS_CONF="$PODMAN_DIR/containers.conf"

WAIT_SECONDS=60      # per service
STOP_SECONDS=20      # grace period before SIGKILL

log() { printf 'services: %s\n' "$*" >&2; }
die() { printf 'services: ERROR: %s\n' "$*" >&2; exit 1; }

have() { command -v "$1" >/dev/null 2>&1; }
# dockerd lives in /usr/sbin, which is often not on a non-root user's PATH.
find_dockerd() {
  if have dockerd; then command -v dockerd
  elif [[ -x /usr/sbin/dockerd ]]; then echo /usr/sbin/dockerd
  else return 1; fi
}

# ---------------------------------------------------------------- probes

# Ping a docker daemon at a unix socket path. Succeeds iff it answers "OK".
ping_unix() {
  local sock="$1" out
  [[ -S "$sock" ]] || return 1
  out="$(curl -s --max-time 3 --unix-socket "$sock" http://localhost/_ping 2>/dev/null)" || return 1
  [[ "$out" == "OK" ]]
}

# Ping a docker daemon given a DOCKER_HOST value (unix:// or tcp://).
ping_docker_host() {
  local host="$1" out
  case "$host" in
    unix://*) ping_unix "${host#unix://}" ;;
    tcp://*)
      local hp="${host#tcp://}"; hp="${hp%%/*}"
      if [[ -n "${DOCKER_TLS_VERIFY:-}" ]]; then
        local certs="${DOCKER_CERT_PATH:-$HOME/.docker}"
        out="$(curl -s --max-time 3 --cacert "$certs/ca.pem" --cert "$certs/cert.pem" \
                 --key "$certs/key.pem" "https://$hp/_ping" 2>/dev/null)" || return 1
      else
        out="$(curl -s --max-time 3 "http://$hp/_ping" 2>/dev/null)" || return 1
      fi
      [[ "$out" == "OK" ]] ;;
    *) return 1 ;;
  esac
}

# Podman answers the Docker API's _ping on its own socket.
podman_ok() { ping_unix "$PODMAN_SOCK"; }

# http_status <url> [curl options...]: the status code of GET url ("000" when nothing answers).
http_status() {
  local url="$1"; shift
  curl -s "$@" -o /dev/null --max-time 3 -w '%{http_code}' "$url" 2>/dev/null
}

registry_ok() { [[ "$(http_status "$REGISTRY_URL")" == "200" ]]; }
registry2_ok() { [[ "$(http_status "$REGISTRY2_URL")" == "200" ]]; }
# An auth registry is up when /v2/ asks for credentials (401). -k: the TLS one is self-signed.
basic_ok() { [[ "$(http_status "$BASIC_URL")" == "401" ]]; }
token_ok() { [[ "$(http_status "$TOKEN_URL")" == "401" ]]; }
tls_ok()   { [[ "$(http_status "$TLS_URL" -k)" == "401" ]]; }

# Is pid alive? Zombies count as dead (PID 1 in some sandboxes/containers reaps lazily).
alive() {
  local pid="$1" stat
  kill -0 "$pid" 2>/dev/null || return 1
  stat="$(cat "/proc/$pid/stat" 2>/dev/null)" || return 1
  stat="${stat##*) }"
  [[ "${stat%% *}" != "Z" ]]
}

# Is the process in pidfile $1 alive and is its command line matching $2?
# Prints the pid on success.
owned_pid() {
  local pidfile="$1" pattern="$2" pid cmd
  [[ -f "$pidfile" ]] || return 1
  pid="$(tr -dc '0-9' < "$pidfile" 2>/dev/null || true)"
  [[ -n "$pid" ]] || return 1
  alive "$pid" || return 1
  cmd="$(tr '\0' ' ' < "/proc/$pid/cmdline" 2>/dev/null || true)"
  [[ "$cmd" == *"$pattern"* ]] || return 1
  echo "$pid"
}

dockerd_owned()  { owned_pid "$DOCKERD_PID"  "dockerd" >/dev/null; }
# The registries are told apart by their config path on the command line.
registry_owned() { owned_pid "$REGISTRY_PID" "$REGISTRY_CONFIG" >/dev/null; }
registry2_owned() { owned_pid "$REGISTRY2_PID" "$REGISTRY2_CONFIG" >/dev/null; }
basic_owned()    { owned_pid "$BASIC_PID" "$BASIC_CONFIG" >/dev/null; }
tls_owned()      { owned_pid "$TLS_PID"   "$TLS_CONFIG" >/dev/null; }
token_owned()    { owned_pid "$TOKEN_PID" "$TOKEN_CONFIG" >/dev/null; }
# Podman is told apart by its socket path on the command line.
podman_owned()   { owned_pid "$PODMAN_PID" "$PODMAN_SOCK" >/dev/null; }

# Which DOCKER_HOST is (or would be) in use. Prints the value; returns 0 if reachable.
#   1. $DOCKER_HOST if set and reachable
#   2. our own socket
#   3. /var/run/docker.sock
#   otherwise our own socket (what `start` would launch), return 1.
resolve_docker_host() {
  if [[ -n "${DOCKER_HOST:-}" ]] && ping_docker_host "$DOCKER_HOST"; then
    echo "$DOCKER_HOST"; return 0
  fi
  if ping_unix "$OUR_SOCK"; then echo "unix://$OUR_SOCK"; return 0; fi
  if ping_unix "$SYSTEM_SOCK"; then echo "unix://$SYSTEM_SOCK"; return 0; fi
  echo "unix://$OUR_SOCK"; return 1
}

print_env() {
  printf 'export DOCKER_HOST=%q\n' "$1"
  printf 'export HOIST_TEST_REGISTRY=%q\n' "$REGISTRY_ADDR"
  printf 'export HOIST_TEST_REGISTRY2=%q\n' "$REGISTRY2_ADDR"
  printf 'export HOIST_TEST_AUTH_REGISTRY=%q\n' "$BASIC_ADDR"
  printf 'export HOIST_TEST_TLS_REGISTRY=%q\n' "$TLS_ADDR"
  printf 'export HOIST_TEST_PODMAN_HOST=%q\n' "unix://$PODMAN_SOCK"
  printf 'export HOIST_TEST_REGISTRY_USER=%q\n' "$AUTH_USER"
  printf 'export HOIST_TEST_TLS_CERT=%q\n' "$TLS_CERT"
  printf 'export HOIST_TEST_TOKEN_REGISTRY=%q\n' "$TOKEN_ADDR"
  printf 'export HOIST_TEST_TOKEN_KEY=%q\n' "$TOKEN_KEY"
  printf 'export HOIST_TEST_TOKEN_CERT=%q\n' "$TOKEN_CERT"
  printf 'export HOIST_TEST_TOKEN_REALM=%q\n' "$TOKEN_REALM"
  printf 'export HOIST_TEST_TOKEN_SERVICE=%q\n' "$TOKEN_SERVICE"
  printf 'export HOIST_TEST_TOKEN_ISSUER=%q\n' "$TOKEN_ISSUER"
  if [[ -r "$AUTH_PASSWORD_FILE" ]]; then
    printf 'export HOIST_TEST_REGISTRY_PASSWORD=%q\n' "$(<"$AUTH_PASSWORD_FILE")"
  else
    log "no $AUTH_PASSWORD_FILE yet; run '$0 start' to create the test password"
  fi
}

tail_log() {
  local f="$1"
  if [[ -f "$f" ]]; then
    printf -- '----- last 30 lines of %s -----\n' "$f" >&2
    tail -n 30 "$f" >&2 || true
    printf -- '-----\n' >&2
  else
    printf 'services: (no log file %s)\n' "$f" >&2
  fi
}

# ---------------------------------------------------------------- install

ensure_packages() {
  local pkgs=()
  if ! find_dockerd >/dev/null || ! have docker-registry; then
    pkgs+=(docker.io docker-registry apache2-utils)
  elif ! have htpasswd; then
    pkgs+=(apache2-utils)
  fi
  # The API service needs no network stack (slirp4netns, netavark) to load, tag and push images;
  # --no-install-recommends keeps them out. conmon and an OCI runtime come as dependencies.
  have podman || pkgs+=(podman)
  have curl || pkgs+=(curl)
  have openssl || pkgs+=(openssl)
  # The registry-API transport's tests read pushed images back with skopeo, an independent client.
  have skopeo || pkgs+=(skopeo)
  # The CLI's live progress bars are tested in a real terminal: hoist push runs in a tmux pane.
  have tmux || pkgs+=(tmux)
  ((${#pkgs[@]})) || return 0

  if [[ "$(id -u)" != 0 ]]; then
    die "missing packages: ${pkgs[*]}. Install them as root, e.g.:
  sudo apt-get update && sudo apt-get install -y --no-install-recommends ${pkgs[*]}"
  fi
  have apt-get || die "missing packages (${pkgs[*]}) and apt-get is not available"

  log "installing: ${pkgs[*]}"
  # Keep the packages' maintainer scripts from starting the system docker/registry services
  # (Debian's registry config would grab port 5000 with htpasswd auth).
  local policy=/usr/sbin/policy-rc.d created_policy=0
  if [[ ! -e "$policy" ]]; then
    printf '#!/bin/sh\nexit 101\n' > "$policy"
    chmod 755 "$policy"
    created_policy=1
  fi
  local rc=0
  {
    apt-get update -q >&2 &&
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${pkgs[@]}" >&2
  } || rc=$?
  ((created_policy)) && rm -f "$policy"
  ((rc == 0)) || die "apt-get failed (exit $rc) installing: ${pkgs[*]}"

  find_dockerd >/dev/null || die "dockerd still not found after installing docker.io"
  have docker-registry   || die "docker-registry still not found after installing docker-registry"
  have curl              || die "curl still not found after installing curl"
  have htpasswd          || die "htpasswd still not found after installing apache2-utils"
  have openssl           || die "openssl still not found after installing openssl"
  have skopeo            || die "skopeo still not found after installing skopeo"
  have podman            || die "podman still not found after installing podman"
}

# ---------------------------------------------------------------- start

# write_registry_config_file <dir> <config> <addr> <auth block> <http extra>: a distribution config that keeps
# its blobs under <dir>/data; the auth block is top-level YAML, the extra goes under http:.
write_registry_config_file() {
  local dir="$1" config="$2" addr="$3" auth="$4" http_extra="$5"
  mkdir -p "$dir/data"
  local tmp="$config.tmp.$$"
  {
    printf '%s\n' "# Generated by scripts/services.sh - do not edit, it is rewritten on every start." \
      "version: 0.1" "log:" "  level: info" "  fields:" "    service: registry" \
      "storage:" "  filesystem:" "    rootdirectory: $dir/data" "  delete:" "    enabled: true"
    if [[ -n "$auth" ]]; then printf '%s\n' "$auth"; fi
    printf '%s\n' "http:" "  addr: $addr" "  headers:" "    X-Content-Type-Options: [nosniff]"
    if [[ -n "$http_extra" ]]; then printf '%s\n' "$http_extra"; fi
  } > "$tmp"
  mv -f "$tmp" "$config"
}

write_registry_config() { write_registry_config_file "$REGISTRY_DIR" "$REGISTRY_CONFIG" "$REGISTRY_ADDR" "" ""; }
write_registry2_config() { write_registry_config_file "$REGISTRY2_DIR" "$REGISTRY2_CONFIG" "$REGISTRY2_ADDR" "" ""; }

# wait_until <seconds> <description> <logfile> <launched-pid or ""> <probe command...>
wait_until() {
  local secs="$1" what="$2" logf="$3" pid="$4"; shift 4
  local tries=$((secs * 2)) i
  for ((i = 0; i < tries; i++)); do
    if "$@"; then return 0; fi
    if [[ -n "$pid" ]] && ! alive "$pid"; then
      log "$what exited during startup"
      tail_log "$logf"
      exit 1
    fi
    sleep 0.5
  done
  log "timed out after ${secs}s waiting for $what"
  tail_log "$logf"
  exit 1
}

start_docker() {
  local host
  if host="$(resolve_docker_host)"; then
    if [[ -n "${DOCKER_HOST:-}" && "$host" != "$DOCKER_HOST" ]]; then
      log "docker: DOCKER_HOST=$DOCKER_HOST is not reachable; ignoring it"
    fi
    if dockerd_owned && [[ "$host" == "unix://$OUR_SOCK" ]]; then
      log "docker: already running (ours) at $host"
    else
      log "docker: reusing existing daemon at $host"
    fi
    DOCKER_HOST_IN_USE="$host"
    return 0
  fi
  if [[ -n "${DOCKER_HOST:-}" && "$DOCKER_HOST" != "unix://$OUR_SOCK" ]]; then
    log "docker: DOCKER_HOST=$DOCKER_HOST is not reachable; using our own daemon instead"
  fi

  local pid=""
  if pid="$(owned_pid "$DOCKERD_PID" dockerd)"; then
    log "docker: our dockerd (pid $pid) is running but not answering yet; waiting"
  else
    [[ "$(id -u)" == 0 ]] || die "no reachable docker daemon and starting dockerd requires root.
  Start one yourself and set DOCKER_HOST, or run this script as root."
    # unix socket paths are limited to 108 bytes (sun_path), including the socket that
    # dockerd's managed containerd creates under the exec root.
    local cd_sock="$DOCKER_EXEC/containerd/containerd-debug.sock"
    if ((${#OUR_SOCK} > 100)) || ((${#cd_sock} > 107)); then
      die "repository path is too long for unix sockets:
  $OUR_SOCK (${#OUR_SOCK} chars, max 100)
  $cd_sock (${#cd_sock} chars, max 107)
Move/clone the repository to a shorter path, or start a daemon yourself and set DOCKER_HOST."
    fi
    local dockerd_bin
    dockerd_bin="$(find_dockerd)"
    rm -f "$DOCKERD_PID"
    [[ -S "$OUR_SOCK" ]] && rm -f "$OUR_SOCK"   # stale socket from a killed daemon
    mkdir -p "$DOCKER_DATA" "$DOCKER_EXEC"
    log "docker: starting dockerd (log: ${DOCKERD_LOG#"$ROOT"/})"
    {
      printf '\n===== %s: starting dockerd =====\n' "$(date -Is)"
    } >> "$DOCKERD_LOG"
    setsid nohup "$dockerd_bin" \
      --storage-driver=vfs \
      --iptables=false --ip6tables=false \
      --bridge=none \
      --host "unix://$OUR_SOCK" \
      --data-root "$DOCKER_DATA" \
      --exec-root "$DOCKER_EXEC" \
      --pidfile "$DOCKERD_PID" \
      </dev/null >>"$DOCKERD_LOG" 2>&1 9>&- &
    pid=$!
  fi
  local t0=$SECONDS
  wait_until "$WAIT_SECONDS" "dockerd" "$DOCKERD_LOG" "$pid" ping_unix "$OUR_SOCK"
  log "docker: ready at unix://$OUR_SOCK ($((SECONDS - t0))s)"
  DOCKER_HOST_IN_USE="unix://$OUR_SOCK"
}

# start_registry_service <name> <addr> <config> <pidfile> <logfile> <probe> <owned> <config writer...>:
# reuses a registry that answers at addr, waits for ours when it runs, else writes its config and starts it.
start_registry_service() {
  local name="$1" addr="$2" config="$3" pidfile="$4" logf="$5" probe="$6" owned="$7"; shift 7
  if "$probe"; then
    if "$owned"; then
      log "$name: already running (ours) at $addr"
    else
      log "$name: reusing existing registry at $addr"
    fi
    return 0
  fi
  local pid=""
  if pid="$(owned_pid "$pidfile" "$config")"; then
    log "$name: our registry (pid $pid) is running but not answering yet; waiting"
  else
    rm -f "$pidfile"
    "$@"
    log "$name: starting docker-registry on $addr (log: ${logf#"$ROOT"/})"
    printf '\n===== %s: starting docker-registry =====\n' "$(date -Is)" >> "$logf"
    setsid nohup docker-registry serve "$config" \
      </dev/null >>"$logf" 2>&1 9>&- &
    pid=$!
    echo "$pid" > "$pidfile"
  fi
  local t0=$SECONDS
  wait_until "$WAIT_SECONDS" "$name docker-registry" "$logf" "$pid" "$probe"
  log "$name: ready at $addr ($((SECONDS - t0))s)"
}

start_registry() {
  start_registry_service registry "$REGISTRY_ADDR" "$REGISTRY_CONFIG" "$REGISTRY_PID" "$REGISTRY_LOG" \
    registry_ok registry_owned write_registry_config
}

start_registry2() {
  start_registry_service registry2 "$REGISTRY2_ADDR" "$REGISTRY2_CONFIG" "$REGISTRY2_PID" "$REGISTRY2_LOG" \
    registry2_ok registry2_owned write_registry2_config
}

# The test password is generated once per .services/ and kept; the htpasswd file follows it.
ensure_auth_files() {
  mkdir -p "$AUTH_DIR"
  chmod 700 "$AUTH_DIR"
  if [[ ! -s "$AUTH_PASSWORD_FILE" ]]; then
    log "auth: generating the test password (${AUTH_PASSWORD_FILE#"$ROOT"/})"
    (umask 077; openssl rand -hex 16 > "$AUTH_PASSWORD_FILE.tmp.$$")
    mv -f "$AUTH_PASSWORD_FILE.tmp.$$" "$AUTH_PASSWORD_FILE"
  fi
  chmod 600 "$AUTH_PASSWORD_FILE"
  if [[ ! -s "$AUTH_HTPASSWD" || "$AUTH_PASSWORD_FILE" -nt "$AUTH_HTPASSWD" ]]; then
    # -i reads the password from stdin, so it never shows in the process list.
    (umask 077; htpasswd -niB "$AUTH_USER" < "$AUTH_PASSWORD_FILE" > "$AUTH_HTPASSWD.tmp.$$") \
      || die "htpasswd failed writing $AUTH_HTPASSWD"
    mv -f "$AUTH_HTPASSWD.tmp.$$" "$AUTH_HTPASSWD"
  fi
}

# Self-signed, valid for the loopback IP, so clients that verify hostnames accept it once trusted.
ensure_tls_cert() {
  mkdir -p "$TLS_DIR"
  [[ -s "$TLS_CERT" && -s "$TLS_KEY" ]] && return 0
  log "tls: generating a self-signed certificate for $TLS_ADDR (${TLS_CERT#"$ROOT"/})"
  (umask 077
   openssl req -x509 -newkey rsa:2048 -nodes -sha256 -days 3650 \
     -subj "/CN=127.0.0.1" -addext "subjectAltName=IP:127.0.0.1,DNS:localhost" \
     -keyout "$TLS_KEY.tmp.$$" -out "$TLS_CERT.tmp.$$" 2>/dev/null) \
    || die "openssl could not create the test certificate"
  mv -f "$TLS_KEY.tmp.$$" "$TLS_KEY"
  mv -f "$TLS_CERT.tmp.$$" "$TLS_CERT"
  chmod 644 "$TLS_CERT"
}

# write_auth_registry_config <dir> <config> <addr> <http extra>: htpasswd auth with the test user.
write_auth_registry_config() {
  write_registry_config_file "$1" "$2" "$3" "auth:
  htpasswd:
    realm: hoist
    path: $AUTH_HTPASSWD" "$4"
}

start_auth_registries() {
  ensure_auth_files
  ensure_tls_cert
  start_registry_service registry-basic "$BASIC_ADDR" "$BASIC_CONFIG" "$BASIC_PID" "$BASIC_LOG" basic_ok basic_owned \
    write_auth_registry_config "$BASIC_DIR" "$BASIC_CONFIG" "$BASIC_ADDR" ""
  start_registry_service registry-tls "$TLS_ADDR" "$TLS_CONFIG" "$TLS_PID" "$TLS_LOG" tls_ok tls_owned \
    write_auth_registry_config "$TLS_DIR" "$TLS_CONFIG" "$TLS_ADDR" "  tls:
    certificate: $TLS_CERT
    key: $TLS_KEY"
}

# Podman reads these instead of /etc/containers and ~/.config/containers: the machine's own files are never touched.
write_podman_config() {
  mkdir -p "$PODMAN_DIR/root" "$PODMAN_DIR/runroot" "$PODMAN_DIR/tmp"
  cat > "$PODMAN_REGISTRIES_CONF.tmp.$$" <<EOF
# Generated by scripts/services.sh - do not edit, it is rewritten on every start.
# Short names are not resolved; the test registries speak plain HTTP or self-signed TLS.
unqualified-search-registries = []

[[registry]]
location = "$REGISTRY_ADDR"
insecure = true

[[registry]]
location = "$REGISTRY2_ADDR"
insecure = true

[[registry]]
location = "$BASIC_ADDR"
insecure = true

[[registry]]
location = "$TLS_ADDR"
insecure = true
EOF
  mv -f "$PODMAN_REGISTRIES_CONF.tmp.$$" "$PODMAN_REGISTRIES_CONF"
  cat > "$PODMAN_STORAGE_CONF.tmp.$$" <<EOF
# Generated by scripts/services.sh - do not edit, it is rewritten on every start.
[storage]
driver = "vfs"
graphroot = "$PODMAN_DIR/root"
runroot = "$PODMAN_DIR/runroot"
EOF
  mv -f "$PODMAN_STORAGE_CONF.tmp.$$" "$PODMAN_STORAGE_CONF"
  cat > "$PODMAN_CONTAINERS_CONF.tmp.$$" <<EOF
# Generated by scripts/services.sh - do not edit, it is rewritten on every start.
[engine]
tmp_dir = "$PODMAN_DIR/tmp"
EOF
  mv -f "$PODMAN_CONTAINERS_CONF.tmp.$$" "$PODMAN_CONTAINERS_CONF"
}

start_podman() {
  if podman_ok; then
    if podman_owned; then
      log "podman: already running (ours) at unix://$PODMAN_SOCK"
    else
      log "podman: reusing the service at unix://$PODMAN_SOCK"
    fi
    return 0
  fi
  local pid=""
  if pid="$(owned_pid "$PODMAN_PID" "$PODMAN_SOCK")"; then
    log "podman: our service (pid $pid) is running but not answering yet; waiting"
  else
    ((${#PODMAN_SOCK} <= 100)) || die "repository path is too long for unix sockets: $PODMAN_SOCK (${#PODMAN_SOCK} chars, max 100)"
    rm -f "$PODMAN_PID"
    [[ -S "$PODMAN_SOCK" ]] && rm -f "$PODMAN_SOCK"   # stale socket from a killed service
    write_podman_config
    log "podman: starting podman system service (log: ${PODMAN_LOG#"$ROOT"/})"
    {
      printf '\n===== %s: starting podman system service =====\n' "$(date -Is)"
    } >> "$PODMAN_LOG"
    CONTAINERS_REGISTRIES_CONF="$PODMAN_REGISTRIES_CONF" \
    CONTAINERS_STORAGE_CONF="$PODMAN_STORAGE_CONF" \
    CONTAINERS_CONF="$PODMAN_CONTAINERS_CONF" \
    TMPDIR="$PODMAN_DIR/tmp" \
    setsid nohup podman \
      --root "$PODMAN_DIR/root" --runroot "$PODMAN_DIR/runroot" --storage-driver vfs \
      --tmpdir "$PODMAN_DIR/tmp" \
      system service --time=0 "unix://$PODMAN_SOCK" \
      </dev/null >>"$PODMAN_LOG" 2>&1 9>&- &
    pid=$!
    echo "$pid" > "$PODMAN_PID"
  fi
  local t0=$SECONDS
  wait_until "$WAIT_SECONDS" "podman system service" "$PODMAN_LOG" "$pid" podman_ok
  log "podman: ready at unix://$PODMAN_SOCK ($((SECONDS - t0))s)"
}

# The token registry's signing key and self-signed certificate (its rootcertbundle). The key is
# PKCS#8 PEM, which the tests' token server reads with the JDK alone.
ensure_token_key() {
  mkdir -p "$TOKEN_DIR"
  [[ -s "$TOKEN_CERT" && -s "$TOKEN_KEY" ]] && return 0
  log "token: generating the token signing key and certificate (${TOKEN_KEY#"$ROOT"/})"
  (umask 077
   openssl req -x509 -newkey rsa:2048 -nodes -sha256 -days 3650 -subj "/CN=$TOKEN_ISSUER" \
     -keyout "$TOKEN_KEY.tmp.$$" -out "$TOKEN_CERT.tmp.$$" 2>/dev/null &&
   openssl pkcs8 -topk8 -nocrypt -in "$TOKEN_KEY.tmp.$$" -out "$TOKEN_KEY.p8.$$" 2>/dev/null) \
    || die "openssl could not create the token signing key"
  mv -f "$TOKEN_KEY.p8.$$" "$TOKEN_KEY"
  rm -f "$TOKEN_KEY.tmp.$$"
  mv -f "$TOKEN_CERT.tmp.$$" "$TOKEN_CERT"
  chmod 600 "$TOKEN_KEY"
  chmod 644 "$TOKEN_CERT"
}

write_token_registry_config() {
  write_registry_config_file "$TOKEN_DIR" "$TOKEN_CONFIG" "$TOKEN_ADDR" "auth:
  token:
    realm: $TOKEN_REALM
    service: $TOKEN_SERVICE
    issuer: $TOKEN_ISSUER
    rootcertbundle: $TOKEN_CERT" ""
}

start_token_registry() {
  ensure_token_key
  start_registry_service registry-token "$TOKEN_ADDR" "$TOKEN_CONFIG" "$TOKEN_PID" "$TOKEN_LOG" token_ok token_owned \
    write_token_registry_config
}

cmd_start() {
  mkdir -p "$SVC"
  lock
  ensure_packages
  DOCKER_HOST_IN_USE=""
  start_docker
  start_registry
  start_registry2
  start_auth_registries
  start_podman
  start_token_registry
  print_env "$DOCKER_HOST_IN_USE"
}

# ---------------------------------------------------------------- stop

# stop_pid <name> <pid>: TERM, wait up to STOP_SECONDS, then KILL.
stop_pid() {
  local name="$1" pid="$2" i
  log "$name: stopping pid $pid"
  kill -TERM "$pid" 2>/dev/null || return 0
  for ((i = 0; i < STOP_SECONDS * 2; i++)); do
    alive "$pid" || { log "$name: stopped"; return 0; }
    sleep 0.5
  done
  log "$name: did not exit within ${STOP_SECONDS}s, sending KILL"
  kill -KILL "$pid" 2>/dev/null || true
  for ((i = 0; i < 10; i++)); do
    alive "$pid" || return 0
    sleep 0.5
  done
  log "$name: WARNING: pid $pid still exists after KILL"
}

# Decode the octal escapes (\040 etc.) /proc/mounts uses in paths.
unescape_mount() { printf '%b' "${1//\\/\\0}"; }

# Mount points (decoded) currently under our docker dirs, deepest first.
leftover_mounts() {
  local dev mnt rest m
  while read -r dev mnt rest; do
    m="$(unescape_mount "$mnt")"
    case "$m" in
      "$DOCKER_EXEC"|"$DOCKER_EXEC"/*|"$DOCKER_DATA"|"$DOCKER_DATA"/*)
        printf '%d\t%s\n' "$(tr -cd / <<<"$m" | wc -c)" "$m" ;;
    esac
  done < /proc/mounts | sort -t $'\t' -k1,1nr | cut -f2-
}

unmount_leftovers() {
  if ping_unix "$OUR_SOCK"; then
    log "WARNING: a daemon still answers on $OUR_SOCK; not touching its mounts"
    return 0
  fi
  local m left
  while IFS= read -r m; do
    [[ -n "$m" ]] || continue
    if umount "$m" 2>/dev/null; then
      log "unmounted $m"
    elif umount -l "$m" 2>/dev/null; then
      log "lazily unmounted $m"
    fi
  done < <(leftover_mounts)
  left="$(leftover_mounts)"
  [[ -z "$left" ]] || log "WARNING: still mounted:"$'\n'"$left"
}

# stop_owned <name> <pidfile> <pattern>: stops the process of pidfile when it is ours (its command line holds pattern).
stop_owned() {
  local name="$1" pidfile="$2" pattern="$3" pid
  if pid="$(owned_pid "$pidfile" "$pattern")"; then
    stop_pid "$name" "$pid"
  else
    log "$name: nothing of ours running"
  fi
  rm -f "$pidfile"
}

cmd_stop() {
  [[ -d "$SVC" ]] || { log "nothing to stop"; return 0; }
  lock
  local pid

  stop_owned registry "$REGISTRY_PID" "$REGISTRY_CONFIG"
  stop_owned registry2 "$REGISTRY2_PID" "$REGISTRY2_CONFIG"
  stop_owned registry-basic "$BASIC_PID" "$BASIC_CONFIG"
  stop_owned registry-tls "$TLS_PID" "$TLS_CONFIG"
  stop_owned registry-token "$TOKEN_PID" "$TOKEN_CONFIG"
  stop_owned podman "$PODMAN_PID" "$PODMAN_SOCK"
  stop_owned dockerd "$DOCKERD_PID" dockerd
  # dockerd normally stops its managed containerd; clean up if it was orphaned (e.g. after KILL).
  if pid="$(owned_pid "$CONTAINERD_PID" "$DOCKER_EXEC")"; then
    stop_pid containerd "$pid"
  fi
  rm -f "$CONTAINERD_PID"

  unmount_leftovers
}

# ---------------------------------------------------------------- status

cmd_status() {
  local host rc=0 own
  if host="$(resolve_docker_host)"; then
    own="not ours"
    [[ "$host" == "unix://$OUR_SOCK" ]] && dockerd_owned && own="ours, pid $(cat "$DOCKERD_PID")"
    echo "docker:   reachable at $host ($own)"
  else
    own=""
    dockerd_owned && own=" (our dockerd pid $(cat "$DOCKERD_PID") is running but not answering)"
    echo "docker:   NOT reachable$own"
    rc=3
  fi
  status_registry "registry" "$REGISTRY_ADDR" registry_ok registry_owned "$REGISTRY_PID" "" || rc=3
  status_registry "registry2" "$REGISTRY2_ADDR" registry2_ok registry2_owned "$REGISTRY2_PID" "" || rc=3
  status_registry "registry-basic" "$BASIC_ADDR" basic_ok basic_owned "$BASIC_PID" 401 || rc=3
  status_registry "registry-tls" "$TLS_ADDR" tls_ok tls_owned "$TLS_PID" 401 || rc=3
  status_registry "registry-token" "$TOKEN_ADDR" token_ok token_owned "$TOKEN_PID" 401 || rc=3
  if podman_ok; then
    own="not ours"
    podman_owned && own="ours, pid $(cat "$PODMAN_PID")"
    echo "podman:   reachable at unix://$PODMAN_SOCK ($own)"
  else
    own=""
    podman_owned && own=" (our podman pid $(cat "$PODMAN_PID") is running but not answering)"
    echo "podman:   NOT reachable at unix://$PODMAN_SOCK$own"
    rc=3
  fi
  return "$rc"
}

# status_registry <label> <addr> <probe> <owned> <pidfile> <401 when it asks for credentials, else "">
status_registry() {
  local label="$1" addr="$2" probe="$3" owned="$4" pidfile="$5" auth="$6" own
  if "$probe"; then
    own="not ours"
    "$owned" && own="ours, pid $(cat "$pidfile")"
    echo "$label: reachable at $addr${auth:+, asks for credentials} ($own)"
  else
    own=""
    "$owned" && own=" (our registry pid $(cat "$pidfile") is running but not answering${auth:+ $auth})"
    echo "$label: NOT reachable at $addr$own"
    return 1
  fi
}

cmd_env() {
  local host
  host="$(resolve_docker_host)" || true
  print_env "$host"
}

# Serialize concurrent start/stop on the same checkout. fd 9 is closed for the daemons.
lock() {
  if have flock; then
    exec 9>"$SVC/.lock"
    flock -w 180 9 || die "could not acquire $SVC/.lock"
  fi
}

usage() {
  echo "usage: $0 start|stop|status|env" >&2
  exit 2
}

[[ $# -eq 1 ]] || usage
case "$1" in
  start)  cmd_start ;;
  stop)   cmd_stop ;;
  status) cmd_status ;;
  env)    cmd_env ;;
  -h|--help|help) usage ;;
  *) usage ;;
esac
