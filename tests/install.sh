#!/usr/bin/env bash
# tests/install.sh - `make install` gives a netstep that works from any
# directory, with its man pages; `make uninstall` takes it all back.
# Run by `make check`; needs no root and touches nothing outside a
# temporary directory.
#
# Usage: bash tests/install.sh ./netstep
#
# The checkout's own build is left alone: the tree is copied (objects and
# their times included, .git left out, so the copy builds as a tarball
# would and takes its version from VERSION) and
#   make install DESTDIR=<tmp>/stage PREFIX=/usr
# runs in the copy, which rebuilds only what config.h feeds.  Then, from
# a fresh empty directory, the staged netstep must answer --version,
# --list-lessons and --lesson 1 --check --headless from its own staged
# lessons (sim/datadir.h, rule 2), and `man -l` must render both pages.
# Every option that ./netstep --help prints must be in netstep.1.
# Finally `make uninstall` must remove every file it installed, and
# nothing else.  Everything runs under `timeout`.
#
# Each check prints "ok NAME" or "FAIL NAME: why"; the last line is
# "N passed, N failed".
set -u
NETSTEP=$(readlink -f "${1:-./netstep}")
TOP=$(dirname "$(readlink -f "$0")")/..
TOP=$(cd "$TOP" && pwd -P)
OUT=$TOP/tests/out-install
rm -rf "$OUT"
mkdir -p "$OUT"
TMP=$(mktemp -d "${TMPDIR:-/tmp}/netstep-install.XXXXXX") || exit 1
trap 'rm -rf "$TMP"' EXIT
SRC=$TMP/src
DEST=$TMP/stage
RUN=$TMP/elsewhere
mkdir -p "$SRC" "$DEST" "$RUN"
pass=0
fail=0
ok() { echo "ok $1"; pass=$((pass + 1)); }
bad() { echo "FAIL $1: $2"; fail=$((fail + 1)); }
# man_cat FILE: the page rendered as plain ASCII text
man_cat() { LC_ALL=C MANWIDTH=100 timeout 30 man -P cat -l "$1" 2>"$OUT/man.err"; }

# 0. The options of --help are all in the page (the checkout's page and binary).
if ! command -v man >/dev/null 2>&1; then
	bad "man" "man is missing: sudo apt-get install -y man-db"
else
	man_cat "$TOP/man/netstep.1" >"$OUT/netstep.1.txt"
	timeout 10 "$NETSTEP" --help >"$OUT/help.txt" 2>&1
	# The options: each option line's first column ("  -e, --exec"), and
	# the usage lines' "[--wire" and "netstep --headless -e".
	{ grep -oE '^  (-[a-z], )?--[a-z][a-z-]*' "$OUT/help.txt"
	  grep -oE '\[--?[a-z][a-z-]*' "$OUT/help.txt"
	  grep -oE '^usage: netstep( --?[a-z][a-z-]*)*' "$OUT/help.txt"; } |
		grep -oE -- '--?[a-z][a-z-]*' | sort -u >"$OUT/help-options.txt"
	missing=
	while read -r o; do
		grep -qE -- "(^|[^a-z-])$o([^a-z-]|\$)" "$OUT/netstep.1.txt" || missing="$missing $o"
	done <"$OUT/help-options.txt"
	n=$(wc -l <"$OUT/help-options.txt")
	if [ "$n" -ge 15 ] && [ -z "$missing" ]; then
		ok "every option of --help ($n) is in netstep.1"
	else
		bad "options in netstep.1" "${missing:- only $n options found in --help}"
	fi
fi
v=$(cat "$TOP/VERSION")
if grep -q "^\.TH NETSTEP 1 [^ ]* \"netstep $v\"" "$TOP/man/netstep.1" &&
	grep -q "^\.TH NETSTEP-LESSONS 5 [^ ]* \"netstep $v\"" "$TOP/man/netstep-lessons.5"; then
	ok "the man pages name version $v (VERSION)"
else
	bad "man page version" "the .TH lines do not say netstep $v"
fi

# 1. make install in a copy of the tree.
tar -C "$TOP" --exclude=./.git --exclude=./build --exclude='./tests/out*' -cf - . |
	tar -C "$SRC" -xf -
if timeout 600 make -C "$SRC" --no-print-directory install DESTDIR="$DEST" PREFIX=/usr \
	>"$OUT/install.log" 2>&1; then
	ok "make install DESTDIR=... PREFIX=/usr"
else
	bad "make install" "see $OUT/install.log"; tail -n 5 "$OUT/install.log"
fi
(cd "$DEST" && find . ! -type d | sort) >"$OUT/installed.txt"
want=$( { echo ./usr/bin/netstep; echo ./usr/bin/netstep-lab
	  echo ./usr/share/man/man1/netstep.1; echo ./usr/share/man/man5/netstep-lessons.5
	  for f in "$TOP"/lessons/ORDER "$TOP"/lessons/README.md "$TOP"/lessons/*.lesson; do
		echo "./usr/share/netstep/lessons/${f##*/}"; done; } | sort)
if [ "$want" = "$(cat "$OUT/installed.txt")" ]; then
	ok "installed: $(wc -l <"$OUT/installed.txt") files, the ones expected"
else
	bad "installed files" "$(diff <(echo "$want") "$OUT/installed.txt" | grep '^[<>]' | tr '\n' ' ')"
fi

# 2. The staged netstep, from an empty directory elsewhere.
BIN=$DEST/usr/bin/netstep
LESSONS=$DEST/usr/share/netstep/lessons
cd "$RUN" || exit 1
out=$(timeout 10 "$BIN" --version 2>&1)
rc=$?
if [ $rc -eq 0 ] && [[ $out =~ ^netstep\ [0-9][^\ ]*\ \(mirrors\ Linux\ 3\.10\)$ ]]; then
	ok "--version: $out"
else
	bad "--version" "exit $rc, '$out'"
fi
out=$(timeout 10 "$BIN" --lesson 4 --headless --version 2>&1)
rc=$?
[ $rc -eq 0 ] && [[ $out == netstep\ * ]] && ok "--version wins over --lesson" ||
	bad "--version with --lesson" "exit $rc, '$out'"
n=$(grep -cvE '^(#|$)' "$TOP/lessons/ORDER")
timeout 60 "$BIN" --list-lessons >"$OUT/list.txt" 2>"$OUT/list.err"
rc=$?
if [ $rc -eq 0 ] && [ "$(wc -l <"$OUT/list.txt")" -eq "$n" ] && grep -q '^ 1  01-' "$OUT/list.txt"; then
	ok "--list-lessons: $n lessons"
else
	bad "--list-lessons" "exit $rc, $(wc -l <"$OUT/list.txt") lines for $n: $(head -n 2 "$OUT/list.err")"
fi
timeout 120 "$BIN" --lesson 1 --check --headless >"$OUT/lesson1.txt" 2>&1
rc=$?
if [ $rc -eq 0 ] && grep -q "^lesson $LESSONS/01-[^ ]*: ok, [0-9]* check(s) passed" "$OUT/lesson1.txt"; then
	ok "--lesson 1 --check --headless, from the installed lessons"
else
	bad "--lesson 1 --check" "exit $rc, $(head -n 3 "$OUT/lesson1.txt")"
fi
out=$(timeout 10 "$BIN" --no-such-option 2>&1)
rc=$?
[ $rc -eq 2 ] && [ "$(echo "$out" | wc -l)" -eq 1 ] && ok "bad usage: exit 2, one line" ||
	bad "bad usage" "exit $rc, '$out'"
out=$(timeout 10 "$DEST/usr/bin/netstep-lab" no-such-command 2>&1)
rc=$?
[ $rc -eq 2 ] && [[ $out == *"usage: netstep-lab "* ]] && ok "netstep-lab runs and names itself" ||
	bad "netstep-lab" "exit $rc, '$out'"

# 3. The installed pages render, and name the installed lessons folder.
if command -v man >/dev/null 2>&1; then
	man_cat "$DEST/usr/share/man/man1/netstep.1" >"$OUT/installed.1.txt"
	rc=$?
	if [ $rc -eq 0 ] && grep -q '^SYNOPSIS' "$OUT/installed.1.txt" &&
		grep -q '^EXIT STATUS' "$OUT/installed.1.txt" &&
		grep -q '/usr/share/netstep/lessons/' "$OUT/installed.1.txt" &&
		! grep -q '/usr/local/share/netstep' "$OUT/installed.1.txt"; then
		ok "man -l netstep.1: $(wc -l <"$OUT/installed.1.txt") lines, FILES names /usr/share/netstep"
	else
		bad "man -l netstep.1" "exit $rc, $(head -n 2 "$OUT/man.err")"
	fi
	man_cat "$DEST/usr/share/man/man5/netstep-lessons.5" >"$OUT/installed.5.txt"
	rc=$?
	# Its example lesson must be a lesson that passes.
	sed -n '/^EXAMPLES/,/^SEE ALSO/p' "$OUT/installed.5.txt" | sed '1d;$d' |
		sed 's/^ *//' >"$OUT/example.lesson"
	if [ $rc -eq 0 ] && grep -q '^title ' "$OUT/example.lesson" &&
		timeout 60 "$BIN" --headless --lesson "$OUT/example.lesson" --check \
			>"$OUT/example.out" 2>&1; then
		ok "man -l netstep-lessons.5, and its example lesson passes --check"
	else
		bad "netstep-lessons.5" "exit $rc, $(tail -n 2 "$OUT/example.out" 2>/dev/null)"
	fi
fi
cd "$TOP" || exit 1

# 4. make uninstall removes those files and only those.
mkdir -p "$DEST/usr/bin" "$DEST/usr/share/man/man1"
echo other >"$DEST/usr/bin/other-tool"
echo other >"$DEST/usr/share/man/man1/other-tool.1"
if timeout 120 make -C "$SRC" --no-print-directory uninstall DESTDIR="$DEST" PREFIX=/usr \
	>"$OUT/uninstall.log" 2>&1; then
	left=$(cd "$DEST" && find . ! -type d | sort | tr '\n' ' ')
	if [ "$left" = "./usr/bin/other-tool ./usr/share/man/man1/other-tool.1 " ] &&
		[ ! -e "$DEST/usr/share/netstep" ]; then
		ok "make uninstall: no file left behind, others' files kept"
	else
		bad "make uninstall" "left: $left$( [ -e "$DEST/usr/share/netstep" ] && echo ' usr/share/netstep/')"
	fi
else
	bad "make uninstall" "see $OUT/uninstall.log"
fi

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
