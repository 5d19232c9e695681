/** The persistent vector and its transient. */
package dev.arbor.collections.vector;
