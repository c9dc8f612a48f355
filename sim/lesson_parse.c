/*
 * sim/lesson_parse.c - the lesson parser: a teacher's text becomes a
 * list of steps, or one error "FILE:LINE: problem".  See sim/lesson.h
 * for the API and lessons/README.md for the format.
 *
 * No kernel counterpart.  Every name a lesson gives is checked here,
 * before anything runs: a function after `break`, `step until` or
 * `delete` must be a traced function declared in events/ (a typo would
 * otherwise be a break that never stops), and a misspelt name comes
 * back with the closest declared ones.  The `expect` lines are handed
 * to sim/lesson_expect.c, which checks theirs the same way.
 */
#include "sim/lesson_priv.h"
#include "sim/topology.h"

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

/* ---- words and names ----------------------------------------------------- */

int
lesson_word_index(const char *const *table, const char *w)
{
	for (int i = 0; table[i]; i++)
		if (!strcmp(table[i], w))
			return i;
	return -1;
}

int
lesson_host_index(const char *name)
{
	for (int i = 0; i < SIM_NHOSTS; i++)
		if (!strcmp(name, sim_host_names[i]))
			return i;
	return -2;
}

bool
lesson_parse_ll(const char *s, long long *v)
{
	char *end;

	if (!*s)
		return false;
	errno = 0;
	*v = strtoll(s, &end, 0);
	return !*end && !errno;
}

bool
lesson_is_ident(const char *s)
{
	if (!*s || strlen(s) >= LESSON_FUNC_MAX || isdigit((unsigned char)*s))
		return false;
	for (; *s; s++)
		if (!isalnum((unsigned char)*s) && *s != '_')
			return false;
	return true;
}

int
lesson_split_words(const char *s, char *buf, size_t buflen, char **w, int max)
{
	int n = 0;

	if ((size_t)snprintf(buf, buflen, "%s", s) >= buflen)
		return -1;
	for (char *p = strtok(buf, " \t"); p; p = strtok(NULL, " \t")) {
		if (n == max)
			return -1;
		w[n++] = p;
	}
	return n;
}

const char *
lesson_after_words(const char *src, int skip)
{
	const char *p = src;

	for (int i = 0; i < skip; i++) {
		while (*p == ' ' || *p == '\t')
			p++;
		while (*p && *p != ' ' && *p != '\t')
			p++;
	}
	while (*p == ' ' || *p == '\t')
		p++;
	return p;
}

const struct trace_event_desc *
lesson_func_find(const char *name, char *why, size_t wl)
{
	const struct trace_event_desc *ev = trace_event_find(name, false);
	struct trace_suggest sg;
	char hint[3 * LESSON_FUNC_MAX + 32];

	if (ev)
		return ev;
	if (trace_event_find(name, true)) {
		snprintf(why, wl, "'%s' is a note, not a traced function", name);
		return NULL;
	}
	trace_suggest_functions(&sg, name);
	trace_suggest_str(&sg, hint, sizeof(hint));
	snprintf(why, wl, "'%s' is not a traced function%s", name,
		 sg.n ? hint : " (events/ declares them)");
	return NULL;
}

/* ---- the parser ------------------------------------------------------------ */

struct lesson_parser {
	struct lesson *l;
	const char *name;
	char *err;
	size_t errlen;
	int line;			/* current line number */
	struct lesson_step *open;	/* step that takes indented continuations */
	struct lesson_step *para;	/* narration paragraph being built */
	struct lesson_step *asked;	/* last QUESTION / TRY, for `answer` */
	bool open_answer;		/* continuations go to open->answer */
};

static const char *const keywords[] = {
	"title", "summary", "kernel", "netstep", "lab", "$", "break", "delete", "step",
	"continue", "pause", "question", "answer", "expect", "try", NULL
};

static int
perr(struct lesson_parser *p, int line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static int
perr(struct lesson_parser *p, int line, const char *fmt, ...)
{
	va_list ap;
	int n = snprintf(p->err, p->errlen, "%s:%d: ", p->name, line);

	va_start(ap, fmt);
	if (n >= 0 && (size_t)n < p->errlen)
		vsnprintf(p->err + n, p->errlen - n, fmt, ap);
	va_end(ap);
	return -1;
}

static char *
xstrdup(const char *s)
{
	char *d = strdup(s ? s : "");

	if (!d)
		abort();	/* NOTE: out of memory in a teaching tool: give up loudly */
	return d;
}

static void
append_text(char **dst, const char *more, const char *sep)
{
	size_t a = *dst ? strlen(*dst) : 0, b = strlen(more), s = strlen(sep);
	char *n = realloc(*dst, a + s + b + 1);

	if (!n)
		abort();
	if (a) {
		memcpy(n + a, sep, s);
		a += s;
	}
	memcpy(n + a, more, b + 1);
	*dst = n;
}

static struct lesson_step *
new_step(struct lesson_parser *p, enum lesson_step_kind kind)
{
	struct lesson *l = p->l;
	struct lesson_step *s;

	if (l->nsteps == LESSON_MAX_STEPS) {
		perr(p, p->line, "too many steps (at most %d)", LESSON_MAX_STEPS);
		return NULL;
	}
	if (!l->steps) {
		l->steps = calloc(LESSON_MAX_STEPS, sizeof(*l->steps));
		if (!l->steps)
			abort();
	}
	s = &l->steps[l->nsteps++];
	memset(s, 0, sizeof(*s));
	s->kind = kind;
	s->line = p->line;
	s->func = "";
	s->host = SIM_STUDENT;
	return s;
}

/*
 * A moment into the step: `FUNC` (its entry), `FUNC return`, or `NOTE
 * in FUNC` (a note declared in events/, inside the C function FUNC,
 * which may be a helper netstep does not trace), then `[on HOST]`.
 */
static int
parse_func_host(struct lesson_parser *p, struct lesson_step *s, const char *args,
		const char *usage, bool func_optional)
{
	char buf[256];
	char *w[8];
	char why[LESSON_ERR_MAX / 2];
	int n = lesson_split_words(args, buf, sizeof(buf), w, 8), i = 1;

	if (n == 0 && func_optional)
		return 0;
	if (n < 1)
		return perr(p, s->line, "usage: %s", usage);
	if (!lesson_is_ident(w[0]))
		return perr(p, s->line, "'%s' is not a function name (usage: %s)", w[0], usage);
	if (n > 1 && !strcmp(w[1], "return")) {
		s->at = LESSON_AT_RETURN;
		i = 2;
	} else if (n > 1 && !strcmp(w[1], "in")) {
		if (n < 3 || !lesson_is_ident(w[2]))
			return perr(p, s->line, "'in' needs the function the note sits in "
				    "(usage: %s)", usage);
		s->at = LESSON_AT_NOTE;
		snprintf(s->in, sizeof(s->in), "%s", w[2]);
		i = 3;
	}
	if (i < n) {
		if (strcmp(w[i], "on") || n != i + 2)
			return perr(p, s->line, "unexpected '%s' (usage: %s)", w[i], usage);
		s->host = !strcmp(w[i + 1], "any") ? LESSON_HOST_ANY : lesson_host_index(w[i + 1]);
		if (s->host == -2)
			return perr(p, s->line, "unknown host '%s' (student, router, server or any)",
				    w[i + 1]);
	}
	if (s->at == LESSON_AT_NOTE) {
		s->ev = trace_event_find(w[0], true);
		if (!s->ev)
			return perr(p, s->line, "'%s' is not a note events/ declares%s", w[0],
				    trace_event_find(w[0], false) ? " (it is a function: drop "
				    "'in ...', or add 'return')" : "");
	} else {
		s->ev = lesson_func_find(w[0], why, sizeof(why));
		if (!s->ev)
			return perr(p, s->line, "%s", why);
	}
	s->func = s->ev->name;
	return 0;
}

static int
set_header(struct lesson_parser *p, char **field, const char *kw, const char *rest)
{
	if (*field)
		return perr(p, p->line, "a second '%s' line", kw);
	if (!*rest)
		return perr(p, p->line, "'%s' needs text", kw);
	*field = xstrdup(rest);
	return 0;
}

static int
add_file(struct lesson_parser *p, char **files, int *n, const char *kw, const char *rest)
{
	if (!*rest || strchr(rest, ' ') || strchr(rest, '\t'))
		return perr(p, p->line, "'%s' takes one path", kw);
	if (*n == LESSON_MAX_FILES)
		return perr(p, p->line, "too many '%s' lines (at most %d)", kw, LESSON_MAX_FILES);
	files[(*n)++] = xstrdup(rest);
	return 0;
}

/* A question (or try) whose answer never came. */
static int
check_answered(struct lesson_parser *p)
{
	if (p->asked && p->asked->kind == LESSON_QUESTION && !p->asked->answer)
		return perr(p, p->asked->line, "question has no answer line after it");
	return 0;
}

static int
parse_directive(struct lesson_parser *p, const char *kw, const char *rest)
{
	struct lesson *l = p->l;
	struct lesson_step *s;
	char why[LESSON_ERR_MAX / 2];

	if (strcmp(kw, "answer") && check_answered(p))
		return -1;
	if (strcmp(kw, "answer"))
		p->asked = NULL;
	if (!strcmp(kw, "title"))
		return set_header(p, &l->title, kw, rest);
	if (!strcmp(kw, "summary"))
		return set_header(p, &l->summary, kw, rest);
	if (!strcmp(kw, "lab")) {
		if (strncmp(rest, "yes", 3) && strncmp(rest, "no", 2))
			return perr(p, p->line, "'lab' must start with yes or no (does the lesson "
				    "also work on the TAP wire?)");
		l->lab_works = !strncmp(rest, "yes", 3);
		return set_header(p, &l->lab, kw, rest);
	}
	if (!strcmp(kw, "kernel"))
		return add_file(p, l->kernel, &l->nkernel, kw, rest);
	if (!strcmp(kw, "netstep"))
		return add_file(p, l->netstep, &l->nnetstep, kw, rest);
	if (!strcmp(kw, "answer")) {
		if (!p->asked)
			return perr(p, p->line, "'answer' without a question or try before it");
		if (p->asked->answer)
			return perr(p, p->line, "a second answer for the question on line %d",
				    p->asked->line);
		if (!*rest)
			return perr(p, p->line, "'answer' needs text");
		p->asked->answer = xstrdup(rest);
		p->open = p->asked;
		p->open_answer = true;
		return 0;
	}
	if (!strcmp(kw, "$")) {
		if (!*rest)
			return perr(p, p->line, "'$' needs a console command");
		if (strlen(rest) >= CONSOLE_MAX_LINE)
			return perr(p, p->line, "command too long");
		if (!(s = new_step(p, LESSON_RUN)))
			return -1;
		s->text = xstrdup(rest);
		return 0;
	}
	if (!strcmp(kw, "break")) {
		if (!(s = new_step(p, LESSON_BREAK)))
			return -1;
		return parse_func_host(p, s, rest, "break FUNCTION [return] [on HOST], or "
				       "break NOTE in FUNCTION [on HOST]", false);
	}
	if (!strcmp(kw, "delete")) {
		if (!(s = new_step(p, LESSON_DELETE)))
			return -1;
		return parse_func_host(p, s, rest, "delete [FUNCTION [return] [on HOST]], or "
				       "delete NOTE in FUNCTION [on HOST]", true);
	}
	if (!strcmp(kw, "step")) {
		if (strncmp(rest, "until", 5) || (rest[5] && rest[5] != ' ' && rest[5] != '\t'))
			return perr(p, p->line, "usage: step until FUNCTION [return] [on HOST]");
		if (!(s = new_step(p, LESSON_STEP_UNTIL)))
			return -1;
		return parse_func_host(p, s, lesson_after_words(rest, 1),
				       "step until FUNCTION [return] [on HOST], or "
				       "step until NOTE in FUNCTION [on HOST]", false);
	}
	if (!strcmp(kw, "continue")) {
		if (*rest)
			return perr(p, p->line, "'continue' takes no arguments");
		return new_step(p, LESSON_CONTINUE) ? 0 : -1;
	}
	if (!strcmp(kw, "pause")) {
		if (!(s = new_step(p, LESSON_PAUSE)))
			return -1;
		s->text = *rest ? xstrdup(rest) : NULL;
		return 0;
	}
	if (!strcmp(kw, "question") || !strcmp(kw, "try")) {
		if (!*rest)
			return perr(p, p->line, "'%s' needs text", kw);
		if (!(s = new_step(p, *kw == 'q' ? LESSON_QUESTION : LESSON_TRY)))
			return -1;
		s->text = xstrdup(rest);
		p->asked = s;
		p->open = s;
		p->open_answer = false;
		return 0;
	}
	/* expect */
	if (!(s = new_step(p, LESSON_EXPECT)))
		return -1;
	s->text = xstrdup(rest);
	s->expect = lesson_expect_parse(rest, why, sizeof(why));
	if (!s->expect)
		return perr(p, p->line, "%s", why);
	return 0;
}

static int
parse_line(struct lesson_parser *p, char *line)
{
	size_t n = strlen(line);
	char kw[16];
	const char *rest;
	int k;

	while (n && (line[n - 1] == '\r' || line[n - 1] == ' ' || line[n - 1] == '\t'))
		line[--n] = '\0';
	for (const char *c = line; *c; c++)
		if ((unsigned char)*c < 0x20 && *c != '\t')
			return perr(p, p->line, "control character 0x%02x in the text",
				    (unsigned char)*c);
	if (!n) {			/* a blank line ends a paragraph */
		p->para = NULL;
		p->open = NULL;
		return 0;
	}
	if (line[0] == '#')
		return 0;
	if (line[0] == ' ' || line[0] == '\t') {
		const char *t = line + strspn(line, " \t");

		if (p->open) {		/* continuation of a question, answer or try */
			if (p->open_answer)
				append_text(&p->open->answer, t, " ");
			else
				append_text(&p->open->text, t, " ");
			return 0;
		}
		line = (char *)t;	/* indented narration */
	}
	k = (int)strcspn(line, " \t");
	snprintf(kw, sizeof(kw), "%.*s", k < 15 ? k : 15, line);
	if (k < 16 && lesson_word_index(keywords, kw) >= 0) {
		p->para = NULL;
		p->open = NULL;
		rest = line + k;
		rest += strspn(rest, " \t");
		return parse_directive(p, kw, rest);
	}
	if (check_answered(p))
		return -1;
	p->asked = NULL;
	p->open = NULL;
	if (p->para) {
		append_text(&p->para->text, line, " ");
		return 0;
	}
	if (!(p->para = new_step(p, LESSON_NARRATE)))
		return -1;
	p->para->text = xstrdup(line);
	return 0;
}

/* What every lesson must have, checked once the file is read. */
static int
parse_finish(struct lesson_parser *p)
{
	struct lesson *l = p->l;
	int last = p->line;

	if (check_answered(p))
		return -1;
	if (!l->title)
		return perr(p, 1, "no 'title' line");
	if (!l->summary)
		return perr(p, 1, "no 'summary' line (one line for --list-lessons)");
	if (!l->nkernel)
		return perr(p, 1, "no 'kernel' line: name the kernel files to open side by side");
	if (!l->lab)
		return perr(p, 1, "no 'lab yes|no ...' line: say whether it works on the TAP wire");
	for (int i = 0; i < l->nsteps; i++) {
		if (l->steps[i].kind != LESSON_TRY)
			continue;
		for (int j = i + 1; j < l->nsteps; j++)
			if (l->steps[j].kind != LESSON_NARRATE)
				return perr(p, l->steps[j].line, "'%s' after the closing 'try': the "
					    "exercise ends the lesson",
					    lesson_step_kind_name(l->steps[j].kind));
		return 0;
	}
	return perr(p, last, "no 'try' exercise at the end of the lesson");
}

struct lesson *
lesson_parse(const char *name, const char *text, char *err, size_t errlen)
{
	struct lesson_parser p = { .name = name, .err = err, .errlen = errlen };
	const char *s = text;
	char line[CONSOLE_MAX_LINE + 64];

	if (errlen)
		err[0] = '\0';
	p.l = calloc(1, sizeof(*p.l));
	if (!p.l)
		abort();
	p.l->path = xstrdup(name);
	while (*s) {
		size_t n = strcspn(s, "\n");

		p.line++;
		if (n >= sizeof(line)) {
			perr(&p, p.line, "line too long (max %zu bytes)", sizeof(line) - 1);
			goto fail;
		}
		memcpy(line, s, n);
		line[n] = '\0';
		if (memchr(s, '\0', n)) {
			perr(&p, p.line, "NUL byte in the text");
			goto fail;
		}
		if (parse_line(&p, line))
			goto fail;
		s += n;
		if (*s)
			s++;
	}
	if (parse_finish(&p))
		goto fail;
	return p.l;
fail:
	lesson_free(p.l);
	return NULL;
}

#define LESSON_MAX_FILE	(1 << 20)

struct lesson *
lesson_load(const char *path, char *err, size_t errlen)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	size_t n;
	struct lesson *l;

	if (!f) {
		snprintf(err, errlen, "%s: cannot open: %s", path, strerror(errno));
		return NULL;
	}
	buf = malloc(LESSON_MAX_FILE + 1);
	if (!buf)
		abort();
	n = fread(buf, 1, LESSON_MAX_FILE + 1, f);
	fclose(f);
	if (n > LESSON_MAX_FILE) {
		snprintf(err, errlen, "%s: larger than %d bytes", path, LESSON_MAX_FILE);
		free(buf);
		return NULL;
	}
	if (memchr(buf, '\0', n)) {
		size_t at = (char *)memchr(buf, '\0', n) - buf;
		int line = 1;

		for (size_t i = 0; i < at; i++)
			line += buf[i] == '\n';
		snprintf(err, errlen, "%s:%d: NUL byte in the text (not a lesson file?)", path,
			 line);
		free(buf);
		return NULL;
	}
	buf[n] = '\0';
	l = lesson_parse(path, buf, err, errlen);
	free(buf);
	return l;
}

void
lesson_free(struct lesson *l)
{
	if (!l)
		return;
	for (int i = 0; i < l->nsteps; i++) {
		free(l->steps[i].text);
		free(l->steps[i].answer);
		free(l->steps[i].expect);
	}
	for (int i = 0; i < l->nkernel; i++)
		free(l->kernel[i]);
	for (int i = 0; i < l->nnetstep; i++)
		free(l->netstep[i]);
	free(l->steps);
	free(l->path);
	free(l->title);
	free(l->summary);
	free(l->lab);
	free(l);
}

const struct lesson_step *
lesson_next(struct lesson *l)
{
	return l->cursor < l->nsteps ? &l->steps[l->cursor++] : NULL;
}

void
lesson_rewind(struct lesson *l)
{
	l->cursor = 0;
}

const char *
lesson_step_kind_name(enum lesson_step_kind kind)
{
	static const char *const names[] = {
		[LESSON_NARRATE] = "narration", [LESSON_RUN] = "$", [LESSON_BREAK] = "break",
		[LESSON_DELETE] = "delete", [LESSON_STEP_UNTIL] = "step until",
		[LESSON_CONTINUE] = "continue", [LESSON_PAUSE] = "pause",
		[LESSON_QUESTION] = "question", [LESSON_EXPECT] = "expect", [LESSON_TRY] = "try",
	};

	return (unsigned int)kind < ARRAY_SIZE(names) ? names[kind] : "?";
}
