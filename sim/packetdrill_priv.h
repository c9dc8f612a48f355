/*
 * sim/packetdrill_priv.h - what the packetdrill files share, and nobody
 * else (sim/packetdrill.h is the API): the parsed script, the packet and
 * system call descriptions, and the hooks between the runner and the
 * files that act for it.
 *
 * No kernel counterpart.
 */
#ifndef NETSTEP_SIM_PACKETDRILL_PRIV_H
#define NETSTEP_SIM_PACKETDRILL_PRIV_H

#include "sim/packetdrill.h"
#include "kernel/engine.h"
#include "sim/wire.h"
#include "layers/netdevice.h"
#include "layers/sock.h"
#include "layers/tcp.h"

#include <stdarg.h>

struct sim_task;
struct sim_packet_sock;

#define PD_NS_PER_US		1000LL
#define PD_MAX_OPTLEN		40	/* TCP option bytes */
#define PD_MAX_PAYLOAD		65000	/* payload bytes of one script packet */
#define PD_MAX_DEPTH		16	/* nesting of [ ] and { } in arguments */
#define PD_MAX_ARGS		8	/* arguments of a system call */
#define PD_SLACK_NS		(2 * NSEC_PER_SEC)	/* `>` waits this long past its time */

/* ---- times ------------------------------------------------------------- */

enum pd_time_type {
	PD_TIME_ABS,			/* 0.100     since the script's start */
	PD_TIME_REL,			/* +0.100    since the previous line finished */
	PD_TIME_ANY,			/* *         whenever (a `>` waits for it) */
	PD_TIME_ABS_RANGE,		/* 0.1~0.2   (outbound packets only) */
	PD_TIME_REL_RANGE,		/* +0.1~+0.2 */
};

/* ---- packets ------------------------------------------------------------- */

enum pd_pkt_proto { PD_PKT_TCP, PD_PKT_ICMP };

struct pd_packet {
	bool inbound;			/* `<`: the runner sends it; `>`: the stack must */
	enum pd_pkt_proto proto;
	/* TCP (and the quoted segment of an ICMP error) */
	u8 flags;			/* TCPHDR_* */
	u32 seq;			/* as written: relative, but a SYN's is its ISN */
	u32 len;			/* payload bytes */
	bool has_ack;			/* `ack N` given (the ACK flag is in @flags) */
	u32 ack;
	s32 win;			/* -1: not given (a `>` then skips the check) */
	bool opts_any;			/* `<...>`: any options */
	u8 opts[PD_MAX_OPTLEN];		/* the options as they go on the wire */
	u8 optlen;
	/* ICMP */
	u8 icmp_type, icmp_code;
	s32 icmp_mtu;			/* `mtu N`, -1: none */
};

/* ---- system call arguments ----------------------------------------------- */

enum pd_expr_kind {
	PD_X_ELLIPSIS,			/* ...: the runner's default */
	PD_X_INT,			/* 3, -1, 0x2 */
	PD_X_SYMBOL,			/* SOCK_STREAM: its value is in @num */
	PD_X_STRING,			/* "abc" */
	PD_X_LIST,			/* [a, b] */
	PD_X_STRUCT,			/* {name=a, name=b} */
	PD_X_CALL,			/* htons(8080), inet_addr("1.2.3.4") */
	PD_X_OR,			/* a|b: @num is the value once known */
};

struct pd_expr {
	enum pd_expr_kind kind;
	s64 num;			/* INT, SYMBOL, OR (all symbols resolved at parse) */
	char *str;			/* SYMBOL name, STRING text, CALL function name */
	char *field;			/* a STRUCT member's name (name=...), else NULL */
	struct pd_expr *kids;		/* LIST, STRUCT, CALL, OR: the parts */
	struct pd_expr *next;		/* the next argument or part */
};

struct pd_syscall {
	char *name;			/* "connect" */
	const struct pd_syscall_def *def;	/* its entry in the runner's table */
	struct pd_expr *args;
	int nargs;
	s64 result;			/* expected return value */
	int err;			/* expected errno (0: none given) */
	bool blocking;			/* `start...end call()`: may sleep past its start */
	s64 end_ns;			/* with @blocking: when it should return */
};

/* ---- the script ---------------------------------------------------------- */

enum pd_event_kind { PD_EV_PACKET, PD_EV_SYSCALL, PD_EV_SHELL, PD_EV_CODE };

struct pd_code;				/* a parsed %{ }% block, packetdrill_code.c */

struct pd_event {
	int line;
	enum pd_time_type time_type;
	s64 t_ns, t_end_ns;		/* as written (ranges: both) */
	enum pd_event_kind kind;
	struct pd_packet pkt;		/* PACKET */
	struct pd_syscall call;		/* SYSCALL */
	char *shell;			/* SHELL: the text between the backquotes */
	struct pd_code *code;		/* CODE */
};

struct pd_option {			/* "--name=value" at the top */
	char *name, *value;
	int line;
};

struct pd_script {
	char *name;			/* for messages */
	char *text;			/* the script as read (a UI shows its lines) */
	size_t len;			/* ... its bytes */
	struct pd_option *opts;
	int nopts;
	struct pd_event *ev;
	int nev;
};

/* ---- packetdrill_lex.c: the tokens, for packetdrill_parse.c -------------- */

enum pd_tok {
	T_EOF,
	T_INT,				/* 3, 0x2 (a number with no '.') */
	T_FLOAT,			/* .1, 0.100: seconds */
	T_WORD,				/* socket, S, mss, TCP_CA_Open */
	T_STRING,			/* "192.0.2.1" (quotes dropped, kept raw) */
	T_BACKQ,			/* `sysctl ...` (backquotes dropped) */
	T_CODE,				/* %{ ... }% (markers dropped) */
	T_OPTION,			/* --name=value */
	T_ELLIPSIS,			/* ... */
	T_CHAR,				/* any other single character */
};

struct pd_token {
	enum pd_tok kind;
	int line;
	const char *p;			/* the text (for STRING/BACKQ/CODE: inside) */
	size_t len;
	s64 num;			/* T_INT */
	char c;				/* T_CHAR */
};

struct pd_parser {
	const char *name;
	const char *text, *end;
	const char *pos;
	int line;
	struct pd_token tok[2];		/* the current token and the next */
	char *err;
	size_t errlen;
	bool failed;
	struct pd_script *s;
};

/* Record the first problem as "NAME:LINE: ..." in ps->err; always false. */
bool pd_err(struct pd_parser *ps, int line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* Read one token into @t: false (ps->err says why) on an unterminated one. */
bool pd_lex(struct pd_parser *ps, struct pd_token *t);
struct pd_token *pd_cur(struct pd_parser *ps);	/* the current token */
struct pd_token *pd_peek(struct pd_parser *ps);	/* the one after it */
bool pd_next(struct pd_parser *ps);		/* move on one token */
bool pd_tok_is(const struct pd_token *t, char c);	/* the character @c? */
bool pd_tok_word(const struct pd_token *t, const char *w);	/* the word @w? */
/* A short quote of @t for messages (its first line, printable). */
const char *pd_tokstr(const struct pd_token *t, char *buf, size_t len);
char *pd_tokdup(const struct pd_token *t);
/* The character @c, or an error "expected 'c' WHERE". */
bool pd_expect_char(struct pd_parser *ps, char c, const char *where);
/* An unsigned integer of at most @max, or an error naming @what. */
bool pd_parse_uint(struct pd_parser *ps, s64 max, const char *what, s64 *v);
/* Seconds ("2", "0.100", ".1") as nanoseconds, exactly. */
bool pd_parse_seconds(struct pd_parser *ps, s64 *ns);

/* ---- packetdrill_parse.c ----------------------------------------------------- */

/* The script's names of an ICMP type and code (@cname NULL: none). */
bool pd_icmp_name(u8 type, u8 code, const char **tname, const char **cname);

/* ---- packetdrill_code.c ---------------------------------------------------- */

/* Parse the text between %{ and }% (which starts on @line): NULL with
 * "problem" in @err (the caller adds NAME:LINE). */
struct pd_code *pd_code_parse(const char *text, int line, int *err_line, char *err,
			      size_t errlen);
void pd_code_free(struct pd_code *c);
/* Every assert against @info: 0 all hold, 1 with the failed one's line
 * in *@line and what went wrong in @msg. */
int pd_code_eval(const struct pd_code *c, const struct tcp_info *info, int *line, char *msg,
		 size_t len);

/* ---- packetdrill_syscall.c -------------------------------------------------- */

/* A symbol's value (SOCK_STREAM, EINPROGRESS, POLLIN ...): true if known. */
bool pd_symbol(const char *name, s64 *value);
/* An errno's name ("EAGAIN") for messages, or NULL. */
const char *pd_errno_name(int err);
/* The table entry for @name: its argument count is checked at parse
 * time (NULL: not a call netstep runs, @why says so). */
const struct pd_syscall_def *pd_syscall_find(const char *name, int nargs, char *why,
					     size_t wl);
/* Do the arguments of @sc have the shapes its call takes?  0 or -1 (@why). */
int pd_syscall_validate(const struct pd_syscall *sc, char *why, size_t wl);

/* ---- a system call in flight (packetdrill_calls.c, packetdrill_syscall.c) -- */

#define PD_MAX_POLL		8	/* pollfds of one poll() */
#define PD_SLEEP		(-100000)	/* an attempt's "it would block" */

/* A call in flight: its arguments, evaluated, and what it got. */
struct pd_call {
	struct pd_run *r;
	int ev;				/* index of its event */
	const struct pd_syscall *sc;
	int fd;
	bool nonblock;			/* O_NONBLOCK or MSG_DONTWAIT */
	s64 a[PD_MAX_ARGS];		/* integer arguments */
	struct sockaddr_in addr;	/* bind, connect, sendto (has_addr) */
	bool has_addr;
	u8 *buf;			/* read/write: @len bytes */
	size_t len, done;
	unsigned int flags;		/* send/recv MSG_* */
	union {
		int val;
		struct linger ling;
		struct tcp_info info;
	} opt;				/* setsockopt/getsockopt/ioctl */
	int optlen;
	struct pollfd pfd[PD_MAX_POLL];
	int npfd;
	long rc;			/* result or -errno */
	bool finished;
	struct sim_task *task;		/* while it sleeps */
	struct sim_event timer;		/* poll's timeout */
	ktime_t timeout;		/* poll's, from its start (0: none) */
	ktime_t deadline;		/* ... as a time (0: none) */
};

struct pd_syscall_def {
	const char *name;
	int min_args, max_args;
	/* Evaluate the arguments into @c: 0, or -1 with @why. */
	int (*prepare)(struct pd_call *c, char *why, size_t wl);
	/* One try: the result, -errno, or PD_SLEEP (blocking and not done). */
	long (*attempt)(struct pd_call *c);
	unsigned int sleep;		/* SIM_WAKE_* it sleeps for */
	/* What the call wrote back, against the script: 0, or -1 with @why. */
	int (*check)(struct pd_call *c, char *why, size_t wl);
};
/* ---- the runner (packetdrill_run.c), as the other files see it ------------ */

/* The connection under test (packetdrill follows one at a time). */
struct pd_conn {
	bool known;			/* ports known */
	bool passive;			/* born of a `<` SYN on a listener */
	__be16 lport, rport;		/* network order */
	bool local_isn_known;
	u32 local_isn_live;		/* the stack's ISN */
	u32 local_isn_script;		/* what the script's `>` SYN says */
	u32 remote_isn;			/* the `<` SYN's: the same live and in the script */
	bool ts_known;			/* the first outbound TSval seen */
	u32 ts_script0, ts_live0;	/* ... and what the script called it */
};

/* One frame the tap saw leave eth0, kept until a `>` line takes it. */
struct pd_sniffed {
	struct pd_sniffed *next;
	ktime_t when;
	unsigned int len;		/* of the IPv4 packet (no Ethernet header) */
	u8 ip[];			/* the IPv4 packet */
};

struct pd_call;				/* a system call in flight, packetdrill_syscall.c */

struct pd_run {
	const struct pd_script *s;
	struct pd_config cfg;
	u32 seed;			/* the world was built with it */
	struct sim_world *w;
	struct net *net;		/* the student's host */
	struct net_device *dev;		/* its eth0 */
	FILE *out;
	enum pd_status status;
	char err[PD_ERR_MAX];
	int fail_line;			/* the line the failure names */
	/* where the script is */
	int cur;			/* event being run */
	bool started;			/* its time window is set */
	ktime_t t_start, t_end;		/* that window, absolute virtual time */
	ktime_t base;			/* when the previous line finished */
	ktime_t t0;			/* virtual time of the script's 0 */
	ktime_t deadline;		/* a wait ends here (0: none) */
	struct sim_event ev;		/* the runner's next look at the script */
	/* the wire */
	struct sim_port port;		/* the far end of eth0's cable */
	unsigned long injected;		/* `<` frames put on it */
	ktime_t injected_at;		/* ... the last one when */
	unsigned long rx_base;		/* eth0's rx_packets before the script */
	struct sim_packet_sock *tap;	/* on eth0: what the host sends */
	struct pd_sniffed *sniffed, **sniffed_tail;
	bool sniffing;			/* a `>` line is waiting */
	/* sockets */
	struct pd_conn conn;
	__be16 listen_port;		/* what the last bind() gave (network order) */
	__be16 connect_port;		/* ... and connect() asked for */
	bool listening;			/* a listen() succeeded */
	u16 next_rport;			/* the remote port of the next `<` SYN */
	struct pd_call *call;		/* the call in flight, or NULL */
	bool holding;			/* ... and the script waits for it */
	bool settling;			/* a line is done: let this instant finish first */
	ktime_t call_end;		/* a `...` call: when it should return */
	int call_line;			/* ... and its line */
};

/* Report a failure at @line: "NAME:LINE: " + the text; the run stops. */
void pd_fail(struct pd_run *r, int line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* Add lines to the report of a failure. */
void pd_fail_more(struct pd_run *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Something happened the runner waits for: look at the script again. */
void pd_run_kick(struct pd_run *r);
/* Seconds since the script's start, for messages. */
double pd_secs(const struct pd_run *r, ktime_t t);
/* The struct sock of the connection under test, or NULL. */
struct sock *pd_conn_sock(struct pd_run *r);

/* ---- packetdrill_packet.c -------------------------------------------------- */

/* Inject the `<` packet of @e: 0, or 1 after pd_fail. */
int pd_packet_inject(struct pd_run *r, const struct pd_event *e);
/*
 * Take the `>` packet of @e from what was sniffed: 1 matched (the line
 * is done), 0 not there yet (the runner waits), -1 failed (pd_fail).
 */
int pd_packet_expect(struct pd_run *r, const struct pd_event *e);
/* Print @p as packetdrill's short dump: "S. 0:0(0) ack 1 <mss 1460,...>". */
void pd_packet_print(FILE *f, const struct pd_packet *p);
/* The report of the `>` of @e that never came. */
void pd_packet_timeout(struct pd_run *r, const struct pd_event *e);
/* The MAC the runner's frames come from (the gateway's). */
extern const u8 pd_remote_mac[ETH_ALEN];

/* ---- packetdrill_syscall.c -------------------------------------------------- */

/*
 * Start the call of @e: 1 it returned and was checked (the line is
 * done), 0 it sleeps (r->call is set; pd_syscall_finished says when),
 * -1 failed (pd_fail).
 */
int pd_syscall_start(struct pd_run *r, const struct pd_event *e);
/* Has the call in flight returned?  Then check it: 1 fine (r->call is
 * gone), -1 failed, 0 still asleep. */
int pd_syscall_finished(struct pd_run *r);
/* The world ends: free a call still in flight (its task dies with the host). */
void pd_syscall_abort(struct pd_run *r);
/* Which event the call in flight belongs to, or -1. */
int pd_syscall_event(const struct pd_run *r);

#endif
