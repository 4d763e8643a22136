/* Tangled from book/listings-mm.nw (chapter "Listings of ``Memory''"). Do not edit: edit the book and run make tangle. */
#ifndef HOST_KERNEL_H
#define HOST_KERNEL_H
#include <setjmp.h>
#include <stddef.h>

extern char host_log[65536];
extern unsigned long host_warnings;
extern jmp_buf *host_panic_jmp;
extern char host_panic_msg[256];

void host_log_clear(void);
void sim_mem_init(size_t bytes);
void sim_mem_exit(void);

/* Run stmt; the test fails unless it panics. */
#define EXPECT_PANIC(stmt) do {                                         \
        jmp_buf jb_;                                                    \
        host_panic_jmp = &jb_;                                          \
        if (setjmp(jb_) == 0) {                                         \
                stmt;                                                   \
                host_panic_jmp = NULL;                                  \
                fail_msg("expected a panic from: %s", #stmt);           \
        }                                                               \
        host_panic_jmp = NULL;                                          \
} while (0)
#endif
