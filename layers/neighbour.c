/*
 * layers/neighbour.c - the neighbour cache and its state machine: turn
 * a next-hop IPv4 address into a MAC, queue packets while that is being
 * found out, and keep the answer honest afterwards.
 *
 * Mirrors net/core/neighbour.c and the inline helpers of
 * include/net/neighbour.h and include/net/dst.h (Linux 3.10).  Read
 * layers/ip_output.c (ip_finish_output2) before this file: it finds or
 * creates the entry and calls dst_neigh_output().  Read layers/arp.c
 * next (how requests are built and replies parsed) and layers/dev.c
 * after that (dev_queue_xmit, where every frame from here goes).
 *
 * The life of an entry (NUD = neighbour unreachability detection):
 *
 *   NONE --first packet--> INCOMPLETE (broadcast probes every retrans_time,
 *        packets wait on arp_queue)
 *   INCOMPLETE --reply--> REACHABLE (queue drained)   --3 probes lost--> FAILED
 *   REACHABLE --reachable_time passes--> STALE (or DELAY if used recently)
 *   STALE --packet sent--> DELAY --delay_probe_time, no proof--> PROBE
 *   PROBE (unicast probes) --reply--> REACHABLE   --3 lost--> FAILED
 *
 * Left out: the periodic garbage collector (neigh_periodic_work; only the
 * forced GC on a full table is kept), proxy neighbours (pneigh), netlink
 * notifications and `ip neigh add/replace`, per-device neigh_parms, the
 * RCU/lock choreography (one thread), hash table growth.
 */
#include "layers/neighbour.h"
#include "layers/arp.h"
#include "layers/route.h"
#include "kernel/trace.h"
#include "layers/net_namespace.h"
#include "events/neigh.h"

#include <stdlib.h>
#include <string.h>

static const char KSRC[] = "net/core/neighbour.c";

static void neigh_timer_handler(unsigned long arg);

/* ---- small helpers --------------------------------------------------------- */

static const char *const sim_neigh_state_names[] = {
	"INCOMPLETE", "REACHABLE", "STALE", "DELAY", "PROBE", "FAILED", "NOARP", "PERMANENT",
};

/**
 * sim_neigh_state_name - "REACHABLE" for NUD_REACHABLE, "NONE" for 0
 * @nud: a NUD_* value (the lowest set bit names a composite)
 */
const char *
sim_neigh_state_name(u8 nud)
{
	for (unsigned int i = 0; i < ARRAY_SIZE(sim_neigh_state_names); i++)
		if (nud & (1u << i))
			return sim_neigh_state_names[i];
	return "NONE";
}

bool
sim_neigh_record_state(struct neighbour *n, u8 new_state)
{
	u8 old = n->nud_state;
	struct neigh_transition *t;

	if (old == new_state)
		return false;
	n->nud_state = new_state;
	t = &n->hist[n->nhist++ % NEIGH_HISTORY_LEN];
	t->when = sim_host_now(n->tbl->net);
	t->from = old;
	t->to = new_state;
	return true;
}

/* neigh_rand_reach_time: uniformly in [base/2, 3*base/2), so hosts that
 * learnt each other at the same moment do not re-probe in lock step. */
unsigned long
neigh_rand_reach_time(struct net *net, unsigned long base)
{
	return base ? (sim_random(net->eng) % base) + (base >> 1) : 0;
}

/* KERNEL: neigh_periodic_work redraws reachable_time every 300 s; with
 * no periodic work we redraw lazily when an entry becomes REACHABLE. */
static void
sim_neigh_maybe_rerandomise(struct neigh_table *tbl)
{
	struct neigh_parms *p = &tbl->parms;
	unsigned long now = sim_host_jiffies(tbl->net);

	if (time_after(now, p->last_rand + 300 * HZ)) {
		p->last_rand = now;
		p->reachable_time = neigh_rand_reach_time(tbl->net, p->base_reachable_time);
	}
}

/* The timer holds a reference while it is pending. */
static void
neigh_add_timer(struct neighbour *n, unsigned long when)
{
	neigh_hold(n);
	if (unlikely(mod_timer(&n->timer, when)))
		neigh_release(n);	/* NOTE: was already armed: keep one ref */
}

static int
neigh_del_timer(struct neighbour *n)
{
	if ((n->nud_state & NUD_IN_TIMER) && del_timer(&n->timer)) {
		neigh_release(n);
		return 1;
	}
	return 0;
}

static int
neigh_blackhole(struct neighbour *neigh, struct sk_buff *skb)
{
	trace_neigh_blackhole(neigh, skb);
	NET_INC_STATS(neigh->tbl->net, SIM_MIB_NEIGH_OUTDISCARDS);
	kfree_skb(skb);
	return -ENETDOWN;
}

/* Unconfirmed: every packet goes through the slow, checking path. */
static void
neigh_suspect(struct neighbour *neigh)
{
	neigh->output = neigh->ops->output;
}

/* Confirmed: packets may take connected_output (and the hh cache). */
static void
neigh_connect(struct neighbour *neigh)
{
	neigh->output = neigh->ops->connected_output;
}

static inline u32
sim_neigh_bucket(const struct neigh_table *tbl, const void *pkey, const struct net_device *dev)
{
	return tbl->hash(pkey, dev, tbl->hash_rnd) >> (32 - tbl->hash_shift);
}

/**
 * neigh_hash_grow - more entries than buckets: rehash into twice as many,
 * so a lookup stays a short chain walk however big the cache gets.
 * Keeps the old table if memory is short (chains just get longer).
 */
static void
neigh_hash_grow(struct neigh_table *tbl, unsigned int new_shift)
{
	struct neighbour **nb;
	unsigned int old_size = 1U << tbl->hash_shift;

	trace_neigh_hash_grow(tbl, new_shift);
	nb = calloc(1U << new_shift, sizeof(*nb));
	if (!nb)
		return;
	tbl->hash_shift = new_shift;
	for (unsigned int i = 0; i < old_size; i++) {
		struct neighbour *n, *next;

		for (n = tbl->hash_buckets[i]; n; n = next) {
			u32 h = sim_neigh_bucket(tbl, &n->primary_key, n->dev);

			next = n->next;
			n->next = nb[h];
			nb[h] = n;
		}
	}
	free(tbl->hash_buckets);
	tbl->hash_buckets = nb;
}

/* ---- allocation, lookup, creation --------------------------------------------- */

/* Unlink one entry and drop the table's reference (neigh_cleanup_and_release). */
static void
sim_neigh_unlink(struct neighbour **np)
{
	struct neighbour *n = *np;

	*np = n->next;
	n->next = NULL;
	list_del_init(&n->all);
	n->dead = 1;
	neigh_release(n);
}

/*
 * neigh_forced_gc - the table is filling up: throw out every entry that
 * nobody holds (refcnt 1 = only the table) and that is not PERMANENT.
 * Entries with a pending timer (INCOMPLETE, REACHABLE ...) are held by
 * the timer and survive.  Returns 1 if anything went.
 */
static int
neigh_forced_gc(struct neigh_table *tbl)
{
	int shrunk = 0;

	trace_neigh_forced_gc(tbl);
	NET_INC_STATS(tbl->net, NEIGH_FORCED_GC_RUNS);
	for (unsigned int i = 0; i < 1U << tbl->hash_shift; i++) {
		struct neighbour **np = &tbl->hash_buckets[i];

		while (*np) {
			struct neighbour *n = *np;

			if (n->refcnt == 1 && !(n->nud_state & NUD_PERMANENT)) {
				sim_neigh_unlink(np);
				shrunk = 1;
				continue;
			}
			np = &n->next;
		}
	}
	tbl->last_flush = sim_host_jiffies(tbl->net);
	return shrunk;
}

static struct neighbour *
neigh_alloc(struct neigh_table *tbl, struct net_device *dev)
{
	struct net *net = tbl->net;
	unsigned long now = sim_host_jiffies(net);
	struct neighbour *n;
	int entries;

	trace_neigh_alloc(tbl, dev);
	entries = tbl->entries++;
	if (entries >= tbl->gc_thresh3 ||
	    (entries >= tbl->gc_thresh2 && time_after(now, tbl->last_flush + 5 * HZ))) {
		if (!neigh_forced_gc(tbl) && entries >= tbl->gc_thresh3) {
			NET_INC_STATS(net, NEIGH_TABLE_FULL);
			trace_neigh_table_full(tbl, entries);
			tbl->entries--;
			return NULL;
		}
	}
	n = calloc(1, sizeof(*n));
	if (!n) {
		tbl->entries--;
		return NULL;
	}
	skb_queue_head_init(&n->arp_queue);
	INIT_LIST_HEAD(&n->all);
	n->updated = n->used = now;
	n->nud_state = NUD_NONE;
	n->output = neigh_blackhole;
	n->parms = &tbl->parms;
	setup_timer(&net->cpu, &n->timer, neigh_timer_handler, (unsigned long)n);
	NET_INC_STATS(net, NEIGH_ALLOCS);
	n->tbl = tbl;
	n->refcnt = 1;
	n->dead = 1;		/* until it is in the hash */
	return n;
}

/**
 * neigh_destroy - free an entry whose last reference went away
 * @neigh: unlinked entry (dead), refcnt 0; its queued skbs are dropped
 */
void
neigh_destroy(struct neighbour *neigh)
{
	trace_neigh_destroy(neigh);
	if (!neigh->dead)
		trace_neigh_destroy_alive(neigh);	/* KERNEL: WARN + leak */
	del_timer(&neigh->timer);
	__skb_queue_purge(&neigh->arp_queue);
	neigh->arp_queue_len_bytes = 0;
	neigh->tbl->entries--;
	free(neigh);
}

/**
 * __ipv4_neigh_lookup_noref - find the entry for @key on @dev
 * @dev: output device
 * @key: next-hop IPv4 address, network order
 *
 * No reference is taken: the caller (ip_finish_output2) uses the entry
 * at once.  Returns NULL on a miss.
 */
struct neighbour *
__ipv4_neigh_lookup_noref(struct net_device *dev, u32 key)
{
	struct net *net = dev_net(dev);
	struct neigh_table *tbl = net->arp_tbl;
	struct neighbour *n;

	trace___ipv4_neigh_lookup_noref(dev, key);
	/* NOTE: the kernel counts only neigh_lookup(); counting the fast
	 * path too makes ArpLookups/ArpHits meaningful in netstep. */
	NET_INC_STATS(net, NEIGH_LOOKUPS);
	if (!tbl)
		return NULL;
	for (n = tbl->hash_buckets[sim_neigh_bucket(tbl, &key, dev)]; n; n = n->next) {
		if (n->dev == dev && n->primary_key == key) {
			NET_INC_STATS(net, NEIGH_HITS);
			trace_neigh_lookup_hit(net, n);
			return n;
		}
	}
	trace_neigh_lookup_miss(net);
	return NULL;
}

/**
 * neigh_lookup - find an entry and take a reference on it
 * @tbl: the table (net->arp_tbl)
 * @pkey: pointer to the IPv4 address
 * @dev: device
 *
 * Returns the entry with a reference the caller must neigh_release(),
 * or NULL.
 */
struct neighbour *
neigh_lookup(struct neigh_table *tbl, const void *pkey, struct net_device *dev)
{
	__be32 key;
	struct neighbour *n;

	memcpy(&key, pkey, sizeof(key));
	trace_neigh_lookup(tbl, key, dev);
	NET_INC_STATS(tbl->net, NEIGH_LOOKUPS);
	for (n = tbl->hash_buckets[sim_neigh_bucket(tbl, &key, dev)]; n; n = n->next) {
		if (n->dev == dev && n->primary_key == key) {
			neigh_hold(n);
			NET_INC_STATS(tbl->net, NEIGH_HITS);
			return n;
		}
	}
	return NULL;
}

/**
 * __neigh_create - make a new entry (state NONE) and put it in the table
 * @tbl: the table
 * @pkey: pointer to the IPv4 address
 * @dev: device
 * @want_ref: take a reference for the caller (ip_finish_output2 does not)
 *
 * Calls the table's constructor (arp_constructor), which picks the ops
 * and may make the entry NOARP (broadcast).  If an entry for the key
 * appeared meanwhile it is returned instead.  ERR_PTR(-ENOBUFS) when the
 * table is full.
 */
struct neighbour *
__neigh_create(struct neigh_table *tbl, const void *pkey, struct net_device *dev,
	       bool want_ref)
{
	struct neighbour *n, *n1;
	u32 hash_val;
	int error;

	trace___neigh_create(tbl, pkey, dev, want_ref);
	n = neigh_alloc(tbl, dev);
	if (!n)
		return ERR_PTR(-ENOBUFS);
	memcpy(&n->primary_key, pkey, tbl->key_len);
	n->dev = dev;
	/* Protocol specific setup. */
	if (tbl->constructor && (error = tbl->constructor(n)) < 0) {
		neigh_release(n);
		return ERR_PTR(error);
	}
	/* Start "long unconfirmed", so nothing counts as a fresh proof. */
	n->confirmed = sim_host_jiffies(tbl->net) - (n->parms->base_reachable_time << 1);

	if (tbl->entries > (1 << tbl->hash_shift))
		neigh_hash_grow(tbl, tbl->hash_shift + 1);
	hash_val = sim_neigh_bucket(tbl, pkey, dev);
	for (n1 = tbl->hash_buckets[hash_val]; n1; n1 = n1->next) {
		if (n1->dev == dev && !memcmp(&n1->primary_key, pkey, tbl->key_len)) {
			if (want_ref)
				neigh_hold(n1);
			neigh_release(n);
			return n1;
		}
	}
	n->dead = 0;
	if (want_ref)
		neigh_hold(n);
	n->next = tbl->hash_buckets[hash_val];
	tbl->hash_buckets[hash_val] = n;
	list_add_tail(&n->all, &tbl->all);
	trace_neigh_created(n);
	return n;
}

/**
 * __neigh_lookup - neigh_lookup, creating the entry if @creat
 *
 * Returns a referenced entry or NULL.
 */
struct neighbour *
__neigh_lookup(struct neigh_table *tbl, const void *pkey, struct net_device *dev,
	       int creat)
{
	struct neighbour *n;

	trace___neigh_lookup(tbl, pkey, creat);
	n = neigh_lookup(tbl, pkey, dev);
	if (n || !creat)
		return n;
	n = neigh_create(tbl, pkey, dev);
	return IS_ERR(n) ? NULL : n;
}

/**
 * neigh_event_ns - a packet from @saddr showed us its MAC: note it STALE
 *
 * Used for ARP requests aimed at us: the asker will want our reply
 * answered, so its entry is created or refreshed, but a request proves
 * nothing about reachability.  Returns a referenced entry or NULL.
 */
struct neighbour *
neigh_event_ns(struct neigh_table *tbl, const u8 *lladdr, const void *saddr,
	       struct net_device *dev)
{
	struct neighbour *neigh;

	trace_neigh_event_ns(tbl, lladdr, saddr);
	neigh = __neigh_lookup(tbl, saddr, dev, lladdr || !dev->addr_len);
	if (neigh)
		neigh_update(neigh, lladdr, NUD_STALE, NEIGH_UPDATE_F_OVERRIDE);
	return neigh;
}

/* ---- the state machine ------------------------------------------------------ */

/* Probes allowed in this round: unicast only when re-validating (PROBE),
 * all kinds when resolving from scratch (INCOMPLETE). */
static int
neigh_max_probes(const struct neighbour *n)
{
	const struct neigh_parms *p = n->parms;

	return (n->nud_state & NUD_PROBE) ? p->ucast_probes :
		p->ucast_probes + p->app_probes + p->mcast_probes;
}

/*
 * neigh_invalidate - resolution failed: tell each waiting packet's
 * sender (ops->error_report, ICMP host unreachable for IPv4), then
 * empty the queue.
 */
static void
neigh_invalidate(struct neighbour *neigh)
{
	struct net *net = neigh->tbl->net;
	struct sk_buff *skb;

	trace_neigh_invalidate(neigh);
	NET_INC_STATS(net, NEIGH_RES_FAILED);
	neigh->updated = sim_host_jiffies(net);
	/* error_report may come back to this entry: re-check each time. */
	while (neigh->nud_state == NUD_FAILED &&
	       (skb = __skb_dequeue(&neigh->arp_queue)) != NULL) {
		neigh->arp_queue_len_bytes -= skb->truesize;
		neigh->ops->error_report(neigh, skb);
	}
	__skb_queue_purge(&neigh->arp_queue);
	neigh->arp_queue_len_bytes = 0;
}

/*
 * neigh_probe - send one solicitation (ARP request) and count it.  The
 * newest queued packet is passed along so the request can use its
 * source address.
 */
static void
neigh_probe(struct neighbour *neigh)
{
	struct sk_buff *skb = skb_peek_tail(&neigh->arp_queue);

	trace_neigh_probe(neigh, skb);
	/* KERNEL: solicits with a skb_copy() of it, so the queue may change
	 * under the unlocked solicit; one thread here, no copy needed. */
	neigh->ops->solicit(neigh, skb);
	neigh->probes++;
}

/**
 * neigh_timer_handler - the entry's timer fired (TIMER_SOFTIRQ)
 * @arg: the neighbour; the pending timer held a reference, dropped here
 *
 * REACHABLE ages into DELAY (used lately) or STALE; DELAY becomes
 * REACHABLE again if something confirmed the neighbour, else PROBE;
 * INCOMPLETE and PROBE send the next probe or, out of probes, FAILED.
 */
static void
neigh_timer_handler(unsigned long arg)
{
	struct neighbour *neigh = (struct neighbour *)arg;
	struct net *net = neigh->tbl->net;
	const struct neigh_parms *p = neigh->parms;
	unsigned long now = sim_host_jiffies(net);
	unsigned long next = now + HZ;
	u8 state = neigh->nud_state;

	trace_neigh_timer_handler(neigh);
	if (!(state & NUD_IN_TIMER) || neigh->dead)
		goto out;

	if (state & NUD_REACHABLE) {
		if (!time_after(now, neigh->confirmed + p->reachable_time)) {
			next = neigh->confirmed + p->reachable_time;
		} else if (!time_after(now, neigh->used + p->delay_probe_time)) {
			/* Used lately: give upper layers a chance to confirm. */
			sim_neigh_set_state(neigh, NUD_DELAY);
			neigh->updated = now;
			neigh_suspect(neigh);
			next = now + p->delay_probe_time;
		} else {
			sim_neigh_set_state(neigh, NUD_STALE);
			neigh->updated = now;
			neigh_suspect(neigh);
		}
	} else if (state & NUD_DELAY) {
		if (!time_after(now, neigh->confirmed + p->delay_probe_time)) {
			sim_neigh_set_state(neigh, NUD_REACHABLE);
			neigh->updated = now;
			neigh_connect(neigh);
			next = neigh->confirmed + p->reachable_time;
		} else {
			sim_neigh_set_state(neigh, NUD_PROBE);
			neigh->updated = now;
			neigh->probes = 0;
			next = now + p->retrans_time;
		}
	} else {
		/* NUD_PROBE or NUD_INCOMPLETE */
		next = now + p->retrans_time;
	}

	if ((neigh->nud_state & (NUD_INCOMPLETE | NUD_PROBE)) &&
	    neigh->probes >= neigh_max_probes(neigh)) {
		trace_neigh_probes_exhausted(neigh);
		sim_neigh_set_state(neigh, NUD_FAILED);
		neigh_invalidate(neigh);
	}

	if (neigh->nud_state & NUD_IN_TIMER) {
		/* Never sooner than half a second. */
		if (time_before(next, now + HZ / 2))
			next = now + HZ / 2;
		if (!mod_timer(&neigh->timer, next))
			neigh_hold(neigh);
	}
	if (neigh->nud_state & (NUD_INCOMPLETE | NUD_PROBE))
		neigh_probe(neigh);
out:
	neigh_release(neigh);
}

/**
 * __neigh_event_send - the slow half of neigh_event_send
 * @neigh: entry not in CONNECTED, DELAY or PROBE
 * @skb: packet that wants to go out (may be NULL); consumed when queued
 *	 or dropped (return 1), left to the caller when 0 is returned
 *
 * NONE/FAILED: start resolving (INCOMPLETE, probe now, timer).  STALE:
 * go DELAY and send with the old address.  INCOMPLETE: park the packet
 * on arp_queue, dropping the oldest while over queue_len_bytes.
 * Returns 0 if the caller may send now, 1 if the skb was taken.
 */
int
__neigh_event_send(struct neighbour *neigh, struct sk_buff *skb)
{
	struct net *net = neigh->tbl->net;
	const struct neigh_parms *p = neigh->parms;
	bool immediate_probe = false;
	int rc = 0;

	trace___neigh_event_send(neigh, skb);
	if (neigh->nud_state & (NUD_CONNECTED | NUD_DELAY | NUD_PROBE))
		return 0;

	if (!(neigh->nud_state & (NUD_STALE | NUD_INCOMPLETE))) {
		if (p->mcast_probes + p->app_probes) {
			unsigned long now = sim_host_jiffies(net);

			/* Starting at ucast_probes makes arp_solicit broadcast. */
			neigh->probes = p->ucast_probes;
			sim_neigh_set_state(neigh, NUD_INCOMPLETE);
			neigh->updated = now;
			neigh_add_timer(neigh, now + max_t(unsigned long, p->retrans_time, HZ / 2));
			immediate_probe = true;
		} else {
			sim_neigh_set_state(neigh, NUD_FAILED);
			neigh->updated = sim_host_jiffies(net);
			NET_INC_STATS(net, NEIGH_UNRES_DISCARDS);
			trace_neigh_drop(net, skb, "no_probes_configured");
			kfree_skb(skb);
			return 1;
		}
	} else if (neigh->nud_state & NUD_STALE) {
		sim_neigh_set_state(neigh, NUD_DELAY);
		neigh->updated = sim_host_jiffies(net);
		neigh_add_timer(neigh, sim_host_jiffies(net) + p->delay_probe_time);
	}

	if (neigh->nud_state == NUD_INCOMPLETE) {
		if (skb) {
			while (neigh->arp_queue_len_bytes + skb->truesize > p->queue_len_bytes) {
				struct sk_buff *buff = __skb_dequeue(&neigh->arp_queue);

				if (!buff)
					break;
				neigh->arp_queue_len_bytes -= buff->truesize;
				NET_INC_STATS(net, NEIGH_UNRES_DISCARDS);
				trace_neigh_arp_queue_full(neigh, buff);
				kfree_skb(buff);
			}
			/* It outlives this call: hold its route for real. */
			skb_dst_force(skb);
			__skb_queue_tail(&neigh->arp_queue, skb);
			neigh->arp_queue_len_bytes += skb->truesize;
			trace_neigh_queued(neigh, skb);
		}
		rc = 1;
	}
	if (immediate_probe)
		neigh_probe(neigh);
	return rc;
}

/**
 * neigh_event_send - may @skb go out through @neigh now?
 * @neigh: the entry
 * @skb: the packet (consumed only if 1 is returned)
 *
 * Marks the entry used.  Returns 0 when the address is usable
 * (REACHABLE, STALE->DELAY, DELAY, PROBE, NOARP, PERMANENT) and 1 when
 * the packet was queued or dropped.
 */
int
neigh_event_send(struct neighbour *neigh, struct sk_buff *skb)
{
	unsigned long now = sim_host_jiffies(neigh->tbl->net);

	trace_neigh_event_send(neigh, skb);
	neigh->used = now;
	if (!(neigh->nud_state & (NUD_CONNECTED | NUD_DELAY | NUD_PROBE)))
		return __neigh_event_send(neigh, skb);
	return 0;
}

/* The MAC changed: patch the cached header too. */
static void
neigh_update_hhs(struct neighbour *neigh)
{
	const struct header_ops *ops = neigh->dev->header_ops;

	if (ops && ops->cache_update && neigh->hh.hh_len)
		ops->cache_update(&neigh->hh, neigh->dev, neigh->ha);
}

/* Entry just became valid: send what was waiting, oldest first. */
static void
sim_neigh_drain_arp_queue(struct neighbour *neigh)
{
	struct sk_buff *skb;

	/* Stop if sending made it invalid again (guards against loops). */
	while ((neigh->nud_state & NUD_VALID) &&
	       (skb = __skb_dequeue(&neigh->arp_queue)) != NULL) {
		neigh->arp_queue_len_bytes -= skb->truesize;
		/* KERNEL: re-looks the neighbour up through skb_dst (for
		 * shaper/teql devices); it is always this one here. */
		neigh->output(neigh, skb);
	}
	__skb_queue_purge(&neigh->arp_queue);
	neigh->arp_queue_len_bytes = 0;
}

/**
 * neigh_update - new information about a neighbour
 * @neigh: the entry (caller holds a reference)
 * @lladdr: the MAC learnt, or NULL to keep the cached one
 * @new: the new NUD state
 * @flags: NEIGH_UPDATE_F_OVERRIDE (a different MAC may replace the
 *	   cached one), _WEAK_OVERRIDE, _ADMIN (may touch NOARP/PERMANENT)
 *
 * Moves the timer to fit the new state, stores the MAC, and when the
 * entry turns valid for the first time sends every packet that waited
 * on arp_queue.  Returns 0, -EPERM (static entry) or -EINVAL (no MAC
 * known or given).
 */
int
neigh_update(struct neighbour *neigh, const u8 *lladdr, u8 new, u32 flags)
{
	struct net *net = neigh->tbl->net;
	struct net_device *dev = neigh->dev;
	u8 old = neigh->nud_state;

	trace_neigh_update(neigh, lladdr, new, flags);
	if (!(flags & NEIGH_UPDATE_F_ADMIN) && (old & (NUD_NOARP | NUD_PERMANENT)))
		return -EPERM;

	if (!(new & NUD_VALID)) {
		neigh_del_timer(neigh);
		if (old & NUD_CONNECTED)
			neigh_suspect(neigh);
		sim_neigh_set_state(neigh, new);
		if ((old & (NUD_INCOMPLETE | NUD_PROBE)) && (new & NUD_FAILED))
			neigh_invalidate(neigh);
		return 0;
	}

	/* Which address will the entry hold?  neigh->ha itself means "unchanged". */
	if (!dev->addr_len) {
		lladdr = neigh->ha;
	} else if (lladdr) {
		if ((old & NUD_VALID) && !memcmp(lladdr, neigh->ha, dev->addr_len))
			lladdr = neigh->ha;
	} else {
		if (!(old & NUD_VALID))
			return -EINVAL;
		lladdr = neigh->ha;
	}

	if (new & NUD_CONNECTED)
		neigh->confirmed = sim_host_jiffies(net);
	neigh->updated = sim_host_jiffies(net);

	if (old & NUD_VALID) {
		if (lladdr != neigh->ha && !(flags & NEIGH_UPDATE_F_OVERRIDE)) {
			/* A different MAC, not allowed to override (the first
			 * reply within locktime wins). */
			if ((flags & NEIGH_UPDATE_F_WEAK_OVERRIDE) && (old & NUD_CONNECTED)) {
				lladdr = neigh->ha;
				new = NUD_STALE;
			} else {
				trace_neigh_no_override(neigh);
				return 0;
			}
		} else if (lladdr == neigh->ha && new == NUD_STALE &&
			   ((flags & NEIGH_UPDATE_F_WEAK_OVERRIDE) || (old & NUD_CONNECTED))) {
			/* Same MAC, weaker news: a request does not demote REACHABLE. */
			new = old;
		}
	}

	if (new != old) {
		neigh_del_timer(neigh);
		if (new & NUD_REACHABLE)
			sim_neigh_maybe_rerandomise(neigh->tbl);
		if (new & NUD_IN_TIMER)
			neigh_add_timer(neigh, sim_host_jiffies(net) +
					((new & NUD_REACHABLE) ? neigh->parms->reachable_time : 0));
		sim_neigh_set_state(neigh, new);
	}

	if (lladdr != neigh->ha) {
		memcpy(neigh->ha, lladdr, dev->addr_len);
		neigh_update_hhs(neigh);
		trace_neigh_lladdr_change(neigh);
		if (!(new & NUD_CONNECTED))
			neigh->confirmed = sim_host_jiffies(net) -
					   (neigh->parms->base_reachable_time << 1);
	}
	if (new == old)
		return 0;
	if (new & NUD_CONNECTED)
		neigh_connect(neigh);
	else
		neigh_suspect(neigh);
	if (!(old & NUD_VALID))
		sim_neigh_drain_arp_queue(neigh);
	return 0;
}

/* ---- output ---------------------------------------------------------------- */

/* Build the cached header the first time a resolved entry sends. */
static void
neigh_hh_init(struct neighbour *n, struct dst_entry *dst)
{
	struct net_device *dev = dst->dev;

	trace_neigh_hh_init(n, dev);
	/* KERNEL: the type comes from dst->ops->protocol (ETH_P_IP for IPv4). */
	if (!n->hh.hh_len)
		dev->header_ops->cache(n, &n->hh, htons(ETH_P_IP));
}

/**
 * neigh_hh_output - fast path: copy the cached Ethernet header in front
 * @hh: the neighbour's header cache (hh_len != 0)
 * @skb: packet with data at the IP header; consumed
 *
 * Returns what dev_queue_xmit returns.
 */
int
neigh_hh_output(const struct hh_cache *hh, struct sk_buff *skb)
{
	struct net *net = skb->dev ? dev_net(skb->dev) : skb->host;
	unsigned int hh_len = hh->hh_len;

	trace_neigh_hh_output(net, hh, skb);
	if (unlikely(skb_headroom(skb) < hh_len)) {
		/* ip_finish_output2 guarantees LL_RESERVED_SPACE; be safe. */
		NET_INC_STATS(net, SIM_MIB_NEIGH_OUTDISCARDS);
		trace_neigh_drop(net, skb, "no_headroom");
		kfree_skb(skb);
		return NET_XMIT_DROP;
	}
	/* KERNEL: copies the whole 16-byte slot (HH_DATA_MOD) in one go;
	 * copying only the hh_len header bytes lands the same bytes. */
	memcpy(skb->data - hh_len, hh->hh_data + HH_DATA_OFF(hh_len), hh_len);
	skb_push(skb, hh_len);
	return dev_queue_xmit(skb);
}

/**
 * dst_neigh_output - hand an IP packet to its next hop's neighbour
 * @dst: the route the packet follows
 * @n: neighbour of the next hop (from __ipv4_neigh_lookup_noref/__neigh_create)
 * @skb: packet, data at the IP header; consumed
 *
 * A confirmed entry with a cached header takes neigh_hh_output; all
 * others go through n->output (neigh_resolve_output for Ethernet).
 * Mirrors include/net/dst.h (3.10); later kernels call it neigh_output.
 */
int
dst_neigh_output(struct dst_entry *dst, struct neighbour *n, struct sk_buff *skb)
{
	const struct hh_cache *hh = &n->hh;

	trace_dst_neigh_output(n, skb);
	/* KERNEL: first copies dst->pending_confirm into n->confirmed. */
	(void)dst;
	if ((n->nud_state & NUD_CONNECTED) && hh->hh_len)
		return neigh_hh_output(hh, skb);
	return n->output(n, skb);
}

/**
 * neigh_resolve_output - slow path: resolve if needed, then build the header
 * @neigh: the entry
 * @skb: packet with a route (skb_dst), data at the IP header; consumed
 *
 * If neigh_event_send lets it go, builds the Ethernet header from
 * neigh->ha (and the header cache on the way) and calls dev_queue_xmit;
 * otherwise the packet now waits on arp_queue and 0 is returned.
 */
int
neigh_resolve_output(struct neighbour *neigh, struct sk_buff *skb)
{
	struct net *net = neigh->tbl->net;
	struct dst_entry *dst = skb_dst(skb);
	struct net_device *dev = neigh->dev;
	int err, off;

	trace_neigh_resolve_output(neigh, skb);
	if (!dst) {
		trace_neigh_drop(net, skb, "no_dst");
		goto out_kfree_skb;
	}
	if (neigh_event_send(neigh, skb))
		return 0;	/* queued (or dropped and counted) */

	if (dev->header_ops && dev->header_ops->cache && !neigh->hh.hh_len)
		neigh_hh_init(neigh, dst);
	/* Back to the network header, should an earlier try have pushed one. */
	off = skb_network_offset(skb);
	if (off > 0)
		skb_pull(skb, off);
	if (skb_headroom(skb) < dev->hard_header_len) {
		trace_neigh_drop(net, skb, "no_headroom");
		goto out_kfree_skb;
	}
	err = dev_hard_header(skb, dev, ntohs(skb->protocol), neigh->ha, NULL, skb->len);
	if (err >= 0)
		return dev_queue_xmit(skb);
	trace_neigh_drop_err(net, skb, "hard_header", err);
out_kfree_skb:
	NET_INC_STATS(net, SIM_MIB_NEIGH_OUTDISCARDS);
	kfree_skb(skb);
	return -EINVAL;
}

/**
 * neigh_connected_output - send through a confirmed entry without a header cache
 * @neigh: the entry; @skb: packet, consumed
 */
int
neigh_connected_output(struct neighbour *neigh, struct sk_buff *skb)
{
	struct net *net = neigh->tbl->net;
	struct net_device *dev = neigh->dev;
	int err, off;

	trace_neigh_connected_output(neigh, skb);
	off = skb_network_offset(skb);
	if (off > 0)
		skb_pull(skb, off);
	if (skb_headroom(skb) >= dev->hard_header_len) {
		err = dev_hard_header(skb, dev, ntohs(skb->protocol), neigh->ha, NULL, skb->len);
		if (err >= 0)
			return dev_queue_xmit(skb);
	}
	NET_INC_STATS(net, SIM_MIB_NEIGH_OUTDISCARDS);
	trace_neigh_drop(net, skb, "hard_header");
	kfree_skb(skb);
	return -EINVAL;
}

/**
 * neigh_direct_output - devices without link-layer headers: just send
 * @neigh: the entry (unused); @skb: packet, consumed
 */
int
neigh_direct_output(struct neighbour *neigh, struct sk_buff *skb)
{
	trace_neigh_direct_output(neigh, skb);
	return dev_queue_xmit(skb);
}

/* ---- administration: flush, ifdown, show --------------------------------------- */

/*
 * neigh_flush_dev - unlink every entry of @dev (all if NULL) for which
 * @want says yes.  An entry someone still holds is made harmless (queue
 * emptied, output = blackhole) and freed by its last neigh_release.
 */
static int
neigh_flush_dev(struct neigh_table *tbl, struct net_device *dev,
		bool (*want)(const struct neighbour *n))
{
	int removed = 0;

	for (unsigned int i = 0; i < 1U << tbl->hash_shift; i++) {
		struct neighbour **np = &tbl->hash_buckets[i];

		while (*np) {
			struct neighbour *n = *np;

			if ((dev && n->dev != dev) || (want && !want(n))) {
				np = &n->next;
				continue;
			}
			neigh_del_timer(n);
			trace_neigh_removed(n);
			__skb_queue_purge(&n->arp_queue);
			n->arp_queue_len_bytes = 0;
			if (n->refcnt != 1) {
				n->output = neigh_blackhole;
				sim_neigh_set_state(n, (n->nud_state & NUD_VALID) ? NUD_NOARP :
						    NUD_NONE);
			}
			sim_neigh_unlink(np);
			removed++;
		}
	}
	return removed;
}

/**
 * neigh_ifdown - @dev went down (NULL: every device): forget its neighbours
 * @tbl: the table
 * @dev: device
 *
 * Queued packets are dropped (kfree_skb).
 */
void
neigh_ifdown(struct neigh_table *tbl, struct net_device *dev)
{
	trace_neigh_ifdown(tbl, dev);
	if (tbl)
		neigh_flush_dev(tbl, dev, NULL);
}

static bool
sim_neigh_flushable(const struct neighbour *n)
{
	/* What `ip neigh flush` selects by default: not PERMANENT or NOARP. */
	return !(n->nud_state & (NUD_PERMANENT | NUD_NOARP));
}

/**
 * sim_neigh_flush - `ip neigh flush all` / `ip neigh flush dev DEV`
 * @net: host
 * @dev: device, NULL for all
 *
 * Removes every entry but PERMANENT and NOARP ones, dropping their
 * queued packets.  Returns the number removed.
 *
 * KERNEL: 3.10's RTM_DELNEIGH only marks entries FAILED and leaves them
 * to the garbage collector; later kernels (and netstep) unlink them.
 */
int
sim_neigh_flush(struct net *net, struct net_device *dev)
{
	trace_sim_neigh_flush(net, dev);
	if (!net->arp_tbl)
		return 0;
	return neigh_flush_dev(net->arp_tbl, dev, sim_neigh_flushable);
}

/**
 * sim_neigh_show_dev - print the table as `ip neigh show [dev DEV]` does
 * @net: host
 * @dev: only this device's entries, and then without "dev DEV"; NULL: all
 * @out: where to print
 *
 * "10.0.0.1 dev eth0 lladdr 52:54:00:00:00:01 REACHABLE"; entries
 * without a valid address print no lladdr (iproute2 then leaves two
 * spaces); NONE and NOARP entries are hidden, as iproute2's default
 * filter does.  Order: creation order (the kernel dumps in hash order).
 */
void
sim_neigh_show_dev(struct net *net, const struct net_device *dev, FILE *out)
{
	const struct neighbour *n;

	if (!net->arp_tbl)
		return;
	list_for_each_entry(n, &net->arp_tbl->all, all) {
		u8 nud = n->nud_state & ~NUD_NOARP;

		if (!nud || (dev && n->dev != dev))
			continue;
		fprintf(out, "%s ", sim_ip_str(n->primary_key).s);
		if (!dev)
			fprintf(out, "dev %s ", n->dev->name);
		if (n->nud_state & NUD_VALID)
			fprintf(out, "lladdr %s", sim_mac_str(n->ha).s);
		fprintf(out, " ");
		nud = n->nud_state;
		for (unsigned int i = 0; i < ARRAY_SIZE(sim_neigh_state_names); i++) {
			if (!(nud & (1u << i)))
				continue;
			nud &= ~(1u << i);
			fprintf(out, "%s%s", sim_neigh_state_names[i], nud ? "," : "");
		}
		fprintf(out, "\n");
	}
}

/* sim_neigh_show - `ip neigh show`: every device. */
void
sim_neigh_show(struct net *net, FILE *out)
{
	sim_neigh_show_dev(net, NULL, out);
}

/**
 * neigh_for_each - visit every entry (NOARP and NONE included), for the UI
 * Returns the number of entries visited.
 */
int
neigh_for_each(struct net *net, void (*cb)(const struct neighbour *, void *), void *arg)
{
	const struct neighbour *n;
	int count = 0;

	if (!net->arp_tbl)
		return 0;
	list_for_each_entry(n, &net->arp_tbl->all, all) {
		cb(n, arg);
		count++;
	}
	return count;
}

/* ---- table lifetime ------------------------------------------------------------ */

/**
 * neigh_table_init - give @net its neighbour table, a copy of @tmpl
 * @net: host (the table becomes net->arp_tbl)
 * @tmpl: protocol's defaults (arp.c's arp_tbl)
 *
 * Draws the first reachable_time and the hash seed.  0 or -ENOMEM.
 */
int
neigh_table_init(struct net *net, const struct neigh_table *tmpl)
{
	struct neigh_table *tbl;

	trace_neigh_table_init(net, tmpl);
	tbl = malloc(sizeof(*tbl));
	if (!tbl)
		return -ENOMEM;
	*tbl = *tmpl;
	tbl->net = net;
	tbl->entries = 0;
	tbl->hash_shift = NEIGH_HASH_SHIFT;
	tbl->hash_buckets = calloc(NEIGH_HASH_SIZE, sizeof(*tbl->hash_buckets));
	if (!tbl->hash_buckets) {
		free(tbl);
		return -ENOMEM;
	}
	INIT_LIST_HEAD(&tbl->all);
	tbl->hash_rnd = sim_random(net->eng) | 1;	/* odd: a multiplier */
	tbl->parms.reachable_time = neigh_rand_reach_time(net, tbl->parms.base_reachable_time);
	tbl->parms.last_rand = sim_host_jiffies(net);
	tbl->last_flush = sim_host_jiffies(net);
	/* KERNEL: also starts gc_work (neigh_periodic_work, every
	 * base_reachable_time/2) and the proxy timer.  netstep runs
	 * neither, so a quiet world goes idle; STALE entries stay until a
	 * flush, ifdown or the forced GC of a full table. */
	net->arp_tbl = tbl;
	return 0;
}

/**
 * neigh_table_clear - tear the table down: timers cancelled, queued
 * packets dropped, entries freed.
 */
void
neigh_table_clear(struct net *net)
{
	struct neigh_table *tbl = net->arp_tbl;

	trace_neigh_table_clear(net, tbl);
	if (!tbl)
		return;
	neigh_flush_dev(tbl, NULL, NULL);
	if (tbl->entries) {
		/* Someone still holds an entry; its last release touches
		 * the table, so keep it (KERNEL: "neighbour leakage"). */
		trace_neigh_leakage(net, tbl);
		return;
	}
	net->arp_tbl = NULL;
	free(tbl->hash_buckets);
	free(tbl);
}
