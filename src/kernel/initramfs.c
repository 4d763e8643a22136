/* Tangled from book/process.nw (chapter "Processes"). Do not edit: edit the book and run make tangle. */
#include <asm/setup.h>
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/process.h>
#include <linux/string.h>
#include <linux/initramfs.h>

bool cpio_field(const char *p, unsigned long *val)
{
        unsigned long v = 0;
        for (int i = 0; i < 8; i++) {
                char c = p[i];
                int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 :
                        c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
                if (d < 0)
                        return false;
                v = v * 16 + d;
        }
        *val = v;
        return true;
}
static const char *skip_root(const char *p)
{
        for (;;) {
                if (p[0] == '/')
                        p++;
                else if (p[0] == '.' && p[1] == '/')
                        p += 2;
                else
                        return p;
        }
}
bool initramfs_present(void) { return initrd_end > initrd_start; }
int initramfs_lookup(const char *path, struct initramfs_file *out)
{
        const char *p = __va(initrd_start), *end = __va(initrd_end);
        const char *want = skip_root(path);

        while (end - p >= 110) {
                unsigned long mode, size, namesize;
                if (memcmp(p, "070701", 6) || !cpio_field(p + 14, &mode) ||
                    !cpio_field(p + 54, &size) || !cpio_field(p + 94, &namesize) ||
                    namesize == 0 || namesize > (unsigned long)(end - p) - 110 ||
                    p[110 + namesize - 1] != '\0')
                        goto corrupt;
                const char *name = p + 110;
                const char *data = p + ((110 + namesize + 3) & ~3UL);
                if (data > end || size > (unsigned long)(end - data))
                        goto corrupt;
                if (!strcmp(name, "TRAILER!!!"))
                        return -ENOENT;
                if (!strcmp(skip_root(name), want)) {
                        *out = (struct initramfs_file){ (const u8 *)data, size, mode };
                        return 0;
                }
                p = data + ((size + 3) & ~3UL);
        }
corrupt:
        pr_err("initramfs: corrupt or truncated archive at offset %#lx\n",
               (unsigned long)(p - (const char *)__va(initrd_start)));
        return -EIO;
}
