#!/usr/bin/env python3
"""tests/attack.py - hostile frames for tests/attack.sh, written onto a TAP.

Runs inside the lab's router namespace (LAB-kern), as root: an AF_PACKET
socket on the TAP reads what netstep sends and writes frames that reach
netstep as if they came from the wire.  Nothing leaves the namespace.
Every loop is bounded by a frame count and by --secs of wall time.

  attack.py TAP KERNEL_MAC MODE [--secs S] [--port P] [--count N] [--bytes N]

MODE is one of synflood, inject, icmp, frags, arp, options, receiver.
Prints one line "attack.py MODE: ..." saying what it sent (and, for
receiver, the SHA-256 of the stream it received).  Plain python3 with
struct: no scapy.
"""
import argparse
import hashlib
import os
import random
import select
import socket
import struct
import sys
import time

ETH_P_ALL = 0x0003
NS_MAC = bytes.fromhex("020000000002")	# netstep's card
NS_IP = "10.0.0.2"
GW_IP = "10.0.0.1"
SRV_IP = "10.0.1.2"
SYN, RST, PSH, ACK, FIN = 0x02, 0x04, 0x08, 0x10, 0x01


def ip4(a):
    return socket.inet_aton(a)


def csum(data):
    if len(data) % 2:
        data += b"\0"
    s = sum(struct.unpack("!%dH" % (len(data) // 2), data))
    while s >> 16:
        s = (s & 0xffff) + (s >> 16)
    return ~s & 0xffff


def eth(dst, src, etype, payload):
    return dst + src + struct.pack("!H", etype) + payload


def ipv4(src, dst, proto, payload, ident=0, frag=0x4000, ttl=64, total=None):
    tot = total if total is not None else 20 + len(payload)
    h = struct.pack("!BBHHHBBH4s4s", 0x45, 0, tot, ident, frag, ttl, proto, 0, ip4(src), ip4(dst))
    h = h[:10] + struct.pack("!H", csum(h)) + h[12:]
    return h + payload


def tcp(src, dst, sport, dport, seq, ack, flags, win=65535, opts=b"", data=b""):
    while len(opts) % 4:
        opts += b"\x01"
    doff = (20 + len(opts)) // 4
    h = struct.pack("!HHIIBBHHH", sport, dport, seq & 0xffffffff, ack & 0xffffffff, doff << 4,
                    flags, win, 0, 0) + opts
    pseudo = ip4(src) + ip4(dst) + struct.pack("!BBH", 0, 6, len(h) + len(data))
    c = csum(pseudo + h + data)
    return h[:16] + struct.pack("!H", c) + h[18:] + data


def icmp(itype, code, rest, payload):
    h = struct.pack("!BBH", itype, code, 0) + rest + payload
    return h[:2] + struct.pack("!H", csum(h)) + h[4:]


class Tap:
    def __init__(self, name, kmac):
        self.s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW, socket.htons(ETH_P_ALL))
        self.s.bind((name, 0))
        self.s.setsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF, 1 << 20)
        self.kmac = kmac
        self.sent = 0

    def send(self, frame):
        try:
            self.s.send(frame)
            self.sent += 1
        except OSError:
            pass		# the TAP queue is full: netstep reads at its line rate

    def to_ns(self, ippkt, src_mac=None):
        self.send(eth(NS_MAC, src_mac or self.kmac, 0x0800, ippkt))

    def frames(self, timeout):
        """Frames seen on the TAP within @timeout seconds (bounded)."""
        end = time.time() + timeout
        out = []
        while len(out) < 10000:
            left = end - time.time()
            if left <= 0 or not select.select([self.s], [], [], left)[0]:
                break
            out.append(self.s.recv(65535))
            if not select.select([self.s], [], [], 0)[0]:
                break
        return out


def parse_tcp(f):
    """(saddr, daddr, sport, dport, seq, ack, flags, win, payload) or None."""
    if len(f) < 54 or f[12:14] != b"\x08\x00" or f[23] != 6:
        return None
    ihl = (f[14] & 0xf) * 4
    tot = struct.unpack("!H", f[16:18])[0]
    t = 14 + ihl
    sport, dport, seq, ack, doff, flags, win = struct.unpack("!HHIIBBH", f[t:t + 16])
    data = f[t + (doff >> 4) * 4:14 + tot]
    return (socket.inet_ntoa(f[26:30]), socket.inet_ntoa(f[30:34]), sport, dport, seq, ack,
            flags, win, data)


def learn_flow(tap, secs):
    """The live connection netstep -> 10.0.1.2:9000: (netstep's port, its
    latest seq+len, the kernel's seq, the kernel's latest ack)."""
    end = time.time() + secs
    port = nxt = kseq = kack = None
    while time.time() < end:
        for f in tap.frames(0.2):
            p = parse_tcp(f)
            if not p:
                continue
            if p[0] == NS_IP and p[1] == SRV_IP and p[3] == 9000:
                port = p[2]
                nxt = (p[4] + len(p[8])) & 0xffffffff
            elif p[0] == SRV_IP and p[2] == 9000 and p[3] == port:
                kseq, kack = p[4], p[5]
        if port and kseq is not None:
            return port, nxt, kseq, kack
    return None


def opt_mss(m):
    return struct.pack("!BBH", 2, 4, m)


def opt_ts(val, ecr):
    return b"\x01\x01" + struct.pack("!BBII", 8, 10, val, ecr)


def paced(secs, count):
    """Yield 0..count-1, spread over @secs seconds; stop at @secs."""
    start = time.time()
    for i in range(count):
        if time.time() - start > secs:
            return
        due = start + secs * i / count
        if due > time.time():
            time.sleep(due - time.time())
        yield i


def synflood(tap, a):
    """Spoofed SYNs from on-link addresses that never answer ARP, random ports."""
    for i in paced(a.secs, a.count):
        src = "10.0.0.%d" % random.randint(3, 254)
        opts = opt_mss(random.choice([536, 1400, 1460])) + (opt_ts(i, 0) if i % 2 else b"")
        tap.to_ns(ipv4(src, NS_IP, 6, tcp(src, NS_IP, random.randint(1024, 65535), a.port,
                                          random.getrandbits(32), 0, SYN, opts=opts)))
    return "%d spoofed SYNs to port %d" % (tap.sent, a.port)


def inject(tap, a):
    """RST, SYN and ACK as if from 10.0.1.2:9000 into the live flow: in the
    window but never at rcv_nxt (RFC 5961: challenge ACKs), and out of it."""
    flow = learn_flow(tap, 10)
    if not flow:
        return "no live flow seen"
    port, nxt, kseq, kack = flow
    kinds = {}
    for i in paced(a.secs, a.count):
        kind = i % 6
        if kind == 0:		# RST in the window, not exact
            seq, ack, fl = kseq + random.randint(1, 60000), 0, RST
        elif kind == 1:		# RST anywhere
            seq, ack, fl = random.getrandbits(32), 0, RST
        elif kind == 2:		# SYN in the window
            seq, ack, fl = kseq + random.randint(0, 60000), 0, SYN
        elif kind == 3:		# SYN anywhere
            seq, ack, fl = random.getrandbits(32), 0, SYN
        elif kind == 4:		# ACK of data never sent
            seq, ack, fl = kseq, nxt + random.randint(100000, 1 << 30), ACK
        else:			# ACK far outside the window
            seq, ack, fl = kseq + (1 << 31), kack, ACK | RST * (i % 12 == 5)
        kinds[kind] = kinds.get(kind, 0) + 1
        tap.to_ns(ipv4(SRV_IP, NS_IP, 6, tcp(SRV_IP, NS_IP, 9000, port, seq, ack, fl)))
    return "%d injected into %s:%d (RST/SYN in and out of window, ACKs of unsent data)" % (
        tap.sent, NS_IP, port)


def icmp_quote(src, dst, proto, sport, dport, seq):
    return ipv4(src, dst, proto, struct.pack("!HHI", sport, dport, seq & 0xffffffff), total=1500)


def icmps(tap, a):
    """ICMP errors with every MTU 0..65535 (in steps) quoting random flows,
    and quoting the live flow with sequence numbers not in flight."""
    flow = learn_flow(tap, 10)
    port, nxt = (flow[0], flow[1]) if flow else (40000, 0)
    n = 0
    for i in paced(a.secs, a.count):
        mtu = (i * 97) % 65536
        if i % 3 == 0:		# the live flow, a sequence far from snd_una..snd_nxt
            q = icmp_quote(NS_IP, SRV_IP, 6, port, 9000, nxt + (1 << 30) + i)
        else:			# a flow that does not exist, to the server, the router, anywhere
            dst = random.choice([SRV_IP, GW_IP, "10.%d.%d.%d" % tuple(random.getrandbits(8) for _ in range(3))])
            q = icmp_quote(NS_IP, dst, random.choice([6, 17, 1]), random.getrandbits(16),
                           random.getrandbits(16), random.getrandbits(32))
        itype, code = random.choice([(3, 4), (3, 4), (3, 1), (3, 3), (11, 0), (12, 0), (4, 0)])
        tap.to_ns(ipv4(GW_IP, NS_IP, 1, icmp(itype, code, struct.pack("!HH", 0, mtu), q)))
        n += 1
    return "%d ICMP errors (MTU 0..65535, live flow out of window, random flows)" % n


def frags(tap, a):
    """UDP fragments to netstep: overlapping, exact duplicates, tiny,
    incomplete (first only), and past 65535 bytes."""
    for i in paced(a.secs, a.count):
        ident = random.getrandbits(16)
        body = bytes(random.getrandbits(8) for _ in range(64))
        kind = i % 5
        pieces = {
            0: [(0, body, True), (32, body, True)],			# overlap
            1: [(0, body, True), (0, body, True), (64, body[:16], False)],	# duplicate
            2: [(0, body[:8], True)],					# incomplete
            3: [(0, body, True), (65528, body, False)],			# past 65535
            4: [(8 * k, body[:8], k < 7) for k in range(8)],		# tiny, complete
        }[kind]
        for off, data, more in pieces:
            if off == 0:
                data = struct.pack("!HHHH", 4000, 9, 8 + 64, 0) + data[8:]
            tap.to_ns(ipv4(SRV_IP, NS_IP, 17, data, ident=ident,
                           frag=(0x2000 if more else 0) | (off // 8)))
    return "%d fragments (overlapping, duplicate, incomplete, oversize, tiny)" % tap.sent


def arp(op, sha, spa, tha, tpa):
    return struct.pack("!HHBBH6s4s6s4s", 1, 0x0800, 6, 4, op, sha, ip4(spa), tha, ip4(tpa))


def arps(tap, a):
    """An ARP storm (requests for netstep from thousands of addresses and
    MACs, unsolicited replies) and replies claiming the gateway's address
    for another MAC, five of them 0.9 s apart: each lands within the
    entry's locktime (1 s) of the last update, so 3.10 keeps the first
    answer.  (One more than 1 s after the last is accepted, as in 3.10:
    ARP has no authentication.)"""
    bogus = bytes.fromhex("026666666666")
    poisoned = 0
    start = time.time()
    for i in paced(a.secs, a.count):
        mac = bytes([2]) + os.urandom(5)
        ip = "10.0.%d.%d" % (random.choice([0, 0, 5, 9]), random.randint(3, 254))
        if i % 2:
            tap.send(eth(b"\xff" * 6, mac, 0x0806, arp(1, mac, ip, b"\0" * 6, NS_IP)))
        else:
            tap.send(eth(NS_MAC, mac, 0x0806, arp(2, mac, ip, NS_MAC, NS_IP)))
        if poisoned < 5 and time.time() - start > 1 + 0.9 * poisoned:
            tap.send(eth(NS_MAC, bogus, 0x0806, arp(2, bogus, GW_IP, NS_MAC, NS_IP)))
            poisoned += 1
    return "%d ARP frames, the gateway's MAC claimed %d times" % (tap.sent, poisoned)


BAD_OPTS = [
    b"\x02\x00\x05\xb4",		# MSS with length 0
    b"\x02\x01",			# length 1
    b"\x02\x28\x05\xb4",		# length beyond the header
    b"\x03\x03\xc8\x01",		# window scale 200
    b"\x03\x03\x0e\x01",		# window scale 14
    b"\x04\x03\x00\x00",		# SACK_PERM, wrong length
    b"\x05\x0a" + os.urandom(8),	# SACK block on a SYN
    b"\x05\x03\x00\x00",		# SACK, length 3
    b"\x08\x06" + os.urandom(4) + b"\x00\x00",	# timestamps, length 6
    b"\x00\x02\x04\x05\xb4",		# EOL, then an MSS
    b"\xfe\x04\x12\x34",		# an experimental kind
    b"\x01" * 40,			# 40 NOPs: doff 15
]


def options(tap, a):
    """SYNs with malformed options to netstep's listener, and segments with
    them to the live flow (outside its window, so only parsing runs)."""
    flow = learn_flow(tap, 10)
    for i in paced(a.secs, a.count):
        o = BAD_OPTS[i % len(BAD_OPTS)][:40]
        if i % 2 or not flow:
            src = "10.0.0.%d" % random.randint(3, 254)
            seg = tcp(src, NS_IP, random.randint(1024, 65535), a.port, random.getrandbits(32), 0,
                      SYN, opts=o)
            tap.to_ns(ipv4(src, NS_IP, 6, seg))
        else:
            port, nxt, kseq, kack = flow
            seg = tcp(SRV_IP, NS_IP, 9000, port, kseq + (1 << 30), kack, ACK, opts=o)
            tap.to_ns(ipv4(SRV_IP, NS_IP, 6, seg))
    return "%d segments with malformed options" % tap.sent


def receiver(tap, a):
    """A hostile TCP receiver at 10.0.0.7:9003: window scale 14 and a zero
    window first, then ACKs with garbage SACK blocks and ACKs of data
    never sent beside the real ones.  Prints the SHA-256 of the stream."""
    me, mymac, port = "10.0.0.7", bytes.fromhex("020000000707"), a.port
    isn = random.getrandbits(32)
    peer = rcv_nxt = None
    got = bytearray()
    zero_until = None
    start, done, junk = time.time(), False, 0
    ts = 1

    def send(flags, win, opts=b"", ack=None, seq=None):
        seg = tcp(me, NS_IP, port, peer, isn + 1 if seq is None else seq,
                  rcv_nxt if ack is None else ack, flags, win, opts)
        tap.to_ns(ipv4(me, NS_IP, 6, seg), src_mac=mymac)

    while not done and time.time() - start < a.secs and len(got) <= a.bytes:
        for f in tap.frames(0.2):
            if f[12:14] == b"\x08\x06" and f[38:42] == ip4(me) and f[20:22] == b"\x00\x01":
                tap.send(eth(f[6:12], mymac, 0x0806, arp(2, mymac, me, f[6:12], NS_IP)))
                continue
            p = parse_tcp(f)
            if not p or p[1] != me or p[3] != port:
                continue
            _, _, sport, _, seq, ack, flags, win, data = p
            if flags & SYN:
                peer, rcv_nxt = sport, (seq + 1) & 0xffffffff
                zero_until = time.time() + 1.5
                send(SYN | ACK, 0, opt_mss(1460) + b"\x01\x03\x03\x0e" + b"\x01\x01\x04\x02",
                     seq=isn)
                continue
            if peer is None or sport != peer:
                continue
            if data and seq == rcv_nxt and time.time() >= zero_until:
                got += data
                rcv_nxt = (rcv_nxt + len(data)) & 0xffffffff
            if flags & FIN and seq + len(data) == rcv_nxt:
                rcv_nxt = (rcv_nxt + 1) & 0xffffffff
                send(FIN | ACK, 4, seq=isn + 1)
                done = True
                continue
            win4 = 0 if time.time() < zero_until else 4	# 4 << 14: 64 KiB
            send(ACK, win4)
            junk += 1
            if junk % 7 == 0:		# SACK blocks of nonsense
                blocks = b"".join(struct.pack("!II", random.getrandbits(32), random.getrandbits(32))
                                  for _ in range(3))
                send(ACK, win4, b"\x01\x01\x05\x1a" + blocks)
            if junk % 11 == 0:		# an ACK of data never sent
                send(ACK, win4, ack=(rcv_nxt + (1 << 20)) & 0xffffffff)
    return "received %d bytes sha256 %s" % (len(got), hashlib.sha256(got).hexdigest())


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("tap")
    ap.add_argument("kmac")
    ap.add_argument("mode", choices=["synflood", "inject", "icmp", "frags", "arp", "options",
                                     "receiver"])
    ap.add_argument("--secs", type=float, default=5)
    ap.add_argument("--count", type=int, default=1000)
    ap.add_argument("--port", type=int, default=9002)
    ap.add_argument("--bytes", type=int, default=1 << 22)
    a = ap.parse_args()
    random.seed(a.mode)
    tap = Tap(a.tap, bytes.fromhex(a.kmac.replace(":", "")))
    fn = {"synflood": synflood, "inject": inject, "icmp": icmps, "frags": frags, "arp": arps,
          "options": options, "receiver": receiver}[a.mode]
    print("attack.py %s: %s" % (a.mode, fn(tap, a)), flush=True)


if __name__ == "__main__":
    sys.exit(main())
