/*
 * tools/sysctl.c - procps' `sysctl`: read and set the kernel settings
 * a netstep host has, under their /proc/sys names.
 *
 * No kernel counterpart as one file: each setting lives where its layer
 * keeps it (the per-host TCP settings in net->tcp_hashinfo, ip_forward
 * in struct net, the congestion control in layers/tcp_cong.c), and the
 * table below is the one place that names them, as the kernel's
 * ctl_table arrays (net/ipv4/sysctl_net_ipv4.c, devinet.c) do.  A layer
 * that honours a new setting adds one row here.
 *
 *   sysctl NAME ...                 print "NAME = VALUE"
 *   sysctl [-w] NAME=VALUE ...      set (procps writes whenever there is an '=')
 *   sysctl -a                       every setting netstep has
 *   -q  print nothing when setting;  -n  print values only
 *
 * NAME may use '/' for '.' (net/ipv4/tcp_sack).  A setting netstep does
 * not have is refused as procps refuses a missing /proc/sys file, plus
 * a word saying netstep does not model it: status 2, nothing set.  A
 * value the kernel would refuse (EINVAL) gives procps' "setting key"
 * line and status 1.
 */
#include "tools/tools.h"
#include "layers/tcp.h"
#include "sim/host.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#define SYSCTL_VALUE_MAX	128	/* longest value printed or accepted */

enum sysctl_kind {
	SYSCTL_INT,			/* one int, at least .min */
	SYSCTL_INT3,			/* three ints (tcp_rmem, tcp_wmem), each at least .min */
	SYSCTL_STRING,			/* .get / .set */
};

struct sim_sysctl {
	const char *name;		/* "net.ipv4.tcp_sack" */
	enum sysctl_kind kind;
	int min;			/* SYSCTL_INT*: proc_dointvec_minmax's extra1 */
	/* SYSCTL_INT*: where the value lives on @net. */
	int *(*data)(struct net *net);
	/* SYSCTL_STRING: read into @buf; set (NULL: read-only), 0 or -Exxx. */
	void (*get)(struct net *net, char *buf, size_t len);
	int (*set)(struct net *net, const char *value);
};

static int *
sysctl_ip_forward(struct net *net)
{
	return &net->ip_forward;
}

static int *
sysctl_tcp_timestamps(struct net *net)
{
	return &net->tcp_hashinfo->sysctl_tcp_timestamps;
}

static int *
sysctl_tcp_window_scaling(struct net *net)
{
	return &net->tcp_hashinfo->sysctl_tcp_window_scaling;
}

static int *
sysctl_tcp_sack(struct net *net)
{
	return &net->tcp_hashinfo->sysctl_tcp_sack;
}

static int *
sysctl_tcp_rmem(struct net *net)
{
	return net->tcp_hashinfo->sysctl_tcp_rmem;
}

static int *
sysctl_tcp_wmem(struct net *net)
{
	return net->tcp_hashinfo->sysctl_tcp_wmem;
}

static int *
sysctl_tcp_fin_timeout(struct net *net)
{
	return &net->tcp_hashinfo->sysctl_tcp_fin_timeout;
}

static void
sysctl_get_cong(struct net *net, char *buf, size_t len)
{
	snprintf(buf, len, "%s", tcp_get_default_congestion_control(net));
}

static int
sysctl_set_cong(struct net *net, const char *value)
{
	return tcp_set_default_congestion_control(net, value);
}

static void
sysctl_get_cong_avail(struct net *net, char *buf, size_t len)
{
	tcp_get_available_congestion_control(net, buf, len);
}

/* Every setting a netstep host has, sorted as `sysctl -a` prints them. */
static const struct sim_sysctl sim_sysctls[] = {
	{ "net.ipv4.ip_forward", SYSCTL_INT, INT_MIN, sysctl_ip_forward, NULL, NULL },
	{ "net.ipv4.tcp_available_congestion_control", SYSCTL_STRING, 0, NULL,
	  sysctl_get_cong_avail, NULL },
	{ "net.ipv4.tcp_congestion_control", SYSCTL_STRING, 0, NULL, sysctl_get_cong,
	  sysctl_set_cong },
	/* KERNEL: proc_dointvec_jiffies takes a negative time too; netstep does not */
	{ "net.ipv4.tcp_fin_timeout", SYSCTL_INT, 0, sysctl_tcp_fin_timeout, NULL, NULL },
	{ "net.ipv4.tcp_rmem", SYSCTL_INT3, 1, sysctl_tcp_rmem, NULL, NULL },
	{ "net.ipv4.tcp_sack", SYSCTL_INT, INT_MIN, sysctl_tcp_sack, NULL, NULL },
	{ "net.ipv4.tcp_timestamps", SYSCTL_INT, INT_MIN, sysctl_tcp_timestamps, NULL, NULL },
	{ "net.ipv4.tcp_window_scaling", SYSCTL_INT, INT_MIN, sysctl_tcp_window_scaling, NULL,
	  NULL },
	{ "net.ipv4.tcp_wmem", SYSCTL_INT3, 1, sysctl_tcp_wmem, NULL, NULL },
};

/* The row called @name ('/' or '.' between the parts), or NULL. */
static const struct sim_sysctl *
sysctl_find(const char *name, size_t len)
{
	for (size_t i = 0; i < ARRAY_SIZE(sim_sysctls); i++) {
		const char *want = sim_sysctls[i].name;
		size_t j;

		if (strlen(want) != len)
			continue;
		for (j = 0; j < len; j++)
			if (name[j] != want[j] && !(name[j] == '/' && want[j] == '.'))
				break;
		if (j == len)
			return &sim_sysctls[i];
	}
	return NULL;
}

/* The value as its /proc/sys file reads (tab-separated for a vector). */
static void
sysctl_read(struct net *net, const struct sim_sysctl *s, char *buf, size_t len)
{
	const int *v;

	switch (s->kind) {
	case SYSCTL_INT:
		snprintf(buf, len, "%d", *s->data(net));
		break;
	case SYSCTL_INT3:
		v = s->data(net);
		snprintf(buf, len, "%d\t%d\t%d", v[0], v[1], v[2]);
		break;
	case SYSCTL_STRING:
		s->get(net, buf, len);
		break;
	}
}

/* Parse @value as proc_dointvec would: @n integers, blank-separated. */
static int
sysctl_parse_ints(const char *value, int *v, int n, int min)
{
	const char *p = value;

	for (int i = 0; i < n; i++) {
		char *end;
		long x;

		while (*p == ' ' || *p == '\t')
			p++;
		errno = 0;
		x = strtol(p, &end, 10);
		if (end == p || errno || x < min || x > INT_MAX)
			return -EINVAL;
		v[i] = (int)x;
		p = end;
	}
	while (*p == ' ' || *p == '\t' || *p == '\n')
		p++;
	return *p ? -EINVAL : 0;
}

/* Write @value into @s: 0 or -Exxx (nothing changed on error). */
static int
sysctl_write(struct net *net, const struct sim_sysctl *s, const char *value)
{
	int v[3], err;

	switch (s->kind) {
	case SYSCTL_INT:
		err = sysctl_parse_ints(value, v, 1, s->min);
		if (!err)
			*s->data(net) = v[0];
		return err;
	case SYSCTL_INT3:
		err = sysctl_parse_ints(value, v, 3, s->min);
		if (!err)
			memcpy(s->data(net), v, sizeof(v));
		return err;
	case SYSCTL_STRING:
		return s->set ? s->set(net, value) : -EACCES;
	}
	return -EINVAL;
}

static void
sysctl_print(const char *name, const char *value, bool values_only, FILE *out)
{
	if (values_only)
		fprintf(out, "%s\n", value);
	else
		fprintf(out, "%s = %s\n", name, value);
}

/* procps' line for a key it cannot find, and netstep's reason. */
static int
sysctl_unknown(const char *arg, size_t len, FILE *err)
{
	fputs("sysctl: cannot stat /proc/sys/", err);
	for (size_t i = 0; i < len; i++)
		fputc(arg[i] == '.' ? '/' : arg[i], err);
	fputs(": No such file or directory (netstep does not model this setting;"
	      " sysctl -a lists the ones it has)\n", err);
	return 2;
}

/* One NAME or NAME=VALUE.  @check: only look the name up. */
static int
sysctl_one(struct net *net, const char *arg, bool write, bool quiet, bool values_only,
	   bool check, FILE *out, FILE *err)
{
	const char *eq = strchr(arg, '=');
	size_t len = eq ? (size_t)(eq - arg) : strlen(arg);
	const struct sim_sysctl *s;
	char buf[SYSCTL_VALUE_MAX];
	int e;

	while (len && arg[len - 1] == ' ')
		len--;
	s = sysctl_find(arg, len);
	if (!s)
		return sysctl_unknown(arg, len, err);
	if (write && !eq) {
		fprintf(err, "sysctl: \"%s\" must be of the form name=value\n", arg);
		return 2;
	}
	if (check)
		return 0;
	if (!eq) {
		sysctl_read(net, s, buf, sizeof(buf));
		sysctl_print(s->name, buf, values_only, out);
		return 0;
	}
	eq++;
	while (*eq == ' ')
		eq++;
	e = sysctl_write(net, s, eq);
	if (e) {
		if (e == -EACCES)
			fprintf(err, "sysctl: permission denied on key '%s'\n", s->name);
		else
			fprintf(err, "sysctl: setting key \"%s\": %s\n", s->name, strerror(-e));
		return 1;
	}
	if (!quiet)
		sysctl_print(s->name, eq, values_only, out);
	return 0;
}

struct sysctl_opts {
	bool write, quiet, values_only, all;
};

/* The options before the first name: its index, or -1 for one procps
 * does not know (with its line on @err, unless that is NULL). */
static int
sysctl_parse_opts(int argc, char **argv, struct sysctl_opts *o, FILE *err)
{
	int i;

	memset(o, 0, sizeof(*o));
	for (i = 1; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
		for (const char *c = argv[i] + 1; *c; c++) {
			switch (*c) {
			case 'w': o->write = true; break;
			case 'q': o->quiet = true; break;
			case 'n': o->values_only = true; break;
			case 'a': o->all = true; break;
			default:
				if (err)
					fprintf(err, "sysctl: unknown option '-%c' (netstep: -w -q -n -a)\n",
						*c);
				return -1;
			}
		}
	}
	return i;
}

/*
 * See tools/tools.h: -a and plain names read; a NAME=VALUE writes (with
 * or without -w, as tool_sysctl reads it).  A bad option, or -w before
 * a bare name, is refused and so changes nothing.
 */
bool
tool_sysctl_read_only(int argc, char **argv)
{
	struct sysctl_opts o;
	int i = sysctl_parse_opts(argc, argv, &o, NULL);

	if (i < 0 || o.all)
		return true;
	for (; i < argc; i++)
		if (strchr(argv[i], '='))
			return false;
	return true;
}

int
tool_sysctl(struct net *net, int argc, char **argv, FILE *out, FILE *err)
{
	struct sysctl_opts o;
	int i = sysctl_parse_opts(argc, argv, &o, err), rc = 0;

	if (i < 0)
		return 2;
	if (o.all) {
		char buf[SYSCTL_VALUE_MAX];

		for (size_t k = 0; k < ARRAY_SIZE(sim_sysctls); k++) {
			sysctl_read(net, &sim_sysctls[k], buf, sizeof(buf));
			sysctl_print(sim_sysctls[k].name, buf, o.values_only, out);
		}
		return 0;
	}
	if (i == argc) {
		fprintf(err, "sysctl: no variables specified (sysctl -a lists them)\n");
		return 2;
	}
	/* Every name first: a bad one anywhere changes nothing. */
	for (int j = i; j < argc; j++) {
		int e = sysctl_one(net, argv[j], o.write, o.quiet, o.values_only, true, out,
				   err);

		if (e)
			return e;
	}
	for (; i < argc; i++) {
		int e = sysctl_one(net, argv[i], o.write, o.quiet, o.values_only, false, out,
				   err);

		if (e && !rc)
			rc = e;
	}
	return rc;
}
