/*
 * sim/datadir.h - where netstep finds its course (lessons/ORDER and the
 * lesson files) when --lessons-dir is not given.
 *
 * No kernel counterpart.  The build records two paths in config.h:
 * NETSTEP_BINDIR, where `make install` puts the binary, and
 * NETSTEP_LESSONS_DIR, where it puts the lessons (by default
 * /usr/local/bin and /usr/local/share/netstep/lessons).  The rule, first
 * folder holding an ORDER file wins:
 *
 *   1. lessons/ next to the running binary (/proc/self/exe): netstep
 *      built in its checkout uses the checkout's lessons, from whatever
 *      directory it is started;
 *   2. the installed course: a binary at ROOT/NETSTEP_BINDIR/netstep
 *      reads ROOT/NETSTEP_LESSONS_DIR.  ROOT is empty for an ordinary
 *      install; a tree staged with DESTDIR (tests/install.sh) or copied
 *      whole elsewhere finds its own lessons the same way;
 *   3. lessons/ in the current directory (a course being written, or
 *      build/asan/netstep run from the top of the checkout);
 *   4. otherwise NETSTEP_LESSONS_DIR, so that the error about its
 *      missing ORDER names the folder an install would have made.
 *
 * man/netstep.1 (FILES) and the README say the same.
 */
#ifndef NETSTEP_SIM_DATADIR_H
#define NETSTEP_SIM_DATADIR_H

#include <stddef.h>

/* The lessons folder by the rule above, written to @buf (never fails). */
void sim_lessons_dir(char *buf, size_t len);

#endif
