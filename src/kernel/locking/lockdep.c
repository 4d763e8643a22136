/* Tangled from book/locking.nw (chapter "Locks and lockdep"). Do not edit: edit the book and run make tangle. */
#include <linux/lockdep.h>
#include <linux/kernel.h>
#include <linux/spinlock.h>
#include <linux/sprintf.h>
#include <linux/string.h>

#define DEP_EN      (1U << 0)   /* held exclusive, wanted non-recursive */
#define DEP_ER      (1U << 1)   /* held exclusive, wanted recursive read */
#define DEP_SN      (1U << 2)   /* held shared,    wanted non-recursive */
#define DEP_SR      (1U << 3)   /* held shared,    wanted recursive read */
#define DEP_S_FROM  (DEP_SN | DEP_SR)
#define DEP_E_FROM  (DEP_EN | DEP_ER)
#define DEP_N_TO    (DEP_EN | DEP_SN)

static unsigned int dep_kind(const struct held_lock *prev,
                             const struct held_lock *next)
{
        return 1U << ((prev->read ? 2 : 0) + (next->read == 2 ? 1 : 0));
}
#define LOCKF_USED(read)  (1U << (read))      /* read is 0, 1 or 2 */

struct lock_class {
        const struct lock_class_key *key;  /* NULL: slot unused */
        const char *name;
        struct lock_class *hash_next;      /* next class in its hash bucket */
        struct lock_list *locks_after;     /* edges out of this class */
        unsigned int name_version;         /* >1: printed as name#version */
        u8 subclass;
        u8 usage;                          /* LOCKF_USED() of every acquisition */
};

struct lock_list {
        struct lock_class *from, *to;
        struct lock_list *next;            /* next edge out of from */
        unsigned long ip;                  /* where to was taken, first time */
        unsigned int trace, nr_trace;      /* that call chain in stack_trace[] */
        u8 dep;                            /* DEP_* kinds seen */
};
#define CLASSHASH_SIZE 256U        /* a power of two */

int debug_locks = 1;
static arch_spinlock_t lockdep_lock = __ARCH_SPIN_LOCK_UNLOCKED;
static struct lock_class lock_classes[MAX_LOCKDEP_KEYS];
static unsigned int nr_lock_classes;
static struct lock_class *classhash[CLASSHASH_SIZE];
static struct lock_list list_entries[MAX_LOCKDEP_ENTRIES];
static unsigned int nr_list_entries;
static unsigned long stack_trace[MAX_STACK_TRACE_ENTRIES];
static unsigned int nr_stack_trace_entries;
/* Context: any.  Returns with the graph locked (and, later, irqs off). */
static unsigned long lockdep_graph_lock(void)
{
        unsigned long flags = lockdep_irq_save();

        arch_spin_lock(&lockdep_lock);
        return flags;
}

static void lockdep_graph_unlock(unsigned long flags)
{
        arch_spin_unlock(&lockdep_lock);
        lockdep_irq_restore(flags);
}
int debug_locks_off(void)
{
        return __atomic_exchange_n(&debug_locks, 0, __ATOMIC_SEQ_CST) != 0;
}

static void lockdep_bug(const char *what)
{
        if (!debug_locks_off())
                return;
        pr_warn("BUG: %s\n", what);
        pr_warn("turning off the locking correctness validator.\n");
        dump_stack();
}
#define LOCK_NAME_LEN 80

static const char *class_name(char *buf, const struct lock_class *c)
{
        int n = scnprintf(buf, LOCK_NAME_LEN, "%s", c->name);

        if (c->name_version > 1)
                n += scnprintf(buf + n, LOCK_NAME_LEN - n, "#%u", c->name_version);
        if (c->subclass)
                scnprintf(buf + n, LOCK_NAME_LEN - n, "/%u", c->subclass);
        return buf;
}

static const char *lock_desc(char *buf, const struct lock_class *c)
{
        char name[LOCK_NAME_LEN];

        scnprintf(buf, LOCK_NAME_LEN, "(%s){%c%c%c}", class_name(name, c),
                  c->usage & LOCKF_USED(0) ? 'W' : '.',
                  c->usage & LOCKF_USED(1) ? 'r' : '.',
                  c->usage & LOCKF_USED(2) ? 'R' : '.');
        return buf;
}
static const char *dep_names(char *buf, unsigned int dep)
{
        static const char *const names[] = { "EN", "ER", "SN", "SR" };
        int n = 0;

        buf[0] = '\0';
        for (unsigned int i = 0; i < ARRAY_SIZE(names); i++)
                if (dep & (1U << i))
                        n += scnprintf(buf + n, LOCK_NAME_LEN - n, "%s%s",
                                       n ? "," : "", names[i]);
        return buf;
}
static unsigned int classhash_index(const struct lock_class_key *key,
                                    unsigned int subclass)
{
        uintptr_t k = (uintptr_t)key;

        return (unsigned int)(k ^ (k >> 8) ^ (k >> 16) ^ subclass) &
               (CLASSHASH_SIZE - 1);
}

/* Context: any; the graph lock is not needed (see lockdep_class_of). */
static struct lock_class *look_up_lock_class(const struct lock_class_key *key,
                                             unsigned int subclass)
{
        struct lock_class *c = __atomic_load_n(&classhash[classhash_index(key, subclass)],
                                               __ATOMIC_ACQUIRE);

        while (c && (READ_ONCE(c->key) != key || c->subclass != subclass))
                c = READ_ONCE(c->hash_next);
        return c;
}
static unsigned int name_version(const struct lock_class *new)
{
        unsigned int version = 0;

        for (const struct lock_class *c = lock_classes; c < new; c++) {
                if (strcmp(c->name, new->name) != 0)
                        continue;
                if (c->key == new->key)
                        return c->name_version;
                if (c->name_version > version)
                        version = c->name_version;
        }
        return version + 1;
}
static struct lock_class *add_lock_class(struct lockdep_map *map,
                                         unsigned int subclass)
{
        struct lock_class *c;
        unsigned int h = classhash_index(map->key, subclass);

        if (nr_lock_classes == MAX_LOCKDEP_KEYS) {
                lockdep_bug("MAX_LOCKDEP_KEYS too low!");
                return NULL;
        }
        c = &lock_classes[nr_lock_classes++];
        *c = (struct lock_class){ .key = map->key, .name = map->name,
                                  .subclass = (u8)subclass, .hash_next = classhash[h] };
        c->name_version = name_version(c);
        __atomic_store_n(&classhash[h], c, __ATOMIC_RELEASE);      /* publish */
        return c;
}

/* Context: graph lock held.  NULL after a report. */
static struct lock_class *register_lock_class(struct lockdep_map *map,
                                              unsigned int subclass)
{
        struct lock_class *c = map->class;

        if (subclass == 0 && c && c->key == map->key && c->subclass == 0)
                return c;
        if (!map->key) {
                lockdep_bug("lock used before lockdep_init_map()");
                return NULL;
        }
        if (subclass >= MAX_LOCKDEP_SUBCLASSES) {
                lockdep_bug("looking up invalid subclass");
                return NULL;
        }
        c = look_up_lock_class(map->key, subclass);
        if (!c)
                c = add_lock_class(map, subclass);
        if (c && subclass == 0)
                WRITE_ONCE(map->class, c);
        return c;
}
/* Context: irqs off, graph lock not held.  NULL after a report. */
static struct lock_class *lockdep_class_of(struct lockdep_map *map,
                                           unsigned int subclass)
{
        struct lock_class *c = READ_ONCE(map->class);
        unsigned long flags;

        if (subclass == 0 && c && READ_ONCE(c->key) == map->key && c->subclass == 0)
                return c;
        if (map->key && subclass < MAX_LOCKDEP_SUBCLASSES) {
                c = look_up_lock_class(map->key, subclass);
                if (c) {
                        if (subclass == 0)
                                WRITE_ONCE(map->class, c);
                        return c;
                }
        }
        flags = lockdep_graph_lock();
        c = READ_ONCE(debug_locks) ? register_lock_class(map, subclass) : NULL;
        lockdep_graph_unlock(flags);
        return c;
}
struct lockdep_trace {
        bool saved;
        unsigned int start, nr;
};

/* Context: graph lock held.  False (and lockdep off) when the buffer is full. */
static bool save_trace(struct lockdep_trace *t)
{
        if (t->saved)
                return true;
        if (MAX_STACK_TRACE_ENTRIES - nr_stack_trace_entries < LOCKDEP_TRACE_DEPTH) {
                lockdep_bug("MAX_STACK_TRACE_ENTRIES too low!");
                return false;
        }
        t->start = nr_stack_trace_entries;
        t->nr = min(lockdep_save_trace(stack_trace + t->start, LOCKDEP_TRACE_DEPTH),
                    LOCKDEP_TRACE_DEPTH);
        nr_stack_trace_entries += t->nr;
        t->saved = true;
        return true;
}
static struct lock_list *find_edge(struct lock_class *from, struct lock_class *to)
{
        struct lock_list *e = from->locks_after;

        while (e && e->to != to)
                e = e->next;
        return e;
}

/* Context: graph lock held.  False (and lockdep off) when a table is full. */
static bool add_edge(struct lock_class *from, struct lock_class *to,
                     unsigned int dep, unsigned long ip, struct lockdep_trace *t)
{
        struct lock_list *e;

        if (nr_list_entries == MAX_LOCKDEP_ENTRIES) {
                lockdep_bug("MAX_LOCKDEP_ENTRIES too low!");
                return false;
        }
        if (!save_trace(t))
                return false;
        e = &list_entries[nr_list_entries++];
        *e = (struct lock_list){ .from = from, .to = to, .next = from->locks_after,
                                 .ip = ip, .trace = t->start, .nr_trace = t->nr,
                                 .dep = (u8)dep };
        from->locks_after = e;
        return true;
}
static struct {
        unsigned int gen;
        unsigned int seen[MAX_LOCKDEP_KEYS][2];
        struct lock_list *via[MAX_LOCKDEP_KEYS][2];  /* NULL for the start */
        u8 via_xr[MAX_LOCKDEP_KEYS][2];
        u16 queue[2 * MAX_LOCKDEP_KEYS];             /* class index * 2 + xr */
        unsigned int head, tail;
        struct lock_list *path[2 * MAX_LOCKDEP_KEYS];
        u8 path_xr[2 * MAX_LOCKDEP_KEYS];
} bfs;

static void bfs_visit(struct lock_class *c, unsigned int xr,
                      struct lock_list *via, unsigned int via_xr)
{
        unsigned int i = (unsigned int)(c - lock_classes);

        if (bfs.seen[i][0] == bfs.gen || bfs.seen[i][xr] == bfs.gen)
                return;
        bfs.seen[i][xr] = bfs.gen;
        bfs.via[i][xr] = via;
        bfs.via_xr[i][xr] = (u8)via_xr;
        bfs.queue[bfs.tail++] = (u16)(i * 2 + xr);
}
/* Context: graph lock held.  The xr state target was reached in, or -1. */
static int find_strong_path(struct lock_class *src, bool src_xr,
                            struct lock_class *target, bool target_shared)
{
        if (++bfs.gen == 0) {           /* wrapped: forget every old mark */
                memset(bfs.seen, 0, sizeof(bfs.seen));
                bfs.gen = 1;
        }
        bfs.head = bfs.tail = 0;
        bfs_visit(src, src_xr, NULL, 0);
        while (bfs.head < bfs.tail) {
                unsigned int s = bfs.queue[bfs.head++], xr = s & 1;
                struct lock_class *c = &lock_classes[s / 2];

                if (c == target && !(xr && target_shared))
                        return (int)xr;
                for (struct lock_list *e = c->locks_after; e; e = e->next) {
                        unsigned int dep = e->dep & (xr ? ~DEP_S_FROM : ~0U);

                        if (dep)
                                bfs_visit(e->to, !(dep & DEP_N_TO), e, xr);
                }
        }
        return -1;
}
static unsigned int bfs_path(struct lock_class *target, unsigned int xr)
{
        unsigned int n = 0, i = (unsigned int)(target - lock_classes);
        struct lock_list *e;

        while ((e = bfs.via[i][xr]) != NULL) {
                bfs.path[n] = e;
                bfs.path_xr[n++] = bfs.via_xr[i][xr];
                xr = bfs.via_xr[i][xr];
                i = (unsigned int)(e->from - lock_classes);
        }
        return n;
}
void lockdep_print_held_locks(const struct lockdep_task *t)
{
        char d[LOCK_NAME_LEN];

        if (!t)
                return;
        if (t->depth == 0) {
                pr_warn("no locks held by %s/%d.\n", t->comm, t->pid);
                return;
        }
        pr_warn("%d lock%s held by %s/%d:\n", t->depth, t->depth > 1 ? "s" : "",
                t->comm, t->pid);
        for (int i = 0; i < t->depth; i++)
                pr_warn(" #%d: %s, at: %pS\n", i, lock_desc(d, t->held[i].class),
                        (void *)t->held[i].acquire_ip);
}
static void print_report_header(const char *what)
{
        char rule[80];
        size_t n = min(strlen("WARNING: ") + strlen(what), sizeof(rule) - 1);

        memset(rule, '=', n);
        rule[n] = '\0';
        pr_warn("\n%s\nWARNING: %s\n", rule, what);
        memset(rule, '-', n);
        pr_warn("%s\n", rule);
}

static void print_lock(const struct held_lock *h)
{
        char d[LOCK_NAME_LEN];

        pr_warn(" %s, at: %pS\n", lock_desc(d, h->class), (void *)h->acquire_ip);
}

static void print_report_footer(const struct lockdep_task *curr)
{
        lockdep_print_held_locks(curr);
        pr_warn("\nstack backtrace:\n");
        dump_stack();
}
static void print_chain_entry(unsigned int depth, const struct lock_class *to,
                              const struct lock_class *from, unsigned int dep,
                              unsigned long ip, const unsigned long *trace,
                              unsigned int nr)
{
        char d[LOCK_NAME_LEN], a[LOCK_NAME_LEN], b[LOCK_NAME_LEN], k[LOCK_NAME_LEN];

        pr_warn("\n-> #%u %s:\n", depth, lock_desc(d, to));
        pr_warn("       %s -(%s)-> %s at: %pS\n", class_name(a, from),
                dep_names(k, dep), class_name(b, to), (void *)ip);
        for (unsigned int i = 0; i < nr; i++)
                pr_warn("       %pB\n", (void *)trace[i]);
}
static void print_chain(const struct held_lock *prev,
                        const struct held_lock *next, unsigned int n)
{
        unsigned long now[LOCKDEP_TRACE_DEPTH];
        unsigned int nr_now = min(lockdep_save_trace(now, LOCKDEP_TRACE_DEPTH),
                                  LOCKDEP_TRACE_DEPTH);

        pr_warn("\nthe existing dependency chain (in reverse order) is:\n");
        for (unsigned int k = 0; k < n; k++) {
                const struct lock_list *e = bfs.path[k];

                print_chain_entry(n - k, e->to, e->from, e->dep, e->ip,
                                  stack_trace + e->trace, e->nr_trace);
        }
        print_chain_entry(0, next->class, prev->class, dep_kind(prev, next),
                          next->acquire_ip, now, nr_now);
}
static void print_circular_scenario(const struct held_lock *prev,
                                    const struct held_lock *next,
                                    unsigned int n, unsigned int xr)
{
        const struct lock_list *last = bfs.path[0];
        unsigned int used = last->dep & (bfs.path_xr[0] ? ~DEP_S_FROM : ~0U);
        char src[LOCK_NAME_LEN], tgt[LOCK_NAME_LEN], par[LOCK_NAME_LEN];

        class_name(src, next->class);
        class_name(tgt, prev->class);
        class_name(par, last->from);
        if (n > 1)
                {
                        char line[256], name[LOCK_NAME_LEN];
                        int len = scnprintf(line, sizeof(line), "  %s", src);

                        for (unsigned int k = n; k-- > 0;)
                                len += scnprintf(line + len, sizeof(line) - len, " --> %s",
                                                 class_name(name, bfs.path[k]->to));
                        pr_warn("Chain exists of:\n%s\n\n", line);
                }
        pr_warn(" Possible unsafe locking scenario:\n\n");
        pr_warn("       CPU0                    CPU1\n");
        pr_warn("       ----                    ----\n");
        pr_warn("  %s(%s);\n", prev->read ? "rlock" : "lock", tgt);
        pr_warn("                               %s(%s);\n",
                used & DEP_E_FROM ? "lock" : "rlock", par);
        pr_warn("                               %s(%s);\n", xr ? "rlock" : "lock", tgt);
        pr_warn("  %s(%s);\n", next->read ? "rlock" : "lock", src);
        pr_warn("\n *** DEADLOCK ***\n\n");
}
static void print_circular_bug(const struct lockdep_task *curr,
                               const struct held_lock *prev,
                               const struct held_lock *next, unsigned int xr)
{
        unsigned int n;

        if (!debug_locks_off())
                return;
        n = bfs_path(prev->class, xr);
        print_report_header("possible circular locking dependency detected");
        pr_warn("%s/%d is trying to acquire lock:\n", curr->comm, curr->pid);
        print_lock(next);
        pr_warn("\nbut task is already holding lock:\n");
        print_lock(prev);
        pr_warn("\nwhich lock already depends on the new lock.\n\n");
        print_chain(prev, next, n);
        pr_warn("\nother info that might help us debug this:\n\n");
        print_circular_scenario(prev, next, n, xr);
        print_report_footer(curr);
}
static void print_deadlock_bug(const struct lockdep_task *curr,
                               const struct held_lock *prev,
                               const struct held_lock *next)
{
        char p[LOCK_NAME_LEN], n[LOCK_NAME_LEN];

        if (!debug_locks_off())
                return;
        print_report_header("possible recursive locking detected");
        pr_warn("%s/%d is trying to acquire lock:\n", curr->comm, curr->pid);
        print_lock(next);
        pr_warn("\nbut task is already holding lock:\n");
        print_lock(prev);
        pr_warn("\nother info that might help us debug this:\n");
        pr_warn(" Possible unsafe locking scenario:\n\n");
        pr_warn("       CPU0\n       ----\n");
        pr_warn("  %s(%s);\n", prev->read ? "rlock" : "lock",
                class_name(p, prev->class));
        pr_warn("  %s(%s);\n", next->read ? "rlock" : "lock",
                class_name(n, next->class));
        pr_warn("\n *** DEADLOCK ***\n\n");
        pr_warn(" May be due to missing lock nesting notation\n\n");
        print_report_footer(curr);
}
static void print_unlock_imbalance_bug(const struct lockdep_task *curr,
                                       const struct lockdep_map *map,
                                       unsigned long ip)
{
        if (!debug_locks_off())
                return;
        print_report_header("bad unlock balance detected!");
        pr_warn("%s/%d is trying to release lock (%s) at:\n", curr->comm,
                curr->pid, map->name ? map->name : "<no name>");
        pr_warn("%pS\n", (void *)ip);
        pr_warn("but there are no more locks to release!\n");
        pr_warn("\nother info that might help us debug this:\n");
        print_report_footer(curr);
}
static const struct held_lock *find_recursive(const struct lockdep_task *curr,
                                              const struct held_lock *next)
{
        for (int i = 0; i < curr->depth; i++) {
                const struct held_lock *h = &curr->held[i];

                if (h->class != next->class)
                        continue;
                if (next->read == 2 && h->read)
                        continue;       /* recursive read inside a read */
                return h;
        }
        return NULL;
}
/* Context: graph lock held.  False after a report. */
static bool check_prev_add(struct lockdep_task *curr, const struct held_lock *prev,
                           const struct held_lock *next, struct lockdep_trace *t)
{
        unsigned int dep = dep_kind(prev, next);
        struct lock_list *e = find_edge(prev->class, next->class);
        int xr;

        if (e && (e->dep & dep))
                return true;
        xr = find_strong_path(next->class, next->read == 2,
                              prev->class, prev->read != 0);
        if (xr >= 0) {
                print_circular_bug(curr, prev, next, (unsigned int)xr);
                return false;
        }
        if (e) {
                e->dep |= (u8)dep;
                return true;
        }
        return add_edge(prev->class, next->class, dep, next->acquire_ip, t);
}
/* Context: graph lock held.  False after a report. */
static bool validate_chain(struct lockdep_task *curr, const struct held_lock *next)
{
        const struct held_lock *prev = find_recursive(curr, next);
        struct lockdep_trace trace = { .saved = false };

        if (prev) {
                print_deadlock_bug(curr, prev, next);
                return false;
        }
        for (int i = curr->depth - 1; i >= 0; i--) {
                prev = &curr->held[i];
                if (prev->class != next->class &&
                    !check_prev_add(curr, prev, next, &trace))
                        return false;
                if (!prev->trylock && prev->read != 2)
                        break;
        }
        return true;
}
int lockdep_chain_mode = LOCKDEP_CHAIN_ON;

static u64 chain_key_next(u64 key, const struct held_lock *h)
{
        u64 id = (u64)(h->class - lock_classes + 1) << 3 | (u64)h->read << 1 | h->trylock;

        key = (key ^ id) * 0x9e3779b97f4a7c15ULL;      /* odd: 2^64 / golden ratio */
        return key ^ (key >> 31);
}

/* The key of held[i], from held[i - 1]'s.  trust: the lock alone (broken). */
static u64 held_chain_key(const struct lockdep_task *curr, int i)
{
        u64 below = i > 0 ? curr->held[i - 1].chain_key : 0;

        if (lockdep_chain_mode == LOCKDEP_CHAIN_TRUST)
                below = 0;
        return chain_key_next(below, &curr->held[i]);
}
#define CHAINHASH_SIZE 1024U            /* a power of two */

struct lock_chain {
        u64 chain_key;
        struct lock_chain *next;        /* next chain in its bucket; set before publishing */
};

static struct lock_chain lock_chains[MAX_LOCKDEP_CHAINS];
static unsigned int nr_lock_chains;
static struct lock_chain *chainhash[CHAINHASH_SIZE];
static unsigned long nr_chain_misses, nr_chain_uncached;

static unsigned int chainhash_index(u64 key)
{
        return (unsigned int)(key ^ (key >> 32)) & (CHAINHASH_SIZE - 1);
}

/* Context: any; no lock needed. */
static bool chain_cached(u64 key)
{
        const struct lock_chain *c = __atomic_load_n(&chainhash[chainhash_index(key)],
                                                     __ATOMIC_ACQUIRE);

        for (; c; c = READ_ONCE(c->next))
                if (READ_ONCE(c->chain_key) == key)
                        return true;
        return false;
}
/* Context: graph lock held. */
static void add_chain_cache(u64 key)
{
        unsigned int h = chainhash_index(key);
        struct lock_chain *c;

        if (chain_cached(key))
                return;
        if (nr_lock_chains == MAX_LOCKDEP_CHAINS) {
                nr_chain_uncached++;
                return;
        }
        c = &lock_chains[nr_lock_chains++];
        WRITE_ONCE(c->chain_key, key);
        WRITE_ONCE(c->next, chainhash[h]);
        __atomic_store_n(&chainhash[h], c, __ATOMIC_RELEASE);  /* publish */
}
/* Context: irqs off, graph lock not held.  False after a report. */
static bool check_chain(struct lockdep_task *curr, const struct held_lock *next)
{
        bool use_cache = READ_ONCE(lockdep_chain_mode) != LOCKDEP_CHAIN_OFF;
        unsigned long flags;
        bool ok;

        if (use_cache && chain_cached(next->chain_key)) {
                curr->chain_hits++;
                return true;
        }
        flags = lockdep_graph_lock();
        ok = READ_ONCE(debug_locks) && validate_chain(curr, next);
        if (ok) {
                nr_chain_misses++;
                if (use_cache)
                        add_chain_cache(next->chain_key);
        }
        lockdep_graph_unlock(flags);
        return ok;
}

void lockdep_read_chain_stats(struct lockdep_chain_stats *st)
{
        unsigned long flags = lockdep_graph_lock();

        *st = (struct lockdep_chain_stats){ .chains = nr_lock_chains,
                                            .misses = nr_chain_misses,
                                            .uncached = nr_chain_uncached };
        lockdep_graph_unlock(flags);
}
static unsigned long lockdep_begin(struct lockdep_task *curr)
{
        unsigned long flags = lockdep_irq_save();

        curr->recursion++;
        return flags;
}

static void lockdep_end(struct lockdep_task *curr, unsigned long flags)
{
        curr->recursion--;
        lockdep_irq_restore(flags);
}

static unsigned long lockdep_enter(struct lockdep_task *curr)
{
        if (curr)
                curr->recursion++;
        return lockdep_graph_lock();
}

static void lockdep_exit(struct lockdep_task *curr, unsigned long flags)
{
        lockdep_graph_unlock(flags);
        if (curr)
                curr->recursion--;
}

static bool lockdep_ignores(const struct lockdep_task *curr)
{
        return !curr || curr->recursion || !READ_ONCE(debug_locks);
}
/* Context: irqs off, curr is the current task and inside lockdep. */
static void __lock_acquire(struct lockdep_task *curr, struct lockdep_map *map,
                           unsigned int subclass, int trylock, int read,
                           unsigned long ip)
{
        struct lock_class *class = lockdep_class_of(map, subclass);
        struct held_lock *next;

        if (!class)
                return;
        if (read < 0 || read > 2) {
                lockdep_bug("lock_acquire() with a read kind that is not 0, 1 or 2");
                return;
        }
        if (!(READ_ONCE(class->usage) & LOCKF_USED(read)))
                __atomic_fetch_or(&class->usage, (u8)LOCKF_USED(read), __ATOMIC_RELAXED);
        if (curr->depth >= (int)MAX_LOCK_DEPTH) {
                lockdep_bug("MAX_LOCK_DEPTH too low!");
                return;
        }
        next = &curr->held[curr->depth];
        *next = (struct held_lock){ .instance = map, .class = class, .acquire_ip = ip,
                                    .subclass = (u8)subclass, .read = (u8)read,
                                    .trylock = trylock != 0 };
        next->chain_key = held_chain_key(curr, curr->depth);
        if (!trylock && !check_chain(curr, next))
                return;
        curr->depth++;
}
/* Context: irqs off, curr is the current task and inside lockdep. */
static void __lock_release(struct lockdep_task *curr, struct lockdep_map *map,
                           unsigned long ip)
{
        int i = curr->depth - 1;

        while (i >= 0 && curr->held[i].instance != map)
                i--;
        if (i < 0) {
                print_unlock_imbalance_bug(curr, map, ip);
                return;
        }
        memmove(&curr->held[i], &curr->held[i + 1],
                (size_t)(curr->depth - 1 - i) * sizeof(curr->held[0]));
        curr->depth--;
        for (; i < curr->depth; i++)
                curr->held[i].chain_key = held_chain_key(curr, i);
}
/* Context: any.  Call before waiting for the lock. */
void lock_acquire(struct lockdep_map *map, unsigned int subclass, int trylock,
                  int read, unsigned long ip)
{
        struct lockdep_task *curr = lockdep_current();
        unsigned long flags;

        if (lockdep_ignores(curr))
                return;
        flags = lockdep_begin(curr);
        __lock_acquire(curr, map, subclass, trylock, read, ip);
        lockdep_end(curr, flags);
}

/* Context: any.  Call after letting go of the lock. */
void lock_release(struct lockdep_map *map, unsigned long ip)
{
        struct lockdep_task *curr = lockdep_current();
        unsigned long flags;

        if (lockdep_ignores(curr))
                return;
        flags = lockdep_begin(curr);
        __lock_release(curr, map, ip);
        lockdep_end(curr, flags);
}
int lock_is_held(const struct lockdep_map *map)
{
        const struct lockdep_task *curr = lockdep_current();

        if (lockdep_ignores(curr))
                return -1;
        for (int i = 0; i < curr->depth; i++)
                if (curr->held[i].instance == map)
                        return 1;
        return 0;
}

void lockdep_off(void)
{
        struct lockdep_task *curr = lockdep_current();

        if (curr)
                curr->recursion++;
}

void lockdep_on(void)
{
        struct lockdep_task *curr = lockdep_current();

        if (curr)
                curr->recursion--;
}
void lockdep_depgraph_dot(void)
{
        struct lockdep_task *curr = lockdep_current();
        char a[LOCK_NAME_LEN], b[LOCK_NAME_LEN], k[LOCK_NAME_LEN];
        unsigned long flags = lockdep_enter(curr);

        pr_info("digraph lockdep {\n");
        for (unsigned int i = 0; i < nr_lock_classes; i++)
                pr_info("\t\"%s\";\n", class_name(a, &lock_classes[i]));
        for (unsigned int i = 0; i < nr_list_entries; i++) {
                const struct lock_list *e = &list_entries[i];

                pr_info("\t\"%s\" -> \"%s\" [label=\"%s\"];\n", class_name(a, e->from),
                        class_name(b, e->to), dep_names(k, e->dep));
        }
        pr_info("}\n");
        lockdep_exit(curr, flags);
}
void lockdep_init_map(struct lockdep_map *map, const char *name,
                      const struct lock_class_key *key)
{
        map->key = key;
        map->name = name ? name : "<no name>";
        map->class = NULL;
}

void lockdep_init_task(struct lockdep_task *t, const char *comm, int pid)
{
        memset(t, 0, sizeof(*t));
        t->comm = comm;
        t->pid = pid;
}

void lockdep_reset(void)
{
        unsigned long flags = lockdep_graph_lock();

        for (unsigned int i = 0; i < CLASSHASH_SIZE; i++)
                __atomic_store_n(&classhash[i], NULL, __ATOMIC_RELAXED);
        for (unsigned int i = 0; i < CHAINHASH_SIZE; i++)
                __atomic_store_n(&chainhash[i], NULL, __ATOMIC_RELAXED);
        memset(lock_classes, 0, sizeof(lock_classes));
        memset(&bfs, 0, sizeof(bfs));
        nr_lock_classes = nr_list_entries = nr_stack_trace_entries = 0;
        nr_lock_chains = 0;
        nr_chain_misses = nr_chain_uncached = 0;
        WRITE_ONCE(debug_locks, 1);
        lockdep_graph_unlock(flags);
}
