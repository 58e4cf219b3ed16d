#!/usr/bin/env bash
# Per-thread CPU and context switches of a running JVM over a window (BENCHMARKS.md §9, slice D's and K's method):
# reads /proc/PID/task/*/stat (utime, stime) and status (voluntary and involuntary context switches) at the start and
# the end of the window and prints the deltas summed by thread group (name up to the first '-' or digit), plus the
# total. Divide by the requests answered in the window (REQUESTS, e.g. 1000 polls/s x SECONDS) for per-request figures.
#   bench/thread-cpu.sh PID SECONDS [REQUESTS]
set -euo pipefail
PID=$1; SECS=$2; REQ=${3:-0}
snap() {
  for t in /proc/"$PID"/task/*; do
    [ -r "$t/stat" ] || continue
    name=$(cat "$t/comm" 2>/dev/null) || continue
    # fields after the ')' of comm: state is $1, utime is $12, stime is $13
    read -r ut st < <(sed 's/.*) //' "$t/stat" | awk '{print $12, $13}') || continue
    vol=$(awk '/^voluntary_ctxt_switches/{print $2}' "$t/status" 2>/dev/null || echo 0)
    inv=$(awk '/^nonvoluntary_ctxt_switches/{print $2}' "$t/status" 2>/dev/null || echo 0)
    echo "${t##*/} $ut $st $vol $inv $name"
  done
}
A=$(mktemp); B=$(mktemp)
snap > "$A"; sleep "$SECS"; snap > "$B"
HZ=$(getconf CLK_TCK)
awk -v hz="$HZ" -v req="$REQ" '
  NR==FNR { u[$1]=$2; s[$1]=$3; v[$1]=$4; i[$1]=$5; next }
  { id=$1; n=$6; for (k=7;k<=NF;k++) n=n" "$k; g=n; sub(/[-0-9 ].*$/, "", g); if (g=="") g=n;
    du=$2-(id in u?u[id]:0); ds=$3-(id in s?s[id]:0); dc=($4-(id in v?v[id]:0))+($5-(id in i?i[id]:0));
    if (du==0 && ds==0 && dc==0) next;
    U[g]+=du; S[g]+=ds; C[g]+=dc; T[g]++; TU+=du; TS+=ds; TC+=dc }
  END {
    f = req > 0 ? 1e6/hz/req : 1e3/hz; unit = req > 0 ? "us/request" : "ms";
    cf = req > 0 ? 1/req : 1;
    printf "%-22s %7s %12s %12s %14s\n", "thread group", "threads", "user " unit, "kernel " unit, "ctx switches" (req>0?"/req":"");
    for (g in U) printf "%-22s %7d %12.1f %12.1f %14.3f\n", g, T[g], U[g]*f, S[g]*f, C[g]*cf;
    printf "%-22s %7s %12.1f %12.1f %14.3f\n", "total", "", TU*f, TS*f, TC*cf }' "$A" "$B"
rm -f "$A" "$B"
