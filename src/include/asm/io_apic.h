/* Tangled from book/tty.nw (chapter "The console as a terminal"). Do not edit: edit the book and run make tangle. */
#ifndef _ASM_IO_APIC_H
#define _ASM_IO_APIC_H
#include <asm/acpi.h>
#include <linux/types.h>

#define MAX_IO_APICS        8
#define NR_IRQS_LEGACY      16
#define ISA_IRQ_VECTOR(irq) (0x30 + (irq))
#define COM1_IRQ            4
#define COM1_VECTOR         ISA_IRQ_VECTOR(COM1_IRQ)   /* 0x34: asm_irq_0x34 */

#define ACPI_MADT_TYPE_IO_APIC             1
#define ACPI_MADT_TYPE_INTERRUPT_OVERRIDE  2

struct acpi_madt_io_apic {
        struct acpi_subtable_header header;
        u8 id, reserved;
        u32 address;                    /* physical address of the registers */
        u32 global_irq_base;            /* GSI of pin 0 */
} __packed;

struct acpi_madt_interrupt_override {
        struct acpi_subtable_header header;
        u8 bus;                         /* 0: ISA */
        u8 source_irq;                  /* the ISA IRQ */
        u32 global_irq;                 /* the GSI it arrives on */
        u16 inti_flags;                 /* polarity, trigger mode */
} __packed;

#define ACPI_MADT_POLARITY_MASK        0x3
#define ACPI_MADT_POLARITY_ACTIVE_LOW  0x3
#define ACPI_MADT_TRIGGER_MASK         0xc
#define ACPI_MADT_TRIGGER_LEVEL        0xc

void mp_register_ioapic(u8 id, u32 address, u32 gsi_base);
void mp_override_legacy_irq(u8 bus_irq, u32 gsi, u16 flags);
void io_apic_init(void);
void io_apic_route_isa_irq(unsigned int irq, unsigned int vector, unsigned int cpu);
extern char asm_irq_0x34[];
#endif
