#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The man pages (Documentation/man/) are lint clean and have not fallen
# behind the tools:
#   - every page: no message from "mandoc -Tlint" nor "groff -wall"
#     (for PostScript and for a terminal, as man(1) formats it);
#   - every program make installs (PROGS in tools/Makefile) has a page;
#   - every option a program accepts (its getopt() string, the options
#     its usage text lists, the long options it compares with strcmp())
#     is the tag of an option paragraph (.TP) of its page;
#   - every word the cnet command line knows (objects, commands,
#     keywords, settings) and every word it prints (field names, states,
#     JSON keys) appears in cnet(8).
# Run from anywhere; MANDIR=DIR checks the pages in DIR instead, and
# TOOLSDIR=DIR against the sources in DIR. The self-test, --self-test,
# does so with pages it breaks and sources it extends on purpose, and
# fails unless each is caught.
set -u
tools=${TOOLSDIR:-$(cd "$(dirname "$0")/.." && pwd)}
mandir=${MANDIR:-$tools/../Documentation/man}

fail=0
pass=0
bad() {
	echo "check-man: $*"
	fail=$((fail + 1))
}

# ---- lint ------------------------------------------------------------------

lint() {
	local page out
	for tool in mandoc groff; do
		command -v $tool > /dev/null ||
			{ bad "$tool not installed (selftests/vm/deps.sh man)"; return; }
	done
	for page in "$mandir"/*.[1-8]; do
		# groff's line breaking depends on the device: man's too
		out=$(mandoc -Tlint "$page" 2>&1;
		      groff -wall -man -t -z "$page" 2>&1;
		      groff -wall -man -t -z -Tutf8 "$page" 2>&1)
		if [ -n "$out" ]; then
			bad "${page##*/}: not lint clean:"
			printf '    %s\n' "${out//$'\n'/$'\n'    }"
		else
			pass=$((pass + 1))
		fi
	done
}

# ---- what a page documents -------------------------------------------------

# The text of roff source on stdin, escapes removed: \- is -, no font changes.
plain() {
	sed -e 's/\\f[BIRP]//g' -e 's/\\-/-/g' -e 's/\\(..//g' -e 's/\\&//g' \
	    -e 's/\\c$//' -e 's/"//g'
}

# The options PAGE documents: the -x and --xx words of each .TP tag line.
page_options() {
	awk '/^\.TP/ { if (getline > 0) print }' "$1" | plain |
		grep -oE '(^|[][ ,|])--?[A-Za-z0-9][A-Za-z0-9-]*' |
		sed 's/^[][ ,|]//' | sort -u
}

# ---- what a program accepts ------------------------------------------------

# The options the sources FILE... accept: getopt() strings, the option
# column of the usage text ("  -c COUNT   ...") and its option clusters
# ("[-qR]"), strcmp() with "-..".
source_options() {
	local long
	long=$(grep -ohE 'strcmp\([^,]+, "--?[A-Za-z0-9][A-Za-z0-9-]*"\)' "$@" |
		sed -E 's/.*"(.*)"\)/\1/')
	{
		grep -ohE 'getopt\([^"]*"[^"]*"' "$@" |
			sed -E 's/.*"(.*)"/\1/; s/://g' | grep -o . |
			sed 's/^/-/'
		grep -hE '^[[:space:]]*"[[:space:]]+-' "$@" |
			sed -E 's/^[[:space:]]*"[[:space:]]+//; s/  .*//' |
			grep -oE -- '(^|[ ,])--?[A-Za-z0-9][A-Za-z0-9-]*' |
			sed 's/^[ ,]//'
		# clusters of the usage synopses: "[-qR]" (but not "[-force]",
		# a long option the program compares whole)
		grep -ohE '(^|[ "])\[-[A-Za-z0-9]+\]' "$@" | tr -d ' "[]' |
			grep -vxF -e "$long" | tr -d - | grep -o . |
			sed 's/^/-/'
		echo "$long"
	} | sort -u
}

# check_options PAGE FILE...: every option of FILE... is documented in PAGE.
check_options() {
	local page=$1 opt missing=()
	shift
	local documented
	documented=$(page_options "$page")
	for opt in $(source_options "$@"); do
		grep -qxF -- "$opt" <<< "$documented" || missing+=("$opt")
	done
	if [ ${#missing[@]} -gt 0 ]; then
		bad "${page##*/}: options not documented: ${missing[*]}"
	else
		pass=$((pass + 1))
	fi
}

# The words the cnet command line knows and prints, from its sources.
cnet_words() {
	{
		# command tables: { "name", ... } (objects and commands)
		grep -ohE '\{ "[a-z_]+",' "$@" | sed -E 's/\{ "(.*)",/\1/'
		# keywords compared with strcmp() or matches()
		grep -ohE '(strcmp|matches)\([^,]+, "[A-Za-z_][A-Za-z0-9_]*"' "$@" |
			sed -E 's/.*"(.*)"/\1/'
		# JSON keys
		grep -ohE 'json_(kv_[a-z]+|key)\([^,]+, "[a-z_]+"' "$@" |
			sed -E 's/.*"(.*)"/\1/'
		# names of values: [CNET_X] = "name", { CNET_X, "name" }
		grep -ohE '\[CNET_[A-Z_]+\][[:space:]]*= "[A-Za-z_]+"' "$@" |
			sed -E 's/.*"(.*)"/\1/'
		grep -ohE '\{ CNET_[A-Z_]+, "[A-Za-z_]+" \}' "$@" |
			sed -E 's/.*"(.*)" \}/\1/'
		# the words of what "show" prints
		grep -ohE 'fprintf\(s->fp, "[^"]*"|fputs\("[^"]*", s->fp\)' "$@" |
			sed -E 's/^[^"]*"//; s/".*//; s/\\n/ /g; s/%[a-z0-9]+//g' |
			grep -oE '[A-Za-z_][A-Za-z_0-9]+'
	} | sort -u
}

# The words of the usage synopsis (between "Usage:" and "Options:").
cnet_usage_words() {
	sed -n '/"Usage: cnet/,/"Options:/p' "$@" |
		sed -E 's/^[^"]*"//; s/\\n.*//; s/xx(:xx)+//g' |
		grep -oE '(^|[^A-Za-z0-9_.:-])[a-z][a-z_0-9]+' |
		sed -E 's/^[^a-z]//' | sort -u
}

# check_words PAGE WORD...: each WORD appears in PAGE as a word.
check_words() {
	local page=$1 text w missing=()
	shift
	text=$(plain < "$page")
	for w in "$@"; do
		grep -qE "(^|[^A-Za-z0-9_])$w([^A-Za-z0-9_]|\$)" <<< "$text" ||
			missing+=("$w")
	done
	if [ ${#missing[@]} -gt 0 ]; then
		bad "${page##*/}: words of cnet not in the page: ${missing[*]}"
	else
		pass=$((pass + 1))
	fi
}

# ---- the checks --------------------------------------------------------------

drift() {
	local progs prog page objs srcs
	progs=$(sed -n 's/^PROGS[[:space:]]*:=//p' "$tools/Makefile")
	[ -n "$progs" ] || bad "no PROGS in tools/Makefile"
	for prog in $progs; do
		page=
		for f in "$mandir/$prog".[18]; do
			[ -f "$f" ] && { page=$f; break; }
		done
		if [ -z "$page" ]; then
			bad "$prog: no man page in ${mandir#"$tools/../"}"
			continue
		fi
		# The sources of the program's command line.
		case $prog in
		cnet)
			objs=$(sed -n '/^CNET_OBJS/,/^[^[:space:]]/p' \
				"$tools/Makefile" | grep -oE '[a-z_]+\.o')
			srcs=()
			for o in $objs; do srcs+=("$tools/${o%.o}.c"); done
			check_options "$page" "$tools/cnet.c"
			# shellcheck disable=SC2046
			check_words "$page" $(cnet_words "${srcs[@]}") \
				$(cnet_usage_words "${srcs[@]}")
			;;
		cnet-ping)	check_options "$page" "$tools/ping.c" ;;
		cnet-traceroute) check_options "$page" "$tools/trace.c" ;;
		cnet-nc)	check_options "$page" "$tools/nc.c" "$tools/cnet-nc.c" ;;
		*)		check_options "$page" "$tools/$prog.c" ;;
		esac
	done
}

self_test() {
	local tmp rc
	tmp=$(mktemp -d)
	trap 'rm -rf "$tmp"' RETURN
	# break NAME FILE SED-SCRIPT: a copy of the pages with FILE edited
	# must fail the check.
	brk() {
		rm -rf "$tmp/man"
		cp -r "$mandir" "$tmp/man"
		sed -i "$3" "$tmp/man/$2"
		cmp -s "$mandir/$2" "$tmp/man/$2" &&
			{ bad "self-test $1: the edit changed nothing"; return; }
		MANDIR=$tmp/man "$0" > "$tmp/out" 2>&1
		rc=$?
		if [ $rc -ne 0 ] && grep -q "$2" "$tmp/out"; then
			pass=$((pass + 1))
		else
			bad "self-test $1: not caught (status $rc)"
			sed 's/^/    /' "$tmp/out"
		fi
	}
	brk "an option gone" cnet-ping.8 '/^\.BI \\-W " timeout"$/d'
	brk "a long option gone" cnet-nc.1 's/^\.BR \\-h ", " \\-\\-help$/.B \\-h/'
	brk "a command gone" cnet.8 's/replace/REPLACE/g'
	brk "a JSON key gone" cnet.8 's/age_ms/age/g'
	rm -rf "$tmp/man"
	cp -r "$mandir" "$tmp/man"
	rm "$tmp/man/cnet-dhcp.8"
	if ! MANDIR=$tmp/man "$0" > "$tmp/out" 2>&1 &&
	   grep -q 'cnet-dhcp: no man page' "$tmp/out"; then
		pass=$((pass + 1))
	else
		bad "self-test a page gone: not caught"
		sed 's/^/    /' "$tmp/out"
	fi
	brk "a lint warning" cnet.7 's/^\.SH ERRORS$/.SH ERRORS\n.PP/'

	# grow FILE SED-SCRIPT WHAT: sources with FILE edited must fail the
	# check, naming WHAT.
	grow() {
		rm -rf "$tmp/tools"
		mkdir "$tmp/tools"
		cp "$tools"/*.c "$tools"/*.h "$tools/Makefile" "$tmp/tools/"
		sed -i "$2" "$tmp/tools/$1"
		if ! TOOLSDIR=$tmp/tools MANDIR=$mandir "$0" > "$tmp/out" 2>&1 &&
		   grep -qE -- "[ :]$3( |\$)" "$tmp/out"; then
			pass=$((pass + 1))
		else
			bad "self-test $1 grows $3: not caught"
			sed 's/^/    /' "$tmp/out"
		fi
	}
	grow ping.c 's/":c:i:W:s:t:qRh"/":c:i:W:s:t:qRhX"/' -X
	grow cnet-resolve.c 's/"--help"/"--version"/' --version
	grow cnet.c 's/^\t{ "link",\tdo_link },$/&\n\t{ "frob",\tdo_link },/' frob
	grow route.c 's/"preference"/"weight"/' weight
	grow neigh.c 's/"age_ms"/"age_s"/' age_s
}

if [ "${1:-}" = --self-test ]; then
	self_test
	echo "check-man self-test: $pass passed, $fail failed"
else
	lint
	drift
	echo "check-man: $pass passed, $fail failed"
fi
[ $fail -eq 0 ]
