/*
 * kernel/snmp.h - the named counters of a host, as `netstat -s` and
 * /proc/net/snmp show them.
 *
 * Mirrors include/uapi/linux/snmp.h (Linux 3.10): IPSTATS_MIB_*,
 * ICMP_MIB_*, LINUX_MIB_* keep their kernel names so a student can grep
 * for them in both trees.  Every drop in netstep bumps one of these.
 * A layer that needs a new counter adds one line to SNMP_COUNTERS; the
 * second column is the label `netstat -s` prints.
 *
 * KERNEL: the kernel keeps these per CPU and per protocol family in
 * separate arrays; netstep keeps one flat array per host.
 */
#ifndef NETSTEP_KERNEL_SNMP_H
#define NETSTEP_KERNEL_SNMP_H

#define SNMP_COUNTERS(X)							\
	/* IPv4, /proc/net/snmp "Ip:" */					\
	X(IPSTATS_MIB_INRECEIVES, "InReceives")					\
	X(IPSTATS_MIB_INHDRERRORS, "InHdrErrors")				\
	X(IPSTATS_MIB_INTRUNCATEDPKTS, "InTruncatedPkts")			\
	X(IPSTATS_MIB_INCSUMERRORS, "InCsumErrors")				\
	X(IPSTATS_MIB_INADDRERRORS, "InAddrErrors")				\
	X(IPSTATS_MIB_INNOROUTES, "InNoRoutes")					\
	X(IPSTATS_MIB_INUNKNOWNPROTOS, "InUnknownProtos")			\
	X(IPSTATS_MIB_INDISCARDS, "InDiscards")					\
	X(IPSTATS_MIB_INDELIVERS, "InDelivers")					\
	X(IPSTATS_MIB_OUTFORWDATAGRAMS, "ForwDatagrams")			\
	X(IPSTATS_MIB_OUTDISCARDS, "OutDiscards")				\
	X(IPSTATS_MIB_OUTNOROUTES, "OutNoRoutes")				\
	X(IPSTATS_MIB_OUTPKTS, "OutRequests")	/* the kernel prints OUTPKTS as OutRequests */					\
	X(IPSTATS_MIB_OUTOCTETS, "OutOctets")					\
	X(IPSTATS_MIB_REASMTIMEOUT, "ReasmTimeout")				\
	X(IPSTATS_MIB_REASMREQDS, "ReasmReqds")					\
	X(IPSTATS_MIB_REASMOKS, "ReasmOKs")					\
	X(IPSTATS_MIB_REASMFAILS, "ReasmFails")					\
	X(IPSTATS_MIB_FRAGOKS, "FragOKs")					\
	X(IPSTATS_MIB_FRAGFAILS, "FragFails")					\
	X(IPSTATS_MIB_FRAGCREATES, "FragCreates")				\
	X(IPSTATS_MIB_REASMOVERLAPS, "ReasmOverlaps")	/* 4.19's name */	\
	/* UDP, /proc/net/snmp "Udp:" (layers/udp.c) */				\
	X(UDP_MIB_INDATAGRAMS, "InDatagrams")				\
	X(UDP_MIB_NOPORTS, "NoPorts")					\
	X(UDP_MIB_INERRORS, "InErrors")					\
	X(UDP_MIB_OUTDATAGRAMS, "OutDatagrams")				\
	X(UDP_MIB_RCVBUFERRORS, "RcvbufErrors")				\
	X(UDP_MIB_SNDBUFERRORS, "SndbufErrors")				\
	X(UDP_MIB_CSUMERRORS, "InCsumErrors")				\
	/* ICMP, "Icmp:" */							\
	X(ICMP_MIB_INMSGS, "InMsgs")						\
	X(ICMP_MIB_INERRORS, "InErrors")					\
	X(ICMP_MIB_INCSUMERRORS, "InCsumErrors")				\
	X(ICMP_MIB_INDESTUNREACHS, "InDestUnreachs")				\
	X(ICMP_MIB_INTIMEEXCDS, "InTimeExcds")					\
	X(ICMP_MIB_INECHOS, "InEchos")						\
	X(ICMP_MIB_INECHOREPS, "InEchoReps")					\
	X(ICMP_MIB_OUTMSGS, "OutMsgs")						\
	X(ICMP_MIB_OUTDESTUNREACHS, "OutDestUnreachs")				\
	X(ICMP_MIB_OUTTIMEEXCDS, "OutTimeExcds")				\
	X(ICMP_MIB_OUTECHOS, "OutEchos")					\
	X(ICMP_MIB_OUTECHOREPS, "OutEchoReps")					\
	/* ARP and neighbour table, /proc/net/stat/arp_cache */			\
	X(NEIGH_LOOKUPS, "ArpLookups")						\
	X(NEIGH_HITS, "ArpHits")						\
	X(NEIGH_ALLOCS, "ArpAllocs")						\
	X(NEIGH_RES_FAILED, "ArpResFailed")					\
	X(NEIGH_UNRES_DISCARDS, "ArpUnresolvedDiscards")			\
	X(NEIGH_TABLE_FULL, "ArpTableFulls")					\
	X(ARP_RCV_BADLEN, "ArpInBadLength")					\
	X(ARP_RCV_BADHDR, "ArpInBadHeader")					\
	X(ARP_RCV_NOTFORUS, "ArpInNotForUs")					\
	X(NEIGH_FORCED_GC_RUNS, "ArpForcedGcRuns")				\
	X(NEIGH_OUT_DISCARDS, "ArpOutDiscards")					\
	/* link layer and device (netdev "dropped" and softnet_stat) */		\
	X(LINUX_MIB_RXTRUNCATED, "RxTruncatedFrames")				\
	X(LINUX_MIB_RXUNKNOWNPROTO, "RxUnknownProto")				\
	X(LINUX_MIB_RXOTHERHOST, "RxOtherHost")					\
	X(LINUX_MIB_QDISCDROPS, "QdiscDrops")					\
	X(LINUX_MIB_TXBUSY, "TxBusy")						\
	X(LINUX_MIB_TXDEVDOWN, "TxDevDown")					\
	X(NF_MIB_DROPS, "NetfilterDrops")				\
	/* TCP, "Tcp:" and "TcpExt:" (layers/tcp*.c) */			\
	X(TCP_MIB_ACTIVEOPENS, "ActiveOpens")					\
	X(TCP_MIB_PASSIVEOPENS, "PassiveOpens")					\
	X(TCP_MIB_ATTEMPTFAILS, "AttemptFails")					\
	X(TCP_MIB_ESTABRESETS, "EstabResets")					\
	X(TCP_MIB_INSEGS, "InSegs")						\
	X(TCP_MIB_OUTSEGS, "OutSegs")						\
	X(TCP_MIB_RETRANSSEGS, "RetransSegs")					\
	X(TCP_MIB_INERRS, "InErrs")						\
	X(TCP_MIB_OUTRSTS, "OutRsts")						\
	X(TCP_MIB_CSUMERRORS, "InCsumErrors")					\
	X(LINUX_MIB_LISTENOVERFLOWS, "ListenOverflows")				\
	X(LINUX_MIB_LISTENDROPS, "ListenDrops")					\
	X(LINUX_MIB_OUTOFWINDOWICMPS, "OutOfWindowIcmps")			\
	X(LINUX_MIB_TIMEWAITED, "TW")						\
	X(LINUX_MIB_DELAYEDACKS, "DelayedACKs")					\
	X(LINUX_MIB_TCPPUREACKS, "TCPPureAcks")					\
	X(LINUX_MIB_TCPHPACKS, "TCPHPAcks")					\
	X(LINUX_MIB_TCPRENORECOVERY, "TCPRenoRecovery")				\
	X(LINUX_MIB_TCPFASTRETRANS, "TCPFastRetrans")				\
	X(LINUX_MIB_TCPSLOWSTARTRETRANS, "TCPSlowStartRetrans")			\
	X(LINUX_MIB_TCPTIMEOUTS, "TCPTimeouts")					\
	X(LINUX_MIB_TCPLOSSPROBES, "TCPLossProbes")				\
	X(LINUX_MIB_TCPOFOQUEUE, "TCPOFOQueue")					\
	X(LINUX_MIB_TCPOFODROP, "TCPOFODrop")					\
	X(LINUX_MIB_TCPRCVQDROP, "TCPRcvQDrop")					\
	X(LINUX_MIB_TCPDSACKOLDSENT, "TCPDSACKOldSent")				\
	X(LINUX_MIB_PAWSESTABREJECTED, "PAWSEstab")				\
	X(LINUX_MIB_TCPABORTONDATA, "TCPAbortOnData")				\
	X(LINUX_MIB_TCPABORTONCLOSE, "TCPAbortOnClose")				\
	X(LINUX_MIB_TCPABORTONTIMEOUT, "TCPAbortOnTimeout")			\
	X(LINUX_MIB_TCPPROBEZEROWINDOW, "TCPProbeZeroWindow")			\
	X(LINUX_MIB_TCPSPURIOUS_RTX_HOSTQUEUES, "TCPSpuriousRtxHostQueues")	\
	X(LINUX_MIB_TCPRETRANSFAIL, "TCPRetransFail")				\
	X(LINUX_MIB_TCPCHALLENGEACK, "TCPChallengeACK")				\
	X(LINUX_MIB_TCPSYNCHALLENGE, "TCPSYNChallenge")				\
	/* NOTE: no kernel counter: segments (RST too) dropped for lying	\
	 * outside the receive window (tcp_sequence() failing). */		\
	X(SIM_MIB_TCPOUTOFWINDOW, "TCPOutOfWindow")				\
	/* routing, /proc/net/stat/rt_cache */					\
	X(RT_CACHE_STAT_IN_MARTIAN_DST, "InMartianDst")			\
	X(RT_CACHE_STAT_IN_MARTIAN_SRC, "InMartianSrc")

enum snmp_counter {
#define SNMP_ENUM(name, label) name,
	SNMP_COUNTERS(SNMP_ENUM)
#undef SNMP_ENUM
	SNMP_MIB_MAX
};

extern const char *const snmp_counter_name[SNMP_MIB_MAX];	/* "IPSTATS_MIB_INRECEIVES" */
extern const char *const snmp_counter_label[SNMP_MIB_MAX];	/* "InReceives" */

#endif
