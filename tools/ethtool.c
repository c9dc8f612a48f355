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
 *	ethtool -c|--show-coalesce DEV	interrupt coalescing
 *	ethtool -C|--coalesce DEV [rx-usecs N] [tx-usecs N]
 *	ethtool -k|--show-features DEV	offloads and other features
 *	ethtool -K|--features DEV FEATURE on|off ...
 *
 * Output follows the real tool's layout.  Every argument is checked
 * before anything is applied; a bad one gives one line on @err and 2.
 * The features (-k, -K) are in tools/ethtool_features.c.
 *
 * Left out: every other option (-s, -a, -A, -l, -L, -p, -t, -d, -e ...),
 * the coalescing parameters other than rx-usecs and tx-usecs, the
 * netlink interface and its extra ring fields.
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
		    ETHTOOL_SRING, ETHTOOL_GCOALESCE, ETHTOOL_SCOALESCE, ETHTOOL_GFEATURES_MODE,
		    ETHTOOL_SFEATURES_MODE };

/* The -G and -C keywords, in the order ethtool lists them. */
static const char *const sring_words[] = { "rx", "rx-mini", "rx-jumbo", "tx", NULL };
static const char *const scoal_words[] = { "rx-usecs", "tx-usecs", NULL };

struct ethtool_args {
	enum ethtool_mode mode;
	const char *devname;
	bool set[4];			/* which of the mode's words were given */
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
		{ "-c", "--show-coalesce", ETHTOOL_GCOALESCE },
		{ "-C", "--coalesce", ETHTOOL_SCOALESCE },
		{ "-k", "--show-features", ETHTOOL_GFEATURES_MODE },
		{ "-k", "--show-offload", ETHTOOL_GFEATURES_MODE },
		{ "-K", "--features", ETHTOOL_SFEATURES_MODE },
		{ "-K", "--offload", ETHTOOL_SFEATURES_MODE },
	};
	const char *const *words;
	const char *what;
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
	if (a->mode != ETHTOOL_SRING && a->mode != ETHTOOL_SCOALESCE) {
		if (i < argc)
			return ethtool_usage(err, "unexpected argument", argv[i]);
		return 0;
	}
	words = a->mode == ETHTOOL_SRING ? sring_words : scoal_words;
	what = a->mode == ETHTOOL_SRING ? "ring" : "coalesce";
	while (i < argc) {
		size_t k;

		for (k = 0; words[k]; k++)
			if (!strcmp(argv[i], words[k]))
				break;
		if (!words[k]) {
			fprintf(err, "ethtool: unknown %s parameter '%s'\n", what, argv[i]);
			return 2;
		}
		if (a->set[k]) {
			fprintf(err, "ethtool: duplicate %s parameter '%s'\n", what, argv[i]);
			return 2;
		}
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

/* The values the command line gave (the mode's words, in order) into
 * @field; false, with one line on @err, when none of them changes. */
static bool
ethtool_apply(const struct ethtool_args *a, u32 *const field[], int n, const char *what,
	      FILE *err)
{
	bool changed = false;

	for (int k = 0; k < n; k++) {
		if (a->set[k] && *field[k] != a->val[k]) {
			*field[k] = a->val[k];
			changed = true;
		}
	}
	if (!changed)
		fprintf(err, "no %s parameters changed, aborting\n", what);
	return changed;
}

/* The driver's answer to a set: 0, or 1 with its error on @err. */
static int
ethtool_set_result(int ret, const char *what, FILE *err)
{
	if (!ret)
		return 0;
	fprintf(err, "Cannot set device %s parameters: %s\n", what, strerror(-ret));
	return 1;
}

/* `ethtool -G DEV ...`: read, change what was given, write back. */
static int
ethtool_sring(struct net_device *dev, const struct ethtool_args *a, FILE *err)
{
	const struct ethtool_ops *ops = dev->ethtool_ops;
	struct ethtool_ringparam r;
	u32 *field[4];

	if (!ops || !ops->get_ringparam || !ops->set_ringparam) {
		fprintf(err, "Cannot get device ring settings: Operation not supported\n");
		return 1;
	}
	ops->get_ringparam(dev, &r);
	field[0] = &r.rx_pending;
	field[1] = &r.rx_mini_pending;
	field[2] = &r.rx_jumbo_pending;
	field[3] = &r.tx_pending;
	if (!ethtool_apply(a, field, 4, "ring", err))
		return 1;
	return ethtool_set_result(ops->set_ringparam(dev, &r), "ring", err);
}

/* `ethtool -c DEV`, in ethtool's layout: what igb does not report is 0. */
static int
ethtool_gcoalesce(struct net_device *dev, FILE *out, FILE *err)
{
	const struct ethtool_ops *ops = dev->ethtool_ops;
	struct ethtool_coalesce ec = { 0 };

	if (!ops || !ops->get_coalesce || ops->get_coalesce(dev, &ec)) {
		fprintf(err, "Cannot get device coalesce settings: Operation not supported\n");
		return 1;
	}
	fprintf(out, "Coalesce parameters for %s:\n"
		"Adaptive RX: off  TX: off\n"
		"stats-block-usecs: 0\nsample-interval: 0\npkt-rate-low: 0\npkt-rate-high: 0\n\n"
		"rx-usecs: %u\nrx-frames: 0\nrx-usecs-irq: 0\nrx-frames-irq: 0\n\n"
		"tx-usecs: %u\ntx-frames: 0\ntx-usecs-irq: 0\ntx-frames-irq: 0\n\n"
		"rx-usecs-low: 0\nrx-frame-low: 0\ntx-usecs-low: 0\ntx-frame-low: 0\n\n"
		"rx-usecs-high: 0\nrx-frame-high: 0\ntx-usecs-high: 0\ntx-frame-high: 0\n\n",
		dev->name, ec.rx_coalesce_usecs, ec.tx_coalesce_usecs);
	return 0;
}

/* `ethtool -C DEV ...`: read, change what was given, write back. */
static int
ethtool_scoalesce(struct net_device *dev, const struct ethtool_args *a, FILE *err)
{
	const struct ethtool_ops *ops = dev->ethtool_ops;
	struct ethtool_coalesce ec = { 0 };
	u32 *field[2] = { &ec.rx_coalesce_usecs, &ec.tx_coalesce_usecs };

	if (!ops || !ops->get_coalesce || !ops->set_coalesce || ops->get_coalesce(dev, &ec)) {
		fprintf(err, "Cannot get device coalesce settings: Operation not supported\n");
		return 1;
	}
	if (!ethtool_apply(a, field, 2, "coalesce", err))
		return 1;
	return ethtool_set_result(ops->set_coalesce(dev, &ec), "coalesce", err);
}

/* See tools/tools.h: everything but -G, -C and -K, as ethtool_parse
 * reads the line (-k only shows the features). */
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
	return ret || (a.mode != ETHTOOL_SRING && a.mode != ETHTOOL_SCOALESCE &&
		       a.mode != ETHTOOL_SFEATURES_MODE);
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
	case ETHTOOL_GCOALESCE:
		return ethtool_gcoalesce(dev, out, err);
	case ETHTOOL_SCOALESCE:
		return ethtool_scoalesce(dev, &a, err);
	case ETHTOOL_GFEATURES_MODE:
		return ethtool_gfeatures(dev, out, err);
	case ETHTOOL_SFEATURES_MODE:
		return ethtool_sfeatures(dev, &a.feat, out, err);
	}
	return 2;
}
