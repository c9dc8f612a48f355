/*
 * tools/tcpdump_print.c - one line per frame, as `tcpdump -n` prints it.
 * See tools/tcpdump.h.
 *
 * No kernel counterpart: this is tcpdump's printer (print-ether.c,
 * print-arp.c, print-ip.c, print-icmp.c, print-udp.c, print-tcp.c in
 * tcpdump 4.99), written fresh from what it prints:
 *
 *   00:00:01.000017 IP 10.0.0.2.32768 > 10.0.1.2.9000: Flags [P.], seq 1:1449,
 *       ack 1, win 115, options [nop,nop,TS val 4294668296 ecr 4294668296], length 1448
 *   00:00:00.000000 ARP, Request who-has 10.0.0.1 tell 10.0.0.2, length 28
 *   00:00:00.000004 IP 10.0.0.2 > 10.0.1.2: ICMP echo request, id 1, seq 1, length 64
 *   00:00:01.000043 IP 10.0.0.2.32769 > 10.0.1.2.9001: UDP, length 100
 *
 * (each on one line).  The lengths are tcpdump's: ARP's counts from the
 * ARP header to the end of the frame (28, or 46 for a frame padded to 60
 * bytes), IP's protocols count their own payload.  TCP sequence numbers
 * are relative to the first ones seen in each conversation, as tcpdump
 * prints them without -S.  A frame cut short or inconsistent gets
 * tcpdump's markers ([|tcp], truncated-ip, bad hdr length ...).
 *
 * Differences from the real tool:
 *  - numbers only (as -n): no host or port names;
 *  - the time of day is UTC (tcpdump uses the local time zone);
 *  - payloads are not decoded (tcpdump decodes DNS, HTTP ... by port);
 *  - IPv6 and other EtherTypes get the one line tcpdump prints for a
 *    type it does not know, without the hex dump that follows it;
 *  - IP protocols other than ICMP, UDP and TCP print as ip-proto-N,
 *    ICMP router advertisements and timestamp replies by name only,
 *    TCP options netstep and Linux do not use as unknown-N;
 *  - TOOL_TCPDUMP_CONVS conversations are remembered; the oldest is
 *    forgotten for a new one (tcpdump remembers every one).
 */
#include "tools/tcpdump.h"
#include "layers/arp.h"
#include "layers/neighbour.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#define TD_IPPROTO_ICMP	1
#define TD_IPPROTO_TCP	6
#define TD_IPPROTO_UDP	17
#define TD_IP_MF	0x2000
#define TD_IP_OFFMASK	0x1fff

/* TCP header flags, byte 13 */
#define TD_TH_FIN	0x01
#define TD_TH_SYN	0x02
#define TD_TH_RST	0x04
#define TD_TH_ACK	0x10
#define TD_TH_URG	0x20

/* The line being built. */
struct td_line {
	char *buf;
	size_t size;
	size_t len;			/* characters written (capped at size - 1) */
};

static void __attribute__((format(printf, 2, 3)))
td_put(struct td_line *l, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (l->len + 1 >= l->size)
		return;
	va_start(ap, fmt);
	n = vsnprintf(l->buf + l->len, l->size - l->len, fmt, ap);
	va_end(ap);
	if (n > 0)
		l->len = l->len + (size_t)n < l->size ? l->len + (size_t)n : l->size - 1;
}

static u16
td_be16(const u8 *p)
{
	return (u16)(p[0] << 8 | p[1]);
}

static u32
td_be32(const u8 *p)
{
	return (u32)td_be16(p) << 16 | td_be16(p + 2);
}

static __be32
td_addr(const u8 *p)
{
	__be32 a;

	memcpy(&a, p, sizeof(a));
	return a;
}

/* Are the @n bytes at @p inside what was captured (before @end)? */
static bool
td_have(const u8 *p, size_t n, const u8 *end)
{
	return p <= end && (size_t)(end - p) >= n;
}

/* ---- ARP ------------------------------------------------------------------ */

/* A hardware address of @n bytes: xx:xx:... */
static void
td_linkaddr(struct td_line *l, const u8 *p, unsigned int n)
{
	for (unsigned int i = 0; i < n; i++)
		td_put(l, i ? ":%02x" : "%02x", p[i]);
}

static void
td_arp(struct td_line *l, const u8 *p, unsigned int length)
{
	static const char *const ops[] = { NULL, "Request", "Reply", "Reverse Request",
					   "Reverse Reply", NULL, NULL, NULL, "Inverse Request",
					   "Inverse Reply", "NACK Reply" };
	const u8 *end = p + length;
	u16 hrd, pro, op;
	u8 hln, pln;

	if (!td_have(p, 8, end) || !td_have(p, 8u + 2 * p[4] + 2 * p[5], end)) {
		td_put(l, " [|arp]");
		return;
	}
	hrd = td_be16(p);
	pro = td_be16(p + 2);
	hln = p[4];
	pln = p[5];
	op = td_be16(p + 6);
	td_put(l, "ARP, ");
	if (pro != ETH_P_IP || pln != 4 || hln == 0) {
		if (hrd == ARPHRD_ETHER)
			td_put(l, "Ethernet (len %u), ", hln);
		else
			td_put(l, "Unknown Hardware (%u) (len %u), ", hrd, hln);
		if (pro == ETH_P_IP)
			td_put(l, "IPv4 (len %u)", pln);
		else
			td_put(l, "Unknown Protocol (0x%04x) (len %u)", pro, pln);
	} else if (op == ARPOP_REQUEST) {
		const u8 *tha = p + 8 + hln + pln;
		bool known = false;

		for (unsigned int i = 0; i < hln; i++)
			known |= tha[i] != 0;
		td_put(l, "Request who-has %s", sim_ip_str(td_addr(tha + hln)).s);
		if (known) {
			td_put(l, " (");
			td_linkaddr(l, tha, hln);
			td_put(l, ")");
		}
		td_put(l, " tell %s", sim_ip_str(td_addr(p + 8 + hln)).s);
	} else if (op == ARPOP_REPLY) {
		td_put(l, "Reply %s is-at ", sim_ip_str(td_addr(p + 8 + hln)).s);
		td_linkaddr(l, p + 8, hln);
	} else if (op < ARRAY_SIZE(ops) && ops[op]) {
		td_put(l, "%s", ops[op]);	/* NOTE: RARP/InARP addresses not decoded */
	} else {
		td_put(l, "Unknown (%u)", op);
	}
	td_put(l, ", length %u", length);
}

/* ---- ICMP ----------------------------------------------------------------- */

/* Destination unreachable, the codes whose text is the quoted
 * destination in a sentence (%s).  NULL: printed apart. */
static const char *const td_unreach[] = {
	"net %s unreachable", "host %s unreachable", NULL, NULL, NULL,
	"%s unreachable - source route failed", "net %s unreachable - unknown",
	"host %s unreachable - unknown", "%s unreachable - source host isolated",
	"net %s unreachable - admin prohibited", "host %s unreachable - admin prohibited",
	"net %s unreachable - tos prohibited", "host %s unreachable - tos prohibited",
	"host %s unreachable - admin prohibited filter",
	"host %s unreachable - host precedence violation",
	"host %s unreachable - precedence cutoff",
};

/* Types printed by name alone. */
static const char *const td_icmp_names[] = {
	[4] = "source quench", [9] = "router advertisement", [10] = "router solicitation",
	[14] = "time stamp reply", [15] = "information request", [16] = "information reply",
	[17] = "address mask request",
};

/* Destination unreachable (28 bytes captured): false if the quoted
 * header's ports are cut off. */
static bool
td_icmp_unreach(char *s, size_t n, const u8 *p, const u8 *end)
{
	struct sim_addr_str a = sim_ip_str(td_addr(p + 24));
	const char *dst = a.s;
	u8 code = p[1];

	if (code < ARRAY_SIZE(td_unreach) && td_unreach[code]) {
		snprintf(s, n, td_unreach[code], dst);
	} else if (code == 2) {
		snprintf(s, n, "%s protocol %u unreachable", dst, p[17]);
	} else if (code == 3) {
		const u8 *ouh = p + 8 + (p[8] & 0x0f) * 4;

		if (!td_have(ouh, 4, end))
			return false;
		if (p[17] == TD_IPPROTO_TCP || p[17] == TD_IPPROTO_UDP)
			snprintf(s, n, "%s %s port %u unreachable", dst,
				 p[17] == TD_IPPROTO_TCP ? "tcp" : "udp", td_be16(ouh + 2));
		else
			snprintf(s, n, "%s protocol %u port %u unreachable", dst, p[17],
				 td_be16(ouh + 2));
	} else if (code == 4) {
		u16 mtu = td_be16(p + 6);

		if (mtu)
			snprintf(s, n, "%s unreachable - need to frag (mtu %u)", dst, mtu);
		else
			snprintf(s, n, "%s unreachable - need to frag", dst);
	} else {
		snprintf(s, n, "%s unreachable - #%u", dst, code);
	}
	return true;
}

/* The bytes a type's line reads: its header, or the quoted IP header. */
static unsigned int
td_icmp_need(u8 type, u8 code)
{
	switch (type) {
	case 0: case 8: case 13:
		return 8;
	case 3: case 5: case 11:
		return 28;		/* up to the quoted destination */
	case 12:
		return code ? 2 : 5;
	case 18:
		return 12;
	default:
		return 2;
	}
}

static void
td_icmp(struct td_line *l, const u8 *p, unsigned int plen, const u8 *end)
{
	static const char *const redirect[] = { "redirect %s to net %s", "redirect %s to host %s",
						"redirect-tos %s to net %s",
						"redirect-tos %s to host %s" };
	char s[128] = "";
	bool trunc = false;
	u8 type, code;

	if (!td_have(p, 2, end) || !td_have(p, td_icmp_need(p[0], p[1]), end)) {
		td_put(l, " [|icmp]");
		return;
	}
	type = p[0];
	code = p[1];
	switch (type) {
	case 0:
	case 8:
		snprintf(s, sizeof(s), "echo %s, id %u, seq %u", type ? "request" : "reply",
			 td_be16(p + 4), td_be16(p + 6));
		break;
	case 3:
		trunc = !td_icmp_unreach(s, sizeof(s), p, end);
		break;
	case 5:
		if (code < ARRAY_SIZE(redirect))
			snprintf(s, sizeof(s), redirect[code], sim_ip_str(td_addr(p + 24)).s,
				 sim_ip_str(td_addr(p + 4)).s);
		else
			snprintf(s, sizeof(s), "redirect-#%u %s to %s", code,
				 sim_ip_str(td_addr(p + 24)).s, sim_ip_str(td_addr(p + 4)).s);
		break;
	case 11:
		if (code == 0)
			snprintf(s, sizeof(s), "time exceeded in-transit");
		else if (code == 1)
			snprintf(s, sizeof(s), "ip reassembly time exceeded");
		else
			snprintf(s, sizeof(s), "time exceeded-#%u", code);
		break;
	case 12:
		if (code)
			snprintf(s, sizeof(s), "parameter problem - code %u", code);
		else
			snprintf(s, sizeof(s), "parameter problem - octet %u", p[4]);
		break;
	case 13:
		snprintf(s, sizeof(s), "time stamp query id %u seq %u", td_be16(p + 4),
			 td_be16(p + 6));
		break;
	case 18:
		snprintf(s, sizeof(s), "address mask is 0x%08x", td_be32(p + 8));
		break;
	default:
		if (type < ARRAY_SIZE(td_icmp_names) && td_icmp_names[type])
			snprintf(s, sizeof(s), "%s", td_icmp_names[type]);
		else
			snprintf(s, sizeof(s), "type-#%u", type);
		break;
	}
	if (trunc)
		td_put(l, " [|icmp]");
	else
		td_put(l, "ICMP %s, length %u", s, plen);
}

/* ---- UDP ------------------------------------------------------------------ */

/*
 * "10.0.0.2.32768 > 10.0.1.2.9000: ", the start of a UDP or TCP line,
 * and the two ports.  false if they are cut off: the line then ends with
 * @cut after the addresses (tcpdump's UDP and TCP end it differently).
 */
static bool
td_ports(struct td_line *l, const u8 *p, const u8 *ip, const u8 *end, const char *cut,
	 u16 *sport, u16 *dport)
{
	struct sim_addr_str src = sim_ip_str(td_addr(ip + 12)), dst = sim_ip_str(td_addr(ip + 16));

	if (!td_have(p, 4, end)) {
		td_put(l, "%s > %s:%s", src.s, dst.s, cut);
		return false;
	}
	*sport = td_be16(p);
	*dport = td_be16(p + 2);
	td_put(l, "%s.%u > %s.%u: ", src.s, *sport, dst.s, *dport);
	return true;
}

static void
td_udp(struct td_line *l, const u8 *p, unsigned int length, const u8 *ip, const u8 *end,
       bool fragmented)
{
	unsigned int ulen;
	u16 sport, dport;

	if (!td_ports(l, p, ip, end, "  [|udp]", &sport, &dport))
		return;
	if (length < 8) {
		td_put(l, "truncated-udp %u", length);
		return;
	}
	if (!td_have(p, 8, end)) {
		td_put(l, " [|udp]");
		return;
	}
	ulen = td_be16(p + 4);
	if (ulen < 8) {
		td_put(l, "truncated-udplength %u", ulen);
		return;
	}
	ulen -= 8;
	length -= 8;
	if (ulen < length)
		length = ulen;
	if (ulen > length && !fragmented)
		td_put(l, "UDP, bad length %u > %u", ulen, length);
	else
		td_put(l, "UDP, length %u", ulen);
}

/* ---- TCP ------------------------------------------------------------------ */

/*
 * The conversation of this segment, keyed as tcpdump keys it (@rev: the
 * segment goes from the key's dst to its src).  A SYN, or a conversation
 * not seen before, (re)starts it from this segment's numbers: @fresh.
 */
static struct tool_tcpdump_conv *
td_conv(struct tool_tcpdump_printer *pr, const u8 *ip, u16 sport, u16 dport, u8 flags,
	bool *rev, bool *fresh)
{
	__be32 saddr = td_addr(ip + 12), daddr = td_addr(ip + 16);
	struct tool_tcpdump_conv key = { .used = true }, *c = NULL;

	*rev = sport > dport || (sport == dport && memcmp(ip + 12, ip + 16, 4) > 0);
	key.src = *rev ? daddr : saddr;
	key.dst = *rev ? saddr : daddr;
	key.ports = *rev ? (u32)dport << 16 | sport : (u32)sport << 16 | dport;
	for (unsigned int i = 0; i < TOOL_TCPDUMP_CONVS && !c; i++) {
		struct tool_tcpdump_conv *t = &pr->conv[i];

		if (t->used && t->src == key.src && t->dst == key.dst && t->ports == key.ports)
			c = t;
	}
	*fresh = !c || (flags & TD_TH_SYN);
	if (!c) {
		c = &pr->conv[pr->next];
		pr->next = (pr->next + 1) % TOOL_TCPDUMP_CONVS;
	}
	if (*fresh)
		*c = key;
	return c;
}

/*
 * The options: "options [mss 1460,sackOK,TS val 1 ecr 0,nop,wscale 7]".
 * @thseq/@thack make SACK blocks relative.  false if they are cut short
 * or malformed (the line then ends as tcpdump's does).
 */
static bool
td_tcp_options(struct td_line *l, const u8 *cp, unsigned int hlen, const u8 *end, bool rev,
	       u32 thseq, u32 thack)
{
	static const char *const names[] = { "eol", "nop", "mss", "wscale", "sackOK", "sack",
					     [8] = "TS" };
	bool sep = false;		/* an option was printed whole */

	td_put(l, ", options [");
	while (hlen > 0) {
		unsigned int opt, len = 1, datalen = 0;

		if (sep)
			td_put(l, ",");
		if (!td_have(cp, 1, end))
			goto trunc;
		opt = *cp++;
		if (opt > 1) {			/* not eol or nop: a length follows */
			if (!td_have(cp, 1, end))
				goto trunc;
			len = *cp++;
			if (len < 2 || len > hlen)
				goto bad;
			hlen--;
		}
		hlen--;
		if (opt < ARRAY_SIZE(names) && names[opt])
			td_put(l, "%s", names[opt]);
		else
			td_put(l, "unknown-%u", opt);
		if (opt == 2 || opt == 3 || opt == 8)
			datalen = opt == 2 ? 2 : opt == 3 ? 1 : 8;
		else if (opt > 1 && opt != 4)
			datalen = len - 2;
		if (datalen > hlen)
			goto bad;
		if (!td_have(cp, datalen, end))
			goto trunc;
		if (opt == 2) {
			td_put(l, " %u", td_be16(cp));
		} else if (opt == 3) {
			td_put(l, " %u", cp[0]);
		} else if (opt == 8) {
			td_put(l, " val %u ecr %u", td_be32(cp), td_be32(cp + 4));
		} else if (opt == 5 && datalen % 8) {
			td_put(l, " invalid sack");
		} else if (opt == 5) {
			td_put(l, " %u ", datalen / 8);
			for (unsigned int i = 0; i < datalen; i += 8)
				td_put(l, "{%u:%u}", td_be32(cp + i) - (rev ? thseq : thack),
				       td_be32(cp + i + 4) - (rev ? thseq : thack));
		} else if (datalen) {
			td_put(l, " 0x");
			for (unsigned int i = 0; i < datalen; i++)
				td_put(l, "%02x", cp[i]);
		}
		cp += datalen;
		hlen -= datalen;
		if (datalen + 1 + (opt > 1) != len)
			td_put(l, "[len %u]", len);
		sep = true;
		if (opt == 0)
			break;
	}
	td_put(l, "]");
	return true;
bad:
	td_put(l, "[bad opt]%s", sep ? "]" : "");
	return false;
trunc:
	td_put(l, " [|tcp]%s", sep ? ">" : "");
	return false;
}

static void
td_tcp(struct tool_tcpdump_printer *pr, struct td_line *l, const u8 *p, unsigned int length,
       const u8 *ip, const u8 *end)
{
	static const char flagc[] = "FSRP.UEW";
	u32 seq, ack, thseq = 0, thack = 0;
	unsigned int hlen;
	u16 sport, dport;
	bool rev = false;
	u8 flags;

	if (!td_ports(l, p, ip, end, " [|tcp]", &sport, &dport))
		return;
	if (!td_have(p, 20, end)) {
		td_put(l, " [|tcp]");
		return;
	}
	hlen = (p[12] >> 4) * 4;
	if (hlen < 20) {
		td_put(l, " tcp %u [bad hdr length %u - too short, < 20]", length - hlen, hlen);
		return;
	}
	seq = td_be32(p + 4);
	ack = td_be32(p + 8);
	flags = p[13];
	td_put(l, "Flags [");
	for (int i = 0; i < 8; i++)
		if (flags & (1 << i))
			td_put(l, "%c", flagc[i]);
	td_put(l, "%s]", flags ? "" : "none");
	if (flags & TD_TH_ACK) {
		bool fresh;
		struct tool_tcpdump_conv *c = td_conv(pr, ip, sport, dport, flags, &rev, &fresh);

		if (fresh && rev) {
			c->ack = seq;
			c->seq = ack - 1;
		} else if (fresh) {
			c->seq = seq;
			c->ack = ack - 1;
		} else if (rev) {
			seq -= c->ack;
			ack -= c->seq;
		} else {
			seq -= c->seq;
			ack -= c->ack;
		}
		thseq = c->seq;
		thack = c->ack;
	}
	if (hlen > length) {
		td_put(l, " [bad hdr length %u - too long, > %u]", hlen, length);
		return;
	}
	length -= hlen;
	if (length > 0 || (flags & (TD_TH_FIN | TD_TH_SYN | TD_TH_RST))) {
		td_put(l, ", seq %u", seq);
		if (length > 0)
			td_put(l, ":%u", seq + length);
	}
	if (flags & TD_TH_ACK)
		td_put(l, ", ack %u", ack);
	td_put(l, ", win %u", td_be16(p + 14));
	if (flags & TD_TH_URG)
		td_put(l, ", urg %u", td_be16(p + 18));
	if (hlen > 20 && !td_tcp_options(l, p + 20, hlen - 20, end, rev, thseq, thack))
		return;
	td_put(l, ", length %u", length);
}

/* ---- IPv4 ----------------------------------------------------------------- */

static void
td_ip(struct tool_tcpdump_printer *pr, struct td_line *l, const u8 *p, unsigned int length)
{
	const u8 *end = p + length;
	unsigned int hlen, len, off;
	u8 proto;

	if (length < 1) {
		td_put(l, " [|ip]");
		return;
	}
	if (p[0] >> 4 != 4) {
		if (p[0] >> 4 == 6)
			td_put(l, "IP6, wrong link-layer encapsulation (invalid)");
		else
			td_put(l, "IP%u (invalid)", p[0] >> 4);
		return;
	}
	td_put(l, "IP ");
	if (length < 20) {
		td_put(l, " [|ip]");
		return;
	}
	hlen = (p[0] & 0x0f) * 4;
	if (hlen < 20) {
		td_put(l, "bad-hlen %u", hlen);
		return;
	}
	len = td_be16(p + 2);
	if (length < len)
		td_put(l, "truncated-ip - %u bytes missing! ", len - length);
	if (len < hlen) {
		td_put(l, "bad-len %u", len);
		return;
	}
	if (len < length)
		end = p + len;		/* the Ethernet padding is not IP's */
	len -= hlen;
	off = td_be16(p + 6);
	proto = p[9];
	if (off & TD_IP_OFFMASK) {
		td_put(l, "%s > %s: ip-proto-%u", sim_ip_str(td_addr(p + 12)).s,
		       sim_ip_str(td_addr(p + 16)).s, proto);
		return;
	}
	if (proto != TD_IPPROTO_TCP && proto != TD_IPPROTO_UDP)
		td_put(l, "%s > %s: ", sim_ip_str(td_addr(p + 12)).s, sim_ip_str(td_addr(p + 16)).s);
	if (!td_have(p, hlen, end)) {
		td_put(l, " [remaining caplen(%u) < header length(%u)]",
		       (unsigned int)(end - p), hlen);
		return;
	}
	if (proto == TD_IPPROTO_TCP)
		td_tcp(pr, l, p + hlen, len, p, end);
	else if (proto == TD_IPPROTO_UDP)
		td_udp(l, p + hlen, len, p, end, off & TD_IP_MF);
	else if (proto == TD_IPPROTO_ICMP)
		td_icmp(l, p + hlen, len, end);
	else
		td_put(l, " ip-proto-%u %u", proto, len);
}

/* ---- Ethernet ------------------------------------------------------------- */

void
tool_tcpdump_format(struct tool_tcpdump_printer *p, ktime_t ts, const u8 *frame,
		    unsigned int len, char *buf, size_t size)
{
	struct td_line l = { buf, size, 0 };
	time_t sec = (time_t)(ts / NSEC_PER_SEC);
	struct tm tm;
	u16 type;

	buf[0] = '\0';
	gmtime_r(&sec, &tm);
	td_put(&l, "%02d:%02d:%02d.%06u ", tm.tm_hour, tm.tm_min, tm.tm_sec,
	       (unsigned int)(ts % NSEC_PER_SEC / NSEC_PER_USEC));
	if (len < ETH_HLEN) {
		td_put(&l, " [|ether]");
		return;
	}
	type = td_be16(frame + 12);
	if (type == ETH_P_IP)
		td_ip(p, &l, frame + ETH_HLEN, len - ETH_HLEN);
	else if (type == ETH_P_ARP)
		td_arp(&l, frame + ETH_HLEN, len - ETH_HLEN);
	else
		td_put(&l, "%s > %s, ethertype %s (0x%04x), length %u:",
		       sim_mac_str(frame + 6).s, sim_mac_str(frame).s,
		       type == ETH_P_IPV6 ? "IPv6" : "Unknown", type, len);
}
