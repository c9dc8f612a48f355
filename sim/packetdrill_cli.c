/*
 * sim/packetdrill_cli.c - `netstep --packetdrill FILE [options]`: the
 * options packetdrill takes, and the headless run.
 *
 * No kernel counterpart.  packetdrill's defaults are those of its first
 * release (June 2013, Linux 3.10's time): local 192.168.0.1/16 behind
 * gateway 192.168.0.2, remote 192.0.2.1, bind and connect port 8080,
 * MTU 1500, tolerance 4000 us.  Options at the top of a script
 * (`--tolerance_usecs=10000`) come first and the command line's
 * override them, as in packetdrill.  Output: nothing on a pass (exit
 * 0), packetdrill's report on stderr on a failure (exit 1), and
 * "FILE:LINE: problem" for a script netstep cannot run (exit 2).
 * main.c parses the command line and attaches the writers.
 */
#include "sim/packetdrill_priv.h"

#include <arpa/inet.h>
#include <stdlib.h>
#include <string.h>

void
pd_config_default(struct pd_config *c)
{
	memset(c, 0, sizeof(*c));
	inet_pton(AF_INET, "192.168.0.1", &c->local_ip);
	inet_pton(AF_INET, "192.0.2.1", &c->remote_ip);
	inet_pton(AF_INET, "192.168.0.2", &c->gateway_ip);
	c->prefixlen = 16;
	c->bind_port = 8080;
	c->connect_port = 8080;
	c->mtu = ETH_DATA_LEN;
	c->tolerance_ns = 4000 * PD_NS_PER_US;
}

static bool
pd_parse_ip(const char *s, __be32 *ip)
{
	char buf[32];
	const char *slash = strchr(s, '/');
	size_t n = slash ? (size_t)(slash - s) : strlen(s);

	if (n >= sizeof(buf))
		return false;
	memcpy(buf, s, n);
	buf[n] = '\0';
	return inet_pton(AF_INET, buf, ip) == 1;
}

static bool
pd_parse_long(const char *s, long lo, long hi, long *v)
{
	char *end;

	if (!*s)
		return false;
	*v = strtol(s, &end, 10);
	return !*end && *v >= lo && *v <= hi;
}

/* packetdrill options netstep does not take, with the reason. */
static const struct {
	const char *name;
	const char *why;
} pd_unsupported[] = {
	{ "ip_version", "netstep is IPv4 only (ipv4 is the default)" },
	{ "speed", "the NIC is a 1 Gbit/s 82576" },
	{ "init_scripts", "put the commands in the script, in backquotes" },
	{ "tolerance_percent", "it came after packetdrill 2013; use --tolerance_usecs" },
	{ "tcp_ts_ecr_scaled", "TS values tick once a millisecond here" },
	{ "tcp_ts_tick_usecs", "outbound TSvals are not checked (packetdrill's default)" },
	{ "non_fatal", "the first mismatch ends the run" },
	{ "wire_client", "netstep runs the stack and the script in one program" },
	{ "wire_server", "netstep runs the stack and the script in one program" },
	{ "code_command", "netstep evaluates %{ }% itself, without Python" },
	{ "code_format", "netstep evaluates %{ }% itself, without Python" },
	{ "code_sockopt", "netstep reads tcp_info from the connection itself" },
};

int
pd_config_set(struct pd_config *c, const char *name, const char *value, char *err,
	      size_t errlen)
{
	__be32 *ip = !strcmp(name, "local_ip") ? &c->local_ip :
		     !strcmp(name, "remote_ip") ? &c->remote_ip :
		     !strcmp(name, "gateway_ip") ? &c->gateway_ip : NULL;
	long v;

	if (ip) {
		if (!pd_parse_ip(value, ip))
			goto bad;
		return 0;
	}
	if (!strcmp(name, "netmask_ip")) {
		__be32 mask;
		u32 m;

		if (!pd_parse_ip(value, &mask))
			goto bad;
		m = ntohl(mask);
		if (m & (~m >> 1))	/* not contiguous ones then zeros */
			goto bad;
		c->prefixlen = __builtin_popcount(m);
		return 0;
	}
	if (!strcmp(name, "bind_port") || !strcmp(name, "connect_port")) {
		if (!pd_parse_long(value, 1, 65535, &v))
			goto bad;
		*(name[0] == 'b' ? &c->bind_port : &c->connect_port) = (u16)v;
		return 0;
	}
	if (!strcmp(name, "mtu")) {
		if (!pd_parse_long(value, ETH_MIN_MTU, 9000, &v))
			goto bad;
		c->mtu = (unsigned int)v;
		return 0;
	}
	if (!strcmp(name, "tolerance_usecs")) {
		if (!pd_parse_long(value, 1, 100000000, &v))
			goto bad;
		c->tolerance_ns = v * PD_NS_PER_US;
		return 0;
	}
	if (!strcmp(name, "strict_segments") || !strcmp(name, "verbose")) {
		if (*value)
			goto bad;
		*(name[0] == 's' ? &c->strict_segments : &c->verbose) = true;
		return 0;
	}
	for (size_t i = 0; i < ARRAY_SIZE(pd_unsupported); i++)
		if (!strcmp(name, pd_unsupported[i].name)) {
			snprintf(err, errlen, "option --%s is not supported: %s", name,
				 pd_unsupported[i].why);
			return 1;
		}
	snprintf(err, errlen, "unknown option --%s", name);
	return 1;
bad:
	snprintf(err, errlen, "invalid --%s '%s'", name, value);
	return 2;
}

/* ---- the command line ------------------------------------------------------------ */

int
pd_cli_option(struct pd_cli_opts *o, const char *name, const char *value)
{
	if (o->n == PD_CLI_MAX_OPTS) {
		fprintf(stderr, "netstep: more than %d packetdrill options\n", PD_CLI_MAX_OPTS);
		return 2;
	}
	o->names[o->n] = name;
	o->values[o->n++] = value;
	return 0;
}

int
pd_cli_setup(const struct pd_cli_opts *o, u32 seed, FILE *out, struct pd_script **sp,
	     struct pd_run **rp)
{
	char err[PD_ERR_MAX];
	struct pd_config c;
	struct pd_script *s;
	int rc = 0;

	*sp = NULL;
	*rp = NULL;
	s = pd_load(o->path, err, sizeof(err));
	if (!s) {
		fprintf(stderr, "%s\n", err);
		return 2;
	}
	/* The script's options first, the command line's over them. */
	pd_config_default(&c);
	rc = pd_script_options(s, &c, err, sizeof(err));
	for (int i = 0; !rc && i < o->n; i++)
		if (pd_config_set(&c, o->names[i], o->values[i], err + 9, sizeof(err) - 9)) {
			memcpy(err, "netstep: ", 9);
			rc = 2;
		}
	if (!rc)
		rc = pd_check(s, &c, seed, err, sizeof(err));
	if (rc) {
		fprintf(stderr, "%s\n", err);
		pd_free(s);
		return rc;
	}
	*rp = pd_run_create(s, &c, seed, out);
	if (!*rp) {
		fprintf(stderr, "netstep: cannot build the packetdrill world\n");
		pd_free(s);
		return 1;
	}
	*sp = s;
	return 0;
}

int
pd_cli_run(struct pd_run *r)
{
	pd_run_start(r);
	return pd_cli_finish(r);
}

int
pd_cli_finish(struct pd_run *r)
{
	while (pd_run_next(r) == PD_RUNNING)
		;
	if (pd_run_status(r) != PD_FAILED)
		return 0;
	fprintf(stderr, "%s\n", pd_run_error(r));
	return 1;
}
