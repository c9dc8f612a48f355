/*
 * tools/sockets.c - the socket commands of the console: a tiny shell
 * over the system calls of layers/socket.c, and ss.
 *
 * No kernel counterpart: user space.  Each command is what a few lines
 * of C would do with the real calls:
 *
 *   socket tcp|udp               socket(AF_INET, SOCK_STREAM|SOCK_DGRAM, 0); prints the fd
 *   connect [FD] ADDR:PORT       connect(); FD defaults to the last socket made
 *   send FD N|TEXT|@FILE         send() N bytes of the pattern, the text, or a file
 *   sendto FD ADDR:PORT N|TEXT|@FILE   sendto() one datagram (or stream data)
 *   close FD                     close()
 *   ulimit -n                    the descriptor limit (sys_accept: EMFILE beyond it)
 *   listen PORT [rcvbuf BYTES]   start a TCP sink (sim/app.c) on this host
 *   recv PORT [timeout SECONDS]  wait until the sink on PORT settles, print what it got
 *   ss [-t] [-u] [-a] [-l] [-i] [-n]   iproute2's ss (3.x layout)
 *
 * The pattern of `send FD N`: byte k of the connection's stream (k
 * counted over every `send N` on that descriptor) is k % 251, a prime,
 * so a lost, doubled or misplaced segment changes the SHA-256.
 *
 * `send FD @FILE` is one send() of the whole file, as `send N` is of N
 * bytes: a regular file, of any size, is mapped (mmap) rather than read,
 * send() copies from the mapping as the socket's send buffer drains, and
 * the pages already sent are dropped, so netstep's memory does not grow
 * with the file.  A pipe or a device is read whole (SIM_SEND_MAX bytes
 * at most).
 *
 * A call that would block (connect waiting for the SYN-ACK, send with a
 * full send buffer, recv before the data is in) becomes a task
 * (sim/task.c); the console lets time run until it finishes.  The
 * arguments are all checked first: a bad one gives one line on @err and
 * status 2 with nothing done.  A failed call prints "CMD: strerror" and
 * gives status 1.
 */
#include "tools/tools.h"
#include "layers/sock.h"
#include "layers/udp.h"
#include "layers/ip.h"
#include "layers/neighbour.h"
#include "sim/app.h"
#include "sim/console.h"
#include "sim/host.h"
#include "sim/task.h"

#include "layers/tcp.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#define SIM_SEND_MAX	(64u << 20)	/* bytes one `send N` (or a pipe) may carry */
#define SIM_PATTERN_MOD	251		/* byte k of a stream is k % 251 */
#define SIM_RCVBUF_MAX	(16 << 20)

/* What a send/sendto command carries, checked before anything runs. */
struct sim_send_req {
	struct net *net;
	int fd;
	bool has_addr;
	struct sockaddr_in addr;
	u8 *buf;			/* the bytes: allocated, or a file's mapping */
	size_t len;
	size_t done;			/* sent so far */
	bool pattern;			/* N bytes of the pattern: fill at run time */
	const char *cmd;		/* "send" or "sendto" */
	/* A mapped @FILE (buf is its mapping): */
	int file;			/* its descriptor, -1 = buf is allocated */
	char *word;			/* "@FILE", for messages */
	size_t dropped;			/* the first bytes, whose pages are let go */
	bool reported;			/* it failed, and said so */
};

/* "3" -> 3; the descriptor must be open on @net. */
static int
sim_parse_fd(struct net *net, const char *cmd, const char *s, int *fd, FILE *err)
{
	char *end;
	long v = strtol(s, &end, 10);
	int e;

	if (!*s || *end || v < 0 || v >= SIM_NR_OPEN) {
		fprintf(err, "%s: invalid file descriptor '%s'\n", cmd, s);
		return -1;
	}
	/* NOTE: whether it is open is the call's business (EBADF, status
	 * 1): a script may use a descriptor an earlier script opened. */
	(void)net;
	(void)e;
	*fd = (int)v;
	return 0;
}

/* "10.0.1.2:5000" -> sockaddr_in. */
static int
sim_parse_addr_port(const char *cmd, const char *s, struct sockaddr_in *sin, FILE *err)
{
	char host[32];
	const char *colon = strrchr(s, ':');
	char *end;
	long port;

	memset(sin, 0, sizeof(*sin));
	if (!colon || colon == s || (size_t)(colon - s) >= sizeof(host))
		goto bad;
	memcpy(host, s, colon - s);
	host[colon - s] = '\0';
	if (inet_pton(AF_INET, host, &sin->sin_addr) != 1)
		goto bad;
	port = strtol(colon + 1, &end, 10);
	if (!colon[1] || *end || port < 1 || port > 65535)
		goto bad;
	sin->sin_family = AF_INET;
	sin->sin_port = htons((u16)port);
	return 0;
bad:
	fprintf(err, "%s: invalid address '%s' (ADDR:PORT)\n", cmd, s);
	return -1;
}

static int
sim_parse_port(const char *cmd, const char *s, u16 *port, FILE *err)
{
	char *end;
	long v = strtol(s, &end, 10);

	if (!*s || *end || v < 1 || v > 65535) {
		fprintf(err, "%s: invalid port '%s'\n", cmd, s);
		return -1;
	}
	*port = (u16)v;
	return 0;
}

static bool
sim_all_digits(const char *s)
{
	if (!*s)
		return false;
	for (; *s; s++)
		if (*s < '0' || *s > '9')
			return false;
	return true;
}

/*
 * The one refusal of a payload over SIM_SEND_MAX, in the same words for
 * a count and for a pipe.
 */
static int
sim_payload_too_big(const char *cmd, const char *what, FILE *err)
{
	fprintf(err, "%s: '%s' is more than %u bytes, the most one %s carries\n", cmd, what,
		SIM_SEND_MAX, cmd);
	return -1;
}

/*
 * @FILE, checked without reading it: it opens for reading and is not a
 * directory.  (O_NONBLOCK: a FIFO with no writer must not hang the
 * check.)
 */
static int
sim_check_file(const char *cmd, const char *word, FILE *err)
{
	int fd = open(word + 1, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	struct stat st;
	int rc = 0;

	if (fd < 0 || fstat(fd, &st) || S_ISDIR(st.st_mode)) {
		fprintf(err, "%s: cannot read '%s': %s\n", cmd, word,
			strerror(fd < 0 ? errno : S_ISDIR(st.st_mode) ? EISDIR : errno));
		rc = -1;
	}
	if (fd >= 0)
		close(fd);
	return rc;
}

/*
 * N | TEXT | @FILE, checked: the count in range, the file readable.
 * Nothing is read or allocated here: a script being checked may name
 * many large payloads (sim/host.h, dry).
 */
static int
sim_check_payload(const char *cmd, const char *s, FILE *err)
{
	if (s[0] == '@')
		return sim_check_file(cmd, s, err);
	if (sim_all_digits(s)) {
		errno = 0;
		if (strtoul(s, NULL, 10) > SIM_SEND_MAX || errno)
			return sim_payload_too_big(cmd, s, err);
	}
	return 0;
}

/*
 * @FILE that cannot be mapped, read whole from @fd (closed here): at
 * most SIM_SEND_MAX bytes of a pipe or a device whose size only reading
 * tells (or a /proc file that says it is empty).
 */
static int
sim_read_file(const char *cmd, const char *word, int fd, struct sim_send_req *r, FILE *err)
{
	FILE *f = fdopen(fd, "rb");
	size_t cap = 65536;

	if (!f) {
		fprintf(err, "%s: cannot read '%s': %s\n", cmd, word, strerror(errno));
		close(fd);
		return -1;
	}
	r->buf = malloc(cap);
	r->len = 0;
	while (r->buf && !feof(f) && !ferror(f)) {
		if (r->len == cap) {
			size_t ncap = cap > SIM_SEND_MAX / 2 ? SIM_SEND_MAX + 1 : cap * 2;
			u8 *nb;

			if (cap > SIM_SEND_MAX) {
				sim_payload_too_big(cmd, word, err);
				goto fail;
			}
			nb = realloc(r->buf, ncap);
			if (!nb)
				goto fail;
			r->buf = nb;
			cap = ncap;
		}
		r->len += fread(r->buf + r->len, 1, cap - r->len, f);
	}
	if (!r->buf || ferror(f)) {
		fprintf(err, "%s: cannot read '%s'%s\n", cmd, word, r->buf ? "" : ": out of memory");
		goto fail;
	}
	fclose(f);
	return 0;
fail:
	free(r->buf);
	r->buf = NULL;
	fclose(f);
	return -1;
}

/*
 * @FILE, opened when the command runs: a regular file is mapped for
 * sim_send_fn (its size now is what is sent: it may have changed since
 * the check), anything else is read.
 */
static int
sim_open_file(const char *cmd, const char *word, struct sim_send_req *r, FILE *err)
{
	int fd = open(word + 1, O_RDONLY | O_CLOEXEC);
	struct stat st;
	void *map;

	if (fd < 0) {
		fprintf(err, "%s: cannot read '%s': %s\n", cmd, word, strerror(errno));
		return -1;
	}
	if (fstat(fd, &st) || !S_ISREG(st.st_mode) || st.st_size <= 0 ||
	    (unsigned long long)st.st_size > SIZE_MAX)
		return sim_read_file(cmd, word, fd, r, err);
	map = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
	r->word = strdup(word);
	if (map == MAP_FAILED || !r->word) {
		if (map != MAP_FAILED)
			munmap(map, (size_t)st.st_size);
		free(r->word);
		r->word = NULL;
		return sim_read_file(cmd, word, fd, r, err);
	}
	r->buf = map;
	r->len = (size_t)st.st_size;
	r->file = fd;
	return 0;
}

/* The bytes of a checked payload; the pattern is filled in later. */
static int
sim_make_payload(const char *cmd, const char *s, struct sim_send_req *r, FILE *err)
{
	if (s[0] == '@')
		return sim_open_file(cmd, s, r, err);
	if (sim_all_digits(s)) {
		r->len = strtoul(s, NULL, 10);
		r->pattern = true;
	} else {
		r->len = strlen(s);
	}
	r->buf = malloc(r->len ? r->len : 1);
	if (!r->buf) {
		fprintf(err, "%s: out of memory for %zu bytes\n", cmd, r->len);
		return -1;
	}
	if (!r->pattern)
		memcpy(r->buf, s, r->len);
	return 0;
}

static void
sim_send_req_release(struct sim_send_req *r)
{
	if (r->file >= 0) {
		munmap(r->buf, r->len);
		close(r->file);
		free(r->word);
	} else {
		free(r->buf);
	}
	free(r);
}

static void
sim_send_req_free(struct sim_task *t)
{
	sim_send_req_release(t->priv);
}

/*
 * A mapped file going out: let go of the pages before @r->done (send()
 * has copied them into skbs; touching them again would bring them back
 * from the page cache), so the resident memory stays near what the send
 * buffer holds, whatever the file's size.
 */
static void
sim_send_drop_sent(struct sim_send_req *r)
{
	size_t page = (size_t)sysconf(_SC_PAGESIZE);
	size_t upto = r->done / page * page;

	if (r->file < 0 || upto <= r->dropped)
		return;
	(void)madvise(r->buf + r->dropped, upto - r->dropped, MADV_DONTNEED);	/* a hint */
	r->dropped = upto;
}

/*
 * Bytes of a mapped file past its end fault (SIGBUS): a file cut short
 * while it is being sent (rewritten by another program) ends the send
 * with one line instead.
 */
static bool
sim_send_file_shrank(struct sim_send_req *r, FILE *err)
{
	struct stat st;

	if (r->file < 0 || (!fstat(r->file, &st) && (unsigned long long)st.st_size >= r->len))
		return false;
	fprintf(err, "%s: '%s' shrank while being sent (%zu of %zu bytes sent)\n", r->cmd,
		r->word, r->done, r->len);
	r->reported = true;
	return true;
}

static struct sock *
sim_fd_sk(struct net *net, int fd)
{
	int e;
	struct socket *sock = sockfd_lookup(net, fd, &e);

	return sock ? sock->sk : NULL;
}

/* The send task: sys_sendto with what is left, until all is taken. */
static int
sim_send_fn(struct sim_task *t)
{
	struct sim_send_req *r = t->priv;
	struct sock *sk;
	int rc;

	while (r->done < r->len || (r->len == 0 && r->done == 0)) {
		if (sim_send_file_shrank(r, t->err))
			return -EIO;
		rc = sys_sendto(r->net, r->fd, r->buf + r->done, r->len - r->done, 0,
				r->has_addr ? (struct sockaddr *)&r->addr : NULL,
				r->has_addr ? sizeof(r->addr) : 0);
		if (rc == -EAGAIN || (rc == 0 && r->len > 0)) {
			sk = sim_fd_sk(r->net, r->fd);
			if (!sk)
				return -EBADF;
			/* KERNEL: sk_stream_wait_memory / sock_alloc_send_skb sleep here. */
			sim_send_drop_sent(r);
			sim_task_sleep_on(t, sk, SIM_WAKE_WRITE | SIM_WAKE_STATE);
			return -EAGAIN;
		}
		if (rc < 0)
			return rc;
		r->done += rc;
		sim_host(r->net)->task_bytes += rc;
		if (r->len == 0)
			break;
	}
	return 0;
}

/* A command's task ended: a failure is the status (the first one counts). */
static void
sim_cmd_failed(struct sim_task *t)
{
	if (!sim_host(t->net)->task_status)
		sim_host(t->net)->task_status = 1;
}

static void
sim_cmd_done(struct sim_task *t, int rc)
{
	if (rc < 0) {
		fprintf(t->err, "%s: %s\n", t->comm, strerror(-rc));
		sim_cmd_failed(t);
	}
}

/* A send that said itself why it stopped (sim_send_file_shrank). */
static void
sim_send_done(struct sim_task *t, int rc)
{
	const struct sim_send_req *r = t->priv;

	if (r->reported)
		sim_cmd_failed(t);
	else
		sim_cmd_done(t, rc);
}

/* Start a command's task; 0 (done or pending), 1 if it failed at once. */
static int
sim_start(struct sim_task *t, FILE *out, FILE *err)
{
	struct net *net = t->net;
	int rc;

	t->out = out;
	t->err = err;
	if (!t->done)
		t->done = sim_cmd_done;
	rc = sim_task_start(t);
	if (rc == -EINPROGRESS)
		return 0;
	if (rc < 0) {
		sim_host(net)->task_status = 0;	/* reported through our return */
		return 1;
	}
	return 0;
}

/*
 * @len bytes of the pattern from stream offset @off: one period (251
 * bytes) counted out, then copied over in doubling blocks, each a whole
 * number of periods.
 */
static void
sim_fill_pattern(u8 *buf, size_t len, u64 off)
{
	size_t n = len < SIM_PATTERN_MOD ? len : SIM_PATTERN_MOD;
	unsigned int v = (unsigned int)(off % SIM_PATTERN_MOD);

	for (size_t i = 0; i < n; i++) {
		buf[i] = (u8)v;
		if (++v == SIM_PATTERN_MOD)
			v = 0;
	}
	while (n < len) {
		size_t c = n < len - n ? n : len - n;

		memcpy(buf + n, buf, c);
		n += c;
	}
}

static int
sim_send_common(struct net *net, const char *cmd, int fd, const struct sockaddr_in *addr,
		const char *payload, FILE *out, FILE *err)
{
	struct sim_send_req *r;
	struct sim_task *t;
	int e;

	if (sim_check_payload(cmd, payload, err))
		return 2;
	if (sim_host(net)->dry)
		return 0;	/* checked: the bytes are for the run */
	r = calloc(1, sizeof(*r));
	if (!r) {
		fprintf(err, "%s: out of memory\n", cmd);
		return 1;
	}
	r->net = net;
	r->fd = fd;
	r->cmd = cmd;
	r->file = -1;
	if (addr) {
		r->has_addr = true;
		r->addr = *addr;
	}
	if (sim_make_payload(cmd, payload, r, err)) {
		free(r);
		return 1;	/* checked, yet not readable now: a runtime failure */
	}
	/* NOTE: a descriptor that is not open is sys_sendto's to refuse
	 * (EBADF from sockfd_lookup_light), so that the trace shows it. */
	if (r->pattern && sockfd_lookup(net, fd, &e)) {
		sim_fill_pattern(r->buf, r->len, net->files->pattern_off[fd]);
		net->files->pattern_off[fd] += r->len;
	}
	t = sim_task_create(net, cmd, sim_send_fn, r, sim_send_req_free);
	if (!t) {
		sim_send_req_release(r);
		fprintf(err, "%s: too many blocked commands\n", cmd);
		return 1;
	}
	t->done = sim_send_done;
	return sim_start(t, out, err);
}

/* send FD N|TEXT|@FILE */
int
tool_send(struct net *net, int argc, char **argv, FILE *out, FILE *err)
{
	int fd;

	if (argc != 3) {
		fprintf(err, "send: usage: send FD N|\"text\"|@FILE\n");
		return 2;
	}
	if (sim_parse_fd(net, "send", argv[1], &fd, err))
		return 2;
	return sim_send_common(net, "send", fd, NULL, argv[2], out, err);
}

/* sendto FD ADDR:PORT N|TEXT|@FILE */
int
tool_sendto(struct net *net, int argc, char **argv, FILE *out, FILE *err)
{
	struct sockaddr_in sin;
	int fd;

	if (argc != 4) {
		fprintf(err, "sendto: usage: sendto FD ADDR:PORT N|\"text\"|@FILE\n");
		return 2;
	}
	if (sim_parse_fd(net, "sendto", argv[1], &fd, err) ||
	    sim_parse_addr_port("sendto", argv[2], &sin, err))
		return 2;
	return sim_send_common(net, "sendto", fd, &sin, argv[3], out, err);
}

/* socket tcp|udp */
int
tool_socket(struct net *net, int argc, char **argv, FILE *out, FILE *err)
{
	int type, fd;

	if (argc != 2 || (strcmp(argv[1], "tcp") && strcmp(argv[1], "udp"))) {
		fprintf(err, "socket: unknown type '%s' (tcp or udp)\n", argc > 1 ? argv[1] : "");
		return 2;
	}
	type = !strcmp(argv[1], "tcp") ? SOCK_STREAM : SOCK_DGRAM;
	fd = sys_socket(net, AF_INET, type, 0);
	if (fd < 0) {
		fprintf(err, "socket: %s\n", strerror(-fd));
		return 1;
	}
	fprintf(out, "%d\n", fd);
	return 0;
}

struct sim_connect_req {
	struct net *net;
	int fd;
	struct sockaddr_in addr;
};

/* The connect task: call again after each wake-up until it is decided. */
static int
sim_connect_fn(struct sim_task *t)
{
	struct sim_connect_req *r = t->priv;
	int rc = sys_connect(r->net, r->fd, (struct sockaddr *)&r->addr, sizeof(r->addr));
	struct sock *sk;

	if (rc == -EINPROGRESS || rc == -EALREADY) {
		sk = sim_fd_sk(r->net, r->fd);
		if (!sk)
			return -EBADF;
		/* KERNEL: inet_wait_for_connect sleeps here. */
		sim_task_sleep_on(t, sk, SIM_WAKE_STATE);
		return -EAGAIN;
	}
	return rc;
}

static void
sim_free_priv(struct sim_task *t)
{
	free(t->priv);
}

/* connect [FD] ADDR:PORT */
int
tool_connect(struct net *net, int argc, char **argv, FILE *out, FILE *err)
{
	struct sim_connect_req *r;
	struct sockaddr_in sin;
	struct sim_task *t;
	int fd;

	if (argc == 2) {
		if (sim_parse_addr_port("connect", argv[1], &sin, err))
			return 2;
		fd = net->files ? net->files->last_socket : -1;
		if (fd < 0) {
			fprintf(err, "connect: no socket to connect (make one with 'socket tcp')\n");
			return 1;
		}
	} else if (argc == 3) {
		if (sim_parse_fd(net, "connect", argv[1], &fd, err) ||
		    sim_parse_addr_port("connect", argv[2], &sin, err))
			return 2;
	} else {
		fprintf(err, "connect: usage: connect [FD] ADDR:PORT\n");
		return 2;
	}
	r = calloc(1, sizeof(*r));
	t = r ? sim_task_create(net, "connect", sim_connect_fn, r, sim_free_priv) : NULL;
	if (!t) {
		free(r);
		fprintf(err, "connect: out of memory\n");
		return 1;
	}
	r->net = net;
	r->fd = fd;
	r->addr = sin;
	return sim_start(t, out, err);
}

/* close FD */
int
tool_close(struct net *net, int argc, char **argv, FILE *out, FILE *err)
{
	int fd, rc;

	(void)out;
	if (argc != 2) {
		fprintf(err, "close: usage: close FD\n");
		return 2;
	}
	if (sim_parse_fd(net, "close", argv[1], &fd, err))
		return 2;
	rc = sys_close(net, fd);
	if (rc < 0) {
		fprintf(err, "close: %s\n", strerror(-rc));
		return 1;
	}
	sim_app_fd_freed(net);
	return 0;
}

/*
 * ulimit -n: the shell builtin's answer, the size of the host's
 * descriptor table (RLIMIT_NOFILE; 0, 1 and 2 are stdin, stdout and
 * stderr).  Read-only: the table has SIM_NR_OPEN slots.
 */
int
tool_ulimit(struct net *net, int argc, char **argv, FILE *out, FILE *err)
{
	(void)net;
	if (argc != 2 || strcmp(argv[1], "-n")) {
		fprintf(err, "ulimit: usage: ulimit -n (open files; netstep shows only this limit)\n");
		return 2;
	}
	fprintf(out, "%d\n", SIM_NR_OPEN);
	return 0;
}

/* listen PORT [rcvbuf BYTES] */
int
tool_listen(struct net *net, int argc, char **argv, FILE *out, FILE *err)
{
	long rcvbuf = 0;
	u16 port;
	int rc;

	(void)out;
	if (argc != 2 && argc != 4) {
		fprintf(err, "listen: usage: listen PORT [rcvbuf BYTES]\n");
		return 2;
	}
	if (sim_parse_port("listen", argv[1], &port, err))
		return 2;
	if (argc == 4) {
		char *end;

		if (strcmp(argv[2], "rcvbuf")) {
			fprintf(err, "listen: unknown option '%s' (rcvbuf)\n", argv[2]);
			return 2;
		}
		rcvbuf = strtol(argv[3], &end, 10);
		if (!*argv[3] || *end || rcvbuf < 1 || rcvbuf > SIM_RCVBUF_MAX) {
			fprintf(err, "listen: invalid rcvbuf '%s' (1..%d)\n", argv[3],
				SIM_RCVBUF_MAX);
			return 2;
		}
	}
	rc = sim_app_tcp_sink(net, port, (int)rcvbuf);
	if (rc < 0) {
		fprintf(err, "listen: port %u: %s\n", port, strerror(-rc));
		return 1;
	}
	return 0;
}

/*
 * recv's bound: like SO_RCVTIMEO on the sink's sockets, the wait fails
 * once nothing has arrived (no connection, byte or EOF) for this long.
 * On the simulated wire a world with nothing left to happen ends the
 * wait instead (virtual time: nothing can come), unless a timeout is
 * given; on the TAP wire the real kernel may still send, so there is
 * always one (README, man page).
 */
#define SIM_RECV_TAP_TIMEOUT	(30 * (ktime_t)NSEC_PER_SEC)

struct sim_recv_req {
	struct sim_app *app;
	ktime_t timeo;			/* fail after this long with nothing new; 0: never */
	ktime_t start;			/* when recv began */
	struct sim_event timer;		/* at the deadline */
	bool timed_out;
};

static ktime_t
sim_recv_deadline(const struct sim_recv_req *q)
{
	return (q->app->last_rx > q->start ? q->app->last_rx : q->start) + q->timeo;
}

/* The deadline came: unless something arrived since, wake recv to fail. */
static void
sim_recv_timer(struct sim_event *ev)
{
	struct sim_recv_req *q = container_of(ev, struct sim_recv_req, timer);
	struct net *net = q->app->net;

	if (net->eng->now < sim_recv_deadline(q)) {
		sim_event_schedule(net->eng, &q->timer, sim_recv_deadline(q));
		return;
	}
	q->timed_out = true;
	sim_task_wake_chan(net, q->app);
}

/* The recv task: sleep on the sink until it has settled. */
static int
sim_recv_fn(struct sim_task *t)
{
	struct sim_recv_req *q = t->priv;

	if (sim_app_settled(q->app))
		return 0;
	if (q->timed_out)
		return -ETIMEDOUT;
	sim_task_wait_chan(t, q->app);
	return -EAGAIN;
}

static void
sim_recv_done(struct sim_task *t, int rc)
{
	struct sim_recv_req *q = t->priv;

	/* Without the timer's word, -ETIMEDOUT means the simulated world
	 * went idle first: report what is there. */
	sim_app_report(q->app, t->out);
	if (rc && q->timed_out) {
		fprintf(t->err, "recv: port %u: timed out, nothing arrived for %g s (", q->app->port,
			(double)q->timeo / NSEC_PER_SEC);
		if (q->app->nconns)
			fprintf(t->err, "%d connection(s) not at EOF)\n", q->app->open);
		else
			fprintf(t->err, "nothing at all)\n");
		if (!sim_host(t->net)->task_status)
			sim_host(t->net)->task_status = 1;
	}
}

static void
sim_recv_free(struct sim_task *t)
{
	struct sim_recv_req *q = t->priv;

	sim_event_cancel(t->net->eng, &q->timer);
	free(q);
}

/* recv PORT [timeout DURATION] */
int
tool_recv(struct net *net, int argc, char **argv, FILE *out, FILE *err)
{
	struct sim_recv_req *q;
	struct sim_app *app;
	struct sim_task *t;
	ktime_t timeo = net->eng->wall ? SIM_RECV_TAP_TIMEOUT : 0;
	u16 port;

	if (argc != 2 && argc != 4) {
		fprintf(err, "recv: usage: recv PORT [timeout SECONDS]\n");
		return 2;
	}
	if (sim_parse_port("recv", argv[1], &port, err))
		return 2;
	if (argc == 4) {
		if (strcmp(argv[2], "timeout")) {
			fprintf(err, "recv: unknown option '%s' (timeout)\n", argv[2]);
			return 2;
		}
		if (console_parse_duration(argv[3], &timeo) || !timeo) {
			fprintf(err, "recv: invalid timeout '%s' (like 10, 2.5s, 500ms)\n", argv[3]);
			return 2;
		}
	}
	app = sim_app_find(net, IPPROTO_TCP, port);
	if (!app)
		app = sim_app_find(net, IPPROTO_UDP, port);
	if (!app) {
		fprintf(err, "recv: no sink listens on port %u of %s\n", port, net->name);
		return 1;
	}
	q = calloc(1, sizeof(*q));
	t = q ? sim_task_create(net, "recv", sim_recv_fn, q, sim_recv_free) : NULL;
	if (!t) {
		free(q);
		fprintf(err, "recv: too many blocked commands\n");
		return 1;
	}
	q->app = app;
	q->timeo = timeo;
	q->start = net->eng->now;
	sim_event_init(&q->timer, "recv_timeout", sim_recv_timer);
	if (timeo)
		sim_event_schedule(net->eng, &q->timer, q->start + timeo);
	t->out = out;
	t->err = err;
	t->done = sim_recv_done;
	sim_task_start(t);	/* settled already: done and freed at once */
	return 0;
}

/* ------------------------------------------------------------------ */
/* ss: iproute2 3.x (misc/ss.c) layout, written fresh                  */
/* ------------------------------------------------------------------ */

/* ss's names for the TCP states (sstate_name) are layers/tcp.c's
 * tcp_state_name: TCP_CLOSE is "UNCONN". */
#define SS_ALL		((1u << TCP_MAX_STATES) - 2)
/* Without -a: connected sockets only (ss's SS_CONN). */
#define SS_CONN		(SS_ALL & ~((1u << TCP_LISTEN) | (1u << TCP_CLOSE) | \
				    (1u << TCP_TIME_WAIT) | (1u << TCP_SYN_RECV)))

struct ss_ctx {
	FILE *out;
	unsigned int states;		/* bit per TCP_* state shown */
	bool info;			/* -i */
	int netid_width, state_width, addr_width, serv_width;
	const char *netid;		/* "tcp" / "udp" for the current table */
};

/* sprint_bw: bits per second with K/M as ss prints them. */
static void
ss_sprint_bw(char *buf, size_t len, double bw)
{
	if (bw > 1000000.)
		snprintf(buf, len, "%.1fM", bw / 1000000.);
	else if (bw > 1000.)
		snprintf(buf, len, "%.1fK", bw / 1000.);
	else
		snprintf(buf, len, "%g", bw);
}

static void
ss_addr(const struct ss_ctx *c, __be32 addr, u16 port)
{
	struct sim_addr_str a = { "*" };
	char p[8] = "*";

	if (addr)
		a = sim_ip_str(addr);
	if (port)
		snprintf(p, sizeof(p), "%u", port);
	fprintf(c->out, "%*s:%-*s ", c->addr_width, a.s, c->serv_width, p);
}

static void
ss_row(const struct ss_ctx *c, const struct sock *sk, u32 rq, u32 wq)
{
	if (c->netid_width)
		fprintf(c->out, "%-*s ", c->netid_width, c->netid);
	if (c->state_width)
		fprintf(c->out, "%-*s ", c->state_width, tcp_state_name[sk->sk_state]);
	fprintf(c->out, "%-6u %-6u ", rq, wq);
	ss_addr(c, sk->sk_rcv_saddr ? sk->sk_rcv_saddr : inet_sk(sk)->inet_saddr, sk->sk_num);
	ss_addr(c, sk->sk_daddr, ntohs(sk->sk_dport));
}

/* tcp_show_info: the -i line; @cong: INET_DIAG_CONG, the algorithm's name. */
static void
ss_tcp_info(const struct ss_ctx *c, const struct tcp_info *info, const char *cong)
{
	double rtt = info->tcpi_rtt;

	fprintf(c->out, "\n\t");
	if (info->tcpi_options & TCPI_OPT_TIMESTAMPS)
		fprintf(c->out, " ts");
	if (info->tcpi_options & TCPI_OPT_SACK)
		fprintf(c->out, " sack");
	/* "" until the connection is established (tcp_init_congestion_ops) */
	fprintf(c->out, " %s", cong);
	if (info->tcpi_options & TCPI_OPT_WSCALE)
		fprintf(c->out, " wscale:%d,%d", info->tcpi_snd_wscale, info->tcpi_rcv_wscale);
	if (info->tcpi_rto && info->tcpi_rto != 3000000)
		fprintf(c->out, " rto:%g", (double)info->tcpi_rto / 1000);
	if (info->tcpi_rtt)
		fprintf(c->out, " rtt:%g/%g", (double)info->tcpi_rtt / 1000,
			(double)info->tcpi_rttvar / 1000);
	if (info->tcpi_ato)
		fprintf(c->out, " ato:%g", (double)info->tcpi_ato / 1000);
	if (info->tcpi_snd_mss)
		fprintf(c->out, " mss:%u", info->tcpi_snd_mss);
	if (info->tcpi_snd_cwnd != 2)
		fprintf(c->out, " cwnd:%u", info->tcpi_snd_cwnd);
	if (info->tcpi_snd_ssthresh < 0xFFFF)
		fprintf(c->out, " ssthresh:%u", info->tcpi_snd_ssthresh);
	if (rtt > 0 && info->tcpi_snd_mss && info->tcpi_snd_cwnd) {
		char bw[32];

		ss_sprint_bw(bw, sizeof(bw),
			     (double)info->tcpi_snd_cwnd * info->tcpi_snd_mss * 8000000. / rtt);
		fprintf(c->out, " send %sbps", bw);
	}
	if (info->tcpi_unacked)
		fprintf(c->out, " unacked:%u", info->tcpi_unacked);
	if (info->tcpi_retrans || info->tcpi_total_retrans)
		fprintf(c->out, " retrans:%u/%u", info->tcpi_retrans, info->tcpi_total_retrans);
	if (info->tcpi_lost)
		fprintf(c->out, " lost:%u", info->tcpi_lost);
	if (info->tcpi_sacked && info->tcpi_state != TCP_LISTEN)
		fprintf(c->out, " sacked:%u", info->tcpi_sacked);
	if (info->tcpi_rcv_rtt)
		fprintf(c->out, " rcv_rtt:%g", (double)info->tcpi_rcv_rtt / 1000);
	if (info->tcpi_rcv_space)
		fprintf(c->out, " rcv_space:%u", info->tcpi_rcv_space);
}

static int
ss_tcp_one(struct sock *sk, void *arg)
{
	const struct ss_ctx *c = arg;
	struct tcp_info info;
	u32 rq = 0, wq = 0;

	if (sk->sk_state >= TCP_MAX_STATES || !(c->states & (1u << sk->sk_state)))
		return 0;
	memset(&info, 0, sizeof(info));
	tcp_diag_get_info(sk, &rq, &wq, &info);
	ss_row(c, sk, rq, wq);
	if (c->info)
		ss_tcp_info(c, &info, inet_csk(sk)->icsk_ca_ops->name);
	fprintf(c->out, "\n");
	return 0;
}

static int
ss_udp_one(struct sock *sk, void *arg)
{
	const struct ss_ctx *c = arg;

	if (sk->sk_state >= TCP_MAX_STATES || !(c->states & (1u << sk->sk_state)))
		return 0;
	ss_row(c, sk, (u32)sk->sk_rmem_alloc, (u32)sk->sk_wmem_alloc);
	fprintf(c->out, "\n");
	return 0;
}

/* ss [-t] [-u] [-a] [-l] [-i] [-n] */
int
tool_ss(struct net *net, int argc, char **argv, FILE *out, FILE *err)
{
	bool tcp = false, udp = false, all = false, listening = false, numeric = false;
	struct ss_ctx c = { .out = out };
	int addrp_width;

	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];

		if (a[0] != '-' || !a[1]) {
			fprintf(err, "ss: unsupported filter '%s'\n", a);
			return 2;
		}
		for (const char *p = a + 1; *p; p++) {
			switch (*p) {
			case 't': tcp = true; break;
			case 'u': udp = true; break;
			case 'a': all = true; break;
			case 'l': listening = true; break;
			case 'i': c.info = true; break;
			case 'n': numeric = true; break;
			default:
				fprintf(err, "ss: invalid option -- '%c' in '%s'\n", *p, a);
				return 2;
			}
		}
	}
	if (!tcp && !udp)
		tcp = udp = true;	/* NOTE: the real default adds unix sockets */
	c.states = all ? SS_ALL : listening ? (1u << TCP_LISTEN) : SS_CONN;
	if (listening && !all && udp)
		c.states |= 1u << TCP_CLOSE;	/* a bound UDP socket "listens" */

	/* The column widths of an 80-column screen (stdout is no tty). */
	c.netid_width = tcp && udp ? 5 : 0;
	c.state_width = (c.states & (c.states - 1)) ? 10 : 0;
	addrp_width = 80 - (c.netid_width + 1) - (c.state_width + 1) - 14;
	if (addrp_width & 1) {
		if (c.netid_width)
			c.netid_width++;
		else if (c.state_width)
			c.state_width++;
	}
	addrp_width = addrp_width / 2 - 1;
	c.serv_width = numeric ? 5 : 7;
	if (addrp_width < 15 + c.serv_width + 1)
		addrp_width = 15 + c.serv_width + 1;
	c.addr_width = addrp_width - c.serv_width - 1;

	if (c.netid_width)
		fprintf(out, "%-*s ", c.netid_width, "Netid");
	if (c.state_width)
		fprintf(out, "%-*s ", c.state_width, "State");
	fprintf(out, "%-6s %-6s ", "Recv-Q", "Send-Q");
	fprintf(out, "%*s:%-*s %*s:%-*s\n", c.addr_width, "Local Address", c.serv_width, "Port",
		c.addr_width, "Peer Address", c.serv_width, "Port");
	if (udp) {
		c.netid = "udp";
		sim_udp_for_each_sock(net, ss_udp_one, &c);
	}
	if (tcp) {
		c.netid = "tcp";
		sim_tcp_for_each_sock(net, ss_tcp_one, &c);
	}
	return 0;
}
