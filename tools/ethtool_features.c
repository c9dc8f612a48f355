/*
 * tools/ethtool_features.c - `ethtool -k DEV` (--show-features,
 * --show-offload) and `ethtool -K DEV FEATURE on|off ...` (--features,
 * --offload), as ethtool 3.10 does them.
 *
 * No kernel counterpart: this is user space.  ethtool knows each
 * feature twice: by the kernel's name (tx-scatter-gather, one per
 * NETIF_F_* bit, the ETH_SS_FEATURES strings of layers/ethtool.c) and
 * by its own older short names (sg, tso, gso ...), each of which stands
 * for the kernel features its pattern matches ("tx-scatter-gather*").
 * -k prints the short name's summary line, then the features under it
 * (or, if it stands for one feature only, that one under the short name's
 * long name), then every other feature; "[fixed]" marks what the device
 * does not let change, "[requested on]" a wish the rules refused.
 * -K turns short names into their features (the ones that may change),
 * asks the kernel (ETHTOOL_SFEATURES), reads everything back and says
 * what happened if it is not what was asked: "Actual changes:" and the
 * features that changed, or "Could not change any device features"
 * (exit status 1).
 *
 * Read layers/ethtool.c (the kernel's side) and layers/dev.c
 * (netdev_fix_features: the rules) with it.
 *
 * Left out: the ioctl (the kernel's functions are called directly),
 * kernels without named features (before 2.6.39), the legacy set
 * commands that only such kernels need.
 */
#include "tools/ethtool_features.h"
#include "layers/netdevice.h"

#include <string.h>

/* ethtool's own flags for its short names (ethtool's internal.h). */
#define ETH_FLAG_RXCSUM		(1 << 0)
#define ETH_FLAG_TXCSUM		(1 << 1)
#define ETH_FLAG_SG		(1 << 2)
#define ETH_FLAG_TSO		(1 << 3)
#define ETH_FLAG_UFO		(1 << 4)
#define ETH_FLAG_GSO		(1 << 5)
#define ETH_FLAG_GRO		(1 << 6)
#define ETH_FLAG_EXT_MASK	(ETH_FLAG_LRO | ETH_FLAG_RXVLAN | ETH_FLAG_TXVLAN | \
				 ETH_FLAG_NTUPLE | ETH_FLAG_RXHASH)

struct off_flag_def {
	const char *short_name;		/* what -K takes: "sg" */
	const char *long_name;		/* what -k prints: "scatter-gather" */
	const char *kernel_name;	/* the features it stands for, one '*' at most */
	u32 get_cmd;			/* its ETHTOOL_G* command, 0: in ETHTOOL_GFLAGS */
	u32 value;			/* ETH_FLAG_* */
};

static const struct off_flag_def off_flag_def[] = {
	{ "rx", "rx-checksumming", "rx-checksum", ETHTOOL_GRXCSUM, ETH_FLAG_RXCSUM },
	{ "tx", "tx-checksumming", "tx-checksum-*", ETHTOOL_GTXCSUM, ETH_FLAG_TXCSUM },
	{ "sg", "scatter-gather", "tx-scatter-gather*", ETHTOOL_GSG, ETH_FLAG_SG },
	{ "tso", "tcp-segmentation-offload", "tx-tcp*-segmentation", ETHTOOL_GTSO, ETH_FLAG_TSO },
	{ "ufo", "udp-fragmentation-offload", "tx-udp-fragmentation", ETHTOOL_GUFO, ETH_FLAG_UFO },
	{ "gso", "generic-segmentation-offload", "tx-generic-segmentation", ETHTOOL_GGSO,
	  ETH_FLAG_GSO },
	{ "gro", "generic-receive-offload", "rx-gro", ETHTOOL_GGRO, ETH_FLAG_GRO },
	{ "lro", "large-receive-offload", "rx-lro", 0, ETH_FLAG_LRO },
	{ "rxvlan", "rx-vlan-offload", "rx-vlan-hw-parse", 0, ETH_FLAG_RXVLAN },
	{ "txvlan", "tx-vlan-offload", "tx-vlan-hw-insert", 0, ETH_FLAG_TXVLAN },
	{ "ntuple", "ntuple-filters", "rx-ntuple-filter", 0, ETH_FLAG_NTUPLE },
	{ "rxhash", "receive-hashing", "rx-hashing", 0, ETH_FLAG_RXHASH },
};
#define N_OFF_FLAGS	((int)ARRAY_SIZE(off_flag_def))

/* What get_feature_defs learns from the names: which short name each
 * kernel feature belongs to (-1: none), how many each short name has. */
struct feature_defs {
	int off_flag_index[NETDEV_FEATURE_COUNT];
	unsigned int off_flag_matched[N_OFF_FLAGS];
};

/* A device's state as -k reads it. */
struct feature_state {
	u32 off_flags;			/* ETH_FLAG_* of the short names */
	struct ethtool_gfeatures features;
};

#define FEATURE_BIT(blocks, index, field) \
	((blocks)[(index) / 32U].field & (1U << ((index) % 32U)))

/* Does @name match @pattern (whose one '*' matches any middle)? */
static bool
ethtool_name_matches(const char *pattern, const char *name)
{
	const char *star = strchr(pattern, '*');
	size_t plen, slen, nlen = strlen(name);

	if (!star)
		return !strcmp(pattern, name);
	plen = star - pattern;
	slen = strlen(star + 1);
	return nlen >= plen + slen && !strncmp(name, pattern, plen) &&
	       !strcmp(name + nlen - slen, star + 1);
}

static void
get_feature_defs(struct feature_defs *defs)
{
	memset(defs, 0, sizeof(*defs));
	for (int i = 0; i < NETDEV_FEATURE_COUNT; i++) {
		defs->off_flag_index[i] = -1;
		for (int j = 0; j < N_OFF_FLAGS && defs->off_flag_index[i] < 0; j++) {
			if (ethtool_name_matches(off_flag_def[j].kernel_name,
						 netdev_features_strings[i])) {
				defs->off_flag_index[i] = j;
				defs->off_flag_matched[j]++;
			}
		}
	}
}

static void
get_features(struct net_device *dev, struct feature_state *state)
{
	state->off_flags = 0;
	for (int i = 0; i < N_OFF_FLAGS; i++)
		if (off_flag_def[i].get_cmd &&
		    ethtool_get_one_feature(dev, off_flag_def[i].get_cmd) > 0)
			state->off_flags |= off_flag_def[i].value;
	state->off_flags |= __ethtool_get_flags(dev) & ETH_FLAG_EXT_MASK;
	ethtool_get_features(dev, &state->features);
}

/* One feature's line; with @ref, only if it changed. */
static void
dump_one_feature(FILE *out, const char *indent, const char *name,
		 const struct feature_state *state, const struct feature_state *ref, int i)
{
	const struct ethtool_get_features_block *b = state->features.features;
	bool active = FEATURE_BIT(b, i, active), requested = FEATURE_BIT(b, i, requested);
	const char *note = "";

	if (ref && !(active ^ !!FEATURE_BIT(ref->features.features, i, active)))
		return;
	if (!FEATURE_BIT(b, i, available) || FEATURE_BIT(b, i, never_changed))
		note = " [fixed]";
	else if (requested != active)
		note = requested ? " [requested on]" : " [requested off]";
	fprintf(out, "%s%s: %s%s\n", indent, name, active ? "on" : "off", note);
}

/* Every feature (with @ref: every change) in ethtool's order. */
static void
dump_features(FILE *out, const struct feature_defs *defs, const struct feature_state *state,
	      const struct feature_state *ref)
{
	for (int i = 0; i < N_OFF_FLAGS; i++) {
		u32 value = off_flag_def[i].value;
		bool alone = defs->off_flag_matched[i] == 1;
		const char *indent = "";

		/* A short name with several features gets its own line first. */
		if (!alone && (!ref || ((state->off_flags ^ ref->off_flags) & value))) {
			fprintf(out, "%s: %s\n", off_flag_def[i].long_name,
				(state->off_flags & value) ? "on" : "off");
			indent = "\t";
		}
		for (int j = 0; j < NETDEV_FEATURE_COUNT; j++) {
			if (defs->off_flag_index[j] != i)
				continue;
			dump_one_feature(out, indent,
					 alone ? off_flag_def[i].long_name : netdev_features_strings[j],
					 state, ref, j);
		}
	}
	for (int j = 0; j < NETDEV_FEATURE_COUNT; j++)
		if (defs->off_flag_index[j] < 0 && netdev_features_strings[j][0])
			dump_one_feature(out, "", netdev_features_strings[j], state, ref, j);
}

int
ethtool_parse_features(int argc, char **argv, struct ethtool_feature_args *fa, FILE *err)
{
	memset(fa, 0, sizeof(*fa));
	fa->sfeatures.size = ETHTOOL_DEV_FEATURE_WORDS;
	for (int i = 0; i < argc; i += 2) {
		const char *name = argv[i];
		bool on;
		int k;

		if (i + 1 >= argc) {
			fprintf(err, "ethtool: missing on|off after '%s'\n", name);
			return 2;
		}
		if (!strcmp(argv[i + 1], "on")) {
			on = true;
		} else if (!strcmp(argv[i + 1], "off")) {
			on = false;
		} else {
			fprintf(err, "ethtool: bad value '%s' for '%s' (on or off)\n", argv[i + 1],
				name);
			return 2;
		}
		for (k = 0; k < N_OFF_FLAGS; k++)
			if (!strcmp(name, off_flag_def[k].short_name))
				break;
		if (k < N_OFF_FLAGS) {
			fa->off_flags_mask |= off_flag_def[k].value;
			fa->off_flags_wanted &= ~off_flag_def[k].value;
			if (on)
				fa->off_flags_wanted |= off_flag_def[k].value;
			continue;
		}
		for (k = 0; k < NETDEV_FEATURE_COUNT; k++)
			if (netdev_features_strings[k][0] && !strcmp(name, netdev_features_strings[k]))
				break;
		if (k == NETDEV_FEATURE_COUNT) {
			fprintf(err, "ethtool: unknown feature '%s'\n", name);
			return 2;
		}
		fa->sfeatures.features[k / 32].valid |= 1U << (k % 32);
		fa->sfeatures.features[k / 32].requested &= ~(1U << (k % 32));
		if (on)
			fa->sfeatures.features[k / 32].requested |= 1U << (k % 32);
	}
	return 0;
}

/* `ethtool -k DEV` */
int
ethtool_gfeatures(struct net_device *dev, FILE *out, FILE *err)
{
	struct feature_defs defs;
	struct feature_state state;

	(void)err;
	get_feature_defs(&defs);
	fprintf(out, "Features for %s:\n", dev->name);
	get_features(dev, &state);
	dump_features(out, &defs, &state, NULL);
	return 0;
}

/* `ethtool -K DEV ...` (do_sfeatures) */
int
ethtool_sfeatures(struct net_device *dev, const struct ethtool_feature_args *fa, FILE *out,
		  FILE *err)
{
	struct ethtool_sfeatures req = fa->sfeatures;
	struct feature_state old_state, new_state;
	struct feature_defs defs;
	bool any_changed, any_mismatch;
	u32 expect;
	int ret;

	if (!fa->off_flags_mask && !req.features[0].valid && !req.features[1].valid) {
		fprintf(out, "no features changed\n");
		return 0;
	}
	get_feature_defs(&defs);
	get_features(dev, &old_state);
	/* A short name asks for each of its features that may change. */
	for (int i = 0; i < N_OFF_FLAGS; i++) {
		bool fixed = true;

		if (!(fa->off_flags_mask & off_flag_def[i].value))
			continue;
		for (int j = 0; j < NETDEV_FEATURE_COUNT; j++) {
			const struct ethtool_get_features_block *b = old_state.features.features;

			if (defs.off_flag_index[j] != i || !FEATURE_BIT(b, j, available) ||
			    FEATURE_BIT(b, j, never_changed))
				continue;
			fixed = false;
			if (!FEATURE_BIT(req.features, j, valid)) {
				req.features[j / 32].valid |= 1U << (j % 32);
				if (fa->off_flags_wanted & off_flag_def[i].value)
					req.features[j / 32].requested |= 1U << (j % 32);
			}
		}
		if (fixed)
			fprintf(err, "Cannot change %s\n", off_flag_def[i].long_name);
	}
	ret = ethtool_set_features(dev, &req);
	if (ret < 0) {
		fprintf(err, "Cannot set device feature settings: %s\n", strerror(-ret));
		return 1;
	}
	/* What came true, against what was asked. */
	get_features(dev, &new_state);
	any_changed = new_state.off_flags != old_state.off_flags;
	expect = (old_state.off_flags & ~fa->off_flags_mask) | fa->off_flags_wanted;
	any_mismatch = new_state.off_flags != expect;
	for (int i = 0; i < ETHTOOL_DEV_FEATURE_WORDS; i++) {
		u32 old = old_state.features.features[i].active;
		u32 now = new_state.features.features[i].active;

		if (now != old)
			any_changed = true;
		if (now != ((old & ~req.features[i].valid) | req.features[i].requested))
			any_mismatch = true;
	}
	if (!any_mismatch)
		return 0;
	if (!any_changed) {
		fprintf(err, "Could not change any device features\n");
		return 1;
	}
	fprintf(out, "Actual changes:\n");
	dump_features(out, &defs, &new_state, &old_state);
	return 0;
}
