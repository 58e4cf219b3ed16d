#!/usr/bin/env bash
# Issue #19: `openvtn bench poll|fanout` against 1, 2 or 3 `openvtn serve` nodes on one PostgreSQL, on this machine.
#
#   bench/multinode.sh --nodes 2 [--port-base 41600] [--work DIR] [--jar dist/target/openvtn.jar] [--heap 1g] \
#       [--pool 16] [--session-cache 10000] [--max-connections 10000] [--max-handshakes N] [--reuse-db DIR] \
#       -- poll --vens 1000 --interval PT10S --duration PT60S --warmup PT10S
#
# --reuse-db DIR: the PostgreSQL cluster lives in DIR and is kept at the end; a later run with the same DIR (and the
# same --work, whose PKI issued the VEN identities) starts it again instead of creating a fresh one, so a fleet
# registered once (e.g. 100,000 VENs with `poll --preregister --keep`) serves the 1, 2 and 3-node runs (issue #19;
# give the bench --keep so it does not cancel the registrations at its end). DIR must be outside WORK (mode 700;
# the postgres user owns DIR when run as root). Delete DIR to start afresh.
#
# What it does, then undoes:
#  1. a PKI in WORK/pki (`openvtn pki init`, kept between runs so the bench's cached VEN identities under
#     WORK/pki/bench are reused) and one admin token WORK/admin-token shared by the nodes;
#  2. a fresh PostgreSQL cluster from the OS binaries (initdb + pg_ctl, as the tests' PostgresServer does: trust
#     authentication on 127.0.0.1 only, fsync off; run as the postgres user when started as root) on the first free
#     port of PORT_BASE+90..99;
#  3. NODES `openvtn serve` processes with generated YAML (WORK/node-N/serve.yaml: the same PKI and database,
#     enrolment open, oadr.tlsSession.cacheSize SESSIONS, oadr.limits.maxConnections MAXCONN, OpenADR on PORT_BASE+10N+1, admin on PORT_BASE+10N+2, loopback only), waits for /health/ready;
#  4. `openvtn bench ARGS --vtn URL1,URL2,.. --pki WORK/pki --admin ADMIN1 --server-pid PID1,PID2,..`: VEN i talks to
#     node i mod NODES (round robin, no stickiness); server CPU per request is the CPU of all nodes together;
#  5. stops the nodes (SIGTERM, then SIGKILL after 30 s) and PostgreSQL, and deletes the cluster unless --reuse-db
#     (trap on exit).
# --max-handshakes N writes oadr.limits.maxHandshakes (TLS handshakes in progress at once, default 256; issue #18
# overload bound); a set-up run whose generators register with many full handshakes at once may want it higher.
# OPENVTN_NODE_JAVA_OPTS (environment): extra JVM options of every node, e.g. a JFR recording.
# Ports PORT_BASE+11.. lie in the ephemeral range on Linux: on a busy machine a node may fail to bind ("Failed to
# bind"); rerun or choose another --port-base. Figures: BENCHMARKS.md section 10.
set -euo pipefail

NODES=1
PORT_BASE=41600
WORK=""
JAR=dist/target/openvtn.jar
HEAP=1g
POOL=16
SESSIONS=10000
MAXCONN=10000
MAXHS=""
REUSE_DB=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    --nodes) NODES=$2; shift 2 ;;
    --port-base) PORT_BASE=$2; shift 2 ;;
    --work) WORK=$2; shift 2 ;;
    --jar) JAR=$2; shift 2 ;;
    --heap) HEAP=$2; shift 2 ;;
    --pool) POOL=$2; shift 2 ;;
    --session-cache) SESSIONS=$2; shift 2 ;;
    --max-connections) MAXCONN=$2; shift 2 ;;
    --max-handshakes) MAXHS=$2; shift 2 ;;
    --reuse-db) REUSE_DB=$2; shift 2 ;;
    --) shift; break ;;
    *) echo "multinode.sh: unknown option $1 (see the header of $0)" >&2; exit 2 ;;
  esac
done
[[ $NODES =~ ^[1-9]$ ]] || { echo "multinode.sh: --nodes must be 1..9" >&2; exit 2; }
[[ $# -ge 1 && ( $1 == poll || $1 == fanout ) ]] || { echo "multinode.sh: give -- poll|fanout OPTIONS" >&2; exit 2; }
[[ -f $JAR ]] || { echo "multinode.sh: $JAR missing: mvn -B -q package -pl dist -am -DskipTests" >&2; exit 2; }
JAR=$(realpath "$JAR")
WORK=${WORK:-/tmp/openvtn-multinode}
mkdir -p "$WORK" && chmod 700 "$WORK" && WORK=$(realpath "$WORK")

PG_BIN=""
for d in "$(dirname "$(command -v pg_ctl 2>/dev/null || echo /nonexistent/pg_ctl)")" /usr/lib/postgresql/*/bin; do
  [[ -x $d/initdb && -x $d/pg_ctl ]] && { PG_BIN=$d; break; }
done
[[ -n $PG_BIN ]] || { echo "multinode.sh: no PostgreSQL binaries (initdb, pg_ctl)" >&2; exit 2; }
as_pg() { if [[ $(id -u) == 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi; }

PIDS=()
if [[ -n $REUSE_DB ]]; then
  mkdir -p "$REUSE_DB"; PG_DIR=$(realpath "$REUSE_DB")
  [[ $PG_DIR == "$WORK"/* ]] && { echo "multinode.sh: --reuse-db must be outside --work" >&2; exit 2; }
else
  PG_DIR=$(mktemp -d /tmp/openvtn-multinode-pg.XXXXXX)   # outside WORK (mode 700): the postgres user owns it
fi
cleanup() {
  for p in "${PIDS[@]}"; do kill -TERM "$p" 2>/dev/null || true; done
  for p in "${PIDS[@]}"; do
    for _ in $(seq 60); do kill -0 "$p" 2>/dev/null || break; sleep 0.5; done
    kill -KILL "$p" 2>/dev/null || true
  done
  for n in $(seq 1 "${#PIDS[@]}"); do   # the overload bound's count (issue #18), logged by each node at stop
    grep -h "before their TLS handshake since start" "$WORK/node-$n/serve.log" 2>/dev/null | sed "s/^/multinode: node $n: /" || true
  done
  if [[ -d $PG_DIR/data ]]; then as_pg "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m fast -w stop >/dev/null 2>&1 || true; fi
  [[ -n $REUSE_DB ]] || rm -rf "$PG_DIR"
}
trap cleanup EXIT

java_() { java -Xmx"$HEAP" -jar "$JAR" "$@"; }

if [[ ! -f $WORK/pki/ca.crt ]]; then
  java_ pki init --dir "$WORK/pki" --ven 1 --ven-rsa 1 --devices 1 >/dev/null
fi
[[ -f $WORK/admin-token ]] || (umask 077; head -c 32 /dev/urandom | base64 > "$WORK/admin-token")

[[ $(id -u) == 0 ]] && chown postgres:postgres "$PG_DIR"
FRESH_DB=1
if [[ -n $REUSE_DB && -f $PG_DIR/data/PG_VERSION ]]; then
  FRESH_DB=0
else
  as_pg "$PG_BIN/initdb" -D "$PG_DIR/data" -U openvtn --auth=trust -E UTF8 --no-sync --locale=C >/dev/null
fi
PG_PORT=""
for port in $(seq $((PORT_BASE + 90)) $((PORT_BASE + 99))); do
  if as_pg "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/pg-$port.log" -w -t 60 -o "-p $port -k $PG_DIR \
      -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off \
      -c max_connections=$((NODES * POOL + 20))" start >/dev/null; then
    PG_PORT=$port; break
  fi
done
[[ -n $PG_PORT ]] || { echo "multinode.sh: PostgreSQL did not start on $((PORT_BASE + 90))..$((PORT_BASE + 99))" >&2; exit 1; }
if [[ $FRESH_DB == 1 ]]; then
  as_pg psql -h 127.0.0.1 -p "$PG_PORT" -U openvtn -d postgres -qc "CREATE DATABASE openvtn" >/dev/null
  state="fresh"
else
  state="reused from $PG_DIR: $(as_pg psql -h 127.0.0.1 -p "$PG_PORT" -U openvtn -d openvtn -tAc \
    "SELECT count(*) FROM registrations" 2>/dev/null || echo '?') registrations"
fi
echo "multinode: PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$PG_PORT ($state)"

URLS=()
for n in $(seq 1 "$NODES"); do
  dir="$WORK/node-$n"; mkdir -p "$dir"
  oadr=$((PORT_BASE + 10 * n + 1)); admin=$((PORT_BASE + 10 * n + 2))
  cat > "$dir/serve.yaml" <<EOF
# generated by bench/multinode.sh: node $n of $NODES on one PostgreSQL
dataDir: $dir
vtnId: BENCH-VTN
database:
  url: jdbc:postgresql://127.0.0.1:$PG_PORT/openvtn
  user: openvtn
  maxPoolSize: $POOL
oadr:
  host: 127.0.0.1
  port: $oadr
  keyStore: $WORK/pki/vtn/vtn.p12
  keyStorePassword: changeit
  trustAnchors: $WORK/pki/ca.crt
  enrolment: open
  tlsSession:
    cacheSize: $SESSIONS
  limits:
    maxConnections: $MAXCONN
${MAXHS:+    maxHandshakes: $MAXHS
}admin:
  host: 127.0.0.1
  port: $admin
  tokenFile: $WORK/admin-token
EOF
  # shellcheck disable=SC2086
  java -Xmx"$HEAP" ${OPENVTN_NODE_JAVA_OPTS:-} -jar "$JAR" serve --config "$dir/serve.yaml" > "$dir/serve.log" 2>&1 &
  PIDS+=($!)
  URLS+=("https://127.0.0.1:$oadr/OpenADR2/Simple/2.0b")
done
for n in $(seq 1 "$NODES"); do
  admin=$((PORT_BASE + 10 * n + 2))
  for i in $(seq 240); do
    curl -fsS "http://127.0.0.1:$admin/health/ready" >/dev/null 2>&1 && break
    kill -0 "${PIDS[$((n - 1))]}" 2>/dev/null || { echo "node $n died:"; tail -20 "$WORK/node-$n/serve.log"; exit 1; }
    [[ $i == 240 ]] && { echo "node $n not ready after 120 s"; tail -20 "$WORK/node-$n/serve.log"; exit 1; }
    sleep 0.5
  done
done
echo "multinode: $NODES node(s) ready (pids ${PIDS[*]}), load average $(cut -d' ' -f1-3 /proc/loadavg)"

IFS=, ; VTN="${URLS[*]}"; SERVER_PIDS="${PIDS[*]}"; unset IFS
set +e
java -jar "$JAR" bench "$@" --vtn "$VTN" --pki "$WORK/pki" --admin "http://127.0.0.1:$((PORT_BASE + 12))/api/v1" \
  --admin-token "$WORK/admin-token" --server-pid "$SERVER_PIDS"
rc=$?
echo "multinode: bench exit $rc, load average $(cut -d' ' -f1-3 /proc/loadavg)"
exit $rc
