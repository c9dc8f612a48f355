#!/bin/bash
# tests/lessons-panes.sh - every lesson of lessons/ORDER, run as the UI
# runs it: at each stop the panes are taken at the stop's moment, and
# each `expect` whose subject a pane shows (the skb's dataref, users,
# cloned, len, live; a neighbour's state and queue; the ring's indices;
# the qdisc's counters; NET_TX/NET_RX; cwnd, in_flight) must agree with
# that pane.  Also: the lessons name only panes the UI has.  Run by
# `make check`; tests/lesson_panes.c says how.
#   bash tests/lessons-panes.sh ./tests/lesson_panes
# (given ./netstep, as the other test scripts are, it uses the
# tests/lesson_panes built beside it: `make tests/lesson_panes`).
set -u
PANES=${1:-./tests/lesson_panes}
[ "$(basename "$PANES")" = netstep ] && PANES=$(dirname "$PANES")/tests/lesson_panes
if [ ! -x "$PANES" ]; then
	echo "FAIL $PANES: not built (make tests/lesson_panes)" >&2
	echo "0 passed, 1 failed"
	exit 1
fi
DIR=lessons
passed=0
failed=0
while read -r name; do
	case "$name" in ''|'#'*) continue ;; esac
	if out=$(timeout 120 "$PANES" "$DIR/$name" 2>&1); then
		echo "$out"
		passed=$((passed + 1))
	else
		echo "FAIL $name:"
		echo "$out" | sed 's/^/     /'
		failed=$((failed + 1))
	fi
done < "$DIR/ORDER"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
