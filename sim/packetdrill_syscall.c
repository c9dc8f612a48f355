/*
 * sim/packetdrill_syscall.c - the system calls of a packetdrill script,
 * made by the script's process on the student's host.
 *
 * No kernel counterpart: this is the process (libc, and the scheduler
 * that puts it to sleep).  Each call evaluates the script's
 * arguments, calls layers/socket.c (sys_socket, sys_connect,
 * sys_write ...) and compares what comes back with the script: the
 * return value, errno, and what the call writes back (getsockopt's
 * value and length, ioctl's int, poll's revents).
 *
 * A call that would block on a blocking descriptor (connect before the
 * SYN-ACK, accept before a connection, read before data, write into a
 * full send buffer, poll before an event) sleeps as every blocking call
 * in netstep does: a task (sim/task.h) that the socket's wake-ups
 * re-enter.  The runner decides what sleeping means for the script: a
 * call written `+T...END call()` may sleep while the script goes on; any
 * other holds the script until it returns, as packetdrill's main thread
 * would be held.  With O_NONBLOCK (fcntl, SOCK_NONBLOCK) or
 * MSG_DONTWAIT the call returns EAGAIN / EINPROGRESS instead.
 *
 * The calls themselves, their arguments and their checks are in
 * sim/packetdrill_calls.c; here are the names a script may use
 * (symbols, errnos) and the machinery that runs a call.
 */
#include "sim/packetdrill_priv.h"
#include "sim/task.h"
#include "sim/topology.h"

#include <fcntl.h>
#include <stdlib.h>
#include <string.h>

/* ---- symbols ------------------------------------------------------------- */

static const struct {
	const char *name;
	s64 value;
} pd_symbols[] = {
	{ "AF_INET", AF_INET }, { "AF_UNSPEC", AF_UNSPEC },
	{ "SOCK_STREAM", SOCK_STREAM }, { "SOCK_DGRAM", SOCK_DGRAM },
	{ "SOCK_NONBLOCK", SOCK_NONBLOCK }, { "SOCK_CLOEXEC", SOCK_CLOEXEC },
	{ "IPPROTO_IP", IPPROTO_IP }, { "IPPROTO_TCP", IPPROTO_TCP }, { "IPPROTO_UDP", IPPROTO_UDP },
	{ "SOL_SOCKET", SOL_SOCKET }, { "SOL_TCP", SOL_TCP }, { "SOL_IP", IPPROTO_IP },
	{ "SO_REUSEADDR", SO_REUSEADDR }, { "SO_TYPE", SO_TYPE }, { "SO_ERROR", SO_ERROR },
	{ "SO_SNDBUF", SO_SNDBUF }, { "SO_RCVBUF", SO_RCVBUF }, { "SO_LINGER", SO_LINGER },
	{ "SO_ACCEPTCONN", SO_ACCEPTCONN }, { "SO_KEEPALIVE", SO_KEEPALIVE },
	{ "TCP_NODELAY", TCP_NODELAY }, { "TCP_MAXSEG", TCP_MAXSEG }, { "TCP_CORK", TCP_CORK },
	{ "TCP_INFO", TCP_INFO },
	{ "F_GETFL", F_GETFL }, { "F_SETFL", F_SETFL },
	{ "O_RDONLY", O_RDONLY }, { "O_WRONLY", O_WRONLY }, { "O_RDWR", O_RDWR },
	{ "O_NONBLOCK", O_NONBLOCK }, { "O_APPEND", O_APPEND },
	{ "SIOCINQ", SIOCINQ }, { "FIONREAD", SIOCINQ }, { "SIOCOUTQ", SIOCOUTQ },
	{ "FIONBIO", FIONBIO },
	{ "POLLIN", POLLIN }, { "POLLPRI", POLLPRI }, { "POLLOUT", POLLOUT },
	{ "POLLERR", POLLERR }, { "POLLHUP", POLLHUP }, { "POLLNVAL", POLLNVAL },
	{ "POLLRDNORM", POLLRDNORM }, { "POLLRDBAND", POLLRDBAND }, { "POLLWRNORM", POLLWRNORM },
	{ "POLLWRBAND", POLLWRBAND }, { "POLLRDHUP", POLLRDHUP },
	{ "SHUT_RD", SHUT_RD }, { "SHUT_WR", SHUT_WR }, { "SHUT_RDWR", SHUT_RDWR },
	{ "MSG_PEEK", MSG_PEEK }, { "MSG_DONTWAIT", MSG_DONTWAIT }, { "MSG_WAITALL", MSG_WAITALL },
	{ "MSG_MORE", MSG_MORE }, { "MSG_NOSIGNAL", MSG_NOSIGNAL },
};

/* Every errno a socket call here can return, with its name. */
static const struct {
	const char *name;
	int value;
} pd_errnos[] = {
	{ "EPERM", EPERM }, { "ENOENT", ENOENT }, { "EINTR", EINTR }, { "EIO", EIO },
	{ "EBADF", EBADF }, { "EAGAIN", EAGAIN }, { "EWOULDBLOCK", EWOULDBLOCK },
	{ "ENOMEM", ENOMEM }, { "EACCES", EACCES }, { "EFAULT", EFAULT }, { "EINVAL", EINVAL },
	{ "ENFILE", ENFILE }, { "EMFILE", EMFILE }, { "ENOTTY", ENOTTY }, { "EPIPE", EPIPE },
	{ "ENOTSOCK", ENOTSOCK }, { "EDESTADDRREQ", EDESTADDRREQ }, { "EMSGSIZE", EMSGSIZE },
	{ "EPROTOTYPE", EPROTOTYPE }, { "ENOPROTOOPT", ENOPROTOOPT },
	{ "EPROTONOSUPPORT", EPROTONOSUPPORT }, { "ESOCKTNOSUPPORT", ESOCKTNOSUPPORT },
	{ "EOPNOTSUPP", EOPNOTSUPP }, { "EAFNOSUPPORT", EAFNOSUPPORT },
	{ "EADDRINUSE", EADDRINUSE }, { "EADDRNOTAVAIL", EADDRNOTAVAIL },
	{ "ENETDOWN", ENETDOWN }, { "ENETUNREACH", ENETUNREACH },
	{ "ECONNABORTED", ECONNABORTED }, { "ECONNRESET", ECONNRESET }, { "ENOBUFS", ENOBUFS },
	{ "EISCONN", EISCONN }, { "ENOTCONN", ENOTCONN }, { "ETIMEDOUT", ETIMEDOUT },
	{ "ECONNREFUSED", ECONNREFUSED }, { "EHOSTUNREACH", EHOSTUNREACH },
	{ "EALREADY", EALREADY }, { "EINPROGRESS", EINPROGRESS },
};

bool
pd_symbol(const char *name, s64 *value)
{
	for (size_t i = 0; i < ARRAY_SIZE(pd_symbols); i++)
		if (!strcmp(name, pd_symbols[i].name)) {
			*value = pd_symbols[i].value;
			return true;
		}
	for (size_t i = 0; i < ARRAY_SIZE(pd_errnos); i++)
		if (!strcmp(name, pd_errnos[i].name)) {
			*value = pd_errnos[i].value;
			return true;
		}
	return false;
}

const char *
pd_errno_name(int err)
{
	for (size_t i = 0; i < ARRAY_SIZE(pd_errnos); i++)
		if (pd_errnos[i].value == err)
			return pd_errnos[i].name;
	return NULL;
}

/* ---- running a call --------------------------------------------------------- */

static void
pd_call_free(struct pd_call *c)
{
	if (!c)
		return;
	sim_event_cancel(&c->r->w->eng, &c->timer);
	free(c->buf);
	free(c);
}

/* The task's body: one attempt; sleep on the descriptor's socket if it would block. */
static int
pd_call_task(struct sim_task *t)
{
	struct pd_call *c = t->priv;
	long rc = c->sc->def->attempt(c);

	if (rc == PD_SLEEP) {
		int err;
		struct socket *sock = sockfd_lookup(c->r->net, c->fd, &err);

		if (sock && sock->sk) {
			sim_task_sleep_on(t, sock->sk, c->sc->def->sleep);
			return -EAGAIN;
		}
		rc = -EBADF;	/* closed under it (NOTE: Linux would say EBADF too) */
	}
	c->rc = rc;
	return 0;
}

static void
pd_call_done(struct sim_task *t, int rc)
{
	struct pd_call *c = t->priv;

	if (rc)			/* the task was finished for it: the world went idle */
		c->rc = rc;
	c->finished = true;
	c->task = NULL;
	sim_event_cancel(&c->r->w->eng, &c->timer);
	pd_run_kick(c->r);
}

/* poll's timeout: wake the task, whose attempt sees the deadline passed. */
static void
pd_call_timeout(struct sim_event *ev)
{
	struct pd_call *c = container_of(ev, struct pd_call, timer);

	if (c->task)
		sim_task_wake_up(c->task);
}

/* Compare the call's outcome with the script: 0 or -1 (pd_fail done). */
static int
pd_call_check(struct pd_run *r, struct pd_call *c)
{
	const struct pd_event *e = &r->s->ev[c->ev];
	const struct pd_syscall *sc = c->sc;
	long actual = c->rc >= 0 ? c->rc : -1;
	int actual_errno = c->rc >= 0 ? 0 : (int)-c->rc;
	char why[PD_ERR_MAX / 2];

	if (actual != sc->result) {
		if (actual < 0)
			pd_fail(r, e->line, "runtime error in %s call: Expected result %lld but got %ld "
				"with errno %d (%s)", sc->name, (long long)sc->result, actual,
				actual_errno, strerror(actual_errno));
		else
			pd_fail(r, e->line, "runtime error in %s call: Expected result %lld but got %ld",
				sc->name, (long long)sc->result, actual);
		return -1;
	}
	if (sc->err && actual_errno != sc->err) {
		pd_fail(r, e->line, "runtime error in %s call: Expected errno %d (%s) but got %d (%s)",
			sc->name, sc->err, strerror(sc->err), actual_errno, strerror(actual_errno));
		return -1;
	}
	if (actual >= 0 && sc->def->check && sc->def->check(c, why, sizeof(why))) {
		pd_fail(r, e->line, "runtime error in %s call: %s", sc->name, why);
		return -1;
	}
	return 0;
}

int
pd_syscall_start(struct pd_run *r, const struct pd_event *e)
{
	struct pd_call *c = calloc(1, sizeof(*c));
	char why[PD_ERR_MAX / 2];
	struct sim_task *t;

	if (!c) {
		pd_fail(r, e->line, "runtime error in %s call: out of memory", e->call.name);
		return -1;
	}
	c->r = r;
	c->ev = (int)(e - r->s->ev);
	c->sc = &e->call;
	c->fd = -1;
	sim_event_init(&c->timer, "pd_poll_timeout", pd_call_timeout);
	if (c->sc->def->prepare(c, why, sizeof(why))) {
		pd_fail(r, e->line, "runtime error in %s call: %s", e->call.name, why);
		pd_call_free(c);
		return -1;
	}
	if (c->timeout)
		c->deadline = r->w->eng.now + c->timeout;
	r->call = c;
	t = sim_task_create(r->net, e->call.name, pd_call_task, c, NULL);
	if (!t) {
		pd_fail(r, e->line, "runtime error in %s call: no task", e->call.name);
		pd_syscall_abort(r);
		return -1;
	}
	t->done = pd_call_done;
	t->out = t->err = r->out;
	c->task = t;
	sim_task_start(t);
	if (!c->finished) {
		if (c->deadline)
			sim_event_schedule(&r->w->eng, &c->timer, c->deadline);
		return 0;
	}
	return pd_syscall_finished(r);
}

int
pd_syscall_finished(struct pd_run *r)
{
	struct pd_call *c = r->call;
	int rc;

	if (!c)
		return 1;
	if (!c->finished)
		return 0;
	rc = pd_call_check(r, c);
	r->call = NULL;
	pd_call_free(c);
	return rc ? -1 : 1;
}

int
pd_syscall_event(const struct pd_run *r)
{
	return r->call ? r->call->ev : -1;
}

void
pd_syscall_abort(struct pd_run *r)
{
	pd_call_free(r->call);
	r->call = NULL;
}
