/* Tangled from book/boot.nw (chapter "Booting"). Do not edit: edit the book and run make tangle. */
#ifndef _ASM_IO_H
#define _ASM_IO_H
#include <linux/types.h>

static inline void outb(u8 v, u16 port)
{
        asm volatile("outb %0, %1" : : "a"(v), "Nd"(port));
}
static inline void outl(u32 v, u16 port)
{
        asm volatile("outl %0, %1" : : "a"(v), "Nd"(port));
}
static inline u8 inb(u16 port)
{
        u8 v;
        asm volatile("inb %1, %0" : "=a"(v) : "Nd"(port));
        return v;
}
void *ioremap(phys_addr_t phys, size_t size);
void *memremap(phys_addr_t phys, size_t size);
#endif
