#!/usr/bin/env bash
# Proxy throughput and added latency vs nginx, in one run on one machine (issue #5).
# Needs nginx and wrk (Debian: apt-get update && apt-get install -y nginx wrk) and the proxy jar
# (./mvnw -B -f strangler-proxy/pom.xml -DskipTests package). Writes benchmarks/results/proxy.{json,md}.
set -euo pipefail
cd "$(dirname "$0")/../.."
for tool in nginx wrk; do
  command -v "$tool" >/dev/null || { echo "missing $tool: apt-get update && apt-get install -y nginx wrk" >&2; exit 1; }
done
JAR=strangler-proxy/target/strangler-proxy.jar
[ -f "$JAR" ] || { echo "missing $JAR: ./mvnw -B -f strangler-proxy/pom.xml -DskipTests package" >&2; exit 1; }
if [ -z "${JAVA:-}" ]; then  # a JDK 21+, as ./strangler picks it (the default java may be older)
  . scripts/find-jdk.sh
  find_jdk
  JAVA="$JAVA_HOME/bin/java"
fi
DUR=${DUR:-10}; WARM=${WARM:-5}
BACKEND=19100; NGINX_PROXY=19101; PROXY=19102; ADMIN=19103; BARE=19104
WORK=$(mktemp -d); trap 'kill $(cat "$WORK"/*.pid 2>/dev/null) 2>/dev/null || true; rm -rf "$WORK"' EXIT
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

echo "test-benchmark-token-0123456789" > "$WORK/token"
"$JAVA" -Xms256m -Xmx256m -XX:+UseParallelGC -jar "$JAR" --server.port=$ADMIN --proxy.port=$PROXY --proxy.host=127.0.0.1 \
  --proxy.legacy-upstream=http://127.0.0.1:$BACKEND --proxy.extracted-upstream=http://127.0.0.1:$BACKEND \
  --proxy.routes.file="$WORK/routes.json" --proxy.admin.token-file="$WORK/token" --proxy.kafka.enabled=false \
  --logging.level.dev.strangler.proxy.access=WARN > "$WORK/logs/proxy.log" 2>&1 &
echo $! > "$WORK/proxy.pid"
# the stock vertx-http-proxy, with the jar's own libraries: the floor of our machinery's cost
mkdir -p "$WORK/lib" && (cd "$WORK/lib" && unzip -q "$OLDPWD/$JAR" 'BOOT-INF/lib/*')
"$JAVA" -Xms256m -Xmx256m -XX:+UseParallelGC -cp "$WORK/lib/BOOT-INF/lib/*" benchmarks/proxy/BareVertxProxy.java $BARE $BACKEND \
  > "$WORK/logs/bare.log" 2>&1 &
echo $! > "$WORK/bare.pid"
for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$ADMIN/actuator/health/readiness" >/dev/null && break; sleep 0.5; done
for _ in $(seq 1 60); do curl -sf "http://127.0.0.1:$BARE/" >/dev/null && break; sleep 0.5; done
curl -sf "http://127.0.0.1:$ADMIN/actuator/health/readiness" >/dev/null || { echo "the proxy did not start:" >&2; tail -20 "$WORK/logs/proxy.log" >&2; exit 1; }

# p50 (us) and requests/s of one wrk run
run() { # url connections
  local out; out=$(wrk -t1 -c"$2" -d"${DUR}s" --latency "$1")
  local rps; rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
  local p50; p50=$(awk '$1=="50%" {v=$2; if (v ~ /us$/) {sub(/us/,"",v); print v} else if (v ~ /ms$/) {sub(/ms/,"",v); print v*1000} else {sub(/s/,"",v); print v*1000000}}' <<<"$out")
  echo "$rps $p50"
}
URL=/api/payments/1
stage() { curl -sf -X POST "http://127.0.0.1:$ADMIN/admin/routes/payments-read/stage" -H "Authorization: Bearer $(cat "$WORK/token")" \
  -H 'Content-Type: application/json' -d "$1" >/dev/null; }

declare -A R
for target in direct:$BACKEND nginx:$NGINX_PROXY bare:$BARE legacy:$PROXY canary50:$PROXY; do
  name=${target%%:*}; port=${target##*:}
  [ "$name" = canary50 ] && stage '{"stage":"CANARY","percent":50,"reason":"benchmark"}'
  wrk -t1 -c50 -d"${WARM}s" "http://127.0.0.1:$port$URL" >/dev/null
  R[$name.c1]=$(run "http://127.0.0.1:$port$URL" 1)
  R[$name.c50]=$(run "http://127.0.0.1:$port$URL" 50)
  [ "$name" = legacy ] && RSS_KB=$(awk '/VmRSS/ {print $2}' /proc/"$(cat "$WORK/proxy.pid")"/status)
done
RSS_KB_CANARY=$(awk '/VmRSS/ {print $2}' /proc/"$(cat "$WORK/proxy.pid")"/status)
LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)

python3 - "$LOAD_BEFORE" "$LOAD_AFTER" "$RSS_KB" "$RSS_KB_CANARY" "${R[direct.c1]}" "${R[direct.c50]}" "${R[nginx.c1]}" "${R[nginx.c50]}" \
  "${R[bare.c1]}" "${R[bare.c50]}" \
  "${R[legacy.c1]}" "${R[legacy.c50]}" "${R[canary50.c1]}" "${R[canary50.c50]}" <<'PY'
import json, platform, os, sys
a = sys.argv[1:]
def p(s): r, l = s.split(); return float(r), float(l)
d1, d50, n1, n50, b1, b50, l1, l50, c1, c50 = (p(x) for x in a[4:14])
cpu = next((l.split(':', 1)[1].strip() for l in open('/proc/cpuinfo') if l.startswith('model name')), '?')
res = {
  "ratio_vs_nginx_c50": round(l50[0] / n50[0], 2),
  "ratio_vs_nginx_c50_canary50": round(c50[0] / n50[0], 2),
  "added_latency_us_p50_c1": round(l1[1] - d1[1], 1),
  "added_latency_us_p50_c1_canary50": round(c1[1] - d1[1], 1),
  "nginx_added_latency_us_p50_c1": round(n1[1] - d1[1], 1),
  "bare_vertx_ratio_vs_nginx_c50": round(b50[0] / n50[0], 2),
  "bare_vertx_added_latency_us_p50_c1": round(b1[1] - d1[1], 1),
  "rps_c50": {"direct": d50[0], "nginx": n50[0], "bare_vertx": b50[0], "legacy": l50[0], "canary50": c50[0]},
  "p50_us_c1": {"direct": d1[1], "nginx": n1[1], "bare_vertx": b1[1], "legacy": l1[1], "canary50": c1[1]},
  "rss_mb": round(max(int(a[2]), int(a[3])) / 1024),
  "machine": f"{os.cpu_count()} cores, {cpu}, {platform.system()} {platform.release()}",
  "notes": f"loopback, wrk -t1, {os.environ.get('DUR', '10')} s per run after a 50-connection warm-up; proxy -Xmx256m ParallelGC, access log off; load average before {a[0]}, after {a[1]} (machine shared with other builds)",
}
os.makedirs('benchmarks/results', exist_ok=True)
json.dump(res, open('benchmarks/results/proxy.json', 'w'), indent=2)
md = ["| setup | req/s at 50 conn | ratio to nginx | p50 at 1 conn (us) | added p50 vs direct (us) |", "|---|---|---|---|---|"]
for name, c, one in (("direct to backend", d50, d1), ("nginx proxy", n50, n1), ("bare vertx-http-proxy (floor)", b50, b1), ("strangler-proxy LEGACY", l50, l1), ("strangler-proxy CANARY 50", c50, c1)):
    md.append(f"| {name} | {c[0]:.0f} | {c[0]/n50[0]:.2f} | {one[1]:.0f} | {one[1]-d1[1]:.0f} |")
md.append(""); md.append(f"RSS of the proxy under load: {res['rss_mb']} MB. {res['machine']}. {res['notes']}.")
open('benchmarks/results/proxy.md', 'w').write("\n".join(md) + "\n")
print("\n".join(md))
PY
