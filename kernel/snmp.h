/*
 * kernel/snmp.h - the named counters of a host, as `netstat -s` and
 * /proc/net/snmp show them.
 *
 * Mirrors include/uapi/linux/snmp.h (Linux 3.10): IPSTATS_MIB_*,
 * ICMP_MIB_*, TCP_MIB_*, UDP_MIB_*, LINUX_MIB_* keep their kernel names
 * so a student can grep for them in both trees.  Every drop in netstep
 * bumps one of these.  A layer that needs a new counter adds one line to
 * SIM_SNMP_COUNTERS: its name, the label /proc/net/snmp (or `netstat -s`)
 * prints, and where the counter comes from:
 *   SIM_SNMP_K310     in 3.10's include/uapi/linux/snmp.h, label as 3.10's
 *                 net/ipv4/proc.c prints it;
 *   SIM_SNMP_STAT     a 3.10 counter kept in another table (neigh_statistics,
 *                 rt_cache_stat: /proc/net/stat/arp_cache, rt_cache);
 *   SIM_SNMP_LATER    a later kernel's counter (the comment says which);
 *   SIM_SNMP_NETSTEP  netstep's own (named SIM_MIB_*).
 * nstat and netstat -s print the last three apart, so the kernel-named
 * list stays true to 3.10.
 *
 * KERNEL: the kernel keeps these per CPU and per protocol family in
 * separate arrays; netstep keeps one flat array per host.
 */
#ifndef NETSTEP_KERNEL_SNMP_H
#define NETSTEP_KERNEL_SNMP_H

#define SIM_SNMP_COUNTERS(X)							\
	/* IPv4, /proc/net/snmp "Ip:" */					\
	X(IPSTATS_MIB_INPKTS, "InReceives", SIM_SNMP_K310)				\
	X(IPSTATS_MIB_INHDRERRORS, "InHdrErrors", SIM_SNMP_K310)			\
	X(IPSTATS_MIB_INTRUNCATEDPKTS, "InTruncatedPkts", SIM_SNMP_K310)		\
	X(IPSTATS_MIB_CSUMERRORS, "InCsumErrors", SIM_SNMP_K310)			\
	X(IPSTATS_MIB_INADDRERRORS, "InAddrErrors", SIM_SNMP_K310)			\
	X(IPSTATS_MIB_INNOROUTES, "InNoRoutes", SIM_SNMP_K310)			\
	X(IPSTATS_MIB_INUNKNOWNPROTOS, "InUnknownProtos", SIM_SNMP_K310)		\
	X(IPSTATS_MIB_INDISCARDS, "InDiscards", SIM_SNMP_K310)			\
	X(IPSTATS_MIB_INDELIVERS, "InDelivers", SIM_SNMP_K310)			\
	X(IPSTATS_MIB_OUTFORWDATAGRAMS, "ForwDatagrams", SIM_SNMP_K310)		\
	X(IPSTATS_MIB_OUTDISCARDS, "OutDiscards", SIM_SNMP_K310)			\
	X(IPSTATS_MIB_OUTNOROUTES, "OutNoRoutes", SIM_SNMP_K310)			\
	X(IPSTATS_MIB_OUTPKTS, "OutRequests", SIM_SNMP_K310)	/* the kernel prints OUTPKTS as OutRequests */ \
	X(IPSTATS_MIB_OUTOCTETS, "OutOctets", SIM_SNMP_K310)			\
	X(IPSTATS_MIB_REASMTIMEOUT, "ReasmTimeout", SIM_SNMP_K310)			\
	X(IPSTATS_MIB_REASMREQDS, "ReasmReqds", SIM_SNMP_K310)			\
	X(IPSTATS_MIB_REASMOKS, "ReasmOKs", SIM_SNMP_K310)				\
	X(IPSTATS_MIB_REASMFAILS, "ReasmFails", SIM_SNMP_K310)			\
	X(IPSTATS_MIB_FRAGOKS, "FragOKs", SIM_SNMP_K310)				\
	X(IPSTATS_MIB_FRAGFAILS, "FragFails", SIM_SNMP_K310)			\
	X(IPSTATS_MIB_FRAGCREATES, "FragCreates", SIM_SNMP_K310)			\
	X(IPSTATS_MIB_REASMOVERLAPS, "ReasmOverlaps", SIM_SNMP_LATER)	/* Linux 4.19 */ \
	/* UDP, /proc/net/snmp "Udp:" (layers/udp.c) */				\
	X(UDP_MIB_INDATAGRAMS, "InDatagrams", SIM_SNMP_K310)			\
	X(UDP_MIB_NOPORTS, "NoPorts", SIM_SNMP_K310)				\
	X(UDP_MIB_INERRORS, "InErrors", SIM_SNMP_K310)				\
	X(UDP_MIB_OUTDATAGRAMS, "OutDatagrams", SIM_SNMP_K310)			\
	X(UDP_MIB_RCVBUFERRORS, "RcvbufErrors", SIM_SNMP_K310)			\
	X(UDP_MIB_SNDBUFERRORS, "SndbufErrors", SIM_SNMP_K310)			\
	X(UDP_MIB_CSUMERRORS, "InCsumErrors", SIM_SNMP_K310)			\
	/* ICMP, "Icmp:" */							\
	X(ICMP_MIB_INMSGS, "InMsgs", SIM_SNMP_K310)					\
	X(ICMP_MIB_INERRORS, "InErrors", SIM_SNMP_K310)				\
	X(ICMP_MIB_CSUMERRORS, "InCsumErrors", SIM_SNMP_K310)			\
	X(ICMP_MIB_INDESTUNREACHS, "InDestUnreachs", SIM_SNMP_K310)			\
	X(ICMP_MIB_INTIMEEXCDS, "InTimeExcds", SIM_SNMP_K310)			\
	X(ICMP_MIB_INECHOS, "InEchos", SIM_SNMP_K310)				\
	X(ICMP_MIB_INECHOREPS, "InEchoReps", SIM_SNMP_K310)				\
	X(ICMP_MIB_OUTMSGS, "OutMsgs", SIM_SNMP_K310)				\
	X(ICMP_MIB_OUTDESTUNREACHS, "OutDestUnreachs", SIM_SNMP_K310)		\
	X(ICMP_MIB_OUTTIMEEXCDS, "OutTimeExcds", SIM_SNMP_K310)			\
	X(ICMP_MIB_OUTECHOS, "OutEchos", SIM_SNMP_K310)				\
	X(ICMP_MIB_OUTECHOREPS, "OutEchoReps", SIM_SNMP_K310)			\
	/* ARP and neighbour table, /proc/net/stat/arp_cache */			\
	X(NEIGH_LOOKUPS, "ArpLookups", SIM_SNMP_STAT)				\
	X(NEIGH_HITS, "ArpHits", SIM_SNMP_STAT)					\
	X(NEIGH_ALLOCS, "ArpAllocs", SIM_SNMP_STAT)					\
	X(NEIGH_RES_FAILED, "ArpResFailed", SIM_SNMP_STAT)				\
	X(NEIGH_UNRES_DISCARDS, "ArpUnresolvedDiscards", SIM_SNMP_STAT)		\
	X(NEIGH_TABLE_FULL, "ArpTableFulls", SIM_SNMP_LATER)	/* table_fulls, later */ \
	X(SIM_MIB_ARP_BADLEN, "ArpInBadLength", SIM_SNMP_NETSTEP)			\
	X(SIM_MIB_ARP_BADHDR, "ArpInBadHeader", SIM_SNMP_NETSTEP)			\
	X(SIM_MIB_ARP_NOTFORUS, "ArpInNotForUs", SIM_SNMP_NETSTEP)			\
	X(NEIGH_FORCED_GC_RUNS, "ArpForcedGcRuns", SIM_SNMP_STAT)			\
	X(SIM_MIB_NEIGH_OUTDISCARDS, "ArpOutDiscards", SIM_SNMP_NETSTEP)		\
	/* link layer and device (netdev "dropped" and softnet_stat) */		\
	X(SIM_MIB_RXTRUNCATED, "RxTruncatedFrames", SIM_SNMP_NETSTEP)		\
	X(SIM_MIB_RXUNKNOWNPROTO, "RxUnknownProto", SIM_SNMP_NETSTEP)		\
	X(SIM_MIB_RXOTHERHOST, "RxOtherHost", SIM_SNMP_NETSTEP)			\
	X(SIM_MIB_QDISCDROPS, "QdiscDrops", SIM_SNMP_NETSTEP)			\
	X(SIM_MIB_TXBUSY, "TxBusy", SIM_SNMP_NETSTEP)				\
	X(SIM_MIB_TXDEVDOWN, "TxDevDown", SIM_SNMP_NETSTEP)				\
	X(SIM_MIB_NFDROPS, "NetfilterDrops", SIM_SNMP_NETSTEP)			\
	/* TCP, "Tcp:" and "TcpExt:" (layers/tcp*.c) */				\
	X(TCP_MIB_ACTIVEOPENS, "ActiveOpens", SIM_SNMP_K310)			\
	X(TCP_MIB_PASSIVEOPENS, "PassiveOpens", SIM_SNMP_K310)			\
	X(TCP_MIB_ATTEMPTFAILS, "AttemptFails", SIM_SNMP_K310)			\
	X(TCP_MIB_ESTABRESETS, "EstabResets", SIM_SNMP_K310)			\
	X(TCP_MIB_INSEGS, "InSegs", SIM_SNMP_K310)					\
	X(TCP_MIB_OUTSEGS, "OutSegs", SIM_SNMP_K310)				\
	X(TCP_MIB_RETRANSSEGS, "RetransSegs", SIM_SNMP_K310)			\
	X(TCP_MIB_INERRS, "InErrs", SIM_SNMP_K310)					\
	X(TCP_MIB_OUTRSTS, "OutRsts", SIM_SNMP_K310)				\
	X(TCP_MIB_CSUMERRORS, "InCsumErrors", SIM_SNMP_K310)			\
	X(LINUX_MIB_SYNCOOKIESSENT, "SyncookiesSent", SIM_SNMP_K310)		\
	X(LINUX_MIB_SYNCOOKIESRECV, "SyncookiesRecv", SIM_SNMP_K310)		\
	X(LINUX_MIB_SYNCOOKIESFAILED, "SyncookiesFailed", SIM_SNMP_K310)		\
	X(LINUX_MIB_LISTENOVERFLOWS, "ListenOverflows", SIM_SNMP_K310)		\
	X(LINUX_MIB_LISTENDROPS, "ListenDrops", SIM_SNMP_K310)			\
	X(LINUX_MIB_OUTOFWINDOWICMPS, "OutOfWindowIcmps", SIM_SNMP_K310)		\
	X(LINUX_MIB_TIMEWAITED, "TW", SIM_SNMP_K310)				\
	X(LINUX_MIB_DELAYEDACKS, "DelayedACKs", SIM_SNMP_K310)			\
	X(LINUX_MIB_DELAYEDACKLOST, "DelayedACKLost", SIM_SNMP_K310)		\
	X(LINUX_MIB_TCPPUREACKS, "TCPPureAcks", SIM_SNMP_K310)			\
	X(LINUX_MIB_TCPHPACKS, "TCPHPAcks", SIM_SNMP_K310)				\
	X(LINUX_MIB_TCPRENORECOVERY, "TCPRenoRecovery", SIM_SNMP_K310)		\
	X(LINUX_MIB_TCPSACKRECOVERY, "TCPSackRecovery", SIM_SNMP_K310)		\
	X(LINUX_MIB_TCPSACKRENEGING, "TCPSACKReneging", SIM_SNMP_K310)		\
	X(LINUX_MIB_TCPFACKREORDER, "TCPFACKReorder", SIM_SNMP_K310)		\
	X(LINUX_MIB_TCPSACKREORDER, "TCPSACKReorder", SIM_SNMP_K310)		\
	X(LINUX_MIB_TCPRENOREORDER, "TCPRenoReorder", SIM_SNMP_K310)		\
	X(LINUX_MIB_TCPTSREORDER, "TCPTSReorder", SIM_SNMP_K310)			\
	X(LINUX_MIB_TCPFULLUNDO, "TCPFullUndo", SIM_SNMP_K310)			\
	X(LINUX_MIB_TCPPARTIALUNDO, "TCPPartialUndo", SIM_SNMP_K310)		\
	X(LINUX_MIB_TCPDSACKUNDO, "TCPDSACKUndo", SIM_SNMP_K310)			\
	X(LINUX_MIB_TCPLOSSUNDO, "TCPLossUndo", SIM_SNMP_K310)			\
	X(LINUX_MIB_TCPLOSTRETRANSMIT, "TCPLostRetransmit", SIM_SNMP_K310)		\
	X(LINUX_MIB_TCPRENOFAILURES, "TCPRenoFailures", SIM_SNMP_K310)		\
	X(LINUX_MIB_TCPSACKFAILURES, "TCPSackFailures", SIM_SNMP_K310)		\
	X(LINUX_MIB_TCPLOSSFAILURES, "TCPLossFailures", SIM_SNMP_K310)		\
	X(LINUX_MIB_TCPFASTRETRANS, "TCPFastRetrans", SIM_SNMP_K310)		\
	X(LINUX_MIB_TCPFORWARDRETRANS, "TCPForwardRetrans", SIM_SNMP_K310)		\
	X(LINUX_MIB_TCPSLOWSTARTRETRANS, "TCPSlowStartRetrans", SIM_SNMP_K310)	\
	X(LINUX_MIB_TCPTIMEOUTS, "TCPTimeouts", SIM_SNMP_K310)			\
	X(LINUX_MIB_TCPLOSSPROBES, "TCPLossProbes", SIM_SNMP_K310)			\
	X(LINUX_MIB_TCPLOSSPROBERECOVERY, "TCPLossProbeRecovery", SIM_SNMP_K310)	\
	X(LINUX_MIB_TCPRENORECOVERYFAIL, "TCPRenoRecoveryFail", SIM_SNMP_K310)	\
	X(LINUX_MIB_TCPSACKRECOVERYFAIL, "TCPSackRecoveryFail", SIM_SNMP_K310)	\
	X(LINUX_MIB_TCPOFOQUEUE, "TCPOFOQueue", SIM_SNMP_K310)			\
	X(LINUX_MIB_TCPOFODROP, "TCPOFODrop", SIM_SNMP_K310)			\
	X(LINUX_MIB_TCPOFOMERGE, "TCPOFOMerge", SIM_SNMP_K310)			\
	X(LINUX_MIB_TCPRCVQDROP, "TCPRcvQDrop", SIM_SNMP_LATER)	/* a later kernel */ \
	X(LINUX_MIB_TCPDSACKOLDSENT, "TCPDSACKOldSent", SIM_SNMP_K310)		\
	X(LINUX_MIB_TCPDSACKOFOSENT, "TCPDSACKOfoSent", SIM_SNMP_K310)		\
	X(LINUX_MIB_TCPDSACKRECV, "TCPDSACKRecv", SIM_SNMP_K310)			\
	X(LINUX_MIB_TCPDSACKOFORECV, "TCPDSACKOfoRecv", SIM_SNMP_K310)		\
	X(LINUX_MIB_PAWSESTABREJECTED, "PAWSEstab", SIM_SNMP_K310)			\
	X(LINUX_MIB_TCPABORTONDATA, "TCPAbortOnData", SIM_SNMP_K310)		\
	X(LINUX_MIB_TCPABORTONCLOSE, "TCPAbortOnClose", SIM_SNMP_K310)		\
	X(LINUX_MIB_TCPABORTONTIMEOUT, "TCPAbortOnTimeout", SIM_SNMP_K310)		\
	X(LINUX_MIB_TCPSACKDISCARD, "TCPSACKDiscard", SIM_SNMP_K310)		\
	X(LINUX_MIB_TCPDSACKIGNOREDOLD, "TCPDSACKIgnoredOld", SIM_SNMP_K310)	\
	X(LINUX_MIB_TCPDSACKIGNOREDNOUNDO, "TCPDSACKIgnoredNoUndo", SIM_SNMP_K310)	\
	X(LINUX_MIB_TCPSPURIOUSRTOS, "TCPSpuriousRTOs", SIM_SNMP_K310)		\
	X(LINUX_MIB_SACKSHIFTED, "TCPSackShifted", SIM_SNMP_K310)			\
	X(LINUX_MIB_SACKMERGED, "TCPSackMerged", SIM_SNMP_K310)			\
	X(LINUX_MIB_SACKSHIFTFALLBACK, "TCPSackShiftFallback", SIM_SNMP_K310)	\
	X(SIM_MIB_TCPPROBEZEROWINDOW, "TCPProbeZeroWindow", SIM_SNMP_NETSTEP)	\
	X(LINUX_MIB_TCPSPURIOUS_RTX_HOSTQUEUES, "TCPSpuriousRtxHostQueues", SIM_SNMP_K310) \
	X(LINUX_MIB_TCPRETRANSFAIL, "TCPRetransFail", SIM_SNMP_K310)		\
	X(LINUX_MIB_TCPCHALLENGEACK, "TCPChallengeACK", SIM_SNMP_K310)		\
	X(LINUX_MIB_TCPSYNCHALLENGE, "TCPSYNChallenge", SIM_SNMP_K310)		\
	X(LINUX_MIB_TCPREQQFULLDOCOOKIES, "TCPReqQFullDoCookies", SIM_SNMP_K310)	\
	X(LINUX_MIB_TCPREQQFULLDROP, "TCPReqQFullDrop", SIM_SNMP_K310)		\
	/* NOTE: no kernel counter: segments (RST too) dropped for lying	\
	 * outside the receive window (tcp_sequence() failing). */		\
	X(SIM_MIB_TCPOUTOFWINDOW, "TCPOutOfWindow", SIM_SNMP_NETSTEP)		\
	/* routing, /proc/net/stat/rt_cache */					\
	X(RT_CACHE_STAT_IN_MARTIAN_DST, "InMartianDst", SIM_SNMP_STAT)		\
	X(RT_CACHE_STAT_IN_MARTIAN_SRC, "InMartianSrc", SIM_SNMP_STAT)

enum sim_snmp_origin {
	SIM_SNMP_K310,			/* 3.10's snmp.h */
	SIM_SNMP_STAT,			/* 3.10, another table */
	SIM_SNMP_LATER,			/* a later kernel */
	SIM_SNMP_NETSTEP,			/* netstep only */
};

enum snmp_counter {
#define SIM_SNMP_ENUM(name, label, origin) name,
	SIM_SNMP_COUNTERS(SIM_SNMP_ENUM)
#undef SIM_SNMP_ENUM
	SNMP_MIB_MAX
};

extern const char *const sim_snmp_counter_name[SNMP_MIB_MAX];	/* "IPSTATS_MIB_INRECEIVES" */
extern const char *const sim_snmp_counter_label[SNMP_MIB_MAX];	/* "InReceives" */
extern const enum sim_snmp_origin sim_snmp_counter_origin[SNMP_MIB_MAX];

#endif
