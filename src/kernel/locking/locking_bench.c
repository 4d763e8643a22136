/* Tangled from book/listings-locking.nw (chapter "Listings of ``Locks and lockdep''"). Do not edit: edit the book and run make tangle. */
#include <asm/apic.h>
#include <asm/tsc.h>
#include <linux/gfp.h>
#include <linux/kernel.h>
#include <linux/ktest.h>
#include <linux/mm.h>
#include <linux/mutex.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/smp.h>

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
static DEFINE_SPINLOCK(bench_outer);
static DEFINE_SPINLOCK(bench_inner);
static struct mutex bench_m1, bench_m2, bench_m3;
static spinlock_t bench_cpu_outer[2], bench_cpu_inner[2];
static int bench_go;
static u64 bench_cpu_cycles[2];

#define BENCH_PAIRS 20000

static int bench_cpu_thread(void *arg)
{
        long me = (long)arg;
        bool off = me & 2;
        u64 t0;

        me &= 1;
        if (off)
                lockdep_off();
        __atomic_add_fetch(&bench_go, 1, __ATOMIC_ACQ_REL);
        while (__atomic_load_n(&bench_go, __ATOMIC_ACQUIRE) < 2)
                __builtin_ia32_pause();
        t0 = rdtsc();
        for (int i = 0; i < BENCH_PAIRS; i++) {
                spin_lock(&bench_cpu_outer[me]);
                spin_lock(&bench_cpu_inner[me]);
                spin_unlock(&bench_cpu_inner[me]);
                spin_unlock(&bench_cpu_outer[me]);
        }
        bench_cpu_cycles[me] = (rdtsc() - t0) / BENCH_PAIRS;
        if (off)
                lockdep_on();
        return 0;
}

static void bench_two_cpus(bool off)
{
        struct task_struct *t[2];

        if (num_online_cpus() < 2)
                return;
        bench_go = 0;
        for (long i = 0; i < 2; i++)
                t[i] = kthread_create(bench_cpu_thread, (void *)(i | (off ? 2 : 0)),
                                      "bench", (unsigned int)i);
        for (int i = 0; i < 2; i++)
                kthread_join(t[i]);
        u64 c = max(bench_cpu_cycles[0], bench_cpu_cycles[1]);
        pr_info("bench: %-28s %6llu cycles, %6lu ns\n", "2 CPUs, spin inside spin",
                (unsigned long long)c, (unsigned long)(c * 1000000 / tsc_khz));
}

static const struct { const char *name; bool off; int chain; } bench_modes[] = {
        { "on", false, LOCKDEP_CHAIN_ON },
        { "on, chain cache off", false, LOCKDEP_CHAIN_OFF },
        { "off", true, LOCKDEP_CHAIN_ON },
};

static void bench_mode_enter(unsigned int m)
{
        WRITE_ONCE(lockdep_chain_mode, bench_modes[m].chain);
}

static void bench_lockdep_once(void)
{
        void *keep = kmalloc(64, GFP_KERNEL);   /* so the slab page stays */
        unsigned long flags;

        BUG_ON(!keep);
        BENCH("irq save+restore (no lock)", BENCH_PAIRS,
              local_irq_save(flags); local_irq_restore(flags));
        BENCH("spin, nothing held", BENCH_PAIRS,
              spin_lock(&bench_inner); spin_unlock(&bench_inner));
        BENCH("spin inside spin", BENCH_PAIRS,
              spin_lock(&bench_outer); spin_lock(&bench_inner);
              spin_unlock(&bench_inner); spin_unlock(&bench_outer));
        mutex_lock(&bench_m1);
        mutex_lock(&bench_m2);
        mutex_lock(&bench_m3);
        BENCH("spin inside 3 mutexes", BENCH_PAIRS,
              spin_lock(&bench_inner); spin_unlock(&bench_inner));
        mutex_unlock(&bench_m3);
        mutex_unlock(&bench_m2);
        mutex_unlock(&bench_m1);
        BENCH("alloc_page+free_page", BENCH_PAIRS,
              struct page *p = alloc_page(GFP_KERNEL); BUG_ON(!p); __free_page(p));
        BENCH("kmalloc(64)+kfree", BENCH_PAIRS,
              void *p = kmalloc(64, GFP_KERNEL); BUG_ON(!p); kfree(p));
        kfree(keep);
}

DEFINE_KTEST(bench_lockdep, "lockdep's cost on nested locks, the allocator and 2 CPUs")
{
        bool poison = page_poisoning;

        mutex_init(&bench_m1);
        mutex_init(&bench_m2);
        mutex_init(&bench_m3);
        for (int i = 0; i < 2; i++) {
                spin_lock_init(&bench_cpu_outer[i]);
                spin_lock_init(&bench_cpu_inner[i]);
        }
        page_poisoning = false;
        for (unsigned int m = 0; m < ARRAY_SIZE(bench_modes); m++) {
                bool off = bench_modes[m].off;

                pr_info("bench: lockdep %s\n", bench_modes[m].name);
                bench_mode_enter(m);
                if (off)
                        lockdep_off();
                bench_lockdep_once();
                if (off)
                        lockdep_on();
                bench_two_cpus(off);
        }
        bench_mode_enter(0);
        page_poisoning = poison;
        return debug_locks ? 0 : -1;
}
