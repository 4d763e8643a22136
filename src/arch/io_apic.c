/* Tangled from book/tty.nw (chapter "The console as a terminal"). Do not edit: edit the book and run make tangle. */
#include <asm/acpi.h>
#include <asm/io.h>
#include <asm/io_apic.h>
#include <linux/kernel.h>
#include <linux/spinlock.h>

_Static_assert(COM1_VECTOR == 0x34, "entry.S's stub asm_irq_0x34 is COM1's");

struct ioapic {
        u8 id;
        u32 phys, gsi_base;
        unsigned int nr_pins;           /* redirection entries */
        volatile u32 *regs;             /* [0]: IOREGSEL, [4]: IOWIN */
};
static struct ioapic ioapics[MAX_IO_APICS];
static unsigned int nr_ioapics;
static struct { bool set; u32 gsi; u16 flags; } isa_override[NR_IRQS_LEGACY];
static DEFINE_SPINLOCK(ioapic_lock);    /* orders IOREGSEL/IOWIN pairs */

void mp_register_ioapic(u8 id, u32 address, u32 gsi_base)
{
        if (nr_ioapics == MAX_IO_APICS) {
                pr_warn("IOAPIC: id %u ignored: MAX_IO_APICS is %d\n", id, MAX_IO_APICS);
                return;
        }
        ioapics[nr_ioapics++] = (struct ioapic){ .id = id, .phys = address,
                                                 .gsi_base = gsi_base };
}

void mp_override_legacy_irq(u8 bus_irq, u32 gsi, u16 flags)
{
        if (bus_irq >= NR_IRQS_LEGACY)
                return;
        isa_override[bus_irq].set = true;
        isa_override[bus_irq].gsi = gsi;
        isa_override[bus_irq].flags = flags;
}
#define IO_APIC_VERSION     0x01
#define IO_APIC_REDTBL(pin) (0x10 + 2 * (pin))
#define IO_APIC_ACTIVE_LOW  (1u << 13)
#define IO_APIC_LEVEL       (1u << 15)
#define IO_APIC_MASKED      (1u << 16)

/* Context: ioapic_lock held. */
static u32 io_apic_read(struct ioapic *a, unsigned int reg)
{
        a->regs[0] = reg;
        return a->regs[4];
}

static void io_apic_write(struct ioapic *a, unsigned int reg, u32 val)
{
        a->regs[0] = reg;
        a->regs[4] = val;
}
void io_apic_init(void)
{
        unsigned long flags;

        if (!nr_ioapics)
                pr_warn("IOAPIC: none in the MADT: no device interrupts\n");
        for (unsigned int i = 0; i < nr_ioapics; i++) {
                struct ioapic *a = &ioapics[i];
                a->regs = ioremap(a->phys, 4096);
                spin_lock_irqsave(&ioapic_lock, flags);
                u32 version = io_apic_read(a, IO_APIC_VERSION);
                a->nr_pins = ((version >> 16) & 0xff) + 1;
                for (unsigned int pin = 0; pin < a->nr_pins; pin++) {
                        io_apic_write(a, IO_APIC_REDTBL(pin), IO_APIC_MASKED);
                        io_apic_write(a, IO_APIC_REDTBL(pin) + 1, 0);
                }
                spin_unlock_irqrestore(&ioapic_lock, flags);
                pr_info("IOAPIC[%u]: apic_id %u, version %#x, address %#x, "
                        "GSI %u-%u, all masked\n",
                        i, a->id, version & 0xff, a->phys, a->gsi_base,
                        a->gsi_base + a->nr_pins - 1);
        }
}
void io_apic_route_isa_irq(unsigned int irq, unsigned int vector, unsigned int cpu)
{
        u32 gsi = isa_override[irq].set ? isa_override[irq].gsi : irq;
        u16 mps = isa_override[irq].set ? isa_override[irq].flags : 0;
        bool low = (mps & ACPI_MADT_POLARITY_MASK) == ACPI_MADT_POLARITY_ACTIVE_LOW;
        bool level = (mps & ACPI_MADT_TRIGGER_MASK) == ACPI_MADT_TRIGGER_LEVEL;
        u32 entry = vector | (low ? IO_APIC_ACTIVE_LOW : 0) | (level ? IO_APIC_LEVEL : 0);
        unsigned long flags;

        for (unsigned int i = 0; i < nr_ioapics; i++) {
                struct ioapic *a = &ioapics[i];
                if (gsi < a->gsi_base || gsi - a->gsi_base >= a->nr_pins)
                        continue;
                unsigned int pin = gsi - a->gsi_base;
                spin_lock_irqsave(&ioapic_lock, flags);
                io_apic_write(a, IO_APIC_REDTBL(pin), entry | IO_APIC_MASKED);
                io_apic_write(a, IO_APIC_REDTBL(pin) + 1, cpu_apic_id[cpu] << 24);
                io_apic_write(a, IO_APIC_REDTBL(pin), entry);
                spin_unlock_irqrestore(&ioapic_lock, flags);
                pr_info("IOAPIC: ISA IRQ %u -> GSI %u (IOAPIC[%u] pin %u) "
                        "-> vector %#x on CPU %u, %s, active %s\n",
                        irq, gsi, i, pin, vector, cpu,
                        level ? "level" : "edge", low ? "low" : "high");
                return;
        }
        pr_warn("IOAPIC: no I/O APIC has GSI %u (ISA IRQ %u): interrupt not routed\n", gsi, irq);
}
