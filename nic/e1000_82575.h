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
 * TX, a data descriptor (one per buffer: the linear part, each frag):
 *
 *   bytes 0-7   buffer_addr   DMA address of the frame bytes
 *   bytes 8-11  cmd_type_len  DTALEN 15:0 | DTYP 23:20 | DCMD 31:24
 *   bytes 12-15 olinfo_status PAYLEN 31:14 | POPTS 13:8 | IDX 6:4 ;
 *                             on write-back: status, DD = bit 0
 *
 * so a 60-byte frame on its own is cmd_type_len 0x2B30003C:
 * DEXT | RS | IFCS | EOP | DTYP_DATA | 60.  PAYLEN is the whole frame
 * for a plain packet, the TCP payload (headers left out) for TSO; POPTS
 * asks the card to insert the IPv4 (IXSM) and the TCP/UDP (TXSM)
 * checksum [82576 7.2.2.3].
 *
 * TX, a context descriptor (DTYP_CTXT), written before the data
 * descriptors of a packet the card is to checksum or segment; it carries
 * no buffer, only what the card must know about the headers
 * [82576 7.2.2.2]:
 *
 *   bytes 0-3   vlan_macip_lens  IPLEN 8:0 | MACLEN 15:9 | VLAN 31:16
 *   bytes 4-7   seqnum_seed      (IPsec; 0)
 *   bytes 8-11  type_tucmd_mlhl  TUCMD 19:9 (IPV4 bit 10, L4T 12:11:
 *                                00 UDP, 01 TCP) | DTYP 23:20 | DEXT 29
 *   bytes 12-15 mss_l4len_idx    IDX 6:4 | L4LEN 15:8 | MSS 31:16
 *
 * The card keeps it in its per-queue context table (slot IDX) until the
 * next context descriptor for that slot; a data descriptor names the
 * slot it uses with its own IDX.
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
#define E1000_TXD_POPTS_IXSM	0x01		/* POPTS (<< 8): insert IPv4 checksum */
#define E1000_TXD_POPTS_TXSM	0x02		/* POPTS (<< 8): insert TCP/UDP checksum */
#define E1000_TXD_CMD_DEXT	0x20000000	/* e1000_defines.h: the same bit as DCMD_DEXT */

/* Context descriptor, e1000_82575.h */
struct e1000_adv_tx_context_desc {
	__le32 vlan_macip_lens;		/* IPLEN, MACLEN, VLAN tag */
	__le32 seqnum_seed;		/* IPsec SA; unused */
	__le32 type_tucmd_mlhl;		/* TUCMD, DTYP_CTXT, DEXT */
	__le32 mss_l4len_idx;		/* context slot, L4 header length, MSS */
};

#define E1000_ADVTXD_MACLEN_SHIFT	9	/* vlan_macip_lens: MAC header length */
#define E1000_ADVTXD_TUCMD_IPV4		0x00000400	/* IP packet type: 1 = IPv4 */
#define E1000_ADVTXD_TUCMD_L4T_TCP	0x00000800	/* L4 packet type TCP (00: UDP) */
#define E1000_ADVTXD_L4LEN_SHIFT	8	/* mss_l4len_idx: L4 header length */
#define E1000_ADVTXD_MSS_SHIFT		16	/* mss_l4len_idx: TCP payload per segment */
/* Fields the card decodes that igb only writes (no 3.10 name). */
#define SIM_ADVTXD_IPLEN_MASK		0x1FF		/* vlan_macip_lens 8:0 */
#define SIM_ADVTXD_TUCMD_L4T_MASK	0x00001800	/* type_tucmd_mlhl 12:11 */
#define SIM_ADVTXD_IDX_SHIFT		4		/* context slot: mss_l4len_idx and
							 * olinfo_status 6:4 */

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
