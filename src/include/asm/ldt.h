/* Tangled from book/ldt.nw (chapter "The local descriptor table"). Do not edit: edit the book and run make tangle. */
#ifndef _ASM_LDT_H
#define _ASM_LDT_H
#include <asm/ia32.h>
#include <linux/types.h>

#define LDT_ENTRIES     8192
#define LDT_ENTRY_SIZE  8

struct user_desc {
        unsigned int entry_number;
        unsigned int base_addr;
        unsigned int limit;
        unsigned int seg_32bit:1;
        unsigned int contents:2;
        unsigned int read_exec_only:1;
        unsigned int limit_in_pages:1;
        unsigned int seg_not_present:1;
        unsigned int useable:1;
        unsigned int lm:1;
};
#define SEGMENT_TI_MASK  0x4
#define SEGMENT_RPL_MASK 0x3
#define LDT_SELECTOR(index) (((index) << 3) | SEGMENT_TI_MASK | 3)
struct ldt_struct {
        u64 *entries;                   /* page-aligned; never changed while installed */
        unsigned int nr_entries;        /* the table's limit is nr_entries * 8 - 1 */
        int slot;                       /* remap slot 0 or 1 (KPTI chapter) */
};
extern long nr_ldt_structs;             /* atomic: ldt_structs alive */
#define savesegment(seg, value) \
        asm volatile("movw %%" #seg ", %w0" : "=r"(value))

#define loadsegment(seg, value) do {                                    \
        unsigned int __sel = (value);                                   \
        asm volatile("1:        movl %k0, %%" #seg "\n"                  \
                     "2:\n"                                             \
                     "  .pushsection .fixup, \"ax\"\n"                  \
                     "3:        xorl %k0, %k0\n"                         \
                     "  movl %k0, %%" #seg "\n"                         \
                     "  jmp 2b\n"                                       \
                     "  .popsection\n"                                  \
                     "  .pushsection __ex_table, \"a\"\n"               \
                     "  .balign 8\n"                                    \
                     "  .quad 1b, 3b\n"                                 \
                     "  .popsection"                                    \
                     : "+r"(__sel) : : "memory");                       \
} while (0)

struct mm_struct;
struct task_struct;
void set_ldt(const void *addr, unsigned int entries);
void load_mm_ldt(struct mm_struct *mm);
void switch_ldt(struct mm_struct *prev, struct mm_struct *next);
void init_new_context_ldt(struct mm_struct *mm);
int ldt_dup_context(struct mm_struct *old_mm, struct mm_struct *mm);
void destroy_context_ldt(struct mm_struct *mm);
void load_gs_index(unsigned short sel);
void save_fsgs(struct task_struct *t);
void load_fsgs(struct task_struct *prev, struct task_struct *next);
void reset_user_segments(struct task_struct *t);
#endif
