/*
 * bench/tcp_pair.c - a bulk TCP sender and receiver for `make bench`.
 *
 * No kernel counterpart: the kernel's own path as a reference.  The
 * receiver listens, accepts one connection, reads it to EOF and prints
 * {"bytes":N,"secs":S} timed from accept() to EOF; the sender connects
 * (trying again for up to 10 s while the peer is not listening yet),
 * writes BYTES from a 64 KiB buffer, shuts its side down and reads until
 * the peer closes too, and prints the same line timed from connect() to
 * that EOF: the receiving program has read everything by then.
 * bench/run.sh runs the two in two namespaces joined by a veth pair, the
 * receiver alone behind the lab's TAP for netstep to send to, and the
 * sender alone for netstep's sink to read from.  An alarm bounds both.
 *
 *   tcp_pair recv PORT READYFILE
 *   tcp_pair send ADDR PORT BYTES
 */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

static double
now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static int
do_recv(int port, const char *ready)
{
	struct sockaddr_in sin = { .sin_family = AF_INET, .sin_port = htons(port) };
	static char buf[1 << 16];
	unsigned long long bytes = 0;
	int one = 1, ls = socket(AF_INET, SOCK_STREAM, 0), s;
	double t0;
	ssize_t n;
	FILE *f;

	setsockopt(ls, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	if (bind(ls, (struct sockaddr *)&sin, sizeof(sin)) || listen(ls, 1)) {
		perror("tcp_pair: listen");
		return 1;
	}
	f = fopen(ready, "w");
	if (f)
		fclose(f);
	s = accept(ls, NULL, NULL);
	if (s < 0) {
		perror("tcp_pair: accept");
		return 1;
	}
	t0 = now_s();
	while ((n = read(s, buf, sizeof(buf))) > 0)
		bytes += n;
	printf("{\"bytes\":%llu,\"secs\":%.6f}\n", bytes, now_s() - t0);
	close(s);
	close(ls);
	return 0;
}

/* connect(), again every 100 ms while the peer is not there yet. */
static int
connect_retry(const struct sockaddr_in *sin)
{
	for (int i = 0; i < 100; i++) {
		int s = socket(AF_INET, SOCK_STREAM, 0);
		struct timespec pause = { 0, 100000000 };

		if (s < 0)
			return -1;
		if (!connect(s, (const struct sockaddr *)sin, sizeof(*sin)))
			return s;
		close(s);
		if (errno != ECONNREFUSED && errno != EHOSTUNREACH && errno != ETIMEDOUT)
			return -1;
		nanosleep(&pause, NULL);
	}
	return -1;
}

static int
do_send(const char *addr, int port, unsigned long long bytes)
{
	struct sockaddr_in sin = { .sin_family = AF_INET, .sin_port = htons(port) };
	static char buf[1 << 16];
	unsigned long long total = bytes;
	double t0;
	int s;

	if (inet_pton(AF_INET, addr, &sin.sin_addr) != 1 || (s = connect_retry(&sin)) < 0) {
		perror("tcp_pair: connect");
		return 1;
	}
	t0 = now_s();
	while (bytes) {
		size_t n = bytes > sizeof(buf) ? sizeof(buf) : bytes;
		ssize_t w = write(s, buf, n);

		if (w <= 0) {
			perror("tcp_pair: write");
			return 1;
		}
		bytes -= w;
	}
	/* The peer's FIN comes after its program read our EOF. */
	if (shutdown(s, SHUT_WR) || read(s, buf, sizeof(buf)) != 0) {
		perror("tcp_pair: waiting for the peer to close");
		return 1;
	}
	printf("{\"bytes\":%llu,\"secs\":%.6f}\n", total, now_s() - t0);
	close(s);
	return 0;
}

int
main(int argc, char **argv)
{
	alarm(120);
	if (argc == 4 && !strcmp(argv[1], "recv"))
		return do_recv(atoi(argv[2]), argv[3]);
	if (argc == 5 && !strcmp(argv[1], "send"))
		return do_send(argv[2], atoi(argv[3]), strtoull(argv[4], NULL, 0));
	fprintf(stderr, "usage: tcp_pair recv PORT READYFILE | send ADDR PORT BYTES\n");
	return 2;
}
