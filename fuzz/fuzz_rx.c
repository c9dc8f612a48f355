/*
 * fuzz/fuzz_rx.c - libFuzzer harness: raw frames entering the student's
 * NIC, so the whole receive path runs on them (the 82576 model's DMA,
 * igb_clean_rx_irq, netif_receive_skb, ARP, ip_rcv with options and
 * reassembly, ICMP, UDP, TCP in whatever state the prologue left).
 *
 * No kernel counterpart: this is the test bench.  Input format:
 *   byte 0      prologue: bit 0 a TCP listener on student:7000,
 *               bit 1 an established connection student -> server:9000
 *               (with 3000 bytes sent), bit 2 a UDP socket bound on the
 *               student, bit 3 the frames go to the router's eth0 instead,
 *               bit 4 tcpdump prints every frame both hosts' eth0 see
 *   then records: 2-byte big-endian length, that many frame bytes, one
 *               byte of virtual time to let pass (in ms) before the next.
 * After the last frame the world runs until idle, is torn down, and any
 * skb still alive aborts the run (a leak is a finding too).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim/topology.h"
#include "sim/console.h"
#include "sim/wire.h"
#include "nic/igb.h"

#define FUZZ_MAX_FRAMES	32
#define FUZZ_MAX_FRAME	9018	/* jumbo + header: the card drops bigger */

static const char *const fuzz_prologue[] = {
	"on student listen 7000",
	"socket tcp; connect 10.0.1.2:9000; send 3 3000",
	"socket udp; sendto 3 10.0.1.2:9001 100",
};

static struct sim_port *
fuzz_port(struct sim_world *w, int host)
{
	struct net *net = w->host[host];

	return net->ndevs ? sim_igb_port(net->devs[0]) : NULL;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static FILE *devnull;
	struct sim_world w;
	struct sim_console con;
	struct sim_port *port;
	size_t off = 1;
	int nframes = 0;
	u8 flags;

	if (size < 1)
		return 0;
	if (!devnull)
		devnull = fopen("/dev/null", "w");
	flags = data[0];
	if (sim_world_create(&w, 1))
		abort();
	console_init(&con, &w, devnull, devnull);
	for (size_t i = 0; i < sizeof(fuzz_prologue) / sizeof(fuzz_prologue[0]); i++)
		if (flags & (1u << i))
			console_run_script(&con, fuzz_prologue[i]);
	if (flags & 16)
		console_run_script(&con, "tcpdump -i eth0; on router tcpdump -i eth0");
	port = fuzz_port(&w, (flags & 8) ? SIM_ROUTER : SIM_STUDENT);
	while (port && off + 2 <= size && nframes++ < FUZZ_MAX_FRAMES) {
		size_t len = ((size_t)data[off] << 8) | data[off + 1];
		u8 frame[FUZZ_MAX_FRAME];
		unsigned int pause;

		off += 2;
		if (len > size - off)
			len = size - off;
		if (len > sizeof(frame))
			len = sizeof(frame);
		/* A private copy: the fuzzer's buffer is exactly @size long,
		 * so ASan sees any read past the frame's end. */
		memcpy(frame, data + off, len);
		off += len;
		pause = off < size ? data[off++] : 0;
		port->rx(port, frame, (unsigned int)len);
		sim_run(&w.eng, w.eng.now + (ktime_t)pause * 1000000, 1000000);
	}
	/* Let every timer that the frames armed run out (reassembly 30 s;
	 * teardown frees the rest), bounded. */
	sim_run(&w.eng, w.eng.now + 35LL * 1000000000, 2000000);
	sim_world_destroy(&w);
	if (sim_skb_ledger_live(&w.ledger, stderr)) {
		fprintf(stderr, "fuzz_rx: skb leaked\n");
		abort();
	}
	return 0;
}
