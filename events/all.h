/*
 * events/all.h - every events/ header, for kernel/trace_events.c, which
 * reads this list three times (structs, descriptors, the table).  A new
 * events/ header is added here and nowhere else.
 */
#include "events/common.h"
#include "events/irq.h"
#include "events/sched.h"
#include "events/skb.h"
#include "events/kmem.h"
#include "events/net.h"
#include "events/offload.h"
#include "events/gro.h"
#include "events/qdisc.h"
#include "events/netfilter.h"
#include "events/fib.h"
#include "events/neigh.h"
#include "events/ip.h"
#include "events/icmp.h"
#include "events/udp.h"
#include "events/sock.h"
#include "events/raw.h"
#include "events/tcp.h"
#include "events/tcp_cong.h"
#include "events/igb.h"
#include "events/card.h"
