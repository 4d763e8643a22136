/* Tangled from book/boot.nw (chapter "Booting"). Do not edit: edit the book and run make tangle. */
#include <linux/cmdline.h>
#include <linux/errno.h>

static const char *kstrtox_base(const char *s, unsigned int *base)
{
        bool hex_prefix = s[0] == '0' && (s[1] | 0x20) == 'x';

        if (*base == 0)
                *base = hex_prefix ? 16 : s[0] == '0' && s[1] ? 8 : 10;
        if (*base == 16 && hex_prefix)
                s += 2;
        return s;
}

int kstrtoull(const char *s, unsigned int base, unsigned long long *res)
{
        unsigned long long v = 0;

        s = kstrtox_base(s, &base);
        if (!*s)
                return -EINVAL;
        for (; *s; s++) {
                unsigned int d;
                if (*s >= '0' && *s <= '9') d = *s - '0';
                else if ((*s | 0x20) >= 'a' && (*s | 0x20) <= 'f') d = (*s | 0x20) - 'a' + 10;
                else return -EINVAL;
                if (d >= base)
                        return -EINVAL;
                if (v > (~0ULL - d) / base)
                        return -ERANGE;
                v = v * base + d;
        }
        *res = v;
        return 0;
}

int kstrtoint(const char *s, unsigned int base, int *res)
{
        unsigned long long mag;
        bool neg = s[0] == '-';
        int ret = kstrtoull(s + neg, base, &mag);

        if (ret)
                return ret;
        if (mag > (unsigned long long)__INT_MAX__ + neg)
                return -ERANGE;
        *res = neg ? (int)(0 - mag) : (int)mag;
        return 0;
}
