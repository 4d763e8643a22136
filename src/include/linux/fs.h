/* Tangled from book/shmem.nw (chapter "Shared memory"). Do not edit: edit the book and run make tangle. */
#ifndef _LINUX_FS_H
#define _LINUX_FS_H
#include <linux/mutex.h>
#include <linux/spinlock.h>
#include <linux/types.h>
#include <linux/uaccess.h>

typedef long loff_t;
struct shmem_inode;
struct poll_table_struct;
struct task_struct;
struct file {
        int f_count;                    /* atomic: descriptors and users */
        const struct file_operations *f_op;
        unsigned int f_flags;           /* O_RDWR | O_LARGEFILE, as opened */
        unsigned int f_mode;            /* FMODE_* */
        struct mutex f_pos_lock;        /* held around read/write/lseek if FMODE_ATOMIC_POS */
        loff_t f_pos;                   /* where the next read or write starts */
        struct shmem_inode *f_shmem;    /* a memfd's object (a reference); NULL otherwise */
        void *private_data;             /* the file's own object: a pipe (Chapter pipe) */
};
struct iovec;
struct stat;
struct file_operations {
        long (*read)(struct file *f, char __user *buf, size_t count, loff_t *pos);
        long (*write)(struct file *f, const char __user *buf, size_t count, loff_t *pos);
        long (*writev)(struct file *f, const struct iovec __user *vec, unsigned long vlen);
        long (*ioctl)(struct file *f, unsigned int cmd, unsigned long arg);
        loff_t (*llseek)(struct file *f, loff_t offset, int whence);
        void (*getattr)(struct file *f, struct stat *st);
        void (*release)(struct file *f);
        long (*getdents64)(struct file *f, void __user *dirp, unsigned int count);
        unsigned int (*poll)(struct file *f, struct poll_table_struct *pt);
};
#define FMODE_READ       0x1
#define FMODE_WRITE      0x2
#define FMODE_PREAD      0x8
#define FMODE_PWRITE     0x10
#define FMODE_ATOMIC_POS 0x8000
#define O_ACCMODE        00000003
#define O_RDONLY         00000000
#define O_WRONLY         00000001
#define O_RDWR           00000002
#define O_NONBLOCK       00004000
#define O_APPEND         00002000
#define O_DIRECT         00040000
#define O_LARGEFILE      00100000
#define O_CLOEXEC        02000000
#define SEEK_SET         0
#define SEEK_CUR         1
#define SEEK_END         2
#define MAX_RW_COUNT     0x7ffff000UL   /* Linux's cap on one transfer */
#define NR_OPEN_DEFAULT 64
struct files_struct {
        int count;                      /* atomic: tasks sharing the table */
        spinlock_t file_lock;           /* protects fd[] and close_on_exec */
        struct file *fd[NR_OPEN_DEFAULT]; /* each holds a reference */
        unsigned long close_on_exec;    /* bit n: close fd n at execve */
        char cwd[256];                  /* canonical path of the working directory (Chapter Files) */
};
struct stat {
        unsigned long st_dev, st_ino, st_nlink;
        unsigned int st_mode, st_uid, st_gid, __pad0;
        unsigned long st_rdev;
        long st_size, st_blksize, st_blocks;    /* st_blocks: 512-byte units */
        unsigned long st_atime, st_atime_nsec, st_mtime, st_mtime_nsec;
        unsigned long st_ctime, st_ctime_nsec;
        long __unused[3];
};
#define S_IFCHR 0020000
static inline struct file *get_file(struct file *f)
{
        __atomic_add_fetch(&f->f_count, 1, __ATOMIC_RELAXED);
        return f;
}
struct file *alloc_file(const struct file_operations *fop, unsigned int mode,
                        struct shmem_inode *obj);
void fput(struct file *f);
struct file *fget(unsigned int fd);
int install_fd(struct file *f, bool cloexec, unsigned int from);
int close_fd(unsigned int fd);
struct poll_table_struct;
extern const struct file_operations console_fops, tree_file_fops, tree_dir_fops;
unsigned int tty_file_poll(struct file *f, struct poll_table_struct *pt);
#endif
