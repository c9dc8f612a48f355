# tests/lessons-facts.awk - what tests/lessons-facts.sh checks in one lesson
# (the rules are in lessons/README.md, "Keeping a lesson right").
#
#   awk -f tests/lessons-facts.awk lessons/kernel-functions.txt EVENTS LESSON
#
# EVENTS is `netstep --list-events` (NAME TAB FILE [TAB inline]).  One
# lesson per run.  Prints one "LESSON:LINE: problem" per problem; the exit
# status is 1 if there was any.  POSIX awk (mawk or gawk).

function problem(line, msg) {
	printf "%s:%d: %s\n", FILENAME, line, msg
	bad = 1
}

# Is @name defined, by the list, in one of the files of the space-separated
# list @files?
function defined_in(name, files,    n, f, i) {
	n = split(files, f, " ")
	for (i = 1; i <= n; i++)
		if ((name SUBSEP f[i]) in def)
			return 1
	return 0
}

# A name the lesson writes as a function: name() or `name`.
function check_function(name, line,    ksrc) {
	if (defined_in(name, kernel_files))
		return
	if (name in event) {
		ksrc = event[name]
		if (name ~ /^sim_/ || !(ksrc in listed))
			return		# netstep's own, or a file the list does not cover
		if ((name SUBSEP ksrc) in def)
			return		# traced, and 3.10 has it where netstep says
		problem(line, name "() is traced by netstep as a function of " ksrc \
			", but Linux 3.10.108 does not define it there")
		return
	}
	if (name in where)
		problem(line, name "() is defined in" where[name] ", which is not one of the " \
			"lesson's kernel files, and netstep does not trace it: add a `kernel` line")
	else
		problem(line, name "() is not a function of Linux 3.10.108 (lessons/kernel-functions.txt)" \
			" nor one netstep traces (netstep --list-events)")
}

# A function a directive names (break, step until, expect trace ...).
function check_traced(name, line, what) {
	if (!(name in event))
		problem(line, what " " name ": netstep traces no such function (netstep --list-events)")
}

# The C function a note sits in: traced, or one of 3.10's.
function check_note_func(name, line, what) {
	if (!(name in where))
		check_traced(name, line, what)
}

# A moment: "F", "F return" (F traced) or "NOTE in F" (F as for a note), at w[i].
function check_moment(w, n, i, line, what) {
	if (i > n)
		return
	if (w[i + 1] == "in")
		check_note_func(w[i + 2], line, what " ... in")
	else
		check_traced(w[i], line, what)
}

# The functions a lesson line of the form "break F", "expect trace F before G" ... names.
function check_directive(s, line,    w, n, i) {
	n = split(s, w, /[ \t]+/)
	if (w[1] == "break" || w[1] == "delete") {
		check_moment(w, n, 2, line, w[1])
	} else if (w[1] == "step" && w[2] == "until") {
		check_moment(w, n, 3, line, "step until")
	} else if (w[1] == "expect" && w[2] == "trace") {
		i = 3
		if (w[i] == "on")
			i += 2
		check_traced(w[i], line, "expect trace")
		if (w[i + 1] == "before" && i + 2 <= n)
			check_traced(w[i + 2], line, "expect trace ... before")
	} else if (w[1] == "expect" && w[2] == "note") {
		i = 3
		if (w[i] == "on")
			i += 2
		# a note names the C function it sits in: traced, or one of 3.10's
		if (w[i] ~ /^[A-Za-z_][A-Za-z0-9_]*:$/)
			check_note_func(substr(w[i], 1, length(w[i]) - 1), line, "expect note")
	}
}

# Narration, question, answer, try, title, summary, lab and pause text.
function check_text(s, line,    rest, m, name, span, words, n, i, w) {
	# 1. name(): a function
	rest = s
	while (match(rest, /[A-Za-z_][A-Za-z0-9_]*\(\)/)) {
		name = substr(rest, RSTART, RLENGTH - 2)
		check_function(name, line)
		rest = substr(rest, RSTART + RLENGTH)
	}
	# 2. backticks: `name` is a function, `expect ...` a directive
	rest = s
	while (match(rest, /`[^`]*`/)) {
		span = substr(rest, RSTART + 1, RLENGTH - 2)
		rest = substr(rest, RSTART + RLENGTH)
		if (span ~ /^_*[a-z][a-z0-9]*_[a-z0-9_]*$/)
			check_function(span, line)
		else if (span ~ /^(expect|break|delete|step until) /)
			check_directive(span, line)
	}
	# 3. a bare word that is a known function must be written name()
	rest = s
	gsub(/`[^`]*`/, " ", rest)
	gsub(/[A-Za-z_][A-Za-z0-9_]*\(/, " ", rest)
	gsub(/[A-Za-z0-9_.-]*\/[A-Za-z0-9_.\/-]*/, " ", rest)		# paths
	gsub(/[A-Za-z0-9_-]+\.[ch]([^A-Za-z0-9_]|$)/, " ", rest)	# file names
	n = split(rest, words, /[^A-Za-z0-9_]+/)
	for (i = 1; i <= n; i++) {
		w = words[i]
		if (w !~ /_/ || w ~ /[A-Z]/ || (w in not_function))
			continue
		if ((w in where) || (w in event))
			problem(line, "write the function " w " as " w "() (lessons/README.md)")
	}
}

BEGIN {
	# Words that are functions somewhere but name something else in the
	# lessons (a struct, a field, a sysctl), and so may be written bare:
	# none so far; add one here, space-separated, when a lesson needs it.
	split("", nf, " ")
	for (i in nf)
		not_function[nf[i]] = 1
}

FILENAME == ARGV[1] {
	if ($0 ~ /^#/ || NF < 2)
		next
	listed[$1] = 1
	if ($2 != "-") {
		def[$2 SUBSEP $1] = 1
		where[$2] = where[$2] " " $1
	}
	next
}

FILENAME == ARGV[2] {
	split($0, f, "\t")
	event[f[1]] = f[2]
	next
}

FNR == 1 {
	kernel_files = ""
	in_text = 0		# the line before was text a continuation may extend
	asked = 0		# line of the question whose answer we are in, 0 none
	want_expect = 0		# line of a question that needs an expect next
	try_line = 0
	ntry = 0
	ntry_expect = 0
	try_text = ""
}

/^#try / {
	s = substr($0, 6)
	if (!try_line)
		problem(FNR, "#try line before the `try` exercise")
	tried[++ntry] = s
	if (s ~ /^expect /)
		ntry_expect++
	check_directive(s, FNR)
	next
}

/^#/ || /^[ \t]*$/ {
	if ($0 ~ /^[ \t]*$/)
		in_text = 0
	next
}

/^[ \t]/ {
	if (in_text) {
		check_text($0, FNR)
		if (in_text == 2)
			try_text = try_text " " $0
		next
	}
}

{
	kw = $1
	rest = $0
	sub(/^[ \t]*[^ \t]+[ \t]*/, "", rest)
	if (want_expect && kw != "answer" && kw != "expect")
		problem(FNR, "the answer to the question on line " want_expect \
			" is not followed by an `expect` that backs it")
	want_expect = 0
	in_text = 0
	if (kw == "kernel") {
		kernel_files = kernel_files " " rest
		if (!(rest in listed))
			problem(FNR, "kernel " rest ": not a file of lessons/kernel-functions.txt " \
				"(regenerate it with lessons/kernel-functions.sh, or fix the path)")
	} else if (kw == "netstep" || kw == "$" || kw == "continue") {
		# paths and console commands: not text
	} else if (kw == "break" || kw == "delete" || kw == "step" || kw == "expect") {
		check_directive($0, FNR)
	} else if (kw == "title" || kw == "summary" || kw == "lab" || kw == "pause") {
		check_text(rest, FNR)
	} else if (kw == "question") {
		check_text(rest, FNR)
		asked = FNR
		in_text = 1
	} else if (kw == "answer") {
		check_text(rest, FNR)
		in_text = 1
		if (try_line && !asked) {
			in_text = 2
			try_text = try_text " " rest
		} else if (asked) {
			want_expect = asked
		}
		asked = 0
	} else if (kw == "try") {
		check_text(rest, FNR)
		try_line = FNR
		try_text = rest
		in_text = 2
		asked = 0
	} else {
		check_text($0, FNR)	# narration
		in_text = 1
	}
	next
}

END {
	if (want_expect)
		problem(FNR, "the answer to the question on line " want_expect \
			" is not followed by an `expect` that backs it")
	if (!try_line) {
		problem(FNR, "no `try` exercise")
	} else {
		if (!ntry_expect)
			problem(try_line, "the try has no `#try expect` line: a test must be able " \
				"to check what it asks (lessons/README.md)")
		# every command or check the try text names is in the #try block
		rest = try_text
		while (match(rest, /`[^`]*`/)) {
			span = substr(rest, RSTART + 1, RLENGTH - 2)
			rest = substr(rest, RSTART + RLENGTH)
			if (span !~ /^(\$ |expect |break |delete|step until |continue)/)
				continue
			found = 0
			for (i = 1; i <= ntry; i++)
				if (index(tried[i], span) == 1)
					found = 1
			if (!found)
				problem(try_line, "the try says `" span "`, which no #try line does")
		}
	}
	exit bad
}
