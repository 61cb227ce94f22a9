#!/usr/bin/env bash
# Installs what the test suite needs on a bare Debian machine (sshd, ssh, tmux), then runs it.
# Usage: scripts/test.sh [--install-only] [extra `cargo test` arguments...]
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

# The whole test command, kept in one place so it is easy to extend.
CARGO_TEST=(cargo test --all-targets --locked)

install_test_deps() {
    if [[ -x /usr/sbin/sshd ]] && command -v ssh >/dev/null && command -v ssh-keygen >/dev/null \
        && command -v tmux >/dev/null; then
        return 0
    fi
    local sudo=()
    if [[ "$(id -u)" -ne 0 ]]; then
        if command -v sudo >/dev/null; then
            sudo=(sudo)
        else
            echo "scripts/test.sh: need root or sudo to install openssh-server openssh-client tmux" >&2
            exit 1
        fi
    fi
    echo "scripts/test.sh: installing openssh-server openssh-client tmux" >&2
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive \
        apt-get install -y --no-install-recommends openssh-server openssh-client tmux
}

install_only=false
if [[ "${1:-}" == "--install-only" ]]; then
    install_only=true
    shift
fi

install_test_deps
if [[ "$install_only" == true ]]; then
    exit 0
fi

"${CARGO_TEST[@]}" "$@"
