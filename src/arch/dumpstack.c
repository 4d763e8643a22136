/* Tangled from book/boot.nw (chapter "Booting"). Do not edit: edit the book and run make tangle. */
#include <asm/desc.h>
#include <asm/ptrace.h>
#include <asm/processor.h>
#include <asm/traps.h>
#include <linux/kernel.h>
#include <linux/smp.h>

void show_regs(const struct pt_regs *r)
{
        pr_emerg("RIP: %04lx:%pS\n", r->cs, (void *)r->ip);
        pr_emerg("RSP: %04lx:%016lx EFLAGS: %08lx\n", r->ss, r->sp, r->flags);
        pr_emerg("RAX: %016lx RBX: %016lx RCX: %016lx\n", r->ax, r->bx, r->cx);
        pr_emerg("RDX: %016lx RSI: %016lx RDI: %016lx\n", r->dx, r->si, r->di);
        pr_emerg("RBP: %016lx R08: %016lx R09: %016lx\n", r->bp, r->r8, r->r9);
        pr_emerg("R10: %016lx R11: %016lx R12: %016lx\n", r->r10, r->r11, r->r12);
        pr_emerg("R13: %016lx R14: %016lx R15: %016lx\n", r->r13, r->r14, r->r15);
        pr_emerg("CR0: %016lx CR2: %016lx CR3: %016lx\n", read_cr0(), read_cr2(), read_cr3());
        pr_emerg("CR4: %016lx\n", read_cr4());
}
extern char boot_stack[], boot_stack_top[];

static bool stack_bounds(unsigned long p, unsigned long *lo, unsigned long *hi)
{
        if (p >= (unsigned long)boot_stack && p < (unsigned long)boot_stack_top) {
                *lo = (unsigned long)boot_stack;
                *hi = (unsigned long)boot_stack_top;
                return true;
        }
        for (int i = 0; i < N_EXCEPTION_STACKS; i++) {
                unsigned long base = (unsigned long)exception_stacks[i].stack;
                if (p >= base && p < base + EXCEPTION_STKSZ) {
                        *lo = base;
                        *hi = base + EXCEPTION_STKSZ;
                        return true;
                }
        }
        return registered_stack_bounds(p, lo, hi);
}
void show_trace(unsigned long bp)
{
        unsigned long lo, hi, prev_lo = 0, prev = 0;

        pr_emerg("Call Trace:\n");
        for (int depth = 0; depth < 32 && bp; depth++) {
                if ((bp & 7) || !stack_bounds(bp, &lo, &hi) || bp + 16 > hi) {
                        pr_emerg(" (frame pointer %016lx is not on a known stack)\n", bp);
                        return;
                }
                if (lo == prev_lo && bp <= prev) {
                        pr_emerg(" (frame pointer %016lx does not move up the stack)\n", bp);
                        return;
                }
                unsigned long *frame = (unsigned long *)bp;
                pr_emerg(" %pB\n", (void *)frame[1]);
                prev_lo = lo;
                prev = bp;
                bp = frame[0];
        }
}
void dump_stack(void)
{
        show_trace((unsigned long)__builtin_frame_address(0));
}

static struct { unsigned long lo, hi; } extra_stacks[5 * NR_CPUS + 8];
static unsigned int nr_extra_stacks;

void register_kernel_stack(unsigned long lo, unsigned long hi)
{
        unsigned int i = __atomic_fetch_add(&nr_extra_stacks, 1, __ATOMIC_RELAXED);
        BUG_ON(i >= ARRAY_SIZE(extra_stacks));
        extra_stacks[i].lo = lo;
        extra_stacks[i].hi = hi;
}

unsigned int save_stack_trace(unsigned long *entries, unsigned int max, unsigned int skip)
{
        unsigned long bp = (unsigned long)__builtin_frame_address(0), lo, hi;
        unsigned int n = 0;

        while (n < max && bp && !(bp & 7) && stack_bounds(bp, &lo, &hi) && bp + 16 <= hi) {
                unsigned long *frame = (unsigned long *)bp;
                if (skip)
                        skip--;
                else
                        entries[n++] = frame[1];
                if (frame[0] <= bp)
                        break;
                bp = frame[0];
        }
        return n;
}

bool registered_stack_guard_hit(unsigned long addr)
{
        for (unsigned int i = 0; i < READ_ONCE(nr_extra_stacks); i++)
                if (addr < extra_stacks[i].lo && addr >= extra_stacks[i].lo - PAGE_SIZE)
                        return true;
        return false;
}

bool registered_stack_bounds(unsigned long p, unsigned long *lo, unsigned long *hi)
{
        for (unsigned int i = 0; i < READ_ONCE(nr_extra_stacks); i++)
                if (p >= extra_stacks[i].lo && p < extra_stacks[i].hi) {
                        *lo = extra_stacks[i].lo;
                        *hi = extra_stacks[i].hi;
                        return true;
                }
        return false;
}
