#!/usr/bin/env bash
# The CDC bridge's figures, in one run on this machine: end-to-end lag at 1,000 changes/s, capture throughput
# against a raw Debezium engine on the same database, throughput into the new database, and reconciliation of
# 1,000,000 payments; then the lag and the capture ratio again on the customers pair (extractions/customers.yaml),
# through a second bridge serving that pair alone (tables.payments and tables.customers in the JSON).
# Writes benchmarks/results/cdc.json; see benchmarks/cdc/README.md.
#
#   benchmarks/cdc/run.sh                 # builds what is missing, then measures (~11 min on 2 cores)
#   BENCH_ROWS=5000 BENCH_LAG_SECONDS=3 BENCH_LAG_WARMUP_SECONDS=1 BENCH_RECONCILE_ROWS=20000 \
#     BENCH_OUT=benchmarks/cdc/target/try.json benchmarks/cdc/run.sh          # a quick try
#
# Knobs (environment variables):
#   BENCH_ROWS=200000             legacy payments, and legacy customers; each throughput round updates all of them once
#   BENCH_TX_ROWS=1000            rows per transaction in the throughput rounds
#   BENCH_LAG_RATE=1000           changes per second in the lag runs (the JSON's *_at_1000 keys assume 1000)
#   BENCH_LAG_SECONDS=20          length of the measured lag run (one per table)
#   BENCH_LAG_WARMUP_SECONDS=5    length of the warm-up pass's lag run
#   BENCH_LAG_WRITERS=4           writer connections sharing the paced schedule
#   BENCH_LAG_TX_ROWS=1           rows per transaction in the lag run
#   BENCH_LAG_POLL_US=2000        interval of the visibility poller on the new database, in microseconds
#   BENCH_LAG_POLL_BATCH=256      the poller reads at most this many (the oldest) pending ids per query
#   BENCH_RECONCILE_ROWS=1000000  payments on each side for the reconciliation
#   BENCH_RECONCILE_CHUNK=10000   the reconciler's chunk size (the bridge's default)
#   BENCH_WARMUP=1                0 skips the warm-up pass (development only: the figures are then JIT-cold)
#   BENCH_OUT=benchmarks/results/cdc.json
#   BENCH_JVM_FLAGS=-Xmx1g        flags of the benchmark JVM (load generator, Kafka broker and bridge)
#   BENCH_NOTES=                  free text copied into the JSON
#   BENCH_JFR=                    rounds of the measured pass to record with JDK Flight Recorder (development), comma
#                                 separated: drain, capture, raw, customers-capture, customers-raw; written to
#                                 benchmarks/cdc/target/<round>.jfr
#   BENCH_BRIDGE_PROPERTIES=      extra properties of the bridge, key=value separated by blanks (tracing settings:
#                                 management.tracing.sampling.probability=0, or Zipkin export, see the README)
#
# Everything runs on this machine: the lab's embedded PostgreSQL servers, an in-process Kafka broker and the
# Apicurio registry under benchmarks/cdc/target/lab (apart from the test suite's), the packaged monolith and payment
# service as child JVMs, the bridge in the benchmark's JVM (one bridge per table pair, one after the other; logs in
# benchmarks/cdc/target/bridge.log and bridge-customers.log). Nothing is downloaded at run time except Maven artifacts
# missing from the local repository (offline build: none). The load average before and after goes into the JSON.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT="$PWD"
MVN="./mvnw -B -q -o"
OUT="${BENCH_OUT:-benchmarks/results/cdc.json}"
[[ "$OUT" = /* ]] || OUT="$ROOT/$OUT"

if [[ ! -f legacy-monolith/target/legacy-monolith.jar ]]; then
  $MVN -f legacy-monolith/pom.xml -DskipTests package
fi
if [[ ! -f extracted/payment-service/target/payment-service.jar ]]; then
  $MVN -f extracted/payment-service/pom.xml -DskipTests -DskipITs package
fi
# incremental: compiles the bridge and its test sources (the benchmark) only when they changed
$MVN -pl cdc-bridge test-compile
mkdir -p benchmarks/cdc/target
CP_FILE="$ROOT/benchmarks/cdc/target/classpath.txt"
$MVN -f cdc-bridge/pom.xml dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile="$CP_FILE" >/dev/null
# run from a copy of the compiled classes: a build of cdc-bridge in parallel must not change them mid-run
SNAPSHOT="$ROOT/benchmarks/cdc/target/classes-snapshot"
rm -rf "$SNAPSHOT"
mkdir -p "$SNAPSHOT"
cp -r cdc-bridge/target/classes "$SNAPSHOT/main"
cp -r cdc-bridge/target/test-classes "$SNAPSHOT/test"
CP="$SNAPSHOT/test:$SNAPSHOT/main:$(cat "$CP_FILE")"

. scripts/find-jdk.sh   # a JDK 21+, as ./strangler picks it
find_jdk
JAVA="$JAVA_HOME/bin/java"

echo "load before: $(cat /proc/loadavg)"
# the fixtures resolve the sibling modules (jars, migrations) from the module directory
cd cdc-bridge
"$JAVA" ${BENCH_JVM_FLAGS:--Xmx1g} -cp "$CP" \
  -Dstrangler.test-lab="$ROOT/benchmarks/cdc/target/lab" \
  -Dbench.root="$ROOT" \
  -Dbench.commit="$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || true)" \
  -Dbench.rows="${BENCH_ROWS:-200000}" \
  -Dbench.tx-rows="${BENCH_TX_ROWS:-1000}" \
  -Dbench.lag-rate="${BENCH_LAG_RATE:-1000}" \
  -Dbench.lag-seconds="${BENCH_LAG_SECONDS:-20}" \
  -Dbench.lag-warmup-seconds="${BENCH_LAG_WARMUP_SECONDS:-5}" \
  -Dbench.lag-writers="${BENCH_LAG_WRITERS:-4}" \
  -Dbench.lag-tx-rows="${BENCH_LAG_TX_ROWS:-1}" \
  -Dbench.lag-poll-us="${BENCH_LAG_POLL_US:-2000}" \
  -Dbench.lag-poll-batch="${BENCH_LAG_POLL_BATCH:-256}" \
  -Dbench.reconcile-rows="${BENCH_RECONCILE_ROWS:-1000000}" \
  -Dbench.reconcile-chunk="${BENCH_RECONCILE_CHUNK:-10000}" \
  -Dbench.warmup="${BENCH_WARMUP:-1}" \
  -Dbench.notes="${BENCH_NOTES:-}" \
  -Dbench.bridge-properties="${BENCH_BRIDGE_PROPERTIES:-}" \
  -Dbench.jfr="${BENCH_JFR:-}" \
  dev.strangler.cdc.CdcBenchmark "$OUT"
echo "load after: $(cat /proc/loadavg)"
