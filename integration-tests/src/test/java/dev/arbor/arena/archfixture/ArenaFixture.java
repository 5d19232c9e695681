package dev.arbor.arena.archfixture;

/** A class in the arena plugin's tree, for other fixtures to depend on. */
public final class ArenaFixture {
}
