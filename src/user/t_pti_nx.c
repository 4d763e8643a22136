/* Tangled from book/listings-pti.nw (chapter "Listings of ``Page-table isolation and the LDT''"). Do not edit: edit the book and run make tangle. */
#include "ulib.h"
#include "book_debug.h"
#include <sys/syscall.h>

#define CALLS 100

int main(void)
{
        long before = book_debug(BOOK_DEBUG_KERNEL_CR3_ENTRIES, 0), n;

        if (before < 0) {
                say("t_pti_nx: no count here (book_debug: %s)\n",
                    strerror((int)-before));
                return 0;
        }
        for (int i = 0; i < CALLS; i++)
                syscall(SYS_getpid);
        n = book_debug(BOOK_DEBUG_KERNEL_CR3_ENTRIES, 0) - before;
        say("t_pti_nx: %d system calls; entries from user mode on the "
            "kernel's page tables: %s (%ld)\n", CALLS, n == 0 ? "none" :
            n >= CALLS ? "at least one per call" : "some", n);
        return 0;
}
