#!/usr/bin/env bash
# Checks the compose monitoring with the real Prometheus, without Docker:
#   1. promtool checks docker/prometheus/prometheus.yml;
#   2. a miner from target/ runs on a free port (with Mosquitto on another, from docker/mosquitto/mosquitto.conf,
#      when the mosquitto binary is installed);
#   3. a real Prometheus scrapes it with the same scrape config, its targets rewritten to that miner;
#   4. rate(blockchain_hashes_total[1m]) is queried through Prometheus's HTTP API and printed, and every PromQL
#      expression of the Grafana dashboard is run (with $miner = .*) and must parse and evaluate.
#
# Needs: promtool and prometheus (Debian: apt-get install --no-install-recommends prometheus, which installs
# without starting a service), curl, a JDK 17+, python3 for step 4's dashboard part; mosquitto optional.
# Usage: docker/check-prometheus.sh [--build]    (--build repackages the jar first; it is built when missing)
# Everything it starts listens on 127.0.0.1 only and is stopped on exit.
set -euo pipefail
cd "$(dirname "$0")/.."

CONFIG=docker/prometheus/prometheus.yml
DASHBOARD=docker/grafana/dashboards/minerfleet.json
MOSQUITTO_CONF=docker/mosquitto/mosquitto.conf
export PATH="$PATH:/usr/sbin:/usr/local/sbin"

say() { printf '\n== %s\n' "$*"; }
die() { printf 'check-prometheus: %s\n' "$*" >&2; exit 1; }

for tool in promtool prometheus curl java; do
  command -v "$tool" >/dev/null 2>&1 \
    || die "$tool is missing (Debian: apt-get install --no-install-recommends prometheus curl default-jre-headless)"
done

work=$(mktemp -d "${TMPDIR:-/tmp}/check-prometheus.XXXXXX")
pids=()
cleanup() {
  local status=$?
  for pid in "${pids[@]}"; do
    kill "$pid" 2>/dev/null || true
  done
  for pid in "${pids[@]}"; do
    wait "$pid" 2>/dev/null || true
  done
  if [ "$status" -eq 0 ]; then
    rm -rf "$work"
  else
    printf 'check-prometheus: failed; logs are in %s\n' "$work" >&2
  fi
}
trap cleanup EXIT

free_port() {
  local port
  for _ in $(seq 50); do
    port=$((20000 + RANDOM % 40000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "$port"
      return
    fi
  done
  die "no free port found"
}

# wait_for SECONDS DESCRIPTION COMMAND...: retries COMMAND every second
wait_for() {
  local seconds=$1 what=$2
  shift 2
  for _ in $(seq "$seconds"); do
    if "$@" >/dev/null 2>&1; then
      return 0
    fi
    sleep 1
  done
  die "timed out after ${seconds}s waiting for $what"
}

say "promtool check config $CONFIG"
promtool check config "$CONFIG"

jar=$(ls target/minerfleet-*.jar 2>/dev/null | grep -v -- '-plain' | head -n 1 || true)
if [ "${1:-}" = "--build" ] || [ -z "$jar" ]; then
  say "building the jar"
  ./mvnw -B -q package -DskipTests
  jar=$(ls target/minerfleet-*.jar | grep -v -- '-plain' | head -n 1)
fi

mqtt_url="tcp://127.0.0.1:1"
if command -v mosquitto >/dev/null 2>&1; then
  mqtt_port=$(free_port)
  say "mosquitto with $MOSQUITTO_CONF on 127.0.0.1:$mqtt_port"
  sed -e "s/^listener 1883\$/listener $mqtt_port 127.0.0.1/" -e 's/^log_dest stdout$/log_dest stderr/' \
    "$MOSQUITTO_CONF" >"$work/mosquitto.conf"
  grep -q "^listener $mqtt_port 127.0.0.1\$" "$work/mosquitto.conf" || die "$MOSQUITTO_CONF has no 'listener 1883' line"
  mosquitto -c "$work/mosquitto.conf" >"$work/mosquitto.log" 2>&1 &
  pids+=($!)
  wait_for 10 "mosquitto" bash -c "exec 3<>/dev/tcp/127.0.0.1/$mqtt_port"
  mqtt_url="tcp://127.0.0.1:$mqtt_port"
else
  say "no mosquitto binary: the miner mines without a broker (its health is DOWN, its metrics are there)"
fi

miner_port=$(free_port)
say "miner check-1 from $jar on 127.0.0.1:$miner_port"
java --add-opens java.base/sun.security.provider=ALL-UNNAMED -XX:+UseSerialGC -jar "$jar" miner \
  --server.address=127.0.0.1 --server.port="$miner_port" --miner.id=check-1 --mqtt.url="$mqtt_url" \
  --chain.difficulty-bits=18 --generator.interval=500ms >"$work/miner.log" 2>&1 &
pids+=($!)
wait_for 120 "the miner's /actuator/prometheus" curl -fsS "http://127.0.0.1:$miner_port/actuator/prometheus"

# The same scrape config with every target replaced by the local miner, and the compose DNS lookups dropped.
awk -v target="\"127.0.0.1:$miner_port\"" '
  skip && (NF == 0 || match($0, /^ */) && RLENGTH > skip_indent) { next }
  { skip = 0 }
  /^ *dns_sd_configs:/ { skip = 1; match($0, /^ */); skip_indent = RLENGTH; next }
  /^ *- targets:/ { sub(/targets:.*/, "targets: [" target "]") }
  { print }
' "$CONFIG" >"$work/prometheus.yml"
say "the scrape config, rewritten to the local miner"
grep -v '^ *#' "$work/prometheus.yml" | sed '/^$/d'
promtool check config "$work/prometheus.yml"

prom_port=$(free_port)
prom="http://127.0.0.1:$prom_port"
say "prometheus on $prom"
prometheus --config.file="$work/prometheus.yml" --storage.tsdb.path="$work/data" \
  --web.listen-address="127.0.0.1:$prom_port" >"$work/prometheus.log" 2>&1 &
pids+=($!)
wait_for 60 "prometheus to be ready" curl -fsS "$prom/-/ready"

# rate() needs two samples in its window: wait for three scrapes of the miner
query_has_result() {
  curl -fsS --get "$prom/api/v1/query" --data-urlencode "query=$1" | grep -q '"result":\[{'
}
wait_for 90 "three scrapes of the miner" query_has_result 'count_over_time(blockchain_hashes_total[1m]) >= 3'

say "targets"
promtool query instant "$prom" 'up'

say "rate(blockchain_hashes_total[1m]), through $prom/api/v1/query"
curl -fsS --get "$prom/api/v1/query" --data-urlencode 'query=rate(blockchain_hashes_total[1m])'
echo
promtool query instant "$prom" 'rate(blockchain_hashes_total[1m])'
query_has_result 'rate(blockchain_hashes_total[1m]) > 0' || die "the hash rate is not positive"

say "the chain: blockchain_height"
promtool query instant "$prom" 'blockchain_height'

if command -v python3 >/dev/null 2>&1; then
  say "every PromQL expression of $DASHBOARD (\$miner = .*, \$__range = 5m)"
  python3 - "$DASHBOARD" "$prom" <<'PYTHON'
import json, sys, urllib.parse, urllib.request

dashboard, prometheus = sys.argv[1], sys.argv[2]
board = json.load(open(dashboard))
panels = [p for top in board["panels"] for p in [top] + top.get("panels", [])]
expressions = [(p["title"], t["expr"]) for p in panels for t in p.get("targets", []) if t.get("expr")]
failed = 0
for title, expr in expressions:
    query = expr.replace("$__rate_interval", "1m").replace("$__range", "5m").replace("$miner", ".*")
    url = prometheus + "/api/v1/query?" + urllib.parse.urlencode({"query": query})
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            answer = json.load(response)
        series = len(answer["data"]["result"]) if answer["data"]["resultType"] == "vector" else 1
        print(f"ok  {series:3d} series  {title}: {expr}")
    except urllib.error.HTTPError as error:
        failed += 1
        print(f"FAILED  {title}: {expr}\n        {json.load(error).get('error')}")
print(f"{len(expressions) - failed} passed, {failed} failed")
sys.exit(1 if failed else 0)
PYTHON
else
  say "no python3: the dashboard's expressions were not run"
fi

say "ok: the scrape config is valid and Prometheus reads the miner's metrics"
