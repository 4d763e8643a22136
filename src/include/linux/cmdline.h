/* Tangled from book/boot.nw (chapter "Booting"). Do not edit: edit the book and run make tangle. */
#ifndef _LINUX_CMDLINE_H
#define _LINUX_CMDLINE_H
#include <stddef.h>
#include <stdbool.h>

struct kernel_param {
        const char *name;
        int (*setup)(char *val);    /* val is NULL for a bare flag */
};

enum param_error {
        PARAM_UNKNOWN,          /* no parameter has this name */
        PARAM_REJECTED,         /* the handler returned err < 0 */
        PARAM_BAD_QUOTE,        /* unterminated quote; param is the rest of the line */
};
typedef void (*param_error_fn)(enum param_error why, const char *param,
                               const char *val, int err);

int next_arg(char **args, char **param, char **val);
bool parameq(const char *a, const char *b);
char *parse_args(char *args, const struct kernel_param *params, size_t num,
                 param_error_fn report);
int kstrtoull(const char *s, unsigned int base, unsigned long long *res);
int kstrtoint(const char *s, unsigned int base, int *res);
#endif
