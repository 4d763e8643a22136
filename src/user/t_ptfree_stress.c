/* Tangled from book/listings-ptfree.nw (chapter "Listings of ``Freeing page tables by RCU''"). Do not edit: edit the book and run make tangle. */
#include "ulib.h"
#include <pthread.h>
#include <sched.h>
#include <stdlib.h>
#include <sys/mman.h>

#ifndef MADV_COLLAPSE
#define MADV_COLLAPSE 25
#endif
#define HP      (2L << 20)
#define PG      4096L
#define NPG     (HP / PG)
#define WORKERS 4                       /* 2 processes, 2 threads each */

struct ctl {
        volatile int round;             /* the round the workers may run */
        volatile int collapsed;         /* this round's collapse is done */
        volatile int done;              /* workers finished with the round */
        volatile int errors;
};
static struct ctl *ctl;
static char *map;
static int fd;

static long first_word(int r, long i) { return 0x1000000L * r + i; }
static long own_word(int r, long i) { return 0x7000000L * r + i * 3; }

static void work_on(int w, int r)
{
        for (long i = w; i < NPG; i += WORKERS) {
                volatile long *page = (volatile long *)(map + i * PG);
                if (page[0] != first_word(r, i))
                        __atomic_add_fetch(&ctl->errors, 1, __ATOMIC_RELAXED);
                page[1] = own_word(r, i);
                if (page[1] != own_word(r, i))
                        __atomic_add_fetch(&ctl->errors, 1, __ATOMIC_RELAXED);
        }
}

static void split_one(int w, int iter)
{
        char *page = map + (w + WORKERS * (iter % (NPG / WORKERS))) * PG;

        if (iter % 2) {
                mprotect(page, PG, PROT_READ);
                mprotect(page, PG, PROT_READ | PROT_WRITE);
        } else if (munmap(page, PG) ||
                   mmap(page, PG, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_FIXED, fd,
                        page - map) != page) {
                __atomic_add_fetch(&ctl->errors, 1, __ATOMIC_RELAXED);
        }
}

static void *worker(void *arg)
{
        int w = (int)(long)arg;

        for (int r = 1; ; r++) {
                while (ctl->round < r && ctl->round >= 0)
                        sched_yield();
                if (ctl->round < 0)
                        return NULL;            /* the collapser is done */
                for (int iter = 0; iter < 4 || !ctl->collapsed; iter++) {
                        work_on(w, r);
                        split_one(w, iter);
                }
                work_on(w, r);
                __atomic_add_fetch(&ctl->done, 1, __ATOMIC_SEQ_CST);
        }
}

static int process_main(int first)
{
        pthread_t t;

        pthread_create(&t, NULL, worker, (void *)(long)(first + 1));
        worker((void *)(long)first);
        pthread_join(t, NULL);
        return 0;
}
static void refill(int r)
{
        ftruncate(fd, 0);
        ftruncate(fd, HP);
        for (long i = 0; i < NPG; i++) {
                long v = first_word(r, i);
                pwrite(fd, &v, sizeof(v), i * PG);
        }
}

static long check_file(int r)
{
        long bad = 0, v[2];

        for (long i = 0; i < NPG; i++)
                if (pread(fd, v, sizeof(v), i * PG) != sizeof(v) ||
                    v[0] != first_word(r, i) || v[1] != own_word(r, i))
                        bad++;
        return bad;
}

int main(int argc, char **argv)
{
        int rounds = argc > 1 ? atoi(argv[1]) : 6;
        pid_t kids[2];

        ctl = mmap(NULL, PG, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
        fd = memfd_create("t_ptfree_stress", 0);
        char *area = mmap(NULL, 2 * HP, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        map = (char *)(((unsigned long)area + HP - 1) & ~(HP - 1));
        refill(1);
        if (mmap(map, HP, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_FIXED, fd, 0) != map)
                return 2;
        for (int k = 0; k < 2; k++)
                if ((kids[k] = fork()) == 0)
                        _exit(process_main(2 * k));
        for (int r = 1; r <= rounds; r++) {
                if (r > 1)
                        refill(r);
                ctl->done = 0;
                ctl->collapsed = 0;
                ctl->round = r;
                usleep(2000 * (r % 3));
                int ret, tries = 0;
                while ((ret = madvise(map, HP, MADV_COLLAPSE)) && errno == EAGAIN && ++tries < 100)
                        usleep(1000);
                ctl->collapsed = 1;
                while (ctl->done < WORKERS)
                        sched_yield();
                ok(ret == 0 && !ctl->errors && !check_file(r),
                   "round %d: collapsed (%d), every word right (%d wrong in the workers' eyes)",
                   r, ret, ctl->errors);
        }
        ctl->round = -1;
        for (int k = 0; k < 2; k++) {
                int status = wait_child(kids[k]);
                ok(WIFEXITED(status) && WEXITSTATUS(status) == 0, "process %d finished", k);
        }
        return done();
}
