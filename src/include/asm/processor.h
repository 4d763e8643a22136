/* Tangled from book/boot.nw (chapter "Booting"). Do not edit: edit the book and run make tangle. */
#ifndef _ASM_PROCESSOR_H
#define _ASM_PROCESSOR_H

#define X86_CR0_PE      (1 << 0)
#define X86_CR0_WP      (1 << 16)
#define X86_CR0_PG      0x80000000
#define X86_CR4_PAE     (1 << 5)
#define X86_CR4_PGE     (1 << 7)
#define MSR_EFER        0xc0000080
#define EFER_LME        (1 << 8)
#define EFER_NX         (1 << 11)
#define X86_EFLAGS_IF   (1 << 9)

#ifdef __ASSEMBLY__
.macro ENABLE_LONG_MODE_PAGING cr3
        movl    %cr4, %eax
        orl     $X86_CR4_PAE, %eax
        movl    %eax, %cr4
        movl    \cr3, %eax
        movl    %eax, %cr3
        movl    $MSR_EFER, %ecx
        rdmsr
        orl     $(EFER_LME | EFER_NX), %eax
        wrmsr
        movl    %cr0, %eax
        orl     $(X86_CR0_PE | X86_CR0_WP | X86_CR0_PG), %eax
        movl    %eax, %cr0
.endm
#else
#include <linux/types.h>
#define DEFINE_READ_CR(n) \
        static inline unsigned long read_cr##n(void) \
        { unsigned long v; asm volatile("mov %%cr" #n ", %0" : "=r"(v)); return v; }
DEFINE_READ_CR(0)
DEFINE_READ_CR(2)
DEFINE_READ_CR(3)
DEFINE_READ_CR(4)

static inline void write_cr3(unsigned long v)
{
        asm volatile("mov %0, %%cr3" : : "r"(v) : "memory");
}
static inline void native_halt(void) { asm volatile("hlt" ::: "memory"); }
static inline void local_irq_disable(void) { asm volatile("cli" ::: "memory"); }
static inline void local_irq_enable(void) { asm volatile("sti" ::: "memory"); }

static inline unsigned long native_save_fl(void)
{
        unsigned long flags;
        asm volatile("pushf; pop %0" : "=rm"(flags) : : "memory");
        return flags;
}

static inline void cpuid(u32 leaf, u32 *a, u32 *b, u32 *c, u32 *d)
{
        asm volatile("cpuid" : "=a"(*a), "=b"(*b), "=c"(*c), "=d"(*d)
                     : "a"(leaf), "c"(0));
}
#define X86_CR0_MP          (1UL << 1)
#define X86_CR0_EM          (1UL << 2)
#define X86_CR0_NE          (1UL << 5)
#define X86_CR4_OSFXSR      (1UL << 9)
#define X86_CR4_OSXMMEXCPT  (1UL << 10)
#define X86_CR4_OSXSAVE     (1UL << 18)
#define X86_CR4_SMEP        (1UL << 20)
#define X86_CR4_SMAP        (1UL << 21)
static inline void write_cr0(unsigned long v)
{
        asm volatile("mov %0, %%cr0" : : "r"(v) : "memory");
}
static inline void write_cr4(unsigned long v)
{
        asm volatile("mov %0, %%cr4" : : "r"(v) : "memory");
}
static inline void cpuid_count(u32 leaf, u32 sub, u32 *a, u32 *b, u32 *c, u32 *d)
{
        asm volatile("cpuid" : "=a"(*a), "=b"(*b), "=c"(*c), "=d"(*d) : "a"(leaf), "c"(sub));
}
#define X86_EFLAGS_CF    (1UL << 0)
#define X86_EFLAGS_PF    (1UL << 2)
#define X86_EFLAGS_AF    (1UL << 4)
#define X86_EFLAGS_ZF    (1UL << 6)
#define X86_EFLAGS_SF    (1UL << 7)
#define X86_EFLAGS_TF    (1UL << 8)
#define X86_EFLAGS_DF    (1UL << 10)
#define X86_EFLAGS_OF    (1UL << 11)
#define X86_EFLAGS_IOPL  (3UL << 12)
#define X86_EFLAGS_NT    (1UL << 14)
#define X86_EFLAGS_RF    (1UL << 16)
#define X86_EFLAGS_VM    (1UL << 17)
#define X86_EFLAGS_AC    (1UL << 18)
#define X86_EFLAGS_ID    (1UL << 21)
#define X86_EFLAGS_FIXED (1UL << 1)     /* always reads as 1 */
#endif
#endif
