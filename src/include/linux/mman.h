/* Tangled from book/vm.nw (chapter "Address spaces"). Do not edit: edit the book and run make tangle. */
#ifndef _LINUX_MMAN_H
#define _LINUX_MMAN_H

#define PROT_NONE           0x0
#define PROT_READ           0x1         /* page can be read */
#define PROT_WRITE          0x2         /* page can be written */
#define PROT_EXEC           0x4         /* page can be executed */
#define PROT_SEM            0x8         /* may be used for atomic ops */
#define PROT_GROWSDOWN      0x01000000  /* mprotect: extend to a growsdown start */
#define PROT_GROWSUP        0x02000000

#define MAP_SHARED          0x01        /* writes are seen by all mappers */
#define MAP_PRIVATE         0x02        /* writes are private (copy-on-write) */
#define MAP_SHARED_VALIDATE 0x03        /* shared, and check every flag */
#define MAP_TYPE            0x0f
#define MAP_FIXED           0x10        /* exactly here, replacing what is there */
#define MAP_ANONYMOUS       0x20        /* no file: zero-filled memory */
#define MAP_32BIT           0x40        /* below 2 GiB (x86-64 only) */
#define MAP_GROWSDOWN       0x0100      /* stack-like: grows down on faults */
#define MAP_DENYWRITE       0x0800      /* ignored, as in Linux */
#define MAP_EXECUTABLE      0x1000      /* ignored, as in Linux */
#define MAP_LOCKED          0x2000      /* keep resident */
#define MAP_NORESERVE       0x4000      /* do not reserve swap */
#define MAP_POPULATE        0x8000      /* fault the pages in now */
#define MAP_NONBLOCK        0x10000     /* with MAP_POPULATE: do not wait */
#define MAP_STACK           0x20000     /* a thread stack */
#define MAP_HUGETLB         0x40000     /* huge pages */
#define MAP_SYNC            0x80000     /* persistent memory */
#define MAP_FIXED_NOREPLACE 0x100000    /* MAP_FIXED, but never replace */

#define MADV_NORMAL         0
#define MADV_RANDOM         1
#define MADV_SEQUENTIAL     2
#define MADV_WILLNEED       3
#define MADV_DONTNEED       4
#define MADV_HUGEPAGE       14
#define MADV_NOHUGEPAGE     15
#define MADV_COLLAPSE       25
#define MREMAP_MAYMOVE   1
#define MREMAP_FIXED     2
#define MREMAP_DONTUNMAP 4
#endif
