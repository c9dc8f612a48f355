/*
 * sim/pcap.h - write every frame that crosses a port to a pcap file.
 *
 * No kernel counterpart (the kernel's side of this is an AF_PACKET tap
 * in dev_queue_xmit_nit).  The writer wraps a card's wire port as a
 * struct sim_tap, so it sees frames in both directions at the moment
 * they leave or arrive, and stamps them with virtual time in
 * nanoseconds.  Written through libpcap as DLT_EN10MB.
 *
 * Virtual time 0 is written as SIM_CAPTURE_EPOCH_NS, a fixed date, so a
 * capture of the simulated wire opens in Wireshark on a plausible day
 * rather than on 1970-01-01, and two runs still give identical files.
 * On the TAP wire main.c sets the offset to the wall clock instead, so
 * netstep's capture lines up with one taken on the TAP itself.
 */
#ifndef NETSTEP_SIM_PCAP_H
#define NETSTEP_SIM_PCAP_H

#include "sim/wire.h"

struct sim_pcap;

/* 2013-06-30 00:00:00 UTC, the day Linux 3.10 was released. */
#define SIM_CAPTURE_EPOCH_NS	(1372550400LL * NSEC_PER_SEC)

/*
 * What a capture adds to virtual time to date a frame: on the simulated
 * wire SIM_CAPTURE_EPOCH_NS, on the TAP wire (wall-clock mode) the real
 * date now less the virtual time now.
 */
ktime_t sim_capture_time_offset(const struct sim_engine *eng);

/* NULL on failure, with the reason in @err (PCAP_ERRBUF_SIZE bytes); "-" is stdout. */
struct sim_pcap *sim_pcap_open(const char *path, char *err, size_t errlen);
int sim_pcap_attach(struct sim_pcap *pc, struct sim_port *port);
/* Added to virtual time in the timestamps (default SIM_CAPTURE_EPOCH_NS). */
void sim_pcap_set_time_offset(struct sim_pcap *pc, ktime_t offset_ns);
/* Write one frame seen at virtual time @ts (what an attached port does;
 * tcpdump -w writes the frames of its packet socket this way). */
void sim_pcap_write(struct sim_pcap *pc, const u8 *frame, unsigned int len, ktime_t ts);
unsigned long sim_pcap_frames(const struct sim_pcap *pc);
/* Flush, close, free: 0, or the errno of the first write (or the close)
 * that failed. */
int sim_pcap_close(struct sim_pcap *pc);

#endif
