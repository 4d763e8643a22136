/* Tangled from book/user.nw (chapter "User mode"). Do not edit: edit the book and run make tangle. */
__SYSCALL(9, mmap)
__SYSCALL(10, mprotect)
__SYSCALL(11, munmap)
__SYSCALL(12, brk)
__SYSCALL(0, read)
__SYSCALL(1, write)
__SYSCALL(16, ioctl)
__SYSCALL(20, writev)
