/*
 * nic/sim_82576.h - the card: a model of the Intel 82576 gigabit NIC.
 *
 * No kernel counterpart: this is the hardware the igb driver talks to.
 * Read nic/e1000_regs.h and nic/e1000_82575.h (the shared vocabulary)
 * first, then nic/igb_main.c (the driver) and nic/sim_82576.c (this
 * card) side by side.
 *
 * What the driver can do with the card is exactly what it can do with
 * real hardware: write and read 32-bit registers (sim_82576_wr32 /
 * sim_82576_rd32, the bodies of the driver's wr32()/rd32()), and put
 * DMA addresses (never pointers) into registers and descriptors.  The
 * card reaches memory only through sim_dma_read()/sim_dma_write() on
 * the struct device it is plugged into, reaches the wire through its
 * struct sim_port, and reaches the CPU only by sending MSI-X messages
 * (generic_handle_irq on the host's CPU).
 *
 * The "NVM" MAC address given to sim_82576_create() is what the card
 * loads into RAL[0]/RAH[0] at power-up and on every reset; the driver
 * reads it from there, as igb_read_mac_addr() does.
 */
#ifndef NETSTEP_NIC_SIM_82576_H
#define NETSTEP_NIC_SIM_82576_H

#include "kernel/types.h"

struct net;
struct device;
struct sim_port;
struct sim_82576;

#define SIM_82576_MAX_QUEUES	8	/* TX and RX queues modelled (real: 16) */
#define SIM_82576_TX_FETCH_NS	500	/* tail write -> first descriptor fetch */
#define SIM_82576_MSIX_NS	100	/* cause -> MSI-X message delivered */
#define SIM_82576_MAX_FRAME	16384	/* largest frame the TX engine gathers */
#define SIM_82576_MAX_DESC_PER_FRAME 64	/* netstep bound on one packet's descriptors */
#define SIM_82576_TX_CTX	2	/* context slots per TX queue [QEMU] */
#define SIM_82576_TSO_HDR_MAX	256	/* TSO: MAC + IP + TCP headers the card keeps */

/* Counters with no statistics register (or kept cumulatively for the UI). */
struct sim_82576_stats {
	unsigned long tx_frames;	/* frames handed to the wire */
	unsigned long tx_bytes;		/* their bytes (after padding, no CRC) */
	unsigned long tx_padded;	/* short frames padded to 60 (TCTL.PSP) */
	unsigned long tx_writebacks;	/* descriptors written back with DD */
	unsigned long tx_dma_faults;	/* descriptor or buffer read refused */
	unsigned long tx_bad_desc;	/* descriptor the card cannot use */
	unsigned long tx_bad_offload;	/* checksum context that does not fit the
					 * frame (TSO failures: TSCTFC) */
	unsigned long tx_dropped;	/* frames not sent because of the above */
	unsigned long rx_frames;	/* frames written into the RX ring */
	unsigned long rx_bytes;
	unsigned long rx_filtered;	/* not our MAC (unicast filter) */
	unsigned long rx_disabled;	/* arrived while RCTL.EN or the queue was off */
	unsigned long rx_runts;		/* shorter than an Ethernet header */
	unsigned long rx_oversize;	/* longer than RLPML */
	unsigned long rx_missed;	/* no free descriptor (RDH == RDT) */
	unsigned long rx_dma_faults;	/* descriptor or buffer write refused */
	unsigned long msix_sent;	/* MSI-X messages delivered */
};

struct sim_82576 *sim_82576_create(struct net *net, const char *port_name,
				   const u8 *nvm_mac, struct device *bus);
/* Cancel every pending event and free the card.  Unlink the port first. */
void sim_82576_destroy(struct sim_82576 *hw);

/* MMIO: the only way the driver talks to the card. */
void sim_82576_wr32(struct sim_82576 *hw, u32 reg, u32 val);
u32 sim_82576_rd32(struct sim_82576 *hw, u32 reg);

/* For tests and the UI: a register's value without read side effects. */
u32 sim_82576_peek(const struct sim_82576 *hw, u32 reg);
const struct sim_82576_stats *sim_82576_get_stats(const struct sim_82576 *hw);
/* The card's RJ45 socket, for the topology code to link. */
struct sim_port *sim_82576_port(struct sim_82576 *hw);

#endif
