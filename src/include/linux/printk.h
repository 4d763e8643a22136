/* Tangled from book/boot.nw (chapter "Booting"). Do not edit: edit the book and run make tangle. */
#ifndef _LINUX_PRINTK_H
#define _LINUX_PRINTK_H
#include <linux/compiler.h>
#include <stdarg.h>
#include <stddef.h>

#define KERN_SOH      "\001"
#define KERN_EMERG    KERN_SOH "0"
#define KERN_ALERT    KERN_SOH "1"
#define KERN_CRIT     KERN_SOH "2"
#define KERN_ERR      KERN_SOH "3"
#define KERN_WARNING  KERN_SOH "4"
#define KERN_NOTICE   KERN_SOH "5"
#define KERN_INFO     KERN_SOH "6"
#define KERN_DEBUG    KERN_SOH "7"

#define CONSOLE_LOGLEVEL_DEFAULT  7   /* print everything but debug */
#define CONSOLE_LOGLEVEL_QUIET    4   /* `quiet': errors and worse */
#define CONSOLE_LOGLEVEL_DEBUG    10  /* `debug': everything */
#define MESSAGE_LOGLEVEL_DEFAULT  4

extern int console_loglevel;
int printk(const char *fmt, ...) __printf(1, 2);
int vprintk(const char *fmt, va_list args);
void console_release(void);
void log_store(int level, const char *text, size_t n);  /* the log ring (Chapter Files) */
void serial_init(void);
void serial_write(const char *s, size_t n);

#ifndef pr_fmt
#define pr_fmt(fmt) fmt
#endif
#define pr_emerg(fmt, ...)   printk(KERN_EMERG pr_fmt(fmt), ##__VA_ARGS__)
#define pr_alert(fmt, ...)   printk(KERN_ALERT pr_fmt(fmt), ##__VA_ARGS__)
#define pr_crit(fmt, ...)    printk(KERN_CRIT pr_fmt(fmt), ##__VA_ARGS__)
#define pr_err(fmt, ...)     printk(KERN_ERR pr_fmt(fmt), ##__VA_ARGS__)
#define pr_warn(fmt, ...)    printk(KERN_WARNING pr_fmt(fmt), ##__VA_ARGS__)
#define pr_notice(fmt, ...)  printk(KERN_NOTICE pr_fmt(fmt), ##__VA_ARGS__)
#define pr_info(fmt, ...)    printk(KERN_INFO pr_fmt(fmt), ##__VA_ARGS__)
#define pr_debug(fmt, ...)   printk(KERN_DEBUG pr_fmt(fmt), ##__VA_ARGS__)
#endif
