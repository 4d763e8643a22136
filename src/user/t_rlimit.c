/* Tangled from book/listings-process.nw (chapter "Listings of ``Processes''"). Do not edit: edit the book and run make tangle. */
#include "ulib.h"
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <time.h>

static void check_time(void)
{
        struct timeval tv;
        struct timezone tz = { 99, 99 };
        struct timespec ts;

        ok_eq(syscall(SYS_gettimeofday, &tv, &tz), 0, "gettimeofday (the system call: musl's ignores tz)");
        ok(tz.tz_minuteswest == 0 && tz.tz_dsttime == 0, "the time zone is UTC");
        ok(tv.tv_usec >= 0 && tv.tv_usec < 1000000, "microseconds in range");
        clock_gettime(CLOCK_REALTIME, &ts);
        long t = time(NULL);
        ok(ts.tv_sec - tv.tv_sec <= 1 && t - ts.tv_sec <= 1 && t >= tv.tv_sec,
           "gettimeofday, clock_gettime and time agree");
        ok_errno(syscall(SYS_gettimeofday, (void *)8, NULL), EFAULT, "gettimeofday into a bad address");
        ok_errno(syscall(SYS_time, (void *)8), EFAULT, "time into a bad address");
        sync();
        ok(1, "sync returns");
}

static void check_limits(void)
{
        struct rlimit r, old, got;

        ok_eq(getrlimit(RLIMIT_CORE, &old), 0, "getrlimit(RLIMIT_CORE)");
        r = (struct rlimit){ 4096, old.rlim_max };
        ok_eq(setrlimit(RLIMIT_CORE, &r), 0, "setrlimit a soft value of 4096");
        ok(!getrlimit(RLIMIT_CORE, &got) && got.rlim_cur == 4096 && got.rlim_max == old.rlim_max,
           "getrlimit reads it back");
        ok(!prlimit(0, RLIMIT_CORE, NULL, &got) && got.rlim_cur == 4096, "so does prlimit");
        r = (struct rlimit){ 8192, 4096 };
        ok_errno(setrlimit(RLIMIT_CORE, &r), EINVAL, "soft above hard");
        ok_errno(syscall(SYS_getrlimit, 99, &got), EINVAL, "an unknown resource");
        ok_errno(syscall(SYS_getrlimit, RLIMIT_CORE, (void *)8), EFAULT, "getrlimit into a bad address");
        ok_errno(prlimit(99999, RLIMIT_CORE, NULL, &got), ESRCH, "prlimit of no such process");
        r = (struct rlimit){ 1024, old.rlim_max };
        ok(!prlimit(getpid(), RLIMIT_CORE, &r, &got) && got.rlim_cur == 4096,
           "prlimit by pid sets and returns the old value");
        pid_t pid = fork();
        if (pid == 0)
                _exit(!getrlimit(RLIMIT_CORE, &got) && got.rlim_cur == 1024 ? 0 : 1);
        int status = wait_child(pid);
        ok(WIFEXITED(status) && WEXITSTATUS(status) == 0, "a child inherits the limit");
        setrlimit(RLIMIT_CORE, &old);
}

static void check_nofile(void)
{
        struct rlimit old, r;
        int last = -1, fd;

        getrlimit(RLIMIT_NOFILE, &old);
        r = (struct rlimit){ 8, old.rlim_max };
        ok_eq(setrlimit(RLIMIT_NOFILE, &r), 0, "a soft RLIMIT_NOFILE of 8");
        while ((fd = dup(0)) >= 0)
                last = fd;
        ok(last == 7 && errno == EMFILE, "dup stops at descriptor 7 with EMFILE (last %d)", last);
        for (fd = 3; fd <= last; fd++)
                close(fd);
        setrlimit(RLIMIT_NOFILE, &old);
        ok(dup(0) == 3, "with the old limit back, dup works again");
        close(3);
}

int main(void)
{
        check_time();
        check_limits();
        check_nofile();
        return done();
}
