#!/usr/bin/env bash
# The nightly regression run (deploy/systemd/bench-nightly.service starts it): runs the nightly campaign into a
# folder named after tonight's date, holds its thresholds against the last night that passed (--baseline that
# night's summary.json; the campaign's own committed baseline when there is none yet), records the exit code,
# points `latest` at tonight and keeps the last N nights.
#
#   bench-nightly [EXTRA BENCH RUN OPTIONS...]      e.g. bench-nightly --set terminal.responseTimeout=45s
#
# Settings (environment; the service reads /etc/default/bench-nightly):
#   BENCH_EXECUTABLE        the bench program               default: bench next to this script
#   BENCH_NIGHTLY_CAMPAIGN  the campaign file               default: fixtures/campaigns/nightly.yaml (from the working directory)
#   BENCH_NIGHTLY_ROOT      where the nights are kept       default: $STATE_DIRECTORY/nightly (systemd), else /var/lib/bench/nightly
#   BENCH_NIGHTLY_KEEP      how many nights to keep         default: 30 (the last night that passed is always kept)
#
# Exits with bench run's exit code (README: 0 passed, 1 threshold moved / money lost / expectation failed, 2 bad
# input, 3 rig fault, 4 internal error, 130 cancelled), so the service fails on anything but 0.
set -uo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
bench="${BENCH_EXECUTABLE:-$here/bench}"
campaign="${BENCH_NIGHTLY_CAMPAIGN:-fixtures/campaigns/nightly.yaml}"
root="${BENCH_NIGHTLY_ROOT:-${STATE_DIRECTORY:-/var/lib/bench}/nightly}"
keep="${BENCH_NIGHTLY_KEEP:-30}"
bad_input=2

say() { echo "bench-nightly: $*" >&2; }

if ! [[ "$keep" =~ ^[1-9][0-9]*$ ]]; then
  say "BENCH_NIGHTLY_KEEP: '$keep' is not a number of nights (1 or more)"
  exit "$bad_input"
fi
if [ ! -x "$bench" ]; then
  say "BENCH_EXECUTABLE: $bench is not an executable bench (publish it with deploy/publish-pi.sh)"
  exit "$bad_input"
fi
if [ ! -f "$campaign" ]; then
  say "BENCH_NIGHTLY_CAMPAIGN: $campaign does not exist (relative to $(pwd))"
  exit "$bad_input"
fi
if ! mkdir -p "$root"; then
  say "BENCH_NIGHTLY_ROOT: cannot create $root"
  exit "$bad_input"
fi

# Night folders are YYYY-MM-DD, or YYYY-MM-DD-HHMMSS for a second run on the same day: name order is time order.
nights() {
  find "$root" -mindepth 1 -maxdepth 1 -type d -regextype posix-extended \
    -regex '.*/[0-9]{4}-[0-9]{2}-[0-9]{2}(-[0-9]{6})?' -printf '%f\n' | sort
}

# The newest night whose run exited 0. A night that failed (a threshold moved, money lost), was cancelled or hit a
# rig fault is no baseline: holding tomorrow against a moved threshold would accept the move after one red night.
last_passed_night() {
  nights | sort -r | while read -r night; do
    if [ "$(cat "$root/$night/exit-code" 2>/dev/null)" = "0" ] && [ -f "$root/$night/summary.json" ]; then
      echo "$night"
      break
    fi
  done
}

# Created here, atomically, so two runs never share a folder; a second run the same day gets the time as well.
night="$(date +%F)"
attempts=0
until mkdir "$root/$night" 2>/dev/null; do
  attempts=$((attempts + 1))
  if [ "$attempts" -gt 3 ]; then
    say "cannot create a night folder in $root (last tried $night)"
    exit "$bad_input"
  fi
  [ "$attempts" -gt 1 ] && sleep 1
  night="$(date +%F-%H%M%S)"
done
out="$root/$night"

baseline=()
previous="$(last_passed_night)"
if [ -n "$previous" ]; then
  baseline=(--baseline "$root/$previous/summary.json")
  say "night $night, baseline: night $previous"
else
  say "night $night, baseline: the campaign's own (no earlier night passed)"
fi

# systemd stops the service with SIGINT to every process of the unit (KillSignal=SIGINT, KillMode=control-group),
# as Ctrl-C in a terminal signals the whole foreground group: bench gets it itself and marks the run cancelled.
# The trap only keeps this script alive meanwhile, to record the exit code; a trapped signal is not inherited, so
# bench still sees SIGINT at its default disposition and installs its own handler.
trap 'say "stop requested: waiting for the run to mark itself cancelled"' INT TERM
"$bench" run "$campaign" --out "$out" "${baseline[@]}" "$@"
status=$?
trap - INT TERM

if [ -d "$out" ]; then
  echo "$status" >"$out/exit-code"
  ln -sfn "$night" "$root/latest"
fi
say "night $night ended with exit code $status: $out"

# Keep the newest $keep nights, and always the night the next run will hold itself against.
keep_also="$(last_passed_night)"
nights | head -n -"$keep" | while read -r old; do
  if [ "$old" != "$keep_also" ]; then
    rm -rf -- "${root:?}/$old"
    say "removed night $old (keeping $keep)"
  fi
done

exit "$status"
