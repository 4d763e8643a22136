/* Tangled from book/process.nw (chapter "Processes"). Do not edit: edit the book and run make tangle. */
#ifndef _LINUX_ELF_H
#define _LINUX_ELF_H
#include <linux/types.h>
typedef struct {
        unsigned char e_ident[16];
        u16 e_type, e_machine;
        u32 e_version;
        u64 e_entry, e_phoff, e_shoff;
        u32 e_flags;
        u16 e_ehsize, e_phentsize, e_phnum, e_shentsize, e_shnum, e_shstrndx;
} Elf64_Ehdr;
typedef struct {
        u32 p_type, p_flags;
        u64 p_offset, p_vaddr, p_paddr, p_filesz, p_memsz, p_align;
} Elf64_Phdr;
#define ET_EXEC    2
#define EM_X86_64  62
#define PT_LOAD    1
#define PT_INTERP  3
#define PT_PHDR    6
#define PF_X       1
#define PF_W       2
#define PF_R       4
#define AT_NULL    0
#define AT_PHDR    3
#define AT_PHENT   4
#define AT_PHNUM   5
#define AT_PAGESZ  6
#define AT_ENTRY   9
#define AT_UID     11
#define AT_EUID    12
#define AT_GID     13
#define AT_EGID    14
#define AT_HWCAP   16
#define AT_CLKTCK  17
#define AT_SECURE  23
#define AT_RANDOM  25
#define AT_HWCAP2  26
#define AT_EXECFN  31
#define AT_MINSIGSTKSZ 51
#endif
