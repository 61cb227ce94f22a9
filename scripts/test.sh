#!/usr/bin/env bash
# Installs what the test suite needs on a bare Debian machine (sshd, ssh, tmux, and a Python
# virtual environment with moto and the AWS CLI in target/test-venv), then runs it.
# Usage: scripts/test.sh [--install-only] [extra `cargo test` arguments...]
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

# The whole test command, kept in one place so it is easy to extend.
CARGO_TEST=(cargo test --all-targets --locked)

# The AWS emulator (moto, run as a server) and the AWS CLI that seeds it, from PyPI.
# Changing these lines (or the Python version, or the checkout's path) rebuilds the venv.
VENV="$PWD/target/test-venv"
VENV_REQUIREMENTS=('moto[server]>=5.1,<6' 'awscli>=1.36,<2')
VENV_STAMP="$VENV/.installed"

# python3 with a working venv, ensurepip included: Debian ships `venv` in the standard
# library but `ensurepip` only in python3-venv, so `-m venv --help` alone proves too little.
python_venv_ok() {
    command -v python3 >/dev/null \
        && python3 -m venv --help >/dev/null 2>&1 \
        && python3 -c 'import ensurepip' >/dev/null 2>&1
}

install_test_deps() {
    local packages=()
    if ! [[ -x /usr/sbin/sshd ]] || ! command -v ssh >/dev/null \
        || ! command -v ssh-keygen >/dev/null || ! command -v tmux >/dev/null; then
        packages+=(openssh-server openssh-client tmux)
    fi
    if ! python_venv_ok; then
        packages+=(python3 python3-venv)
    fi
    if [[ ${#packages[@]} -eq 0 ]]; then
        return 0
    fi
    local sudo=()
    if [[ "$(id -u)" -ne 0 ]]; then
        if command -v sudo >/dev/null; then
            sudo=(sudo)
        else
            echo "scripts/test.sh: need root or sudo to install ${packages[*]}" >&2
            exit 1
        fi
    fi
    echo "scripts/test.sh: installing ${packages[*]}" >&2
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive \
        apt-get install -y --no-install-recommends "${packages[@]}"
}

# What the stamp records: a venv made for anything else is made again.
venv_fingerprint() {
    printf '%s\n' "$VENV" "$(python3 -c 'import sys; print(sys.version)')" "${VENV_REQUIREMENTS[@]}"
}

install_test_venv() {
    if [[ -f "$VENV_STAMP" ]] && [[ "$(cat "$VENV_STAMP")" == "$(venv_fingerprint)" ]] \
        && [[ -x "$VENV/bin/moto_server" ]] && [[ -x "$VENV/bin/aws" ]]; then
        return 0
    fi
    echo "scripts/test.sh: installing ${VENV_REQUIREMENTS[*]} into target/test-venv" >&2
    local started=$SECONDS
    rm -f "$VENV_STAMP"
    mkdir -p "$(dirname "$VENV")"
    python3 -m venv --clear "$VENV"
    "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check --no-input \
        "${VENV_REQUIREMENTS[@]}"
    venv_fingerprint >"$VENV_STAMP"
    echo "scripts/test.sh: target/test-venv ready in $((SECONDS - started)) s" >&2
}

install_only=false
if [[ "${1:-}" == "--install-only" ]]; then
    install_only=true
    shift
fi

install_test_deps
install_test_venv
if [[ "$install_only" == true ]]; then
    exit 0
fi

export BACKUP_TUI_MOTO="$VENV/bin/moto_server"
export BACKUP_TUI_AWS_CLI="$VENV/bin/aws"
"${CARGO_TEST[@]}" "$@"
