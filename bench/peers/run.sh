#!/usr/bin/env bash
# npm run bench:peers: cnisim against its peers, side by side in one run, on this machine.
#   1. Event engine vs ns-3 (Debian libns3-dev): the hold model at 1,000 and 1,000,000 pending events, cnisim's
#      Simulation (one handler, and eight handlers taking turns) against ns-3 with each scheduler (Map, Heap,
#      Calendar, PriorityQueue), same increment table.
#   2. Per-packet full path: the WASM kernel (release build) vs the same path in C compiled with gcc -O2
#      (path.c), on the kernel bench's workload; path.c first checks that its output is byte-identical.
# Rounds interleave every program so drift in machine load hits all alike. Every repetition's line goes to
# bench/results/peers-raw.csv; bench/peers/summarize.ts writes the medians and ratios to bench/results/peers.csv.
#
# Environment: PEERS_ROUNDS (default 3), PEERS_REPS (repetitions per process and round, default 3; the first of
# each process is a warm-up and is dropped), PEERS_QUICK=1 (one short round: a smoke test, not a measurement).
set -euo pipefail
cd "$(dirname "$0")/../.."
ROUNDS=${PEERS_ROUNDS:-3}
REPS=${PEERS_REPS:-3}
EVENTS_SMALL=2000000
EVENTS_LARGE=2000000
MEAN_NS=1000000
SIZES=(1000 1000000)
BATCHES=(1024 1048576)
if [[ "${PEERS_QUICK:-0}" == 1 ]]; then ROUNDS=1; REPS=2; EVENTS_SMALL=200000; EVENTS_LARGE=200000; SIZES=(1000 100000); BATCHES=(1024 65536); fi
SCHEDULERS=(MapScheduler HeapScheduler CalendarScheduler PriorityQueueScheduler)
WORK=${TMPDIR:-/tmp}/cnisim-peers
RESULTS=bench/results
mkdir -p "$WORK" "$RESULTS"

if [[ ! -e /usr/include/ns3/core-module.h ]] || ! command -v g++ >/dev/null || ! command -v gcc >/dev/null; then
  echo "installing libns3-dev, g++ and gcc with apt-get …" >&2
  SUDO=""; [[ $(id -u) -ne 0 ]] && SUDO=sudo
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends libns3-dev g++ gcc >&2
fi
echo "compiling the peers …" >&2
# Linked against libns3-core only: Debian's ns3-core.pc also names libgsl's .so, which libns3-dev does not pull in.
g++ -O2 -std=c++17 -o "$WORK/ns3-hold" bench/peers/ns3-hold.cc -lns3-core
gcc -O2 -o "$WORK/path" bench/peers/path.c
TSX=node_modules/.bin/tsx
NS3_VERSION=$(dpkg-query -W -f='${Version}' libns3-dev 2>/dev/null || echo unknown)
GCC_VERSION=$(gcc -dumpfullversion)

RAW="$RESULTS/peers-raw.csv"
echo "round,program,size,items,wall_s,cpu_s,rep" > "$RAW"
run() { # round, command…: tags each output line with the round and its repetition number
  local round=$1; shift
  "$@" | awk -v r="$round" -F, 'BEGIN{OFS=","} {print r,$1,$2,$3,$4,$5,NR}' >> "$RAW"
}
for ((round = 1; round <= ROUNDS; round++)); do
  echo "round $round of $ROUNDS …" >&2
  for pending in "${SIZES[@]}"; do
    events=$EVENTS_SMALL; [[ $pending -ge 100000 ]] && events=$EVENTS_LARGE
    run "$round" $TSX bench/peers/cnisim-hold.ts "$pending" "$events" "$REPS" "$MEAN_NS"
    run "$round" $TSX bench/peers/cnisim-hold.ts "$pending" "$events" "$REPS" "$MEAN_NS" 8
    for s in "${SCHEDULERS[@]}"; do
      # ns-3's calendar queue degrades badly with this many pending events (docs/performance.md): at 1,000,000
      # its run does not finish in minutes, so it is measured up to 100,000 pending only.
      if [[ $s == CalendarScheduler && $pending -gt 100000 ]]; then continue; fi
      run "$round" "$WORK/ns3-hold" "ns3::$s" "$pending" "$events" "$REPS" "$MEAN_NS"
    done
  done
  for batch in "${BATCHES[@]}"; do
    run "$round" $TSX bench/peers/wasm-path.ts "$WORK/path-$batch" "$batch" 64 "$REPS"
    "$WORK/path" "$WORK/path-$batch" "$REPS" > "$WORK/path-$batch.csv"
    run "$round" cat "$WORK/path-$batch.csv"
  done
done
rm -f "$WORK"/path-*.in "$WORK"/path-*.out
$TSX bench/peers/summarize.ts "$RAW" "$RESULTS/peers.csv" "ns-3 $NS3_VERSION" "gcc $GCC_VERSION -O2"
