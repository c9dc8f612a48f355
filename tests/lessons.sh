#!/bin/bash
# tests/lessons.sh - every lesson of lessons/ORDER passes --check headless,
# and broken copies fail with the right FILE:LINE.  Run by `make check`.
#   bash tests/lessons.sh ./netstep
set -u
NETSTEP=${1:-./netstep}
DIR=lessons
OUT=tests/out-lessons
mkdir -p "$OUT"
fail=0
passed=0
failed=0
n=0

ok()  { echo "ok   $*"; passed=$((passed + 1)); }
bad() { echo "FAIL $*"; fail=1; failed=$((failed + 1)); }
# broken NAME RC WHERE WHAT: $OUT/NAME.lesson, run with --check, must exit RC
# with an error that starts "$OUT/NAME.lesson:WHERE" (WHERE a grep pattern
# beginning with the line number); WHAT names the case in the report.
broken() {
	local name=$1 want=$2 where=$3 what=$4 rc
	timeout 120 "$NETSTEP" --headless --lesson "$OUT/$name.lesson" --check >/dev/null \
		2>"$OUT/$name.err"
	rc=$?
	if [ $rc -eq "$want" ] && grep -q "^$OUT/$name.lesson:$where" "$OUT/$name.err"; then
		ok "$what: $(head -n 1 "$OUT/$name.err")"
	else
		bad "$what: exit $rc, $(cat "$OUT/$name.err")"
	fi
}

# 1. The course: every lesson, in order, under a time bound.
while read -r name; do
	case "$name" in ''|'#'*) continue ;; esac
	n=$((n + 1))
	if timeout 120 "$NETSTEP" --headless --lesson "$DIR/$name" --check \
		>"$OUT/$name.out" 2>"$OUT/$name.err"; then
		ok "lesson $name: $(tail -n 1 "$OUT/$name.out")"
	else
		bad "lesson $name (exit $?):"; sed 's/^/     /' "$OUT/$name.err"
	fi
done < "$DIR/ORDER"

# 2. --list-lessons prints one numbered line per lesson.
lines=$("$NETSTEP" --list-lessons | wc -l)
if [ "$lines" -eq "$n" ]; then ok "--list-lessons: $lines lessons"
else bad "--list-lessons printed $lines lines for $n lessons"; fi
# A number the course does not have says so, and how many there are,
# in the UI and headless alike.
for mode in --headless ""; do
	m=$((n + 1))
	# shellcheck disable=SC2086
	timeout 20 "$NETSTEP" $mode --lesson "$m" >/dev/null 2>"$OUT/nolesson.err" </dev/null
	rc=$?
	if [ $rc -eq 2 ] && grep -q "^netstep: there is no lesson $m: the course in .* has $n " \
		"$OUT/nolesson.err"; then
		ok "--lesson $m ${mode:-(UI)}: $(cat "$OUT/nolesson.err")"
	else
		bad "--lesson $m ${mode:-(UI)}: exit $rc, $(cat "$OUT/nolesson.err")"
	fi
done

# 3. A lesson whose expect cannot hold fails at that line, exit 1.
first=$(grep -v '^#' "$DIR/ORDER" | grep . | head -n 1)
if [ -n "$first" ]; then
	src="$DIR/$first"
	line=$(grep -n '^expect ' "$src" | tail -n 1 | cut -d: -f1)
	awk -v L="$line" 'NR == L { print "expect counter IPSTATS_MIB_OUTPKTS == 987654321"; next } { print }' \
		"$src" > "$OUT/broken-expect.lesson"
	broken broken-expect 1 "$line: expect counter" "broken expect fails at line $line"
	# 4. A syntax error is exit 2 with its line, before anything runs.
	awk 'NR == 3 { print "break the packet into pieces" } { print }' "$src" > "$OUT/broken-syntax.lesson"
	broken broken-syntax 2 "3: " "syntax error reported at line 3"
	# 5. A bad console command is exit 2 with its line.
	awk 'NR == 3 { print "$ ping -c banana 10.0.1.2" } { print }' "$src" > "$OUT/broken-cmd.lesson"
	broken broken-cmd 2 "3: bad command" "bad command reported at line 3"
fi

# 5b. Lesson 4 claims dataref 2 after the clone: a copy claiming 3 must fail there.
src="$DIR/04-write-xmit-clone.lesson"
if [ -f "$src" ]; then
	line=$(grep -n '^expect skb dataref 2$' "$src" | head -n 1 | cut -d: -f1)
	sed "${line}s/dataref 2/dataref 3/" "$src" > "$OUT/broken-dataref.lesson"
	broken broken-dataref 1 "$line: expect skb dataref 3: failed: skb#[0-9]* dataref is 2" \
		"lesson 4 with dataref 3 fails at line $line"
fi

# 5c. A lesson run can keep its trace and its frames (pcapng, read back by tshark).
rm -f "$OUT/l7.trace" "$OUT/l7.pcapng"
"$NETSTEP" --headless --lesson "$DIR/07-neighbour.lesson" --check --trace "$OUT/l7.trace" \
	--pcapng "$OUT/l7.pcapng" >/dev/null 2>&1
rc=$?
if [ $rc -eq 0 ] && grep -q 'arp_solicit' "$OUT/l7.trace" && [ -s "$OUT/l7.pcapng" ]; then
	if command -v tshark >/dev/null 2>&1; then
		arp=$(tshark -r "$OUT/l7.pcapng" -Y arp 2>/dev/null | wc -l)
		bad=$(tshark -r "$OUT/l7.pcapng" -Y '_ws.malformed' 2>/dev/null | wc -l)
		if [ "$arp" -ge 2 ] && [ "$bad" -eq 0 ]; then ok "lesson 7 --trace/--pcapng: $arp ARP frames, none malformed"
		else bad "lesson 7 pcapng: arp=$arp malformed=$bad"; fi
	else
		ok "lesson 7 --trace/--pcapng written (no tshark to read them)"
	fi
else
	bad "lesson 7 with --trace/--pcapng: exit $rc"
fi

# 6. Garbage is refused, never run: a binary file, an empty file.
head -c 4096 "$NETSTEP" > "$OUT/binary.lesson"
: > "$OUT/empty.lesson"
for name in binary empty; do
	timeout 20 "$NETSTEP" --headless --lesson "$OUT/$name.lesson" --check >/dev/null 2>&1
	rc=$?
	if [ $rc -eq 2 ]; then ok "$name file refused (exit 2)"; else bad "$name file: exit $rc"; fi
done

echo "$passed passed, $failed failed"
exit $fail
