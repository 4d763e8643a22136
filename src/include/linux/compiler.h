/* Tangled from book/boot.nw (chapter "Booting"). Do not edit: edit the book and run make tangle. */
#ifndef _LINUX_COMPILER_H
#define _LINUX_COMPILER_H

#define __noreturn       __attribute__((__noreturn__))
#define __packed         __attribute__((__packed__))
#define __aligned(x)     __attribute__((__aligned__(x)))
#define __section(s)     __attribute__((__section__(s)))
#define __used           __attribute__((__used__))
#define __maybe_unused   __attribute__((__unused__))
#define __user           /* marks a pointer into user memory */
#define __printf(a, b)   __attribute__((__format__(printf, a, b)))
#define noinline         __attribute__((__noinline__))
#ifndef __always_inline          /* the C library's <sys/cdefs.h> has one */
#define __always_inline  inline __attribute__((__always_inline__))
#endif
#define likely(x)        __builtin_expect(!!(x), 1)
#define unlikely(x)      __builtin_expect(!!(x), 0)
#define barrier()        asm volatile("" ::: "memory")
#define _RET_IP_         ((unsigned long)__builtin_return_address(0))
#define _THIS_IP_        ({ __label__ __here; __here: (unsigned long)&&__here; })
#define READ_ONCE(x)     (*(const volatile __typeof__(x) *)&(x))
#define WRITE_ONCE(x, v) (*(volatile __typeof__(x) *)&(x) = (v))
#endif
