#!/usr/bin/env bash
# Smoke test of the main job: `make run` in the background (its own process group), wait for /healthz, prove that a
# task queued by the web process runs in the worker, log in as demo.pegawai through the form, load the home page,
# then stop everything with one signal to the process group and fail if anything is left running.
#
# Uses DATABASE_URL / REDIS_URL / CELERY_BROKER_URL when set (.ci/run points them at an empty database).
# Without DATABASE_URL it runs on a fresh SQLite file and embedded broker in a temporary directory, never in var/.
#   bash tests/smoke.sh            SMOKE_PORT=8123 bash tests/smoke.sh
set -euo pipefail
cd "$(dirname "$0")/.."

PORT="${SMOKE_PORT:-$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')}"
WAIT="${SMOKE_WAIT:-600}"   # first start of a clean clone installs, migrates and seeds
LOG="${SMOKE_LOG:-$(mktemp -t kinerja-smoke-XXXXXX.log)}"
if [[ -z "${DATABASE_URL:-}" ]]; then
    SMOKE_VAR_DIR="$(mktemp -d -t kinerja-smoke-var-XXXXXX)"
    export KINERJA_VAR_DIR="$SMOKE_VAR_DIR"
fi

echo "smoke: make run on port $PORT (log: $LOG)"
setsid make run PORT="$PORT" >"$LOG" 2>&1 </dev/null &
LEADER=$!
# setsid makes make the leader of a new process group; wait until it has (field 5 of stat: no procps needed).
PGID=""
for _ in $(seq 1 50); do
    PGID="$(cut -d' ' -f5 "/proc/$LEADER/stat" 2>/dev/null || true)"
    [[ "$PGID" == "$LEADER" ]] && break
    sleep 0.1
done
if [[ "$PGID" != "$LEADER" ]]; then
    echo "smoke: make run is not in its own process group" >&2
    kill "$LEADER" || true
    exit 1
fi

group_alive() { kill -0 -- "-$PGID" 2>/dev/null; }

# honcho starts web and worker in sessions of their own: find them through the parent links instead.
descendants() {
    local parent="$1" stat pid ppid
    for stat in /proc/[0-9]*/stat; do
        read -r pid ppid < <(sed -E 's/^([0-9]+) \(.*\) . ([0-9]+) .*/\1 \2/' "$stat" 2>/dev/null) || continue
        if [[ "$ppid" == "$parent" ]]; then
            echo "$pid"
            descendants "$pid"
        fi
    done
}

STOPPED_CLEANLY=""
stop() {
    [[ -n "$STOPPED_CLEANLY" ]] && return 0
    if group_alive; then
        kill -TERM -- "-$PGID" 2>/dev/null || true
        for _ in $(seq 1 30); do
            group_alive || break
            sleep 1
        done
    fi
    if group_alive; then
        echo "smoke: processes still running 30 s after SIGTERM:" >&2
        for stat in /proc/[0-9]*/stat; do
            [[ "$(cut -d' ' -f5 "$stat" 2>/dev/null)" == "$PGID" ]] && tr '\0' ' ' <"${stat%/stat}/cmdline" >&2 && echo >&2
        done
        kill -KILL -- "-$PGID" 2>/dev/null || true
        STOPPED_CLEANLY="no"
        return 1
    fi
    STOPPED_CLEANLY="yes"
}
cleanup() {
    stop || true
    if [[ -n "${SMOKE_VAR_DIR:-}" ]]; then
        rm -rf "$SMOKE_VAR_DIR"
    fi
}
trap cleanup EXIT

status=0
python3 tests/smoke.py "http://127.0.0.1:$PORT" --wait "$WAIT" --pid "$LEADER" || status=$?
mapfile -t TREE < <(descendants "$LEADER")
if ! stop; then
    status=1
fi
for pid in "${TREE[@]}"; do
    if [[ -e "/proc/$pid" ]] && [[ "$(sed -E 's/^[0-9]+ \(.*\) (.) .*/\1/' "/proc/$pid/stat" 2>/dev/null)" != "Z" ]]; then
        echo "smoke: process $pid ($(tr '\0' ' ' <"/proc/$pid/cmdline")) outlived make run" >&2
        kill -KILL "$pid" 2>/dev/null || true
        status=1
    fi
done
if [[ $status -ne 0 ]]; then
    echo "smoke: FAILED; last lines of the make run log:" >&2
    tail -n 60 "$LOG" >&2
    exit "$status"
fi
grep -q "Akun demo" "$LOG" || { echo "smoke: make run did not print the demo logins" >&2; exit 1; }
if grep -q "sending SIGKILL" "$LOG"; then
    echo "smoke: warning: honcho had to SIGKILL a process that did not stop within 5 s" >&2
fi
echo "smoke: OK (make run stopped cleanly: ${#TREE[@]} processes, none left)"
