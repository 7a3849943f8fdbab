// SPDX-License-Identifier: GPL-2.0
/*
 * cnet sock show: every socket of the namespace, as ss(8) lists them
 * ("ss -tuanoi" of cnet): the options, state names, columns, timer and
 * TCP information are ss's. The kernel filters (SOCK_GET's SOCK_KINDS,
 * SOCK_STATES, device); this file parses the command line into that
 * request and prints the answer.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <string.h>
#include <strings.h>

#include "cnet.h"

/* What a socket kind is called: ss's Netid column and its -t/-u/-w */
static const char *const sock_kinds[__CNET_SOCK_MAX] = {
	[CNET_SOCK_TCP]		= "tcp",
	[CNET_SOCK_UDP]		= "udp",
	[CNET_SOCK_RAW]		= "raw",
	[CNET_SOCK_PING]	= "ping",
};

/* ss's State column (sstate_name): a closed datagram socket is UNCONN */
static const char *const sock_states[__CNET_SOCK_ST_MAX] = {
	[CNET_SOCK_ST_ESTABLISHED]	= "ESTAB",
	[CNET_SOCK_ST_SYN_SENT]		= "SYN-SENT",
	[CNET_SOCK_ST_SYN_RECV]		= "SYN-RECV",
	[CNET_SOCK_ST_FIN_WAIT1]	= "FIN-WAIT-1",
	[CNET_SOCK_ST_FIN_WAIT2]	= "FIN-WAIT-2",
	[CNET_SOCK_ST_TIME_WAIT]	= "TIME-WAIT",
	[CNET_SOCK_ST_CLOSE]		= "UNCONN",
	[CNET_SOCK_ST_CLOSE_WAIT]	= "CLOSE-WAIT",
	[CNET_SOCK_ST_LAST_ACK]		= "LAST-ACK",
	[CNET_SOCK_ST_LISTEN]		= "LISTEN",
	[CNET_SOCK_ST_CLOSING]		= "CLOSING",
	[CNET_SOCK_ST_NEW_SYN_RECV]	= "SYN-RECV",
};

/* ss's timer names (tmr_name) */
static const char *const sock_timers[__CNET_SOCK_TIMER_MAX] = {
	[CNET_SOCK_TIMER_OFF]		= "off",
	[CNET_SOCK_TIMER_ON]		= "on",
	[CNET_SOCK_TIMER_KEEPALIVE]	= "keepalive",
	[CNET_SOCK_TIMER_TIMEWAIT]	= "timewait",
	[CNET_SOCK_TIMER_PROBE]		= "persist",
};

#define ST(s)		(1u << CNET_SOCK_ST_##s)
#define SS_ALL		((1u << __CNET_SOCK_ST_MAX) - 2)
#define SS_SYN_RECV	(ST(SYN_RECV) | ST(NEW_SYN_RECV))
/* ss's default: connections, not listeners, closed or half-made ones */
#define SS_CONN		(SS_ALL & ~(ST(LISTEN) | ST(CLOSE) | ST(TIME_WAIT) | \
				    SS_SYN_RECV))
#define SS_LISTENING	(ST(LISTEN) | ST(CLOSE))

/* ss's state filter words (man ss: STATE-FILTER) */
static const struct {
	const char *name;
	uint32_t states;
} state_words[] = {
	{ "all",		SS_ALL },
	{ "connected",		SS_ALL & ~(ST(LISTEN) | ST(CLOSE)) },
	{ "synchronized",	SS_ALL & ~(ST(LISTEN) | ST(CLOSE) |
					   ST(SYN_SENT)) },
	{ "bucket",		SS_SYN_RECV | ST(TIME_WAIT) },
	{ "big",		SS_ALL & ~(SS_SYN_RECV | ST(TIME_WAIT)) },
	{ "established",	ST(ESTABLISHED) },
	{ "syn-sent",		ST(SYN_SENT) },
	{ "syn-recv",		SS_SYN_RECV },
	{ "fin-wait-1",		ST(FIN_WAIT1) },
	{ "fin-wait-2",		ST(FIN_WAIT2) },
	{ "time-wait",		ST(TIME_WAIT) },
	{ "closed",		ST(CLOSE) },
	{ "unconnected",	ST(CLOSE) },
	{ "close-wait",		ST(CLOSE_WAIT) },
	{ "last-ack",		ST(LAST_ACK) },
	{ "listening",		ST(LISTEN) },
	{ "listen",		ST(LISTEN) },
	{ "closing",		ST(CLOSING) },
};

/* A state filter word: its states, 0 if unknown. */
uint32_t sock_state_word(const char *word)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(state_words); i++)
		if (!strcasecmp(word, state_words[i].name))
			return state_words[i].states;
	return 0;
}

/*
 * ss's way with a timer (print_ms_timer): "200ms", "1.500ms" (1.5 s),
 * "12sec", "1min30sec", "15min". @buf has 32 bytes.
 */
const char *sock_format_ms(uint32_t ms, char *buf)
{
	unsigned long minutes = ms / 60000, secs = ms / 1000 % 60;
	unsigned long msecs = ms % 1000;
	char *p = buf;

	*p = '\0';
	if (minutes) {
		msecs = 0;
		p += sprintf(p, "%lumin", minutes);
		if (minutes > 9)
			secs = 0;
	}
	if (secs) {
		if (secs > 9)
			msecs = 0;
		p += sprintf(p, "%lu%s", secs, msecs ? "." : "sec");
	}
	if (msecs)
		p += sprintf(p, "%03lums", msecs);
	if (p == buf)
		strcpy(buf, "0ms");
	return buf;
}

/*
 * Parse "sock show"'s arguments into @o. ss's options, alone or
 * together ("-tuanoi"), then "state STATE"... and "dev DEV". Returns 0 or
 * the exit status after printing the error.
 */
int sock_parse(int argc, char **argv, struct sock_opts *o)
{
	uint32_t st;
	const char *p;

	memset(o, 0, sizeof(*o));
	for (; argc > 0; argc--, argv++) {
		const char *arg = *argv;

		if (arg[0] == '-' && arg[1] && arg[1] != '-') {
			for (p = arg + 1; *p; p++) {
				switch (*p) {
				case 't':
					o->kinds |= 1u << CNET_SOCK_TCP;
					break;
				case 'u':
					o->kinds |= 1u << CNET_SOCK_UDP;
					break;
				case 'w':
					o->kinds |= 1u << CNET_SOCK_RAW;
					break;
				case 'P':
					o->kinds |= 1u << CNET_SOCK_PING;
					break;
				case 'a':	/* as ss: the last of -a, -l */
					o->all = true;
					o->listening = false;
					break;
				case 'l':
					o->listening = true;
					o->all = false;
					break;
				case 'n':	/* always numeric */
					break;
				case 'i':
					o->flags |= SOCK_SHOW_INFO;
					break;
				case 'o':
					o->flags |= SOCK_SHOW_TIMER;
					break;
				case 'e':
					o->flags |= SOCK_SHOW_EXT;
					break;
				case 'j':
					o->json = true;
					break;
				case 'p':
					return tool_usage_error("sock show: -p (processes) is not supported; ping sockets are -P");
				default:
					return tool_usage_error("sock show: unknown option \"-%c\"",
								*p);
				}
			}
		} else if (!strcmp(arg, "state")) {
			if (argc < 2)
				return tool_usage_error("sock show: \"state\" needs a state");
			argc--;
			argv++;
			st = sock_state_word(*argv);
			if (!st)
				return tool_usage_error("sock show: unknown state \"%s\" (see \"cnet help\")",
							*argv);
			o->states |= st;
		} else if (!strcmp(arg, "dev")) {
			if (o->dev)
				return tool_usage_error("sock show: \"dev\" given twice");
			if (argc < 2)
				return tool_usage_error("sock show: \"dev\" needs a device name");
			argc--;
			argv++;
			o->dev = *argv;
		} else {
			return tool_usage_error("sock show: unexpected argument \"%s\"",
						arg);
		}
	}
	if (!o->kinds)
		o->kinds = ((1u << __CNET_SOCK_MAX) - 2);
	/* as ss: an explicit state filter wins over -a and -l */
	if (!o->states)
		o->states = o->all ? SS_ALL :
			    o->listening ? SS_LISTENING : SS_CONN;
	/* Netid, as ss, only when more than one kind is shown */
	if (o->kinds & (o->kinds - 1))
		o->flags |= SOCK_SHOW_NETID;
	return 0;
}

/* "ADDR[%DEV]:PORT" as ss: port "*" when none. @buf has 64 bytes. */
static const char *sock_endpoint(const struct nlattr *addr, const char *dev,
				 bool has_port, unsigned int port, char *buf)
{
	char a[INET_ADDRSTRLEN] = "0.0.0.0";

	if (addr)
		format_in_addr(addr, a);
	if (has_port && port)
		snprintf(buf, 64, "%s%s%s:%u", a, dev ? "%" : "", dev ?: "",
			 port);
	else
		snprintf(buf, 64, "%s%s%s:*", a, dev ? "%" : "", dev ?: "");
	return buf;
}

static uint32_t attr_u32(const struct nlattr **tb, int type)
{
	return tb[type] ? mnl_attr_get_u32(tb[type]) : 0;
}

static uint64_t attr_u64(const struct nlattr **tb, int type)
{
	return tb[type] ? mnl_attr_get_u64(tb[type]) : 0;
}

static uint8_t attr_u8(const struct nlattr **tb, int type)
{
	return tb[type] ? mnl_attr_get_u8(tb[type]) : 0;
}

/* The column header, for text output. */
void sock_show_header(FILE *fp, unsigned int flags)
{
	if (flags & SOCK_SHOW_NETID)
		fprintf(fp, "%-5s ", "Netid");
	fprintf(fp, "%-10s %-6s %-6s %-27s %s\n", "State", "Recv-Q",
		"Send-Q", "Local Address:Port", "Peer Address:Port");
}

/* TCP's numbers, by attribute: a TIME-WAIT entry has only its timer's */
static const struct {
	uint16_t type;
	const char *name;
} sock_tcp_attrs[] = {
	{ CNET_A_SOCK_TCP_TIMER_MS,		"timer_ms" },
	{ CNET_A_SOCK_TCP_RETRANSMITS,		"retransmits" },
	{ CNET_A_SOCK_TCP_RTT_US,		"rtt_us" },
	{ CNET_A_SOCK_TCP_RTTVAR_US,		"rttvar_us" },
	{ CNET_A_SOCK_TCP_RTO_US,		"rto_us" },
	{ CNET_A_SOCK_TCP_SND_MSS,		"snd_mss" },
	{ CNET_A_SOCK_TCP_RCV_MSS,		"rcv_mss" },
	{ CNET_A_SOCK_TCP_SND_CWND,		"snd_cwnd" },
	{ CNET_A_SOCK_TCP_SND_SSTHRESH,		"snd_ssthresh" },
	{ CNET_A_SOCK_TCP_UNACKED,		"unacked" },
	{ CNET_A_SOCK_TCP_TOTAL_RETRANS,	"total_retrans" },
	{ CNET_A_SOCK_TCP_BYTES_ACKED,		"bytes_acked" },
	{ CNET_A_SOCK_TCP_BYTES_RECEIVED,	"bytes_received" },
};

static uint64_t attr_uint(const struct nlattr *a)
{
	switch (mnl_attr_get_payload_len(a)) {
	case 1:
		return mnl_attr_get_u8(a);
	case 4:
		return mnl_attr_get_u32(a);
	default:
		return mnl_attr_get_u64(a);
	}
}

static void sock_json_tcp(struct json *j, const struct nlattr **tb)
{
	uint8_t timer = attr_u8(tb, CNET_A_SOCK_TCP_TIMER);
	size_t i;

	json_key(j, "tcp");
	json_open_object(j);
	json_kv_string(j, "timer", ENUM_NAME(sock_timers, timer, "unknown"));
	if (tb[CNET_A_SOCK_TCP_CONG] &&
	    mnl_attr_validate(tb[CNET_A_SOCK_TCP_CONG], MNL_TYPE_NUL_STRING) >= 0)
		json_kv_string(j, "cong", mnl_attr_get_str(tb[CNET_A_SOCK_TCP_CONG]));
	for (i = 0; i < ARRAY_SIZE(sock_tcp_attrs); i++)
		if (tb[sock_tcp_attrs[i].type])
			json_kv_uint(j, sock_tcp_attrs[i].name,
				     attr_uint(tb[sock_tcp_attrs[i].type]));
	json_close_object(j);
}

static void sock_json(struct json *j, const struct nlattr **tb,
		      const char *kind, const char *state, const char *dev)
{
	char a[INET_ADDRSTRLEN];

	json_open_object(j);
	json_kv_string(j, "netid", kind);
	json_kv_string(j, "state", state);
	json_kv_uint(j, "recv_q", attr_u32(tb, CNET_A_SOCK_RQUEUE));
	json_kv_uint(j, "send_q", attr_u32(tb, CNET_A_SOCK_WQUEUE));
	json_kv_string(j, "local_addr", tb[CNET_A_SOCK_LADDR] ?
		       format_in_addr(tb[CNET_A_SOCK_LADDR], a) : "0.0.0.0");
	if (tb[CNET_A_SOCK_LPORT])
		json_kv_uint(j, "local_port",
			     mnl_attr_get_u16(tb[CNET_A_SOCK_LPORT]));
	json_kv_string(j, "peer_addr", tb[CNET_A_SOCK_RADDR] ?
		       format_in_addr(tb[CNET_A_SOCK_RADDR], a) : "0.0.0.0");
	if (tb[CNET_A_SOCK_RPORT])
		json_kv_uint(j, "peer_port",
			     mnl_attr_get_u16(tb[CNET_A_SOCK_RPORT]));
	if (tb[CNET_A_SOCK_PROTOCOL])
		json_kv_uint(j, "protocol",
			     mnl_attr_get_u8(tb[CNET_A_SOCK_PROTOCOL]));
	if (dev)
		json_kv_string(j, "dev", dev);
	json_kv_uint(j, "uid", attr_u32(tb, CNET_A_SOCK_UID));
	json_kv_uint(j, "inode", attr_u64(tb, CNET_A_SOCK_INODE));
	if (tb[CNET_A_SOCK_TCP_TIMER])
		sock_json_tcp(j, tb);
	json_close_object(j);
}

/* ss -o's "timer:(on,200ms,0)", ss -e's " uid:N ino:N", ss -i's line */
static void sock_text_extra(FILE *fp, const struct nlattr **tb,
			    unsigned int flags)
{
	uint8_t timer = attr_u8(tb, CNET_A_SOCK_TCP_TIMER);
	uint32_t v, w;
	char t[32];

	if ((flags & SOCK_SHOW_TIMER) && timer)
		fprintf(fp, " timer:(%s,%s,%u)",
			ENUM_NAME(sock_timers, timer, "unknown"),
			sock_format_ms(attr_u32(tb, CNET_A_SOCK_TCP_TIMER_MS), t),
			attr_u8(tb, CNET_A_SOCK_TCP_RETRANSMITS));
	if (flags & SOCK_SHOW_EXT) {
		if (attr_u32(tb, CNET_A_SOCK_UID))
			fprintf(fp, " uid:%u", attr_u32(tb, CNET_A_SOCK_UID));
		fprintf(fp, " ino:%llu",
			(unsigned long long)attr_u64(tb, CNET_A_SOCK_INODE));
	}
	fputc('\n', fp);
	/* a TIME-WAIT entry has no such numbers */
	if (!(flags & SOCK_SHOW_INFO) || !tb[CNET_A_SOCK_TCP_RTO_US])
		return;
	fputc('\t', fp);
	/* the algorithm first, as ss: "cubic rto:..." */
	if (tb[CNET_A_SOCK_TCP_CONG] &&
	    mnl_attr_validate(tb[CNET_A_SOCK_TCP_CONG], MNL_TYPE_NUL_STRING) >= 0)
		fprintf(fp, " %s", mnl_attr_get_str(tb[CNET_A_SOCK_TCP_CONG]));
	fprintf(fp, " rto:%g rtt:%g/%g mss:%u rcvmss:%u cwnd:%u",
		attr_u32(tb, CNET_A_SOCK_TCP_RTO_US) / 1000.0,
		attr_u32(tb, CNET_A_SOCK_TCP_RTT_US) / 1000.0,
		attr_u32(tb, CNET_A_SOCK_TCP_RTTVAR_US) / 1000.0,
		attr_u32(tb, CNET_A_SOCK_TCP_SND_MSS),
		attr_u32(tb, CNET_A_SOCK_TCP_RCV_MSS),
		attr_u32(tb, CNET_A_SOCK_TCP_SND_CWND));
	v = attr_u32(tb, CNET_A_SOCK_TCP_SND_SSTHRESH);
	if (v < 0xffff)		/* as ss: not the "infinite" start value */
		fprintf(fp, " ssthresh:%u", v);
	fprintf(fp, " bytes_acked:%llu bytes_received:%llu",
		(unsigned long long)attr_u64(tb, CNET_A_SOCK_TCP_BYTES_ACKED),
		(unsigned long long)attr_u64(tb, CNET_A_SOCK_TCP_BYTES_RECEIVED));
	v = attr_u32(tb, CNET_A_SOCK_TCP_UNACKED);
	if (v)
		fprintf(fp, " unacked:%u", v);
	v = attr_u8(tb, CNET_A_SOCK_TCP_RETRANSMITS);
	w = attr_u32(tb, CNET_A_SOCK_TCP_TOTAL_RETRANS);
	if (v || w)
		fprintf(fp, " retrans:%u/%u", v, w);
	fputc('\n', fp);
}

/*
 * One socket, as ss prints it:
 * "udp   ESTAB      0      0      10.0.1.1:5000        10.0.1.2:7"
 * Raw sockets show their IP protocol where the port goes (as ss -n).
 */
int sock_show_cb(const struct nlmsghdr *nlh, void *data)
{
	const struct nlattr *tb[CNET_A_MAX + 1];
	struct cnet_show *s = data;
	char ifname[IFNAMSIZ], local[64], peer[64];
	const char *kind, *state, *dev = NULL;
	bool raw;

	if (cnet_parse_attrs(nlh, tb) < 0)
		return MNL_CB_ERROR;
	if (!tb[CNET_A_SOCK_KIND] || !tb[CNET_A_SOCK_STATE]) {
		errno = EBADMSG;
		return MNL_CB_ERROR;
	}
	kind = ENUM_NAME(sock_kinds, mnl_attr_get_u8(tb[CNET_A_SOCK_KIND]),
			 "?");
	state = ENUM_NAME(sock_states, mnl_attr_get_u8(tb[CNET_A_SOCK_STATE]),
			  "UNKNOWN");
	if (tb[CNET_A_IFINDEX] || tb[CNET_A_IFNAME])
		dev = format_ifname(tb, ifname);
	if (s->json) {
		sock_json(s->json, tb, kind, state, dev);
		return MNL_CB_OK;
	}

	raw = tb[CNET_A_SOCK_PROTOCOL] && !tb[CNET_A_SOCK_LPORT];
	sock_endpoint(tb[CNET_A_SOCK_LADDR], dev, true,
		      raw ? mnl_attr_get_u8(tb[CNET_A_SOCK_PROTOCOL]) :
			    tb[CNET_A_SOCK_LPORT] ?
			    mnl_attr_get_u16(tb[CNET_A_SOCK_LPORT]) : 0,
		      local);
	sock_endpoint(tb[CNET_A_SOCK_RADDR], NULL, !!tb[CNET_A_SOCK_RPORT],
		      tb[CNET_A_SOCK_RPORT] ?
		      mnl_attr_get_u16(tb[CNET_A_SOCK_RPORT]) : 0, peer);
	if (s->flags & SOCK_SHOW_NETID)
		fprintf(s->fp, "%-5s ", kind);
	fprintf(s->fp, "%-10s %-6u %-6u %-27s %s", state,
		attr_u32(tb, CNET_A_SOCK_RQUEUE),
		attr_u32(tb, CNET_A_SOCK_WQUEUE), local, peer);
	sock_text_extra(s->fp, tb, s->flags);
	return MNL_CB_OK;
}

static int sock_show(struct cnet *c, int argc, char **argv)
{
	struct sock_opts o;
	unsigned int ifindex = 0;
	struct nlmsghdr *nlh;
	struct genl *g;
	int err;

	err = sock_parse(argc, argv, &o);
	if (!err && o.dev)
		err = parse_dev(o.dev, &ifindex);
	if (err)
		return err;
	if (o.json)
		c->json = true;
	g = cnet_genl(c);
	if (!g)
		return EXIT_ERR;
	nlh = genl_msg(g, CNET_CMD_SOCK_GET, NLM_F_DUMP);
	mnl_attr_put_u32(nlh, CNET_A_SOCK_KINDS, o.kinds);
	mnl_attr_put_u32(nlh, CNET_A_SOCK_STATES, o.states);
	if (o.dev)
		cnet_request_dev(nlh, ifindex, o.dev);
	if (!c->json)
		sock_show_header(stdout, o.flags);
	return cnet_show_msg_flags(c, nlh, true, sock_show_cb, 0, o.flags);
}

static const struct cnet_subcmd sock_cmds[] = {
	{ "show", 1, sock_show },
	{ "list", 1, sock_show },
	{ "ls", 2, sock_show },
};

int do_sock(struct cnet *c, int argc, char **argv)
{
	return cnet_dispatch(c, "sock", sock_cmds, ARRAY_SIZE(sock_cmds),
			     argc, argv);
}
