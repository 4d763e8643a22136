/* Tangled from book/ldt.nw (chapter "The local descriptor table"). Do not edit: edit the book and run make tangle. */
#include <asm/desc.h>
#include <asm/fsgsbase.h>
#include <asm/ldt.h>
#include <asm/mmu_context.h>
#include <asm/msr.h>
#include <asm/pti.h>
#include <asm/tlbflush.h>
#include <asm/segment.h>
#include <linux/errno.h>
#include <linux/gfp.h>
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/preempt.h>
#include <linux/race.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/smp.h>
#include <linux/string.h>
#include <linux/syscalls.h>
#include <linux/uaccess.h>

static bool ldt_info_clears(const struct user_desc *info, bool oldmode)
{
        if (oldmode && !info->base_addr && !info->limit)
                return true;
        return !info->base_addr && !info->limit && !info->contents &&
               info->read_exec_only && !info->seg_32bit &&
               !info->limit_in_pages && info->seg_not_present && !info->useable;
}
#define DESC_S        0x10
#define DESC_P        0x80
#define DESC_FLAG_G   0x8
#define DESC_FLAG_D   0x4
#define DESC_FLAG_AVL 0x1
static u64 fill_ldt(const struct user_desc *info, bool oldmode)
{
        unsigned int type = 1 | (!info->read_exec_only << 1) | (info->contents << 2);
        unsigned int access = type | DESC_S | DESC_DPL3 |
                              (info->seg_not_present ? 0 : DESC_P);
        unsigned int flags = (info->limit_in_pages ? DESC_FLAG_G : 0) |
                             (info->seg_32bit ? DESC_FLAG_D : 0) |
                             (info->useable && !oldmode ? DESC_FLAG_AVL : 0);

        return GDT_ENTRY(access, flags, info->base_addr, info->limit);
}
long nr_ldt_structs;

static unsigned int ldt_order(unsigned int nr_entries)
{
        unsigned int order = 0;
        while ((PAGE_SIZE << order) < nr_entries * LDT_ENTRY_SIZE)
                order++;
        return order;
}
static void free_ldt_struct(struct ldt_struct *ldt)
{
        if (!ldt)
                return;
        if (ldt->entries)
                free_pages((unsigned long)ldt->entries, ldt_order(ldt->nr_entries));
        kfree(ldt);
        __atomic_sub_fetch(&nr_ldt_structs, 1, __ATOMIC_RELAXED);
}
static struct ldt_struct *alloc_ldt_struct(unsigned int nr_entries)
{
        struct ldt_struct *ldt;

        if (!nr_entries || nr_entries > LDT_ENTRIES)
                return NULL;
        ldt = kmalloc(sizeof(*ldt), GFP_KERNEL);
        if (!ldt)
                return NULL;
        __atomic_add_fetch(&nr_ldt_structs, 1, __ATOMIC_RELAXED);
        ldt->nr_entries = nr_entries;
        ldt->slot = 0;
        ldt->entries = (u64 *)__get_free_pages(GFP_LDT, ldt_order(nr_entries));
        if (!ldt->entries) {
                free_ldt_struct(ldt);
                return NULL;
        }
        return ldt;
}
void load_mm_ldt(struct mm_struct *mm)
{
        struct ldt_struct *ldt = __atomic_load_n(&mm->context.ldt, __ATOMIC_ACQUIRE);

        WARN_ON(!irqs_disabled());
        if (ldt && pti_enabled)
                set_ldt(ldt_slot_va(ldt->slot), ldt->nr_entries);
        else if (ldt)
                set_ldt(ldt->entries, ldt->nr_entries);
        else
                set_ldt(NULL, 0);
}
void switch_ldt(struct mm_struct *prev, struct mm_struct *next)
{
        if ((prev && READ_ONCE(prev->context.ldt)) || READ_ONCE(next->context.ldt))
                load_mm_ldt(next);
}
static void refresh_ldt_segments(void)
{
        unsigned short sel;

        savesegment(ds, sel);
        if (sel & SEGMENT_TI_MASK)
                loadsegment(ds, sel);
        savesegment(es, sel);
        if (sel & SEGMENT_TI_MASK)
                loadsegment(es, sel);
}
static void flush_ldt(void *info)
{
        struct mm_struct *mm = info;

        if (this_cpu_read(cpu_tlbstate.loaded_mm) != mm)
                return;
        load_mm_ldt(mm);
        refresh_ldt_segments();
}
static void install_ldt(struct mm_struct *mm, struct ldt_struct *ldt)
{
        mutex_lock(&mm->context.lock);
        __atomic_store_n(&mm->context.ldt, ldt, __ATOMIC_RELEASE);
        __atomic_thread_fence(__ATOMIC_SEQ_CST);
        on_each_cpu_mask(READ_ONCE(mm->cpu_mask), flush_ldt, mm);
        mutex_unlock(&mm->context.lock);
}
static int write_ldt(void __user *ptr, unsigned long bytecount, bool oldmode)
{
        struct mm_struct *mm = current->mm;
        struct ldt_struct *old_ldt, *new_ldt;
        struct user_desc info;
        unsigned int old_nr, new_nr;
        u64 desc;

        if (bytecount != sizeof(info))
                return -EINVAL;
        if (copy_from_user(&info, ptr, sizeof(info)))
                return -EFAULT;
        if (info.entry_number >= LDT_ENTRIES)
                return -EINVAL;
        if (info.contents == 3 && (oldmode || !info.seg_not_present))
                return -EINVAL;
        desc = ldt_info_clears(&info, oldmode) ? 0 : fill_ldt(&info, oldmode);

        down_write(&mm->context.ldt_usr_sem);
        old_ldt = mm->context.ldt;
        old_nr = old_ldt ? old_ldt->nr_entries : 0;
        new_nr = info.entry_number + 1 > old_nr ? info.entry_number + 1 : old_nr;
        new_ldt = alloc_ldt_struct(new_nr);
        if (!new_ldt) {
                up_write(&mm->context.ldt_usr_sem);
                return -ENOMEM;
        }
        if (old_ldt)
                memcpy(new_ldt->entries, old_ldt->entries, old_nr * LDT_ENTRY_SIZE);
        new_ldt->entries[info.entry_number] = desc;
        int slot = old_ldt ? !old_ldt->slot : 0, error;

        if (old_ldt && pti_ldt_same_slot)
                slot = old_ldt->slot;                   /* BROKEN ON PURPOSE */
        error = map_ldt_struct(mm, new_ldt, slot);
        if (error) {
                if (!WARN_ON(old_ldt))
                        free_ldt_pgtables(mm);
                free_ldt_struct(new_ldt);
                up_write(&mm->context.ldt_usr_sem);
                return error;
        }
        if (!desc)
                race_point("ldt:clearing");
        install_ldt(mm, new_ldt);
        if (!desc)
                race_point("ldt:cleared");
        unmap_ldt_struct(mm, old_ldt);
        free_ldt_struct(old_ldt);
        up_write(&mm->context.ldt_usr_sem);
        return 0;
}
static int read_ldt(void __user *ptr, unsigned long bytecount)
{
        struct mm_struct *mm = current->mm;
        unsigned long size;
        int ret = 0;

        down_read(&mm->context.ldt_usr_sem);
        if (!mm->context.ldt)
                goto out;
        if (bytecount > LDT_ENTRIES * LDT_ENTRY_SIZE)
                bytecount = LDT_ENTRIES * LDT_ENTRY_SIZE;
        size = mm->context.ldt->nr_entries * LDT_ENTRY_SIZE;
        if (size > bytecount)
                size = bytecount;
        if (copy_to_user(ptr, mm->context.ldt->entries, size) ||
            clear_user((char __user *)ptr + size, bytecount - size))
                ret = -EFAULT;
        else
                ret = bytecount;
out:
        up_read(&mm->context.ldt_usr_sem);
        return ret;
}
static int read_default_ldt(void __user *ptr, unsigned long bytecount)
{
        if (bytecount > 128)
                bytecount = 128;
        return clear_user(ptr, bytecount) ? -EFAULT : (int)bytecount;
}
SYSCALL_DEFINE3(modify_ldt, int, func, void __user *, ptr, unsigned long, bytecount)
{
        int ret = -ENOSYS;

        switch (func) {
        case 0: ret = read_ldt(ptr, bytecount); break;
        case 1: ret = write_ldt(ptr, bytecount, true); break;
        case 2: ret = read_default_ldt(ptr, bytecount); break;
        case 0x11: ret = write_ldt(ptr, bytecount, false); break;
        }
        return (unsigned int)ret;
}
void init_new_context_ldt(struct mm_struct *mm)
{
        mm->context.ldt = NULL;
        mutex_init(&mm->context.lock);
        init_rwsem(&mm->context.ldt_usr_sem);
}
void destroy_context_ldt(struct mm_struct *mm)
{
        if (mm->context.ldt)
                free_ldt_pgtables(mm);
        free_ldt_struct(mm->context.ldt);
        mm->context.ldt = NULL;
}
int ldt_dup_context(struct mm_struct *old_mm, struct mm_struct *mm)
{
        struct ldt_struct *new_ldt;
        int retval = 0;

        if (!old_mm)
                return 0;
        mutex_lock(&old_mm->context.lock);
        if (!old_mm->context.ldt)
                goto out_unlock;
        new_ldt = alloc_ldt_struct(old_mm->context.ldt->nr_entries);
        if (!new_ldt) {
                retval = -ENOMEM;
                goto out_unlock;
        }
        memcpy(new_ldt->entries, old_mm->context.ldt->entries,
               new_ldt->nr_entries * LDT_ENTRY_SIZE);
        retval = map_ldt_struct(mm, new_ldt, 0);
        if (retval) {
                if (!pti_ldt_leak)
                        free_ldt_pgtables(mm);
                free_ldt_struct(new_ldt);
                goto out_unlock;
        }
        mm->context.ldt = new_ldt;
out_unlock:
        mutex_unlock(&old_mm->context.lock);
        return retval;
}
static bool selector_loadable(unsigned short sel)
{
        unsigned int ar;
        bool valid;

        asm("lar %k2, %k0\n\tsetz %1" : "=r"(ar), "=q"(valid) : "r"((unsigned int)sel) : "cc");
        if (!valid || !(ar & 0x8000) || !(ar & 0x1000))         /* present, code/data */
                return false;
        return !(ar & 0x800) || (ar & 0x200);   /* data, or readable code */
}
void load_gs_index(unsigned short sel)
{
        unsigned long flags;

        local_irq_save(flags);
        if (sel > 3 && !selector_loadable(sel))
                sel = 0;
        asm volatile("swapgs\n\tmovl %k0, %%gs\n\tswapgs" : : "r"((unsigned int)sel) : "memory");
        local_irq_restore(flags);
}
void save_fsgs(struct task_struct *t)
{
        savesegment(ds, t->ds);
        savesegment(es, t->es);
        savesegment(fs, t->fsindex);
        savesegment(gs, t->gsindex);
        if (!t->mm)
                return;
        t->fsbase = t->fsindex > 3 && !fsgsbase_enabled ? 0 : x86_fsbase_read_cpu();
        t->gsbase = t->gsindex > 3 && !fsgsbase_enabled ? 0 : x86_gsbase_read_cpu_inactive();
}
void load_fsgs(struct task_struct *prev, struct task_struct *next)
{
        unsigned short sel;

        if (prev->ds | next->ds)
                loadsegment(ds, next->ds);
        if (prev->es | next->es)
                loadsegment(es, next->es);
        if (prev->fsindex | next->fsindex)
                loadsegment(fs, next->fsindex);
        if (prev->gsindex | next->gsindex)
                load_gs_index(next->gsindex);
        if (!next->mm)
                return;
        savesegment(fs, sel);
        if (sel <= 3 || fsgsbase_enabled)
                x86_fsbase_write_cpu(next->fsbase);
        savesegment(gs, sel);
        if (sel <= 3 || fsgsbase_enabled)
                x86_gsbase_write_cpu_inactive(next->gsbase);
}
void reset_user_segments(struct task_struct *t)
{
        preempt_disable();
        loadsegment(ds, 0);
        loadsegment(es, 0);
        loadsegment(fs, 0);
        load_gs_index(0);
        t->ds = t->es = t->fsindex = t->gsindex = 0;
        t->fsbase = t->gsbase = 0;
        wrmsrl(MSR_FS_BASE, 0);
        wrmsrl(MSR_KERNEL_GS_BASE, 0);
        memset(t->tls_array, 0, sizeof(t->tls_array));
        load_TLS(t->tls_array);
        preempt_enable();
}
_Static_assert(sizeof(((struct task_struct *)0)->tls_array) == GDT_ENTRY_TLS_ENTRIES * 8,
               "tls_array");
static bool tls_desc_zero(const struct user_desc *info)
{
        return !info->base_addr && !info->limit && !info->contents && !info->read_exec_only &&
               !info->seg_32bit && !info->limit_in_pages && !info->seg_not_present &&
               !info->useable;
}
static bool tls_desc_okay(const struct user_desc *info)
{
        if (ldt_info_clears(info, false) || tls_desc_zero(info))
                return true;
        return info->seg_32bit && info->contents <= 1 && !info->seg_not_present;
}
SYSCALL_DEFINE1(set_thread_area, struct user_desc __user *, u_info)
{
        struct user_desc info;
        int idx, free_idx = -ESRCH;
        unsigned short sel;

        if (copy_from_user(&info, u_info, sizeof(info)))
                return -EFAULT;
        idx = info.entry_number;
        if (idx == -1) {
                for (int i = 0; i < GDT_ENTRY_TLS_ENTRIES && free_idx < 0; i++)
                        if (!current->tls_array[i])
                                free_idx = GDT_ENTRY_TLS_MIN + i;
                if (free_idx < 0)
                        return free_idx;
                idx = free_idx;
                if (put_user((unsigned int)idx, &u_info->entry_number))
                        return -EFAULT;
        }
        if (idx < GDT_ENTRY_TLS_MIN || idx > GDT_ENTRY_TLS_MAX)
                return -EINVAL;
        if (!tls_desc_okay(&info))
                return -EINVAL;
        preempt_disable();
        current->tls_array[idx - GDT_ENTRY_TLS_MIN] =
                ldt_info_clears(&info, false) || tls_desc_zero(&info) ? 0 : fill_ldt(&info, false);
        load_TLS(current->tls_array);
        savesegment(fs, sel);
        if (sel == (idx << 3 | 3))
                loadsegment(fs, sel);
        savesegment(gs, sel);
        if (sel == (idx << 3 | 3))
                load_gs_index(sel);
        preempt_enable();
        return 0;
}
static void fill_user_desc(struct user_desc *info, unsigned int idx, u64 desc)
{
        unsigned int type = desc >> 40 & 0xf, flags = desc >> 52 & 0xf;

        memset(info, 0, sizeof(*info));
        info->entry_number = idx;
        info->base_addr = (desc >> 16 & 0xffffff) | (desc >> 56 & 0xff) << 24;
        info->limit = (desc & 0xffff) | (desc >> 48 & 0xf) << 16;
        info->seg_32bit = !!(flags & DESC_FLAG_D);
        info->contents = type >> 2;
        info->read_exec_only = !(type & 2);
        info->limit_in_pages = !!(flags & DESC_FLAG_G);
        info->seg_not_present = !(desc >> 40 & DESC_P);
        info->useable = !!(flags & DESC_FLAG_AVL);
        info->lm = !!(flags & 2);
}
SYSCALL_DEFINE1(get_thread_area, struct user_desc __user *, u_info)
{
        struct user_desc info;
        unsigned int idx;

        if (get_user(idx, &u_info->entry_number))
                return -EFAULT;
        if (idx < GDT_ENTRY_TLS_MIN || idx > GDT_ENTRY_TLS_MAX)
                return -EINVAL;
        fill_user_desc(&info, idx, current->tls_array[idx - GDT_ENTRY_TLS_MIN]);
        if (copy_to_user(u_info, &info, sizeof(info)))
                return -EFAULT;
        return 0;
}

/* The KPTI chapter: the LDT in the user-visible page tables. */
bool pti_ldt_leak;

static int set_pti_ldt_unmap(char *val)
{
        int broken = parse_broken_switch("pti_ldt_unmap", val, "free", "leak",
                "a failed LDT copy at fork leaves its page tables behind");

        if (broken < 0)
                return broken;
        pti_ldt_leak = broken;
        return 0;
}
early_param("pti_ldt_unmap", set_pti_ldt_unmap);
bool pti_ldt_same_slot;

static int set_pti_ldt_slot(char *val)
{
        int broken = parse_broken_switch("pti_ldt_slot", val, "other", "same",
                "a new LDT is mapped over the old one");

        if (broken < 0)
                return broken;
        pti_ldt_same_slot = broken;
        return 0;
}
early_param("pti_ldt_slot", set_pti_ldt_slot);
static void *ldt_table_alloc(struct mm_struct *mm)
{
        struct page *p = pgtable_page_alloc(mm, "map_ldt_struct");

        if (!p)
                return NULL;
        mm_inc_nr_ptes(mm);
        return page_address(p);
}
static pte_t *ldt_pte_table(struct mm_struct *mm, bool alloc)
{
        pgd_t *pgd = pgd_offset(mm, LDT_BASE_ADDR);
        void *t;

        if (pgd_none(*pgd)) {
                if (!alloc || !(t = ldt_table_alloc(mm)))
                        return NULL;
                pgd_populate(mm, pgd, t);
        }
        pud_t *pud = pud_offset(pgd, LDT_BASE_ADDR);
        if (pud_none(*pud)) {
                if (!alloc || !(t = ldt_table_alloc(mm)))
                        return NULL;
                pud_populate(mm, pud, t);
        }
        pmd_t *pmd = pmd_offset(pud, LDT_BASE_ADDR);
        if (pmd_none(*pmd)) {
                if (!alloc || !(t = ldt_table_alloc(mm)))
                        return NULL;
                pmd_populate(mm, pmd, virt_to_page(t));
        }
        return pte_offset_kernel(pmd, LDT_BASE_ADDR);
}
static unsigned int ldt_nr_pages(const struct ldt_struct *ldt)
{
        return (ldt->nr_entries * LDT_ENTRY_SIZE + PAGE_SIZE - 1) / PAGE_SIZE;
}
int map_ldt_struct(struct mm_struct *mm, struct ldt_struct *ldt, int slot)
{
        unsigned int nr_pages = ldt_nr_pages(ldt);
        unsigned long va = (unsigned long)ldt_slot_va(slot);
        pte_t *pte;

        if (!pti_enabled)
                return 0;
        pte = ldt_pte_table(mm, true);
        if (!pte)
                return -ENOMEM;
        for (unsigned int i = 0; i < nr_pages; i++) {
                unsigned long pa = __pa(ldt->entries) + i * PAGE_SIZE;

                set_pte_at(mm, va + i * PAGE_SIZE, pte + pte_index(va) + i,
                           __pte(pa | CEA_RO));
        }
        ldt->slot = slot;
        pgd_t *pgd = pgd_offset(mm, LDT_BASE_ADDR);
        WRITE_ONCE(kernel_to_user_pgdp(pgd)->pgd, pgd_val(*pgd));
        return 0;
}
void unmap_ldt_struct(struct mm_struct *mm, struct ldt_struct *ldt)
{
        if (!pti_enabled || !ldt)
                return;
        unsigned int nr_pages = ldt_nr_pages(ldt);
        unsigned long va = (unsigned long)ldt_slot_va(ldt->slot);
        pte_t *pte = ldt_pte_table(mm, false);

        BUG_ON(!pte);
        for (unsigned int i = 0; i < nr_pages; i++)
                pte_clear(mm, va + i * PAGE_SIZE, pte + pte_index(va) + i);
        flush_tlb_mm_range(mm, va, va + nr_pages * PAGE_SIZE);
}
void free_ldt_pgtables(struct mm_struct *mm)
{
        pgd_t *pgd = pgd_offset(mm, LDT_BASE_ADDR);
        pud_t *pud = NULL;
        pmd_t *pmd = NULL;
        struct page *pte = NULL;

        if (!pti_enabled || pgd_none(*pgd))
                return;
        pud = (pud_t *)pgd_page_vaddr(*pgd);
        if (!pud_none(pud[pud_index(LDT_BASE_ADDR)])) {
                pmd = pud_pgtable(pud[pud_index(LDT_BASE_ADDR)]);
                if (!pmd_none(pmd[pmd_index(LDT_BASE_ADDR)]))
                        pte = pmd_page(pmd[pmd_index(LDT_BASE_ADDR)]);
        }
        WRITE_ONCE(kernel_to_user_pgdp(pgd)->pgd, 0);
        pgd_clear(pgd);
        flush_tlb_mm_range(mm, LDT_BASE_ADDR,
                           LDT_BASE_ADDR + 2 * LDT_SLOT_STRIDE);
        if (pte)
                pte_free(mm, pte);
        if (pmd)
                pmd_free(mm, pmd);
        pud_free(mm, pud);
}
