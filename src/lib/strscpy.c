/* Tangled from book/boot.nw (chapter "Booting"). Do not edit: edit the book and run make tangle. */
#include <linux/string.h>
#include <linux/errno.h>

long strscpy(char *dst, const char *src, size_t size)
{
        size_t n;
        if (size == 0)
                return -E2BIG;
        n = strnlen(src, size);
        if (n == size) {
                memcpy(dst, src, size - 1);
                dst[size - 1] = '\0';
                return -E2BIG;
        }
        memcpy(dst, src, n + 1);
        return (long)n;
}
