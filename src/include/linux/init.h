/* Tangled from book/boot.nw (chapter "Booting"). Do not edit: edit the book and run make tangle. */
#ifndef _LINUX_INIT_H
#define _LINUX_INIT_H
#include <linux/cmdline.h>
#include <linux/compiler.h>

#define early_param(str, fn)                                             \
        static const struct kernel_param __setup_##fn                    \
        __section(".init.setup") __used __aligned(8) = { str, fn }

extern const struct kernel_param __setup_start[], __setup_end[];
int parse_broken_switch(const char *key, const char *val, const char *good,
                        const char *bad, const char *consequence);
#endif
