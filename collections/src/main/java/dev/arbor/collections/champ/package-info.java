/**
 * Hash maps and sets: {@link dev.arbor.collections.champ.PersistentMap} and
 * {@link dev.arbor.collections.champ.PersistentSet}, with their transients, over one canonical
 * CHAMP trie (compressed hash-array mapped prefix tree, Steindorfer and Vinju 2015) whose nodes
 * stay package-private.
 */
package dev.arbor.collections.champ;
