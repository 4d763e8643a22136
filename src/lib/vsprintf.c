/* Tangled from book/listings-boot.nw (chapter "Listings of ``Booting''"). Do not edit: edit the book and run make tangle. */
/** @file
 * The kernel's printf-style formatter (see the book, "Formatting").
 */
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <linux/kallsyms.h>
#include <linux/sprintf.h>

/** Everything the formatter carries from one character to the next. */
struct fmt_state {
        char *buf;      /**< destination; NULL is allowed when size is 0 */
        size_t size;    /**< bytes in buf, including room for the NUL */
        size_t pos;     /**< characters produced so far, stored or not */
        va_list ap;     /**< the arguments not yet consumed */
};

/** Produce one character. */
static void fmt_putc(struct fmt_state *st, char c)
{
        if (st->pos + 1 < st->size)
                st->buf[st->pos] = c;
        st->pos++;
}

/** Produce @p n copies of @p c. */
static void fmt_repeat(struct fmt_state *st, char c, size_t n)
{
        for (; n > 0 && st->pos + 1 < st->size; n--)
                st->buf[st->pos++] = c;
        st->pos += n;
}

/** Produce exactly @p n bytes from @p s. */
static void fmt_write(struct fmt_state *st, const char *s, size_t n)
{
        while (n-- > 0)
                fmt_putc(st, *s++);
}

/** The flags of a conversion specification. */
enum {
        FMT_LEFT  = 1 << 0,     /**< '-': pad on the right */
        FMT_ZERO  = 1 << 1,     /**< '0': pad numbers with zeros */
        FMT_PLUS  = 1 << 2,     /**< '+': always print a sign */
        FMT_SPACE = 1 << 3,     /**< ' ': a space where '+' would be */
        FMT_ALT   = 1 << 4,     /**< '#': 0x for hex, a leading 0 for octal */
};

/** Length modifiers, named after the letters. */
enum fmt_len {
        FMT_INT, FMT_HH, FMT_H, FMT_L, FMT_LL, FMT_Z, FMT_T
};

/** One parsed conversion specification. */
struct fmt_spec {
        unsigned flags;         /**< FMT_LEFT ... FMT_ALT */
        int width;              /**< minimum field width; 0 for none */
        int prec;               /**< precision; -1 for none */
        enum fmt_len len;       /**< length modifier */
};

/** Parse the flags at @p p into @p sp. */
static const char *fmt_parse_flags(const char *p, struct fmt_spec *sp)
{
        for (;; p++) {
                switch (*p) {
                case '-': sp->flags |= FMT_LEFT; break;
                case '0': sp->flags |= FMT_ZERO; break;
                case '+': sp->flags |= FMT_PLUS; break;
                case ' ': sp->flags |= FMT_SPACE; break;
                case '#': sp->flags |= FMT_ALT; break;
                default: return p;
                }
        }
}

/** Parse a decimal number, saturating at INT_MAX. */
static const char *fmt_parse_int(const char *p, int *out)
{
        int v = 0;

        while (*p >= '0' && *p <= '9') {
                int d = *p++ - '0';

                v = v > (__INT_MAX__ - d) / 10 ? __INT_MAX__ : v * 10 + d;
        }
        *out = v;
        return p;
}

/** Parse a field width: digits or '*'. */
static const char *fmt_parse_width(struct fmt_state *st, const char *p,
                                   struct fmt_spec *sp)
{
        int w;

        if (*p != '*')
                return fmt_parse_int(p, &sp->width);
        w = va_arg(st->ap, int);
        if (w < 0) {
                sp->flags |= FMT_LEFT;
                w = w < -__INT_MAX__ ? __INT_MAX__ : -w;
        }
        sp->width = w;
        return p + 1;
}

/** Parse a precision: '.' and digits or '*'. */
static const char *fmt_parse_prec(struct fmt_state *st, const char *p,
                                  struct fmt_spec *sp)
{
        if (*p != '.')
                return p;
        if (p[1] != '*')
                return fmt_parse_int(p + 1, &sp->prec);
        sp->prec = va_arg(st->ap, int);
        if (sp->prec < 0)
                sp->prec = -1;
        return p + 2;
}

/** Parse a length modifier. */
static const char *fmt_parse_len(const char *p, struct fmt_spec *sp)
{
        switch (*p) {
        case 'h':
                sp->len = p[1] == 'h' ? FMT_HH : FMT_H;
                return sp->len == FMT_HH ? p + 2 : p + 1;
        case 'l':
                sp->len = p[1] == 'l' ? FMT_LL : FMT_L;
                return sp->len == FMT_LL ? p + 2 : p + 1;
        case 'z': sp->len = FMT_Z; return p + 1;
        case 't': sp->len = FMT_T; return p + 1;
        default: return p;
        }
}

/** Parse a whole specification; return its conversion character. */
static const char *fmt_parse_spec(struct fmt_state *st, const char *p,
                                  struct fmt_spec *sp)
{
        p = fmt_parse_flags(p, sp);
        p = fmt_parse_width(st, p, sp);
        p = fmt_parse_prec(st, p, sp);
        return fmt_parse_len(p, sp);
}

/** Fetch a signed integer argument of length @p len. */
static long long fmt_get_signed(struct fmt_state *st, enum fmt_len len)
{
        switch (len) {
        case FMT_HH: return (signed char)va_arg(st->ap, int);
        case FMT_H:  return (short)va_arg(st->ap, int);
        case FMT_L:  return va_arg(st->ap, long);
        case FMT_LL: return va_arg(st->ap, long long);
        case FMT_Z:  return va_arg(st->ap, ptrdiff_t);
        case FMT_T:  return va_arg(st->ap, ptrdiff_t);
        default:     return va_arg(st->ap, int);
        }
}

/** Fetch an unsigned integer argument of length @p len. */
static unsigned long long fmt_get_unsigned(struct fmt_state *st,
                                           enum fmt_len len)
{
        switch (len) {
        case FMT_HH: return (unsigned char)va_arg(st->ap, unsigned int);
        case FMT_H:  return (unsigned short)va_arg(st->ap, unsigned int);
        case FMT_L:  return va_arg(st->ap, unsigned long);
        case FMT_LL: return va_arg(st->ap, unsigned long long);
        case FMT_Z:  return va_arg(st->ap, size_t);
        case FMT_T:  return va_arg(st->ap, size_t);
        default:     return va_arg(st->ap, unsigned int);
        }
}

/** Length of @p s, reading at most @p max bytes if @p max >= 0. */
static size_t fmt_strnlen(const char *s, int max)
{
        size_t n = 0;

        while ((max < 0 || n < (size_t)max) && s[n] != '\0')
                n++;
        return n;
}

/** Pad a right-justified field of @p len characters. */
static void fmt_pad_before(struct fmt_state *st, const struct fmt_spec *sp,
                           size_t len)
{
        if (!(sp->flags & FMT_LEFT) && (size_t)sp->width > len)
                fmt_repeat(st, ' ', (size_t)sp->width - len);
}

/** Pad a left-justified field of @p len characters. */
static void fmt_pad_after(struct fmt_state *st, const struct fmt_spec *sp,
                          size_t len)
{
        if ((sp->flags & FMT_LEFT) && (size_t)sp->width > len)
                fmt_repeat(st, ' ', (size_t)sp->width - len);
}

/** Emit @p v in @p base, after @p prefix, laid out by @p sp. */
static void fmt_number(struct fmt_state *st, const struct fmt_spec *sp,
                       unsigned long long v, unsigned base, bool upper,
                       const char *prefix)
{
        char digits[3 * sizeof(v)];
        size_t nd = 0, np = fmt_strnlen(prefix, -1), zeros, len;
        bool is_zero = v == 0;

        if (sp->prec != 0 || !is_zero) {
                do {
                        unsigned d = (unsigned)(v % base);

                        digits[nd++] = (char)(d < 10 ? '0' + d
                                                     : (upper ? 'A' : 'a') + d - 10);
                        v /= base;
                } while (v != 0);
        }
        zeros = sp->prec > (int)nd ? (size_t)sp->prec - nd : 0;
        if (base == 8 && (sp->flags & FMT_ALT) && zeros == 0 && (!is_zero || nd == 0))
                zeros = 1;
        len = np + zeros + nd;
        if ((sp->flags & (FMT_ZERO | FMT_LEFT)) == FMT_ZERO && sp->prec < 0 &&
            (size_t)sp->width > len) {
                zeros += (size_t)sp->width - len;
                len = (size_t)sp->width;
        }
        fmt_pad_before(st, sp, len);
        fmt_write(st, prefix, np);
        fmt_repeat(st, '0', zeros);
        while (nd > 0)
                fmt_putc(st, digits[--nd]);
        fmt_pad_after(st, sp, len);
}

/** Emit %d or %i. */
static void fmt_signed(struct fmt_state *st, const struct fmt_spec *sp)
{
        long long v = fmt_get_signed(st, sp->len);
        unsigned long long mag = v < 0 ? 0ULL - (unsigned long long)v
                                       : (unsigned long long)v;
        const char *sign = v < 0 ? "-" : (sp->flags & FMT_PLUS) ? "+"
                         : (sp->flags & FMT_SPACE) ? " " : "";

        fmt_number(st, sp, mag, 10, false, sign);
}

/** Emit %u, %o, %x or %X. */
static void fmt_unsigned(struct fmt_state *st, const struct fmt_spec *sp,
                         char conv)
{
        unsigned long long v = fmt_get_unsigned(st, sp->len);
        unsigned base = conv == 'o' ? 8 : conv == 'u' ? 10 : 16;
        const char *prefix = "";

        if (base == 16 && (sp->flags & FMT_ALT) && v != 0)
                prefix = conv == 'X' ? "0X" : "0x";
        fmt_number(st, sp, v, base, conv == 'X', prefix);
}

/** Emit %c. */
static void fmt_char(struct fmt_state *st, const struct fmt_spec *sp, char c)
{
        fmt_pad_before(st, sp, 1);
        fmt_putc(st, c);
        fmt_pad_after(st, sp, 1);
}

/** Emit %s. */
static void fmt_string(struct fmt_state *st, const struct fmt_spec *sp,
                       const char *s)
{
        size_t n;

        if (s == NULL)
                s = "(null)";
        n = fmt_strnlen(s, sp->prec);
        fmt_pad_before(st, sp, n);
        fmt_write(st, s, n);
        fmt_pad_after(st, sp, n);
}

/** Emit an address as 0x and all its hexadecimal digits. */
static void fmt_address(struct fmt_state *st, const struct fmt_spec *sp,
                        uintptr_t addr)
{
        struct fmt_spec raw = *sp;

        raw.prec = 2 * sizeof(void *);
        fmt_number(st, &raw, addr, 16, false, "0x");
}

/** Number of hexadecimal digits in @p v. */
static size_t fmt_hex_len(unsigned long v)
{
        size_t n = 1;

        while ((v /= 16) != 0)
                n++;
        return n;
}

/** Emit the symbol containing @p addr; false if there is none. */
static bool fmt_symbol(struct fmt_state *st, const struct fmt_spec *sp,
                       uintptr_t addr, bool with_offset, bool return_addr)
{
        static const struct fmt_spec plain = { .prec = -1 };
        unsigned long size, off;
        const char *name = kallsyms_lookup(addr - return_addr, &size, &off);
        size_t n, len;

        if (name == NULL)
                return false;
        off += return_addr;
        n = len = fmt_strnlen(name, -1);
        if (with_offset)
                len += 3 + fmt_hex_len(off) + 3 + fmt_hex_len(size);
        fmt_pad_before(st, sp, len);
        fmt_write(st, name, n);
        if (with_offset) {
                fmt_write(st, "+0x", 3);
                fmt_number(st, &plain, off, 16, false, "");
                fmt_write(st, "/0x", 3);
                fmt_number(st, &plain, size, 16, false, "");
        }
        fmt_pad_after(st, sp, len);
        return true;
}

/** Emit %p, %px, %pS, %ps or %pB; return where formatting continues. */
static const char *fmt_pointer(struct fmt_state *st,
                               const struct fmt_spec *sp, const char *p)
{
        uintptr_t addr = (uintptr_t)va_arg(st->ap, void *);
        char ext = p[1];

        if (ext != 'x' && ext != 'S' && ext != 's' && ext != 'B') {
                fmt_address(st, sp, addr);
                return p + 1;
        }
        if (ext == 'x' || !fmt_symbol(st, sp, addr, ext != 's', ext == 'B'))
                fmt_address(st, sp, addr);
        return p + 2;
}

/** Emit one conversion; NULL if the conversion is unknown. */
static const char *fmt_convert(struct fmt_state *st,
                               const struct fmt_spec *sp, const char *p)
{
        char c = *p;
        bool integer = c == 'd' || c == 'i' || c == 'u' || c == 'o' ||
                       c == 'x' || c == 'X';

        if (sp->len != FMT_INT && !integer)
                return NULL;
        switch (c) {
        case 'd': case 'i': fmt_signed(st, sp); break;
        case 'u': case 'o': case 'x': case 'X': fmt_unsigned(st, sp, c); break;
        case 'c': fmt_char(st, sp, (char)va_arg(st->ap, int)); break;
        case 's': fmt_string(st, sp, va_arg(st->ap, const char *)); break;
        case 'p': return fmt_pointer(st, sp, p);
        case '%': fmt_putc(st, '%'); break;
        default: return NULL;
        }
        return p + 1;
}

/** Format all of @p fmt. */
static void fmt_run(struct fmt_state *st, const char *fmt)
{
        while (*fmt != '\0') {
                struct fmt_spec sp = { .prec = -1 };
                const char *start = fmt, *p;

                if (*fmt != '%') {
                        fmt_putc(st, *fmt++);
                        continue;
                }
                p = fmt_parse_spec(st, fmt + 1, &sp);
                fmt = *p != '\0' ? fmt_convert(st, &sp, p) : NULL;
                if (fmt == NULL) {
                        fmt = *p != '\0' ? p + 1 : p;
                        fmt_write(st, start, (size_t)(fmt - start));
                }
        }
}

/** Format into @p buf; return the length of the complete output. */
static size_t fmt_format(char *buf, size_t size, const char *fmt,
                         va_list args)
{
        struct fmt_state st = { .buf = buf, .size = size };

        va_copy(st.ap, args);
        fmt_run(&st, fmt);
        va_end(st.ap);
        if (size > 0)
                buf[st.pos < size - 1 ? st.pos : size - 1] = '\0';
        return st.pos;
}

/** See vsnprintf() in linux/sprintf.h. */
int vsnprintf(char *buf, size_t size, const char *fmt, va_list args)
{
        size_t n = fmt_format(buf, size, fmt, args);

        return n > (size_t)__INT_MAX__ ? -1 : (int)n;
}

/** See vscnprintf() in linux/sprintf.h. */
int vscnprintf(char *buf, size_t size, const char *fmt, va_list args)
{
        size_t n = fmt_format(buf, size, fmt, args);

        if (n >= size)
                n = size > 0 ? size - 1 : 0;
        return n > (size_t)__INT_MAX__ ? __INT_MAX__ : (int)n;
}

/** See snprintf() in linux/sprintf.h. */
int snprintf(char *buf, size_t size, const char *fmt, ...)
{
        va_list args;
        int n;

        va_start(args, fmt);
        n = vsnprintf(buf, size, fmt, args);
        va_end(args);
        return n;
}

/** See scnprintf() in linux/sprintf.h. */
int scnprintf(char *buf, size_t size, const char *fmt, ...)
{
        va_list args;
        int n;

        va_start(args, fmt);
        n = vscnprintf(buf, size, fmt, args);
        va_end(args);
        return n;
}
