/* Tangled from book/smp.nw (chapter "CPUs"). Do not edit: edit the book and run make tangle. */
#ifndef _ASM_ACPI_H
#define _ASM_ACPI_H
#include <linux/types.h>
#include <linux/compiler.h>

#define NR_CPUS 8

struct acpi_table_rsdp {
        char signature[8];
        u8 checksum;
        char oem_id[6];
        u8 revision;
        u32 rsdt_physical_address;
        u32 length;                     /* from revision 2 */
        u64 xsdt_physical_address;
        u8 extended_checksum;
        u8 reserved[3];
} __packed;

struct acpi_table_header {
        char signature[4];
        u32 length;
        u8 revision, checksum;
        char oem_id[6], oem_table_id[8];
        u32 oem_revision, asl_compiler_id, asl_compiler_revision;
} __packed;

struct acpi_table_madt {
        struct acpi_table_header header;
        u32 address;                    /* local APIC physical address */
        u32 flags;
} __packed;

struct acpi_subtable_header {
        u8 type, length;
} __packed;
#define ACPI_MADT_TYPE_LOCAL_APIC           0
#define ACPI_MADT_TYPE_LOCAL_APIC_OVERRIDE  5
#define ACPI_MADT_ENABLED                   1
#define ACPI_MADT_ONLINE_CAPABLE            2

extern unsigned int nr_cpu_ids;                 /* CPUs found, <= NR_CPUS */
extern u32 cpu_apic_id[NR_CPUS];                /* APIC ID of each CPU */
extern phys_addr_t lapic_phys;                  /* local APIC registers */
void acpi_boot_init(void);
#endif
