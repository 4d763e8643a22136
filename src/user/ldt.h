/* Tangled from book/listings-ldt.nw (chapter "Listings of ``The local descriptor table''"). Do not edit: edit the book and run make tangle. */
#ifndef LDT_H
#define LDT_H
#include <stdint.h>

#define LDT_ENTRIES     8192
#define LDT_ENTRY_SIZE  8

struct user_desc {
        unsigned int entry_number;
        unsigned int base_addr;
        unsigned int limit;
        unsigned int seg_32bit:1;
        unsigned int contents:2;
        unsigned int read_exec_only:1;
        unsigned int limit_in_pages:1;
        unsigned int seg_not_present:1;
        unsigned int useable:1;
        unsigned int lm:1;
};
#define LDT_SEL(index) ((index) << 3 | 7)      /* LDT, RPL 3 */
#define USER_CS 0x33
#define USER_DS 0x2b

static inline long modify_ldt_raw(int func, void *ptr, unsigned long bytecount)
{
        long ret;
        __asm__ volatile("syscall" : "=a"(ret)
                         : "0"(154L), "D"((long)func), "S"(ptr), "d"(bytecount)
                         : "rcx", "r11", "memory");
        return ret;
}
#define get_seg(seg) ({ unsigned short __v; \
        __asm__ volatile("mov %%" #seg ", %0" : "=r"(__v)); __v; })
#define set_seg(seg, v) \
        __asm__ volatile("mov %0, %%" #seg : : "r"((unsigned int)(v)) : "memory")
static inline uint64_t desc_bytes(uint32_t base, uint32_t limit, unsigned access, unsigned flags)
{
        return (limit & 0xffff) | (uint64_t)(base & 0xffffff) << 16 |
               (uint64_t)access << 40 | (uint64_t)(limit >> 16 & 0xf) << 48 |
               (uint64_t)flags << 52 | (uint64_t)(base >> 24) << 56;
}
static inline long set_entry(unsigned int n, const void *base, uint32_t limit,
                             int code, int seg32)
{
        struct user_desc d = {
                .entry_number = n, .base_addr = (uint32_t)(uintptr_t)base,
                .limit = code ? 0xfffff : limit, .seg_32bit = seg32,
                .contents = code ? 2 : 0, .limit_in_pages = code,
        };
        return modify_ldt_raw(0x11, &d, sizeof(d));
}
uint32_t call32(uint32_t cs, uint32_t count);
volatile uint32_t call32_cs;
uint64_t call32_saved_rsp;
__asm__(".pushsection .text\n"
        ".globl call32\n"
        ".type call32, @function\n"
        "call32:\n"
        "       pushq %rbx\n    pushq %rbp\n    pushq %r12\n"
        "       pushq %r13\n    pushq %r14\n    pushq %r15\n"
        "       movq %rsp, call32_saved_rsp(%rip)\n"
        "       movl %esi, %ecx\n"
        "       movw %di, call32_target+4(%rip)\n"
        "       ljmpl *call32_target(%rip)\n"
        ".code32\n"
        "call32_code:\n"
        "       movl %cs, %eax\n"
        "       movl %eax, %ss:call32_cs\n"
        "       xorl %eax, %eax\n"
        "1:     addl %ds:0, %eax\n"
        "       addl %es:4, %eax\n"
        "       loop 1b\n"
        "       ljmpl $0x33, $call32_back\n"
        ".code64\n"
        "call32_back:\n"
        "       movq call32_saved_rsp(%rip), %rsp\n"
        "       popq %r15\n     popq %r14\n     popq %r13\n"
        "       popq %r12\n     popq %rbp\n     popq %rbx\n"
        "       ret\n"
        ".size call32, . - call32\n"
        ".popsection\n"
        ".pushsection .data\n"
        "call32_target:\n"
        "       .long call32_code\n"
        "       .word 0\n"
        ".popsection\n");
#endif
