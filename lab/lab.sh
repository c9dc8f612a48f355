#!/usr/bin/env bash
# lab/lab.sh - the classroom lab: netstep's simulated topology, built for
# real with the Linux kernel in network namespaces.
#
#   netstep (student 10.0.0.2/24, in namespace LAB-kern, on TAP nstap0)
#        |  TAP
#   LAB-kern: nstap0 10.0.0.1/24, forwarding on, eth1 10.0.1.1/24   (the router)
#        |  veth (MTU settable: "fragmentation needed" comes from here)
#   LAB-srv:  eth0 10.0.1.2/24, default via 10.0.1.1                (the server)
#             listeners: TCP 9000 -> one file per connection, UDP 9001 -> one file
#             (the ports of netstep's simulated server, so commands work unchanged)
#
# Usage (as root):
#   lab/lab.sh up [--name LAB] [--tap NAME] [--user USER] [--mtu N] [--loss PCT] [--no-listen]
#   lab/lab.sh set [--name LAB] [--mtu N] [--loss PCT]
#   lab/lab.sh status [--name LAB]
#   lab/lab.sh down [--name LAB]
#
# --name LAB   prefix of everything the lab creates (default netstep), so
#              two labs can coexist: namespaces LAB-kern and LAB-srv, the
#              recordings in /tmp/LAB-lab.  Interface names live inside the
#              namespaces and never clash.
# --tap NAME   the TAP device (default nstap0); persistent, owned by --user
#              (default: the user who ran sudo), so netstep can attach to it.
# --mtu N      MTU of the router-server veth (default 1500).
# --loss PCT   drop PCT% (integer) of the frames crossing the TAP, both ways,
#              with nftables "numgen random" rules (works without netem).
#
# Then run netstep in the lab:
#   sudo ip netns exec netstep-kern ./netstep --wire tap --tap nstap0 --headless -e 'ping -c 3 10.0.1.2'
# and watch the TAP live:
#   sudo ip netns exec netstep-kern wireshark -k -i nstap0
#
# `down` kills only the listeners it started (by their recorded PIDs, and
# the processes they forked for connections),
# deletes both namespaces (which removes the TAP, the veth pair and the
# nftables rules with them) and the recordings directory.
#
# `make install` installs this script as netstep-lab beside netstep; it
# needs no file of the checkout.  Its messages name it as it was called
# (netstep-lab, or lab/lab.sh) and name the netstep to run: ./netstep
# when a netstep is next to lab/ (the checkout), else netstep (on PATH).
set -u

SELF=$0
case $SELF in */lab.sh) SELF=lab/lab.sh ;; */*) SELF=${SELF##*/} ;; esac
NETSTEP=netstep
[ -x "$(dirname "$0")/../netstep" ] && [ "${0##*/}" = lab.sh ] && NETSTEP=./netstep

LAB=netstep
TAP=nstap0
USER_OWN=${SUDO_USER:-}
MTU=
LOSS=
LISTEN=1

die() { echo "lab: $*" >&2; exit 2; }

cmd=${1:-}
[ $# -gt 0 ] && shift
while [ $# -gt 0 ]; do
	case $1 in
	--name) LAB=${2:?--name needs a value}; shift 2 ;;
	--tap) TAP=${2:?--tap needs a value}; shift 2 ;;
	--user) USER_OWN=${2:?--user needs a value}; shift 2 ;;
	--mtu) MTU=${2:?--mtu needs a value}; shift 2 ;;
	--loss) LOSS=${2:?--loss needs a value}; shift 2 ;;
	--no-listen) LISTEN=0; shift ;;
	*) die "unknown option '$1' (see the head of $SELF, or man netstep)" ;;
	esac
done
case $LAB in *[!A-Za-z0-9_.-]*|"") die "invalid --name '$LAB' (letters, digits, . _ -)" ;; esac
[ ${#TAP} -le 15 ] && [ -n "$TAP" ] || die "invalid --tap '$TAP' (1 to 15 characters)"
[ -z "$MTU" ] || [[ $MTU =~ ^[0-9]+$ && $MTU -ge 576 && $MTU -le 9000 ]] ||
	die "invalid --mtu '$MTU' (576..9000)"
[ -z "$LOSS" ] || [[ $LOSS =~ ^[0-9]+$ && $LOSS -le 100 ]] ||
	die "invalid --loss '$LOSS' (integer percent 0..100)"

KNS=$LAB-kern
SNS=$LAB-srv
DIR=/tmp/$LAB-lab

need_root() {
	[ "$(id -u)" -eq 0 ] || die "needs root: sudo $SELF $cmd ..."
	command -v ip >/dev/null || die "ip is missing: sudo apt-get install -y iproute2"
}
ns_exists() { ip netns list 2>/dev/null | awk '{print $1}' | grep -qxF -- "$1"; }
kx() { ip netns exec "$KNS" "$@"; }
sx() { ip netns exec "$SNS" "$@"; }

set_mtu() {
	ip -n "$KNS" link set eth1 mtu "$1" && ip -n "$SNS" link set eth0 mtu "$1"
}

# Loss on the kernel side: a table of our own, replaced as a whole.
set_loss() {
	command -v nft >/dev/null || die "nft is missing: sudo apt-get install -y nftables"
	kx nft delete table inet netstep_lab 2>/dev/null
	[ "$1" -gt 0 ] || return 0
	kx nft -f - <<EOF
table inet netstep_lab {
	chain in { type filter hook prerouting priority -300; iifname "$TAP" numgen random mod 100 < $1 drop; }
	chain out { type filter hook postrouting priority 300; oifname "$TAP" numgen random mod 100 < $1 drop; }
}
EOF
}

start_listeners() {
	command -v socat >/dev/null || die "socat is missing: sudo apt-get install -y socat"
	mkdir -p "$DIR"
	chmod 755 "$DIR"
	# TCP 9000: each connection's bytes in their own file tcp9000.<pid>.
	# `ip netns exec` forks, so $! would not be the listener: each one
	# writes its own PID, then becomes socat (exec keeps the PID).  A
	# non-interactive shell already makes background jobs ignore SIGINT.
	sx sh -c 'echo $$ >>"$1"; exec socat -u TCP-LISTEN:9000,reuseaddr,fork SYSTEM:"cat > $2/tcp9000.\$\$"' \
		sh "$DIR/pids" "$DIR" </dev/null >/dev/null 2>"$DIR/socat-tcp.err" &
	sx sh -c 'echo $$ >>"$1"; exec socat -u UDP-RECV:9001 OPEN:"$2/udp9001",creat,append' \
		sh "$DIR/pids" "$DIR" </dev/null >/dev/null 2>"$DIR/socat-udp.err" &
	# Bounded wait until both listen.
	for _ in $(seq 50); do
		sx ss -Hltn 'sport = :9000' | grep -q . && sx ss -Hlun 'sport = :9001' | grep -q . && return 0
		sleep 0.1
	done
	echo "lab: warning: the listeners did not come up (see $DIR/socat-*.err)" >&2
}

lab_up() {
	need_root
	ns_exists "$KNS" && die "lab '$LAB' is already up ($SELF down --name $LAB first)"
	ns_exists "$SNS" && die "namespace $SNS exists ($SELF down --name $LAB first)"
	rm -rf "$DIR"
	ip netns add "$KNS" || die "cannot create namespace $KNS"
	ip netns add "$SNS" || { ip netns del "$KNS"; die "cannot create namespace $SNS"; }
	(
		set -e
		ip -n "$KNS" link set lo up
		ip -n "$SNS" link set lo up
		# The TAP: persistent, so it is configured before netstep attaches.
		if [ -n "$USER_OWN" ]; then
			ip -n "$KNS" tuntap add dev "$TAP" mode tap user "$USER_OWN"
		else
			ip -n "$KNS" tuntap add dev "$TAP" mode tap
		fi
		ip -n "$KNS" addr add 10.0.0.1/24 dev "$TAP"
		ip -n "$KNS" link set "$TAP" up
		# The router's far link to the server.
		ip -n "$KNS" link add eth1 type veth peer name eth0 netns "$SNS"
		ip -n "$KNS" addr add 10.0.1.1/24 dev eth1
		ip -n "$SNS" addr add 10.0.1.2/24 dev eth0
		ip -n "$KNS" link set eth1 up
		ip -n "$SNS" link set eth0 up
		ip -n "$SNS" route add default via 10.0.1.1
		kx sysctl -qw net.ipv4.ip_forward=1
		# PMTU lessons: the router must send "fragmentation needed".
		kx sysctl -qw net.ipv4.ip_no_pmtu_disc=0
	) || { lab_down; die "building the lab failed"; }
	[ -z "$MTU" ] || set_mtu "$MTU" || { lab_down; die "cannot set mtu $MTU"; }
	[ -z "$LOSS" ] || set_loss "$LOSS" || { lab_down; die "cannot set loss $LOSS"; }
	[ "$LISTEN" -eq 0 ] || start_listeners
	echo "lab '$LAB' is up: TAP $TAP in namespace $KNS (10.0.0.1/24, router), server $SNS (10.0.1.2/24)"
	echo "  run:   sudo ip netns exec $KNS $NETSTEP --wire tap --tap $TAP --headless -e 'ping -c 3 10.0.1.2'"
	echo "  watch: sudo ip netns exec $KNS wireshark -k -i $TAP"
}

lab_set() {
	need_root
	ns_exists "$KNS" || die "lab '$LAB' is not up"
	[ -z "$MTU" ] || set_mtu "$MTU" || die "cannot set mtu $MTU"
	[ -z "$LOSS" ] || set_loss "$LOSS" || die "cannot set loss $LOSS"
}

# PID and what it forked, by PID (socat forks a child per connection,
# which runs sh and cat): a connection whose peer vanished never ends, and
# deleting the namespace would leave them running.
with_children() {
	local c
	echo "$1"
	command -v pgrep >/dev/null || return 0
	for c in $(pgrep -P "$1"); do with_children "$c"; done
}

lab_down() {
	local ours= pid
	need_root
	if [ -f "$DIR/pids" ]; then
		while read -r pid; do
			[ -n "$pid" ] && ours="$ours $(with_children "$pid" | tr '\n' ' ')"
		done <"$DIR/pids"
		for pid in $ours; do kill "$pid" 2>/dev/null; done
		# Bounded wait for them to go; then they are made to.
		for _ in $(seq 20); do
			alive=0
			for pid in $ours; do kill -0 "$pid" 2>/dev/null && alive=1; done
			[ $alive -eq 0 ] && break
			sleep 0.1
		done
		for pid in $ours; do kill -9 "$pid" 2>/dev/null; done
	fi
	for ns in "$KNS" "$SNS"; do
		ns_exists "$ns" || continue
		left=$(ip netns pids "$ns" 2>/dev/null | tr '\n' ' ')
		[ -z "$left" ] || echo "lab: warning: processes still in $ns: $left(not ours to kill)" >&2
		ip netns del "$ns"
	done
	rm -rf "$DIR"
	return 0
}

lab_status() {
	if ! ns_exists "$KNS"; then
		echo "lab '$LAB' is down"
		return 1
	fi
	echo "lab '$LAB' is up"
	echo "== $KNS (router, kernel side of the TAP)"
	ip -n "$KNS" -br addr
	ip -n "$KNS" neigh
	echo "forwarding: $(kx sysctl -n net.ipv4.ip_forward)"
	kx nft list table inet netstep_lab 2>/dev/null | grep -q numgen &&
		echo "loss: $(kx nft list table inet netstep_lab | grep -o 'numgen random mod 100 < [0-9]*' | head -1)"
	echo "== $SNS (server)"
	ip -n "$SNS" -br addr
	ip -n "$SNS" route
	sx ss -Hltun 2>/dev/null
	if [ -d "$DIR" ]; then
		echo "== recordings in $DIR"
		for f in "$DIR"/tcp9000.* "$DIR"/udp9001; do
			[ -f "$f" ] && echo "$(basename "$f"): $(stat -c %s "$f") bytes sha256 $(sha256sum <"$f" | cut -d' ' -f1)"
		done
	fi
	return 0
}

case $cmd in
up) lab_up ;;
set) lab_set ;;
down) lab_down ;;
status) lab_status ;;
*) die "usage: $SELF up|set|status|down [--name LAB] [--tap NAME] [--user USER] [--mtu N] [--loss PCT] [--no-listen]" ;;
esac
