/* Tangled from book/mm.nw (chapter "Memory"). Do not edit: edit the book and run make tangle. */
#ifndef _LINUX_SPINLOCK_H
#define _LINUX_SPINLOCK_H
#include <asm/spinlock.h>
#include <linux/lockdep.h>
#include <linux/preempt.h>

typedef struct spinlock {
        arch_spinlock_t raw;
        struct lockdep_map dep_map;
} spinlock_t;

#define __SPIN_LOCK_UNLOCKED(lockname) \
        { __ARCH_SPIN_LOCK_UNLOCKED,                                     \
          { (const struct lock_class_key *)&(lockname), #lockname, NULL } }
#define DEFINE_SPINLOCK(x) spinlock_t x = __SPIN_LOCK_UNLOCKED(x)
#define spin_lock_init(l) do {                                          \
        static struct lock_class_key __key;                             \
        (l)->raw = (arch_spinlock_t)__ARCH_SPIN_LOCK_UNLOCKED;          \
        lockdep_init_map(&(l)->dep_map, #l, &__key);                    \
} while (0)

#define spin_lock(l) spin_lock_nested(l, 0)
#define spin_lock_nested(l, subclass) do {                              \
        preempt_disable();                                              \
        lock_acquire(&(l)->dep_map, (subclass), 0, 0, _THIS_IP_);       \
        arch_spin_lock(&(l)->raw);                                      \
} while (0)
#define spin_unlock(l) do {                                             \
        arch_spin_unlock(&(l)->raw);                                    \
        lock_release(&(l)->dep_map, _THIS_IP_);                         \
        preempt_enable();                                               \
} while (0)
#define spin_is_locked(l) arch_spin_is_locked(&(l)->raw)
#define assert_spin_locked(l) BUG_ON(!spin_is_locked(l))
#define spin_lock_irqsave(l, flags) \
        do { (flags) = native_save_fl(); local_irq_disable(); spin_lock(l); } while (0)
#define spin_unlock_irqrestore(l, flags) do {                           \
        spin_unlock(l);                                                 \
        if ((flags) & X86_EFLAGS_IF)                                    \
                local_irq_enable();                                     \
} while (0)
#endif
