/* Tangled from book/boot.nw (chapter "Booting"). Do not edit: edit the book and run make tangle. */
#ifndef _ASM_DESC_H
#define _ASM_DESC_H
#include <linux/types.h>
#include <linux/compiler.h>

struct desc_ptr {
        u16 size;
        u64 address;
} __packed;

struct x86_hw_tss {
        u32 reserved1;
        u64 sp0, sp1, sp2;
        u64 reserved2;
        u64 ist[7];
        u32 reserved3, reserved4;
        u16 reserved5;
        u16 io_bitmap_base;
} __packed;

struct cpu_desc_pages {                 /* each field is one whole page */
        u64 gdt[4096 / 8];
        union {
                struct x86_hw_tss tss;
                char tss_page[4096];
        };
        char entry_stack[4096];
} __aligned(4096);
extern struct cpu_desc_pages cpu_desc_pages[];

struct gate_desc {
        u16 offset_low, segment;
        u8 ist, type_attr;          /* type_attr 0x8e: present, DPL 0, interrupt gate */
        u16 offset_middle;
        u32 offset_high, reserved;
} __packed;

enum { IST_INDEX_DF, IST_INDEX_NMI, IST_INDEX_DB, IST_INDEX_MCE, N_EXCEPTION_STACKS };
#define EXCEPTION_STKSZ  (2 * 4096)
struct exception_stack {
        char guard[4096];               /* left unmapped */
        char stack[EXCEPTION_STKSZ];
};
extern struct exception_stack exception_stacks[N_EXCEPTION_STACKS];
extern __typeof__(unsigned long [N_EXCEPTION_STACKS]) cpu_ist_top;   /* per-CPU */
void cpu_init(void);
void cpu_init_user_mode(void);
void load_sp0(unsigned long sp0);
void trap_init(void);
void load_idt(void);
void set_intr_gate(unsigned int vector, unsigned long addr, unsigned int ist);
extern struct gate_desc idt_table[256];
#endif
