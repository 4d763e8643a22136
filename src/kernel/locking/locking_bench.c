/* Tangled from book/listings-locking.nw (chapter "Listings of ``Locks and lockdep''"). Do not edit: edit the book and run make tangle. */
#include <asm/tsc.h>
#include <linux/kernel.h>
#include <linux/ktest.h>
#include <linux/mutex.h>

static DEFINE_SPINLOCK(bench_spin);
static struct mutex bench_mutex;
static struct rw_semaphore bench_sem;

#define BENCH(label, iters, body) do {                                  \
        u64 t0 = rdtsc();                                               \
        for (int i = 0; i < (iters); i++) { body; }                     \
        u64 c = (rdtsc() - t0) / (iters);                               \
        pr_info("bench: %-28s %6llu cycles, %6lu ns\n", label,          \
                (unsigned long long)c, (unsigned long)(c * 1000000 / tsc_khz)); \
} while (0)

DEFINE_KTEST(bench_locks, "uncontended lock costs, lockdep on and off (prints numbers)")
{
        mutex_init(&bench_mutex);
        init_rwsem(&bench_sem);
        for (int on = 1; on >= 0; on--) {
                if (!on)
                        lockdep_off();
                pr_info("bench: lockdep %s\n", on ? "on" : "off");
                BENCH("spin_lock+unlock", 20000, spin_lock(&bench_spin); spin_unlock(&bench_spin));
                BENCH("mutex_lock+unlock", 20000,
                      mutex_lock(&bench_mutex); mutex_unlock(&bench_mutex));
                BENCH("down_read+up_read", 20000, down_read(&bench_sem); up_read(&bench_sem));
                BENCH("down_write+up_write", 20000, down_write(&bench_sem); up_write(&bench_sem));
                if (!on)
                        lockdep_on();
        }
        return 0;
}
