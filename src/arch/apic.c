/* Tangled from book/smp.nw (chapter "CPUs"). Do not edit: edit the book and run make tangle. */
#include <asm/acpi.h>
#include <asm/apic.h>
#include <asm/desc.h>
#include <asm/io.h>
#include <asm/io_apic.h>
#include <asm/ptrace.h>
#include <asm/tsc.h>
#include <linux/context_tracking.h>
#include <linux/kernel.h>
#include <linux/preempt.h>
#include <linux/rcupdate.h>
#include <linux/sched.h>
#include <linux/tty.h>

#define APIC_ID        0x020
#define APIC_TPR       0x080
#define APIC_EOI       0x0b0
#define APIC_SVR       0x0f0
#define APIC_ICR_LOW   0x300
#define APIC_ICR_HIGH  0x310
#define APIC_LVTT      0x320
#define APIC_LVT_LINT0 0x350
#define APIC_LVT_LINT1 0x360
#define APIC_TMICT     0x380
#define APIC_TMCCT     0x390
#define APIC_TDCR      0x3e0
#define APIC_ICR_BUSY  (1 << 12)
#define APIC_LVT_MASKED   (1 << 16)
#define APIC_LVT_PERIODIC (1 << 17)

static volatile u32 *lapic;

static u32 apic_read(unsigned int reg) { return lapic[reg / 4]; }
static void apic_write(unsigned int reg, u32 v) { lapic[reg / 4] = v; }
u32 apic_read_id(void) { return apic_read(APIC_ID) >> 24; }
void apic_eoi(void) { apic_write(APIC_EOI, 0); }
static void legacy_pic_init_masked(void)
{
        outb(0x11, 0x20); outb(0x11, 0xa0);     /* ICW1: init, ICW4 follows */
        outb(0x20, 0x21); outb(0x28, 0xa1);     /* ICW2: vector bases */
        outb(0x04, 0x21); outb(0x02, 0xa1);     /* ICW3: cascade on IRQ2 */
        outb(0x01, 0x21); outb(0x01, 0xa1);     /* ICW4: 8086 mode */
        outb(0xff, 0x21); outb(0xff, 0xa1);     /* mask every line */
}
static void apic_enable(void)
{
        apic_write(APIC_TPR, 0);
        apic_write(APIC_LVT_LINT0, APIC_LVT_MASKED);
        apic_write(APIC_LVT_LINT1, APIC_LVT_MASKED);
        apic_write(APIC_SVR, 0x100 | SPURIOUS_APIC_VECTOR);
}

void udelay(unsigned long us)
{
        u64 end = rdtsc() + (u64)us * tsc_khz / 1000;
        while (rdtsc() < end)
                asm volatile("pause");
}
#define APIC_CAL_US 1000
static u32 apic_timer_per_tick;

/* The timer's current count, the TSC at that moment, and how uncertain that is. */
static u32 apic_read_count(u64 *tsc, u64 *err)
{
        u64 a = rdtsc();
        u32 count = apic_read(APIC_TMCCT);
        u64 b = rdtsc();

        *tsc = a + (b - a) / 2;
        *err = b - a;
        return count;
}

static void apic_timer_calibrate(void)
{
        u64 t0, t1, e0, e1, least = (u64)APIC_CAL_US * tsc_khz / 1000;

        apic_write(APIC_TDCR, 0x3);                     /* divide by 16 */
        apic_write(APIC_LVTT, APIC_LVT_MASKED | LOCAL_TIMER_VECTOR);
        apic_write(APIC_TMICT, 0xffffffff);
        u32 c0 = apic_read_count(&t0, &e0), c1;
        do
                c1 = apic_read_count(&t1, &e1);
        while (t1 - t0 < least || (e0 + e1) * 1024 > t1 - t0);
        apic_write(APIC_TMICT, 0);
        unsigned long per_ms = (u64)(c0 - c1) * tsc_khz / (t1 - t0);   /* counts a ms */
        apic_timer_per_tick = per_ms * (1000 / HZ);
        pr_info("apic: timer %lu.%03lu MHz (divided by 16), %u counts per tick at HZ=%d\n",
                per_ms / 1000, per_ms % 1000, apic_timer_per_tick, HZ);
}

static void apic_timer_start(void)
{
        apic_write(APIC_TDCR, 0x3);
        apic_write(APIC_LVTT, APIC_LVT_PERIODIC | LOCAL_TIMER_VECTOR);
        apic_write(APIC_TMICT, apic_timer_per_tick);
}
void apic_init_bsp(void)
{
        legacy_pic_init_masked();
        lapic = ioremap(lapic_phys, 4096);
        set_intr_gate(LOCAL_TIMER_VECTOR, (unsigned long)asm_irq_0xec, 0);
        set_intr_gate(CALL_FUNCTION_VECTOR, (unsigned long)asm_irq_0xfb, 0);
        set_intr_gate(RESCHEDULE_VECTOR, (unsigned long)asm_irq_0xfd, 0);
        set_intr_gate(SPURIOUS_APIC_VECTOR, (unsigned long)asm_irq_0xff, 0);
        apic_enable();
        apic_timer_calibrate();
        apic_timer_start();
}

void apic_init_ap(void)
{
        apic_enable();
        apic_timer_start();
}
static void apic_icr_write(u32 apic_id, u32 low)
{
        while (apic_read(APIC_ICR_LOW) & APIC_ICR_BUSY)
                asm volatile("pause");
        apic_write(APIC_ICR_HIGH, apic_id << 24);
        apic_write(APIC_ICR_LOW, low);
}

void apic_send_ipi(unsigned int cpu, unsigned int vector)
{
        apic_icr_write(cpu_apic_id[cpu], 0x4000 | vector);     /* fixed, assert */
}

void apic_send_init_sipi(u32 apic_id, unsigned long start_phys)
{
        apic_icr_write(apic_id, 0x4500);                        /* INIT, assert */
        for (int i = 0; i < 2; i++) {
                apic_icr_write(apic_id, 0x4600 | (start_phys >> 12)); /* STARTUP */
                udelay(10);
                while (apic_read(APIC_ICR_LOW) & APIC_ICR_BUSY)
                        asm volatile("pause");
                udelay(10);
        }
}

void apic_send_nmi(unsigned int cpu)
{
        apic_icr_write(cpu_apic_id[cpu], 0x4400);               /* NMI, assert */
}
volatile unsigned long jiffies;
bool sched_ready;

/* The tick: time on the boot CPU, time slices and CPU time everywhere. */
static void timer_interrupt(const struct pt_regs *regs)
{
        if (raw_smp_processor_id() == 0) {
                jiffies++;
                if (sched_ready)
                        wake_up(&jiffies_wq);
        }
        if (sched_ready) {
                account_process_tick(current, user_mode(regs));
                scheduler_tick();
        }
}

DEFINE_PER_CPU(unsigned long, irq_count);
unsigned long spurious_interrupts;

void do_IRQ(struct pt_regs *regs, unsigned long vector)
{
        unsigned int cpu = raw_smp_processor_id();
        bool rcu_ready = false;

        if (vector == SPURIOUS_APIC_VECTOR) {
                spurious_interrupts++;
                return;
        }
        rcu_irq_enter(cpu);
        raw_cpu_add(__preempt_count, HARDIRQ_OFFSET);
        raw_cpu_add(irq_count, 1);
        if (vector == LOCAL_TIMER_VECTOR) {
                timer_interrupt(regs);
                /* tick_user_qs: Chapter~\ref{ch:ctxtrack} */
                rcu_ready = rcu_sched_clock_irq(cpu, user_mode(regs) && tick_user_qs);
        } else if (vector == CALL_FUNCTION_VECTOR) {
                generic_smp_call_function_interrupt();
        } else if (vector == COM1_VECTOR) {
                serial_interrupt();
        }
        apic_eoi();
        raw_cpu_add(__preempt_count, -HARDIRQ_OFFSET);
        if (rcu_ready)
                rcu_do_batch(cpu);
        rcu_irq_exit(cpu);
        if (sched_ready && need_resched() && !preempt_count() && (regs->flags & X86_EFLAGS_IF) &&
            !is_idle_task(current))
                preempt_schedule_irq();
}
