/* Tangled from book/user.nw (chapter "User mode"). Do not edit: edit the book and run make tangle. */
#ifndef _LINUX_UACCESS_H
#define _LINUX_UACCESS_H
#include <linux/compiler.h>
#include <linux/errno.h>
#include <linux/types.h>
#include <asm/page.h>

/* Bytes not copied: 0 on success. */
unsigned long copy_from_user(void *to, const void __user *from, unsigned long n);
unsigned long copy_to_user(void __user *to, const void *from, unsigned long n);
/* Length of the string (without its NUL) or -EFAULT; -ENAMETOOLONG if no NUL in n. */
long strncpy_from_user(char *dst, const char __user *src, long n);
unsigned long clear_user(void __user *to, unsigned long n);
static inline bool access_ok(const void __user *ptr, unsigned long size)
{
        unsigned long a = (unsigned long)ptr;
        return size <= TASK_SIZE_MAX && a <= TASK_SIZE_MAX - size;
}
#define get_user(x, ptr) ({                                              \
        __typeof__(((void)0, *(ptr))) __gu_val;                          \
        int __gu_err = copy_from_user(&__gu_val, (ptr), sizeof(__gu_val)) ? -EFAULT : 0; \
        (x) = __gu_err ? (__typeof__(__gu_val))0 : __gu_val;             \
        __gu_err; })
#define put_user(x, ptr) ({                                              \
        __typeof__(*(ptr)) __pu_val = (x);                               \
        copy_to_user((ptr), &__pu_val, sizeof(__pu_val)) ? -EFAULT : 0; })
extern bool smap_enabled;
#endif
