/*
 * layers/ip_sockglue.c - the IP level of a socket: its SOL_IP options
 * and its error queue.
 *
 * Mirrors net/ipv4/ip_sockglue.c (Linux 3.10).  With IP_RECVERR set (as
 * ping sets it), an ICMP error about one of the socket's packets does
 * not only set sk_err: ip_icmp_error queues a clone of it on
 * sk_error_queue, remembering the errno, the ICMP type and code and
 * where in the quoted header the destination was.  recvmsg with
 * MSG_ERRQUEUE (ip_recv_error) gives back the quoted packet's payload
 * (for a ping, the echo request with its id and sequence), the quoted
 * destination as msg_name, and an IP_RECVERR control message: struct
 * sock_extended_err followed by the address of the host that sent the
 * error (SO_EE_OFFENDER).
 *
 * Read before: layers/raw.c (raw_err calls ip_icmp_error).  Read after:
 * tools/ping.c (receive_error_msg reads it).
 *
 * Left out: every option but IP_RECVERR and IP_MTU_DISCOVER (IP_TTL,
 * IP_TOS, IP_PKTINFO, IP_OPTIONS, multicast ...), ip_local_error (the
 * reports of errors found before sending: datagrams over 64 KiB) and
 * the control messages other than IP_RECVERR.
 */
#include "layers/sock.h"
#include "layers/ip.h"
#include "layers/net_namespace.h"
#include "kernel/trace.h"
#include "events/raw.h"

#include <string.h>

static const char KSRC[] = "net/ipv4/ip_sockglue.c";

_Static_assert(sizeof(struct inet_skb_parm) <= sizeof(((struct sock_exterr_skb *)0)->header),
	       "the error report must not overwrite IPCB");
_Static_assert(sizeof(struct sock_exterr_skb) <= sizeof(((struct sk_buff *)0)->cb),
	       "struct sock_exterr_skb lives in skb->cb");

/**
 * ip_setsockopt - setsockopt(SOL_IP, ...)
 *
 * IP_RECVERR (0 or 1; turning it off drops the reports queued) and
 * IP_MTU_DISCOVER (IP_PMTUDISC_DONT .. _PROBE).  0, -EINVAL,
 * -ENOPROTOOPT.  KERNEL: do_ip_setsockopt also takes a one-byte value.
 */
int
ip_setsockopt(struct sock *sk, int level, int optname, const void *optval, int optlen)
{
	struct inet_sock *inet = inet_sk(sk);
	int val = 0;

	if (optval && optlen >= (int)sizeof(int))
		memcpy(&val, optval, sizeof(val));
	trace_ip_setsockopt(sk, level, optname, val);
	if (level != SOL_IP)
		return -ENOPROTOOPT;
	if (!optval || optlen < (int)sizeof(int))
		return -EINVAL;
	switch (optname) {
	case IP_RECVERR:
		inet->recverr = !!val;
		if (!val)
			__skb_queue_purge(&sk->sk_error_queue);
		return 0;
	case IP_MTU_DISCOVER:
		if (val < IP_PMTUDISC_DONT || val > IP_PMTUDISC_PROBE)
			return -EINVAL;
		inet->pmtudisc = (u8)val;
		return 0;
	default:
		return -ENOPROTOOPT;
	}
}

/**
 * ip_icmp_error - queue the ICMP error @skb on @sk's error queue
 * @err: the errno it means (EHOSTUNREACH, EMSGSIZE ...)
 * @port: the quoted destination port (0 for ICMP)
 * @info: the MTU of "fragmentation needed", else what the error carried
 * @payload: where in @skb the quoted transport header starts: what
 *	recvmsg(MSG_ERRQUEUE) returns as data
 *
 * A clone is queued; @skb stays the caller's.
 */
void
ip_icmp_error(struct sock *sk, struct sk_buff *skb, int err, __be16 port, u32 info,
	      u8 *payload)
{
	struct sock_exterr_skb *serr;

	trace_ip_icmp_error(sk, skb, err, info);
	skb = skb_clone(skb);
	if (!skb)
		return;
	serr = SKB_EXT_ERR(skb);
	serr->ee.ee_errno = err;
	serr->ee.ee_origin = SO_EE_ORIGIN_ICMP;
	serr->ee.ee_type = icmp_hdr(skb)->type;
	serr->ee.ee_code = icmp_hdr(skb)->code;
	serr->ee.ee_pad = 0;
	serr->ee.ee_info = info;
	serr->ee.ee_data = 0;
	/* The quoted header follows the ICMP one. */
	serr->addr_offset = (u16)((u8 *)&((struct iphdr *)(icmp_hdr(skb) + 1))->daddr -
				  skb_network_header(skb));
	serr->port = port;
	skb_pull(skb, payload - skb->data);
	skb_reset_transport_header(skb);
	if (sock_queue_err_skb(sk, skb) == 0)
		return;
	kfree_skb(skb);
}

/**
 * ip_recv_error - recvmsg(MSG_ERRQUEUE): the next error report
 * @len: room in the user's buffer
 * @addr_len: set to the length of msg_name when it is filled
 *
 * Copies the quoted payload, names the quoted destination in msg_name,
 * adds the IP_RECVERR control message (the error and, for an ICMP error,
 * who sent it), sets MSG_ERRQUEUE.  The next report, if any, becomes
 * the socket's pending error again.  Returns the bytes copied or -EAGAIN
 * (no report).
 */
int
ip_recv_error(struct sock *sk, struct msghdr *msg, int len, int *addr_len)
{
	struct sock_exterr_skb *serr;
	struct sk_buff *skb, *skb2;
	struct sockaddr_in *sin;
	struct {
		struct sock_extended_err ee;
		struct sockaddr_in offender;
	} errhdr;
	int copied, err;

	trace_ip_recv_error(sk, len);
	skb = __skb_dequeue(&sk->sk_error_queue);
	if (!skb)
		return -EAGAIN;
	copied = (int)skb->len;
	if (copied > len) {
		msg->msg_flags |= MSG_TRUNC;
		copied = len;
	}
	err = memcpy_toiovec(msg->msg_iov, skb->data, copied);
	if (err)
		goto out_free_skb;

	serr = SKB_EXT_ERR(skb);
	sin = msg->msg_name;
	if (sin) {
		memset(sin, 0, sizeof(*sin));
		sin->sin_family = AF_INET;
		memcpy(&sin->sin_addr.s_addr, skb_network_header(skb) + serr->addr_offset,
		       sizeof(sin->sin_addr.s_addr));
		sin->sin_port = serr->port;
		*addr_len = sizeof(*sin);
	}
	memcpy(&errhdr.ee, &serr->ee, sizeof(errhdr.ee));
	sin = &errhdr.offender;
	memset(sin, 0, sizeof(*sin));
	if (serr->ee.ee_origin == SO_EE_ORIGIN_ICMP) {
		sin->sin_family = AF_INET;
		sin->sin_addr.s_addr = ip_hdr(skb)->saddr;
	}
	put_cmsg(msg, SOL_IP, IP_RECVERR, sizeof(errhdr), &errhdr);
	msg->msg_flags |= MSG_ERRQUEUE;
	err = copied;

	/* The next report is the socket's error now. */
	sk->sk_err = 0;
	skb2 = skb_peek(&sk->sk_error_queue);
	if (skb2) {
		sk->sk_err = (int)SKB_EXT_ERR(skb2)->ee.ee_errno;
		sk->sk_error_report(sk);
	}
out_free_skb:
	kfree_skb(skb);
	return err;
}
