#!/usr/bin/env bash
# tests/attack.sh - hostile peers against netstep through a TAP (issue 17).
#
# Usage (as root): bash tests/attack.sh ./netstep
# Without root every check is skipped with a message; with CI=true a
# missing prerequisite is a failure.
#
# One lab (lab/lab.sh: the kernel as router and server, in two network
# namespaces of its own, a persistent TAP) for the whole run, deleted by
# the trap whatever happens.  In each scenario netstep runs on the TAP
# (--wire tap) with a legitimate transfer whose SHA-256 must match, and
# tests/attack.py (plain python3, an AF_PACKET socket on the TAP inside
# the router's namespace) writes hostile frames at it meanwhile:
#   synflood  spoofed SYNs at netstep's listener; the server connects
#             meanwhile and sends 1 MiB (SYN cookies let it in)
#   inject    RST/SYN/ACK in and out of the window of netstep's upload
#   icmp      ICMP errors, MTU 0..65535, quoting random flows and the
#             live one outside snd_una..snd_nxt: no path MTU may change
#   frags     overlapping, duplicate, incomplete, oversize and tiny fragments
#   arp       an ARP storm and the gateway's MAC claimed five times, each
#             within the entry's locktime: the kernel's MAC must stay
#   options   malformed TCP options to the listener and the live flow
#   receiver  a hostile receiver: window scale 14, a zero window, garbage
#             SACK blocks, ACKs of data never sent
# netstep's peak RSS (VmHWM) may grow by at most ATTACK_RSS_KIB (32768)
# over what it was once the TAP was up.  Every wait is bounded in count
# and time, every process runs under `timeout`, and only the PIDs started
# here are ever killed.  Names come from a mktemp directory (as in
# tests/tap.sh), so two runs do not meet.  About 90 s.
#
# Each check prints "ok NAME", "FAIL NAME: why" or "skip NAME: why", and a
# "found" line says what the scenario did to netstep; the last line is
# "N passed, N failed, N skipped".
set -u
TESTS=$(dirname "$(readlink -f "$0")")
NETSTEP=$(readlink -f "${1:-./netstep}")
LABSH=$TESTS/../lab/lab.sh
ATTACK=$TESTS/attack.py
RSS_KIB=${ATTACK_RSS_KIB:-32768}
RUN=$(mktemp -d /tmp/netstep-attack.XXXXXX) || { echo "FAIL attack.sh: mktemp -d failed"; exit 1; }
chmod 755 "$RUN"
ID=${RUN##*.}
LAB=nsa$ID
TAPN=nsa$ID
OUT=$TESTS/out-attack/$ID
mkdir -p "$OUT"
pass=0
fail=0
skip=0
ok() { echo "ok $1"; pass=$((pass + 1)); }
bad() { echo "FAIL $1: $2"; fail=$((fail + 1)); }
unmet() {
	if [ "${CI:-}" = true ]; then
		echo "FAIL $1: $2 (CI must run it)"; fail=$((fail + 1))
	else
		echo "skip $1: $2"; skip=$((skip + 1))
	fi
}
BG_PIDS=
LAB_UP=
cleanup() {
	for p in $BG_PIDS; do kill "$p" 2>/dev/null; done
	for p in $BG_PIDS; do
		for _ in $(seq 30); do kill -0 "$p" 2>/dev/null || break; sleep 0.1; done
		kill -9 "$p" 2>/dev/null
	done
	BG_PIDS=
	[ -n "$LAB_UP" ] && bash "$LABSH" down --name "$LAB" >/dev/null 2>&1
	LAB_UP=
}
finish() {
	cleanup
	rm -rf "$RUN"
	echo "$pass passed, $fail failed, $skip skipped"
	if [ "$fail" -eq 0 ]; then
		rm -rf "$OUT"
		rmdir "$TESTS/out-attack" 2>/dev/null
		exit 0
	fi
	echo "attack.sh: logs of this run are in $OUT"
	exit 1
}
trap 'cleanup; rm -rf "$RUN"' EXIT
trap 'cleanup; rm -rf "$RUN"; exit 130' INT TERM

missing=
for t in ip nft socat python3 sha256sum timeout; do command -v $t >/dev/null || missing="$missing $t"; done
why=
[ "$(id -u)" -eq 0 ] || why="need root (sudo bash tests/attack.sh ./netstep)"
[ -z "$why" ] && [ -n "$missing" ] && why="missing tools:$missing"
if [ -z "$why" ] && ! ip netns add "nsa$ID-probe" 2>/dev/null; then
	why="cannot create network namespaces here"
else
	ip netns del "nsa$ID-probe" 2>/dev/null
fi
if [ -n "$why" ]; then
	unmet "attack scenarios" "$why"
	finish
fi
cp "$NETSTEP" "$RUN/netstep" && chmod 755 "$RUN/netstep" || { bad "copy netstep" "$NETSTEP"; finish; }
NETSTEP=$RUN/netstep
LAB_UP=1
if ! bash "$LABSH" up --name "$LAB" --tap "$TAPN" --user root >"$OUT/lab.log" 2>&1; then
	bad "lab up" "$(tail -3 "$OUT/lab.log")"
	finish
fi
KNS=$LAB-kern
KMAC=$(ip -n "$KNS" -br link show "$TAPN" | awk '{print $3}')
LISTEN_DIR=/tmp/$LAB-lab

# The pattern of netstep's `send 3 N`: byte k is k % 251.
pattern_sum() { LC_ALL=C awk -v n="$1" 'BEGIN { for (i = 0; i < n; i++) printf "%c", i % 251 }' | sha256sum | cut -d' ' -f1; }
counter() { awk -v n="$2" '$1 == n { print $2 }' "$1" | tail -1; }

# run NAME SECS SCRIPT [ATTACK ARGS...]: netstep on the TAP with SCRIPT
# (bounded by SECS), tests/attack.py ATTACK ARGS beside it once the TAP is
# up.  Leaves rc, base and hwm (KiB) and OUT/NAME.{out,err,attack}.
run() {
	local name=$1 secs=$2 script=$3 pid apid _
	shift 3
	rm -f "$OUT/$name.pid"
	ip netns exec "$KNS" sh -c 'echo $$ >"$1"; shift; exec timeout "$@"' sh "$OUT/$name.pid" \
		"$secs" "$NETSTEP" --wire tap --tap "$TAPN" --headless -e "$script" \
		>"$OUT/$name.out" 2>"$OUT/$name.err" &
	pid=$!
	BG_PIDS="$BG_PIDS $pid"
	# `timeout` exec'd from the recorded shell; netstep is its child.
	for _ in $(seq 50); do [ -s "$OUT/$name.pid" ] && break; sleep 0.1; done
	for _ in $(seq 100); do
		ip -n "$KNS" link show "$TAPN" 2>/dev/null | grep -q LOWER_UP && break
		sleep 0.1
	done
	local npid
	npid=$(pgrep -P "$(cat "$OUT/$name.pid" 2>/dev/null)" 2>/dev/null | head -1)
	base=$(awk '/^VmHWM:/ { print $2 }' "/proc/$npid/status" 2>/dev/null)
	hwm=$base
	if [ $# -gt 0 ]; then
		ip netns exec "$KNS" timeout "$secs" python3 -B "$ATTACK" "$TAPN" "$KMAC" "$@" \
			>"$OUT/$name.attack" 2>&1 &
		apid=$!
		BG_PIDS="$BG_PIDS $apid"
	fi
	for _ in $(seq $((secs * 10 + 50))); do	# until netstep exits: secs + 5 s at most
		local h
		h=$(awk '/^VmHWM:/ { print $2 }' "/proc/$npid/status" 2>/dev/null)
		[ -n "$h" ] || break
		hwm=$h
		sleep 0.1
	done
	wait "$pid"
	rc=$?
	[ -n "${apid:-}" ] && wait "$apid" 2>/dev/null
}
rss_ok() {	# NAME
	if [ -n "$base" ] && [ -n "$hwm" ] && [ $((hwm - base)) -le "$RSS_KIB" ]; then
		ok "$1: netstep's peak RSS $base -> $hwm KiB"
	else
		bad "$1: RSS" "peak '$base' -> '$hwm' KiB (at most +$RSS_KIB)"
	fi
}
# The newest file the lab's TCP 9000 listener wrote, once it holds @1 bytes.
upload_sum() {
	local f _
	for _ in $(seq 50); do
		f=$(ls -t "$LISTEN_DIR"/tcp9000.* 2>/dev/null | head -1)
		[ -n "$f" ] && [ "$(stat -c %s "$f")" -ge "$1" ] && { sha256sum <"$f" | cut -d' ' -f1; return; }
		sleep 0.1
	done
	echo none
}
# An upload of 4 MiB at 8 Mbit/s (about 4 s, so the attack meets it), then
# the route and the counters.
UPLOAD='sleep 1; tc qdisc replace dev eth0 root tbf rate 8mbit burst 10k latency 200ms; socket tcp; connect 3 10.0.1.2:9000; send 3 4194304; close 3; sleep 2; ip route get 10.0.1.2; ip neigh; nstat -az'
USUM=$(pattern_sum 4194304)
upload_scenario() {	# NAME what-it-checks "COUNTERS TO REPORT" ATTACK ARGS...
	local name=$1 what=$2 report=$3 got c line=
	shift 3
	rm -f "$LISTEN_DIR"/tcp9000.*
	run "$name" 40 "$UPLOAD" "$@"
	got=$(upload_sum 4194304)
	[ $rc -eq 0 ] && [ "$got" = "$USUM" ] &&
		ok "$name: the 4 MiB upload beside $what arrived intact (SHA-256)" ||
		bad "$name: upload" "rc=$rc sha=$got $(head -2 "$OUT/$name.err")"
	rss_ok "$name"
	for c in $report; do line="$line, $c $(counter "$OUT/$name.out" "$c")"; done
	echo "found $name: $(tail -1 "$OUT/$name.attack" 2>/dev/null)$line"
}

# ---- SYN flood + a legitimate connect ----------------------------------------------------
head -c 1048576 /dev/urandom >"$RUN/in.bin"
ISUM=$(sha256sum <"$RUN/in.bin" | cut -d' ' -f1)
( sleep 3; ip netns exec "$LAB-srv" timeout 20 socat -u "OPEN:$RUN/in.bin" TCP:10.0.0.2:9002 ) \
	>"$OUT/synflood.socat" 2>&1 &
BG_PIDS="$BG_PIDS $!"
run synflood 25 'listen 9002; sleep 12; recv 9002; nstat -az' synflood --port 9002 --secs 9 --count 30000
grep -q "^tcp 9002: 1 connection(s), 1048576 bytes, sha256 $ISUM" "$OUT/synflood.out" && [ $rc -eq 0 ] &&
	ok "synflood: the server's connect during the flood delivered 1 MiB intact" ||
	bad "synflood: legitimate connect" "rc=$rc $(grep '^tcp 9002' "$OUT/synflood.out") $(head -2 "$OUT/synflood.err")"
sent=$(counter "$OUT/synflood.out" TcpExtSyncookiesSent)
[ "${sent:-0}" -gt 0 ] && ok "synflood: the full SYN queue answered with SYN cookies ($sent)" ||
	bad "synflood: cookies" "TcpExtSyncookiesSent '$sent'"
rss_ok synflood
echo "found synflood: $(tail -1 "$OUT/synflood.attack"); SyncookiesSent $sent, SyncookiesRecv $(counter "$OUT/synflood.out" TcpExtSyncookiesRecv), ListenDrops $(counter "$OUT/synflood.out" TcpExtListenDrops)"

# ---- the upload under attack -----------------------------------------------------------
upload_scenario inject "RST/SYN/ACK injection" \
	"TcpExtTCPChallengeACK TcpExtTCPSYNChallenge TCPOutOfWindow TcpEstabResets TcpRetransSegs" inject --secs 4 --count 6000
n=$(counter "$OUT/inject.out" TcpExtTCPChallengeACK)
r=$(counter "$OUT/inject.out" TcpEstabResets)
[ "${n:-0}" -gt 0 ] && [ "${r:-1}" -eq 0 ] &&
	ok "inject: in-window RST and SYN drew challenge ACKs ($n), no reset" ||
	bad "inject: challenge ACKs" "TCPChallengeACK '$n' EstabResets '$r'"

upload_scenario icmp "ICMP errors with MTUs 0..65535" \
	"IcmpInErrors TcpExtOutOfWindowIcmps IcmpInDestUnreachs TcpRetransSegs" icmp --secs 4 --count 3000
oow=$(counter "$OUT/icmp.out" TcpExtOutOfWindowIcmps)
inerr=$(counter "$OUT/icmp.out" IcmpInErrors)
if [ "${oow:-0}" -gt 0 ] && [ "${inerr:-0}" -gt 0 ] && grep -q '^    cache' "$OUT/icmp.out" &&
	! grep '^    cache' "$OUT/icmp.out" | grep -q mtu; then
	ok "icmp: no path MTU learned from errors nobody can vouch for (OutOfWindowIcmps $oow, IcmpInErrors $inerr)"
else
	bad "icmp: path MTU" "OutOfWindowIcmps '$oow' IcmpInErrors '$inerr' $(grep -A1 '^10.0.1.2 via' "$OUT/icmp.out" | tr '\n' ' ')"
fi

upload_scenario frags "bad fragments" "IpReasmOverlaps IpReasmFails IpReasmOKs UdpNoPorts" frags --secs 4 --count 4000
ov=$(counter "$OUT/frags.out" IpReasmOverlaps)
[ "${ov:-0}" -gt 0 ] && ok "frags: overlapping fragments dropped and counted ($ov)" ||
	bad "frags: overlaps" "ReasmOverlaps '$ov'"

upload_scenario arp "an ARP storm and gateway poisoning" \
	"ArpTableFulls ArpForcedGcRuns TcpRetransSegs TcpExtTCPTimeouts" arp --secs 6 --count 6000
grep -q "^10.0.0.1 dev eth0 lladdr $KMAC " "$OUT/arp.out" &&
	ok "arp: the gateway's entry still holds the kernel's MAC ($KMAC): claims within locktime refused" ||
	bad "arp: gateway entry" "$(grep '^10.0.0.1 ' "$OUT/arp.out")"
upload_scenario options "malformed TCP options" \
	"TcpInErrs TcpExtSyncookiesSent TcpExtListenDrops TCPOutOfWindow TcpPassiveOpens" options --secs 4 --count 4000 --port 9002

# ---- a hostile receiver ------------------------------------------------------------------
RSUM=$(pattern_sum 1048576)
run receiver 40 'sleep 1; socket tcp; connect 3 10.0.0.7:9003; send 3 1048576; close 3; sleep 2; nstat -az' \
	receiver --port 9003 --secs 35 --bytes 1048576
grep -q "received 1048576 bytes sha256 $RSUM" "$OUT/receiver.attack" && [ $rc -eq 0 ] &&
	ok "receiver: 1 MiB reached a receiver with wscale 14, a zero window, garbage SACKs and ACKs of unsent data, intact" ||
	bad "receiver" "rc=$rc $(tail -1 "$OUT/receiver.attack") $(head -2 "$OUT/receiver.err")"
rss_ok receiver
echo "found receiver: $(tail -1 "$OUT/receiver.attack"); zero-window probes $(counter "$OUT/receiver.out" TCPProbeZeroWindow)"

finish
