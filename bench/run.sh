#!/usr/bin/env bash
# bench/run.sh - run every benchmark of `make bench` and print one table.
#
#   bash bench/run.sh [BUILD_DIR]        (make bench does this)
#
# BUILD_DIR (default build/bench) holds the -O2 -DNDEBUG binaries:
# netstep, bench_sim, tap_raw, tcp_pair.  Each measurement is one JSON
# line in bench/out/raw.jsonl; bench/report.py turns them into the table
# (median and spread of the repetitions) and bench/results.json.
#
# Knobs (environment):
#   BENCH_REPS=5                repetitions of each timed run
#   BENCH_BYTES=268435456       bulk TCP transfer, trace off (256 MiB)
#   BENCH_TRACE_BYTES=8388608   the same with the trace on (8 MiB: the
#                               text trace is ~37 bytes of file per byte sent)
#   BENCH_TAP_BYTES=67108864    netstep <-> kernel over the TAP, each way (64 MiB)
#   BENCH_VETH_BYTES=1073741824 kernel -> kernel over veth (1 GiB)
#   BENCH_RAW_SECS=2            raw TAP write run length
#   BENCH_SESSION_SECS=60       the long trace-on session (for peak RSS)
#   BENCH_UI_STEPS=50000        steps the UI takes with s to time stepping
#   BENCH_CALLGRIND=1           instructions per frame with callgrind (0: skip)
#   BENCH_LAB=1                 the lab benchmarks when root (0: skip them)
#   BENCH_ONLY="sim callgrind hash scale session rss lab"   the parts to run (default: all)
#   BENCH_OUT=bench/out         raw measurements and scratch files
#   BENCH_RESULTS=bench/results.json
#
# The hash part runs the trace-off callgrind transfers again natively
# under bench/hash_steps, which single-steps the sink's EVP_DigestUpdate
# calls: the instructions the CPU runs in the hash, SHA instructions and
# all (valgrind cannot run those instructions).  About 2.5 minutes:
# ~100k steps a second, 11 million steps at 4 MiB.
#
# The lab benchmarks need root: they build their own lab (lab/lab.sh up
# --name nsb<pid> --no-listen), add a second TAP for the raw writer, and
# always take it down again (trap).  No packet leaves those namespaces.
# Without root they are skipped and the table says so.  Numbers never make
# this script fail; a benchmark that cannot run is reported as skipped.
set -u
cd "$(dirname "$0")/.." || exit 1

B=${1:-build/bench}
REPS=${BENCH_REPS:-5}
BYTES=${BENCH_BYTES:-268435456}
TBYTES=${BENCH_TRACE_BYTES:-8388608}
TAPBYTES=${BENCH_TAP_BYTES:-67108864}
VETHBYTES=${BENCH_VETH_BYTES:-1073741824}
RAWSECS=${BENCH_RAW_SECS:-2}
SESSION=${BENCH_SESSION_SECS:-60}
UISTEPS=${BENCH_UI_STEPS:-50000}
CALLGRIND=${BENCH_CALLGRIND:-1}
LAB=${BENCH_LAB:-1}
ONLY=${BENCH_ONLY:-sim callgrind hash scale session rss lab}
OUT=${BENCH_OUT:-bench/out}
RESULTS=${BENCH_RESULTS:-bench/results.json}
RAW=$OUT/raw.jsonl
mkdir -p "$OUT"
: >"$RAW"

note() { echo "bench: $*" >&2; }
# rec NAME CMD...: one measurement (CMD prints a JSON object) into $RAW.
rec() {
	local name=$1 line
	shift
	if line=$("$@" 2>>"$OUT/errors.log") && [ -n "$line" ]; then
		echo "{\"bench\":\"$name\",\"data\":$line}" >>"$RAW"
	else
		note "$name: failed (see $OUT/errors.log)"
		echo "{\"bench\":\"$name\",\"error\":true}" >>"$RAW"
	fi
}
skip() { echo "{\"bench\":\"$1\",\"skipped\":\"$2\"}" >>"$RAW"; note "skipped $1: $2"; }
# only PART BENCH...: true if PART is to run, else the benches say so.
only() {
	local part=$1 b
	shift
	[[ " $ONLY " == *" $part "* ]] && return 0
	for b in "$@"; do echo "{\"bench\":\"$b\",\"skipped\":\"not in BENCH_ONLY\"}" >>"$RAW"; done
	return 1
}
meta() { echo "{\"bench\":\"meta\",\"data\":{\"$1\":\"$2\"}}" >>"$RAW"; }

meta cpu "$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
meta nproc "$(nproc)"
meta kernel "$(uname -r)"
meta date "$(date -u +%Y-%m-%dT%H:%MZ)"
for k in REPS BYTES TBYTES TAPBYTES VETHBYTES RAWSECS SESSION UISTEPS; do meta "$k" "${!k}"; done

for f in bench_sim netstep tap_raw tcp_pair hash_steps; do
	[ -x "$B/$f" ] || { note "missing $B/$f (run make bench)"; exit 1; }
done
# What the sending program writes: whole copies of a 16 MiB file
# (`send 3 @FILE`), so that building `send N`'s byte pattern (a user-space
# cost, not the stack's) stays out of the figures.
PAYLOAD=$OUT/payload16m.bin
[ -s "$PAYLOAD" ] || head -c 16777216 /dev/urandom >"$PAYLOAD"
# The callgrind runs send 1 and 4 copies of its first MiB.
PAYLOAD1M=$OUT/payload1m.bin
[ -s "$PAYLOAD1M" ] || head -c 1048576 "$PAYLOAD" >"$PAYLOAD1M"

# ---- 1, 2: the simulated wire ------------------------------------------------
if only sim sim_off sim_on_small_off sim_on sim_on_trace_only; then
	note "1. simulated wire, trace off: $REPS x $BYTES bytes"
	for i in $(seq "$REPS"); do rec sim_off "$B/bench_sim" xfer "$BYTES" --payload "$PAYLOAD"; done

	note "2. simulated wire, trace on (text trace file + 100000-event history): $REPS x $TBYTES bytes"
	for i in $(seq "$REPS"); do
		rec sim_on_small_off "$B/bench_sim" xfer "$TBYTES"
		rec sim_on "$B/bench_sim" xfer "$TBYTES" --trace "$OUT/trace.txt" --history 100000
		rec sim_on_trace_only "$B/bench_sim" xfer "$TBYTES" --trace "$OUT/trace.txt"
	done
	rm -f "$OUT/trace.txt"
fi

if ! only callgrind callgrind; then
	:
elif [ "$CALLGRIND" = 1 ] && command -v valgrind >/dev/null; then
	note "1b. instructions per frame (callgrind, deterministic)"
	# BYTES [ARGS]: {"ir":N,"hash_ir":N,"hash_call_ir":N,"frames":N,"funcs":{NAME:N}}
	cg() {
		local bytes=$1 log=$OUT/callgrind.log cgo=$OUT/callgrind.out j calls
		shift
		j=$(valgrind --tool=callgrind --callgrind-out-file="$cgo" "$B/bench_sim" xfer "$bytes" \
			--payload "$PAYLOAD1M" "$@" 2>"$log") || return 1
		# Everything run inside the sink's EVP_DigestUpdate calls, what
		# they call included: the part the hash part below counts on the CPU.
		calls=$(callgrind_annotate --inclusive=yes --threshold=100 "$cgo" 2>/dev/null |
			sed -n 's/^ *\([0-9,]*\) (.*:EVP_DigestUpdate .*/\1/p' | head -n 1 | tr -d ,)
		# Each function's own cost; the sink's SHA-256 is all of
		# libcrypto (nothing else of it runs in a transfer).
		callgrind_annotate --threshold=100 "$cgo" 2>/dev/null | python3 -c '
import json, re, sys
frames = json.loads(sys.argv[1])["frames"]
total, funcs = 0, {}
for line in sys.stdin:
    m = re.match(r"\s*([\d,]+) \(\s*[\d.]+%\)\s+(.*)", line)
    if not m:
        continue
    ir, name = int(m.group(1).replace(",", "")), m.group(2)
    if "PROGRAM TOTALS" in name:
        total = ir
        continue
    if "libcrypto" in name:
        name = "libcrypto (the sink\x27s SHA-256)"
    else:
        name = re.sub(r"\s*\[.*\]$", "", name).split(":")[-1]
    funcs[name] = funcs.get(name, 0) + ir
if not total:
    sys.exit(1)
print(json.dumps({"ir": total, "hash_ir": funcs.get("libcrypto (the sink\x27s SHA-256)", 0),
                  "hash_call_ir": int(sys.argv[2] or 0), "frames": frames, "funcs": funcs}))' \
			"$j" "$calls"
		local rc=$?
		rm -f "$cgo"
		return $rc
	}
	# The difference of two sizes: setup and teardown cancel out.
	rec cg_off_1m cg 1048576
	rec cg_off_4m cg 4194304
	rec cg_on_1m cg 1048576 --trace /dev/null --history 100000
	rec cg_on_2m cg 2097152 --trace /dev/null --history 100000
	rec cg_hist_1m cg 1048576 --history 100000
	rec cg_hist_2m cg 2097152 --history 100000
	rec cg_text_1m cg 1048576 --trace /dev/null
	rec cg_text_2m cg 2097152 --trace /dev/null
else
	skip callgrind "valgrind not installed or BENCH_CALLGRIND=0"
fi

# ---- 1c: the hash as the CPU runs it ------------------------------------------
# The two trace-off callgrind transfers, natively: the same frames, with
# hash_steps counting the instructions of every EVP_DigestUpdate call.
if only hash hs_off_1m hs_off_4m; then
	note "1c. the sink's hash on the CPU (single-stepping EVP_DigestUpdate; about 3.5 minutes)"
	rec hs_off_1m "$B/hash_steps" "$B/bench_sim" xfer 1048576 --payload "$PAYLOAD1M"
	rec hs_off_4m "$B/hash_steps" "$B/bench_sim" xfer 4194304 --payload "$PAYLOAD1M"
fi

# ---- 6: scale ----------------------------------------------------------------
if only scale route_10 route_1000 route_100000 neigh_10 neigh_10000 ring_80 ring_256 ring_1024 \
	ring_4096; then
	note "6. scale: route and neighbour lookups, ring sizes"
	for n in 10 1000 100000; do
		for i in $(seq "$REPS"); do rec "route_$n" "$B/bench_sim" route "$n"; done
	done
	for n in 10 10000; do
		for i in $(seq "$REPS"); do rec "neigh_$n" "$B/bench_sim" neigh "$n"; done
	done
	# 64 is below the 3.10 igb minimum (IGB_MIN_TXD 80): ethtool -G refuses it.
	for r in 80 256 1024 4096; do
		for i in $(seq 3); do rec "ring_$r" "$B/bench_sim" xfer 33554432 --ring "$r"; done
	done
fi
if only session session; then
	note "6. long trace-on session: $SESSION s of back-to-back 4 MiB transfers (trace text to /dev/null)"
	rec session "$B/bench_sim" xfer 4194304 --trace /dev/null --history 100000 --seconds "$SESSION"
fi

# ---- 7: memory while sending one big file ----------------------------------
if only rss rss_256m rss_1024m; then
	note "7. peak RSS sending one 256 MiB and one 1 GiB file (send 3 @FILE), $REPS x each"
	for n in 16 64; do
		f=$OUT/payload$((n * 16))m.bin
		for i in $(seq "$n"); do cat "$PAYLOAD"; done >"$f"
		for i in $(seq "$REPS"); do
			rec "rss_$((n * 16))m" "$B/bench_sim" xfer $((n * 16777216)) --payload "$f"
		done
		rm -f "$f"
	done
fi

# ---- 7: the step-through UI, driven headless ---------------------------------
# ui_time KEYS SCRIPT [WANT]: the UI on SCRIPT (-e), keys KEYS, screen to a
# file; {"wall_s":S,"step":N} with N the step it ended on.  WANT: a text
# the status line must show (the breakpoint was reached), else a failure.
ui_time() {
	local keys=$1 script=$2 want=${3:-} t0 t1 step
	t0=$(date +%s.%N)
	COLUMNS=120 LINES=40 "$B/netstep" -e "$script" --keys "$keys" --dump-screen "$OUT/ui.txt" ||
		return 1
	t1=$(date +%s.%N)
	[ -z "$want" ] || tail -n 1 "$OUT/ui.txt" | grep -q -- "$want" || return 1
	step=$(sed -n '1s/.*step \([0-9]*\).*/\1/p' "$OUT/ui.txt")
	echo "{\"wall_s\":$(awk -v a="$t0" -v b="$t1" 'BEGIN { print b - a }'),\"step\":${step:-0}}"
}
note "7. the UI: c to a breakpoint at the end of a transfer (1, 8, 64 MiB); stepping at rings 256 and 4096"
for mb in 1 8 64; do
	for i in $(seq 3); do
		rec "ui_c_${mb}m" ui_time "b tcp_fin c" \
			"socket tcp; connect 10.0.1.2:9000; send 3 $((mb * 1048576)); close 3" \
			"Breakpoint 1, tcp_fin"
	done
done
# The same stop, then $UISTEPS steps with s: the difference is what stepping costs.
rings4096="ethtool -G eth0 rx 4096 tx 4096; on router ethtool -G eth0 rx 4096 tx 4096"
rings4096="$rings4096; on router ethtool -G eth1 rx 4096 tx 4096"
rings4096="$rings4096; on server ethtool -G eth0 rx 4096 tx 4096"
xfer="socket tcp; connect 10.0.1.2:9000; send 3 1048576; close 3"
for r in 256 4096; do
	pre=""
	[ "$r" = 4096 ] && pre="$rings4096; "
	for i in $(seq 3); do
		rec "ui_stop_$r" ui_time "b tcp_sendmsg c" "$pre$xfer" "Breakpoint 1, tcp_sendmsg"
		rec "ui_step_$r" ui_time "b tcp_sendmsg c s*$UISTEPS" "$pre$xfer"
	done
done
rm -f "$OUT/ui.txt"

# ---- 3, 4, 5: the lab (root) -------------------------------------------------
lab_bench() {
	local lab=nsb$$ kns srv rawtap=nsbraw0 mac rpid i
	kns=$lab-kern
	srv=$lab-srv
	cleanup() {
		bash lab/lab.sh down --name "$lab" >/dev/null 2>&1
	}
	trap cleanup EXIT INT TERM
	if ! bash lab/lab.sh up --name "$lab" --tap nsbtap0 --no-listen >"$OUT/lab.log" 2>&1; then
		skip lab "lab/lab.sh up failed (see $OUT/lab.log)"
		return
	fi
	# recv_into NS ADDR-for-log: start a receiver, wait until it listens.
	start_recv() {
		rm -f "$OUT/ready"
		ip netns exec "$srv" "$B/tcp_pair" recv 9000 "$OUT/ready" >"$OUT/recv.json" 2>>"$OUT/errors.log" &
		rpid=$!
		for _ in $(seq 50); do [ -f "$OUT/ready" ] && return 0; sleep 0.1; done
		return 1
	}
	finish_recv() {	# NAME: wait (bounded by tcp_pair's alarm) and record
		wait "$rpid"
		if [ -s "$OUT/recv.json" ]; then
			echo "{\"bench\":\"$1\",\"data\":$(cat "$OUT/recv.json")}" >>"$RAW"
		else
			echo "{\"bench\":\"$1\",\"error\":true}" >>"$RAW"
		fi
	}
	note "3. TAP wire: netstep -> kernel listener (via the lab's kernel router), $REPS x $TAPBYTES bytes"
	local script="socket tcp; connect 3 10.0.1.2:9000" left=$TAPBYTES n
	while [ "$left" -ge 16777216 ]; do
		script="$script; send 3 @$PAYLOAD"
		left=$((left - 16777216))
	done
	[ "$left" -gt 0 ] && script="$script; send 3 $left"
	script="$script; close 3"
	for i in $(seq "$REPS"); do
		start_recv || { skip tap "receiver did not start"; break; }
		timeout 300 ip netns exec "$kns" "$B/netstep" --wire tap --tap nsbtap0 --headless \
			-e "$script" >/dev/null 2>>"$OUT/errors.log"
		finish_recv tap
	done
	note "3b. TAP wire: kernel -> netstep's sink, $REPS x $TAPBYTES bytes (timed by the sender)"
	for i in $(seq "$REPS"); do
		timeout 300 ip netns exec "$kns" "$B/netstep" --wire tap --tap nsbtap0 --headless \
			-e "listen 9000; recv 9000 timeout 30" >"$OUT/tap_in.out" 2>>"$OUT/errors.log" &
		rpid=$!
		rec tap_in ip netns exec "$srv" "$B/tcp_pair" send 10.0.0.2 9000 "$TAPBYTES"
		wait "$rpid"
	done
	note "4. raw TAP write limit: $REPS x $RAWSECS s"
	ip -n "$kns" tuntap add dev "$rawtap" mode tap &&
		ip -n "$kns" addr add 10.9.0.1/24 dev "$rawtap" &&
		ip -n "$kns" link set "$rawtap" up
	mac=$(ip netns exec "$kns" cat "/sys/class/net/$rawtap/address")
	for i in $(seq "$REPS"); do
		rec tap_raw ip netns exec "$kns" "$B/tap_raw" "$rawtap" "$mac" "$RAWSECS"
	done
	note "5. the kernel's own path: TCP over veth between two namespaces, $REPS x $VETHBYTES bytes"
	for i in $(seq "$REPS"); do
		start_recv || { skip veth "receiver did not start"; break; }
		ip netns exec "$kns" "$B/tcp_pair" send 10.0.1.2 9000 "$VETHBYTES" >/dev/null 2>>"$OUT/errors.log"
		finish_recv veth
	done
	cleanup
	trap - EXIT INT TERM
}
if ! only lab tap tap_in tap_raw veth; then
	:
elif [ "$LAB" != 1 ]; then
	for b in tap tap_in tap_raw veth; do skip "$b" "BENCH_LAB=0"; done
elif [ "$(id -u)" -eq 0 ] && command -v ip >/dev/null; then
	lab_bench
else
	for b in tap tap_in tap_raw veth; do skip "$b" "needs root (network namespaces, TAP)"; done
fi

python3 bench/report.py "$RAW" "$RESULTS"
