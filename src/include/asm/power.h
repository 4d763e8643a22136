/* Tangled from book/boot.nw (chapter "Booting"). Do not edit: edit the book and run make tangle. */
#ifndef _ASM_POWER_H
#define _ASM_POWER_H

#define ISA_DEBUG_EXIT_PORT  0xf4
#define EXIT_PASS            1
#define EXIT_FAIL            2
#define EXIT_PANIC           3

#ifndef __ASSEMBLY__
#include <linux/compiler.h>
void __noreturn power_off(int code);
#endif
#endif
