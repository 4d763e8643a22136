/* Tangled from book/listings-tty.nw (chapter "Listings of ``The console as a terminal''"). Do not edit: edit the book and run make tangle. */
#include <asm/desc.h>
#include <asm/io_apic.h>
#include <linux/errno.h>
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/mutex.h>
#include <linux/sched.h>
#include <linux/signal.h>
#include <linux/spinlock.h>
#include <linux/string.h>
#include <linux/tty.h>

static struct n_tty {
        spinlock_t lock;                /* taken with interrupts off: TTY-1 */
        /* Protected by lock.  Invariant: read_tail <= canon_head <= read_head
         * and read_head - read_tail <= N_TTY_BUF_SIZE (as counters; the
         * buffer index is the counter modulo N_TTY_BUF_SIZE). */
        unsigned int read_tail;         /* next byte a reader takes */
        unsigned int canon_head;        /* end of the completed lines */
        unsigned int read_head;         /* end of the line being edited */
        unsigned long dropped;          /* bytes dropped: the buffer was full */
        bool opened;                    /* the receive interrupt is enabled */
        bool throttled;                 /* ... but turned off until a read */
        char buf[N_TTY_BUF_SIZE];
        struct wait_queue_head read_wait;       /* readers: canon_head moved */
} tty = {
        .lock = __SPIN_LOCK_UNLOCKED(tty.lock),
        .read_wait = { __SPIN_LOCK_UNLOCKED(tty.read_wait.lock),
                       LIST_HEAD_INIT(tty.read_wait.head) },
};

static char *tty_slot(unsigned int i) { return &tty.buf[i % N_TTY_BUF_SIZE]; }
static unsigned int tty_room(void) { return N_TTY_BUF_SIZE - (tty.read_head - tty.read_tail); }

unsigned long tty_dropped(void) { return READ_ONCE(tty.dropped); }
static bool tty_irq_lock_mutex;
static struct mutex tty_irq_mutex;

static int set_tty_irq_lock(char *val)
{
        if (val && !strcmp(val, "spinlock"))
                tty_irq_lock_mutex = false;
        else if (val && !strcmp(val, "mutex"))
                tty_irq_lock_mutex = true;
        else
                return -EINVAL;
        return 0;
}
early_param("tty_irq_lock", set_tty_irq_lock);
static void echo(const char *s, size_t n)
{
        console_write(s, n);
}

static bool echoed_as_caret(u8 c)
{
        return (c < 0x20 && c != '\t' && c != '\n') || c == 0x7f;
}

static void echo_char(u8 c)
{
        char caret[2] = { '^', (char)(c ^ 0x40) };

        if (echoed_as_caret(c))
                echo(caret, 2);
        else
                echo((const char *)&c, 1);
}
static void erase_one(void)
{
        u8 c;

        if (tty.read_head == tty.canon_head)
                return;
        do
                c = (u8)*tty_slot(--tty.read_head);
        while ((c & 0xc0) == 0x80 && tty.read_head != tty.canon_head);
        echo("\b \b", 3);
        if (echoed_as_caret(c))
                echo("\b \b", 3);
}

static void kill_line(void)
{
        while (tty.read_head != tty.canon_head)
                erase_one();
}
/* Context: tty.lock held, interrupts off. */
static bool n_tty_receive_char(u8 c)
{
        if (c == '\r')
                c = '\n';
        if (c == TTY_ERASE || c == '\b') {
                erase_one();
                return false;
        }
        if (c == TTY_KILL) {
                kill_line();
                return false;
        }
        if (c == '\n' || c == TTY_EOF) {
                if (tty_room() < 1) {
                        tty.dropped++;
                        echo("\a", 1);
                        return false;
                }
                *tty_slot(tty.read_head++) = (char)c;
                if (c == '\n')
                        echo("\n", 1);
                tty.canon_head = tty.read_head;
                return true;
        }
        if (tty_room() < 2) {
                tty.dropped++;
                echo("\a", 1);
                return false;
        }
        *tty_slot(tty.read_head++) = (char)c;
        echo_char(c);
        return false;
}
/* Context: hard interrupt, interrupts off.  Never sleeps. */
void tty_receive(const u8 *cp, size_t n)
{
        unsigned long flags;
        bool completed = false;

        if (unlikely(tty_irq_lock_mutex))
                mutex_lock(&tty_irq_mutex);             /* broken on purpose */
        spin_lock_irqsave(&tty.lock, flags);
        for (size_t i = 0; i < n; i++)
                completed |= n_tty_receive_char(cp[i]);
        spin_unlock_irqrestore(&tty.lock, flags);
        if (unlikely(tty_irq_lock_mutex))
                mutex_unlock(&tty_irq_mutex);
        if (completed)
                wake_up(&tty.read_wait);
}
static size_t receive_room_locked(void)
{
        if (tty.canon_head == tty.read_tail)
                return SIZE_MAX;                /* only the line being typed: it drops */
        return tty_room() > 1 ? tty_room() - 1 : 0;
}

size_t tty_receive_room(void)
{
        unsigned long flags;
        size_t room;

        spin_lock_irqsave(&tty.lock, flags);
        room = receive_room_locked();
        spin_unlock_irqrestore(&tty.lock, flags);
        return room;
}

/* Context: the interrupt handler.  Returns whether input is now throttled. */
bool tty_throttle(void)
{
        unsigned long flags;
        bool throttle;

        spin_lock_irqsave(&tty.lock, flags);
        throttle = receive_room_locked() == 0;
        if (throttle) {
                tty.throttled = true;
                serial_rx_disable();
        }
        spin_unlock_irqrestore(&tty.lock, flags);
        return throttle;
}
/* Context: task, may sleep; no locks held.  Returns bytes read, 0 at end of file. */
ssize_t tty_read(char *kbuf, size_t n)
{
        unsigned long flags;
        size_t copied = 0;

        might_sleep();
        if (!n)
                return 0;
        tty_open();
        for (;;) {
                if (wait_event_interruptible(tty.read_wait,
                                             READ_ONCE(tty.canon_head) !=
                                             READ_ONCE(tty.read_tail)))
                        return -ERESTARTSYS;
                spin_lock_irqsave(&tty.lock, flags);
                if (tty.canon_head != tty.read_tail)
                        break;
                spin_unlock_irqrestore(&tty.lock, flags);
        }
        while (copied < n && tty.read_tail != tty.canon_head) {
                char c = *tty_slot(tty.read_tail++);
                if (c == TTY_EOF)
                        break;
                kbuf[copied++] = c;
                if (c == '\n')
                        break;
        }
        if (copied == n && kbuf[n - 1] != '\n' && tty.read_tail != tty.canon_head &&
            *tty_slot(tty.read_tail) == TTY_EOF)
                tty.read_tail++;
        if (tty.throttled) {
                tty.throttled = false;
                serial_rx_enable();
        }
        spin_unlock_irqrestore(&tty.lock, flags);
        return (ssize_t)copied;
}
/* Context: any; takes the console lock, so never with it held. */
ssize_t tty_write(const char *kbuf, size_t n)
{
        size_t done = 0;

        while (done < n) {
                size_t piece = 0;
                while (done + piece < n && kbuf[done + piece++] != '\n')
                        ;
                console_write(kbuf + done, piece);
                done += piece;
        }
        return (ssize_t)n;
}
void tty_init(void)
{
        set_intr_gate(COM1_VECTOR, (unsigned long)asm_irq_0x34, 0);
        io_apic_init();
        io_apic_route_isa_irq(COM1_IRQ, COM1_VECTOR, 0);
        mutex_init(&tty_irq_mutex);
        if (tty_irq_lock_mutex)
                pr_warn("tty_irq_lock=mutex: BROKEN ON PURPOSE: the console's interrupt "
                        "handler takes a mutex\n");
}

/* Context: task or boot; idempotent. */
void tty_open(void)
{
        unsigned long flags;

        spin_lock_irqsave(&tty.lock, flags);
        if (!tty.opened) {
                tty.opened = true;
                serial_rx_enable();
        }
        spin_unlock_irqrestore(&tty.lock, flags);
}
/* Context: any.  For poll: can a read return without waiting; where readers wait. */
bool tty_poll_ready(struct wait_queue_head **wq)
{
        *wq = &tty.read_wait;
        return READ_ONCE(tty.canon_head) != READ_ONCE(tty.read_tail);
}
