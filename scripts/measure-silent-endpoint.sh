#!/usr/bin/env bash
# Measures how long backup-tui, with the default [aws] timeouts, takes to say that an endpoint
# which accepts connections and never answers timed out: start to the message on screen, in a
# real tmux pane (100x30). Uses target/debug/backup-tui (build it first) and python3.
# Usage: scripts/measure-silent-endpoint.sh [path/to/config.toml]
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
BIN="$PWD/target/debug/backup-tui"
[[ -x "$BIN" ]] || { echo "build first: cargo build" >&2; exit 1; }
CONFIG="${1:-/nonexistent/backup-tui-defaults.toml}"
DIR=$(mktemp -d)
SOCKET="measure-$$"

# A server on 127.0.0.1 that accepts every connection and never answers.
python3 - "$DIR/port" <<'PY' &
import socket, sys
s = socket.socket()
s.bind(("127.0.0.1", 0))
s.listen(64)
open(sys.argv[1], "w").write(str(s.getsockname()[1]))
held = []
while True:
    held.append(s.accept()[0])
PY
SERVER=$!
cleanup() {
    tmux -L "$SOCKET" kill-server 2>/dev/null || true
    kill "$SERVER" 2>/dev/null || true
    rm -rf "$DIR"
}
trap cleanup EXIT
for _ in $(seq 50); do [[ -s "$DIR/port" ]] && break; sleep 0.1; done
PORT=$(cat "$DIR/port")

cat >"$DIR/run" <<RUN
#!/usr/bin/env bash
export HOME="$DIR" AWS_ACCESS_KEY_ID=testing AWS_SECRET_ACCESS_KEY=testing AWS_REGION=us-east-1
export AWS_EC2_METADATA_DISABLED=true
unset TMUX
exec "$BIN" --config "$CONFIG" --log-file "$DIR/log" --audit-log "$DIR/audit" \
    --endpoint-url "http://127.0.0.1:$PORT"
RUN
chmod +x "$DIR/run"

start=$(date +%s.%N)
tmux -L "$SOCKET" -f /dev/null new-session -d -s m -x 100 -y 30 "$DIR/run"
until tmux -L "$SOCKET" capture-pane -p -t m | grep -q "ListProtectedResources timed out"; do
    if (( $(echo "$(date +%s.%N) - $start > 300" | bc) )); then
        echo "no timeout message within 300 s" >&2
        exit 1
    fi
    sleep 0.2
done
echo "timeout said after $(echo "$(date +%s.%N) - $start" | bc) s"
tmux -L "$SOCKET" capture-pane -p -t m | sed -n '3,6p'
