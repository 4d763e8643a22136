/* Tangled from book/locking.nw (chapter "Locks and lockdep"). Do not edit: edit the book and run make tangle. */
#include <asm/apic.h>
#include <asm/processor.h>
#include <asm/tsc.h>
#include <linux/errno.h>
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/preempt.h>
#include <linux/race.h>
#include <linux/sched.h>
#include <linux/smp.h>
#include <linux/string.h>

#define RACE_PAIRS     4
#define RACE_NAME_LEN  40

struct race_pair {
        char wait[RACE_NAME_LEN];       /* the first task here stops ... */
        char until[RACE_NAME_LEN];      /* ... until a task reaches this */
        int taken;                      /* the first arrival has come */
        int reached;                    /* UNTIL has been reached */
};

static struct race_pair race_pairs[RACE_PAIRS];
static int race_nr_pairs;

/* Does an arrival at point name by the running task count for side? */
static bool race_side_matches(const char *side, const char *name)
{
        size_t n = strlen(name);

        if (strncmp(side, name, n))
                return false;
        if (side[n] == '\0')
                return true;
        return side[n] == '@' && current && !strcmp(side + n + 1, current->comm);
}
static unsigned int race_timeout_ms = 10000;
int race_points_armed;

static int copy_race_name(char *dst, const char *src, size_t len)
{
        if (len == 0 || len >= RACE_NAME_LEN)
                return -EINVAL;
        memcpy(dst, src, len);
        dst[len] = '\0';
        return 0;
}

static int set_race(char *val)
{
        while (val && *val) {
                char *comma = strchr(val, ',');
                size_t len = comma ? (size_t)(comma - val) : strlen(val);
                char *slash = strchr(val, '/');
                struct race_pair *p = &race_pairs[race_nr_pairs];

                if (slash && comma && slash > comma)
                        slash = NULL;           /* the slash is a later pair's */
                if (race_nr_pairs == RACE_PAIRS || !slash ||
                    copy_race_name(p->wait, val, slash - val) ||
                    copy_race_name(p->until, slash + 1, val + len - slash - 1)) {
                        pr_err("race=: \"%s\" is not WAIT/UNTIL "
                               "(at most %d pairs, names under %d characters)\n",
                               val, RACE_PAIRS, RACE_NAME_LEN);
                        return -EINVAL;
                }
                pr_info("race: armed: the first task at %s waits for %s\n",
                        p->wait, p->until);
                race_nr_pairs++;
                race_points_armed = 1;
                val = comma ? comma + 1 : NULL;
        }
        return race_nr_pairs ? 0 : -EINVAL;
}
early_param("race", set_race);

static int set_race_timeout(char *val)
{
        int ms;
        int ret = val ? kstrtoint(val, 0, &ms) : -EINVAL;

        if (ret)
                return ret;
        if (ms <= 0)
                return -ERANGE;
        race_timeout_ms = ms;
        return 0;
}
early_param("race_timeout", set_race_timeout);
static bool race_may_sleep(void)
{
        return sched_ready && !preempt_count() && !irqs_disabled();
}

void __race_point(const char *name)
{
        for (int i = 0; i < race_nr_pairs; i++)
                if (race_side_matches(race_pairs[i].until, name))
                        __atomic_store_n(&race_pairs[i].reached, 1, __ATOMIC_RELEASE);

        for (int i = 0; i < race_nr_pairs; i++) {
                struct race_pair *p = &race_pairs[i];
                int expected = 0;

                if (!race_side_matches(p->wait, name) ||
                    !__atomic_compare_exchange_n(&p->taken, &expected, 1, false,
                                                 __ATOMIC_ACQ_REL, __ATOMIC_RELAXED))
                        continue;
                pr_info("race: %s reached on CPU %u by %s[%d]; waiting for %s\n",
                        name, raw_smp_processor_id(), current ? current->comm : "-",
                        current ? current->pid : 0, p->until);
                u64 deadline = rdtsc() + (u64)race_timeout_ms * tsc_khz;
                while (!__atomic_load_n(&p->reached, __ATOMIC_ACQUIRE)) {
                        if (rdtsc() > deadline) {
                                pr_err("race: %s gave up waiting for %s after %u ms\n",
                                       name, p->until, race_timeout_ms);
                                break;
                        }
                        if (race_may_sleep())
                                schedule();
                        else
                                __builtin_ia32_pause();
                }
                if (__atomic_load_n(&p->reached, __ATOMIC_ACQUIRE))
                        pr_info("race: %s released by %s\n", name, p->until);
        }
}
