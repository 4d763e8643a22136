/* Tangled from book/mm.nw (chapter "Memory"). Do not edit: edit the book and run make tangle. */
#include <asm/io.h>
#include <asm/tsc.h>
#include <linux/kernel.h>

#define PIT_HZ     1193182UL
#define CAL_MS     10

unsigned long tsc_khz;

void tsc_calibrate(void)
{
        unsigned int count = PIT_HZ * CAL_MS / 1000;

        outb((inb(0x61) & ~0x02) | 0x01, 0x61); /* gate on, speaker off */
        outb(0xb0, 0x43);                       /* channel 2, lo/hi, mode 0 */
        outb(count & 0xff, 0x42);
        outb(count >> 8, 0x42);
        u64 t0 = rdtsc();
        while (!(inb(0x61) & 0x20))             /* OUT2 goes high at zero */
                ;
        u64 t1 = rdtsc();
        tsc_khz = (t1 - t0) / CAL_MS;
        pr_info("tsc: %lu.%03lu MHz (measured against the PIT)\n",
                tsc_khz / 1000, tsc_khz % 1000);
}
