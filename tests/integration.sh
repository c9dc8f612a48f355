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
# exits_ok SECS NAME BASE ARGS..: run netstep headless with ARGS (at most
# SECS seconds), stdout to BASE.out and stderr to BASE.err; it must exit 0.
exits_ok() {
	local secs=$1 name=$2 base=$3 rc
	shift 3
	timeout "$secs" "$NETSTEP" --headless "$@" >"$base.out" 2>"$base.err"
	rc=$?
	if [ $rc -eq 0 ]; then ok "$name"; else
		bad "$name" "status $rc ($(head -c 300 "$base.err"))"; fi
}
# same_runs NAME BADNAME A B EXT..: A.EXT and B.EXT are identical for each EXT.
same_runs() {
	local name=$1 badname=$2 a=$3 b=$4 ext
	shift 4
	for ext in "$@"; do
		cmp -s "$a.$ext" "$b.$ext" || { bad "$badname" "files differ"; return; }
	done
	ok "$name"
}
# arrived NAME BADNAME SUMMARY SHA FILE: the server's line "SUMMARY, sha256 SHA"
# (SUMMARY like "tcp 9000: 1 connection(s), 3000 bytes") is in FILE.
arrived() {
	local name=$1 badname=$2 what=$3 sha=$4 file=$5
	grep -q "^$what, sha256 $sha\$" "$file" && ok "$name" ||
		bad "$badname" "$(grep "^${what%%:*}" "$file") want $sha"
}

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
exits_ok 60 "ping exits 0" "$OUT/ping" -e 'ping -c 3 10.0.1.2' --trace-json "$OUT/ping.json" \
	--trace "$OUT/ping.trace" --pcap "$OUT/ping.pcap"
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
same_runs "two runs give identical trace, pcap and output" "deterministic runs" \
	"$OUT/ping" "$OUT/ping2" trace json pcap out

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
# The next request is refused by our own stack, which says so from our own
# address through lo (3.10: ip_fragment's icmp_send, not ip_local_error).
grep -q 'mtu 1400' "$OUT/pmtu.out" &&
	grep -q 'From 10.0.0.2 icmp_seq=2 Frag needed and DF set (mtu = 1400)' "$OUT/pmtu.out" &&
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

# --- issue 3: sockets, TCP and UDP ------------------------------------------
# The byte pattern of `send FD N`: byte k of the stream is k % 251.
pattern_sha() {
	LC_ALL=C awk -v n="$1" 'BEGIN { for (i = 0; i < n; i++) printf "%c", i % 251 }' |
		sha256sum | cut -d' ' -f1
}
# tshark, as it reads a capture with every checksum checked.  No -d
# overrides: the ports netstep uses (9000-9002) are ones Wireshark's
# default profile shows as plain payload (see "captures" below).
ts() { tshark -r "$1" -o tcp.check_checksum:TRUE -o udp.check_checksum:TRUE \
	-o ip.check_checksum:TRUE -Y "$2" 2>/dev/null; }
# No malformed frame, no bad checksum, and no TCP analysis flag other than
# those allowed by $3 (a display filter of excused flags, or "" for none).
tshark_tcp_clean() {
	local pcap=$1 name=$2 excuse=${3:-} n m flt='tcp.analysis.flags'
	n=$(ts "$pcap" '_ws.malformed || ip.checksum.status == 0 || tcp.checksum.status == 0 ||
		udp.checksum.status == 0 || icmp.checksum.status == 0' | wc -l)
	[ -n "$excuse" ] && flt="tcp.analysis.flags && !($excuse)"
	m=$(ts "$pcap" "$flt" | wc -l)
	if [ "$n" -eq 0 ] && [ "$m" -eq 0 ]; then ok "$name"; else
		bad "$name" "$n malformed/bad-checksum, $m unexplained analysis flag(s) in $pcap"; fi
}
# The first flight (10 segments, 14480 bytes) fills the server's first
# window (14480) before its first ACK is back: each card holds the
# interrupt of a frame that follows another within its throttle (EITR).
FLIGHT_EXCUSE='tcp.analysis.window_update || tcp.analysis.window_full'
LOSS_EXCUSE="tcp.analysis.retransmission || tcp.analysis.fast_retransmission ||
	tcp.analysis.duplicate_ack || tcp.analysis.out_of_order || tcp.analysis.lost_segment ||
	tcp.analysis.ack_lost_segment || $FLIGHT_EXCUSE"
# A small receive window legitimately fills and closes.
WINDOW_EXCUSE='tcp.analysis.window_update || tcp.analysis.window_full ||
	tcp.analysis.zero_window || tcp.analysis.zero_window_probe ||
	tcp.analysis.zero_window_probe_ack'

# `socket` prints the descriptor; the scripts below use it.
fd=$(ns -e 'socket tcp' 2>/dev/null | head -1)
case "$fd" in ''|*[!0-9]*) fd=3 ;; esac

# 1. send() of 3000 bytes, the article's path in the trace.
sha3000=$(pattern_sha 3000)
TCP1="socket tcp; connect 10.0.1.2:9000; send $fd 3000; close $fd; on server recv 9000"
exits_ok 60 "tcp 3000: exits 0 (no skb leak)" "$OUT/tcp" -e "$TCP1" --trace-json "$OUT/tcp.json" \
	--trace "$OUT/tcp.trace" --pcap "$OUT/tcp.pcap"
arrived "tcp 3000: server got exactly 3000 bytes, SHA-256 matches" "tcp 3000: delivery" \
	"tcp 9000: 1 connection(s), 3000 bytes" "$sha3000" "$OUT/tcp.out"
funcs "$OUT/tcp.json" student >"$OUT/tcp.funcs"
in_order "$OUT/tcp.funcs" sys_sendto sock_sendmsg inet_sendmsg tcp_sendmsg tcp_write_xmit \
	tcp_transmit_skb skb_clone ip_queue_xmit ip_local_out nf_hook ip_output ip_finish_output \
	ip_finish_output2 dev_queue_xmit dev_hard_start_xmit igb_xmit_frame_ring igb_tx_map \
	igb_clean_tx_irq tcp_clean_rtx_queue &&
	ok "trace: sys_sendto ... tcp_transmit_skb ... igb_tx_map, igb_clean_tx_irq, tcp_clean_rtx_queue" ||
	bad "trace: send() path" "see $OUT/tcp.funcs"
# The first data segment: skb_clone makes the clone (dataref 2) that goes
# down the stack; it is freed when it has been sent (by igb_clean_tx_irq,
# or, a GSO skb cut in software, by dev_hard_start_xmit once its segments
# went to the driver), and later, on the ACK, tcp_clean_rtx_queue frees
# the original (and with it the data).
grep '"host":"student"' "$OUT/tcp.json" | awk '
	function field(l, k) {
		if (!match(l, "\"" k "\":\"[^\"]*\"")) return ""
		l = substr(l, RSTART + length(k) + 4, RLENGTH - length(k) - 5)
		sub(/^skb#/, "", l); return l
	}
	/"kind":"enter"/ && /"func":"tcp_sendmsg"/ { sending = 1 }
	sending && !clone && /"kind":"enter"/ && /"func":"skb_clone"/ {
		clone = field($0, "clone"); orig = field($0, "orig") }
	clone && !clone_freed && /"kind":"enter"/ && /"func":"consume_skb"/ &&
		$0 ~ "\"skb\":" clone "," { clone_freed = NR }
	clone_freed && /"kind":"note"/ && /"func":"tcp_clean_rtx_queue"/ &&
		field($0, "freed") == orig { orig_freed = NR }
	END { exit !(clone != "" && clone_freed && orig_freed > clone_freed) }' &&
	ok "trace: the clone freed once sent, the original later by tcp_clean_rtx_queue" ||
	bad "trace: clone/original frees" "see $OUT/tcp.trace"
tshark_tcp_clean "$OUT/tcp.pcap" "tcp 3000 pcap: clean, no TCP analysis flags" \
	'tcp.analysis.window_update'
n=$(ts "$OUT/tcp.pcap" 'tcp.flags.syn == 1 && tcp.flags.ack == 0 && tcp.options.mss_val &&
	tcp.options.wscale.shift && tcp.options.sack_perm && tcp.options.timestamp.tsval' | wc -l)
[ "$n" -ge 1 ] && ok "pcap: SYN carries MSS, window scale, SACK-permitted, timestamps" ||
	bad "pcap: SYN options" "$n SYN(s) with all four options"
ns -e "$TCP1" --trace-json "$OUT/tcp2.json" --trace "$OUT/tcp2.trace" --pcap "$OUT/tcp2.pcap" \
	>"$OUT/tcp2.out" 2>&1
same_runs "tcp 3000: two runs give identical trace, pcap and output" "tcp 3000: deterministic" \
	"$OUT/tcp" "$OUT/tcp2" trace json pcap out

# 1b. 30000 bytes in four worlds: TSO (the default: GSO skbs, the card
#     cuts them), software GSO (tso off: the same skbs, the stack cuts),
#     and the world before GSO (tso and gso off, sg off).  Always the same
#     21 frames on the wire, each at most 1514 bytes with good checksums;
#     with GSO skbs from fewer tcp_transmit_skb calls, and with TSO
#     igb_tso in the trace and the card's segments.  The card cuts
#     exactly what software GSO cuts: the two pcap files are one.
sha30000=$(pattern_sha 30000)
for world in "" "ethtool -K eth0 tso off; " "ethtool -K eth0 tso off gso off; " \
	"ethtool -K eth0 sg off; "; do
	name="tcp 30000${world:+ (${world%; })}"
	ns -e "${world}socket tcp; connect 10.0.1.2:9000; send $fd 30000; close $fd; sleep 1; on server recv 9000" \
		--trace-json "$OUT/gso.json" --pcap "$OUT/gso.pcap" >"$OUT/gso.out" 2>&1
	arrived "$name: delivered, SHA-256 matches" "$name: delivery" \
		"tcp 9000: 1 connection(s), 30000 bytes" "$sha30000" "$OUT/gso.out"
	tshark_tcp_clean "$OUT/gso.pcap" "$name: pcap clean, checksums good" "$FLIGHT_EXCUSE"
	frames=$(ts "$OUT/gso.pcap" 'ip.src == 10.0.0.2 && tcp.len > 0' | wc -l)
	big=$(ts "$OUT/gso.pcap" 'frame.len > 1514' | wc -l)
	student=$(grep '"host":"student"' "$OUT/gso.json" | grep '"kind":"enter"')
	calls=$(echo "$student" | grep '"func":"tcp_transmit_skb"' | grep -vc '"len":"0"')
	# igb_tso's GSO skbs (gso_segs > 1), their segments, the card's cuts
	tsegs=$(echo "$student" | grep '"func":"igb_tso"' |
		sed -n 's/.*"gso_segs":"\([0-9]*\)".*/\1/p' | awk '$1 > 1 { n++; s += $1 }
		END { print n + 0, s + 0 }')
	tso=${tsegs% *}
	cut=$(echo "$student" | grep -c '"func":"sim_82576_tso_frame"')
	case $world in
	"") want=$([ "$calls" -lt "$frames" ] && [ "$tso" -ge 1 ] && [ "$cut" -eq "${tsegs#* }" ] &&
		echo yes)
		cp "$OUT/gso.pcap" "$OUT/tso.pcap";;
	*"tso off; "*) want=$([ "$calls" -lt "$frames" ] && [ "$tso" -eq 0 ] && [ "$cut" -eq 0 ] &&
		echo yes)
		cmp -s "$OUT/tso.pcap" "$OUT/gso.pcap" &&
			ok "tcp 30000: the card's TSO and software GSO put the same bytes on the wire (pcaps identical)" ||
			bad "tcp 30000: TSO vs software GSO" "$OUT/tso.pcap and $OUT/gso.pcap differ";;
	*) want=$([ "$calls" -eq "$frames" ] && [ "$cut" -eq 0 ] && echo yes);;
	esac
	[ "$frames" -eq 21 ] && [ "$big" -eq 0 ] && [ "$want" = yes ] &&
		ok "$name: 21 frames of at most 1514 bytes from $calls tcp_transmit_skb call(s), $tso igb_tso skb(s), $cut cut by the card" ||
		bad "$name: frames" "$frames data frames, $big over 1514, $calls tcp_transmit_skb, $tso igb_tso GSO skbs, $cut card segments"
done

# 2. 1 MiB through 5% loss, then through 200 ms delay into a 4 KiB receiver.
# A fixed payload (bytes that look like nothing to Wireshark's heuristic
# dissectors: random ones sometimes do, which made this check flaky).
LC_ALL=C awk 'BEGIN { for (i = 0; i < 1048576; i++) printf "%c", (i * 7 + 3) % 251 }' \
	>"$OUT/1m.bin"
sha1m=$(sha256sum <"$OUT/1m.bin" | cut -d' ' -f1)
LOSS="sim loss 5; socket tcp; connect 10.0.1.2:9000; send $fd @$OUT/1m.bin; ss -tin; close $fd; on server recv 9000"
exits_ok 300 "1 MiB through 5% loss: exits 0" "$OUT/loss" -e "$LOSS" --trace "$OUT/loss.trace" \
	--pcap "$OUT/loss.pcap"
arrived "1 MiB through 5% loss arrives intact (SHA-256)" "1 MiB through 5% loss" \
	"tcp 9000: 1 connection(s), 1048576 bytes" "$sha1m" "$OUT/loss.out"
grep -q 'tcp_retransmit_skb()' "$OUT/loss.trace" &&
	ok "loss: tcp_retransmit_skb in the trace" || bad "loss: retransmissions in trace" "none"
grep -q 'retrans:[0-9]*/[1-9]' "$OUT/loss.out" &&
	ok "loss: ss -tin counts retransmissions" ||
	bad "loss: ss retrans counter" "$(grep -A1 '^ESTAB\|^FIN' "$OUT/loss.out" | head -4)"
n=$(ts "$OUT/loss.pcap" 'tcp.analysis.retransmission || tcp.analysis.fast_retransmission' | wc -l)
[ "$n" -ge 1 ] && ok "loss: retransmissions in the pcap ($n)" || bad "loss: pcap retransmissions" "$n"
tshark_tcp_clean "$OUT/loss.pcap" "loss pcap: clean, only loss-explained analysis flags" \
	"$LOSS_EXCUSE"
timeout 300 "$NETSTEP" --headless -e "$LOSS" --pcap "$OUT/loss2.pcap" >"$OUT/loss2.out" 2>&1
same_runs "loss: two runs give identical pcap and output" "loss: deterministic" \
	"$OUT/loss" "$OUT/loss2" pcap out

# (A ping first fills the ARP caches: with them cold, the SYN-ACK takes
# longer than the 1 s initial RTO and the SYN is, rightly, sent again.)
WIN="sim delay 200; ping -c 1 10.0.1.2; on server listen 9002 rcvbuf 4096; socket tcp; connect 10.0.1.2:9002; send $fd @$OUT/1m.bin; ss -tin; close $fd; on server recv 9002"
exits_ok 300 "1 MiB, 200 ms delay, 4 KiB receiver: exits 0" "$OUT/win" -e "$WIN" \
	--pcap "$OUT/win.pcap"
arrived "1 MiB with 200 ms delay and a 4 KiB receiver arrives intact (SHA-256)" \
	"1 MiB delay/window" "tcp 9002: 1 connection(s), 1048576 bytes" "$sha1m" "$OUT/win.out"
n=$(ts "$OUT/win.pcap" 'ip.src == 10.0.1.2 && tcp.window_size > 0 && tcp.window_size <= 8192' | wc -l)
[ "$n" -ge 1 ] && ok "window: the receiver advertises a small window" ||
	bad "window: small advertised window" "$n segments"
tshark_tcp_clean "$OUT/win.pcap" "window pcap: clean, only window analysis flags" \
	"$WINDOW_EXCUSE"

# 3. A 4000-byte UDP datagram: 3 fragments, reassembled whole.
sha4000=$(pattern_sha 4000)
udp_fd=$(ns -e 'socket udp' 2>/dev/null | head -1)
case "$udp_fd" in ''|*[!0-9]*) udp_fd=3 ;; esac
UDP="socket udp; sendto $udp_fd 10.0.1.2:9001 4000; on server recv 9001"
exits_ok 60 "udp 4000: exits 0" "$OUT/udp" -e "$UDP" --trace "$OUT/udp.trace" \
	--pcap "$OUT/udp.pcap"
arrived "udp 4000: reassembled whole (SHA-256)" "udp 4000: delivery" \
	"udp 9001: 1 datagram(s), 4000 bytes" "$sha4000" "$OUT/udp.out"
n=$(ts "$OUT/udp.pcap" 'ip.src == 10.0.0.2 && ip.proto == 17 && (ip.flags.mf == 1 || ip.frag_offset > 0)' | wc -l)
m=$(ts "$OUT/udp.pcap" 'ip.src == 10.0.0.2 && udp.length == 4008' | wc -l)
[ "$n" -eq 3 ] && [ "$m" -eq 1 ] && ok "udp 4000: 3 fragments on the wire, one datagram" ||
	bad "udp 4000: fragments" "fragments=$n datagrams=$m"
grep -q 'ip_fragment()' "$OUT/udp.trace" && grep -q 'udp_sendmsg()' "$OUT/udp.trace" &&
	ok "udp 4000: udp_sendmsg ... ip_fragment in the trace" || bad "udp trace" "see $OUT/udp.trace"
tshark_tcp_clean "$OUT/udp.pcap" "udp pcap decodes cleanly, checksums good" ""
ns -e "$UDP" --trace "$OUT/udp2.trace" --pcap "$OUT/udp2.pcap" >"$OUT/udp2.out" 2>&1
same_runs "udp 4000: two runs give identical trace and pcap" "udp: deterministic" \
	"$OUT/udp" "$OUT/udp2" trace pcap

# refused BASE CMD: a script ending with the bad CMD: status 2, one line, nothing run.
refused() {
	local base=$1 cmd=$2 rc
	ns -e "ping -c 1 10.0.1.2; socket udp; $cmd" >"$base.out" 2>"$base.err"
	rc=$?
	[ $rc -eq 2 ] && [ "$(wc -l <"$base.err")" -eq 1 ] && [ ! -s "$base.out" ] &&
		ok "bad '$cmd': exit 2, one line, nothing run" ||
		bad "bad '$cmd'" "rc=$rc err=$(cat "$base.err") out=$(head -c 100 "$base.out")"
}
# Bad socket commands.
for cmd in "socket sctp" "connect 3 10.0.1.2" "send x 5" "sendto 3 nowhere:1 5" \
	"listen 0" "listen 9002 rcvbuf -1" "recv 7777x" "ss -z" "sim loss 101" "sim delay x" \
	"sim mtu dmz 1400"; do
	refused "$OUT/badsock" "$cmd"
done

# --- issue 17: no silent data loss, numbers, outputs, -e --------------------------
# A sink whose accept() met a full descriptor table (EMFILE) takes the
# connection once a descriptor is closed: 61 connections held open (the
# server has 59 free descriptors), closed, then a new one sends 3000 bytes.
S=
for i in $(seq 61); do S="$S socket tcp; connect 10.0.1.2:9000;"; done
for i in $(seq 3 63); do S="$S close $i;"; done
S="$S socket tcp; connect 10.0.1.2:9000; send 3 3000; close 3; on server recv 9000; ulimit -n"
exits_ok 120 "EMFILE: exits 0" "$OUT/emfile" -e "$S"
arrived "EMFILE: the sink took the queued connections later, 3000 bytes reported" "EMFILE: delivery" \
	"tcp 9000: 62 connection(s), 3000 bytes" "$sha3000" "$OUT/emfile.out"
n=$(grep -c '^  accept: Too many open files (64 descriptors, ulimit -n)' "$OUT/emfile.out")
[ "$n" -eq 1 ] && [ "$(tail -1 "$OUT/emfile.out")" = 64 ] &&
	ok "EMFILE: recv says it once; ulimit -n prints 64" ||
	bad "EMFILE: said once, ulimit -n" "$n line(s); last: $(tail -1 "$OUT/emfile.out")"
# recv waits for every connection it counts, not only the 64 it lists.
S=
for i in $(seq 64); do S="$S socket tcp; connect 10.0.1.2:9000; close 3;"; done
S="$S socket tcp; connect 10.0.1.2:9000; send 3 5000000; close 3; on server recv 9000"
exits_ok 300 "65 connections: exits 0" "$OUT/many" -e "$S"
arrived "recv waits for the 65th connection: 5000000 bytes reported whole" "65th connection" \
	"tcp 9000: 65 connection(s), 5000000 bytes" "$(pattern_sha 5000000)" "$OUT/many.out"

# NaN, infinities and out-of-range numbers: exit 2, one line naming the
# value, nothing run (and no float-cast-overflow under `make sanitize`).
TBF="tc qdisc replace dev eth0 root tbf"
for c in "sleep nan|nan" "sleep inf|inf" "sim loss nan|nan" "sim delay nan|nan" \
	"$TBF rate 1e17tbit burst 10k latency 50ms|1e17tbit" "$TBF rate 1bit burst 10k latency 50ms|1bit" \
	"$TBF rate 1mbit burst 10k latency inf|inf" "ping -i nan 10.0.1.2|nan" "ping -W inf 10.0.1.2|inf" \
	"recv 9000 timeout nan|nan"; do
	cmd=${c%|*} word=${c##*|}
	ns -e "ping -c 1 10.0.1.2; $cmd" >"$OUT/num.out" 2>"$OUT/num.err"
	rc=$?
	[ $rc -eq 2 ] && [ "$(wc -l <"$OUT/num.err")" -eq 1 ] && grep -qF "$word" "$OUT/num.err" &&
		[ ! -s "$OUT/num.out" ] && ok "'$cmd': exit 2, one line naming '$word'" ||
		bad "'$cmd'" "rc=$rc err=$(cat "$OUT/num.err") out=$(head -c 100 "$OUT/num.out")"
done
for args in "--seed -1" "--seed 4294967296"; do
	# shellcheck disable=SC2086
	timeout 10 "$NETSTEP" $args --headless -e 'sleep 0' >/dev/null 2>"$OUT/usage.err"
	rc=$?
	[ $rc -eq 2 ] && [ "$(wc -l <"$OUT/usage.err")" -eq 1 ] && grep -qF -- "${args#--seed }" "$OUT/usage.err" &&
		ok "usage error '$args' exits 2 naming the value" || bad "usage error '$args'" "rc=$rc $(cat "$OUT/usage.err")"
done

# Every output checks its writes and its close: a full disk is exit 1 and
# one line naming the file.
for o in --pcap --pcapng --trace --trace-json; do
	ns -e 'ping -c 1 10.0.1.2' "$o" /dev/full >/dev/null 2>"$OUT/full.err"
	rc=$?
	[ $rc -eq 1 ] && [ "$(wc -l <"$OUT/full.err")" -eq 1 ] &&
		grep -q '^netstep: cannot write /dev/full: No space left on device$' "$OUT/full.err" &&
		ok "$o /dev/full: exit 1, one line naming it" || bad "$o /dev/full" "rc=$rc $(cat "$OUT/full.err")"
done
# A capture that cannot write its -w file fails the run too.
ns -e 'tcpdump -w /dev/full; ping -c 1 10.0.1.2' >/dev/null 2>"$OUT/full.err"
rc=$?
[ $rc -eq 1 ] && grep -q '^tcpdump: /dev/full: No space left on device$' "$OUT/full.err" &&
	ok "tcpdump -w /dev/full: exit 1, one line naming it" ||
	bad "tcpdump -w /dev/full" "rc=$rc $(cat "$OUT/full.err")"
for o in --trace --pcapng; do
	timeout 60 "$NETSTEP" --headless --lesson 1 --check "$o" /dev/full >/dev/null 2>"$OUT/full.err"
	rc=$?
	[ $rc -eq 1 ] && [ "$(wc -l <"$OUT/full.err")" -eq 1 ] &&
		grep -q '^netstep: cannot write /dev/full: No space left on device$' "$OUT/full.err" &&
		ok "--lesson 1 $o /dev/full: exit 1, one line naming it" ||
		bad "--lesson $o /dev/full" "rc=$rc $(cat "$OUT/full.err")"
done

# A second -e adds to the script, which is checked whole.
ns -e 'socket udp' -e 'socket tcp' >"$OUT/twoe.out" 2>"$OUT/twoe.err"
rc=$?
[ $rc -eq 0 ] && [ "$(tr '\n' ' ' <"$OUT/twoe.out")" = "3 4 " ] && ok "two -e: both run, in order" ||
	bad "two -e" "rc=$rc $(cat "$OUT/twoe.out" "$OUT/twoe.err")"
ns -e 'socket udp' -e 'frobnicate' >"$OUT/twoe.out" 2>"$OUT/twoe.err"
rc=$?
[ $rc -eq 2 ] && [ ! -s "$OUT/twoe.out" ] && grep -q frobnicate "$OUT/twoe.err" &&
	ok "two -e: a bad command in the second stops the first too (checked whole)" ||
	bad "two -e, bad second" "rc=$rc $(cat "$OUT/twoe.out" "$OUT/twoe.err")"
# A bad byte in a ping argument is blamed on that argument.
ns -e "$(printf 'ping -c 1 \377 10.0.1.2')" >/dev/null 2>"$OUT/ping8.err"
rc=$?
[ $rc -eq 2 ] && grep -q "$(printf '^ping: \377: ')" "$OUT/ping8.err" && ! grep -q 10.0.1.2 "$OUT/ping8.err" &&
	ok "ping: the argument with the bad byte is named, not the next" ||
	bad "ping bad byte" "rc=$rc $(cat -v "$OUT/ping8.err")"

# --- captures: clean in Wireshark's default profile, on a fixed date --------------
# Every capture that `make demo`, the README's examples, `make run`'s UI
# scenario and each lesson produce, in pcap and pcapng: no malformed
# frame and no expert error, judged by tshark with its default profile
# (a scratch HOME: no personal preferences, no "decode as") and no -d
# override.  The demo's script is read from the Makefile and the
# README's from README.md, so changing either is tested.
CAPS=$OUT/captures
mkdir -p "$CAPS/home"
tsd() { HOME="$CAPS/home" XDG_CONFIG_HOME="$CAPS/home/.config" tshark -r "$@" 2>/dev/null; }
default_clean() {	# NAME FILE
	local n m
	n=$(tsd "$2" -Y '_ws.malformed || _ws.expert.severity >= 8388608' | wc -l)
	m=$(tsd "$2" | wc -l)
	if [ "$m" -gt 0 ] && [ "$n" -eq 0 ]; then ok "$1: $m frames, clean in tshark's default profile"
	else bad "$1" "$n malformed/expert-error frame(s) of $m in $2"; fi
}
# capture NAME SCRIPT: run SCRIPT headless with --pcap and --pcapng, judge both,
# and every file a `tcpdump -w FILE` in SCRIPT wrote (it runs in a folder of
# its own, so that such files land there).
NETSTEP_ABS=$(cd "$(dirname "$NETSTEP")" && pwd)/$(basename "$NETSTEP")
capture() {
	local name=$1 script=$2 f caps
	mkdir -p "$CAPS/$name.d"
	caps=$(cd "$CAPS" && pwd)
	(cd "$caps/$name.d" && timeout 300 "$NETSTEP_ABS" --headless -e "$script" \
		--pcap "$caps/$name.pcap" --pcapng "$caps/$name.pcapng") >"$CAPS/$name.out" 2>&1 ||
		bad "$name: runs" "status $? ($(head -c 300 "$CAPS/$name.out"))"
	default_clean "$name pcap" "$CAPS/$name.pcap"
	default_clean "$name pcapng" "$CAPS/$name.pcapng"
	for f in $(printf '%s\n' "$script" | grep -o -- '-w [^ ;]*' | cut -c4-); do
		default_clean "$name: tcpdump -w $f" "$CAPS/$name.d/$f"
	done
}
demo=$(make -s -n demo 2>/dev/null | sed -n "s/^[[:space:]]*-e '\(.*\)'[[:space:]]*\$/\1/p" | head -1)
[ -n "$demo" ] && capture "make demo" "$demo" || bad "make demo's script" "not found in make -n demo"
# README: each `./netstep --headless -e '...'` (continued lines joined), TAP ones aside.
n=0
while IFS= read -r script; do
	n=$((n + 1))
	capture "README example $n" "$script"
done < <(awk '/^```/ { inblock = !inblock; next }
	inblock { line = line $0; if (sub(/\\$/, "", line)) next; print line; line = "" }' README.md |
	grep '^\./netstep --headless' | grep -v -- '--wire tap' |
	sed -n "s/.* -e '\([^']*\)'.*/\1/p")
[ "$n" -ge 4 ] && ok "README: $n example scripts found" || bad "README examples" "only $n found"
COLUMNS=100 LINES=30 timeout 120 "$NETSTEP" --keys "c" --dump-screen "$CAPS/ui.txt" \
	--pcap "$CAPS/ui.pcap" >/dev/null 2>&1
default_clean "make run (the UI's scenario) pcap" "$CAPS/ui.pcap"
while read -r l; do
	case "$l" in ''|'#'*) continue ;; esac
	timeout 120 "$NETSTEP" --headless --lesson "lessons/$l" --check --pcapng "$CAPS/$l.pcapng" \
		>/dev/null 2>&1
	default_clean "lesson $l pcapng" "$CAPS/$l.pcapng"
done < lessons/ORDER
# The simulated wire's captures start on SIM_CAPTURE_EPOCH_NS (sim/pcap.h),
# 2013-06-30 00:00:00 UTC, the day Linux 3.10 was released.
t1=$(tsd "$CAPS/make demo.pcap" -c 1 -T fields -e frame.time_epoch)
t2=$(tsd "$CAPS/make demo.pcapng" -c 1 -T fields -e frame.time_epoch)
case "$t1 $t2" in
1372550400.*" "1372550400.*) ok "captures start on 2013-06-30 00:00:00 UTC ($t1)" ;;
*) bad "capture date" "first frames at '$t1' / '$t2', want 1372550400.x" ;;
esac
# ping exits 1 when no reply came (as iputils does), and the script goes on.
ns -e 'ping -c 1 -W 1 10.0.0.99; ip neigh' >"$OUT/noreply.out" 2>&1
rc=$?
[ $rc -eq 1 ] && grep -q '1 packets transmitted, 0 received' "$OUT/noreply.out" &&
	grep -q '^10\.0\.0\.99 dev eth0' "$OUT/noreply.out" &&
	ok "ping without a reply: exit 1, the script goes on" ||
	bad "ping without a reply" "rc=$rc, see $OUT/noreply.out"

# An output that cannot be written (a missing folder, a full disk) is
# named once, on one line; the status is 1.  Lessons and the UI alike.
for opt in --trace --trace-json --pcap --pcapng --lesson-trace --lesson-pcapng --dump-screen; do
	for path in /nonexistent/out.x /dev/full; do
		case $opt in
		--lesson-*) args=(--headless --lesson 1 "--${opt#--lesson-}" "$path") ;;
		--dump-screen) args=(--keys s --dump-screen "$path") ;;
		*) args=(--headless -e 'ping -c 1 10.0.1.2' "$opt" "$path") ;;
		esac
		COLUMNS=80 LINES=24 timeout 60 "$NETSTEP" "${args[@]}" >/dev/null 2>"$OUT/unwritable.err"
		rc=$?
		[ $rc -eq 1 ] && [ "$(wc -l <"$OUT/unwritable.err")" -eq 1 ] &&
			[ "$(grep -o "$path" "$OUT/unwritable.err" | wc -l)" -eq 1 ] &&
			grep -q "^netstep: cannot write $path: " "$OUT/unwritable.err" &&
			ok "$opt $path: exit 1, the path named once" ||
			bad "$opt $path" "rc=$rc: $(cat "$OUT/unwritable.err")"
	done
done

# --- tcpdump on a host: the kernel's packet taps, not the wire --------------------
# tcpdump -w on the student's eth0 and on the router's eth1, printed lines
# on the student, the wire's --pcap beside them: the same frames (the
# card pads short ones on the wire), clean in tshark's default profile.
TD=$OUT/tcpdump
mkdir -p "$TD"
# (TSO off: with it the host's taps see a GSO skb whole, before the card cuts it.)
TDS="ethtool -K eth0 tso off; tcpdump -i eth0 -w $TD/host.pcap; on router tcpdump -i eth1 -w $TD/router.pcap; tcpdump -n -i eth0; ping -c 2 10.0.1.2; socket tcp; connect 10.0.1.2:9000; send $fd 5000; close $fd; socket udp; sendto $fd 10.0.1.2:9001 100; on server recv 9000"
exits_ok 60 "tcpdump: exits 0 (no skb leak)" "$TD/run" -e "$TDS" --pcap "$TD/wire.pcap"
default_clean "tcpdump -w on the student's eth0" "$TD/host.pcap"
default_clean "tcpdump -w on the router's eth1" "$TD/router.pcap"
# What tshark sees of each frame, one line each, for one direction (from
# the student's MAC or to it): addresses, IP id and length, TCP numbers
# and flags, UDP and ARP; not the frame length (padding).
td_fields() {	# FILE FILTER
	tsd "$1" -Y "$2" -T fields -e eth.src -e eth.dst -e eth.type -e ip.src -e ip.dst -e ip.id \
		-e ip.len -e tcp.seq_raw -e tcp.ack_raw -e tcp.flags -e tcp.len -e udp.length \
		-e icmp.type -e icmp.seq -e arp.opcode -e arp.src.proto_ipv4 -e arp.dst.proto_ipv4
}
for d in "eth.src == 02:00:00:00:00:02" "eth.src != 02:00:00:00:00:02"; do
	td_fields "$TD/host.pcap" "$d" >"$TD/host.fields"
	td_fields "$TD/wire.pcap" "$d" >"$TD/wire.fields"
	n=$(wc -l <"$TD/host.fields")
	[ "$n" -ge 6 ] && cmp -s "$TD/host.fields" "$TD/wire.fields" &&
		ok "tcpdump -w and the wire: the same $n frames ($d)" ||
		bad "tcpdump -w vs the wire ($d)" "$(diff "$TD/host.fields" "$TD/wire.fields" | head -4)"
done
# The wire carries the ARP request padded to 60 bytes; the tap saw the 42 the stack built.
n=$(tsd "$TD/host.pcap" -Y 'arp.opcode == 1 && frame.len == 42' | wc -l)
m=$(tsd "$TD/wire.pcap" -Y 'arp.opcode == 1 && frame.len == 60 && eth.src == 02:00:00:00:00:02' | wc -l)
[ "$n" -eq 1 ] && [ "$m" -eq 1 ] && ok "tcpdump: ARP request of 42 bytes on the host, 60 on the wire" ||
	bad "tcpdump: ARP request sizes" "host 42-byte: $n, wire 60-byte: $m"
# Printed lines: one per frame of the -w file, as tcpdump itself prints
# that file (tcpdump 4.99, `-n`, UTC).
grep -E '^[0-9]{2}:[0-9]{2}:[0-9]{2}\.[0-9]{6} ' "$TD/run.out" >"$TD/lines.netstep"
n=$(wc -l <"$TD/lines.netstep")
m=$(tsd "$TD/host.pcap" | wc -l)
[ "$n" -eq "$m" ] && grep -q '^00:00:00.000000 ARP, Request who-has 10.0.0.1 tell 10.0.0.2, length 28$' \
	"$TD/lines.netstep" && grep -q 'IP 10.0.0.2.32768 > 10.0.1.2.9000: Flags \[.\], seq 1:1449, ack 1, win 115, options \[nop,nop,TS val [0-9]* ecr [0-9]*\], length 1448$' "$TD/lines.netstep" &&
	ok "tcpdump prints one line per frame ($n)" || bad "tcpdump lines" "$n lines, $m frames"
if command -v tcpdump >/dev/null; then
	TZ=UTC tcpdump -n -r "$TD/host.pcap" 2>/dev/null >"$TD/lines.tcpdump"
	cmp -s "$TD/lines.netstep" "$TD/lines.tcpdump" &&
		ok "tcpdump: netstep's lines are the real tcpdump's for the same frames" ||
		bad "tcpdump lines vs tcpdump -r" "$(diff "$TD/lines.netstep" "$TD/lines.tcpdump" | head -4)"
else
	bad "tcpdump -r" "tcpdump is missing: sudo apt-get install -y tcpdump"
fi
# -c N: N lines, then tcpdump's statistics, and the run goes on.
ns -e 'tcpdump -c 3; ping -c 2 10.0.1.2' >"$TD/c3.out" 2>"$TD/c3.err"
n=$(grep -cE '^[0-9]{2}:[0-9]{2}:[0-9]{2}\.' "$TD/c3.out")
[ "$n" -eq 3 ] && grep -q '^3 packets captured$' "$TD/c3.err" &&
	grep -q '^2 packets transmitted, 2 received' "$TD/c3.out" &&
	ok "tcpdump -c 3: three lines, its statistics, the ping goes on" ||
	bad "tcpdump -c 3" "$n lines; $(tr '\n' '|' <"$TD/c3.err")"
ns -e "$TDS" --pcap "$TD/wire2.pcap" >"$TD/run2.out" 2>"$TD/run2.err"
same_runs "tcpdump: two runs give identical lines, -w file and wire" "tcpdump: deterministic" \
	"$TD/run" "$TD/run2" out
cmp -s "$TD/wire.pcap" "$TD/wire2.pcap" || bad "tcpdump: deterministic wire" "wire.pcap differs"
# With TSO (the default), lesson 13's claim in files: the student's tap
# saves the GSO skb whole (4344 bytes of payload, IP length 4396) with
# the TCP checksum the card is to complete (tshark: bad), while every
# frame on the wire is at most 1514 bytes with right checksums; both
# carry the same 5000 bytes of payload from the student.
ns -e "socket tcp; connect 10.0.1.2:9000; sleep 1ms; tcpdump -i eth0 -c 2 -w $TD/tso-host.pcap; send 3 5000; sleep 1ms" \
	--pcap "$TD/tso-wire.pcap" >"$TD/tso.out" 2>"$TD/tso.err"
tsoff() {
	tshark -r "$1" -o tcp.check_checksum:TRUE -Y "ip.src == 10.0.0.2 && tcp.len > 0" \
		-T fields -e frame.len -e tcp.len -e tcp.checksum.status 2>/dev/null
}
tsoff "$TD/tso-host.pcap" >"$TD/tso-host.fields"
tsoff "$TD/tso-wire.pcap" >"$TD/tso-wire.fields"
host=$(tr '\t\n' ' ;' <"$TD/tso-host.fields")
wbig=$(awk '$1 > 1514 || $3 != 1' "$TD/tso-wire.fields" | wc -l)
hsum=$(awk '{ s += $2 } END { print s + 0 }' "$TD/tso-host.fields")
wsum=$(awk '{ s += $2 } END { print s + 0 }' "$TD/tso-wire.fields")
[ "$host" = "4410 4344 0;722 656 0;" ] && [ "$wbig" -eq 0 ] && [ "$hsum" -eq 5000 ] &&
	[ "$wsum" -eq 5000 ] && [ "$(wc -l <"$TD/tso-wire.fields")" -eq 4 ] &&
	ok "tcpdump with TSO: the host saves the 4410-byte GSO skb unsummed, the wire 4 frames of at most 1514, summed" ||
	bad "tcpdump with TSO: host vs wire" "host: $host; wire: $(tr '\t\n' ' ;' <"$TD/tso-wire.fields")"
for cmd in "tcpdump -i eth7" "tcpdump -c 0" "tcpdump -X" "tcpdump port 9000" "on router tcpdump -w -"; do
	refused "$TD/bad" "$cmd"
done

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
