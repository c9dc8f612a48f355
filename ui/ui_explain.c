/*
 * ui/ui_explain.c - one line about each main kernel function, shown
 * under the current function in the UI.
 *
 * No kernel counterpart: this is netstep's own commentary, in its own
 * words, on what the function does to the packet at this point of the
 * path (the seed article's story: socket -> TCP -> IP -> neighbour ->
 * qdisc -> driver -> card -> wire, and back up on the far side).
 * Functions missing from the table get no line.
 */
#include "ui/ui_snap.h"
#include <string.h>

struct ui_explain_row {
	const char *func;
	const char *text;
};

static const struct ui_explain_row ui_explain_table[] = {
	{ "sys_socket", "socket(2): makes a struct socket and its sock, returns a descriptor" },
	{ "sys_connect", "connect(2): the process asks the protocol to reach a peer" },
	{ "sys_sendto", "send(2): copies user bytes into the socket's send path" },
	{ "sys_close", "close(2): drops the descriptor; TCP then sends its FIN" },
	{ "inet_stream_connect", "starts the TCP handshake and sleeps until it finishes" },
	{ "tcp_v4_connect", "picks a route and a source port, then sends the SYN" },
	{ "tcp_connect", "builds the SYN, queues it for retransmission, sends a clone" },
	{ "tcp_sendmsg", "cuts the user's bytes into MSS-sized skbs on the write queue" },
	{ "sk_stream_alloc_skb", "allocates an skb with headroom reserved for every header below" },
	{ "skb_entail", "appends the new skb to the socket's write queue" },
	{ "tcp_push", "asks TCP to send what the window allows now" },
	{ "__tcp_push_pending_frames", "sends queued segments while cwnd and the window allow" },
	{ "tcp_write_xmit", "walks the write queue and transmits each segment that fits" },
	{ "tcp_transmit_skb", "clones the skb: the original stays on the write queue for retransmission" },
	{ "skb_clone", "a second header for the same data: dataref counts both" },
	{ "tcp_v4_send_check", "prepares the TCP checksum over the pseudo-header" },
	{ "ip_queue_xmit", "routes the segment (or reuses the socket's cached dst), pushes the IP header" },
	{ "ip_route_output_ports", "route lookup for this flow: the matched row decides gateway and device" },
	{ "ip_route_output_key", "looks up the output route and builds an rtable (dst)" },
	{ "fib_lookup", "searches the local table, then the main table" },
	{ "fib_table_lookup", "longest-prefix match over the table's rows" },
	{ "__sk_dst_check", "is the route cached on the socket still valid?" },
	{ "ip_local_out", "sets the IP length and checksum, runs the OUTPUT netfilter hook" },
	{ "__ip_local_out", "fills tot_len and computes the IP header checksum" },
	{ "nf_hook", "netfilter: the iptables rules of this hook decide ACCEPT or DROP" },
	{ "ipt_do_table", "walks the chain's rules in order until one matches" },
	{ "ip_output", "the POSTROUTING hook, then fragmentation if needed" },
	{ "ip_finish_output", "fragments when the packet exceeds the route MTU" },
	{ "ip_finish_output2", "finds the next hop's neighbour entry and hands the skb to it" },
	{ "dst_neigh_output", "REACHABLE: copy the cached header; else resolve first" },
	{ "neigh_hh_output", "copies the cached Ethernet header in front of the IP header" },
	{ "neigh_resolve_output", "needs the next hop's MAC: send now or queue behind an ARP request" },
	{ "__neigh_event_send", "starts resolution: the entry goes INCOMPLETE, the skb waits" },
	{ "neigh_event_send", "is the entry usable? if not, start or continue resolution" },
	{ "__neigh_create", "a new neighbour entry for the next hop, state NONE" },
	{ "neigh_probe", "sends one ARP solicitation for the entry" },
	{ "arp_solicit", "builds the 'who has' request for the next hop" },
	{ "arp_send", "creates and transmits one ARP packet" },
	{ "arp_create", "allocates the ARP skb and fills the Ethernet and ARP headers" },
	{ "arp_xmit", "hands the ARP packet to the device layer" },
	{ "arp_rcv", "an ARP packet arrived: sanity checks, then arp_process" },
	{ "arp_process", "answers requests for our address, learns the sender's MAC" },
	{ "neigh_update", "new link-layer address or state: queued packets now leave" },
	{ "neigh_timer_handler", "a neighbour timer fired: retry, go STALE or FAILED" },
	{ "eth_header", "pushes the 14-byte Ethernet header: destination, source, type" },
	{ "dev_queue_xmit", "picks a TX queue and hands the skb to its qdisc" },
	{ "netdev_pick_tx", "chooses which TX queue (ring) the skb will use" },
	{ "__dev_xmit_skb", "an idle pfifo_fast is bypassed; otherwise enqueue and run the qdisc" },
	{ "sch_direct_xmit", "hands one skb from the qdisc to the driver" },
	{ "dev_hard_start_xmit", "calls the driver's ndo_start_xmit" },
	{ "igb_xmit_frame", "the driver's entry: pick the ring for this skb" },
	{ "igb_xmit_frame_ring", "reserves descriptors, maps the skb, writes the tail register" },
	{ "igb_tx_map", "maps the data for DMA, fills a descriptor, advances next_to_use" },
	{ "dma_map_single", "gives the card a bus address for the skb's data" },
	{ "dma_unmap_single", "the card is done with the buffer: take it back" },
	{ "sim_82576_wr32", "the driver writes a card register (here: TDT, the tail)" },
	{ "sim_82576_tx_frame", "the card's DMA fetches the descriptor and data: the frame hits the wire" },
	{ "sim_82576_msix_event", "the card raises an MSI-X interrupt" },
	{ "sim_82576_receive", "a frame arrives at the card and is written into an RX buffer" },
	{ "igb_msix_ring", "hard IRQ: schedule NAPI and return fast" },
	{ "napi_schedule", "puts the device on the poll list and raises NET_RX" },
	{ "net_rx_action", "NET_RX softirq: polls each NAPI context within a budget" },
	{ "igb_poll", "NAPI poll: clean the TX ring, then receive from the RX ring" },
	{ "igb_clean_tx_irq", "frees skbs whose descriptors have DD set, advances next_to_clean" },
	{ "igb_clean_rx_irq", "takes received frames off the RX ring and passes them up" },
	{ "igb_alloc_rx_buffers", "refills RX slots with fresh buffers and bumps RDT" },
	{ "napi_gro_receive", "GRO entry point: here passed straight up" },
	{ "netif_receive_skb", "hands the skb to the protocol handler for its type" },
	{ "__netif_receive_skb_core", "finds the packet_type for the EtherType: IP or ARP" },
	{ "eth_type_trans", "reads the Ethernet header, sets protocol and pkt_type, pulls it" },
	{ "ip_rcv", "checks the IP header, runs PREROUTING" },
	{ "ip_rcv_finish", "routes the incoming packet: deliver locally or forward" },
	{ "ip_route_input_noref", "input route lookup: is it for us or for another host?" },
	{ "ip_forward", "router: decrement TTL, check MTU, send on" },
	{ "ip_forward_finish", "the forwarded packet goes down the output path" },
	{ "ip_local_deliver", "the packet is for this host: reassemble, then INPUT hook" },
	{ "ip_local_deliver_finish", "hands the payload to TCP, UDP or ICMP" },
	{ "tcp_v4_rcv", "finds the socket for the segment and processes it" },
	{ "tcp_v4_do_rcv", "per-socket processing: established fast path or state machine" },
	{ "tcp_rcv_state_process", "the TCP state machine for every state but ESTABLISHED" },
	{ "tcp_rcv_established", "ESTABLISHED: data and ACKs" },
	{ "tcp_ack", "an ACK arrived: free acknowledged data, grow cwnd" },
	{ "tcp_clean_rtx_queue", "acknowledged originals leave the write queue: dataref drops" },
	{ "tcp_data_queue", "in-order data goes onto the receive queue" },
	{ "tcp_send_ack", "builds and sends a pure ACK" },
	{ "tcp_send_fin", "queues a FIN after the last data" },
	{ "tcp_set_state", "the connection changes state" },
	{ "alloc_skb", "allocates an sk_buff header and its data buffer" },
	{ "kfree_skb", "drops an skb reference (a drop: counted)" },
	{ "consume_skb", "frees an skb after normal use" },
	{ "dev_kfree_skb_any", "frees a transmitted skb from any context" },
	{ "raise_softirq", "marks a softirq pending on this CPU" },
	{ "(console)", "a console command was started; step to watch it run" },
	{ "(lesson)", "a lesson step ran to here; p steps back through what it did" },
};

const char *
ui_explain(const char *func)
{
	if (!func)
		return NULL;
	for (size_t i = 0; i < sizeof(ui_explain_table) / sizeof(ui_explain_table[0]); i++)
		if (!strcmp(ui_explain_table[i].func, func))
			return ui_explain_table[i].text;
	return NULL;
}
