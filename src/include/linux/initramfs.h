/* Tangled from book/process.nw (chapter "Processes"). Do not edit: edit the book and run make tangle. */
#ifndef _LINUX_INITRAMFS_H
#define _LINUX_INITRAMFS_H
#include <linux/types.h>
struct initramfs_file {
        const u8 *data;
        unsigned long size;
        unsigned int mode;              /* st_mode: type and permission bits */
};
#define S_IFMT   0170000
#define S_IFREG  0100000
int initramfs_lookup(const char *path, struct initramfs_file *out);
bool cpio_field(const char *p, unsigned long *val);
int exec_lookup(const char *path, struct initramfs_file *out, char *canon, size_t size);
#endif
