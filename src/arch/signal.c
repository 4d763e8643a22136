/* Tangled from book/signal.nw (chapter "Signals and threads"). Do not edit: edit the book and run make tangle. */
#include <asm/fpu.h>
#include <asm/processor.h>
#include <asm/pti.h>
#include <asm/segment.h>
#include <asm/traps.h>
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/preempt.h>
#include <linux/process.h>
#include <linux/signal.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/syscalls.h>
#include <linux/uaccess.h>

struct sigcontext {
        u64 r8, r9, r10, r11, r12, r13, r14, r15;
        u64 di, si, bp, bx, dx, ax, cx, sp, ip, flags;
        u16 cs, gs, fs, ss;
        u64 err, trapno, oldmask, cr2;
        u64 fpstate;                    /* user address of the XSAVE area, or 0 */
        u64 reserved1[8];
};
struct ucontext {
        u64 uc_flags;
        u64 uc_link;
        struct kernel_stack_t uc_stack;
        struct sigcontext uc_mcontext;
        u64 uc_sigmask;
};
struct siginfo {
        int si_signo, si_errno, si_code, __pad;
        union {
                struct { int pid, uid; } kill;
                struct { int pid, uid, status, __pad; long utime, stime; } chld;
                struct { u64 addr; short addr_lsb, __pad[3]; u64 lower, upper; } fault;
                u8 bytes[112];
        };
};
struct rt_sigframe {
        u64 pretcode;
        struct ucontext uc;
        struct siginfo info;
};
#define UC_FP_XSTATE         0x1
#define UC_SIGCONTEXT_SS     0x2
#define UC_STRICT_RESTORE_SS 0x4
_Static_assert(sizeof(struct sigcontext) == 256, "sigcontext");
_Static_assert(__builtin_offsetof(struct sigcontext, cs) == 18 * 8, "REG_CSGSFS");
_Static_assert(__builtin_offsetof(struct sigcontext, fpstate) == 23 * 8, "fpregs");
_Static_assert(__builtin_offsetof(struct ucontext, uc_mcontext) == 40, "uc_mcontext");
_Static_assert(sizeof(struct ucontext) == 304, "ucontext");
_Static_assert(sizeof(struct siginfo) == 128, "siginfo_t");
_Static_assert(__builtin_offsetof(struct rt_sigframe, info) == 312, "rt_sigframe");
#define FP_XSTATE_MAGIC1      0x46505853U
#define FP_XSTATE_MAGIC2      0x46505845U
#define FP_XSTATE_MAGIC2_SIZE 4
#define XSAVE_SW_BYTES        464       /* offset of _fpx_sw_bytes */
#define XSAVE_MXCSR           24
#define XSAVE_MXCSR_MASK      28
#define XSAVE_HDR             512       /* offset of the XSAVE header */
struct _fpx_sw_bytes {
        u32 magic1, extended_size;
        u64 xfeatures;
        u32 xstate_size, padding[7];
};
struct xstate_header { u64 xfeatures, xcomp_bv, reserved[6]; };
_Static_assert(sizeof(struct _fpx_sw_bytes) == 48, "_fpx_sw_bytes");
static int save_fpstate_to_frame(unsigned long buf)
{
        struct task_struct *t = current;
        struct _fpx_sw_bytes sw = {
                .magic1 = FP_XSTATE_MAGIC1,
                .extended_size = fpu_xstate_size + FP_XSTATE_MAGIC2_SIZE,
                .xfeatures = xfeatures_mask, .xstate_size = fpu_xstate_size,
        };
        u64 xfeatures;

        preempt_disable();
        fpu_save(t);
        preempt_enable();
        xfeatures = ((struct xstate_header *)((char *)t->fpstate + XSAVE_HDR))->xfeatures |
                    XFEATURE_MASK_FP | XFEATURE_MASK_SSE;
        if (copy_to_user((void __user *)buf, t->fpstate, fpu_xstate_size) ||
            copy_to_user((void __user *)(buf + XSAVE_SW_BYTES), &sw, sizeof(sw)) ||
            put_user(xfeatures, (u64 __user *)(buf + XSAVE_HDR)) ||
            put_user(FP_XSTATE_MAGIC2, (u32 __user *)(buf + fpu_xstate_size)))
                return -EFAULT;
        return 0;
}
static unsigned long get_sigframe(const struct k_sigaction *ka, struct pt_regs *regs,
                                  unsigned long *fpstate)
{
        struct task_struct *t = current;
        bool nested = on_sig_stack(regs->sp), entering = false;
        unsigned long sp = regs->sp - 128;

        if ((ka->flags & SA_ONSTACK) && sas_ss_flags(sp) == 0) {
                sp = t->sas_ss_sp + t->sas_ss_size;
                entering = true;
        }
        sp = (sp - (fpu_xstate_size + FP_XSTATE_MAGIC2_SIZE)) & ~63UL;
        *fpstate = sp;
        sp = ((sp - sizeof(struct rt_sigframe)) & ~15UL) - 8;
        if ((nested || entering) && !on_sig_stack(sp)) {
                pr_info("%s[%d] overflowed sigaltstack\n", t->comm, t->pid);
                return -1UL;
        }
        return sp;
}
static void fill_siginfo(struct siginfo *si, int sig, const struct ksiginfo *info)
{
        si->si_signo = sig;
        si->si_errno = info->err;
        si->si_code = info->code;
        if (info->code <= 0 || info->code == SI_KERNEL) {
                si->kill.pid = info->pid;
                si->kill.uid = info->uid;
        } else if (sig == SIGCHLD) {
                si->chld.pid = info->pid;
                si->chld.uid = info->uid;
                si->chld.status = info->status;
        } else {
                si->fault.addr = info->addr;
                if (sig == SIGSEGV && info->code == SEGV_BNDERR) {
                        si->fault.lower = info->lower;
                        si->fault.upper = info->upper;
                }
        }
}
static void fill_sigcontext(struct sigcontext *sc, const struct pt_regs *regs,
                            int sig, unsigned long oldmask, unsigned long fpstate)
{
        const struct task_struct *t = current;
        bool fault = sig == t->fault.signo;

        *sc = (struct sigcontext){
                .r8 = regs->r8, .r9 = regs->r9, .r10 = regs->r10, .r11 = regs->r11,
                .r12 = regs->r12, .r13 = regs->r13, .r14 = regs->r14, .r15 = regs->r15,
                .di = regs->di, .si = regs->si, .bp = regs->bp, .bx = regs->bx,
                .dx = regs->dx, .ax = regs->ax, .cx = regs->cx, .sp = regs->sp,
                .ip = regs->ip, .flags = regs->flags,
                .cs = regs->cs, .ss = regs->ss,
                .err = fault ? t->fault.error : 0, .trapno = fault ? t->fault.trapno : 0,
                .oldmask = oldmask, .cr2 = fault ? t->fault.cr2 : 0, .fpstate = fpstate,
        };
}
int setup_rt_frame(int sig, const struct ksiginfo *info, const struct k_sigaction *ka,
                   unsigned long oldmask, struct pt_regs *regs)
{
        struct task_struct *t = current;
        struct rt_sigframe f;
        unsigned long fpstate, frame;

        if (!(ka->flags & SA_RESTORER))
                return -EFAULT;
        frame = get_sigframe(ka, regs, &fpstate);
        if (frame == -1UL || save_fpstate_to_frame(fpstate))
                return -EFAULT;
        memset(&f, 0, sizeof(f));
        f.pretcode = ka->restorer;
        f.uc.uc_flags = UC_FP_XSTATE | UC_SIGCONTEXT_SS |
                        (regs->cs == __USER_CS ? UC_STRICT_RESTORE_SS : 0);
        f.uc.uc_stack.ss_sp = t->sas_ss_sp;
        f.uc.uc_stack.ss_flags = sas_ss_flags(regs->sp);
        f.uc.uc_stack.ss_size = t->sas_ss_size;
        fill_sigcontext(&f.uc.uc_mcontext, regs, sig, oldmask, fpstate);
        f.uc.uc_sigmask = oldmask;
        fill_siginfo(&f.info, sig, info);
        if (copy_to_user((void __user *)frame, &f, sizeof(f)))
                return -EFAULT;
        if (sig == t->fault.signo)
                t->fault.signo = 0;             /* reported once */
        if (t->sas_ss_flags & SS_AUTODISARM)
                t->sas_ss_sp = t->sas_ss_size = 0;
        regs->di = sig;
        regs->si = frame + __builtin_offsetof(struct rt_sigframe, info);
        regs->dx = frame + __builtin_offsetof(struct rt_sigframe, uc);
        regs->ax = 0;
        regs->ip = ka->handler;
        regs->sp = frame;
        regs->cs = __USER_CS;
        regs->ss = __USER_DS;
        regs->flags &= ~(X86_EFLAGS_DF | X86_EFLAGS_RF | X86_EFLAGS_TF);
        fpu_reset_current();
        return 0;
}
#define AR_TYPE_MASK   (0xfU << 8)
#define AR_TYPE_RWDATA (0x2U << 8)
#define AR_TYPE_RWDATA_EXPDOWN (0x6U << 8)
#define AR_S           (1U << 12)
#define AR_DPL3        (3U << 13)
#define AR_P           (1U << 15)
static void force_valid_ss(struct pt_regs *regs)
{
        u32 ar;

        asm("lar %1, %0\n\tjz 1f\n\txorl %0, %0\n1:" : "=r"(ar) : "r"((u32)(u16)regs->ss) : "cc");
        ar &= AR_TYPE_MASK | AR_S | AR_DPL3 | AR_P;
        if (ar != (AR_P | AR_S | AR_DPL3 | AR_TYPE_RWDATA) &&
            ar != (AR_P | AR_S | AR_DPL3 | AR_TYPE_RWDATA_EXPDOWN))
                regs->ss = __USER_DS;
}
#define FIX_EFLAGS (X86_EFLAGS_AC | X86_EFLAGS_OF | X86_EFLAGS_DF | X86_EFLAGS_TF | \
                    X86_EFLAGS_SF | X86_EFLAGS_ZF | X86_EFLAGS_AF | X86_EFLAGS_PF | \
                    X86_EFLAGS_CF | X86_EFLAGS_RF)
static void restore_sigcontext(struct pt_regs *regs, const struct sigcontext *sc,
                               u64 uc_flags)
{
        regs->r8 = sc->r8; regs->r9 = sc->r9; regs->r10 = sc->r10; regs->r11 = sc->r11;
        regs->r12 = sc->r12; regs->r13 = sc->r13; regs->r14 = sc->r14; regs->r15 = sc->r15;
        regs->di = sc->di; regs->si = sc->si; regs->bp = sc->bp; regs->bx = sc->bx;
        regs->dx = sc->dx; regs->ax = sc->ax; regs->cx = sc->cx; regs->sp = sc->sp;
        regs->ip = sc->ip;
        regs->flags = (regs->flags & ~FIX_EFLAGS) | (sc->flags & FIX_EFLAGS);
        regs->cs = sc->cs | 3;
        regs->ss = sc->ss | 3;
        regs->orig_ax = -1;
        if (!(uc_flags & UC_STRICT_RESTORE_SS) && regs->cs == __USER_CS)
                force_valid_ss(regs);
}
static u32 mxcsr_feature_mask(void)
{
        static u32 mask;

        if (!mask) {
                preempt_disable();
                fpu_save(current);              /* XSAVE writes MXCSR_MASK too */
                mask = *(u32 *)((u8 *)current->fpstate + XSAVE_MXCSR_MASK);
                preempt_enable();
                if (!mask)
                        mask = 0xffbf;
        }
        return mask;
}
static bool xstate_image_ok(u8 *img)
{
        const struct _fpx_sw_bytes *sw = (const void *)(img + XSAVE_SW_BYTES);
        struct xstate_header *hdr = (void *)(img + XSAVE_HDR);
        bool full = sw->magic1 == FP_XSTATE_MAGIC1 && sw->xstate_size == fpu_xstate_size &&
                    sw->extended_size == fpu_xstate_size + FP_XSTATE_MAGIC2_SIZE &&
                    *(u32 *)(img + fpu_xstate_size) == FP_XSTATE_MAGIC2;

        if (*(u32 *)(img + XSAVE_MXCSR) & ~mxcsr_feature_mask())
                return false;
        if (!full) {                    /* an FXSAVE image: x87 and SSE only */
                memset(img + XSAVE_HDR, 0, fpu_xstate_size - XSAVE_HDR);
                hdr->xfeatures = XFEATURE_MASK_FP | XFEATURE_MASK_SSE;
                return true;
        }
        if (hdr->xfeatures & ~xfeatures_mask || hdr->xcomp_bv)
                return false;
        for (int i = 0; i < 6; i++)
                if (hdr->reserved[i])
                        return false;
        return true;
}
static int restore_fpstate(u64 ufp)
{
        struct task_struct *t = current;
        u8 *img;

        if (!ufp) {
                fpu_reset_current();
                return 0;
        }
        img = kmalloc(fpu_xstate_size + FP_XSTATE_MAGIC2_SIZE, GFP_KERNEL);
        if (!img)
                return -ENOMEM;
        int err = copy_from_user(img, (const void __user *)ufp,
                                 fpu_xstate_size + FP_XSTATE_MAGIC2_SIZE) ? -EFAULT : 0;
        if (!err && !xstate_image_ok(img))
                err = -EINVAL;
        if (!err) {
                preempt_disable();
                memcpy(t->fpstate, img, fpu_xstate_size);
                fpu_restore(t);
                preempt_enable();
        }
        kfree(img);
        return err;
}
SYSCALL_DEFINE0(rt_sigreturn)
{
        struct pt_regs *uregs = current_pt_regs();
        unsigned long frame = uregs->sp - sizeof(u64);
        struct ucontext uc;

        if (copy_from_user(&uc, (const void __user *)(frame +
                           __builtin_offsetof(struct rt_sigframe, uc)), sizeof(uc)))
                goto badframe;
        set_current_blocked(uc.uc_sigmask);
        struct pt_regs saved = *uregs;
        restore_sigcontext(uregs, &uc.uc_mcontext, uc.uc_flags);
        if (restore_fpstate(uc.uc_mcontext.fpstate)) {
                *uregs = saved;
                goto badframe;
        }
        (void)do_sigaltstack(&uc.uc_stack, NULL, uregs->sp);
        return uregs->ax;
badframe:
        pr_info("%s[%d] bad frame in rt_sigreturn frame:%lx ip:%lx sp:%lx\n",
                current->comm, current->pid, frame, uregs->ip, uregs->sp);
        force_sig(SIGSEGV);
        return uregs->ax;
}
struct pt_regs *fixup_bad_iret(struct pt_regs *bad);
struct pt_regs *fixup_bad_iret(struct pt_regs *bad)
{
        struct pt_regs *user = task_pt_regs(current), tmp = *bad;

        if ((unsigned long)((long)bad->sp >> PGDIR_SHIFT) == ESPFIX_PGD_ENTRY) {
                memcpy(&tmp.ip, (const void *)bad->sp, 5 * sizeof(unsigned long));
                *user = tmp;
                return user;
        }
        BUG_ON(bad->sp != this_cpu_read(cpu_entry_stack_top) - 5 * sizeof(unsigned long));
        memcpy(&tmp.ip, (const void *)bad->sp, 5 * sizeof(unsigned long));
        *user = tmp;
        return user;
}
