/* Tangled from book/listings-ldt.nw (chapter "Listings of ``The local descriptor table''"). Do not edit: edit the book and run make tangle. */
#include "ulib.h"
#include "ldt.h"
#include "book_debug.h"

static uint32_t numbers[2] = { 40, 2 };

int main(void)
{
        say("ldt_demo: entry 0 := 32-bit code segment, base 0, limit 4 GiB: %ld\n",
            set_entry(0, 0, 0, 1, 1));
        say("ldt_demo: entry 1 := 32-bit data segment at %p, 8 bytes (%u, %u): %ld\n",
            (void *)numbers, numbers[0], numbers[1], set_entry(1, numbers, 7, 0, 1));
        set_seg(ds, LDT_SEL(1));
        set_seg(es, LDT_SEL(1));
        say("ldt_demo: DS = ES = %#x (LDT entry 1, RPL 3); far jump to %#x\n",
            get_seg(ds), LDT_SEL(0));
        uint32_t sum = call32(LDT_SEL(0), 1);
        say("ldt_demo: in 32-bit mode CS = %#x; DS:0 + ES:4 = %u\n", call32_cs, sum);
        say("ldt_demo: back in 64-bit mode, CS = %#x\n", get_seg(cs));
        long pages = book_debug(BOOK_DEBUG_LDT_PGTABLES, 0);
        if (pages >= 0)
                say("ldt_demo: page-table pages mapping the LDT for user mode: %ld\n", pages);
        return sum == 42 ? 0 : 1;
}
