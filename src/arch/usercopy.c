/* Tangled from book/user.nw (chapter "User mode"). Do not edit: edit the book and run make tangle. */
#include <asm/processor.h>
#include <linux/string.h>
#include <linux/uaccess.h>

bool smap_enabled;

static __always_inline void stac(void) { if (smap_enabled) asm volatile("stac" ::: "memory"); }
static __always_inline void clac(void) { if (smap_enabled) asm volatile("clac" ::: "memory"); }

#define _ASM_EXTABLE(from, to) \
        " .pushsection __ex_table, \"a\"\n .balign 8\n .quad " #from ", " #to "\n .popsection\n"

static unsigned long copy_user_generic(void *to, const void *from, unsigned long n)
{
        stac();
        asm volatile("1: rep movsb\n2:\n" _ASM_EXTABLE(1b, 2b)
                     : "+c"(n), "+D"(to), "+S"(from) : : "memory");
        clac();
        return n;
}
unsigned long copy_from_user(void *to, const void __user *from, unsigned long n)
{
        unsigned long left = access_ok(from, n) ? copy_user_generic(to, from, n) : n;
        if (left)
                memset((char *)to + (n - left), 0, left);
        return left;
}
unsigned long copy_to_user(void __user *to, const void *from, unsigned long n)
{
        return access_ok(to, n) ? copy_user_generic(to, from, n) : n;
}
unsigned long clear_user(void __user *to, unsigned long n)
{
        if (!access_ok(to, n))
                return n;
        stac();
        asm volatile("1: rep stosb\n2:\n" _ASM_EXTABLE(1b, 2b)
                     : "+c"(n), "+D"(to) : "a"(0) : "memory");
        clac();
        return n;
}
long strncpy_from_user(char *dst, const char __user *src, long n)
{
        for (long i = 0; i < n; i++) {
                if (copy_from_user(&dst[i], src + i, 1))
                        return -EFAULT;
                if (!dst[i])
                        return i;
        }
        return -ENAMETOOLONG;
}
