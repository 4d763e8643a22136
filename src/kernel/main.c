/* Tangled from book/boot.nw (chapter "Booting"). Do not edit: edit the book and run make tangle. */
#include <asm/acpi.h>
#include <asm/apic.h>
#include <asm/desc.h>
#include <asm/espfix.h>
#include <asm/processor.h>
#include <asm/pti.h>
#include <asm/setup.h>
#include <asm/tsc.h>
#include <linux/kernel.h>
#include <linux/smp.h>
#include <linux/ktest.h>
#include <linux/mm.h>
#include <linux/rcupdate.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/tty.h>

static const char linux_banner[] =
        "Book kernel version 0.1 (x86_64, " __VERSION__ ")\n";

void __noreturn kmain(unsigned long magic, unsigned long mbi_pa)
{
        serial_init();
        tsc_calibrate_begin();
        pr_notice("%s", linux_banner);
        cpu_init();
        trap_init();
        setup_multiboot(magic, mbi_pa);
        parse_boot_params();
        rcu_init(1);
        e820_print();
        init_mem_mapping();
        mem_init();
        kmalloc_init();
        tsc_calibrate();
        acpi_boot_init();
        setup_per_cpu_areas();
        pti_init();
        smp_call_init();
        sched_init();
        init_espfix_bsp();
        apic_init_bsp();
        tty_init();
        smp_init();
        sched_ready = true;
        ktest_start();
        cpu_idle();
}
