/* Tangled from book/espfix.nw (chapter "espfix64: the sixteen bits IRET forgets"). Do not edit: edit the book and run make tangle. */
#ifndef _ASM_ESPFIX_H
#define _ASM_ESPFIX_H
#include <asm/page.h>
#include <linux/percpu.h>

DECLARE_PER_CPU(unsigned long, espfix_stack);
DECLARE_PER_CPU(unsigned long, espfix_waddr);
extern bool espfix_enabled, espfix_df_fixup;
void init_espfix_bsp(void);
void init_espfix_ap(unsigned int cpu);
void pti_setup_espfix64(void);
#endif
