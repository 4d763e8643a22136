/* Tangled from book/boot.nw (chapter "Booting"). Do not edit: edit the book and run make tangle. */
#ifndef _LINUX_ERRNO_H
#define _LINUX_ERRNO_H
#define EPERM    1
#define ENOENT   2
#define EIO      5
#define ENXIO    6
#define E2BIG    7
#define EBADF    9
#define ENOMEM   12
#define EACCES   13
#define EFAULT   14
#define EBUSY    16
#define EEXIST   17
#define EINVAL   22
#define ENOTTY   25
#define ERANGE   34
#define ENOSYS   38
#define EOVERFLOW 75
#define EOPNOTSUPP 95
#define ENODEV       19
#define EMFILE       24
#define EFBIG        27
#define ESPIPE       29
#define EPIPE        32
#define ENOTDIR      20
#define EISDIR       21
#define EROFS        30
#define ELOOP        40
#define ESRCH        3
#define EINTR        4
#define ENOEXEC      8
#define ECHILD       10
#define EAGAIN       11
#define ENAMETOOLONG 36
#define ETIMEDOUT             110
#define ERESTARTSYS           512
#define ERESTARTNOINTR        513
#define ERESTARTNOHAND        514
#define ERESTART_RESTARTBLOCK 516
#endif
