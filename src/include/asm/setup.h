/* Tangled from book/boot.nw (chapter "Booting"). Do not edit: edit the book and run make tangle. */
#ifndef _ASM_SETUP_H
#define _ASM_SETUP_H
#include <linux/types.h>

#define COMMAND_LINE_SIZE  2048
#define E820_MAX_ENTRIES   128
#define E820_TYPE_RAM      1

struct e820_entry {
        u64 addr, size;
        u32 type;
};
struct e820_table {
        u32 nr_entries;
        struct e820_entry entries[E820_MAX_ENTRIES];
};

extern char boot_command_line[COMMAND_LINE_SIZE];
extern struct e820_table e820_table;
extern phys_addr_t initrd_start, initrd_end;

void setup_multiboot(unsigned long magic, unsigned long mbi_pa);
void e820_print(void);
void init_mem_mapping(void);
void parse_boot_params(void);
extern char *init_args;

enum pg_level { PG_LEVEL_NONE, PG_LEVEL_4K, PG_LEVEL_2M };
unsigned long *lookup_address(unsigned long va, enum pg_level *level);
bool stack_guard_hit(unsigned long addr);
#endif
