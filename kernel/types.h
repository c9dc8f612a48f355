/*
 * kernel/types.h - the few kernel basics every netstep file leans on.
 *
 * Mirrors bits of include/linux/types.h, include/linux/list.h,
 * include/linux/err.h and include/linux/kernel.h (Linux 3.10), written
 * fresh for user space.  Nothing here models a kernel object; it only
 * lets the layers be written with the kernel's vocabulary (__be16,
 * list_head, ERR_PTR, container_of) so they read like the kernel files
 * they mirror.
 */
#ifndef NETSTEP_KERNEL_TYPES_H
#define NETSTEP_KERNEL_TYPES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <errno.h>
#include <arpa/inet.h>

typedef uint8_t u8;
typedef uint16_t u16;
typedef uint32_t u32;
typedef uint64_t u64;
typedef int8_t s8;
typedef int16_t s16;
typedef int32_t s32;
typedef int64_t s64;
typedef uint16_t __be16;	/* network byte order on the wire */
typedef uint32_t __be32;
typedef uint16_t __le16;	/* little endian, as the igb descriptors */
typedef uint32_t __le32;
typedef uint64_t __le64;
typedef uint16_t __sum16;
typedef uint32_t __wsum;
typedef uint64_t dma_addr_t;	/* an IOVA in the modelled DMA space */
typedef uint64_t ktime_t;	/* virtual nanoseconds */

#define NSEC_PER_USEC	1000ULL
#define NSEC_PER_MSEC	1000000ULL
#define NSEC_PER_SEC	1000000000ULL
#define USEC_PER_MSEC	1000L
/* KERNEL: CONFIG_HZ is a build option; 1000 keeps jiffies == milliseconds. */
#define HZ		1000

/* -std=c11 has no typeof keyword; the GNU spelling works in gcc and clang. */
#ifndef typeof
#define typeof __typeof__
#endif

#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))
#define min_t(t, a, b)	((t)(a) < (t)(b) ? (t)(a) : (t)(b))
#define max_t(t, a, b)	((t)(a) > (t)(b) ? (t)(a) : (t)(b))
#define ALIGN(x, a)	(((x) + ((a) - 1)) & ~((typeof(x))(a) - 1))
#define DIV_ROUND_UP(n, d) (((n) + (d) - 1) / (d))
#define container_of(ptr, type, member) \
	((type *)((char *)(ptr) - offsetof(type, member)))
#define unlikely(x)	__builtin_expect(!!(x), 0)
#define likely(x)	__builtin_expect(!!(x), 1)

/* Kernel-style error pointers: a small negative errno carried in a pointer. */
#define MAX_ERRNO	4095
static inline void *ERR_PTR(long error) { return (void *)error; }
static inline long PTR_ERR(const void *ptr) { return (long)ptr; }
static inline bool IS_ERR(const void *ptr)
{
	return (unsigned long)ptr >= (unsigned long)-MAX_ERRNO;
}

/* Little-endian helpers for descriptor fields (the DMA region is LE). */
#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define cpu_to_le16(v)	((__le16)(v))
#define cpu_to_le32(v)	((__le32)(v))
#define cpu_to_le64(v)	((__le64)(v))
#else
#define cpu_to_le16(v)	((__le16)__builtin_bswap16(v))
#define cpu_to_le32(v)	((__le32)__builtin_bswap32(v))
#define cpu_to_le64(v)	((__le64)__builtin_bswap64(v))
#endif
/* htons() for a constant, usable in a static initializer
 * (include/uapi/linux/byteorder: __constant_htons). */
#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define __constant_htons(x)	((__be16)((((x) & 0xff) << 8) | (((x) >> 8) & 0xff)))
#else
#define __constant_htons(x)	((__be16)(x))
#endif
#define le16_to_cpu(v)	cpu_to_le16(v)
#define le32_to_cpu(v)	cpu_to_le32(v)
#define le64_to_cpu(v)	cpu_to_le64(v)

/* Doubly linked circular list, as include/linux/list.h. */
struct list_head {
	struct list_head *next, *prev;
};

#define LIST_HEAD_INIT(name) { &(name), &(name) }
static inline void INIT_LIST_HEAD(struct list_head *l) { l->next = l->prev = l; }
static inline bool list_empty(const struct list_head *h) { return h->next == h; }
static inline void __list_add(struct list_head *n, struct list_head *prev,
			      struct list_head *next)
{
	next->prev = n;
	n->next = next;
	n->prev = prev;
	prev->next = n;
}
static inline void list_add(struct list_head *n, struct list_head *h) { __list_add(n, h, h->next); }
static inline void list_add_tail(struct list_head *n, struct list_head *h) { __list_add(n, h->prev, h); }
static inline void list_del_init(struct list_head *e)
{
	e->next->prev = e->prev;
	e->prev->next = e->next;
	INIT_LIST_HEAD(e);
}
#define list_entry(ptr, type, member) container_of(ptr, type, member)
#define list_first_entry(h, type, member) list_entry((h)->next, type, member)
#define list_for_each_entry(pos, head, member)					\
	for (pos = list_entry((head)->next, typeof(*pos), member);		\
	     &pos->member != (head);						\
	     pos = list_entry(pos->member.next, typeof(*pos), member))
#define list_for_each_entry_safe(pos, n, head, member)				\
	for (pos = list_entry((head)->next, typeof(*pos), member),		\
	     n = list_entry(pos->member.next, typeof(*pos), member);		\
	     &pos->member != (head);						\
	     pos = n, n = list_entry(n->member.next, typeof(*n), member))

#endif
