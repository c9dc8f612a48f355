/*
 * tools/iproute.c - `ip` (iproute2) and net-tools' `route -n`.
 *
 * No kernel counterpart: the user-space tools.  `ip` talks to the
 * kernel over rtnetlink (RTM_NEWROUTE, RTM_GETROUTE, RTM_NEWLINK ...);
 * netstep calls the handlers those messages reach directly
 * (inet_rtm_newroute, sim_fib_ip_route_get, dev_set_mtu, sim_neigh_flush).
 * Output follows iproute2 of the Linux 3.10 era (CentOS 7's iproute),
 * whose route lines keep their double spaces and trailing blank.
 *
 * Supported:
 *   ip route [show|list] [table local|main]
 *   ip route add|change|replace|del PREFIX|default [via GW] [dev DEV] [metric N]
 *            [mtu [lock] N] [advmss N]
 *   ip route get ADDR
 *   ip link [show [DEV]] | ip link set DEV mtu N | ip link set DEV up|down
 *   ip addr [show [dev] [DEV]]
 *   ip neigh [show] | ip neigh flush [dev DEV | all]
 *   route [-n]
 * A bad command prints one line (`ip: ...`) and returns 2 with nothing
 * changed; a refusal by the kernel prints "RTNETLINK answers: ..." and
 * returns 1.
 */
#include "tools/tools.h"
#include "layers/route.h"
#include "layers/neighbour.h"
#include "layers/sch_generic.h"
#include "sim/host.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

static int
ip_sim_error(FILE *err, const char *fmt, ...)
{
	va_list ap;

	fputs("ip: ", err);
	va_start(ap, fmt);
	vfprintf(err, fmt, ap);
	va_end(ap);
	fputc('\n', err);
	return 2;
}

/* The kernel said no: iproute2 prints the errno text and fails. */
static int
ip_sim_rtnl_error(FILE *err, int errnum)
{
	const char *msg;

	switch (-errnum) {
	case EEXIST: msg = "File exists"; break;
	case ESRCH: msg = "No such process"; break;
	case ENOENT: msg = "No such file or directory"; break;
	case ENETUNREACH: msg = "Network is unreachable"; break;
	case ENODEV: msg = "No such device"; break;
	case ENETDOWN: msg = "Network is down"; break;
	case EINVAL: msg = "Invalid argument"; break;
	case ENOBUFS: msg = "No buffer space available"; break;
	case ENOMEM: msg = "Cannot allocate memory"; break;
	default: msg = "Operation not permitted"; break;
	}
	fprintf(err, "RTNETLINK answers: %s\n", msg);
	return 1;
}

/* iproute2's matches(): @word is a non-empty prefix of @full. */
static bool
matches(const char *word, const char *full)
{
	size_t n = strlen(word);

	return n && n <= strlen(full) && !strncmp(word, full, n);
}

static bool
ip_sim_u32(const char *s, u32 max, u32 *v)
{
	char *end;
	unsigned long n;

	if (!s || !*s || *s == '-' || *s == '+')
		return false;
	n = strtoul(s, &end, 10);
	if (*end || n > max)
		return false;
	*v = (u32)n;
	return true;
}

static bool
ip_sim_addr(const char *s, __be32 *addr)
{
	struct in_addr in;

	if (inet_pton(AF_INET, s, &in) != 1)
		return false;
	*addr = in.s_addr;
	return true;
}

/* "default", "A.B.C.D" (/32) or "A.B.C.D/N" with no host bits set. */
static bool
ip_sim_prefix(const char *s, __be32 *dst, int *plen)
{
	char buf[32];
	char *slash;
	u32 n = 32;
	__be32 mask;

	if (!strcmp(s, "default")) {
		*dst = 0;
		*plen = 0;
		return true;
	}
	if (strlen(s) >= sizeof(buf))
		return false;
	strcpy(buf, s);
	slash = strchr(buf, '/');
	if (slash) {
		*slash++ = '\0';
		if (!ip_sim_u32(slash, 32, &n))
			return false;
	}
	if (!ip_sim_addr(buf, dst))
		return false;
	mask = n ? htonl(~0U << (32 - n)) : 0;
	if (*dst & ~mask)
		return false;	/* the kernel would say "Invalid argument" */
	*plen = (int)n;
	return true;
}

/* ---------------------------------------------------------------- */
/* ip route                                                         */
/* ---------------------------------------------------------------- */

/* Parse `ip route add|del` arguments into @cfg; 0 or 2 (error printed). */
static int
ip_sim_route_args(struct net *net, int argc, char **argv, struct fib_config *cfg,
		  bool add, FILE *err)
{
	bool have_dst = false;

	memset(cfg, 0, sizeof(*cfg));
	cfg->fc_table = RT_TABLE_MAIN;
	cfg->fc_type = RTN_UNICAST;
	if (add)
		cfg->fc_protocol = RTPROT_BOOT;
	for (int i = 0; i < argc; i++) {
		const char *w = argv[i];
		const char *v = i + 1 < argc ? argv[i + 1] : NULL;

		if (!strcmp(w, "via") || !strcmp(w, "dev") || matches(w, "metric") ||
		    !strcmp(w, "mtu") || !strcmp(w, "advmss") || !strcmp(w, "to")) {
			if (!v)
				return ip_sim_error(err, "argument missing after \"%s\"", w);
			i++;
		}
		if (!strcmp(w, "via")) {
			if (!ip_sim_addr(v, &cfg->fc_gw))
				return ip_sim_error(err, "invalid gateway \"%s\"", v);
		} else if (!strcmp(w, "dev")) {
			cfg->fc_dev = dev_get_by_name(net, v);
			if (!cfg->fc_dev)
				return ip_sim_error(err, "Cannot find device \"%s\"", v);
		} else if (matches(w, "metric")) {
			if (!ip_sim_u32(v, 0xFFFFFFFFu, &cfg->fc_priority))
				return ip_sim_error(err, "invalid metric \"%s\"", v);
			cfg->fc_has_priority = true;
		} else if (!strcmp(w, "mtu")) {
			if (!strcmp(v, "lock")) {
				cfg->fc_mx_lock |= 1U << RTAX_MTU;
				v = ++i < argc ? argv[i] : NULL;
			}
			if (!ip_sim_u32(v, 65535, &cfg->fc_mtu) || cfg->fc_mtu < ETH_MIN_MTU)
				return ip_sim_error(err, "invalid mtu \"%s\"", v ? v : "");
		} else if (!strcmp(w, "advmss")) {
			if (!ip_sim_u32(v, 65535, &cfg->fc_advmss) || !cfg->fc_advmss)
				return ip_sim_error(err, "invalid advmss \"%s\"", v);
		} else if (!have_dst) {
			const char *p = !strcmp(w, "to") ? v : w;

			if (!ip_sim_prefix(p, &cfg->fc_dst, &cfg->fc_dst_len))
				return ip_sim_error(err, "invalid prefix \"%s\"", p);
			have_dst = true;
		} else {
			return ip_sim_error(err, "either \"to\" is duplicate, or \"%s\" is a garbage.",
					    w);
		}
	}
	if (!have_dst)
		return ip_sim_error(err, "need a destination prefix (or \"default\")");
	if (add)
		cfg->fc_scope = cfg->fc_gw ? RT_SCOPE_UNIVERSE : RT_SCOPE_LINK;
	return 0;
}

static int
ip_sim_route(struct net *net, int argc, char **argv, FILE *out, FILE *err)
{
	struct fib_config cfg;
	const char *cmd = argc > 0 ? argv[0] : "show";
	int ret;

	if (matches(cmd, "show") || matches(cmd, "list")) {
		u32 table = RT_TABLE_MAIN;

		if (argc == 3 && matches(argv[1], "table") &&
		    (!strcmp(argv[2], "local") || !strcmp(argv[2], "main")))
			table = !strcmp(argv[2], "local") ? RT_TABLE_LOCAL : RT_TABLE_MAIN;
		else if (argc > 1)
			return ip_sim_error(err, "unsupported argument \"%s\" to \"ip route show\" "
					    "(table local|main)", argv[argc == 3 ? 2 : 1]);
		sim_fib_ip_route_show(net, table, out);
		return 0;
	}
	if (matches(cmd, "get")) {
		__be32 daddr;

		if (argc != 2)
			return ip_sim_error(err, argc < 2 ? "need an address for \"ip route get\""
					    : "unsupported argument \"%s\" to \"ip route get\"",
					    argc > 2 ? argv[2] : "");
		if (!ip_sim_addr(argv[1], &daddr))
			return ip_sim_error(err, "invalid address \"%s\"", argv[1]);
		ret = sim_fib_ip_route_get(net, daddr, out);
		return ret ? ip_sim_rtnl_error(err, ret) : 0;
	}
	if (matches(cmd, "add") || matches(cmd, "change") || !strcmp(cmd, "chg") ||
	    matches(cmd, "replace") || matches(cmd, "delete")) {
		/* The netlink flags iproute2 sends with RTM_NEWROUTE. */
		u16 nlflags = matches(cmd, "add") ? NLM_F_CREATE | NLM_F_EXCL :
			      matches(cmd, "replace") ? NLM_F_CREATE | NLM_F_REPLACE :
			      matches(cmd, "delete") ? 0 : NLM_F_REPLACE;
		bool add = !matches(cmd, "delete");

		ret = ip_sim_route_args(net, argc - 1, argv + 1, &cfg, add, err);
		if (ret)
			return ret;
		cfg.fc_nlflags = nlflags;
		ret = add ? inet_rtm_newroute(net, &cfg) : inet_rtm_delroute(net, &cfg);
		return ret ? ip_sim_rtnl_error(err, ret) : 0;
	}
	return ip_sim_error(err, "Command \"%s\" is unknown, try \"ip route help\".", cmd);
}

/* ---------------------------------------------------------------- */
/* ip link, ip addr                                                 */
/* ---------------------------------------------------------------- */

static const char *
ip_sim_mac(char *buf, const unsigned char *a)
{
	sprintf(buf, "%02x:%02x:%02x:%02x:%02x:%02x", a[0], a[1], a[2], a[3], a[4], a[5]);
	return buf;
}

/* "2: eth0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc mq state UP ...",
 * "1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN ..." */
static void
ip_sim_print_link(FILE *out, const struct net_device *dev, bool link_mode)
{
	char m1[18], m2[18];
	bool up = dev->flags & IFF_UP;
	bool loopback = dev->flags & IFF_LOOPBACK;
	const char *state = !up || !(dev->flags & IFF_RUNNING) ? "DOWN" : loopback ? "UNKNOWN" : "UP";

	const char *sep = "";

	fprintf(out, "%d: %s: <", dev->ifindex, dev->name);
	/* iproute2's print_link_flags: the names joined by commas. */
#define IP_SIM_FLAG(cond, name)				\
	do {						\
		if (cond) {				\
			fprintf(out, "%s%s", sep, name);	\
			sep = ",";			\
		}					\
	} while (0)
	IP_SIM_FLAG(loopback, "LOOPBACK");
	IP_SIM_FLAG(dev->flags & IFF_BROADCAST, "BROADCAST");
	/* NOTE: Ethernet devices are multicast-capable (ether_setup sets
	 * IFF_MULTICAST); netstep's flags do not carry the bit. */
	IP_SIM_FLAG(dev->type == ARPHRD_ETHER, "MULTICAST");
	IP_SIM_FLAG(dev->flags & IFF_NOARP, "NOARP");
	IP_SIM_FLAG(up, "UP");
	IP_SIM_FLAG(up && (dev->flags & IFF_RUNNING), "LOWER_UP");
#undef IP_SIM_FLAG
	/* lo has no operational state of its own (IF_OPER_UNKNOWN). */
	fprintf(out, "> mtu %u qdisc %s state %s ", dev->mtu,
		dev->qdisc && dev->qdisc->ops ? dev->qdisc->ops->id : "noop", state);
	if (link_mode)
		fprintf(out, "mode DEFAULT ");
	/* iproute2 prints no "qlen 0". */
	if (dev->tx_queue_len)
		fprintf(out, "qlen %lu", dev->tx_queue_len);
	fprintf(out, "\n");
	fprintf(out, "    link/%s %s brd %s\n", loopback ? "loopback" : "ether",
		ip_sim_mac(m1, dev->dev_addr), ip_sim_mac(m2, dev->broadcast));
}

static void
ip_sim_print_addr(FILE *out, const struct net_device *dev)
{
	__be32 brd = dev->ifa.ifa_address | ~dev->ifa.ifa_mask;

	ip_sim_print_link(out, dev, false);
	if (!dev->ifa.configured)
		return;
	fprintf(out, "    inet %s/%u ", sim_ip_str(dev->ifa.ifa_address).s, dev->ifa.ifa_prefixlen);
	/* lo's address has no broadcast (inetdev_event sets none). */
	if (dev->ifa.ifa_prefixlen < 31 && !(dev->flags & IFF_LOOPBACK))
		fprintf(out, "brd %s ", sim_ip_str(brd).s);
	fprintf(out, "scope %s %s\n", dev->ifa.ifa_scope == RT_SCOPE_HOST ? "host" : "global",
		dev->name);
	fprintf(out, "       valid_lft forever preferred_lft forever\n");
}

/* `ip link|addr [show] [dev] [DEV]`; @addr selects the addr layout. */
static int
ip_sim_show_devs(struct net *net, int argc, char **argv, bool addr, FILE *out, FILE *err)
{
	struct net_device *only = NULL;
	int i = 0;

	if (i < argc && (matches(argv[i], "show") || matches(argv[i], "list")))
		i++;
	if (i < argc && !strcmp(argv[i], "dev"))
		i++;
	if (i < argc) {
		only = dev_get_by_name(net, argv[i]);
		if (!only)
			return ip_sim_error(err, "Device \"%s\" does not exist.", argv[i]);
		i++;
	}
	if (i < argc)
		return ip_sim_error(err, "unsupported argument \"%s\"", argv[i]);
	/* In ifindex order: lo (1), then the others. */
	for (int k = -1; k < net->ndevs; k++) {
		const struct net_device *dev = k < 0 ? net->loopback_dev : net->devs[k];

		if (only && dev != only)
			continue;
		if (addr)
			ip_sim_print_addr(out, dev);
		else
			ip_sim_print_link(out, dev, true);
	}
	return 0;
}

/* `ip link set DEV mtu N | up | down` */
static int
ip_sim_link_set(struct net *net, int argc, char **argv, FILE *err)
{
	struct net_device *dev;
	int mtu = -1, updown = 0;
	u32 v;

	if (argc < 1)
		return ip_sim_error(err, "Not enough information: \"dev\" argument is required.");
	dev = dev_get_by_name(net, argv[0]);
	if (!dev)
		return ip_sim_error(err, "Cannot find device \"%s\"", argv[0]);
	if (argc < 2)
		return ip_sim_error(err, "nothing to set on \"%s\"", argv[0]);
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "mtu")) {
			if (i + 1 >= argc || !ip_sim_u32(argv[i + 1], 65535, &v))
				return ip_sim_error(err, "invalid mtu \"%s\"",
						    i + 1 < argc ? argv[i + 1] : "");
			mtu = (int)v;
			i++;
		} else if (!strcmp(argv[i], "up")) {
			updown = 1;
		} else if (!strcmp(argv[i], "down")) {
			updown = -1;
		} else {
			return ip_sim_error(err, "either \"dev\" is duplicate, or \"%s\" is a garbage.",
					    argv[i]);
		}
	}
	if (mtu >= 0) {
		int ret = dev_set_mtu(dev, mtu);

		if (ret)
			return ip_sim_rtnl_error(err, ret);
	}
	if (updown > 0) {
		int ret = dev_open(dev);

		if (ret)
			return ip_sim_rtnl_error(err, ret);
	} else if (updown < 0) {
		dev_close(dev);
	}
	return 0;
}

static int
ip_sim_link(struct net *net, int argc, char **argv, FILE *out, FILE *err)
{
	if (argc > 0 && !strcmp(argv[0], "set"))
		return ip_sim_link_set(net, argc - 1, argv + 1, err);
	return ip_sim_show_devs(net, argc, argv, false, out, err);
}

/* ---------------------------------------------------------------- */
/* ip neigh                                                         */
/* ---------------------------------------------------------------- */

static int
ip_sim_neigh(struct net *net, int argc, char **argv, FILE *out, FILE *err)
{
	struct net_device *dev = NULL;

	if (argc == 0 || ((matches(argv[0], "show") || matches(argv[0], "list")) && argc == 1)) {
		sim_neigh_show(net, out);
		return 0;
	}
	if (!matches(argv[0], "flush"))
		return ip_sim_error(err, "Command \"%s\" is unknown, try \"ip neigh help\".",
				    argv[0]);
	if (argc == 3 && !strcmp(argv[1], "dev")) {
		dev = dev_get_by_name(net, argv[2]);
		if (!dev)
			return ip_sim_error(err, "Cannot find device \"%s\"", argv[2]);
	} else if (!(argc == 1 || (argc == 2 && !strcmp(argv[1], "all")))) {
		return ip_sim_error(err, "unsupported argument \"%s\" to \"ip neigh flush\"",
				    argv[1]);
	}
	sim_neigh_flush(net, dev);
	return 0;
}

/**
 * tool_ip - `ip OBJECT [COMMAND [ARGS]]` on @net.
 * 0 on success, 1 if the kernel refused, 2 on a bad command line.
 */
int
tool_ip(struct net *net, int argc, char **argv, FILE *out, FILE *err)
{
	const char *obj;

	if (argc < 2)
		return ip_sim_error(err, "Usage: ip OBJECT { COMMAND } (route, link, addr, neigh)");
	obj = argv[1];
	/* iproute2 tries its objects in this order, so "ip a" is address. */
	if (matches(obj, "address"))
		return ip_sim_show_devs(net, argc - 2, argv + 2, true, out, err);
	if (matches(obj, "route"))
		return ip_sim_route(net, argc - 2, argv + 2, out, err);
	if (matches(obj, "neighbour") || matches(obj, "neighbor"))
		return ip_sim_neigh(net, argc - 2, argv + 2, out, err);
	if (matches(obj, "link"))
		return ip_sim_link(net, argc - 2, argv + 2, out, err);
	return ip_sim_error(err, "Object \"%s\" is unknown, try \"ip help\".", obj);
}

/*
 * See tools/tools.h: the show forms, as tool_ip and the ip_sim_* above
 * tell them apart.  NOTE: `ip route get` is a lookup that counts in the
 * route's Use, so it is not read-only.
 */
bool
tool_ip_read_only(int argc, char **argv)
{
	const char *obj = argc > 1 ? argv[1] : "";
	const char *cmd = argc > 2 ? argv[2] : "show";

	if (matches(obj, "address"))
		return true;
	if (matches(obj, "route"))
		return matches(cmd, "show") || matches(cmd, "list");
	if (matches(obj, "neighbour") || matches(obj, "neighbor"))
		return !matches(cmd, "flush");
	if (matches(obj, "link"))
		return strcmp(cmd, "set") != 0;
	return true;		/* refused: nothing changes */
}

/**
 * tool_route - net-tools' `route` / `route -n`: the main table.
 *
 * NOTE: without -n the real tool resolves names; netstep has none, so
 * both print numbers.
 */
int
tool_route(struct net *net, int argc, char **argv, FILE *out, FILE *err)
{
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "-n")) {
			fprintf(err, "route: unsupported argument \"%s\" (only route -n)\n", argv[i]);
			return 2;
		}
	}
	sim_fib_route_show(net, out);
	return 0;
}
