/* Tangled from book/boot.nw (chapter "Booting"). Do not edit: edit the book and run make tangle. */
#include <asm/power.h>
#include <asm/processor.h>
#include <asm/ptrace.h>
#include <asm/traps.h>
#include <linux/kernel.h>
#include <linux/sprintf.h>

int oops_in_progress;

static __always_inline void crash_setup_regs(struct pt_regs *r)
{
        asm volatile("movq %%rbx, %0" : "=m"(r->bx));
        asm volatile("movq %%rbp, %0" : "=m"(r->bp));
        asm volatile("movq %%r12, %0" : "=m"(r->r12));
        asm volatile("movq %%r13, %0" : "=m"(r->r13));
        asm volatile("movq %%r14, %0" : "=m"(r->r14));
        asm volatile("movq %%r15, %0" : "=m"(r->r15));
        asm volatile("movq %%rsp, %0" : "=m"(r->sp));
        asm volatile("pushfq; popq %0" : "=m"(r->flags));
        asm volatile("leaq 0(%%rip), %%rax; movq %%rax, %0" : "=m"(r->ip) : : "rax");
        asm volatile("movq %%cs, %%rax; movq %%rax, %0" : "=m"(r->cs) : : "rax");
        asm volatile("movq %%ss, %%rax; movq %%rax, %0" : "=m"(r->ss) : : "rax");
        r->ax = r->cx = r->dx = r->si = r->di = 0;
        r->r8 = r->r9 = r->r10 = r->r11 = 0;
        r->orig_ax = -1;
}

void __noreturn panic(const char *fmt, ...)
{
        static int in_panic;
        static char buf[256];
        struct pt_regs regs;
        va_list args;

        local_irq_disable();
        console_release();              /* a panic before the command line was read */
        if (in_panic++) {
                pr_emerg("Kernel panic - not syncing: panic while panicking\n");
                power_off(EXIT_PANIC);
        }
        va_start(args, fmt);
        vscnprintf(buf, sizeof(buf), fmt, args);
        va_end(args);
        pr_emerg("Kernel panic - not syncing: %s\n", buf);
        if (!oops_in_progress) {
                crash_setup_regs(&regs);
                show_regs(&regs);
                dump_stack();
        }
        pr_emerg("---[ end Kernel panic - not syncing: %s ]---\n", buf);
        power_off(EXIT_PANIC);
}

void warn_slowpath(const char *file, int line, const char *cond)
{
        pr_warn("WARNING: %s:%d: %s\n", file, line, cond);
        dump_stack();
}
