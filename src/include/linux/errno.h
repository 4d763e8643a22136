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
#define EFAULT   14
#define EBUSY    16
#define EEXIST   17
#define EINVAL   22
#define ENOTTY   25
#define ERANGE   34
#define ENOSYS   38
#endif
