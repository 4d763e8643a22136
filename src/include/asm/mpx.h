/* Tangled from book/mpx.nw (chapter "MPX bounds tables and the lock that frees them"). Do not edit: edit the book and run make tangle. */
#ifndef _ASM_MPX_H
#define _ASM_MPX_H
#include <linux/types.h>

struct mm_struct;
struct pt_regs;

#define MPX_BD_SIZE_BYTES     (1UL << 31)       /* 2^28 entries of 8 bytes */
#define MPX_BT_SIZE_BYTES     (1UL << 22)       /* 2^17 entries of 32 bytes */
#define MPX_BT_COVERS_SHIFT   20                /* one table covers 1 MiB */
#define MPX_BT_COVERS         (1UL << MPX_BT_COVERS_SHIFT)
#define MPX_BT_ENTRY_BYTES    32UL
#define MPX_BD_ENTRY_VALID    1UL
#define MPX_BD_ENTRY_ADDR     (~7UL)
#define MPX_BNDCFG_ENABLE     1UL
#define MPX_BNDCFG_ADDR_MASK  (~0xfffUL)
#define MPX_BNDSTA_ERROR      3UL
#define MPX_BNDSTA_ADDR_MASK  (~3UL)

static inline unsigned long mpx_bd_entry(unsigned long bd, unsigned long addr)
{
        return bd + (addr >> MPX_BT_COVERS_SHIFT) * 8;
}
static inline unsigned long mpx_bt_offset(unsigned long addr)
{
        return ((addr & (MPX_BT_COVERS - 1)) >> 3) * MPX_BT_ENTRY_BYTES;
}
#define XFEATURE_MASK_BNDREGS (1ULL << 3)
#define XFEATURE_MASK_BNDCSR  (1ULL << 4)
#define XFEATURE_MASK_MPX     (XFEATURE_MASK_BNDREGS | XFEATURE_MASK_BNDCSR)
#define VM_MPX                0x00000200UL      /* a bounds table the kernel made */
#define VM_MPX_REMOVE         0x00000400UL      /* bd_sem: mpx_post_unmap removes it */
#define PR_MPX_ENABLE_MANAGEMENT  43
#define PR_MPX_DISABLE_MANAGEMENT 44
enum { MPX_UNMAP_BEFORE, MPX_UNMAP_AFTER };

u64 mpx_xfeatures(void);
void mpx_mm_init(struct mm_struct *mm);
int mpx_enable_management(void);        /* prctl 43 */
int mpx_disable_management(void);       /* prctl 44 */
void mpx_dup_mm(struct mm_struct *oldmm, struct mm_struct *mm);
bool do_bounds(struct pt_regs *regs);
enum { MPX_PRE_NONE, MPX_PRE_UNMAP, MPX_PRE_LOCKED };
int mpx_pre_unmap(struct mm_struct *mm, unsigned long start, size_t len);
void mpx_post_unmap(struct mm_struct *mm, int pre);
void mpx_notify_unmap(struct mm_struct *mm, unsigned long start, unsigned long end, int when);
long mpx_book_debug(struct mm_struct *mm, unsigned long what);
#endif
