/* Tangled from book/locking.nw (chapter "Locks and lockdep"). Do not edit: edit the book and run make tangle. */
#ifndef _LINUX_RACE_H
#define _LINUX_RACE_H
#include <linux/compiler.h>

extern int race_points_armed;

void __race_point(const char *name);

/* A named place where a test may force an interleaving; see race=. */
static inline void race_point(const char *name)
{
        if (unlikely(race_points_armed))
                __race_point(name);
}
#endif
