/*
 * sim/packetdrill.h - run packetdrill scripts against the student
 * host's TCP/IP.
 *
 * No kernel counterpart: packetdrill (google/packetdrill, 2013) is the
 * tool Linux's own TCP is tested with.  A script interleaves system
 * calls with the packets that arrive (`<`) and the packets the stack
 * must send (`>`), each at a time:
 *
 *	0   socket(..., SOCK_STREAM, IPPROTO_TCP) = 3
 *	+0  bind(3, ..., ...) = 0
 *	+0  listen(3, 1) = 0
 *	+0  < S 0:0(0) win 32792 <mss 1000,sackOK,nop,nop,nop,wscale 7>
 *	+0  > S. 0:0(0) ack 1 <mss 1460,nop,nop,sackOK,nop,wscale 7>
 *	+.1 < . 1:1(0) ack 1 win 257
 *	+0  accept(3, ..., ...) = 4
 *
 * netstep's parser, runner and `%{ }%` evaluator are its own, written
 * from packetdrill's documented behaviour and scripts, not its code.
 * The files, each saying at its head what it does:
 *	sim/packetdrill_lex.c      the tokens
 *	sim/packetdrill_parse.c    tokens -> events, or "FILE:LINE: problem"
 *	sim/packetdrill_code.c     the `%{ assert ... }%` evaluator over tcp_info
 *	sim/packetdrill_packet.c   inbound frames built, outbound ones checked
 *	sim/packetdrill_calls.c    each system call: its arguments, its checks
 *	sim/packetdrill_syscall.c  running a call as the script's process
 *	sim/packetdrill_run.c      the world, the clock, the runner
 *	sim/packetdrill_cli.c      the options, and the headless run for main.c
 * sim/packetdrill_priv.h is what they share.
 *
 * The world (its own, not the classroom's): the student's host alone,
 * its igb NIC eth0 at --local_ip/--netmask_ip with --mtu, and a route to
 * --remote_ip via --gateway_ip whose MAC is a permanent neighbour (a tun
 * device has no ARP, so neither does this wire).  At the far end of
 * eth0's cable is the runner:
 *  - `<` packets are Ethernet frames it puts on that cable, so they come
 *    in through the card, the igb RX ring and NAPI to netif_receive_skb,
 *    the way a student sees every packet arrive.  Like packetdrill's tun
 *    device, eth0 passes each one up at once and alone: no interrupt
 *    throttle (rx-usecs 0), no GRO (pd_world_tun_like);
 *  - `>` packets are taken by a packet socket on eth0, where tcpdump
 *    sees them (dev_queue_xmit_nit, just before ndo_start_xmit): after
 *    software GSO, each segment, as on packetdrill's tun device; a card
 *    that does TSO is handed the super-packet and the socket sees it whole;
 *  - system calls run as the script's process on the host (layers/
 *    socket.c); a call that would block sleeps as sim/task.c makes every
 *    blocking call sleep.
 * Times are virtual: a script that passes passes on every run.
 *
 * The runner is driven one engine event at a time, so a UI can show
 * the line being executed and step into every kernel function it runs:
 *
 *	struct pd_script *s = pd_load(path, err, sizeof(err));
 *	struct pd_run *r = pd_run_create(s, &cfg, seed, stdout);
 *	pd_run_start(r);
 *	while (pd_run_status(r) == PD_RUNNING)
 *		pd_run_next(r);			// or pd_run_step(r): one engine event
 *	if (pd_run_status(r) == PD_FAILED) fputs(pd_run_error(r), stderr);
 *	pd_run_destroy(r); pd_free(s);
 */
#ifndef NETSTEP_SIM_PACKETDRILL_H
#define NETSTEP_SIM_PACKETDRILL_H

#include "kernel/types.h"
#include <stdio.h>

struct sim_world;
struct pd_script;
struct pd_run;

#define PD_ERR_MAX		1024	/* one error report: the line, the packets */
#define PD_MAX_EVENTS		20000	/* a script with more is refused */
#define PD_MAX_SCRIPT		(4 << 20)	/* bytes */

/* What a run is set up with: packetdrill's options and defaults (2013). */
struct pd_config {
	__be32 local_ip;		/* --local_ip, 192.168.0.1 */
	__be32 remote_ip;		/* --remote_ip, 192.0.2.1 */
	__be32 gateway_ip;		/* --gateway_ip, 192.168.0.2 */
	int prefixlen;			/* --netmask_ip, 255.255.0.0 */
	u16 bind_port;			/* --bind_port: bind(fd, ..., ...), 8080 */
	u16 connect_port;		/* --connect_port: connect(fd, ..., ...), 8080 */
	unsigned int mtu;		/* --mtu, 1500 */
	s64 tolerance_ns;		/* --tolerance_usecs, 4000 us */
	bool strict_segments;		/* --strict_segments: no aggregating of `>` */
	bool verbose;			/* -v: every packet injected or sniffed */
};

void pd_config_default(struct pd_config *c);
/*
 * Set option @name ("local_ip", "tolerance_usecs" ...; no leading "--")
 * from @value: 0, 1 for an option netstep does not know (@err says so),
 * 2 for a bad value.  Used for the command line and for the options at
 * the top of a script.
 */
int pd_config_set(struct pd_config *c, const char *name, const char *value, char *err,
		  size_t errlen);

/*
 * Parse a script.  NULL on error with one line "NAME:LINE: problem" in
 * @err.  Everything the runner does not support is refused here, so a
 * script that loads runs every line it has.
 */
struct pd_script *pd_parse(const char *name, const char *text, size_t len, char *err,
			   size_t errlen);
struct pd_script *pd_load(const char *path, char *err, size_t errlen);
void pd_free(struct pd_script *s);
/* The options at the top of the script ("--tolerance_usecs=10000"),
 * applied to @c: 0, or 2 with "NAME:LINE: problem" in @err. */
int pd_script_options(const struct pd_script *s, struct pd_config *c, char *err,
		      size_t errlen);
int pd_script_lines(const struct pd_script *s);	/* events in the script */
int pd_script_line(const struct pd_script *s, int i);	/* line of event @i */
/* Its name as given (the path), and its text as read, *@len bytes. */
const char *pd_script_name(const struct pd_script *s);
const char *pd_script_text(const struct pd_script *s, size_t *len);

/*
 * Try every shell line of @s on a scratch world (the commands are
 * checked and applied there, no time passes): 0, or 2 with
 * "NAME:LINE: ..." in @err for a command netstep refuses.
 */
int pd_check(const struct pd_script *s, const struct pd_config *c, u32 seed, char *err,
	     size_t errlen);

enum pd_status { PD_RUNNING, PD_PASSED, PD_FAILED };

/*
 * A runner with a fresh world for @s (which must outlive it); tool
 * output (shell lines, -v) goes to @out.  NULL if the world cannot be
 * built.
 */
struct pd_run *pd_run_create(const struct pd_script *s, const struct pd_config *c, u32 seed,
			     FILE *out);
void pd_run_destroy(struct pd_run *r);
/* Tool output goes to @out from now on (a UI's console pane). */
void pd_run_set_out(struct pd_run *r, FILE *out);
/* Frees the world; its skbs must all be gone: the number left (0 = fine). */
unsigned long pd_run_leaked(struct pd_run *r);
struct sim_world *pd_run_world(struct pd_run *r);
/* Schedule the first line. */
void pd_run_start(struct pd_run *r);
/* Fire one engine event (or tell the runner the world went idle). */
enum pd_status pd_run_step(struct pd_run *r);
/*
 * For a driver that fires the world's events itself (the UI, through
 * its journal: sim/journal.h): after each, @fired as sim_run_one said.
 * An idle world ends the run as pd_run_step's would.  The status.
 */
enum pd_status pd_run_fired(struct pd_run *r, bool fired);
/* Step until the line being executed is done (or the run ended). */
enum pd_status pd_run_next(struct pd_run *r);
enum pd_status pd_run_status(const struct pd_run *r);
/* The line being executed, 0 before the first and after the last. */
int pd_run_line(const struct pd_run *r);
/*
 * The line whose work runs now: pd_run_line(), or the line before while
 * what it started still runs at its instant (a `<` packet until the
 * stack has taken it in) and while the next one waits for its time (the
 * card sending what it queued, its timers); a `>` line is its own from
 * the start (it waits for its packet).  What a UI marks at each step.
 */
int pd_run_doing(const struct pd_run *r);
/* The failure, as packetdrill prints it (several lines, the first
 * "NAME:LINE: ..."), or "" while running or after a pass. */
const char *pd_run_error(const struct pd_run *r);
/* The line the failure names (0: no failure). */
int pd_run_fail_line(const struct pd_run *r);
/*
 * A fresh runner for @r's script, config and seed, started (@r was):
 * given the same engine turns it makes the same events, which is how a
 * UI replays a run (sim/journal.h).  NULL without memory.
 */
struct pd_run *pd_run_again(const struct pd_run *r, FILE *out);

/*
 * `netstep --packetdrill FILE --headless [options]`, for main.c, which
 * parses the command line and attaches the writers (--trace, --pcap ...)
 * to the runner's world.  Exit statuses: 0 the script passed, 1 it
 * failed (packetdrill's report on stderr), 2 bad usage or a script netstep
 * cannot run ("FILE:LINE: problem", nothing run).
 */
#define PD_CLI_MAX_OPTS	32
struct pd_cli_opts {
	const char *path;		/* --packetdrill FILE */
	const char *names[PD_CLI_MAX_OPTS];	/* packetdrill's options, in order */
	const char *values[PD_CLI_MAX_OPTS];	/* ... their values ("" for a flag) */
	int n;
};
/* Keep option --@name=@value for pd_cli_setup: 0, or 2 (too many, said why). */
int pd_cli_option(struct pd_cli_opts *o, const char *name, const char *value);
/* Load @o->path, apply its options then @o's, check it, build the runner
 * (tool output to @out): 0 with *@sp and *@rp set, or the exit status
 * after a one-line message on stderr. */
int pd_cli_setup(const struct pd_cli_opts *o, u32 seed, FILE *out, struct pd_script **sp,
		 struct pd_run **rp);
/* Run to the end: 0 passed, 1 failed (the report printed on stderr). */
int pd_cli_run(struct pd_run *r);
/* The same from where a started run is (a UI quit before the end). */
int pd_cli_finish(struct pd_run *r);

#endif
