/* Tangled from book/files.nw (chapter "Files"). Do not edit: edit the book and run make tangle. */
#include <asm/processor.h>
#include <asm/spinlock.h>
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/percpu.h>
#include <linux/printk.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/syscalls.h>
#include <linux/uaccess.h>

#define LOG_BUF_LEN     (1UL << 17)

static char log_buf[LOG_BUF_LEN];
static unsigned long log_head;          /* bytes ever stored */
static unsigned long log_clear;         /* SYSLOG_ACTION_CLEAR: where reading starts */
static bool log_line_open;              /* the last message did not end its line */
static arch_spinlock_t log_lock = __ARCH_SPIN_LOCK_UNLOCKED;
static int log_owner = -1;

static void log_put(const char *s, size_t n)
{
        for (size_t i = 0; i < n; i++)
                log_buf[log_head++ % LOG_BUF_LEN] = s[i];
}
void log_store(int level, const char *text, size_t n)
{
        unsigned long flags = native_save_fl();
        int cpu = (int)raw_smp_processor_id();
        bool nested;

        local_irq_disable();
        nested = READ_ONCE(log_owner) == cpu;
        if (!nested) {
                arch_spin_lock(&log_lock);
                WRITE_ONCE(log_owner, cpu);
        }
        for (size_t i = 0; i < n; i++) {
                if (!log_line_open) {
                        char prefix[4] = { '<', (char)('0' + level), '>', 0 };
                        log_put(prefix, 3);
                        log_line_open = true;
                }
                log_put(&text[i], 1);
                if (text[i] == '\n')
                        log_line_open = false;
        }
        if (!nested) {
                WRITE_ONCE(log_owner, -1);
                arch_spin_unlock(&log_lock);
        }
        if (flags & X86_EFLAGS_IF)
                local_irq_enable();
}
#define SYSLOG_ACTION_CLOSE             0
#define SYSLOG_ACTION_OPEN              1
#define SYSLOG_ACTION_READ_ALL          3
#define SYSLOG_ACTION_READ_CLEAR        4
#define SYSLOG_ACTION_CLEAR             5
#define SYSLOG_ACTION_SIZE_UNREAD       9
#define SYSLOG_ACTION_SIZE_BUFFER       10

static long syslog_read(char __user *buf, int len, bool clear);

SYSCALL_DEFINE3(syslog, int, type, char __user *, buf, int, len)
{
        switch (type) {
        case SYSLOG_ACTION_CLOSE:
        case SYSLOG_ACTION_OPEN:
                return 0;
        case SYSLOG_ACTION_SIZE_BUFFER:
                return LOG_BUF_LEN;
        case SYSLOG_ACTION_SIZE_UNREAD:
                return syslog_read(NULL, LOG_BUF_LEN, false);
        case SYSLOG_ACTION_CLEAR:
                return syslog_read(NULL, 0, true);
        case SYSLOG_ACTION_READ_ALL:
        case SYSLOG_ACTION_READ_CLEAR:
                if (!buf || len < 0)
                        return -EINVAL;
                if (!len)
                        return 0;
                if (!access_ok(buf, len))
                        return -EFAULT;
                return syslog_read(buf, len, type == SYSLOG_ACTION_READ_CLEAR);
        default:
                return -EINVAL;
        }
}
static long syslog_read(char __user *buf, int len, bool clear)
{
        unsigned long flags, head, start, n;
        char *k = buf ? kmalloc(min((unsigned long)len, LOG_BUF_LEN), GFP_KERNEL) : NULL;

        if (buf && !k)
                return -ENOMEM;
        flags = native_save_fl();
        local_irq_disable();
        arch_spin_lock(&log_lock);
        WRITE_ONCE(log_owner, (int)raw_smp_processor_id());
        head = log_head;
        start = max(log_clear, head > LOG_BUF_LEN ? head - LOG_BUF_LEN : 0UL);
        while (head - start > (unsigned long)len ||
               (start > log_clear && start != head && log_buf[(start - 1) % LOG_BUF_LEN] != '\n'))
                start++;
        n = head - start;
        for (unsigned long i = 0; k && i < n; i++)
                k[i] = log_buf[(start + i) % LOG_BUF_LEN];
        if (clear)
                log_clear = head;
        WRITE_ONCE(log_owner, -1);
        arch_spin_unlock(&log_lock);
        if (flags & X86_EFLAGS_IF)
                local_irq_enable();
        if (k && copy_to_user(buf, k, n))
                n = -EFAULT;
        kfree(k);
        return (long)n;
}
