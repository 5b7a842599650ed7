#!/usr/bin/env bash
# The headline proof: an extraction's whole playbook on a fresh lab with the default seed (10,000 orders), while the
# load generator keeps a steady mixed shop load on the proxy (browse, sign up, checkout, pay, capture, refund).
# Several extractions run one after the other in the same lab, in the order given (the second must not disturb the
# first). Writes benchmarks/results/rehearsal-<extraction>.json each: wall_seconds, requests_total, requests_failed,
# lost_writes, reconcile_mismatches, duplicate_charges, pan_outside_scope (null when the extraction names no
# sensitive data), business_mismatches, charges_without_order, charges_not_equal_to_order_total, dead_letters,
# requests_failed_unexplained, machine. Runs its own lab (own directory, ports shifted), so a running lab of yours is
# not touched.
#
#   benchmarks/rehearsal/run.sh                        # payments at 50 requests/s (REHEARSAL_RPS to change)
#   benchmarks/rehearsal/run.sh customers payments     # both extractions, in that order, in one lab
#   benchmarks/rehearsal/run.sh --with-chaos           # payments with the chaos drill during canary:
#                                                      # writes benchmarks/results/rehearsal-payments-chaos.json
set -euo pipefail
cd "$(dirname "$0")/../.."
RPS=${REHEARSAL_RPS:-50}
CHAOS=()
EXTRACTIONS=()
for arg in "$@"; do
    case "$arg" in
        --with-chaos) CHAOS=(--with-chaos) ;;
        *) EXTRACTIONS+=("$arg") ;;
    esac
done
[ ${#EXTRACTIONS[@]} -gt 0 ] || EXTRACTIONS=(payments)
export STRANGLER_LAB_DIR="$PWD/benchmarks/rehearsal/target/lab"
export STRANGLER_PORT_OFFSET=${STRANGLER_PORT_OFFSET:-11000}
REPORTS="$PWD/benchmarks/rehearsal/target/reports"

./strangler --version >/dev/null            # builds the toolkit if needed, so the timings below exclude the build
./strangler down >/dev/null 2>&1 || true
rm -rf "$STRANGLER_LAB_DIR" "$REPORTS"
trap './strangler down >/dev/null 2>&1 || true' EXIT

./strangler up
ORDER=$(IFS=,; echo "${EXTRACTIONS[*]}")
STATUS=0
for EXTRACTION in "${EXTRACTIONS[@]}"; do
RESULT=benchmarks/results/rehearsal-$EXTRACTION${CHAOS:+-chaos}.json
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
set +e
./strangler playbook run "$EXTRACTION" --under-load "$RPS" "${CHAOS[@]}" --reports "$REPORTS"
EXIT=$?
set -e
[ "$EXIT" = 0 ] || STATUS=1
LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)

python3 - "$REPORTS/rehearsal-$EXTRACTION.json" "$RESULT" "$EXIT" "$LOAD_BEFORE" "$LOAD_AFTER" "$(git rev-parse --short HEAD)" "$EXTRACTION" "$ORDER" <<'PY'
import json, os, platform, sys
src, dst, code, before, after, commit, extraction, order = sys.argv[1:]
e = json.load(open(src))
step = os.path.join(os.path.dirname(src), "playbook", extraction, "decommission.json")
decommission = json.load(open(step)).get("evidence", {}) if os.path.exists(step) else {}
cpu = next((l.split(':', 1)[1].strip() for l in open('/proc/cpuinfo') if l.startswith('model name')), '?')
mem = next((int(l.split()[1]) // 1024 for l in open('/proc/meminfo') if l.startswith('MemTotal')), 0)
out = {
    "benchmark": "rehearsal",
    "extraction": extraction,
    "extractions_in_this_lab": order.split(","),
    "wall_seconds": e["wall_seconds"],
    "requests_total": e["requests_total"],
    "requests_failed": e["requests_failed"],
    "lost_writes": e["lost_writes"],
    "reconcile_mismatches": e["reconcile_mismatches"],
    "duplicate_charges": e["duplicate_charges"],
    "pan_outside_scope": e["pan_outside_scope"],
    "business_mismatches": e["business_mismatches"],
    "charges_without_order": e["charges_without_order"],
    "charges_not_equal_to_order_total": e["charges_not_equal_to_order_total"],
    "dead_letters": e["dead_letters"],
    "requests_failed_unexplained": e["requests_failed_unexplained"],
    "passed": e["passed"],
    "playbook_exit_code": e["playbook_exit_code"],
    "command_exit_code": int(code),
    "target_rps": e["target_rps"],
    "achieved_rps": e["achieved_rps"],
    "rps_during_playbook": e["rps_during_playbook"],
    "ramp_up_seconds": e["ramp_up_seconds"],
    "playbook_seconds": e["playbook_seconds"],
    "targets": {"wall_seconds": "<= 600", "rps_during_playbook": ">= 50", "every failure count": "0"},
    "failures_by_kind": e["failures_by_kind"],
    "latency_ms": e["latency_ms"],
    "lost_writes_detail": e["lost_writes_detail"],
    "business_mismatches_detail": e["business_mismatches_detail"],
    "charge_samples": e["charge_samples"],
    "chaos": e.get("chaos"),
    "playbook_attempts": e.get("playbook_attempts", 1),
    "psp": e["psp"],
    "pan_outside_scope_places": e.get("pan_outside_scope_places"),
    # the decommission step's gate, when the playbook has one: the frozen rule "only the capability's package touches
    # its tables" on the monolith build that runs after the blue-green redeploy
    "monolith_build_after": decommission.get("monolithBuild"),
    "monolith_classes_touching_payment_tables_after": decommission.get("ruleViolations"),
    "failure_samples": e["failure_samples"][:10],
    "machine": {"cpu": cpu, "cores": os.cpu_count(), "memory_mib": mem,
                "os": platform.system() + " " + platform.release()},
    "load_before": before, "load_after": after, "commit": commit,
    "method": "fresh lab, default seed (10,000 orders), ./strangler playbook run " + extraction + " --under-load RPS"
              " with the playbook of extractions/" + extraction + ".yaml, after " + (", ".join(order.split(",")[:order.split(",").index(extraction)]) or "nothing") +
              " in the same lab; the load runs from before the first step to after the last; evidence gathered after"
              " the load stopped (see migration-playbook/README.md, the rehearsal)",
}
json.dump(out, open(dst, 'w'), indent=2)
print(json.dumps({k: out[k] for k in ("extraction", "wall_seconds", "requests_total", "requests_failed",
                                       "lost_writes", "reconcile_mismatches", "duplicate_charges",
                                       "pan_outside_scope", "business_mismatches", "charges_without_order",
                                       "charges_not_equal_to_order_total", "dead_letters",
                                       "requests_failed_unexplained", "passed")}))
PY
done
exit $STATUS
