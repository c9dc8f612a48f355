/*
 * tools/ethtool_features.h - `ethtool -k` and `ethtool -K`, the part of
 * tools/ethtool.c that reads and changes a device's features.
 */
#ifndef NETSTEP_TOOLS_ETHTOOL_FEATURES_H
#define NETSTEP_TOOLS_ETHTOOL_FEATURES_H

#include "layers/ethtool.h"

#include <stdio.h>

struct net_device;

/* What `ethtool -K DEV ...` asked, checked before anything is applied. */
struct ethtool_feature_args {
	u32 off_flags_wanted;		/* legacy names (sg, tso ...): ETH_FLAG_* on */
	u32 off_flags_mask;		/* ... and which were named */
	struct ethtool_sfeatures sfeatures;	/* kernel names (tx-nocache-copy ...) */
};

/* Parse the FEATURE on|off pairs; 0, or 2 with one line on @err. */
int ethtool_parse_features(int argc, char **argv, struct ethtool_feature_args *fa,
			   FILE *err);
int ethtool_gfeatures(struct net_device *dev, FILE *out, FILE *err);	/* -k */
int ethtool_sfeatures(struct net_device *dev, const struct ethtool_feature_args *fa,
		      FILE *out, FILE *err);				/* -K */

#endif
