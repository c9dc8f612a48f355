/*
 * layers/syncookies.c - SYN cookies: answering a SYN without keeping
 * anything, when the listener's SYN queue is full.
 *
 * Mirrors net/ipv4/syncookies.c (Linux 3.10.108), with tcp_synq_overflow
 * and tcp_synq_no_recent_overflow from include/net/tcp.h:
 *
 *   tcp_v4_conn_request, queue full (tcp_syn_flood_action says cookies)
 *     -> cookie_v4_init_sequence: the SYN-ACK's sequence number encodes
 *        the connection; the request_sock is freed once it is sent
 *   the handshake's ACK finds no request: tcp_v4_hnd_req
 *     -> cookie_v4_check: ack_seq - 1 must be a cookie we made in the
 *        last four minutes for this 4-tuple; then a request_sock is
 *        rebuilt from it and the child made as for any handshake.
 *
 * The cookie [D. J. Bernstein, 1996; RFC 4987 3.6]:
 *   hash(key 0, tuple) + peer's ISN + (minutes << 24)
 *     + ((hash(key 1, tuple, minutes) + MSS index) mod 2^24)
 * The top 8 bits carry the minute counter (jiffies / 60 s), the low 24
 * a keyed hash plus the index of the peer's MSS in msstab; nobody who
 * does not know the keys can make one, and checking needs no state.
 * The hash is 3.10's: one SHA-1 block (kernel/sha1.c) over the tuple and
 * a per-host secret, the secret also standing in for SHA-1's start.
 * Window scale and SACK, which a cookie cannot hold, ride in the low 6
 * bits of our timestamp (cookie_init_timestamp), if the peer sent one.
 *
 * Read before: layers/tcp_ipv4.c (tcp_v4_conn_request).  Read after:
 * layers/tcp_minisocks.c (tcp_create_openreq_child).
 *
 * KERNEL: the secret is drawn from the host's deterministic PRNG at the
 * first cookie (so runs without a flood draw nothing more); no ECN (the
 * ECN bit of the timestamp is always 0), no IP options copied from the
 * ACK, no LSM hook; the SYN-ACK is not resent (nothing is kept).
 */
#include "layers/tcp.h"
#include "layers/route.h"
#include "events/tcp.h"

#include <stdlib.h>
#include <string.h>

#include <openssl/evp.h>
#include <openssl/sha.h>

static const char KSRC[] = "net/ipv4/syncookies.c";

/* Timestamps: the low TSBITS bits carry the SYN's options. */
#define TSBITS		6
#define TSMASK		(((u32)1 << TSBITS) - 1)

/* The low COOKIEBITS bits are the hash and MSS index, the rest the minutes. */
#define COOKIEBITS	24
#define COOKIEMASK	(((u32)1 << COOKIEBITS) - 1)

/* How many minutes old a cookie may be (3.10's hard-coded "maxdiff"). */
#define COUNTER_TRIES	4

/*
 * The MSS values a cookie can say (3 bits: the index), sorted; from the
 * 2009 measurement 3.10 cites: 1440..1460 cover most peers, below 536
 * and above 1460 are rare.  A peer's MSS is rounded down to one of these.
 */
static const u16 msstab[] = { 64, 512, 536, 1024, 1440, 1460, 4312, 8960 };

/* tcp_synq_overflow: remember when the listener last sent a cookie. */
static inline void
tcp_synq_overflow(struct sock *sk)
{
	tcp_sk(sk)->rx_opt.ts_recent_stamp = (long)sim_host_jiffies(sock_net(sk));
}

/* tcp_synq_no_recent_overflow: no cookie sent in the last 3 s, so no
 * ACK can be the answer to one. */
static inline bool
tcp_synq_no_recent_overflow(const struct sock *sk)
{
	unsigned long last = (unsigned long)tcp_sk(sk)->rx_opt.ts_recent_stamp;

	return time_after(sim_host_jiffies(sock_net(sk)), last + TCP_TIMEOUT_FALLBACK);
}

/* The host's two cookie keys, drawn at the first use (init_syncookies). */
static u32 *
sim_syncookie_secret(struct net *net, int c)
{
	struct inet_hashinfo *h = net->tcp_hashinfo;

	if (!h->syncookie_secret_set) {
		for (int k = 0; k < 2; k++)
			for (size_t i = 0; i < ARRAY_SIZE(h->syncookie_secret[k]); i++)
				h->syncookie_secret[k][i] = sim_random(net->eng);
		h->syncookie_secret_set = true;
	}
	return h->syncookie_secret[c];
}

/*
 * cookie_hash - a keyed SHA-1 over (saddr, daddr, ports, count) and key
 * @c.  Returns a word of the digest.  Addresses and ports are hashed as
 * they sit in the header (network order).
 * KERNEL: 3.10 folds one unpadded 64-byte block into a digest seeded
 * with five key words (lib/sha1.c's sha_transform); netstep hashes the
 * same words (key included) with libcrypto's SHA-1.  The cookie's
 * layout, which is what a student can see, is 3.10's.
 */
static u32
cookie_hash(struct net *net, __be32 saddr, __be32 daddr, __be16 sport, __be16 dport,
	    u32 count, int c)
{
	const u32 *secret = sim_syncookie_secret(net, c);
	u32 block[4 + SIM_SYNCOOKIE_SECRET_WORDS], digest[SHA_DIGEST_LENGTH / 4];

	block[0] = (u32)saddr;
	block[1] = (u32)daddr;
	block[2] = ((u32)sport << 16) + (u32)dport;
	block[3] = count;
	memcpy(block + 4, secret, SIM_SYNCOOKIE_SECRET_WORDS * sizeof(u32));
	if (!EVP_Digest(block, sizeof(block), (unsigned char *)digest, NULL, EVP_sha1(), NULL))
		return 0;	/* no libcrypto: every cookie fails its check */
	return digest[1];
}

/* secure_tcp_syn_cookie: the cookie for the peer's ISN @sseq, minute @count. */
static u32
secure_tcp_syn_cookie(struct net *net, __be32 saddr, __be32 daddr, __be16 sport,
		      __be16 dport, u32 sseq, u32 count, u32 data)
{
	return cookie_hash(net, saddr, daddr, sport, dport, 0, 0) + sseq + (count << COOKIEBITS) +
	       ((cookie_hash(net, saddr, daddr, sport, dport, count, 1) + data) & COOKIEMASK);
}

/*
 * check_tcp_syn_cookie: undo secure_tcp_syn_cookie.  Returns the data
 * (the MSS index) if the cookie's minute is less than @maxdiff minutes
 * before @count, else (u32)-1.  A forged cookie gives some data too:
 * the caller refuses an index outside msstab, so a guess passes with
 * odds of 8 in 2^24 per minute tried.
 */
static u32
check_tcp_syn_cookie(struct net *net, u32 cookie, __be32 saddr, __be32 daddr, __be16 sport,
		     __be16 dport, u32 sseq, u32 count, u32 maxdiff)
{
	u32 diff;

	cookie -= cookie_hash(net, saddr, daddr, sport, dport, 0, 0) + sseq;
	diff = (count - (cookie >> COOKIEBITS)) & ((u32)-1 >> COOKIEBITS);
	if (diff >= maxdiff)
		return (u32)-1;
	return (cookie - cookie_hash(net, saddr, daddr, sport, dport, count - diff, 1)) &
	       COOKIEMASK;
}

/* The minute counter of a cookie made or checked now. */
static u32
sim_cookie_minutes(const struct net *net)
{
	return (u32)(sim_host_jiffies(net) / (HZ * 60));
}

/**
 * cookie_v4_init_sequence - the SYN cookie answering SYN @skb on listener @sk
 * @mssp: in, the peer's MSS; out, that MSS rounded down to msstab
 *
 * Returns the sequence number of our SYN-ACK.  Counts SyncookiesSent
 * and marks the listener as having overflowed just now.
 */
u32
cookie_v4_init_sequence(struct sock *sk, struct sk_buff *skb, u16 *mssp)
{
	const struct iphdr *iph = ip_hdr(skb);
	const struct tcphdr *th = tcp_hdr(skb);
	struct net *net = sock_net(sk);
	int mssind;
	u32 isn;

	trace_cookie_v4_init_sequence(sk, skb, *mssp);
	tcp_synq_overflow(sk);
	for (mssind = ARRAY_SIZE(msstab) - 1; mssind; mssind--)
		if (*mssp >= msstab[mssind])
			break;
	*mssp = msstab[mssind];
	NET_INC_STATS(net, LINUX_MIB_SYNCOOKIESSENT);
	isn = secure_tcp_syn_cookie(net, iph->saddr, iph->daddr, th->source, th->dest,
				    ntohl(th->seq), sim_cookie_minutes(net), (u32)mssind);
	trace_tcp_syncookie_isn(net, isn);
	return isn;
}

/* cookie_check: the MSS the ACK's cookie encodes, or 0 if it is none of ours. */
static inline int
cookie_check(struct sk_buff *skb, u32 cookie)
{
	const struct iphdr *iph = ip_hdr(skb);
	const struct tcphdr *th = tcp_hdr(skb);
	struct net *net = skb->host;
	u32 mssind = check_tcp_syn_cookie(net, cookie, iph->saddr, iph->daddr, th->source,
					  th->dest, ntohl(th->seq) - 1, sim_cookie_minutes(net),
					  COUNTER_TRIES);

	return mssind < ARRAY_SIZE(msstab) ? msstab[mssind] : 0;
}

/**
 * cookie_init_timestamp - our TSval for a cookie's SYN-ACK: now, with
 * the low 6 bits replaced by the SYN's options (window scale, 0xf for
 * none; SACK in bit 4; ECN in bit 5), and never ahead of now, so the
 * peer's PAWS check still sees time moving forward.
 */
u32
cookie_init_timestamp(struct sock *sk, const struct request_sock *req)
{
	u32 now = tcp_time_stamp(sk);
	u32 options = req->wscale_ok ? req->snd_wscale : 0xf;
	u32 ts;

	options |= (u32)req->sack_ok << 4;
	ts = (now & ~TSMASK) | options;
	if (ts > now) {
		ts >>= TSBITS;
		ts--;
		ts <<= TSBITS;
		ts |= options;
	}
	return ts;
}

/*
 * cookie_check_timestamp: the SYN's options back from the TSecr the ACK
 * echoes.  No timestamp: no options at all.  False if it claims an
 * option this host has switched off (or ECN, which netstep lacks).
 */
static bool
cookie_check_timestamp(struct tcp_options_received *tcp_opt, const struct inet_hashinfo *h)
{
	u32 options = tcp_opt->rcv_tsecr & TSMASK;

	if (!tcp_opt->saw_tstamp) {
		tcp_opt->tstamp_ok = tcp_opt->sack_ok = tcp_opt->wscale_ok = 0;
		tcp_opt->snd_wscale = 0;
		return true;
	}
	if (!h->sysctl_tcp_timestamps)
		return false;
	tcp_opt->sack_ok = (options >> 4) & 1;
	if ((options >> 5) & 1)
		return false;		/* ECN: net.ipv4.tcp_ecn is 0 here */
	if (tcp_opt->sack_ok && !h->sysctl_tcp_sack)
		return false;
	if ((options & 0xf) == 0xf)
		return true;		/* no window scaling */
	tcp_opt->wscale_ok = 1;
	tcp_opt->snd_wscale = options & 0xf;
	return h->sysctl_tcp_window_scaling != 0;
}

/* get_cookie_sock: the child, on the accept queue; or NULL (req freed). */
static inline struct sock *
get_cookie_sock(struct sock *sk, struct sk_buff *skb, struct request_sock *req)
{
	struct sock *child = tcp_v4_syn_recv_sock(sk, skb, req, NULL);

	if (child)
		inet_csk_reqsk_queue_add(sk, req, child);
	free(req);
	return child;
}

/**
 * cookie_v4_check - an ACK reached listener @sk with no request behind it:
 * is it the answer to one of our cookies?
 *
 * Returns the child (the connection, rebuilt from the cookie and the
 * ACK's options), @sk (not a cookie: the listener answers it, with a RST
 * for an ACK), or NULL (a cookie, but no child could be made: dropped).
 * Counts SyncookiesRecv or SyncookiesFailed.
 */
struct sock *
cookie_v4_check(struct sock *sk, struct sk_buff *skb)
{
	struct net *net = sock_net(sk);
	struct inet_hashinfo *h = net->tcp_hashinfo;
	const struct tcphdr *th = tcp_hdr(skb);
	u32 cookie = ntohl(th->ack_seq) - 1;
	struct tcp_options_received tcp_opt;
	struct request_sock *req;
	struct flowi4 fl4;
	struct rtable *rt;
	u8 rcv_wscale = 0;
	int mss;

	trace_cookie_v4_check(sk, skb);
	if (!h->sysctl_tcp_syncookies || !th->ack || th->rst)
		return sk;
	if (tcp_synq_no_recent_overflow(sk)) {
		trace_tcp_syncookie_reject(sk, skb, "no_recent_overflow");
		NET_INC_STATS(net, LINUX_MIB_SYNCOOKIESFAILED);
		return sk;
	}
	mss = cookie_check(skb, cookie);
	if (!mss) {
		trace_tcp_syncookie_reject(sk, skb, "bad_cookie");
		NET_INC_STATS(net, LINUX_MIB_SYNCOOKIESFAILED);
		return sk;
	}
	NET_INC_STATS(net, LINUX_MIB_SYNCOOKIESRECV);

	memset(&tcp_opt, 0, sizeof(tcp_opt));
	tcp_parse_options(skb, &tcp_opt, 0);
	if (!cookie_check_timestamp(&tcp_opt, h)) {
		trace_tcp_syncookie_reject(sk, skb, "bad_options");
		return sk;
	}

	req = calloc(1, sizeof(*req));
	if (!req)
		return NULL;
	INIT_LIST_HEAD(&req->node);
	req->rcv_isn = ntohl(th->seq) - 1;
	req->snt_isn = cookie;
	req->mss = (u16)mss;
	req->loc_port = th->dest;
	req->rmt_port = th->source;
	req->loc_addr = ip_hdr(skb)->daddr;
	req->rmt_addr = ip_hdr(skb)->saddr;
	req->snd_wscale = tcp_opt.snd_wscale;
	req->sack_ok = tcp_opt.sack_ok;
	req->wscale_ok = tcp_opt.wscale_ok;
	req->tstamp_ok = tcp_opt.saw_tstamp;
	req->ts_recent = tcp_opt.saw_tstamp ? tcp_opt.rcv_tsval : 0;
	/* The SYN-ACK's time comes back in TSecr; without it, no RTT sample. */
	req->snt_synack = tcp_opt.saw_tstamp ? tcp_opt.rcv_tsecr : 0;

	/* Redo what tcp_v4_conn_request did for the window we offered. */
	rt = ip_route_output_ports(net, &fl4, sk, req->rmt_addr, req->loc_addr, req->rmt_port,
				   req->loc_port, IPPROTO_TCP, inet_sk(sk)->tos, 0);
	if (IS_ERR(rt)) {
		free(req);
		return NULL;
	}
	req->window_clamp = tcp_sk(sk)->window_clamp;
	tcp_select_initial_window(tcp_full_space(sk), req->mss, &req->rcv_wnd, &req->window_clamp,
				  req->wscale_ok, &rcv_wscale, 0);
	req->rcv_wscale = rcv_wscale;
	return get_cookie_sock(sk, skb, req);
}
