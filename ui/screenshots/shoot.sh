#!/usr/bin/env bash
# ui/screenshots/shoot.sh - redo the README's UI screenshots.
#
# Usage: bash ui/screenshots/shoot.sh ./netstep
#
# Drives the UI with --keys, dumps the screen as text (--dump-screen) and
# renders the text to PNG with ImageMagick (apt-get install imagemagick)
# in DejaVu Sans Mono.  The PNGs are committed files: CI does not run this.
set -eu
NETSTEP=$(readlink -f "${1:-./netstep}")
DIR=$(dirname "$(readlink -f "$0")")
CONVERT=${CONVERT:-/usr/bin/convert}

# shot NAME COLSxROWS KEYS [more netstep args]
shot() {
	local name=$1 size=$2 keys=$3 tmp parts=() i
	shift 3
	COLUMNS=${size%x*} LINES=${size#*x} "$NETSTEP" --keys "$keys" --dump-screen "$DIR/$name.txt" "$@"
	tmp=$(mktemp -d)
	# NOTE: label: refuses long texts, so render about 900 characters at a time and stack them.
	awk -v w="${size%x*}" '{ printf "%-*s\n", w, $0 }' "$DIR/$name.txt" | split -l $((900 / ${size%x*})) - "$tmp/part."
	for i in "$tmp"/part.*; do
		"$CONVERT" -background '#101010' -fill '#e8e8e8' -font DejaVu-Sans-Mono -pointsize 14 \
			"label:$(sed 's/\\/\\\\/g; s/%/%%/g' "$i")" "$i.png"
		parts+=("$i.png")
	done
	"$CONVERT" "${parts[@]}" -background '#101010' -append -bordercolor '#101010' -border 8 \
		+repage "$DIR/$name.png"
	rm -rf "$tmp"
}
# 120x40: the first screen, the world before the first step.
shot ui-first-120x40 120x40 ""
# 120x40: lesson 4 stopped at the return of tcp_transmit_skb, the lesson pane below.
shot ui-lesson-120x40 120x40 "l*2" --lesson 4
# 80x24: the compact layout, the SYN clone just mapped onto the TX ring.
shot ui-80x24 80x24 "b skb_clone c d 1 b igb_tx_map c*3 f"
# 200x50: every pane, as the SYN's clone is mapped onto the TX ring.
shot ui-200x50 200x50 "b skb_clone c d 1 b igb_tx_map c*3 f"
