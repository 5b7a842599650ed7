#!/usr/bin/env bash
# Measures how fast and how big the lab is: cold `up` (no lab data yet, after a build), warm `up` (data kept from
# an earlier run), and the resident memory of all lab processes once healthy.
# Writes benchmarks/results/lab-startup.json. Runs its own lab (own directory, ports shifted), so a running lab
# of yours is not touched.   Usage: benchmarks/lab-startup/run.sh [warm-runs, default 3]
set -euo pipefail
cd "$(dirname "$0")/../.."
WARM_RUNS=${1:-3}
export STRANGLER_LAB_DIR="$PWD/target/bench-lab"
# below the ephemeral port range (32768+), where an outgoing connection can hold a port between the check and the bind
export STRANGLER_PORT_OFFSET=${STRANGLER_PORT_OFFSET:-7000}
RESULT=benchmarks/results/lab-startup.json

./strangler --version >/dev/null            # builds the toolkit if needed, so the timings below exclude the build
./strangler down >/dev/null 2>&1 || true
rm -rf "$STRANGLER_LAB_DIR"

seconds() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b - a }'; }

t0=$(seconds); ./strangler up >/dev/null; t1=$(seconds)
cold=$(elapsed "$t0" "$t1")
echo "cold up: ${cold} s"

warm_all=()
for i in $(seq 1 "$WARM_RUNS"); do
    ./strangler down >/dev/null
    t0=$(seconds); ./strangler up >/dev/null; t1=$(seconds)
    warm_all+=("$(elapsed "$t0" "$t1")")
    echo "warm up #$i: ${warm_all[-1]} s"
done
warm=$(printf '%s\n' "${warm_all[@]}" | sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }')

status=$(./strangler status)
echo "$status"
pss=$(echo "$status" | awk '$1 == "total" { print $2 }')
rss=$(echo "$status" | awk '$1 == "total" { print $4 }')
components=$(echo "$status" | awk 'NR > 1 && $2 ~ /^(healthy|unhealthy|stopped)$/ { printf "%s\"%s\": %s", sep, $1, ($6 == "-" ? "null" : $6); sep = ", " }')

# CPU of the idle lab: what a lab left running on a laptop costs. After IDLE_SETTLE seconds (seeding and the
# bridge's backfill are over), utime + stime of every component over IDLE_SECONDS, in % of one core; the two
# PostgreSQL servers count with all their backends.
IDLE_SETTLE=${IDLE_SETTLE:-30}; IDLE_SECONDS=${IDLE_SECONDS:-30}
sleep "$IDLE_SETTLE"
idle_ticks() {
    for f in "$STRANGLER_LAB_DIR"/run/*.pid; do
        echo "$(basename "$f" .pid) $(awk '{ print $14 + $15 }' /proc/"$(cat "$f")"/stat 2>/dev/null || echo 0)"
    done
    for db in legacy-db payments-db; do  # the postmaster (first line of postmaster.pid) and its children
        postmaster=$(head -1 "$STRANGLER_LAB_DIR/data/$db/postmaster.pid")
        echo "$db $(for p in "$postmaster" $(pgrep -P "$postmaster"); do awk '{ print $14 + $15 }' /proc/"$p"/stat 2>/dev/null; done | awk '{ n += $1 } END { print n + 0 }')"
    done
}
idle_ticks | sort > "$STRANGLER_LAB_DIR/idle-before"; sleep "$IDLE_SECONDS"; idle_ticks | sort > "$STRANGLER_LAB_DIR/idle-after"
idle=$(join "$STRANGLER_LAB_DIR/idle-before" "$STRANGLER_LAB_DIR/idle-after" | awk -v hz="$(getconf CLK_TCK)" -v s="$IDLE_SECONDS" \
    '{ pct = 100 * ($3 - $2) / hz / s; total += pct; printf "%s\"%s\": %.1f", sep, $1, pct; sep = ", " } END { printf "|%.1f", total }')
idle_total=${idle##*|}; idle=${idle%|*}
echo "idle CPU (% of a core): $idle_total in total; $idle"
./strangler down >/dev/null

cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//; s/"//g')
mem=$(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo)
. scripts/find-jdk.sh && find_jdk
java=$("$JAVA_HOME/bin/java" -version 2>&1 | head -1 | sed 's/"//g')
cat > "$RESULT" <<JSON
{
  "benchmark": "lab-startup",
  "date": "$(date -u +%Y-%m-%dT%H:%M:%SZ)",
  "cold_up_seconds": $cold,
  "warm_up_seconds": $warm,
  "warm_up_runs_seconds": [$(IFS=,; echo "${warm_all[*]}")],
  "time_to_all_healthy_seconds": $warm,
  "total_rss_mb": $pss,
  "total_rss_sum_mb": $rss,
  "memory_mb_by_component": {$components},
  "idle_cpu_pct_of_a_core": $idle_total,
  "idle_cpu_pct_of_a_core_by_component": {$idle},
  "targets": {"warm_up_seconds": 40, "total_rss_mb": 2560},
  "notes": "Wall time of ./strangler up until every component is healthy (up returns only then), excluding the build. Cold = no lab data yet; warm = data kept from the previous run. total_rss_mb is the resident memory of all lab processes once healthy, counting pages shared between processes once (PSS: PostgreSQL's backends share its buffers); total_rss_sum_mb adds up every process's plain RSS, shared pages counted each time. idle_cpu_pct_of_a_core: CPU time of every lab process (PostgreSQL with its backends) over ${IDLE_SECONDS} s with no requests, ${IDLE_SETTLE} s after the last up, in % of one core.",
  "machine": "$(nproc) cores, $cpu, $mem RAM, $(uname -sr), ${java:-unknown java}"
}
JSON
echo "wrote $RESULT"
cat "$RESULT"
