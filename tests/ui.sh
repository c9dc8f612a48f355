#!/usr/bin/env bash
# tests/ui.sh - the step-through UI driven without a person.
#
# Usage: bash tests/ui.sh ./netstep
#
# Each test feeds keys with --keys, dumps the final screen as text with
# --dump-screen and greps it (COLUMNS/LINES set the size; the screen is
# drawn to /dev/null).  The terminal tests run netstep on a pseudo
# terminal (util-linux `script`) and compare `stty -a` before and after.
# Every run is under `timeout`.  The keys and the pane layout are in
# ui/ui.c; what each pane records is in ui/ui_snap.c.
#
# Each check prints "ok NAME" or "FAIL NAME: why"; the last line is
# "N passed, N failed".
set -u
NETSTEP=$(readlink -f "${1:-./netstep}")
OUT=$(dirname "$(readlink -f "$0")")/out-ui
rm -rf "$OUT"
mkdir -p "$OUT"
export TERM=xterm
unset NO_COLOR
pass=0
fail=0
ok() { echo "ok $1"; pass=$((pass + 1)); }
bad() { echo "FAIL $1: $2"; fail=$((fail + 1)); }
# verdict STATUS NAME BADNAME WHY: "ok NAME" if STATUS (the $? of the
# checks just run) is 0, else "FAIL BADNAME: WHY".
verdict() { if [ "$1" -eq 0 ]; then ok "$2"; else bad "$3" "$4"; fi; }

# ui NAME COLSxROWS KEYS [more netstep args]: dump to $OUT/NAME.txt
ui() {
	local name=$1 size=$2 keys=$3
	shift 3
	COLUMNS=${size%x*} LINES=${size#*x} timeout 60 "$NETSTEP" --keys "$keys" \
		--dump-screen "$OUT/$name.txt" "$@" 2>"$OUT/$name.err"
}
# has NAME REGEX: the dump of NAME matches
has() { grep -Eq -- "$2" "$OUT/$1.txt"; }
# frames in a classic pcap file
frames() { tshark -r "$1" -T fields -e frame.number 2>/dev/null | wc -l; }

# 1. skb pane: dataref 2 after skb_clone (the SYN's clone), 1 once the
#    driver frees the clone after the card sent it (the third
#    dev_kfree_skb_any: the student's ARP request and the router's ARP
#    reply were freed first; TX completions have a vector of their own,
#    so none waits for a throttle an RX interrupt armed).
ui clone 200x50 "b skb_clone c"
ui unclone 200x50 "b skb_clone c d 1 b dev_kfree_skb_any c*3 f"
has clone 'skb#[0-9]+ \(clone: data of skb#[0-9]+\)' && has clone 'dataref=2' &&
	has clone 'Breakpoint 1, skb_clone' && has unclone '<- dev_kfree_skb_any' &&
	has unclone 'skb#[0-9]+ \(owns its data\)' && has unclone 'cloned=1 dataref=1'
verdict $? "skb pane: dataref 2 after skb_clone, 1 after the clone is freed" \
	"skb dataref" "see $OUT/clone.txt $OUT/unclone.txt"

# 1b. skb pane beyond the linear part: a GSO skb's page frags and its
#     gso_size/gso_segs where software GSO cuts it (after `ethtool -K eth0 tso off`), a
#     UDP datagram's frag_list where ip_fragment takes it apart.
ui gso 200x50 "b dev_gso_segment c" -e "ethtool -K eth0 tso off; socket tcp; connect 10.0.1.2:9000; send 3 60000"
ui fraglist 200x50 "b ip_fragment c" -e "socket udp; sendto 3 10.0.1.2:9001 4000"
has gso 'Breakpoint 1, dev_gso_segment' && has gso 'linear=[0-9]+ paged=[1-9][0-9]* frags=[1-9]' &&
	has gso 'frags \(page\+off:size\): page#[0-9]+\+[0-9]+:[1-9][0-9]*' &&
	has gso 'gso_size=1448 gso_segs=[2-9][0-9]* gso_type=tcpv4' &&
	has fraglist 'linear=1500 paged=2528 frags=0 frag_list=2' &&
	has fraglist 'frag_list: skb#[0-9]+ len=1480 skb#[0-9]+ len=1048'
verdict $? "skb pane: a GSO skb's frags and gso_size/gso_segs, a datagram's frag_list" \
	"skb frags" "see $OUT/gso.txt $OUT/fraglist.txt"

# 2. route pane: the matched row is marked during ip_route_output_ports.
ui route 80x24 "b ip_route_output_ports c"
has route 'ip_route_output_ports' && has route '\|>0\.0\.0\.0/0 +10\.0\.0\.1 +eth0' &&
	has route '\| 10\.0\.0\.0/24 +0\.0\.0\.0 +eth0'
verdict $? "route pane: matched row highlighted at ip_route_output_ports" \
	"route pane" "see $OUT/route.txt"

# 3. neighbour pane: the gateway goes INCOMPLETE -> REACHABLE.
ui neigh1 200x50 "b neigh_probe c"
ui neigh2 200x50 "b neigh_update c*2 f"
has neigh1 '10\.0\.0\.1 +\(incomplete\) +INCOMPLETE q=1' &&
	has neigh2 '10\.0\.0\.1 +02:00:00:00:00:01 REACHABLE +q=0 +INCOMPLETE->REACHABLE' &&
	has neigh2 'Neighbours \(ARP\): student'
verdict $? "neighbour pane: INCOMPLETE -> REACHABLE across the ARP exchange" \
	"neighbour pane" "see $OUT/neigh1.txt $OUT/neigh2.txt"

# 4. ring pane: next_to_use advances in igb_tx_map, next_to_clean in igb_clean_tx_irq.
ui ntu0 200x50 "b igb_tx_map c"
ui ntu1 200x50 "b igb_tx_map c f"
ui ntc0 200x50 "b igb_clean_tx_irq c"
ui ntc1 200x50 "b igb_clean_tx_irq c f"
has ntu0 'ntu=0 ntc=0' && has ntu1 '<- igb_tx_map' && has ntu1 'ntu=1 ntc=0' &&
	has ntc0 'ntu=1 ntc=0 TDH=1' && has ntc1 '<- igb_clean_tx_irq' && has ntc1 'ntu=1 ntc=1'
verdict $? "ring pane: next_to_use at igb_tx_map, next_to_clean at igb_clean_tx_irq" \
	"ring pane" "see $OUT/ntu0.txt $OUT/ntu1.txt $OUT/ntc0.txt $OUT/ntc1.txt"

# 4b. ring pane: a context descriptor is drawn as one, never as a buffer.
#     At the return of igb_tx_map for a 3-segment TSO skb: slot 5 is
#     igb_tso's context (MSS, L4 header length) and holds the skb; slot 6
#     the head's data descriptor (its address and 1634 bytes), slot 7 the
#     frag's; slot 3 the checksum-only context of the handshake's ACK.
#     At 120x40, and at 80x24 with the Rings box scrolled (Tab, PgDn).
tsokeys="b tcp_tso_should_defer c d 1 b igb_tx_map c f"
tsocmd="socket tcp; connect 10.0.1.2:9000; send 3 5000"
ui ctx120 120x40 "$tsokeys" -e "$tsocmd"
ui ctx80 80x24 "$tsokeys Tab*4 PgDn" -e "$tsocmd"
tsoring() {
	has "$1" '\| +5 +ctx mss=1448 l4len=32 skb#[0-9]+ *\|' &&
		has "$1" '\| +6 +0x[0-9a-f]{8} 1634 - +\|' &&
		has "$1" '\| +7 +0x[0-9a-f]{8} 2776 - +\|' && ! has "$1" '\| +5 .{0,5}0x[0-9a-f]{8} '
}
tsoring ctx120 && tsoring ctx80 &&
	has ctx120 '\| +3 [A-Z]* +ctx csum l4len=32 skb#[0-9]+ *\|'
verdict $? "ring pane: a context descriptor says ctx mss= l4len=, the data descriptors address and length" \
	"ring ctx" "see $OUT/ctx120.txt $OUT/ctx80.txt"

# 5. a breakpoint stops at its function (and only there).
ui bp 80x24 "b tcp_transmit_skb c"
has bp '^ tcp_transmit_skb ' && has bp 'Breakpoint 1, tcp_transmit_skb' &&
	has bp '^\|> +tcp_transmit_skb'
verdict $? "breakpoint stops at tcp_transmit_skb" "breakpoint" "see $OUT/bp.txt"

# 6. step back shows the earlier state: the same panes as when it was recorded.
#    (the step igb_tx_map was reached at, as the ring pane's test saw it)
ui back 200x50 "b igb_tx_map c f p*9"
step=$(sed -n '1s/.* step \([0-9]*\) .*/\1/p' "$OUT/ntu0.txt")
has back "step ${step:-none} \\(newest [0-9]+\\)" && has back 'ntu=0 ntc=0' &&
	has back 'history: [0-9]+ steps back' &&
	diff <(sed '1d;$d' "$OUT/ntu0.txt") <(sed '1d;$d' "$OUT/back.txt") >"$OUT/back.diff"
verdict $? "step back shows the earlier state" "step back" "see $OUT/back.txt $OUT/back.diff"

# 7. the 80x24 layout: 24 lines of at most 80 columns, every compact pane there.
ui small 80x24 "b igb_tx_map c"
if [ "$(wc -l <"$OUT/small.txt")" -eq 24 ] && awk 'length > 80 { exit 1 }' "$OUT/small.txt"; then
	if has small 'Call stack' && has small 'skb' && has small 'Route table' &&
		has small 'Neighbours' && has small 'Rings' && has small 'ntu=0 ntc=0' &&
		has small 'dataref=1' && has small '^ s n f c p b Tab z : \? q|Breakpoint'; then
		ok "80x24 layout readable"
	else
		bad "80x24 layout" "a pane is missing, see $OUT/small.txt"
	fi
else
	bad "80x24 layout" "wrong size, see $OUT/small.txt"
fi

# 8. live pacing: before the card's DMA step no frame is on the wire,
#    after it exactly one (the ARP request).
ui pace0 200x50 "b igb_tx_map c f n*3" --pcap "$OUT/pace0.pcap"
ui pace1 200x50 "b sim_82576_tx_frame c f" --pcap "$OUT/pace1.pcap"
n0=$(frames "$OUT/pace0.pcap")
n1=$(frames "$OUT/pace1.pcap")
[ "$n0" -eq 0 ] && has pace0 'wire:0' && [ "$n1" -eq 1 ] && has pace1 'wire:1' &&
	has pace1 '<- sim_82576_tx_frame' && has pace1 'ARP request'
verdict $? "live pacing: 0 frames before the DMA step, 1 after" \
	"live pacing" "frames $n0 then $n1, see $OUT/pace0.txt $OUT/pace1.txt"

# 9. the console: a command typed at ':' runs when stepped.
ui console 200x50 ": ping -c 1 10.0.1.2 ; c" -e "ip neigh"
has console '\$ ping -c 1 10\.0\.1\.2' && has console '1 packets transmitted, 1 received'
verdict $? "console: ping runs through the UI" "console" "see $OUT/console.txt"

# 10. quitting restores the terminal, and so does SIGTERM.
tty_state() {
	# shellcheck disable=SC2016
	script -qec "stty -a >'$OUT/$1.before'; $2; stty -a >'$OUT/$1.after'" /dev/null \
		</dev/null >"$OUT/$1.log" 2>&1
	cmp -s "$OUT/$1.before" "$OUT/$1.after" && [ -s "$OUT/$1.before" ]
}
tty_state quit "COLUMNS=80 LINES=24 timeout --foreground 20 '$NETSTEP' --keys 's s n q'" &&
	grep -q $'\e\\[?1049l\|\e\\[?47l\|\e\\[H' "$OUT/quit.log"
verdict $? "quit restores the terminal" \
	"quit" "stty differs or no screen, see $OUT/quit.before $OUT/quit.after"
tty_state term "timeout --foreground -s TERM 2 '$NETSTEP'"
verdict $? "SIGTERM restores the terminal" \
	"SIGTERM" "stty differs, see $OUT/term.before $OUT/term.after"

# 11. bad keys are refused with status 2.
COLUMNS=80 LINES=24 timeout 20 "$NETSTEP" --keys "s bogus" --dump-screen "$OUT/bad.txt" \
	>/dev/null 2>"$OUT/bad.err"
[ $? -eq 2 ] && grep -q "unknown key 'bogus'" "$OUT/bad.err"
verdict $? "--keys refuses an unknown key" "--keys" "see $OUT/bad.err"

# 12. a lesson in the UI (--lesson FILE, `l` goes on): the lesson pane shows
#     lesson 1's narration before anything runs; a `break` in the lesson
#     stops the UI at its moment (the entry of __igb_open, then its
#     return); each `expect` shows its result; a question's answer
#     appears only after its key; the exercise ends it.
ui les0 200x50 "" --lesson 1
ui les1 200x50 "l" --lesson 1
ui les2 200x50 "l l l" --lesson 1
ui les3 200x50 "l*4" --lesson 1
ui les4 200x50 "l*5" --lesson 1
ui les7 80x24 "l*40" --lesson 1
has les0 'Lesson: The NIC comes up' && has les0 'Before a single packet can leave, the card' &&
	has les0 'netstep  ready' && has les0 'kernel: +drivers/net/ethernet/intel/igb/igb_main\.c'
verdict $? "lesson: the lesson pane shows lesson 1's narration" "lesson pane" "see $OUT/les0.txt"
has les1 '^ __igb_open ' && has les1 '^\|> +__igb_open' &&
	has les1 '-> stopped at the entry of __igb_open on student' &&
	has les1 'The world stopped at the entry of __igb_open'
verdict $? "lesson: a break stops the UI at its function" "lesson break" "see $OUT/les1.txt"
sed 's/^expect ring eth0 tx 0 count 256$/expect ring eth0 tx 0 count 64/' \
	"$(dirname "$(readlink -f "$0")")/../lessons/01-nic-up.lesson" >"$OUT/broken.lesson"
line=$(grep -n 'count 64$' "$OUT/broken.lesson" | cut -d: -f1)
ui lesfail 200x50 "l l l" --lesson "$OUT/broken.lesson"
has les2 '^\|ok   expect ring eth0 tx 0 count 256' &&
	has les2 '^\|ok   expect ring eth0 tx 0 next_to_clean 0' &&
	has lesfail "FAIL .*broken\.lesson:$line: expect ring eth0 tx 0 count 64: failed" &&
	has lesfail 'lesson: a check failed'
verdict $? "lesson: an expect shows its result (ok / FAIL FILE:LINE)" \
	"lesson expect" "see $OUT/les2.txt $OUT/lesfail.txt"
has les3 'Question: A DMA descriptor and a file descriptor' && ! has les3 'Answer:' &&
	has les4 'Answer: A file descriptor is a small integer'
verdict $? "lesson: a question's answer appears only after its key" \
	"lesson question" "see $OUT/les3.txt $OUT/les4.txt"
has les7 'next_to_use is 1\.' &&
	has les7 'end of the lesson: 18 check\(s\) passed, 0 failed' &&
	[ "$(wc -l <"$OUT/les7.txt")" -eq 24 ] && awk 'length > 80 { exit 1 }' "$OUT/les7.txt"
verdict $? "lesson: ends with the exercise and the checks at 80x24" "lesson end" "see $OUT/les7.txt"
COLUMNS=80 LINES=24 timeout 20 "$NETSTEP" --headless --lesson 1 --keys "l" \
	>/dev/null 2>"$OUT/leskeys.err"
[ $? -eq 2 ] && grep -q -- "--keys is for the UI" "$OUT/leskeys.err"
verdict $? "lesson: --keys refused with --headless" "lesson --keys" "see $OUT/leskeys.err"

# 13. qdisc pane: the qdisc of the packet's TX queue, pfifo_fast's three
#     bands, bypass vs enqueue, the quota of __qdisc_run (63 left after
#     the first skb it sends), the softirqs.
#     The first packet (the ARP request) finds pfifo_fast idle: bypass.
#     Under tbf (rate 1mbit) a send of several segments waits: enqueue.
#     (Without TSO and GSO: 3.10's tbf drops a GSO packet bigger than its bucket.)
ui qbyp 200x50 "b __dev_xmit_skb c s"
ui qenq 200x50 ": ethtool -K eth0 tso off gso off ; \
: tc qdisc replace dev eth0 root tbf rate 1mbit burst 2k latency 50ms ; \
: socket tcp ; : connect 10.0.1.2:9000 ; : send 3 8192 ; b tbf_enqueue c*8" -e "ip link"
ui qrun 200x50 ": ethtool -K eth0 tso off gso off ; \
: tc qdisc replace dev eth0 root tbf rate 1mbit burst 2k latency 50ms ; \
: socket tcp ; : connect 10.0.1.2:9000 ; : send 3 8192 ; b sch_direct_xmit c*3 f" -e "ip link"
has qbyp '^ __dev_xmit_skb note' && has qbyp 'eth0 txq 0: pfifo_fast \(root mq\)' &&
	has qbyp 'bands: 0:0p/0b 1:0p/0b 2:0p/0b' && has qbyp 'last: path=bypass \(student\)' &&
	has qbyp 'NET_TX +: +[0-9]+' && has qenq 'eth0 txq 0: tbf' &&
	has qenq 'qlen=[1-9][0-9]* backlog=[1-9][0-9]*b' && has qenq 'last: path=enqueue' &&
	has qrun '<- sch_direct_xmit' && has qrun 'quota left=63 \(student\)'
verdict $? "qdisc pane: txq qdisc, bands, bypass then enqueue with a backlog, quota" \
	"qdisc pane" "see $OUT/qbyp.txt $OUT/qenq.txt $OUT/qrun.txt"

# 14. neighbour pane: the skb that ip_finish_output2 sends waits on the
#     INCOMPLETE gateway's arp_queue, listed by id (wide and 80x24).
ui nq0 200x50 "b ip_finish_output2 c"
ui nq1 200x50 "b ip_finish_output2 c b arp_solicit c"
ui nq2 80x24 "b ip_finish_output2 c b arp_solicit c"
id=$(grep -oE '^\|  skb#[0-9]+ ' "$OUT/nq0.txt" | head -1 | grep -oE '[0-9]+')
[ -n "$id" ] && has nq0 '^ ip_finish_output2 ' && has nq1 '^\| +ip_finish_output2' &&
	has nq1 "10\.0\.0\.1 +\(incomplete\) +INCOMPLETE q=1" &&
	has nq1 "unresolved queue \(arp_queue\): skb#$id " &&
	has nq2 "\(incomplete\) q: skb#$id " && awk 'length > 80 { exit 1 }' "$OUT/nq2.txt"
verdict $? "neighbour pane: the unresolved queue lists skb#$id" \
	"neighbour queue" "see $OUT/nq0.txt $OUT/nq1.txt $OUT/nq2.txt"

# 15. inline functions: one that Linux 3.10 declares static inline
#     (ip_finish_output2) is marked [inline] in the call stack and in the
#     line above the panes, one that is not (ip_finish_output) is not;
#     the help says what the marker means.
ui inl 80x24 "b ip_finish_output2 c"
ui inlhelp 80x24 "?"
has inl '^ ip_finish_output2 \[inline\] \(net/ipv4/ip_output\.c\): finds' &&
	has inl '^\|> +ip_finish_output2 \[inline\]\|' && has inl '^\| +ip_finish_output +\|' &&
	has inlhelp '\[inline\]: static inline in 3\.10'
verdict $? "inline: ip_finish_output2 marked [inline] in the stack and the header" \
	"inline marker" "see $OUT/inl.txt $OUT/inlhelp.txt"

# 16. b FUNC refuses a function netstep does not trace, as gdb does, and
#     names the closest traced ones; no breakpoint is set.
ui bptypo 120x40 "b tcp_sendmsgg"
ui bptypo2 80x24 "b tcp_sendmsgg b"
has bptypo 'Function "tcp_sendmsgg" not defined\.  Closest: tcp_sendmsg' &&
	has bptypo2 'no breakpoints \(b FUNC sets one\)'
verdict $? "b FUNC: an untraced name is refused with the closest traced ones" \
	"b typo" "see $OUT/bptypo.txt $OUT/bptypo2.txt"

# 17. the line above the panes: a note is explained by the function it
#     sits in, a console command by its own line.
ui exnote 200x50 "b __dev_xmit_skb c s"
ui exmark 200x50 "s" -e "ip neigh"
has exnote '^ __dev_xmit_skb note \(net/core/dev\.c\): an idle pfifo_fast is bypassed' &&
	has exmark '^ \(console\) note \(netstep\): a console command was started'
verdict $? "explanations: a note's function, a console command" \
	"explanation line" "see $OUT/exnote.txt $OUT/exmark.txt"

# 18. the ring and qdisc panes follow the device an event names: at
#     ip_forward the router's route lookup has chosen eth1.
ui fwd 120x40 "b ip_forward c" -e "ping -c 1 10.0.1.2"
has fwd '\|router:eth1 ' && has fwd '\|eth1 txq 0: pfifo_fast'
verdict $? "ring pane: follows the router's output device (eth1)" \
	"ring device" "see $OUT/fwd.txt"

# --- typing and finding ---------------------------------------------------

# 19. `:` checks a line at once: an unknown command is an error now, with
#     the list of commands, and nothing of the line runs (not even its
#     good first command); a bad argument is the tool's error at once.
ui colon1 120x40 ": ip route add 10.9.0.0/16 via 10.0.0.1; pnig 10.0.1.2 ;"
ui colon1b 120x40 ": ip route add 10.9.0.0/16 via 10.0.0.1; pnig 10.0.1.2 ; : ip route ; z"
ui colon2 120x40 ": ping -c x 10.0.1.2 ;"
ui colon3 120x40 ": help ; z"
has colon1 "^ netstep: unknown command 'pnig' .*\(nothing ran\)" &&
	has colon1b '\|  ping \[-c N\]' && has colon1b '\|  on student\|router\|server COMMAND' &&
	has colon1 'netstep  ready' && has colon1b '\|\$ ip route +\|$' &&
	! has colon1b '10\.9\.0\.0/16 via 10\.0\.0\.1 dev' &&
	has colon2 "^ ping: .*'x'.*\(nothing ran\)" && has colon2 'queued: socket tcp; connect' &&
	has colon3 '^\|commands \(on the student' && has colon3 '\|  sleep DURATION'
verdict $? ": unknown command and bad argument refused at once, nothing runs" \
	": check" "see $OUT/colon1.txt $OUT/colon2.txt $OUT/colon3.txt"

# 20. read-only commands print at once, without a step; looking back,
#     the console says the answer is the world now; a command that starts
#     work is queued (s starts it, as before: test 9).
ui ro0 120x40 ": ip route ; : ss -tan ; z"
ui ro1 120x40 "b neigh_update c p*3 : ip neigh ; z"
ui ro2 80x24 ": ethtool -g eth0 ; z"
ui work 120x40 ": ping -c 1 10.0.1.2 ;"
has ro0 'netstep  ready' && has ro0 '\$ ip route' && has ro0 'default via 10\.0\.0\.1 dev eth0' &&
	has ro0 '\$ ss -tan' && has ro0 'State +Recv-Q +Send-Q' &&
	has ro1 '\|10\.0\.0\.1 dev eth0 ' &&
	has ro1 'that is the world now, at step [0-9]+; the panes show step [0-9]+' &&
	has ro2 '\[Console\]' && has ro2 'Ring parameters for eth0' && has ro2 'netstep  ready' &&
	has work 'queued: ping -c 1 10\.0\.1\.2 \(s starts it\)' && ! has work 'PING 10\.0\.1\.2'
verdict $? "read-only commands print at once without a step; ping is queued" \
	"read-only" "see $OUT/ro0.txt $OUT/ro1.txt $OUT/ro2.txt $OUT/work.txt"

# 21. Up/Down recall earlier `:` lines: Up Up is the line before the
#     last (ip route), Up Up Down the last (again ip route); the console
#     zoomed shows each run.
ui recall 120x40 ": ip route ; : nstat ; : <Up> <Up> ; : <Up> <Up> <Down> ; z"
n=$(grep -c '\$ ip route' "$OUT/recall.txt")
m=$(grep -c '\$ nstat' "$OUT/recall.txt")
[ "$n" -eq 3 ] && [ "$m" -eq 1 ]
verdict $? "Up/Down recall earlier lines" "recall" "ip route x$n nstat x$m, see $OUT/recall.txt"

# 22. Right steps (Left back), g N goes to step N, with the counter
#     reading "step N" and a total only when the run is over.
ui right 120x40 "Right*3"
ui left 120x40 "Right*3 Left"
ui go 120x40 "g 50"
ui goback 120x40 "g 50 g 20"
ui goend 120x40 "g 99999"
ui gobad 120x40 "g x"
has right '^ netstep  step 3 ' && ! has right 'step 3/' &&
	has left '^ netstep  step 2 \(newest [0-9]+\)' && has go '^ netstep  step 50 ' && has goback '^ netstep  step 20 \(newest [0-9]+\)' &&
	has goend '^ netstep  step ([0-9]+)/\1  ' && has goend 'there are only [0-9]+ steps' &&
	has gobad "g: a step number"
verdict $? "Right/Left step, g N goes, the total only when known" \
	"g N" "see $OUT/right.txt $OUT/left.txt $OUT/go.txt $OUT/goback.txt $OUT/goend.txt"

# 23. /TEXT searches the history, older first (/ again: older, N: newer):
#     a function, an skb id, an address.
ui find1 120x40 "g 300 /ip_output"
ui find2 120x40 "g 300 /ip_output /"
ui find3 120x40 "g 300 /ip_output / N"
ui find4 120x40 "g 300 /10.0.0.1"
ui find5 120x40 "g 300 /nonesuch"
# "match K of M": K of each, and M
k1=$(grep -oE 'match [0-9]+ of' "$OUT/find1.txt" | grep -oE '[0-9]+')
k2=$(grep -oE 'match [0-9]+ of' "$OUT/find2.txt" | grep -oE '[0-9]+')
k3=$(grep -oE 'match [0-9]+ of' "$OUT/find3.txt" | grep -oE '[0-9]+')
m=$(grep -oE 'of [0-9]+ \(' "$OUT/find1.txt" | grep -oE '[0-9]+')
[ -n "$k1" ] && [ -n "$m" ] && [ "$m" -ge 3 ] && [ "$k2" -eq $((k1 - 1)) ] && [ "$k3" -eq "$k1" ] &&
	sed -n 2p "$OUT/find1.txt" | grep -q 'ip_output' && has find4 '/10\.0\.0\.1: step [0-9]+, match' &&
	has find5 'not in the history'
verdict $? "/TEXT finds back and forth in the history" \
	"search" "matches $k1 $k2 $k3 of $m, see $OUT/find1.txt $OUT/find2.txt $OUT/find3.txt"

# 24. w FILE writes what happened so far: FILE.pcapng the student's frames
#     with their comments (the same as --pcapng of the same run), FILE.txt
#     the trace.
rm -f "$OUT/w.pcapng" "$OUT/w.txt" "$OUT/wref.pcapng"
ui wcap 120x40 "c w $OUT/w.pcapng w $OUT/w.txt" -e "ping -c 2 10.0.1.2"
timeout 60 "$NETSTEP" --headless -e "ping -c 2 10.0.1.2" --pcapng "$OUT/wref.pcapng" >/dev/null 2>&1
ui wbad 120x40 "w $OUT/w.doc"
ui wnodir 120x40 "w /nonexistent/dir/w.txt"
frames=$(tshark -r "$OUT/w.pcapng" -T fields -e frame.comment 2>/dev/null | grep -c '^[TR]X ')
[ "$frames" -gt 5 ] && has wcap "wrote $OUT/w\.txt: the trace of steps 1 to [0-9]+" &&
	head -1 "$OUT/w.txt" | grep -q '^# netstep trace' &&
	grep -q '| *raw_sendmsg() {' "$OUT/w.txt" && grep -q 'sim_82576_tx_frame' "$OUT/w.txt" &&
	[ "$(tshark -r "$OUT/w.pcapng" -T fields -e frame.comment 2>/dev/null | md5sum)" = \
	  "$(tshark -r "$OUT/wref.pcapng" -T fields -e frame.comment 2>/dev/null | md5sum)" ] &&
	has wbad "w: FILE\.pcapng \(frames\) or FILE\.txt \(trace\), not '.*w\.doc'" &&
	has wnodir 'w: cannot write /nonexistent/dir/w\.txt: No such file or directory'
verdict $? "w FILE: pcapng with comments (as --pcapng), text trace, errors" \
	"w FILE" "$frames frames, see $OUT/wcap.txt $OUT/w.txt $OUT/wbad.txt $OUT/wnodir.txt"

# 25. the console pane scrolls like the others: focused, PgUp goes back
#     a page, Up one row, Down one row; the border says which rows show.
ui scroll0 120x40 "s : help ;"
ui scroll1 120x40 "s : help ; PgUp"
ui scroll2 120x40 "s : help ; PgUp Up*100 Down"
pos() { grep -oE '[0-9]+-[0-9]+/[0-9]+ -\+\+-+\+$' "$OUT/$1.txt" | head -1 | cut -d' ' -f1; }
p0=$(pos scroll0)
p1=$(pos scroll1)
p2=$(pos scroll2)
[ -n "$p0" ] && [ "${p0%%-*}" -gt "${p1%%-*}" ] && [ "${p2%%-*}" = 2 ] &&
	has scroll2 '\|  `on HOST`\): +\|'
verdict $? "console pane scrolls (PgUp/Up/Down when focused)" "console scroll" \
	"rows $p0 / $p1 / $p2, see $OUT/scroll1.txt $OUT/scroll2.txt"

# 26. --keys knows its keys: a letter the UI does not answer, a bad count.
for keys in "s x" "s*0" "b*2 tcp_fin"; do
	rm -f "$OUT/kx.txt"
	COLUMNS=80 LINES=24 timeout 20 "$NETSTEP" --keys "$keys" --dump-screen "$OUT/kx.txt" \
		>/dev/null 2>"$OUT/kx.err"
	rc=$?
	[ $rc -eq 2 ] && [ "$(wc -l <"$OUT/kx.err")" -eq 1 ] && [ ! -s "$OUT/kx.txt" ] &&
		ok "--keys '$keys' refused before anything runs" ||
		bad "--keys '$keys'" "rc=$rc: $(cat "$OUT/kx.err")"
done

# --- layout and details ----------------------------------------------------

# 27. At 120x40 no field is cut: the call stack shows its functions,
#     file:line and every field of the event (as the trace prints them);
#     the skb pane's lines, NET_TX/NET_RX and the queued line fit.
ui wide 120x40 "b tcp_transmit_skb c w $OUT/wide.txt.trace"
ui wide0 120x40 ""
fields=$(grep -m1 'tcp_transmit_skb() {' "$OUT/wide.txt.trace" | sed 's/.*{  //')
stack=$(cut -c2-37 "$OUT/wide.txt" | sed -n '3,30p' | tr -s ' ' | tr '\n' ' ')
missing=
for f in $fields; do
	case " $stack " in *" $f "*) ;; *) missing="$missing $f" ;; esac
done
[ -n "$fields" ] && [ -z "$missing" ] &&
	has wide '^\|  layers/tcp_output\.c:[0-9]+  \[student\]\|' &&
	has wide '^\|  net/ipv4/tcp_output\.c +\|' && has wide '^\|>    tcp_transmit_skb +\|' &&
	has wide '^\|live skbs: [0-9]+, pages: [0-9]+ *\|' &&
	has wide '^\|proto=0x[0-9a-f]{4} dev=[a-z0-9-]+ truesize=[0-9]+ *\|' &&
	has wide '\|\|NET_TX +: +[0-9]+ +[0-9]+ +[0-9]+ *\|\|' &&
	has wide '\|\|NET_RX +: +[0-9]+ +[0-9]+ +[0-9]+ *\|\|' &&
	has wide0 '^ s steps into it, c runs it, : adds a command; queued: socket tcp; connect 10\.0\.1\.2:[0-9]+; send 3 4096; close 3$' &&
	[ "$(wc -l <"$OUT/wide.txt")" -eq 40 ] && awk 'length > 120 { exit 1 }' "$OUT/wide.txt"
verdict $? "120x40: nothing cut (stack fields, file:line, skb lines, NET_TX/NET_RX, queued)" \
	"120x40 layout" "missing:$missing; see $OUT/wide.txt"

# 28. At 80x24 the compact layout keeps the current function and the
#     whole explanation in view, and Tab to a pane it has no room for
#     shows that pane in place of the rings.
#     A line too long for its pane, its first word too, is split, never
#     broken in its indentation into a row of blanks.
ui comp 80x24 "b tcp_transmit_skb c"
ui compq 80x24 "b tcp_transmit_skb c Tab*5"
ui compw 80x24 "b skb_clone c d 1 b igb_tx_map c*3 f"
has comp '^\|>    tcp_transmit_skb +\|' && has comp 'original stays on the write queue' &&
	has compq '\[Qdisc / softirqs\]' && has compq 'softirq +student' && ! has compq '\+- Rings' &&
	[ "$(wc -l <"$OUT/compq.txt")" -eq 24 ] && awk 'length > 80 { exit 1 }' "$OUT/compq.txt" &&
	grep -A1 '^|> igb_tx_map  <- returns' "$OUT/compw.txt" | tail -1 |
	grep -q '^|  drivers/net/ethernet/intel/igb/i'
verdict $? "80x24: current function and its line in view; Tab shows a hidden pane" \
	"80x24 compact" "see $OUT/comp.txt $OUT/compq.txt $OUT/compw.txt"

# 29. The skb pane follows the skb of the current event: after
#     `b tcp_transmit_skb c n n` the call stack is back on the SYN's skb
#     (its return), and so is the skb pane (not the ARP request).
ui follow 120x40 "b tcp_transmit_skb c n n"
id=$(grep -oE '^\|  skb#[0-9]+ ' "$OUT/follow.txt" | head -1 | grep -oE '[0-9]+')
[ -n "$id" ] && has follow '^ <- tcp_transmit_skb' && has follow "^\|skb#$id \(owns its data\)"
verdict $? "skb pane follows the event's skb (skb#$id)" "skb follows" "see $OUT/follow.txt"

# 30. In TAP mode the softirq table shows the hosts that exist (the
#     student; the real kernel plays the others).  Needs CAP_NET_ADMIN;
#     the TAP lives in a network namespace of its own (unshare), gone
#     when netstep exits, never in the machine's.
if unshare --net true 2>/dev/null &&
	COLUMNS=120 LINES=40 timeout 20 unshare --net "$NETSTEP" --wire tap --tap uitap15 \
	-e "ip neigh" --keys "s" --dump-screen "$OUT/tap.txt" 2>"$OUT/tap.err"; then
	has tap '\|\|softirq +student *\|\|' && ! has tap 'router' &&
		has tap '\|\|NET_RX +: +[0-9]+ *\|\|'
	verdict $? "TAP: softirq table of the student only" "TAP softirqs" "see $OUT/tap.txt"
else
	echo "skip TAP softirqs: $(head -1 "$OUT/tap.err" 2>/dev/null ||
		echo 'no network namespace of its own (unshare --net needs root)')"
fi

# --- a lesson at a moment, and nothing makes the room wait -------------------

# 31. a lesson stops at a moment and the panes show that moment: lesson 4
#     at the return of tcp_transmit_skb (the call stack returning, the skb
#     pane's dataref=2 beside `ok expect skb dataref 2`), at the
#     tcp_cwnd_limited note (in_flight=10 beside packets_out 10); lesson 12
#     at the return of tcp_retransmit_skb (dataref=2 beside its check).
ui mom1 200x50 "l*2" --lesson 4
ui mom1b 200x50 "l*3" --lesson 4
ui mom2 200x50 "l*7" --lesson 4
ui mom3 200x50 "l*3" --lesson 12
ui mom3b 200x50 "l*7" --lesson 12
has mom1 '-> stopped at the return of tcp_transmit_skb on student' &&
	has mom1 '^\|> +tcp_transmit_skb  <- returns' && has mom1 'cloned=1 dataref=2' &&
	has mom1b 'cloned=1 dataref=2' && has mom1b '^\|ok   expect skb dataref 2' &&
	has mom2 '-> stopped at the note tcp_cwnd_limited in tcp_write_xmit' &&
	has mom2 '^\|  reason=cwnd_limited cwnd=10 in_flight=10 +\|' &&
	has mom2 '^\|ok   expect sock 3 packets_out 10' &&
	has mom3 '-> stopped at the return of tcp_retransmit_skb' && has mom3 'cloned=1 dataref=2' &&
	has mom3b 'cloned=1 dataref=2' && has mom3b '^\|ok   expect skb dataref 2'
verdict $? "lesson stops: the panes show the moment the checks were evaluated at" \
	"lesson moment" "see $OUT/mom1.txt $OUT/mom1b.txt $OUT/mom2.txt $OUT/mom3.txt $OUT/mom3b.txt"

# 32. looking around never breaks a lesson: s, c and a : command move the
#     world on; the next l builds it again, replays the lesson's own steps,
#     says so, and every later check passes.
look="l*2 s*40 c : ping -c 1 10.0.1.2 ; s*3"
ui look1 200x50 "$look l" --lesson 4
ui look2 200x50 "$look l*40" --lesson 4
has look1 '^ lesson: back at its own position \(world rebuilt\)' && has look1 '^ <- tcp_transmit_skb' &&
	has look1 "-> back at the lesson's own position: the world was built again" &&
	has look2 'end of the lesson: 19 check\(s\) passed, 0 failed' && ! has look2 'FAIL'
verdict $? "lesson: l after looking around goes on from the lesson's own position" \
	"lesson look around" "see $OUT/look1.txt $OUT/look2.txt"

# 33. c records only the events; p back into what it ran rebuilds the
#     panes by replaying the run, and they are the panes of the first time
#     (3000 steps back and forth give the stop's screen again).
xfer="socket tcp; connect 10.0.1.2:9000; send 3 1048576; close 3"
ui rep0 200x50 "b tcp_fin c" -e "$xfer"
ui rep1 200x50 "b tcp_fin c p" -e "$xfer"
ui rep2 200x50 "b tcp_fin c p*3000 s*3000" -e "$xfer"
has rep0 'Breakpoint 1, tcp_fin' && has rep1 'its panes rebuilt by replaying the run' &&
	diff <(sed '$d' "$OUT/rep0.txt") <(sed '$d' "$OUT/rep2.txt") >"$OUT/rep.diff"
verdict $? "p after c: the panes rebuilt by replay are the panes of the first time" \
	"replay" "see $OUT/rep1.txt $OUT/rep.diff"

# 34. while the world runs the status line says so, any key stops it at
#     the next event, and q quits (a terminal in tmux; each wait is
#     bounded and polls the screen).
tmx() { tmux -L "netstep-ui-$$" "$@"; }
command -v tmux >/dev/null || echo "tmux is missing: sudo apt-get install -y tmux" >&2
# wait_for TEXT: until the pane shows TEXT (at most 20 s)
wait_for() {
	for _ in $(seq 200); do
		tmx capture-pane -p -t ui >"$OUT/tmux.txt" 2>/dev/null || return 1
		grep -q -- "$1" "$OUT/tmux.txt" && return 0
		sleep 0.1
	done
	return 1
}
big="socket tcp; connect 10.0.1.2:9000; send 3 67108864; send 3 67108864; send 3 67108864"
big="$big; send 3 67108864; close 3"
tmx new-session -d -s ui -x 120 -y 40 "TERM=xterm '$NETSTEP' -e '$big'" &&
	wait_for 'ready: the world before the first step' && tmx send-keys -t ui b &&
	wait_for 'break at' && tmx send-keys -t ui tcp_fin Enter && tmx send-keys -t ui c &&
	wait_for 'running\.\.\. any key stops (q quits)' && tmx send-keys -t ui x &&
	wait_for 'stopped by a key, [0-9]* steps on' && cp "$OUT/tmux.txt" "$OUT/tmux-stop.txt" &&
	tmx send-keys -t ui c && wait_for 'running\.\.\. any key stops' && tmx send-keys -t ui q
rc=$?
for _ in $(seq 100); do tmx has-session -t ui 2>/dev/null || break; sleep 0.1; done
! tmx has-session -t ui 2>/dev/null && [ "$rc" -eq 0 ]
verdict $? "running: the status line says so, a key stops it, q quits" \
	"running" "see $OUT/tmux.txt"
tmx kill-server 2>/dev/null

# 35. the first screen: the world before the first step (route table,
#     neighbours, rings with their indices, the qdisc, NET_TX/NET_RX) and
#     what is queued, with the key that starts it.
ui first0 80x24 ""
ui first1 120x40 ""
for f in first0 first1; do
	has $f 'ready: the world before the first step' && has $f 's steps into it, c runs it' &&
		has $f 'queued: socket tcp; connect 10\.0\.' && has $f '0\.0\.0\.0/0 +10\.0\.0\.1' &&
		has $f 'Neighbours \(ARP\): student' && has $f 'ntu=0 ntc=0 TDH=0 TDT=0' &&
		has $f 'pfifo_fast' && has $f 'NET_TX +: +0 +0 +0' && has $f 'NET_RX +: +0 +0 +0' || break
done
verdict $? "first screen: the host's tables, rings, qdisc, softirqs and what is queued" \
	"first screen" "see $OUT/first0.txt $OUT/first1.txt"

# lesmore NAME: the lesson pane (across the bottom) has rows below the
# ones it shows: its border says "a-b/N" with b < N.
lesmore() {
	tail -2 "$OUT/$1.txt" | head -1 | grep -oE ' [0-9]+-[0-9]+/[0-9]+ ' |
		awk -F'[-/ ]+' '{ exit !($3 < $4) }'
}

# 36. the lesson pane is a pane: Tab reaches it, PgUp scrolls back through
#     everything the lesson said, z zooms it; at 80x24 what one l brings
#     is reached with PgDn.
ui lp0 120x40 "l*2 Tab*8" --lesson 4
ui lp1 120x40 "l*2 Tab*8 PgUp*9" --lesson 4
ui lp2 120x40 "l*2 Tab*8 z" --lesson 4
ui lp3 80x24 "l*2" --lesson 4
ui lp4 80x24 "l*2 Tab*8 PgDn*9" --lesson 4
has lp0 '^\+-\[Lesson: tcp_write_xmit\(\) and the clone' &&
	has lp1 '  kernel:  net/ipv4/tcp_output\.c' && lesmore lp1 &&
	has lp2 '^\+-\[Lesson:' && ! has lp2 'Call stack' && has lp2 '^\|ok   expect sock 3 cwnd 10' &&
	lesmore lp3 && ! lesmore lp4 && has lp4 '\[pause\] tcp_transmit_skb\(\)'
verdict $? "lesson pane: Tab focuses it, PgUp/PgDn scroll it, z zooms it" \
	"lesson pane keys" "see $OUT/lp0.txt $OUT/lp1.txt $OUT/lp2.txt $OUT/lp3.txt $OUT/lp4.txt"

# 37. at 120x40 everything one l brings is in view without scrolling, for
#     every l of every lesson (a long stop is split with pause).
long=""
while read -r name; do
	case "$name" in ''|'#'*) continue ;; esac
	for k in $(seq 60); do
		ui fit 120x40 "l*$k" --lesson "$(dirname "$(readlink -f "$0")")/../lessons/$name"
		lesmore fit && long="$long $name:l*$k"
		has fit 'lesson over|the lesson is over' && break
	done
done < "$(dirname "$(readlink -f "$0")")/../lessons/ORDER"
[ -z "$long" ]
verdict $? "lesson pane: each l's text fits at 120x40, in all lessons" \
	"lesson pane fits" "scrolling needed at:$long"

# 38. with the lesson pane at 120x40, what the lesson points at is on
#     screen: the whole skb pane (lesson 4's "the skb pane lists both
#     headers") and the qdisc pane down to NET_RX; the footer's keys are
#     never cut (words where they fit, else letters).
ui lay 120x40 "l*3" --lesson 4
ui foot120 120x40 "z z" --lesson 4
ui foot124 124x40 "z z" --lesson 4
has lay '^\|  skb#[0-9]+ clone users=1 cloned=1 +\|' && has lay '^\|live skbs: [0-9]+, pages: [0-9]+ ' &&
	has lay '\|NET_RX +: +[0-9]+ +[0-9]+ +[0-9]+ +\|' &&
	tail -1 "$OUT/foot120.txt" | grep -qx ' l s n f c p g / b w Tab z : ? q' &&
	tail -1 "$OUT/foot124.txt" | grep -q ' ? help  q quit$'
verdict $? "lesson at 120x40: the skb pane whole, the qdisc pane to NET_RX, the keys uncut" \
	"lesson layout" "see $OUT/lay.txt $OUT/foot120.txt $OUT/foot124.txt"

# 39. packetdrill scripts in the UI (--packetdrill FILE, no --headless):
#     the Script pane marks the line being executed ('>', reversed) at a
#     breakpoint in a function that line runs (tcp_v4_connect: the
#     connect line), the lines done 'ok' and the next ones not; a passing
#     script ends with its PASS row; a wrong copy stops at its line with
#     packetdrill's report in the pane and on the status line; l steps a
#     line at a time; stepping
#     back into what c ran (a replay of the runner's world) shows the
#     line of that step again; the 80x24 layout fits; the old refusal is
#     gone.
PD=$(dirname "$(readlink -f "$0")")/packetdrill
sed 's/> S. 0:0(0) ack 1 <mss 1460,/> S. 0:0(0) ack 1 <mss 1400,/' "$PD/data-exchange.pkt" \
	>"$OUT/pd-wrong.pkt"
ui pdconnect 80x24 "b tcp_v4_connect c" --packetdrill "$PD/handshake-active.pkt"
ui pdline 80x24 "l*5" --packetdrill "$PD/data-exchange.pkt"
ui pdpass 80x24 "c" --packetdrill "$PD/data-exchange.pkt"
ui pdover 80x24 "c s s" --packetdrill "$PD/close-active.pkt"
ui pdwrong 120x40 "c" --packetdrill "$OUT/pd-wrong.pkt"
ui pdhit 120x40 "b tcp_v4_rcv c c" --packetdrill "$PD/data-exchange.pkt"
hit=$(sed -n '1s/.* step \([0-9]*\) .*/\1/p' "$OUT/pdhit.txt")
before=$((${hit:-51} - 50))
ui pdstep 120x40 "s*$before" --packetdrill "$PD/data-exchange.pkt"
ui pdback 120x40 "b tcp_v4_rcv c c d 1 c g $before" --packetdrill "$PD/data-exchange.pkt"
connect=$(grep -n 'connect(3, ..., ...) = -1 EINPROGRESS' "$PD/handshake-active.pkt" | cut -d: -f1)
fcntl=$((connect - 1))
has pdconnect "Breakpoint 1, tcp_v4_connect \\(\\)" &&
	has pdconnect "^\\|> +$connect  \\+0  connect\\(3, \\.\\.\\., \\.\\.\\.\\) = -1 EINPROGRESS" &&
	has pdconnect "^\\|ok +$fcntl  " && has pdconnect "^\\| +$((connect + 1))  \\+0  > S 0:0" &&
	[ "$(grep -Ec '^\|> +[0-9]+  ' "$OUT/pdconnect.txt")" -eq 1 ] &&
	[ "$(wc -l <"$OUT/pdconnect.txt")" -eq 24 ] && awk 'length > 80 { exit 1 }' "$OUT/pdconnect.txt" &&
	has pdconnect 'Call stack' && has pdconnect 'Script: .*handshake-active.pkt' &&
	! grep -q 'headless for now' "$OUT/pdconnect.err"
verdict $? "Script pane: the connect line marked at tcp_v4_connect, 80x24 fits" \
	"Script pane at a breakpoint" "see $OUT/pdconnect.txt $OUT/pdconnect.err"
# l runs a line and stops at the first step of the next: from the start
# (socket), five of them reach the SYN-ACK's `>` line, whose packet the
# card sends while the line after it waits for its time (+.1).
synack=$(grep -n '^+0  > S\. 0:0(0) ack 1 <mss 1460' "$PD/data-exchange.pkt" | cut -d: -f1)
has pdline "^\\|> +$synack  \\+0  > S\\. 0:0" && has pdline "^\\|ok +$((synack - 1))  \\+0  < S " &&
	has pdline "^ line $synack: its first step" && has pdline 'sim_82576_tx_frame'
verdict $? "Script pane: l runs the script line by line" "Script pane l" "see $OUT/pdline.txt"
# The run stops at its end, as headless: s after it runs nothing more
# (close-active leaves TIME_WAIT's timer due).
has pdpass '^\|PASS: every line ran as written' && has pdover '^ netstep  step ([0-9]+)/\1 ' &&
	has pdover '^ PASS: the script ran to its end' && has pdpass '^ PASS: the script ran to its end' &&
	has pdpass '^\|ok [0-9]+  \+0  %\{ assert tcpi_rcv_mss == 1000 \}%' && ! has pdpass '^\|> +[0-9]+  '
verdict $? "Script pane: a passing script ends with its PASS row" "Script pane pass" \
	"see $OUT/pdpass.txt"
wl=$(grep -n 'mss 1400' "$OUT/pd-wrong.pkt" | cut -d: -f1)
has pdwrong "^\\|> +$wl  \\+0  > S\\. 0:0\\(0\\) ack 1 <mss 1400" &&
	has pdwrong "^\\|!! .*pd-wrong.pkt:$wl: error handling packet: bad outbound TCP options" &&
	has pdwrong '^\|!! actual packet: ' &&
	has pdwrong "^ FAIL .*pd-wrong.pkt:$wl: error handling packet" &&
	grep -q "pd-wrong.pkt:$wl: error handling packet: bad outbound TCP options" "$OUT/pdwrong.err"
verdict $? "Script pane: a wrong copy stops at its line with packetdrill's report" \
	"Script pane mismatch" "see $OUT/pdwrong.txt $OUT/pdwrong.err"
# tcp_v4_rcv's second hit is the handshake's last ACK; 50 steps before
# it the card is taking that ACK in.  c ran through those steps without
# their panes: after c to the end, g back there rebuilds them by
# replaying a fresh runner, the same as stepping there with s showed.
ack=$(grep -n '^+.1 < \. 1:1(0) ack 1 win 320' "$PD/data-exchange.pkt" | cut -d: -f1)
has pdhit "^\\|> +$ack  \\+\\.1 < \\. 1:1" && has pdback "^ netstep  step $before/" &&
	has pdstep "^\\|> +$ack  \\+\\.1 < \\. 1:1" && ! has pdback 'BUG|PASS' &&
	diff <(sed '1d;$d' "$OUT/pdstep.txt") <(sed '1d;$d' "$OUT/pdback.txt") >"$OUT/pdback.diff"
verdict $? "Script pane: step back into what c ran shows that step's line" \
	"Script pane replay" "see $OUT/pdback.txt"

# 40. A packet GRO merged (the router's, as tcp_gro_complete returns):
#     the skb pane lists its page frags, one per segment, and gso_segs.
ui gro 200x50 "b tcp_gro_complete c f"
has gro '^ <- tcp_gro_complete' && has gro '^\|linear=52 paged=4096 frags=3 *\|' &&
	has gro '^\|frags \(page\+off:size\): page#[0-9]+\+66:1448 page#[0-9]+\+66:1448 *\|' &&
	has gro '^\|  page#[0-9]+\+66:1200 *\|' && has gro '^\|gso_size=1448 gso_segs=3 gso_type=tcpv4 *\|'
verdict $? "skb pane: a GRO'd skb's frags and gso_segs" "skb frags" "see $OUT/gro.txt"

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
