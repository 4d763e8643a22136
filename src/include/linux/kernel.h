/* Tangled from book/boot.nw (chapter "Booting"). Do not edit: edit the book and run make tangle. */
#ifndef _LINUX_KERNEL_H
#define _LINUX_KERNEL_H
#include <linux/types.h>
#include <linux/compiler.h>
#include <linux/printk.h>

#define ARRAY_SIZE(a)     (sizeof(a) / sizeof((a)[0]))
#define ALIGN(x, a)       (((x) + (a) - 1) & ~((__typeof__(x))(a) - 1))
#define ALIGN_DOWN(x, a)  ((x) & ~((__typeof__(x))(a) - 1))
#define IS_ALIGNED(x, a)  (((x) & ((__typeof__(x))(a) - 1)) == 0)
#define min(a, b)  ({ __typeof__(a) _a = (a); __typeof__(b) _b = (b); _a < _b ? _a : _b; })
#define max(a, b)  ({ __typeof__(a) _a = (a); __typeof__(b) _b = (b); _a > _b ? _a : _b; })
#define container_of(p, type, member) \
        ((type *)((char *)(p) - __builtin_offsetof(type, member)))

extern int oops_in_progress;
void __noreturn panic(const char *fmt, ...) __printf(1, 2);
void warn_slowpath(const char *file, int line, const char *cond);
void dump_stack(void);

#define BUG_ON(c) do { if (unlikely(c)) \
        panic("BUG at %s:%d: %s", __FILE__, __LINE__, #c); } while (0)
#define WARN_ON(c) ({ bool _w = !!(c);                            \
        if (unlikely(_w)) {                                             \
                warn_slowpath(__FILE__, __LINE__, #c);                  \
        }                                                               \
        _w; })
#endif
