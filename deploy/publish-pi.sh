#!/usr/bin/env bash
# Publishes the bench for the Raspberry Pi (linux-arm64, self-contained) and checks that the output can run
# there: the bench executable for arm64, SkiaSharp's native library for the plots, SQLite's for results.db,
# HarfBuzz's for ScottPlot's text and System.IO.Ports' for the serial devices. Fails loudly when any is
# missing or built for another machine.
#
#   deploy/publish-pi.sh [OUTPUT_DIR]      default: .build/pi/bench
#
# The folder is the whole install (program, fixtures/, bench-nightly, deploy/): copy it to the Pi, e.g.
# rsync -a --delete .build/pi/bench/ pi@bench-pi:/opt/bench/ (deploy/README.md).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
output="${1:-$root/.build/pi/bench}"
runtime=linux-arm64

fail() {
  echo "publish-pi: FAILED: $*" >&2
  exit 1
}

command -v dotnet >/dev/null || fail "the .NET SDK (dotnet) is not on PATH"

# Self-contained: the Pi needs no .NET runtime installed, and the runtime the bench was tested with is the one
# it runs on (an apt upgrade on the Pi cannot change it). Not trimmed: YamlDotNet and System.CommandLine use
# reflection. Not single-file: the native libraries stay plain files next to the executable, where the checks
# below (and ldd on the Pi) can see them. RuntimeIdentifier on the command line, so no project file names a
# machine.
rm -rf "$output"
echo "publish-pi: publishing controller/Bench.Cli for $runtime into $output" >&2
dotnet publish "$root/controller/Bench.Cli/Bench.Cli.csproj" \
  --configuration Release \
  --runtime "$runtime" \
  --self-contained true \
  --output "$output" \
  -p:PublishTrimmed=false \
  -p:PublishSingleFile=false \
  -p:DebugType=none \
  --nologo

# Every native file the bench loads on the Pi, with the machine its ELF header must name.
required=(
  "bench"                           # the apphost: ./bench on the Pi
  "libSkiaSharp.so"                 # ScottPlot's renderer (SkiaSharp.NativeAssets.Linux.NoDependencies 3.119.x)
  "libHarfBuzzSharp.so"             # ScottPlot's text shaping
  "libe_sqlite3.so"                 # Microsoft.Data.Sqlite (SQLitePCLRaw bundle_e_sqlite3)
  "libSystem.IO.Ports.Native.so"    # System.IO.Ports: the ECR and console serial devices
  "libcoreclr.so"                   # the runtime itself (self-contained)
)

# e_machine (ELF offset 18, little endian): 0xB7 = AArch64.
elf_machine() {
  od -An -t x2 -j 18 -N 2 "$1" | tr -d ' \n'
}

problems=0
for file in "${required[@]}"; do
  path="$output/$file"
  if [ ! -f "$path" ]; then
    echo "publish-pi: missing $file in $output" >&2
    problems=$((problems + 1))
    continue
  fi
  machine="$(elf_machine "$path")"
  if [ "$machine" != "00b7" ]; then
    echo "publish-pi: $file is not an AArch64 binary (ELF machine 0x$machine; 0x00b7 expected)" >&2
    problems=$((problems + 1))
  fi
done

[ -x "$output/bench" ] || { echo "publish-pi: $output/bench is not executable" >&2; problems=$((problems + 1)); }
[ -f "$output/bench.dll" ] || { echo "publish-pi: missing bench.dll in $output" >&2; problems=$((problems + 1)); }

# SkiaSharp 4.x would not match ScottPlot 5's managed SkiaSharp 3.119.x: the native library must be 3.119.
if [ -f "$output/bench.deps.json" ] && ! grep -q '"SkiaSharp.NativeAssets.Linux.NoDependencies/3\.119\.' "$output/bench.deps.json"; then
  echo "publish-pi: bench.deps.json does not name SkiaSharp.NativeAssets.Linux.NoDependencies 3.119.x" >&2
  problems=$((problems + 1))
fi

# A native library for another machine next to the arm64 ones would only hide a missing arm64 one.
strays="$(find "$output" -name '*.so' -type f | while read -r library; do
  [ "$(elf_machine "$library")" = "00b7" ] || echo "${library#"$output"/}"
done)"
if [ -n "$strays" ]; then
  echo "publish-pi: native libraries not built for AArch64: $strays" >&2
  problems=$((problems + 1))
fi

[ "$problems" -eq 0 ] || fail "$problems problem(s) in $output: it would not run on the Pi"

# What the Pi needs besides the program, so the folder is the whole install: the fixtures (campaigns, rigs,
# terminals, cards, hosts, baselines; `./bench rig check fixtures/rigs/pi5-rig.yaml` works from it), the nightly
# wrapper, and the unit and udev files with their README.
mkdir -p "$output/deploy"
cp -R "$root/fixtures" "$output/fixtures"
install -m 0755 "$root/deploy/bench-nightly.sh" "$output/bench-nightly"
cp -R "$root/deploy/systemd" "$root/deploy/udev" "$root/deploy/README.md" "$output/deploy/"

size="$(du -sh "$output" | cut -f1)"
files="$(find "$output" -type f | wc -l)"
echo "publish-pi: ok: $output ($size, $files files), linux-arm64 self-contained"
echo "publish-pi: copy it to the Pi, e.g. rsync -a --delete '$output/' pi@bench-pi:/opt/bench/"
