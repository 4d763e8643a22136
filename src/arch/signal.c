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
#include <linux/ptrace.h>
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
void ksiginfo_to_user_layout(void *buf, int sig, const struct ksiginfo *info)
{
        memset(buf, 0, sizeof(struct siginfo));
        fill_siginfo(buf, sig, info);
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
#define AR_TYPE_MASK   (0x7U << 9)        /* the type without the accessed bit */
#define AR_TYPE_RWDATA (0x1U << 9)
#define AR_TYPE_RWDATA_EXPDOWN (0x3U << 9)
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
int setup_rt_frame(int sig, const struct ksiginfo *info, const struct k_sigaction *ka,
                   unsigned long oldmask, struct pt_regs *regs)
{
        struct task_struct *t = current;
        struct rt_sigframe f;
        unsigned long fpstate, frame;

        if (ka->flags & SA_IA32_ABI)
                return ia32_setup_frame(sig, info, ka, oldmask, regs);
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
        if (regs->ss != __USER_DS)
                force_valid_ss(regs);
        regs->flags &= ~(X86_EFLAGS_DF | X86_EFLAGS_RF | X86_EFLAGS_TF);
        fpu_reset_current();
        return 0;
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
#include <asm/ldt.h>
struct sigcontext_32 {
        u32 gs, fs, es, ds;             /* selectors, zero-extended */
        u32 di, si, bp, sp, bx, dx, cx, ax;
        u32 trapno, err, ip, cs, flags, sp_at_signal, ss;
        u32 fpstate;                    /* user address of the FPU state, or 0 */
        u32 oldmask, cr2;
};
struct ucontext_ia32 {
        u32 uc_flags, uc_link;
        struct { u32 ss_sp; int ss_flags; u32 ss_size; } uc_stack;
        struct sigcontext_32 uc_mcontext;
        u32 uc_sigmask[2];
};
struct siginfo32 {
        int si_signo, si_errno, si_code;
        union {
                struct { int pid, uid; } kill;
                struct { int pid, uid, status, utime, stime; } chld;
                struct { u32 addr; } fault;
                u8 bytes[116];
        };
};
#define FSAVE_HEADER_SIZE 112           /* struct fregs_state */
struct sigframe_ia32 {
        u32 pretcode;
        int sig;
        struct sigcontext_32 sc;
        u8 fpstate_unused[624];         /* struct _fpstate_32 */
        u32 extramask[1];
        u8 retcode[8];
};
struct rt_sigframe_ia32 {
        u32 pretcode;
        int sig;
        u32 pinfo, puc;
        struct siginfo32 info;
        struct ucontext_ia32 uc;
        u8 retcode[8];
};
_Static_assert(sizeof(struct sigcontext_32) == 88, "sigcontext_32");
_Static_assert(__builtin_offsetof(struct sigcontext_32, ss) == 72, "sigcontext_32.ss");
_Static_assert(sizeof(struct ucontext_ia32) == 116, "ucontext_ia32");
_Static_assert(sizeof(struct siginfo32) == 128, "compat_siginfo_t");
_Static_assert(sizeof(struct sigframe_ia32) == 732, "sigframe_ia32");
_Static_assert(__builtin_offsetof(struct rt_sigframe_ia32, uc) == 144, "rt_sigframe_ia32.uc");
_Static_assert(sizeof(struct rt_sigframe_ia32) == 268, "rt_sigframe_ia32");
static unsigned long ia32_get_sigframe(const struct k_sigaction *ka, struct pt_regs *regs,
                                       size_t frame_size, unsigned long *buf_fx)
{
        struct task_struct *t = current;
        bool nested = on_sig_stack(regs->sp), entering = false;
        unsigned long sp = regs->sp;

        if (ka->flags & SA_ONSTACK) {
                if (sas_ss_flags(sp) == 0) {
                        sp = t->sas_ss_sp + t->sas_ss_size;
                        entering = true;
                }
        } else if (!nested && regs->ss != __USER_DS && !(ka->flags & SA_RESTORER) &&
                   ka->restorer) {
                sp = ka->restorer;
                entering = true;
        }
        sp = (sp - (fpu_xstate_size + FP_XSTATE_MAGIC2_SIZE)) & ~63UL;
        *buf_fx = sp;
        sp -= FSAVE_HEADER_SIZE + frame_size;
        sp = ((sp + 4) & ~15UL) - 4;
        if ((nested || entering) && !on_sig_stack(sp)) {
                pr_info("%s[%d] overflowed sigaltstack\n", t->comm, t->pid);
                return -1UL;
        }
        return sp;
}
unsigned long get_sigframe_size(void)
{
        unsigned long size = sizeof(struct sigframe_ia32) + 15 + fpu_xstate_size +
                             FP_XSTATE_MAGIC2_SIZE + FSAVE_HEADER_SIZE + 63;

        return (size + 15) & ~15UL;
}
struct fregs_state {
        u32 cwd, swd, twd, fip, fcs, foo, fos;
        u8 st_space[80];
        u16 status, magic;
};
_Static_assert(sizeof(struct fregs_state) == FSAVE_HEADER_SIZE, "fregs_state");

static u32 fsave_tag_word(const u8 *fx)
{
        u32 top = (*(const u16 *)(fx + 2) >> 11) & 7, abridged = fx[4], twd = 0xffff0000U;

        for (u32 i = 0; i < 8; i++) {
                u32 tag = 3;                    /* empty */
                if (abridged & (1U << i)) {
                        const u8 *st = fx + 32 + 16 * ((i - top) & 7);
                        u64 mant;
                        u16 exp = *(const u16 *)(st + 8) & 0x7fff;

                        memcpy(&mant, st, 8);
                        if (exp == 0x7fff)
                                tag = 2;        /* special: infinity or NaN */
                        else if (exp == 0)
                                tag = mant ? 2 : 1;     /* denormal, or zero */
                        else
                                tag = mant >> 63 ? 0 : 2;       /* valid, or unnormal */
                }
                twd |= tag << (2 * i);
        }
        return twd;
}
static int save_fsave_header(unsigned long buf, const struct pt_regs *regs)
{
        const u8 *fx = current->fpstate;        /* saved by save_fpstate_to_frame */
        struct fregs_state env;
        unsigned short ds;

        savesegment(ds, ds);
        env = (struct fregs_state){
                .cwd = *(const u16 *)fx | 0xffff0000U, .swd = *(const u16 *)(fx + 2) | 0xffff0000U,
                .twd = fsave_tag_word(fx), .fip = *(const u32 *)(fx + 8),
                .fcs = (u16)regs->cs | (u32)*(const u16 *)(fx + 6) << 16,
                .foo = *(const u32 *)(fx + 16), .fos = ds | 0xffff0000U,
                .status = *(const u16 *)(fx + 2), .magic = 0,
        };
        for (int i = 0; i < 8; i++)
                memcpy(env.st_space + 10 * i, fx + 32 + 16 * i, 10);
        return copy_to_user((void __user *)buf, &env, sizeof(env)) ? -EFAULT : 0;
}
static void fill_sigcontext_32(struct sigcontext_32 *sc, const struct pt_regs *regs,
                               int sig, unsigned long oldmask, unsigned long fpstate)
{
        const struct task_struct *t = current;
        bool fault = sig == t->fault.signo;
        unsigned short gs, fs, es, ds;

        savesegment(gs, gs);
        savesegment(fs, fs);
        savesegment(es, es);
        savesegment(ds, ds);
        *sc = (struct sigcontext_32){
                .gs = gs, .fs = fs, .es = es, .ds = ds,
                .di = regs->di, .si = regs->si, .bp = regs->bp, .sp = regs->sp,
                .bx = regs->bx, .dx = regs->dx, .cx = regs->cx, .ax = regs->ax,
                .trapno = fault ? t->fault.trapno : 0, .err = fault ? t->fault.error : 0,
                .ip = regs->ip, .cs = regs->cs, .flags = regs->flags,
                .sp_at_signal = regs->sp, .ss = regs->ss, .fpstate = fpstate,
                .oldmask = oldmask, .cr2 = fault ? t->fault.cr2 : 0,
        };
}
static void fill_siginfo32(struct siginfo32 *si, int sig, const struct ksiginfo *info)
{
        struct siginfo s64;

        memset(&s64, 0, sizeof(s64));
        fill_siginfo(&s64, sig, info);
        si->si_signo = s64.si_signo;
        si->si_errno = s64.si_errno;
        si->si_code = s64.si_code;
        if (info->code <= 0 || info->code == SI_KERNEL) {
                si->kill.pid = s64.kill.pid;
                si->kill.uid = s64.kill.uid;
        } else if (sig == SIGCHLD) {
                si->chld.pid = s64.chld.pid;
                si->chld.uid = s64.chld.uid;
                si->chld.status = s64.chld.status;
        } else {
                si->fault.addr = s64.fault.addr;
        }
}
int ia32_setup_frame(int sig, const struct ksiginfo *info, const struct k_sigaction *ka,
                     unsigned long oldmask, struct pt_regs *regs)
{
        static const u8 sigreturn_code[8] = { 0x58, 0xb8, 119, 0, 0, 0, 0xcd, 0x80 };
        static const u8 rt_sigreturn_code[8] = { 0xb8, 173, 0, 0, 0, 0xcd, 0x80, 0 };
        struct task_struct *t = current;
        bool rt = ka->flags & SA_SIGINFO;
        size_t size = rt ? sizeof(struct rt_sigframe_ia32) : sizeof(struct sigframe_ia32);
        unsigned long buf_fx, frame, fpstate;
        struct sigcontext_32 *sc;
        union { struct sigframe_ia32 f; struct rt_sigframe_ia32 rt; } u;

        frame = ia32_get_sigframe(ka, regs, size, &buf_fx);
        fpstate = buf_fx - FSAVE_HEADER_SIZE;
        if (frame == -1UL || save_fpstate_to_frame(buf_fx) || save_fsave_header(fpstate, regs))
                return -EFAULT;
        memset(&u, 0, sizeof(u));
        u32 restorer = ka->flags & SA_RESTORER ? ka->restorer :
                       frame + (rt ? __builtin_offsetof(struct rt_sigframe_ia32, retcode) :
                                     __builtin_offsetof(struct sigframe_ia32, retcode));
        if (rt) {
                u.rt.pretcode = restorer;
                u.rt.sig = sig;
                u.rt.pinfo = frame + __builtin_offsetof(struct rt_sigframe_ia32, info);
                u.rt.puc = frame + __builtin_offsetof(struct rt_sigframe_ia32, uc);
                fill_siginfo32(&u.rt.info, sig, info);
                u.rt.uc.uc_flags = UC_FP_XSTATE;
                u.rt.uc.uc_stack.ss_sp = t->sas_ss_sp;
                u.rt.uc.uc_stack.ss_flags = sas_ss_flags(regs->sp);
                u.rt.uc.uc_stack.ss_size = t->sas_ss_size;
                u.rt.uc.uc_sigmask[0] = oldmask;
                u.rt.uc.uc_sigmask[1] = oldmask >> 32;
                memcpy(u.rt.retcode, rt_sigreturn_code, 8);
                sc = &u.rt.uc.uc_mcontext;
        } else {
                u.f.pretcode = restorer;
                u.f.sig = sig;
                u.f.extramask[0] = oldmask >> 32;
                memcpy(u.f.retcode, sigreturn_code, 8);
                sc = &u.f.sc;
        }
        fill_sigcontext_32(sc, regs, sig, oldmask, fpstate);
        if (copy_to_user((void __user *)frame, &u, size))
                return -EFAULT;
        if (sig == t->fault.signo)
                t->fault.signo = 0;
        if (t->sas_ss_flags & SS_AUTODISARM)
                t->sas_ss_sp = t->sas_ss_size = 0;
        regs->ax = sig;
        regs->dx = rt ? u.rt.pinfo : 0;
        regs->cx = rt ? u.rt.puc : 0;
        regs->ip = (u32)ka->handler;
        regs->sp = frame;
        regs->cs = __USER32_CS;
        regs->ss = __USER_DS;
        regs->flags &= ~(X86_EFLAGS_DF | X86_EFLAGS_RF | X86_EFLAGS_TF);
        loadsegment(ds, __USER_DS);
        loadsegment(es, __USER_DS);
        fpu_reset_current();
        return 0;
}
struct sigaction32 { u32 handler, flags, restorer, mask[2]; };
struct old_sigaction32 { u32 handler, mask, flags, restorer; };

static int ia32_store_sigaction(int sig, struct k_sigaction *new, bool act,
                                struct k_sigaction *old)
{
        if (act)
                new->flags = (new->flags & UAPI_SA_FLAGS) | SA_IA32_ABI;
        return do_sigaction(sig, act ? new : NULL, old);
}
long ia32_sys_rt_sigaction(const struct pt_regs *regs)
{
        int sig = regs->bx;
        u32 uact = regs->cx, uoact = regs->dx;
        struct sigaction32 a;
        struct k_sigaction new, old;
        int ret;

        if ((u32)regs->si != sizeof(a.mask))
                return -EINVAL;
        if (uact) {
                if (copy_from_user(&a, (const void __user *)(unsigned long)uact, sizeof(a)))
                        return -EFAULT;
                new = (struct k_sigaction){ .handler = a.handler, .flags = a.flags,
                        .restorer = a.restorer, .mask = a.mask[0] | (u64)a.mask[1] << 32 };
        }
        ret = ia32_store_sigaction(sig, &new, uact, &old);
        if (!ret && uoact) {
                a = (struct sigaction32){ .handler = old.handler, .flags = old.flags,
                        .restorer = old.restorer, .mask = { old.mask, old.mask >> 32 } };
                if (copy_to_user((void __user *)(unsigned long)uoact, &a, sizeof(a)))
                        return -EFAULT;
        }
        return ret;
}
long ia32_sys_sigaction(const struct pt_regs *regs)
{
        int sig = regs->bx;
        u32 uact = regs->cx, uoact = regs->dx;
        struct old_sigaction32 a;
        struct k_sigaction new, old;
        int ret;

        if (uact) {
                if (copy_from_user(&a, (const void __user *)(unsigned long)uact, sizeof(a)))
                        return -EFAULT;
                new = (struct k_sigaction){ .handler = a.handler, .flags = a.flags,
                        .restorer = a.restorer, .mask = a.mask };
        }
        ret = ia32_store_sigaction(sig, &new, uact, &old);
        if (!ret && uoact) {
                a = (struct old_sigaction32){ .handler = old.handler, .mask = old.mask,
                        .flags = old.flags, .restorer = old.restorer };
                if (copy_to_user((void __user *)(unsigned long)uoact, &a, sizeof(a)))
                        return -EFAULT;
        }
        return ret;
}
static u16 fixup_rpl(u16 sel)
{
        return sel <= 3 ? sel : sel | 3;
}
static void reload_segments(const struct sigcontext_32 *sc)
{
        unsigned short cur;

        savesegment(gs, cur);
        if (fixup_rpl(sc->gs) != cur)
                load_gs_index(fixup_rpl(sc->gs));
        savesegment(fs, cur);
        if (fixup_rpl(sc->fs) != cur)
                loadsegment(fs, fixup_rpl(sc->fs));
        savesegment(ds, cur);
        if (fixup_rpl(sc->ds) != cur)
                loadsegment(ds, fixup_rpl(sc->ds));
        savesegment(es, cur);
        if (fixup_rpl(sc->es) != cur)
                loadsegment(es, fixup_rpl(sc->es));
}
static u16 fxsr_tag_word(u32 twd)
{
        u32 tag = ~twd;

        tag = (tag | tag >> 1) & 0x5555;        /* one bit per register: not empty */
        tag = (tag | tag >> 1) & 0x3333;
        tag = (tag | tag >> 2) & 0x0f0f;
        return (tag | tag >> 4) & 0x00ff;
}
static void restore_fsave_header(const struct fregs_state *env)
{
        u8 *fx = current->fpstate;
        u64 fip = env->fip, foo = env->foo;

        preempt_disable();
        *(u16 *)fx = env->cwd;
        *(u16 *)(fx + 2) = env->swd;
        *(u16 *)(fx + 4) = fxsr_tag_word(env->twd);
        *(u16 *)(fx + 6) = env->fcs >> 16;
        memcpy(fx + 8, &fip, 8);
        memcpy(fx + 16, &foo, 8);
        for (int i = 0; i < 8; i++)
                memcpy(fx + 32 + 16 * i, env->st_space + 10 * i, 10);
        ((struct xstate_header *)(fx + XSAVE_HDR))->xfeatures |= XFEATURE_MASK_FP;
        fpu_restore(current);
        preempt_enable();
}
static int ia32_restore_sigcontext(struct pt_regs *regs, const struct sigcontext_32 *sc)
{
        struct pt_regs saved = *regs;
        struct fregs_state env;

        regs->bx = sc->bx; regs->cx = sc->cx; regs->dx = sc->dx; regs->si = sc->si;
        regs->di = sc->di; regs->bp = sc->bp; regs->ax = sc->ax; regs->sp = sc->sp;
        regs->ip = sc->ip;
        regs->cs = sc->cs | 3;
        regs->ss = sc->ss | 3;
        regs->flags = (regs->flags & ~FIX_EFLAGS) | (sc->flags & FIX_EFLAGS);
        regs->orig_ax = -1;
        if ((sc->fpstate && copy_from_user(&env, (const void __user *)(unsigned long)sc->fpstate,
                                           sizeof(env))) ||
            restore_fpstate(sc->fpstate ? sc->fpstate + FSAVE_HEADER_SIZE : 0)) {
                *regs = saved;
                return -EFAULT;
        }
        if (sc->fpstate)
                restore_fsave_header(&env);
        reload_segments(sc);
        return 0;
}
static long ia32_bad_frame(struct pt_regs *regs, unsigned long frame, const char *what)
{
        pr_info("%s[%d] bad frame in %s frame:%lx ip:%lx sp:%lx\n",
                current->comm, current->pid, what, frame, regs->ip, regs->sp);
        force_sig(SIGSEGV);
        return regs->ax;
}
long ia32_sys_sigreturn(const struct pt_regs *unused)
{
        struct pt_regs *regs = current_pt_regs();
        unsigned long frame = regs->sp - 8;
        struct sigframe_ia32 f;

        (void)unused;
        if (copy_from_user(&f, (const void __user *)frame, sizeof(f)))
                return ia32_bad_frame(regs, frame, "32bit sigreturn");
        set_current_blocked(f.sc.oldmask | (u64)f.extramask[0] << 32);
        if (ia32_restore_sigcontext(regs, &f.sc))
                return ia32_bad_frame(regs, frame, "32bit sigreturn");
        return regs->ax;
}
long ia32_sys_rt_sigreturn(const struct pt_regs *unused)
{
        struct pt_regs *regs = current_pt_regs();
        unsigned long frame = regs->sp - 4;
        struct rt_sigframe_ia32 f;

        (void)unused;
        if (copy_from_user(&f, (const void __user *)frame, sizeof(f)))
                return ia32_bad_frame(regs, frame, "32bit rt sigreturn");
        set_current_blocked(f.uc.uc_sigmask[0] | (u64)f.uc.uc_sigmask[1] << 32);
        if (ia32_restore_sigcontext(regs, &f.uc.uc_mcontext))
                return ia32_bad_frame(regs, frame, "32bit rt sigreturn");
        struct kernel_stack_t ss = { .ss_sp = f.uc.uc_stack.ss_sp,
                                     .ss_flags = f.uc.uc_stack.ss_flags,
                                     .ss_size = f.uc.uc_stack.ss_size };
        (void)do_sigaltstack(&ss, NULL, regs->sp);
        return regs->ax;
}
