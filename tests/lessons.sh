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

# 3. A lesson whose expect cannot hold fails at that line, exit 1.
first=$(grep -v '^#' "$DIR/ORDER" | grep . | head -n 1)
if [ -n "$first" ]; then
	src="$DIR/$first"
	line=$(grep -n '^expect ' "$src" | tail -n 1 | cut -d: -f1)
	awk -v L="$line" 'NR == L { print "expect counter IPSTATS_MIB_OUTPKTS == 987654321"; next } { print }' \
		"$src" > "$OUT/broken-expect.lesson"
	"$NETSTEP" --headless --lesson "$OUT/broken-expect.lesson" --check >/dev/null 2>"$OUT/broken-expect.err"
	rc=$?
	if [ $rc -eq 1 ] && grep -q "^$OUT/broken-expect.lesson:$line: expect counter" "$OUT/broken-expect.err"; then
		ok "broken expect fails at line $line: $(head -n 1 "$OUT/broken-expect.err")"
	else
		bad "broken expect: exit $rc, $(cat "$OUT/broken-expect.err")"
	fi
	# 4. A syntax error is exit 2 with its line, before anything runs.
	awk 'NR == 3 { print "break the packet into pieces" } { print }' "$src" > "$OUT/broken-syntax.lesson"
	"$NETSTEP" --headless --lesson "$OUT/broken-syntax.lesson" --check >/dev/null 2>"$OUT/broken-syntax.err"
	rc=$?
	if [ $rc -eq 2 ] && grep -q "^$OUT/broken-syntax.lesson:3: " "$OUT/broken-syntax.err"; then
		ok "syntax error reported at line 3: $(head -n 1 "$OUT/broken-syntax.err")"
	else
		bad "syntax error: exit $rc, $(cat "$OUT/broken-syntax.err")"
	fi
	# 5. A bad console command is exit 2 with its line.
	awk 'NR == 3 { print "$ ping -c banana 10.0.1.2" } { print }' "$src" > "$OUT/broken-cmd.lesson"
	"$NETSTEP" --headless --lesson "$OUT/broken-cmd.lesson" --check >/dev/null 2>"$OUT/broken-cmd.err"
	rc=$?
	if [ $rc -eq 2 ] && grep -q "^$OUT/broken-cmd.lesson:3: bad command" "$OUT/broken-cmd.err"; then
		ok "bad command reported at line 3: $(head -n 1 "$OUT/broken-cmd.err")"
	else
		bad "bad command: exit $rc, $(cat "$OUT/broken-cmd.err")"
	fi
fi

# 5b. Lesson 4 claims dataref 2 after the clone: a copy claiming 3 must fail there.
src="$DIR/04-write-xmit-clone.lesson"
if [ -f "$src" ]; then
	line=$(grep -n '^expect skb dataref 2$' "$src" | head -n 1 | cut -d: -f1)
	sed "${line}s/dataref 2/dataref 3/" "$src" > "$OUT/broken-dataref.lesson"
	"$NETSTEP" --headless --lesson "$OUT/broken-dataref.lesson" --check >/dev/null 2>"$OUT/broken-dataref.err"
	rc=$?
	if [ $rc -eq 1 ] && grep -q "^$OUT/broken-dataref.lesson:$line: expect skb dataref 3: failed: skb#[0-9]* dataref is 2" "$OUT/broken-dataref.err"; then
		ok "lesson 4 with dataref 3 fails at line $line"
	else
		bad "lesson 4 with dataref 3: exit $rc, $(cat "$OUT/broken-dataref.err")"
	fi
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
head -c 4096 "$NETSTEP" > "$OUT/garbage.lesson"
timeout 20 "$NETSTEP" --headless --lesson "$OUT/garbage.lesson" --check >/dev/null 2>&1
rc=$?
if [ $rc -eq 2 ]; then ok "binary file refused (exit 2)"; else bad "binary file: exit $rc"; fi
: > "$OUT/empty.lesson"
timeout 20 "$NETSTEP" --headless --lesson "$OUT/empty.lesson" --check >/dev/null 2>&1
rc=$?
if [ $rc -eq 2 ]; then ok "empty file refused (exit 2)"; else bad "empty file: exit $rc"; fi

echo "$passed passed, $failed failed"
exit $fail
