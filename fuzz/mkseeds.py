#!/usr/bin/env python3
"""fuzz/mkseeds.py - write the seed corpora of fuzz/corpus/ (run once by
hand; the seeds are committed).  rx seeds: crafted frames for each
protocol plus frames the student received in the integration captures
(tests/out/*.pcap, if present).  Format: see fuzz/fuzz_rx.c."""
import os, struct, sys, glob

STUDENT = bytes([2, 0, 0, 0, 0, 2])
ROUTER = bytes([2, 0, 0, 0, 0, 1])
BCAST = b'\xff' * 6
S_IP = bytes([10, 0, 0, 2])
R_IP = bytes([10, 0, 0, 1])
SRV_IP = bytes([10, 0, 1, 2])


def csum(b):
    if len(b) % 2:
        b += b'\0'
    s = sum(struct.unpack('!%dH' % (len(b) // 2), b))
    while s >> 16:
        s = (s & 0xffff) + (s >> 16)
    return (~s) & 0xffff


def eth(payload, typ=0x0800, dst=STUDENT, src=ROUTER):
    return dst + src + struct.pack('!H', typ) + payload


def ip(proto, payload, src=SRV_IP, dst=S_IP, opts=b'', ident=1, frag=0, ttl=63):
    ihl = 5 + len(opts) // 4
    h = struct.pack('!BBHHHBBH4s4s', 0x40 | ihl, 0, ihl * 4 + len(payload), ident,
                    frag, ttl, proto, 0, src, dst) + opts
    h = h[:10] + struct.pack('!H', csum(h)) + h[12:]
    return h + payload


def l4csum(proto, seg, src=SRV_IP, dst=S_IP):
    ph = src + dst + struct.pack('!BBH', 0, proto, len(seg))
    return csum(ph + seg)


def icmp(typ, code, rest=b'\0\0\0\0', data=b''):
    m = struct.pack('!BBH', typ, code, 0) + rest + data
    return m[:2] + struct.pack('!H', csum(m)) + m[4:]


def udp(sport, dport, data, src=SRV_IP, dst=S_IP):
    u = struct.pack('!HHHH', sport, dport, 8 + len(data), 0) + data
    c = l4csum(17, u, src, dst) or 0xffff
    return u[:6] + struct.pack('!H', c) + u[8:]


def tcp(sport, dport, seq, ack, flags, opts=b'', data=b'', win=65535, src=SRV_IP, dst=S_IP):
    off = 5 + len(opts) // 4
    t = struct.pack('!HHIIBBHHH', sport, dport, seq, ack, off << 4, flags, win, 0, 0) + opts + data
    return t[:16] + struct.pack('!H', l4csum(6, t, src, dst)) + t[18:]


def arp(op, sha, spa, tha, tpa, hlen=6, plen=4):
    return struct.pack('!HHBBH', 1, 0x0800, hlen, plen, op) + sha + spa + tha + tpa


def rec(frames, flags=0, pause=1):
    out = bytes([flags])
    for f in frames:
        out += struct.pack('!H', len(f)) + f + bytes([pause])
    return out


SYNOPTS = bytes([2, 4, 5, 0xb4, 4, 2, 8, 10]) + b'\0' * 8 + bytes([1, 3, 3, 7])
seeds = {
    'arp-request': rec([eth(arp(1, ROUTER, R_IP, b'\0' * 6, S_IP), 0x0806, BCAST)]),
    'arp-reply': rec([eth(arp(2, ROUTER, R_IP, STUDENT, S_IP), 0x0806)]),
    'arp-badlen': rec([eth(arp(1, ROUTER, R_IP, b'\0' * 6, S_IP, 8, 2), 0x0806, BCAST)]),
    'icmp-echo': rec([eth(ip(1, icmp(8, 0, b'\x12\x34\0\1', b'x' * 56)))]),
    'icmp-unreach': rec([eth(ip(1, icmp(3, 4, b'\0\0\x05\x78', ip(17, udp(5001, 33434, b'q' * 8, S_IP, SRV_IP), S_IP, SRV_IP))))]),
    'ip-options-rr': rec([eth(ip(1, icmp(8, 0, b'\0\1\0\1'), opts=bytes([7, 11, 4]) + b'\0' * 8 + b'\1'))]),
    'ip-options-ts': rec([eth(ip(1, icmp(8, 0, b'\0\1\0\1'), opts=bytes([68, 12, 5, 0]) + b'\0' * 8))]),
    'ip-badihl': rec([eth(b'\x43' + ip(1, icmp(8, 0))[1:])]),
    'ip-badcsum': rec([eth(ip(1, icmp(8, 0))[:10] + b'\xde\xad' + ip(1, icmp(8, 0))[12:])]),
    'ip-truncated': rec([eth(ip(17, udp(1, 5001, b'z' * 40))[:30])]),
    'udp-closed': rec([eth(ip(17, udp(4000, 9999, b'hello')))]),
    'udp-bound': rec([eth(ip(17, udp(5001, 32768, b'hello')))], flags=4),
    'tcp-syn-listen': rec([eth(ip(6, tcp(40000, 7000, 1000, 0, 0x02, SYNOPTS, win=29200))),
                          eth(ip(6, tcp(40000, 7000, 1001, 1, 0x10)))], flags=1),
    'tcp-rst-closed': rec([eth(ip(6, tcp(40000, 7001, 1000, 0, 0x04)))]),
    'tcp-badoff': rec([eth(ip(6, tcp(40000, 7000, 1000, 0, 0x02)[:12] + b'\xf0' + tcp(40000, 7000, 1000, 0, 0x02)[13:]))], flags=1),
    # tcpdump (flag 16) printing a mix: ARP, ICMP error, TCP with SACK, UDP cut short, IPv6
    'tcpdump-mix': rec([eth(arp(2, ROUTER, R_IP, STUDENT, S_IP), 0x0806),
                        eth(ip(1, icmp(3, 3, b'\0' * 4, ip(17, udp(5001, 33434, b'q' * 8, S_IP, SRV_IP), S_IP, SRV_IP)))),
                        eth(ip(6, tcp(9000, 32768, 5, 7, 0x10, bytes([1, 1, 5, 10]) + b'\0\0\0\x09\0\0\0\x10'))),
                        eth(ip(17, udp(4000, 9001, b'u' * 20))[:30]),
                        eth(b'\x60' + b'\0' * 47, 0x86dd)], flags=16 | 2),
}
# Fragments: in order, reversed, overlapping, oversized (65535+).
pl = udp(4000, 5001, b'F' * 2000)
f1, f2, f3 = pl[:800], pl[800:1600], pl[1600:]
frags = [eth(ip(17, f1, ident=7, frag=0x2000)), eth(ip(17, f2, ident=7, frag=0x2000 | 100)),
         eth(ip(17, f3, ident=7, frag=200))]
seeds['frag-inorder'] = rec(frags)
seeds['frag-reverse'] = rec(frags[::-1])
seeds['frag-overlap'] = rec([frags[0], eth(ip(17, f2, ident=7, frag=0x2000 | 50)), frags[2]])
seeds['frag-oversize'] = rec([eth(ip(17, b'O' * 1000, ident=9, frag=0x2000 | 8100)),
                              eth(ip(17, b'O' * 1000, ident=9, frag=8189))])

os.makedirs('fuzz/corpus/rx', exist_ok=True)
for name, data in seeds.items():
    open('fuzz/corpus/rx/' + name, 'wb').write(data)

# Frames the student received in the integration runs, 8 per seed.
for path in sorted(glob.glob('tests/out/*.pcap'))[:12]:
    raw = open(path, 'rb').read()
    off, frames = 24, []
    while off + 16 <= len(raw):
        incl = struct.unpack('<I', raw[off + 8:off + 12])[0]
        fr = raw[off + 16:off + 16 + incl]
        off += 16 + incl
        if fr[6:12] != STUDENT:
            frames.append(fr)
    base = os.path.basename(path)[:-5]
    flags = 2 if base.startswith(('tcp', 'loss', 'win')) else 4 if base.startswith('udp') else 0
    for i in range(0, min(len(frames), 32), 8):
        open('fuzz/corpus/rx/pcap-%s-%d' % (base, i // 8), 'wb').write(rec(frames[i:i + 8], flags))
