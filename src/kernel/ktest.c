/* Tangled from book/listings-boot.nw (chapter "Listings of ``Booting''"). Do not edit: edit the book and run make tangle. */
#include <asm/power.h>
#include <asm/processor.h>
#include <linux/errno.h>
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/ktest.h>
#include <linux/process.h>
#include <linux/mm.h>
#include <linux/sched.h>
#include <linux/string.h>

static const char *ktest_name;

static int set_test(char *val)
{
        if (!val || !*val)
                return -EINVAL;
        ktest_name = val;
        return 0;
}
early_param("test", set_test);

static void ktest_print_all(void)
{
        const char *prev = "";
        for (;;) {
                const struct ktest *next = NULL;
                for (const struct ktest *t = __ktests_start; t < __ktests_end; t++)
                        if (strcmp(t->name, prev) > 0 &&
                            (!next || strcmp(t->name, next->name) < 0))
                                next = t;
                if (!next)
                        return;
                pr_notice("  test=%-14s %s\n", next->name, next->desc);
                prev = next->name;
        }
}

DEFINE_KTEST(list, "list the in-kernel tests")
{
        ktest_print_all();
        return 0;
}
static int ktest_thread(void *arg)
{
        (void)arg;
        ktest_run_requested();
}

void ktest_start(void)
{
        if (!ktest_name && initramfs_present()) {
                start_init();
                return;
        }
        if (!kthread_create(ktest_thread, NULL, "ktest", 0))
                panic("ktest: cannot create the test thread");
}

void __noreturn ktest_run_requested(void)
{
        if (!ktest_name) {
                pr_notice("Nothing to run: no test= on the command line, and no init yet.\n");
                pr_notice("Boot with test=NAME, e.g. make boot APPEND='test=ud2'. Tests:\n");
                ktest_print_all();
                pr_notice("Idle. Press Ctrl-A X to leave QEMU.\n");
                kthread_exit(0);
        }
        for (const struct ktest *t = __ktests_start; t < __ktests_end; t++) {
                if (strcmp(t->name, ktest_name))
                        continue;
                pr_notice("ktest: running %s: %s\n", t->name, t->desc);
                fail_alloc_arm_cmdline();
                int ret = t->fn();
                pr_notice("ktest: %s: %s (%d)\n", t->name, ret ? "FAIL" : "PASS", ret);
                power_off(ret ? EXIT_FAIL : EXIT_PASS);
        }
        pr_err("ktest: no test named \"%s\"; the tests are:\n", ktest_name);
        ktest_print_all();
        power_off(EXIT_FAIL);
}
