/* Tangled from book/boot.nw (chapter "Booting"). Do not edit: edit the book and run make tangle. */
#ifndef _LINUX_KTEST_H
#define _LINUX_KTEST_H
#include <linux/compiler.h>

struct ktest {
        const char *name;
        const char *desc;
        int (*fn)(void);
};

#define DEFINE_KTEST(tname, tdesc)                                        \
        static int ktest_##tname(void);                                   \
        static const struct ktest __ktest_##tname __section(".ktests")    \
                __used __aligned(8) = { #tname, tdesc, ktest_##tname };  \
        static noinline int ktest_##tname(void)

extern const struct ktest __ktests_start[], __ktests_end[];
void __noreturn ktest_run_requested(void);
void ktest_start(void);
#endif
