/* Tangled from book/locking.nw (chapter "Locks and lockdep"). Do not edit: edit the book and run make tangle. */
#ifndef _LINUX_MUTEX_H
#define _LINUX_MUTEX_H
#include <linux/lockdep.h>
#include <linux/sched.h>

void __might_sleep(const char *file, int line);
#define might_sleep() __might_sleep(__FILE__, __LINE__)

struct mutex {
        struct task_struct *owner;      /* changed atomically */
        struct wait_queue_head wq;
        struct lockdep_map dep_map;
};
void __mutex_init(struct mutex *m, const char *name, struct lock_class_key *key);
#define mutex_init(m) do {                                              \
        static struct lock_class_key __key;                             \
        __mutex_init((m), #m, &__key);                                  \
} while (0)
void mutex_lock(struct mutex *m);
void mutex_lock_nested(struct mutex *m, unsigned int subclass);
int mutex_trylock(struct mutex *m);
void mutex_unlock(struct mutex *m);
struct rw_semaphore {
        spinlock_t lock;                /* protects count and writers_waiting */
        long count;                     /* >0: readers; -1: a writer */
        int writers_waiting;
        struct wait_queue_head wq;
        struct lockdep_map dep_map;
};
void __init_rwsem(struct rw_semaphore *s, const char *name, struct lock_class_key *key);
#define init_rwsem(s) do {                                              \
        static struct lock_class_key __key;                             \
        __init_rwsem((s), #s, &__key);                                  \
} while (0)
void down_read(struct rw_semaphore *s);
void down_read_nested(struct rw_semaphore *s, unsigned int subclass);
void up_read(struct rw_semaphore *s);
void down_write(struct rw_semaphore *s);
void down_write_nested(struct rw_semaphore *s, unsigned int subclass);
void up_write(struct rw_semaphore *s);
#endif
