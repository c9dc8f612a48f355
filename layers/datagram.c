/*
 * layers/datagram.c - copying a received packet out to the user.
 *
 * Mirrors skb_copy_datagram_iovec of net/core/datagram.c (Linux 3.10).
 * A received skb is rarely linear: igb leaves the payload of a full
 * frame in the half page the card wrote it into (a page frag), and GRO
 * strings the frags of many frames onto one skb.  recvmsg() of TCP and
 * UDP reads the bytes wherever they are: the linear part, each frag,
 * each skb of the frag_list.
 *
 * Read before: layers/skbuff.h (frags, frag_list), layers/socket.c
 * (memcpy_toiovec).  Read after: layers/tcp.c (tcp_recvmsg),
 * layers/udp.c (udp_recvmsg).
 *
 * Left out: the rest of datagram.c (skb_recv_datagram and its wait
 * queue: netstep's blocking calls are tasks, sim/task.c; the checksum
 * variants, since every sum is checked before a packet is queued).
 */
#include "layers/skbuff.h"
#include "layers/sock.h"
#include "events/skb.h"

static const char KSRC[] = "net/core/datagram.c";

/* One run of bytes into the iovecs, which advance past it. */
static int
sim_datagram_run(const u8 *from, int len, int pos, void *to)
{
	(void)pos;	/* the iovecs remember where the last run ended */
	return memcpy_toiovec(to, from, len);
}

/**
 * skb_copy_datagram_iovec - copy @size bytes of @from, starting @offset
 * bytes after skb->data, into @to (which is consumed as it fills)
 *
 * @from is not changed and stays the caller's.  0, or -EFAULT when a
 * user buffer is bad or the skb holds fewer bytes.
 */
int
skb_copy_datagram_iovec(const struct sk_buff *from, int offset, struct iovec *to, int size)
{
	trace_skb_copy_datagram_iovec(from, offset, size);
	return sim_skb_walk(from, offset, size, 0, sim_datagram_run, to);
}
