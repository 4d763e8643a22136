/* Tangled from book/tty.nw (chapter "The console as a terminal"). Do not edit: edit the book and run make tangle. */
#ifndef _LINUX_UIO_H
#define _LINUX_UIO_H
#include <linux/types.h>
#include <linux/uaccess.h>

struct iovec {
        void __user *iov_base;
        size_t iov_len;
};
#define UIO_FASTIOV 8
#define UIO_MAXIOV  1024
#endif
