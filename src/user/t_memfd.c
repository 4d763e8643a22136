/* Tangled from book/listings-shmem.nw (chapter "Listings of ``Shared memory''"). Do not edit: edit the book and run make tangle. */
#include "ulib.h"
#include <fcntl.h>
#include <setjmp.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <sys/syscall.h>

#define PG 4096L

static int check_create(void)
{
        char name[251];
        struct stat st;
        int fd = memfd_create("t_memfd", 0);

        ok(fd >= 3, "memfd_create returns a new descriptor (%d)", fd);
        int err = fstat(fd, &st);
        ok(!err && S_ISREG(st.st_mode) && (st.st_mode & 0777) == 0777 && st.st_size == 0,
           "fstat: an empty regular file, mode 0777 (mode %o)", st.st_mode);
        ok_errno(memfd_create("x", 0x100), EINVAL, "memfd_create with an unknown flag");
        memset(name, 'n', sizeof(name));
        name[249] = 0;
        int fd2 = memfd_create(name, MFD_CLOEXEC | MFD_ALLOW_SEALING);
        ok(fd2 > fd, "a 249-byte name and MFD_CLOEXEC | MFD_ALLOW_SEALING are accepted");
        close(fd2);
        name[249] = 'n';
        name[250] = 0;
        ok_errno(memfd_create(name, 0), EINVAL, "a 250-byte name");
        ok_errno(syscall(SYS_memfd_create, NULL, 0), EFAULT, "a NULL name");
        return fd;
}
static void check_read_write(int fd)
{
        char buf[16] = { 0 };
        struct stat st;

        ok_eq(write(fd, "hello", 5), 5, "write 5 bytes");
        ok_eq(lseek(fd, 0, SEEK_CUR), 5, "the position moved to 5");
        ok_eq(fstat(fd, &st) ? -1 : st.st_size, 5, "the size is 5");
        ok_eq(lseek(fd, 0, SEEK_SET), 0, "lseek back to 0");
        ok(read(fd, buf, sizeof(buf)) == 5 && !memcmp(buf, "hello", 5), "read stops at the size");
        ok_eq(read(fd, buf, sizeof(buf)), 0, "read at the end returns 0");
        ok_eq(ftruncate(fd, 3 * PG), 0, "ftruncate to 3 pages");
        ok_eq(lseek(fd, 0, SEEK_END), 3 * PG, "lseek to the end");
        memset(buf, 'x', sizeof(buf));
        ok(pread(fd, buf, 8, PG) == 8 && !memcmp(buf, "\0\0\0\0\0\0\0\0", 8),
           "a hole reads as zeroes");
        ok_eq(pwrite(fd, "world", 5, 2 * PG), 5, "pwrite in the last page");
        ok_eq(lseek(fd, 0, SEEK_CUR), 3 * PG, "pread and pwrite leave the position alone");
        ok_errno(lseek(fd, -1, SEEK_SET), EINVAL, "lseek to a negative position");
        ok_errno(lseek(fd, 0, 7), EINVAL, "lseek with an unknown whence");
        ok_errno(ftruncate(fd, -1), EINVAL, "ftruncate to a negative size");
        ok_errno(ftruncate(99, 0), EBADF, "ftruncate of a descriptor that is not open");
        ok_eq(fstat(fd, &st) ? -1 : st.st_blocks, 16, "two pages hold data: 16 blocks");
}
static void check_truncate(int fd)
{
        char page[PG], c = 1;

        memset(page, 'x', sizeof(page));
        ok_eq(pwrite(fd, page, PG, 0), PG, "fill the first page");
        ok_eq(ftruncate(fd, 100), 0, "truncate to 100 bytes");
        ok_eq(ftruncate(fd, 3 * PG), 0, "grow back to 3 pages");
        ok(pread(fd, &c, 1, 99) == 1 && c == 'x', "the bytes below the cut survive");
        ok(pread(fd, &c, 1, 100) == 1 && c == 0, "the bytes above the cut read as zero");
        ok(pread(fd, &c, 1, 2 * PG) == 1 && c == 0, "and so does a later page that was cut off");
}
static int shared_child(char *p, int fd)
{
        int bad = 0;

        bad |= (p[0] != 'P') << 0;
        p[PG] = 'C';
        bad |= (pwrite(fd, "F", 1, 2 * PG) != 1 || p[2 * PG] != 'F') << 1;
        return bad;
}

static void check_mappings(int fd, char **pp, char **qp)
{
        char *p = mmap(NULL, 4 * PG, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
        char *q = mmap(NULL, 3 * PG, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
        char c = 0;

        *pp = p;
        *qp = q;
        if (!ok(p != MAP_FAILED && q != MAP_FAILED, "mmap the memfd shared and private"))
                exit(done());
        ok(p[0] == 'x' && p[100] == 0, "the shared mapping shows the file");
        p[0] = 'P';
        ok(pread(fd, &c, 1, 0) == 1 && c == 'P', "a store through the mapping is in the file");
        pid_t pid = fork();
        if (pid == 0)
                _exit(shared_child(p, fd));
        int status = wait_child(pid);
        ok(WIFEXITED(status) && !(WEXITSTATUS(status) & 1), "the child sees the parent's store");
        ok(WIFEXITED(status) && !(WEXITSTATUS(status) & 2),
           "the child sees its pwrite through its mapping");
        ok(p[PG] == 'C', "the parent sees the child's store");
        ok(p[2 * PG] == 'F', "the parent sees the child's pwrite");
        ok(q[0] == 'P', "the private mapping shows the file");
        q[0] = 'Q';
        ok(q[0] == 'Q' && p[0] == 'P', "a store to the private mapping stays private");
        ok(pread(fd, &c, 1, 0) == 1 && c == 'P', "and does not reach the file");
        p[PG] = 'D';
        ok(q[PG] == 'D', "a page the private mapping never wrote follows the file");
}
static sigjmp_buf access_jmp;

static void access_caught(int sig)
{
        siglongjmp(access_jmp, sig);
}

static int access_signal(volatile char *addr)
{
        struct sigaction sa = { .sa_handler = access_caught }, old_bus, old_segv;
        int sig;

        sigaction(SIGBUS, &sa, &old_bus);
        sigaction(SIGSEGV, &sa, &old_segv);
        if (!(sig = sigsetjmp(access_jmp, 1)))
                (void)*addr;
        sigaction(SIGBUS, &old_bus, NULL);
        sigaction(SIGSEGV, &old_segv, NULL);
        return sig;
}
#define SIGBUS_AT(p) (access_signal(p) == SIGBUS)

static void check_beyond_end(int fd, char *p, char *q)
{
        ok(SIGBUS_AT(p + 3 * PG), "the shared mapping's page beyond the end is SIGBUS");
        ok_errno(pread(fd, p + 3 * PG, 1, 0), EFAULT, "pread into that page");
        ok_eq(ftruncate(fd, PG), 0, "truncate the file to one page");
        ok(SIGBUS_AT(p + PG), "the second page of the shared mapping is now SIGBUS");
        ok(SIGBUS_AT(q + PG + 10), "and so is that of the private mapping");
        ok(p[0] == 'P' && q[0] == 'Q', "the first page is still there in both");
        ok_eq(ftruncate(fd, 2 * PG), 0, "grow the file to two pages");
        ok(p[PG] == 0 && q[PG] == 0, "the second page is back, and zero");
}
static void check_close_and_dup(int fd, char *p)
{
        char c;
        struct stat st;
        int fd2 = dup(fd);

        ok(fd2 > fd, "dup gives a new descriptor (%d)", fd2);
        ok_eq(close(fd), 0, "close the memfd");
        ok(p[0] == 'P', "the mapping outlives the descriptor");
        ok_errno(read(fd, &c, 1), EBADF, "read from the closed descriptor");
        ok_errno(close(fd), EBADF, "close it again");
        ok_eq(fstat(fd2, &st) ? -1 : st.st_size, 2 * PG, "the duplicate still names the file");
        ok_eq(dup2(fd2, fd), fd, "dup2 back to the old number");
        ok_eq(fcntl(fd, F_GETFD), 0, "the copy is not close-on-exec");
        ok_errno(dup2(fd2, 100000), EBADF, "dup2 to a descriptor beyond the limit");
        close(fd2);
        lseek(fd, 0, SEEK_SET);
        pid_t pid = fork();
        if (pid == 0)
                _exit(read(fd, &c, 1) == 1 && read(fd, &c, 1) == 1 ? 0 : 1);
        ok(wait_child(pid) == 0 && lseek(fd, 0, SEEK_CUR) == 2,
           "a child's reads move the parent's position");
}
static int after_exec(int keep, int drop)
{
        struct stat st;

        if (fstat(keep, &st) || st.st_size != 1234)
                return 1;
        return fcntl(drop, F_GETFD) == -1 && errno == EBADF ? 0 : 2;
}

static void check_exec(const char *self)
{
        int keep = memfd_create("keep", 0), drop = memfd_create("drop", MFD_CLOEXEC);
        char a[16], b[16];

        ok_eq(fcntl(drop, F_GETFD), FD_CLOEXEC, "MFD_CLOEXEC sets close-on-exec");
        ftruncate(keep, 1234);
        snprintf(a, sizeof(a), "%d", keep);
        snprintf(b, sizeof(b), "%d", drop);
        pid_t pid = fork();
        if (pid == 0) {
                execl(self, self, "--after-exec", a, b, (char *)NULL);
                _exit(3);
        }
        int status = wait_child(pid);
        ok(WIFEXITED(status) && WEXITSTATUS(status) == 0,
           "after execve the plain memfd is open and the MFD_CLOEXEC one closed (status %#x)",
           status);
        close(keep);
        close(drop);
}
int main(int argc, char **argv)
{
        char *p, *q;

        if (argc == 4 && !strcmp(argv[1], "--after-exec"))
                return after_exec(atoi(argv[2]), atoi(argv[3]));
        int fd = check_create();
        check_read_write(fd);
        check_truncate(fd);
        check_mappings(fd, &p, &q);
        check_beyond_end(fd, p, q);
        check_close_and_dup(fd, p);
        check_exec(argv[0]);
        munmap(p, 4 * PG);
        munmap(q, 3 * PG);
        close(fd);
        return done();
}
