/* Tangled from book/mpx.nw (chapter "MPX bounds tables and the lock that frees them"). Do not edit: edit the book and run make tangle. */
#include <asm/fpu.h>
#include <asm/mpx.h>
#include <asm/processor.h>
#include <asm/pti.h>
#include <asm/traps.h>
#include <linux/err.h>
#include <linux/errno.h>
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/lockdep.h>
#include <linux/mm.h>
#include <linux/mman.h>
#include <linux/mutex.h>
#include <linux/preempt.h>
#include <linux/race.h>
#include <linux/sched.h>
#include <linux/signal.h>
#include <linux/string.h>
#include <linux/syscalls.h>
#include <linux/uaccess.h>

enum { MPX_DESIGN_BDSEM, MPX_DESIGN_MERGED };
enum { MPX_UNMAP_RESOLVE, MPX_UNMAP_V9, MPX_UNMAP_NOFAULT };
static int mpx_design = MPX_DESIGN_BDSEM;
static int mpx_unmap_mode = MPX_UNMAP_RESOLVE;

static int set_mpx_unmap(char *val)
{
        bool nofault = val && !strcmp(val, "nofault");
        int broken = parse_broken_switch("mpx_unmap", val, "resolve", nofault ? "nofault" : "v9",
                nofault ? "bounds tables are freed at the end of munmap with page faults "
                          "disabled, and leaked when the directory page is not in memory"
                        : "bounds tables are freed at the end of munmap under mmap_lock held "
                          "for writing with page faults enabled: a fault there deadlocks");

        if (broken < 0)
                return broken;
        mpx_unmap_mode = !broken ? MPX_UNMAP_RESOLVE : nofault ? MPX_UNMAP_NOFAULT : MPX_UNMAP_V9;
        return 0;
}
early_param("mpx_unmap", set_mpx_unmap);
static int set_mpx_design(char *val)
{
        int broken = parse_broken_switch("mpx_design", val, "bdsem", "merged",
                "Linux 3.19's design: no bd_sem, so an unmap can run between a bounds "
                "table's allocation and its installation and leave the table behind");

        if (broken < 0)
                return broken;
        mpx_design = broken ? MPX_DESIGN_MERGED : MPX_DESIGN_BDSEM;
        return 0;
}
early_param("mpx_design", set_mpx_design);
static struct {
        long tables_allocated, tables_freed, tables_zapped;
        long faults_resolved, cmpxchg_lost, entries_unreadable;
} mpx_stat;

long mpx_book_debug(struct mm_struct *mm, unsigned long what)
{
        struct vm_area_struct *vma;
        long n = 0;

        switch (what) {
        case BOOK_DEBUG_MPX_TABLES:
                mmap_read_lock(mm);
                for_each_vma(mm, vma)
                        n += !!(vma->vm_flags & VM_MPX);
                mmap_read_unlock(mm);
                return n;
        case BOOK_DEBUG_MPX_RESOLVED:
                return __atomic_load_n(&mpx_stat.faults_resolved, __ATOMIC_RELAXED);
        case BOOK_DEBUG_MPX_LOST:
                return __atomic_load_n(&mpx_stat.cmpxchg_lost, __ATOMIC_RELAXED);
        case BOOK_DEBUG_MPX_ZAPPED:
                return __atomic_load_n(&mpx_stat.tables_zapped, __ATOMIC_RELAXED);
        case BOOK_DEBUG_MPX_FREED:
                return __atomic_load_n(&mpx_stat.tables_freed, __ATOMIC_RELAXED);
        }
        return -EINVAL;
}
static bool mpx_supported;
static unsigned int mpx_bndregs_off, mpx_bndcsr_off;

/* Context: boot, once per CPU, from fpu_init_cpu. */
u64 mpx_xfeatures(void)
{
        u32 a, b, c, d;

        cpuid(0, &a, &b, &c, &d);
        if (a < 0xd)
                return 0;
        cpuid_count(7, 0, &a, &b, &c, &d);
        if (!(b & (1U << 14)))
                return 0;
        cpuid_count(0xd, 0, &a, &b, &c, &d);
        if ((a & XFEATURE_MASK_MPX) != XFEATURE_MASK_MPX)
                return 0;
        if (!mpx_supported) {
                cpuid_count(0xd, 3, &a, &b, &c, &d);
                mpx_bndregs_off = b;
                cpuid_count(0xd, 4, &a, &b, &c, &d);
                mpx_bndcsr_off = b;
                mpx_supported = true;
                pr_info("mpx: BNDREGS at %u and BNDCSR at %u in the XSAVE area\n",
                        mpx_bndregs_off, mpx_bndcsr_off);
        }
        return XFEATURE_MASK_MPX;
}
struct mpx_bndreg { u64 lower, upper; };        /* upper in one's complement */
struct mpx_bndcsr { u64 bndcfgu, bndstatus; };

/* Context: process, preemptible; current has an XSAVE area. */
static void mpx_get_state(struct mpx_bndreg regs[4], struct mpx_bndcsr *csr)
{
        struct task_struct *t = current;
        const char *area = t->fpstate;
        u64 xstate_bv;

        preempt_disable();
        fpu_save(t);
        xstate_bv = *(const u64 *)(area + 512);
        if (regs) {
                if (xstate_bv & XFEATURE_MASK_BNDREGS)
                        memcpy(regs, area + mpx_bndregs_off, 4 * sizeof(*regs));
                else
                        memset(regs, 0, 4 * sizeof(*regs));
        }
        if (csr) {
                if (xstate_bv & XFEATURE_MASK_BNDCSR)
                        memcpy(csr, area + mpx_bndcsr_off, sizeof(*csr));
                else
                        memset(csr, 0, sizeof(*csr));
        }
        preempt_enable();
}
static void mpx_lock_config(struct mm_struct *mm)
{
        if (mpx_design == MPX_DESIGN_BDSEM)
                down_write(&mm->bd_sem);
        else
                mmap_write_lock(mm);
}
static void mpx_unlock_config(struct mm_struct *mm)
{
        if (mpx_design == MPX_DESIGN_BDSEM)
                up_write(&mm->bd_sem);
        else
                mmap_write_unlock(mm);
}
/* Context: process, the caller's own address space. */
int mpx_enable_management(void)
{
        struct mm_struct *mm = current->mm;
        struct mpx_bndcsr csr;

        if (!mpx_supported)
                return -ENXIO;
        mpx_get_state(NULL, &csr);
        if (!(csr.bndcfgu & MPX_BNDCFG_ENABLE))
                return -ENXIO;
        mpx_lock_config(mm);
        mm->bd_addr = csr.bndcfgu & MPX_BNDCFG_ADDR_MASK;
        mm->bd_enabled = 1;
        mpx_unlock_config(mm);
        return 0;
}
int mpx_disable_management(void)
{
        struct mm_struct *mm = current->mm;

        if (!mpx_supported)
                return -ENXIO;
        mpx_lock_config(mm);
        mm->bd_enabled = 0;
        mpx_unlock_config(mm);
        return 0;
}
void mpx_mm_init(struct mm_struct *mm)
{
        init_rwsem(&mm->bd_sem);
        mm->bd_enabled = 0;
        mm->bd_remove_vmas = 0;
}
/* Context: fork, the child not yet running; oldmm is the caller's. */
void mpx_dup_mm(struct mm_struct *oldmm, struct mm_struct *mm)
{
        mm->bd_addr = oldmm->bd_addr;
        mm->bd_enabled = READ_ONCE(oldmm->bd_enabled);
}
static const char *const mpx_nesting_desc[4] = {
        "#1 down_read(bd_sem) then down_read(mmap_lock)",
        "#2 down_read(bd_sem) then down_write(mmap_lock)",
        "#3 down_write(bd_sem) then down_read(mmap_lock)",
        "#4 down_write(bd_sem) then down_write(mmap_lock)",
};
static const char *mpx_nesting_seen[4][4];      /* places, by nesting */

/* Context: just after taking mm->mmap_lock. */
static void mpx_note_nesting(struct mm_struct *mm, const char *where)
{
        struct lockdep_task *t = lockdep_current();
        int bd = -1, mmap = -1;

        if (!t)
                return;
        for (int i = 0; i < t->depth; i++) {
                if (t->held[i].instance == &mm->bd_sem.dep_map)
                        bd = t->held[i].read;
                if (t->held[i].instance == &mm->mmap_lock.dep_map)
                        mmap = t->held[i].read;
        }
        if (bd < 0 || mmap < 0)
                return;
        int n = (bd ? 0 : 2) + (mmap ? 0 : 1);

        for (int k = 0; k < 4; k++) {
                const char *old = NULL;

                if (__atomic_load_n(&mpx_nesting_seen[n][k], __ATOMIC_ACQUIRE) == where)
                        return;
                if (__atomic_compare_exchange_n(&mpx_nesting_seen[n][k], &old, where, false,
                                                __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE)) {
                        pr_info("mpx: nesting %s, in %s\n", mpx_nesting_desc[n], where);
                        return;
                }
                if (old == where)
                        return;
        }
}
enum mpx_held { MPX_HELD_NONE, MPX_HELD_READ, MPX_HELD_WRITE };

/* Context: process; mmap_lock held as `held' says.  0, or -EFAULT / -ENOMEM. */
static int mpx_resolve_fault(struct mm_struct *mm, unsigned long addr, bool write,
                             enum mpx_held held)
{
        struct vm_area_struct *vma;
        int ret = -EFAULT;

        if (held == MPX_HELD_NONE) {
                mmap_read_lock(mm);
                mpx_note_nesting(mm, "mpx_resolve_fault");
        }
        vma = find_vma(mm, addr);
        if (vma && vma->vm_start <= addr &&
            (vma->vm_flags & (write ? VM_WRITE : VM_READ | VM_WRITE))) {
                vm_fault_t fault = handle_mm_fault(vma, addr, write ? FAULT_FLAG_WRITE : 0);

                ret = fault & VM_FAULT_OOM ? -ENOMEM : fault & VM_FAULT_SIGBUS ? -EFAULT : 0;
        }
        if (held == MPX_HELD_NONE)
                mmap_read_unlock(mm);
        if (!ret)
                __atomic_add_fetch(&mpx_stat.faults_resolved, 1, __ATOMIC_RELAXED);
        return ret;
}
/* *old: the value expected in, the value found out.  0 or -EFAULT. */
static int user_cmpxchg_u64(u64 __user *p, u64 *old, u64 new)
{
        u64 prev = *old;
        int err = 0;

        if (!access_ok(p, 8) || ((unsigned long)p & 7))
                return -EFAULT;
        if (smap_enabled)
                asm volatile("stac" ::: "memory");
        asm volatile("1:        lock cmpxchgq %3, %1\n"
                     "2:\n"
                     "  .pushsection .fixup, \"ax\"\n"
                     "3:        movl $-14, %0\n"
                     "  jmp 2b\n"
                     "  .popsection\n"
                     "  .pushsection __ex_table, \"a\"\n"
                     "  .balign 8\n"
                     "  .quad 1b, 3b\n"
                     "  .popsection"
                     : "+r"(err), "+m"(*(u64 *)p), "+a"(prev) : "r"(new) : "memory");
        if (smap_enabled)
                asm volatile("clac" ::: "memory");
        *old = prev;
        return err;
}
static int mpx_access(struct mm_struct *mm, u64 __user *p, u64 *val, const u64 *new,
                      enum mpx_held held)
{
        int err;

        if (mpx_unmap_mode == MPX_UNMAP_V9 && held == MPX_HELD_WRITE)
                return new ? user_cmpxchg_u64(p, val, *new) : get_user(*val, p);
        for (int tries = 0; tries < 8; tries++) {
                preempt_disable();              /* page faults disabled */
                err = new ? user_cmpxchg_u64(p, val, *new) : get_user(*val, p);
                preempt_enable();
                if (err != -EFAULT)
                        return err;
                if (mpx_unmap_mode == MPX_UNMAP_NOFAULT && held == MPX_HELD_WRITE)
                        return -EFAULT;
                err = mpx_resolve_fault(mm, (unsigned long)p, new != NULL, held);
                if (err)
                        return err;
        }
        return -EFAULT;
}
static int mpx_get_entry(struct mm_struct *mm, u64 __user *p, u64 *val, enum mpx_held held)
{
        return mpx_access(mm, p, val, NULL, held);
}
static int mpx_cmpxchg_entry(struct mm_struct *mm, u64 __user *p, u64 *old, u64 new,
                             enum mpx_held held)
{
        return mpx_access(mm, p, old, &new, held);
}
/* The faulting instruction's bytes, as many as can be read (at most n). */
static unsigned int mpx_copy_insn(struct mm_struct *mm, unsigned long ip, u8 *buf,
                                  unsigned int n)
{
        unsigned int got = 0;

        while (got < n) {
                u64 w;

                if (mpx_get_entry(mm, (u64 __user *)((ip + got) & ~7UL), &w, MPX_HELD_NONE))
                        break;
                for (unsigned int k = (ip + got) & 7; k < 8 && got < n; k++)
                        buf[got++] = (u8)(w >> (8 * k));
        }
        return got;
}
static unsigned long mpx_reg(const struct pt_regs *regs, unsigned int n)
{
        const unsigned long r[16] = {
                regs->ax, regs->cx, regs->dx, regs->bx, regs->sp, regs->bp, regs->si, regs->di,
                regs->r8, regs->r9, regs->r10, regs->r11, regs->r12, regs->r13, regs->r14, regs->r15,
        };
        return r[n & 15];
}
/* 0 and *bndreg, *addr set; or -EINVAL if insn is not BNDCL/BNDCU/BNDCN. */
static int mpx_decode(const u8 *insn, unsigned int len, const struct pt_regs *regs,
                      unsigned int *bndreg, unsigned long *addr)
{
        unsigned int i = 0, rex = 0, rep = 0, asize32 = 0;

        for (; i < len; i++) {
                u8 b = insn[i];
                if (b == 0xf2 || b == 0xf3)
                        rep = b;
                else if (b == 0x67)
                        asize32 = 1;
                else if (b != 0x66 && b != 0x2e && b != 0x3e && b != 0x26 && b != 0x36 &&
                         b != 0x64 && b != 0x65)
                        break;
        }
        if (i < len && (insn[i] & 0xf0) == 0x40)
                rex = insn[i++];
        if (i + 3 > len || insn[i] != 0x0f || (insn[i + 1] != 0x1a && insn[i + 1] != 0x1b))
                return -EINVAL;
        if (insn[i + 1] == 0x1a ? !rep : rep != 0xf2)
                return -EINVAL;
        i += 2;
        u8 modrm = insn[i++];
        unsigned int mod = modrm >> 6, rm = modrm & 7;
        long disp = 0;

        *bndreg = ((modrm >> 3) & 7) | (rex & 4 ? 8 : 0);
        if (*bndreg > 3)
                return -EINVAL;
        if (mod == 3) {
                *addr = mpx_reg(regs, rm | (rex & 1 ? 8 : 0));
                return 0;
        }
        if (rm == 4) {
                if (i >= len)
                        return -EINVAL;
                u8 sib = insn[i++];
                unsigned int index = ((sib >> 3) & 7) | (rex & 2 ? 8 : 0), base = sib & 7;

                *addr = index == 4 ? 0 : mpx_reg(regs, index) << (sib >> 6);
                if (base == 5 && mod == 0)
                        mod = 2;                        /* disp32, no base */
                else
                        *addr += mpx_reg(regs, base | (rex & 1 ? 8 : 0));
        } else if (rm == 5 && mod == 0) {
                *addr = regs->ip;                       /* plus the length, below */
                mod = 2;
                rex |= 0x100;                           /* remember: RIP-relative */
        } else {
                *addr = mpx_reg(regs, rm | (rex & 1 ? 8 : 0));
        }
        if (mod == 1 && i + 1 <= len)
                disp = (s8)insn[i++];
        else if (mod == 2 && i + 4 <= len) {
                disp = (s32)(insn[i] | insn[i + 1] << 8 | insn[i + 2] << 16 | (u32)insn[i + 3] << 24);
                i += 4;
        } else if (mod != 0)
                return -EINVAL;
        *addr += disp;
        if (rex & 0x100)
                *addr += i;
        if (asize32)
                *addr = (u32)*addr;
        return 0;
}
/* Context: process, from do_bounds with interrupts on. */
static int mpx_bounds_violation(struct pt_regs *regs)
{
        struct mm_struct *mm = current->mm;
        struct mpx_bndreg bnd[4];
        unsigned int bndreg, len;
        unsigned long addr;
        u8 insn[15];
        int err;

        if (mpx_design == MPX_DESIGN_BDSEM)
                down_read(&mm->bd_sem);
        len = mpx_copy_insn(mm, regs->ip, insn, sizeof(insn));
        err = mpx_decode(insn, len, regs, &bndreg, &addr);
        if (mpx_design == MPX_DESIGN_BDSEM)
                up_read(&mm->bd_sem);
        if (err)
                return err;
        mpx_get_state(bnd, NULL);
        force_sig_bnderr(addr, bnd[bndreg].lower, ~bnd[bndreg].upper);
        return 0;
}
/* Context: mmap_lock held for writing.  The table's address, or an error. */
static unsigned long mpx_mmap_bt(struct mm_struct *mm)
{
        unsigned long addr = do_mmap(mm, 0, MPX_BT_SIZE_BYTES, PROT_READ | PROT_WRITE,
                                     MAP_ANONYMOUS | MAP_PRIVATE, 0);
        struct vm_area_struct *vma;

        if (IS_ERR_VALUE(addr))
                return addr;
        vma = find_vma(mm, addr);
        if (vma->vm_start < addr && split_vma(mm, vma, addr, 1))
                goto fail;
        vma = find_vma(mm, addr);
        if (vma->vm_end > addr + MPX_BT_SIZE_BYTES &&
            split_vma(mm, vma, addr + MPX_BT_SIZE_BYTES, 0))
                goto fail;
        vma->vm_flags |= VM_MPX;
        __atomic_add_fetch(&mpx_stat.tables_allocated, 1, __ATOMIC_RELAXED);
        return addr;
fail:
        do_munmap(mm, addr, MPX_BT_SIZE_BYTES);
        return -ENOMEM;
}
static int mpx_allocate_bt(struct mm_struct *mm, u64 __user *bd_entry)
{
        u64 found = 0;
        unsigned long bt;
        int ret;

        mmap_write_lock(mm);
        mpx_note_nesting(mm, "mpx_allocate_bt");
        bt = mpx_mmap_bt(mm);
        mmap_write_unlock(mm);
        if (IS_ERR_VALUE(bt))
                return (int)bt;
        race_point("mpx:bt-allocated");
        ret = mpx_cmpxchg_entry(mm, bd_entry, &found, bt | MPX_BD_ENTRY_VALID, MPX_HELD_NONE);
        if (!ret && found == 0) {
                race_point("mpx:bt-installed");
                return 0;
        }
        if (!ret && !(found & MPX_BD_ENTRY_VALID))
                ret = -EINVAL;
        if (!ret && __atomic_add_fetch(&mpx_stat.cmpxchg_lost, 1, __ATOMIC_RELAXED) <= 10)
                pr_info("mpx: %s[%d] lost the race for directory entry %#lx; its table "
                        "is freed\n", current->comm, current->pid, (unsigned long)bd_entry);
        mmap_write_lock(mm);
        do_munmap(mm, bt, MPX_BT_SIZE_BYTES);
        mmap_write_unlock(mm);
        return ret;
}
/* Context: process, from do_bounds with interrupts on. */
static int mpx_handle_bd_fault(unsigned long bd_entry)
{
        struct mm_struct *mm = current->mm;
        int ret = -EINVAL;

        if (mpx_design == MPX_DESIGN_BDSEM)
                down_read(&mm->bd_sem);
        if (READ_ONCE(mm->bd_enabled) && bd_entry >= mm->bd_addr &&
            bd_entry - mm->bd_addr < MPX_BD_SIZE_BYTES)
                ret = mpx_allocate_bt(mm, (u64 __user *)bd_entry);
        if (mpx_design == MPX_DESIGN_BDSEM)
                up_read(&mm->bd_sem);
        return ret;
}
/* Context: #BR from user mode, interrupts off on entry and on return. */
bool do_bounds(struct pt_regs *regs)
{
        struct mpx_bndcsr csr;
        bool handled = false;

        if (!mpx_supported || !current->mm)
                return false;
        local_irq_enable();
        mpx_get_state(NULL, &csr);
        switch (csr.bndstatus & MPX_BNDSTA_ERROR) {
        case 1:
                handled = mpx_bounds_violation(regs) == 0;
                break;
        case 2:
                handled = mpx_handle_bd_fault(csr.bndstatus & MPX_BNDSTA_ADDR_MASK) == 0;
                break;
        case 0:
                break;
        default:
                pr_warn("mpx: %s[%d]: #BR with BNDSTATUS %#llx, a code the CPU never "
                        "writes: SIGSEGV (Linux called die(\"bounds\"))\n", current->comm,
                        current->pid, (unsigned long long)csr.bndstatus);
                break;
        }
        local_irq_disable();
        return handled;
}
static struct vm_area_struct *mpx_table_vma(struct mm_struct *mm, unsigned long bt)
{
        struct vm_area_struct *vma = find_vma(mm, bt);

        if (!vma || vma->vm_start != bt || vma->vm_end != bt + MPX_BT_SIZE_BYTES ||
            !(vma->vm_flags & VM_MPX))
                return NULL;
        return vma;
}
/* Is there data in [rs, re) outside [start, end)? */
static bool mpx_table_shared(struct mm_struct *mm, unsigned long rs, unsigned long re,
                             unsigned long start, unsigned long end)
{
        for (struct vm_area_struct *vma = find_vma(mm, rs); vma && vma->vm_start < re;
             vma = vma_next(mm, vma)) {
                if (vma->vm_flags & VM_MPX)
                        continue;
                if (max(vma->vm_start, rs) < start || min(vma->vm_end, re) > end)
                        return true;
        }
        return false;
}
static bool mpx_range_has_table(struct mm_struct *mm, unsigned long start, unsigned long end)
{
        for (struct vm_area_struct *vma = find_vma(mm, start); vma && vma->vm_start < end;
             vma = vma_next(mm, vma))
                if (vma->vm_flags & VM_MPX)
                        return true;
        return false;
}
struct mpx_unmap_work {
        struct mm_struct *mm;
        unsigned long start, end;       /* the range being unmapped */
        enum mpx_held held;             /* how the caller holds mmap_lock */
        bool defer;                     /* mark for mpx_post_unmap, do not unmap */
};

static void mpx_unmap_entry(struct mpx_unmap_work *w, unsigned long rs)
{
        struct mm_struct *mm = w->mm;
        u64 __user *entry = (u64 __user *)mpx_bd_entry(mm->bd_addr, rs);
        unsigned long re = rs + MPX_BT_COVERS, bt;
        struct vm_area_struct *tvma;
        u64 e, found;

        if (mpx_get_entry(mm, entry, &e, w->held)) {
                __atomic_add_fetch(&mpx_stat.entries_unreadable, 1, __ATOMIC_RELAXED);
                return;
        }
        if (!(e & MPX_BD_ENTRY_VALID))
                return;
        bt = e & MPX_BD_ENTRY_ADDR;
        tvma = mpx_table_vma(mm, bt);
        if (!tvma)
                return;
        if (mpx_table_shared(mm, rs, re, w->start, w->end)) {
                unmap_region(tvma, bt + (max(rs, w->start) - rs) * 4,
                             bt + (min(re, w->end) - rs) * 4);
                __atomic_add_fetch(&mpx_stat.tables_zapped, 1, __ATOMIC_RELAXED);
                return;
        }
        found = e;
        if (mpx_cmpxchg_entry(mm, entry, &found, 0, w->held) || found != e)
                return;
        if (w->defer) {
                tvma->vm_flags |= VM_MPX_REMOVE;
                mm->bd_remove_vmas++;
        } else {
                do_munmap(mm, bt, MPX_BT_SIZE_BYTES);
                __atomic_add_fetch(&mpx_stat.tables_freed, 1, __ATOMIC_RELAXED);
        }
}
static void mpx_unmap_tables(struct mpx_unmap_work *w)
{
        if (w->start >= w->end || mpx_range_has_table(w->mm, w->start, w->end))
                return;
        for (unsigned long rs = w->start & ~(MPX_BT_COVERS - 1); rs < w->end; rs += MPX_BT_COVERS)
                mpx_unmap_entry(w, rs);
}
static bool mpx_managed(struct mm_struct *mm)
{
        return mpx_supported && mm && READ_ONCE(mm->bd_enabled);
}
/* Context: process, no MPX lock or mmap_lock held. */
int mpx_pre_unmap(struct mm_struct *mm, unsigned long start, size_t len)
{
        unsigned long end = start + PAGE_ALIGN(len);

        if (!len || !mpx_managed(mm))
                return MPX_PRE_NONE;
        race_point("mpx:unmap-start");
        if (mpx_design != MPX_DESIGN_BDSEM || mpx_unmap_mode != MPX_UNMAP_RESOLVE)
                return MPX_PRE_UNMAP;
        down_write(&mm->bd_sem);
        if (!mm->bd_enabled || (start & ~PAGE_MASK) || end <= start || end > TASK_SIZE_MAX)
                return MPX_PRE_LOCKED;
        mmap_read_lock(mm);
        mpx_note_nesting(mm, "mpx_pre_unmap");
        mpx_unmap_tables(&(struct mpx_unmap_work){ .mm = mm, .start = start, .end = end,
                                                   .held = MPX_HELD_READ, .defer = true });
        race_point("mpx:unmap-scanned");
        mmap_read_unlock(mm);
        return MPX_PRE_LOCKED;
}
/* Context: process; bd_sem held for writing if pre is MPX_PRE_LOCKED. */
void mpx_post_unmap(struct mm_struct *mm, int pre)
{
        struct vm_area_struct *vma, *next;

        if (pre == MPX_PRE_NONE)
                return;
        if (pre == MPX_PRE_LOCKED && mm->bd_remove_vmas) {
                mmap_write_lock(mm);
                mpx_note_nesting(mm, "mpx_post_unmap");
                for (vma = vma_next(mm, NULL); vma; vma = next) {
                        next = vma_next(mm, vma);
                        if (!(vma->vm_flags & VM_MPX_REMOVE))
                                continue;
                        do_munmap(mm, vma->vm_start, vma->vm_end - vma->vm_start);
                        __atomic_add_fetch(&mpx_stat.tables_freed, 1, __ATOMIC_RELAXED);
                }
                mm->bd_remove_vmas = 0;
                mmap_write_unlock(mm);
        }
        if (pre == MPX_PRE_LOCKED)
                up_write(&mm->bd_sem);
        race_point("mpx:unmap-done");
}
/* Context: do_munmap, mmap_lock held for writing. */
void mpx_notify_unmap(struct mm_struct *mm, unsigned long start, unsigned long end, int when)
{
        bool v9 = mpx_unmap_mode != MPX_UNMAP_RESOLVE;

        if (!mpx_managed(mm))
                return;
        if (v9 ? when != MPX_UNMAP_AFTER : mpx_design != MPX_DESIGN_MERGED || when != MPX_UNMAP_BEFORE)
                return;
        mpx_unmap_tables(&(struct mpx_unmap_work){ .mm = mm, .start = start, .end = end,
                                                   .held = MPX_HELD_WRITE, .defer = false });
        race_point("mpx:unmap-scanned");
}
