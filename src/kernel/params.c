/* Tangled from book/boot.nw (chapter "Booting"). Do not edit: edit the book and run make tangle. */
#include <asm/setup.h>
#include <linux/errno.h>
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/string.h>

static char static_command_line[COMMAND_LINE_SIZE];
char *init_args;

static void report_bad_param(enum param_error why, const char *param,
                             const char *val, int err)
{
        const char *eq = val ? "=" : "", *v = val ? val : "";

        switch (why) {
        case PARAM_UNKNOWN:
                pr_warn("Unknown kernel command-line parameter \"%s%s%s\": ignored\n",
                        param, eq, v);
                break;
        case PARAM_REJECTED:
                pr_warn("Bad kernel command-line parameter \"%s%s%s\" (error %d): ignored\n",
                        param, eq, v, err);
                break;
        case PARAM_BAD_QUOTE:
                pr_warn("Kernel command line: unterminated quote in: %s\n", param);
                break;
        }
}

void parse_boot_params(void)
{
        strscpy(static_command_line, boot_command_line, sizeof(static_command_line));
        pr_notice("Kernel command line: %s\n", boot_command_line);
        init_args = parse_args(static_command_line, __setup_start,
                               __setup_end - __setup_start, report_bad_param);
        console_release();              /* the console's level is known now */
        if (init_args)
                pr_info("Arguments for init: %s\n", init_args);
}

int parse_broken_switch(const char *key, const char *val, const char *good,
                        const char *bad, const char *consequence)
{
        if (!val || (strcmp(val, good) && strcmp(val, bad)))
                return -EINVAL;
        if (strcmp(val, bad))
                return 0;
        pr_warn("%s=%s: BROKEN ON PURPOSE: %s\n", key, bad, consequence);
        return 1;
}
static int set_loglevel(char *val)
{
        int level;
        int ret = val ? kstrtoint(val, 0, &level) : -EINVAL;

        if (ret)
                return ret;
        if (level < 0 || level > 15)
                return -ERANGE;
        console_loglevel = level;
        return 0;
}
early_param("loglevel", set_loglevel);

static int set_quiet(char *val)
{
        if (val)
                return -EINVAL;
        console_loglevel = CONSOLE_LOGLEVEL_QUIET;
        return 0;
}
early_param("quiet", set_quiet);

static int set_debug(char *val)
{
        if (val)
                return -EINVAL;
        console_loglevel = CONSOLE_LOGLEVEL_DEBUG;
        return 0;
}
early_param("debug", set_debug);
