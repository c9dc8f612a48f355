# netstep - one GNU Makefile, explicit object lists.
#
#   make            build ./netstep
#   make run        build and run it on the simulated wire
#   make check      build and run every test (unit suites + integration)
#   make clean
#   make install    PREFIX=/usr/local, DESTDIR, BINDIR, DATADIR, MANDIR
#   make uninstall  (see "install" below)
#
# Libraries come from pkg-config; if one is missing, `make` says which
# Debian packages to install.

CC       ?= cc
PKGS     := ncurses libpcap check libcrypto
DEB_PKGS := build-essential pkg-config libncurses-dev libpcap-dev check libssl-dev tshark tcpdump \
	    iproute2 nftables socat iputils-ping procps util-linux man-db python3

PKG_OK   := $(shell pkg-config --exists $(PKGS) 2>/dev/null && echo yes)
ifneq ($(PKG_OK),yes)
ifeq ($(filter clean uninstall,$(MAKECMDGOALS)),)
$(error missing libraries ($(PKGS)). Install them with: sudo apt-get install -y $(DEB_PKGS))
endif
endif

CFLAGS   ?= -O2 -g
CFLAGS   += -std=c11 -D_DEFAULT_SOURCE -Wall -Wextra -Werror -MMD -MP -I.
CHECK_CFLAGS := $(shell pkg-config --cflags check 2>/dev/null)
LIBS     := $(shell pkg-config --libs libpcap ncurses libcrypto 2>/dev/null) -pthread
CHECK_LIBS := $(shell pkg-config --libs check 2>/dev/null)

KERNEL_OBJS := kernel/engine.o kernel/trace.o kernel/trace_events.o kernel/snmp.o \
	       kernel/page_alloc.o kernel/slub.o
LAYER_OBJS  := layers/skbuff.o layers/datagram.o layers/dev.o layers/gso.o layers/gro.o \
	       layers/eth.o layers/loopback.o \
	       layers/sch_generic.o layers/sch_api.o layers/sch_fifo.o \
	       layers/sch_mq.o layers/sch_tbf.o \
	       layers/route.o layers/fib_frontend.o layers/fib_trie.o \
	       layers/netfilter.o \
	       layers/neighbour.o layers/arp.o \
	       layers/ip_output.o layers/ip_input.o layers/ip_forward.o \
	       layers/ip_fragment.o layers/icmp.o layers/ping.o
LAYER_OBJS  += layers/sock.o layers/socket.o layers/af_inet.o layers/udp.o layers/ethtool.o \
	       layers/raw.o layers/ip_sockglue.o
LAYER_OBJS  += layers/tcp.o layers/tcp_offload.o layers/tcp_output.o layers/tcp_input.o \
	       layers/tcp_input_sack.o layers/tcp_input_recovery.o layers/tcp_ipv4.o \
	       layers/tcp_minisocks.o layers/tcp_timer.o layers/tcp_cong.o layers/syncookies.o
LAYER_OBJS  += layers/tcp_cubic.o
NIC_OBJS    := nic/dma.o nic/igb_main.o nic/igb_ethtool.o nic/sim_82576.o
SIM_OBJS    := sim/host.o sim/wire.o sim/pcap.o sim/topology.o sim/console.o
SIM_OBJS    += sim/task.o sim/app.o
SIM_OBJS    += sim/tap.o sim/tap_writer.o sim/pcapng.o
SIM_OBJS    += sim/lesson_parse.o sim/lesson_expect.o sim/lesson_run.o sim/lesson_cli.o
SIM_OBJS    += sim/datadir.o sim/journal.o
SIM_OBJS    += sim/af_packet.o
SIM_OBJS    += sim/packetdrill_lex.o sim/packetdrill_parse.o sim/packetdrill_code.o sim/packetdrill_packet.o \
	       sim/packetdrill_calls.o sim/packetdrill_syscall.o sim/packetdrill_run.o \
	       sim/packetdrill_cli.o
TOOL_OBJS   := tools/ping.o tools/iproute.o tools/tc.o tools/iptables.o \
	       tools/ethtool.o tools/proc.o
TOOL_OBJS   += tools/sockets.o tools/ethtool_features.o
TOOL_OBJS   += tools/tcpdump.o tools/tcpdump_print.o
TOOL_OBJS   += tools/sysctl.o
LIB_OBJS    := $(KERNEL_OBJS) $(LAYER_OBJS) $(NIC_OBJS) $(SIM_OBJS) $(TOOL_OBJS)
# ui: the step-through UI (issue 5); only ui/ includes curses
UI_OBJS     := ui/ui.o ui/ui_snap.o ui/ui_explain.o ui/ui_script.o
LIB_OBJS    += $(UI_OBJS)

TEST_OBJS   := tests/check_main.o tests/fixture.o tests/check_engine.o \
	       tests/check_skbuff.o tests/check_slab.o tests/check_route.o tests/check_netfilter.o \
	       tests/check_neighbour.o tests/check_qdisc.o tests/check_ip.o \
	       tests/check_igb.o tests/check_console.o
TEST_OBJS   += tests/check_socket.o tests/check_udp.o
TEST_OBJS   += tests/check_tcp.o tests/check_offload.o tests/check_igb_offload.o
TEST_OBJS   += tests/check_tcp_recovery.o
TEST_OBJS   += tests/check_gro.o
TEST_OBJS   += tests/check_pcapng.o
TEST_OBJS   += tests/check_lesson.o
TEST_OBJS   += tests/check_harden.o
TEST_OBJS   += tests/check_trace.o tests/check_trace_format.o
TEST_OBJS   += tests/check_ui_explain.o
TEST_OBJS   += tests/check_tcpdump.o
TEST_OBJS   += tests/check_ui_snap.o
TEST_OBJS   += tests/check_packetdrill.o
TEST_OBJS   += tests/check_tcp_cubic.o
TEST_OBJS   += tests/check_loopback.o

all: netstep

# Built afresh: `ar r` keeps members whose source is gone (a removed .c
# would go on shadowing its replacement).
libnetstep.a: $(LIB_OBJS)
	rm -f $@
	$(AR) rcs $@ $^

netstep: main.o libnetstep.a
	$(CC) $(CFLAGS) -o $@ main.o libnetstep.a $(LIBS)

tests/%.o: tests/%.c
	$(CC) $(CFLAGS) $(CHECK_CFLAGS) -c -o $@ $<

tests/check_netstep: $(TEST_OBJS) libnetstep.a
	$(CC) $(CFLAGS) -o $@ $(TEST_OBJS) libnetstep.a $(LIBS) $(CHECK_LIBS)

# What a lesson checks against what the UI's panes show (tests/lessons-panes.sh).
tests/lesson_panes: tests/lesson_panes.o libnetstep.a
	$(CC) $(CFLAGS) -o $@ tests/lesson_panes.o libnetstep.a $(LIBS)

# The demo: a ping from the student's host through the router to the
# server, traced and captured.  (The step-through UI replaces this later.)
# ui: the step-through UI on the simulated wire, a TCP connection sending
# 4 KiB (ui/ui.h UI_DEFAULT_SCRIPT); frames also go to netstep.pcap.
run: netstep
	./netstep --pcap netstep.pcap

# The headless demo: a ping, traced and captured.
demo: netstep
	./netstep --headless --trace netstep.trace --pcap netstep.pcap \
		-e 'ping -c 3 10.0.1.2; ip neigh; route -n; tc -s qdisc show dev eth0; cat /proc/softirqs'
	@echo "netstep: call graph in netstep.trace, frames in netstep.pcap (open it in Wireshark)"

# bench/hash_steps (make bench's count of the hash as the CPU runs it) and
# a program for it to trace (tests/hash_steps.sh).
tests/hash_steps: bench/hash_steps.c
	$(CC) $(CFLAGS) -o $@ $<
tests/hash_steps_prog: tests/hash_steps_prog.c
	$(CC) $(CFLAGS) -o $@ $< -lcrypto

check: netstep tests/check_netstep tests/lesson_panes tests/hash_steps tests/hash_steps_prog
	./tests/check_netstep
	$(MAKE) --no-print-directory fuzz-replay
	bash tests/integration.sh ./netstep
	bash tests/tap.sh ./netstep
	bash tests/attack.sh ./netstep
	bash tests/ui.sh ./netstep
	bash tests/lessons.sh ./netstep
	bash tests/lessons-facts.sh ./netstep
	bash tests/lessons-try.sh ./netstep
	bash tests/lessons-panes.sh ./tests/lesson_panes
	bash tests/packetdrill.sh ./netstep
	bash tests/install.sh ./netstep
	bash tests/hash_steps.sh ./tests/hash_steps ./tests/hash_steps_prog

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
	rm -f netstep libnetstep.a tests/check_netstep tests/lesson_panes tests/lesson_panes.[od] \
	      tests/hash_steps tests/hash_steps_prog tests/hash_steps.d tests/hash_steps_prog.d \
	      main.o main.d \
	      $(LIB_OBJS) $(LIB_OBJS:.o=.d) $(TEST_OBJS) $(TEST_OBJS:.o=.d)
	rm -rf tests/out tests/out-tap tests/out-ui
	rm -rf tests/out-lessons	# lessons
	rm -rf tests/out-lessons-facts tests/out-lessons-try	# lessons: facts, tries
	rm -rf build tests/out-valgrind tests/out-soak	# harden
	rm -rf tests/out-attack	# attack.sh
	rm -rf config.h config.h.tmp tests/out-install	# install
	rm -rf tests/out-packetdrill	# packetdrill

.PHONY: all run demo check clean lab-up lab-down lab-status
-include $(LIB_OBJS:.o=.d) $(TEST_OBJS:.o=.d) main.d tests/lesson_panes.d

# --- harden: sanitizers, valgrind, fuzzing (issue 7) -------------------------
# `make sanitize` builds everything again under build/asan/ with ASan+UBSan
# (float casts included; no suppressions, first error aborts) and runs the Check suites, the
# fuzz regressions, tests/integration.sh, ui.sh, lessons.sh and packetdrill.sh with it
# (tests/tap.sh, which needs root and the lab, is left to `make check`).
# `make valgrind` runs the integration scenarios and a few packetdrill
# scripts under memcheck.
# `make fuzz` runs each libFuzzer harness for
# FUZZ_SECONDS.  None of them touches the normal build's objects.
SAN_DIR    := build/asan
FUZZERS    := fuzz_rx fuzz_console fuzz_lesson fuzz_packetdrill
# float-cast-overflow: gcc's -fsanitize=undefined leaves it out (clang's has
# it); a NaN or a huge number cast to an integer is what it catches.
SAN_FLAGS  := -fsanitize=address,undefined,float-cast-overflow -fno-sanitize-recover=all \
	      -fno-omit-frame-pointer
SAN_CFLAGS := -O1 -g -std=c11 -D_DEFAULT_SOURCE -Wall -Wextra -Werror -Wno-format-truncation -MMD -MP -I. $(SAN_FLAGS)
SAN_LIB    := $(SAN_DIR)/libnetstep.a
SAN_ENV    := ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:strict_string_checks=1 \
	      UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1

$(SAN_DIR)/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(SAN_CFLAGS) $(CHECK_CFLAGS) -c -o $@ $<

$(SAN_LIB): $(addprefix $(SAN_DIR)/,$(LIB_OBJS))
	rm -f $@
	$(AR) rcs $@ $^

$(SAN_DIR)/netstep: $(SAN_DIR)/main.o $(SAN_LIB)
	$(CC) $(SAN_CFLAGS) -o $@ $^ $(LIBS)

$(SAN_DIR)/check_netstep: $(addprefix $(SAN_DIR)/,$(TEST_OBJS)) $(SAN_LIB)
	$(CC) $(SAN_CFLAGS) -o $@ $^ $(LIBS) $(CHECK_LIBS)

$(SAN_DIR)/replay/fuzz_%: fuzz/fuzz_%.c fuzz/replay.c $(SAN_LIB)
	@mkdir -p $(dir $@)
	$(CC) $(SAN_CFLAGS) -o $@ fuzz/fuzz_$*.c fuzz/replay.c $(SAN_LIB) $(LIBS)

sanitize: $(SAN_DIR)/netstep $(SAN_DIR)/check_netstep $(addprefix $(SAN_DIR)/replay/,$(FUZZERS))
	$(SAN_ENV) ./$(SAN_DIR)/check_netstep
	@for f in $(FUZZERS); do n=$${f#fuzz_}; \
		ls fuzz/regressions/$$n/* >/dev/null 2>&1 || continue; \
		$(SAN_ENV) ./$(SAN_DIR)/replay/$$f fuzz/regressions/$$n/* >/dev/null || exit 1; \
		echo "ok fuzz regressions under ASan/UBSan: $$n"; \
	done
	$(SAN_ENV) bash tests/integration.sh ./$(SAN_DIR)/netstep
	$(SAN_ENV) bash tests/ui.sh ./$(SAN_DIR)/netstep
	$(SAN_ENV) bash tests/lessons.sh ./$(SAN_DIR)/netstep
	$(SAN_ENV) bash tests/packetdrill.sh ./$(SAN_DIR)/netstep

VALGRIND := valgrind -q --tool=memcheck --leak-check=full --show-leak-kinds=all \
	    --errors-for-leak-kinds=all --error-exitcode=1
valgrind: netstep
	VALGRIND_CMD='$(VALGRIND)' bash tests/valgrind.sh ./netstep

# libFuzzer harnesses (fuzz/*.c), built with clang under build/fuzz/.
FUZZ_CC      := clang
FUZZ_SECONDS ?= 60
FUZZ_FLAGS   := -fsanitize=address,undefined,float-cast-overflow -fno-sanitize-recover=all \
		-fno-omit-frame-pointer
FUZZ_CFLAGS  := -O1 -g -std=c11 -D_DEFAULT_SOURCE -Wall -Wextra -Werror -MMD -MP -I. $(FUZZ_FLAGS)
FUZZ_DIR     := build/fuzz
FUZZ_LIB     := $(FUZZ_DIR)/libnetstep.a

$(FUZZ_DIR)/%.o: %.c
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link -c -o $@ $<

$(FUZZ_LIB): $(addprefix $(FUZZ_DIR)/,$(LIB_OBJS))
	rm -f $@
	$(AR) rcs $@ $^

.PRECIOUS: $(FUZZ_DIR)/fuzz/%.o
$(FUZZ_DIR)/fuzz_%: $(FUZZ_DIR)/fuzz/fuzz_%.o $(FUZZ_LIB)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer -o $@ $^ $(LIBS)

# Each harness for FUZZ_SECONDS on a scratch copy of its seed corpus
# (new inputs land in build/fuzz/corpus-NAME, never in the repo).
fuzz: $(addprefix $(FUZZ_DIR)/,$(FUZZERS))
	@for f in $(FUZZERS); do \
		n=$${f#fuzz_}; mkdir -p $(FUZZ_DIR)/corpus-$$n $(FUZZ_DIR)/crash-$$n; \
		echo "fuzz: $$f for $(FUZZ_SECONDS) s"; \
		ASAN_OPTIONS=detect_leaks=1 timeout $$(( $(FUZZ_SECONDS) + 120 )) \
			./$(FUZZ_DIR)/$$f -max_total_time=$(FUZZ_SECONDS) -timeout=10 \
			-rss_limit_mb=2048 -print_final_stats=1 \
			-artifact_prefix=$(FUZZ_DIR)/crash-$$n/ \
			$(FUZZ_DIR)/corpus-$$n fuzz/corpus/$$n || exit 1; \
	done

# Every input in fuzz/regressions/NAME/ (crashes and hangs found once)
# replayed through the libFuzzer build of its harness (CI; `make check`
# and `make sanitize` replay them with $(CC) builds, below).
fuzz-regress: $(addprefix $(FUZZ_DIR)/,$(FUZZERS))
	@for f in $(FUZZERS); do n=$${f#fuzz_}; \
		[ -d fuzz/regressions/$$n ] || continue; \
		ls fuzz/regressions/$$n/* >/dev/null 2>&1 || continue; \
		./$(FUZZ_DIR)/$$f -timeout=10 fuzz/regressions/$$n/* || exit 1; \
	done

# The same regression inputs through the harnesses built with $(CC) and
# the normal library: `make check` runs this (no clang needed).
REPLAYS := $(addprefix build/replay/,$(FUZZERS))
build/replay/fuzz_%: fuzz/fuzz_%.c fuzz/replay.c libnetstep.a
	@mkdir -p build/replay
	$(CC) $(CFLAGS) -o $@ fuzz/fuzz_$*.c fuzz/replay.c libnetstep.a $(LIBS)

fuzz-replay: $(REPLAYS)
	@for f in $(FUZZERS); do n=$${f#fuzz_}; \
		ls fuzz/regressions/$$n/* >/dev/null 2>&1 || continue; \
		./build/replay/$$f fuzz/regressions/$$n/* >/dev/null || exit 1; \
		echo "ok fuzz regressions: $$n ($$(ls fuzz/regressions/$$n | wc -l) input(s))"; \
	done

.PHONY: sanitize valgrind fuzz fuzz-regress fuzz-replay
-include $(shell find build/asan build/fuzz -name '*.d' 2>/dev/null)
# --- end harden ---------------------------------------------------------------

# --- bench: `make bench` (issue 8) --------------------------------------------
# Builds netstep again under build/bench/ with -O2 -DNDEBUG (the normal
# build's objects are untouched), then bench/run.sh runs every benchmark
# and prints one table; bench/results.json keeps a machine-readable copy.
# Root runs the lab ones (TAP, veth) in private namespaces; without root
# they are skipped and named.  Numbers never fail the run.
BENCH_DIR    := build/bench
BENCH_CFLAGS := -O2 -DNDEBUG -std=c11 -D_DEFAULT_SOURCE -Wall -Wextra -Werror -MMD -MP -I.
BENCH_LIB    := $(BENCH_DIR)/libnetstep.a

$(BENCH_DIR)/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(BENCH_CFLAGS) -c -o $@ $<

$(BENCH_LIB): $(addprefix $(BENCH_DIR)/,$(LIB_OBJS))
	rm -f $@
	$(AR) rcs $@ $^

$(BENCH_DIR)/netstep: $(BENCH_DIR)/main.o $(BENCH_LIB)
	$(CC) $(BENCH_CFLAGS) -o $@ $^ $(LIBS)

$(BENCH_DIR)/bench_sim: $(BENCH_DIR)/bench/bench_sim.o $(BENCH_LIB)
	$(CC) $(BENCH_CFLAGS) -o $@ $^ $(LIBS)

$(BENCH_DIR)/%: bench/%.c
	@mkdir -p $(dir $@)
	$(CC) $(BENCH_CFLAGS) -o $@ $<

bench-build: $(BENCH_DIR)/netstep $(BENCH_DIR)/bench_sim $(BENCH_DIR)/tap_raw $(BENCH_DIR)/tcp_pair \
	     $(BENCH_DIR)/hash_steps

bench: bench-build
	bash bench/run.sh $(BENCH_DIR)

.PHONY: bench bench-build
-include $(addprefix $(BENCH_DIR)/,$(LIB_OBJS:.o=.d) main.d bench/bench_sim.d)
# --- end bench ----------------------------------------------------------------

# --- install: `make install`, `make uninstall` (issue 19) ----------------------
# The usual variables, with their GNU meanings; DESTDIR is prepended to
# every path at install time only (packages, tests/install.sh):
#
#   sudo make install                         /usr/local/bin/netstep ...
#   make install PREFIX=$HOME/.local          for one user, no root
#   make install DESTDIR=/tmp/stage PREFIX=/usr
#
# What is installed (uninstall removes exactly these, then the two
# directories of netstep's own if they are empty):
#   $(BINDIR)/netstep, $(BINDIR)/netstep-lab      (lab/lab.sh)
#   $(PKGDATADIR)/lessons/ORDER, *.lesson, README.md
#   $(MANDIR)/man1/netstep.1, $(MANDIR)/man5/netstep-lessons.5
#
# The build records $(BINDIR) and $(PKGDATADIR)/lessons in config.h, so
# an installed netstep finds its course from any directory, and so does
# one staged under DESTDIR (sim/datadir.h has the whole rule: a netstep
# next to a lessons/ folder, as in its checkout, uses that one).
# Changing PREFIX, BINDIR or DATADIR rebuilds what uses them: give
# `make` and `sudo make install` the same ones.
PREFIX     ?= /usr/local
BINDIR     ?= $(PREFIX)/bin
DATADIR    ?= $(PREFIX)/share
MANDIR     ?= $(DATADIR)/man
PKGDATADIR := $(DATADIR)/netstep
INSTALL    ?= install

LESSON_FILES := lessons/ORDER lessons/README.md $(sort $(wildcard lessons/*.lesson))
MAN_PAGES    := man/netstep.1 man/netstep-lessons.5

# config.h: the version, BINDIR and the lessons folder, rewritten only when
# they change (so a plain `make` relinks nothing).  The version is
# `git describe --tags --dirty` in a git checkout of this tree (with no
# tag yet: VERSION plus the commit, 0.9.0-g607033b), VERSION in a
# tarball.  When git cannot answer in a checkout (not installed, or
# `sudo make install` in a tree owned by someone else) the version
# already in config.h is kept, so nothing is rebuilt as root.
config.h: FORCE
	@v=; \
	if [ -e .git ]; then \
		if d=$$(git describe --tags --dirty 2>/dev/null); then v=$${d#v}; \
		elif d=$$(git describe --always --dirty 2>/dev/null); then v=$$(cat VERSION)-g$$d; \
		else v=$$(sed -n 's/^#define NETSTEP_VERSION "\(.*\)"$$/\1/p' config.h 2>/dev/null); \
		fi; \
	fi; \
	[ -n "$$v" ] || v=$$(cat VERSION 2>/dev/null); \
	[ -n "$$v" ] || v=unknown; \
	{ echo '/* config.h - written by make (Makefile, "config.h"): do not edit. */'; \
	  echo "#define NETSTEP_VERSION \"$$v\""; \
	  echo '#define NETSTEP_BINDIR "$(BINDIR)"'; \
	  echo '#define NETSTEP_LESSONS_DIR "$(PKGDATADIR)/lessons"'; } >config.h.tmp; \
	if cmp -s config.h.tmp config.h; then rm -f config.h.tmp; \
	else mv -f config.h.tmp config.h; echo "config.h: netstep $$v, lessons in $(PKGDATADIR)/lessons"; fi

CONFIG_USERS := main.o sim/datadir.o
$(CONFIG_USERS) $(foreach d,$(SAN_DIR) $(FUZZ_DIR) $(BENCH_DIR),$(addprefix $(d)/,$(CONFIG_USERS))): config.h

install: netstep
	$(INSTALL) -d "$(DESTDIR)$(BINDIR)" "$(DESTDIR)$(PKGDATADIR)/lessons" \
		"$(DESTDIR)$(MANDIR)/man1" "$(DESTDIR)$(MANDIR)/man5"
	$(INSTALL) -m 0755 netstep "$(DESTDIR)$(BINDIR)/netstep"
	$(INSTALL) -m 0755 lab/lab.sh "$(DESTDIR)$(BINDIR)/netstep-lab"
	$(INSTALL) -m 0644 $(LESSON_FILES) "$(DESTDIR)$(PKGDATADIR)/lessons"
	for p in $(MAN_PAGES); do \
		s=$${p##*.}; \
		sed 's|/usr/local/share/netstep|$(PKGDATADIR)|g' $$p >"$(DESTDIR)$(MANDIR)/man$$s/$${p#man/}" && \
		chmod 0644 "$(DESTDIR)$(MANDIR)/man$$s/$${p#man/}" || exit 1; \
	done

uninstall:
	rm -f "$(DESTDIR)$(BINDIR)/netstep" "$(DESTDIR)$(BINDIR)/netstep-lab"
	for f in $(notdir $(LESSON_FILES)); do rm -f "$(DESTDIR)$(PKGDATADIR)/lessons/$$f"; done
	for p in $(MAN_PAGES); do rm -f "$(DESTDIR)$(MANDIR)/man$${p##*.}/$${p#man/}"; done
	rmdir "$(DESTDIR)$(PKGDATADIR)/lessons" "$(DESTDIR)$(PKGDATADIR)" 2>/dev/null || :

FORCE:
.PHONY: install uninstall FORCE
# --- end install --------------------------------------------------------------
