/* Tangled from book/listings-boot.nw (chapter "Listings of ``Booting''"). Do not edit: edit the book and run make tangle. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>
#include "linux/cmdline.h"
#include "linux/errno.h"

static void expect_words(const char *line, const char *const *want, size_t n)
{
        char buf[256], *args = buf, *param, *val;
        size_t i = 0;

        assert_true(strlen(line) < sizeof(buf));
        strcpy(buf, line);
        while (next_arg(&args, &param, &val) > 0) {
                assert_true(i < n);
                assert_string_equal(param, want[2 * i]);
                if (want[2 * i + 1])
                        assert_string_equal(val, want[2 * i + 1]);
                else
                        assert_null(val);
                i++;
        }
        assert_int_equal(i, n);
}
#define WORDS(line, ...) do { \
        static const char *const w[] = { __VA_ARGS__ }; \
        expect_words(line, w, sizeof(w) / sizeof(w[0]) / 2); } while (0)
static void test_split_plain(void **state)
{
        (void)state;
        WORDS("a b=c  d\te=", "a", NULL, "b", "c", "d", NULL, "e", "");
        expect_words("   ", NULL, 0);
}

static void test_split_quotes(void **state)
{
        (void)state;
        WORDS("x=\"a b\" \"c d\"=e f=g\" \"h", "x", "a b", "c d", "e", "f", "g h");
        WORDS("\"k=v\" =v k==", "k=v", NULL, "", "v", "k", "=");
        WORDS("q=\"\"", "q", "");
}

static void test_split_unterminated(void **state)
{
        char buf[] = "ok x=\"abc def", *args = buf, *param, *val;
        (void)state;
        assert_int_equal(next_arg(&args, &param, &val), 1);
        assert_string_equal(param, "ok");
        assert_int_equal(next_arg(&args, &param, &val), -EINVAL);
        assert_string_equal(param, "x=\"abc def");   /* left intact */
}

static void test_parameq(void **state)
{
        (void)state;
        assert_true(parameq("log_buf-len", "log-buf_len"));
        assert_true(parameq("", ""));
        assert_false(parameq("foo", "foobar"));
        assert_false(parameq("foobar", "foo"));
}
static char events[512];

static void append(const char *s)
{
        strncat(events, s ? s : "(null)", sizeof(events) - strlen(events) - 1);
}
static int h_alpha(char *val) { append("alpha:"); append(val); append(";"); return 0; }
static int h_beta(char *val)
{
        append("beta:"); append(val); append(";");
        return val ? 0 : -EINVAL;
}
static void report(enum param_error why, const char *param, const char *val, int err)
{
        static const char *const whys[] = { "unknown", "rejected", "quote" };
        append(whys[why]);
        append(err == -ENOENT ? "(ENOENT):" : err == -EINVAL ? "(EINVAL):" : "(?):");
        append(param); append("="); append(val); append(";");
}
static const struct kernel_param table[] = { { "alpha", h_alpha }, { "be_ta", h_beta } };
static void test_parse_dispatch(void **state)
{
        char line[] = "alpha be-ta=1 gamma=2 be_ta delta";
        (void)state;
        events[0] = '\0';
        assert_null(parse_args(line, table, 2, report));
        assert_string_equal(events, "alpha:(null);beta:1;unknown(ENOENT):gamma=2;"
                            "beta:(null);rejected(EINVAL):be_ta=(null);"
                            "unknown(ENOENT):delta=(null);");
}

static void test_parse_rest_for_init(void **state)
{
        char line[] = "alpha=x -- alpha=y \"z\"";
        (void)state;
        events[0] = '\0';
        char *rest = parse_args(line, table, 2, report);
        assert_non_null(rest);
        assert_string_equal(rest, "alpha=y \"z\"");
        assert_string_equal(events, "alpha:x;");
}

static void test_parse_stops_at_bad_quote(void **state)
{
        char line[] = "alpha=\"1 2\" beta=\"oops alpha=3";
        (void)state;
        events[0] = '\0';
        assert_null(parse_args(line, table, 2, report));
        assert_string_equal(events, "alpha:1 2;quote(EINVAL):beta=\"oops alpha=3=(null);");
}
static void test_kstrtoull(void **state)
{
        unsigned long long v;
        (void)state;
        assert_int_equal(kstrtoull("0", 0, &v), 0); assert_int_equal(v, 0);
        assert_int_equal(kstrtoull("123", 10, &v), 0); assert_int_equal(v, 123);
        assert_int_equal(kstrtoull("0x1F", 0, &v), 0); assert_int_equal(v, 31);
        assert_int_equal(kstrtoull("017", 0, &v), 0); assert_int_equal(v, 15);
        assert_int_equal(kstrtoull("ff", 16, &v), 0); assert_int_equal(v, 255);
        assert_int_equal(kstrtoull("0xff", 16, &v), 0); assert_int_equal(v, 255);
        assert_int_equal(kstrtoull("18446744073709551615", 10, &v), 0);
        assert_true(v == ~0ULL);
        assert_int_equal(kstrtoull("18446744073709551616", 10, &v), -ERANGE);
        assert_int_equal(kstrtoull("", 0, &v), -EINVAL);
        assert_int_equal(kstrtoull("0x", 0, &v), -EINVAL);
        assert_int_equal(kstrtoull("12a", 10, &v), -EINVAL);
        assert_int_equal(kstrtoull("-1", 10, &v), -EINVAL);
        assert_int_equal(kstrtoull("8", 8, &v), -EINVAL);
}

static void test_kstrtoint(void **state)
{
        int v;
        (void)state;
        assert_int_equal(kstrtoint("-2147483648", 10, &v), 0);
        assert_int_equal(v, -2147483647 - 1);
        assert_int_equal(kstrtoint("2147483647", 0, &v), 0); assert_int_equal(v, 2147483647);
        assert_int_equal(kstrtoint("2147483648", 10, &v), -ERANGE);
        assert_int_equal(kstrtoint("-2147483649", 10, &v), -ERANGE);
        assert_int_equal(kstrtoint("-", 10, &v), -EINVAL);
        assert_int_equal(kstrtoint("--1", 10, &v), -EINVAL);
        assert_int_equal(kstrtoint("-0x10", 0, &v), 0); assert_int_equal(v, -16);
}
int main(void)
{
        const struct CMUnitTest tests[] = {
                cmocka_unit_test(test_split_plain),
                cmocka_unit_test(test_split_quotes),
                cmocka_unit_test(test_split_unterminated),
                cmocka_unit_test(test_parameq),
                cmocka_unit_test(test_parse_dispatch),
                cmocka_unit_test(test_parse_rest_for_init),
                cmocka_unit_test(test_parse_stops_at_bad_quote),
                cmocka_unit_test(test_kstrtoull),
                cmocka_unit_test(test_kstrtoint),
        };
        return cmocka_run_group_tests(tests, NULL, NULL);
}
