/* Tangled from book/listings-pti.nw (chapter "Listings of ``Page-table isolation and the LDT''"). Do not edit: edit the book and run make tangle. */
#ifndef BOOK_DEBUG_H
#define BOOK_DEBUG_H
#define __NR_book_debug          511
#define BOOK_DEBUG_PTI_DUMP      1      /* dump the user table; pti on? */
#define BOOK_DEBUG_LDT_PGTABLES  2      /* page tables of the LDT region */
#define BOOK_DEBUG_KERNEL_CR3_ENTRIES 3 /* entries on the kernel's table */
#define BOOK_DEBUG_KHUGEPAGED    4      /* one khugepaged pass: ranges collapsed */
#define BOOK_DEBUG_HUGE_STATS    5      /* arg: which count (chapter ptfree) */
#define BOOK_DEBUG_PMD_STATE     6      /* arg: address; 1 huge, 0 table, -ENOENT */
#define BOOK_DEBUG_PTWALK        7      /* arg: address, bit 0: "after", else "before" */
#define BOOK_DEBUG_ESPFIX_SP     8      /* ESP of the last frame on a CPU's ministack */
#define BOOK_DEBUG_MPX           9      /* MPX counters; arg says which: */
#define BOOK_DEBUG_MPX_TABLES    0      /* bounds tables of this process */
#define BOOK_DEBUG_MPX_RESOLVED  1      /* directory faults resolved */
#define BOOK_DEBUG_MPX_LOST      2      /* allocations that lost the cmpxchg */
#define BOOK_DEBUG_MPX_ZAPPED    3      /* shared tables partly zapped */
#define BOOK_DEBUG_MPX_FREED     4      /* tables freed by unmaps */
#define BOOK_DEBUG_CT            12     /* arg: question (chapter ctxtrack) */
#define BOOK_DEBUG_PARANOID      13     /* arg: question (chapter ctxtrack) */
static inline long book_debug(unsigned int cmd, unsigned long arg)
{
        long ret;
        __asm__ volatile("syscall" : "=a"(ret)
                         : "0"((long)__NR_book_debug), "D"((long)cmd),
                           "S"(arg) : "rcx", "r11", "memory");
        return ret;
}
#endif
