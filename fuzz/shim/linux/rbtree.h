/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Shim: the red-black tree calls the pure files use, with the kernel's
 * layout (the parent pointer and the colour in one word). The tree is an
 * ordered binary tree with parent pointers; rb_insert_color() does not
 * rebalance it. Order is all cnet's code relies on (a deep tree only makes
 * a fuzz input slower); balancing is lib/rbtree.c's, which is not fuzzed
 * here.
 */
#ifndef _SHIM_LINUX_RBTREE_H
#define _SHIM_LINUX_RBTREE_H

#include <linux/kernel.h>

struct rb_node {
	unsigned long __rb_parent_color;
	struct rb_node *rb_right;
	struct rb_node *rb_left;
} __attribute__((aligned(sizeof(long))));

struct rb_root {
	struct rb_node *rb_node;
};

#define RB_ROOT		((struct rb_root) { NULL, })
#define rb_parent(r)	((struct rb_node *)((r)->__rb_parent_color & ~3UL))
#define rb_entry(ptr, type, member)	container_of(ptr, type, member)
#define rb_entry_safe(ptr, type, member) ({			\
	typeof(ptr) ____ptr = (ptr);				\
	____ptr ? rb_entry(____ptr, type, member) : NULL; })

#define RB_EMPTY_ROOT(root)	((root)->rb_node == NULL)
#define RB_EMPTY_NODE(node)	((node)->__rb_parent_color == (unsigned long)(node))
#define RB_CLEAR_NODE(node)	((node)->__rb_parent_color = (unsigned long)(node))

static inline void __shim_rb_set_parent(struct rb_node *n, struct rb_node *p)
{
	n->__rb_parent_color = (unsigned long)p;
}

static inline void rb_link_node(struct rb_node *node, struct rb_node *parent,
				struct rb_node **link)
{
	node->__rb_parent_color = (unsigned long)parent;
	node->rb_left = NULL;
	node->rb_right = NULL;
	*link = node;
}

static inline void rb_insert_color(struct rb_node *node, struct rb_root *root)
{
	(void)node;
	(void)root;
}

static inline struct rb_node *rb_first(const struct rb_root *root)
{
	struct rb_node *n = root->rb_node;

	if (!n)
		return NULL;
	while (n->rb_left)
		n = n->rb_left;
	return n;
}

static inline struct rb_node *rb_next(const struct rb_node *node)
{
	struct rb_node *parent;

	if (node->rb_right) {
		node = node->rb_right;
		while (node->rb_left)
			node = node->rb_left;
		return (struct rb_node *)node;
	}
	while ((parent = rb_parent(node)) && node == parent->rb_right)
		node = parent;
	return parent;
}

static inline struct rb_node *rb_last(const struct rb_root *root)
{
	struct rb_node *n = root->rb_node;

	if (!n)
		return NULL;
	while (n->rb_right)
		n = n->rb_right;
	return n;
}

static inline struct rb_node *rb_prev(const struct rb_node *node)
{
	struct rb_node *parent;

	if (node->rb_left) {
		node = node->rb_left;
		while (node->rb_right)
			node = node->rb_right;
		return (struct rb_node *)node;
	}
	while ((parent = rb_parent(node)) && node == parent->rb_left)
		node = parent;
	return parent;
}

/* Post-order: children before their parent, so a walk may free each. */
static inline struct rb_node *__shim_rb_deepest_left(const struct rb_node *n)
{
	for (;;) {
		if (n->rb_left)
			n = n->rb_left;
		else if (n->rb_right)
			n = n->rb_right;
		else
			return (struct rb_node *)n;
	}
}

static inline struct rb_node *rb_first_postorder(const struct rb_root *root)
{
	return root->rb_node ? __shim_rb_deepest_left(root->rb_node) : NULL;
}

static inline struct rb_node *rb_next_postorder(const struct rb_node *node)
{
	struct rb_node *parent;

	if (!node)
		return NULL;
	parent = rb_parent(node);
	if (parent && node == parent->rb_left && parent->rb_right)
		return __shim_rb_deepest_left(parent->rb_right);
	return parent;
}

#define rbtree_postorder_for_each_entry_safe(pos, n, root, field)	\
	for (pos = rb_entry_safe(rb_first_postorder(root),		\
				 typeof(*pos), field);			\
	     pos && ({ n = rb_entry_safe(rb_next_postorder(&pos->field),	\
					 typeof(*pos), field); 1; });	\
	     pos = n)

/* Point what pointed to @old (its parent's link, or the root) at @new. */
static inline void __shim_rb_change_child(struct rb_node *old,
					  struct rb_node *new,
					  struct rb_node *parent,
					  struct rb_root *root)
{
	if (!parent)
		root->rb_node = new;
	else if (parent->rb_left == old)
		parent->rb_left = new;
	else
		parent->rb_right = new;
}

static inline void rb_replace_node(struct rb_node *victim,
				   struct rb_node *new, struct rb_root *root)
{
	struct rb_node *parent = rb_parent(victim);

	*new = *victim;
	if (victim->rb_left)
		__shim_rb_set_parent(victim->rb_left, new);
	if (victim->rb_right)
		__shim_rb_set_parent(victim->rb_right, new);
	__shim_rb_change_child(victim, new, parent, root);
}

/* Unlink @node: a binary search tree's deletion, no rebalancing. */
static inline void rb_erase(struct rb_node *node, struct rb_root *root)
{
	struct rb_node *parent = rb_parent(node), *child, *succ;

	if (!node->rb_left || !node->rb_right) {
		child = node->rb_left ? node->rb_left : node->rb_right;
		if (child)
			__shim_rb_set_parent(child, parent);
		__shim_rb_change_child(node, child, parent, root);
		return;
	}
	/* two children: the successor, leftmost of the right, takes its place */
	succ = node->rb_right;
	while (succ->rb_left)
		succ = succ->rb_left;
	if (succ != node->rb_right) {
		struct rb_node *sp = rb_parent(succ);

		sp->rb_left = succ->rb_right;
		if (succ->rb_right)
			__shim_rb_set_parent(succ->rb_right, sp);
		succ->rb_right = node->rb_right;
		__shim_rb_set_parent(node->rb_right, succ);
	}
	succ->rb_left = node->rb_left;
	__shim_rb_set_parent(node->rb_left, succ);
	__shim_rb_set_parent(succ, parent);
	__shim_rb_change_child(node, succ, parent, root);
}

#endif
