/*
 * sim/pcap.c - the --pcap writer.  See sim/pcap.h.
 */
#include "sim/pcap.h"

#include <errno.h>
#include <pcap/pcap.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <time.h>

struct sim_pcap {
	pcap_t *dead;			/* a "dead" handle: no capture device */
	pcap_dumper_t *dumper;		/* the open file */
	ktime_t offset;			/* added to timestamps */
	unsigned long frames;		/* frames written */
};

ktime_t
sim_capture_time_offset(const struct sim_engine *eng)
{
	struct timespec ts;

	if (!eng->wall)
		return SIM_CAPTURE_EPOCH_NS;
	clock_gettime(CLOCK_REALTIME, &ts);
	return (ktime_t)ts.tv_sec * NSEC_PER_SEC + ts.tv_nsec - sim_wall_now(eng);
}

struct sim_pcap *
sim_pcap_open(const char *path, char *err, size_t errlen)
{
	struct sim_pcap *pc = calloc(1, sizeof(*pc));

	if (!pc) {
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	/* Nanosecond timestamps: virtual time has ns resolution. */
	pc->dead = pcap_open_dead_with_tstamp_precision(DLT_EN10MB, 65535,
							PCAP_TSTAMP_PRECISION_NANO);
	if (!pc->dead) {
		snprintf(err, errlen, "pcap_open_dead failed");
		free(pc);
		return NULL;
	}
	/* libpcap's own message names the path; the caller names it once. */
	if (strcmp(path, "-")) {
		FILE *f = fopen(path, "wb");

		pc->dumper = f ? pcap_dump_fopen(pc->dead, f) : NULL;
		snprintf(err, errlen, "%s", strerror(f ? EIO : errno));
		if (f && !pc->dumper)
			fclose(f);
	} else {
		pc->dumper = pcap_dump_open(pc->dead, path);
		snprintf(err, errlen, "%s", pcap_geterr(pc->dead));
	}
	if (!pc->dumper) {
		pcap_close(pc->dead);
		free(pc);
		return NULL;
	}
	pc->offset = SIM_CAPTURE_EPOCH_NS;
	return pc;
}

void
sim_pcap_set_time_offset(struct sim_pcap *pc, ktime_t offset_ns)
{
	pc->offset = offset_ns;
}

void
sim_pcap_write(struct sim_pcap *pc, const u8 *frame, unsigned int len, ktime_t ts)
{
	struct pcap_pkthdr h;

	ts += pc->offset;
	h.ts.tv_sec = ts / NSEC_PER_SEC;
	h.ts.tv_usec = ts % NSEC_PER_SEC;	/* nanoseconds: see open */
	h.caplen = len;
	h.len = len;
	pcap_dump((u_char *)pc->dumper, &h, frame);
	pc->frames++;
}

static void
sim_pcap_frame(void *arg, const struct sim_port *port, enum sim_dir dir,
	       const u8 *frame, unsigned int len, ktime_t ts)
{
	(void)port;
	(void)dir;
	sim_pcap_write(arg, frame, len, ts);
}

int
sim_pcap_attach(struct sim_pcap *pc, struct sim_port *port)
{
	struct sim_tap tap = { .frame = sim_pcap_frame, .arg = pc };

	return sim_port_add_tap(port, &tap);
}

unsigned long
sim_pcap_frames(const struct sim_pcap *pc)
{
	return pc->frames;
}

int
sim_pcap_close(struct sim_pcap *pc)
{
	FILE *f;
	int fd, err = 0;

	if (!pc)
		return 0;
	/* pcap_dump() and pcap_dump_close() report nothing: the stream's
	 * error flag keeps a failed write, a flush now gives its errno, and
	 * a copy of the descriptor outlives pcap_dump_close()'s fclose() so
	 * that close(2) can say how the end went. */
	f = pcap_dump_file(pc->dumper);
	fd = f == stdout ? -1 : dup(fileno(f));
	errno = 0;
	if (pcap_dump_flush(pc->dumper) || ferror(f))
		err = errno ? errno : EIO;
	pcap_dump_close(pc->dumper);
	if (fd >= 0 && close(fd) && !err)
		err = errno;
	pcap_close(pc->dead);
	free(pc);
	return err;
}
