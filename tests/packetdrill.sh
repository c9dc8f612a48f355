#!/bin/bash
# tests/packetdrill.sh - the packetdrill scripts of tests/packetdrill/ pass
# against the student's host; copies made wrong on purpose fail with
# packetdrill's report at the right line (exit 1); scripts netstep cannot
# run are refused as FILE:LINE (exit 2); the command line's options work.
# Run by `make check`.
#   bash tests/packetdrill.sh ./netstep
set -u
NETSTEP=${1:-./netstep}
DIR=tests/packetdrill
OUT=tests/out-packetdrill
rm -rf "$OUT"
mkdir -p "$OUT"
fail=0
passed=0
failed=0

ok()  { echo "ok   $*"; passed=$((passed + 1)); }
bad() { echo "FAIL $*"; fail=1; failed=$((failed + 1)); }

# drill FILE ARGS...: run a script headless, bounded; stdout, stderr in $OUT.
drill() {
	local f=$1 name
	shift
	name=$(basename "$f" .pkt)
	timeout 120 "$NETSTEP" --packetdrill "$f" --headless "$@" >"$OUT/$name.out" \
		2>"$OUT/$name.err"
}

# 1. Every script passes: exit 0, nothing on stderr.
for f in "$DIR"/*.pkt; do
	name=$(basename "$f" .pkt)
	drill "$f"
	rc=$?
	if [ $rc -eq 0 ] && [ ! -s "$OUT/$name.err" ]; then
		ok "$name: passes ($(grep -c '^[-+*0-9.]' "$f") lines)"
	else
		bad "$name: exit $rc"; sed 's/^/     /' "$OUT/$name.err"
	fi
done

# wrong SRC NAME SED WANT [LINE]: a copy of SRC with sed script SED
# applied must exit 1 with a report whose first line starts "FILE:LINE: "
# (LINE: the first line SED changed, unless given) and contains WANT
# (grep -F).
wrong() {
	local src=$1 name=$2 script=$3 want=$4 line=${5:-} f rc changed
	f=$OUT/$name.pkt
	sed "$script" "$DIR/$src.pkt" >"$f"
	changed=$(cmp "$f" "$DIR/$src.pkt" 2>/dev/null | sed -n 's/.* line \([0-9]*\)$/\1/p')
	if [ -z "$changed" ]; then
		bad "$name: the sed script changed nothing"
		return
	fi
	line=${line:-$changed}
	drill "$f"
	rc=$?
	if [ $rc -eq 1 ] && head -n 1 "$OUT/$name.err" | grep -q "^$f:$line: " &&
		grep -qF -- "$want" "$OUT/$name.err"; then
		ok "$name: $(head -n 1 "$OUT/$name.err")"
	else
		bad "$name: exit $rc, wanted $f:$line: ... $want"; sed 's/^/     /' "$OUT/$name.err"
	fi
}

# 2. Wrong on purpose: what 3.10 does not do, at the line that says it.
wrong handshake-passive wrong-synack-mss \
	's/> S. 0:0(0) ack 1 <mss 1460,/> S. 0:0(0) ack 1 <mss 1400,/' \
	'error handling packet: bad outbound TCP options'
grep -qF 'script packet:  0.000001 S. 0:0(0) ack 1 <mss 1400,sackOK' "$OUT/wrong-synack-mss.err" &&
grep -qF 'actual packet:  0.000001 S. 0:0(0) ack 1 win 14480 <mss 1460,sackOK' \
	"$OUT/wrong-synack-mss.err" && ok "wrong-synack-mss: both packets dumped" ||
	bad "wrong-synack-mss: the script and actual packets are not both dumped"
wrong handshake-passive wrong-rto 's/tcpi_rto == 300\*1000/tcpi_rto == 200*1000/' \
	'assertion failed: `assert tcpi_rto == 200*1000` (tcpi_rto = 300000)'
wrong handshake-passive wrong-maxseg 's/TCP_MAXSEG, \[1448\]/TCP_MAXSEG, [1460]/' \
	'runtime error in getsockopt call: Bad getsockopt optval: expected: 1460 actual: 1448'
wrong handshake-active wrong-syn-wscale 's/nop,wscale 7>/nop,wscale 8>/' \
	'bad outbound TCP options'
wrong handshake-active wrong-connect-errno 's/= -1 EINPROGRESS (Operation now in progress)/= -1 EAGAIN/' \
	'Expected errno 11 (Resource temporarily unavailable) but got 115 (Operation now in progress)'
# (what comes instead of an eleventh segment is the tail loss probe: the tenth again)
wrong data-exchange wrong-iw 's/> P. 1:10001(10000) ack 1/> P. 1:11001(11000) ack 1/' \
	'live packet field tcp_seq: expected: 10001 (0x2711) vs actual: 9001 (0x2329) (the next segment does not continue 8001:10001(2000))'
wrong data-exchange wrong-cwnd 's/tcpi_snd_cwnd == 11/tcpi_snd_cwnd == 20/' \
	'assertion failed'
wrong data-exchange wrong-read-time 's/+0...0.050 read(4, ..., 2000) = 1000/+0...0.030 read(4, ..., 2000) = 1000/' \
	'timing error: expected system call return at 0.230'
wrong data-exchange wrong-inq 's/ioctl(4, SIOCINQ, \[500\])/ioctl(4, SIOCINQ, [1500])/' \
	'Bad ioctl optval: expected: 1500 actual: 500'
wrong close-active wrong-fin-ack 's/> F. 1001:1001(0) ack 1$/> F. 1001:1001(0) ack 2/' \
	'live packet field tcp_ack_seq: expected: 2 (0x2) vs actual: 1 (0x1)'
wrong close-active wrong-state 's/tcpi_state == 5 }%/tcpi_state == 6 }%/' \
	'(tcpi_state = 5)'
wrong close-passive wrong-no-delack 's/^+.04 > . 1:1(0) ack 102/+0 > . 1:1(0) ack 102/' \
	'timing error: expected outbound packet at 0.100'
wrong close-passive wrong-eof 's/read(4, ..., 1000) = 0/read(4, ..., 1000) = 1/' \
	'runtime error in read call: Expected result 1 but got 0'
wrong shutdown-linger wrong-epipe 's/= -1 EPIPE (Broken pipe)/= 1000/' \
	'runtime error in write call: Expected result 1000 but got -1 with errno 32 (Broken pipe)'
wrong shutdown-linger wrong-linger-fin 's/> R. 1:1(0) ack 1/> F. 1:1(0) ack 1/' \
	'live packet field tcp_fin: expected: 1 (0x1) vs actual: 0 (0x0)'
# (Nagle holds it; what comes is the RTO's retransmission of the first)
wrong nagle-cork wrong-nagle '16a +0  > P. 41:81(40) ack 1' \
	'live packet field tcp_seq: expected: 41 (0x29) vs actual: 1 (0x1)'
wrong nagle-cork wrong-cork 's/^+0  > P. 161:241(80) ack 1/+0  > P. 161:201(40) ack 1/' \
	'live packet field ipv4_total_length'
wrong sysctl-route-pmtu wrong-advmss 's/advmss 1000`/advmss 1100`/' \
	'bad outbound TCP options' 13
wrong sysctl-route-pmtu wrong-pmtu 's/> . 1:1161(1160) ack 1/> . 1461:2621(1160) ack 1/' \
	'live packet field tcp_seq: expected: 1461 (0x5b5) vs actual: 1 (0x1)'
wrong rto-backoff wrong-rto-time 's/^+.3 > P. 1:1001(1000) ack 1/+.2 > P. 1:1001(1000) ack 1/' \
	'timing error: expected outbound packet at 0.300003 sec but happened at 0.400000 sec'
wrong rto-backoff wrong-backoff 's/^+.6 > P. 1:1001(1000) ack 1/+.3 > P. 1:1001(1000) ack 1/' \
	'timing error: expected outbound packet at 1.000000 sec but happened at 1.300000 sec'
# Loss recovery as 3.10 does it, each a copy made wrong where it matters.
wrong sack-fast-retransmit wrong-prr-cwnd 's/tcpi_snd_ssthresh == 5 and tcpi_snd_cwnd == 7$/tcpi_snd_ssthresh == 5 and tcpi_snd_cwnd == 10/' \
	'(tcpi_snd_ssthresh = 5, tcpi_snd_cwnd = 7)'
# (no fast retransmit after two SACKs: what comes is the loss probe, at 2 RTT)
wrong sack-fast-retransmit wrong-fast-rexmit-early '26s/^+0  < . 1:1(0) ack 1 win 257 <sack 1001:3001,nop,nop>$/&\n+0  > . 1:1001(1000) ack 1/' \
	'actual packet:  0.300000 P. 9001:10001(1000) ack 1' 27
wrong reno-fast-retransmit wrong-reno-hold 's/tcpi_ca_state == TCP_CA_Recovery and tcpi_snd_cwnd == 3/tcpi_ca_state == TCP_CA_Open and tcpi_snd_cwnd == 3/' \
	'(tcpi_ca_state = 3, tcpi_snd_cwnd = 3, tcpi_unacked = 0)'
wrong prr wrong-prr-sndcnt 's/^+0  %{ assert tcpi_snd_cwnd == 8 and tcpi_unacked == 12 }%/+0  %{ assert tcpi_snd_cwnd == 9 and tcpi_unacked == 12 }%/' \
	'(tcpi_snd_cwnd = 8, tcpi_unacked = 12)'
wrong early-retransmit wrong-er-delay 's/^+.025 > . 1:1001(1000) ack 1/+.01 > . 1:1001(1000) ack 1/' \
	'timing error: expected outbound packet at 0.210004 sec but happened at 0.225000 sec'
wrong rto-sack wrong-rto-sack-all 's/^+0  > P. 2001:3001(1000) ack 1/+0  > P. 1001:2001(1000) ack 1/' \
	'live packet field tcp_seq: expected: 1001 (0x3e9) vs actual: 2001 (0x7d1)'
wrong tlp wrong-tlp-time 's/^+.2 > P. 9001:10001(1000) ack 1/+.3 > P. 9001:10001(1000) ack 1/' \
	'timing error: expected outbound packet at 0.500004 sec but happened at 0.400000 sec'
wrong tlp-recovery wrong-tlp-no-cwr 's/tcpi_snd_ssthresh == 5 and tcpi_snd_cwnd == 5/tcpi_snd_ssthresh > 1000 and tcpi_snd_cwnd == 11/' \
	'(tcpi_ca_state = 0, tcpi_snd_ssthresh = 5, tcpi_snd_cwnd = 5)'
wrong undo-dsack wrong-dsack-no-undo 's/tcpi_snd_cwnd == 10 and tcpi_snd_ssthresh > 1000/tcpi_snd_cwnd == 5 and tcpi_snd_ssthresh == 5/' \
	'(tcpi_ca_state = 0, tcpi_snd_cwnd = 10, tcpi_snd_ssthresh = 2147483647)'
wrong undo-timestamp wrong-eifel-ecr 's/ack 989 win 257 <nop,nop,TS val 900 ecr 200>/ack 989 win 257 <nop,nop,TS val 900 ecr 800>/' \
	'(tcpi_ca_state = 0, tcpi_snd_cwnd = 2, tcpi_snd_ssthresh = 5)' 29
wrong frto wrong-frto-retransmits 's/^+0  > . 11001:13001(2000) ack 1/+0  > . 1001:2001(1000) ack 1/' \
	'live packet field tcp_seq: expected: 1001 (0x3e9) vs actual: 11001 (0x2af9)'
wrong sack-reneging wrong-reneging-keeps-sack 's/assert tcpi_sacked == 0 and tcpi_lost == 8/assert tcpi_sacked == 1 and tcpi_lost == 7/' \
	'(tcpi_sacked = 0, tcpi_lost = 8)'
wrong reordering wrong-reordering 's/assert tcpi_reordering == 5 and tcpi_lost == 1/assert tcpi_reordering == 3 and tcpi_lost == 1/' \
	'(tcpi_reordering = 5, tcpi_lost = 1, tcpi_sacked = 5)'
wrong lost-retransmit wrong-lost-retransmit 's/<sack 1001:13001,nop,nop>/<sack 1001:12001,nop,nop>/' \
	'timing error: expected outbound packet at 0.210013 sec but happened at 0.500000 sec' 32
wrong dsack-send wrong-no-dsack 's/^+0  > . 1:1(0) ack 1001 <nop,nop,sack 1:1001>/+0  > . 1:1(0) ack 1001/' \
	'live packet field ipv4_total_length: expected: 40 (0x28) vs actual: 52 (0x34)'
wrong fack-off wrong-fack-on 's/tcp_fack=0/tcp_fack=1/' \
	'(tcpi_ca_state = 3, tcpi_fackets = 6)' 19
# (CUBIC's 0.7, not Reno's half; its undo_cwnd, not Reno's 2 * ssthresh = 14)
wrong cubic-recovery wrong-cubic-recovery-half 's/tcpi_snd_ssthresh == 7 and tcpi_snd_cwnd == 7 }%$/tcpi_snd_ssthresh == 5 and tcpi_snd_cwnd == 7 }%/' \
	'(tcpi_ca_state = 3, tcpi_snd_ssthresh = 7, tcpi_snd_cwnd = 7)'
wrong cubic-recovery wrong-cubic-undo 's/tcpi_snd_cwnd == 10 and tcpi_snd_ssthresh > 1000/tcpi_snd_cwnd == 14 and tcpi_snd_ssthresh > 1000/' \
	'(tcpi_ca_state = 0, tcpi_snd_cwnd = 10, tcpi_snd_ssthresh = 2147483647)'

# ... and what each says it counts, in nstat's words.
counted() {
	local name=$1 want=$2
	if grep -qE "^$want +1 " "$OUT/$name.out"; then ok "$name: $want 1"
	else bad "$name: no '$want 1' in its nstat"; sed 's/^/     /' "$OUT/$name.out"; fi
}
counted sack-fast-retransmit TcpExtTCPSackRecovery
counted reno-fast-retransmit TcpExtTCPRenoRecovery
counted rto-sack TcpExtTCPSackFailures
counted tlp TcpExtTCPLossProbes
counted tlp-recovery TcpExtTCPLossProbeRecovery
counted tlp-spurious TcpExtTCPDSACKRecv
counted undo-dsack TcpExtTCPDSACKUndo
counted cubic-recovery TcpExtTCPDSACKUndo
counted undo-recovery TcpExtTCPFullUndo
counted undo-partial TcpExtTCPPartialUndo
counted undo-partial TcpExtTCPTSReorder
counted undo-timestamp TcpExtTCPLossUndo
counted frto TcpExtTCPSpuriousRTOs
counted sack-reneging TcpExtTCPSACKReneging
counted reordering TcpExtTCPFACKReorder
counted lost-retransmit TcpExtTCPLostRetransmit
counted dsack-send TcpExtTCPDSACKOldSent
counted dsack-send TcpExtTCPDSACKOfoSent
if grep -q 'TcpExtTCPTimeouts' "$OUT/rto-sack.out"; then
	bad "rto-sack: a timeout after SACKs counted as TCPTimeouts"
else ok "rto-sack: not counted as TCPTimeouts"; fi

# ... and in the scripts of congestion control, timers, resets and closes:
# each number or behaviour the script is about, changed.
# (the eleventh segment does come, 100 ms on: the tail loss probe sends new
# data when it has some, beyond cwnd; the runner joins it to the burst)
wrong iw10 wrong-iw11 's/> . 1:14481(14480) ack 1/> . 1:15929(15928) ack 1/' \
	'assertion failed: `assert tcpi_unacked == 10 and tcpi_snd_cwnd == 10` (tcpi_unacked = 11, tcpi_snd_cwnd = 10)' 15
wrong slow-start wrong-ss-per-segment 's/tcpi_snd_cwnd == 30 and/tcpi_snd_cwnd == 40 and/' \
	'(tcpi_snd_cwnd = 30, tcpi_unacked = 30'
wrong cubic-hystart-ca wrong-hystart-ssthresh \
	's/tcpi_snd_cwnd == 24 and tcpi_snd_ssthresh == 24 }%/tcpi_snd_cwnd == 24 and tcpi_snd_ssthresh == 25 }%/' \
	'(tcpi_snd_cwnd = 24, tcpi_snd_ssthresh = 24)'
# (ACKs 3 ms apart are no train: slow start goes on)
wrong cubic-hystart-ca wrong-train-3ms 's/^+.002 < /+.003 < /' \
	'(tcpi_snd_cwnd = 24, tcpi_snd_ssthresh = 2147483647)' 48
wrong cubic-hystart-ca wrong-cubic-step 's/^+0  %{ assert tcpi_snd_cwnd == 26 }%$/+0  %{ assert tcpi_snd_cwnd == 27 }%/' \
	'(tcpi_snd_cwnd = 26)'
# (24 ms is 192 in ms << 3: not above 160 + 32)
wrong hystart-delay wrong-delay-24ms 's/^+.025  < . 1:1(0) ack 11001 win 1000/+.024  < . 1:1(0) ack 11001 win 1000/' \
	'(tcpi_snd_cwnd = 30, tcpi_snd_ssthresh = 2147483647)' 48
wrong reno-ca-sysctl wrong-reno-ssthresh \
	's/tcpi_snd_cwnd == 1 and tcpi_snd_ssthresh == 5/tcpi_snd_cwnd == 1 and tcpi_snd_ssthresh == 7/' \
	'(tcpi_snd_cwnd = 1, tcpi_snd_ssthresh = 5, tcpi_ca_state = 4)'
wrong reno-ca-sysctl wrong-reno-ai 's/tcpi_snd_cwnd == 7 and tcpi_unacked == 7/tcpi_snd_cwnd == 8 and tcpi_unacked == 7/' \
	'(tcpi_snd_cwnd = 7, tcpi_unacked = 7)'
wrong rto-cubic-ssthresh wrong-cubic-beta \
	's/tcpi_snd_cwnd == 1 and tcpi_snd_ssthresh == 7/tcpi_snd_cwnd == 1 and tcpi_snd_ssthresh == 5/' \
	'(tcpi_snd_cwnd = 1, tcpi_snd_ssthresh = 7, tcpi_ca_state = 4)'
wrong quickack-delack wrong-quickacks 's/^+.04 > . 1:1(0) ack 1401/+0  > . 1:1(0) ack 1401/' \
	'timing error: expected outbound packet at 1.500031 sec but happened at 1.540000 sec'
wrong quickack-delack wrong-ato 's/tcpi_ato == 200\*1000/tcpi_ato == 280*1000/' '(tcpi_ato = 200000)'
wrong zero-window-probe wrong-probe-backoff 's/^+.6 > . 3000:3000(0) ack 1/+.3 > . 3000:3000(0) ack 1/' \
	'timing error: expected outbound packet at 0.800001 sec but happened at 1.100000 sec'
wrong time-wait wrong-tw-restart 's/^+11 < . 52:52(0) ack 102 win 257/+9 < . 52:52(0) ack 102 win 257/' \
	'Timed out waiting for packet' 37
wrong fin-wait2-timeout wrong-fw2-early 's/^+11 < . 1:1(0) ack 2 win 257/+1 < . 1:1(0) ack 2 win 257/' \
	'Timed out waiting for packet' 25
wrong handshake-passive-bare wrong-bare-wscale \
	's/> S. 0:0(0) ack 1 win 14600 <mss 1460>/> S. 0:0(0) ack 1 win 14600 <mss 1460,nop,wscale 7>/' \
	'live packet field ipv4_total_length: expected: 48 (0x30) vs actual: 44 (0x2c)'
wrong handshake-wscale-max wrong-wscale-15 's/tcpi_snd_wscale == 14/tcpi_snd_wscale == 15/' '(tcpi_snd_wscale = 14,'
wrong nagle-minshall wrong-classic-nagle 's/^+0  > . 501:2501(2000) ack 1/+0  > P. 501:3001(2500) ack 1/' \
	'live packet field tcp_seq: expected: 2501 (0x9c5) vs actual: 1 (0x1)'
wrong cork-probe-timer wrong-cork-200ms 's/^+.3 > P. 2001:2501(500) ack 1/+.2 > P. 2001:2501(500) ack 1/' \
	'timing error: expected outbound packet at 0.400004 sec but happened at 0.500000 sec'
wrong rst-established-read wrong-rst-data-lost \
	's/^+0  read(4, ..., 1000) = 100$/+0  read(4, ..., 1000) = -1 ECONNRESET (Connection reset by peer)/' \
	'runtime error in read call: Expected result -1 but got 100'
wrong rst-close-wait wrong-close-wait-econnreset 's/= -1 EPIPE (Broken pipe)/= -1 ECONNRESET (Connection reset by peer)/' \
	'Expected errno 104 (Connection reset by peer) but got 32 (Broken pipe)'
wrong listen-backlog wrong-backlog-3 \
	'0,/accept(3, ..., ...) = -1 EAGAIN (Resource temporarily unavailable)/s//accept(3, ..., ...) = 6/' \
	'runtime error in accept call: Expected result 6 but got -1 with errno 11'
wrong shutdown-rd wrong-shut-rd-discards '/^+.1 < P. 101:201/,/read/s/= 100$/= 0/' \
	'runtime error in read call: Expected result 0 but got 100'
wrong shutdown-listen wrong-shut-wr-listener \
	's/getsockopt(3, SOL_SOCKET, SO_ACCEPTCONN, \[1\], \[4\]) = 0/getsockopt(3, SOL_SOCKET, SO_ACCEPTCONN, [0], [4]) = 0/' \
	'Bad getsockopt optval: expected: 0 actual: 1'
wrong linger-zero-unsent wrong-linger-seq 's/> R. 10001:10001(0) ack 1/> R. 20001:20001(0) ack 1/' \
	'live packet field tcp_seq: expected: 20001 (0x4e21) vs actual: 10001 (0x2711)'
wrong close-unread-rst wrong-unread-fin 's/> R. 301:301(0) ack 201/> F. 301:301(0) ack 201/' \
	'live packet field tcp_fin: expected: 1 (0x1) vs actual: 0 (0x0)'

# 3. The tolerance is what --tolerance_usecs says: the delayed ACK comes
# at 40 ms; expected at 39 ms it passes within 4000 us, fails within 100.
sed 's/^+.04 > . 1:1(0) ack 102/+.039 > . 1:1(0) ack 102/' "$DIR/close-passive.pkt" >"$OUT/tol.pkt"
if drill "$OUT/tol.pkt" && drill "$OUT/tol.pkt" --tolerance_usecs=100; then
	bad "--tolerance_usecs=100: a 1 ms late ACK passed"
elif drill "$OUT/tol.pkt"; then
	ok "tolerance: 1 ms off passes at 4000 us, fails at --tolerance_usecs=100 ($(head -n 1 "$OUT/tol.err" | cut -c1-80)...)"
else
	bad "tolerance: 1 ms off fails at the default 4000 us"; sed 's/^/     /' "$OUT/tol.err"
fi
# ... and the command line overrides the script's own option.
if drill "$DIR/data-exchange.pkt" --tolerance_usecs=1 && ! grep -q timing "$OUT/data-exchange.err"
then bad "--tolerance_usecs=1 did not override the script's --tolerance_usecs=10000"
else ok "the command line's --tolerance_usecs overrides the script's"; fi

# 4. Addresses, ports and the MTU from the command line.
if drill "$DIR/handshake-passive.pkt" --local_ip=10.9.8.7 --netmask_ip=255.255.255.0 \
	--gateway_ip=10.9.8.1 --remote_ip=203.0.113.5 --bind_port=9000 -v &&
	grep -q '^inbound injected packet:  0.000000 S 0:0(0)' "$OUT/handshake-passive.out"; then
	ok "--local_ip, --netmask_ip, --gateway_ip, --remote_ip, --bind_port, -v"
else
	bad "addresses from the command line"; sed 's/^/     /' "$OUT/handshake-passive.err"
fi
drill "$DIR/handshake-passive.pkt" --mtu=1200
if [ $? -eq 1 ] && grep -qF '<mss 1160,sackOK' "$OUT/handshake-passive.err"; then
	ok "--mtu=1200: the SYN-ACK advertises MSS 1160"
else bad "--mtu=1200 did not change the SYN-ACK's MSS"; fi
if drill "$DIR/data-exchange.pkt" --strict_segments; [ $? -eq 1 ] &&
	grep -qF 'live packet field ipv4_total_length' "$OUT/data-exchange.err"; then
	ok "--strict_segments: ten segments no longer make one 10000-byte packet"
else bad "--strict_segments"; fi

# 5. Outputs: the trace shows the system calls, the capture has the frames.
if drill "$DIR/close-active.pkt" --trace "$OUT/close.trace" --pcap "$OUT/close.pcap" &&
	grep -q 'sys_write()' "$OUT/close.trace" && grep -q 'tcp_v4_rcv()' "$OUT/close.trace" &&
	[ "$(stat -c %s "$OUT/close.pcap")" -gt 500 ]; then
	ok "--trace and --pcap"
else bad "--trace / --pcap"; fi

# broken TEXT LINE WANT: a script netstep cannot run: exit 2, one line
# "FILE:LINE: ..." with WANT, nothing run.
broken() {
	local text=$1 line=$2 want=$3 f rc
	f=$OUT/broken.pkt
	printf '%b' "$text" >"$f"
	drill "$f"
	rc=$?
	if [ $rc -eq 2 ] && [ "$(wc -l <"$OUT/broken.err")" -eq 1 ] &&
		grep -q "^$f:$line: " "$OUT/broken.err" && grep -qF -- "$want" "$OUT/broken.err" &&
		[ ! -s "$OUT/broken.out" ]; then
		ok "refused: $(cat "$OUT/broken.err")"
	else
		bad "not refused as $line: $want (exit $rc)"; sed 's/^/     /' "$OUT/broken.err"
	fi
}

# 6. What netstep cannot run is refused before anything runs.
S='0 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3\n'
broken "$S+0 \`sysctl -q net.ipv4.tcp_thin_dupack=1\`\n" 2 \
	'sysctl: cannot stat /proc/sys/net/ipv4/tcp_thin_dupack: No such file or directory'
broken "$S+0 \`sysctl -q net.ipv4.tcp_early_retrans=5\`\n" 2 \
	'sysctl: setting key "net.ipv4.tcp_early_retrans": Invalid argument'
broken "$S+0 \`../common/defaults.sh\`\n" 2 "unknown command '../common/defaults.sh'"
broken "$S+0 \`ip route change 192.0.2.1 via 192.168.0.2 dev tun0 advmss x\`\n" 2 \
	'ip: invalid advmss "x"'
broken "$S+0 %{ assert tcpi_rwnd_limited == 0 }%\n" 2 "not a field of 3.10's struct tcp_info"
broken "$S+0 splice(3, 4) = 0\n" 2 "unsupported system call 'splice'"
broken "$S+0 < S 0:0(0) win 32792 <mss 1000,FO>\n" 2 'unsupported TCP option'
broken "--tolerance_percent=10\n$S" 1 'option --tolerance_percent is not supported'
broken "$S+0 > S 0:0(0) <mss 1460,sackOK,nop>\n" 2 'excess bytes'

# 7. Bad usage: exit 2, one line.
usage() {
	local what=$1 rc
	shift
	timeout 30 "$NETSTEP" "$@" >"$OUT/usage.out" 2>"$OUT/usage.err"
	rc=$?
	if [ $rc -eq 2 ] && [ "$(wc -l <"$OUT/usage.err")" -eq 1 ]; then ok "$what: $(cat "$OUT/usage.err")"
	else bad "$what: exit $rc"; sed 's/^/     /' "$OUT/usage.err"; fi
}
usage "--keys with --headless" --packetdrill "$DIR/close-active.pkt" --headless --keys q
usage "a missing file" --packetdrill "$OUT/none.pkt" --headless
usage "an unknown option" --packetdrill "$DIR/close-active.pkt" --headless --speed=10
usage "a bad value" --packetdrill "$DIR/close-active.pkt" --headless --mtu=20
usage "an option of the other modes" --packetdrill "$DIR/close-active.pkt" --headless -e 'ping 1.2.3.4'
# 8. Without --headless the UI starts (its Script pane: tests/ui.sh); a
#    quit before the end lets the rest run unseen, and the exit status
#    and stderr are the headless run's: 0 and nothing for a pass, 1 and
#    packetdrill's report for the wrong copy.
timeout 60 env COLUMNS=80 LINES=24 "$NETSTEP" --packetdrill "$DIR/close-active.pkt" --keys q \
	--dump-screen "$OUT/ui-q.txt" >"$OUT/ui-q.out" 2>"$OUT/ui-q.err"
rc=$?
if [ $rc -eq 0 ] && [ ! -s "$OUT/ui-q.err" ] && grep -q 'Script: .*close-active.pkt' "$OUT/ui-q.txt"
then ok "no --headless: the UI starts with the Script pane; q gives the headless status (0)"
else bad "no --headless: exit $rc"; sed 's/^/     /' "$OUT/ui-q.err"; fi
timeout 60 "$NETSTEP" --packetdrill "$OUT/wrong-synack-mss.pkt" --keys q >"$OUT/ui-wrong.out" \
	2>"$OUT/ui-wrong.err"
rc=$?
if [ $rc -eq 1 ] && cmp -s "$OUT/ui-wrong.err" "$OUT/wrong-synack-mss.err"; then
	ok "the UI quit before a mismatch: exit 1 and the headless report"
else bad "the UI quit before a mismatch: exit $rc"; sed 's/^/     /' "$OUT/ui-wrong.err"; fi
if "$NETSTEP" --help | grep -q -- '--packetdrill FILE'; then ok "--help names --packetdrill"
else bad "--help does not name --packetdrill"; fi

echo "$passed passed, $failed failed"
exit $fail
