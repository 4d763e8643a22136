/* Tangled from book/listings-signal.nw (chapter "Listings of ``Signals and threads''"). Do not edit: edit the book and run make tangle. */
#include "ulib.h"
#include <pthread.h>
#include <stdlib.h>
#include <signal.h>
#include <time.h>
#define FUTEX_WAIT_PRIVATE 128
#define FUTEX_WAKE_PRIVATE 129
#define FUTEX_WAKE 1
#include <sys/syscall.h>


static long futex(volatile int *uaddr, int op, int val, const struct timespec *ts)
{
        return syscall(SYS_futex, uaddr, op, val, ts, NULL, 0);
}

static volatile int usr1_count, usr2_tid;
static void on_usr1(int sig) { (void)sig; usr1_count++; }
static void on_usr2(int sig) { (void)sig; usr2_tid = gettid(); }

static void handle(int sig, void (*fn)(int), int flags)
{
        struct sigaction sa = { .sa_handler = fn, .sa_flags = flags };
        sigaction(sig, &sa, NULL);
}

/* A child that signals its parent after a while, then exits. */
static pid_t signal_parent_after(int ms, int sig)
{
        pid_t pid = fork();
        if (pid == 0) {
                struct timespec ts = { 0, ms * 1000000L };
                nanosleep(&ts, NULL);
                kill(getppid(), sig);
                _exit(0);
        }
        return pid;
}
static pid_t exit_after(int ms, int code)
{
        pid_t pid = fork();
        if (pid == 0) {
                struct timespec ts = { 0, ms * 1000000L };
                nanosleep(&ts, NULL);
                _exit(code);
        }
        return pid;
}
static void check_futex(void)
{
        volatile int word = 5;
        struct timespec ts = { 0, 20000000 };

        errno = 0;
        ok(futex(&word, FUTEX_WAIT_PRIVATE, 6, NULL) == -1 && errno == EAGAIN,
           "FUTEX_WAIT on a word that no longer holds the value fails with EAGAIN");
        errno = 0;
        ok(futex(&word, FUTEX_WAIT_PRIVATE, 5, &ts) == -1 && errno == ETIMEDOUT,
           "FUTEX_WAIT with a 20 ms timeout and nobody to wake it: ETIMEDOUT");
        ok_eq(futex(&word, FUTEX_WAKE_PRIVATE, 1, NULL), 0, "FUTEX_WAKE with no waiter wakes 0");
        errno = 0;
        ok(futex((volatile int *)((char *)&word + 1), FUTEX_WAKE, 1, NULL) == -1 &&
           errno == EINVAL,
           "a misaligned futex word is EINVAL");
}
static void check_interrupted_sleeps(void)
{
        struct timespec req = { 5, 0 }, rem = { 0, 0 };
        int st;

        handle(SIGUSR1, on_usr1, 0);
        pid_t k = signal_parent_after(30, SIGUSR1);
        errno = 0;
        int r = nanosleep(&req, &rem);
        ok(r == -1 && errno == EINTR && usr1_count == 1,
           "a signal with a handler interrupts nanosleep: EINTR (r %d, errno %d)", r, errno);
        ok(rem.tv_sec >= 3 && rem.tv_sec < 5, "the remaining time is written (%ld.%09ld s)",
           (long)rem.tv_sec, rem.tv_nsec);
        wait_child(k);

        pid_t slow = exit_after(300, 3);
        k = signal_parent_after(30, SIGUSR1);
        errno = 0;
        r = waitpid(slow, &st, 0);
        ok(r == -1 && errno == EINTR && usr1_count == 2,
           "without SA_RESTART a handler makes wait4 fail with EINTR (r %d, errno %d)", r, errno);
        wait_child(k);
        handle(SIGUSR1, on_usr1, SA_RESTART);
        k = signal_parent_after(30, SIGUSR1);
        r = waitpid(slow, &st, 0);
        ok(r == slow && WIFEXITED(st) && WEXITSTATUS(st) == 3 && usr1_count == 3,
           "with SA_RESTART the handler runs and wait4 is restarted, "
           "returning the child (r %d)", r);
        wait_child(k);
}
static int pause_forever(void *arg)
{
        (void)arg;
        for (;;)
                pause();
        return 0;
}

static void check_kill_processes(void)
{
        pid_t pid = fork();
        int st;

        if (pid == 0)
                _exit(pause_forever(NULL));
        ok_eq(kill(pid, 0), 0, "kill(pid, 0) finds a live child");
        ok_eq(kill(pid, SIGTERM), 0, "kill(pid, SIGTERM)");
        st = wait_child(pid);
        ok(WIFSIGNALED(st) && WTERMSIG(st) == SIGTERM,
           "the child dies of SIGTERM (status %#x)", st);
        errno = 0;
        ok(kill(pid, 0) == -1 && errno == ESRCH, "once reaped, kill(pid, 0) is ESRCH");
        errno = 0;
        ok(kill(1 << 30, SIGTERM) == -1 && errno == ESRCH,
           "kill of a pid that never existed is ESRCH");
        errno = 0;
        ok(kill(getpid(), 65) == -1 && errno == EINVAL, "signal 65 is EINVAL");
}
static volatile int thread_tid, thread_go;
static void *wait_for_signal(void *arg)
{
        (void)arg;
        thread_tid = gettid();
        while (!thread_go)
                sched_yield();
        return NULL;
}

static void check_kill_threads(void)
{
        pthread_t t;
        sigset_t usr2;

        handle(SIGUSR2, on_usr2, 0);
        pthread_create(&t, NULL, wait_for_signal, NULL);
        while (!thread_tid)
                sched_yield();
        ok_eq(syscall(SYS_tgkill, getpid(), thread_tid, SIGUSR2), 0, "tgkill(pid, tid, SIGUSR2)");
        while (!usr2_tid)
                sched_yield();
        ok_eq(usr2_tid, thread_tid, "the handler runs in the thread tgkill named");
        errno = 0;
        ok(syscall(SYS_tgkill, getpid() + 1000, thread_tid, SIGUSR2) == -1 && errno == ESRCH,
           "tgkill with the wrong process id is ESRCH");
        usr2_tid = 0;
        sigemptyset(&usr2);
        sigaddset(&usr2, SIGUSR2);
        sigprocmask(SIG_BLOCK, &usr2, NULL);
        kill(getpid(), SIGUSR2);
        while (!usr2_tid)
                sched_yield();
        ok_eq(usr2_tid, thread_tid,
              "kill(getpid()) while main blocks it is taken by the other thread");
        sigprocmask(SIG_UNBLOCK, &usr2, NULL);
        thread_go = 1;
        pthread_join(t, NULL);
}
static volatile int never = 0;
static void *block_in_futex(void *arg)
{
        (void)arg;
        futex(&never, FUTEX_WAIT_PRIVATE, 0, NULL);
        return NULL;
}
static void *block_in_nanosleep(void *arg)
{
        struct timespec ts = { 100, 0 };
        (void)arg;
        nanosleep(&ts, NULL);
        return NULL;
}
static void *spin(void *arg)
{
        (void)arg;
        for (;;)
                __asm__ volatile("" ::: "memory");
        return NULL;
}

static int exit_with_blocked_threads(void *arg)
{
        pthread_t t;
        struct timespec ts = { 0, 30000000 };

        (void)arg;
        pthread_create(&t, NULL, block_in_futex, NULL);
        pthread_create(&t, NULL, block_in_nanosleep, NULL);
        pthread_create(&t, NULL, spin, NULL);
        nanosleep(&ts, NULL);
        exit(7);
}
static int thread_dies_of_sigterm(void *arg)
{
        pthread_t t;

        (void)arg;
        pthread_create(&t, NULL, wait_for_signal, NULL);
        while (!thread_tid)
                sched_yield();
        syscall(SYS_tgkill, getpid(), thread_tid, SIGTERM);
        for (;;)
                pause();
        return 0;
}

static void *nothing(void *arg) { return arg; }

static void check_groups(void)
{
        int st = fork_and_run(exit_with_blocked_threads, NULL);
        ok(WIFEXITED(st) && WEXITSTATUS(st) == 7,
           "exit() with threads in futex, nanosleep and a loop ends them all, status 7 (%#x)", st);
        thread_tid = thread_go = 0;
        st = fork_and_run(thread_dies_of_sigterm, NULL);
        ok(WIFSIGNALED(st) && WTERMSIG(st) == SIGTERM,
           "SIGTERM sent to one thread kills the whole process (status %#x)", st);
        int good = 0;
        for (int i = 0; i < 200; i++) {
                pthread_t t;
                void *ret = NULL;
                good += pthread_create(&t, NULL, nothing, (void *)(long)i) == 0 &&
                        pthread_join(t, &ret) == 0 && ret == (void *)(long)i;
        }
        ok_eq(good, 200, "200 threads created and joined one after another");
}

int main(void)
{
        check_futex();
        check_interrupted_sleeps();
        check_kill_processes();
        check_kill_threads();
        check_groups();
        return done();
}
