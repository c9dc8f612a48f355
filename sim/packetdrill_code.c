/*
 * sim/packetdrill_code.c - the `%{ ... }%` blocks: assertions on the
 * connection's struct tcp_info, evaluated without Python.
 *
 * No kernel counterpart.  packetdrill hands these blocks to Python with
 * the tcpi_* fields of getsockopt(TCP_INFO) as variables; the scripts
 * use a small part of the language, and netstep evaluates that part
 * itself:
 *
 *	%{
 *	assert tcpi_ca_state == TCP_CA_Recovery, tcpi_ca_state
 *	assert tcpi_snd_cwnd == 7 and tcpi_snd_ssthresh == 7
 *	assert 95*1000 <= tcpi_rto <= 110*1000; assert tcpi_unacked == 10
 *	}%
 *
 * Statements: `assert TEST[, MESSAGE]`, one per line or separated by
 * ';' (a '\' at the end of a line continues it, '#' starts a comment).
 * TEST: integers, the tcpi_* fields of 3.10's struct tcp_info, the
 * TCP_CA_* state names, True/False, + - * / // % ** and unary -, the
 * comparisons == != < <= > >= (chained as in Python: a <= x <= b), and,
 * or, not, parentheses.  Numbers are computed as doubles, exact for the
 * 32-bit fields.  Anything else is refused when the script loads, with
 * the line it is on.  The fields come from tcp_get_info (layers/tcp.c).
 */
#include "sim/packetdrill_priv.h"
#include "layers/tcp.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#define PC_MAX_CHAIN	8	/* operands of one chained comparison */
#define PC_MAX_DEPTH	32	/* nesting of parentheses and operators */
#define PC_MAX_ASSERTS	256

/* ---- the fields ------------------------------------------------------------ */

#define PC_FIELD(name) \
	static double pc_get_##name(const struct tcp_info *i) { return i->name; }
PC_FIELD(tcpi_state) PC_FIELD(tcpi_ca_state) PC_FIELD(tcpi_retransmits)
PC_FIELD(tcpi_probes) PC_FIELD(tcpi_backoff) PC_FIELD(tcpi_options)
PC_FIELD(tcpi_snd_wscale) PC_FIELD(tcpi_rcv_wscale) PC_FIELD(tcpi_rto) PC_FIELD(tcpi_ato)
PC_FIELD(tcpi_snd_mss) PC_FIELD(tcpi_rcv_mss) PC_FIELD(tcpi_unacked) PC_FIELD(tcpi_sacked)
PC_FIELD(tcpi_lost) PC_FIELD(tcpi_retrans) PC_FIELD(tcpi_last_data_sent)
PC_FIELD(tcpi_last_ack_sent) PC_FIELD(tcpi_last_data_recv) PC_FIELD(tcpi_last_ack_recv)
PC_FIELD(tcpi_pmtu) PC_FIELD(tcpi_rcv_ssthresh) PC_FIELD(tcpi_rtt) PC_FIELD(tcpi_rttvar)
PC_FIELD(tcpi_snd_ssthresh) PC_FIELD(tcpi_snd_cwnd) PC_FIELD(tcpi_advmss)
PC_FIELD(tcpi_reordering) PC_FIELD(tcpi_rcv_rtt) PC_FIELD(tcpi_rcv_space)
PC_FIELD(tcpi_total_retrans)

/* 3.10's struct tcp_info, in its order.  tcpi_fackets is left out: netstep
 * has no FACK, so it would always read 0. */
static const struct {
	const char *name;
	double (*get)(const struct tcp_info *i);
} pc_fields[] = {
#define F(n) { #n, pc_get_##n }
	F(tcpi_state), F(tcpi_ca_state), F(tcpi_retransmits), F(tcpi_probes), F(tcpi_backoff),
	F(tcpi_options), F(tcpi_snd_wscale), F(tcpi_rcv_wscale), F(tcpi_rto), F(tcpi_ato),
	F(tcpi_snd_mss), F(tcpi_rcv_mss), F(tcpi_unacked), F(tcpi_sacked), F(tcpi_lost),
	F(tcpi_retrans), F(tcpi_last_data_sent), F(tcpi_last_ack_sent), F(tcpi_last_data_recv),
	F(tcpi_last_ack_recv), F(tcpi_pmtu), F(tcpi_rcv_ssthresh), F(tcpi_rtt), F(tcpi_rttvar),
	F(tcpi_snd_ssthresh), F(tcpi_snd_cwnd), F(tcpi_advmss), F(tcpi_reordering),
	F(tcpi_rcv_rtt), F(tcpi_rcv_space), F(tcpi_total_retrans),
#undef F
};

static const struct {
	const char *name;
	int value;
} pc_consts[] = {
	{ "TCP_CA_Open", TCP_CA_Open }, { "TCP_CA_Disorder", TCP_CA_Disorder },
	{ "TCP_CA_CWR", TCP_CA_CWR }, { "TCP_CA_Recovery", TCP_CA_Recovery },
	{ "TCP_CA_Loss", TCP_CA_Loss }, { "True", 1 }, { "False", 0 },
};

/* ---- the tree ------------------------------------------------------------- */

enum pc_op {
	PC_NUM, PC_FIELD_REF, PC_NEG, PC_NOT, PC_ADD, PC_SUB, PC_MUL, PC_DIV, PC_FLOORDIV,
	PC_MOD, PC_POW, PC_AND, PC_OR, PC_CHAIN,
};
enum pc_cmp { PC_LT, PC_LE, PC_GT, PC_GE, PC_EQ, PC_NE };

struct pc_node {
	enum pc_op op;
	double num;			/* NUM */
	int field;			/* FIELD_REF: index in pc_fields */
	struct pc_node *a, *b;		/* operands */
	int n;				/* CHAIN: operands */
	struct pc_node *chain[PC_MAX_CHAIN];
	enum pc_cmp cmp[PC_MAX_CHAIN - 1];
};

struct pc_assert {
	struct pc_node *test;
	struct pc_node *msg;		/* `, MESSAGE`, or NULL */
	char text[120];			/* the source, for the report */
	int line;			/* in the script */
};

struct pd_code {
	struct pc_assert *a;
	int n;
};

static void
pc_free(struct pc_node *x)
{
	if (!x)
		return;
	pc_free(x->a);
	pc_free(x->b);
	for (int i = 0; i < x->n; i++)
		pc_free(x->chain[i]);
	free(x);
}

/* ---- the tokens ------------------------------------------------------------ */

enum pc_tok { PT_END, PT_NEWLINE, PT_NUM, PT_NAME, PT_OP };

struct pc_lexer {
	const char *p;
	int line;			/* script line of p */
	int paren;			/* open parentheses: newlines are blanks inside */
	/* the current token */
	enum pc_tok kind;
	int tline;
	double num;
	char text[48];			/* NAME, OP ("<=", "//" ...) */
	char *err;
	size_t errlen;
	int *err_line;
	bool failed;
};

static bool
pc_err(struct pc_lexer *lx, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static bool
pc_err(struct pc_lexer *lx, const char *fmt, ...)
{
	va_list ap;

	if (lx->failed)
		return false;
	lx->failed = true;
	*lx->err_line = lx->tline;
	va_start(ap, fmt);
	vsnprintf(lx->err, lx->errlen, fmt, ap);
	va_end(ap);
	return false;
}

static bool
pc_next(struct pc_lexer *lx)
{
	static const char *const ops2[] = { "<=", ">=", "==", "!=", "//", "**" };
	const char *p = lx->p;

	for (;;) {
		while (*p == ' ' || *p == '\t' || *p == '\r' || (*p == '\n' && lx->paren)) {
			if (*p == '\n')
				lx->line++;
			p++;
		}
		if (*p == '#') {
			while (*p && *p != '\n')
				p++;
		} else if (*p == '\\' && p[1] == '\n') {
			p += 2;
			lx->line++;
		} else {
			break;
		}
	}
	lx->tline = lx->line;
	lx->text[0] = '\0';
	if (!*p) {
		lx->kind = PT_END;
	} else if (*p == '\n' || *p == ';') {
		if (*p == '\n')
			lx->line++;
		lx->kind = PT_NEWLINE;
		p++;
	} else if (isdigit((unsigned char)*p)) {
		char *end;
		unsigned long long v = strtoull(p, &end, 0);

		if (*end == '.' || isalpha((unsigned char)*end) || v > (1ULL << 53)) {
			lx->p = p;
			return pc_err(lx, "unsupported number (integers up to 2**53 only)");
		}
		lx->kind = PT_NUM;
		lx->num = (double)v;
		p = end;
	} else if (isalpha((unsigned char)*p) || *p == '_') {
		size_t n = 0;

		while ((isalnum((unsigned char)p[n]) || p[n] == '_') && n < sizeof(lx->text) - 1)
			n++;
		if (isalnum((unsigned char)p[n]) || p[n] == '_') {
			lx->p = p;
			return pc_err(lx, "name too long");
		}
		memcpy(lx->text, p, n);
		lx->text[n] = '\0';
		lx->kind = PT_NAME;
		p += n;
	} else {
		lx->kind = PT_OP;
		lx->text[0] = *p;
		lx->text[1] = '\0';
		for (size_t i = 0; i < ARRAY_SIZE(ops2); i++)
			if (p[0] == ops2[i][0] && p[1] == ops2[i][1])
				lx->text[1] = p[1];
		if (lx->text[1])
			lx->text[2] = '\0';
		p += strlen(lx->text);
		if (!strchr("()+-*/%<>=!,", lx->text[0]) || !strcmp(lx->text, "=") ||
		    !strcmp(lx->text, "!")) {
			lx->p = p;
			return pc_err(lx, "unsupported Python '%s' in %%{ }%% (netstep evaluates "
				      "assert TEST[, MESSAGE])", lx->text);
		}
		if (lx->text[0] == '(')
			lx->paren++;
		else if (lx->text[0] == ')' && lx->paren)
			lx->paren--;
	}
	lx->p = p;
	return true;
}

static bool
pc_is(const struct pc_lexer *lx, enum pc_tok kind, const char *text)
{
	return lx->kind == kind && !strcmp(lx->text, text);
}

static struct pc_node *
pc_node(struct pc_lexer *lx, enum pc_op op)
{
	struct pc_node *x = calloc(1, sizeof(*x));

	if (!x)
		pc_err(lx, "out of memory");
	else
		x->op = op;
	return x;
}

static struct pc_node *pc_test(struct pc_lexer *lx, int depth);

/* atom := NUMBER | NAME | "(" test ")" */
static struct pc_node *
pc_atom(struct pc_lexer *lx, int depth)
{
	struct pc_node *x;

	if (depth > PC_MAX_DEPTH) {
		pc_err(lx, "expression nested too deep");
		return NULL;
	}
	if (lx->kind == PT_NUM) {
		x = pc_node(lx, PC_NUM);
		if (x)
			x->num = lx->num;
		if (x && !pc_next(lx)) {
			pc_free(x);
			return NULL;
		}
		return x;
	}
	if (lx->kind == PT_NAME) {
		for (size_t i = 0; i < ARRAY_SIZE(pc_fields); i++) {
			if (strcmp(lx->text, pc_fields[i].name))
				continue;
			x = pc_node(lx, PC_FIELD_REF);
			if (x)
				x->field = (int)i;
			if (x && !pc_next(lx)) {
				pc_free(x);
				return NULL;
			}
			return x;
		}
		for (size_t i = 0; i < ARRAY_SIZE(pc_consts); i++) {
			if (strcmp(lx->text, pc_consts[i].name))
				continue;
			x = pc_node(lx, PC_NUM);
			if (x)
				x->num = pc_consts[i].value;
			if (x && !pc_next(lx)) {
				pc_free(x);
				return NULL;
			}
			return x;
		}
		if (!strcmp(lx->text, "tcpi_fackets"))
			pc_err(lx, "tcpi_fackets: netstep has no FACK, the field would always be 0");
		else if (!strncmp(lx->text, "tcpi_", 5))
			pc_err(lx, "%s: not a field of 3.10's struct tcp_info", lx->text);
		else
			pc_err(lx, "unknown name '%s' (tcpi_* fields, TCP_CA_* states, True, False)",
			       lx->text);
		return NULL;
	}
	if (pc_is(lx, PT_OP, "(")) {
		if (!pc_next(lx))
			return NULL;
		x = pc_test(lx, depth + 1);
		if (x && !pc_is(lx, PT_OP, ")")) {
			pc_err(lx, "expected ')'");
			pc_free(x);
			return NULL;
		}
		if (x && !pc_next(lx)) {
			pc_free(x);
			return NULL;
		}
		return x;
	}
	pc_err(lx, "expected a number, a tcpi_* field or '(' in %%{ }%%");
	return NULL;
}

static struct pc_node *pc_factor(struct pc_lexer *lx, int depth);

/* A binary node of @op over @a and what @next parses. */
static struct pc_node *
pc_binary(struct pc_lexer *lx, enum pc_op op, struct pc_node *a, int depth,
	  struct pc_node *(*next)(struct pc_lexer *, int))
{
	struct pc_node *x = pc_node(lx, op);

	if (!x || !pc_next(lx)) {
		pc_free(x);
		pc_free(a);
		return NULL;
	}
	x->a = a;
	x->b = next(lx, depth + 1);
	if (!x->b) {
		pc_free(x);
		return NULL;
	}
	return x;
}

/* power := atom ["**" factor] */
static struct pc_node *
pc_power(struct pc_lexer *lx, int depth)
{
	struct pc_node *x = pc_atom(lx, depth);

	if (x && pc_is(lx, PT_OP, "**"))
		return pc_binary(lx, PC_POW, x, depth, pc_factor);
	return x;
}

/* factor := ("-"|"+") factor | power */
static struct pc_node *
pc_factor(struct pc_lexer *lx, int depth)
{
	if (depth > PC_MAX_DEPTH) {
		pc_err(lx, "expression nested too deep");
		return NULL;
	}
	if (pc_is(lx, PT_OP, "-") || pc_is(lx, PT_OP, "+")) {
		bool neg = lx->text[0] == '-';
		struct pc_node *x;

		if (!pc_next(lx))
			return NULL;
		x = pc_factor(lx, depth + 1);
		if (x && neg) {
			struct pc_node *n = pc_node(lx, PC_NEG);

			if (!n) {
				pc_free(x);
				return NULL;
			}
			n->a = x;
			x = n;
		}
		return x;
	}
	return pc_power(lx, depth);
}

/* term := factor (("*"|"/"|"//"|"%") factor)* */
static struct pc_node *
pc_term(struct pc_lexer *lx, int depth)
{
	static const struct { const char *t; enum pc_op op; } ops[] = {
		{ "*", PC_MUL }, { "/", PC_DIV }, { "//", PC_FLOORDIV }, { "%", PC_MOD },
	};
	struct pc_node *x = pc_factor(lx, depth);

	while (x && lx->kind == PT_OP) {
		size_t i;

		for (i = 0; i < ARRAY_SIZE(ops) && strcmp(lx->text, ops[i].t); i++)
			;
		if (i == ARRAY_SIZE(ops))
			break;
		x = pc_binary(lx, ops[i].op, x, depth, pc_factor);
	}
	return x;
}

/* arith := term (("+"|"-") term)* */
static struct pc_node *
pc_arith(struct pc_lexer *lx, int depth)
{
	struct pc_node *x = pc_term(lx, depth);

	while (x && (pc_is(lx, PT_OP, "+") || pc_is(lx, PT_OP, "-")))
		x = pc_binary(lx, lx->text[0] == '+' ? PC_ADD : PC_SUB, x, depth, pc_term);
	return x;
}

/* comparison := arith (CMP arith)*: a chain as Python has it. */
static struct pc_node *
pc_comparison(struct pc_lexer *lx, int depth)
{
	static const char *const cmps[] = { "<", "<=", ">", ">=", "==", "!=" };
	struct pc_node *first = pc_arith(lx, depth), *chain;

	if (!first || lx->kind != PT_OP)
		return first;
	chain = pc_node(lx, PC_CHAIN);
	if (!chain) {
		pc_free(first);
		return NULL;
	}
	chain->chain[chain->n++] = first;
	for (;;) {
		size_t i;

		for (i = 0; i < ARRAY_SIZE(cmps) && !pc_is(lx, PT_OP, cmps[i]); i++)
			;
		if (lx->kind != PT_OP || i == ARRAY_SIZE(cmps))
			break;
		if (chain->n == PC_MAX_CHAIN) {
			pc_err(lx, "comparison chain too long");
			pc_free(chain);
			return NULL;
		}
		chain->cmp[chain->n - 1] = (enum pc_cmp)i;
		if (!pc_next(lx) || !(chain->chain[chain->n] = pc_arith(lx, depth + 1))) {
			pc_free(chain);
			return NULL;
		}
		chain->n++;
	}
	if (chain->n == 1) {		/* no comparison after all */
		chain->n = 0;
		pc_free(chain);
		return first;
	}
	return chain;
}

/* not_test := "not" not_test | comparison */
static struct pc_node *
pc_not(struct pc_lexer *lx, int depth)
{
	struct pc_node *x;

	if (depth > PC_MAX_DEPTH) {
		pc_err(lx, "expression nested too deep");
		return NULL;
	}
	if (!pc_is(lx, PT_NAME, "not"))
		return pc_comparison(lx, depth);
	x = pc_node(lx, PC_NOT);
	if (!x || !pc_next(lx) || !(x->a = pc_not(lx, depth + 1))) {
		pc_free(x);
		return NULL;
	}
	return x;
}

/* test := not_test (("and"|"or") not_test)*, and binding tighter than or. */
static struct pc_node *
pc_and(struct pc_lexer *lx, int depth)
{
	struct pc_node *x = pc_not(lx, depth);

	while (x && pc_is(lx, PT_NAME, "and"))
		x = pc_binary(lx, PC_AND, x, depth, pc_not);
	return x;
}

static struct pc_node *
pc_test(struct pc_lexer *lx, int depth)
{
	struct pc_node *x = pc_and(lx, depth);

	while (x && pc_is(lx, PT_NAME, "or"))
		x = pc_binary(lx, PC_OR, x, depth, pc_and);
	return x;
}

/* The source of one statement, for reports: from @from to the lexer. */
static void
pc_copy_text(char *dst, size_t len, const char *from, const char *to)
{
	size_t n = 0;

	while (from < to && (*from == ' ' || *from == '\t' || *from == '\n'))
		from++;
	for (; from < to && n + 1 < len; from++) {
		if (*from == '\n' || *from == ';' || *from == '#')
			break;
		if (*from == '\\')
			continue;
		dst[n++] = *from == '\t' ? ' ' : *from;
	}
	while (n && dst[n - 1] == ' ')
		n--;
	dst[n] = '\0';
}

void
pd_code_free(struct pd_code *c)
{
	if (!c)
		return;
	for (int i = 0; i < c->n; i++) {
		pc_free(c->a[i].test);
		pc_free(c->a[i].msg);
	}
	free(c->a);
	free(c);
}

struct pd_code *
pd_code_parse(const char *text, int line, int *err_line, char *err, size_t errlen)
{
	struct pc_lexer lx = { .p = text, .line = line, .err = err, .errlen = errlen,
			       .err_line = err_line };
	struct pd_code *c = calloc(1, sizeof(*c));

	if (!c || !(c->a = calloc(PC_MAX_ASSERTS, sizeof(*c->a)))) {
		free(c);
		*err_line = line;
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	if (!pc_next(&lx))
		goto fail;
	while (lx.kind != PT_END) {
		struct pc_assert *a;
		const char *from = lx.p;

		if (lx.kind == PT_NEWLINE) {
			if (!pc_next(&lx))
				goto fail;
			continue;
		}
		if (!pc_is(&lx, PT_NAME, "assert")) {
			pc_err(&lx, "unsupported Python '%s' in %%{ }%% (netstep evaluates "
			       "assert TEST[, MESSAGE] only)", lx.text[0] ? lx.text : "...");
			goto fail;
		}
		if (c->n == PC_MAX_ASSERTS) {
			pc_err(&lx, "more than %d asserts in one block", PC_MAX_ASSERTS);
			goto fail;
		}
		a = &c->a[c->n++];
		a->line = lx.tline;
		if (!pc_next(&lx) || !(a->test = pc_test(&lx, 0)))
			goto fail;
		if (pc_is(&lx, PT_OP, ",") && (!pc_next(&lx) || !(a->msg = pc_test(&lx, 0))))
			goto fail;
		memcpy(a->text, "assert ", 7);
		pc_copy_text(a->text + 7, sizeof(a->text) - 7, from, lx.p);
		if (lx.kind != PT_NEWLINE && lx.kind != PT_END) {
			pc_err(&lx, "unexpected '%s' after the assert", lx.text);
			goto fail;
		}
	}
	if (!c->n) {
		*err_line = line;
		snprintf(err, errlen, "empty %%{ }%% block (netstep evaluates assert lines)");
		goto out;
	}
	return c;
fail:
	if (!lx.failed)
		pc_err(&lx, "bad %%{ }%% block");
out:
	pd_code_free(c);
	return NULL;
}

/* ---- evaluation ------------------------------------------------------------ */

struct pc_env {
	const struct tcp_info *info;
	const char *zero_div;		/* set on a division by zero */
};

static double
pc_floor(double v)
{
	double t = (double)(long long)v;

	return t > v ? t - 1 : t;
}

static double
pc_eval(struct pc_env *env, const struct pc_node *x)
{
	double a, b;

	switch (x->op) {
	case PC_NUM:
		return x->num;
	case PC_FIELD_REF:
		return pc_fields[x->field].get(env->info);
	case PC_NEG:
		return -pc_eval(env, x->a);
	case PC_NOT:
		return !pc_eval(env, x->a);
	case PC_AND:
		return pc_eval(env, x->a) && pc_eval(env, x->b);
	case PC_OR:
		return pc_eval(env, x->a) || pc_eval(env, x->b);
	case PC_CHAIN:
		a = pc_eval(env, x->chain[0]);
		for (int i = 1; i < x->n; i++) {
			bool ok;

			b = pc_eval(env, x->chain[i]);
			switch (x->cmp[i - 1]) {
			case PC_LT: ok = a < b; break;
			case PC_LE: ok = a <= b; break;
			case PC_GT: ok = a > b; break;
			case PC_GE: ok = a >= b; break;
			case PC_EQ: ok = a == b; break;
			default: ok = a != b; break;
			}
			if (!ok)
				return 0;
			a = b;
		}
		return 1;
	default:
		break;
	}
	a = pc_eval(env, x->a);
	b = pc_eval(env, x->b);
	switch (x->op) {
	case PC_ADD: return a + b;
	case PC_SUB: return a - b;
	case PC_MUL: return a * b;
	case PC_POW: {
		double r = 1;

		if (b < 0 || b > 64 || b != pc_floor(b)) {
			env->zero_div = "exponent outside 0..64";
			return 0;
		}
		for (int i = 0; i < (int)b; i++)
			r *= a;
		return r;
	}
	default:
		break;
	}
	if (b == 0) {
		env->zero_div = "ZeroDivisionError";
		return 0;
	}
	if (x->op == PC_DIV)
		return a / b;
	if (x->op == PC_FLOORDIV)
		return pc_floor(a / b);
	return a - b * pc_floor(a / b);		/* PC_MOD, Python's sign rule */
}

/* Print @v as Python would print a number: an integer without ".0". */
static int
pc_print(char *buf, size_t len, double v)
{
	if (v == pc_floor(v) && v > -9e15 && v < 9e15)
		return snprintf(buf, len, "%lld", (long long)v);
	return snprintf(buf, len, "%g", v);
}

/* The fields a test names, with their values: "tcpi_snd_cwnd = 10". */
static size_t
pc_fields_used(const struct pc_node *x, const struct tcp_info *info, char *buf, size_t len,
	       size_t off, u64 *seen)
{
	if (!x || off >= len)
		return off;
	if (x->op == PC_FIELD_REF && !(*seen & (1ULL << x->field))) {
		int n;

		*seen |= 1ULL << x->field;
		n = snprintf(buf + off, len - off, "%s%s = ", off ? ", " : "",
			     pc_fields[x->field].name);
		if (n > 0 && off + n < len)
			off += n + pc_print(buf + off + n, len - off - n,
					    pc_fields[x->field].get(info));
		return off < len ? off : len;
	}
	off = pc_fields_used(x->a, info, buf, len, off, seen);
	off = pc_fields_used(x->b, info, buf, len, off, seen);
	for (int i = 0; i < x->n; i++)
		off = pc_fields_used(x->chain[i], info, buf, len, off, seen);
	return off;
}

int
pd_code_eval(const struct pd_code *c, const struct tcp_info *info, int *line, char *msg,
	     size_t len)
{
	for (int i = 0; i < c->n; i++) {
		const struct pc_assert *a = &c->a[i];
		struct pc_env env = { .info = info };
		char vals[256] = "", m[64] = "";
		u64 seen = 0;
		bool ok = pc_eval(&env, a->test) != 0;

		if (!env.zero_div && ok)
			continue;
		pc_fields_used(a->test, info, vals, sizeof(vals), 0, &seen);
		if (a->msg) {
			memcpy(m, "; AssertionError: ", 18);
			pc_print(m + 18, sizeof(m) - 18, pc_eval(&env, a->msg));
		}
		*line = a->line;
		if (env.zero_div)
			snprintf(msg, len, "%s in `%s`", env.zero_div, a->text);
		else
			snprintf(msg, len, "assertion failed: `%s` (%s%s)", a->text,
				 vals[0] ? vals : "no tcpi_* field", m);
		return 1;
	}
	return 0;
}
