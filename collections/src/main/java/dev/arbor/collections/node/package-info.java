/**
 * What every node format shares: transient edit tokens, the accounting of managed nodes through
 * the routing heap, the undo log of native operations, the tagging and lifetime checks of native
 * nodes, and the memo of copies. Internal to the collections; not for use by applications.
 */
package dev.arbor.collections.node;
