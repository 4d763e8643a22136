/* Tangled from book/boot.nw (chapter "Booting"). Do not edit: edit the book and run make tangle. */
#include <linux/string.h>

void *memcpy(void *dst, const void *src, size_t n)
{
        void *d = dst;
        asm volatile("rep movsb" : "+D"(d), "+S"(src), "+c"(n) : : "memory");
        return dst;
}

void *memmove(void *dst, const void *src, size_t n)
{
        if (dst <= src || (const char *)dst >= (const char *)src + n)
                return memcpy(dst, src, n);
        void *d = (char *)dst + n - 1;
        const void *s = (const char *)src + n - 1;
        asm volatile("std; rep movsb; cld" : "+D"(d), "+S"(s), "+c"(n) : : "memory");
        return dst;
}

void *memset(void *s, int c, size_t n)
{
        void *d = s;
        if (n % 8 == 0 && (unsigned long)s % 8 == 0) {
                unsigned long q = n / 8, v = 0x0101010101010101UL * (unsigned char)c;
                asm volatile("rep stosq" : "+D"(d), "+c"(q) : "a"(v) : "memory");
        } else {
                asm volatile("rep stosb" : "+D"(d), "+c"(n) : "a"(c) : "memory");
        }
        return s;
}
int memcmp(const void *a, const void *b, size_t n)
{
        const unsigned char *x = a, *y = b;
        for (; n; n--, x++, y++)
                if (*x != *y)
                        return *x - *y;
        return 0;
}

size_t strlen(const char *s) { size_t n = 0; while (s[n]) n++; return n; }
size_t strnlen(const char *s, size_t max)
{
        size_t n = 0;
        while (n < max && s[n])
                n++;
        return n;
}

int strncmp(const char *a, const char *b, size_t n)
{
        for (; n; n--, a++, b++) {
                if (*a != *b)
                        return (unsigned char)*a - (unsigned char)*b;
                if (!*a)
                        break;
        }
        return 0;
}
int strcmp(const char *a, const char *b) { return strncmp(a, b, (size_t)-1); }

char *strchr(const char *s, int c)
{
        for (; *s != (char)c; s++)
                if (!*s)
                        return NULL;
        return (char *)s;
}
