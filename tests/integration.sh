#!/usr/bin/env bash
# tests/integration.sh - run the netstep binary headless, as a student
# would, and check what it prints, traces and captures.
#
# Usage: bash tests/integration.sh ./netstep
# Each check prints "ok NAME" or "FAIL NAME: why"; the last line is
# "N passed, N failed".  Every run is bounded by `timeout`.
set -u
NETSTEP=${1:-./netstep}
OUT=tests/out
rm -rf "$OUT"
mkdir -p "$OUT"
pass=0
fail=0

ok() { echo "ok $1"; pass=$((pass + 1)); }
bad() { echo "FAIL $1: $2"; fail=$((fail + 1)); }
ns() { timeout 60 "$NETSTEP" --headless "$@"; }

if ! command -v tshark >/dev/null; then
	echo "tshark is missing: sudo apt-get install -y tshark" >&2
	exit 1
fi

# Enter events of one host, in order, one function name per line.
funcs() { grep "\"kind\":\"enter\",\"host\":\"$2\"" "$1" | sed 's/.*"func":"\([^"]*\)".*/\1/'; }
# Does the list of names in $2 (one per line) contain $3.. as a subsequence?
in_order() {
	local file=$1; shift
	awk -v want="$*" 'BEGIN { n = split(want, w, " "); i = 1 }
		i <= n && $0 == w[i] { i++ } END { exit !(i > n) }' "$file"
}

# tshark: no malformed frame, no expert error, checksums validated.
tshark_clean() {
	local pcap=$1 name=$2 bad_frames
	bad_frames=$(tshark -r "$pcap" -o ip.check_checksum:TRUE \
		-Y '_ws.malformed || _ws.expert.severity >= 8388608 || ip.checksum.status == 0 || icmp.checksum.status == 0' \
		2>/dev/null | wc -l)
	if [ "$bad_frames" -eq 0 ]; then ok "$name"; else
		bad "$name" "$bad_frames bad frame(s) in $pcap"; fi
}

# --- ping through the router --------------------------------------------
if ns -e 'ping -c 3 10.0.1.2' --trace-json "$OUT/ping.json" --trace "$OUT/ping.trace" \
	--pcap "$OUT/ping.pcap" >"$OUT/ping.out" 2>"$OUT/ping.err"; then
	ok "ping exits 0"
else
	bad "ping exits 0" "status $? ($(head -c 300 "$OUT/ping.err"))"
fi
grep -q '^3 packets transmitted, 3 received, 0% packet loss' "$OUT/ping.out" &&
	ok "ping: 3 of 3 replies" || bad "ping: 3 of 3 replies" "$(tail -3 "$OUT/ping.out")"
grep -q 'icmp_seq=1 ttl=63' "$OUT/ping.out" &&
	ok "ping: reply crossed the router (ttl 63)" || bad "ping: ttl 63" "$(head -3 "$OUT/ping.out")"

n=$(grep -c '"host":"student".*"nud":"INCOMPLETE->REACHABLE"\|"host":"student".*INCOMPLETE->REACHABLE' "$OUT/ping.json")
[ "$n" -eq 1 ] && ok "ARP miss resolved once (INCOMPLETE -> REACHABLE)" ||
	bad "ARP miss resolved once" "$n transitions on the student"
n=$(funcs "$OUT/ping.json" student | grep -c '^arp_solicit$')
[ "$n" -eq 1 ] && ok "one ARP request from the student" || bad "one ARP request" "$n arp_solicit"

funcs "$OUT/ping.json" student >"$OUT/ping.funcs"
in_order "$OUT/ping.funcs" ip_local_out __ip_local_out nf_hook ip_output ip_finish_output \
	ip_finish_output2 neigh_resolve_output dev_queue_xmit dev_hard_start_xmit \
	igb_xmit_frame_ring igb_tx_map sim_82576_tx_frame igb_msix_ring igb_poll igb_clean_tx_irq &&
	ok "trace: TX path from ip_local_out to igb_clean_tx_irq" ||
	bad "trace: TX path" "see $OUT/ping.funcs"
tshark_clean "$OUT/ping.pcap" "ping pcap decodes cleanly"
n=$(tshark -r "$OUT/ping.pcap" -Y 'icmp.type == 0' 2>/dev/null | wc -l)
[ "$n" -eq 3 ] && ok "pcap: 3 echo replies" || bad "pcap: 3 echo replies" "$n"
n=$(tshark -r "$OUT/ping.pcap" -Y 'arp.opcode == 1 && eth.dst == ff:ff:ff:ff:ff:ff' 2>/dev/null | wc -l)
m=$(tshark -r "$OUT/ping.pcap" -Y 'arp.opcode == 2 && arp.src.proto_ipv4 == 10.0.0.1' 2>/dev/null | wc -l)
[ "$n" -eq 1 ] && [ "$m" -ge 1 ] && ok "pcap: one broadcast ARP request, answered" ||
	bad "pcap: ARP request and reply" "requests=$n replies=$m"

# --- determinism ----------------------------------------------------------
ns -e 'ping -c 3 10.0.1.2' --trace-json "$OUT/ping2.json" --trace "$OUT/ping2.trace" \
	--pcap "$OUT/ping2.pcap" >"$OUT/ping2.out" 2>&1
cmp -s "$OUT/ping.trace" "$OUT/ping2.trace" && cmp -s "$OUT/ping.json" "$OUT/ping2.json" &&
	cmp -s "$OUT/ping.pcap" "$OUT/ping2.pcap" && cmp -s "$OUT/ping.out" "$OUT/ping2.out" &&
	ok "two runs give identical trace, pcap and output" ||
	bad "deterministic runs" "files differ"

# --- fragmentation and reassembly -------------------------------------------
ns -e 'ping -c 1 -s 4000 10.0.1.2' --pcap "$OUT/frag.pcap" --trace-json "$OUT/frag.json" \
	>"$OUT/frag.out" 2>&1
grep -q '^4008 bytes from 10.0.1.2: icmp_seq=1' "$OUT/frag.out" &&
	ok "ping -s 4000: reply of 4008 bytes" || bad "ping -s 4000" "$(head -3 "$OUT/frag.out")"
n=$(tshark -r "$OUT/frag.pcap" -Y 'ip.src == 10.0.0.2 && ip.flags.mf == 1' 2>/dev/null | wc -l)
m=$(tshark -r "$OUT/frag.pcap" -Y 'ip.src == 10.0.0.2 && ip.frag_offset > 0' 2>/dev/null | wc -l)
[ "$n" -eq 2 ] && [ "$m" -eq 2 ] && ok "request leaves as 3 fragments" ||
	bad "request leaves as 3 fragments" "MF=$n offset>0=$m"
n=$(funcs "$OUT/frag.json" server | grep -c '^ip_defrag$')
[ "$n" -ge 3 ] && ok "server reassembles (ip_defrag x$n)" || bad "server reassembles" "$n ip_defrag"
tshark_clean "$OUT/frag.pcap" "fragment pcap decodes cleanly"

# --- path MTU discovery -------------------------------------------------------
ns -e 'sim link wan mtu 1400; ping -c 2 -M do -s 1460 10.0.1.2; ip route get 10.0.1.2' \
	--pcap "$OUT/pmtu.pcap" >"$OUT/pmtu.out" 2>&1
grep -q 'From 10.0.0.1 icmp_seq=1 Frag needed and DF set (mtu = 1400)' "$OUT/pmtu.out" &&
	ok "router answers: fragmentation needed, mtu 1400" ||
	bad "frag needed" "$(head -5 "$OUT/pmtu.out")"
grep -q 'mtu 1400' "$OUT/pmtu.out" && grep -q 'local error: Message too long, mtu=1400' "$OUT/pmtu.out" &&
	ok "route MTU lowered to 1400" || bad "route MTU lowered" "$(cat "$OUT/pmtu.out")"
n=$(tshark -r "$OUT/pmtu.pcap" -Y 'icmp.type == 3 && icmp.code == 4 && icmp.mtu == 1400' 2>/dev/null | wc -l)
[ "$n" -eq 1 ] && ok "pcap: one ICMP frag needed" || bad "pcap: ICMP frag needed" "$n"
tshark_clean "$OUT/pmtu.pcap" "pmtu pcap decodes cleanly"

# --- bad input ----------------------------------------------------------------
ns -e 'ip route add 10.9.0.0/16 via 10.0.0.1; ping -c 1 -Q 10.0.1.2' >"$OUT/bad.out" 2>"$OUT/bad.err"
rc=$?
[ $rc -eq 2 ] && [ "$(wc -l <"$OUT/bad.err")" -eq 1 ] && [ ! -s "$OUT/bad.out" ] &&
	ok "bad command: exit 2, one error line, nothing run" ||
	bad "bad command" "rc=$rc err=$(cat "$OUT/bad.err") out=$(head -c 200 "$OUT/bad.out")"
for args in "--bogus" "--headless" "--headless -e" "--seed x --headless -e true" "extra"; do
	# shellcheck disable=SC2086
	timeout 10 "$NETSTEP" $args >/dev/null 2>"$OUT/usage.err"
	rc=$?
	[ $rc -eq 2 ] && [ "$(wc -l <"$OUT/usage.err")" -eq 1 ] &&
		ok "usage error '$args' exits 2 with one line" ||
		bad "usage error '$args'" "rc=$rc $(cat "$OUT/usage.err")"
done

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
