/*
 * sim/pcapng.h - the --pcapng writer: every frame that crosses the
 * student's NIC, each with a comment saying what the stack did with it.
 *
 * No kernel counterpart.  Read sim/pcap.h (the plain --pcap writer)
 * first.  This writer produces pcapng (the format Wireshark saves by
 * default), because only pcapng can carry a comment per frame
 * (Wireshark shows it in the packet details, and tshark as the field
 * frame.comment):
 *
 *   TX skb#12 clone=no queue=1 slot=3 len=98 | route 10.0.1.2 via 10.0.0.1 dev eth0 | neigh 10.0.0.1 REACHABLE
 *   RX skb#40 clone=no queue=0 slot=7 len=98 | route 10.0.0.2/32 dev eth0 (local) | neigh none
 *
 * libpcap 1.10 can only write classic pcap, which has no comments, so
 * the three block types needed (Section Header, Interface Description,
 * Enhanced Packet with opt_comment and epb_flags) are written here.
 *
 * The comment comes from the trace event stream, not from the model:
 * the writer subscribes a trace sink and remembers what igb_tx_map,
 * ip_finish_output2, the neighbour output functions and the card's
 * descriptor fetch reported for each TX ring slot (and, for RX, what the
 * card's write-back and igb_fetch_rx_buffer reported), so no layer knows
 * it is being watched.  An RX frame is written once the driver has
 * taken it from the ring (at the end of igb_clean_rx_irq), so frames
 * stay in wire order behind it.
 *
 * "-" writes to stdout, flushed block by block, for a live view:
 *   netstep --wire tap ... --pcapng - | wireshark -k -i -
 */
#ifndef NETSTEP_SIM_PCAPNG_H
#define NETSTEP_SIM_PCAPNG_H

#include "kernel/trace.h"
#include "sim/host.h"
#include "sim/wire.h"

#include <stdio.h>

struct sim_pcapng;

/* pcapng block types and option codes (draft-ietf-opsawg-pcapng). */
#define PCAPNG_BT_SHB		0x0A0D0D0AU	/* Section Header Block */
#define PCAPNG_BT_IDB		0x00000001U	/* Interface Description Block */
#define PCAPNG_BT_EPB		0x00000006U	/* Enhanced Packet Block */
#define PCAPNG_BYTE_ORDER_MAGIC	0x1A2B3C4DU
#define PCAPNG_OPT_ENDOFOPT	0
#define PCAPNG_OPT_COMMENT	1
#define PCAPNG_OPT_SHB_USERAPPL	4
#define PCAPNG_OPT_IF_NAME	2
#define PCAPNG_OPT_IF_TSRESOL	9
#define PCAPNG_OPT_EPB_FLAGS	2
#define PCAPNG_LINKTYPE_ETHERNET 1
#define PCAPNG_EPB_INBOUND	1	/* epb_flags bits 0-1: direction */
#define PCAPNG_EPB_OUTBOUND	2

#define PCAPNG_COMMENT_MAX	384
#define PCAPNG_MAX_PENDING	4096	/* RX frames waiting for the driver */

/* NULL on failure, with the reason in @err.  "-" is stdout. */
struct sim_pcapng *sim_pcapng_open(const char *path, char *err, size_t errlen);
/* Write to an open stream (tests); @f is not closed by sim_pcapng_close. */
struct sim_pcapng *sim_pcapng_fopen(FILE *f, char *err, size_t errlen);
/*
 * Watch @port (the NIC of @net) and subscribe to @tr for the comments.
 * The Interface Description Block is written here, named after @port.
 * 0 or -Exxx.  One port per writer.
 */
int sim_pcapng_attach(struct sim_pcapng *pc, struct trace *tr, struct net *net,
		      struct sim_port *port);
/* Added to virtual time in the timestamps: SIM_CAPTURE_EPOCH_NS (sim/pcap.h)
 * unless set; the TAP wire sets the wall-clock epoch. */
void sim_pcapng_set_time_offset(struct sim_pcapng *pc, ktime_t offset_ns);
unsigned long sim_pcapng_frames(const struct sim_pcapng *pc);
/* Write what is still pending, unsubscribe, close.  0, or -errno of the
 * first write (or the close) that failed. */
int sim_pcapng_close(struct sim_pcapng *pc);

#endif
