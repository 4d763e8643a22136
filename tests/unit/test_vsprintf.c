/* Tangled from book/listings-boot.nw (chapter "Listings of ``Booting''"). Do not edit: edit the book and run make tangle. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <limits.h>
#include <string.h>

#include "linux/sprintf.h"

struct fake_sym {
        const char *name;
        unsigned long start, size;
};

static const struct fake_sym fake_syms[] = {
        { "start_kernel", 0x1000, 0x80 },
        { "do_page_fault", 0x2000, 0x140 },
        { "kmain", 0xffffffff80100000UL, 0x2a },
};

const char *kallsyms_lookup(unsigned long addr, unsigned long *symbolsize,
                            unsigned long *offset);

const char *kallsyms_lookup(unsigned long addr, unsigned long *symbolsize,
                            unsigned long *offset)
{
        for (size_t i = 0; i < sizeof(fake_syms) / sizeof(fake_syms[0]); i++) {
                if (addr - fake_syms[i].start < fake_syms[i].size) {
                        *symbolsize = fake_syms[i].size;
                        *offset = addr - fake_syms[i].start;
                        return fake_syms[i].name;
                }
        }
        return NULL;
}

static int format_unchecked(char *buf, size_t size, const char *fmt, ...)
{
        va_list args;
        int n;

        va_start(args, fmt);
        n = vsnprintf(buf, size, fmt, args);
        va_end(args);
        return n;
}

#define EXPECT_WITH(fn, want, ...) do {                                 \
                char buf_[128];                                         \
                int n_ = fn(buf_, sizeof(buf_), __VA_ARGS__);           \
                assert_string_equal(buf_, (want));                      \
                assert_int_equal(n_, (int)strlen(want));                \
        } while (0)
#define EXPECT(want, ...) EXPECT_WITH(snprintf, want, __VA_ARGS__)
#define EXPECT_UNCHECKED(want, ...) \
        EXPECT_WITH(format_unchecked, want, __VA_ARGS__)

static void test_plain_text(void **state)
{
        (void)state;
        EXPECT("hello, world", "hello, world");
        EXPECT("100%", "100%%");
        EXPECT_UNCHECKED("", "");
}

static void test_decimal(void **state)
{
        (void)state;
        EXPECT("42 -42 0", "%d %d %d", 42, -42, 0);
        EXPECT("7 -7", "%i %i", 7, -7);
        EXPECT("-2147483648 2147483647", "%d %d", INT_MIN, INT_MAX);
}

static void test_unsigned_hex_octal(void **state)
{
        (void)state;
        EXPECT("4294967295", "%u", UINT_MAX);
        EXPECT("deadbeef DEADBEEF", "%x %X", 0xdeadbeefU, 0xdeadbeefU);
        EXPECT("0 0 0", "%u %x %o", 0U, 0U, 0U);
        EXPECT("10 777", "%o %o", 8U, 0777U);
}

static void test_flag_minus(void **state)
{
        (void)state;
        EXPECT("42   |-42  |", "%-5d|%-5d|", 42, -42);
        EXPECT("ff   |", "%-5x|", 0xffU);
}

static void test_flag_zero(void **state)
{
        (void)state;
        EXPECT("00042 -0042", "%05d %05d", 42, -42);
        EXPECT("0000beef 0x00beef", "%08x %#08x", 0xbeefU, 0xbeefU);
}

static void test_flag_plus_space(void **state)
{
        (void)state;
        EXPECT("+5 -5 +0", "%+d %+d %+d", 5, -5, 0);
        EXPECT(" 5 -5", "% d % d", 5, -5);
        EXPECT_UNCHECKED("+5", "%+ d", 5);
        EXPECT_UNCHECKED("5 5", "%+u % u", 5U, 5U);
}

static void test_flag_alt(void **state)
{
        (void)state;
        EXPECT("0xff 0XFF 0", "%#x %#X %#x", 0xffU, 0xffU, 0U);
        EXPECT("010 0 0", "%#o %#o %#.0o", 8U, 0U, 0U);
        EXPECT("00010 0777", "%#.5o %#o", 8U, 0777U);
}

static void test_flag_zero_ignored(void **state)
{
        (void)state;
        EXPECT_UNCHECKED("42   |", "%-05d|", 42);
        EXPECT_UNCHECKED("  042", "%05.3d", 42);
}

static void test_width(void **state)
{
        (void)state;
        EXPECT("   42|12345", "%5d|%2d", 42, 12345);
        EXPECT("   42|42   |", "%*d|%*d|", 5, 42, -5, 42);
        EXPECT("ab   |", "%-*s|", 5, "ab");
}

static void test_precision(void **state)
{
        (void)state;
        EXPECT("007 -007 000ff", "%.3d %.3d %.5x", 7, -7, 0xffU);
        EXPECT("[][]", "[%.0d][%.0x]", 0, 0U);
        EXPECT("     007", "%8.3d", 7);
        EXPECT("[] 42", "[%.d] %.1d", 0, 42);
}

static void test_precision_star(void **state)
{
        (void)state;
        EXPECT("007", "%.*d", 3, 7);
        EXPECT("7 0", "%.*d %.*d", -1, 7, -5, 0);
        EXPECT_UNCHECKED("00042", "%0*.*d", 5, -2, 42);
        EXPECT("abc", "%.*s", -1, "abc");
        EXPECT("  007", "%*.*d", 5, 3, 7);
}

static void test_length_hh_h(void **state)
{
        (void)state;
        EXPECT_UNCHECKED("ff -1 0 -128", "%hhx %hhd %hhu %hhd", 0x1ff, 0x1ff, 256, 128);
        EXPECT_UNCHECKED("2345 -32768 0", "%hx %hd %hu", 0x12345, 0x18000, 65536);
        EXPECT("127 65535", "%hhd %hu", (signed char)127, (unsigned short)65535);
}

static void test_length_l_ll(void **state)
{
        (void)state;
        EXPECT("-9223372036854775808 18446744073709551615",
               "%ld %lu", LONG_MIN, ULONG_MAX);
        EXPECT("-9223372036854775808 9223372036854775807",
               "%lld %lld", LLONG_MIN, LLONG_MAX);
        EXPECT("ffffffffffffffff 1777777777777777777777",
               "%llx %llo", ULLONG_MAX, ULLONG_MAX);
}

static void test_length_z_t(void **state)
{
        (void)state;
        EXPECT("18446744073709551615 -3", "%zu %zd", SIZE_MAX, (ptrdiff_t)-3);
        EXPECT("-5 ff", "%td %tx", (ptrdiff_t)-5, (size_t)255);
        EXPECT("FF", "%zX", (size_t)255);
}

static void test_char(void **state)
{
        char buf[8];

        (void)state;
        EXPECT("A|  A|A  |", "%c|%3c|%-3c|", 'A', 'A', 'A');
        memset(buf, 'X', sizeof(buf));
        assert_int_equal(snprintf(buf, sizeof(buf), "a%cb", 0), 3);
        assert_memory_equal(buf, "a\0b\0XXXX", 8);
}

static void test_string(void **state)
{
        const char *null = NULL;

        (void)state;
        EXPECT("abc|  abc|abc  |", "%s|%5s|%-5s|", "abc", "abc", "abc");
        EXPECT_UNCHECKED("(null)|  (null)|(nu", "%s|%8s|%.3s", null, null, null);
}

static void test_string_precision_stops_reading(void **state)
{
        const char unterminated[3] = { 'a', 'b', 'c' };

        (void)state;
        EXPECT("abc|ab|", "%.3s|%.*s|", unterminated, 2, unterminated);
        EXPECT("[  abc]", "[%5.3s]", unterminated);
}

static void test_pointer(void **state)
{
        (void)state;
        EXPECT("0x0000000000001234", "%p", (void *)0x1234);
        EXPECT("0x0000000000000000", "%p", (void *)NULL);
        EXPECT("0xffffffff80000000", "%px", (void *)0xffffffff80000000UL);
        EXPECT("  0x0000000000001234|", "%20p|", (void *)0x1234);
        EXPECT("at 0x0000000000001234.", "at %p.", (void *)0x1234);
        EXPECT("0x0000000000001234y", "%pxy", (void *)0x1234);
}

static void test_pointer_symbol(void **state)
{
        (void)state;
        EXPECT("start_kernel+0x0/0x80", "%pS", (void *)0x1000);
        EXPECT("start_kernel+0x10/0x80", "%pS", (void *)0x1010);
        EXPECT("do_page_fault+0x13f/0x140", "%pS", (void *)0x213f);
        EXPECT("kmain+0x29/0x2a", "%pS", (void *)0xffffffff80100029UL);
        EXPECT("start_kernel|do_page_fault", "%ps|%ps", (void *)0x107f, (void *)0x2000);
        EXPECT("start_kernel  |  start_kernel+0x1/0x80|",
               "%-14ps|%23pS|", (void *)0x1000, (void *)0x1001);
        /* %pB: a return address just past the end still names the caller. */
        EXPECT("start_kernel+0x80/0x80", "%pB", (void *)0x1080);
        EXPECT("start_kernel+0x11/0x80", "%pB", (void *)0x1011);
        EXPECT("0x0000000000001000", "%pB", (void *)0x1000);
}

static void test_pointer_symbol_unknown(void **state)
{
        (void)state;
        EXPECT("0x0000000000001080", "%pS", (void *)0x1080);
        EXPECT("0x0000000000000fff", "%ps", (void *)0xfff);
        EXPECT("0x0000000000001010", "%px", (void *)0x1010);
}

static void test_unknown_conversion(void **state)
{
        (void)state;
        EXPECT_UNCHECKED("%y", "%y");
        EXPECT_UNCHECKED("a%lqb", "a%lqb");
        EXPECT_UNCHECKED("[%-08.3y]", "[%-08.3y]");
        EXPECT_UNCHECKED("%lc %ls %hhh", "%lc %ls %hhh");
        EXPECT_UNCHECKED("%y 5", "%y %d", 5);
}

static void test_trailing_percent(void **state)
{
        (void)state;
        EXPECT_UNCHECKED("abc%", "abc%");
        EXPECT_UNCHECKED("%", "%");
        EXPECT_UNCHECKED("7 %-5", "%d %-5", 7);
        EXPECT_UNCHECKED("%l", "%l");
}

static void test_truncation(void **state)
{
        char buf[16];

        (void)state;
        memset(buf, 'X', sizeof(buf));
        assert_int_equal(snprintf(buf, 5, "hello world"), 11);
        assert_memory_equal(buf, "hell\0X", 6);
        assert_int_equal(snprintf(buf, 4, "%d", 123456), 6);
        assert_memory_equal(buf, "123\0", 4);
        assert_int_equal(snprintf(buf, 4, "%8d", 1), 8);
        assert_memory_equal(buf, "   \0", 4);
        assert_int_equal(snprintf(buf, 6, "hello"), 5);
        assert_memory_equal(buf, "hello\0", 6);
        assert_int_equal(snprintf(buf, 5, "hello"), 5);
        assert_memory_equal(buf, "hell\0", 5);
}

static void test_size_zero_and_one(void **state)
{
        char buf[4];

        (void)state;
        assert_int_equal(snprintf(NULL, 0, "%d", 12345), 5);
        memset(buf, 'X', sizeof(buf));
        assert_int_equal(snprintf(buf, 0, "abc"), 3);
        assert_memory_equal(buf, "XXXX", 4);
        assert_int_equal(snprintf(buf, 1, "abc"), 3);
        assert_memory_equal(buf, "\0XXX", 4);
}

static int scn_wrapper(char *buf, size_t size, const char *fmt, ...)
{
        va_list args;
        int n;

        va_start(args, fmt);
        n = vscnprintf(buf, size, fmt, args);
        va_end(args);
        return n;
}

static void test_scnprintf(void **state)
{
        char buf[16];

        (void)state;
        assert_int_equal(scnprintf(buf, sizeof(buf), "%s", "hello"), 5);
        assert_int_equal(scnprintf(buf, 5, "hello world"), 4);
        assert_string_equal(buf, "hell");
        assert_int_equal(scnprintf(buf, 6, "hello"), 5);
        assert_int_equal(scnprintf(buf, 5, "hello"), 4);
        assert_int_equal(scnprintf(buf, 1, "hello"), 0);
        assert_int_equal(scnprintf(NULL, 0, "hello"), 0);
        assert_int_equal(scn_wrapper(buf, 3, "%d", 1234), 2);
        assert_string_equal(buf, "12");
}

static void test_huge_width(void **state)
{
        char buf[8];

        (void)state;
        assert_int_equal(format_unchecked(buf, sizeof(buf), "%*d", INT_MAX, 1),
                         INT_MAX);
        assert_string_equal(buf, "       ");
        assert_int_equal(format_unchecked(buf, sizeof(buf), "%*d", INT_MIN, 1),
                         INT_MAX);
        assert_string_equal(buf, "1      ");
        assert_int_equal(format_unchecked(NULL, 0, "%*d%*d",
                                          INT_MAX, 1, INT_MAX, 1), -1);
        assert_int_equal(scn_wrapper(buf, sizeof(buf), "%*d%*d",
                                     INT_MAX, 1, INT_MAX, 1), 7);
        assert_int_equal(format_unchecked(buf, sizeof(buf), "%99999999999d", 1),
                         INT_MAX);
}

int main(void)
{
        const struct CMUnitTest tests[] = {
                cmocka_unit_test(test_plain_text),
                cmocka_unit_test(test_decimal),
                cmocka_unit_test(test_unsigned_hex_octal),
                cmocka_unit_test(test_flag_minus),
                cmocka_unit_test(test_flag_zero),
                cmocka_unit_test(test_flag_plus_space),
                cmocka_unit_test(test_flag_alt),
                cmocka_unit_test(test_flag_zero_ignored),
                cmocka_unit_test(test_width),
                cmocka_unit_test(test_precision),
                cmocka_unit_test(test_precision_star),
                cmocka_unit_test(test_length_hh_h),
                cmocka_unit_test(test_length_l_ll),
                cmocka_unit_test(test_length_z_t),
                cmocka_unit_test(test_char),
                cmocka_unit_test(test_string),
                cmocka_unit_test(test_string_precision_stops_reading),
                cmocka_unit_test(test_pointer),
                cmocka_unit_test(test_pointer_symbol),
                cmocka_unit_test(test_pointer_symbol_unknown),
                cmocka_unit_test(test_unknown_conversion),
                cmocka_unit_test(test_trailing_percent),
                cmocka_unit_test(test_truncation),
                cmocka_unit_test(test_size_zero_and_one),
                cmocka_unit_test(test_scnprintf),
                cmocka_unit_test(test_huge_width),
        };

        return cmocka_run_group_tests(tests, NULL, NULL);
}
