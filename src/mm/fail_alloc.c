/* Tangled from book/mm.nw (chapter "Memory"). Do not edit: edit the book and run make tangle. */
#include <linux/errno.h>
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/string.h>

static struct {
        bool active;
        char site[64];          /* empty: any site */
        unsigned long nth;      /* 0: every matching request */
        unsigned long seen;     /* matching requests so far */
} fa;
unsigned long fail_alloc_injected;

void fail_alloc_reset(void)
{
        memset(&fa, 0, sizeof(fa));
}

int fail_alloc_parse(const char *spec)
{
        char buf[128], *p = buf;
        unsigned long long nth = 0;

        fail_alloc_reset();
        if (strscpy(buf, spec, sizeof(buf)) < 0)
                return -EINVAL;
        while (p && *p) {
                char *item = p, *comma = strchr(p, ',');
                if (comma)
                        *comma = '\0';
                p = comma ? comma + 1 : NULL;
                if (!strncmp(item, "site:", 5) && item[5]) {
                        if (strscpy(fa.site, item + 5, sizeof(fa.site)) < 0)
                                return -EINVAL;
                } else if (!strncmp(item, "nth:", 4)) {
                        if (kstrtoull(item + 4, 10, &nth) || nth == 0)
                                return -EINVAL;
                } else {
                        return -EINVAL;
                }
        }
        if (!fa.site[0] && !nth)
                return -EINVAL;
        fa.nth = nth;
        fa.active = true;
        return 0;
}
bool should_fail_alloc(gfp_t gfp, unsigned int order, const char *site)
{
        (void)gfp;
        if (!fa.active || (fa.site[0] && strcmp(site, fa.site)))
                return false;
        fa.seen++;
        if (fa.nth && fa.seen != fa.nth)
                return false;
        fail_alloc_injected++;
        pr_info("fail_alloc: failing request #%lu (order %u) from %s\n",
                fa.seen, order, site);
        return true;
}
static char fail_alloc_cmdline[128];

static int set_fail_alloc(char *val)
{
        int ret = val ? fail_alloc_parse(val) : -EINVAL;
        fail_alloc_reset();
        if (!ret)
                strscpy(fail_alloc_cmdline, val, sizeof(fail_alloc_cmdline));
        return ret;
}
early_param("fail_alloc", set_fail_alloc);

void fail_alloc_arm_cmdline(void)
{
        if (fail_alloc_cmdline[0] && !fail_alloc_parse(fail_alloc_cmdline))
                pr_info("fail_alloc: armed: %s\n", fail_alloc_cmdline);
}
