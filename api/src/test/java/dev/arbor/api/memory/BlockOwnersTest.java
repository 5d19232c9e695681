package dev.arbor.api.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arbor.api.InvalidFreeException;
import org.junit.jupiter.api.Test;

class BlockOwnersTest {
    // Fake ranges far above any real user-space address: nothing is read or written there.
    private static final long BASE = 0x7fff_0000_0000_0000L;

    @Test
    void ownersAreFoundByAnyAddressInsideTheirRange() {
        TestOwner a = new TestOwner("a");
        TestOwner b = new TestOwner("b");
        BlockOwners.register(BASE, 4096, a);
        BlockOwners.register(BASE + 4096, 4096, b);
        try {
            assertSame(a, BlockOwners.ownerOf(BASE));
            assertSame(a, BlockOwners.ownerOf(BASE + 4095));
            assertSame(b, BlockOwners.ownerOf(BASE + 4096));
            assertNull(BlockOwners.ownerOf(BASE + 8192));
            assertTrue(BlockOwners.isLive(BASE + 100, 8));
            assertFalse(BlockOwners.isLive(BASE + 4090, 8), "an access may not straddle two regions");
            assertThrows(IllegalStateException.class, () -> BlockOwners.register(BASE + 100, 10, b), "overlap");
        } finally {
            BlockOwners.unregister(BASE);
            BlockOwners.unregister(BASE + 4096);
        }
        assertNull(BlockOwners.ownerOf(BASE));
    }

    @Test
    void aRetiredRegionIsStillOwnedButNeverLive() {
        TestOwner owner = new TestOwner("owner");
        BlockOwners.register(BASE, 64, owner);
        try {
            BlockOwners.retire(BASE);
            assertSame(owner, BlockOwners.ownerOf(BASE + 8));
            assertFalse(BlockOwners.isLive(BASE, 1));
        } finally {
            BlockOwners.unregister(BASE);
        }
    }

    @Test
    void aFaceStandsInFrontOfTheOwner() {
        TestOwner owner = new TestOwner("owner");
        TestOwner face = new TestOwner("face");
        BlockOwners.register(BASE, 64, owner);
        BlockOwners.putFace(owner, face);
        try {
            assertSame(face, BlockOwners.ownerOf(BASE + 8));
        } finally {
            BlockOwners.removeFace(owner, face);
            BlockOwners.unregister(BASE);
        }
    }

    @Test
    void freeingAnUnownedAddressIsRefusedByTheRoutingHeap() {
        var e = assertThrows(InvalidFreeException.class, () -> NativeHeap.freeAddress(BASE + 12345, 8));
        assertEquals(BASE + 12345, e.address());
        assertTrue(e.getMessage().contains(Long.toHexString(BASE + 12345)), e.getMessage());
    }
}
