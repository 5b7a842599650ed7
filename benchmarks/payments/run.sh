#!/usr/bin/env bash
# Authorize throughput and p50/p99 latency of the monolith's POST /api/payments and of the extracted payment
# service, in one run, against the same fake PSP with no added latency. Writes benchmarks/results/payments.json.
#
#   benchmarks/payments/run.sh                 # builds what is missing, then measures (~10 min)
#   BENCH_THREADS=16 BENCH_SECONDS=15 BENCH_WARMUP_SECONDS=90 BENCH_RATE=500 benchmarks/payments/run.sh
#
# Child JVMs get -Xmx512m -XX:+UseZGC and the full tiered JIT (none of the test fixtures' C1-only flags);
# BENCH_CHILD_JVM_FLAGS adds flags to both, e.g. a flight recording:
#   BENCH_CHILD_JVM_FLAGS=-XX:StartFlightRecording=filename=/tmp/child-%p.jfr,settings=profile,dumponexit=true
# BENCH_JVM_FLAGS passes properties to the load generator: -Dbench.service-only=true measures the service alone (no
# monolith, no JSON written); with -Dbench.compare-jar=/path/to/other/payment-service.jar as well, it runs this
# build and another in alternating rounds, closed loop then open loop, and prints both (an A/B of a change: this
# machine drifts by a fifth within minutes, so two separate runs cannot tell a 10 % change from the weather);
# -Dbench.compare-flags=... gives the other build JVM flags of its own (the same jar with one setting changed);
# -Dbench.trace-slow=true prints every open-loop request slower than 25 ms with the wall-clock time of its answer.
#
# Both applications run as child JVMs on the lab's embedded PostgreSQL (a fresh database each), started by the
# load generator itself (PaymentsBenchmark, in the service's test sources). Nothing is downloaded at run time
# except Maven artifacts. The machine is shared: the load average before and after goes into the JSON.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT="$PWD"
MVN="./mvnw -B -q -o"

if [[ ! -f legacy-monolith/target/legacy-monolith.jar ]]; then
  $MVN -f legacy-monolith/pom.xml -DskipTests package
fi
if [[ ! -f extracted/payment-service/target/payment-service.jar || ! -d extracted/payment-service/target/test-classes/dev/strangler/payments/bench ]]; then
  $MVN -f extracted/payment-service/pom.xml -DskipTests -DskipITs package
fi
mkdir -p benchmarks/payments/target
CP_FILE=benchmarks/payments/target/classpath.txt
$MVN -f extracted/payment-service/pom.xml dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile="$ROOT/$CP_FILE" >/dev/null
CP="extracted/payment-service/target/test-classes:extracted/payment-service/target/classes:$(cat "$CP_FILE")"

. scripts/find-jdk.sh   # a JDK 21+, as ./strangler picks it
find_jdk
JAVA="$JAVA_HOME/bin/java"

echo "load before: $(cat /proc/loadavg)"
"$JAVA" -Xmx512m -cp "$CP" \
  -Dstrangler.test-lab="$ROOT/benchmarks/payments/target/lab" \
  -Dbench.root="$ROOT" \
  -Dbench.threads="${BENCH_THREADS:-16}" \
  -Dbench.seconds="${BENCH_SECONDS:-15}" \
  -Dbench.rate="${BENCH_RATE:-500}" \
  -Dbench.latency-seconds="${BENCH_LATENCY_SECONDS:-10}" \
  -Dbench.latency-rounds="${BENCH_LATENCY_ROUNDS:-3}" \
  -Dbench.warmup-seconds="${BENCH_WARMUP_SECONDS:-90}" \
  -Dbench.child-jvm-flags="${BENCH_CHILD_JVM_FLAGS:-}" \
  -Dbench.seed-orders="${BENCH_SEED_ORDERS:-400000}" \
  -Dbench.notes="${BENCH_NOTES:-}" \
  ${BENCH_JVM_FLAGS:-} dev.strangler.payments.bench.PaymentsBenchmark "$ROOT/benchmarks/results/payments.json"
echo "load after: $(cat /proc/loadavg)"
