/* Tangled from book/tty.nw (chapter "The console as a terminal"). Do not edit: edit the book and run make tangle. */
#ifndef _LINUX_TTY_H
#define _LINUX_TTY_H
#include <linux/types.h>
#include <linux/uaccess.h>

typedef long ssize_t;
#ifndef SSIZE_MAX
#define SSIZE_MAX       0x7fffffffffffffffL
#endif

#define N_TTY_BUF_SIZE  4096    /* typed but unread bytes, at most */
#define TTY_ERASE       0x7f    /* DEL; BS (0x08) erases too */
#define TTY_KILL        0x15    /* ^U */
#define TTY_EOF         0x04    /* ^D */

void tty_init(void);
void tty_open(void);
void tty_receive(const u8 *cp, size_t n);
size_t tty_receive_room(void);
bool tty_throttle(void);
ssize_t tty_read(char *kbuf, size_t n);
ssize_t tty_write(const char *kbuf, size_t n);
unsigned long tty_dropped(void);
void serial_rx_enable(void);
void serial_rx_disable(void);
void serial_interrupt(void);
void console_write(const char *s, size_t n);

struct iovec;
struct tty_uaccess {
        bool (*ok)(const void __user *p, unsigned long n);      /* access_ok */
        unsigned long (*from)(void *to, const void __user *from, unsigned long n);
        unsigned long (*to)(void __user *to, const void *from, unsigned long n);
};
extern const struct tty_uaccess tty_user_access;
long tty_sys_read(unsigned int fd, char __user *buf, size_t count,
                  const struct tty_uaccess *ua);
long tty_sys_write(unsigned int fd, const char __user *buf, size_t count,
                   const struct tty_uaccess *ua);
long tty_sys_writev(unsigned long fd, const struct iovec __user *vec, unsigned long vlen,
                    const struct tty_uaccess *ua);
long tty_sys_ioctl(unsigned int fd, unsigned int cmd, unsigned long arg,
                   const struct tty_uaccess *ua);
#endif
