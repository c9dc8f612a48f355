/*
 * sim/packetdrill_calls.c - the system calls a packetdrill script can
 * make: how each takes the script's arguments, makes the call, and
 * checks what the call wrote back.
 *
 * No kernel counterpart: this is the script's program, as libc would
 * pass its arguments.  Each entry of pd_syscalls[] has three parts:
 * prepare (the script's arguments, evaluated: symbols, [N], {name=N},
 * htons(), inet_addr()), attempt (one call into layers/socket.c, saying
 * PD_SLEEP where a blocking descriptor would sleep) and, for the calls
 * that write into the caller's memory, check (getsockopt's value and
 * length, ioctl's int, poll's revents).  packetdrill_syscall.c runs them.
 *
 * `...` arguments take packetdrill's defaults: bind(fd, ..., ...) binds
 * --local_ip:--bind_port, connect(fd, ..., ...) goes to
 * --remote_ip:--connect_port, a buffer `...` is that many zero bytes.
 */
#include "sim/packetdrill_priv.h"
#include "sim/task.h"
#include "sim/topology.h"

#include <fcntl.h>
#include <stdlib.h>
#include <string.h>

/* ---- arguments ------------------------------------------------------------ */

static const struct pd_expr *
pd_arg(const struct pd_call *c, int i)
{
	const struct pd_expr *x = c->sc->args;

	while (x && i--)
		x = x->next;
	return x;
}

static bool
pd_is_num(const struct pd_expr *x)
{
	return x->kind == PD_X_INT || x->kind == PD_X_SYMBOL || x->kind == PD_X_OR;
}

/* Argument @i as an integer into c->a[i]; `...` gives @dflt. */
static int
pd_int_arg(struct pd_call *c, int i, s64 dflt, char *why, size_t wl)
{
	const struct pd_expr *x = pd_arg(c, i);

	if (x->kind == PD_X_ELLIPSIS) {
		c->a[i] = dflt;
		return 0;
	}
	if (!pd_is_num(x)) {
		snprintf(why, wl, "argument %d of %s: expected an integer", i + 1, c->sc->name);
		return -1;
	}
	c->a[i] = x->num;
	return 0;
}

/* [N]: the one integer in brackets (or `...`: @dflt). */
static int
pd_bracket_arg(struct pd_call *c, int i, s64 dflt, s64 *v, char *why, size_t wl)
{
	const struct pd_expr *x = pd_arg(c, i);

	if (x->kind == PD_X_ELLIPSIS) {
		*v = dflt;
		return 0;
	}
	if (x->kind != PD_X_LIST || !x->kids || x->kids->next || !pd_is_num(x->kids)) {
		snprintf(why, wl, "argument %d of %s: expected [<integer>]", i + 1, c->sc->name);
		return -1;
	}
	*v = x->kids->num;
	return 0;
}

/* A {name=..., ...} member, or NULL. */
static const struct pd_expr *
pd_member(const struct pd_expr *x, const char *name)
{
	for (const struct pd_expr *m = x->kids; m; m = m->next)
		if (m->field && !strcmp(m->field, name))
			return m;
	return NULL;
}

/* The fd: the first argument of every call here but socket and poll. */
static int
pd_fd_arg(struct pd_call *c, char *why, size_t wl)
{
	if (pd_int_arg(c, 0, -1, why, wl))
		return -1;
	if (c->a[0] < 0 || c->a[0] >= SIM_NR_OPEN) {
		c->fd = -1;		/* the call says EBADF */
		return 0;
	}
	c->fd = (int)c->a[0];
	return 0;
}

/*
 * A sockaddr argument: `...` is @ip:@port; else
 * {sa_family=AF_INET, sin_port=htons(N), sin_addr=inet_addr("A.B.C.D")}.
 */
static int
pd_sockaddr_arg(struct pd_call *c, int i, __be32 ip, u16 port, char *why, size_t wl)
{
	const struct pd_expr *x = pd_arg(c, i), *m;
	struct in_addr in;

	memset(&c->addr, 0, sizeof(c->addr));
	c->addr.sin_family = AF_INET;
	c->has_addr = true;
	if (x->kind == PD_X_ELLIPSIS) {
		c->addr.sin_addr.s_addr = ip;
		c->addr.sin_port = htons(port);
		return 0;
	}
	if (x->kind != PD_X_STRUCT)
		goto bad;
	m = pd_member(x, "sa_family");
	if (m && pd_is_num(m))
		c->addr.sin_family = (sa_family_t)m->num;
	m = pd_member(x, "sin_port");
	if (!m || m->kind != PD_X_CALL || strcmp(m->str, "htons") || !m->kids ||
	    !pd_is_num(m->kids) || m->kids->num < 0 || m->kids->num > 65535)
		goto bad;
	c->addr.sin_port = htons((u16)m->kids->num);
	m = pd_member(x, "sin_addr");
	if (!m || m->kind != PD_X_CALL || strcmp(m->str, "inet_addr") || !m->kids ||
	    m->kids->kind != PD_X_STRING || inet_pton(AF_INET, m->kids->str, &in) != 1)
		goto bad;
	c->addr.sin_addr = in;
	return 0;
bad:
	snprintf(why, wl, "argument %d of %s: expected ... or {sa_family=AF_INET, "
		 "sin_port=htons(N), sin_addr=inet_addr(\"A.B.C.D\")}", i + 1, c->sc->name);
	return -1;
}

/* A buffer of @len zero bytes (the script's `...`). */
static int
pd_buffer(struct pd_call *c, int i, int len_arg, char *why, size_t wl)
{
	const struct pd_expr *x = pd_arg(c, i);

	if (x->kind != PD_X_ELLIPSIS) {
		snprintf(why, wl, "argument %d of %s: netstep takes ... for the buffer", i + 1,
			 c->sc->name);
		return -1;
	}
	if (pd_int_arg(c, len_arg, 0, why, wl))
		return -1;
	if (c->a[len_arg] < 0 || c->a[len_arg] > (64 << 20)) {
		snprintf(why, wl, "argument %d of %s: length %lld out of range (0..64 MiB)",
			 len_arg + 1, c->sc->name, (long long)c->a[len_arg]);
		return -1;
	}
	c->len = (size_t)c->a[len_arg];
	c->buf = calloc(1, c->len ? c->len : 1);
	if (!c->buf) {
		snprintf(why, wl, "out of memory for %zu bytes", c->len);
		return -1;
	}
	return 0;
}

/* Is the descriptor O_NONBLOCK?  (No host while a script is checked.) */
static bool
pd_fd_nonblock(const struct pd_call *c)
{
	struct net *net = c->r->net;

	return net && c->fd >= 0 && net->files->fd[c->fd] &&
	       (net->files->f_flags[c->fd] & O_NONBLOCK);
}

/* ---- the calls ------------------------------------------------------------- */

static int
prep_socket(struct pd_call *c, char *why, size_t wl)
{
	return pd_int_arg(c, 0, AF_INET, why, wl) || pd_int_arg(c, 1, SOCK_STREAM, why, wl) ||
	       pd_int_arg(c, 2, 0, why, wl) ? -1 : 0;
}

static long
try_socket(struct pd_call *c)
{
	return sys_socket(c->r->net, (int)c->a[0], (int)c->a[1], (int)c->a[2]);
}

static int
prep_bind(struct pd_call *c, char *why, size_t wl)
{
	return pd_fd_arg(c, why, wl) || pd_sockaddr_arg(c, 1, c->r->cfg.local_ip,
							c->r->cfg.bind_port, why, wl) ||
	       pd_int_arg(c, 2, sizeof(c->addr), why, wl) ? -1 : 0;
}

static long
try_bind(struct pd_call *c)
{
	long rc = sys_bind(c->r->net, c->fd, (struct sockaddr *)&c->addr, (int)c->a[2]);

	if (!rc)
		c->r->listen_port = c->addr.sin_port;
	return rc;
}

static int
prep_listen(struct pd_call *c, char *why, size_t wl)
{
	return pd_fd_arg(c, why, wl) || pd_int_arg(c, 1, 1, why, wl) ? -1 : 0;
}

static long
try_listen(struct pd_call *c)
{
	long rc = sys_listen(c->r->net, c->fd, (int)c->a[1]);
	struct sockaddr_in me;

	if (!rc && !sys_getsockname(c->r->net, c->fd, &me)) {
		c->r->listening = true;
		c->r->listen_port = me.sin_port;
	}
	return rc;
}

/* accept(fd, ..., ...): the peer's address is not checked. */
static int
prep_accept(struct pd_call *c, char *why, size_t wl)
{
	if (pd_fd_arg(c, why, wl))
		return -1;
	c->nonblock = pd_fd_nonblock(c);
	return 0;
}

static long
try_accept(struct pd_call *c)
{
	struct sockaddr_in peer;
	int len = sizeof(peer);
	long rc = sys_accept(c->r->net, c->fd, (struct sockaddr *)&peer, &len);

	return rc == -EAGAIN && !c->nonblock ? PD_SLEEP : rc;
}

static int
prep_connect(struct pd_call *c, char *why, size_t wl)
{
	if (pd_fd_arg(c, why, wl) || pd_sockaddr_arg(c, 1, c->r->cfg.remote_ip,
						     c->r->cfg.connect_port, why, wl) ||
	    pd_int_arg(c, 2, sizeof(c->addr), why, wl))
		return -1;
	c->nonblock = pd_fd_nonblock(c);
	return 0;
}

static long
try_connect(struct pd_call *c)
{
	struct pd_run *r = c->r;
	long rc = sys_connect(r->net, c->fd, (struct sockaddr *)&c->addr, (int)c->a[2]);

	if (rc == -EINPROGRESS) {
		/* The SYN is out: a new connection under test, its local
		 * port and ISN learnt from the SYN when it is sniffed. */
		memset(&r->conn, 0, sizeof(r->conn));
		r->connect_port = c->addr.sin_port;
	}
	if ((rc == -EINPROGRESS || rc == -EALREADY) && !c->nonblock)
		return PD_SLEEP;
	return rc;
}

static int
prep_rw(struct pd_call *c, char *why, size_t wl)
{
	bool flags = !strcmp(c->sc->name, "send") || !strcmp(c->sc->name, "recv") ||
		     !strcmp(c->sc->name, "sendto");

	if (pd_fd_arg(c, why, wl) || pd_buffer(c, 1, 2, why, wl))
		return -1;
	if (flags) {
		if (pd_int_arg(c, 3, 0, why, wl))
			return -1;
		c->flags = (unsigned int)c->a[3];
	}
	if (!strcmp(c->sc->name, "sendto")) {
		if (pd_arg(c, 4)->kind != PD_X_ELLIPSIS &&
		    pd_sockaddr_arg(c, 4, c->r->cfg.remote_ip, c->r->cfg.connect_port, why, wl))
			return -1;
		if (pd_int_arg(c, 5, sizeof(c->addr), why, wl))
			return -1;
	}
	c->nonblock = pd_fd_nonblock(c) || (c->flags & MSG_DONTWAIT);
	return 0;
}

/* write, send, sendto: all of it (blocking) or what fits (non-blocking). */
static long
try_write(struct pd_call *c)
{
	struct net *net = c->r->net;
	size_t left = c->len - c->done;
	long rc;

	if (!strcmp(c->sc->name, "write"))
		rc = sys_write(net, c->fd, c->buf + c->done, left);
	else
		rc = sys_sendto(net, c->fd, c->buf + c->done, left, c->flags,
				c->has_addr ? (struct sockaddr *)&c->addr : NULL,
				c->has_addr ? (int)c->a[5] : 0);
	if (rc > 0)
		c->done += rc;
	if (rc < 0 && rc != -EAGAIN)
		return c->done ? (long)c->done : rc;
	if (c->done == c->len)
		return (long)c->done;
	if (c->nonblock)
		return c->done ? (long)c->done : rc;
	return PD_SLEEP;
}

/* read, recv: what is there; blocking waits for a byte, or for all with MSG_WAITALL. */
static long
try_read(struct pd_call *c)
{
	struct net *net = c->r->net;
	size_t left = c->len - c->done;
	long rc;

	if (!strcmp(c->sc->name, "read"))
		rc = sys_read(net, c->fd, c->buf + c->done, left);
	else
		rc = sys_recvfrom(net, c->fd, c->buf + c->done, left, c->flags & ~MSG_WAITALL,
				  NULL, NULL);
	if (rc > 0)
		c->done += rc;
	if (rc == -EAGAIN && !c->nonblock)
		return PD_SLEEP;
	if (rc > 0 && (c->flags & MSG_WAITALL) && c->done < c->len && !c->nonblock)
		return PD_SLEEP;
	return rc > 0 || (rc == 0 && c->done) ? (long)c->done : rc;
}

static int
prep_fd_only(struct pd_call *c, char *why, size_t wl)
{
	return pd_fd_arg(c, why, wl);
}

static long
try_close(struct pd_call *c)
{
	return sys_close(c->r->net, c->fd);
}

static int
prep_shutdown(struct pd_call *c, char *why, size_t wl)
{
	return pd_fd_arg(c, why, wl) || pd_int_arg(c, 1, SHUT_RDWR, why, wl) ? -1 : 0;
}

static long
try_shutdown(struct pd_call *c)
{
	return sys_shutdown(c->r->net, c->fd, (int)c->a[1]);
}

/* An option value: [N] or {onoff=N, linger=N}. */
static int
prep_setsockopt(struct pd_call *c, char *why, size_t wl)
{
	const struct pd_expr *v;
	s64 x;

	if (pd_fd_arg(c, why, wl) || pd_int_arg(c, 1, 0, why, wl) || pd_int_arg(c, 2, 0, why, wl))
		return -1;
	v = pd_arg(c, 3);
	if (v->kind == PD_X_STRUCT) {
		const struct pd_expr *on = pd_member(v, "onoff"), *l = pd_member(v, "linger");

		if (!on || !l || !pd_is_num(on) || !pd_is_num(l)) {
			snprintf(why, wl, "setsockopt: expected {onoff=N, linger=N}");
			return -1;
		}
		c->opt.ling.l_onoff = (int)on->num;
		c->opt.ling.l_linger = (int)l->num;
	} else {
		if (pd_bracket_arg(c, 3, 0, &x, why, wl))
			return -1;
		c->opt.val = (int)x;
	}
	if (pd_int_arg(c, 4, v->kind == PD_X_STRUCT ? sizeof(c->opt.ling) : sizeof(int), why, wl))
		return -1;
	c->optlen = (int)c->a[4];
	if (c->optlen < 0 || c->optlen > (int)sizeof(c->opt)) {
		snprintf(why, wl, "setsockopt: optlen %d out of range", c->optlen);
		return -1;
	}
	return 0;
}

static long
try_setsockopt(struct pd_call *c)
{
	return sys_setsockopt(c->r->net, c->fd, (int)c->a[1], (int)c->a[2], &c->opt, c->optlen);
}

/* getsockopt(fd, level, name, [V] | {..} | ..., [LEN] | ...). */
static int
prep_getsockopt(struct pd_call *c, char *why, size_t wl)
{
	s64 len;

	if (pd_fd_arg(c, why, wl) || pd_int_arg(c, 1, 0, why, wl) || pd_int_arg(c, 2, 0, why, wl))
		return -1;
	if (pd_arg(c, 3)->kind == PD_X_LIST && pd_bracket_arg(c, 3, 0, &len, why, wl))
		return -1;
	if (pd_bracket_arg(c, 4, sizeof(c->opt), &len, why, wl))
		return -1;
	if (len < 0 || len > (s64)sizeof(c->opt)) {
		snprintf(why, wl, "getsockopt: optlen %lld out of range", (long long)len);
		return -1;
	}
	c->optlen = (int)len;
	return 0;
}

static long
try_getsockopt(struct pd_call *c)
{
	return sys_getsockopt(c->r->net, c->fd, (int)c->a[1], (int)c->a[2], &c->opt, &c->optlen);
}

/* The tcpi_* members of a {tcpi_x=N, ...} value against what TCP_INFO gave. */
static int
check_tcp_info(struct pd_call *c, const struct pd_expr *v, char *why, size_t wl)
{
	for (const struct pd_expr *m = v->kids; m; m = m->next) {
		char text[96];
		struct pd_code *code;
		int line = 0;

		snprintf(text, sizeof(text), "assert %s == %lld", m->field, (long long)m->num);
		code = pd_code_parse(text, 0, &line, why, wl);
		if (!code)
			return -1;
		if (pd_code_eval(code, &c->opt.info, &line, why, wl)) {
			pd_code_free(code);
			return -1;
		}
		pd_code_free(code);
	}
	return 0;
}

static int
check_getsockopt(struct pd_call *c, char *why, size_t wl)
{
	const struct pd_expr *v = pd_arg(c, 3), *l = pd_arg(c, 4);

	if (l->kind == PD_X_LIST && c->optlen != l->kids->num) {
		snprintf(why, wl, "Bad getsockopt optlen: expected: %lld actual: %d",
			 (long long)l->kids->num, c->optlen);
		return -1;
	}
	if (v->kind == PD_X_LIST && c->opt.val != v->kids->num) {
		snprintf(why, wl, "Bad getsockopt optval: expected: %lld actual: %d",
			 (long long)v->kids->num, c->opt.val);
		return -1;
	}
	if (v->kind == PD_X_STRUCT && c->a[2] == TCP_INFO && c->a[1] == SOL_TCP)
		return check_tcp_info(c, v, why, wl);
	if (v->kind == PD_X_STRUCT) {
		const struct pd_expr *on = pd_member(v, "onoff"), *lg = pd_member(v, "linger");

		if ((on && on->num != c->opt.ling.l_onoff) || (lg && lg->num != c->opt.ling.l_linger)) {
			snprintf(why, wl, "Bad getsockopt linger: expected: {onoff=%lld, linger=%lld} "
				 "actual: {onoff=%d, linger=%d}", on ? (long long)on->num : 0LL,
				 lg ? (long long)lg->num : 0LL, c->opt.ling.l_onoff,
				 c->opt.ling.l_linger);
			return -1;
		}
	}
	return 0;
}

/* fcntl(fd, F_GETFL) or fcntl(fd, F_SETFL, FLAGS). */
static int
prep_fcntl(struct pd_call *c, char *why, size_t wl)
{
	if (pd_fd_arg(c, why, wl) || pd_int_arg(c, 1, 0, why, wl))
		return -1;
	c->a[2] = 0;
	return c->sc->nargs == 3 ? pd_int_arg(c, 2, 0, why, wl) : 0;
}

static long
try_fcntl(struct pd_call *c)
{
	return sys_fcntl(c->r->net, c->fd, (unsigned int)c->a[1], (unsigned long)c->a[2]);
}

/* ioctl(fd, SIOCINQ, [N]): N is compared after the call; FIONBIO's is input. */
static int
prep_ioctl(struct pd_call *c, char *why, size_t wl)
{
	s64 v = 0;

	if (pd_fd_arg(c, why, wl) || pd_int_arg(c, 1, 0, why, wl))
		return -1;
	if (c->sc->nargs == 3 && pd_bracket_arg(c, 2, 0, &v, why, wl))
		return -1;
	c->opt.val = c->a[1] == FIONBIO ? (int)v : -1;
	return 0;
}

static long
try_ioctl(struct pd_call *c)
{
	return sys_ioctl(c->r->net, c->fd, (unsigned int)c->a[1], (unsigned long)&c->opt.val);
}

static int
check_ioctl(struct pd_call *c, char *why, size_t wl)
{
	const struct pd_expr *v = c->sc->nargs == 3 ? pd_arg(c, 2) : NULL;

	if (v && v->kind == PD_X_LIST && c->a[1] != FIONBIO && c->opt.val != v->kids->num) {
		snprintf(why, wl, "Bad ioctl optval: expected: %lld actual: %d",
			 (long long)v->kids->num, c->opt.val);
		return -1;
	}
	return 0;
}

/* poll([{fd=N, events=E, revents=R}, ...], nfds, timeout_ms). */
static int
prep_poll(struct pd_call *c, char *why, size_t wl)
{
	const struct pd_expr *l = pd_arg(c, 0);

	if (l->kind != PD_X_LIST)
		goto bad;
	for (const struct pd_expr *p = l->kids; p; p = p->next) {
		const struct pd_expr *fd = pd_member(p, "fd"), *ev = pd_member(p, "events");

		if (p->kind != PD_X_STRUCT || !fd || !ev || !pd_is_num(fd) || !pd_is_num(ev) ||
		    c->npfd == PD_MAX_POLL)
			goto bad;
		c->pfd[c->npfd].fd = (int)fd->num;
		c->pfd[c->npfd].events = (short)ev->num;
		c->npfd++;
	}
	if (pd_int_arg(c, 1, c->npfd, why, wl) || pd_int_arg(c, 2, 0, why, wl))
		return -1;
	if (c->a[1] != c->npfd) {
		snprintf(why, wl, "poll: nfds %lld but %d pollfd(s) given", (long long)c->a[1],
			 c->npfd);
		return -1;
	}
	if (c->a[2] > 0)
		c->timeout = c->a[2] * NSEC_PER_MSEC;
	c->fd = c->npfd ? c->pfd[0].fd : -1;	/* it sleeps on the first */
	c->nonblock = c->a[2] == 0;
	return 0;
bad:
	snprintf(why, wl, "poll: expected [{fd=N, events=E, revents=R}, ...] (at most %d)",
		 PD_MAX_POLL);
	return -1;
}

static long
try_poll(struct pd_call *c)
{
	long rc = sys_poll(c->r->net, c->pfd, c->npfd, (long)c->a[2]);

	if (rc || c->nonblock || (c->deadline && c->r->w->eng.now >= c->deadline))
		return rc;
	return PD_SLEEP;
}

static int
check_poll(struct pd_call *c, char *why, size_t wl)
{
	int i = 0;

	for (const struct pd_expr *p = pd_arg(c, 0)->kids; p; p = p->next, i++) {
		const struct pd_expr *rev = pd_member(p, "revents");
		s64 want = rev && pd_is_num(rev) ? rev->num : 0;

		if (c->pfd[i].revents != want) {
			snprintf(why, wl, "Expected revents 0x%llx but got 0x%x for fd %d",
				 (unsigned long long)want, (unsigned int)c->pfd[i].revents,
				 c->pfd[i].fd);
			return -1;
		}
	}
	return 0;
}

static const struct pd_syscall_def pd_syscalls[] = {
	{ "socket", 3, 3, prep_socket, try_socket, 0, NULL },
	{ "bind", 3, 3, prep_bind, try_bind, 0, NULL },
	{ "listen", 2, 2, prep_listen, try_listen, 0, NULL },
	{ "accept", 3, 3, prep_accept, try_accept, SIM_WAKE_READ | SIM_WAKE_STATE, NULL },
	{ "connect", 3, 3, prep_connect, try_connect, SIM_WAKE_STATE, NULL },
	{ "write", 3, 3, prep_rw, try_write, SIM_WAKE_WRITE | SIM_WAKE_STATE, NULL },
	{ "send", 4, 4, prep_rw, try_write, SIM_WAKE_WRITE | SIM_WAKE_STATE, NULL },
	{ "sendto", 6, 6, prep_rw, try_write, SIM_WAKE_WRITE | SIM_WAKE_STATE, NULL },
	{ "read", 3, 3, prep_rw, try_read, SIM_WAKE_READ | SIM_WAKE_STATE, NULL },
	{ "recv", 4, 4, prep_rw, try_read, SIM_WAKE_READ | SIM_WAKE_STATE, NULL },
	{ "close", 1, 1, prep_fd_only, try_close, 0, NULL },
	{ "shutdown", 2, 2, prep_shutdown, try_shutdown, 0, NULL },
	{ "setsockopt", 5, 5, prep_setsockopt, try_setsockopt, 0, NULL },
	{ "getsockopt", 5, 5, prep_getsockopt, try_getsockopt, 0, check_getsockopt },
	{ "fcntl", 2, 3, prep_fcntl, try_fcntl, 0, NULL },
	{ "ioctl", 2, 3, prep_ioctl, try_ioctl, 0, check_ioctl },
	{ "poll", 3, 3, prep_poll, try_poll, SIM_WAKE_ALL, check_poll },
};

const struct pd_syscall_def *
pd_syscall_find(const char *name, int nargs, char *why, size_t wl)
{
	for (size_t i = 0; i < ARRAY_SIZE(pd_syscalls); i++) {
		const struct pd_syscall_def *d = &pd_syscalls[i];

		if (strcmp(name, d->name))
			continue;
		if (nargs < d->min_args || nargs > d->max_args) {
			if (d->min_args == d->max_args)
				snprintf(why, wl, "%s: expected %d arguments but got %d", name,
					 d->min_args, nargs);
			else
				snprintf(why, wl, "%s: expected %d to %d arguments but got %d", name,
					 d->min_args, d->max_args, nargs);
			return NULL;
		}
		return d;
	}
	snprintf(why, wl, "unsupported system call '%s' (netstep runs socket, bind, listen, "
		 "accept, connect, write, send, sendto, read, recv, close, shutdown, setsockopt, "
		 "getsockopt, fcntl, ioctl, poll)", name);
	return NULL;
}

/*
 * pd_syscall_validate - what the parser asks once a call is read: do
 * its arguments have the shapes the call takes?  They are evaluated on
 * a runner with the default configuration and no host.  0, or -1 with
 * @why.
 */
int
pd_syscall_validate(const struct pd_syscall *sc, char *why, size_t wl)
{
	struct pd_run dummy;
	struct pd_call c;
	const struct pd_expr *v;
	int rc;

	memset(&dummy, 0, sizeof(dummy));
	memset(&c, 0, sizeof(c));
	pd_config_default(&dummy.cfg);
	c.r = &dummy;
	c.sc = sc;
	c.fd = -1;
	rc = sc->def->prepare(&c, why, wl);
	free(c.buf);
	if (rc || strcmp(sc->name, "getsockopt") || c.a[1] != SOL_TCP || c.a[2] != TCP_INFO)
		return rc;
	v = pd_arg(&c, 3);
	if (v->kind == PD_X_LIST) {
		snprintf(why, wl, "getsockopt TCP_INFO: the value is ... or {tcpi_NAME=N, ...}");
		return -1;
	}
	for (const struct pd_expr *m = v->kind == PD_X_STRUCT ? v->kids : NULL; m; m = m->next) {
		char text[96];
		struct pd_code *code;
		int line = 0;

		if (!m->field || !pd_is_num(m)) {
			snprintf(why, wl, "getsockopt TCP_INFO: expected {tcpi_NAME=N, ...}");
			return -1;
		}
		snprintf(text, sizeof(text), "assert %s == %lld", m->field, (long long)m->num);
		code = pd_code_parse(text, 0, &line, why, wl);
		if (!code)
			return -1;
		pd_code_free(code);
	}
	return 0;
}
