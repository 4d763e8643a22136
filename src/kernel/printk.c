/* Tangled from book/boot.nw (chapter "Booting"). Do not edit: edit the book and run make tangle. */
#include <asm/processor.h>
#include <linux/percpu.h>
#include <linux/printk.h>
#include <asm/spinlock.h>
#include <linux/sprintf.h>
#include <linux/string.h>

int console_loglevel = CONSOLE_LOGLEVEL_DEFAULT;

static int printk_get_level(const char **text)
{
        const char *t = *text;
        if (t[0] == KERN_SOH[0] && t[1] >= '0' && t[1] <= '7') {
                *text = t + 2;
                return t[1] - '0';
        }
        return MESSAGE_LOGLEVEL_DEFAULT;
}
static arch_spinlock_t console_lock = __ARCH_SPIN_LOCK_UNLOCKED;
static int console_owner = -1;

static void console_write_locked(const char *text, size_t n)
{
        unsigned long flags = native_save_fl();
        int cpu = (int)raw_smp_processor_id();

        local_irq_disable();
        if (READ_ONCE(console_owner) == cpu) {          /* nested: fault in printk */
                serial_write(text, n);
        } else {
                arch_spin_lock(&console_lock);
                WRITE_ONCE(console_owner, cpu);
                serial_write(text, n);
                WRITE_ONCE(console_owner, -1);
                arch_spin_unlock(&console_lock);
        }
        if (flags & X86_EFLAGS_IF)
                local_irq_enable();
}
static char held[4096];                 /* records: level, length (2 bytes), text */
static size_t held_len;
static bool console_holding = true;

void console_release(void)
{
        if (!console_holding)
                return;
        console_holding = false;
        for (size_t i = 0; i < held_len;) {
                int level = held[i];
                size_t n = (unsigned char)held[i + 1] | (size_t)(unsigned char)held[i + 2] << 8;
                if (level < console_loglevel)
                        console_write_locked(held + i + 3, n);
                i += 3 + n;
        }
        held_len = 0;
}

static bool console_hold(int level, const char *text, size_t n)
{
        if (!READ_ONCE(console_holding))
                return false;
        if (held_len + 3 + n > sizeof(held)) {
                console_release();
                return false;
        }
        held[held_len] = (char)level;
        held[held_len + 1] = (char)(n & 0xff);
        held[held_len + 2] = (char)(n >> 8);
        memcpy(held + held_len + 3, text, n);
        held_len += 3 + n;
        return true;
}

int vprintk(const char *fmt, va_list args)
{
        static const char trunc[] = "[...truncated]\n";
        char buf[1024];
        int n = vsnprintf(buf, sizeof(buf), fmt, args);
        const char *text = buf;
        int level = printk_get_level(&text);

        if (n >= (int)sizeof(buf)) {
                n = sizeof(buf) - sizeof(trunc);
                memcpy(buf + n, trunc, sizeof(trunc));
                n += sizeof(trunc) - 1;
        }
        n -= text - buf;
        log_store(level, text, (size_t)n);
        if (console_hold(level, text, (size_t)n))
                return n;
        if (level >= console_loglevel)
                return 0;
        console_write_locked(text, (size_t)n);
        return n;
}

int printk(const char *fmt, ...)
{
        va_list args;
        va_start(args, fmt);
        int n = vprintk(fmt, args);
        va_end(args);
        return n;
}

/* The tty's output (Chapter "The console as a terminal"): same lock, no level. */
void console_write(const char *s, size_t n)
{
        console_write_locked(s, n);
}
