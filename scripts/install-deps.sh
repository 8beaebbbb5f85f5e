#!/usr/bin/env bash
# Installs the Debian packages Spar builds against, if they are missing.
# As root it runs apt-get; otherwise it prints the exact command and stops with an error.
# Usage: scripts/install-deps.sh [extra-package ...]   (extra packages: for the benchmarks, e.g. lua5.4)
set -euo pipefail
needed=(libedit-dev libopenblas-dev "$@")
missing=()
for p in "${needed[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
cmd="apt-get update && apt-get install -y ${missing[*]}"
if [ "$(id -u)" -ne 0 ]; then
    echo "spar: missing system packages: ${missing[*]}" >&2
    echo "spar: install them with:  sudo sh -c '$cmd'" >&2
    exit 1
fi
echo "spar: installing ${missing[*]} with apt-get" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq "${missing[@]}" >/dev/null
