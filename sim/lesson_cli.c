/*
 * sim/lesson_cli.c - lessons from the command line: --lesson FILE
 * (headless, or handed to the UI), --check, --list-lessons.  See
 * sim/lesson.h for the API and lessons/README.md for the course.
 *
 * No kernel counterpart.  The headless runner is the loop sim/lesson.h
 * shows, around a world it builds and tears down itself (checking that
 * no skb leaked), with the --trace and --pcapng files main.c would
 * attach.  Where a lesson name points is sim/datadir.h's rule.
 */
#include "sim/lesson.h"
#include "sim/datadir.h"
#include "sim/topology.h"
#include "sim/pcapng.h"
#include "nic/igb.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void
print_header(const struct lesson *l, FILE *out)
{
	fprintf(out, "== %s ==\n%s\n", l->title, l->summary);
	for (int i = 0; i < l->nkernel; i++)
		fprintf(out, "  kernel:  %s\n", l->kernel[i]);
	for (int i = 0; i < l->nnetstep; i++)
		fprintf(out, "  netstep: %s\n", l->netstep[i]);
	fprintf(out, "  TAP lab: %s\n", l->lab);
}

/* --trace and --pcapng for a lesson run, as main.c attaches them. */
struct lesson_files {
	FILE *trace;
	struct trace_text_state *text;
	struct sim_pcapng *pcapng;
};

static int
open_files(const struct lesson_outputs *o, struct sim_world *w, struct lesson_files *f,
	   FILE *err)
{
	char msg[256];

	memset(f, 0, sizeof(*f));
	if (!o)
		return 0;
	if (o->trace) {
		f->trace = fopen(o->trace, "w");
		if (!f->trace) {
			fprintf(err, "netstep: cannot write %s: %s\n", o->trace, strerror(errno));
			return 1;
		}
		trace_text_header(f->trace);
		f->text = trace_text_open(f->trace);
		if (trace_add_sink(&w->trace, trace_text_sink, f->text))
			return 1;
	}
	if (o->pcapng) {
		f->pcapng = sim_pcapng_open(o->pcapng, msg, sizeof(msg));
		if (!f->pcapng) {
			fprintf(err, "netstep: cannot write %s: %s\n", o->pcapng, msg);
			return 1;
		}
		sim_pcapng_attach(f->pcapng, &w->trace, w->host[SIM_STUDENT],
				  sim_igb_port(w->host[SIM_STUDENT]->devs[0]));
	}
	return 0;
}

/* Each file's writes and close checked: 0, or 1 after a line naming it. */
static int
close_files(struct lesson_files *f, const struct lesson_outputs *o, FILE *err)
{
	int text = trace_text_close(f->text), file = trace_file_close(f->trace);
	int e[2] = { text ? text : file, -sim_pcapng_close(f->pcapng) };
	const char *path[2] = { o ? o->trace : NULL, o ? o->pcapng : NULL };
	int rc = 0;

	for (int i = 0; i < 2; i++) {
		if (e[i])
			fprintf(err, "netstep: cannot write %s: %s\n", path[i], strerror(e[i]));
		rc |= e[i] != 0;
	}
	return rc;
}

/* See sim/lesson.h. */
int
lesson_open_world(const char *path, u32 seed, FILE *err, struct lesson **lp,
		  struct sim_world **wp)
{
	char msg[LESSON_ERR_MAX];
	struct lesson *l = lesson_load(path, msg, sizeof(msg));
	struct sim_world *w;
	int rc;

	if (!l) {
		fprintf(err, "%s\n", msg);
		return 2;
	}
	rc = lesson_validate(l, seed, err);
	if (rc) {
		lesson_free(l);
		return rc;
	}
	w = calloc(1, sizeof(*w));
	if (!w || sim_world_create(w, seed)) {
		fprintf(err, "netstep: cannot build the simulated network\n");
		free(w);
		lesson_free(l);
		return 1;
	}
	*lp = l;
	*wp = w;
	return 0;
}

/* See sim/lesson.h. */
int
lesson_close_world(struct lesson *l, struct sim_world *w, int rc, FILE *err)
{
	unsigned long leaked = sim_skb_ledger_live(&w->ledger, err);

	if (leaked) {
		fprintf(err, "netstep: BUG: %lu skb(s) leaked\n", leaked);
		rc = rc ? rc : 1;
	}
	free(w);
	lesson_free(l);
	return rc;
}

int
lesson_run_file(const char *path, u32 seed, bool check, const struct lesson_outputs *o,
		FILE *out, FILE *err)
{
	struct lesson *l;
	struct sim_world *w;
	struct lesson_run *r;
	struct lesson_files files;
	const struct lesson_step *s;
	int rc;

	rc = lesson_open_world(path, seed, err, &l, &w);
	if (rc)
		return rc;
	if (!check)
		print_header(l, out);
	rc = open_files(o, w, &files, err);	/* it names a file it cannot open */
	r = rc ? NULL : lesson_run_create(l, w, check ? NULL : out);
	if (!r && !rc)
		fprintf(err, "netstep: cannot start the lesson\n");
	if (!r)
		rc = 1;
	while (r && (s = lesson_next(l))) {
		if (lesson_run_step(r, s)) {
			fprintf(err, "%s\n", lesson_run_error(r));
			rc = 1;
			break;
		}
	}
	if (r && !rc && lesson_run_finish(r)) {
		fprintf(err, "%s: %s\n", path, lesson_run_error(r));
		rc = 1;
	}
	if (!rc)
		fprintf(out, "lesson %s: ok, %d check(s) passed\n", path,
			lesson_run_checks(r));
	lesson_run_destroy(r);
	trace_mute(&w->trace);
	sim_world_destroy(w);
	if (close_files(&files, o, err) && !rc)
		rc = 1;
	return lesson_close_world(l, w, rc, err);
}

/* Calls @cb(number, file name) for each entry of DIR/ORDER.  0 or 2. */
static int
for_each_ordered(const char *dir, FILE *err, int (*cb)(void *, int, const char *), void *arg)
{
	char path[600], line[256];
	FILE *f;
	int n = 0, lineno = 0, rc = 0;

	snprintf(path, sizeof(path), "%s/ORDER", dir);
	f = fopen(path, "r");
	if (!f) {
		fprintf(err, "netstep: cannot read %s: %s\n", path, strerror(errno));
		return 2;
	}
	while (!rc && fgets(line, sizeof(line), f)) {
		lineno++;
		line[strcspn(line, "\r\n")] = '\0';
		if (!line[0] || line[0] == '#')
			continue;
		if (strchr(line, '/') || strchr(line, ' ')) {
			fprintf(err, "%s:%d: a file name in the lessons folder, please\n", path,
				lineno);
			return fclose(f), 2;
		}
		rc = cb(arg, ++n, line);
	}
	fclose(f);
	return rc;
}

struct list_ctx {
	const char *dir;
	FILE *out, *err;
	int want;			/* resolve: number wanted */
	int count;			/* ... lessons in ORDER */
	char found[600];
};

static int
list_one(void *arg, int num, const char *name)
{
	struct list_ctx *c = arg;
	char path[600], msg[LESSON_ERR_MAX];
	struct lesson *l;
	int nl = (int)strlen(name);

	snprintf(path, sizeof(path), "%s/%s", c->dir, name);
	l = lesson_load(path, msg, sizeof(msg));
	if (!l) {
		fprintf(c->err, "%s\n", msg);
		return 2;
	}
	if (nl > 7 && !strcmp(name + nl - 7, ".lesson"))
		nl -= 7;
	fprintf(c->out, "%2d  %-22.*s %s\n", num, nl, name, l->summary);
	lesson_free(l);
	return 0;
}

int
lesson_list(const char *dir, FILE *out, FILE *err)
{
	struct list_ctx c = { .dir = dir, .out = out, .err = err };

	return for_each_ordered(dir, err, list_one, &c);
}

static int
find_numbered(void *arg, int num, const char *name)
{
	struct list_ctx *c = arg;

	if (num == c->want)
		snprintf(c->found, sizeof(c->found), "%s/%s", c->dir, name);
	c->count = num;
	return 0;
}

/*
 * FILE as given, or a number from ORDER, or a name in the folder.  0,
 * or 2 after a message: a number the course does not have (it says how
 * many lessons there are), or an ORDER that cannot be read.
 */
static int
resolve_lesson(const char *dir, const char *arg, char *buf, size_t len)
{
	struct list_ctx c = { .dir = dir };
	char *end;
	long n = strtol(arg, &end, 10);

	snprintf(buf, len, "%s", arg);
	if (!access(arg, R_OK) || strchr(arg, '/'))
		return 0;
	if (!*end && end != arg) {
		c.want = n;
		if (for_each_ordered(dir, stderr, find_numbered, &c))
			return 2;
		if (!c.found[0]) {
			fprintf(stderr, "netstep: there is no lesson %ld: the course in %s has %d "
				"(1 to %d; --list-lessons lists them)\n", n, dir, c.count, c.count);
			return 2;
		}
		snprintf(buf, len, "%s", c.found);
		return 0;
	}
	snprintf(buf, len, "%s/%s", dir, arg);
	if (access(buf, R_OK))
		snprintf(buf, len, "%s/%s.lesson", dir, arg);
	return 0;
}

int
lesson_cli(int argc, char **argv, lesson_ui_fn ui)
{
	const char *lesson = NULL, *dir = NULL;
	struct lesson_outputs outs = { NULL, NULL };
	const char *missing = NULL;
	bool list = false, check = false, headless = false;
	struct lesson_ui_opts uiopts = { NULL, NULL };
	u32 seed = 1;
	char dirbuf[600], path[700];

	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--trace") || !strcmp(argv[i], "--pcapng")) {
			/* Only taken here; checked once we know it is a lesson run. */
			if (i + 1 >= argc)
				missing = argv[i];
			else if (argv[i][2] == 't')
				outs.trace = argv[++i];
			else
				outs.pcapng = argv[++i];
		} else if (!strcmp(argv[i], "--keys") || !strcmp(argv[i], "--dump-screen")) {
			/* The UI's: see ui/ui.h. */
			if (i + 1 >= argc)
				missing = argv[i];
			else if (argv[i][2] == 'k')
				uiopts.keys = argv[++i];
			else
				uiopts.dump = argv[++i];
		} else if (!strcmp(argv[i], "--lesson") || !strcmp(argv[i], "--lessons-dir") ||
		    !strcmp(argv[i], "--seed")) {
			if (i + 1 >= argc) {
				fprintf(stderr, "netstep: option '%s' needs an argument\n", argv[i]);
				return 2;
			}
			if (argv[i][2] == 'l' && argv[i][8] == '\0')
				lesson = argv[++i];
			else if (argv[i][2] == 'l')
				dir = argv[++i];
			else {
				if (sim_parse_seed(argv[++i], &seed)) {
					fprintf(stderr, "netstep: invalid --seed '%s'\n", argv[i]);
					return 2;
				}
			}
		} else if (!strncmp(argv[i], "--lesson=", 9)) {
			lesson = argv[i] + 9;
		} else if (!strcmp(argv[i], "--list-lessons")) {
			list = true;
		} else if (!strcmp(argv[i], "--check")) {
			check = true;
		} else if (!strcmp(argv[i], "--headless")) {
			headless = true;
		}
	}
	if (!lesson && !list) {
		if (check) {
			fprintf(stderr, "netstep: --check needs --lesson FILE\n");
			return 2;
		}
		return -1;
	}
	/* Anything else on the line does not belong with a lesson. */
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--lesson") || !strcmp(argv[i], "--lessons-dir") ||
		    !strcmp(argv[i], "--seed") || !strcmp(argv[i], "--trace") ||
		    !strcmp(argv[i], "--pcapng") || !strcmp(argv[i], "--keys") ||
		    !strcmp(argv[i], "--dump-screen")) {
			i++;
			continue;
		}
		if (strncmp(argv[i], "--lesson=", 9) && strcmp(argv[i], "--list-lessons") &&
		    strcmp(argv[i], "--check") && strcmp(argv[i], "--headless")) {
			fprintf(stderr, "netstep: '%s' cannot be used with --lesson/--list-lessons "
				"(see --help)\n", argv[i]);
			return 2;
		}
	}
	if (missing) {
		fprintf(stderr, "netstep: option '%s' needs an argument\n", missing);
		return 2;
	}
	if ((outs.trace && !strcmp(outs.trace, "-")) || (outs.pcapng && !strcmp(outs.pcapng, "-"))) {
		fprintf(stderr, "netstep: with --lesson, --trace and --pcapng need a file name\n");
		return 2;
	}
	if (!dir) {		/* --lessons-dir, else sim/datadir.h's rule */
		sim_lessons_dir(dirbuf, sizeof(dirbuf));
		dir = dirbuf;
	}
	if ((uiopts.keys || uiopts.dump) && (headless || list)) {
		fprintf(stderr, "netstep: %s is for the UI: drop --headless/--list-lessons\n",
			uiopts.keys ? "--keys" : "--dump-screen");
		return 2;
	}
	if (list)
		return lesson_list(dir, stdout, stderr);
	if (resolve_lesson(dir, lesson, path, sizeof(path)))
		return 2;
	if (!headless) {
		if (ui)
			return ui(path, seed, &uiopts);
		fprintf(stderr, "netstep: the step-through UI cannot run lessons yet; run it as "
			"text: netstep --headless --lesson %s [--check]\n", lesson);
		return 2;
	}
	return lesson_run_file(path, seed, check, &outs, stdout, stderr);
}
