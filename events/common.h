/*
 * events/common.h - the event classes that several subsystems share
 * (DECLARE_EVENT_CLASS, kernel/trace_event.h).  A class that one
 * subsystem uses, or one subsystem and those built on it, lives in that
 * subsystem's header (netdev in events/net.h, skb_len in events/ip.h);
 * these have no better home.  No event is declared here, and all.h
 * reads this header first.
 *
 * Most of these classes take the host and the skb (NULL for none) first:
 * an event hands them over from its own arguments in TP_ARGS, and a note
 * whose reason word never changes gives it there too:
 *
 *	DEFINE_NOTE_EVENT(reason, ip_drop, "net/ipv4/ip_output.c",
 *		TP_PROTO(const struct sk_buff *skb, const char *reason),
 *		TP_ARGS(skb->host, skb, reason))
 *	DEFINE_NOTE_EVENT(reason, udp_err_no_socket, "net/ipv4/udp.c",
 *		TP_PROTO(const struct sk_buff *skb), TP_ARGS(skb->host, skb, "no_socket"))
 */
#if !defined(NETSTEP_EVENTS_COMMON_H) || defined(TRACE_HEADER_MULTI_READ)
#define NETSTEP_EVENTS_COMMON_H

#undef TRACE_SYSTEM
#define TRACE_SYSTEM common

#include "kernel/trace_event.h"
#include "layers/ip.h"
#include "layers/sock.h"

#include <netinet/in.h>

/* ---- any subsystem ---------------------------------------------------------- */

/* An event that prints no field: the host and the skb (NULL for none)
 * say all there is (an init or exit, a step with nothing to show). */
DECLARE_EVENT_CLASS(no_fields,
	TP_PROTO(const struct net *net, const struct sk_buff *skb),
	TP_HOST(net),
	TP_SKB(skb),
	TP_STRUCT(),
	TP_ASSIGN(
		(void)__entry;))

/* ---- notes that say why ------------------------------------------------------ */

/*
 * reason=WORD, alone or with the one number that explains it; @skb is the
 * packet the note is about (NULL for none).  The word stays a string, not
 * an enum: some seventy of them, most said by one note (its comment lists
 * them), which readers print (sim/pcapng.c finds such a note by its
 * field's name) and only a few tests compare.
 */

/* The reason alone: reason=no_socket. */
DECLARE_EVENT_CLASS(reason,
	TP_PROTO(const struct net *net, const struct sk_buff *skb, const char *reason),
	TP_HOST(net),
	TP_SKB(skb),
	TP_STRUCT(
		tp_str(reason)),
	TP_ASSIGN(
		__entry->reason = reason;))

/* With the error code that comes with it: reason=no_route err=-101. */
DECLARE_EVENT_CLASS(reason_err,
	TP_PROTO(const struct net *net, const struct sk_buff *skb, const char *reason, int err),
	TP_HOST(net),
	TP_SKB(skb),
	TP_STRUCT(
		tp_str(reason)
		tp_s32(err)),
	TP_ASSIGN(
		__entry->reason = reason;
		__entry->err = err;))

/* With the length of the packet refused: reason=runt len=12. */
DECLARE_EVENT_CLASS(reason_len,
	TP_PROTO(const struct net *net, const struct sk_buff *skb, const char *reason,
		 unsigned int len),
	TP_HOST(net),
	TP_SKB(skb),
	TP_STRUCT(
		tp_str(reason)
		tp_u32(len)),
	TP_ASSIGN(
		__entry->reason = reason;
		__entry->len = len;))

/* With the IP protocol nobody handles: reason=unknown_protocol protocol=47. */
DECLARE_EVENT_CLASS(reason_protocol,
	TP_PROTO(const struct net *net, const struct sk_buff *skb, const char *reason,
		 u8 protocol),
	TP_HOST(net),
	TP_SKB(skb),
	TP_STRUCT(
		tp_str(reason)
		tp_u8(protocol)),
	TP_ASSIGN(
		__entry->reason = reason;
		__entry->protocol = protocol;))

/* With the local port it is about: reason=port_in_use port=5000. */
DECLARE_EVENT_CLASS(reason_port,
	TP_PROTO(const struct net *net, const struct sk_buff *skb, const char *reason, u16 port),
	TP_HOST(net),
	TP_SKB(skb),
	TP_STRUCT(
		tp_str(reason)
		tp_u16(port)),
	TP_ASSIGN(
		__entry->reason = reason;
		__entry->port = port;))

/* With the packet's destination port: reason=no_socket dport=7. */
DECLARE_EVENT_CLASS(reason_dport,
	TP_PROTO(const struct net *net, const struct sk_buff *skb, const char *reason, u16 dport),
	TP_HOST(net),
	TP_SKB(skb),
	TP_STRUCT(
		tp_str(reason)
		tp_u16(dport)),
	TP_ASSIGN(
		__entry->reason = reason;
		__entry->dport = dport;))

/* ---- TCP's (events/tcp.h) and UDP's (events/udp.h) alike ------------------------ */

/* struct proto's get_port: @snum is the port asked for, 0 for any. */
DECLARE_EVENT_CLASS(proto_get_port,
	TP_PROTO(const struct sock *sk, unsigned short snum),
	TP_HOST(sock_net(sk)),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_u16(snum)),
	TP_ASSIGN(
		__entry->snum = snum;))

/* struct proto's connect: the address connect() was given. */
DECLARE_EVENT_CLASS(proto_connect,
	TP_PROTO(const struct sock *sk, const struct sockaddr_in *usin),
	TP_HOST(sock_net(sk)),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_ip4(daddr)
		tp_u16(dport)),
	TP_ASSIGN(
		__entry->daddr = usin->sin_addr.s_addr;
		__entry->dport = ntohs(usin->sin_port);))

/* The checksum the protocol wrote into its header (@check as the header
 * holds it, in network order). */
DECLARE_EVENT_CLASS(proto_csum,
	TP_PROTO(const struct net *net, const struct sk_buff *skb, __sum16 check),
	TP_HOST(net),
	TP_SKB(skb),
	TP_STRUCT(
		tp_x32w(check, 4)),
	TP_ASSIGN(
		__entry->check = ntohs(check);))

/* An ICMP error handed to the protocol of the packet it quotes (struct
 * net_protocol's err_handler): the error's type, code and info. */
DECLARE_EVENT_CLASS(proto_err,
	TP_PROTO(const struct net *net, const struct sk_buff *skb, u32 info),
	TP_HOST(net),
	TP_SKB(skb),
	TP_STRUCT(
		tp_u8(type)
		tp_u8(code)
		tp_u32(info)),
	TP_ASSIGN(
		__entry->type = icmp_hdr(skb)->type;
		__entry->code = icmp_hdr(skb)->code;
		__entry->info = info;))

#endif
