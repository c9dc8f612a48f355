#!/usr/bin/env bash
# tests/soak.sh - the soak test in the lab (issue 7): SOAK_MIB MiB (default
# 200) from netstep to a kernel TCP listener through SOAK_LOSS % loss
# (default 2; nftables "numgen random" on the TAP, both directions, set up
# by lab/lab.sh), then:
#   - the listener's file has the SHA-256 of what was sent;
#   - netstep's resident memory at the end is within SOAK_RSS_KIB (default
#     8192 KiB) of what it was once the first MiB had arrived.
#
# Usage (as root): bash tests/soak.sh ./netstep
# Without root it says so and exits 0 (CI=true: 1).  Everything runs in the
# lab's own namespaces, deleted by the trap whatever happens; netstep and
# every wait are bounded; only the PIDs started here are ever killed.
# The data go as one file (`send 3 @FILE`: mapped and sent as the send
# buffer drains, so netstep's memory does not grow with it).
set -u
NETSTEP=$(readlink -f "${1:-./netstep}")
LABSH=$(dirname "$(readlink -f "$0")")/../lab/lab.sh
OUT=$(dirname "$(readlink -f "$0")")/out-soak
MIB=${SOAK_MIB:-200}
LOSS=${SOAK_LOSS:-2}
RSS_SLACK=${SOAK_RSS_KIB:-8192}
TMO=${SOAK_TIMEOUT:-1200}
LAB="nsoak$$"
NS_PID=

die() { echo "FAIL soak: $*"; exit 1; }
cleanup() {
	if [ -n "$NS_PID" ]; then
		kill "$NS_PID" 2>/dev/null
		for _ in $(seq 30); do kill -0 "$NS_PID" 2>/dev/null || break; sleep 0.1; done
		kill -9 "$NS_PID" 2>/dev/null
		NS_PID=
	fi
	bash "$LABSH" down --name "$LAB" >/dev/null 2>&1
}
trap cleanup EXIT
trap 'cleanup; exit 130' INT TERM

if [ "$(id -u)" -ne 0 ] || ! command -v nft >/dev/null || ! command -v ip >/dev/null; then
	echo "skip soak: needs root, ip and nft (sudo bash tests/soak.sh ./netstep)"
	[ "${CI:-}" = true ] && exit 1
	exit 0
fi
[ "$MIB" -ge 4 ] 2>/dev/null || die "SOAK_MIB must be a number of MiB, at least 4"

rm -rf "$OUT"
mkdir -p "$OUT"
chmod 755 "$OUT"
cp "$NETSTEP" "$OUT/netstep" && chmod 755 "$OUT/netstep" || die "cannot copy $NETSTEP"
head -c $((MIB * 1048576)) /dev/urandom >"$OUT/payload.bin"
script="socket tcp; connect 3 10.0.1.2:9000; send 3 @$OUT/payload.bin; close 3; sleep 2"
want=$(sha256sum <"$OUT/payload.bin" | cut -d' ' -f1)
total=$((MIB * 1048576))

bash "$LABSH" up --name "$LAB" --user root --loss "$LOSS" >"$OUT/lab.log" 2>&1 ||
	die "lab up: $(tail -3 "$OUT/lab.log")"

# netstep in the lab's router namespace; the shell records its own PID
# and execs, so NS_PID is netstep's.
start=$(date +%s)
ip netns exec "$LAB-kern" sh -c 'echo $$ >"$1"; exec timeout "$2" "$3" --wire tap --tap nstap0 --headless -e "$4"' \
	sh "$OUT/netstep.pid" "$TMO" "$OUT/netstep" "$script" >"$OUT/netstep.out" 2>"$OUT/netstep.err" &
for _ in $(seq 50); do [ -s "$OUT/netstep.pid" ] && break; sleep 0.1; done
NS_PID=$(cat "$OUT/netstep.pid" 2>/dev/null)
[ -n "$NS_PID" ] || die "netstep did not start"
# `timeout` is the recorded PID; netstep is its child.
rss_of() {
	local p
	p=$(pgrep -P "$NS_PID" | head -1)
	awk '/^VmRSS:/ { print $2 }' "/proc/${p:-$NS_PID}/status" 2>/dev/null
}
received() {
	local f
	for f in /tmp/"$LAB"-lab/tcp9000.*; do [ -f "$f" ] && stat -c %s "$f" && return; done
	echo 0
}

rss1= rss_end= rss_max=0 got=0
for _ in $(seq $((TMO * 5))); do	# bounded: 0.2 s steps for TMO seconds
	kill -0 "$NS_PID" 2>/dev/null || break
	got=$(received)
	[ -z "$rss1" ] && [ "$got" -ge 1048576 ] && rss1=$(rss_of)
	if [ -n "$rss1" ]; then
		r=$(rss_of)
		[ -n "$r" ] && [ "$r" -gt "$rss_max" ] && rss_max=$r
	fi
	# While netstep sleeps after close, everything is across: measure.
	if [ "$got" -ge "$total" ]; then rss_end=$(rss_of); break; fi
	sleep 0.2
done
for _ in $(seq 100); do kill -0 "$NS_PID" 2>/dev/null || break; sleep 0.2; done
wait 2>/dev/null
NS_PID=
secs=$(( $(date +%s) - start ))
f=$(ls /tmp/"$LAB"-lab/tcp9000.* 2>/dev/null | head -1)
sum=$( [ -n "$f" ] && sha256sum <"$f" | cut -d' ' -f1)
echo "soak: $MIB MiB, ${LOSS}% loss, ${secs} s; received $(received) bytes; RSS ${rss1:-?} KiB after 1 MiB, at most ${rss_max} KiB after that, ${rss_end:-?} KiB at the end"
fail=0
[ "$sum" = "$want" ] && echo "ok soak: $MIB MiB through ${LOSS}% loss arrived intact (SHA-256)" ||
	{ echo "FAIL soak: sha256 ${sum:-none}, want $want ($(head -c 300 "$OUT/netstep.err"))"; fail=1; }
if [ -n "$rss1" ] && [ -n "$rss_end" ] && [ "$rss_end" -le $((rss1 + RSS_SLACK)) ] &&
	[ "$rss_max" -le $((rss1 + RSS_SLACK)) ]; then
	echo "ok soak: RSS flat: at most ${rss_max} KiB during, ${rss_end} KiB at the end, <= ${rss1} + ${RSS_SLACK} KiB"
else
	echo "FAIL soak: RSS ${rss_end:-?} KiB at the end, ${rss_max} KiB peak, vs ${rss1:-?} KiB after the first MiB (slack $RSS_SLACK)"
	fail=1
fi
exit $fail
