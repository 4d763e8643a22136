/* Tangled from book/mm.nw (chapter "Memory"). Do not edit: edit the book and run make tangle. */
#ifndef _ASM_TSC_H
#define _ASM_TSC_H
#include <linux/types.h>

static inline u64 rdtsc(void)
{
        u32 lo, hi;
        asm volatile("rdtsc" : "=a"(lo), "=d"(hi));
        return ((u64)hi << 32) | lo;
}
extern unsigned long tsc_khz;
void tsc_calibrate_begin(void);
void tsc_calibrate(void);
unsigned long tsc_measure_oneshot(void);     /* the first method; a test compares */
#endif
