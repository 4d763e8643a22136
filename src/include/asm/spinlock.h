/* Tangled from book/mm.nw (chapter "Memory"). Do not edit: edit the book and run make tangle. */
#ifndef _ASM_SPINLOCK_H
#define _ASM_SPINLOCK_H
#include <asm/processor.h>
#include <linux/types.h>
#include <linux/compiler.h>

typedef struct {
        u16 owner;              /* ticket now being served */
        u16 next;               /* next ticket to hand out */
} arch_spinlock_t;

#define __ARCH_SPIN_LOCK_UNLOCKED { 0, 0 }

static inline void arch_spin_lock_init(arch_spinlock_t *l) { l->owner = l->next = 0; }

static inline void arch_spin_lock(arch_spinlock_t *l)
{
        u16 ticket = __atomic_fetch_add(&l->next, 1, __ATOMIC_RELAXED);
        while (__atomic_load_n(&l->owner, __ATOMIC_ACQUIRE) != ticket)
                __builtin_ia32_pause();
}

static inline void arch_spin_unlock(arch_spinlock_t *l)
{
        __atomic_store_n(&l->owner, (u16)(l->owner + 1), __ATOMIC_RELEASE);
}

static inline bool arch_spin_is_locked(arch_spinlock_t *l)
{
        return __atomic_load_n(&l->owner, __ATOMIC_RELAXED) !=
               __atomic_load_n(&l->next, __ATOMIC_RELAXED);
}
static inline bool arch_spin_trylock(arch_spinlock_t *l)
{
        u16 ticket = __atomic_load_n(&l->next, __ATOMIC_RELAXED);

        if (__atomic_load_n(&l->owner, __ATOMIC_ACQUIRE) != ticket)
                return false;
        return __atomic_compare_exchange_n(&l->next, &ticket, (u16)(ticket + 1), false,
                                           __ATOMIC_ACQUIRE, __ATOMIC_RELAXED);
}
#define arch_spin_lock_irqsave(l, flags) \
        do { (flags) = native_save_fl(); local_irq_disable(); arch_spin_lock(l); } while (0)
#define arch_spin_unlock_irqrestore(l, flags) do {                      \
        arch_spin_unlock(l);                                            \
        if ((flags) & X86_EFLAGS_IF)                                    \
                local_irq_enable();                                     \
} while (0)
#endif
