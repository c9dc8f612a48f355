#!/usr/bin/env bash
# tests/valgrind.sh - the integration scenarios and a few packetdrill
# scripts again, each under valgrind memcheck: zero errors and no leak of
# any kind (definite, indirect, possible, reachable) or the run fails.
# Called by `make valgrind`.
#
# Usage: bash tests/valgrind.sh ./netstep
# VALGRIND_CMD overrides the valgrind command line (the Makefile sets it).
# Each scenario prints "ok NAME" or "FAIL NAME: why"; the last line is
# "N passed, N failed".  Every run is bounded by `timeout`.
set -u
NETSTEP=${1:-./netstep}
VG=${VALGRIND_CMD:-valgrind -q --tool=memcheck --leak-check=full --show-leak-kinds=all --errors-for-leak-kinds=all --error-exitcode=1}
OUT=tests/out-valgrind
rm -rf "$OUT"
mkdir -p "$OUT"
pass=0
fail=0
ok() { echo "ok $1"; pass=$((pass + 1)); }
bad() { echo "FAIL $1: $2"; fail=$((fail + 1)); }

# Our own copy: another build relinking ./netstep cannot pull it away mid-run.
cp "$NETSTEP" "$OUT/netstep" || { echo "cannot copy $NETSTEP" >&2; exit 1; }
NETSTEP=$OUT/netstep

if ! command -v valgrind >/dev/null; then
	echo "valgrind is missing: sudo apt-get install -y valgrind" >&2
	exit 1
fi

# run NAME EXPECTED_STATUS NETSTEP-ARGS...: valgrind's own findings go to
# $OUT/NAME.vg; a memcheck error makes the status 99.
run() {
	local name=$1 want=$2 st
	shift 2
	timeout 600 $VG --error-exitcode=99 --log-file="$OUT/$name.vg" \
		"$NETSTEP" --headless "$@" >"$OUT/$name.out" 2>"$OUT/$name.err"
	st=$?
	if [ "$st" -eq "$want" ] && [ ! -s "$OUT/$name.vg" ]; then
		ok "$name: status $st, memcheck clean"
	else
		bad "$name" "status $st (want $want); $(head -c 600 "$OUT/$name.vg")"
	fi
}

head -c 1048576 /dev/urandom >"$OUT/1m.bin"
run ping 0 -e 'ping -c 3 10.0.1.2; ip neigh; route -n; tc -s qdisc; cat /proc/softirqs; nstat -az' \
	--trace "$OUT/ping.trace" --trace-json "$OUT/ping.json" --pcap "$OUT/ping.pcap"
run frag 0 -e 'ping -c 1 -s 4000 10.0.1.2; netstat -s' --pcap "$OUT/frag.pcap"
# ping exits 1 when no reply came back, as iputils does: both runs below lose every ping
run pmtu 1 -e 'sim link wan mtu 1400; ping -c 2 -M do -s 1460 10.0.1.2; ip route get 10.0.1.2'
run badcmd 2 -e 'ip route add 10.9.0.0/16 via 10.0.0.1; ping -c 1 -Q 10.0.1.2'
run tcp 0 -e 'socket tcp; connect 10.0.1.2:9000; send 3 3000; ss -tin; close 3; on server recv 9000' \
	--trace "$OUT/tcp.trace" --pcap "$OUT/tcp.pcap"
run tcploss 0 -e "sim loss 5; socket tcp; connect 10.0.1.2:9000; send 3 @$OUT/1m.bin; close 3; on server recv 9000"
run tcpwin 0 -e "sim delay 200; ping -c 1 10.0.1.2; on server listen 9002 rcvbuf 4096; socket tcp; connect 10.0.1.2:9002; send 3 @$OUT/1m.bin; close 3; on server recv 9002"
run udp 0 -e 'socket udp; sendto 3 10.0.1.2:9001 4000; on server recv 9001; ss -uan'
# tcpdump: three taps, one stopping at -c, one writing a file, the others closed by the end of the run
run tcpdump 0 -e "tcpdump -i eth0 -w $OUT/host.pcap; tcpdump -c 5; on router tcpdump -i eth1; ping -c 2 10.0.1.2; socket tcp; connect 10.0.1.2:9000; send 3 5000; close 3"
run tools 1 -e 'iptables -A INPUT -p icmp -j DROP; iptables -L -v; ethtool -S eth0; ethtool -g eth0; tc qdisc replace dev eth0 root tbf rate 1mbit burst 10k latency 50ms; ping -c 2 10.0.1.2; ip link; cat /proc/interrupts'

# packetdrill: a script that passes, a copy made wrong (exit 1), one
# netstep cannot run (exit 2)
run pd-data 0 --packetdrill tests/packetdrill/data-exchange.pkt --trace "$OUT/pd-data.trace"
run pd-close 0 --packetdrill tests/packetdrill/close-passive.pkt
sed 's/TCP_MAXSEG, \[1448\]/TCP_MAXSEG, [1460]/' tests/packetdrill/handshake-passive.pkt >"$OUT/pd-wrong.pkt"
run pd-wrong 1 --packetdrill "$OUT/pd-wrong.pkt"
printf '0 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3\n+0 epoll_create(1) = 4\n' >"$OUT/pd-bad.pkt"
run pd-bad 2 --packetdrill "$OUT/pd-bad.pkt"

for name in pmtu tools; do
	grep -q '100% packet loss' "$OUT/$name.out" && ok "$name: ping reports the loss" ||
		bad "$name output" "$(tail -n 3 "$OUT/$name.out")"
done

sha=$(sha256sum <"$OUT/1m.bin" | cut -d' ' -f1)
grep -q "^tcp 9000: 1 connection(s), 1048576 bytes, sha256 $sha\$" "$OUT/tcploss.out" &&
	ok "tcploss: 1 MiB intact under valgrind" || bad "tcploss intact" "$(grep '^tcp' "$OUT/tcploss.out")"

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
