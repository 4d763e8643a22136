/* Tangled from book/listings-pti.nw (chapter "Listings of ``Page-table isolation and the LDT''"). Do not edit: edit the book and run make tangle. */
#include "ulib.h"
#include "ldt.h"
#include <pthread.h>
#include <sched.h>
#include <sys/syscall.h>
#include <time.h>

#define SEL_CODE32 LDT_SEL(0)           /* 32-bit code, base 0, limit 4 GiB */
#define SEL_DATA32 LDT_SEL(1)           /* 32-bit data over cells: DS, FS */
#define SEL_DATA16 LDT_SEL(2)           /* 16-bit data over halves: ES */
#define SEL_STACK32 LDT_SEL(3)          /* 32-bit data over stack32: SS */
#define STACK32_BYTES 256
#define STR_(x) #x
#define STR(x) STR_(x)

static uint32_t cells[4] = { 0, 0x20, 0x3000, 0x40000 };
static uint16_t halves[4] = { 0x5, 0x60, 0x700, 0x8000 };
static uint32_t stack32[STACK32_BYTES / 4];
uint32_t ldt32(uint32_t count, uint32_t writes_before, unsigned long tls);
uint64_t ldt32_rsp, ldt32_tls;
uint16_t ldt32_seen_cs, ldt32_seen_ss, ldt32_seen_fs;
uint32_t ldt32_saw_new_table;
long table_writes;                      /* rewrites so far (main thread) */
__asm__(".pushsection .text\n"
        ".globl ldt32\n"
        ".type ldt32, @function\n"
        "ldt32:\n"
        "       pushq %rbx\n    pushq %rbp\n    pushq %r12\n"
        "       pushq %r13\n    pushq %r14\n    pushq %r15\n"
        "       movq %rsp, ldt32_rsp(%rip)\n"
        "       movq %rdx, ldt32_tls(%rip)\n"
        "       movl %edi, %ecx\n"
        "       movl $" STR(SEL_DATA32) ", %eax\n"
        "       movl %eax, %fs\n"
        "       ljmpl *ldt32_target(%rip)\n"
        ".code32\n"
        "ldt32_add:\n"
        "       addl %ds:0, %eax\n"
        "       movzwl %es:4, %ebx\n"
        "       addl %ebx, %eax\n"
        "       addl %fs:8, %eax\n"
        "       addl 4(%esp), %eax\n"
        "       ret\n"
        "ldt32_code:\n"
        "       movl $" STR(SEL_STACK32) ", %eax\n"
        "       movl %eax, %ss\n"
        "       movl $" STR(STACK32_BYTES) ", %esp\n"
        "       xorl %eax, %eax\n"
        "1:     pushl %ecx\n"
        "       call ldt32_add\n"
        "       popl %ecx\n"
        "       loop 1b\n"
        "       movl $0x4000000, %ecx\n"
        "2:     cmpl %esi, %cs:table_writes\n"
        "       jne 3f\n"
        "       pause\n"
        "       loop 2b\n"
        "3:     movl %ecx, %ebp\n"
        "       movl $" STR(SEL_DATA32) ", %ebx\n"
        "       movl %ebx, %ds\n        movl %ebx, %fs\n"
        "       movl $" STR(SEL_DATA16) ", %ebx\n       movl %ebx, %es\n"
        "       movl $" STR(SEL_STACK32) ", %ebx\n      movl %ebx, %ss\n"
        "       ljmpl $" STR(SEL_CODE32) ", $4f\n"
        "4:     movl %edi, %ecx\n"
        "5:     pushl %ecx\n"
        "       call ldt32_add\n"
        "       popl %ecx\n"
        "       loop 5b\n"
        "       movw %cs, %dx\n"
        "       ljmpl $0x33, $ldt32_back\n"
        ".code64\n"
        "ldt32_back:\n"
        "       movw %dx, ldt32_seen_cs(%rip)\n"
        "       movw %ss, ldt32_seen_ss(%rip)\n"
        "       movw %fs, ldt32_seen_fs(%rip)\n"
        "       movl %ebp, ldt32_saw_new_table(%rip)\n"
        "       movl $0x2b, %edx\n"
        "       movl %edx, %ss\n"
        "       movq ldt32_rsp(%rip), %rsp\n"
        "       movl %eax, %r12d\n"
        "       xorl %eax, %eax\n"
        "       movl %eax, %fs\n"
        "       movl $158, %eax\n"
        "       movl $0x1002, %edi\n"
        "       movq ldt32_tls(%rip), %rsi\n"
        "       syscall\n"
        "       movl %r12d, %eax\n"
        "       popq %r15\n     popq %r14\n     popq %r13\n"
        "       popq %r12\n     popq %rbp\n     popq %rbx\n"
        "       ret\n"
        ".size ldt32, . - ldt32\n"
        ".popsection\n"
        ".pushsection .data\n"
        "ldt32_target:\n"
        "       .long ldt32_code\n"
        "       .word " STR(SEL_CODE32) "\n"
        ".popsection\n");

static uint32_t ldt32_expect(uint32_t count)
{
        uint32_t per_step = cells[0] + halves[2] + cells[2];
        uint32_t steps = (uint32_t)((uint64_t)count * (count + 1) / 2);

        return 2 * (count * per_step + steps);
}
static unsigned long check_affinity_calls(int *nr_cpus)
{
        unsigned long all = 0, none = 0, got = 0;
        unsigned int cpu = ~0u, node = ~0u;

        *nr_cpus = sysconf(_SC_NPROCESSORS_ONLN);
        ok(syscall(SYS_sched_getaffinity, 0, sizeof(all), &all) == 8 &&
           __builtin_popcountl(all) == *nr_cpus,
           "sched_getaffinity returns 8 bytes naming %d CPUs, "
           "as many as are online", *nr_cpus);
        ok_errno(syscall(SYS_sched_getaffinity, 0, 4, &got), EINVAL,
                 "sched_getaffinity into 4 bytes: EINVAL");
        ok_errno(syscall(SYS_sched_setaffinity, 0, 8, &none), EINVAL,
                 "sched_setaffinity to no CPU: EINVAL");
        ok_errno(syscall(SYS_sched_setaffinity, 0, 8, NULL), EFAULT,
                 "sched_setaffinity from NULL: EFAULT");
        ok_errno(syscall(SYS_sched_setaffinity, 0x3fffffff, 8, &all), ESRCH,
                 "sched_setaffinity of a thread that does not exist: ESRCH");
        int lowest = all ? __builtin_ctzl(all) : 64;
        unsigned char byte = 1u << (lowest & 7);
        if (lowest < 8) {
                bool pinned = syscall(SYS_sched_setaffinity, 0, 1, &byte) == 0;
                bool asked = syscall(SYS_getcpu, &cpu, &node, NULL) == 0;
                ok(pinned && asked && cpu == (unsigned int)lowest && node == 0,
                   "a one-byte mask pins the thread to CPU %d; "
                   "getcpu says %u, node %u", lowest, cpu, node);
        } else {
                skip("the lowest CPU allowed, %d, does not fit a one-byte mask",
                     lowest);
        }
        ok(syscall(SYS_sched_setaffinity, gettid(), 8, &all) == 0 &&
           syscall(SYS_sched_getaffinity, 0, 8, &got) == 8 && got == all,
           "sched_setaffinity by the caller's own thread id "
           "allows all %d CPUs again", *nr_cpus);
        return all;
}
#define ROUNDS 40
#define LOOP 100000
static struct {
        int calls, wrong_cpu, wrong_sum, wrong_stack, wrong_segs32, wrong_cs;
        int lost_segs;
        int no_new_table;               /* runs that waited for a new table
                                   in vain */
        unsigned long visited;          /* CPUs where every check passed */
} tally;
static int finished;                    /* the worker is done */

static bool count(int *failures, bool failed)
{
        *failures += failed;
        return failed;
}
static void visit(int round, int cpu, unsigned long tls)
{
        unsigned long mask = 1UL << cpu;
        struct timespec ms = { 0, 1000000 };
        bool pinned = !syscall(SYS_sched_setaffinity, 0, sizeof(mask), &mask);
        bool bad = count(&tally.wrong_cpu, !pinned || sched_getcpu() != cpu);

        cells[0] = round << 8 | cpu;
        set_seg(ds, SEL_DATA32);
        set_seg(es, SEL_DATA16);
        uint32_t writes = __atomic_load_n(&table_writes, __ATOMIC_ACQUIRE);
        uint32_t sum = ldt32(LOOP, writes, tls);
        tally.calls++;
        bad |= count(&tally.no_new_table, !ldt32_saw_new_table);
        bad |= count(&tally.wrong_sum, sum != ldt32_expect(LOOP));
        bad |= count(&tally.wrong_stack, stack32[STACK32_BYTES / 4 - 1] != 1);
        bad |= count(&tally.wrong_segs32, ldt32_seen_cs != SEL_CODE32 ||
                     ldt32_seen_ss != SEL_STACK32 ||
                     ldt32_seen_fs != SEL_DATA32);
        bad |= count(&tally.wrong_cs, get_seg(cs) != USER_CS);
        if (round % 4 == 3)
                nanosleep(&ms, NULL);
        else
                sched_yield();
        bad |= count(&tally.lost_segs, get_seg(ds) != SEL_DATA32 ||
                     get_seg(es) != SEL_DATA16);
        bad |= count(&tally.wrong_cpu, sched_getcpu() != cpu);
        if (!bad)
                tally.visited |= mask;
}
static unsigned long cpus;              /* the CPUs to visit */

static void *worker(void *arg)
{
        unsigned long tls = 0;

        (void)arg;
        syscall(SYS_arch_prctl, 0x1003, &tls);          /* ARCH_GET_FS */
        for (int round = 0; round < ROUNDS; round++)
                for (int cpu = 0; cpu < 64; cpu++)
                        if (cpus & (1UL << cpu))
                                visit(round, cpu, tls);
        set_seg(ds, 0);
        set_seg(es, 0);
        __atomic_store_n(&finished, 1, __ATOMIC_RELEASE);
        return NULL;
}
#define FIRST_OTHER 10
#define LAST_OTHER 40
static long last_write[LAST_OTHER + 1];  /* 0: never; else write number + 1 */
static int rewrite_failures;

static const void *other_base(long n)
{
        return n & 1 ? (const void *)halves : (const void *)cells;
}
static uint64_t other_entry(long n)
{
        return desc_bytes((uint32_t)(uintptr_t)other_base(n), n & 0xff,
                          0xf3, 0x4);
}
static void rewrite_until_finished(void)
{
        for (long n = 0; !__atomic_load_n(&finished, __ATOMIC_ACQUIRE); n++) {
                unsigned int e = FIRST_OTHER +
                                 n % (LAST_OTHER - FIRST_OTHER + 1);

                rewrite_failures +=
                        set_entry(e, other_base(n), n & 0xff, 0, 1) != 0;
                last_write[e] = n + 1;
                __atomic_store_n(&table_writes, n + 1, __ATOMIC_RELEASE);
        }
}
static void check_table(void)
{
        static uint64_t table[LAST_OTHER + 1];
        const uint64_t first[4] = {
                desc_bytes(0, 0xfffff, 0xfb, 0xc),
                desc_bytes((uintptr_t)cells, sizeof(cells) - 1, 0xf3, 0x4),
                desc_bytes((uintptr_t)halves, sizeof(halves) - 1, 0xf3, 0x0),
                desc_bytes((uintptr_t)stack32, STACK32_BYTES - 1, 0xf3, 0x4),
        };
        long got = modify_ldt_raw(0, table, sizeof(table));
        int wrong = got != (long)sizeof(table);

        for (int e = 0; e <= LAST_OTHER; e++)
                wrong += table[e] != (e < 4 ? first[e] : !last_write[e] ? 0 :
                                      other_entry(last_write[e] - 1));
        ok(!wrong, "after %ld rewrites the table holds entries 0-3 as "
           "installed and 10-40 as last written", table_writes);
}
int main(void)
{
        pthread_t thread;
        int nr_cpus;

        cpus = check_affinity_calls(&nr_cpus);
        ok(!set_entry(0, 0, 0, 1, 1) &&
           !set_entry(1, cells, sizeof(cells) - 1, 0, 1) &&
           !set_entry(2, halves, sizeof(halves) - 1, 0, 0) &&
           !set_entry(3, stack32, STACK32_BYTES - 1, 0, 1),
           "LDT entries 0-3: 32-bit code, 32-bit data, 16-bit data, "
           "32-bit stack");
        if (!ok(pthread_create(&thread, NULL, worker, NULL) == 0,
                "the worker thread starts"))
                return done();
        rewrite_until_finished();
        pthread_join(thread, NULL);
        say("# %d runs of 32-bit code on %d CPUs; the table was replaced %ld "
            "times\n", tally.calls, nr_cpus, table_writes);
        ok_eq(tally.wrong_cpu, 0,
              "sched_getcpu named the worker's CPU before and after each run");
        ok_eq(tally.no_new_table, 0,
              "every run saw the table replaced while it was in 32-bit mode");
        ok_eq(tally.wrong_sum, 0,
              "each run summed DS:0, ES:4, FS:8 and its stack, before and after");
        ok_eq(tally.wrong_stack, 0,
              "the 32-bit code's pushes went through SS's base into stack32");
        ok_eq(tally.wrong_segs32, 0,
              "32-bit code ran in CS = entry 0; SS and FS kept entries 3 and 1");
        ok_eq(tally.wrong_cs, 0,
              "every far jump back landed in 64-bit mode with CS = 0x33");
        ok_eq(tally.lost_segs, 0,
              "DS and ES held entries 1 and 2 after every yield and sleep");
        ok(tally.visited == cpus && __builtin_popcountl(tally.visited) == nr_cpus,
           "every check passed on each of the %d online CPUs", nr_cpus);
        ok(table_writes > 0 && !rewrite_failures,
           "the main thread replaced the table %ld times meanwhile", table_writes);
        check_table();
        return done();
}
