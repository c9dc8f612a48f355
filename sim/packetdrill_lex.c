/*
 * sim/packetdrill_lex.c - the tokens of a packetdrill script, for the
 * parser (sim/packetdrill_parse.c).
 *
 * No kernel counterpart.  Tokens are what packetdrill's lexer makes of a
 * script: integers (3, 0x2), decimal seconds (.1, 0.100), words (socket,
 * S, mss, TCP_CA_Open), "strings", `commands`, %{ code }%, --name=value
 * options, "..." and any other single character; blanks and // and C
 * comments between them.  The parser looks at the current token and the
 * next one (pd_cur, pd_peek) and moves on with pd_next.  Everything is
 * bounded: a word is at most 64 characters, a number at most 2^40, a
 * time at most 10^6 s; an unterminated comment, string, command or code
 * block is an error at the line it starts on.
 */
#include "sim/packetdrill_priv.h"

#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

/* Record the first problem: "NAME:LINE: ..."; always false. */
bool
pd_err(struct pd_parser *ps, int line, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (ps->failed)
		return false;
	ps->failed = true;
	n = snprintf(ps->err, ps->errlen, "%s:%d: ", ps->name, line);
	if (n < 0 || (size_t)n >= ps->errlen)
		return false;
	va_start(ap, fmt);
	vsnprintf(ps->err + n, ps->errlen - n, fmt, ap);
	va_end(ap);
	return false;
}

static bool
pd_is_word(int c)
{
	return isalnum(c) || c == '_';
}

/* Skip blanks and comments; false (an error) on an unterminated comment. */
static bool
pd_skip(struct pd_parser *ps)
{
	for (;;) {
		while (ps->pos < ps->end && isspace((unsigned char)*ps->pos)) {
			if (*ps->pos == '\n')
				ps->line++;
			ps->pos++;
		}
		if (ps->end - ps->pos >= 2 && ps->pos[0] == '/' && ps->pos[1] == '/') {
			while (ps->pos < ps->end && *ps->pos != '\n')
				ps->pos++;
		} else if (ps->end - ps->pos >= 2 && ps->pos[0] == '/' && ps->pos[1] == '*') {
			int line = ps->line;

			ps->pos += 2;
			while (ps->end - ps->pos >= 2 && !(ps->pos[0] == '*' && ps->pos[1] == '/')) {
				if (*ps->pos == '\n')
					ps->line++;
				ps->pos++;
			}
			if (ps->end - ps->pos < 2)
				return pd_err(ps, line, "unterminated /* comment");
			ps->pos += 2;
		} else {
			return true;
		}
	}
}

/* Scan up to the closing @close (one or two characters), counting lines. */
static bool
pd_scan_to(struct pd_parser *ps, struct pd_token *t, const char *close, const char *what)
{
	size_t cl = strlen(close);

	t->p = ps->pos;
	while (ps->end - ps->pos >= (ptrdiff_t)cl && memcmp(ps->pos, close, cl)) {
		if (*ps->pos == '\\' && ps->end - ps->pos >= 2 && cl == 1)
			ps->pos++;	/* an escaped character, the closing one too */
		if (*ps->pos == '\n')
			ps->line++;
		ps->pos++;
	}
	if (ps->end - ps->pos < (ptrdiff_t)cl)
		return pd_err(ps, t->line, "unterminated %s", what);
	t->len = ps->pos - t->p;
	ps->pos += cl;
	return true;
}

/* Read one token into @t. */
bool
pd_lex(struct pd_parser *ps, struct pd_token *t)
{
	const char *p;

	memset(t, 0, sizeof(*t));
	if (!pd_skip(ps))
		return false;
	t->line = ps->line;
	p = ps->pos;
	if (p >= ps->end) {
		t->kind = T_EOF;
		return true;
	}
	if (ps->end - p >= 2 && p[0] == '%' && p[1] == '{') {
		t->kind = T_CODE;
		ps->pos += 2;
		return pd_scan_to(ps, t, "}%", "%{ block (no }%)");
	}
	if (*p == '`' || *p == '"') {
		t->kind = *p == '`' ? T_BACKQ : T_STRING;
		ps->pos++;
		return pd_scan_to(ps, t, *p == '`' ? "`" : "\"",
				  *p == '`' ? "`command`" : "string");
	}
	if (ps->end - p >= 3 && !memcmp(p, "...", 3)) {
		t->kind = T_ELLIPSIS;
		t->p = p;
		t->len = 3;
		ps->pos += 3;
		return true;
	}
	if (ps->end - p >= 3 && p[0] == '-' && p[1] == '-' && pd_is_word((unsigned char)p[2])) {
		t->kind = T_OPTION;
		t->p = p + 2;
		ps->pos = p + 2;
		while (ps->pos < ps->end && !isspace((unsigned char)*ps->pos))
			ps->pos++;
		t->len = ps->pos - t->p;
		return true;
	}
	if (isdigit((unsigned char)*p) || (*p == '.' && ps->end - p >= 2 &&
					    isdigit((unsigned char)p[1]))) {
		const char *q = p;
		bool hex = ps->end - p >= 3 && p[0] == '0' && (p[1] == 'x' || p[1] == 'X') &&
			   isxdigit((unsigned char)p[2]);

		if (hex)
			q += 2;
		while (q < ps->end && (hex ? isxdigit((unsigned char)*q) : isdigit((unsigned char)*q)))
			q++;
		if (!hex && q + 1 < ps->end && *q == '.' && isdigit((unsigned char)q[1])) {
			q++;
			while (q < ps->end && isdigit((unsigned char)*q))
				q++;
			t->kind = T_FLOAT;
		} else {
			char buf[24];
			char *e;

			if (q - p >= (ptrdiff_t)sizeof(buf))
				return pd_err(ps, t->line, "number too long");
			memcpy(buf, p, q - p);
			buf[q - p] = '\0';
			errno = 0;
			t->num = (s64)strtoull(buf, &e, hex ? 16 : 10);
			if (errno || *e || t->num < 0 || t->num > (1LL << 40))
				return pd_err(ps, t->line, "number out of range: %s", buf);
			t->kind = T_INT;
		}
		t->p = p;
		t->len = q - p;
		ps->pos = q;
		return true;
	}
	if (pd_is_word((unsigned char)*p)) {
		t->kind = T_WORD;
		t->p = p;
		while (ps->pos < ps->end && pd_is_word((unsigned char)*ps->pos))
			ps->pos++;
		t->len = ps->pos - p;
		if (t->len > 64)
			return pd_err(ps, t->line, "word too long");
		return true;
	}
	t->kind = T_CHAR;
	t->c = *p;
	t->p = p;
	t->len = 1;
	ps->pos++;
	return true;
}

struct pd_token *
pd_cur(struct pd_parser *ps)
{
	return &ps->tok[0];
}

struct pd_token *
pd_peek(struct pd_parser *ps)
{
	return &ps->tok[1];
}

/* Move on one token. */
bool
pd_next(struct pd_parser *ps)
{
	ps->tok[0] = ps->tok[1];
	if (ps->tok[0].kind == T_EOF)
		return !ps->failed;
	return pd_lex(ps, &ps->tok[1]);
}

bool
pd_tok_is(const struct pd_token *t, char c)
{
	return t->kind == T_CHAR && t->c == c;
}

bool
pd_tok_word(const struct pd_token *t, const char *w)
{
	return t->kind == T_WORD && t->len == strlen(w) && !memcmp(t->p, w, t->len);
}

/* A short quote of the token for messages: its first line, printable. */
const char *
pd_tokstr(const struct pd_token *t, char *buf, size_t len)
{
	size_t n = 0;

	if (t->kind == T_EOF)
		return "end of file";
	buf[0] = '\'';
	while (n < t->len && n < len - 3 && t->p[n] != '\n') {
		buf[n + 1] = isprint((unsigned char)t->p[n]) ? t->p[n] : '?';
		n++;
	}
	buf[n + 1] = '\'';
	buf[n + 2] = '\0';
	return buf;
}

bool
pd_expect_char(struct pd_parser *ps, char c, const char *where)
{
	char b[40];

	if (!pd_tok_is(pd_cur(ps), c))
		return pd_err(ps, pd_cur(ps)->line, "expected '%c' %s, found %s", c, where,
			      pd_tokstr(pd_cur(ps), b, sizeof(b)));
	return pd_next(ps);
}

/* An unsigned integer of at most @max. */
bool
pd_parse_uint(struct pd_parser *ps, s64 max, const char *what, s64 *v)
{
	char b[40];

	if (pd_cur(ps)->kind != T_INT)
		return pd_err(ps, pd_cur(ps)->line, "expected %s, found %s", what,
			      pd_tokstr(pd_cur(ps), b, sizeof(b)));
	if (pd_cur(ps)->num > max)
		return pd_err(ps, pd_cur(ps)->line, "%s %lld is out of range (0..%lld)", what,
			      (long long)pd_cur(ps)->num, (long long)max);
	*v = pd_cur(ps)->num;
	return pd_next(ps);
}

/* SECONDS: "2", "0.100", ".1" -> nanoseconds (exact, at most 1e6 s). */
bool
pd_parse_seconds(struct pd_parser *ps, s64 *ns)
{
	const struct pd_token *t = pd_cur(ps);
	s64 whole = 0, frac = 0, scale = NSEC_PER_SEC;
	size_t i = 0;

	if (t->kind != T_INT && t->kind != T_FLOAT) {
		char b[40];

		return pd_err(ps, t->line, "expected a time in seconds, found %s",
			      pd_tokstr(t, b, sizeof(b)));
	}
	for (; i < t->len && t->p[i] != '.'; i++) {
		whole = whole * 10 + (t->p[i] - '0');
		if (whole > 1000000)
			return pd_err(ps, t->line, "time too large (at most 1000000 s)");
	}
	if (i < t->len)		/* the fraction, to the nanosecond */
		for (i++; i < t->len; i++) {
			scale /= 10;
			frac += (t->p[i] - '0') * scale;
		}
	*ns = whole * NSEC_PER_SEC + frac;
	return pd_next(ps);
}

/* A copy of the token's text, NUL-terminated (NULL: out of memory). */
char *
pd_tokdup(const struct pd_token *t)
{
	char *s = malloc(t->len + 1);

	if (s) {
		memcpy(s, t->p, t->len);
		s[t->len] = '\0';
	}
	return s;
}
