/* Tangled from book/boot.nw (chapter "Booting"). Do not edit: edit the book and run make tangle. */
#ifndef _BOOT_MULTIBOOT_H
#define _BOOT_MULTIBOOT_H

#define MULTIBOOT_HEADER_MAGIC      0x1BADB002
#define MULTIBOOT_BOOTLOADER_MAGIC  0x2BADB002
#define MULTIBOOT_PAGE_ALIGN        (1 << 0)   /* modules on page boundaries */
#define MULTIBOOT_MEMORY_INFO       (1 << 1)   /* we want the memory map */
#define MULTIBOOT_AOUT_KLUDGE       (1 << 16)  /* addresses are in the header */
#define MULTIBOOT_HEADER_FLAGS \
        (MULTIBOOT_PAGE_ALIGN | MULTIBOOT_MEMORY_INFO | MULTIBOOT_AOUT_KLUDGE)

#ifndef __ASSEMBLY__
#include <linux/types.h>

#define MULTIBOOT_INFO_CMDLINE  (1 << 2)
#define MULTIBOOT_INFO_MODS     (1 << 3)
#define MULTIBOOT_INFO_MMAP     (1 << 6)

struct multiboot_info {
        u32 flags;
        u32 mem_lower, mem_upper;
        u32 boot_device;
        u32 cmdline;
        u32 mods_count, mods_addr;
        u32 syms[4];
        u32 mmap_length, mmap_addr;
} __packed;

struct multiboot_mod {
        u32 mod_start, mod_end, string, reserved;
} __packed;

/* A memory-map entry; size counts the bytes after the size field itself. */
struct multiboot_mmap_entry {
        u32 size;
        u64 addr, len;
        u32 type;           /* 1: RAM; 3: ACPI data; 4: ACPI NVS; 5: bad */
} __packed;
#define MULTIBOOT_MEMORY_AVAILABLE  1
#endif
#endif
