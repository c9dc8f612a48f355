/*
 * kernel/snmp.h - the named counters of a host, as `netstat -s` and
 * /proc/net/snmp show them.
 *
 * Mirrors include/uapi/linux/snmp.h (Linux 3.10): IPSTATS_MIB_*,
 * ICMP_MIB_*, TCP_MIB_*, UDP_MIB_*, LINUX_MIB_* keep their kernel names
 * so a student can grep for them in both trees.  Every drop in netstep
 * bumps one of these.  A layer that needs a new counter adds one line to
 * SNMP_COUNTERS: its name, the label /proc/net/snmp (or `netstat -s`)
 * prints, and where the counter comes from:
 *   SNMP_K310     in 3.10's include/uapi/linux/snmp.h, label as 3.10's
 *                 net/ipv4/proc.c prints it;
 *   SNMP_STAT     a 3.10 counter kept in another table (neigh_statistics,
 *                 rt_cache_stat: /proc/net/stat/arp_cache, rt_cache);
 *   SNMP_LATER    a later kernel's counter (the comment says which);
 *   SNMP_NETSTEP  netstep's own (named SIM_MIB_*).
 * nstat and netstat -s print the last three apart, so the kernel-named
 * list stays true to 3.10.
 *
 * KERNEL: the kernel keeps these per CPU and per protocol family in
 * separate arrays; netstep keeps one flat array per host.
 */
#ifndef NETSTEP_KERNEL_SNMP_H
#define NETSTEP_KERNEL_SNMP_H

#define SNMP_COUNTERS(X)							\
	/* IPv4, /proc/net/snmp "Ip:" */					\
	X(IPSTATS_MIB_INPKTS, "InReceives", SNMP_K310)				\
	X(IPSTATS_MIB_INHDRERRORS, "InHdrErrors", SNMP_K310)			\
	X(IPSTATS_MIB_INTRUNCATEDPKTS, "InTruncatedPkts", SNMP_K310)		\
	X(IPSTATS_MIB_CSUMERRORS, "InCsumErrors", SNMP_K310)			\
	X(IPSTATS_MIB_INADDRERRORS, "InAddrErrors", SNMP_K310)			\
	X(IPSTATS_MIB_INNOROUTES, "InNoRoutes", SNMP_K310)			\
	X(IPSTATS_MIB_INUNKNOWNPROTOS, "InUnknownProtos", SNMP_K310)		\
	X(IPSTATS_MIB_INDISCARDS, "InDiscards", SNMP_K310)			\
	X(IPSTATS_MIB_INDELIVERS, "InDelivers", SNMP_K310)			\
	X(IPSTATS_MIB_OUTFORWDATAGRAMS, "ForwDatagrams", SNMP_K310)		\
	X(IPSTATS_MIB_OUTDISCARDS, "OutDiscards", SNMP_K310)			\
	X(IPSTATS_MIB_OUTNOROUTES, "OutNoRoutes", SNMP_K310)			\
	X(IPSTATS_MIB_OUTPKTS, "OutRequests", SNMP_K310)	/* the kernel prints OUTPKTS as OutRequests */ \
	X(IPSTATS_MIB_OUTOCTETS, "OutOctets", SNMP_K310)			\
	X(IPSTATS_MIB_REASMTIMEOUT, "ReasmTimeout", SNMP_K310)			\
	X(IPSTATS_MIB_REASMREQDS, "ReasmReqds", SNMP_K310)			\
	X(IPSTATS_MIB_REASMOKS, "ReasmOKs", SNMP_K310)				\
	X(IPSTATS_MIB_REASMFAILS, "ReasmFails", SNMP_K310)			\
	X(IPSTATS_MIB_FRAGOKS, "FragOKs", SNMP_K310)				\
	X(IPSTATS_MIB_FRAGFAILS, "FragFails", SNMP_K310)			\
	X(IPSTATS_MIB_FRAGCREATES, "FragCreates", SNMP_K310)			\
	X(IPSTATS_MIB_REASMOVERLAPS, "ReasmOverlaps", SNMP_LATER)	/* Linux 4.19 */ \
	/* UDP, /proc/net/snmp "Udp:" (layers/udp.c) */				\
	X(UDP_MIB_INDATAGRAMS, "InDatagrams", SNMP_K310)			\
	X(UDP_MIB_NOPORTS, "NoPorts", SNMP_K310)				\
	X(UDP_MIB_INERRORS, "InErrors", SNMP_K310)				\
	X(UDP_MIB_OUTDATAGRAMS, "OutDatagrams", SNMP_K310)			\
	X(UDP_MIB_RCVBUFERRORS, "RcvbufErrors", SNMP_K310)			\
	X(UDP_MIB_SNDBUFERRORS, "SndbufErrors", SNMP_K310)			\
	X(UDP_MIB_CSUMERRORS, "InCsumErrors", SNMP_K310)			\
	/* ICMP, "Icmp:" */							\
	X(ICMP_MIB_INMSGS, "InMsgs", SNMP_K310)					\
	X(ICMP_MIB_INERRORS, "InErrors", SNMP_K310)				\
	X(ICMP_MIB_CSUMERRORS, "InCsumErrors", SNMP_K310)			\
	X(ICMP_MIB_INDESTUNREACHS, "InDestUnreachs", SNMP_K310)			\
	X(ICMP_MIB_INTIMEEXCDS, "InTimeExcds", SNMP_K310)			\
	X(ICMP_MIB_INECHOS, "InEchos", SNMP_K310)				\
	X(ICMP_MIB_INECHOREPS, "InEchoReps", SNMP_K310)				\
	X(ICMP_MIB_OUTMSGS, "OutMsgs", SNMP_K310)				\
	X(ICMP_MIB_OUTDESTUNREACHS, "OutDestUnreachs", SNMP_K310)		\
	X(ICMP_MIB_OUTTIMEEXCDS, "OutTimeExcds", SNMP_K310)			\
	X(ICMP_MIB_OUTECHOS, "OutEchos", SNMP_K310)				\
	X(ICMP_MIB_OUTECHOREPS, "OutEchoReps", SNMP_K310)			\
	/* ARP and neighbour table, /proc/net/stat/arp_cache */			\
	X(NEIGH_LOOKUPS, "ArpLookups", SNMP_STAT)				\
	X(NEIGH_HITS, "ArpHits", SNMP_STAT)					\
	X(NEIGH_ALLOCS, "ArpAllocs", SNMP_STAT)					\
	X(NEIGH_RES_FAILED, "ArpResFailed", SNMP_STAT)				\
	X(NEIGH_UNRES_DISCARDS, "ArpUnresolvedDiscards", SNMP_STAT)		\
	X(NEIGH_TABLE_FULL, "ArpTableFulls", SNMP_LATER)	/* table_fulls, later */ \
	X(SIM_MIB_ARP_BADLEN, "ArpInBadLength", SNMP_NETSTEP)			\
	X(SIM_MIB_ARP_BADHDR, "ArpInBadHeader", SNMP_NETSTEP)			\
	X(SIM_MIB_ARP_NOTFORUS, "ArpInNotForUs", SNMP_NETSTEP)			\
	X(NEIGH_FORCED_GC_RUNS, "ArpForcedGcRuns", SNMP_STAT)			\
	X(SIM_MIB_NEIGH_OUTDISCARDS, "ArpOutDiscards", SNMP_NETSTEP)		\
	/* link layer and device (netdev "dropped" and softnet_stat) */		\
	X(SIM_MIB_RXTRUNCATED, "RxTruncatedFrames", SNMP_NETSTEP)		\
	X(SIM_MIB_RXUNKNOWNPROTO, "RxUnknownProto", SNMP_NETSTEP)		\
	X(SIM_MIB_RXOTHERHOST, "RxOtherHost", SNMP_NETSTEP)			\
	X(SIM_MIB_QDISCDROPS, "QdiscDrops", SNMP_NETSTEP)			\
	X(SIM_MIB_TXBUSY, "TxBusy", SNMP_NETSTEP)				\
	X(SIM_MIB_TXDEVDOWN, "TxDevDown", SNMP_NETSTEP)				\
	X(SIM_MIB_NFDROPS, "NetfilterDrops", SNMP_NETSTEP)			\
	/* TCP, "Tcp:" and "TcpExt:" (layers/tcp*.c) */				\
	X(TCP_MIB_ACTIVEOPENS, "ActiveOpens", SNMP_K310)			\
	X(TCP_MIB_PASSIVEOPENS, "PassiveOpens", SNMP_K310)			\
	X(TCP_MIB_ATTEMPTFAILS, "AttemptFails", SNMP_K310)			\
	X(TCP_MIB_ESTABRESETS, "EstabResets", SNMP_K310)			\
	X(TCP_MIB_INSEGS, "InSegs", SNMP_K310)					\
	X(TCP_MIB_OUTSEGS, "OutSegs", SNMP_K310)				\
	X(TCP_MIB_RETRANSSEGS, "RetransSegs", SNMP_K310)			\
	X(TCP_MIB_INERRS, "InErrs", SNMP_K310)					\
	X(TCP_MIB_OUTRSTS, "OutRsts", SNMP_K310)				\
	X(TCP_MIB_CSUMERRORS, "InCsumErrors", SNMP_K310)			\
	X(LINUX_MIB_LISTENOVERFLOWS, "ListenOverflows", SNMP_K310)		\
	X(LINUX_MIB_LISTENDROPS, "ListenDrops", SNMP_K310)			\
	X(LINUX_MIB_OUTOFWINDOWICMPS, "OutOfWindowIcmps", SNMP_K310)		\
	X(LINUX_MIB_TIMEWAITED, "TW", SNMP_K310)				\
	X(LINUX_MIB_DELAYEDACKS, "DelayedACKs", SNMP_K310)			\
	X(LINUX_MIB_TCPPUREACKS, "TCPPureAcks", SNMP_K310)			\
	X(LINUX_MIB_TCPHPACKS, "TCPHPAcks", SNMP_K310)				\
	X(LINUX_MIB_TCPRENORECOVERY, "TCPRenoRecovery", SNMP_K310)		\
	X(LINUX_MIB_TCPFASTRETRANS, "TCPFastRetrans", SNMP_K310)		\
	X(LINUX_MIB_TCPSLOWSTARTRETRANS, "TCPSlowStartRetrans", SNMP_K310)	\
	X(LINUX_MIB_TCPTIMEOUTS, "TCPTimeouts", SNMP_K310)			\
	X(LINUX_MIB_TCPLOSSPROBES, "TCPLossProbes", SNMP_K310)			\
	X(LINUX_MIB_TCPOFOQUEUE, "TCPOFOQueue", SNMP_K310)			\
	X(LINUX_MIB_TCPOFODROP, "TCPOFODrop", SNMP_K310)			\
	X(LINUX_MIB_TCPRCVQDROP, "TCPRcvQDrop", SNMP_LATER)	/* a later kernel */ \
	X(LINUX_MIB_TCPDSACKOLDSENT, "TCPDSACKOldSent", SNMP_K310)		\
	X(LINUX_MIB_PAWSESTABREJECTED, "PAWSEstab", SNMP_K310)			\
	X(LINUX_MIB_TCPABORTONDATA, "TCPAbortOnData", SNMP_K310)		\
	X(LINUX_MIB_TCPABORTONCLOSE, "TCPAbortOnClose", SNMP_K310)		\
	X(LINUX_MIB_TCPABORTONTIMEOUT, "TCPAbortOnTimeout", SNMP_K310)		\
	X(SIM_MIB_TCPPROBEZEROWINDOW, "TCPProbeZeroWindow", SNMP_NETSTEP)	\
	X(LINUX_MIB_TCPSPURIOUS_RTX_HOSTQUEUES, "TCPSpuriousRtxHostQueues", SNMP_K310) \
	X(LINUX_MIB_TCPRETRANSFAIL, "TCPRetransFail", SNMP_K310)		\
	X(LINUX_MIB_TCPCHALLENGEACK, "TCPChallengeACK", SNMP_K310)		\
	X(LINUX_MIB_TCPSYNCHALLENGE, "TCPSYNChallenge", SNMP_K310)		\
	/* NOTE: no kernel counter: segments (RST too) dropped for lying	\
	 * outside the receive window (tcp_sequence() failing). */		\
	X(SIM_MIB_TCPOUTOFWINDOW, "TCPOutOfWindow", SNMP_NETSTEP)		\
	/* routing, /proc/net/stat/rt_cache */					\
	X(RT_CACHE_STAT_IN_MARTIAN_DST, "InMartianDst", SNMP_STAT)		\
	X(RT_CACHE_STAT_IN_MARTIAN_SRC, "InMartianSrc", SNMP_STAT)

enum snmp_origin {
	SNMP_K310,			/* 3.10's snmp.h */
	SNMP_STAT,			/* 3.10, another table */
	SNMP_LATER,			/* a later kernel */
	SNMP_NETSTEP,			/* netstep only */
};

enum snmp_counter {
#define SNMP_ENUM(name, label, origin) name,
	SNMP_COUNTERS(SNMP_ENUM)
#undef SNMP_ENUM
	SNMP_MIB_MAX
};

extern const char *const snmp_counter_name[SNMP_MIB_MAX];	/* "IPSTATS_MIB_INRECEIVES" */
extern const char *const snmp_counter_label[SNMP_MIB_MAX];	/* "InReceives" */
extern const enum snmp_origin snmp_counter_origin[SNMP_MIB_MAX];

#endif
