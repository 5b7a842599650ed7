#!/usr/bin/env bash
# Proxy throughput and added latency vs nginx, in one run on one machine (issue #5).
# Needs nginx and wrk (Debian: apt-get update && apt-get install -y nginx wrk) and the proxy jar
# (./mvnw -B -f strangler-proxy/pom.xml -DskipTests package). Writes benchmarks/results/proxy.{json,md}.
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
export WARM WARM_JVM ROUNDS C50_DUR C1_DUR
BACKEND=19100; NGINX_PROXY=19101; PROXY=19102; ADMIN=19103; BARE=19104; NGINX_OWN=19105; CANARY=19106; CANARY_ADMIN=19107
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
proxy() { # name port admin-port
  "$JAVA" -Xms256m -Xmx256m -XX:+UseParallelGC -jar "$JAR" --server.port=$3 --proxy.port=$2 --proxy.host=127.0.0.1 \
    --proxy.legacy-upstream=http://127.0.0.1:$BACKEND --proxy.extracted-upstream=http://127.0.0.1:$BACKEND \
    --proxy.routes.file="$WORK/$1-routes.json" --proxy.admin.token-file="$WORK/token" --proxy.kafka.enabled=false \
    --logging.level.dev.strangler.proxy.access=WARN > "$WORK/logs/$1.log" 2>&1 &
  echo $! > "$WORK/$1.pid"
}
proxy legacy $PROXY $ADMIN
proxy canary50 $CANARY $CANARY_ADMIN
# the stock vertx-http-proxy, with the jar's own libraries: the floor of our machinery's cost
mkdir -p "$WORK/lib" && (cd "$WORK/lib" && unzip -q "$JAR" 'BOOT-INF/lib/*')
"$JAVA" -Xms256m -Xmx256m -XX:+UseParallelGC -cp "$WORK/lib/BOOT-INF/lib/*" benchmarks/proxy/BareVertxProxy.java $BARE $BACKEND \
  > "$WORK/logs/bare.log" 2>&1 &
echo $! > "$WORK/bare.pid"
for admin in $ADMIN $CANARY_ADMIN; do
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

TARGETS="direct:$BACKEND nginx:$NGINX_PROXY nginx_own:$NGINX_OWN bare:$BARE legacy:$PROXY canary50:$CANARY"
for target in $TARGETS; do  # warm-up
  name=${target%%:*}; port=${target##*:}
  case $name in bare|legacy|canary50) warm=$WARM_JVM ;; *) warm=$WARM ;; esac
  wrk -t1 -c50 -d"${warm}s" "http://127.0.0.1:$port$URL" >/dev/null
  wrk -t1 -c1 -d2s "http://127.0.0.1:$port$URL" >/dev/null
done
RSS_KB=0
for round in $(seq 1 "$ROUNDS"); do  # every setup once per round, so that the shared machine's load hits all alike
  for target in $TARGETS; do
    name=${target%%:*}; port=${target##*:}
    echo "$name c50 $(DUR=$C50_DUR run "http://127.0.0.1:$port$URL" 50)" >> "$WORK/figures"
    case $name in legacy|canary50)
      rss=$(awk '/VmRSS/ {print $2}' /proc/"$(cat "$WORK/$name.pid")"/status); [ "$rss" -gt "$RSS_KB" ] && RSS_KB=$rss ;;
    esac
    echo "$name c1 $(DUR=$C1_DUR run "http://127.0.0.1:$port$URL" 1)" >> "$WORK/figures"
  done
done
LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)

python3 - "$LOAD_BEFORE" "$LOAD_AFTER" "$RSS_KB" "$WORK/figures" <<'PY'
import json, platform, os, statistics, sys
load_before, load_after, rss_kb, figures = sys.argv[1:5]
c50, c1 = {}, {}
for line in open(figures):
    name, kind, rps, p50 = line.split()
    if kind == "c50":
        c50.setdefault(name, []).append(float(rps))
    else:
        c1.setdefault(name, []).append(float(p50))
rounds = len(c1["direct"])
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
            f"rounds of (p50 - direct p50 of the round); LEGACY and CANARY 50 in two proxy JVMs, each -Xmx256m "
            f"ParallelGC, access log off; nginx = reference "
            f"proxy sharing its worker with the backend, nginx_own = nginx as its own process; load average before "
            f"{load_before}, after {load_after} (machine shared with other builds)"),
}
os.makedirs('benchmarks/results', exist_ok=True)
json.dump(res, open('benchmarks/results/proxy.json', 'w'), indent=2)
md = ["| setup | req/s at 50 conn | ratio to nginx | p50 at 1 conn (us) | added p50 vs direct (us) |", "|---|---|---|---|---|"]
for name, key in (("direct to backend", "direct"), ("nginx proxy (reference, shares the backend's worker)", "nginx"),
                  ("nginx proxy as its own process", "nginx_own"), ("bare vertx-http-proxy (floor)", "bare"),
                  ("strangler-proxy LEGACY", "legacy"), ("strangler-proxy CANARY 50", "canary50")):
    md.append(f"| {name} | {rps[key]:.0f} | {ratio[key]:.2f} | {p50[key]:.0f} | {added[key]:.0f} |")
md.append(""); md.append(f"RSS of the proxy under load (the larger of the two): {res['rss_mb']} MB. {res['machine']}. {res['notes']}.")
open('benchmarks/results/proxy.md', 'w').write("\n".join(md) + "\n")
print("\n".join(md))
PY
