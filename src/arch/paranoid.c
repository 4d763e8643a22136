/* Tangled from book/ctxtrack.nw (chapter "Context tracking and the entry code: the saved CS or the soft state"). Do not edit: edit the book and run make tangle. */
#include <asm/apic.h>
#include <asm/fsgsbase.h>
#include <asm/msr.h>
#include <asm/processor.h>
#include <asm/pti.h>
#include <asm/traps.h>
#include <linux/context_tracking.h>
#include <linux/errno.h>
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/percpu.h>
#include <linux/rcupdate.h>
#include <linux/smp.h>
#include <linux/string.h>

#define PARANOID_GS_MSR         0
#define PARANOID_GS_RDGSBASE    1
#define PARANOID_GS_CS          2

static void paranoid_count(enum paranoid_stat s);
static void paranoid_check_gs(unsigned long vector);
static bool paranoid_found_user_gs(unsigned long gs);
static void do_nmi(struct pt_regs *regs);
static bool do_debug_kernel(struct pt_regs *regs);

u8 paranoid_gs_how = PARANOID_GS_MSR;
bool paranoid_cr3_keep, paranoid_rcu_skip;
static bool paranoid_swapgs_by_cs, paranoid_gs_by_msr;

static void paranoid_update_gs_how(void)
{
        if (paranoid_swapgs_by_cs)
                paranoid_gs_how = PARANOID_GS_CS;
        else if (fsgsbase_enabled && !paranoid_gs_by_msr)
                paranoid_gs_how = PARANOID_GS_RDGSBASE;
        else
                paranoid_gs_how = PARANOID_GS_MSR;
}

static int set_paranoid_swapgs(char *val)
{
        int bad = parse_broken_switch("paranoid_swapgs", val, "gsbase", "cs",
                "NMI, #DB and #MC trust the saved CS to decide SWAPGS");
        if (bad < 0)
                return bad;
        paranoid_swapgs_by_cs = bad;
        paranoid_update_gs_how();
        return 0;
}
early_param("paranoid_swapgs", set_paranoid_swapgs);

static int set_paranoid_cr3(char *val)
{
        int bad = parse_broken_switch("paranoid_cr3", val, "restore", "keep",
                "NMI, #DB and #MC return to the user's CR3 with the kernel's loaded");
        if (bad < 0)
                return bad;
        paranoid_cr3_keep = bad;
        return 0;
}
early_param("paranoid_cr3", set_paranoid_cr3);

static int set_paranoid_rcu(char *val)
{
        int bad = parse_broken_switch("paranoid_rcu", val, "nmi", "skip",
                "NMI, #DB and #MC handlers run while RCU may not be watching");
        if (bad < 0)
                return bad;
        paranoid_rcu_skip = bad;
        return 0;
}
early_param("paranoid_rcu", set_paranoid_rcu);
static int set_paranoid_gs(char *val)
{
        int bad = parse_broken_switch("paranoid_gs", val, "rdgsbase", "msr",
                "with FSGSBASE, NMI, #DB and #MC trust the sign of MSR_GS_BASE");
        if (bad < 0)
                return bad;
        paranoid_gs_by_msr = bad;
        paranoid_update_gs_how();
        return 0;
}
early_param("paranoid_gs", set_paranoid_gs);
bool fsgsbase_enabled, have_rdtscp;
unsigned long elf_hwcap2;

void fsgsbase_init_cpu(void)
{
        unsigned int cpu = raw_smp_processor_id();
        u32 a, b, c, d;

        wrmsrl(MSR_TSC_AUX, cpu);               /* RDTSCP and RDPID: the CPU, as on Linux */
        if (cpu == 0) {
                cpuid(0x80000001, &a, &b, &c, &d);
                have_rdtscp = d >> 27 & 1;
                cpuid_count(7, 0, &a, &b, &c, &d);
                fsgsbase_enabled = (b & 1) && have_rdtscp;
        }
        if (fsgsbase_enabled) {
                write_cr4(read_cr4() | X86_CR4_FSGSBASE);
                elf_hwcap2 |= HWCAP2_FSGSBASE;
        }
        paranoid_update_gs_how();
}

static void fsgsbase_disable(void)
{
        fsgsbase_enabled = false;
        elf_hwcap2 &= ~HWCAP2_FSGSBASE;
        write_cr4(read_cr4() & ~X86_CR4_FSGSBASE);
        paranoid_update_gs_how();
}

static int set_fsgsbase(char *val)
{
        if (!val || (strcmp(val, "on") && strcmp(val, "off")))
                return -EINVAL;
        if (!strcmp(val, "off"))
                fsgsbase_disable();
        return 0;
}
early_param("fsgsbase", set_fsgsbase);

static int set_nofsgsbase(char *val)
{
        if (val)
                return -EINVAL;
        fsgsbase_disable();
        return 0;
}
early_param("nofsgsbase", set_nofsgsbase);
void do_paranoid(struct pt_regs *regs, unsigned long vector, unsigned long gs,
                 unsigned long cr3);
void do_paranoid(struct pt_regs *regs, unsigned long vector, unsigned long gs,
                 unsigned long cr3)
{
        paranoid_check_gs(vector);
        enum ctx_state found = ct_state();
        bool woke = irqentry_nmi_enter(regs);

        if (!user_mode(regs)) {
                if (paranoid_found_user_gs(gs))
                        paranoid_count(PARANOID_STAT_USER_GS);
                if (pti_enabled && (cr3 & PTI_USER_PGTABLE_MASK))
                        paranoid_count(PARANOID_STAT_USER_CR3);
        }
        ct_assert_rcu_watching("paranoid entry didn't wake RCU");
        if (vector == X86_TRAP_NMI)
                do_nmi(regs);
        else if (vector != X86_TRAP_DB || !do_debug_kernel(regs))
                do_exception(regs, vector);     /* a #MC, or a #DB nobody asked for: die */
        irqentry_nmi_exit(regs, woke);
        CT_WARN_ON(ct_state() != found);
}
static void paranoid_check_gs(unsigned long vector)
{
        unsigned int aux, lo, hi;
        unsigned long base, want;

        if (!have_rdtscp)
                return;
        asm volatile("rdtscp" : "=a"(lo), "=d"(hi), "=c"(aux));
        want = __per_cpu_offset[aux & 0xfff];
        base = rdmsrl(MSR_GS_BASE);
        if (base == want)
                return;
        wrmsrl(MSR_GS_BASE, want);              /* so that panic() can run */
        panic("paranoid entry: vector %lu runs on GS base %016lx, not CPU%u's %016lx",
              vector, base, aux & 0xfff, want);
}
static bool paranoid_found_user_gs(unsigned long gs)
{
        if (paranoid_gs_how == PARANOID_GS_RDGSBASE)
                return gs != __per_cpu_offset[raw_smp_processor_id()];
        return gs == 0;
}
bool irqentry_nmi_enter(struct pt_regs *regs)
{
        (void)regs;
        if (paranoid_rcu_skip)
                return false;
        return rcu_nmi_enter(raw_smp_processor_id());
}

void irqentry_nmi_exit(struct pt_regs *regs, bool woke)
{
        (void)regs;
        rcu_nmi_exit(raw_smp_processor_id(), woke);
}
DEFINE_PER_CPU(unsigned long, nmi_count);

static void do_nmi(struct pt_regs *regs)
{
        raw_cpu_add(nmi_count, 1);
        paranoid_count(user_mode(regs) ? PARANOID_STAT_NMI_USER : PARANOID_STAT_NMI_KERNEL);
}
static bool do_debug_kernel(struct pt_regs *regs)
{
        unsigned long dr6;

        asm volatile("mov %%db6, %0" : "=r"(dr6));
        if (!(dr6 & 1) || !raw_cpu_read(paranoid_bp_armed))
                return false;
        asm volatile("mov %0, %%db7" : : "r"(0UL));
        asm volatile("mov %0, %%db6" : : "r"(0xffff0ff0UL));
        raw_cpu_write(paranoid_bp_armed, 0UL);
        regs->flags |= X86_EFLAGS_RF;
        paranoid_count(PARANOID_STAT_DB);
        return true;
}
unsigned long paranoid_stats[PARANOID_NR_STATS];

static void paranoid_count(enum paranoid_stat s)
{
        __atomic_fetch_add(&paranoid_stats[s], 1, __ATOMIC_RELAXED);
}
extern char entry_SYSCALL_64_swapgs_exit[], entry_SYSCALL_64_sysret[];
DEFINE_PER_CPU(unsigned long, paranoid_bp_armed);

static long paranoid_arm_breakpoint(unsigned long where)
{
        unsigned long addr, flags;

        if (where == 0)
                addr = rdmsrl(MSR_LSTAR);
        else if (where == 1)
                addr = (unsigned long)entry_SYSCALL_64_swapgs_exit;
        else if (where == 2)
                addr = (unsigned long)entry_SYSCALL_64_sysret;
        else
                return -EINVAL;
        local_irq_save(flags);
        raw_cpu_write(paranoid_bp_armed, addr);
        asm volatile("mov %0, %%db0" : : "r"(addr));
        asm volatile("mov %0, %%db7" : : "r"(1UL));     /* L0, execute, one byte */
        local_irq_restore(flags);
        return 0;
}
static long paranoid_send_nmis(unsigned int cpu, unsigned long n)
{
        long delivered = 0;

        for (unsigned long i = 0; i < n; i++) {
                unsigned long before = READ_ONCE(per_cpu(nmi_count, cpu));
                apic_send_nmi(cpu);
                for (unsigned long spin = 0; spin < 100000000UL; spin++) {
                        if (READ_ONCE(per_cpu(nmi_count, cpu)) != before) {
                                delivered++;
                                break;
                        }
                        asm volatile("pause");
                }
        }
        return delivered;
}
long paranoid_book_debug(unsigned long arg)
{
        unsigned long low = arg & 0xff, cmd = arg & 0xff00;

        if (cmd == 0x100)
                return paranoid_arm_breakpoint(low);
        if (cmd == 0x200)
                return low < PARANOID_NR_STATS ? (long)paranoid_stats[low] : -EINVAL;
        if (cmd == 0x500)
                return paranoid_gs_how;
        if (low >= nr_cpu_ids || !(cpu_online_mask & (1UL << low)))
                return -EINVAL;
        if (cmd == 0x300)
                return paranoid_send_nmis(low, arg >> 16);
        if (cmd == 0x400)
                return (long)per_cpu(nmi_count, low);
        return -EINVAL;
}
