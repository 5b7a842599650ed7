#!/usr/bin/env bash
# Proxy throughput and added latency vs nginx, in one run on one machine (issue #5).
# Needs nginx and wrk (Debian: apt-get update && apt-get install -y nginx wrk) and the proxy jar
# (./mvnw -B -f strangler-proxy/pom.xml -DskipTests package). Writes benchmarks/results/proxy.{json,md}.
# Tracing (issue #9), 100 % sampling, PROTO3 as the lab sends it: a third proxy in LEGACY builds, encodes and posts a
# span per request to a collector endpoint that discards them (an nginx location answering 202), so tracing_cost_pct
# is the proxy's own cost; a fourth posts to a real Zipkin server (io.zipkin:zipkin-server:3.6.1:exec from Maven
# Central, fetched into ~/.m2 when missing) on the same two cores, so its figure adds Zipkin's ingestion. The LEGACY
# proxy above has export off, the default. All in the same rounds.
set -euo pipefail
cd "$(dirname "$0")/../.."
for tool in nginx wrk; do
  command -v "$tool" >/dev/null || { echo "missing $tool: apt-get update && apt-get install -y nginx wrk" >&2; exit 1; }
done
JAR=${JAR:-strangler-proxy/target/strangler-proxy.jar}  # JAR=... to measure a copy while the module rebuilds
[ -f "$JAR" ] || { echo "missing $JAR: ./mvnw -B -f strangler-proxy/pom.xml -DskipTests package" >&2; exit 1; }
JAR=$(realpath "$JAR")
if [ -z "${JAVA:-}" ]; then  # a JDK 21+, as ./strangler picks it (the default java may be older)
  . scripts/find-jdk.sh
  find_jdk
  JAVA="$JAVA_HOME/bin/java"
fi
# Warm-up first: WARM seconds at 50 connections (WARM_JVM for the JVM proxies: their JIT) and 2 s at 1. Then ROUNDS
# rounds that visit every setup in turn, C50_DUR seconds at 50 connections and C1_DUR at 1, so that a change of the
# shared machine's load hits all setups alike; the figures are medians over the rounds.
WARM=${WARM:-5}; WARM_JVM=${WARM_JVM:-20}; ROUNDS=${ROUNDS:-5}; C50_DUR=${C50_DUR:-4}; C1_DUR=${C1_DUR:-3}
# the proxies' heap, as the lab gives the proxy (LabComponents): a fixed size, so RSS does not depend on GC timing
PROXY_HEAP=${PROXY_HEAP:--Xms192m -Xmx192m}
export WARM WARM_JVM ROUNDS C50_DUR C1_DUR PROXY_HEAP
BACKEND=19100; NGINX_PROXY=19101; PROXY=19102; ADMIN=19103; BARE=19104; NGINX_OWN=19105; CANARY=19106; CANARY_ADMIN=19107
TRACING=19108; TRACING_ADMIN=19109; ZIPKIN=19411; SINK=19110; TRACING_ZIPKIN=19111; TRACING_ZIPKIN_ADMIN=19112
ZIPKIN_VERSION=3.6.1; export ZIPKIN_VERSION
ZIPKIN_JAR=${ZIPKIN_JAR:-}
if [ -z "$ZIPKIN_JAR" ]; then  # the lab's cache, else the local Maven repository, else Maven Central through it
  for candidate in "$HOME/.m2/lab-infra-cache/zipkin-server-$ZIPKIN_VERSION-exec.jar" \
                   "$HOME/.m2/lab-infra-cache/zipkin/zipkin-server-$ZIPKIN_VERSION-exec.jar" \
                   "$HOME/.m2/repository/io/zipkin/zipkin-server/$ZIPKIN_VERSION/zipkin-server-$ZIPKIN_VERSION-exec.jar"; do
    [ -f "$candidate" ] && ZIPKIN_JAR=$candidate && break
  done
fi
if [ -z "$ZIPKIN_JAR" ]; then
  ./mvnw -q dependency:copy -Dartifact=io.zipkin:zipkin-server:$ZIPKIN_VERSION:jar:exec -Dmdep.overWriteIfNewer=false \
    -DoutputDirectory="$HOME/.m2/lab-infra-cache/zipkin"
  ZIPKIN_JAR="$HOME/.m2/lab-infra-cache/zipkin/zipkin-server-$ZIPKIN_VERSION-exec.jar"
fi
WORK=$(mktemp -d); trap 'kill $(cat "$WORK"/*.pid "$WORK"/own/*.pid 2>/dev/null) 2>/dev/null || true; rm -rf "$WORK"' EXIT
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)

mkdir -p "$WORK/www" "$WORK/logs"; echo '{"id":1,"status":"CAPTURED","amount":12.5}' > "$WORK/www/index.json"
cat > "$WORK/nginx.conf" <<CONF
worker_processes 1; pid $WORK/nginx.pid; error_log $WORK/logs/error.log;
events { worker_connections 4096; }
http {
  access_log off; keepalive_requests 1000000;
  upstream backend { server 127.0.0.1:$BACKEND; keepalive 128; }
  server { listen 127.0.0.1:$BACKEND; location / { root $WORK/www; try_files /index.json =404; default_type application/json; } }
  server { listen 127.0.0.1:$SINK; client_max_body_size 10m; location / { return 202; } }
  server { listen 127.0.0.1:$NGINX_PROXY; location / { proxy_pass http://backend; proxy_http_version 1.1; proxy_set_header Connection ""; } }
}
CONF
nginx -c "$WORK/nginx.conf" -p "$WORK"
# the reference proxy above shares its one worker with the backend, so at one connection it needs no wake-up of
# another process; every separate proxy (ours too) needs two more. This one shows that cost: nginx as its own process.
mkdir -p "$WORK/own/logs"
cat > "$WORK/own/nginx.conf" <<CONF
worker_processes 1; pid $WORK/own/nginx.pid; error_log $WORK/own/logs/error.log;
events { worker_connections 4096; }
http {
  access_log off; keepalive_requests 1000000;
  upstream backend { server 127.0.0.1:$BACKEND; keepalive 128; }
  server { listen 127.0.0.1:$NGINX_OWN; location / { proxy_pass http://backend; proxy_http_version 1.1; proxy_set_header Connection ""; } }
}
CONF
nginx -c "$WORK/own/nginx.conf" -p "$WORK/own"

echo "test-benchmark-token-0123456789" > "$WORK/token"
# two proxies, one kept in LEGACY and one in CANARY 50: no stage switch between measurements (a switch makes the
# JIT recompile the path that was measured a moment ago)
proxy() { # name port admin-port [more arguments]
  local name=$1 port=$2 admin=$3; shift 3
  "$JAVA" $PROXY_HEAP -XX:+UseParallelGC -jar "$JAR" --server.port=$admin --proxy.port=$port --proxy.host=127.0.0.1 \
    --proxy.legacy-upstream=http://127.0.0.1:$BACKEND --proxy.upstreams.payment-service=http://127.0.0.1:$BACKEND \
    --proxy.extractions="$PWD/extractions" \
    --proxy.routes.file="$WORK/$name-routes.json" --proxy.admin.token-file="$WORK/token" --proxy.kafka.enabled=false \
    --logging.level.dev.strangler.proxy.access=WARN "$@" > "$WORK/logs/$name.log" 2>&1 &
  echo $! > "$WORK/$name.pid"
}
# Zipkin as the lab runs it (in-memory storage, 50,000 spans in a 256 MB heap), on a port of its own
MEM_MAX_SPANS=50000 QUERY_PORT=$ZIPKIN "$JAVA" -Xms256m -Xmx256m -jar "$ZIPKIN_JAR" > "$WORK/logs/zipkin.log" 2>&1 &
echo $! > "$WORK/zipkin.pid"
proxy legacy $PROXY $ADMIN
proxy canary50 $CANARY $CANARY_ADMIN
TRACE_ARGS="--management.tracing.sampling.probability=1.0 --management.tracing.export.zipkin.enabled=true --management.tracing.export.zipkin.encoding=PROTO3"
proxy tracing_on $TRACING $TRACING_ADMIN $TRACE_ARGS --management.tracing.export.zipkin.endpoint=http://127.0.0.1:$SINK/api/v2/spans
proxy tracing_zipkin $TRACING_ZIPKIN $TRACING_ZIPKIN_ADMIN $TRACE_ARGS \
  --management.tracing.export.zipkin.endpoint=http://127.0.0.1:$ZIPKIN/api/v2/spans
# the stock vertx-http-proxy, with the jar's own libraries: the floor of our machinery's cost
mkdir -p "$WORK/lib" && (cd "$WORK/lib" && unzip -q "$JAR" 'BOOT-INF/lib/*')
"$JAVA" $PROXY_HEAP -XX:+UseParallelGC -cp "$WORK/lib/BOOT-INF/lib/*" benchmarks/proxy/BareVertxProxy.java $BARE $BACKEND \
  > "$WORK/logs/bare.log" 2>&1 &
echo $! > "$WORK/bare.pid"
for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$ZIPKIN/health" >/dev/null && break; sleep 0.5; done
curl -sf "http://127.0.0.1:$ZIPKIN/health" >/dev/null || { echo "zipkin did not start:" >&2; tail -20 "$WORK/logs/zipkin.log" >&2; exit 1; }
for admin in $ADMIN $CANARY_ADMIN $TRACING_ADMIN $TRACING_ZIPKIN_ADMIN; do
  for _ in $(seq 1 240); do curl -sf "http://127.0.0.1:$admin/actuator/health/readiness" >/dev/null && break; sleep 0.5; done
  curl -sf "http://127.0.0.1:$admin/actuator/health/readiness" >/dev/null || { echo "the proxy did not start:" >&2; tail -20 "$WORK"/logs/*.log >&2; exit 1; }
done
for _ in $(seq 1 60); do curl -sf "http://127.0.0.1:$BARE/" >/dev/null && break; sleep 0.5; done

# p50 (us) and requests/s of one wrk run
run() { # url connections
  local out; out=$(wrk -t1 -c"$2" -d"${DUR}s" --latency "$1")
  local rps; rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
  local p50; p50=$(awk '$1=="50%" {v=$2; if (v ~ /us$/) {sub(/us/,"",v); print v} else if (v ~ /ms$/) {sub(/ms/,"",v); print v*1000} else {sub(/s/,"",v); print v*1000000}}' <<<"$out")
  echo "$rps $p50"
}
URL=/api/payments/1
curl -sf -X POST "http://127.0.0.1:$CANARY_ADMIN/admin/routes/payments-read/stage" -H "Authorization: Bearer $(cat "$WORK/token")" \
  -H 'Content-Type: application/json' -d '{"stage":"CANARY","percent":50,"reason":"benchmark"}' >/dev/null

grep -q "a span per request" "$WORK/logs/tracing_zipkin.log" || { echo "the Zipkin tracing proxy records no spans:" >&2; exit 1; }
grep -q "a span per request" "$WORK/logs/tracing_on.log" || { echo "the tracing proxy records no spans:" >&2; tail -5 "$WORK/logs/tracing_on.log" >&2; exit 1; }
grep -q "no spans" "$WORK/logs/legacy.log" || { echo "the LEGACY proxy records spans:" >&2; tail -5 "$WORK/logs/legacy.log" >&2; exit 1; }
TARGETS="direct:$BACKEND nginx:$NGINX_PROXY nginx_own:$NGINX_OWN bare:$BARE legacy:$PROXY canary50:$CANARY tracing_on:$TRACING tracing_zipkin:$TRACING_ZIPKIN"
for target in $TARGETS; do  # warm-up
  name=${target%%:*}; port=${target##*:}
  case $name in bare|legacy|canary50|tracing_on|tracing_zipkin) warm=$WARM_JVM ;; *) warm=$WARM ;; esac
  wrk -t1 -c50 -d"${warm}s" "http://127.0.0.1:$port$URL" >/dev/null
  wrk -t1 -c1 -d2s "http://127.0.0.1:$port$URL" >/dev/null
done
# CPU time (utime + stime, clock ticks) and requests served, before and after the rounds: CPU per request shows where
# tracing's cost goes (the proxy's span work and export, and Zipkin's ingestion on the same cores)
ticks() { awk '{print $14 + $15}' /proc/"$(cat "$WORK/$1.pid")"/stat; }
served() { curl -sf "http://127.0.0.1:$1/actuator/prometheus" | awk '/^proxy_requests_seconds_count/ {n += $NF} END {printf "%d", n}'; }
CPU_BEFORE="$(ticks legacy) $(ticks tracing_on) $(ticks tracing_zipkin) $(ticks zipkin) $(served $ADMIN) $(served $TRACING_ADMIN) $(served $TRACING_ZIPKIN_ADMIN)"
RSS_KB=0; RSS_TRACING_KB=0
for round in $(seq 1 "$ROUNDS"); do  # every setup once per round, so that the shared machine's load hits all alike
  for target in $TARGETS; do
    name=${target%%:*}; port=${target##*:}
    echo "$name c50 $(DUR=$C50_DUR run "http://127.0.0.1:$port$URL" 50)" >> "$WORK/figures"
    case $name in legacy|canary50)
      rss=$(awk '/VmRSS/ {print $2}' /proc/"$(cat "$WORK/$name.pid")"/status); [ "$rss" -gt "$RSS_KB" ] && RSS_KB=$rss ;;
    tracing_on|tracing_zipkin)
      rss=$(awk '/VmRSS/ {print $2}' /proc/"$(cat "$WORK/$name.pid")"/status); [ "$rss" -gt "$RSS_TRACING_KB" ] && RSS_TRACING_KB=$rss ;;
    esac
    echo "$name c1 $(DUR=$C1_DUR run "http://127.0.0.1:$port$URL" 1)" >> "$WORK/figures"
  done
done
LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)
sleep 2  # Zipkin finishes ingesting what the reporter flushed last
CPU_AFTER="$(ticks legacy) $(ticks tracing_on) $(ticks tracing_zipkin) $(ticks zipkin) $(served $ADMIN) $(served $TRACING_ADMIN) $(served $TRACING_ZIPKIN_ADMIN)"
# what reached Zipkin: its collector counters (a full reporter queue drops spans instead of slowing the proxy)
curl -sf "http://127.0.0.1:$ZIPKIN/prometheus" | awk '/^zipkin_collector_(spans|spans_dropped)_total/ {print}' > "$WORK/zipkin-counters" || true
ZIPKIN_RSS_KB=$(awk '/VmRSS/ {print $2}' /proc/"$(cat "$WORK/zipkin.pid")"/status)
# requests the Zipkin tracing proxy served, warm-up included: one span each should have reached Zipkin
TRACED=$(curl -sf "http://127.0.0.1:$TRACING_ZIPKIN_ADMIN/actuator/prometheus" | awk '/^proxy_requests_seconds_count/ {n += $NF} END {printf "%d", n}')

python3 - "$LOAD_BEFORE" "$LOAD_AFTER" "$RSS_KB" "$WORK/figures" "$WORK/zipkin-counters" "$ZIPKIN_RSS_KB" "$TRACED" "$CPU_BEFORE" "$CPU_AFTER" "$(getconf CLK_TCK)" "$RSS_TRACING_KB" <<'PY'
import json, platform, os, statistics, sys
load_before, load_after, rss_kb, figures, zipkin_counters, zipkin_rss_kb, traced = sys.argv[1:8]
cpu_before, cpu_after, clk_tck = ([int(x) for x in sys.argv[8].split()], [int(x) for x in sys.argv[9].split()], int(sys.argv[10]))
cpu_s = [(a - b) / clk_tck for a, b in zip(cpu_after[:4], cpu_before[:4])]  # s: legacy, tracing_on, tracing_zipkin, zipkin
rss_tracing_kb = int(sys.argv[11])
served = [a - b for a, b in zip(cpu_after[4:], cpu_before[4:])]          # requests: legacy, tracing_on, tracing_zipkin
c50, c1 = {}, {}
for line in open(figures):
    name, kind, rps, p50 = line.split()
    if kind == "c50":
        c50.setdefault(name, []).append(float(rps))
    else:
        c1.setdefault(name, []).append(float(p50))
rounds = len(c1["direct"])
spans = {}
for line in open(zipkin_counters):
    name = line.split("{")[0].split()[0]
    spans[name] = spans.get(name, 0) + int(float(line.split()[-1]))
# added latency of a setup: its p50 minus the direct p50 of the same round, median over the rounds
added = {n: statistics.median(v - d for v, d in zip(c1[n], c1["direct"])) for n in c1}
p50 = {n: statistics.median(v) for n, v in c1.items()}
rps = {n: statistics.median(v) for n, v in c50.items()}
# throughput ratio of a setup: its req/s over nginx's of the same round, median over the rounds
ratio = {n: statistics.median(v / r for v, r in zip(c50[n], c50["nginx"])) for n in c50}
cpu = next((l.split(':', 1)[1].strip() for l in open('/proc/cpuinfo') if l.startswith('model name')), '?')
warm, warm_jvm, c50_dur, c1_dur = (os.environ[k] for k in ("WARM", "WARM_JVM", "C50_DUR", "C1_DUR"))
res = {
  "ratio_vs_nginx_c50": round(ratio["legacy"], 2),
  "ratio_vs_nginx_c50_canary50": round(ratio["canary50"], 2),
  "added_latency_us_p50_c1": round(added["legacy"], 1),
  "added_latency_us_p50_c1_canary50": round(added["canary50"], 1),
  "nginx_added_latency_us_p50_c1": round(added["nginx"], 1),
  "nginx_own_process_added_latency_us_p50_c1": round(added["nginx_own"], 1),
  "bare_vertx_ratio_vs_nginx_c50": round(ratio["bare"], 2),
  "nginx_own_process_ratio_vs_nginx_c50": round(ratio["nginx_own"], 2),
  "bare_vertx_added_latency_us_p50_c1": round(added["bare"], 1),
  "ratio_vs_nginx_c50_tracing_on": round(ratio["tracing_on"], 2),
  "ratio_vs_nginx_c50_tracing_off": round(ratio["legacy"], 2),
  # throughput lost to tracing: per round, 1 - (tracing on req/s / tracing off req/s), median over the rounds; the
  # proxy's own cost (spans posted to a collector that discards them), then with Zipkin ingesting on the same cores
  "tracing_cost_pct": round(100 * statistics.median(1 - on / off for on, off in zip(c50["tracing_on"], c50["legacy"])), 1),
  "ratio_vs_nginx_c50_tracing_zipkin_same_cores": round(ratio["tracing_zipkin"], 2),
  "tracing_cost_pct_zipkin_same_cores": round(100 * statistics.median(1 - on / off for on, off in zip(c50["tracing_zipkin"], c50["legacy"])), 1),
  "added_latency_us_p50_c1_tracing_on": round(added["tracing_on"], 1),
  "added_latency_us_p50_c1_tracing_zipkin_same_cores": round(added["tracing_zipkin"], 1),
  "rss_mb_tracing_on": round(rss_tracing_kb / 1024),
  "zipkin": {"requests_traced": int(traced or 0),
             "spans_received": spans.get("zipkin_collector_spans_total", 0),
             "spans_dropped": spans.get("zipkin_collector_spans_dropped_total", 0),
             "rss_mb": round(int(zipkin_rss_kb or 0) / 1024)},
  # CPU per request over the rounds (JVM totals, idle time included, so a little high for both)
  "cpu_us_per_request": {"tracing_off_proxy": round(1e6 * cpu_s[0] / max(served[0], 1), 1),
                         "tracing_on_proxy": round(1e6 * cpu_s[1] / max(served[1], 1), 1),
                         "tracing_zipkin_proxy": round(1e6 * cpu_s[2] / max(served[2], 1), 1),
                         "zipkin_per_traced_request": round(1e6 * cpu_s[3] / max(served[2], 1), 1)},
  "rps_c50": rps,
  "rps_c50_rounds": c50,
  "p50_us_c1": p50,
  "p50_us_c1_rounds": c1,
  "rss_mb": round(int(rss_kb) / 1024),
  "machine": f"{os.cpu_count()} cores, {cpu}, {platform.system()} {platform.release()}",
  "load_before": load_before,
  "load_after": load_after,
  "notes": (f"loopback, wrk -t1; warm-up {warm} s at 50 connections ({warm_jvm} s for the JVM proxies) and 2 s at 1; "
            f"then {rounds} rounds visiting every setup, {c50_dur} s at 50 connections and {c1_dur} s at 1; "
            f"ratio = median over the rounds of (req/s / nginx req/s of the round), added latency = median over the "
            f"rounds of (p50 - direct p50 of the round); LEGACY and CANARY 50 in two proxy JVMs, each "
            f"{os.environ['PROXY_HEAP']} ParallelGC, access log off; tracing_on = a third LEGACY proxy posting a span "
            f"per request (100 % sampling, PROTO3, in bursts from the event loops) to a collector endpoint that "
            f"discards them (nginx, 202): the proxy's own cost; tracing_zipkin = a fourth posting to Zipkin "
            f"{os.environ.get('ZIPKIN_VERSION', '3.6.1')} (in-memory, 50,000 spans, -Xmx256m) on the same two cores; "
            f"tracing_off = the LEGACY proxy (export off: trace context propagated, no spans); nginx = reference "
            f"proxy sharing its worker with the backend, nginx_own = nginx as its own process; load average before "
            f"{load_before}, after {load_after} (machine shared with other builds)"),
}
os.makedirs('benchmarks/results', exist_ok=True)
json.dump(res, open('benchmarks/results/proxy.json', 'w'), indent=2)
md = ["| setup | req/s at 50 conn | ratio to nginx | p50 at 1 conn (us) | added p50 vs direct (us) |", "|---|---|---|---|---|"]
for name, key in (("direct to backend", "direct"), ("nginx proxy (reference, shares the backend's worker)", "nginx"),
                  ("nginx proxy as its own process", "nginx_own"), ("bare vertx-http-proxy (floor)", "bare"),
                  ("strangler-proxy LEGACY (tracing off)", "legacy"), ("strangler-proxy CANARY 50", "canary50"),
                  ("strangler-proxy LEGACY, a span per request to a discarding collector", "tracing_on"),
                  ("strangler-proxy LEGACY, a span per request to Zipkin on the same cores", "tracing_zipkin")):
    md.append(f"| {name} | {rps[key]:.0f} | {ratio[key]:.2f} | {p50[key]:.0f} | {added[key]:.0f} |")
md.append(""); md.append(f"Tracing at 100 % sampling costs the proxy {res['tracing_cost_pct']} % of its throughput at 50 "
                         f"connections (target <= 15 %); with Zipkin ingesting on the same two cores "
                         f"{res['tracing_cost_pct_zipkin_same_cores']} %. Zipkin received "
                         f"{res['zipkin']['spans_received']} spans for {res['zipkin']['requests_traced']} requests "
                         f"(warm-up included), dropped {res['zipkin']['spans_dropped']}. CPU per request (us): proxy "
                         f"without spans {res['cpu_us_per_request']['tracing_off_proxy']}, with spans "
                         f"{res['cpu_us_per_request']['tracing_on_proxy']} (discarding collector) and "
                         f"{res['cpu_us_per_request']['tracing_zipkin_proxy']} (Zipkin), plus Zipkin "
                         f"{res['cpu_us_per_request']['zipkin_per_traced_request']}.")
md.append(""); md.append(f"RSS of the proxy under load (the larger of the two): {res['rss_mb']} MB. {res['machine']}. {res['notes']}.")
open('benchmarks/results/proxy.md', 'w').write("\n".join(md) + "\n")
print("\n".join(md))
PY
