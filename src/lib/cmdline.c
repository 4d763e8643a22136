/* Tangled from book/boot.nw (chapter "Booting"). Do not edit: edit the book and run make tangle. */
#include <linux/cmdline.h>
#include <linux/errno.h>
#include <linux/string.h>

static bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n'; }

int next_arg(char **args, char **param, char **val)
{
        char *r = *args, *w, *end, *eq = NULL;
        bool quoted = false;

        while (is_space(*r))
                r++;
        *param = r;
        if (!*r)
                return 0;
        for (end = r; *end && (quoted || !is_space(*end)); end++)
                if (*end == '"')
                        quoted = !quoted;
        if (quoted)
                return -EINVAL;
        for (w = r; r < end; r++) {
                if (*r == '"') {
                        quoted = !quoted;
                        continue;
                }
                if (*r == '=' && !quoted && !eq)
                        eq = w;
                *w++ = *r;
        }
        *args = *end ? end + 1 : end;
        *w = '\0';
        if (eq) {
                *eq = '\0';
                *val = eq + 1;
        } else {
                *val = NULL;
        }
        return 1;
}
static char dash2underscore(char c) { return c == '-' ? '_' : c; }

bool parameq(const char *a, const char *b)
{
        for (; dash2underscore(*a) == dash2underscore(*b); a++, b++)
                if (!*a)
                        return true;
        return false;
}
char *parse_args(char *args, const struct kernel_param *params, size_t num,
                 param_error_fn report)
{
        char *param, *val;
        int ret;

        while ((ret = next_arg(&args, &param, &val)) > 0) {
                if (!val && !strcmp(param, "--"))
                        return args;
                size_t i;
                for (i = 0; i < num; i++)
                        if (parameq(param, params[i].name))
                                break;
                if (i == num)
                        report(PARAM_UNKNOWN, param, val, -ENOENT);
                else if ((ret = params[i].setup(val)) < 0)
                        report(PARAM_REJECTED, param, val, ret);
        }
        if (ret < 0)
                report(PARAM_BAD_QUOTE, param, NULL, ret);
        return NULL;
}
