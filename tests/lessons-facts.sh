#!/bin/bash
# tests/lessons-facts.sh - what every lesson of lessons/ORDER says about
# Linux 3.10 and about netstep can be checked, and holds:
#   - every `kernel FILE` is a file of lessons/kernel-functions.txt (the
#     functions Linux 3.10.108 defines in the files the course points to);
#   - every function the text names (name(), or `name`) is defined in one
#     of the lesson's kernel files, or is traced by netstep and defined in
#     the 3.10 file netstep says it mirrors (netstep --list-events);
#     a bare word that is such a function must be written name();
#   - every function a break, step until or expect trace names is traced;
#   - every question's answer is followed by an `expect` that backs it;
#   - the try has a #try block with an expect, and every command or check
#     the try's text quotes is in it (tests/lessons-try.sh runs the block).
# The rules are in lessons/README.md.  No kernel tree is needed: the list
# is committed.  Then broken copies must be reported at the right line.
#   bash tests/lessons-facts.sh ./netstep
set -u
NETSTEP=${1:-./netstep}
DIR=lessons
LIST=$DIR/kernel-functions.txt
AWK=tests/lessons-facts.awk
OUT=tests/out-lessons-facts
mkdir -p "$OUT"
fail=0
passed=0
failed=0

ok()  { echo "ok   $*"; passed=$((passed + 1)); }
bad() { echo "FAIL $*"; fail=1; failed=$((failed + 1)); }

if ! "$NETSTEP" --list-events >"$OUT/events.txt" || [ ! -s "$OUT/events.txt" ]; then
	bad "netstep --list-events printed nothing"
	echo "$passed passed, $failed failed"
	exit 1
fi
n=$(wc -l <"$OUT/events.txt")
if ! awk -F'\t' 'NF < 2 || NF > 3 || $1 !~ /^[A-Za-z_][A-Za-z0-9_]*$/ || (NF == 3 && $3 != "inline") { bad = 1 }
		END { exit bad }' "$OUT/events.txt"; then
	bad "--list-events: a line is not NAME<TAB>FILE[<TAB>inline]"
else
	ok "--list-events: $n traced functions"
fi
if [ -s "$LIST" ] && [ "$(grep -cv '^#' "$LIST")" -gt 1000 ]; then
	ok "$LIST: $(grep -v '^#' "$LIST" | awk '{print $1}' | sort -u | wc -l) files, $(grep -cv '^#' "$LIST") functions"
else
	bad "$LIST is missing or short: regenerate it with lessons/kernel-functions.sh"
fi

# facts FILE: the checks on one lesson file; the problems go to $OUT/NAME.err.
facts() {
	awk -f "$AWK" "$LIST" "$OUT/events.txt" "$1" >"$OUT/$(basename "$1").err" 2>&1
}

# 1. The course.
while read -r name; do
	case "$name" in ''|'#'*) continue ;; esac
	if facts "$DIR/$name"; then
		ok "lesson $name: its files, functions, answers and try hold"
	else
		bad "lesson $name:"; sed 's/^/     /' "$OUT/$name.err"
	fi
done <"$DIR/ORDER"

# 2. Broken copies of lesson 7 must be reported, at the line broken.
src=$DIR/07-neighbour.lesson
# broken NAME WHERE WHAT: $OUT/NAME.lesson must fail with a problem that
# starts "$OUT/NAME.lesson:WHERE" (a grep pattern).
broken() {
	local name=$1 where=$2 what=$3
	if facts "$OUT/$name.lesson"; then
		bad "$what: not reported"
	elif grep -q "^$OUT/$name.lesson:$where" "$OUT/$name.lesson.err"; then
		ok "$what: $(grep -m 1 "^$OUT/$name.lesson:$where" "$OUT/$name.lesson.err")"
	else
		bad "$what: $(cat "$OUT/$name.lesson.err")"
	fi
}
if [ -f "$src" ]; then
	# a function misspelt in the text
	line=$(grep -n '__neigh_event_send()' "$src" | head -n 1 | cut -d: -f1)
	sed "${line}s/__neigh_event_send()/__neigh_event_sendmsg()/" "$src" >"$OUT/broken-func.lesson"
	broken broken-func "$line: __neigh_event_sendmsg() is not a function" "a misspelt function"
	# a function of a file the lesson does not point to, and netstep does not trace
	line=$(grep -n '^[A-Za-z]' "$src" | grep -v '^[0-9]*:\(title\|summary\|kernel\|netstep\|lab\|break\|delete\|step\|continue\|pause\|question\|answer\|expect\|try\) ' | head -n 1 | cut -d: -f1)
	sed "${line}s/\$/ (see tcp_nagle_check())/" "$src" >"$OUT/broken-file.lesson"
	broken broken-file "$line: tcp_nagle_check() is defined in net/ipv4/tcp_output.c, which is not one" \
		"a function outside the lesson's kernel files"
	# a kernel file that 3.10.108 does not have
	line=$(grep -n '^kernel ' "$src" | head -n 1 | cut -d: -f1)
	sed "${line}s#^kernel .*#kernel net/core/neighbor.c#" "$src" >"$OUT/broken-kernel.lesson"
	broken broken-kernel "$line: kernel net/core/neighbor.c: not a file" "a kernel file not in the list"
	# a bare function name
	line=$(grep -n 'asked __ipv4_neigh_lookup_noref()' "$src" | head -n 1 | cut -d: -f1)
	sed "${line}s/__ipv4_neigh_lookup_noref()/__ipv4_neigh_lookup_noref/" "$src" >"$OUT/broken-bare.lesson"
	broken broken-bare "$line: write the function __ipv4_neigh_lookup_noref as" "a bare function name"
	# a break on a function netstep does not trace
	line=$(grep -n '^break ' "$src" | head -n 1 | cut -d: -f1)
	sed "${line}s/^break .*/break arp_solicitation/" "$src" >"$OUT/broken-break.lesson"
	broken broken-break "$line: break arp_solicitation: netstep traces no such" "a break on an untraced function"
	# an answer with no expect after it
	q=$(grep -n '^question ' "$src" | head -n 1 | cut -d: -f1)
	a=$((q + 1))
	awk -v A="$a" 'NR == A + 1 && /^expect / { next } { print }' "$src" >"$OUT/broken-answer.lesson"
	broken broken-answer "[0-9]*: the answer to the question on line $q is not followed" "an answer no expect backs"
	# the try quotes a command its #try block does not run
	line=$(grep -n '^try ' "$src" | cut -d: -f1)
	grep -v '^#try \$ sleep 60$' "$src" >"$OUT/broken-try.lesson"
	broken broken-try "$line: the try says \`\$ sleep 60\`" "a try command the block leaves out"
fi

echo "$passed passed, $failed failed"
exit $fail
