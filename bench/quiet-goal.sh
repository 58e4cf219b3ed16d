#!/usr/bin/env bash
# Issue #18's goal figures on one machine, in one go (BENCHMARKS.md §9, "Quiet machine"): a fresh `openvtn dev`,
# `bench poll` (20 VENs, 1,000 polls/s) and `bench sep --paths derc` twice each, then nginx serving the same answer
# bytes over the same mutual TLS (bench/nginx/nginx-baseline.sh; `apt-get install -y nginx`), then SignCost and
# IdleAnswerCost. Run it on a machine with nothing else running; results in WORK/*.txt.
#   bench/quiet-goal.sh [WORK]        (default /tmp/openvtn-quiet; needs dist/target/openvtn.jar and
#                                      bench/target/benchmarks.jar: mvn -B -q package -DskipTests -pl dist,bench -am)
# DEV_JAVA_OPTS adds JVM options to the dev server (e.g. -Dopenvtn.nativeCrypto=off for the JDK-only comparison).
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
for run in 1 2; do
  uptime > "$W/poll$run.txt"
  $J bench poll --vtn $V --pki $P $ADM --vens 20 --interval PT0.02S --warmup PT15S --duration PT30S \
      --save-answer "$W/poll-answer.xml" >> "$W/poll$run.txt" 2>&1
done
for run in 1 2; do
  uptime > "$W/sep$run.txt"
  $J bench sep --sep $S --pki $P $ADM --clients 20 --paths derc --warmup PT15S --duration PT30S \
      --save-answer "$W/derc-answer.xml" >> "$W/sep$run.txt" 2>&1
done
kill $DEV; wait $DEV 2>/dev/null || true
bench/nginx/nginx-baseline.sh $P "$W/poll-answer.xml" "$W/derc-answer.xml" "$W/nginx" 38443 38444 > "$W/nginx.log" 2>&1 &
for _ in $(seq 1 30); do [ -s "$W/nginx/nginx.pid" ] && break; sleep 1; done
N=$(cat "$W/nginx/nginx.pid")
uptime > "$W/ngx-poll.txt"
$J bench poll --vtn https://127.0.0.1:38443/OpenADR2/Simple/2.0b --pki $P --static-server --server-pid $N --vens 20 \
    --interval PT0.02S --warmup PT15S --duration PT30S >> "$W/ngx-poll.txt" 2>&1
uptime > "$W/ngx-sep.txt"
$J bench sep --sep https://127.0.0.1:38444 --pki $P --static-server --server-pid $N --clients 20 \
    --paths '/edev/1/derp/1/derc?s=0&l=24' --warmup PT15S --duration PT30S >> "$W/ngx-sep.txt" 2>&1
kill "$N" 2>/dev/null || true
java -cp bench/target/benchmarks.jar org.openvtn.bench.SignCost 1500 1500 > "$W/signcost.txt" 2>&1
java -cp bench/target/benchmarks.jar org.openvtn.oadr20b.http.IdleAnswerCost 3000 3000 > "$W/idle.txt" 2>&1
grep -h "server CPU per request" "$W"/poll?.txt "$W"/sep?.txt "$W"/ngx-*.txt
