/*
 * sim/packetdrill_packet.c - the packets of a script: `<` ones built and
 * put on the wire, `>` ones taken from the tap and checked.
 *
 * No kernel counterpart.  Sequence numbers in a script are packetdrill's:
 * a SYN's is its ISN as written; every other is relative to the ISN of
 * its side, so `1:1001(1000)` is the first 1000 bytes after a SYN.  The
 * remote side's ISN is the one the script's `<` SYN gives (the runner
 * plays the remote end: the script's numbers are the live ones); the
 * local one is whatever the stack chose, learnt from its SYN or SYN-ACK,
 * and the stack's numbers are turned into the script's before they are
 * compared.  ACKs and SACK blocks of a side are mapped with that side's
 * ISN, TS ecr of a `<` packet from the script's TSvals to the stack's
 * (linearly from the first `>` TSval: both tick once a millisecond).
 *
 * A `>` packet is checked field by field in packetdrill's order (IP
 * version, protocol, header and total length; TCP data offset, each
 * flag, seq, ack, window if given, urgent pointer; then the options
 * byte for byte except the TSval, the zero payload, and the time), and
 * a mismatch is reported as packetdrill does:
 *
 *	script.pkt:12: error handling packet: live packet field tcp_ack_seq:
 *		expected: 1001 (0x3e9) vs actual: 1 (0x1)
 *	script packet:  0.200000 . 1:1(0) ack 1001
 *	actual packet:  0.200012 . 1:1(0) ack 1 win 229
 *
 * Unless --strict_segments, one `>` packet may be met by several
 * segments in a row that add up to it (a TSO super-packet the stack
 * sent as MSS-sized segments), as packetdrill does since 2018: each
 * must follow the previous, all but the last carry the same length,
 * and their other header fields agree; PSH and FIN come from the last.
 */
#include "sim/packetdrill_priv.h"
#include "sim/host.h"
#include "sim/topology.h"
#include "layers/ip.h"
#include "layers/tcp.h"
#include "layers/sock.h"

#include <stdlib.h>
#include <string.h>

#define PD_ETH_PROTO_IP	0x0800

/* The runner's MAC: the gateway's, a permanent neighbour of eth0. */
const u8 pd_remote_mac[ETH_ALEN] = { 0x02, 0, 0, 0, 0, 0x01 };

/* A live packet taken apart (IPv4 + TCP), in the script's numbers once mapped. */
struct pd_live {
	struct pd_packet pkt;		/* flags, seq, len, ack, win, options */
	const struct iphdr *iph;
	const struct tcphdr *th;
	const u8 *payload;
	ktime_t when;
};

/* ---- options -------------------------------------------------------------- */

static u32
get32(const u8 *p)
{
	return (u32)p[0] << 24 | (u32)p[1] << 16 | (u32)p[2] << 8 | p[3];
}

static void
put32(u8 *p, u32 v)
{
	p[0] = v >> 24;
	p[1] = v >> 16;
	p[2] = v >> 8;
	p[3] = v;
}

/*
 * Walk the options of @p: for each SACK block edge call @sack (may be
 * NULL), and return the offset of the timestamp option (-1: none).
 * Malformed options end the walk (the stack never sends them).
 */
static int
pd_opts_walk(struct pd_packet *p, u32 sack_add)
{
	int ts = -1;

	for (int i = 0; i < p->optlen;) {
		u8 kind = p->opts[i], len;

		if (kind == TCPOPT_EOL)
			break;
		if (kind == TCPOPT_NOP) {
			i++;
			continue;
		}
		if (i + 1 >= p->optlen)
			break;
		len = p->opts[i + 1];
		if (len < 2 || i + len > p->optlen)
			break;
		if (kind == TCPOPT_TIMESTAMP && len == TCPOLEN_TIMESTAMP)
			ts = i;
		if (kind == TCPOPT_SACK)
			for (int b = i + 2; b + 8 <= i + len; b += 4)
				put32(p->opts + b, get32(p->opts + b) + sack_add);
		i += len;
	}
	return ts;
}

/* ---- printing --------------------------------------------------------------- */

static void
pd_opts_print(FILE *f, const struct pd_packet *p)
{
	const char *sep = "";

	fputc('<', f);
	for (int i = 0; i < p->optlen;) {
		const u8 *o = p->opts + i;
		u8 len = o[0] <= TCPOPT_NOP || i + 1 >= p->optlen ? 1 : o[1];

		if (len < 1 || i + len > p->optlen) {
			fprintf(f, "%sbad option", sep);
			break;
		}
		fputs(sep, f);
		sep = ",";
		switch (o[0]) {
		case TCPOPT_EOL: fputs("eol", f); break;
		case TCPOPT_NOP: fputs("nop", f); break;
		case TCPOPT_MSS: fprintf(f, "mss %u", len == 4 ? (o[2] << 8 | o[3]) : 0); break;
		case TCPOPT_WINDOW: fprintf(f, "wscale %u", len == 3 ? o[2] : 0); break;
		case TCPOPT_SACK_PERM: fputs("sackOK", f); break;
		case TCPOPT_SACK:
			fputs("sack", f);
			for (int b = 2; b + 8 <= len; b += 8)
				fprintf(f, " %u:%u", get32(o + b), get32(o + b + 4));
			break;
		case TCPOPT_TIMESTAMP:
			if (len == TCPOLEN_TIMESTAMP)
				fprintf(f, "TS val %u ecr %u", get32(o + 2), get32(o + 6));
			break;
		default:
			fprintf(f, "option %u", o[0]);
			break;
		}
		i += len;
	}
	fputc('>', f);
}

void
pd_packet_print(FILE *f, const struct pd_packet *p)
{
	static const struct { u8 bit; char c; } flags[] = {
		{ TCPHDR_FIN, 'F' }, { TCPHDR_SYN, 'S' }, { TCPHDR_RST, 'R' }, { TCPHDR_PSH, 'P' },
		{ TCPHDR_ACK, '.' }, { TCPHDR_URG, 'U' }, { TCPHDR_ECE, 'E' }, { TCPHDR_CWR, 'W' },
	};

	if (p->proto == PD_PKT_ICMP) {
		const char *t = "?", *c = NULL;

		pd_icmp_name(p->icmp_type, p->icmp_code, &t, &c);
		fprintf(f, "[%u:%u(%u)] icmp %s%s%s", p->seq, p->seq + p->len, p->len, t,
			c ? " " : "", c ? c : "");
		if (p->icmp_mtu >= 0)
			fprintf(f, " mtu %d", p->icmp_mtu);
		return;
	}
	for (size_t i = 0; i < ARRAY_SIZE(flags); i++)	/* tcpdump 4.1.1's order */
		if (p->flags & flags[i].bit)
			fputc(flags[i].c, f);
	fprintf(f, " %u:%u(%u) ", p->seq, p->seq + p->len, p->len);
	if (p->flags & TCPHDR_ACK)
		fprintf(f, "ack %u ", p->ack);
	if (p->win >= 0)
		fprintf(f, "win %d ", p->win);
	if (p->opts_any)
		fputs("<...>", f);
	else if (p->optlen)
		pd_opts_print(f, p);
}

/* "\nscript packet:  0.100000 ..." added to the failure report. */
static void
pd_dump(struct pd_run *r, const char *who, const struct pd_packet *p, ktime_t when)
{
	char buf[400];
	FILE *f = fmemopen(buf, sizeof(buf), "w");

	if (!f)
		return;
	pd_packet_print(f, p);
	fputc('\0', f);
	fclose(f);
	buf[sizeof(buf) - 1] = '\0';
	pd_fail_more(r, "%s packet: %9.6f %s", who, pd_secs(r, when), buf);
}

/* -v: every packet, as packetdrill prints it. */
static void
pd_verbose(struct pd_run *r, const char *what, const struct pd_packet *p, ktime_t when)
{
	if (!r->cfg.verbose)
		return;
	fprintf(r->out, "%s packet: %9.6f ", what, pd_secs(r, when));
	pd_packet_print(r->out, p);
	fputc('\n', r->out);
}

/* ---- the connection under test ---------------------------------------------- */

/*
 * A connect() is in flight and its SYN not yet seen: learn its port and
 * ISN from the first SYN the tap saw for it.
 */
static void
pd_conn_learn(struct pd_run *r)
{
	struct pd_conn *k = &r->conn;

	if (k->known || !r->connect_port)
		return;
	for (struct pd_sniffed *s = r->sniffed; s; s = s->next) {
		const struct iphdr *iph = (const struct iphdr *)s->ip;
		const struct tcphdr *th = (const struct tcphdr *)(s->ip + iph->ihl * 4);

		if (iph->protocol != IPPROTO_TCP || !th->syn || th->ack ||
		    th->dest != r->connect_port)
			continue;
		k->known = true;
		k->passive = false;
		k->lport = th->source;
		k->rport = th->dest;
		k->local_isn_known = true;
		k->local_isn_live = ntohl(th->seq);
		k->local_isn_script = 0;
		return;
	}
}

/* Is the sniffed IPv4 packet @ip one of the connection's? */
static bool
pd_conn_owns(const struct pd_run *r, const u8 *ip)
{
	const struct iphdr *iph = (const struct iphdr *)ip;
	const struct tcphdr *th = (const struct tcphdr *)(ip + iph->ihl * 4);

	return r->conn.known && iph->protocol == IPPROTO_TCP && th->source == r->conn.lport &&
	       th->dest == r->conn.rport;
}

/* ---- inbound ------------------------------------------------------------------ */

/* The local side's offset for an ACK or SACK of the script: live = script + off. */
static u32
pd_local_off(const struct pd_conn *k, bool syn)
{
	return syn ? k->local_isn_live - k->local_isn_script : k->local_isn_live;
}

/* The connection an inbound packet belongs to: 0, or -1 (pd_fail). */
static int
pd_inbound_conn(struct pd_run *r, const struct pd_event *e)
{
	const struct pd_packet *p = &e->pkt;
	struct pd_conn *k = &r->conn;

	if (p->proto == PD_PKT_TCP && (p->flags & TCPHDR_SYN) && !(p->flags & TCPHDR_ACK) &&
	    r->listening) {
		/* A SYN on the listener: a new connection under test. */
		memset(k, 0, sizeof(*k));
		k->known = true;
		k->passive = true;
		k->lport = r->listen_port;
		k->rport = htons(r->next_rport++);
		k->remote_isn = p->seq;
		return 0;
	}
	pd_conn_learn(r);
	if (!k->known) {
		pd_fail(r, e->line, "error handling packet: no matching socket for script packet");
		return -1;
	}
	if (((p->flags & TCPHDR_ACK) || p->proto == PD_PKT_ICMP) && !k->local_isn_known) {
		pd_fail(r, e->line, "error handling packet: the stack's ISN is not known yet "
			"(no SYN or SYN-ACK from it before this packet)");
		return -1;
	}
	return 0;
}

/* The Ethernet and IPv4 headers of a frame to eth0; the IP checksum last. */
static struct iphdr *
pd_frame_headers(struct pd_run *r, u8 *frame, unsigned int ip_len, u8 proto)
{
	struct ethhdr *eth = (struct ethhdr *)frame;
	struct iphdr *iph = (struct iphdr *)(frame + ETH_HLEN);

	memcpy(eth->h_dest, r->dev->dev_addr, ETH_ALEN);
	memcpy(eth->h_source, pd_remote_mac, ETH_ALEN);
	eth->h_proto = htons(PD_ETH_PROTO_IP);
	memset(iph, 0, sizeof(*iph));
	iph->version = 4;
	iph->ihl = 5;
	iph->tot_len = htons(ip_len);
	iph->frag_off = htons(IP_DF);
	iph->ttl = 64;
	iph->protocol = proto;
	iph->saddr = r->cfg.remote_ip;
	iph->daddr = r->cfg.local_ip;
	return iph;
}

/* A TCP `<` packet, its numbers mapped to the live ones. */
static int
pd_inject_tcp(struct pd_run *r, const struct pd_event *e, u8 *frame, unsigned int *len)
{
	struct pd_packet p = e->pkt;
	struct pd_conn *k = &r->conn;
	bool syn = p.flags & TCPHDR_SYN;
	unsigned int hl = sizeof(struct tcphdr) + p.optlen;
	struct iphdr *iph = pd_frame_headers(r, frame, sizeof(*iph) + hl + p.len, IPPROTO_TCP);
	struct tcphdr *th = (struct tcphdr *)(iph + 1);
	u32 ackoff = pd_local_off(k, syn);
	int ts = pd_opts_walk(&p, (p.flags & TCPHDR_ACK) ? ackoff : 0);

	if (ts >= 0 && (p.flags & TCPHDR_ACK) && get32(p.opts + ts + 6)) {
		if (!k->ts_known) {
			pd_fail(r, e->line, "error handling packet: unable to find mapping for "
				"timestamp ecr %u (no TSval sent yet)", get32(p.opts + ts + 6));
			return -1;
		}
		put32(p.opts + ts + 6, k->ts_live0 + (get32(p.opts + ts + 6) - k->ts_script0));
	}
	memset(th, 0, sizeof(*th));
	th->source = k->rport;
	th->dest = k->lport;
	th->seq = htonl(p.seq + (syn ? 0 : k->remote_isn));
	th->ack_seq = (p.flags & TCPHDR_ACK) ? htonl(p.ack + ackoff) : 0;
	th->doff = hl / 4;
	((u8 *)th)[13] = p.flags;
	th->window = htons((u16)p.win);
	memcpy(th + 1, p.opts, p.optlen);
	memset((u8 *)(th + 1) + p.optlen, 0, p.len);
	th->check = csum_tcpudp_magic(iph->saddr, iph->daddr, hl + p.len, IPPROTO_TCP,
				      csum_partial(th, hl + p.len, 0));
	iph->check = ip_fast_csum(iph, iph->ihl);
	*len = ETH_HLEN + sizeof(*iph) + hl + p.len;
	return 0;
}

/* An ICMP error quoting one of the stack's segments: [seq] is local. */
static int
pd_inject_icmp(struct pd_run *r, const struct pd_event *e, u8 *frame, unsigned int *len)
{
	const struct pd_packet *p = &e->pkt;
	const struct pd_conn *k = &r->conn;
	unsigned int body = sizeof(struct icmphdr) + sizeof(struct iphdr) + 8;
	struct iphdr *iph = pd_frame_headers(r, frame, sizeof(*iph) + body, IPPROTO_ICMP);
	struct icmphdr *ic = (struct icmphdr *)(iph + 1);
	struct iphdr *qip = (struct iphdr *)(ic + 1);
	struct tcphdr *qth = (struct tcphdr *)(qip + 1);

	memset(ic, 0, body);
	ic->type = p->icmp_type;
	ic->code = p->icmp_code;
	if (p->icmp_mtu >= 0)
		ic->un.frag.mtu = htons((u16)p->icmp_mtu);
	/* The quoted datagram: the stack's segment, as it left. */
	qip->version = 4;
	qip->ihl = 5;
	qip->tot_len = htons(sizeof(*qip) + sizeof(struct tcphdr) + p->len);
	qip->frag_off = htons(IP_DF);
	qip->ttl = 64;
	qip->protocol = IPPROTO_TCP;
	qip->saddr = r->cfg.local_ip;
	qip->daddr = r->cfg.remote_ip;
	qip->check = ip_fast_csum(qip, qip->ihl);
	qth->source = k->lport;
	qth->dest = k->rport;
	qth->seq = htonl(p->seq + pd_local_off(k, false));
	ic->checksum = csum_fold(csum_partial(ic, body, 0));
	iph->check = ip_fast_csum(iph, iph->ihl);
	*len = ETH_HLEN + sizeof(*iph) + body;
	return 0;
}

int
pd_packet_inject(struct pd_run *r, const struct pd_event *e)
{
	unsigned int len = 0;
	u8 *frame;
	int rc;

	if (pd_inbound_conn(r, e))
		return 1;
	frame = calloc(1, ETH_HLEN + 60 + 60 + PD_MAX_PAYLOAD);
	if (!frame) {
		pd_fail(r, e->line, "error handling packet: out of memory");
		return 1;
	}
	if (e->pkt.proto == PD_PKT_ICMP)
		rc = pd_inject_icmp(r, e, frame, &len);
	else
		rc = pd_inject_tcp(r, e, frame, &len);
	if (!rc) {
		pd_verbose(r, "inbound injected", &e->pkt, r->w->eng.now);
		sim_port_xmit(&r->port, frame, len);
		r->injected++;
		r->injected_at = r->w->eng.now;
	}
	free(frame);
	return rc ? 1 : 0;
}

/* ---- outbound ----------------------------------------------------------------- */

/* Take a sniffed IPv4/TCP packet apart into @l (live numbers). */
static void
pd_live_parse(const struct pd_sniffed *s, struct pd_live *l)
{
	const struct iphdr *iph = (const struct iphdr *)s->ip;
	const struct tcphdr *th = (const struct tcphdr *)(s->ip + iph->ihl * 4);
	unsigned int hl = th->doff * 4;

	memset(l, 0, sizeof(*l));
	l->iph = iph;
	l->th = th;
	l->when = s->when;
	l->payload = (const u8 *)th + hl;
	l->pkt.proto = PD_PKT_TCP;
	l->pkt.flags = tcp_flag_byte(th);
	l->pkt.seq = ntohl(th->seq);
	l->pkt.len = ntohs(iph->tot_len) - iph->ihl * 4 - hl;
	l->pkt.ack = ntohl(th->ack_seq);
	l->pkt.has_ack = th->ack;
	l->pkt.win = ntohs(th->window);
	l->pkt.optlen = hl - sizeof(*th) <= PD_MAX_OPTLEN ? hl - sizeof(*th) : PD_MAX_OPTLEN;
	memcpy(l->pkt.opts, th + 1, l->pkt.optlen);
}

/* Is the sniffed packet sane enough to take apart? (The stack builds them.) */
static bool
pd_sniffed_ok(const struct pd_sniffed *s)
{
	const struct iphdr *iph = (const struct iphdr *)s->ip;
	const struct tcphdr *th;

	if (s->len < sizeof(*iph) + sizeof(*th) || iph->ihl < 5 ||
	    s->len < iph->ihl * 4u + sizeof(*th))
		return false;
	th = (const struct tcphdr *)(s->ip + iph->ihl * 4);
	return th->doff >= 5 && ntohs(iph->tot_len) <= s->len &&
	       ntohs(iph->tot_len) >= iph->ihl * 4u + th->doff * 4u;
}

/* packetdrill's check_field: a message when @actual is not @expected. */
static bool
pd_field(char *why, size_t wl, const char *name, u32 expected, u32 actual)
{
	if (expected == actual)
		return false;
	snprintf(why, wl, "live packet field %s: expected: %u (0x%x) vs actual: %u (0x%x)", name,
		 expected, expected, actual, actual);
	return true;
}

/*
 * The segments after @first that add up to the script's length (not
 * with --strict_segments): how many there are, 0 when more must come
 * first, -1 (@why) when the next does not fit.  *@total is their payload.
 * Their sizes may differ: under TSO the taps see GSO skbs, which
 * tcp_write_xmit cuts wherever cwnd, the window or the size goal ends;
 * only the sequence and the header have to continue.
 */
static int
pd_aggregate(struct pd_run *r, struct pd_sniffed *first, u32 want, struct pd_sniffed **last,
	     u32 *total, char *why, size_t wl)
{
	struct pd_live a, b;
	int n = 1;

	pd_live_parse(first, &a);
	*total = a.pkt.len;
	*last = first;
	for (struct pd_sniffed *s = first->next; *total < want && !r->cfg.strict_segments;
	     s = s->next) {
		if (!s)
			return 0;
		if (!pd_conn_owns(r, s->ip) || !pd_sniffed_ok(s))
			continue;
		pd_live_parse(*last, &a);
		pd_live_parse(s, &b);
		if (b.pkt.seq != a.pkt.seq + a.pkt.len) {
			u32 off = pd_local_off(&r->conn, false);

			snprintf(why, wl, "live packet field tcp_seq: expected: %u (0x%x) vs actual: "
				 "%u (0x%x) (the next segment does not continue %u:%u(%u))",
				 a.pkt.seq + a.pkt.len - off, a.pkt.seq + a.pkt.len - off,
				 b.pkt.seq - off, b.pkt.seq - off, a.pkt.seq - off,
				 a.pkt.seq + a.pkt.len - off, a.pkt.len);
			return -1;
		}
		if ((b.pkt.flags & ~(TCPHDR_PSH | TCPHDR_FIN | TCPHDR_CWR)) !=
		    (a.pkt.flags & ~(TCPHDR_PSH | TCPHDR_FIN | TCPHDR_CWR)) ||
		    b.pkt.ack != a.pkt.ack || b.pkt.win != a.pkt.win) {
			snprintf(why, wl, "aggregate candidate header differs from the segment before "
				 "it (flags, ack or window)");
			return -1;
		}
		*total += b.pkt.len;
		*last = s;
		n++;
	}
	return n;
}

/* The live packet (or aggregate) in the script's numbers. */
static void
pd_live_to_script(struct pd_run *r, const struct pd_event *e, struct pd_live *l,
		  const struct pd_live *last, u32 total)
{
	struct pd_conn *k = &r->conn;
	bool syn = l->pkt.flags & TCPHDR_SYN;
	u32 ackoff = syn ? 0 : k->remote_isn;
	int ts;

	l->pkt.flags = (l->pkt.flags & ~(TCPHDR_PSH | TCPHDR_FIN)) |
		       (last->pkt.flags & (TCPHDR_PSH | TCPHDR_FIN));
	l->pkt.len = total;
	l->pkt.seq -= pd_local_off(k, syn);
	if (l->pkt.flags & TCPHDR_ACK)
		l->pkt.ack -= ackoff;
	ts = pd_opts_walk(&l->pkt, -ackoff);
	if (ts >= 0 && e->pkt.optlen) {
		struct pd_packet sp = e->pkt;
		int sts = pd_opts_walk(&sp, 0);

		if (sts >= 0) {
			u32 live = get32(l->pkt.opts + ts + 2), script = get32(sp.opts + sts + 2);

			if (!k->ts_known) {	/* the baseline of the TSval mapping */
				k->ts_known = true;
				k->ts_live0 = live;
				k->ts_script0 = script;
			}
			put32(l->pkt.opts + ts + 2, k->ts_script0 + (live - k->ts_live0));
		}
	}
}

/* Field by field, in packetdrill's order: true when it all matches, else @why. */
static bool
pd_compare(const struct pd_event *e, const struct pd_live *l, char *why, size_t wl)
{
	const struct pd_packet *sp = &e->pkt;
	const struct pd_packet *ap = &l->pkt;
	unsigned int s_optlen = sp->opts_any ? ap->optlen : sp->optlen;
	const struct iphdr *iph = l->iph;
	const struct tcphdr *th = l->th;

	if (pd_field(why, wl, "ipv4_version", 4, iph->version) ||
	    pd_field(why, wl, "ipv4_protocol", IPPROTO_TCP, iph->protocol) ||
	    pd_field(why, wl, "ipv4_header_length", 5, iph->ihl) ||
	    pd_field(why, wl, "ipv4_total_length", 20 + 20 + s_optlen + sp->len,
		     20 + 20 + ap->optlen + ap->len) ||
	    pd_field(why, wl, "tcp_data_offset", 5 + s_optlen / 4, th->doff) ||
	    pd_field(why, wl, "tcp_fin", !!(sp->flags & TCPHDR_FIN), !!(ap->flags & TCPHDR_FIN)) ||
	    pd_field(why, wl, "tcp_syn", !!(sp->flags & TCPHDR_SYN), !!(ap->flags & TCPHDR_SYN)) ||
	    pd_field(why, wl, "tcp_rst", !!(sp->flags & TCPHDR_RST), !!(ap->flags & TCPHDR_RST)) ||
	    pd_field(why, wl, "tcp_psh", !!(sp->flags & TCPHDR_PSH), !!(ap->flags & TCPHDR_PSH)) ||
	    pd_field(why, wl, "tcp_ack", !!(sp->flags & TCPHDR_ACK), !!(ap->flags & TCPHDR_ACK)) ||
	    pd_field(why, wl, "tcp_urg", 0, !!(ap->flags & TCPHDR_URG)) ||
	    pd_field(why, wl, "tcp_ece", !!(sp->flags & TCPHDR_ECE), !!(ap->flags & TCPHDR_ECE)) ||
	    pd_field(why, wl, "tcp_cwr", !!(sp->flags & TCPHDR_CWR), !!(ap->flags & TCPHDR_CWR)) ||
	    pd_field(why, wl, "tcp_reserved_bits", 0, th->res1) ||
	    pd_field(why, wl, "tcp_seq", sp->seq, ap->seq) ||
	    pd_field(why, wl, "tcp_ack_seq", sp->has_ack ? sp->ack : 0,
		     (ap->flags & TCPHDR_ACK) ? ap->ack : ntohl(th->ack_seq)) ||
	    (sp->win >= 0 && pd_field(why, wl, "tcp_window", (u32)sp->win, (u32)ap->win)) ||
	    pd_field(why, wl, "tcp_urg_ptr", 0, ntohs(th->urg_ptr)))
		return false;
	if (!sp->opts_any && (sp->optlen != ap->optlen || memcmp(sp->opts, ap->opts, sp->optlen))) {
		/* The TSval may differ: packetdrill does not check it by default. */
		struct pd_packet a = *ap, s = *sp;
		int ats = pd_opts_walk(&a, 0), sts = pd_opts_walk(&s, 0);

		if (ats < 0 || sts < 0 || a.optlen != s.optlen ||
		    (memcpy(a.opts + ats + 2, s.opts + sts + 2, 4), memcmp(a.opts, s.opts, s.optlen))) {
			snprintf(why, wl, "bad outbound TCP options");
			return false;
		}
	}
	return true;
}

/* The payload of every segment of the aggregate is zero bytes. */
static bool
pd_payload_zero(struct pd_run *r, struct pd_sniffed *first, struct pd_sniffed *last)
{
	for (struct pd_sniffed *s = first;; s = s->next) {
		if (pd_conn_owns(r, s->ip) && pd_sniffed_ok(s)) {
			struct pd_live l;

			pd_live_parse(s, &l);
			for (u32 i = 0; i < l.pkt.len; i++)
				if (l.payload[i])
					return false;
		}
		if (s == last)
			return true;
	}
}

/* Take the sniffed packets up to and including @last off the queue. */
static void
pd_sniffed_drop(struct pd_run *r, struct pd_sniffed *last)
{
	for (;;) {
		struct pd_sniffed *s = r->sniffed;

		r->sniffed = s->next;
		if (!r->sniffed)
			r->sniffed_tail = &r->sniffed;
		free(s);
		if (s == last)
			return;
	}
}

/* The time check: 0 fine, else @why. */
static bool
pd_time_ok(struct pd_run *r, ktime_t t, char *why, size_t wl)
{
	const struct pd_event *e = &r->s->ev[r->cur];
	s64 tol = r->cfg.tolerance_ns;

	/* ktime_t is unsigned: the window's edges as signed times. */
	if (e->time_type == PD_TIME_ANY ||
	    ((s64)t >= (s64)r->t_start - tol && (s64)t <= (s64)r->t_end + tol))
		return true;
	if (r->t_end != r->t_start)
		snprintf(why, wl, "timing error: expected outbound packet in time range %.6f~%.6f "
			 "sec but happened at %.6f sec", pd_secs(r, r->t_start), pd_secs(r, r->t_end),
			 pd_secs(r, t));
	else
		snprintf(why, wl, "timing error: expected outbound packet at %.6f sec but happened "
			 "at %.6f sec", pd_secs(r, r->t_start), pd_secs(r, t));
	return false;
}

int
pd_packet_expect(struct pd_run *r, const struct pd_event *e)
{
	struct pd_sniffed *first, *last;
	struct pd_live l, lastl;
	char why[PD_ERR_MAX / 2] = "";
	u32 total;
	int n;

	pd_conn_learn(r);
	/* packetdrill's sniffer skips what is not the connection's. */
	while (r->sniffed && (!pd_conn_owns(r, r->sniffed->ip) || !pd_sniffed_ok(r->sniffed)))
		pd_sniffed_drop(r, r->sniffed);
	first = r->sniffed;
	if (!first)
		return 0;
	if ((e->pkt.flags & TCPHDR_SYN) && (e->pkt.flags & TCPHDR_ACK) && r->conn.passive &&
	    !r->conn.local_isn_known) {
		/* The SYN-ACK: the stack's ISN, and what the script calls it. */
		r->conn.local_isn_known = true;
		r->conn.local_isn_live = ntohl(((const struct tcphdr *)(first->ip +
				((const struct iphdr *)first->ip)->ihl * 4))->seq);
		r->conn.local_isn_script = e->pkt.seq;
	} else if ((e->pkt.flags & TCPHDR_SYN) && !(e->pkt.flags & TCPHDR_ACK)) {
		r->conn.local_isn_script = e->pkt.seq;
	}
	n = pd_aggregate(r, first, e->pkt.len, &last, &total, why, sizeof(why));
	if (n == 0)
		return 0;
	pd_live_parse(first, &l);
	pd_live_parse(last, &lastl);
	pd_live_to_script(r, e, &l, &lastl, n > 0 ? total : l.pkt.len);
	if (n > 0) {
		if (pd_compare(e, &l, why, sizeof(why)) &&
		    !pd_payload_zero(r, first, last))
			snprintf(why, sizeof(why), "incorrect outbound data payload");
		else if (!why[0])
			pd_time_ok(r, l.when, why, sizeof(why));
	}
	pd_verbose(r, "outbound sniffed", &l.pkt, l.when);
	if (why[0]) {
		pd_fail(r, e->line, "error handling packet: %s", why);
		pd_dump(r, "script", &e->pkt, r->t_start);
		pd_dump(r, "actual", &l.pkt, l.when);
		return -1;
	}
	pd_sniffed_drop(r, last);
	return 1;
}

/* The report of a `>` that never came. */
void
pd_packet_timeout(struct pd_run *r, const struct pd_event *e)
{
	pd_fail(r, e->line, "error handling packet: Timed out waiting for packet");
	pd_dump(r, "script", &e->pkt, r->t_start);
}
