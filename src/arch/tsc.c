/* Tangled from book/mm.nw (chapter "Memory"). Do not edit: edit the book and run make tangle. */
#include <asm/io.h>
#include <asm/tsc.h>
#include <linux/kernel.h>

#define PIT_HZ     1193182UL
#define CAL_MS     10
#define PIT_CH2_OUT 0x20                        /* port 0x61: channel 2 output */

unsigned long tsc_khz;
static u64 cal_tsc0, cal_err0;                  /* the start, and how uncertain */

static void pit_ch2_start(unsigned int count, u64 *tsc, u64 *err)
{
        outb((inb(0x61) & ~0x02) | 0x01, 0x61); /* gate on, speaker off */
        outb(0xb0, 0x43);                       /* channel 2, lo/hi, mode 0 */
        outb(count & 0xff, 0x42);
        u64 a = rdtsc();
        outb(count >> 8, 0x42);                 /* the count starts here */
        u64 b = rdtsc();
        *tsc = a + (b - a) / 2;
        *err = b - a;
}
static unsigned int pit_ch2_read(u64 *tsc, u64 *err)
{
        u64 a = rdtsc();
        outb(0x80, 0x43);                       /* latch channel 2's count */
        u64 b = rdtsc();
        unsigned int lo = inb(0x42);
        unsigned int hi = inb(0x42);
        *tsc = a + (b - a) / 2;
        *err = b - a;
        return hi << 8 | lo;
}
unsigned long tsc_measure_oneshot(void)
{
        u64 t0, err;

        pit_ch2_start(PIT_HZ * CAL_MS / 1000, &t0, &err);
        while (!(inb(0x61) & PIT_CH2_OUT))      /* the output goes high at zero */
                ;
        return (rdtsc() - t0) / CAL_MS;
}
void tsc_calibrate_begin(void)
{
        pit_ch2_start(0xffff, &cal_tsc0, &cal_err0);
}
void tsc_calibrate(void)
{
        unsigned int ticks;
        u64 t1, err;

        do
                ticks = 0xffff - pit_ch2_read(&t1, &err);
        while ((ticks < PIT_HZ * CAL_MS / 1000 || (cal_err0 + err) * 2048 > t1 - cal_tsc0) &&
               !(inb(0x61) & PIT_CH2_OUT));
        if (inb(0x61) & PIT_CH2_OUT) {
                tsc_khz = tsc_measure_oneshot();
                pr_info("tsc: %lu.%03lu MHz (measured against the PIT, waiting)\n",
                        tsc_khz / 1000, tsc_khz % 1000);
                return;
        }
        tsc_khz = (t1 - cal_tsc0) * PIT_HZ / ticks / 1000;
        pr_info("tsc: %lu.%03lu MHz (measured against the PIT over %lu ms of the boot)\n",
                tsc_khz / 1000, tsc_khz % 1000, ticks / (PIT_HZ / 1000));
}
