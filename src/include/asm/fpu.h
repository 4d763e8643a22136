/* Tangled from book/user.nw (chapter "User mode"). Do not edit: edit the book and run make tangle. */
#ifndef _ASM_FPU_H
#define _ASM_FPU_H
#include <linux/types.h>

#define XFEATURE_MASK_FP   (1ULL << 0)
#define XFEATURE_MASK_SSE  (1ULL << 1)
#define XFEATURE_MASK_YMM  (1ULL << 2)
extern u64 xfeatures_mask;
extern unsigned int fpu_xstate_size;

struct task_struct;
void fpu_init_cpu(void);
int fpu_alloc(struct task_struct *t);
void fpu_free(struct task_struct *t);
void fpu_save(struct task_struct *t);
void fpu_restore(struct task_struct *t);
void fpu_copy_current(struct task_struct *child);
void fpu_reset_current(void);
#endif
