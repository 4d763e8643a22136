/* Tangled from book/boot.nw (chapter "Booting"). Do not edit: edit the book and run make tangle. */
#include <asm/io.h>
#include <asm/power.h>
#include <asm/processor.h>
#include <linux/printk.h>

void __noreturn power_off(int code)
{
        local_irq_disable();
        console_release();              /* an end before the command line was read */
        pr_info("power-off: exit code %d\n", code);
        outl(code, ISA_DEBUG_EXIT_PORT);
        pr_emerg("power-off: no isa-debug-exit device at port 0x%x; halting\n",
                 ISA_DEBUG_EXIT_PORT);
        for (;;)
                native_halt();
}
