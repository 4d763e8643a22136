/* Tangled from book/boot.nw (chapter "Booting"). Do not edit: edit the book and run make tangle. */
#include <linux/kallsyms.h>
#include <linux/types.h>

struct kallsym {
        unsigned long addr;
        const char *name;
};
extern const struct kallsym kallsyms[];
extern const unsigned long kallsyms_num;

const char *kallsyms_lookup(unsigned long addr, unsigned long *symbolsize,
                            unsigned long *offset)
{
        size_t lo = 0, hi = kallsyms_num;

        if (kallsyms_num == 0 || addr < kallsyms[0].addr ||
            addr >= kallsyms[kallsyms_num].addr)
                return NULL;
        while (hi - lo > 1) {           /* Invariant: kallsyms[lo].addr <= addr */
                size_t mid = lo + (hi - lo) / 2;
                if (kallsyms[mid].addr <= addr)
                        lo = mid;
                else
                        hi = mid;
        }
        *symbolsize = kallsyms[lo + 1].addr - kallsyms[lo].addr;
        *offset = addr - kallsyms[lo].addr;
        return kallsyms[lo].name;
}
