/* Tangled from book/listings-userland.nw (chapter "Listings of ``User programs and the shell''"). Do not edit: edit the book and run make tangle. */
#ifndef ULIB_H
#define ULIB_H
#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#define PRINTF(f, a) __attribute__((format(printf, f, a)))

static inline PRINTF(1, 2) void say(const char *fmt, ...)
{
        char line[1024];
        int saved = errno, off = 0, n;
        va_list ap;

        va_start(ap, fmt);
        n = vsnprintf(line, sizeof(line), fmt, ap);
        va_end(ap);
        if (n > (int)sizeof(line) - 1)
                n = sizeof(line) - 1;
        while (off < n) {
                ssize_t w = write(1, line + off, n - off);
                if (w < 0 && errno == EINTR)
                        continue;
                if (w <= 0)
                        break;
                off += w;
        }
        errno = saved;
}
static int tap_number;          /* checks made so far */
static int tap_failures;        /* how many of them failed */

static inline bool tap_check(bool pass, const char *detail, const char *fmt, va_list ap)
{
        char what[512];

        vsnprintf(what, sizeof(what), fmt, ap);
        tap_number++;
        if (pass) {
                say("ok %d - %s\n", tap_number, what);
        } else {
                tap_failures++;
                say("not ok %d - %s%s%s%s\n", tap_number, what,
                    *detail ? " (" : "", detail, *detail ? ")" : "");
        }
        return pass;
}
static inline PRINTF(2, 3) bool ok(bool pass, const char *fmt, ...)
{
        va_list ap;
        va_start(ap, fmt);
        pass = tap_check(pass, "", fmt, ap);
        va_end(ap);
        return pass;
}

static inline PRINTF(3, 4) bool ok_eq(long got, long want, const char *fmt, ...)
{
        char detail[64];
        va_list ap;

        snprintf(detail, sizeof(detail), "got %ld (%#lx), want %ld", got, got, want);
        va_start(ap, fmt);
        bool pass = tap_check(got == want, detail, fmt, ap);
        va_end(ap);
        return pass;
}

static inline PRINTF(3, 4) bool ok_errno(long ret, int err, const char *fmt, ...)
{
        int got = errno;
        char detail[160];
        va_list ap;

        snprintf(detail, sizeof(detail), "returned %ld, errno %d %s; want -1, errno %d %s",
                 ret, ret == -1 ? got : 0, ret == -1 ? strerror(got) : "",
                 err, strerror(err));
        va_start(ap, fmt);
        bool pass = tap_check(ret == -1 && got == err, detail, fmt, ap);
        va_end(ap);
        return pass;
}
static inline PRINTF(1, 2) void skip(const char *fmt, ...)
{
        char why[256];
        va_list ap;

        va_start(ap, fmt);
        vsnprintf(why, sizeof(why), fmt, ap);
        va_end(ap);
        say("ok %d - # SKIP %s\n", ++tap_number, why);
}

static inline int done(void)
{
        say("# %d checks, %d failed\n", tap_number, tap_failures);
        return tap_failures > 255 ? 255 : tap_failures;
}
static inline int wait_child(pid_t pid)
{
        int status;
        pid_t got;

        do
                got = wait4(pid, &status, 0, NULL);
        while (got < 0 && errno == EINTR);
        return got == pid ? status : -1;
}

static inline int fork_and_run(int (*fn)(void *), void *arg)
{
        pid_t pid = fork();

        if (pid == 0)
                _exit(fn(arg));
        if (pid < 0)
                return -1;
        return wait_child(pid);
}
static inline bool page_mapped(const void *addr)
{
        void *p = mmap((void *)addr, 4096, PROT_NONE,
                       MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);

        if (p == MAP_FAILED)
                return errno == EEXIST;
        munmap(p, 4096);
        return false;
}
static inline uint64_t rdtsc(void)
{
        uint32_t lo, hi;

        __asm__ volatile("lfence; rdtsc; lfence" : "=a"(lo), "=d"(hi) :: "memory");
        return (uint64_t)hi << 32 | lo;
}
static inline uint64_t cycles_per_fork(long n)
{
        uint64_t t0 = rdtsc();

        for (long i = 0; i < n; i++) {
                pid_t pid = fork();
                if (pid == 0)
                        _exit(0);
                wait_child(pid);
        }
        return (rdtsc() - t0) / n;
}
#endif
