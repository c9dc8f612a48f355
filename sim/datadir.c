/*
 * sim/datadir.c - the lessons folder: next to the binary, installed,
 * or in the current directory (the rule is in sim/datadir.h).
 *
 * No kernel counterpart.
 */
#include "sim/datadir.h"
#include "config.h"		/* NETSTEP_BINDIR, NETSTEP_LESSONS_DIR: written by make */

#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* @dir/ORDER can be read. */
static int
has_order(const char *dir)
{
	char order[PATH_MAX];

	if ((size_t)snprintf(order, sizeof(order), "%s/ORDER", dir) >= sizeof(order))
		return 0;
	return !access(order, R_OK);
}

/* Same directory (device and inode), so a checkout run from its top
 * keeps the short "lessons/..." paths in its messages. */
static int
same_dir(const char *a, const char *b)
{
	struct stat sa, sb;

	return !stat(a, &sa) && !stat(b, &sb) && sa.st_dev == sb.st_dev &&
	       sa.st_ino == sb.st_ino;
}

void
sim_lessons_dir(char *buf, size_t len)
{
	char exe[PATH_MAX], dir[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	size_t nbin = strlen(NETSTEP_BINDIR);
	char *slash;

	if (n > 0 && n < (ssize_t)sizeof(exe) - 1) {
		exe[n] = '\0';
		slash = strrchr(exe, '/');
		if (slash)
			*slash = '\0';
		/* 1. a checkout (or any folder with netstep and lessons/ side by side) */
		if ((size_t)snprintf(dir, sizeof(dir), "%s/lessons", exe) < sizeof(dir) &&
		    has_order(dir)) {
			snprintf(buf, len, "%s", same_dir(dir, "lessons") ? "lessons" : dir);
			return;
		}
		/* 2. installed: exe is ROOT + NETSTEP_BINDIR */
		n = (ssize_t)strlen(exe);
		if (NETSTEP_BINDIR[0] == '/' && (size_t)n >= nbin &&
		    !strcmp(exe + n - nbin, NETSTEP_BINDIR)) {
			if ((size_t)snprintf(dir, sizeof(dir), "%.*s%s", (int)(n - (ssize_t)nbin),
					     exe, NETSTEP_LESSONS_DIR) < sizeof(dir) && has_order(dir)) {
				snprintf(buf, len, "%s", dir);
				return;
			}
		}
	}
	/* 3. the current directory */
	if (has_order("lessons")) {
		snprintf(buf, len, "lessons");
		return;
	}
	/* 4. where an install would have put them */
	snprintf(buf, len, "%s", NETSTEP_LESSONS_DIR);
}
