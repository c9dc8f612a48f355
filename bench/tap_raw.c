/*
 * bench/tap_raw.c - the raw TAP write limit of `make bench`.
 *
 * No kernel counterpart: a measuring tool.  Attaches to an existing TAP
 * device (bench/run.sh creates it inside a private network namespace,
 * with 10.9.0.1/24 on it) and writes full-size Ethernet frames into it
 * as fast as one thread can for a number of seconds: IPv4/UDP from
 * 10.9.0.2 to the kernel's 10.9.0.1 port 9, 1514 bytes each, valid IP
 * header checksum.  The kernel takes every frame up to udp_rcv (no
 * listener: dropped there), which is what a netstep frame costs it too.
 * Prints {"frames":N,"bytes":N,"secs":S}.
 *
 *   tap_raw TAPNAME KERNEL_MAC SECONDS
 */
#include <arpa/inet.h>
#include <fcntl.h>
#include <linux/if.h>
#include <linux/if_tun.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>

#define FRAME_LEN	1514

static double
now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static uint16_t
ip_csum(const uint8_t *p, int len)
{
	uint32_t s = 0;

	for (int i = 0; i < len; i += 2)
		s += (uint32_t)p[i] << 8 | p[i + 1];
	while (s >> 16)
		s = (s & 0xffff) + (s >> 16);
	return (uint16_t)~s;
}

int
main(int argc, char **argv)
{
	uint8_t f[FRAME_LEN] = { 0 }, *ip = f + 14, *udp = ip + 20;
	unsigned int mac[6];
	struct ifreq ifr;
	unsigned long frames = 0, errors = 0;
	double secs, t0, t;
	uint16_t c;
	int fd;

	if (argc != 4 || sscanf(argv[2], "%x:%x:%x:%x:%x:%x", &mac[0], &mac[1], &mac[2],
				&mac[3], &mac[4], &mac[5]) != 6) {
		fprintf(stderr, "usage: tap_raw TAPNAME KERNEL_MAC SECONDS\n");
		return 2;
	}
	secs = atof(argv[3]);
	fd = open("/dev/net/tun", O_RDWR);
	memset(&ifr, 0, sizeof(ifr));
	ifr.ifr_flags = IFF_TAP | IFF_NO_PI;
	snprintf(ifr.ifr_name, IFNAMSIZ, "%s", argv[1]);
	if (fd < 0 || ioctl(fd, TUNSETIFF, &ifr) < 0) {
		perror("tap_raw: /dev/net/tun");
		return 1;
	}
	for (int i = 0; i < 6; i++)
		f[i] = (uint8_t)mac[i];
	memcpy(f + 6, "\x02\x00\x00\x09\x00\x02", 6);
	f[12] = 0x08;				/* ETH_P_IP */
	ip[0] = 0x45;
	ip[2] = (FRAME_LEN - 14) >> 8;
	ip[3] = (FRAME_LEN - 14) & 0xff;
	ip[6] = 0x40;				/* DF */
	ip[8] = 64;
	ip[9] = 17;				/* UDP */
	memcpy(ip + 12, "\x0a\x09\x00\x02\x0a\x09\x00\x01", 8);
	c = ip_csum(ip, 20);
	ip[10] = c >> 8;
	ip[11] = c & 0xff;
	udp[0] = 0x30; udp[1] = 0x39;		/* sport 12345 */
	udp[3] = 9;				/* dport 9 (discard) */
	udp[4] = (FRAME_LEN - 34) >> 8;
	udp[5] = (FRAME_LEN - 34) & 0xff;	/* checksum 0: none */
	t0 = now_s();
	t = t0;
	while (t - t0 < secs) {
		for (int i = 0; i < 256; i++) {
			if (write(fd, f, FRAME_LEN) == FRAME_LEN)
				frames++;
			else
				errors++;
		}
		t = now_s();
	}
	printf("{\"frames\":%lu,\"errors\":%lu,\"bytes\":%lu,\"secs\":%.6f}\n", frames, errors,
	       frames * FRAME_LEN, t - t0);
	close(fd);
	return 0;
}
