/* Tangled from book/ia32.nw (chapter "Compat mode: the 32-bit ways into the kernel"). Do not edit: edit the book and run make tangle. */
#ifndef _ASM_IA32_H
#define _ASM_IA32_H
#include <linux/types.h>

#define IA32_SYSCALL_VECTOR 0x80
#define GDT_ENTRY_TLS_MIN       12
#define GDT_ENTRY_TLS_ENTRIES   3
#define GDT_ENTRY_TLS_MAX       (GDT_ENTRY_TLS_MIN + GDT_ENTRY_TLS_ENTRIES - 1)
extern char entry_INT80_compat[];
void ia32_init_vendor(void);
void load_TLS(const u64 *tls_array);
#endif
