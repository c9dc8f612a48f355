/*
 * tools/tcpdump.h - tcpdump's one-line packet printer (tools/tcpdump_print.c),
 * apart from the command (tools/tcpdump.c) so that tests can feed it
 * frames and compare lines.
 *
 * No kernel counterpart: this is the user-space program.  The lines are
 * those of tcpdump 4.99 run as `tcpdump -n`, written fresh from its
 * output: a timestamp, then ARP, IPv4 with ICMP, UDP and TCP decoded.
 */
#ifndef NETSTEP_TOOLS_TCPDUMP_H
#define NETSTEP_TOOLS_TCPDUMP_H

#include "kernel/types.h"

#include <stddef.h>

/* TCP conversations whose first sequence numbers a capture remembers. */
#define TOOL_TCPDUMP_CONVS	64
/* The longest line (a TCP segment with every option is about 250). */
#define TOOL_TCPDUMP_LINE	512

/*
 * One TCP conversation, both directions under one key, as tcpdump keys
 * it: the side with the lower port (then the lower address) is "src".
 * seq and ack are what tcpdump subtracts to print relative numbers.
 */
struct tool_tcpdump_conv {
	__be32 src, dst;		/* addresses, in the key's order */
	u32 ports;			/* src port << 16 | dst port */
	u32 seq, ack;			/* the first numbers seen, src's and dst's */
	bool used;
};

/* A printer's memory: what one capture has seen of each conversation. */
struct tool_tcpdump_printer {
	struct tool_tcpdump_conv conv[TOOL_TCPDUMP_CONVS];
	unsigned int next;		/* the slot a new conversation takes */
};

/*
 * Format @frame (@len bytes from the Ethernet header, seen at @ts ns
 * since 1970) as tcpdump prints it, without the newline, into @buf.
 */
void tool_tcpdump_format(struct tool_tcpdump_printer *p, ktime_t ts, const u8 *frame,
			 unsigned int len, char *buf, size_t size);

#endif
