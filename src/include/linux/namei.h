/* Tangled from book/files.nw (chapter "Files"). Do not edit: edit the book and run make tangle. */
#ifndef _LINUX_NAMEI_H
#define _LINUX_NAMEI_H
#include <linux/fs.h>
#include <linux/types.h>

#define PATH_MAX        4096
#define NAME_MAX        255
#define MAXSYMLINKS     40
#define S_IFDIR         0040000
#define S_IFLNK         0120000
#define O_CREAT         00000100
#define O_EXCL          00000200
#define O_NOCTTY        00000400
#define O_TRUNC         00001000
#define O_DIRECTORY     00200000
#define O_NOFOLLOW      00400000
#define O_PATH          010000000
#define AT_FDCWD                (-100)
#define AT_SYMLINK_NOFOLLOW     0x100
#define AT_EACCESS              0x200
#define AT_EMPTY_PATH           0x1000
#define AT_NO_AUTOMOUNT         0x800
#define AT_STATX_SYNC_TYPE      0x6000
#define LOOKUP_FOLLOW   0x1             /* follow a link in the last component */

enum node_kind {
        NODE_DIR,               /* a directory of the archive, "/" included */
        NODE_FILE,              /* a regular file of the archive */
        NODE_LINK,              /* a symbolic link of the archive */
        NODE_DEV_DIR, NODE_DEV_NULL, NODE_DEV_ZERO, NODE_DEV_CONSOLE,
        NODE_PROC_DIR, NODE_PROC_SELF, NODE_PROC_CPUINFO, NODE_PROC_MEMINFO,
        NODE_PID_DIR, NODE_PID_EXE, NODE_PID_MAPS, NODE_PID_STATUS,
};

struct fs_node {
        enum node_kind kind;
        unsigned int mode;              /* st_mode */
        unsigned long ino;
        const u8 *data;                 /* a file's bytes, a link's target */
        unsigned long size;
        int pid;                        /* the process of a /proc/<pid> node */
};
struct nameidata {
        struct fs_node node;
        char path[PATH_MAX];            /* canonical: "bin/sh", "" for the root */
        char rest[PATH_MAX];            /* scratch: what is left to walk */
        char tmp[PATH_MAX];             /* scratch: a link's target spliced in */
        char link[PATH_MAX / 2];        /* scratch: a link's target */
        bool last_missing;              /* ENOENT for the last name; node is its directory */
};
struct tree_file {
        struct fs_node node;
        char *text;                     /* /proc: the content, made at open */
        unsigned long len;
        char path[];                    /* canonical */
};

int path_lookup(int dfd, const char __user *upath, unsigned int flags, struct nameidata *nd);
int proc_make_text(struct tree_file *tf);
int kern_path_lookup(const char *path, unsigned int flags, struct nameidata *nd);
void node_getattr(const struct fs_node *n, struct stat *st);
bool node_is_tree_file(const struct fs_node *n);
bool initramfs_ro_broken(void);
#endif
