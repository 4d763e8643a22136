/* Tangled from book/user.nw (chapter "User mode"). Do not edit: edit the book and run make tangle. */
#ifndef _ASM_MSR_H
#define _ASM_MSR_H
#include <linux/types.h>

#define MSR_EFER            0xc0000080
#define EFER_SCE            (1 << 0)    /* SYSCALL/SYSRET enabled */
#define MSR_STAR            0xc0000081  /* segment selectors */
#define MSR_LSTAR           0xc0000082  /* 64-bit SYSCALL entry point */
#define MSR_CSTAR           0xc0000083  /* compatibility-mode entry point */
#define MSR_SYSCALL_MASK    0xc0000084  /* RFLAGS bits cleared on entry */
#define MSR_FS_BASE         0xc0000100
#define MSR_GS_BASE         0xc0000101
#define MSR_KERNEL_GS_BASE  0xc0000102  /* swapped with GS_BASE by SWAPGS */

static inline u64 rdmsrl(u32 msr)
{
        u32 lo, hi;
        asm volatile("rdmsr" : "=a"(lo), "=d"(hi) : "c"(msr));
        return ((u64)hi << 32) | lo;
}
static inline void wrmsrl(u32 msr, u64 val)
{
        asm volatile("wrmsr" : : "c"(msr), "a"((u32)val), "d"((u32)(val >> 32))
                     : "memory");
}
#endif
