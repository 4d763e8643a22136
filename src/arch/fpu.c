/* Tangled from book/user.nw (chapter "User mode"). Do not edit: edit the book and run make tangle. */
#include <asm/fpu.h>
#include <asm/mpx.h>
#include <linux/errno.h>
#include <asm/processor.h>
#include <linux/kernel.h>
#include <linux/preempt.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/string.h>

u64 xfeatures_mask;
unsigned int fpu_xstate_size;

static void xsetbv(u32 index, u64 value)
{
        asm volatile("xsetbv" : : "c"(index), "a"((u32)value), "d"((u32)(value >> 32)));
}
void fpu_init_cpu(void)
{
        u32 a, b, c, d;

        cpuid(1, &a, &b, &c, &d);
        if (!(c & (1U << 26)))
                panic("fpu: the CPU has no XSAVE (CPUID.1:ECX.XSAVE); boot with -cpu max");
        write_cr0((read_cr0() & ~X86_CR0_EM) | X86_CR0_MP | X86_CR0_NE);
        write_cr4(read_cr4() | X86_CR4_OSFXSR | X86_CR4_OSXMMEXCPT | X86_CR4_OSXSAVE);
        if (!xfeatures_mask) {
                cpuid_count(0xd, 0, &a, &b, &c, &d);
                xfeatures_mask = a & (XFEATURE_MASK_FP | XFEATURE_MASK_SSE | XFEATURE_MASK_YMM |
                                       mpx_xfeatures());
        }
        xsetbv(0, xfeatures_mask);
        if (!fpu_xstate_size) {
                cpuid_count(0xd, 0, &a, &b, &c, &d);
                fpu_xstate_size = b;
                pr_info("fpu: xstate features %#llx, XSAVE area %u bytes\n",
                        (unsigned long long)xfeatures_mask, fpu_xstate_size);
        }
        asm volatile("fninit");
}
static void fpstate_init(void *area)
{
        memset(area, 0, fpu_xstate_size);
        *(u16 *)area = 0x37f;                   /* FCW */
        *(u32 *)((char *)area + 24) = 0x1f80;   /* MXCSR */
}
int fpu_alloc(struct task_struct *t)
{
        void *area = kmalloc(fpu_xstate_size < 64 ? 64 : fpu_xstate_size, GFP_KERNEL);

        if (!area)
                return -ENOMEM;
        BUG_ON((unsigned long)area & 63);
        fpstate_init(area);
        t->fpstate = area;
        return 0;
}
void fpu_free(struct task_struct *t)
{
        kfree(t->fpstate);
        t->fpstate = NULL;
}
static void xsave(void *area)
{
        asm volatile("xsave64 (%0)" : : "r"(area), "a"(-1), "d"(-1) : "memory");
}
static void xrstor(const void *area)
{
        asm volatile("xrstor64 (%0)" : : "r"(area), "a"(-1), "d"(-1) : "memory");
}
void fpu_save(struct task_struct *t) { if (t->fpstate) xsave(t->fpstate); }
void fpu_restore(struct task_struct *t) { if (t->fpstate) xrstor(t->fpstate); }
void fpu_copy_current(struct task_struct *child)
{
        preempt_disable();
        xsave(child->fpstate);
        preempt_enable();
}
void fpu_reset_current(void)
{
        preempt_disable();
        fpstate_init(current->fpstate);
        xrstor(current->fpstate);
        preempt_enable();
}
