/* Tangled from book/locking.nw (chapter "Locks and lockdep"). Do not edit: edit the book and run make tangle. */
#ifndef _LINUX_LOCKDEP_H
#define _LINUX_LOCKDEP_H
#include <linux/types.h>
#include <linux/kernel.h>

#define MAX_LOCK_DEPTH            48U    /* locks one task may hold */
#define MAX_LOCKDEP_SUBCLASSES    8U
#define MAX_LOCKDEP_KEYS          512U   /* lock classes */
#define MAX_LOCKDEP_ENTRIES       2048U  /* edges of the dependency graph */
#define MAX_STACK_TRACE_ENTRIES   8192U  /* saved return addresses */
#define LOCKDEP_TRACE_DEPTH       16U    /* frames saved per edge */
#define MAX_LOCKDEP_CHAINS        4096U  /* validated chains remembered */
struct lock_class_key {
        char not_empty;         /* a size, so that no two keys share an address */
};

struct lock_class;

struct lockdep_map {
        const struct lock_class_key *key;
        const char *name;
        struct lock_class *class;       /* cached class of subclass 0, or NULL */
};

#define STATIC_LOCKDEP_MAP_INIT(_name, _key) \
        { .key = (_key), .name = (_name), .class = NULL }
struct held_lock {
        struct lockdep_map *instance;   /* the lock itself */
        struct lock_class *class;
        unsigned long acquire_ip;       /* the caller that took it */
        u64 chain_key;                  /* hash of held[0..this] */
        u8 subclass;
        u8 read;                        /* 0 exclusive, 1 shared, 2 recursive */
        u8 trylock;
};

struct lockdep_task {
        int depth;                      /* entries used in held[] */
        struct held_lock held[MAX_LOCK_DEPTH];
        const char *comm;               /* name and pid, for reports */
        int pid;
        int recursion;                  /* >0: do not track this task now */
        unsigned long chain_hits;       /* acquisitions the cache let through */
};
extern int debug_locks;
int debug_locks_off(void);

void lockdep_init_task(struct lockdep_task *t, const char *comm, int pid);
void lockdep_init_map(struct lockdep_map *map, const char *name,
                      const struct lock_class_key *key);
void lock_acquire(struct lockdep_map *map, unsigned int subclass,
                  int trylock, int read, unsigned long ip);
void lock_release(struct lockdep_map *map, unsigned long ip);
int lock_is_held(const struct lockdep_map *map);
void lockdep_off(void);
void lockdep_on(void);
void lockdep_print_held_locks(const struct lockdep_task *t);
void lockdep_depgraph_dot(void);
void lockdep_dump_requested(void);
void lockdep_reset(void);
enum { LOCKDEP_CHAIN_ON, LOCKDEP_CHAIN_OFF, LOCKDEP_CHAIN_TRUST };
extern int lockdep_chain_mode;

struct lockdep_chain_stats {
        unsigned int chains;            /* validated chains in the cache */
        unsigned long misses;           /* acquisitions validated under the graph lock */
        unsigned long uncached;         /* of those, not cached: the table was full */
};
void lockdep_read_chain_stats(struct lockdep_chain_stats *st);
struct lockdep_task *lockdep_current(void);
unsigned long lockdep_irq_save(void);
void lockdep_irq_restore(unsigned long flags);
unsigned int lockdep_save_trace(unsigned long *entries, unsigned int max);
#define lockdep_assert_held(map) do {                                   \
        if (WARN_ON(lock_is_held(map) == 0))                            \
                lockdep_print_held_locks(lockdep_current());            \
} while (0)
#endif
