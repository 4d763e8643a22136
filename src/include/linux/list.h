/* Tangled from book/mm.nw (chapter "Memory"). Do not edit: edit the book and run make tangle. */
#ifndef _LINUX_LIST_H
#define _LINUX_LIST_H
#include <stddef.h>
#include <stdbool.h>

struct list_head {
        struct list_head *next, *prev;
};

#define LIST_HEAD_INIT(name) { &(name), &(name) }
#define LIST_HEAD(name) struct list_head name = LIST_HEAD_INIT(name)

#define LIST_POISON1 ((struct list_head *)0xdead000000000100UL)
#define LIST_POISON2 ((struct list_head *)0xdead000000000122UL)

static inline void INIT_LIST_HEAD(struct list_head *h) { h->next = h->prev = h; }
static inline bool list_empty(const struct list_head *h) { return h->next == h; }

static inline void __list_link(struct list_head *n, struct list_head *prev,
                               struct list_head *next)
{
        next->prev = n;
        n->next = next;
        n->prev = prev;
        prev->next = n;
}
static inline void list_add(struct list_head *n, struct list_head *h)
{
        __list_link(n, h, h->next);
}
static inline void list_add_tail(struct list_head *n, struct list_head *h)
{
        __list_link(n, h->prev, h);
}
static inline void list_del(struct list_head *e)
{
        e->next->prev = e->prev;
        e->prev->next = e->next;
        e->next = LIST_POISON1;
        e->prev = LIST_POISON2;
}
#define list_entry(ptr, type, member) \
        ((type *)((char *)(ptr) - offsetof(type, member)))
#define list_first_entry(head, type, member) list_entry((head)->next, type, member)
#define list_for_each_entry(pos, head, member)                                  \
        for (pos = list_entry((head)->next, __typeof__(*pos), member);          \
             &pos->member != (head);                                            \
             pos = list_entry(pos->member.next, __typeof__(*pos), member))
#endif
