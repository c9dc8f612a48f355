/*
 * tests/check_packetdrill.c - the packetdrill runner (sim/packetdrill*.c):
 * the parser on every construct of the grammar and every error it
 * reports, the %{ }% evaluator, the options, and runs of small scripts
 * that pass, fail where they should, and step line by line.
 *
 * The scripts under tests/packetdrill/ (tests/packetdrill.sh) run the
 * stack's behaviour end to end; these look at the pieces.
 */
#include <check.h>
#include <string.h>

#include "tests/fixture.h"
#include "sim/packetdrill_priv.h"
#include "sim/topology.h"
#include "layers/tcp.h"

static char err[PD_ERR_MAX];

static struct pd_script *
parse(const char *text)
{
	struct pd_script *s = pd_parse("t.pkt", text, strlen(text), err, sizeof(err));

	ck_assert_msg(s, "%s", err);
	return s;
}

/* @text must be refused with an error that starts "t.pkt:LINE: " and has @what. */
static void
refused(const char *text, int line, const char *what)
{
	struct pd_script *s = pd_parse("t.pkt", text, strlen(text), err, sizeof(err));
	char prefix[32];

	ck_assert_msg(!s, "accepted: %s", text);
	snprintf(prefix, sizeof(prefix), "t.pkt:%d: ", line);
	ck_assert_msg(!strncmp(err, prefix, strlen(prefix)), "%s: %s", text, err);
	ck_assert_msg(strstr(err, what), "%s: %s (wanted '%s')", text, err, what);
	ck_assert_msg(!strchr(err, '\n'), "not one line: %s", err);
}

#define SOCK "0 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3\n"

START_TEST(test_parse_times)
{
	struct pd_script *s = parse(SOCK
				    "+.1 close(3) = 0\n"
				    "0.25 close(3) = -1 EBADF (Bad file descriptor)\n"
				    "* > . 1:1(0)\n"
				    "0.3~0.400 > . 1:1(0)\n"
				    "+0.001~+2 > . 1:1(0)\n"
				    "+1...1.5 read(3, ..., 10) = 0\n"
				    "2.000000001 close(3) = 0\n");

	ck_assert_int_eq(s->nev, 8);
	ck_assert_int_eq(s->ev[0].time_type, PD_TIME_ABS);
	ck_assert_int_eq(s->ev[1].time_type, PD_TIME_REL);
	ck_assert_int_eq(s->ev[1].t_ns, 100000000);
	ck_assert_int_eq(s->ev[2].time_type, PD_TIME_ABS);
	ck_assert_int_eq(s->ev[2].t_ns, 250000000);
	ck_assert_int_eq(s->ev[2].call.err, EBADF);
	ck_assert_int_eq(s->ev[2].call.result, -1);
	ck_assert_int_eq(s->ev[3].time_type, PD_TIME_ANY);
	ck_assert_int_eq(s->ev[4].time_type, PD_TIME_ABS_RANGE);
	ck_assert_int_eq(s->ev[4].t_ns, 300000000);
	ck_assert_int_eq(s->ev[4].t_end_ns, 400000000);
	ck_assert_int_eq(s->ev[5].time_type, PD_TIME_REL_RANGE);
	ck_assert_int_eq(s->ev[5].t_ns, 1000000);
	ck_assert_int_eq(s->ev[5].t_end_ns, 2000000000);
	ck_assert(s->ev[6].call.blocking);
	ck_assert_int_eq(s->ev[6].t_ns, 1000000000);
	ck_assert_int_eq(s->ev[6].call.end_ns, 1500000000);
	ck_assert_int_eq(s->ev[7].t_ns, 2000000001);
	for (int i = 0; i < s->nev; i++)
		ck_assert_int_eq(pd_script_line(s, i), i + 1);
	pd_free(s);
}
END_TEST

START_TEST(test_parse_packets)
{
	static const u8 syn_opts[] = { 2, 4, 0x03, 0xe8, 4, 2, 8, 10, 0, 0, 0, 100, 0, 0, 0, 0,
				       1, 3, 3, 7 };
	static const u8 sack_opts[] = { 1, 1, 5, 18, 0, 0, 0x07, 0xd1, 0, 0, 0x0b, 0xb9,
					0, 0, 0x0f, 0xa1, 0, 0, 0x13, 0x89 };
	struct pd_script *s = parse(SOCK
				    "+0 < S 0:0(0) win 32792 <mss 1000,sackOK,TS val 100 ecr 0,nop,wscale 7>\n"
				    "+0 > S. 0:0(0) ack 1 <...>\n"
				    "+0 < . 1:1(0) ack 1 win 257 <nop,nop,sack 2001:3001 4001:5001>\n"
				    "+0 < FP. 1:1001(1000) ack 1 win 257\n"
				    "+0 > R 1:1(0)\n"
				    "+0 < - 1:1(0) win 0\n"
				    "+0 > EW. 1:1(0) ack 1 win 5\n"
				    "+0 < [1:1461(1460)] icmp unreachable frag_needed mtu 1200\n"
				    "+0 < [1:1(0)] icmp time_exceeded\n");
	const struct pd_packet *p;

	p = &s->ev[1].pkt;
	ck_assert(p->inbound);
	ck_assert_int_eq(p->flags, TCPHDR_SYN);
	ck_assert_int_eq(p->win, 32792);
	ck_assert_int_eq(p->optlen, sizeof(syn_opts));
	ck_assert(!memcmp(p->opts, syn_opts, sizeof(syn_opts)));
	p = &s->ev[2].pkt;
	ck_assert(!p->inbound);
	ck_assert_int_eq(p->flags, TCPHDR_SYN | TCPHDR_ACK);
	ck_assert(p->has_ack);
	ck_assert_int_eq(p->ack, 1);
	ck_assert(p->opts_any);
	ck_assert_int_eq(p->win, -1);
	p = &s->ev[3].pkt;
	ck_assert_int_eq(p->optlen, sizeof(sack_opts));
	ck_assert(!memcmp(p->opts, sack_opts, sizeof(sack_opts)));
	p = &s->ev[4].pkt;
	ck_assert_int_eq(p->flags, TCPHDR_FIN | TCPHDR_PSH | TCPHDR_ACK);
	ck_assert_int_eq(p->seq, 1);
	ck_assert_int_eq(p->len, 1000);
	ck_assert_int_eq(s->ev[5].pkt.flags, TCPHDR_RST);
	ck_assert_int_eq(s->ev[6].pkt.flags, 0);
	ck_assert_int_eq(s->ev[7].pkt.flags, TCPHDR_ECE | TCPHDR_CWR | TCPHDR_ACK);
	p = &s->ev[8].pkt;
	ck_assert_int_eq(p->proto, PD_PKT_ICMP);
	ck_assert_int_eq(p->icmp_type, ICMP_DEST_UNREACH);
	ck_assert_int_eq(p->icmp_code, ICMP_FRAG_NEEDED);
	ck_assert_int_eq(p->icmp_mtu, 1200);
	ck_assert_int_eq(p->len, 1460);
	ck_assert_int_eq(s->ev[9].pkt.icmp_type, ICMP_TIME_EXCEEDED);
	ck_assert_int_eq(s->ev[9].pkt.icmp_mtu, -1);
	pd_free(s);
}
END_TEST

/* A packet's short dump is what packetdrill prints. */
START_TEST(test_packet_print)
{
	struct pd_script *s = parse(SOCK
				    "+0 > S. 0:0(0) ack 1 <mss 1460,sackOK,TS val 7 ecr 9,nop,wscale 7>\n"
				    "+0 < P. 1:1001(1000) ack 1 win 257 <nop,nop,sack 2001:3001>\n"
				    "+0 > . 1:1(0) <...>\n");
	char buf[256];
	FILE *f = fmemopen(buf, sizeof(buf), "w");

	pd_packet_print(f, &s->ev[1].pkt);
	fputc('|', f);
	pd_packet_print(f, &s->ev[2].pkt);
	fputc('|', f);
	pd_packet_print(f, &s->ev[3].pkt);
	fputc('\0', f);
	fclose(f);
	ck_assert_str_eq(buf, "S. 0:0(0) ack 1 <mss 1460,sackOK,TS val 7 ecr 9,nop,wscale 7>|"
			 "P. 1:1001(1000) ack 1 win 257 <nop,nop,sack 2001:3001>|"
			 ". 1:1(0) ack 0 <...>");
	pd_free(s);
}
END_TEST

START_TEST(test_parse_syscalls)
{
	struct pd_script *s = parse(
		"`sysctl -q net.ipv4.tcp_sack=1`\n"
		"0 socket(..., SOCK_STREAM|SOCK_NONBLOCK, IPPROTO_TCP) = 3\n"
		"+0 setsockopt(3, SOL_SOCKET, SO_LINGER, {onoff=1, linger=0}, 8) = 0\n"
		"+0 bind(3, {sa_family=AF_INET, sin_port=htons(9000), "
		"sin_addr=inet_addr(\"192.168.0.1\")}, 16) = 0\n"
		"+0 fcntl(3, F_GETFL) = 0x802 (flags O_RDWR|O_NONBLOCK)\n"
		"+0 poll([{fd=3, events=POLLIN|POLLOUT, revents=0}], 1, 0) = 0\n"
		"+0 getsockopt(3, SOL_TCP, TCP_INFO, {tcpi_state=7}, ...) = 0\n"
		"+0 ioctl(3, SIOCINQ, [0]) = -1 EINVAL (Invalid argument)\n"
		"+0 send(3, ..., 10, MSG_MORE) = -1 EPIPE\n"
		"+0 sendto(3, ..., 10, 0, ..., ...) = -1 EPIPE\n"
		"+0 recv(3, ..., 10, MSG_PEEK|MSG_DONTWAIT) = -1 EAGAIN\n"
		"+0 shutdown(3, SHUT_RDWR) = -1 ENOTCONN\n"
		"+0 %{ assert tcpi_snd_cwnd == 10 }%\n");
	const struct pd_expr *x;

	ck_assert_int_eq(s->nev, 13);
	ck_assert_int_eq(s->ev[0].kind, PD_EV_SHELL);
	ck_assert_str_eq(s->ev[0].shell, "sysctl -q net.ipv4.tcp_sack=1");
	x = s->ev[1].call.args->next;
	ck_assert_int_eq(x->kind, PD_X_OR);
	ck_assert_int_eq(x->num, SOCK_STREAM | SOCK_NONBLOCK);
	ck_assert_int_eq(s->ev[1].call.args->kind, PD_X_ELLIPSIS);
	x = s->ev[2].call.args->next->next->next;
	ck_assert_int_eq(x->kind, PD_X_STRUCT);
	ck_assert_str_eq(x->kids->field, "onoff");
	x = s->ev[3].call.args->next;
	ck_assert_str_eq(x->kids->next->field, "sin_port");
	ck_assert_int_eq(x->kids->next->kind, PD_X_CALL);
	ck_assert_int_eq(x->kids->next->kids->num, 9000);
	ck_assert_str_eq(x->kids->next->next->kids->str, "192.168.0.1");
	ck_assert_int_eq(s->ev[4].call.result, 0x802);
	ck_assert_int_eq(s->ev[5].call.args->kind, PD_X_LIST);
	ck_assert_int_eq(s->ev[7].call.err, EINVAL);
	ck_assert_int_eq(s->ev[10].call.err, EAGAIN);
	ck_assert_int_eq(s->ev[12].kind, PD_EV_CODE);
	pd_free(s);
}
END_TEST

/* Every problem the parser reports: the right line, one line, the reason. */
START_TEST(test_parse_errors)
{
	static const struct {
		const char *text;
		int line;
		const char *what;
	} bad[] = {
		{ "", 1, "no events" },
		{ "1 close(3) = 0\n", 1, "first event should be at time 0" },
		{ SOCK "0.5 close(3) = 0\n0.2 close(3) = 0\n", 3, "time goes backward" },
		{ SOCK "+0~+1 close(3) = 0\n", 2, "time ranges can only be used with outbound" },
		{ SOCK "0.2~0.1 > . 1:1(0)\n", 2, "ends before it starts" },
		{ SOCK "+0 frobnicate(3) = 0\n", 2, "unsupported system call 'frobnicate'" },
		{ SOCK "+0 close(3, 4) = 0\n", 2, "close: expected 1 arguments but got 2" },
		{ SOCK "+0 fcntl(3) = 0\n", 2, "expected 2 to 3 arguments" },
		{ SOCK "+0 close(FOO) = 0\n", 2, "unknown symbol 'FOO'" },
		{ SOCK "+0 close(3) = -1 EFOO\n", 2, "unknown errno 'EFOO'" },
		{ SOCK "+0 close(3) = 0 (note\n", 2, "unterminated (note)" },
		{ SOCK "+0 close(3)\n", 3, "expected '='" },
		{ SOCK "+0 bind(3, {sa_family=AF_INET}, 16) = 0\n", 2, "sin_port=htons(N)" },
		{ SOCK "+0 close(foo(1)) = 0\n", 2, "unsupported function 'foo'" },
		{ SOCK "+0 close([[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]) = 0\n", 2, "nested too deep" },
		{ SOCK "+0 write(3, \"abc\", 3) = 3\n", 2, "takes ... for the buffer" },
		{ SOCK "+0 poll(3, 1, 0) = 0\n", 2, "poll: expected [{fd=N" },
		{ SOCK "+0 poll([{fd=3, events=POLLIN}], 2, 0) = 0\n", 2, "nfds 2 but 1 pollfd" },
		{ SOCK "+0 getsockopt(3, SOL_TCP, TCP_INFO, {tcpi_nope=1}, ...) = 0\n", 2,
		  "tcpi_nope: not a field of 3.10's struct tcp_info" },
		{ SOCK "+0 < Q 0:0(0) win 1\n", 2, "Invalid TCP flag: 'Q'" },
		{ SOCK "+0 < S 0:5(0) win 1\n", 2, "inconsistent sequence numbers" },
		{ SOCK "+0 < S 0:0(0)\n", 2, "window must be specified for inbound" },
		{ SOCK "+0 < S 0:0(0) win 1 <...>\n", 2, "for outbound packets only" },
		{ SOCK "+0 > S 0:0(0) <mss 1460,sackOK>\n", 2, "2 excess bytes" },
		{ SOCK "+0 > S 0:0(0) <md5 1>\n", 2, "unsupported TCP option" },
		{ SOCK "+0 > S 0:0(0) <sack>\n", 2, "sack needs at least one block" },
		{ SOCK "+0 > S 0:0(0) <TS 1 ecr 2>\n", 2, "expected TS val N ecr N" },
		{ SOCK "+0 > S 0:0(0) <mss 70000>\n", 2, "an MSS 70000 is out of range" },
		{ SOCK "+0 < [ect0] S 0:0(0) win 1\n", 2, "ECN" },
		{ SOCK "+0 < udp (10)\n", 2, "UDP packets are not supported" },
		{ SOCK "+0 > [1:1(0)] icmp unreachable frag_needed\n", 2, "outbound ICMP" },
		{ SOCK "+0 < [1:1(0)] icmp echo_request\n", 2, "unsupported ICMP 'echo_request'" },
		{ SOCK "+0 < [1:1(0)] S 0:0(0) win 1\n", 2, "goes with icmp" },
		{ SOCK "+0 < . 1:1(0) ack 5 win 1\n+0 < - 1:1(0) ack 5 win 1\n", 3,
		  "without the ACK flag" },
		{ SOCK "+0 ...1 > . 1:1(0)\n", 2, "'...' END goes before a system call" },
		{ SOCK "+0 hello\n", 2, "expected a packet" },
		{ SOCK "+0 %{ print(1) }%\n", 2, "unsupported Python 'print'" },
		{ SOCK "+0 %{\n\nassert tcpi_nope == 1\n}%\n", 4, "tcpi_nope: not a field" },
		{ SOCK "+0 %{ }%\n", 2, "empty %{ }% block" },
		{ SOCK "+0 %{ assert tcpi_pacing_rate == 0 }%\n", 2, "tcpi_pacing_rate: not a field" },
		{ SOCK "+0 %{ assert (tcpi_rto > 1\n}%\n", 3, "expected ')'" },
		{ SOCK "+0 %{ assert 1.5 > 1 }%\n", 2, "integers up to 2**53 only" },
		{ SOCK "+0 %{ assert tcpi_rto = 1 }%\n", 2, "unsupported Python '='" },
		{ SOCK "+0 %{ assert 1 == 1 2 }%\n", 2, "unexpected '' after the assert" },
		{ SOCK "+0 %{ assert 1 == 1", 2, "unterminated %{ block" },
		{ SOCK "+0 `sysctl -a", 2, "unterminated `command`" },
		{ SOCK "/* open", 2, "unterminated /* comment" },
		{ SOCK "+0 close(99999999999999999999) = 0\n", 2, "number out of range" },
		{ SOCK "+0 close(999999999999999999999999999) = 0\n", 2, "number too long" },
		{ SOCK "+0 close(3) = 0\n--mtu=1400\n", 3, "options (--name=value) go at the top" },
		{ "0 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3\n\x01\n", 2, "expected a time" },
		{ SOCK "+1000001 close(3) = 0\n", 2, "time too large" },
		{ SOCK "* +0...1 read(3, ..., 1) = 0\n", 2, "expected a packet" },
	};

	for (size_t i = 0; i < ARRAY_SIZE(bad); i++)
		refused(bad[i].text, bad[i].line, bad[i].what);
	/* A NUL byte: not text, whatever follows. */
	ck_assert_ptr_null(pd_parse("t.pkt", "0 close(3) = 0\0", 15, err, sizeof(err)));
	ck_assert_str_eq(err, "t.pkt: not a text file (NUL byte)");
	/* 64 options are fine, the 65th is refused (and the 64 freed: the
	 * fuzzer found them freed twice once, under ASan in make sanitize). */
	{
		static char many[65 * 24 + sizeof(SOCK)];
		char *p = many;
		struct pd_script *s;

		for (int i = 0; i < 64; i++)
			p += sprintf(p, "--tolerance_usecs=%d\n", i);
		strcpy(p, SOCK);
		s = parse(many);
		pd_free(s);
		strcpy(p, "--tolerance_usecs=64\n" SOCK);
		refused(many, 65, "too many options");
	}
}
END_TEST

/* The script's options, and the command line's, through pd_config_set. */
START_TEST(test_config)
{
	struct pd_script *s = parse("--tolerance_usecs=10000\n--mtu=1400\n--strict_segments\n"
				    SOCK);
	struct pd_config c;

	pd_config_default(&c);
	ck_assert_int_eq(c.prefixlen, 16);
	ck_assert_int_eq(c.bind_port, 8080);
	ck_assert_int_eq(c.tolerance_ns, 4000000);
	ck_assert_int_eq(ntohl(c.local_ip), 0xc0a80001);	/* 192.168.0.1 */
	ck_assert_int_eq(ntohl(c.remote_ip), 0xc0000201);	/* 192.0.2.1 */
	ck_assert_int_eq(ntohl(c.gateway_ip), 0xc0a80002);	/* 192.168.0.2 */
	ck_assert_int_eq(pd_script_options(s, &c, err, sizeof(err)), 0);
	ck_assert_int_eq(c.tolerance_ns, 10000000);
	ck_assert_int_eq(c.mtu, 1400);
	ck_assert(c.strict_segments);
	ck_assert_int_eq(pd_config_set(&c, "netmask_ip", "255.255.255.0", err, sizeof(err)), 0);
	ck_assert_int_eq(c.prefixlen, 24);
	ck_assert_int_eq(pd_config_set(&c, "netmask_ip", "255.0.255.0", err, sizeof(err)), 2);
	ck_assert_int_eq(pd_config_set(&c, "remote_ip", "192.0.2.9/24", err, sizeof(err)), 0);
	ck_assert_int_eq(ntohl(c.remote_ip), 0xc0000209);
	ck_assert_int_eq(pd_config_set(&c, "mtu", "60", err, sizeof(err)), 2);
	ck_assert_str_eq(err, "invalid --mtu '60'");
	ck_assert_int_eq(pd_config_set(&c, "bind_port", "0", err, sizeof(err)), 2);
	ck_assert_int_eq(pd_config_set(&c, "tolerance_percent", "5", err, sizeof(err)), 1);
	ck_assert_ptr_nonnull(strstr(err, "not supported"));
	ck_assert_int_eq(pd_config_set(&c, "frobnicate", "5", err, sizeof(err)), 1);
	ck_assert_str_eq(err, "unknown option --frobnicate");
	pd_free(s);
	s = parse("--speed=100\n" SOCK);
	ck_assert_int_eq(pd_script_options(s, &c, err, sizeof(err)), 2);
	ck_assert_ptr_nonnull(strstr(err, "t.pkt:1: option --speed is not supported"));
	pd_free(s);
}
END_TEST

/* The evaluator: values, operators as Python has them, the report. */
static int
eval(const char *text, const struct tcp_info *info, char *msg, size_t len)
{
	int line = 0, rc;
	struct pd_code *c = pd_code_parse(text, 10, &line, msg, len);

	ck_assert_msg(c, "%s: %s", text, msg);
	rc = pd_code_eval(c, info, &line, msg, len);
	pd_code_free(c);
	return rc ? line : 0;
}

START_TEST(test_code_eval)
{
	static const char *const hold[] = {
		"assert tcpi_snd_cwnd == 7",
		"assert tcpi_snd_cwnd != 8 and not tcpi_snd_cwnd == 8",
		"assert 95*1000 <= tcpi_rto <= 110*1000",
		"assert tcpi_rto // 1000 == 100 and tcpi_rto % 7 == 100000 % 7",
		"assert -7 // 2 == -4 and -7 % 2 == 1 and 7 / 2 * 2 == 7 and 7 / 2 != 3",
		"assert 2 ** 10 == 1024 and -2 ** 2 == -4 and (-2) ** 2 == 4",
		"assert tcpi_ca_state == TCP_CA_Recovery and TCP_CA_Loss == 4",
		"assert tcpi_snd_cwnd > 100 or tcpi_unacked == 3",
		"assert (tcpi_snd_cwnd + 1) * 2 == 16, tcpi_snd_cwnd",
		"assert True and not False",
		"assert 1 < 2 < 3 > 0 != 5",
		"assert tcpi_snd_wscale == 7 and tcpi_rcv_wscale == 8",
		"assert 0x10 == 16 # a comment",
		"assert tcpi_snd_cwnd == 7; assert tcpi_unacked == 3\n\n  assert \\\n tcpi_lost == 0",
		"assert (tcpi_snd_cwnd ==\n 7)",
	};
	struct tcp_info info;
	char msg[300];

	memset(&info, 0, sizeof(info));
	info.tcpi_snd_cwnd = 7;
	info.tcpi_rto = 100000;
	info.tcpi_ca_state = TCP_CA_Recovery;
	info.tcpi_unacked = 3;
	info.tcpi_snd_wscale = 7;
	info.tcpi_rcv_wscale = 8;
	for (size_t i = 0; i < ARRAY_SIZE(hold); i++)
		ck_assert_msg(eval(hold[i], &info, msg, sizeof(msg)) == 0, "%s: %s", hold[i], msg);
	ck_assert_int_eq(eval("assert tcpi_snd_cwnd == 7\nassert tcpi_snd_cwnd == 10, tcpi_snd_cwnd",
			      &info, msg, sizeof(msg)), 11);
	ck_assert_str_eq(msg, "assertion failed: `assert tcpi_snd_cwnd == 10, tcpi_snd_cwnd` "
			 "(tcpi_snd_cwnd = 7; AssertionError: 7)");
	ck_assert_int_eq(eval("assert 90 <= tcpi_rto // 1000 <= 95 and tcpi_unacked == 3", &info,
			      msg, sizeof(msg)), 10);
	ck_assert_str_eq(msg, "assertion failed: `assert 90 <= tcpi_rto // 1000 <= 95 and "
			 "tcpi_unacked == 3` (tcpi_rto = 100000, tcpi_unacked = 3)");
	ck_assert_int_eq(eval("assert 1 // tcpi_lost == 0", &info, msg, sizeof(msg)), 10);
	ck_assert_str_eq(msg, "ZeroDivisionError in `assert 1 // tcpi_lost == 0`");
}
END_TEST

/* ---- runs ------------------------------------------------------------------------- */

#define PASSIVE_OPEN \
	"0   socket(..., SOCK_STREAM, IPPROTO_TCP) = 3\n" \
	"+0  setsockopt(3, SOL_SOCKET, SO_REUSEADDR, [1], 4) = 0\n" \
	"+0  bind(3, ..., ...) = 0\n" \
	"+0  listen(3, 1) = 0\n" \
	"+0  < S 0:0(0) win 32792 <mss 1000,sackOK,nop,nop,nop,wscale 7>\n" \
	"+0  > S. 0:0(0) ack 1 <mss 1460,nop,nop,sackOK,nop,wscale 7>\n" \
	"+.1 < . 1:1(0) ack 1 win 257\n" \
	"+0  accept(3, ..., ...) = 4\n"

/* Run @text to its end: the status; the report in err. */
static enum pd_status
run(const char *text)
{
	struct pd_script *s = parse(text);
	struct pd_config c;
	struct pd_run *r;
	enum pd_status st;

	pd_config_default(&c);
	ck_assert_int_eq(pd_script_options(s, &c, err, sizeof(err)), 0);
	ck_assert_msg(pd_check(s, &c, 1, err, sizeof(err)) == 0, "%s", err);
	r = pd_run_create(s, &c, 1, stdout);
	ck_assert_ptr_nonnull(r);
	pd_run_start(r);
	while (pd_run_next(r) == PD_RUNNING)
		;
	st = pd_run_status(r);
	snprintf(err, sizeof(err), "%s", pd_run_error(r));
	ck_assert_uint_eq(pd_run_leaked(r), 0);
	pd_run_destroy(r);
	pd_free(s);
	return st;
}

static void
fails(const char *text, const char *what)
{
	ck_assert_msg(run(text) == PD_FAILED, "passed: %s", text);
	ck_assert_msg(strstr(err, what), "%s (wanted '%s')", err, what);
}

START_TEST(test_run_passes)
{
	ck_assert_msg(run(PASSIVE_OPEN
			  "+0  write(4, ..., 2000) = 2000\n"
			  "+0  > P. 1:2001(2000) ack 1\n"	/* two segments, aggregated */
			  "+.1 < . 1:1(0) ack 2001 win 257\n"
			  "+0  %{ assert tcpi_unacked == 0 and tcpi_snd_mss == 1000 }%\n"
			  "+0  close(4) = 0\n"
			  "+0  > F. 2001:2001(0) ack 1\n"
			  "0.4 < F. 1:1(0) ack 2002 win 257\n"
			  "*   > . 2002:2002(0) ack 2\n") == PD_PASSED, "%s", err);
}
END_TEST

/* What a failure says, packetdrill's way, with the line. */
START_TEST(test_run_failures)
{
	fails(PASSIVE_OPEN "+0 write(4, ..., 1000) = 1000\n+0 > P. 1:1001(1000) ack 2\n",
	      "t.pkt:10: error handling packet: live packet field tcp_ack_seq: expected: 2 "
	      "(0x2) vs actual: 1 (0x1)\nscript packet:  0.100");
	ck_assert_ptr_nonnull(strstr(err, "\nactual packet:  0.100"));
	fails(PASSIVE_OPEN "+0 write(4, ..., 1000) = 1000\n+.2 > P. 1:1001(1000) ack 1\n",
	      "t.pkt:10: error handling packet: timing error: expected outbound packet at 0.300");
	fails(PASSIVE_OPEN "+0 write(4, ..., 1000) = 1000\n+0 > P. 1:1001(1000) ack 1 <nop,nop,nop,nop>\n",
	      "error handling packet: live packet field ipv4_total_length");
	fails(PASSIVE_OPEN "+0 > P. 1:1001(1000) ack 1\n",
	      "t.pkt:9: error handling packet: Timed out waiting for packet");
	fails(PASSIVE_OPEN "+0 write(4, ..., 100) = 99\n",
	      "t.pkt:9: runtime error in write call: Expected result 99 but got 100");
	fails(PASSIVE_OPEN "+0 close(4) = -1 EBADF\n",
	      "t.pkt:9: runtime error in close call: Expected result -1 but got 0");
	fails(PASSIVE_OPEN "+0 listen(4, 1) = -1 EISCONN\n",
	      "Expected errno 106 (Transport endpoint is already connected) but got 22");
	fails(PASSIVE_OPEN "+0 %{ assert tcpi_snd_cwnd == 3 }%\n",
	      "t.pkt:9: assertion failed: `assert tcpi_snd_cwnd == 3` (tcpi_snd_cwnd = 10)");
	fails(PASSIVE_OPEN "+0 read(4, ..., 10) = 10\n",
	      "t.pkt:9: runtime error in read call: the call sleeps and nothing is left to wake");
	fails(PASSIVE_OPEN "+0...0.1 read(4, ..., 10) = 10\n+0 close(4) = 0\n",
	      "t.pkt:10: runtime error in close call: blocking system call while another");
	fails(PASSIVE_OPEN "+0...0.1 read(4, ..., 10) = 10\n",
	      "t.pkt:9: runtime error: exiting while a blocking system call is in progress");
	fails(PASSIVE_OPEN "+0...0.1 read(4, ..., 10) = 10\n+.05 < P. 1:11(10) ack 1 win 257\n"
	      "+1 close(4) = 0\n",
	      "t.pkt:9: timing error: expected system call return at 0.200");
	fails("0 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3\n+0 < S 0:0(0) win 10\n",
	      "t.pkt:2: error handling packet: no matching socket for script packet");
	fails("0 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3\n+0 %{ assert tcpi_state == 7 }%\n",
	      "t.pkt:2: %{ }%: no connection under test");
	fails(PASSIVE_OPEN "+0 getsockopt(4, SOL_TCP, TCP_NODELAY, [1], [4]) = 0\n",
	      "runtime error in getsockopt call: Bad getsockopt optval: expected: 1 actual: 0");
	fails(PASSIVE_OPEN "+0 ioctl(4, SIOCINQ, [5]) = 0\n",
	      "runtime error in ioctl call: Bad ioctl optval: expected: 5 actual: 0");
	fails(PASSIVE_OPEN "+0 poll([{fd=4, events=POLLOUT, revents=POLLIN}], 1, 0) = 1\n",
	      "runtime error in poll call: Expected revents 0x1 but got 0x4 for fd 4");
}
END_TEST

/* The UI's view: pd_run_next stops once per line, on the line in hand. */
START_TEST(test_run_line_by_line)
{
	struct pd_script *s = parse(PASSIVE_OPEN "+.2 close(4) = 0\n");
	struct pd_config c;
	struct pd_run *r;
	int lines[16], n = 0;

	pd_config_default(&c);
	r = pd_run_create(s, &c, 1, stdout);
	ck_assert_int_eq(pd_run_line(r), 1);
	pd_run_start(r);
	while (n < 16 && pd_run_status(r) == PD_RUNNING && pd_run_line(r)) {
		lines[n++] = pd_run_line(r);
		pd_run_next(r);
	}
	while (pd_run_next(r) == PD_RUNNING)	/* the end: the last line settles */
		;
	ck_assert_int_eq(pd_run_status(r), PD_PASSED);
	ck_assert_int_eq(n, 9);
	for (int i = 0; i < n; i++)
		ck_assert_int_eq(lines[i], i + 1);
	ck_assert_int_eq(pd_run_line(r), 0);
	/* the close at +.2 ran 0.2 s after the accept, at 0.3 s */
	ck_assert_uint_ge(pd_run_world(r)->eng.now, 300 * NSEC_PER_MSEC);
	ck_assert_uint_lt(pd_run_world(r)->eng.now, 301 * NSEC_PER_MSEC);
	ck_assert_uint_eq(pd_run_leaked(r), 0);
	pd_run_destroy(r);
	pd_free(s);
}
END_TEST

Suite *packetdrill_suite(void);

Suite *
packetdrill_suite(void)
{
	Suite *s = suite_create("packetdrill");

	fixture_add_tcase(s, "parse", NULL, NULL, 10, (const TTest *const []){
		test_parse_times,
		test_parse_packets,
		test_packet_print,
		test_parse_syscalls,
		test_parse_errors,
		test_config,
		test_code_eval,
		NULL,
	});
	fixture_add_tcase(s, "run", NULL, NULL, 60, (const TTest *const []){
		test_run_passes,
		test_run_failures,
		test_run_line_by_line,
		NULL,
	});
	return s;
}
