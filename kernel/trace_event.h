/*
 * kernel/trace_event.h - how events are declared: TRACE_EVENT and
 * TRACE_NOTE_EVENT, in the manner of the kernel's include/trace/ftrace.h.
 *
 * A subsystem's events live in one header, events/<subsystem>.h:
 *
 *	TRACE_EVENT(igb_tx_map, "drivers/net/ethernet/intel/igb/igb_main.c", TP_NOT_INLINE,
 *		TP_PROTO(struct igb_ring *tx_ring, struct igb_tx_buffer *first, u16 i),
 *		TP_HOST(tx_ring->net),
 *		TP_SKB(first->skb),
 *		TP_STRUCT(
 *			tp_u32(ntu)
 *			tp_u32(len)),
 *		TP_ASSIGN(
 *			__entry->ntu = i;
 *			__entry->len = first->skb->len;))
 *	#define trace_igb_tx_map(...) TP_FUNC(igb_tx_map, __VA_ARGS__)
 *
 * and the function's first line is trace_igb_tx_map(tx_ring, first, i);
 * A note is the same with TRACE_NOTE_EVENT (no inline flag) and TP_NOTE:
 * it can appear anywhere in a function, as often as needed.
 *
 * Events that print the same fields share a class, as in the kernel:
 *
 *	DECLARE_EVENT_CLASS(skb_put_ref, TP_PROTO(...), TP_HOST(...), TP_SKB(...),
 *		TP_STRUCT(...), TP_ASSIGN(...))
 *	DEFINE_EVENT(skb_put_ref, kfree_skb, "net/core/skbuff.c", TP_NOT_INLINE,
 *		TP_PROTO(const struct sk_buff *skb), TP_ARGS(skb))
 *	#define trace_kfree_skb(...) TP_FUNC(kfree_skb, __VA_ARGS__)
 *
 * (DEFINE_NOTE_EVENT for a note).  A reader gets an event's fields with
 * TP_DATA(ev, kfree_skb), typed tp_data_kfree_skb.  Unlike the kernel's,
 * an event's TP_PROTO may differ from its class's: TP_ARGS then says what
 * it hands the class, TP_ARGS(adapter->netdev) or a reason word that never
 * changes (events/common.h holds the classes several subsystems share).
 *
 * TP_HOST names the host whose CPU runs the event, TP_SKB the skb it is
 * about (NULL for none).  TP_STRUCT lists the fields in print order;
 * they are stored packed, so an event's fields take at most
 * TRACE_DATA_MAX (40) bytes.  TP_ASSIGN fills them through __entry and
 * runs only when somebody listens, so it may do work (look up a name)
 * but must have no side effects.
 *
 * Field types (the name is the member of tp_data_<event>):
 *	tp_u8(n) tp_u16(n) tp_u32(n) tp_u64(n)	unsigned, decimal
 *	tp_s8(n) tp_s16(n) tp_s32(n) tp_s64(n)	signed, decimal
 *	tp_x8(n) tp_x16(n) tp_x32(n) tp_x64(n)	hex, 0x...
 *	tp_x32w(n, digits)			u32 hex with leading zeros, 0x%0<digits>x
 *	tp_ip4(n)				__be32 address, dotted quad
 *	tp_mac(n)				u8[6], aa:bb:cc:dd:ee:ff
 *	tp_mac0(n)				u8[7], "none" unless set (tp_set_mac0)
 *	tp_str(n)				const char * that outlives the trace
 *	tp_bare_str(n)				a tp_str printed without "n="
 *	tp_enum(n, name_of) tp_enum8(n, name_of)	u32 / u8 printed by
 *						const char *name_of(u32) (NULL: decimal)
 *	tp_bare_enum8(n, name_of)		a tp_enum8 printed without "n="
 *	tp_skb(n)				u32 skb id, "skb#N"
 *	tp_custom(n, ctype, print)		ctype printed by
 *						void print(struct trace_buf *, const void *)
 *
 * The header is read three times: normally (the structs and the inline
 * recording functions), then by kernel/trace_events.c to define each
 * event's descriptor and the table of all events.
 */
#ifndef NETSTEP_KERNEL_TRACE_EVENT_H
#define NETSTEP_KERNEL_TRACE_EVENT_H

#include "kernel/engine.h"
#include "kernel/trace.h"
#include "layers/net_namespace.h"
#include "layers/skbuff.h"

#include <string.h>

#define TP_INLINE	true		/* 3.10 declares it static inline */
#define TP_NOT_INLINE	false

/* The trace of @net when somebody listens, else NULL: the whole cost of a
 * tracepoint while nobody does. */
static inline struct trace *
tp_trace(const struct net *net)
{
	struct trace *tr = net ? net->eng->trace : NULL;

	return tr && tr->on ? tr : NULL;
}

/* A tp_mac0 field: the address, or "none". */
static inline void
tp_set_mac0(u8 *field, const u8 *mac)
{
	if (mac) {
		memcpy(field, mac, 6);
		field[6] = 1;
	} else {
		memset(field, 0, 7);
	}
}

/* Call sites (the trace_<event>() macros of events/ expand to these). */
#define TP_SITE_INIT(name)							\
	{ &tp_ev_##name, __FILE__, __func__, KSRC, __LINE__ }
#define TP_FUNC(name, ...)							\
	static const struct tp_site __tp_site = TP_SITE_INIT(name);		\
	struct tp_scope __tp_scope __attribute__((cleanup(tp_scope_exit), unused)) = \
		{ tp_record_##name(&__tp_site, __VA_ARGS__) }
#define TP_NOTE(name, ...)							\
	do {									\
		static const struct tp_site __tp_nsite = TP_SITE_INIT(name);	\
		(void)tp_record_##name(&__tp_nsite, __VA_ARGS__);		\
	} while (0)

#endif /* NETSTEP_KERNEL_TRACE_EVENT_H */

/* ---- the passes: re-read for each events/ header ---------------------------- */

#undef TRACE_EVENT
#undef TRACE_NOTE_EVENT
#undef DECLARE_EVENT_CLASS
#undef DEFINE_EVENT
#undef DEFINE_NOTE_EVENT
#undef tp_u8
#undef tp_u16
#undef tp_u32
#undef tp_u64
#undef tp_s8
#undef tp_s16
#undef tp_s32
#undef tp_s64
#undef tp_x8
#undef tp_x16
#undef tp_x32
#undef tp_x64
#undef tp_x32w
#undef tp_ip4
#undef tp_mac
#undef tp_mac0
#undef tp_str
#undef tp_bare_str
#undef tp_enum
#undef tp_enum8
#undef tp_bare_enum8
#undef tp_skb
#undef tp_custom

#define TP_PROTO(...)	__VA_ARGS__
#define TP_HOST(x)	x
#define TP_SKB(x)	x
#define TP_STRUCT(...)	__VA_ARGS__
#define TP_ASSIGN(...)	__VA_ARGS__
#define TP_ARGS(...)	__VA_ARGS__

#if defined(TP_PASS_DESC)

/* Pass 2: each field's descriptor, each event's descriptor. */
/* strlen of a field's name; a name that leaves no room for its NUL in
 * struct trace_field's array does not compile (negative array size). */
#define TP_NAMELEN(n)								\
	(sizeof(#n) - 1 + 0 * sizeof(char[sizeof(#n) <= TRACE_FIELD_NAME_MAX ? 1 : -1]))
#define TP_F(n, type, ctype, w, bare, fmt)					\
	{ #n, TP_NAMELEN(n), type, sizeof(ctype), w, bare, { fmt } },
#define tp_u8(n)		TP_F(n, TF_UINT, u8, 0, false, NULL)
#define tp_u16(n)		TP_F(n, TF_UINT, u16, 0, false, NULL)
#define tp_u32(n)		TP_F(n, TF_UINT, u32, 0, false, NULL)
#define tp_u64(n)		TP_F(n, TF_UINT, u64, 0, false, NULL)
#define tp_s8(n)		TP_F(n, TF_SINT, s8, 0, false, NULL)
#define tp_s16(n)		TP_F(n, TF_SINT, s16, 0, false, NULL)
#define tp_s32(n)		TP_F(n, TF_SINT, s32, 0, false, NULL)
#define tp_s64(n)		TP_F(n, TF_SINT, s64, 0, false, NULL)
#define tp_x8(n)		TP_F(n, TF_HEX, u8, 0, false, NULL)
#define tp_x16(n)		TP_F(n, TF_HEX, u16, 0, false, NULL)
#define tp_x32(n)		TP_F(n, TF_HEX, u32, 0, false, NULL)
#define tp_x64(n)		TP_F(n, TF_HEX, u64, 0, false, NULL)
#define tp_x32w(n, w)		TP_F(n, TF_HEX, u32, w, false, NULL)
#define tp_ip4(n)		TP_F(n, TF_IP4, __be32, 0, false, NULL)
#define tp_mac(n)		TP_F(n, TF_MAC, u8[6], 0, false, NULL)
#define tp_mac0(n)		TP_F(n, TF_MAC0, u8[7], 0, false, NULL)
#define tp_str(n)		TP_F(n, TF_STR, const char *, 0, false, NULL)
#define tp_bare_str(n)		TP_F(n, TF_STR, const char *, 0, true, NULL)
#define tp_enum(n, f)		{ #n, TP_NAMELEN(n), TF_ENUM, sizeof(u32), 0, false, { .name_of = f } },
#define tp_enum8(n, f)		{ #n, TP_NAMELEN(n), TF_ENUM, sizeof(u8), 0, false, { .name_of = f } },
#define tp_bare_enum8(n, f)	{ #n, TP_NAMELEN(n), TF_ENUM, sizeof(u8), 0, true, { .name_of = f } },
#define tp_skb(n)		TP_F(n, TF_SKB, u32, 0, false, NULL)
#define tp_custom(n, ct, f)	{ #n, TP_NAMELEN(n), TF_CUSTOM, sizeof(ct), 0, false, { .print = f } },

#define TP_DEFINE_FIELDS(cname, ...)						\
	static const struct trace_field tp_fields_##cname[] = {			\
		{ "", 0, TF_UINT, 0, 0, false, { NULL } }, __VA_ARGS__	\
	};
#define TP_DEFINE_DESC(cname, name, ksrc, note, inl)				\
	const struct trace_event_desc tp_ev_##name = {				\
		#name, ksrc, note, inl, sizeof(tp_data_##name),			\
		ARRAY_SIZE(tp_fields_##cname) - 1, tp_fields_##cname + 1,	\
		TP_STRINGIFY(TRACE_SYSTEM),					\
	};
#define TRACE_EVENT(name, ksrc, inl, proto, host, skb, fields, assign)	\
	TP_DEFINE_FIELDS(name, fields)						\
	TP_DEFINE_DESC(name, name, ksrc, false, inl)
#define TRACE_NOTE_EVENT(name, ksrc, proto, host, skb, fields, assign)	\
	TP_DEFINE_FIELDS(name, fields)						\
	TP_DEFINE_DESC(name, name, ksrc, true, false)
#define DECLARE_EVENT_CLASS(cname, proto, host, skb, fields, assign)	\
	TP_DEFINE_FIELDS(cname, fields)
#define DEFINE_EVENT(cname, name, ksrc, inl, proto, args)			\
	TP_DEFINE_DESC(cname, name, ksrc, false, inl)
#define DEFINE_NOTE_EVENT(cname, name, ksrc, proto, args)			\
	TP_DEFINE_DESC(cname, name, ksrc, true, false)

#elif defined(TP_PASS_TABLE)

/* Pass 3: the table of every event. */
#define tp_u8(...)
#define tp_u16(...)
#define tp_u32(...)
#define tp_u64(...)
#define tp_s8(...)
#define tp_s16(...)
#define tp_s32(...)
#define tp_s64(...)
#define tp_x8(...)
#define tp_x16(...)
#define tp_x32(...)
#define tp_x64(...)
#define tp_x32w(...)
#define tp_ip4(...)
#define tp_mac(...)
#define tp_mac0(...)
#define tp_str(...)
#define tp_bare_str(...)
#define tp_enum(...)
#define tp_enum8(...)
#define tp_bare_enum8(...)
#define tp_skb(...)
#define tp_custom(...)
#define TRACE_EVENT(name, ksrc, inl, proto, host, skb, fields, assign)	&tp_ev_##name,
#define TRACE_NOTE_EVENT(name, ksrc, proto, host, skb, fields, assign)	&tp_ev_##name,
#define DECLARE_EVENT_CLASS(cname, proto, host, skb, fields, assign)
#define DEFINE_EVENT(cname, name, ksrc, inl, proto, args)		&tp_ev_##name,
#define DEFINE_NOTE_EVENT(cname, name, ksrc, proto, args)		&tp_ev_##name,

#else

/* Pass 1: the struct of the fields and the inline recorders. */
#define tp_u8(n)		u8 n;
#define tp_u16(n)		u16 n;
#define tp_u32(n)		u32 n;
#define tp_u64(n)		u64 n;
#define tp_s8(n)		s8 n;
#define tp_s16(n)		s16 n;
#define tp_s32(n)		s32 n;
#define tp_s64(n)		s64 n;
#define tp_x8(n)		u8 n;
#define tp_x16(n)		u16 n;
#define tp_x32(n)		u32 n;
#define tp_x64(n)		u64 n;
#define tp_x32w(n, w)		u32 n;
#define tp_ip4(n)		__be32 n;
#define tp_mac(n)		u8 n[6];
#define tp_mac0(n)		u8 n[7];
#define tp_str(n)		const char *n;
#define tp_bare_str(n)		const char *n;
#define tp_enum(n, f)		u32 n;
#define tp_enum8(n, f)		u8 n;
#define tp_bare_enum8(n, f)	u8 n;
#define tp_skb(n)		u32 n;
#define tp_custom(n, ct, f)	ct n;

/*
 * A class: the packed struct of its fields and the one function that
 * records an event of it (an enter or a note, as the site's event says).
 */
#define TP_CLASS(stype, record, proto, host, skb, fields, assign)		\
	struct __attribute__((packed)) stype { u8 __tp_none[0]; fields };	\
	_Static_assert(sizeof(struct stype) <= TRACE_DATA_MAX,			\
		       #stype ": the fields take more than TRACE_DATA_MAX bytes"); \
	static inline struct trace *						\
	record(const struct tp_site *__tp_site, proto)				\
	{									\
		struct trace *__tr = tp_trace(host);				\
		struct stype *__entry;						\
										\
		if (likely(!__tr))						\
			return NULL;						\
		__entry = (struct stype *)(void *)trace_rec_begin(__tr, __tp_site, \
			__tp_site->ev->is_note ? TRACE_NOTE : TRACE_ENTER, host, skb)->data; \
		(void)__entry;	/* events without fields */			\
		{ assign }							\
		trace_rec_commit(__tr);						\
		return __tr;							\
	}
/* An event: its descriptor (kernel/trace_events.c) and its data type. */
#define TP_EVENT_DECL(stype, name)						\
	typedef struct stype tp_data_##name;					\
	extern const struct trace_event_desc tp_ev_##name;

#define TRACE_EVENT(name, ksrc, inl, proto, host, skb, fields, assign)	\
	TP_CLASS(tp_##name, tp_record_##name, TP_PROTO(proto), host, skb,	\
		 TP_STRUCT(fields), TP_ASSIGN(assign))				\
	TP_EVENT_DECL(tp_##name, name)
#define TRACE_NOTE_EVENT(name, ksrc, proto, host, skb, fields, assign)	\
	TRACE_EVENT(name, ksrc, false, TP_PROTO(proto), host, skb,		\
		    TP_STRUCT(fields), TP_ASSIGN(assign))
#define DECLARE_EVENT_CLASS(cname, proto, host, skb, fields, assign)	\
	TP_CLASS(tp_class_##cname, tp_class_record_##cname, TP_PROTO(proto),	\
		 host, skb, TP_STRUCT(fields), TP_ASSIGN(assign))
#define DEFINE_EVENT(cname, name, ksrc, inl, proto, args)			\
	TP_EVENT_DECL(tp_class_##cname, name)					\
	static inline struct trace *						\
	tp_record_##name(const struct tp_site *__tp_site, proto)		\
	{									\
		return tp_class_record_##cname(__tp_site, args);		\
	}
#define DEFINE_NOTE_EVENT(cname, name, ksrc, proto, args)			\
	DEFINE_EVENT(cname, name, ksrc, false, TP_PROTO(proto), TP_ARGS(args))

#endif

#ifndef TP_STRINGIFY
#define TP_STRINGIFY_(x)	#x
#define TP_STRINGIFY(x)		TP_STRINGIFY_(x)
#endif
