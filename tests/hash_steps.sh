#!/usr/bin/env bash
# tests/hash_steps.sh - bench/hash_steps counts the instructions of each
# EVP_DigestUpdate call, and only those (make check).
#
#   bash tests/hash_steps.sh TOOL PROG
#
# TOOL is bench/hash_steps built, PROG tests/hash_steps_prog (CALLS
# buffers of BYTES through EVP_DigestUpdate).  Whatever the CPU and the
# libcrypto, the counts must be exact: the same run twice gives the same
# count, two identical calls cost twice one, and a call's cost grows by
# the same amount for each further 64-byte block.  The limits and bad
# usage fail with a one-line error.  Every run is bounded by --max-secs.
set -u
TOOL=$1 PROG=$2
pass=0 fail=0
ok() { echo "ok   $1"; pass=$((pass + 1)); }
bad() { echo "FAIL $1"; fail=$((fail + 1)); }
# field JSON NAME: a number from the tool's line
field() { sed -n "s/.*\"$2\":\([0-9]*\).*/\1/p" <<<"$1"; }
# steps CALLS BYTES: the tool's hash_steps for one run ("" on failure)
steps() {
	local out
	out=$("$TOOL" --max-secs 120 "$PROG" "$1" "$2" 2>/dev/null) || return 1
	[ "$(field "$out" hash_calls)" = "$1" ] || return 1
	field "$out" hash_steps
}

# A container that forbids ptrace cannot run the tool at all: said, not failed.
if "$TOOL" --max-secs 60 "$PROG" 0 0 2>&1 | grep -q "PTRACE_TRACEME: Operation not permitted"; then
	echo "skip hash_steps: ptrace is not permitted here"
	echo "0 passed, 0 failed, 1 skipped"
	exit 0
fi
s0=$(steps 0 6400) && [ "$s0" = 0 ] && ok "no call, no step" || bad "no call: '$s0'"
s1=$(steps 1 6400)
s1b=$(steps 1 6400)
if [ -n "$s1" ] && [ "$s1" -gt 0 ] && [ "$s1" = "$s1b" ]; then
	ok "one 6400-byte call: $s1 steps, twice the same"
else
	bad "one call: '$s1' then '$s1b'"
fi
s2=$(steps 2 6400)
[ -n "$s2" ] && [ -n "$s1" ] && [ "$s2" = $((2 * s1)) ] && ok "two calls: $s2 = 2 x $s1" ||
	bad "two calls: '$s2', one '$s1'"
# 100, 200, 300 blocks: the same cost for each further hundred.
a=$(steps 1 6400) b=$(steps 1 12800) c=$(steps 1 19200)
if [ -n "$a" ] && [ -n "$b" ] && [ -n "$c" ] && [ $((b - a)) -gt 0 ] && [ $((b - a)) = $((c - b)) ]; then
	ok "per block: $(((b - a) / 100)) steps, linear in the bytes"
else
	bad "not linear: $a $b $c"
fi
# Between the CPU's SHA instructions (about 3 per byte) and the generic
# code (about 28): a count outside that is not the hash.
if [ -n "$a" ] && [ "$a" -ge 6400 ] && [ "$a" -le $((64 * 6400)) ]; then
	ok "$((a / 6400)) steps a byte: the hash's own code"
else
	bad "steps a byte out of range: '$a' for 6400 bytes"
fi

out=$("$TOOL" --max-steps 10 "$PROG" 1 6400 2>&1)
rc=$?
[ $rc = 1 ] && grep -q "more than 10 steps" <<<"$out" && ok "--max-steps bounds the run (exit 1)" ||
	bad "--max-steps: rc=$rc $out"
out=$("$TOOL" true 2>&1)
rc=$?
[ $rc = 1 ] && grep -q "libcrypto is not mapped" <<<"$out" && ok "a program without libcrypto: exit 1" ||
	bad "no libcrypto: rc=$rc $out"
out=$("$TOOL" "$PROG" 1 2>&1)
rc=$?
[ $rc = 1 ] && grep -q "exited with status 2" <<<"$out" && ok "a failing program: exit 1, its status said" ||
	bad "failing program: rc=$rc $out"
for args in "" "--max-steps" "--max-steps x $PROG" "--max-secs 0 $PROG" "--bogus 1 $PROG"; do
	# shellcheck disable=SC2086
	"$TOOL" $args >/dev/null 2>&1
	rc=$?
	[ $rc = 2 ] && ok "usage '$args': exit 2" || bad "usage '$args': exit $rc"
done
echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
