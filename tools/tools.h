/*
 * tools/tools.h - the user-space commands a student types.
 *
 * No kernel counterpart: these stand in for ping, ip, tc, iptables,
 * ethtool, cat /proc/... and netstat.  Each parses argv the way the real
 * tool does, checks every argument before it changes anything, and
 * prints what the real tool prints.  On a bad command: one line on
 * @err naming the bad word, return 2, nothing applied.  0 on success,
 * 1 on a runtime failure.
 */
#ifndef NETSTEP_TOOLS_TOOLS_H
#define NETSTEP_TOOLS_TOOLS_H

#include <stdbool.h>
#include <stdio.h>

struct net;

typedef int (*tool_fn)(struct net *net, int argc, char **argv, FILE *out, FILE *err);

/*
 * Can this command line (argv[0] is the tool) change nothing in the
 * world, whatever the world is?  `ip route show` can't, `ip route add`
 * can.  A line the tool refuses changes nothing either.  The console's
 * table (sim/console.c) says which tool asks which; a lesson stopped
 * at a break runs these at that very moment (sim/lesson_run.c).
 */
typedef bool (*tool_ro_fn)(int argc, char **argv);
bool tool_ip_read_only(int argc, char **argv);
bool tool_iptables_read_only(int argc, char **argv);
bool tool_ethtool_read_only(int argc, char **argv);
bool tool_tc_read_only(int argc, char **argv);
bool tool_sysctl_read_only(int argc, char **argv);

/* tools/ping.c (ip helper): ping [-c N] [-s SIZE] [-M do|dont|want]
 * [-i SECONDS] [-W SECONDS] ADDR.  Starts the pings as engine events and
 * returns; ping_result() gives iputils' exit status once it finished. */
int tool_ping(struct net *net, int argc, char **argv, FILE *out, FILE *err);
/* Is a ping run on @net still waiting for replies or its timeout?  The
 * console runs the engine while it is. */
bool ping_running(struct net *net);
/* Exit status of the last run: 0 replies, 1 none, 2 no run. */
int ping_result(struct net *net);

/* tools/iproute.c (route helper): ip route|link|neigh|addr ..., and
 * net-tools' route -n. */
int tool_ip(struct net *net, int argc, char **argv, FILE *out, FILE *err);
int tool_route(struct net *net, int argc, char **argv, FILE *out, FILE *err);
/* tools/iptables.c (route helper): iptables -A|-I|-D|-F|-P|-L|-Z (filter table). */
int tool_iptables(struct net *net, int argc, char **argv, FILE *out, FILE *err);

/* tools/ethtool.c (igb helper): ethtool DEV, -i/-S/-g/-k DEV, -G DEV [rx N] [tx N],
 * -K DEV FEATURE on|off ... (the features in tools/ethtool_features.c). */
int tool_ethtool(struct net *net, int argc, char **argv, FILE *out, FILE *err);

/* tools/tc.c (dev helper): tc qdisc add|replace|del dev DEV root ...,
 * tc [-s] qdisc [show] [dev DEV]. */
int tool_tc(struct net *net, int argc, char **argv, FILE *out, FILE *err);

/* tools/proc.c (lead): cat /proc/softirqs|/proc/interrupts, nstat [-az]. */
int tool_cat(struct net *net, int argc, char **argv, FILE *out, FILE *err);
int tool_nstat(struct net *net, int argc, char **argv, FILE *out, FILE *err);
int tool_netstat(struct net *net, int argc, char **argv, FILE *out, FILE *err);	/* netstat -s (harden) */

/* tools/sockets.c (sock helper): socket, connect, send, sendto, close,
 * listen, recv, ss.  A call that would block becomes a task (sim/task.h)
 * the console waits for. */
int tool_socket(struct net *net, int argc, char **argv, FILE *out, FILE *err);
int tool_connect(struct net *net, int argc, char **argv, FILE *out, FILE *err);
int tool_send(struct net *net, int argc, char **argv, FILE *out, FILE *err);
int tool_sendto(struct net *net, int argc, char **argv, FILE *out, FILE *err);
int tool_close(struct net *net, int argc, char **argv, FILE *out, FILE *err);
int tool_ulimit(struct net *net, int argc, char **argv, FILE *out, FILE *err);
int tool_listen(struct net *net, int argc, char **argv, FILE *out, FILE *err);
int tool_recv(struct net *net, int argc, char **argv, FILE *out, FILE *err);
int tool_ss(struct net *net, int argc, char **argv, FILE *out, FILE *err);

/* tools/tcpdump.c: tcpdump [-i DEV] [-n] [-c N] [-w FILE].  Starts a
 * capture that runs alongside the commands after it; tool_tcpdump_check
 * only checks the words (a script's dry run). */
int tool_tcpdump(struct net *net, int argc, char **argv, FILE *out, FILE *err);
int tool_tcpdump_check(struct net *net, int argc, char **argv, FILE *out, FILE *err);
/* tools/sysctl.c: sysctl [-w] [-q] [-n] NAME[=VALUE] ..., sysctl -a.  The
 * table of every setting a host has is there. */
int tool_sysctl(struct net *net, int argc, char **argv, FILE *out, FILE *err);

#endif
