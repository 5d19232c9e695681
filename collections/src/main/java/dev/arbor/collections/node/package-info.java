/**
 * What every node format shares: transient edit tokens and the accounting of managed nodes
 * through the routing heap. Internal to the collections; not for use by applications.
 */
package dev.arbor.collections.node;
