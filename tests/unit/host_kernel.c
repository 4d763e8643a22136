/* Tangled from book/listings-mm.nw (chapter "Listings of ``Memory''"). Do not edit: edit the book and run make tangle. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "host_kernel.h"
#include "linux/lockdep.h"
#include "linux/mm.h"
#include "linux/sprintf.h"

char host_log[65536];
unsigned long host_warnings;
jmp_buf *host_panic_jmp;
char host_panic_msg[256];
unsigned long page_offset_base;
/* The per-CPU preemption count.  A Linux process runs with a GS base of
 * zero, so the kernel's %gs-relative accesses reach this one copy. */
unsigned int __preempt_count;
bool need_resched(void) { return false; }
void preempt_schedule(void) {}
/* Host tests run without page-table isolation: no user-mode top level. */
pgd_t pti_set_user_pgtbl(pgd_t *pgdp, pgd_t pgd) { (void)pgdp; return pgd; }
/* The kernel's address space: host tests use only its address. */
struct mm_struct init_mm;

void host_log_clear(void) { host_log[0] = '\0'; }

int vprintk(const char *fmt, va_list args)
{
        char buf[1024];
        const char *text = buf;
        int n = vscnprintf(buf, sizeof(buf), fmt, args);
        size_t len = strlen(host_log);

        if (buf[0] == '\001' && buf[1]) {
                text += 2;
                n -= 2;
        }
        if (len + (size_t)n + 1 > sizeof(host_log)) {
                memmove(host_log, host_log + len / 2, len - len / 2 + 1);
                len -= len / 2;
        }
        memcpy(host_log + len, text, (size_t)n + 1);
        return n;
}

int printk(const char *fmt, ...)
{
        va_list args;
        va_start(args, fmt);
        int n = vprintk(fmt, args);
        va_end(args);
        return n;
}
void panic(const char *fmt, ...)
{
        va_list args;
        va_start(args, fmt);
        vscnprintf(host_panic_msg, sizeof(host_panic_msg), fmt, args);
        va_end(args);
        if (host_panic_jmp)
                longjmp(*host_panic_jmp, 1);
        fail_msg("unexpected panic: %s", host_panic_msg);
        abort();
}

void warn_slowpath(const char *file, int line, const char *cond)
{
        host_warnings++;
        printk("WARNING: %s:%d: %s\n", file, line, cond);
}

void dump_stack(void) {}

const char *kallsyms_lookup(unsigned long addr, unsigned long *size, unsigned long *off)
{
        (void)addr; (void)size; (void)off;
        return NULL;
}

/* The count of open PTE-table maps: the host has one thread and no
 * tasks, so one integer is the running task's count. */
int *pte_map_depth_ptr(void)
{
        static int depth;
        return &depth;
}

/* The buddy allocator turns interrupts off around a zone's lock; the
 * host has none to turn off. */
unsigned long zone_irq_save(void) { return 0; }
void zone_irq_restore(unsigned long flags) { (void)flags; }

/* No processes on the host: the OOM killer has nobody to kill. */
bool out_of_memory(gfp_t gfp, unsigned int order) { (void)gfp; (void)order; return false; }

/* RCU's hooks, for the PTE-table maps of the page-table test: one CPU,
 * always watching, readers only counted.  The RCU unit test links its
 * own, stronger definitions. */
static int host_rcu_nesting;
__attribute__((weak)) void rcu_read_lock_hook(void) { host_rcu_nesting++; }
__attribute__((weak)) void rcu_read_unlock_hook(void) { host_rcu_nesting--; }
__attribute__((weak)) unsigned int rcu_this_cpu_hook(void) { return 0; }
__attribute__((weak)) bool rcu_is_watching_cpu(unsigned int cpu) { (void)cpu; return true; }

/* Lockdep's hooks: no task, so nothing is tracked; no interrupts to
 * disable.  The lockdep unit test links its own, stronger definitions. */
__attribute__((weak)) struct lockdep_task *lockdep_current(void) { return NULL; }
__attribute__((weak)) unsigned long lockdep_irq_save(void) { return 0; }
__attribute__((weak)) void lockdep_irq_restore(unsigned long flags) { (void)flags; }
__attribute__((weak)) unsigned int lockdep_save_trace(unsigned long *e, unsigned int max)
{
        (void)e; (void)max;
        return 0;
}
static void *sim_ram;
static struct page *sim_map;

void sim_mem_init(size_t bytes)
{
        unsigned long pages = bytes / PAGE_SIZE;

        assert_int_equal(posix_memalign(&sim_ram, PAGE_SIZE, pages * PAGE_SIZE), 0);
        sim_map = malloc(pages * sizeof(*sim_map));
        assert_non_null(sim_map);
        memset(sim_map, 0xa5, pages * sizeof(*sim_map));      /* what RAM held */
        page_offset_base = (unsigned long)sim_ram;
        page_alloc_init(sim_map, pages);
        reserve_bootmem_range(0, 1);
        free_bootmem_range(1, pages);
        fail_alloc_reset();
        host_log_clear();
        host_warnings = 0;
}

void sim_mem_exit(void)
{
        free(sim_map);
        free(sim_ram);
        sim_map = NULL;
        sim_ram = NULL;
}
