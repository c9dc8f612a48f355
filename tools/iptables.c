/*
 * tools/iptables.c - `iptables` for the filter table.
 *
 * No kernel counterpart: this is the user-space tool (iptables 1.8,
 * legacy backend: iptables/iptables.c, iptables/xshared.c,
 * libxtables/xtables.c, extensions/libxt_tcp.c).  It parses the command
 * line the way iptables does, checks every argument before changing
 * anything, then edits the table through the libiptc-named calls of
 * layers/netfilter.h and prints listings in iptables' own layout
 * (`-L -v -n` columns and widths, K/M/G counters unless -x).
 *
 * Supported: [-t filter] -A|-I|-D|-F|-P|-L|-Z, rule-spec -p -s -d -i -o
 * --sport --dport -j ACCEPT|DROP, and -v -n -x --line-numbers.
 * Not supported: other tables, user chains (-N/-X/-E), `!`, -m and other
 * matches, other targets, -S, -C, -R.  A bad command prints one line
 * (`iptables: ...`) and returns 2 with nothing changed; a failure of
 * the edit itself returns 1 with iptables' message.
 */
#include "tools/tools.h"
#include "layers/netfilter.h"
#include "layers/ip.h"
#include "layers/neighbour.h"
#include "sim/host.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

/* Commands, as iptables' CMD_* bits. */
enum {
	CMD_APPEND = 1 << 0,
	CMD_INSERT = 1 << 1,
	CMD_DELETE = 1 << 2,
	CMD_FLUSH = 1 << 3,
	CMD_SET_POLICY = 1 << 4,
	CMD_LIST = 1 << 5,
	CMD_ZERO = 1 << 6,
};

/* Listing format bits, libxtables' FMT_*. */
#define FMT_NUMERIC		0x0001
#define FMT_NOCOUNTS		0x0002
#define FMT_KILOMEGAGIGA	0x0004
#define FMT_OPTIONS		0x0008
#define FMT_NOTABLE		0x0010
#define FMT_VIA			0x0040
#define FMT_LINENUMBERS		0x0100
#define FMT_PRINT_RULE	(FMT_NOCOUNTS | FMT_OPTIONS | FMT_VIA | FMT_NUMERIC | FMT_NOTABLE)
#define FMT(tab, notab)	((format) & FMT_NOTABLE ? (notab) : (tab))

/* What the command line asked for, filled before anything is applied. */
struct ipt_sim_cmd {
	unsigned int command;		/* CMD_* bits */
	char cmdchar;			/* letter of the main command */
	const char *chain;		/* NULL: all chains (-L, -F, -Z) */
	unsigned int rulenum;		/* -I N, -D N, -L CHAIN N; 0 = none */
	unsigned int policy;		/* -P target */
	struct ipt_entry e;		/* rule-spec */
	const char *specopt;		/* first rule-spec option seen */
	char specopt_buf[32];		/* its copy: short-option names live on the parser's stack */
	bool has_target;		/* -j given */
	bool verbose, numeric, exact, linenumbers;
};

static int
ipt_sim_error(FILE *err, const char *fmt, ...)
{
	va_list ap;

	fputs("iptables: ", err);
	va_start(ap, fmt);
	vfprintf(err, fmt, ap);
	va_end(ap);
	fputc('\n', err);
	return 2;
}

/* ---------------------------------------------------------------- */
/* Parsing the rule-spec                                            */
/* ---------------------------------------------------------------- */

static bool
ipt_sim_number(const char *s, unsigned long max, unsigned long *v)
{
	char *end;

	if (!s || !*s || *s == '-' || *s == '+')
		return false;
	*v = strtoul(s, &end, 10);
	return *end == '\0' && *v <= max;
}

/* "10.0.0.0/24" or "10.0.0.2": address and mask; false if invalid. */
static int
ipt_sim_parse_net(const char *arg, __be32 *addr, __be32 *mask, FILE *err)
{
	char buf[64];
	char *slash;
	struct in_addr in;
	unsigned long plen = 32;

	if (strlen(arg) >= sizeof(buf))
		return ipt_sim_error(err, "host/network `%s' not found", arg);
	strcpy(buf, arg);
	slash = strchr(buf, '/');
	if (slash) {
		*slash++ = '\0';
		if (!ipt_sim_number(slash, 32, &plen))
			return ipt_sim_error(err, "invalid mask `%s' specified", slash);
	}
	if (inet_pton(AF_INET, buf, &in) != 1)
		return ipt_sim_error(err, "host/network `%s' not found", buf);
	*mask = plen ? htonl(~0U << (32 - plen)) : 0;
	*addr = in.s_addr & *mask;
	return 0;
}

/* "80" or "1024:65535". */
static int
ipt_sim_parse_ports(const char *arg, u16 *range, FILE *err)
{
	char buf[32];
	char *colon;
	unsigned long lo, hi;

	if (strlen(arg) >= sizeof(buf))
		return ipt_sim_error(err, "invalid port/service `%s' specified", arg);
	strcpy(buf, arg);
	colon = strchr(buf, ':');
	if (colon)
		*colon++ = '\0';
	if (!ipt_sim_number(buf, 65535, &lo))
		return ipt_sim_error(err, "invalid port/service `%s' specified", buf);
	hi = lo;
	if (colon && !ipt_sim_number(colon, 65535, &hi))
		return ipt_sim_error(err, "invalid port/service `%s' specified", colon);
	if (hi < lo)
		return ipt_sim_error(err, "invalid portrange (min > max) `%s'", arg);
	range[0] = (u16)lo;
	range[1] = (u16)hi;
	return 0;
}

static int
ipt_sim_parse_proto(const char *arg, u16 *proto, FILE *err)
{
	unsigned long v;

	if (!strcmp(arg, "all"))
		*proto = 0;
	else if (!strcmp(arg, "icmp"))
		*proto = IPPROTO_ICMP;
	else if (!strcmp(arg, "tcp"))
		*proto = IPPROTO_TCP;
	else if (!strcmp(arg, "udp"))
		*proto = IPPROTO_UDP;
	else if (ipt_sim_number(arg, 255, &v))
		*proto = (u16)v;
	else
		return ipt_sim_error(err, "unknown protocol \"%s\" specified", arg);
	return 0;
}

static int
ipt_sim_parse_iface(const char *arg, char *name, FILE *err)
{
	if (strlen(arg) >= IFNAMSIZ)
		return ipt_sim_error(err, "interface name `%s' must be shorter than IFNAMSIZ (%i)",
				     arg, IFNAMSIZ - 1);
	if (!*arg || strchr(arg, '+') || strchr(arg, '!'))
		return ipt_sim_error(err, "interface `%s' not supported (no wildcards)", arg);
	strcpy(name, arg);
	return 0;
}

static int
ipt_sim_parse_target(const char *arg, unsigned int *verdict, FILE *err)
{
	if (!strcmp(arg, "ACCEPT"))
		*verdict = NF_ACCEPT;
	else if (!strcmp(arg, "DROP"))
		*verdict = NF_DROP;
	else
		return ipt_sim_error(err, "Couldn't load target `%s':No such file or directory",
				     arg);
	return 0;
}

/* ---------------------------------------------------------------- */
/* Parsing the command line                                         */
/* ---------------------------------------------------------------- */

static const struct {
	const char *lng;
	char shrt;
} ipt_sim_longopts[] = {
	{ "--append", 'A' }, { "--insert", 'I' }, { "--delete", 'D' },
	{ "--flush", 'F' }, { "--policy", 'P' }, { "--list", 'L' },
	{ "--zero", 'Z' }, { "--table", 't' }, { "--protocol", 'p' },
	{ "--source", 's' }, { "--destination", 'd' }, { "--jump", 'j' },
	{ "--in-interface", 'i' }, { "--out-interface", 'o' },
	{ "--verbose", 'v' }, { "--numeric", 'n' }, { "--exact", 'x' },
};

static unsigned int
ipt_sim_cmdbit(char c)
{
	switch (c) {
	case 'A': return CMD_APPEND;
	case 'I': return CMD_INSERT;
	case 'D': return CMD_DELETE;
	case 'F': return CMD_FLUSH;
	case 'P': return CMD_SET_POLICY;
	case 'L': return CMD_LIST;
	case 'Z': return CMD_ZERO;
	default: return 0;
	}
}

/* Is argv[*i + 1] an optional argument (does not start with '-')? */
static const char *
ipt_sim_optarg(int argc, char **argv, int *i)
{
	if (*i + 1 < argc && argv[*i + 1][0] != '-') {
		(*i)++;
		return argv[*i];
	}
	return NULL;
}

/* Handle one command letter and the chain/number that may follow it. */
static int
ipt_sim_command(struct ipt_sim_cmd *c, char opt, int argc, char **argv, int *i, FILE *err)
{
	unsigned int bit = ipt_sim_cmdbit(opt);
	const char *arg;
	unsigned long n;

	if (c->command && !((c->command | bit) == (CMD_LIST | CMD_ZERO)))
		return ipt_sim_error(err, "Cannot use -%c with -%c", opt, c->cmdchar);
	c->command |= bit;
	if (bit != CMD_ZERO || !c->cmdchar)
		c->cmdchar = opt;
	arg = ipt_sim_optarg(argc, argv, i);
	if (!arg && (bit & (CMD_APPEND | CMD_INSERT | CMD_DELETE | CMD_SET_POLICY)))
		return ipt_sim_error(err, "option requires an argument -- '%c'", opt);
	if (!arg)
		return 0;
	if (!sim_iptc_is_chain(arg))
		return ipt_sim_error(err, "No chain/target/match by that name: `%s'", arg);
	c->chain = arg;
	if (bit == CMD_SET_POLICY) {
		arg = ipt_sim_optarg(argc, argv, i);
		if (!arg)
			return ipt_sim_error(err, "-P requires a chain and a policy");
		if (!strcmp(arg, "ACCEPT"))
			c->policy = NF_ACCEPT;
		else if (!strcmp(arg, "DROP"))
			c->policy = NF_DROP;
		else
			return ipt_sim_error(err, "Bad policy name `%s'", arg);
		return 0;
	}
	/* -I CHAIN [N], -D CHAIN N, -L CHAIN [N]: a number may follow. */
	if ((bit & (CMD_INSERT | CMD_DELETE | CMD_LIST)) && *i + 1 < argc &&
	    argv[*i + 1][0] != '-') {
		(*i)++;
		if (!ipt_sim_number(argv[*i], SIM_IPT_MAX_RULES + 1, &n) || n == 0)
			return ipt_sim_error(err, "Invalid rule number `%s'", argv[*i]);
		c->rulenum = (unsigned int)n;
	}
	return 0;
}

/* Handle one option letter that belongs to the rule-spec or listing. */
static int
ipt_sim_option(struct ipt_sim_cmd *c, char opt, const char *name, const char *arg,
	       FILE *err)
{
	struct ipt_entry *e = &c->e;

	if (strchr("psdiojSX", opt) && !c->specopt) {
		snprintf(c->specopt_buf, sizeof(c->specopt_buf), "%s", name);
		c->specopt = c->specopt_buf;
	}
	switch (opt) {
	case 't':
		if (strcmp(arg, "filter"))
			return ipt_sim_error(err, "can't initialize iptables table `%s': "
					     "Table does not exist (do you need to insmod?)", arg);
		return 0;
	case 'p':
		return ipt_sim_parse_proto(arg, &e->ip.proto, err);
	case 's':
		return ipt_sim_parse_net(arg, &e->ip.src, &e->ip.smsk, err);
	case 'd':
		return ipt_sim_parse_net(arg, &e->ip.dst, &e->ip.dmsk, err);
	case 'i':
		return ipt_sim_parse_iface(arg, e->ip.iniface, err);
	case 'o':
		return ipt_sim_parse_iface(arg, e->ip.outiface, err);
	case 'j':
		c->has_target = true;
		return ipt_sim_parse_target(arg, &e->verdict, err);
	case 'S':	/* --sport */
	case 'X':	/* --dport */
		/* The tcp/udp match is loaded by -p tcp|udp; before that
		 * iptables does not know these options. */
		if (e->ip.proto != IPPROTO_TCP && e->ip.proto != IPPROTO_UDP)
			return ipt_sim_error(err, "unknown option \"%s\"", name);
		e->has_ports = true;
		return ipt_sim_parse_ports(arg, opt == 'S' ? e->ports.spts : e->ports.dpts, err);
	case 'v':
		c->verbose = true;
		return 0;
	case 'n':
		c->numeric = true;
		return 0;
	case 'x':
		c->exact = true;
		return 0;
	case 'N':	/* --line-numbers */
		c->linenumbers = true;
		return 0;
	}
	return ipt_sim_error(err, "unknown option \"%s\"", name);
}

/* Map "--dport" etc. to a letter; 0 if unknown. */
static char
ipt_sim_long(const char *a)
{
	if (!strcmp(a, "--sport") || !strcmp(a, "--source-port"))
		return 'S';
	if (!strcmp(a, "--dport") || !strcmp(a, "--destination-port"))
		return 'X';
	if (!strcmp(a, "--line-numbers"))
		return 'N';
	for (unsigned int k = 0; k < ARRAY_SIZE(ipt_sim_longopts); k++)
		if (!strcmp(a, ipt_sim_longopts[k].lng))
			return ipt_sim_longopts[k].shrt;
	return 0;
}

static bool
ipt_sim_takes_arg(char opt)
{
	return strchr("tpsdiojSX", opt) != NULL;
}

static int
ipt_sim_parse(struct ipt_sim_cmd *c, int argc, char **argv, FILE *err)
{
	int i, ret;

	memset(c, 0, sizeof(*c));
	c->e.verdict = XT_CONTINUE;
	c->e.ports.spts[1] = 0xFFFF;
	c->e.ports.dpts[1] = 0xFFFF;
	for (i = 1; i < argc; i++) {
		const char *a = argv[i];

		if (a[0] != '-' || !a[1])
			return ipt_sim_error(err, "Bad argument `%s'", a);
		if (a[1] == '-') {
			char opt = ipt_sim_long(a);
			const char *arg = NULL;

			if (!opt)
				return ipt_sim_error(err, "unknown option \"%s\"", a);
			if (ipt_sim_cmdbit(opt)) {
				ret = ipt_sim_command(c, opt, argc, argv, &i, err);
			} else {
				if (ipt_sim_takes_arg(opt)) {
					if (i + 1 >= argc)
						return ipt_sim_error(err, "option \"%s\" requires an argument", a);
					arg = argv[++i];
				}
				ret = ipt_sim_option(c, opt, a, arg, err);
			}
			if (ret)
				return ret;
			continue;
		}
		/* Bundled short options: -nvL, -vL INPUT, -pudp. */
		for (const char *p = a + 1; *p; p++) {
			char name[3] = { '-', *p, '\0' };

			if (ipt_sim_cmdbit(*p)) {
				if (p[1])	/* "-Linput": not a chain we know */
					return ipt_sim_error(err, "Bad argument `%s'", a);
				ret = ipt_sim_command(c, *p, argc, argv, &i, err);
			} else if (ipt_sim_takes_arg(*p) && strchr("tpsdioj", *p)) {
				const char *arg = p[1] ? p + 1 : (i + 1 < argc ? argv[++i] : NULL);

				if (!arg)
					return ipt_sim_error(err, "option requires an argument -- '%c'", *p);
				ret = ipt_sim_option(c, *p, name, arg, err);
				p += strlen(p) - 1;
			} else if (strchr("vnx", *p)) {
				ret = ipt_sim_option(c, *p, name, NULL, err);
			} else {
				return ipt_sim_error(err, "unknown option \"%s\"", name);
			}
			if (ret)
				return ret;
		}
	}
	return 0;
}

/* iptables' generic_opt_check and the per-chain interface rules. */
static int
ipt_sim_check(const struct ipt_sim_cmd *c, FILE *err)
{
	bool spec_ok = c->command & (CMD_APPEND | CMD_INSERT) ||
		       (c->command == CMD_DELETE && !c->rulenum);

	if (!c->command)
		return ipt_sim_error(err, "no command specified");
	if (c->specopt && !spec_ok)
		return ipt_sim_error(err, "Illegal option `%s' with this command", c->specopt);
	if ((c->numeric || c->exact || c->linenumbers) && !(c->command & CMD_LIST))
		return ipt_sim_error(err, "Illegal option `%s' with this command",
				     c->numeric ? "-n" : c->exact ? "-x" : "--line-numbers");
	if (c->command == CMD_DELETE && !c->rulenum && !c->specopt)
		return ipt_sim_error(err, "-D requires a rule number or a rule specification");
	if (c->rulenum && (c->command & CMD_LIST) && !c->chain)
		return ipt_sim_error(err, "Bad argument `%u'", c->rulenum);
	if (c->chain && c->e.ip.outiface[0] && !strcmp(c->chain, "INPUT"))
		return ipt_sim_error(err, "Can't use -o with INPUT");
	if (c->chain && c->e.ip.iniface[0] && !strcmp(c->chain, "OUTPUT"))
		return ipt_sim_error(err, "Can't use -i with OUTPUT");
	return 0;
}

/* ---------------------------------------------------------------- */
/* Listing, as iptables' print_header / print_firewall              */
/* ---------------------------------------------------------------- */

/* xtables_print_num: 5 digits, then K, M, G, T (unless -x). */
static void
ipt_sim_print_num(FILE *out, u64 number, unsigned int format)
{
	static const char units[] = "KMGT";
	unsigned long long n = number;

	if (!(format & FMT_KILOMEGAGIGA)) {
		fprintf(out, FMT("%8llu ", "%llu "), n);
		return;
	}
	if (n <= 99999) {
		fprintf(out, FMT("%5llu ", "%llu "), n);
		return;
	}
	for (int u = 0; u < 4; u++) {
		n = (n + 500) / 1000;
		if (n <= 9999 || u == 3) {
			fprintf(out, FMT("%4llu%c ", "%llu%c "), n, units[u]);
			return;
		}
	}
}

/* "0.0.0.0/0", "10.0.0.0/24", "10.0.1.2" (no "/32"), or "anywhere". */
static const char *
ipt_sim_addr(char *buf, size_t len, __be32 addr, __be32 mask, unsigned int format)
{
	int plen = __builtin_popcount(ntohl(mask));

	if (!mask && !(format & FMT_NUMERIC))
		return "anywhere";
	if (plen == 32)
		snprintf(buf, len, "%s", sim_ip_str(addr).s);
	else
		snprintf(buf, len, "%s/%d", sim_ip_str(addr).s, plen);
	return buf;
}

static const char *
ipt_sim_proto_name(u16 proto)
{
	switch (proto) {
	case 0: return "all";
	case IPPROTO_ICMP: return "icmp";
	case IPPROTO_TCP: return "tcp";
	case IPPROTO_UDP: return "udp";
	default: return NULL;
	}
}

static const char *
ipt_sim_target_name(unsigned int verdict)
{
	return verdict == NF_ACCEPT ? "ACCEPT" : verdict == NF_DROP ? "DROP" : "";
}

static void
ipt_sim_print_ports(FILE *out, const char *name, const u16 *r)
{
	if (r[0] == 0 && r[1] == 0xFFFF)
		return;
	if (r[0] == r[1])
		fprintf(out, " %s:%u", name, r[0]);
	else
		fprintf(out, " %ss:%u:%u", name, r[0], r[1]);
}

static void
ipt_sim_print_header(FILE *out, struct net *net, const char *chain, unsigned int format)
{
	struct xt_counters cnt;
	int pol = sim_iptc_get_policy(net, chain, &cnt);

	fprintf(out, "Chain %s (policy %s", chain, pol == NF_DROP ? "DROP" : "ACCEPT");
	if (!(format & FMT_NOCOUNTS)) {
		fputc(' ', out);
		ipt_sim_print_num(out, cnt.pcnt, format | FMT_NOTABLE);
		fputs("packets, ", out);
		ipt_sim_print_num(out, cnt.bcnt, format | FMT_NOTABLE);
		fputs("bytes", out);
	}
	fprintf(out, ")\n");
	if (format & FMT_LINENUMBERS)
		fprintf(out, FMT("%-4s ", "%s "), "num");
	if (!(format & FMT_NOCOUNTS)) {
		if (format & FMT_KILOMEGAGIGA) {
			fprintf(out, FMT("%5s ", "%s "), "pkts");
			fprintf(out, FMT("%5s ", "%s "), "bytes");
		} else {
			fprintf(out, FMT("%8s ", "%s "), "pkts");
			fprintf(out, FMT("%10s ", "%s "), "bytes");
		}
	}
	fprintf(out, FMT("%-9s ", "%s "), "target");
	fputs(" prot ", out);
	if (format & FMT_OPTIONS)
		fputs("opt", out);
	if (format & FMT_VIA) {
		fprintf(out, FMT(" %-6s ", "%s "), "in");
		fprintf(out, FMT("%-6s ", "%s "), "out");
	}
	fprintf(out, FMT(" %-19s ", "%s "), "source");
	fprintf(out, FMT(" %-19s ", " %s "), "destination");
	fprintf(out, "\n");
}

static void
ipt_sim_print_rule(FILE *out, const struct ipt_entry *e, unsigned int num,
		   unsigned int format)
{
	const char *anyname = format & FMT_NUMERIC ? "*" : "any";
	const char *pname = ipt_sim_proto_name(e->ip.proto);
	char buf[40];

	if (format & FMT_LINENUMBERS)
		fprintf(out, FMT("%-4u ", "%u "), num);
	if (!(format & FMT_NOCOUNTS)) {
		ipt_sim_print_num(out, e->counters.pcnt, format);
		ipt_sim_print_num(out, e->counters.bcnt, format);
	}
	fprintf(out, FMT("%-9s ", "%s "), ipt_sim_target_name(e->verdict));
	fputc(' ', out);
	if (pname)
		fprintf(out, FMT("%-5s", "%s "), pname);
	else
		fprintf(out, FMT("%-5hu", "%hu "), e->ip.proto);
	if (format & FMT_OPTIONS) {
		if (format & FMT_NOTABLE)
			fputs("opt ", out);
		fputs("-- ", out);
	}
	if (format & FMT_VIA) {
		fprintf(out, FMT(" %-6s ", "in %s "), e->ip.iniface[0] ? e->ip.iniface : anyname);
		fprintf(out, FMT("%-6s ", "out %s "),
			e->ip.outiface[0] ? e->ip.outiface : anyname);
	}
	fputc(' ', out);
	fprintf(out, FMT("%-19s ", "%s "),
		ipt_sim_addr(buf, sizeof(buf), e->ip.src, e->ip.smsk, format));
	fputc(' ', out);
	fprintf(out, FMT("%-19s ", "-> %s"),
		ipt_sim_addr(buf, sizeof(buf), e->ip.dst, e->ip.dmsk, format));
	if (format & FMT_NOTABLE)
		fputs("  ", out);
	if (e->has_ports) {
		fprintf(out, " %s", e->ip.proto == IPPROTO_TCP ? "tcp" : "udp");
		ipt_sim_print_ports(out, "spt", e->ports.spts);
		ipt_sim_print_ports(out, "dpt", e->ports.dpts);
	}
	fputc('\n', out);
}

static void
ipt_sim_list(FILE *out, struct net *net, const struct ipt_sim_cmd *c)
{
	unsigned int format = FMT_OPTIONS;
	bool found = false;
	const char *name;

	format |= c->verbose ? FMT_VIA : FMT_NOCOUNTS;
	if (c->numeric)
		format |= FMT_NUMERIC;
	if (!c->exact)
		format |= FMT_KILOMEGAGIGA;
	if (c->linenumbers)
		format |= FMT_LINENUMBERS;
	for (unsigned int k = 0; (name = sim_iptc_chain_name(k)) != NULL; k++) {
		unsigned int n = sim_iptc_num_rules(net, name);

		if (c->chain && strcmp(c->chain, name))
			continue;
		if (found)
			fputc('\n', out);
		if (!c->rulenum)
			ipt_sim_print_header(out, net, name, format);
		for (unsigned int r = 1; r <= n; r++)
			if (!c->rulenum || r == c->rulenum)
				ipt_sim_print_rule(out, sim_iptc_get_rule(net, name, r), r, format);
		found = true;
	}
}

/* ---------------------------------------------------------------- */
/* Applying                                                         */
/* ---------------------------------------------------------------- */

static int
ipt_sim_fail(FILE *err, int ret, char cmd)
{
	const char *msg;

	switch (ret) {
	case -E2BIG:
		msg = cmd == 'I' ? "Index of insertion too big." : "Index of deletion too big.";
		break;
	case -ESRCH:
		msg = "Bad rule (does a matching rule exist in that chain?).";
		break;
	case -ENOSPC:
		fprintf(err, "iptables: chain is full (netstep keeps at most %d rules "
			"per chain).\n", SIM_IPT_MAX_RULES);
		return 1;
	case -ENOENT:
		msg = "No chain/target/match by that name.";
		break;
	default:
		msg = "Memory allocation problem.";
		break;
	}
	fprintf(err, "iptables: %s\n", msg);
	return 1;
}

static int
ipt_sim_each_chain(struct net *net, const struct ipt_sim_cmd *c, FILE *out,
		   const char *verb, int (*fn)(struct net *, const char *))
{
	const char *name;

	for (unsigned int k = 0; (name = sim_iptc_chain_name(k)) != NULL; k++) {
		if (c->chain && strcmp(c->chain, name))
			continue;
		if (c->verbose)
			fprintf(out, "%s chain `%s'\n", verb, name);
		fn(net, name);
	}
	return 0;
}

static int
ipt_sim_apply(struct net *net, const struct ipt_sim_cmd *c, FILE *out, FILE *err)
{
	int ret = 0;

	if (c->verbose && (c->command & (CMD_APPEND | CMD_INSERT)))
		ipt_sim_print_rule(out, &c->e, 0, FMT_PRINT_RULE);
	if (c->command & CMD_APPEND)
		ret = sim_iptc_append_entry(net, c->chain, &c->e);
	else if (c->command & CMD_INSERT)
		ret = sim_iptc_insert_entry(net, c->chain, &c->e, c->rulenum ? c->rulenum : 1);
	else if (c->command & CMD_DELETE)
		ret = c->rulenum ? sim_iptc_delete_num_entry(net, c->chain, c->rulenum)
				 : sim_iptc_delete_entry(net, c->chain, &c->e);
	else if (c->command & CMD_SET_POLICY)
		ret = sim_iptc_set_policy(net, c->chain, c->policy);
	else if (c->command & CMD_FLUSH)
		ret = ipt_sim_each_chain(net, c, out, "Flushing", sim_iptc_flush_entries);
	if (ret)
		return ipt_sim_fail(err, ret, c->cmdchar);
	if (c->command & CMD_LIST)
		ipt_sim_list(out, net, c);
	if (c->command & CMD_ZERO)
		ipt_sim_each_chain(net, c, out, "Zeroing", sim_iptc_zero_entries);
	return 0;
}

/**
 * tool_iptables - `iptables ...` on @net's filter table.
 * 0 on success, 1 if the edit failed, 2 on a bad command line.
 */
/* See tools/tools.h: -L alone (with -Z it zeroes the counters it lists). */
bool
tool_iptables_read_only(int argc, char **argv)
{
	FILE *devnull = fopen("/dev/null", "w");
	struct ipt_sim_cmd c;
	int ret;

	if (!devnull)
		return false;
	ret = ipt_sim_parse(&c, argc, argv, devnull);
	if (!ret)
		ret = ipt_sim_check(&c, devnull);
	fclose(devnull);
	return ret || c.command == CMD_LIST;
}

int
tool_iptables(struct net *net, int argc, char **argv, FILE *out, FILE *err)
{
	struct ipt_sim_cmd c;
	int ret;

	ret = ipt_sim_parse(&c, argc, argv, err);
	if (!ret)
		ret = ipt_sim_check(&c, err);
	if (ret)
		return ret;
	if (!net->nf)
		return ipt_sim_fail(err, -ENOENT, c.cmdchar);
	return ipt_sim_apply(net, &c, out, err);
}
