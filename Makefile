# netstep - one GNU Makefile, explicit object lists.
#
#   make            build ./netstep
#   make run        build and run it on the simulated wire
#   make check      build and run every test (unit suites + integration)
#   make clean
#
# Libraries come from pkg-config; if one is missing, `make` says which
# Debian packages to install.

CC       ?= cc
PKGS     := ncurses libpcap check
DEB_PKGS := build-essential pkg-config libncurses-dev libpcap-dev check tshark

PKG_OK   := $(shell pkg-config --exists $(PKGS) 2>/dev/null && echo yes)
ifneq ($(PKG_OK),yes)
ifeq ($(filter clean,$(MAKECMDGOALS)),)
$(error missing libraries ($(PKGS)). Install them with: sudo apt-get install -y $(DEB_PKGS))
endif
endif

CFLAGS   ?= -O2 -g
CFLAGS   += -std=c11 -D_DEFAULT_SOURCE -Wall -Wextra -Werror -MMD -MP -I.
CHECK_CFLAGS := $(shell pkg-config --cflags check 2>/dev/null)
LIBS     := $(shell pkg-config --libs libpcap ncurses 2>/dev/null)
CHECK_LIBS := $(shell pkg-config --libs check 2>/dev/null)

KERNEL_OBJS := kernel/engine.o kernel/trace.o kernel/snmp.o
LAYER_OBJS  := layers/skbuff.o layers/dev.o layers/eth.o \
	       layers/sch_generic.o layers/sch_api.o layers/sch_fifo.o \
	       layers/sch_mq.o layers/sch_tbf.o \
	       layers/route.o layers/fib_frontend.o layers/fib_trie.o \
	       layers/netfilter.o \
	       layers/neighbour.o layers/arp.o \
	       layers/ip_output.o layers/ip_input.o layers/ip_forward.o \
	       layers/ip_fragment.o layers/icmp.o layers/ping.o
LAYER_OBJS  += layers/sock.o layers/socket.o layers/af_inet.o layers/udp.o
LAYER_OBJS  += layers/tcp.o layers/tcp_output.o layers/tcp_input.o layers/tcp_ipv4.o \
	       layers/tcp_minisocks.o layers/tcp_timer.o layers/tcp_cong.o
NIC_OBJS    := nic/dma.o nic/igb_main.o nic/igb_ethtool.o nic/sim_82576.o
SIM_OBJS    := sim/host.o sim/wire.o sim/pcap.o sim/topology.o sim/console.o
SIM_OBJS    += sim/task.o sim/app.o sim/sha256.o
SIM_OBJS    += sim/tap.o sim/pcapng.o
TOOL_OBJS   := tools/ping.o tools/iproute.o tools/tc.o tools/iptables.o \
	       tools/ethtool.o tools/proc.o
TOOL_OBJS   += tools/sockets.o
LIB_OBJS    := $(KERNEL_OBJS) $(LAYER_OBJS) $(NIC_OBJS) $(SIM_OBJS) $(TOOL_OBJS)

TEST_OBJS   := tests/check_main.o tests/fixture.o tests/check_engine.o \
	       tests/check_skbuff.o tests/check_route.o tests/check_netfilter.o \
	       tests/check_neighbour.o tests/check_qdisc.o tests/check_ip.o \
	       tests/check_igb.o tests/check_console.o
TEST_OBJS   += tests/check_socket.o tests/check_udp.o
TEST_OBJS   += tests/check_tcp.o
TEST_OBJS   += tests/check_pcapng.o

all: netstep

libnetstep.a: $(LIB_OBJS)
	$(AR) rcs $@ $^

netstep: main.o libnetstep.a
	$(CC) $(CFLAGS) -o $@ main.o libnetstep.a $(LIBS)

tests/%.o: tests/%.c
	$(CC) $(CFLAGS) $(CHECK_CFLAGS) -c -o $@ $<

tests/check_netstep: $(TEST_OBJS) libnetstep.a
	$(CC) $(CFLAGS) -o $@ $(TEST_OBJS) libnetstep.a $(LIBS) $(CHECK_LIBS)

# The demo: a ping from the student's host through the router to the
# server, traced and captured.  (The step-through UI replaces this later.)
run: netstep
	./netstep --headless --trace netstep.trace --pcap netstep.pcap \
		-e 'ping -c 3 10.0.1.2; ip neigh; route -n; tc -s qdisc show dev eth0; cat /proc/softirqs'
	@echo "netstep: call graph in netstep.trace, frames in netstep.pcap (open it in Wireshark)"

check: netstep tests/check_netstep
	./tests/check_netstep
	bash tests/integration.sh ./netstep
	bash tests/tap.sh ./netstep

# The classroom lab (lab/lab.sh): the kernel as router and server, in
# network namespaces, behind a TAP.  LAB_ARGS='--name lab2 --mtu 1400 --loss 5'.
SUDO     := $(if $(filter 0,$(shell id -u)),,sudo)
lab-up: netstep
	$(SUDO) bash lab/lab.sh up $(LAB_ARGS)

lab-down:
	$(SUDO) bash lab/lab.sh down $(LAB_ARGS)

lab-status:
	$(SUDO) bash lab/lab.sh status $(LAB_ARGS)

clean:
	rm -f netstep libnetstep.a tests/check_netstep main.o main.d \
	      $(LIB_OBJS) $(LIB_OBJS:.o=.d) $(TEST_OBJS) $(TEST_OBJS:.o=.d)
	rm -rf tests/out tests/out-tap

.PHONY: all run check clean lab-up lab-down lab-status
-include $(LIB_OBJS:.o=.d) $(TEST_OBJS:.o=.d) main.d
