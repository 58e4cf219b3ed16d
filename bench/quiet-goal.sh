#!/usr/bin/env bash
# Issue #18's goal figures on one machine, in one go (BENCHMARKS.md §9, "Quiet machine"): a fresh `openvtn dev`,
# `bench poll` (20 VENs, 1,000 polls/s) and `bench sep --paths derc` several times each, then nginx serving the same
# answer bytes over the same mutual TLS (bench/nginx/nginx-baseline.sh; `apt-get install -y nginx`) several times, then
# SignCost and IdleAnswerCost. Run it on a machine with nothing else running; results in WORK/*.txt.
#   bench/quiet-goal.sh [WORK]        (default /tmp/openvtn-quiet; needs dist/target/openvtn.jar and
#                                      bench/target/benchmarks.jar: mvn -B -q package -DskipTests -pl dist,bench -am)
# DEV_JAVA_OPTS adds JVM options to the dev server (e.g. -Dopenvtn.nativeCrypto=off for the JDK-only comparison).
# POLL_RUNS (default 4) and SEP_RUNS (3) runs of OpenVTN, NGINX_RUNS (3) of nginx. The first OpenVTN run of each kind
# warms the JIT up and is printed but not counted: the figure is the median of the others (steady state; session 10's
# single warm run moved by +-15 % from run to run). nginx has no JIT: the median of all its runs.
set -euo pipefail
cd "$(dirname "$0")/.."
W=${1:-/tmp/openvtn-quiet}
rm -rf "$W"; mkdir -p "$W"
J="java -jar dist/target/openvtn.jar"
java -Xmx1g ${DEV_JAVA_OPTS:-} -jar dist/target/openvtn.jar dev --data "$W/d" --oadr-port 28443 --admin-port 28081 \
    --sep-port 28444 --oadr3-port -1 > "$W/dev.log" 2>&1 &
DEV=$!
trap 'kill $DEV 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do curl -s -o /dev/null http://127.0.0.1:28081/ && break; sleep 1; done
sleep 5
V=https://127.0.0.1:28443/OpenADR2/Simple/2.0b; A=http://127.0.0.1:28081/api/v1; S=https://127.0.0.1:28444; P=$W/d/pki
ADM="--admin $A --admin-token $W/d/admin-token --server-pid $DEV"
POLL_RUNS=${POLL_RUNS:-4}; SEP_RUNS=${SEP_RUNS:-3}; NGINX_RUNS=${NGINX_RUNS:-3}
for run in $(seq 1 "$POLL_RUNS"); do
  uptime > "$W/poll$run.txt"
  $J bench poll --vtn $V --pki $P $ADM --vens 20 --interval PT0.02S --warmup PT15S --duration PT30S \
      --save-answer "$W/poll-answer.xml" >> "$W/poll$run.txt" 2>&1
done
for run in $(seq 1 "$SEP_RUNS"); do
  uptime > "$W/sep$run.txt"
  $J bench sep --sep $S --pki $P $ADM --clients 20 --paths derc --warmup PT15S --duration PT30S \
      --save-answer "$W/derc-answer.xml" >> "$W/sep$run.txt" 2>&1
done
kill $DEV; wait $DEV 2>/dev/null || true
bench/nginx/nginx-baseline.sh $P "$W/poll-answer.xml" "$W/derc-answer.xml" "$W/nginx" 38443 38444 > "$W/nginx.log" 2>&1 &
for _ in $(seq 1 30); do [ -s "$W/nginx/nginx.pid" ] && break; sleep 1; done
N=$(cat "$W/nginx/nginx.pid")
for run in $(seq 1 "$NGINX_RUNS"); do
  uptime > "$W/ngx-poll$run.txt"
  $J bench poll --vtn https://127.0.0.1:38443/OpenADR2/Simple/2.0b --pki $P --static-server --server-pid $N --vens 20 \
      --interval PT0.02S --warmup PT15S --duration PT30S >> "$W/ngx-poll$run.txt" 2>&1
done
for run in $(seq 1 "$NGINX_RUNS"); do
  uptime > "$W/ngx-sep$run.txt"
  $J bench sep --sep https://127.0.0.1:38444 --pki $P --static-server --server-pid $N --clients 20 \
      --paths '/edev/1/derp/1/derc?s=0&l=24' --warmup PT15S --duration PT30S >> "$W/ngx-sep$run.txt" 2>&1
done
kill "$N" 2>/dev/null || true
java -cp bench/target/benchmarks.jar org.openvtn.bench.SignCost 1500 1500 > "$W/signcost.txt" 2>&1
java -cp bench/target/benchmarks.jar org.openvtn.oadr20b.http.IdleAnswerCost 3000 3000 > "$W/idle.txt" 2>&1
# per run: the CPU figure; then the median of the counted runs and the ratio to nginx's median
cpu() { sed -n 's/^server CPU per request: \([0-9.]*\) ms.*/\1/p' "$1"; }
median() { sort -g | awk '{v[NR]=$1} END {if (NR == 0) print "nan"; else if (NR % 2) print v[(NR+1)/2]; else printf "%.4f\n", (v[NR/2]+v[NR/2+1])/2}'; }
summary() { # NAME PREFIX RUNS SKIP
  local all="" counted=""
  for run in $(seq 1 "$3"); do
    v=$(cpu "$W/$2$run.txt"); all="$all ${v:-?}"
    [ "$run" -gt "$4" ] && counted="$counted ${v:-}"
  done
  echo "$1 server CPU per request (ms), runs:$all; median of runs $(( $4 + 1 ))..$3: $(echo $counted | tr ' ' '\n' | median)"
}
{
  summary "OpenVTN idle oadrPoll" poll "$POLL_RUNS" 1
  summary "nginx   idle oadrPoll" ngx-poll "$NGINX_RUNS" 0
  summary "OpenVTN GET derc     " sep "$SEP_RUNS" 1
  summary "nginx   GET derc     " ngx-sep "$NGINX_RUNS" 0
} | tee "$W/summary.txt"
awk -F': ' '/median/ {split($NF, m, " "); v[NR]=m[1]} END {
  if (v[2] > 0) printf "ratio to nginx: idle oadrPoll %.2fx", v[1]/v[2];
  if (v[4] > 0) printf ", GET derc %.2fx", v[3]/v[4]; print "" }' "$W/summary.txt" | tee -a "$W/summary.txt"
