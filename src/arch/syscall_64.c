/* Tangled from book/user.nw (chapter "User mode"). Do not edit: edit the book and run make tangle. */
#include <linux/errno.h>
#include <linux/syscalls.h>

#undef __SYSCALL
#define __SYSCALL(nr, name) [nr] = __x64_sys_##name,
const sys_call_ptr_t sys_call_table[NR_syscalls] = {
#include <asm/syscall_list.h>
};
