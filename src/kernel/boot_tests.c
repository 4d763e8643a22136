/* Tangled from book/listings-boot.nw (chapter "Listings of ``Booting''"). Do not edit: edit the book and run make tangle. */
#include <asm/page.h>
#include <asm/pgtable.h>
#include <asm/processor.h>
#include <asm/setup.h>
#include <asm/desc.h>
#include <linux/kernel.h>
#include <linux/ktest.h>

DEFINE_KTEST(ud2, "execute an invalid instruction: expect an oops and panic")
{
        pr_info("ud2: executing an invalid instruction\n");
        asm volatile("ud2");
        return -1;      /* not reached */
}

DEFINE_KTEST(pagefault, "read an unmapped address: expect a #PF report and panic")
{
        volatile unsigned long *p = (volatile unsigned long *)0xdead000UL;
        pr_info("reading %p, which nothing maps\n", (void *)p);
        (void)*p;
        return -1;
}

DEFINE_KTEST(panic, "call panic(): expect the panic exit code")
{
        panic("ktest: panic on request (%d)", 42);
}
DEFINE_KTEST(printk, "print one message at each log level 0-7")
{
        static const char *const lv[] = { KERN_EMERG, KERN_ALERT, KERN_CRIT,
                KERN_ERR, KERN_WARNING, KERN_NOTICE, KERN_INFO, KERN_DEBUG };
        for (int i = 0; i < 8; i++)
                printk("%sprintk: message at level %d\n", lv[i], i);
        printk("printk: message without a level\n");
        return 0;
}

DEFINE_KTEST(warn, "WARN_ON(true) reports with a backtrace and continues")
{
        bool hit = WARN_ON(1 + 1 == 2);
        pr_info("warn: WARN_ON returned %d and the kernel went on\n", hit);
        return hit ? 0 : -1;
}
static bool direct_map_ok(u64 pa)
{
        enum pg_level level;
        unsigned long *e = lookup_address(PAGE_OFFSET + pa, &level);
        unsigned long mask = level == PG_LEVEL_2M ? PMD_MASK : PAGE_MASK;

        return e && (*e & _PAGE_RW) && (*e & _PAGE_NX) &&
               (*e & PTE_PFN_MASK & mask) == (pa & mask);
}

static u64 count_mapped(unsigned long start, unsigned long end)
{
        u64 n = 0;
        for (unsigned long va = start; va < end;) {
                enum pg_level level;
                unsigned long *e = lookup_address(va, &level);
                unsigned long step = level == PG_LEVEL_2M ? PMD_SIZE : PAGE_SIZE;
                if (e)
                        n += step / PAGE_SIZE;
                va += step;
        }
        return n;
}

DEFINE_KTEST(directmap, "the direct map covers every RAM page and nothing else")
{
        u64 ram = 0, ok = 0, top = 0;
        u32 regions = 0;

        for (u32 i = 0; i < e820_table.nr_entries; i++) {
                const struct e820_entry *e = &e820_table.entries[i];
                u64 start = PAGE_ALIGN(e->addr), end = (e->addr + e->size) & PAGE_MASK;
                if (e->type != E820_TYPE_RAM || end <= start)
                        continue;
                regions++;
                for (u64 pa = start; pa < end; pa += PAGE_SIZE, ram++)
                        ok += direct_map_ok(pa);
                (void)*(volatile char *)__va(start);
                (void)*(volatile char *)__va(end - 1);
                top = max(top, end);
        }
        u64 mapped = count_mapped(PAGE_OFFSET, PAGE_OFFSET + ALIGN(top, PUD_SIZE));
        pr_info("directmap: %u RAM regions, %llu pages (%llu MiB): %llu mapped, "
                "%llu missing, %llu extra\n", regions, (unsigned long long)ram,
                (unsigned long long)(ram >> 8), (unsigned long long)ok,
                (unsigned long long)(ram - ok), (unsigned long long)(mapped - ok));
        return ok == ram && mapped == ram ? 0 : -1;
}
DEFINE_KTEST(wrtext, "write to kernel text: expect a protection #PF")
{
        volatile unsigned char *code = (volatile unsigned char *)(void *)ktest_wrtext;
        pr_info("writing to %pS\n", (void *)code);
        *code = 0xc3;
        return -1;
}

DEFINE_KTEST(nxdata, "execute from kernel data: expect an instruction-fetch #PF")
{
        static unsigned char ret_insn[] = { 0xc3 };   /* ret */
        void (*fn)(void) = (void (*)(void))(void *)ret_insn;
        pr_info("calling %p in .data\n", (void *)ret_insn);
        fn();
        return -1;
}
static volatile int recurse_limit = 1 << 30;

static noinline int recurse(int depth)
{
        volatile char pad[512];
        pad[0] = (char)depth;
        if (depth > recurse_limit)
                return 0;
        return recurse(depth + 1) + pad[0];
}

DEFINE_KTEST(stackoverflow, "recurse until the boot stack overflows: expect the guard page")
{
        pr_info("stackoverflow: recursing on a %lu KiB stack\n", BOOT_STACK_SIZE / 1024);
        return recurse(0);
}
DEFINE_KTEST(hang, "spin forever: the runner's timeout must end the boot")
{
        local_irq_disable();
        pr_info("hang: spinning with interrupts off\n");
        for (;;)
                asm volatile("pause");
        return -1;      /* not reached */
}

DEFINE_KTEST(triplefault, "fault with an empty IDT: expect a reset")
{
        struct desc_ptr empty = { 0, 0 };
        pr_info("triplefault: loading an empty IDT and executing int3\n");
        asm volatile("lidt %0; int3" : : "m"(empty));
        return -1;
}
