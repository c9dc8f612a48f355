#!/bin/bash
# tests/lessons-try.sh - every lesson's closing "try this" can be done with
# netstep's commands, and the checks it suggests pass when a student does
# exactly what it says.
#
# A lesson keeps what its try tells the student to type in `#try` lines
# after the try (lessons/README.md): lesson lines, minus the "#try "
# prefix, that continue from where the lesson ends.  For each lesson of
# lessons/ORDER this builds a copy - the lesson up to its `try`, then the
# #try lines, then the try itself - and runs it with --check.  A failure
# is reported at the line of the lesson file.  Then a broken copy must
# fail at the right line.
#   bash tests/lessons-try.sh ./netstep
set -u
NETSTEP=${1:-./netstep}
NETSTEP_ABS=$(cd "$(dirname "$NETSTEP")" && pwd)/$(basename "$NETSTEP")
DIR=lessons
OUT=tests/out-lessons-try
mkdir -p "$OUT"
fail=0
passed=0
failed=0

ok()  { echo "ok   $*"; passed=$((passed + 1)); }
bad() { echo "FAIL $*"; fail=1; failed=$((failed + 1)); }

# build SRC NAME: $OUT/NAME.lesson, and $OUT/NAME.map (line N of the copy
# came from the line on line N of the map).  Exit 1 when SRC has no #try.
build() {
	awk -v out="$OUT/$2.lesson" -v map="$OUT/$2.map" '
		/^try / { intry = 1 }
		!intry { print > out; print NR > map; n++; next }
		/^#try / { steps[++ns] = substr($0, 6); from[ns] = NR; next }
		{ tail[++nt] = $0; tfrom[nt] = NR }
		END {
			for (i = 1; i <= ns; i++) { print steps[i] > out; print from[i] > map }
			for (i = 1; i <= nt; i++) { print tail[i] > out; print tfrom[i] > map }
			exit ns == 0
		}' "$1"
}

# run SRC NAME: build and run it; the first line of the error, with the
# copy's line number turned back into the lesson's, is in $OUT/NAME.why.
run() {
	local src=$1 name=$2 rc line orig
	if ! build "$src" "$name"; then
		echo "$src: no #try lines after the try" >"$OUT/$name.why"
		return 2
	fi
	# In $OUT, where a try's files (tcpdump -w FILE) land.
	(cd "$OUT" && timeout 120 "$NETSTEP_ABS" --headless --lesson "$name.lesson" --check) \
		>"$OUT/$name.out" 2>"$OUT/$name.err"
	rc=$?
	: >"$OUT/$name.why"
	if [ $rc -ne 0 ]; then
		line=$(head -n 1 "$OUT/$name.err" | sed -n "s|^$name.lesson:\([0-9]*\):.*|\1|p")
		if [ -n "$line" ]; then
			orig=$(sed -n "${line}p" "$OUT/$name.map")
			head -n 1 "$OUT/$name.err" | sed "s|^$name.lesson:$line:|$src:$orig:|" >"$OUT/$name.why"
		else
			head -n 3 "$OUT/$name.err" >"$OUT/$name.why"
		fi
	fi
	return $rc
}

# 1. Every try of the course.
rm -f "$OUT"/*.pcap
while read -r name; do
	case "$name" in ''|'#'*) continue ;; esac
	base=${name%.lesson}
	if run "$DIR/$name" "$base"; then
		ok "try of $name: $(grep -c '^#try ' "$DIR/$name") step(s) as written, $(tail -n 1 "$OUT/$base.out")"
	else
		bad "try of $name:"; sed 's/^/     /' "$OUT/$base.why"
	fi
done <"$DIR/ORDER"

# 2. A try whose suggested check does not hold fails, at the #try line.
src=$DIR/01-nic-up.lesson
if [ -f "$src" ]; then
	line=$(grep -n '^#try expect ring eth0 tx 0 count 80$' "$src" | head -n 1 | cut -d: -f1)
	sed "${line}s/count 80/count 64/" "$src" >"$OUT/broken-try.src"
	run "$OUT/broken-try.src" broken-try
	rc=$?
	if [ $rc -eq 1 ] && grep -q "^$OUT/broken-try.src:$line: expect ring eth0 tx 0 count 64: failed" "$OUT/broken-try.why"; then
		ok "a try check that cannot hold: $(cat "$OUT/broken-try.why")"
	else
		bad "broken try: exit $rc, $(cat "$OUT/broken-try.why")"
	fi
	# and a lesson without a #try block is refused
	grep -v '^#try ' "$src" >"$OUT/no-try.src"
	run "$OUT/no-try.src" no-try
	rc=$?
	if [ $rc -eq 2 ]; then ok "a try without #try lines: $(cat "$OUT/no-try.why")"
	else bad "a try without #try lines: exit $rc"; fi
fi

# 3. Lesson 13's try leaves two captures for Wireshark (in $OUT): with
#    checksum offload off, the student's tap (eth0.pcap) and the router's
#    end of the wire (wire.pcap) hold the same four data frames, and
#    tshark finds every TCP checksum right in both.
if grep -q '^#try .*-w eth0.pcap' "$DIR/13-tcpdump-vs-wire.lesson" 2>/dev/null; then
	datafields() {
		tshark -r "$1" -o tcp.check_checksum:TRUE -Y 'tcp.len > 0' \
			-T fields -e frame.len -e tcp.seq_raw -e tcp.checksum.status 2>/dev/null
	}
	datafields "$OUT/eth0.pcap" >"$OUT/eth0.fields"
	datafields "$OUT/wire.pcap" >"$OUT/wire.fields"
	n=$(wc -l <"$OUT/eth0.fields")
	good=$(cut -f3 "$OUT/eth0.fields" | grep -c '^1$')
	if [ "$n" -eq 4 ] && [ "$good" -eq 4 ] && cmp -s "$OUT/eth0.fields" "$OUT/wire.fields"; then
		ok "lesson 13's try: eth0.pcap and wire.pcap, the same $n data frames, every TCP checksum right"
	else
		bad "lesson 13's try captures: $n data frames, $good with a right checksum; see $OUT/eth0.fields $OUT/wire.fields"
	fi
fi

echo "$passed passed, $failed failed"
exit $fail
