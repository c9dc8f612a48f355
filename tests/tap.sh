#!/usr/bin/env bash
# tests/tap.sh - netstep against the real Linux kernel, over a TAP device.
#
# Usage (as root): bash tests/tap.sh ./netstep
# Without root every test is skipped with a message; with CI=true they
# must run, so a missing privilege, tool or console command (any
# prerequisite) is a failure there, never a skip.
#
# Every test builds its own lab (lab/lab.sh: two network namespaces, a
# persistent TAP, a veth pair) under a name of its own, runs netstep
# inside the lab's namespace, and deletes the lab afterwards whatever
# happens (trap).  Nothing is sent outside those namespaces.  Every wait
# is bounded in count and time; every netstep run is under `timeout`.
# Background processes are ended by the PIDs recorded when we started them.
#
# Two runs at once (two clones, or two runs of one) do not meet: every
# name is made from RUN, a directory that mktemp makes for this run in
# /tmp: namespaces nst<ID>-<n>, the TAP nst<ID>, the logs in
# tests/out-tap/<ID> (deleted when every check passed, kept otherwise).
# The unprivileged runs use a copy of netstep in RUN (mode 755 in /tmp),
# so they work from any checkout, even one in a 0700 directory.
#
# Each check prints "ok NAME", "FAIL NAME: why" or "skip NAME: why";
# the last line is "N passed, N failed, N skipped".
set -u
TESTS=$(dirname "$(readlink -f "$0")")
NETSTEP=$(readlink -f "${1:-./netstep}")
LABSH=$TESTS/../lab/lab.sh
RUN=$(mktemp -d /tmp/netstep-tap.XXXXXX) || { echo "FAIL tap.sh: mktemp -d failed"; exit 1; }
chmod 755 "$RUN"
trap 'rm -rf "$RUN"' EXIT
ID=${RUN##*.}
OUT=$TESTS/out-tap/$ID
TAPN=nst$ID			# the lab's TAP (15 characters at most)
mkdir -p "$OUT"
pass=0
fail=0
skip=0
ok() { echo "ok $1"; pass=$((pass + 1)); }
bad() { echo "FAIL $1: $2"; fail=$((fail + 1)); }
skipped() { echo "skip $1: $2"; skip=$((skip + 1)); }
# A prerequisite is missing: under CI a failure, elsewhere a skip.
unmet() {
	if [ "${CI:-}" = true ]; then bad "$1" "$2 (CI must run it)"; else skipped "$1" "$2"; fi
}
CLEANUP_HOOK=:
finish() {
	$CLEANUP_HOOK
	rm -rf "$RUN"
	echo "$pass passed, $fail failed, $skip skipped"
	if [ "$fail" -eq 0 ]; then
		rm -rf "$OUT"
		rmdir "$TESTS/out-tap" 2>/dev/null
		exit 0
	fi
	echo "tap.sh: logs and captures of this run are in $OUT"
	exit 1
}

# ---- without root: option checks and the pcapng stream ----------------------------------
U=$RUN/u
mkdir -p "$U"
for args in "--tap t0 --headless -e true" "--wire foo --headless -e true" \
	"--wire tap --addr 10.0.0.2/40 --headless -e true" "--wire tap --gw 10.0.0 --headless -e true" \
	"--wire tap --tap 0123456789abcdefg --headless -e true"; do
	# shellcheck disable=SC2086
	timeout 10 "$NETSTEP" $args >/dev/null 2>"$U/usage.err"
	rc=$?
	[ $rc -eq 2 ] && [ "$(wc -l <"$U/usage.err")" -eq 1 ] &&
		ok "usage error '$args' exits 2 with one line" ||
		bad "usage error '$args'" "rc=$rc $(cat "$U/usage.err")"
done
# --pcapng - streams to stdout (the tools print to stderr): read it live.
if ! command -v tshark >/dev/null; then
	unmet "--pcapng -" "tshark is missing (sudo apt-get install -y tshark)"
else
	timeout 60 "$NETSTEP" --headless -e 'ping -c 2 10.0.1.2' --pcapng - 2>"$U/stream.err" |
		tshark -r - -T fields -e frame.comment >"$U/stream.comments" 2>/dev/null
	n=$(grep -c '^[TR]X skb#' "$U/stream.comments")
	grep -q '^2 packets transmitted, 2 received' "$U/stream.err" && [ "$n" -ge 6 ] &&
		ok "--pcapng - streams to a pipe ($n commented frames), tool output on stderr" ||
		bad "--pcapng -" "$n comments; $(tail -2 "$U/stream.err")"
fi
rm -rf "$U"

# ---- can we run at all? ----------------------------------------------------------
missing=
for t in ip nft socat ping tshark setpriv sha256sum timeout nstat; do
	command -v $t >/dev/null || missing="$missing $t"
done
why=
[ "$(id -u)" -eq 0 ] || why="need root (run: sudo make check, or sudo bash tests/tap.sh ./netstep)"
[ -z "$why" ] && [ -n "$missing" ] &&
	why="missing tools:$missing (sudo apt-get install -y iproute2 nftables socat iputils-ping tshark util-linux)"
if [ -z "$why" ] && ! ip netns add "nst$ID-probe" 2>/dev/null; then
	why="cannot create network namespaces here"
else
	ip netns del "nst$ID-probe" 2>/dev/null
fi
if [ -n "$why" ]; then
	[ "${CI:-}" = true ] || echo "SKIP TAP tests (netstep against the real kernel): $why"
	unmet "TAP tests" "$why"
	finish
fi
# Our own copy, in RUN: a rebuild during the run cannot pull it away, and
# the unprivileged runs below can reach it wherever the checkout is.
cp "$NETSTEP" "$RUN/netstep" || { bad "copy netstep" "$NETSTEP"; finish; }
chmod 755 "$RUN/netstep"
NETSTEP=$RUN/netstep

# ---- privileges in every mode: started through sudo, netstep is the user --------------------
# No TAP and no namespace needed: these runs use the simulated wire.  As
# root with SUDO_UID/SUDO_GID set, every file a user names is opened with
# the user's rights (65534 here), before anything else; without them,
# root stays root.  "--wire sim" takes the other path of main.c (a line
# that may mean --wire tap keeps root's saved uid until the world is made).
PRIV=$RUN/priv			# root's, 0755: what 65534 may read but not write
mkdir -p "$PRIV"
echo "root's secret" >"$PRIV/secret"
chmod 600 "$PRIV/secret"
as_user() { env SUDO_UID=65534 SUDO_GID=65534 timeout 30 "$NETSTEP" "$@"; }
for wire in "" "--wire sim"; do
	# shellcheck disable=SC2086
	as_user --headless $wire -e "socket udp; sendto 3 10.0.1.2:9001 @$PRIV/secret; on server recv 9001" \
		>"$OUT/priv-file.out" 2>"$OUT/priv-file.err"
	rc=$?
	[ $rc -ne 0 ] && grep -q 'Permission denied' "$OUT/priv-file.err" && ! grep -q 'udp 9001: 1' "$OUT/priv-file.out" &&
		ok "sudo${wire:+ $wire}: sendto @FILE of a 0600 root file is refused (rc=$rc)" ||
		bad "sudo${wire:+ $wire}: sendto @root-file" "rc=$rc $(cat "$OUT/priv-file.out" "$OUT/priv-file.err")"
	for opt in --pcap --pcapng --trace --trace-json; do
		f=$PRIV/out$opt
		echo "root's file" >"$f"
		chmod 644 "$f"
		before=$(sha256sum <"$f")
		# shellcheck disable=SC2086
		as_user --headless $wire -e 'ping -c 1 10.0.1.2' "$opt" "$f" >"$OUT/priv-out.out" 2>"$OUT/priv-out.err"
		rc=$?
		[ $rc -eq 1 ] && [ "$(sha256sum <"$f")" = "$before" ] && grep -q 'Permission denied' "$OUT/priv-out.err" &&
			ok "sudo${wire:+ $wire}: $opt over a root-owned file fails, the file untouched" ||
			bad "sudo${wire:+ $wire}: $opt over a root file" "rc=$rc $(head -2 "$OUT/priv-out.err")"
	done
done
cp "$TESTS/../lessons/01-"*.lesson "$PRIV/root.lesson" && chmod 600 "$PRIV/root.lesson"
as_user --headless --lesson "$PRIV/root.lesson" --check >"$OUT/priv-lesson.out" 2>&1
rc=$?
[ $rc -eq 2 ] && grep -q 'Permission denied' "$OUT/priv-lesson.out" &&
	ok "sudo: --lesson of a 0600 root file is refused" || bad "sudo: --lesson root file" "rc=$rc $(cat "$OUT/priv-lesson.out")"
mkdir -p "$PRIV/course" && cp "$TESTS/../lessons/ORDER" "$TESTS/../lessons/"*.lesson "$PRIV/course/" && chmod 700 "$PRIV/course"
as_user --list-lessons --lessons-dir "$PRIV/course" >"$OUT/priv-dir.out" 2>&1
rc=$?
[ $rc -eq 2 ] && grep -q 'Permission denied' "$OUT/priv-dir.out" &&
	ok "sudo: --lessons-dir of a 0700 root folder is refused" || bad "sudo: --lessons-dir" "rc=$rc $(head -2 "$OUT/priv-dir.out")"
USERD=$RUN/userdir
mkdir -p "$USERD" && chown 65534:65534 "$USERD"
as_user --headless -e 'ping -c 1 10.0.1.2' --pcap "$USERD/u.pcap" --trace "$USERD/u.trace" >/dev/null 2>"$OUT/priv-own.err"
rc=$?
[ $rc -eq 0 ] && [ "$(stat -c %u:%g "$USERD/u.pcap" "$USERD/u.trace" | sort -u)" = "65534:65534" ] &&
	ok "sudo, simulated wire: the files written belong to the invoking user" ||
	bad "sudo: file owner" "rc=$rc $(stat -c %u:%g "$USERD/u.pcap" 2>&1) $(head -2 "$OUT/priv-own.err")"
# Root without sudo's variables is root, as before.
env -u SUDO_UID -u SUDO_GID timeout 30 "$NETSTEP" --headless --pcap "$PRIV/out--pcap" \
	-e "socket udp; sendto 3 10.0.1.2:9001 @$PRIV/secret; on server recv 9001" >"$OUT/priv-root.out" 2>&1
rc=$?
env -u SUDO_UID -u SUDO_GID timeout 30 "$NETSTEP" --headless --lesson "$PRIV/root.lesson" --check >>"$OUT/priv-root.out" 2>&1
rc2=$?
[ $rc -eq 0 ] && [ $rc2 -eq 0 ] && grep -q 'udp 9001: 1 datagram(s), 14 bytes' "$OUT/priv-root.out" &&
	[ "$(stat -c %s "$PRIV/out--pcap")" -gt 100 ] &&
	ok "plain root (no SUDO_UID): reads and writes root's files as before" ||
	bad "plain root" "rc=$rc/$rc2 $(head -3 "$OUT/priv-root.out")"

# ---- one lab per test, always deleted ------------------------------------------------
LAB=
BG_PIDS=
cleanup() {
	for p in $BG_PIDS; do kill "$p" 2>/dev/null; done
	for p in $BG_PIDS; do
		for _ in $(seq 30); do kill -0 "$p" 2>/dev/null || break; sleep 0.1; done
		kill -9 "$p" 2>/dev/null
	done
	BG_PIDS=
	[ -n "$LAB" ] && bash "$LABSH" down --name "$LAB" >/dev/null 2>&1
	LAB=
}
CLEANUP_HOOK=cleanup
trap 'cleanup; rm -rf "$RUN"' EXIT
trap 'cleanup; rm -rf "$RUN"; exit 130' INT TERM

n_lab=0
lab_up() {
	cleanup
	n_lab=$((n_lab + 1))
	LAB="nst$ID-$n_lab"
	bash "$LABSH" up --name "$LAB" --tap "$TAPN" --user root "$@" >"$OUT/lab-$n_lab.log" 2>&1
}
KNS() { echo "$LAB-kern"; }
kx() { ip netns exec "$LAB-kern" "$@"; }
ns_tap() { timeout "${TMO:-60}" ip netns exec "$LAB-kern" "$NETSTEP" --wire tap --tap "$TAPN" --headless "$@"; }

# Capture on the TAP (kernel side) in the background; stop it with cap_stop.
CAP_PID=
# `ip netns exec` forks: the command writes its own PID to @2 and execs.
ns_bg_pid() {
	local f=$1 _
	for _ in $(seq 50); do [ -s "$f" ] && { cat "$f"; return 0; }; sleep 0.1; done
	return 1
}
cap_start() {
	rm -f "$1.pid"
	kx sh -c 'echo $$ >"$1"; exec tshark -a duration:150 -i "$3" -w "$2"' \
		sh "$1.pid" "$1" "$TAPN" >/dev/null 2>"$1.err" &
	CAP_PID=$(ns_bg_pid "$1.pid") || return 1
	BG_PIDS="$BG_PIDS $CAP_PID"
	for _ in $(seq 50); do grep -q "Capturing on" "$1.err" 2>/dev/null && return 0; sleep 0.1; done
	return 1
}
cap_stop() {
	[ -n "$CAP_PID" ] && kill -INT "$CAP_PID" 2>/dev/null
	for _ in $(seq 50); do kill -0 "$CAP_PID" 2>/dev/null || break; sleep 0.1; done
	CAP_PID=
}
# Wait (bounded) until netstep has the TAP open: its carrier comes up.
wait_carrier() {
	for _ in $(seq 100); do
		ip -n "$LAB-kern" link show "$TAPN" 2>/dev/null | grep -q LOWER_UP && return 0
		sleep 0.1
	done
	return 1
}
# No malformed frame at all; no expert error and no bad checksum in what
# netstep sent (eth.src is its MAC).  The kernel's own frames are judged
# for malformation only: Linux may put 0xffff in a TCP checksum (RFC 1624
# allows it, Wireshark flags it), and that is not netstep's doing.
tshark_clean() {
	local n
	# No -d overrides: the lab's ports (9000-9002) are plain payload to Wireshark.
	n=$(tshark -r "$1" -o ip.check_checksum:TRUE -o tcp.check_checksum:TRUE -o udp.check_checksum:TRUE \
		-Y '_ws.malformed || (eth.src == 02:00:00:00:00:02 && (_ws.expert.severity >= 8388608 || ip.checksum.status == 0 || icmp.checksum.status == 0 || tcp.checksum.status == 0 || udp.checksum.status == 0))' \
		2>/dev/null | wc -l)
	if [ "$n" -eq 0 ] && [ -s "$1" ]; then ok "$2"; else bad "$2" "$n bad frame(s) in $1"; fi
}

# ---- permissions: no CAP_NET_ADMIN -> the hint, exit 2 -----------------------------------
lab_up || bad "lab up" "$(tail -3 "$OUT/lab-$n_lab.log")"
kx setpriv --reuid=65534 --regid=65534 --clear-groups --inh-caps=-all \
	timeout 20 "$NETSTEP" --wire tap --tap "nsf$ID" --headless -e 'sleep 0' \
	>"$OUT/perm.out" 2>"$OUT/perm.err"
rc=$?
if [ $rc -eq 2 ] && [ "$(wc -l <"$OUT/perm.err")" -eq 1 ] && grep -q 'sudo' "$OUT/perm.err" &&
	grep -q 'setcap cap_net_admin+ep' "$OUT/perm.err" && grep -q -- '--wire sim' "$OUT/perm.err"; then
	ok "no CAP_NET_ADMIN: one line naming sudo, setcap and --wire sim; exit 2"
else
	bad "permission error" "rc=$rc err=$(cat "$OUT/perm.err")"
fi

# ---- privilege drop: started through sudo, netstep becomes the user -------------------------
DROP=$RUN/drop		# the dropped user writes here: reachable from any checkout
mkdir -p "$DROP"
chown 65534:65534 "$DROP"
rm -f "$OUT/drop.pid"
kx sh -c 'echo $$ >"$1"; shift; exec env SUDO_UID=65534 SUDO_GID=65534 "$@"' sh "$OUT/drop.pid" \
	"$NETSTEP" --wire tap --tap "$TAPN" --headless -e 'sleep 3' --pcapng "$DROP/drop.pcapng" \
	>"$OUT/drop.out" 2>"$OUT/drop.err" &
bgpid=$!
pid=$(ns_bg_pid "$OUT/drop.pid")
BG_PIDS="$BG_PIDS $pid"
uids=
caps=
for _ in $(seq 40); do
	if grep -q "^Uid:[[:space:]]*65534" /proc/$pid/status 2>/dev/null; then
		uids=$(grep '^Uid:' /proc/$pid/status | tr -s '[:space:]' ' ')
		caps=$(grep '^CapEff:' /proc/$pid/status | awk '{print $2}')
		break
	fi
	sleep 0.1
done
pid=$bgpid
wait $pid
rc=$?
if [ "$uids" = "Uid: 65534 65534 65534 65534 " ] && [ "$caps" = "0000000000000000" ]; then
	ok "privilege drop: real, effective and saved uid 65534, no capabilities"
else
	bad "privilege drop" "status uid='$uids' capeff='$caps'"
fi
[ $rc -eq 0 ] && [ "$(stat -c %u:%g "$DROP/drop.pcapng" 2>/dev/null)" = "65534:65534" ] &&
	ok "privilege drop: the capture file belongs to the invoking user" ||
	bad "file owner" "rc=$rc owner=$(stat -c %u:%g "$DROP/drop.pcapng" 2>&1) $(cat "$OUT/drop.err")"

# ---- ARP and ping: netstep -> kernel, netstep -> server via the kernel router ------------------
lab_up || bad "lab up" "$(tail -3 "$OUT/lab-$n_lab.log")"
cap_start "$OUT/ping-tap.pcapng" || bad "tshark capture on the TAP" "$(cat "$OUT/ping-tap.pcapng.err")"
TAPMAC=$(ip -n "$LAB-kern" -br link show "$TAPN" | awk '{print $3}')
# The kernel's entry for netstep turns REACHABLE when netstep answers its
# probe, 5 s (DELAY) after the kernel first used it: netstep stays that long.
ns_tap -e 'ping -c 3 10.0.0.1; ping -c 3 10.0.1.2; ip neigh; sleep 4' --pcapng "$OUT/ping.pcapng" \
	>"$OUT/ping.out" 2>"$OUT/ping.err" &
pid=$!
BG_PIDS="$BG_PIDS $pid"
neigh=
if wait_carrier; then
	for _ in $(seq 120); do
		neigh=$(ip -n "$LAB-kern" neigh show 10.0.0.2 dev "$TAPN")
		echo "$neigh" | grep -q 'REACHABLE' && break
		sleep 0.1
	done
fi
wait $pid
rc=$?
cap_stop
[ $rc -eq 0 ] && ok "netstep on the TAP exits 0" || bad "netstep on the TAP exits 0" "rc=$rc $(head -3 "$OUT/ping.err")"
grep -q '^3 packets transmitted, 3 received' "$OUT/ping.out" &&
	ok "ping the kernel: 3 of 3" || bad "ping the kernel" "$(grep -m2 'packets\|From' "$OUT/ping.out")"
grep -q "^10.0.0.1 dev eth0 lladdr $TAPMAC REACHABLE" "$OUT/ping.out" &&
	ok "ARP: netstep resolved the kernel's MAC $TAPMAC" || bad "ARP netstep side" "$(grep 10.0.0.1 "$OUT/ping.out" | tail -1)"
echo "$neigh" | grep -q 'lladdr 02:00:00:00:00:02 REACHABLE' &&
	ok "ARP: the kernel's ip neigh shows netstep's MAC REACHABLE" || bad "ARP kernel side" "'$neigh'"
n=$(grep -c 'from 10.0.1.2: icmp_seq=[0-9]* ttl=63' "$OUT/ping.out")
[ "$n" -eq 3 ] && ok "ping the server behind the kernel router: 3 replies, ttl 63" ||
	bad "ping the server" "$n replies with ttl 63"
[ ! -s "$OUT/ping.err" ] && ok "IPv6 from the kernel dropped quietly (nothing on stderr)" ||
	bad "quiet run" "$(head -3 "$OUT/ping.err")"
n=$(tshark -r "$OUT/ping.pcapng" -Y 'ipv6' -T fields -e frame.comment 2>/dev/null | grep -vc 'reason=unknown_protocol proto=0x86dd')
m=$(tshark -r "$OUT/ping.pcapng" -Y 'ipv6' 2>/dev/null | wc -l)
[ "$n" -eq 0 ] && ok "IPv6 frames ($m seen) dropped and counted (unknown_protocol)" ||
	bad "IPv6 dropped" "$n IPv6 frame(s) not dropped as unknown_protocol"
tshark_clean "$OUT/ping-tap.pcapng" "tshark on the TAP: no malformed frame, no bad checksum"
tshark_clean "$OUT/ping.pcapng" "netstep's pcapng: no malformed frame, no bad checksum"
tshark -r "$OUT/ping.pcapng" -T fields -e frame.comment >"$OUT/ping.comments" 2>/dev/null
total=$(tshark -r "$OUT/ping.pcapng" 2>/dev/null | wc -l)
n=$(grep -cE '^(TX|RX) skb#[0-9]+ clone=(no|yes)' "$OUT/ping.comments")
[ "$total" -gt 0 ] && [ "$n" -eq "$total" ] && ok "pcapng: every frame has a comment ($n), read back with tshark" ||
	bad "pcapng comments" "$n of $total frames"
grep -q '^TX skb#[0-9]* clone=no queue=[0-9] slot=[0-9]* len=98 | route 10.0.1.2 via 10.0.0.1 dev eth0 | neigh 10.0.0.1 REACHABLE' "$OUT/ping.comments" &&
	ok "pcapng: echo request comment names queue, slot, route and neighbour" ||
	bad "pcapng TX comment" "$(grep -m1 '^TX' "$OUT/ping.comments")"
grep -q '^RX skb#[0-9]* clone=no queue=0 slot=[0-9]* len=98 | route 10.0.0.2/32 dev eth0 (local)' "$OUT/ping.comments" &&
	ok "pcapng: echo reply comment names slot and input route" ||
	bad "pcapng RX comment" "$(grep -m1 '^RX' "$OUT/ping.comments")"

# ---- the kernel pings netstep ----------------------------------------------------------
lab_up || bad "lab up" "$(tail -3 "$OUT/lab-$n_lab.log")"
cap_start "$OUT/kping-tap.pcapng"
ns_tap -e 'sleep 8' --pcapng "$OUT/kping.pcapng" >"$OUT/kping.out" 2>"$OUT/kping.err" &
pid=$!
BG_PIDS="$BG_PIDS $pid"
if wait_carrier && kx timeout 15 ping -c 3 -W 2 10.0.0.2 >"$OUT/kping.ping" 2>&1; then
	ok "the kernel pings netstep: ping -c 3 10.0.0.2 succeeds"
else
	bad "the kernel pings netstep" "$(tail -3 "$OUT/kping.ping" 2>/dev/null)"
fi
neigh=$(ip -n "$LAB-kern" neigh show 10.0.0.2 dev "$TAPN")
echo "$neigh" | grep -q 'lladdr 02:00:00:00:00:02 REACHABLE' &&
	ok "the kernel resolved netstep's MAC (REACHABLE)" || bad "kernel neigh after its ping" "'$neigh'"
wait $pid
rc=$?
cap_stop
[ $rc -eq 0 ] && ok "netstep answered and exited 0" || bad "netstep (kernel ping)" "rc=$rc $(head -3 "$OUT/kping.err")"
tshark_clean "$OUT/kping-tap.pcapng" "tshark on the TAP (kernel's ping): clean"
n=$(tshark -r "$OUT/kping.pcapng" -Y 'icmp.type == 0' -T fields -e frame.comment 2>/dev/null | grep -c '^TX skb#.*route 10.0.0.1 dev eth0 (on-link)')
[ "$n" -eq 3 ] && ok "pcapng: 3 echo replies from netstep, commented" || bad "pcapng echo replies" "$n"

# ---- PMTU: the router's far link at MTU 1400 -------------------------------------------------
lab_up --mtu 1400 || bad "lab up" "$(tail -3 "$OUT/lab-$n_lab.log")"
cap_start "$OUT/pmtu-tap.pcapng"
# (ARP first: the kernel may drop its answer to a frame sent the moment the
# TAP's carrier comes up, and the two DF pings would then leave together.)
ns_tap -e 'ping -c 1 10.0.0.1; ping -c 2 -M do -s 1460 10.0.1.2; ip route get 10.0.1.2' \
	--pcapng "$OUT/pmtu.pcapng" \
	>"$OUT/pmtu.out" 2>"$OUT/pmtu.err"
cap_stop
grep -q 'From 10.0.0.1 icmp_seq=1 Frag needed and DF set (mtu = 1400)' "$OUT/pmtu.out" &&
	ok "PMTU: the kernel router answers fragmentation needed, mtu 1400" ||
	bad "PMTU frag needed" "$(head -5 "$OUT/pmtu.out")"
grep -q 'cache .*mtu 1400' "$OUT/pmtu.out" &&
	grep -q 'From 10.0.0.2 icmp_seq=2 Frag needed and DF set (mtu = 1400)' "$OUT/pmtu.out" &&
	ok "PMTU: netstep lowered the route MTU to 1400 (second ping: refused by its own stack, through lo)" ||
	bad "PMTU route MTU" "$(cat "$OUT/pmtu.out" "$OUT/pmtu.err")"
# Counted in netstep's own capture: a live capture on the TAP can miss a
# frame on a busy machine, netstep's RX path cannot.
n=$(tshark -r "$OUT/pmtu.pcapng" -Y 'icmp.type == 3 && icmp.code == 4 && icmp.mtu == 1400 && ip.src == 10.0.0.1' 2>/dev/null | wc -l)
[ "$n" -eq 1 ] && ok "PMTU: one ICMP frag needed from the kernel reached netstep" || bad "PMTU ICMP from the kernel" "$n"
tshark_clean "$OUT/pmtu-tap.pcapng" "tshark on the TAP (PMTU): clean"

# ---- TCP and UDP (need the console's socket commands) ---------------------------------------
if ! timeout 10 "$NETSTEP" --headless -e 'socket tcp' >/dev/null 2>&1; then
	for t in "TCP 1 MiB to a kernel listener" "TCP 1 MiB with 5% loss" \
		"UDP 4000 bytes reassembled by the kernel" "the kernel connects to a netstep listen" \
		"the kernel sends 8 MiB in order" "drain on exit"; do
		unmet "$t" "the console has no 'socket' command"
	done
	finish
fi
# Payloads judged by tshark are netstep's `send N` pattern (byte k is
# k % 251), not random bytes: one of Wireshark's heuristic dissectors
# (Thrift) claims a few segments of every ~10 MiB of /dev/urandom on any
# port, whatever netstep does.
pattern() { LC_ALL=C awk -v n="$1" 'BEGIN { for (i = 0; i < n; i++) printf "%c", i % 251 }'; }
pattern 1048576 >"$RUN/pattern.bin"
SUM=$(sha256sum <"$RUN/pattern.bin" | cut -d' ' -f1)
# The listener's file for the connection: bounded wait until complete.
server_sum() {
	local f
	for _ in $(seq 100); do
		for f in /tmp/"$LAB"-lab/tcp9000.*; do
			[ -f "$f" ] && [ "$(stat -c %s "$f")" -ge "$1" ] && { sha256sum <"$f" | cut -d' ' -f1; return; }
		done
		sleep 0.1
	done
	echo none
}
# A 1 MiB transfer to the kernel's listener, in one of igb's worlds: the
# default (TSO: the card cuts GSO skbs), `tso off` (software GSO), `sg
# off` (one skb per MSS).  The data arrives intact, and every frame
# netstep put on the TAP is at most the MTU (1514 bytes with its
# Ethernet header) and clean in tshark, checksums validated.
tcp_run() {	# name [loss [world]]
	local loss=${2:-} world=${3:-} n m
	local what="TCP 1 MiB${loss:+ with $loss% loss}${world:+ (${world%; })}"
	lab_up ${loss:+--loss $loss} || bad "lab up" "$(tail -3 "$OUT/lab-$n_lab.log")"
	cap_start "$OUT/$1-tap.pcapng"
	TMO=180 ns_tap -e "${world}socket tcp; connect 3 10.0.1.2:9000; send 3 1048576; close 3; sleep 2" \
		--trace "$OUT/$1.trace" >"$OUT/$1.out" 2>"$OUT/$1.err"
	rc=$?
	cap_stop
	got=$(server_sum 1048576)
	[ $rc -eq 0 ] && [ "$got" = "$SUM" ] && ok "$what: the kernel listener's SHA-256 matches" ||
		bad "$what" "rc=$rc sha=$got $(head -2 "$OUT/$1.err")"
	n=$(tshark -r "$OUT/$1-tap.pcapng" -Y 'eth.src == 02:00:00:00:00:02 && frame.len > 1514' 2>/dev/null | wc -l)
	m=$(tshark -r "$OUT/$1-tap.pcapng" -Y 'eth.src == 02:00:00:00:00:02 && frame.len == 1514' 2>/dev/null | wc -l)
	[ "$n" -eq 0 ] && [ "$m" -ge 100 ] && ok "$what: no frame on the TAP over the MTU ($m full-sized)" ||
		bad "$what: frame sizes" "$n frame(s) over 1514 bytes, $m of 1514 in $OUT/$1-tap.pcapng"
	tshark_clean "$OUT/$1-tap.pcapng" "tshark on the TAP ($what): clean, checksums good"
}
# Who cut the segments, by the trace of each world: the card (TSO), the
# stack (dev_gso_segment), or nobody (one skb per MSS).
cutters() {	# name: "<card segments> <software GSO calls>"
	echo "$(grep -c 'sim_82576_tso_frame()' "$OUT/$1.trace") $(grep -c 'dev_gso_segment()' "$OUT/$1.trace")"
}
tcp_run tcp
c=$(cutters tcp)
[ "${c% *}" -ge 100 ] && [ "${c#* }" -eq 0 ] && ok "TCP 1 MiB: the card cut the segments (${c% *} TSO frames)" ||
	bad "TCP 1 MiB: TSO" "card segments, software GSO: $c"
tcp_run tcp-tsooff "" "ethtool -K eth0 tso off; "
c=$(cutters tcp-tsooff)
[ "${c% *}" -eq 0 ] && [ "${c#* }" -ge 10 ] && ok "TCP 1 MiB (tso off): software GSO cut them (${c#* } GSO skbs)" ||
	bad "TCP 1 MiB (tso off): software GSO" "card segments, software GSO: $c"
tcp_run tcp-sgoff "" "ethtool -K eth0 sg off; "
c=$(cutters tcp-sgoff)
[ "$c" = "0 0" ] && ok "TCP 1 MiB (sg off): one skb per segment, nothing cut" ||
	bad "TCP 1 MiB (sg off)" "card segments, software GSO: $c"
tcp_run tcploss 5
grep -q 'tcp_retransmit_skb' "$OUT/tcploss.trace" && ok "TCP with loss: retransmissions in netstep's trace" ||
	bad "TCP retransmissions" "no tcp_retransmit_skb in $OUT/tcploss.trace"

lab_up || bad "lab up" "$(tail -3 "$OUT/lab-$n_lab.log")"
pattern 4000 >"$RUN/dgram.bin"
cap_start "$OUT/udp-tap.pcapng"
ns_tap -e "socket udp; sendto 3 10.0.1.2:9001 4000; sleep 1" --pcapng "$OUT/udp.pcapng" \
	>"$OUT/udp.out" 2>"$OUT/udp.err"
rc=$?
cap_stop
f=/tmp/$LAB-lab/udp9001
for _ in $(seq 30); do [ "$(stat -c %s "$f" 2>/dev/null)" = 4000 ] && break; sleep 0.1; done
[ $rc -eq 0 ] && [ -f "$f" ] && cmp -s "$f" "$RUN/dgram.bin" &&
	ok "UDP 4000 bytes: fragments reassembled by the kernel, datagram intact" ||
	bad "UDP 4000 bytes" "rc=$rc size=$(stat -c %s "$f" 2>&1) $(head -2 "$OUT/udp.err")"
# Counted in netstep's own capture (a live TAP capture can miss frames on a busy machine).
n=$(tshark -r "$OUT/udp.pcapng" -Y 'ip.src == 10.0.0.2 && (ip.flags.mf == 1 || ip.frag_offset > 0)' 2>/dev/null | wc -l)
[ "$n" -ge 3 ] && ok "UDP: netstep sent $n fragments" || bad "UDP fragments" "$n"
tshark_clean "$OUT/udp-tap.pcapng" "tshark on the TAP (UDP): clean"

lab_up || bad "lab up" "$(tail -3 "$OUT/lab-$n_lab.log")"
head -c 100000 /dev/urandom >"$OUT/in.bin"
ISUM=$(sha256sum <"$OUT/in.bin" | cut -d' ' -f1)
ns_tap -e 'listen 9002; sleep 8; recv 9002' >"$OUT/listen.out" 2>"$OUT/listen.err" &
pid=$!
BG_PIDS="$BG_PIDS $pid"
wait_carrier && sleep 1 &&
	kx timeout 15 socat -u "OPEN:$OUT/in.bin" TCP:10.0.0.2:9002 >"$OUT/listen.socat" 2>&1
src=$?
wait $pid
rc=$?
[ $src -eq 0 ] && [ $rc -eq 0 ] && grep -q "$ISUM" "$OUT/listen.out" &&
	ok "the kernel connects to netstep's listen: data intact (SHA-256)" ||
	bad "kernel -> netstep listen" "socat=$src rc=$rc $(tail -2 "$OUT/listen.out") $(head -2 "$OUT/listen.err")"

# ---- the kernel sends 8 MiB to a netstep listener: in order on netstep's side -------------
# The kernel writes bursts into the TAP faster than the line; netstep reads
# them at once, and they must reach the card in the order written, back
# to back at the line rate (sim/wire.c, busy_until).  So netstep's capture
# has no out-of-order segment, its TCP queued nothing out of order
# (TcpExtTCPOFOQueue), and the sender (the kernel, in the server's
# namespace) retransmitted nothing (TcpRetransSegs, nstat there).
lab_up || bad "lab up" "$(tail -3 "$OUT/lab-$n_lab.log")"
head -c 8388608 /dev/urandom >"$RUN/8m.bin"
BSUM=$(sha256sum <"$RUN/8m.bin" | cut -d' ' -f1)
retrans() { ip netns exec "$LAB-srv" nstat -asz TcpRetransSegs 2>/dev/null | awk '$1 == "TcpRetransSegs" { print $2 }'; }
r0=$(retrans)
TMO=120 ns_tap -e 'listen 9002; sleep 8; recv 9002; nstat -az' --pcapng "$OUT/order.pcapng" \
	>"$OUT/order.out" 2>"$OUT/order.err" &
pid=$!
BG_PIDS="$BG_PIDS $pid"
wait_carrier && sleep 1 &&
	ip netns exec "$LAB-srv" timeout 60 socat -u "OPEN:$RUN/8m.bin" TCP:10.0.0.2:9002 >"$OUT/order.socat" 2>&1
src=$?
wait $pid
rc=$?
r1=$(retrans)
[ $src -eq 0 ] && [ $rc -eq 0 ] && grep -q "^tcp 9002: 1 connection(s), 8388608 bytes, sha256 $BSUM" "$OUT/order.out" &&
	ok "the kernel sends 8 MiB to netstep's listen: data intact (SHA-256)" ||
	bad "kernel -> netstep 8 MiB" "socat=$src rc=$rc $(grep '^tcp 9002' "$OUT/order.out") $(head -2 "$OUT/order.err")"
n=$(tshark -r "$OUT/order.pcapng" -Y 'tcp.analysis.out_of_order' 2>/dev/null | wc -l)
m=$(tshark -r "$OUT/order.pcapng" -Y 'tcp.len > 0 && ip.src == 10.0.1.2' 2>/dev/null | wc -l)
[ "$n" -eq 0 ] && [ "$m" -ge 5000 ] && ok "8 MiB: no out-of-order segment in netstep's capture ($m data segments)" ||
	bad "8 MiB in order" "$n out-of-order of $m data segments in $OUT/order.pcapng"
ofo=$(awk '$1 == "TcpExtTCPOFOQueue" { print $2 }' "$OUT/order.out")
[ "$ofo" = 0 ] && ok "8 MiB: netstep's TcpExtTCPOFOQueue is 0" || bad "8 MiB: TcpExtTCPOFOQueue" "'$ofo'"
[ -n "$r0" ] && [ "$r0" = "$r1" ] && ok "8 MiB: the kernel's TcpRetransSegs did not move ($r1)" ||
	bad "8 MiB: kernel retransmissions" "TcpRetransSegs $r0 -> $r1"

# ---- drain on exit: what the script queued still leaves ---------------------------------
# A 4 kbit/s tbf holds the last two datagrams for about 2.6 s after the
# script's last command returned.  netstep drains before it exits
# (sim/tap.h, TAP_DRAIN_NS), so the kernel's listener gets all three,
# "last" last, and nothing is abandoned.
lab_up || bad "lab up" "$(tail -3 "$OUT/lab-$n_lab.log")"
DRAIN='ping -c 1 10.0.0.1; tc qdisc replace dev eth0 root tbf rate RATE burst 1600 latency 60s'
DRAIN="$DRAIN; socket udp; sendto 3 10.0.1.2:9001 1400; sendto 3 10.0.1.2:9001 1400; sendto 3 10.0.1.2:9001 LAST"
ns_tap -e "$(echo "$DRAIN" | sed 's/RATE/4kbit/; s/LAST/"last"/')" >"$OUT/drain.out" 2>"$OUT/drain.err"
rc=$?
f=/tmp/$LAB-lab/udp9001
for _ in $(seq 30); do [ "$(stat -c %s "$f" 2>/dev/null)" = 2804 ] && break; sleep 0.1; done
[ $rc -eq 0 ] && [ "$(stat -c %s "$f" 2>/dev/null)" = 2804 ] && [ "$(tail -c 4 "$f")" = last ] &&
	[ ! -s "$OUT/drain.err" ] &&
	ok "drain on exit: a UDP datagram sent as the last command reaches the kernel's listener" ||
	bad "drain on exit" "rc=$rc listener has $(stat -c %s "$f" 2>&1) bytes of 2804; $(head -3 "$OUT/drain.err")"
# At 1 kbit/s the two datagrams need 20 s: after 5 s netstep gives up and says so.
t0=$(date +%s)
ns_tap -e "$(echo "$DRAIN" | sed 's/RATE/1kbit/; s/LAST/1400/')" >"$OUT/abandon.out" 2>"$OUT/abandon.err"
rc=$?
t=$(($(date +%s) - t0))
[ $rc -eq 0 ] && [ "$t" -le 15 ] &&
	grep -q '^netstep: abandoned after 5\.[0-9] s of draining: 2 packet(s) in the qdisc of eth0$' "$OUT/abandon.err" &&
	ok "drain on exit is bounded (${t} s) and says what it abandoned" ||
	bad "drain bound" "rc=$rc ${t} s: $(head -3 "$OUT/abandon.err")"

# ---- a flood from the kernel: netstep reads no faster than its line ---------------------
# For 2 s the kernel sends UDP as fast as it can.  netstep reads the TAP
# only while less than 2 ms of frames wait for the line (sim/tap.h,
# TAP_RX_BACKLOG_NS); the kernel's TAP queue drops the rest.  So netstep's
# memory stays small (unbounded, the line's queue held every frame read)
# and it still exits when its script ends.
lab_up --no-listen || bad "lab up" "$(tail -3 "$OUT/lab-$n_lab.log")"
rm -f "$OUT/flood.pid"
kx sh -c 'echo $$ >"$1"; shift; exec "$@"' sh "$OUT/flood.pid" \
	"$NETSTEP" --wire tap --tap "$TAPN" --headless -e 'sleep 5; ethtool -S eth0' \
	>"$OUT/flood.out" 2>"$OUT/flood.err" &
bgpid=$!
pid=$(ns_bg_pid "$OUT/flood.pid")
BG_PIDS="$BG_PIDS $pid"
hwm=
base=
if wait_carrier; then
	base=$(awk '/^VmHWM:/ { print $2 }' "/proc/$pid/status" 2>/dev/null)
	kx timeout 2 socat -u -b 1400 OPEN:/dev/zero UDP-SENDTO:10.0.0.2:9999 >"$OUT/flood.socat" 2>&1
	for _ in $(seq 150); do	# until netstep exits, 15 s at most
		h=$(awk '/^VmHWM:/ { print $2 }' "/proc/$pid/status" 2>/dev/null)
		[ -n "$h" ] || break
		hwm=$h
		sleep 0.1
	done
fi
wait $bgpid
rc=$?
rx=$(awk '$1 == "rx_packets:" { print $2 }' "$OUT/flood.out")
dropped=$(ip -n "$LAB-kern" -s link show "$TAPN" | awk '/TX:/ { getline; print $4 }')
[ $rc -eq 0 ] && [ -n "$hwm" ] && [ -n "$base" ] && [ $((hwm - base)) -le 32768 ] && [ "${rx:-0}" -ge 10000 ] &&
	ok "kernel flood: netstep read $rx frames at its line rate, peak RSS $base -> $hwm KiB (the TAP dropped $dropped)" ||
	bad "kernel flood" "rc=$rc peak RSS '$base' -> '$hwm' KiB rx_packets '$rx' TAP dropped '$dropped' $(head -2 "$OUT/flood.err")"

# ---- issue 17: the script is checked against the TAP world --------------------------------
# The router is the real kernel here: `on router ...` is refused before
# anything runs, so the ping before it never reaches the wire.
# (Counted by the kernel: the TAP's RX packets are the frames netstep wrote.)
lab_up || bad "lab up" "$(tail -3 "$OUT/lab-$n_lab.log")"
tap_rx() { ip -n "$LAB-kern" -s link show "$TAPN" | awk '/RX:/ { getline; print $2 }'; }
rx0=$(tap_rx)
ns_tap -e 'ping -c 1 10.0.0.1; on router ip neigh' --pcapng "$OUT/check.pcapng" \
	>"$OUT/check.out" 2>"$OUT/check.err"
rc=$?
n=$(($(tap_rx) - rx0))
m=$(tshark -r "$OUT/check.pcapng" 2>/dev/null | grep -c .)
[ $rc -eq 2 ] && [ "$(wc -l <"$OUT/check.err")" -eq 1 ] &&
	grep -q "host 'router' is not on this wire" "$OUT/check.err" && [ ! -s "$OUT/check.out" ] &&
	[ "$n" -eq 0 ] && [ "$m" -eq 0 ] &&
	ok "a bad TAP script: exit 2, one line, no frame from netstep (kernel RX +$n)" ||
	bad "TAP script check" "rc=$rc kernel RX +$n, $m frame(s) in netstep's capture; $(head -2 "$OUT/check.err") $(head -2 "$OUT/check.out")"

# ---- issue 17: recv waits on the TAP ------------------------------------------------------
# The kernel sends 3 MB to netstep's `listen` and pauses half way.
# recv waits through a 3 s pause (its default: 30 s of silence); with
# `timeout 2` a 5 s pause is a timeout: exit 1 and a line, not a silent
# half.  A recv that nobody feeds fails after its timeout.
pattern 3000000 >"$RUN/3m.bin"
SUM3=$(sha256sum <"$RUN/3m.bin" | cut -d' ' -f1)
# The kernel's side, in the background: half the file, a pause of $2
# seconds, the rest (its PID, for the end: it becomes the tail that writes
# the rest).
paused_send() {
	rm -f "$OUT/$1.peer.pid"
	kx timeout 30 bash -c 'echo $$ >"$2"; exec 3<>/dev/tcp/10.0.0.2/9002 || exit 1
		head -c 1500000 "$1" >&3 && sleep "$3" && exec tail -c +1500001 "$1" >&3' \
		bash "$RUN/3m.bin" "$OUT/$1.peer.pid" "$2" >"$OUT/$1.peer" 2>&1 &
	PEER=$!
	PEER_PID=$(ns_bg_pid "$OUT/$1.peer.pid") && BG_PIDS="$BG_PIDS $PEER_PID"
}
for t in "pause|3|" "pausetmo|5| timeout 2"; do
	name=${t%%|*} opt=${t##*|} pause=${t#*|}
	pause=${pause%|*}
	lab_up || bad "lab up" "$(tail -3 "$OUT/lab-$n_lab.log")"
	TMO=60 ns_tap -e "listen 9002; sleep 1; recv 9002$opt" >"$OUT/$name.out" 2>"$OUT/$name.err" &
	pid=$!
	BG_PIDS="$BG_PIDS $pid"
	PEER=
	wait_carrier && sleep 1 && paused_send "$name" "$pause"
	wait $pid
	rc=$?
	# With netstep gone the rest of the file has nowhere to go: end the peer.
	[ -n "$opt" ] && [ -n "$PEER_PID" ] && kill "$PEER_PID" 2>/dev/null
	src=1
	[ -n "$PEER" ] && { wait "$PEER"; src=$?; }
	got=$(grep '^tcp 9002' "$OUT/$name.out")
	if [ -z "$opt" ]; then
		[ $src -eq 0 ] && [ $rc -eq 0 ] &&
			[ "$got" = "tcp 9002: 1 connection(s), 3000000 bytes, sha256 $SUM3" ] &&
			ok "recv on the TAP waits through a 3 s pause: 3000000 bytes, SHA-256 matches" ||
			bad "recv through a pause" "peer=$src rc=$rc '$got' $(head -2 "$OUT/$name.err")"
	else
		[ $rc -eq 1 ] && grep -q '^recv: port 9002: timed out, nothing arrived for 2 s (1 connection(s) not at EOF)$' "$OUT/$name.err" &&
			[ -n "$got" ] && [ "$got" = "${got/3000000 bytes/}" ] &&
			ok "recv timeout 2 with a 5 s pause: exit 1, says so (${got%%, sha256*})" ||
			bad "recv timeout 2" "rc=$rc '$got' $(head -2 "$OUT/$name.err")"
	fi
done
lab_up || bad "lab up" "$(tail -3 "$OUT/lab-$n_lab.log")"
t0=$(date +%s%N)
ns_tap -e 'listen 9002; recv 9002 timeout 2' >"$OUT/nofeed.out" 2>"$OUT/nofeed.err"
rc=$?
ms=$((($(date +%s%N) - t0) / 1000000))
[ $rc -eq 1 ] && [ "$ms" -ge 2000 ] && [ "$ms" -le 12000 ] &&
	grep -q '^recv: port 9002: timed out, nothing arrived for 2 s (nothing at all)$' "$OUT/nofeed.err" &&
	ok "recv nobody feeds: exit 1 after its timeout (${ms} ms)" ||
	bad "recv nobody feeds" "rc=$rc ${ms} ms $(head -2 "$OUT/nofeed.err")"

# ---- issue 17: the kernel fills netstep's descriptor table ----------------------------------
# 61 connections held open to a netstep listener (its host has 60 free
# descriptors: accept() fails with EMFILE for the last), closed, then a new
# one carries 3 MiB.  The sink takes the queued connection once a
# descriptor is free and the 3 MiB transfer completes.
lab_up || bad "lab up" "$(tail -3 "$OUT/lab-$n_lab.log")"
pattern 3145728 >"$RUN/3mib.bin"
SUMF=$(sha256sum <"$RUN/3mib.bin" | cut -d' ' -f1)
TMO=90 ns_tap -e 'listen 9002; sleep 10; recv 9002 timeout 20' >"$OUT/fill.out" 2>"$OUT/fill.err" &
pid=$!
BG_PIDS="$BG_PIDS $pid"
wait_carrier && sleep 1 && kx timeout 40 bash -c 'fds=
	for i in $(seq 61); do exec {fd}<>/dev/tcp/10.0.0.2/9002 || exit 1; fds="$fds $fd"; done
	sleep 2
	for fd in $fds; do exec {fd}>&-; done
	sleep 1
	exec socat -u "OPEN:$1" TCP:10.0.0.2:9002' bash "$RUN/3mib.bin" >"$OUT/fill.peer" 2>&1
src=$?
wait $pid
rc=$?
got=$(grep '^tcp 9002' "$OUT/fill.out")
[ $src -eq 0 ] && [ $rc -eq 0 ] && [ "$got" = "tcp 9002: 62 connection(s), 3145728 bytes, sha256 $SUMF" ] &&
	grep -q '^  accept: Too many open files' "$OUT/fill.out" &&
	ok "61 connections from the kernel fill the table, then 3 MiB arrive whole (EMFILE said)" ||
	bad "kernel fills the fd table" "peer=$src rc=$rc '$got' $(head -2 "$OUT/fill.err") $(head -2 "$OUT/fill.peer")"
# ---- tcpdump on the TAP wire: the host's taps, dated by the wall clock --------------------
# netstep's tcpdump -w on its eth0 and its --pcap of the wire hold the
# same frames in each direction (the kernel's IPv6 included), clean in
# tshark, stamped with today's date; the printed lines too.
lab_up || bad "lab up" "$(tail -3 "$OUT/lab-$n_lab.log")"
t0=$(date +%s)
ns_tap -e "tcpdump -w $OUT/td-host.pcap; tcpdump -c 4; ping -c 2 10.0.0.1; ping -c 1 10.0.1.2" \
	--pcap "$OUT/td-wire.pcap" >"$OUT/td.out" 2>"$OUT/td.err"
rc=$?
tshark_clean "$OUT/td-host.pcap" "tcpdump -w on the TAP wire: clean in tshark"
td_fields() {	# FILE FILTER
	tshark -r "$1" -Y "$2" -T fields -e eth.src -e eth.dst -e eth.type -e ip.src -e ip.dst \
		-e ip.id -e ip.len -e icmp.type -e icmp.seq -e arp.opcode -e ipv6.dst 2>/dev/null
}
same=0
for d in "eth.src == 02:00:00:00:00:02" "eth.src != 02:00:00:00:00:02"; do
	td_fields "$OUT/td-host.pcap" "$d" >"$OUT/td-host.fields"
	td_fields "$OUT/td-wire.pcap" "$d" >"$OUT/td-wire.fields"
	[ -s "$OUT/td-host.fields" ] && cmp -s "$OUT/td-host.fields" "$OUT/td-wire.fields" && same=$((same + 1))
done
t=$(tshark -r "$OUT/td-host.pcap" -c 1 -T fields -e frame.time_epoch 2>/dev/null | cut -d. -f1)
n=$(grep -cE '^[0-9]{2}:[0-9]{2}:[0-9]{2}\.[0-9]{6} ' "$OUT/td.out")
[ $rc -eq 0 ] && [ $same -eq 2 ] && [ "${t:-0}" -ge "$t0" ] && [ "${t:-0}" -le $((t0 + 60)) ] &&
	[ "$n" -eq 4 ] && grep -q '^4 packets captured$' "$OUT/td.err" &&
	ok "tcpdump on the TAP wire: the same frames as the wire, dated now, 4 lines with -c 4" ||
	bad "tcpdump on the TAP wire" "rc=$rc directions alike: $same of 2, first frame at '$t' (start $t0), $n lines; $(head -3 "$OUT/td.err")"

finish
