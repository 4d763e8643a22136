/* Tangled from book/listings-files.nw (chapter "Listings of ``Files''"). Do not edit: edit the book and run make tangle. */
#include "ulib.h"
#include <dirent.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/sysmacros.h>
#include <sys/utsname.h>

static char self[PATH_MAX], dir[PATH_MAX], base[PATH_MAX];

static bool on_book_kernel(void)
{
        struct utsname u;

        return !uname(&u) && strstr(u.release, "book");
}

static void find_self(void)
{
        ssize_t n = readlink("/proc/self/exe", self, sizeof(self) - 1);

        ok(n > 1 && self[0] == '/', "readlink /proc/self/exe gives an absolute path");
        self[n > 0 ? n : 0] = '\0';
        char *slash = strrchr(self, '/');
        memcpy(dir, self, slash - self);
        dir[slash == self ? 1 : slash - self] = '\0';
        strcpy(base, slash + 1);
}
static void check_read(void)
{
        struct stat st, fst;
        char buf[8];
        int fd = open(self, O_RDONLY);

        ok(fd >= 3, "open the program's own file");
        ok_eq(read(fd, buf, 4), 4, "read 4 bytes");
        ok(!memcmp(buf, "\177ELF", 4), "they are an ELF header");
        ok(!stat(self, &st) && !fstat(fd, &fst), "stat and fstat");
        ok(S_ISREG(st.st_mode) && st.st_ino == fst.st_ino && st.st_size == fst.st_size,
           "both say: the same regular file");
        ok_eq(lseek(fd, 0, SEEK_END), st.st_size, "SEEK_END is the size");
        ok_eq(read(fd, buf, 4), 0, "read at the end: end of file");
        ok_eq(lseek(fd, 1, SEEK_SET), 1, "SEEK_SET 1");
        ok_eq(lseek(fd, 2, SEEK_CUR), 3, "SEEK_CUR 2 from there");
        ok_errno(lseek(fd, -4, SEEK_SET), EINVAL, "a negative position");
        ok_errno(lseek(fd, 0, 7), EINVAL, "an unknown whence");
        ok_eq(pread(fd, buf, 3, 1), 3, "pread 3 bytes at 1");
        ok(!memcmp(buf, "ELF", 3), "they are \"ELF\"");
        ok_eq(lseek(fd, 0, SEEK_CUR), 3, "pread does not move the position");
        ok(st.st_blocks * 512 >= st.st_size, "st_blocks: enough 512-byte blocks for the size");
        ok_errno(read(fd, (void *)8, 4), EFAULT, "read into a bad address");
        close(fd);
        fd = open("/proc/self/exe", O_RDONLY);
        ok(fd >= 0 && read(fd, buf, 4) == 4 && !memcmp(buf, "\177ELF", 4),
           "open follows /proc/self/exe to the same file");
        close(fd);
}
static void check_lookup(void)
{
        static char path[3 * PATH_MAX], name[300];
        struct stat st, want;

        stat(self, &want);
        snprintf(path, sizeof(path), "//..%s/.//../%s/./%s", dir, strrchr(dir, '/') + 1, base);
        ok(!stat(path, &st) && st.st_ino == want.st_ino, "slashes, . and .. in a path");
        ok(!stat("/proc/self/../self/exe", &st) && st.st_ino == want.st_ino,
           ".. after a link goes up from the link's target");
        ok_errno(stat("/no-such-file", &st), ENOENT, "a missing name: ENOENT");
        ok_errno(stat("", &st), ENOENT, "an empty path: ENOENT");
        snprintf(path, sizeof(path), "%s/x", self);
        ok_errno(stat(path, &st), ENOTDIR, "a file used as a directory: ENOTDIR");
        snprintf(path, sizeof(path), "%s/", self);
        ok_errno(stat(path, &st), ENOTDIR, "a file with a trailing slash: ENOTDIR");
        memset(name, 'a', 257);
        name[0] = '/';
        name[257] = '\0';
        ok_errno(stat(name, &st), ENAMETOOLONG, "a component of 256 bytes: ENAMETOOLONG");
        memset(path, '/', PATH_MAX + 8);
        path[PATH_MAX + 8] = '\0';
        ok_errno(stat(path, &st), ENAMETOOLONG, "a path of 4104 bytes: ENAMETOOLONG");
        ok_errno(stat((char *)8, &st), EFAULT, "a path at a bad address: EFAULT");
        ok_errno(syscall(SYS_stat, self, (struct stat *)8), EFAULT, "a stat buffer at a bad address: EFAULT");
        ok(!lstat("/proc/self", &st) && S_ISLNK(st.st_mode), "lstat /proc/self: a link");
        ok(!stat("/proc/self", &st) && S_ISDIR(st.st_mode), "stat /proc/self: a directory");
        ok(!fstatat(AT_FDCWD, "/proc/self", &st, AT_SYMLINK_NOFOLLOW) && S_ISLNK(st.st_mode),
           "fstatat with AT_SYMLINK_NOFOLLOW: the link");
        ok_errno(syscall(SYS_newfstatat, AT_FDCWD, self, &st, 0x8000), EINVAL,
                 "newfstatat with a flag it does not take: EINVAL");
        ok_eq(access(self, R_OK | X_OK), 0, "access R_OK|X_OK on the program");
        ok_errno(access("/no-such-file", F_OK), ENOENT, "access to a missing name");
        ok_errno(access(self, 0x10), EINVAL, "access with a bad mode");
        ok_eq(faccessat(AT_FDCWD, "/proc", X_OK, 0), 0, "faccessat X_OK on a directory");
}
static void check_open(void)
{
        struct stat st, want;
        int fd;

        stat(self, &want);
        fd = open(self, O_RDONLY | O_CLOEXEC);
        ok_eq(fcntl(fd, F_GETFD), FD_CLOEXEC, "O_CLOEXEC marks the descriptor");
        ok_eq(fcntl(fd, F_GETFL) & (O_ACCMODE | O_CLOEXEC), O_RDONLY, "F_GETFL: O_RDONLY");
        close(fd);
        ok_errno(open(self, O_RDONLY | O_DIRECTORY), ENOTDIR, "O_DIRECTORY on a file: ENOTDIR");
        ok_errno(open("/proc/self/exe", O_RDONLY | O_NOFOLLOW), ELOOP,
                 "O_NOFOLLOW on a link: ELOOP");
        ok_errno(open(dir, O_WRONLY), EISDIR, "a directory for writing: EISDIR");
        ok_errno(open(self, O_RDONLY | O_CREAT | O_EXCL, 0644), EEXIST,
                 "O_CREAT|O_EXCL on an existing file: EEXIST");
        fd = open(self, O_RDONLY | O_CREAT, 0644);
        ok(fd >= 0, "O_CREAT alone on an existing file opens it");
        close(fd);
        ok_errno(open("/no-such-dir/x", O_RDONLY | O_CREAT, 0644), ENOENT,
                 "O_CREAT in a missing directory: ENOENT");
        fd = openat(AT_FDCWD, self, O_RDONLY);
        ok(fd >= 0 && !fstat(fd, &st) && st.st_ino == want.st_ino, "openat(AT_FDCWD)");
        ok_errno(openat(fd, "x", O_RDONLY), ENOTDIR, "openat from a file: ENOTDIR");
        close(fd);
        ok_errno(openat(60, "x", O_RDONLY), EBADF, "openat from a closed descriptor: EBADF");
        ok_errno(open((char *)8, O_RDONLY), EFAULT, "open of a bad address: EFAULT");
        ok_errno(mkdir("/", 0755), EEXIST, "mkdir / : EEXIST");
        ok_errno(mkdir(dir, 0755), EEXIST, "mkdir of the program's directory: EEXIST");
        ok_errno(mkdir("/no-such-dir/x", 0755), ENOENT, "mkdir in a missing directory: ENOENT");
        ok_errno(mkdir("/proc/x", 0755), ENOENT, "mkdir of a new name in /proc: ENOENT");
        ok_errno(mkdir("/proc/self", 0755), EEXIST, "mkdir /proc/self: EEXIST");
}
struct linux_dirent64 {
        uint64_t d_ino;
        int64_t d_off;
        unsigned short d_reclen;
        unsigned char d_type;
        char d_name[];
};

static int find_entry(const char *path, const char *name, struct linux_dirent64 *out)
{
        static char buf[1024];
        int fd = open(path, O_RDONLY | O_DIRECTORY), found = -1;
        long n;

        while (fd >= 0 && (n = syscall(SYS_getdents64, fd, buf, sizeof(buf))) > 0)
                for (long off = 0; off < n; ) {
                        struct linux_dirent64 *d = (struct linux_dirent64 *)(buf + off);
                        if (d->d_reclen % 8 || d->d_reclen < 20)
                                return -2;
                        if (!strcmp(d->d_name, name) && found < 0) {
                                memcpy(out, d, sizeof(*out));
                                found = d->d_type;
                        }
                        off += d->d_reclen;
                }
        close(fd);
        return found;
}
static void check_dirs(void)
{
        struct linux_dirent64 d;
        struct stat st;
        char pid[16], buf[16];

        stat(self, &st);
        ok_eq(find_entry(dir, base, &d), DT_REG, "the program's directory lists it: DT_REG");
        ok_eq(d.d_ino, st.st_ino, "with its inode number");
        ok_eq(find_entry(dir, ".", &d), DT_DIR, "and . : DT_DIR");
        ok_eq(find_entry(dir, "..", &d), DT_DIR, "and .. : DT_DIR");
        ok_eq(find_entry("/", "proc", &d), DT_DIR, "/ lists proc");
        ok_eq(find_entry("/proc", "self", &d), DT_LNK, "/proc lists self: DT_LNK");
        snprintf(pid, sizeof(pid), "%d", getpid());
        ok_eq(find_entry("/proc", pid, &d), DT_DIR, "/proc lists the caller's pid");
        ok_eq(find_entry("/dev", "null", &d), DT_CHR, "/dev lists null: DT_CHR");
        ok(!stat("/dev/null", &st) && d.d_ino == st.st_ino, "with the inode number stat gives");
        int fd = open(self, O_RDONLY);
        ok_errno(syscall(SYS_getdents64, fd, buf, sizeof(buf)), ENOTDIR, "getdents64 of a file");
        close(fd);
        fd = open(dir, O_RDONLY | O_DIRECTORY);
        ok_errno(syscall(SYS_getdents64, fd, buf, 8), EINVAL, "a buffer too small for one entry");
        ok_errno(read(fd, buf, sizeof(buf)), EISDIR, "read of a directory: EISDIR");
        ok_errno(syscall(SYS_getdents64, fd, (void *)8, 1024), EFAULT, "getdents64 to a bad address");
        close(fd);
        DIR *dp = opendir("/proc/self");
        int n = 0;
        for (struct dirent *e; dp && (e = readdir(dp)); )
                n += !strcmp(e->d_name, "status") + !strcmp(e->d_name, "maps") +
                     !strcmp(e->d_name, "exe");
        closedir(dp);
        ok_eq(n, 3, "readdir of /proc/self finds exe, maps and status");
}
static void check_cwd(void)
{
        char buf[PATH_MAX];
        struct stat st, want;

        stat(self, &want);
        ok_eq(chdir(dir), 0, "chdir to the program's directory");
        ok(getcwd(buf, sizeof(buf)) && !strcmp(buf, dir), "getcwd says where");
        ok(!stat(base, &st) && st.st_ino == want.st_ino, "a relative path starts there");
        int dfd = open(".", O_RDONLY | O_DIRECTORY);
        ok_eq(chdir(".."), 0, "chdir ..");
        ok(!fstatat(dfd, base, &st, 0) && st.st_ino == want.st_ino, "fstatat from a directory fd");
        int fd = openat(dfd, base, O_RDONLY);
        ok(fd >= 0, "openat from a directory fd");
        close(fd);
        ok(!fstatat(dfd, "", &st, AT_EMPTY_PATH) && S_ISDIR(st.st_mode),
           "fstatat AT_EMPTY_PATH: the directory itself");
        ok_eq(fchdir(dfd), 0, "fchdir back");
        ok(getcwd(buf, sizeof(buf)) && !strcmp(buf, dir), "getcwd agrees");
        close(dfd);
        ok_errno(chdir(self), ENOTDIR, "chdir to a file: ENOTDIR");
        fd = open(self, O_RDONLY);
        ok_errno(fchdir(fd), ENOTDIR, "fchdir to a file: ENOTDIR");
        close(fd);
        ok_errno(syscall(SYS_getcwd, buf, 1), ERANGE, "getcwd into 1 byte: ERANGE");
        chdir("/");
        ok(getcwd(buf, sizeof(buf)) && !strcmp(buf, "/"), "chdir / and getcwd: /");
}
static int exec_status(const char *path)
{
        pid_t pid = fork();

        if (pid == 0) {
                char *argv[] = { "t_files", "reexec", NULL };
                execve(path, argv, NULL);
                _exit(errno);
        }
        int status = wait_child(pid);
        return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

static void check_links_exec(void)
{
        char buf[PATH_MAX], rel[2 * PATH_MAX];

        ok_eq(readlink("/proc/self/exe", buf, 3), 3, "readlink into 3 bytes: 3, no NUL");
        ok(!memcmp(buf, self, 3), "the first 3 bytes of the path");
        ok_errno(readlink(self, buf, sizeof(buf)), EINVAL, "readlink of a file: EINVAL");
        ok_errno(syscall(SYS_readlink, "/proc/self/exe", buf, 0), EINVAL,
                 "readlink into 0 bytes: EINVAL");
        snprintf(buf, sizeof(buf), "%d", getpid());
        char self_link[32];
        ssize_t n = readlinkat(AT_FDCWD, "/proc/self", self_link, sizeof(self_link));
        ok(n == (ssize_t)strlen(buf) && !memcmp(self_link, buf, n), "/proc/self reads as the pid");
        ok_eq(exec_status("/proc/self/exe"), 42, "execve through /proc/self/exe");
        chdir(dir);
        snprintf(rel, sizeof(rel), "./%s", base);
        ok_eq(exec_status(rel), 42, "execve of a relative path");
        chdir("/");
        ok_eq(exec_status("/proc"), EACCES, "execve of a directory: EACCES");
        ok_eq(exec_status("/dev/null"), EACCES, "execve of a device: EACCES");
        ok_eq(exec_status("/no-such-file"), ENOENT, "execve of a missing file: ENOENT");
}
static void check_dev(void)
{
        char buf[64];
        struct stat st;
        int fd = open("/dev/null", O_RDWR);

        ok(fd >= 0, "open /dev/null");
        ok_eq(write(fd, "discarded", 9), 9, "a write to /dev/null takes everything");
        ok_eq(read(fd, buf, sizeof(buf)), 0, "a read is end of file");
        ok_eq(lseek(fd, 100, SEEK_SET), 0, "lseek stays at 0");
        ok(!fstat(fd, &st) && S_ISCHR(st.st_mode) && major(st.st_rdev) == 1 &&
           minor(st.st_rdev) == 3, "fstat: character device 1:3");
        close(fd);
        fd = open("/dev/zero", O_RDONLY);
        memset(buf, 'x', sizeof(buf));
        ok_eq(read(fd, buf, sizeof(buf)), (long)sizeof(buf), "read 64 bytes of /dev/zero");
        int zeros = 0;
        for (unsigned i = 0; i < sizeof(buf); i++)
                zeros += !buf[i];
        ok_eq(zeros, 64, "all zero");
        ok(!fstat(fd, &st) && major(st.st_rdev) == 1 && minor(st.st_rdev) == 5, "/dev/zero is 1:5");
        close(fd);
        ok(!stat("/dev/console", &st) && S_ISCHR(st.st_mode) && major(st.st_rdev) == 5 &&
           minor(st.st_rdev) == 1, "/dev/console is character device 5:1");
        fd = open("/dev/console", O_WRONLY | O_NOCTTY);
        ok(fd >= 0, "open /dev/console for writing");
        close(fd);
}
static void check_readonly(void)
{
        static char path[2 * PATH_MAX];

        if (!on_book_kernel()) {
                ok(1, "the read-only tree: the book's kernel only");
                return;
        }
        ok_errno(open(self, O_WRONLY), EROFS, "a file of the tree for writing: EROFS");
        ok_errno(open(self, O_RDONLY | O_TRUNC), EROFS, "O_TRUNC: EROFS");
        snprintf(path, sizeof(path), "%s/new-file", dir);
        ok_errno(open(path, O_WRONLY | O_CREAT, 0644), EROFS, "creating a file: EROFS");
        snprintf(path, sizeof(path), "%s/new-dir", dir);
        ok_errno(mkdir(path, 0755), EROFS, "mkdir of a new name: EROFS");
        ok_errno(access(self, W_OK), EROFS, "access W_OK: EROFS");
}

int main(int argc, char **argv)
{
        if (argc > 1 && !strcmp(argv[1], "reexec"))
                return 42;
        find_self();
        check_read();
        check_lookup();
        check_open();
        check_dirs();
        check_cwd();
        check_links_exec();
        check_dev();
        check_readonly();
        return done();
}
