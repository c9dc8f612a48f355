/*
 * sim/packetdrill_parse.c - read a packetdrill script into events.
 *
 * No kernel counterpart.  The grammar is packetdrill's (2013), as its
 * scripts use it; netstep's own lexer and recursive-descent parser:
 *
 *   script  := ("--name=value")* ["`command`"] event*
 *   event   := time action
 *   time    := ["+"] SECONDS | "*" | SECONDS "~" SECONDS | "+"SECONDS "~" "+"SECONDS
 *   action  := packet | ["..." SECONDS] syscall | "`command`" | "%{ python }%"
 *   packet  := ("<"|">") FLAGS SEQ:END(LEN) ["ack" N] ["win" N] ["<" options ">" | "<...>"]
 *            | ("<"|">") "[" SEQ:END(LEN) "]" "icmp" TYPE [CODE] ["mtu" N]
 *   syscall := NAME "(" [expr ("," expr)*] ")" "=" RESULT [ERRNO] ["(" note ")"]
 *   expr    := "..." | N | SYMBOL | "string" | [list] | {name=expr, ...} | f(args) | expr "|" expr
 *
 * SECONDS is an integer or a decimal ("0", ".1", "0.100"); FLAGS are
 * tcpdump's letters (S F R P, E W) and "." for ACK, or "-" for none.
 * Comments are // and C-style.  Everything is checked here that can be
 * (flags, option lengths, symbols, argument counts, time order), so a
 * script that loads has no line the runner cannot run; a problem is one
 * line "NAME:LINE: problem".  The tokens come from sim/packetdrill_lex.c.
 * The lexer and parser are bounded (input size, events, nesting,
 * numbers), so no input can crash or hang them (fuzz/fuzz_packetdrill.c).
 */
#include "sim/packetdrill_priv.h"
#include "layers/tcp.h"
#include "layers/ip.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

/* ---- packets ---------------------------------------------------------------- */

/* One TCP option into p->opts. */
static bool
parse_option(struct pd_parser *ps, struct pd_packet *p)
{
	u8 o[PD_MAX_OPTLEN];
	int n = 0, line = pd_cur(ps)->line;
	s64 v, w;
	char b[40];

	if (pd_tok_word(pd_cur(ps), "nop") || pd_tok_word(pd_cur(ps), "eol")) {
		o[n++] = pd_tok_word(pd_cur(ps), "nop") ? TCPOPT_NOP : TCPOPT_EOL;
		if (!pd_next(ps))
			return false;
	} else if (pd_tok_word(pd_cur(ps), "mss")) {
		if (!pd_next(ps) || !pd_parse_uint(ps, 65535, "an MSS", &v))
			return false;
		o[n++] = TCPOPT_MSS;
		o[n++] = TCPOLEN_MSS;
		o[n++] = v >> 8;
		o[n++] = v & 0xff;
	} else if (pd_tok_word(pd_cur(ps), "wscale")) {
		if (!pd_next(ps) || !pd_parse_uint(ps, 255, "a window scale", &v))
			return false;
		o[n++] = TCPOPT_WINDOW;
		o[n++] = TCPOLEN_WINDOW;
		o[n++] = v;
	} else if (pd_tok_word(pd_cur(ps), "sackOK")) {
		o[n++] = TCPOPT_SACK_PERM;
		o[n++] = TCPOLEN_SACK_PERM;
		if (!pd_next(ps))
			return false;
	} else if (pd_tok_word(pd_cur(ps), "sack")) {
		o[n++] = TCPOPT_SACK;
		o[n++] = TCPOLEN_SACK_BASE;
		if (!pd_next(ps))
			return false;
		while (pd_cur(ps)->kind == T_INT) {
			if (n + 8 > PD_MAX_OPTLEN)
				return pd_err(ps, line, "too many SACK blocks");
			if (!pd_parse_uint(ps, 0xffffffffLL, "a SACK block start", &v) ||
			    !pd_expect_char(ps, ':', "in a SACK block") ||
			    !pd_parse_uint(ps, 0xffffffffLL, "a SACK block end", &w))
				return false;
			for (int k = 3; k >= 0; k--)
				o[n++] = (u8)(v >> (8 * k));
			for (int k = 3; k >= 0; k--)
				o[n++] = (u8)(w >> (8 * k));
			o[1] += TCPOLEN_SACK_PERBLOCK;
		}
		if (o[1] == TCPOLEN_SACK_BASE)
			return pd_err(ps, line, "sack needs at least one block START:END");
	} else if (pd_tok_word(pd_cur(ps), "TS")) {
		if (!pd_next(ps) || !pd_tok_word(pd_cur(ps), "val"))
			return pd_err(ps, line, "expected TS val N ecr N");
		if (!pd_next(ps) || !pd_parse_uint(ps, 0xffffffffLL, "a TS val", &v))
			return false;
		if (!pd_tok_word(pd_cur(ps), "ecr"))
			return pd_err(ps, line, "expected TS val N ecr N");
		if (!pd_next(ps) || !pd_parse_uint(ps, 0xffffffffLL, "a TS ecr", &w))
			return false;
		o[n++] = TCPOPT_TIMESTAMP;
		o[n++] = TCPOLEN_TIMESTAMP;
		for (int k = 3; k >= 0; k--)
			o[n++] = (u8)(v >> (8 * k));
		for (int k = 3; k >= 0; k--)
			o[n++] = (u8)(w >> (8 * k));
	} else {
		return pd_err(ps, line, "unsupported TCP option %s (netstep knows nop, eol, mss, "
			      "wscale, sackOK, sack, TS val ecr)", pd_tokstr(pd_cur(ps), b, sizeof(b)));
	}
	if (p->optlen + n > PD_MAX_OPTLEN)
		return pd_err(ps, line, "TCP options longer than %d bytes", PD_MAX_OPTLEN);
	memcpy(p->opts + p->optlen, o, n);
	p->optlen += n;
	return true;
}

/* "<" options ">" or "<...>", the "<" already taken. */
static bool
parse_options(struct pd_parser *ps, struct pd_packet *p)
{
	int line = pd_cur(ps)->line;

	if (pd_cur(ps)->kind == T_ELLIPSIS) {
		if (p->inbound)
			return pd_err(ps, line, "<...> (any options) is for outbound packets only");
		p->opts_any = true;
		return pd_next(ps) && pd_expect_char(ps, '>', "after <...");
	}
	for (;;) {
		if (!parse_option(ps, p))
			return false;
		if (pd_tok_is(pd_cur(ps), '>'))
			break;
		if (!pd_expect_char(ps, ',', "between TCP options"))
			return false;
	}
	if (p->optlen % 4)
		return pd_err(ps, line, "TCP options are not padded correctly to ensure TCP header "
			      "is a multiple of 4 bytes: %d excess bytes", p->optlen % 4);
	return pd_next(ps);
}

/* SEQ:END(LEN), consistent. */
static bool
parse_seq(struct pd_parser *ps, struct pd_packet *p)
{
	int line = pd_cur(ps)->line;
	s64 a, b, len;

	if (!pd_parse_uint(ps, 0xffffffffLL, "a sequence number", &a) ||
	    !pd_expect_char(ps, ':', "in START:END(LEN)") ||
	    !pd_parse_uint(ps, 0xffffffffLL, "an end sequence number", &b) ||
	    !pd_expect_char(ps, '(', "in START:END(LEN)") ||
	    !pd_parse_uint(ps, PD_MAX_PAYLOAD, "a payload length", &len) ||
	    !pd_expect_char(ps, ')', "in START:END(LEN)"))
		return false;
	if ((u32)(a + len) != (u32)b)
		return pd_err(ps, line, "inconsistent sequence numbers: %lld:%lld is not %lld bytes",
			      (long long)a, (long long)b, (long long)len);
	p->seq = (u32)a;
	p->len = (u32)len;
	return true;
}

/* tcpdump's flag letters, "." for ACK. */
static bool
parse_flags(struct pd_parser *ps, struct pd_packet *p)
{
	static const char letters[] = "FSRPEW";
	static const u8 bits[] = { TCPHDR_FIN, TCPHDR_SYN, TCPHDR_RST, TCPHDR_PSH, TCPHDR_ECE,
				   TCPHDR_CWR };
	const struct pd_token *t = pd_cur(ps);
	char b[40];

	if (pd_tok_is(t, '-'))
		return pd_next(ps);
	if (t->kind == T_WORD) {
		for (size_t i = 0; i < t->len; i++) {
			const char *c = strchr(letters, t->p[i]);

			if (!c)
				return pd_err(ps, t->line, "Invalid TCP flag: '%c'", t->p[i]);
			p->flags |= bits[c - letters];
		}
		if (!pd_next(ps))
			return false;
	} else if (!pd_tok_is(t, '.')) {
		return pd_err(ps, t->line, "expected TCP flags (S, S., ., P., F., R ...), found %s",
			      pd_tokstr(t, b, sizeof(b)));
	}
	if (pd_tok_is(pd_cur(ps), '.')) {
		p->flags |= TCPHDR_ACK;
		return pd_next(ps);
	}
	return true;
}

/* The ICMP errors an inbound packet can be: type and code names. */
static const struct {
	const char *type, *code;
	u8 t, c;
} pd_icmp_names[] = {
	{ "unreachable", "net_unreachable", ICMP_DEST_UNREACH, ICMP_NET_UNREACH },
	{ "unreachable", "host_unreachable", ICMP_DEST_UNREACH, ICMP_HOST_UNREACH },
	{ "unreachable", "protocol_unreachable", ICMP_DEST_UNREACH, ICMP_PROT_UNREACH },
	{ "unreachable", "port_unreachable", ICMP_DEST_UNREACH, ICMP_PORT_UNREACH },
	{ "unreachable", "frag_needed", ICMP_DEST_UNREACH, ICMP_FRAG_NEEDED },
	{ "unreachable", "source_route_failed", ICMP_DEST_UNREACH, ICMP_SR_FAILED },
	{ "time_exceeded", NULL, ICMP_TIME_EXCEEDED, 0 },
};

bool
pd_icmp_name(u8 type, u8 code, const char **tname, const char **cname)
{
	for (size_t i = 0; i < ARRAY_SIZE(pd_icmp_names); i++)
		if (pd_icmp_names[i].t == type && pd_icmp_names[i].c == code) {
			*tname = pd_icmp_names[i].type;
			*cname = pd_icmp_names[i].code;
			return true;
		}
	return false;
}

/* icmp TYPE [CODE] [mtu N], the quoted segment already in @p. */
static bool
parse_icmp(struct pd_parser *ps, struct pd_packet *p)
{
	int line = pd_cur(ps)->line;
	char type[72] = "", code[72] = "";

	if (!p->inbound)
		return pd_err(ps, line, "outbound ICMP is not supported (netstep checks the TCP "
			      "segments the stack sends)");
	p->proto = PD_PKT_ICMP;
	if (!pd_next(ps))
		return false;
	if (pd_cur(ps)->kind != T_WORD)
		return pd_err(ps, line, "expected an ICMP type after icmp");
	memcpy(type, pd_cur(ps)->p, pd_cur(ps)->len);
	if (!pd_next(ps))
		return false;
	if (pd_cur(ps)->kind == T_WORD && !pd_tok_word(pd_cur(ps), "mtu")) {
		memcpy(code, pd_cur(ps)->p, pd_cur(ps)->len);
		if (!pd_next(ps))
			return false;
	}
	for (size_t i = 0; i < ARRAY_SIZE(pd_icmp_names); i++) {
		if (strcmp(type, pd_icmp_names[i].type))
			continue;
		if (pd_icmp_names[i].code ? strcmp(code, pd_icmp_names[i].code) : code[0] != '\0')
			continue;
		p->icmp_type = pd_icmp_names[i].t;
		p->icmp_code = pd_icmp_names[i].c;
		p->icmp_mtu = -1;
		if (pd_tok_word(pd_cur(ps), "mtu")) {
			s64 mtu;

			if (!pd_next(ps) || !pd_parse_uint(ps, 65535, "an MTU", &mtu))
				return false;
			p->icmp_mtu = (s32)mtu;
		}
		return true;
	}
	return pd_err(ps, line, "unsupported ICMP '%s%s%s' (netstep sends: unreachable "
		      "net_unreachable|host_unreachable|protocol_unreachable|port_unreachable|"
		      "frag_needed|source_route_failed, time_exceeded)", type, code[0] ? " " : "",
		      code);
}

static bool
parse_packet(struct pd_parser *ps, struct pd_event *e)
{
	struct pd_packet *p = &e->pkt;
	int line = pd_cur(ps)->line;
	bool quoted = false;
	s64 v;

	e->kind = PD_EV_PACKET;
	p->inbound = pd_tok_is(pd_cur(ps), '<');
	p->win = -1;
	if (!pd_next(ps))
		return false;
	if (pd_tok_is(pd_cur(ps), '[')) {
		if (!pd_next(ps))
			return false;
		if (pd_cur(ps)->kind == T_WORD)
			return pd_err(ps, line, "IP ECN marks ([ect0], [ce] ...) are not supported: "
				      "netstep does not model ECN");
		if (!parse_seq(ps, p) || !pd_expect_char(ps, ']', "after the quoted segment"))
			return false;
		quoted = true;
	}
	if (pd_tok_word(pd_cur(ps), "icmp"))
		return parse_icmp(ps, p);
	if (quoted)
		return pd_err(ps, line, "a quoted [segment] goes with icmp");
	if (pd_tok_word(pd_cur(ps), "udp"))
		return pd_err(ps, line, "UDP packets are not supported (netstep runs TCP scripts)");
	if (!parse_flags(ps, p) || !parse_seq(ps, p))
		return false;
	if (pd_tok_word(pd_cur(ps), "ack")) {
		if (!pd_next(ps) || !pd_parse_uint(ps, 0xffffffffLL, "an ACK number", &v))
			return false;
		p->has_ack = true;
		p->ack = (u32)v;
	}
	if (pd_tok_word(pd_cur(ps), "win")) {
		if (!pd_next(ps) || !pd_parse_uint(ps, 65535, "a window", &v))
			return false;
		p->win = (s32)v;
	}
	if (pd_tok_is(pd_cur(ps), '<') && (!pd_next(ps) || !parse_options(ps, p)))
		return false;
	if (p->inbound && p->win < 0)
		return pd_err(ps, line, "window must be specified for inbound packets");
	if (!(p->flags & TCPHDR_ACK) && p->has_ack && p->inbound)
		return pd_err(ps, line, "'ack %u' without the ACK flag '.'", p->ack);
	return true;
}

/* ---- system call arguments ------------------------------------------------- */

static void
pd_expr_free(struct pd_expr *x)
{
	while (x) {
		struct pd_expr *next = x->next;

		pd_expr_free(x->kids);
		free(x->str);
		free(x->field);
		free(x);
		x = next;
	}
}

static struct pd_expr *parse_expr(struct pd_parser *ps, int depth);

/* expr ("," expr)* up to @close (which is taken). */
static bool
parse_list(struct pd_parser *ps, char close, int depth, bool members, struct pd_expr **out,
	   int *count)
{
	struct pd_expr **tail = out;
	int n = 0;

	*out = NULL;
	if (pd_tok_is(pd_cur(ps), close))
		goto done;
	for (;;) {
		char *field = NULL;
		struct pd_expr *x;

		if (members && pd_cur(ps)->kind == T_WORD && pd_tok_is(pd_peek(ps), '=')) {
			field = pd_tokdup(pd_cur(ps));
			if (!field || !pd_next(ps) || !pd_next(ps)) {
				free(field);
				return pd_err(ps, pd_cur(ps)->line, "out of memory");
			}
		}
		x = parse_expr(ps, depth + 1);
		if (!x) {
			free(field);
			return false;
		}
		x->field = field;
		*tail = x;
		tail = &x->next;
		if (++n > 64)
			return pd_err(ps, pd_cur(ps)->line, "too many elements in a list");
		if (pd_tok_is(pd_cur(ps), close))
			break;
		if (!pd_expect_char(ps, ',', "between arguments"))
			return false;
	}
done:
	if (count)
		*count = n;
	return pd_next(ps);
}

static struct pd_expr *
pd_expr_new(struct pd_parser *ps, enum pd_expr_kind kind)
{
	struct pd_expr *x = calloc(1, sizeof(*x));

	if (!x)
		pd_err(ps, pd_cur(ps)->line, "out of memory");
	else
		x->kind = kind;
	return x;
}

/* One term: ..., N, -N, SYMBOL, f(args), "s", [list], {members}. */
static struct pd_expr *
parse_term(struct pd_parser *ps, int depth)
{
	const struct pd_token *t = pd_cur(ps);
	struct pd_expr *x;
	char b[72];

	if (depth > PD_MAX_DEPTH) {
		pd_err(ps, t->line, "arguments nested too deep");
		return NULL;
	}
	if (t->kind == T_ELLIPSIS) {
		x = pd_expr_new(ps, PD_X_ELLIPSIS);
		if (x && !pd_next(ps))
			goto fail;
		return x;
	}
	if (t->kind == T_INT || (pd_tok_is(t, '-') && pd_peek(ps)->kind == T_INT)) {
		bool neg = pd_tok_is(t, '-');

		if (neg && !pd_next(ps))
			return NULL;
		x = pd_expr_new(ps, PD_X_INT);
		if (!x)
			return NULL;
		x->num = neg ? -pd_cur(ps)->num : pd_cur(ps)->num;
		if (!pd_next(ps))
			goto fail;
		return x;
	}
	if (t->kind == T_STRING) {
		x = pd_expr_new(ps, PD_X_STRING);
		if (!x)
			return NULL;
		x->str = pd_tokdup(t);
		if (!x->str || !pd_next(ps))
			goto fail;
		if (pd_cur(ps)->kind == T_ELLIPSIS && !pd_next(ps))	/* "abc"... */
			goto fail;
		return x;
	}
	if (pd_tok_is(t, '[') || pd_tok_is(t, '{')) {
		char close = pd_tok_is(t, '[') ? ']' : '}';

		x = pd_expr_new(ps, close == ']' ? PD_X_LIST : PD_X_STRUCT);
		if (!x)
			return NULL;
		if (!pd_next(ps) || !parse_list(ps, close, depth, close == '}', &x->kids, NULL))
			goto fail;
		return x;
	}
	if (t->kind == T_WORD) {
		bool call = pd_tok_is(pd_peek(ps), '(');

		x = pd_expr_new(ps, call ? PD_X_CALL : PD_X_SYMBOL);
		if (!x)
			return NULL;
		x->str = pd_tokdup(t);
		if (!x->str)
			goto fail;
		if (call) {
			if (strcmp(x->str, "htons") && strcmp(x->str, "inet_addr")) {
				pd_err(ps, t->line, "unsupported function '%s' in an argument "
				       "(netstep knows htons() and inet_addr())", x->str);
				goto fail;
			}
			if (!pd_next(ps) || !pd_next(ps) ||
			    !parse_list(ps, ')', depth, false, &x->kids, NULL))
				goto fail;
			return x;
		}
		if (!pd_symbol(x->str, &x->num)) {
			pd_err(ps, t->line, "unknown symbol '%s'", x->str);
			goto fail;
		}
		if (!pd_next(ps))
			goto fail;
		return x;
	}
	pd_err(ps, t->line, "expected an argument, found %s", pd_tokstr(t, b, sizeof(b)));
	return NULL;
fail:
	pd_expr_free(x);
	return NULL;
}

/* term ("|" term)*: an or of numbers and symbols, its value computed now. */
static struct pd_expr *
parse_expr(struct pd_parser *ps, int depth)
{
	struct pd_expr *x = parse_term(ps, depth), *or, **tail;
	int line = pd_cur(ps)->line;

	if (!x || !pd_tok_is(pd_cur(ps), '|'))
		return x;
	or = pd_expr_new(ps, PD_X_OR);
	if (!or) {
		pd_expr_free(x);
		return NULL;
	}
	or->kids = x;
	tail = &x->next;
	for (;;) {
		if (x->kind != PD_X_INT && x->kind != PD_X_SYMBOL) {
			pd_err(ps, line, "'|' joins numbers and symbols only");
			pd_expr_free(or);
			return NULL;
		}
		or->num |= x->num;
		if (!pd_tok_is(pd_cur(ps), '|'))
			return or;
		if (!pd_next(ps))
			break;
		x = parse_term(ps, depth);
		if (!x)
			break;
		*tail = x;
		tail = &x->next;
	}
	pd_expr_free(or);
	return NULL;
}

/* "(" words ")" after a result: packetdrill's free-text note. */
static bool
skip_note(struct pd_parser *ps)
{
	int line = pd_cur(ps)->line;

	if (!pd_next(ps))
		return false;
	for (int n = 0; !pd_tok_is(pd_cur(ps), ')'); n++) {
		if (pd_cur(ps)->kind == T_EOF || n > 64)
			return pd_err(ps, line, "unterminated (note) after a result");
		if (!pd_next(ps))
			return false;
	}
	return pd_next(ps);
}

static bool
parse_syscall(struct pd_parser *ps, struct pd_event *e)
{
	struct pd_syscall *c = &e->call;
	int line = pd_cur(ps)->line;
	char why[400];
	s64 v;
	bool neg;

	e->kind = PD_EV_SYSCALL;
	c->name = pd_tokdup(pd_cur(ps));
	if (!c->name)
		return pd_err(ps, line, "out of memory");
	if (!pd_next(ps) || !pd_expect_char(ps, '(', "after the system call's name") ||
	    !parse_list(ps, ')', 0, false, &c->args, &c->nargs))
		return false;
	c->def = pd_syscall_find(c->name, c->nargs, why, sizeof(why));
	if (!c->def || pd_syscall_validate(c, why, sizeof(why)))
		return pd_err(ps, line, "%s", why);
	if (!pd_expect_char(ps, '=', "after the system call (= RESULT)"))
		return false;
	neg = pd_tok_is(pd_cur(ps), '-');
	if (neg && !pd_next(ps))
		return false;
	if (!pd_parse_uint(ps, 0xffffffffLL, "the result", &v))
		return false;
	c->result = neg ? -v : v;
	if (pd_cur(ps)->kind == T_WORD) {
		char name[72] = "";
		s64 err;

		memcpy(name, pd_cur(ps)->p, pd_cur(ps)->len);
		if (!pd_symbol(name, &err) || !pd_errno_name((int)err))
			return pd_err(ps, line, "unknown errno '%s'", name);
		c->err = (int)err;
		if (!pd_next(ps))
			return false;
	}
	if (pd_tok_is(pd_cur(ps), '(') && !skip_note(ps))
		return false;
	return true;
}

/* ---- events ------------------------------------------------------------------ */

static bool
parse_time(struct pd_parser *ps, struct pd_event *e)
{
	bool rel;

	e->line = pd_cur(ps)->line;
	if (pd_tok_is(pd_cur(ps), '*')) {
		e->time_type = PD_TIME_ANY;
		return pd_next(ps);
	}
	rel = pd_tok_is(pd_cur(ps), '+');
	if (rel && !pd_next(ps))
		return false;
	if (!pd_parse_seconds(ps, &e->t_ns))
		return false;
	e->time_type = rel ? PD_TIME_REL : PD_TIME_ABS;
	if (!pd_tok_is(pd_cur(ps), '~'))
		return true;
	if (!pd_next(ps))
		return false;
	if (rel && !pd_expect_char(ps, '+', "in a relative range +A~+B"))
		return false;
	if (!rel && pd_tok_is(pd_cur(ps), '+'))
		return pd_err(ps, e->line, "a range is A~B or +A~+B");
	if (!pd_parse_seconds(ps, &e->t_end_ns))
		return false;
	if (e->t_end_ns < e->t_ns)
		return pd_err(ps, e->line, "time range ends before it starts");
	e->time_type = rel ? PD_TIME_REL_RANGE : PD_TIME_ABS_RANGE;
	return true;
}

static bool
parse_action(struct pd_parser *ps, struct pd_event *e)
{
	struct pd_token *t = pd_cur(ps);
	char b[40];

	if (t->kind == T_ELLIPSIS) {
		if (!pd_next(ps) || !pd_parse_seconds(ps, &e->call.end_ns))
			return false;
		if (pd_cur(ps)->kind != T_WORD || !pd_tok_is(pd_peek(ps), '('))
			return pd_err(ps, e->line, "'...' END goes before a system call");
		e->call.blocking = true;
		return parse_syscall(ps, e);
	}
	if (pd_tok_is(t, '<') || pd_tok_is(t, '>'))
		return parse_packet(ps, e);
	if (t->kind == T_WORD && pd_tok_is(pd_peek(ps), '('))
		return parse_syscall(ps, e);
	if (t->kind == T_BACKQ) {
		e->kind = PD_EV_SHELL;
		e->shell = pd_tokdup(t);
		return e->shell ? pd_next(ps) : pd_err(ps, e->line, "out of memory");
	}
	if (t->kind == T_CODE) {
		char *text = pd_tokdup(t);
		int eline = t->line;
		char why[200];

		if (!text)
			return pd_err(ps, e->line, "out of memory");
		e->kind = PD_EV_CODE;
		e->code = pd_code_parse(text, t->line, &eline, why, sizeof(why));
		free(text);
		if (!e->code)
			return pd_err(ps, eline, "%s", why);
		return pd_next(ps);
	}
	return pd_err(ps, t->line, "expected a packet (< or >), a system call, a `command` or "
		      "%%{ %%} after the time, found %s", pd_tokstr(t, b, sizeof(b)));
}

static struct pd_event *
new_event(struct pd_parser *ps)
{
	struct pd_script *s = ps->s;
	struct pd_event *ev;

	if (s->nev >= PD_MAX_EVENTS) {
		pd_err(ps, pd_cur(ps)->line, "more than %d events", PD_MAX_EVENTS);
		return NULL;
	}
	if (!(s->nev & (s->nev - 1)) || !s->ev) {	/* grow at powers of two */
		size_t cap = s->nev ? 2 * (size_t)s->nev : 16;

		ev = realloc(s->ev, cap * sizeof(*ev));
		if (!ev) {
			pd_err(ps, pd_cur(ps)->line, "out of memory");
			return NULL;
		}
		s->ev = ev;
	}
	ev = &s->ev[s->nev++];
	memset(ev, 0, sizeof(*ev));
	return ev;
}

/* What packetdrill checks of the times once all are read. */
static bool
check_times(struct pd_parser *ps)
{
	const struct pd_script *s = ps->s;
	s64 last_abs = -1;

	for (int i = 0; i < s->nev; i++) {
		const struct pd_event *e = &s->ev[i];
		bool range = e->time_type == PD_TIME_ABS_RANGE || e->time_type == PD_TIME_REL_RANGE;

		if (i == 0 && (e->time_type == PD_TIME_ANY || range || e->t_ns))
			return pd_err(ps, e->line, "first event should be at time 0");
		if (range && !(e->kind == PD_EV_PACKET && !e->pkt.inbound))
			return pd_err(ps, e->line, "time ranges can only be used with outbound "
				      "packets");
		if (e->kind == PD_EV_SYSCALL && e->call.blocking && e->time_type == PD_TIME_ANY)
			return pd_err(ps, e->line, "a blocking call '...' needs a start time");
		if (e->time_type == PD_TIME_ABS || e->time_type == PD_TIME_ABS_RANGE) {
			if (e->t_ns < last_abs)
				return pd_err(ps, e->line, "time goes backward in script from %lld usec "
					      "to %lld usec", (long long)(last_abs / PD_NS_PER_US),
					      (long long)(e->t_ns / PD_NS_PER_US));
			last_abs = e->t_ns;
		}
	}
	return true;
}

static bool
parse_script(struct pd_parser *ps)
{
	while (pd_cur(ps)->kind == T_OPTION) {
		struct pd_option *o;
		const char *eq;
		bool has_eq;

		/* The count first: a realloc that succeeded has moved the
		 * array, and the script must keep the new one. */
		if (ps->s->nopts >= 64)
			return pd_err(ps, pd_cur(ps)->line, "too many options");
		o = realloc(ps->s->opts, (ps->s->nopts + 1) * sizeof(*o));
		if (!o)
			return pd_err(ps, pd_cur(ps)->line, "out of memory");
		ps->s->opts = o;
		o = &o[ps->s->nopts++];
		memset(o, 0, sizeof(*o));
		o->line = pd_cur(ps)->line;
		eq = memchr(pd_cur(ps)->p, '=', pd_cur(ps)->len);
		has_eq = eq != NULL;
		if (!eq)	/* a flag: --strict_segments */
			eq = pd_cur(ps)->p + pd_cur(ps)->len;
		o->name = strndup(pd_cur(ps)->p, eq - pd_cur(ps)->p);
		o->value = strndup(eq + has_eq, pd_cur(ps)->p + pd_cur(ps)->len - eq - has_eq);
		if (!o->name || !o->value)
			return pd_err(ps, o->line, "out of memory");
		if (!pd_next(ps))
			return false;
	}
	if (pd_cur(ps)->kind == T_BACKQ) {		/* the init command: at time 0 */
		struct pd_event *e = new_event(ps);

		if (!e)
			return false;
		e->line = pd_cur(ps)->line;
		e->time_type = PD_TIME_ABS;
		if (!parse_action(ps, e))
			return false;
	}
	while (pd_cur(ps)->kind != T_EOF) {
		struct pd_event *e;

		if (pd_cur(ps)->kind == T_OPTION)
			return pd_err(ps, pd_cur(ps)->line, "options (--name=value) go at the top");
		e = new_event(ps);
		if (!e || !parse_time(ps, e) || !parse_action(ps, e))
			return false;
	}
	if (!ps->s->nev)
		return pd_err(ps, ps->line, "the script has no events");
	return check_times(ps);
}

struct pd_script *
pd_parse(const char *name, const char *text, size_t len, char *err, size_t errlen)
{
	struct pd_parser ps = {
		.name = name, .text = text, .end = text + len, .pos = text, .line = 1,
		.err = err, .errlen = errlen,
	};

	if (errlen)
		err[0] = '\0';
	ps.s = calloc(1, sizeof(*ps.s));
	if (!ps.s || !(ps.s->name = strdup(name))) {
		snprintf(err, errlen, "%s: out of memory", name);
		pd_free(ps.s);
		return NULL;
	}
	if (len > PD_MAX_SCRIPT) {
		snprintf(err, errlen, "%s: larger than %d bytes", name, PD_MAX_SCRIPT);
		pd_free(ps.s);
		return NULL;
	}
	if (memchr(text, '\0', len)) {
		snprintf(err, errlen, "%s: not a text file (NUL byte)", name);
		pd_free(ps.s);
		return NULL;
	}
	/* Not strndup: the text need not end in a NUL (ASan's strndup
	 * reads one byte past @len looking for it). */
	ps.s->text = malloc(len + 1);
	if (ps.s->text) {
		memcpy(ps.s->text, text, len);
		ps.s->text[len] = '\0';
	}
	if (!ps.s->text) {
		snprintf(err, errlen, "%s: out of memory", name);
		pd_free(ps.s);
		return NULL;
	}
	ps.s->len = len;
	/* Tokens point into the copy, which ends in a NUL: what reads them
	 * as strings (strndup, strtoll) stops there, never past @text. */
	ps.text = ps.pos = ps.s->text;
	ps.end = ps.s->text + len;
	if (pd_lex(&ps, &ps.tok[0]) && (ps.tok[0].kind == T_EOF || pd_lex(&ps, &ps.tok[1])) &&
	    parse_script(&ps) && !ps.failed)
		return ps.s;
	if (!ps.failed)
		pd_err(&ps, ps.line, "bad script");
	pd_free(ps.s);
	return NULL;
}

struct pd_script *
pd_load(const char *path, char *err, size_t errlen)
{
	FILE *f = fopen(path, "rb");
	struct pd_script *s;
	char *buf;
	size_t n;

	if (!f) {
		snprintf(err, errlen, "%s: cannot open: %s", path, strerror(errno));
		return NULL;
	}
	buf = malloc(PD_MAX_SCRIPT + 1);
	if (!buf) {
		fclose(f);
		snprintf(err, errlen, "%s: out of memory", path);
		return NULL;
	}
	n = fread(buf, 1, PD_MAX_SCRIPT + 1, f);
	if (ferror(f)) {
		snprintf(err, errlen, "%s: cannot read", path);
		s = NULL;
	} else {
		s = pd_parse(path, buf, n, err, errlen);
	}
	fclose(f);
	free(buf);
	return s;
}

void
pd_free(struct pd_script *s)
{
	if (!s)
		return;
	for (int i = 0; i < s->nev; i++) {
		struct pd_event *e = &s->ev[i];

		free(e->call.name);
		pd_expr_free(e->call.args);
		free(e->shell);
		pd_code_free(e->code);
	}
	for (int i = 0; i < s->nopts; i++) {
		free(s->opts[i].name);
		free(s->opts[i].value);
	}
	free(s->opts);
	free(s->ev);
	free(s->text);
	free(s->name);
	free(s);
}

int
pd_script_lines(const struct pd_script *s)
{
	return s->nev;
}

int
pd_script_line(const struct pd_script *s, int i)
{
	return i >= 0 && i < s->nev ? s->ev[i].line : 0;
}

const char *
pd_script_name(const struct pd_script *s)
{
	return s->name;
}

const char *
pd_script_text(const struct pd_script *s, size_t *len)
{
	*len = s->len;
	return s->text;
}

int
pd_script_options(const struct pd_script *s, struct pd_config *c, char *err, size_t errlen)
{
	for (int i = 0; i < s->nopts; i++) {
		char why[200];

		if (pd_config_set(c, s->opts[i].name, s->opts[i].value, why, sizeof(why))) {
			snprintf(err, errlen, "%s:%d: %s", s->name, s->opts[i].line, why);
			return 2;
		}
	}
	return 0;
}
