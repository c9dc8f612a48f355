/*
 * nic/e1000_82575.h - the advanced descriptors shared by driver and card.
 *
 * Mirrors drivers/net/ethernet/intel/igb/e1000_82575.h (the
 * union e1000_adv_tx_desc / e1000_adv_rx_desc layouts and the ADVTXD
 * bits) and the descriptor status bits of e1000_defines.h, Linux 3.10.
 * Read it after nic/dma.h and before nic/igb_main.c and nic/sim_82576.c.
 *
 * A descriptor is 16 bytes of little-endian memory in a DMA-coherent
 * ring.  The driver fills the "read" format (what the card should read:
 * a buffer address and a command); the card overwrites the same 16
 * bytes with the "write-back" format (what happened: DD = done) once it
 * has used them [82576 7.2.2.3, 7.1.5].
 *
 * TX, one data descriptor (the only kind netstep's driver writes):
 *
 *   bytes 0-7   buffer_addr   DMA address of the frame bytes
 *   bytes 8-11  cmd_type_len  DTALEN 15:0 | DTYP 23:20 | DCMD 31:24
 *   bytes 12-15 olinfo_status PAYLEN << 14 ; on write-back: status, DD = bit 0
 *
 * so a 60-byte frame on its own is cmd_type_len 0x2B30003C:
 * DEXT | RS | IFCS | EOP | DTYP_DATA | 60.
 *
 * KERNEL: the context descriptor (e1000_adv_tx_context_desc) is left
 * out: netstep offloads no checksum, TSO or VLAN, so igb never writes one.
 */
#ifndef NETSTEP_NIC_E1000_82575_H
#define NETSTEP_NIC_E1000_82575_H

#include "kernel/types.h"

/* Transmit descriptor, read and write-back formats. */
union e1000_adv_tx_desc {
	struct {
		__le64 buffer_addr;	/* DMA address of the data buffer */
		__le32 cmd_type_len;	/* command, descriptor type, length */
		__le32 olinfo_status;	/* PAYLEN, offload options */
	} read;
	struct {
		__le64 rsvd;		/* reserved */
		__le32 nxtseq_seed;
		__le32 status;		/* DD in bit 0 once the card is done */
	} wb;
};

/* cmd_type_len bits */
#define E1000_ADVTXD_MAC_TSTAMP	0x00080000	/* IEEE1588 timestamp packet */
#define E1000_ADVTXD_DTYP_CTXT	0x00200000	/* context descriptor */
#define E1000_ADVTXD_DTYP_DATA	0x00300000	/* data descriptor */
#define E1000_ADVTXD_DCMD_EOP	0x01000000	/* end of packet */
#define E1000_ADVTXD_DCMD_IFCS	0x02000000	/* insert FCS (Ethernet CRC) */
#define E1000_ADVTXD_DCMD_RS	0x08000000	/* report status: write back DD */
#define E1000_ADVTXD_DCMD_DEXT	0x20000000	/* advanced descriptor */
#define E1000_ADVTXD_DCMD_VLE	0x40000000	/* add VLAN tag */
#define E1000_ADVTXD_DCMD_TSE	0x80000000	/* TCP segmentation */
#define E1000_ADVTXD_DTALEN_MASK 0x0000FFFF	/* this buffer's length */
#define E1000_ADVTXD_DTYP_MASK	0x00F00000
/* olinfo_status */
#define E1000_ADVTXD_PAYLEN_SHIFT 14		/* frame length for non-TSO */

#define E1000_TXD_STAT_DD	0x00000001	/* descriptor done */

/* Receive descriptor, read and write-back formats. */
union e1000_adv_rx_desc {
	struct {
		__le64 pkt_addr;	/* DMA address of the packet buffer */
		__le64 hdr_addr;	/* header buffer (split mode; unused) */
	} read;
	struct {
		struct {
			union {
				__le32 data;
				struct {
					__le16 pkt_info;	/* RSS type, packet type */
					__le16 hdr_info;	/* split header length */
				} hs_rss;
			} lo_dword;
			union {
				__le32 rss;		/* RSS hash */
				struct {
					__le16 ip_id;	/* IP id */
					__le16 csum;	/* packet checksum */
				} csum_ip;
			} hi_dword;
		} lower;
		struct {
			__le32 status_error;	/* DD, EOP; errors in 31:20 */
			__le16 length;		/* bytes written to pkt_addr */
			__le16 vlan;		/* VLAN tag */
		} upper;
	} wb;
};

/* RX status_error bits */
#define E1000_RXD_STAT_DD	0x01		/* descriptor done */
#define E1000_RXD_STAT_EOP	0x02		/* end of packet */
#define E1000_RXDEXT_STATERR_CE	0x01000000	/* CRC error */
#define E1000_RXDEXT_STATERR_SE	0x02000000	/* symbol error */
#define E1000_RXDEXT_STATERR_SEQ 0x04000000	/* sequence error */
#define E1000_RXDEXT_STATERR_CXE 0x10000000	/* carrier extension error */
#define E1000_RXDEXT_STATERR_RXE 0x80000000	/* RX data error */
#define E1000_RXDEXT_ERR_FRAME_ERR_MASK (E1000_RXDEXT_STATERR_CE |	\
					 E1000_RXDEXT_STATERR_SE |	\
					 E1000_RXDEXT_STATERR_SEQ |	\
					 E1000_RXDEXT_STATERR_CXE |	\
					 E1000_RXDEXT_STATERR_RXE)

#endif
