/* Tangled from book/smp.nw (chapter "CPUs"). Do not edit: edit the book and run make tangle. */
#ifndef _ASM_PERCPU_H
#define _ASM_PERCPU_H
#include <linux/types.h>

void __bad_percpu_size(void);   /* never defined: a link error on misuse */

#define __pcpu_union(var) union { __typeof__(var) v; u8 b; u16 w; u32 l; u64 q; }

#define raw_cpu_read(var) ({                                                   \
        __pcpu_union(var) __u;                                                 \
        switch (sizeof(var)) {                                                 \
        case 1: asm volatile("movb %%gs:%c1, %0" : "=q"(__u.b) : "i"(&(var))); break; \
        case 2: asm volatile("movw %%gs:%c1, %0" : "=r"(__u.w) : "i"(&(var))); break; \
        case 4: asm volatile("movl %%gs:%c1, %0" : "=r"(__u.l) : "i"(&(var))); break; \
        case 8: asm volatile("movq %%gs:%c1, %0" : "=r"(__u.q) : "i"(&(var))); break; \
        default: __bad_percpu_size();                                          \
        }                                                                      \
        __u.v; })
#define __pcpu_to_op(op, var, val) do {                                        \
        __pcpu_union(var) __u;                                                 \
        __u.q = 0;                                                             \
        __u.v = (val);                                                         \
        switch (sizeof(var)) {                                                 \
        case 1: asm volatile(op "b %1, %%gs:%c0" : : "i"(&(var)), "qi"(__u.b) : "memory"); break; \
        case 2: asm volatile(op "w %1, %%gs:%c0" : : "i"(&(var)), "ri"(__u.w) : "memory"); break; \
        case 4: asm volatile(op "l %1, %%gs:%c0" : : "i"(&(var)), "ri"(__u.l) : "memory"); break; \
        case 8: asm volatile(op "q %1, %%gs:%c0" : : "i"(&(var)), "re"(__u.q) : "memory"); break; \
        default: __bad_percpu_size();                                          \
        }                                                                      \
} while (0)
#define raw_cpu_write(var, val) __pcpu_to_op("mov", var, val)
#define raw_cpu_add(var, val)   __pcpu_to_op("add", var, val)
#endif
