/*
 * tools/ethtool.c - `ethtool`: query and set a driver's settings.
 *
 * No kernel counterpart in netstep's sense: this is the user-space tool
 * (ethtool 3.x-5.x, ioctl interface), and it reaches the driver only
 * through dev->ethtool_ops, the way net/core/ethtool.c (Linux 3.10)
 * dispatches SIOCETHTOOL.  Read layers/ethtool.h first, and the
 * igb_ethtool_ops in nic/igb_ethtool.c after.
 *
 *	ethtool DEV			link summary (get_settings, get_link)
 *	ethtool -i|--driver DEV		driver information
 *	ethtool -S|--statistics DEV	NIC statistics
 *	ethtool -g|--show-ring DEV	ring sizes
 *	ethtool -G|--set-ring DEV [rx N] [rx-mini N] [rx-jumbo N] [tx N]
 *	ethtool -k|--show-features DEV	offloads and other features
 *	ethtool -K|--features DEV FEATURE on|off ...
 *
 * Output follows the real tool's layout.  Every argument is checked
 * before anything is applied; a bad one gives one line on @err and 2.
 * The features (-k, -K) are in tools/ethtool_features.c.
 *
 * Left out: every other option (-s, -c, -C, -a, -A, -l, -L, -p, -t, -d,
 * -e ...), the netlink interface and its extra ring fields.
 */
#include "tools/tools.h"
#include "tools/ethtool_features.h"
#include "layers/ethtool.h"
#include "layers/netdevice.h"
#include "sim/host.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

enum ethtool_mode { ETHTOOL_SUMMARY, ETHTOOL_DRVINFO, ETHTOOL_STATS, ETHTOOL_GRING,
		    ETHTOOL_SRING, ETHTOOL_GFEATURES_MODE, ETHTOOL_SFEATURES_MODE };

/* The -G keywords, in the order ethtool lists them. */
static const char *const sring_words[] = { "rx", "rx-mini", "rx-jumbo", "tx" };

struct ethtool_args {
	enum ethtool_mode mode;
	const char *devname;
	bool set[4];			/* which sring_words were given */
	u32 val[4];
	struct ethtool_feature_args feat;	/* -K */
};

static int
ethtool_usage(FILE *err, const char *what, const char *word)
{
	fprintf(err, "ethtool: %s '%s'\n", what, word);
	return 2;
}

static bool
ethtool_parse_u32(const char *s, u32 *out)
{
	char *end;
	unsigned long long v;

	if (!s || !*s || *s == '-' || *s == '+')
		return false;
	errno = 0;
	v = strtoull(s, &end, 0);
	if (errno || *end || v > 0xFFFFFFFFULL)
		return false;
	*out = (u32)v;
	return true;
}

/* Parse everything first: nothing is applied on a bad command line. */
static int
ethtool_parse(int argc, char **argv, struct ethtool_args *a, FILE *err)
{
	static const struct {
		const char *s, *l;
		enum ethtool_mode mode;
	} opts[] = {
		{ "-i", "--driver", ETHTOOL_DRVINFO },
		{ "-S", "--statistics", ETHTOOL_STATS },
		{ "-g", "--show-ring", ETHTOOL_GRING },
		{ "-G", "--set-ring", ETHTOOL_SRING },
		{ "-k", "--show-features", ETHTOOL_GFEATURES_MODE },
		{ "-k", "--show-offload", ETHTOOL_GFEATURES_MODE },
		{ "-K", "--features", ETHTOOL_SFEATURES_MODE },
		{ "-K", "--offload", ETHTOOL_SFEATURES_MODE },
	};
	int i = 1;

	memset(a, 0, sizeof(*a));
	if (argc < 2) {
		fprintf(err, "ethtool: bad command line argument(s)\n");
		return 2;
	}
	if (argv[1][0] == '-') {
		size_t k;

		for (k = 0; k < ARRAY_SIZE(opts); k++)
			if (!strcmp(argv[1], opts[k].s) || !strcmp(argv[1], opts[k].l))
				break;
		if (k == ARRAY_SIZE(opts))
			return ethtool_usage(err, "unknown option", argv[1]);
		a->mode = opts[k].mode;
		i = 2;
	}
	if (i >= argc) {
		fprintf(err, "ethtool: missing device name after '%s'\n", argv[i - 1]);
		return 2;
	}
	a->devname = argv[i++];
	if (a->mode == ETHTOOL_SFEATURES_MODE)
		return ethtool_parse_features(argc - i, argv + i, &a->feat, err);
	if (a->mode != ETHTOOL_SRING) {
		if (i < argc)
			return ethtool_usage(err, "unexpected argument", argv[i]);
		return 0;
	}
	while (i < argc) {
		size_t k;

		for (k = 0; k < ARRAY_SIZE(sring_words); k++)
			if (!strcmp(argv[i], sring_words[k]))
				break;
		if (k == ARRAY_SIZE(sring_words))
			return ethtool_usage(err, "unknown ring parameter", argv[i]);
		if (a->set[k])
			return ethtool_usage(err, "duplicate ring parameter", argv[i]);
		if (i + 1 >= argc) {
			fprintf(err, "ethtool: missing value for '%s'\n", argv[i]);
			return 2;
		}
		if (!ethtool_parse_u32(argv[i + 1], &a->val[k]))
			return ethtool_usage(err, "bad value", argv[i + 1]);
		a->set[k] = true;
		i += 2;
	}
	return 0;
}

/* `ethtool DEV` */
static int
ethtool_summary(struct net_device *dev, FILE *out, FILE *err)
{
	const struct ethtool_ops *ops = dev->ethtool_ops;
	struct ethtool_cmd ecmd;

	fprintf(out, "Settings for %s:\n", dev->name);
	if (ops && ops->get_settings && !ops->get_settings(dev, &ecmd)) {
		fprintf(out, "\tSupported ports: [ TP ]\n");
		if (ecmd.speed == 0xFFFF || ecmd.speed == 0)
			fprintf(out, "\tSpeed: Unknown!\n");
		else
			fprintf(out, "\tSpeed: %uMb/s\n", ecmd.speed);
		if (ecmd.duplex == DUPLEX_FULL)
			fprintf(out, "\tDuplex: Full\n");
		else if (ecmd.duplex == DUPLEX_HALF)
			fprintf(out, "\tDuplex: Half\n");
		else
			fprintf(out, "\tDuplex: Unknown! (%u)\n", ecmd.duplex);
		fprintf(out, "\tPort: %s\n", ecmd.port == PORT_TP ? "Twisted Pair" : "Other");
		fprintf(out, "\tPHYAD: %u\n", ecmd.phy_address);
		fprintf(out, "\tTransceiver: %s\n", ecmd.transceiver ? "external" : "internal");
		fprintf(out, "\tAuto-negotiation: %s\n", ecmd.autoneg ? "on" : "off");
	} else {
		fprintf(err, "Cannot get device settings: Operation not supported\n");
	}
	if (ops && ops->get_link) {
		fprintf(out, "\tLink detected: %s\n", ops->get_link(dev) ? "yes" : "no");
		return 0;
	}
	fprintf(out, "\tLink detected: %s\n", netif_running(dev) ? "yes" : "no");
	return ops ? 0 : 1;
}

/* `ethtool -i DEV` */
static int
ethtool_drvinfo(struct net_device *dev, FILE *out, FILE *err)
{
	const struct ethtool_ops *ops = dev->ethtool_ops;
	struct ethtool_drvinfo info;

	if (!ops || !ops->get_drvinfo) {
		fprintf(err, "Cannot get driver information: Operation not supported\n");
		return 1;
	}
	ops->get_drvinfo(dev, &info);
	fprintf(out, "driver: %s\nversion: %s\nfirmware-version: %s\nbus-info: %s\n",
		info.driver, info.version, info.fw_version, info.bus_info);
	return 0;
}

/* `ethtool -S DEV` */
static int
ethtool_stats(struct net_device *dev, FILE *out, FILE *err)
{
	const struct ethtool_ops *ops = dev->ethtool_ops;
	struct ethtool_stats hdr;
	char *names;
	u64 *data;
	int n;

	if (!ops || !ops->get_sset_count || !ops->get_strings || !ops->get_ethtool_stats ||
	    (n = ops->get_sset_count(dev, ETH_SS_STATS)) < 0) {
		fprintf(err, "no stats available\n");
		return 1;
	}
	names = calloc(n ? n : 1, ETH_GSTRING_LEN);
	data = calloc(n ? n : 1, sizeof(u64));
	if (!names || !data) {
		free(names);
		free(data);
		fprintf(err, "Cannot get stats information: Cannot allocate memory\n");
		return 1;
	}
	ops->get_strings(dev, ETH_SS_STATS, (u8 *)names);
	hdr.cmd = 0;
	hdr.n_stats = n;
	ops->get_ethtool_stats(dev, &hdr, data);
	fprintf(out, "NIC statistics:\n");
	for (int i = 0; i < n; i++)
		fprintf(out, "     %.*s: %llu\n", ETH_GSTRING_LEN, &names[i * ETH_GSTRING_LEN],
			(unsigned long long)data[i]);
	free(names);
	free(data);
	return 0;
}

static void
ethtool_dump_ring(const struct ethtool_ringparam *r, FILE *out)
{
	fprintf(out, "Pre-set maximums:\n"
		"RX:\t\t%u\n"
		"RX Mini:\t%u\n"
		"RX Jumbo:\t%u\n"
		"TX:\t\t%u\n",
		r->rx_max_pending, r->rx_mini_max_pending, r->rx_jumbo_max_pending,
		r->tx_max_pending);
	fprintf(out, "Current hardware settings:\n"
		"RX:\t\t%u\n"
		"RX Mini:\t%u\n"
		"RX Jumbo:\t%u\n"
		"TX:\t\t%u\n",
		r->rx_pending, r->rx_mini_pending, r->rx_jumbo_pending, r->tx_pending);
	fprintf(out, "\n");
}

/* `ethtool -g DEV` */
static int
ethtool_gring(struct net_device *dev, FILE *out, FILE *err)
{
	const struct ethtool_ops *ops = dev->ethtool_ops;
	struct ethtool_ringparam r;

	if (!ops || !ops->get_ringparam) {
		fprintf(err, "Cannot get device ring settings: Operation not supported\n");
		return 1;
	}
	ops->get_ringparam(dev, &r);
	fprintf(out, "Ring parameters for %s:\n", dev->name);
	ethtool_dump_ring(&r, out);
	return 0;
}

/* `ethtool -G DEV ...`: read, change what was given, write back. */
static int
ethtool_sring(struct net_device *dev, const struct ethtool_args *a, FILE *err)
{
	const struct ethtool_ops *ops = dev->ethtool_ops;
	struct ethtool_ringparam r;
	u32 *field[4];
	bool changed = false;
	int ret;

	if (!ops || !ops->get_ringparam || !ops->set_ringparam) {
		fprintf(err, "Cannot get device ring settings: Operation not supported\n");
		return 1;
	}
	ops->get_ringparam(dev, &r);
	field[0] = &r.rx_pending;
	field[1] = &r.rx_mini_pending;
	field[2] = &r.rx_jumbo_pending;
	field[3] = &r.tx_pending;
	for (int k = 0; k < 4; k++) {
		if (a->set[k] && *field[k] != a->val[k]) {
			*field[k] = a->val[k];
			changed = true;
		}
	}
	if (!changed) {
		fprintf(err, "no ring parameters changed, aborting\n");
		return 1;
	}
	ret = ops->set_ringparam(dev, &r);
	if (ret) {
		fprintf(err, "Cannot set device ring parameters: %s\n", strerror(-ret));
		return 1;
	}
	return 0;
}

/* See tools/tools.h: everything but -G and -K, as ethtool_parse reads
 * the line (-k only shows the features). */
bool
tool_ethtool_read_only(int argc, char **argv)
{
	FILE *devnull = fopen("/dev/null", "w");
	struct ethtool_args a;
	int ret;

	if (!devnull)
		return false;
	ret = ethtool_parse(argc, argv, &a, devnull);
	fclose(devnull);
	return ret || (a.mode != ETHTOOL_SRING && a.mode != ETHTOOL_SFEATURES_MODE);
}

int
tool_ethtool(struct net *net, int argc, char **argv, FILE *out, FILE *err)
{
	struct ethtool_args a;
	struct net_device *dev;
	int ret = ethtool_parse(argc, argv, &a, err);

	if (ret)
		return ret;
	dev = dev_get_by_name(net, a.devname);
	if (!dev)
		return ethtool_usage(err, "no such device", a.devname);
	switch (a.mode) {
	case ETHTOOL_SUMMARY:
		return ethtool_summary(dev, out, err);
	case ETHTOOL_DRVINFO:
		return ethtool_drvinfo(dev, out, err);
	case ETHTOOL_STATS:
		return ethtool_stats(dev, out, err);
	case ETHTOOL_GRING:
		return ethtool_gring(dev, out, err);
	case ETHTOOL_SRING:
		return ethtool_sring(dev, &a, err);
	case ETHTOOL_GFEATURES_MODE:
		return ethtool_gfeatures(dev, out, err);
	case ETHTOOL_SFEATURES_MODE:
		return ethtool_sfeatures(dev, &a.feat, out, err);
	}
	return 2;
}
