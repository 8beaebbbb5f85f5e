#!/usr/bin/env bash
# Reads a run folder (g.run(..., log: "runs/NAME")) with the real TensorBoard package and checks
# every scalar against the folder's metrics.csv. Makes bench/.venv with tensorboard on first use.
#   scripts/check_tensorboard.sh runs/NAME
set -euo pipefail
cd "$(dirname "$0")/.."
folder="${1:?usage: scripts/check_tensorboard.sh RUN_FOLDER}"
venv=bench/.venv
if [ ! -x "$venv/bin/python" ] || ! "$venv/bin/python" -c "import tensorboard" 2>/dev/null; then
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet tensorboard
fi
exec "$venv/bin/python" Tests/EngineTests/Fixtures/tensorboard_reference.py read "$folder"
