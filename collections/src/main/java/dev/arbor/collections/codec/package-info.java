/** Element codecs: how collection elements are encoded in 64-bit words or held by reference. */
package dev.arbor.collections.codec;
