#!/usr/bin/env bash
# A throw-away PostgreSQL server for the tests (issue #17), in about a second.
#
#   eval "$(scripts/pg-server.sh start)"      # prints the exports below, server running
#   cargo test --locked --test cli pg_
#   scripts/pg-server.sh stop                 # uses $RELATIES_TEST_PG_DIR, or give the folder
#
# The server lives in a private temporary folder: its data (initdb --no-sync, fsync=off), its
# Unix socket folder (trust authentication there), a log, and a test CA with a server
# certificate made at start (ssl=on). It also listens on 127.0.0.1 and 127.0.0.2 on a free port,
# with scram-sha-256 passwords over TCP. 127.0.0.2 is not in the certificate and does not look
# local to relaties, which is what the TLS tests need.
#
# Exports:
#   RELATIES_TEST_PG           admin URL over the socket (the superuser `postgres`, no password)
#   RELATIES_TEST_PG_TCP       postgres://127.0.0.1:PORT (no user: the tests add their own)
#   RELATIES_TEST_PG_PORT      the port
#   RELATIES_TEST_PG_SOCKET    the socket folder
#   RELATIES_TEST_PG_CA        the CA that signed the server's certificate (PEM)
#   RELATIES_TEST_PG_OTHER_CA  an unrelated CA (PEM), for "wrong certificate" tests
#   RELATIES_TEST_PG_DIR       the folder, for stop
#
# Run as root (CI), initdb and the server run as the `postgres` user (initdb refuses root);
# otherwise as the calling user. The binaries come from $PG_BIN, else the newest
# /usr/lib/postgresql/*/bin (Debian), else $PATH.
set -euo pipefail

die() {
  echo "pg-server.sh: $*" >&2
  exit 1
}

find_bin() {
  if [[ -n "${PG_BIN:-}" ]]; then
    echo "$PG_BIN"
    return
  fi
  local newest
  newest=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
  if [[ -n "$newest" && -x "$newest/initdb" ]]; then
    echo "$newest"
  elif command -v initdb >/dev/null 2>&1; then
    dirname "$(command -v initdb)"
  else
    die "no PostgreSQL server binaries (initdb) found; install Debian's postgresql package"
  fi
}

# Runs a command as the server's owner: `postgres` when we are root, else ourselves.
as_owner() {
  if [[ $(id -u) -eq 0 ]]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

# A port that nothing on 127.0.0.1 answers on (the kernel's ephemeral range is avoided).
free_port() {
  local port
  for _ in $(seq 1 50); do
    port=$((20000 + RANDOM % 12000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "$port"
      return
    fi
  done
  die "no free port found"
}

make_certs() {
  local dir=$1
  (
    cd "$dir"
    openssl ecparam -name prime256v1 -genkey -noout -out ca.key 2>/dev/null
    openssl req -x509 -new -key ca.key -sha256 -days 7 -subj "/CN=relaties test CA" \
      -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" \
      -out ca.crt 2>/dev/null
    openssl ecparam -name prime256v1 -genkey -noout -out server.key 2>/dev/null
    openssl req -new -key server.key -subj "/CN=localhost" -out server.csr 2>/dev/null
    printf '%s\n' "subjectAltName=DNS:localhost,IP:127.0.0.1,IP:::1" \
      "basicConstraints=critical,CA:FALSE" "keyUsage=critical,digitalSignature" \
      "extendedKeyUsage=serverAuth" >server.ext
    openssl x509 -req -in server.csr -CA ca.crt -CAkey ca.key -CAcreateserial -sha256 -days 7 \
      -extfile server.ext -out server.crt 2>/dev/null
    openssl ecparam -name prime256v1 -genkey -noout -out other-ca.key 2>/dev/null
    openssl req -x509 -new -key other-ca.key -sha256 -days 7 -subj "/CN=some other CA" \
      -out other-ca.crt 2>/dev/null
    rm -f server.csr server.ext ca.srl ca.key other-ca.key
    chmod 600 server.key
    chmod 644 ca.crt other-ca.crt server.crt
  ) || die "could not make the test certificates with openssl"
}

start() {
  local bin dir port
  cd /  # the server's owner may not be able to enter the caller's folder
  bin=$(find_bin)
  command -v openssl >/dev/null 2>&1 || die "openssl is needed to make the test certificate"
  if [[ $(id -u) -eq 0 ]] && ! id postgres >/dev/null 2>&1; then
    die "running as root, but there is no postgres user to run the server as"
  fi
  dir=$(mktemp -d "${TMPDIR:-/tmp}/relaties-pg.XXXXXX")
  chmod 755 "$dir"
  mkdir -m 700 "$dir/sock"
  make_certs "$dir"
  if [[ $(id -u) -eq 0 ]]; then
    chown postgres: "$dir/sock" "$dir/server.key" "$dir/server.crt"
    # The data folder is made by initdb as the owner; the folder must be writable for it.
    install -d -o postgres -m 700 "$dir/data"
  else
    mkdir -m 700 "$dir/data"
  fi
  as_owner "$bin/initdb" -D "$dir/data" -U postgres -E UTF8 --locale=C --no-sync \
    --no-instructions --auth-local=trust --auth-host=scram-sha-256 >"$dir/initdb.log" 2>&1 \
    || { cat "$dir/initdb.log" >&2; rm -rf "$dir"; die "initdb failed"; }
  # 127.0.0.2 (any 127/8 address is loopback on Linux) is not in the certificate.
  echo "host all all 127.0.0.0/8 scram-sha-256" | as_owner tee -a "$dir/data/pg_hba.conf" >/dev/null

  local tries
  for tries in 1 2 3 4 5; do
    port=$(free_port)
    cat <<EOF | as_owner tee "$dir/data/postgresql.auto.conf" >/dev/null
port = $port
listen_addresses = '127.0.0.1,127.0.0.2'
unix_socket_directories = '$dir/sock'
fsync = off
synchronous_commit = off
full_page_writes = off
ssl = on
ssl_cert_file = '$dir/server.crt'
ssl_key_file = '$dir/server.key'
max_connections = 200
shared_buffers = 32MB
log_min_messages = warning
EOF
    if as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/data/server.log" -w -t 30 start \
      >/dev/null 2>&1; then
      break
    fi
    if [[ $tries -eq 5 ]]; then
      cat "$dir/data/server.log" >&2 || true
      rm -rf "$dir"
      die "the server did not start"
    fi
  done

  printf 'export RELATIES_TEST_PG=%q\n' "postgres://postgres@/postgres?host=$dir/sock&port=$port"
  printf 'export RELATIES_TEST_PG_TCP=%q\n' "postgres://127.0.0.1:$port"
  printf 'export RELATIES_TEST_PG_PORT=%q\n' "$port"
  printf 'export RELATIES_TEST_PG_SOCKET=%q\n' "$dir/sock"
  printf 'export RELATIES_TEST_PG_CA=%q\n' "$dir/ca.crt"
  printf 'export RELATIES_TEST_PG_OTHER_CA=%q\n' "$dir/other-ca.crt"
  printf 'export RELATIES_TEST_PG_DIR=%q\n' "$dir"
}

stop() {
  local dir=${1:-${RELATIES_TEST_PG_DIR:-}}
  [[ -n "$dir" ]] || die "stop: which server? give its folder or set RELATIES_TEST_PG_DIR"
  [[ -f "$dir/data/PG_VERSION" ]] || die "stop: $dir is not a folder made by pg-server.sh start"
  as_owner "$(find_bin)/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
  rm -rf "$dir"
}

case "${1:-}" in
  start) start ;;
  stop) stop "${2:-}" ;;
  *)
    echo "usage: $0 start | stop [FOLDER]" >&2
    exit 2
    ;;
esac
