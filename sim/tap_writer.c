/*
 * sim/tap_writer.c - the TAP wire's writer thread.  See sim/tap_writer.h.
 *
 * No kernel counterpart.  A record in the ring is a u32 length and the
 * frame, padded to 4 bytes; a length of 0 means "the rest of the ring is
 * unused: go on at its start" (a record never wraps).  head and tail
 * count bytes since the start, so head - tail is what is queued and
 * position = count % TAP_WRITER_RING.
 */
#include "sim/tap_writer.h"

#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define TAP_WRITER_ALIGN	4	/* records start on 4 bytes: a length fits at the end */

static size_t
tap_writer_record(u32 len)
{
	return sizeof(u32) + ALIGN((size_t)len, TAP_WRITER_ALIGN);
}

/*
 * The thread: take what is queued, write it with the lock released, give
 * the space back; sleep when nothing is queued.  On stop, what is still
 * queued is written first.
 */
static void *
tap_writer_run(void *arg)
{
	struct tap_writer *w = arg;

	pthread_mutex_lock(&w->lock);
	for (;;) {
		struct tap_writer_stats done = { 0 };
		size_t tail = w->tail, head = w->head;

		if (head == tail) {
			if (w->stop)
				break;
			w->idle = true;
			pthread_cond_wait(&w->wake, &w->lock);
			w->idle = false;
			continue;
		}
		/* [tail, head) is ours until tail moves: the producer only
		 * writes into the free space beyond head. */
		pthread_mutex_unlock(&w->lock);
		while (tail != head) {
			size_t at = tail % TAP_WRITER_RING;
			u32 len;
			ssize_t n;

			memcpy(&len, w->ring + at, sizeof(len));
			if (!len) {
				tail += TAP_WRITER_RING - at;
				continue;
			}
			n = write(w->fd, w->ring + at + sizeof(len), len);
			if (n == (ssize_t)len) {
				done.frames++;
				done.bytes += len;
			} else {
				/* EIO: the TAP is down; EAGAIN: its queue is
				 * full.  A cable loses the frame: TCP resends. */
				done.errors++;
			}
			tail += tap_writer_record(len);
		}
		pthread_mutex_lock(&w->lock);
		w->tail = tail;
		w->stats.frames += done.frames;
		w->stats.bytes += done.bytes;
		w->stats.errors += done.errors;
	}
	pthread_mutex_unlock(&w->lock);
	return NULL;
}

int
tap_writer_start(struct tap_writer *w, int fd)
{
	sigset_t all, old;
	int err;

	memset(w, 0, sizeof(*w));
	w->fd = fd;
	w->ring = malloc(TAP_WRITER_RING);
	if (!w->ring)
		return -ENOMEM;
	pthread_mutex_init(&w->lock, NULL);
	pthread_cond_init(&w->wake, NULL);
	/* Signals (Ctrl-C, a closed pipe) stay the engine thread's. */
	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &old);
	err = pthread_create(&w->thread, NULL, tap_writer_run, w);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	if (err) {
		pthread_cond_destroy(&w->wake);
		pthread_mutex_destroy(&w->lock);
		free(w->ring);
		w->ring = NULL;
		return -err;
	}
	return 0;
}

bool
tap_writer_queue(struct tap_writer *w, const u8 *frame, unsigned int len)
{
	size_t rec = tap_writer_record(len), at, room, need;
	u32 len32 = len;
	bool ok;

	pthread_mutex_lock(&w->lock);
	if (len && len <= TAP_WRITER_DIRECT_MAX && w->head == w->tail) {
		/* Nothing queued, so nothing to overtake: a small frame (an
		 * ACK the kernel's sender waits for) goes now. */
		ok = write(w->fd, frame, len) == (ssize_t)len;
		w->stats.frames += ok;
		w->stats.bytes += ok ? len : 0;
		w->stats.errors += !ok;
		pthread_mutex_unlock(&w->lock);
		return true;
	}
	at = w->head % TAP_WRITER_RING;
	room = TAP_WRITER_RING - at;
	need = rec <= room ? rec : room + rec;	/* a record that does not fit skips the end */
	ok = len && rec <= TAP_WRITER_RING / 2 && TAP_WRITER_RING - (w->head - w->tail) >= need;
	if (ok) {
		if (rec > room) {
			memset(w->ring + at, 0, sizeof(u32));	/* "go on at the start" */
			w->head += room;
			at = 0;
		}
		memcpy(w->ring + at, &len32, sizeof(len32));
		memcpy(w->ring + at + sizeof(len32), frame, len);
		w->head += rec;
		if (w->idle)
			pthread_cond_signal(&w->wake);
	} else {
		w->stats.dropped++;
	}
	pthread_mutex_unlock(&w->lock);
	return ok;
}

struct tap_writer_stats
tap_writer_stop(struct tap_writer *w)
{
	if (!w->ring)
		return w->stats;
	pthread_mutex_lock(&w->lock);
	w->stop = true;
	pthread_cond_signal(&w->wake);
	pthread_mutex_unlock(&w->lock);
	pthread_join(w->thread, NULL);
	pthread_cond_destroy(&w->wake);
	pthread_mutex_destroy(&w->lock);
	free(w->ring);
	w->ring = NULL;
	return w->stats;
}
