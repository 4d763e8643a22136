/* Tangled from book/files.nw (chapter "Files"). Do not edit: edit the book and run make tangle. */
#ifndef _LINUX_POLL_H
#define _LINUX_POLL_H
#include <linux/fs.h>
#include <linux/sched.h>

#define POLLIN          0x0001
#define POLLPRI         0x0002
#define POLLOUT         0x0004
#define POLLERR         0x0008
#define POLLHUP         0x0010
#define POLLNVAL        0x0020
#define POLLRDNORM      0x0040
#define POLLRDBAND      0x0080
#define POLLWRNORM      0x0100
#define POLLWRBAND      0x0200
#define DEFAULT_POLLMASK (POLLIN | POLLOUT | POLLRDNORM | POLLWRNORM)

struct poll_entry {
        struct wait_queue_entry wait;
        struct wait_queue_head *wq;
};
struct poll_table_struct {
        struct poll_entry *entries;
        unsigned int n, max;
};
void poll_wait(struct file *f, struct wait_queue_head *wq, struct poll_table_struct *pt);
bool tty_poll_ready(struct wait_queue_head **wq);
#endif
