/* Tangled from book/shmem.nw (chapter "Shared memory"). Do not edit: edit the book and run make tangle. */
#include <linux/errno.h>
#include <linux/fs.h>
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/printk.h>
#include <linux/string.h>
#include <linux/shmem_fs.h>
#include <linux/syscalls.h>
#include <linux/uaccess.h>

#define SHMEM_MAX_BYTES ((loff_t)(~0UL >> 1))
#define S_IFREG 0100000
static int set_shmem_truncate(char *val)
{
        int broken = parse_broken_switch("shmem_truncate", val, "zap", "nozap",
                "truncated pages stay mapped");

        if (broken < 0)
                return broken;
        shmem_truncate_zaps = !broken;
        return 0;
}
early_param("shmem_truncate", set_shmem_truncate);
unsigned int shmem_fault_delay;         /* ms; shmem_fault_delay=MS, for tests */

static int set_shmem_fault_delay(char *val)
{
        int ms;

        if (!val || kstrtoint(val, 10, &ms) || ms < 0 || ms > 1000)
                return -EINVAL;
        shmem_fault_delay = ms;
        pr_info("shmem_fault_delay=%d: write faults on shared mappings sleep %d ms\n", ms, ms);
        return 0;
}
early_param("shmem_fault_delay", set_shmem_fault_delay);
static long shmem_read(struct file *f, char __user *buf, size_t count, loff_t *ppos)
{
        struct shmem_inode *obj = f->f_shmem;
        loff_t pos = *ppos, size = READ_ONCE(obj->i_size);
        size_t done = 0;
        bool fault = false;

        if (!access_ok(buf, count))
                return -EFAULT;
        if (pos >= size)
                return 0;
        count = min(min(count, MAX_RW_COUNT), (size_t)(size - pos));
        while (done < count && !fault) {
                unsigned long index = (pos + done) >> PAGE_SHIFT, off = (pos + done) & ~PAGE_MASK;
                size_t n = min(count - done, (size_t)(PAGE_SIZE - off)), left;
                struct page *page;
                if (shmem_get_page(obj, index, SGP_READ, &page))
                        break;
                if (page) {
                        left = copy_to_user(buf + done, (char *)page_address(page) + off, n);
                        put_page(page);
                } else {
                        left = clear_user(buf + done, n);
                }
                done += n - left;
                fault = left != 0;
        }
        *ppos = pos + done;
        return done ? (long)done : fault ? -EFAULT : 0;
}
static long shmem_write(struct file *f, const char __user *buf, size_t count, loff_t *ppos)
{
        struct shmem_inode *obj = f->f_shmem;
        loff_t pos = *ppos;
        size_t done = 0;
        long err = 0;

        if (!access_ok(buf, count))
                return -EFAULT;
        if (pos >= SHMEM_MAX_BYTES)
                return -EFBIG;
        count = min(min(count, MAX_RW_COUNT), (size_t)(SHMEM_MAX_BYTES - pos));
        mutex_lock(&obj->i_mutex);
        while (done < count && !err) {
                unsigned long index = (pos + done) >> PAGE_SHIFT, off = (pos + done) & ~PAGE_MASK;
                size_t n = min(count - done, (size_t)(PAGE_SIZE - off)), left;
                struct page *page;
                if ((err = shmem_get_page(obj, index, SGP_WRITE, &page)))
                        break;
                left = copy_from_user((char *)page_address(page) + off, buf + done, n);
                put_page(page);
                done += n - left;
                spin_lock(&obj->i_pages_lock);
                if (pos + (loff_t)done > obj->i_size)
                        WRITE_ONCE(obj->i_size, pos + (loff_t)done);
                spin_unlock(&obj->i_pages_lock);
                if (left)
                        err = -EFAULT;
        }
        mutex_unlock(&obj->i_mutex);
        *ppos = pos + done;
        return done ? (long)done : err;
}
static loff_t shmem_llseek(struct file *f, loff_t offset, int whence)
{
        loff_t base, pos;

        switch (whence) {
        case SEEK_SET: base = 0; break;
        case SEEK_CUR: base = f->f_pos; break;
        case SEEK_END: base = READ_ONCE(f->f_shmem->i_size); break;
        default: return -EINVAL;
        }
        if (__builtin_add_overflow(base, offset, &pos) || pos < 0)
                return -EINVAL;
        f->f_pos = pos;
        return pos;
}
static void shmem_getattr(struct file *f, struct stat *st)
{
        struct shmem_inode *obj = f->f_shmem;

        st->st_ino = obj->i_ino;
        st->st_mode = S_IFREG | 0777;
        st->st_size = READ_ONCE(obj->i_size);
        st->st_blksize = PAGE_SIZE;
        st->st_blocks = READ_ONCE(obj->i_pages.nrpages) * (PAGE_SIZE / 512);
}

static const struct file_operations shmem_fops = {
        .read = shmem_read, .write = shmem_write, .llseek = shmem_llseek,
        .getattr = shmem_getattr,
};
#define MFD_CLOEXEC       0x0001U
#define MFD_ALLOW_SEALING 0x0002U
#define MFD_NAME_MAX_LEN  249
SYSCALL_DEFINE2(memfd_create, const char __user *, uname, unsigned int, flags)
{
        char name[MFD_NAME_MAX_LEN + 1];
        long len;

        if (flags & ~(MFD_CLOEXEC | MFD_ALLOW_SEALING))
                return -EINVAL;
        len = strncpy_from_user(name, uname, sizeof(name));
        if (len == -ENAMETOOLONG)
                return -EINVAL;
        if (len < 0)
                return len;
        struct shmem_inode *obj = shmem_inode_alloc(0);
        struct file *f = obj ? alloc_file(&shmem_fops, FMODE_READ | FMODE_WRITE | FMODE_PREAD |
                                          FMODE_PWRITE | FMODE_ATOMIC_POS, obj) : NULL;
        if (!f) {
                if (obj)
                        shmem_inode_put(obj);
                return -ENOMEM;
        }
        int fd = install_fd(f, flags & MFD_CLOEXEC, 0);
        if (fd < 0)
                fput(f);
        return fd;
}
SYSCALL_DEFINE2(ftruncate, unsigned int, fd, long, length)
{
        struct file *f;
        long err;

        if (length < 0)
                return -EINVAL;
        if (!(f = fget(fd)))
                return -EBADF;
        if (!f->f_shmem || !(f->f_mode & FMODE_WRITE)) {
                err = -EINVAL;
        } else {
                mutex_lock(&f->f_shmem->i_mutex);
                err = shmem_setsize(f->f_shmem, length);
                mutex_unlock(&f->f_shmem->i_mutex);
        }
        fput(f);
        return err;
}
