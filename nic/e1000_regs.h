/*
 * nic/e1000_regs.h - register offsets of the 82576, and their bits.
 *
 * Mirrors drivers/net/ethernet/intel/igb/e1000_regs.h and the register
 * bits of e1000_defines.h (Linux 3.10).  Both sides use this file: the
 * driver (nic/igb_main.c) writes these offsets with wr32(), the card
 * model (nic/sim_82576.c) decodes them.  Offsets are bytes into BAR0
 * [82576 datasheet 8.1].
 *
 * KERNEL: only the registers netstep's driver and card use; no PHY,
 * EEPROM, flow control, VLAN filter, SR-IOV, PTP or DCA registers.  The
 * MSI-X table (BAR3 in the real card) is mapped behind BAR0 here, at
 * SIM_MSIX_BASE, so one MMIO function reaches everything.
 */
#ifndef NETSTEP_NIC_E1000_REGS_H
#define NETSTEP_NIC_E1000_REGS_H

/* General */
#define E1000_CTRL	0x00000	/* Device Control */
#define E1000_STATUS	0x00008	/* Device Status, read only */
#define E1000_ICR	0x000C0	/* Interrupt Cause Read */
#define E1000_IMS	0x000D0	/* Interrupt Mask Set */
#define E1000_IMC	0x000D8	/* Interrupt Mask Clear */
#define E1000_RCTL	0x00100	/* RX Control */
#define E1000_TCTL	0x00400	/* TX Control */
#define E1000_GPIE	0x01514	/* General Purpose Interrupt Enable */

/* Extended (MSI-X) interrupt registers [82576 8.8] */
#define E1000_EICS	0x01520	/* Ext. Interrupt Cause Set, write only */
#define E1000_EIMS	0x01524	/* Ext. Interrupt Mask Set/Read */
#define E1000_EIMC	0x01528	/* Ext. Interrupt Mask Clear, write only */
#define E1000_EIAC	0x0152C	/* Ext. Interrupt Auto Clear */
#define E1000_EIAM	0x01530	/* Ext. Interrupt Auto Mask */
#define E1000_EICR	0x01580	/* Ext. Interrupt Cause Read, write 1 to clear */
#define E1000_EITR(_n)	(0x01680 + (0x4 * (_n)))	/* Interrupt Throttle */
#define E1000_IVAR0	0x01700	/* queue -> vector map, 8 registers */
#define E1000_IVAR_MISC	0x01740	/* "other" causes -> vector */

/* Receive address filter [82576 8.10.13] */
#define E1000_RAL(_i)	(((_i) <= 15) ? (0x05400 + ((_i) * 8)) : \
			 (0x054E0 + ((_i - 16) * 8)))
#define E1000_RAH(_i)	(((_i) <= 15) ? (0x05404 + ((_i) * 8)) : \
			 (0x054E4 + ((_i - 16) * 8)))
#define E1000_RAH_AV	0x80000000	/* Receive address valid */
#define E1000_RLPML	0x05004	/* RX Long Packet Max Length */

/* Per-queue RX registers; queue n < 4 / n >= 4 */
#define E1000_SRRCTL(_n) ((_n) < 4 ? (0x0280C + ((_n) * 0x100)) : \
			  (0x0C00C + ((_n) * 0x40)))
#define E1000_RDBAL(_n)	((_n) < 4 ? (0x02800 + ((_n) * 0x100)) : \
			 (0x0C000 + ((_n) * 0x40)))
#define E1000_RDBAH(_n)	((_n) < 4 ? (0x02804 + ((_n) * 0x100)) : \
			 (0x0C004 + ((_n) * 0x40)))
#define E1000_RDLEN(_n)	((_n) < 4 ? (0x02808 + ((_n) * 0x100)) : \
			 (0x0C008 + ((_n) * 0x40)))
#define E1000_RDH(_n)	((_n) < 4 ? (0x02810 + ((_n) * 0x100)) : \
			 (0x0C010 + ((_n) * 0x40)))
#define E1000_RDT(_n)	((_n) < 4 ? (0x02818 + ((_n) * 0x100)) : \
			 (0x0C018 + ((_n) * 0x40)))
#define E1000_RXDCTL(_n) ((_n) < 4 ? (0x02828 + ((_n) * 0x100)) : \
			  (0x0C028 + ((_n) * 0x40)))

/* Per-queue TX registers; queue n < 4 / n >= 4 */
#define E1000_TDBAL(_n)	((_n) < 4 ? (0x03800 + ((_n) * 0x100)) : \
			 (0x0E000 + ((_n) * 0x40)))
#define E1000_TDBAH(_n)	((_n) < 4 ? (0x03804 + ((_n) * 0x100)) : \
			 (0x0E004 + ((_n) * 0x40)))
#define E1000_TDLEN(_n)	((_n) < 4 ? (0x03808 + ((_n) * 0x100)) : \
			 (0x0E008 + ((_n) * 0x40)))
#define E1000_TDH(_n)	((_n) < 4 ? (0x03810 + ((_n) * 0x100)) : \
			 (0x0E010 + ((_n) * 0x40)))
#define E1000_TDT(_n)	((_n) < 4 ? (0x03818 + ((_n) * 0x100)) : \
			 (0x0E018 + ((_n) * 0x40)))
#define E1000_TXDCTL(_n) ((_n) < 4 ? (0x03828 + ((_n) * 0x100)) : \
			  (0x0E028 + ((_n) * 0x40)))

/* Statistics, clear on read [82576 8.19] */
#define E1000_CRCERRS	0x04000	/* CRC Error Count */
#define E1000_MPC	0x04010	/* Missed Packet Count (no RX descriptor) */
#define E1000_ROC	0x040AC	/* Receive Oversize Count */
#define E1000_GPRC	0x04074	/* Good Packets RX Count */
#define E1000_BPRC	0x04078	/* Broadcast Packets RX Count */
#define E1000_MPRC	0x0407C	/* Multicast Packets RX Count */
#define E1000_GPTC	0x04080	/* Good Packets TX Count */
#define E1000_GORCL	0x04088	/* Good Octets RX Count Low */
#define E1000_GORCH	0x0408C	/* Good Octets RX Count High */
#define E1000_GOTCL	0x04090	/* Good Octets TX Count Low */
#define E1000_GOTCH	0x04094	/* Good Octets TX Count High */
#define E1000_RNBC	0x040A0	/* RX No Buffers Count */
#define E1000_TPR	0x040D0	/* Total Packets RX */
#define E1000_TPT	0x040D4	/* Total Packets TX */
#define E1000_MPTC	0x040F0	/* Multicast Packets TX Count */
#define E1000_BPTC	0x040F4	/* Broadcast Packets TX Count */
#define E1000_TSCTC	0x040F8	/* TCP Segmentation Context TX Count */
#define E1000_TSCTFC	0x040FC	/* TCP Segmentation Context TX Fail Count */

/*
 * netstep: the MSI-X table.  Entry n holds the message the card sends
 * for vector n; the PCI core (pci_enable_msix) fills it.  Here the
 * message data is simply the host IRQ number to raise.
 */
#define SIM_MSIX_BASE		0x10000
#define SIM_MSIX_DATA(_n)	(SIM_MSIX_BASE + 0x10 * (_n) + 0x8)
#define SIM_MSIX_CTRL(_n)	(SIM_MSIX_BASE + 0x10 * (_n) + 0xC)
#define SIM_MSIX_CTRL_MASKBIT	0x1
#define SIM_MSIX_VECTORS	10	/* the 82576 has 10 (25 with VFs) */
#define SIM_MMIO_SIZE		(SIM_MSIX_BASE + 0x10 * SIM_MSIX_VECTORS)

/* ---- bits, e1000_defines.h ---- */

/* STATUS */
#define E1000_STATUS_FD		0x00000001	/* full duplex */
#define E1000_STATUS_LU		0x00000002	/* link up */
#define E1000_STATUS_SPEED_1000	0x00000080

/* TCTL [82576 8.12.1] */
#define E1000_TCTL_EN		0x00000002	/* enable TX */
#define E1000_TCTL_PSP		0x00000008	/* pad short packets to 64 (60 + CRC) */
#define E1000_TCTL_CT		0x00000ff0	/* collision threshold */
#define E1000_TCTL_RTLC		0x01000000	/* re-transmit on late collision */
#define E1000_CT_SHIFT		4

/* RCTL [82576 8.10.1] */
#define E1000_RCTL_EN		0x00000002	/* enable RX */
#define E1000_RCTL_UPE		0x00000008	/* unicast promiscuous */
#define E1000_RCTL_MPE		0x00000010	/* multicast promiscuous */
#define E1000_RCTL_LPE		0x00000020	/* long packet enable */
#define E1000_RCTL_BAM		0x00008000	/* accept broadcast */
#define E1000_RCTL_SECRC	0x04000000	/* strip Ethernet CRC */

/* TXDCTL / RXDCTL */
#define E1000_TXDCTL_QUEUE_ENABLE	0x02000000
#define E1000_RXDCTL_QUEUE_ENABLE	0x02000000

/* SRRCTL: RX buffer size in 1 KB units, descriptor type */
#define E1000_SRRCTL_BSIZEPKT_SHIFT	10	/* bytes -> register units */
#define E1000_SRRCTL_BSIZEPKT_MASK	0x0000007F
#define E1000_SRRCTL_BSIZEHDRSIZE_SHIFT	2	/* header buffer, 64 B units at 8 */
#define E1000_SRRCTL_BSIZEHDRSIZE_MASK	0x00000F00
#define E1000_SRRCTL_DROP_EN		0x80000000	/* drop when no descriptor */
#define E1000_SRRCTL_DESCTYPE_ADV_ONEBUF	0x02000000

/* GPIE */
#define E1000_GPIE_MSIX_MODE	0x00000010
#define E1000_GPIE_EIAME	0x40000000
#define E1000_GPIE_PBA		0x80000000
#define E1000_GPIE_NSICR	0x00000001

/* IVAR */
#define E1000_IVAR_VALID	0x80

/* EICR/EIMS: in MSI-X mode bit n is MSI-X vector n */
#define E1000_EICR_OTHER	0x80000000	/* "other" cause (legacy mapping) */

/* ICR/IMS */
#define E1000_ICR_TXDW		0x00000001	/* TX descriptor written back */
#define E1000_ICR_LSC		0x00000004	/* link status change */
#define E1000_ICR_RXO		0x00000040	/* RX overrun (no descriptor) */
#define E1000_ICR_RXDW		0x00000080	/* RX descriptor written back */
#define E1000_IMS_LSC		E1000_ICR_LSC

/* EITR: interval in bits 14:2, 1 us units; do not reset counters */
#define E1000_EITR_CNT_IGNR	0x80000000

#endif
