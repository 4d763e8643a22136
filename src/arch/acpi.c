/* Tangled from book/smp.nw (chapter "CPUs"). Do not edit: edit the book and run make tangle. */
#include <asm/acpi.h>
#include <asm/io.h>
#include <asm/io_apic.h>
#include <asm/page.h>
#include <linux/kernel.h>
#include <linux/string.h>

unsigned int nr_cpu_ids;
u32 cpu_apic_id[NR_CPUS];
phys_addr_t lapic_phys = 0xfee00000;

static bool acpi_checksum_ok(const void *p, size_t len)
{
        const u8 *b = p;
        u8 sum = 0;
        while (len--)
                sum += *b++;
        return sum == 0;
}
static phys_addr_t scan_rsdp(phys_addr_t start, size_t len)
{
        const char *va = memremap(start, len);
        for (size_t off = 0; off + 20 <= len; off += 16)
                if (!memcmp(va + off, "RSD PTR ", 8) && acpi_checksum_ok(va + off, 20))
                        return start + off;
        return 0;
}

static phys_addr_t find_rsdp(void)
{
        phys_addr_t ebda = (phys_addr_t)*(const u16 *)__va(0x40e) << 4;
        phys_addr_t rsdp = 0;

        if (ebda >= 0x80000 && ebda < 0xa0000)
                rsdp = scan_rsdp(ebda, 1024);
        return rsdp ? rsdp : scan_rsdp(0xe0000, 0x20000);
}
static const struct acpi_table_header *acpi_map_table(phys_addr_t pa)
{
        const struct acpi_table_header *h = memremap(pa, sizeof(*h));
        u32 len = h->length;

        if (len < sizeof(*h) || len > (1 << 20)) {
                pr_warn("ACPI: table at %#llx has implausible length %u\n",
                        (unsigned long long)pa, len);
                return NULL;
        }
        h = memremap(pa, len);
        if (!acpi_checksum_ok(h, len)) {
                pr_warn("ACPI: %.4s at %#llx: bad checksum, ignored\n", h->signature,
                        (unsigned long long)pa);
                return NULL;
        }
        return h;
}
static const struct acpi_table_header *acpi_find_table(const struct acpi_table_rsdp *rsdp,
                                                       const char *sig)
{
        bool x = rsdp->revision >= 2 && rsdp->xsdt_physical_address;
        const struct acpi_table_header *root = acpi_map_table(
                x ? rsdp->xsdt_physical_address : rsdp->rsdt_physical_address);
        size_t width = x ? 8 : 4;

        if (!root)
                return NULL;
        size_t n = (root->length - sizeof(*root)) / width;
        for (size_t i = 0; i < n; i++) {
                const u8 *slot = (const u8 *)(root + 1) + i * width;
                phys_addr_t pa = x ? *(const u64 *)slot : *(const u32 *)slot;
                const struct acpi_table_header *t = acpi_map_table(pa);
                if (t && !memcmp(t->signature, sig, 4))
                        return t;
        }
        return NULL;
}
void acpi_boot_init(void)
{
        phys_addr_t rsdp_pa = find_rsdp();
        if (!rsdp_pa)
                panic("ACPI: no RSDP found: cannot find the CPUs");
        const struct acpi_table_rsdp *rsdp = memremap(rsdp_pa, sizeof(*rsdp));
        const struct acpi_table_madt *madt = (const void *)acpi_find_table(rsdp, "APIC");
        if (!madt)
                panic("ACPI: no MADT: cannot find the CPUs");
        pr_info("ACPI: RSDP at %#llx, revision %u; MADT at %p\n",
                (unsigned long long)rsdp_pa, rsdp->revision, (void *)madt);
        lapic_phys = madt->address;
        const u8 *p = (const u8 *)(madt + 1), *end = (const u8 *)madt + madt->header.length;
        while (p + 2 <= end && p[1] >= 2 && p + p[1] <= end) {
                if (p[0] == ACPI_MADT_TYPE_LOCAL_APIC && (*(const u32 *)(p + 4) & ACPI_MADT_ENABLED)) {
                        if (nr_cpu_ids < NR_CPUS)
                                cpu_apic_id[nr_cpu_ids++] = p[3];
                        else
                                pr_warn("ACPI: CPU with APIC ID %u ignored: NR_CPUS is %d\n",
                                        p[3], NR_CPUS);
                } else if (p[0] == ACPI_MADT_TYPE_LOCAL_APIC_OVERRIDE && p[1] >= 12) {
                        lapic_phys = *(const u64 *)(p + 4);
                }
                if (p[0] == ACPI_MADT_TYPE_IO_APIC && (size_t)p[1] >= sizeof(struct acpi_madt_io_apic)) {
                        const struct acpi_madt_io_apic *io = (const void *)p;
                        mp_register_ioapic(io->id, io->address, io->global_irq_base);
                } else if (p[0] == ACPI_MADT_TYPE_INTERRUPT_OVERRIDE &&
                           (size_t)p[1] >= sizeof(struct acpi_madt_interrupt_override)) {
                        const struct acpi_madt_interrupt_override *o = (const void *)p;
                        if (o->bus == 0)
                                mp_override_legacy_irq(o->source_irq, o->global_irq, o->inti_flags);
                }
                p += p[1];
        }
        if (nr_cpu_ids == 0)
                panic("ACPI: the MADT lists no enabled CPU");
        pr_info("ACPI: %u CPU(s); local APIC at %#llx\n", nr_cpu_ids,
                (unsigned long long)lapic_phys);
}
