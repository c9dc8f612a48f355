/*
 * bench/hash_steps.c - the instructions the CPU executes in the sink's hash.
 *
 * No kernel counterpart: a measuring tool.  callgrind counts every
 * instruction of a bench_sim run, but valgrind does not emulate the CPU's
 * SHA instructions, so under it libcrypto runs its generic SHA-256 code.
 * This tool counts what the real CPU runs instead, for the hash alone:
 * it starts PROGRAM under ptrace, lets it run at full speed, and
 * single-steps only inside each call of libcrypto's EVP_DigestUpdate (the
 * sink's only per-byte use of libcrypto, sim/app.c), one trap per
 * instruction, from the call's first instruction to the return to its
 * caller.
 *
 *   hash_steps [--max-steps N] [--max-secs S] PROGRAM [ARG...]
 *
 * PROGRAM must print one JSON object on one line on stdout (bench_sim
 * does); hash_steps prints that object with these fields added:
 *   hash_calls      calls of EVP_DigestUpdate
 *   hash_steps      single steps inside them: instructions, counting each
 *                   iteration of a REP string instruction as one, as
 *                   callgrind does
 *   hash_rep_steps  of those, steps that stayed on the same instruction
 *                   (REP iterations past the first)
 *   hash_steps_outside  steps outside libcrypto's own code (libc's
 *                   memcpy called from it, say)
 *   trace_secs      wall time of the traced run
 * Every count is bounded: more than --max-steps single steps in all
 * (default 200000000) or more than --max-secs seconds (default 1800) and
 * the tool kills PROGRAM and fails.  Errors on stderr, exit 1; bad usage
 * exit 2.  x86-64 Linux only.
 *
 * How it finds the function: PROGRAM is stopped at its ELF entry point
 * (AT_ENTRY in /proc/PID/auxv), when the dynamic loader has mapped every
 * library; the tool then loads the same libcrypto file itself (the path
 * from /proc/PID/maps) to learn EVP_DigestUpdate's offset in it, checks
 * that the child has the same bytes there, and plants an int3.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#ifdef __x86_64__
#include <elf.h>
#include <sys/ptrace.h>
#include <sys/user.h>
#include <sys/wait.h>

#define HASH_SYMBOL	"EVP_DigestUpdate"
#define MAX_RANGES	16

struct hash_steps {
	pid_t pid;			/* the traced PROGRAM */
	unsigned long bp;		/* EVP_DigestUpdate in the child */
	long bp_word;			/* the original word at bp */
	unsigned long lo[MAX_RANGES];	/* libcrypto's mappings in the child */
	unsigned long hi[MAX_RANGES];
	int nranges;
	unsigned long long max_steps;
	unsigned long long calls;
	unsigned long long steps;
	unsigned long long rep_steps;
	unsigned long long outside;
};

/* The traced program while it lives; 0 once reaped (its PID is free). */
static volatile pid_t hs_child;

/* The time bound: the child dies, so the next waitpid() reports it. */
static void
hs_alarm(int sig)
{
	static const char msg[] = "hash_steps: time limit reached, killing the program\n";

	(void)sig;
	if (write(2, msg, sizeof(msg) - 1) < 0 || !hs_child)
		return;
	kill(hs_child, SIGKILL);
}

/* Wait for the child's next stop: 0 (and its signal); 1 when it exited
 * with status 0; -1, said why, when it failed, or the wait did. */
static int
hs_wait(pid_t pid, int *sig)
{
	int st;

	if (waitpid(pid, &st, 0) < 0) {
		perror("hash_steps: waitpid");
		return -1;
	}
	if (WIFSTOPPED(st)) {
		*sig = WSTOPSIG(st);
		return 0;
	}
	hs_child = 0;
	if (WIFEXITED(st) && WEXITSTATUS(st) == 0)
		return 1;
	if (WIFEXITED(st))
		fprintf(stderr, "hash_steps: the program exited with status %d\n", WEXITSTATUS(st));
	else
		fprintf(stderr, "hash_steps: the program died of signal %d\n", WTERMSIG(st));
	return -1;
}

/* Replace the first byte of the word at @addr: int3 on, or the original. */
static int
hs_poke(pid_t pid, unsigned long addr, long word)
{
	if (ptrace(PTRACE_POKETEXT, pid, (void *)addr, (void *)word) < 0) {
		perror("hash_steps: PTRACE_POKETEXT");
		return -1;
	}
	return 0;
}

static long
hs_int3(long word)
{
	return (word & ~0xffL) | 0xcc;
}

static unsigned long
hs_auxv_entry(pid_t pid)
{
	char path[64];
	Elf64_auxv_t a;
	unsigned long entry = 0;
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%d/auxv", (int)pid);
	f = fopen(path, "r");
	if (!f)
		return 0;
	while (fread(&a, sizeof(a), 1, f) == 1 && a.a_type != AT_NULL) {
		if (a.a_type == AT_ENTRY) {
			entry = a.a_un.a_val;
			break;
		}
	}
	fclose(f);
	return entry;
}

/*
 * libcrypto in the child's maps: its load base (the mapping of file
 * offset 0), its address ranges, and the file's path into @lib.
 */
static int
hs_find_libcrypto(struct hash_steps *hs, char *lib, size_t len, unsigned long *base)
{
	char path[64], line[4096], file[4096];
	unsigned long lo, hi, off;
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%d/maps", (int)hs->pid);
	f = fopen(path, "r");
	if (!f) {
		perror("hash_steps: /proc/PID/maps");
		return -1;
	}
	*base = 0;
	lib[0] = '\0';
	while (fgets(line, sizeof(line), f)) {
		if (sscanf(line, "%lx-%lx %*s %lx %*s %*s %4095s", &lo, &hi, &off, file) != 4 ||
		    !strstr(file, "/libcrypto.so"))
			continue;
		if (!lib[0])
			snprintf(lib, len, "%s", file);
		else if (strcmp(lib, file))
			continue;
		if (off == 0 && !*base)
			*base = lo;
		if (hs->nranges < MAX_RANGES) {
			hs->lo[hs->nranges] = lo;
			hs->hi[hs->nranges++] = hi;
		}
	}
	fclose(f);
	if (!*base) {
		fprintf(stderr, "hash_steps: libcrypto is not mapped in the program\n");
		return -1;
	}
	return 0;
}

/*
 * Where EVP_DigestUpdate is in the child: its offset in the same file,
 * loaded here, plus the child's base.  The first bytes of the function
 * must be the same in both (code is not relocated), else the offset is
 * wrong and the tool says so rather than plant an int3 in the wrong place.
 */
static int
hs_find_symbol(struct hash_steps *hs)
{
	unsigned long base, own;
	char lib[4096];
	void *h, *sym;
	Dl_info info;
	long word;

	if (hs_find_libcrypto(hs, lib, sizeof(lib), &base))
		return -1;
	h = dlopen(lib, RTLD_NOW | RTLD_LOCAL);
	sym = h ? dlsym(h, HASH_SYMBOL) : NULL;
	if (!sym || !dladdr(sym, &info) || !info.dli_fbase) {
		const char *e = dlerror();

		fprintf(stderr, "hash_steps: %s in %s: %s\n", HASH_SYMBOL, lib, e ? e : "not found");
		return -1;
	}
	hs->bp = base + ((unsigned long)sym - (unsigned long)info.dli_fbase);
	errno = 0;
	word = ptrace(PTRACE_PEEKTEXT, hs->pid, (void *)hs->bp, NULL);
	memcpy(&own, sym, sizeof(own));
	if (errno || (unsigned long)word != own) {
		fprintf(stderr, "hash_steps: %s at %#lx in the program is not the code of %s\n",
			HASH_SYMBOL, hs->bp, lib);
		return -1;
	}
	hs->bp_word = word;
	return 0;
}

static int
hs_in_lib(const struct hash_steps *hs, unsigned long ip)
{
	for (int i = 0; i < hs->nranges; i++)
		if (ip >= hs->lo[i] && ip < hs->hi[i])
			return 1;
	return 0;
}

/*
 * One call, stopped on the int3 at its first instruction: put the byte
 * back, step until the return lands at the caller with the stack popped
 * (a deeper frame returning to the same address cannot pass that test),
 * then plant the int3 again.
 */
static int
hs_step_call(struct hash_steps *hs, struct user_regs_struct *r)
{
	unsigned long ret, sp, ip;
	int sig, rc;

	if (hs_poke(hs->pid, hs->bp, hs->bp_word))
		return -1;
	r->rip = hs->bp;
	if (ptrace(PTRACE_SETREGS, hs->pid, NULL, r) < 0) {
		perror("hash_steps: PTRACE_SETREGS");
		return -1;
	}
	sp = r->rsp;
	errno = 0;
	ret = ptrace(PTRACE_PEEKDATA, hs->pid, (void *)sp, NULL);
	if (errno) {
		perror("hash_steps: reading the return address");
		return -1;
	}
	hs->calls++;
	ip = hs->bp;
	do {
		if (hs->steps >= hs->max_steps) {
			fprintf(stderr, "hash_steps: more than %llu steps (--max-steps)\n",
				hs->max_steps);
			return -1;
		}
		if (!hs_in_lib(hs, ip))
			hs->outside++;
		if (ptrace(PTRACE_SINGLESTEP, hs->pid, NULL, NULL) < 0) {
			perror("hash_steps: PTRACE_SINGLESTEP");
			return -1;
		}
		rc = hs_wait(hs->pid, &sig);
		if (rc) {
			if (rc > 0)
				fprintf(stderr, "hash_steps: the program exited inside %s\n",
					HASH_SYMBOL);
			return -1;
		}
		/* A signal's handler would be stepped and counted as hash. */
		if (sig != SIGTRAP) {
			fprintf(stderr, "hash_steps: signal %d inside %s\n", sig, HASH_SYMBOL);
			return -1;
		}
		if (ptrace(PTRACE_GETREGS, hs->pid, NULL, r) < 0) {
			perror("hash_steps: PTRACE_GETREGS");
			return -1;
		}
		hs->steps++;
		if (r->rip == ip)
			hs->rep_steps++;
		ip = r->rip;
	} while (!(ip == ret && r->rsp > sp));
	return hs_poke(hs->pid, hs->bp, hs_int3(hs->bp_word));
}

/* Run the child to its exit, stepping through every call of the hash. */
static int
hs_trace(struct hash_steps *hs)
{
	struct user_regs_struct r;
	unsigned long entry;
	long entry_word;
	int sig, rc;

	/* The stop after execve(): only the program and the loader mapped. */
	if (hs_wait(hs->pid, &sig))
		return -1;	/* (it cannot exit before that stop) */
	if (sig != SIGTRAP) {
		fprintf(stderr, "hash_steps: the program stopped on signal %d, not at exec\n", sig);
		return -1;
	}
	if (ptrace(PTRACE_SETOPTIONS, hs->pid, NULL, (void *)PTRACE_O_EXITKILL) < 0) {
		perror("hash_steps: PTRACE_SETOPTIONS");
		return -1;
	}
	entry = hs_auxv_entry(hs->pid);
	errno = 0;
	entry_word = entry ? ptrace(PTRACE_PEEKTEXT, hs->pid, (void *)entry, NULL) : 0;
	if (!entry || errno) {
		fprintf(stderr, "hash_steps: cannot find the program's entry point\n");
		return -1;
	}
	if (hs_poke(hs->pid, entry, hs_int3(entry_word)))
		return -1;
	sig = 0;
	for (;;) {
		if (ptrace(PTRACE_CONT, hs->pid, NULL, (void *)(long)sig) < 0) {
			perror("hash_steps: PTRACE_CONT");
			return -1;
		}
		rc = hs_wait(hs->pid, &sig);
		if (rc)
			return rc > 0 ? 0 : -1;
		if (sig != SIGTRAP)
			continue;	/* the program's own signal: deliver it */
		sig = 0;
		if (ptrace(PTRACE_GETREGS, hs->pid, NULL, &r) < 0) {
			perror("hash_steps: PTRACE_GETREGS");
			return -1;
		}
		if (entry && r.rip == entry + 1) {
			/* Every library is mapped now: start the real run. */
			if (hs_poke(hs->pid, entry, entry_word))
				return -1;
			r.rip = entry;
			entry = 0;
			if (ptrace(PTRACE_SETREGS, hs->pid, NULL, &r) < 0) {
				perror("hash_steps: PTRACE_SETREGS");
				return -1;
			}
			if (hs_find_symbol(hs) || hs_poke(hs->pid, hs->bp, hs_int3(hs->bp_word)))
				return -1;
		} else if (hs->bp && r.rip == hs->bp + 1) {
			if (hs_step_call(hs, &r))
				return -1;
		} else {
			fprintf(stderr, "hash_steps: unexpected trap at %#llx\n", r.rip);
			return -1;
		}
	}
}

/* The program's one JSON line from @out, with the counts added. */
static int
hs_print(const struct hash_steps *hs, FILE *out, double secs)
{
	char line[65536];
	size_t n;

	rewind(out);
	if (!fgets(line, sizeof(line), out)) {
		fprintf(stderr, "hash_steps: the program printed nothing\n");
		return -1;
	}
	n = strcspn(line, "\n");
	while (n && line[n - 1] == ' ')
		n--;
	if (line[0] != '{' || n < 2 || line[n - 1] != '}') {
		fprintf(stderr, "hash_steps: the program's output is not one JSON object\n");
		return -1;
	}
	printf("%.*s,\"hash_calls\":%llu,\"hash_steps\":%llu,\"hash_rep_steps\":%llu,"
	       "\"hash_steps_outside\":%llu,\"trace_secs\":%.3f}\n", (int)(n - 1), line,
	       hs->calls, hs->steps, hs->rep_steps, hs->outside, secs);
	return 0;
}

static int
usage(void)
{
	fprintf(stderr, "usage: hash_steps [--max-steps N] [--max-secs S] PROGRAM [ARG...]\n");
	return 2;
}

int
main(int argc, char **argv)
{
	struct hash_steps hs = { .max_steps = 200000000 };
	unsigned long secs = 1800;
	struct sigaction sa = { .sa_handler = hs_alarm };
	struct timespec t0, t1;
	FILE *out;
	int i, rc;

	for (i = 1; i + 1 < argc && argv[i][0] == '-'; i += 2) {
		char *end;
		unsigned long long v = strtoull(argv[i + 1], &end, 10);

		if (*end || !v || argv[i + 1][0] == '-')
			return usage();
		if (!strcmp(argv[i], "--max-steps"))
			hs.max_steps = v;
		else if (!strcmp(argv[i], "--max-secs") && v <= 86400)
			secs = v;
		else
			return usage();
	}
	if (i >= argc || argv[i][0] == '-')
		return usage();
	/* The program's stdout goes to a file, not a pipe: a pipe nobody
	 * reads while the child is stopped could block it for good. */
	out = tmpfile();
	if (!out) {
		perror("hash_steps: tmpfile");
		return 1;
	}
	fflush(stdout);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	hs.pid = fork();
	if (hs.pid < 0) {
		perror("hash_steps: fork");
		return 1;
	}
	if (hs.pid == 0) {
		if (ptrace(PTRACE_TRACEME, 0, NULL, NULL) < 0 || dup2(fileno(out), 1) < 0) {
			perror("hash_steps: PTRACE_TRACEME");
			_exit(127);
		}
		execvp(argv[i], argv + i);
		fprintf(stderr, "hash_steps: %s: %s\n", argv[i], strerror(errno));
		_exit(127);
	}
	hs_child = hs.pid;
	sigaction(SIGALRM, &sa, NULL);
	alarm(secs);
	rc = hs_trace(&hs);
	alarm(0);
	if (rc) {
		if (hs_child) {
			kill(hs_child, SIGKILL);
			waitpid(hs_child, NULL, 0);
		}
		return 1;
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	return hs_print(&hs, out, t1.tv_sec - t0.tv_sec + (t1.tv_nsec - t0.tv_nsec) / 1e9) ? 1 : 0;
}

#else

int
main(void)
{
	fprintf(stderr, "hash_steps: x86-64 Linux only\n");
	return 1;
}

#endif
