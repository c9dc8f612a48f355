/*
 * sim/wire.c - links between card ports, with rate, delay, MTU and loss.
 *
 * No kernel counterpart: this is the cable (and, for the TAP wire of a
 * later issue, the place where the real kernel plugs in).  Read the
 * card (nic/sim_82576.c) before this file: it decides when a frame
 * leaves; the link decides when and whether it arrives.
 *
 * A frame in flight is copied into a small record queued on the link
 * with its own engine event.  Each direction of the link is one line:
 * a frame starts when the line is free (the previous frame of that
 * direction has finished), so it arrives at
 *
 *   start = max(now, busy_until[side]),  arrival = start + serialisation + delay
 *
 * and frames keep their order.  A card paces itself (nic/sim_82576.c
 * sends the next frame when the line is free), so for cards start is
 * always now; the line matters for a port that hands over frames faster
 * than the line carries them: the TAP wire (sim/tap.c), where a burst
 * the kernel wrote is read at once.
 */
#include "sim/wire.h"
#include "layers/netdevice.h"

#include <stdlib.h>
#include <string.h>

struct sim_frame {
	struct sim_event ev;		/* fires on arrival */
	struct list_head node;		/* on link->inflight, or link->spare */
	struct sim_link *link;
	struct sim_port *to;		/* receiving port */
	unsigned int len;
	unsigned int cap;		/* room in data[] */
	u8 data[];			/* the frame, no FCS */
};

/*
 * Records are kept for reuse (a few per link), so a frame on the wire
 * costs no malloc in a steady transfer.  Each has room for a full
 * Ethernet frame at least: ACKs and data share them.
 */
#define SIM_LINK_SPARE		64
#define SIM_FRAME_MIN_CAP	1514

static struct sim_frame *
sim_frame_get(struct sim_link *link, unsigned int len)
{
	struct sim_frame *fr;

	if (!list_empty(&link->spare)) {
		fr = list_first_entry(&link->spare, struct sim_frame, node);
		list_del_init(&fr->node);
		link->nspare--;
		if (fr->cap >= len)
			return fr;
		free(fr);	/* a jumbo frame after small ones */
	}
	fr = malloc(sizeof(*fr) + (len > SIM_FRAME_MIN_CAP ? len : SIM_FRAME_MIN_CAP));
	if (fr)
		fr->cap = len > SIM_FRAME_MIN_CAP ? len : SIM_FRAME_MIN_CAP;
	return fr;
}

static void
sim_frame_put(struct sim_link *link, struct sim_frame *fr)
{
	if (link->nspare >= SIM_LINK_SPARE) {
		free(fr);
		return;
	}
	list_add(&fr->node, &link->spare);
	link->nspare++;
}

/* The link's tx_time: the serialisation time at its rate. */
static ktime_t
sim_link_tx_time(const struct sim_port *port, unsigned int len)
{
	return sim_line_time(len, port->link->rate_bps);
}

static void
sim_frame_arrive(struct sim_event *ev)
{
	struct sim_frame *fr = container_of(ev, struct sim_frame, ev);
	struct sim_port *to = fr->to;

	list_del_init(&fr->node);
	to->rx_frames++;
	sim_port_tap(to, SIM_DIR_RX, fr->data, fr->len, fr->link->eng->now);
	if (to->rx)
		to->rx(to, fr->data, fr->len);
	sim_frame_put(fr->link, fr);
}

/* When a frame handed to @port now starts on the line: 0 if unplugged. */
static ktime_t
sim_port_tx_start(const struct sim_port *port)
{
	const struct sim_link *link = port->link;

	if (!link)
		return 0;
	return link->busy_until[port->side] > link->eng->now ?
	       link->busy_until[port->side] : link->eng->now;
}

ktime_t
sim_link_backlog(const struct sim_port *port)
{
	const struct sim_link *link = port->link;

	return link ? sim_port_tx_start(port) - link->eng->now : 0;
}

unsigned int
sim_link_inflight(const struct sim_link *link, const struct sim_port *to)
{
	const struct sim_frame *fr;
	unsigned int n = 0;

	if (!link)
		return 0;
	list_for_each_entry(fr, &link->inflight, node)
		n += fr->to == to;
	return n;
}

/* The link's xmit: tap and count, then carry the frame (or lose it). */
static void
sim_link_xmit(struct sim_port *port, const u8 *frame, unsigned int len)
{
	struct sim_link *link = port->link;
	ktime_t start = sim_port_tx_start(port), done;
	struct sim_frame *fr;

	port->tx_frames++;
	sim_port_tap(port, SIM_DIR_TX, frame, len, start);
	if (len > link->mtu + ETH_HLEN) {
		link->stats.giants++;
		return;
	}
	/* From here the frame occupies the line, even if the dice lose it. */
	done = start + sim_link_tx_time(port, len);
	link->busy_until[port->side] = done;
	if (link->loss_ppm && sim_random(link->eng) % 1000000 < link->loss_ppm) {
		link->stats.lost++;
		return;
	}
	fr = sim_frame_get(link, len);
	if (!fr) {
		link->stats.lost++;
		return;
	}
	link->stats.frames++;
	fr->link = link;
	fr->to = link->end[!port->side];
	fr->len = len;
	memcpy(fr->data, frame, len);
	list_add_tail(&fr->node, &link->inflight);
	sim_event_init(&fr->ev, "wire", sim_frame_arrive);
	sim_event_schedule(link->eng, &fr->ev, done + link->delay);
}

static const struct sim_port_ops sim_link_ops = {
	.xmit = sim_link_xmit,
	.tx_time = sim_link_tx_time,
};

struct sim_link *
sim_link_create(struct sim_engine *eng, struct sim_port *a,
		struct sim_port *b)
{
	struct sim_link *link = calloc(1, sizeof(*link));

	if (!link)
		return NULL;
	link->eng = eng;
	link->end[0] = a;
	link->end[1] = b;
	link->rate_bps = 1000000000ULL;
	link->delay = 500;	/* 100 m of copper is about 0.5 us */
	link->mtu = 9000;	/* the NICs' MTU is what limits a frame */
	INIT_LIST_HEAD(&link->inflight);
	INIT_LIST_HEAD(&link->spare);
	a->ops = &sim_link_ops;
	a->link = link;
	a->side = 0;
	b->ops = &sim_link_ops;
	b->link = link;
	b->side = 1;
	return link;
}

void
sim_link_destroy(struct sim_link *link)
{
	struct sim_frame *fr, *tmp;

	if (!link)
		return;
	list_for_each_entry_safe(fr, tmp, &link->inflight, node) {
		sim_event_cancel(link->eng, &fr->ev);
		list_del_init(&fr->node);
		free(fr);
	}
	list_for_each_entry_safe(fr, tmp, &link->spare, node)
		free(fr);
	for (int i = 0; i < 2; i++)
		if (link->end[i] && link->end[i]->link == link) {
			link->end[i]->ops = NULL;
			link->end[i]->link = NULL;
		}
	free(link);
}
