/* Tangled from book/boot.nw (chapter "Booting"). Do not edit: edit the book and run make tangle. */
#ifndef _LINUX_KALLSYMS_H
#define _LINUX_KALLSYMS_H
/*
 * The symbol containing addr, or NULL.  On success *symbolsize is the
 * distance to the next symbol and *offset is addr's offset into this one.
 */
const char *kallsyms_lookup(unsigned long addr, unsigned long *symbolsize,
                            unsigned long *offset);
#endif
