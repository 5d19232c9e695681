/**
 * Hash maps and sets: {@link dev.arbor.collections.champ.PersistentMap} and
 * {@link dev.arbor.collections.champ.PersistentSet}, with their transients, over one canonical
 * CHAMP trie (compressed hash-array mapped prefix tree, Steindorfer and Vinju 2015) whose nodes
 * stay package-private. Between two of them, union ({@code plusAll}), difference ({@code minusAll})
 * and intersection ({@code intersect}, {@code intersectKeys}) walk both tries place by place and
 * share every subtree they can, rather than going key by key.
 */
package dev.arbor.collections.champ;
