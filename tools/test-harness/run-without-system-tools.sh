#!/usr/bin/env bash
# Runs a command (default: `npm test`) as on a fresh machine with Node.js and npm only: every system
# program and Debian python module in tools/test-harness/system-tools.json (Chromium, pdflatex and
# kpsewhich, pdftotext, ffmpeg and ffprobe, redis-server; numpy, PIL, scipy, skimage, torch, onnx) is
# hidden for the command alone, in a private mount namespace (`unshare -m`, so root), by bind-mounting
# an empty, non-executable file over each program and an empty folder over each module's folder.
# Nothing outside the command sees a change, and the mounts vanish when it ends.
#
# The tests that need a hidden tool must skip with the reason and the Debian package, and the run must
# end with the line that counts them ("N system checks skipped: chromium, ..."). Before running the
# command, the script checks through system-tools-fingerprint.js (what the tests' Nx cache key sees)
# that every tool is really hidden, and refuses to go on otherwise.
#
#   sudo tools/test-harness/run-without-system-tools.sh                                     # the suite
#   sudo tools/test-harness/run-without-system-tools.sh npx nx run @evalkit/media-io:test  # one project
#
# The Nx daemon is turned off (it runs outside the namespace and would hash with the tools visible);
# EVALKIT_REQUIRE_SYSTEM_TOOLS, EVALKIT_CHROMIUM, CHROME_PATH and EVALKIT_PYTHON are unset.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"

if [ "$(id -u)" != 0 ]; then
  echo "run-without-system-tools.sh: needs root: it hides the programs in a private mount namespace (unshare -m)" >&2
  exit 2
fi
if [ -z "${EVALKIT_TOOLS_HIDDEN:-}" ]; then
  # Re-enter this script inside a new mount namespace whose mounts do not propagate back.
  exec unshare --mount --propagation private env EVALKIT_TOOLS_HIDDEN=1 "$0" "$@"
fi

unset EVALKIT_REQUIRE_SYSTEM_TOOLS EVALKIT_CHROMIUM CHROME_PATH EVALKIT_PYTHON
export NX_DAEMON=false

scratch="$(mktemp -d)"
# The bind mounts keep the scratch files busy until the namespace ends, so removing them can fail
# here; that must not turn the command's exit status into 1.
trap 'rm -rf "$scratch" 2>/dev/null || true' EXIT
mkdir "$scratch/empty-dir"
: >"$scratch/empty-file"
chmod 0644 "$scratch/empty-file"

hidden=()
hide() {
  # Mounts over the real path (a link such as /usr/bin/pdflatex -> pdftex is followed by mount anyway).
  local path="$1" real
  real="$(readlink -f "$path")"
  if [ -d "$real" ]; then mount --bind "$scratch/empty-dir" "$real"; else mount --bind "$scratch/empty-file" "$real"; fi
  hidden+=("$path")
}

# Programs: the executables of system-tools.json and the names a Chromium is looked up under, at every
# place on PATH they are found.
programs="$(node -e '
  const { tools } = require(process.argv[1]);
  const names = new Set(["chromium", "chromium-browser", "google-chrome"]);
  for (const t of Object.values(tools)) for (const e of t.executables || []) names.add(e);
  console.log([...names].join(" "));
' "$here/system-tools.json")"
for name in $programs; do
  while IFS= read -r path; do
    [ -n "$path" ] && hide "$path"
  done < <(type -aP "$name" | xargs -r -n1 readlink -f | sort -u)
done

# Debian's python modules: an empty folder over each package folder imports as an empty namespace
# package, which the harness (and the fingerprint) count as absent.
modules="$(node -e '
  const { tools } = require(process.argv[1]);
  console.log(Object.values(tools).flatMap((t) => t.pythonModules || []).join(" "));
' "$here/system-tools.json")"
if [ -x /usr/bin/python3 ]; then
  for module in $modules; do
    dir="$(/usr/bin/python3 -c "import importlib.util as u, sys; s = u.find_spec(sys.argv[1]); print(s.submodule_search_locations[0] if s and s.submodule_search_locations else '')" "$module" 2>/dev/null || true)"
    [ -n "$dir" ] && hide "$dir"
  done
fi

echo "run-without-system-tools: hidden for this command: ${hidden[*]:-nothing (none installed)}" >&2
seen="$(node "$here/system-tools-fingerprint.js")"
echo "run-without-system-tools: system tools the tests see: $seen" >&2
if [[ " $seen " == *"=1"* ]]; then
  echo "run-without-system-tools: some tool is still visible; not running the command" >&2
  exit 1
fi

cd "$root"
if [ "$#" -eq 0 ]; then set -- npm test; fi
"$@"
