package dev.arbor.debug;

import dev.arbor.api.Allocator;
import dev.arbor.api.InvalidFreeException;

/** Every refused free's message, built in one place so they all name the same facts. */
final class FreeErrors {
    private FreeErrors() {
    }

    static InvalidFreeException doubleFree(String allocator, BlockRecord block, long size, String hint) {
        String how = block.resetInGeneration >= 0
                ? "it was already released by reset() of generation " + block.resetInGeneration
                : "it was already freed";
        return new InvalidFreeException(block.address, "double free of " + block.describe() + " (freed now with " + size
                + " bytes) in debug allocator '" + allocator + "': " + how + "." + sites(block, hint)
                + "\nFree each block exactly once; after a reset, drop every block allocated before it.");
    }

    static InvalidFreeException wrongSize(String allocator, BlockRecord block, long size, String hint) {
        return new InvalidFreeException(block.address, "free of block 0x" + Long.toHexString(block.address) + " with " + size
                + " bytes, but debug allocator '" + allocator + "' handed it out with " + block.size
                + " bytes; pass the size it was allocated with. The block stays live." + sites(block, hint));
    }

    static InvalidFreeException interior(String allocator, long address, long size, BlockRecord block, String hint) {
        return new InvalidFreeException(address, "free of 0x" + Long.toHexString(address) + " (" + size + " bytes): the address lies "
                + (address - block.address) + " bytes inside live " + block.describe() + " of debug allocator '" + allocator
                + "'; free a block by its first address. Nothing was freed." + sites(block, hint));
    }

    static InvalidFreeException foreign(String allocator, long address, long size, Allocator otherOwner, long quarantineBytes) {
        String where;
        if (otherOwner != null) {
            where = "it belongs to allocator '" + otherOwner.name() + "'; free it through that allocator, "
                    + "or through RoutingHeap.freeAddress/free, which finds the owner";
        } else {
            where = "no Arbor allocator owns it: it was never handed out by this allocator, or it was freed long ago "
                    + "and has left the quarantine (which keeps the last " + quarantineBytes
                    + " bytes of freed blocks; raise 'quarantine' to remember more)";
        }
        return new InvalidFreeException(address, "free of 0x" + Long.toHexString(address) + " (" + size
                + " bytes) refused by debug allocator '" + allocator + "': " + where + ". Nothing was freed.");
    }

    private static String sites(BlockRecord block, String hint) {
        if (block.site == null) {
            return "\n  allocation site not recorded (" + hint + ")";
        }
        String s = "\n  allocated at:" + block.site.format();
        if (block.freeSite != null) {
            s += "\n  first freed at:" + block.freeSite.format();
        } else if (block.resetInGeneration >= 0) {
            s += "\n  released by reset() of generation " + block.resetInGeneration;
        }
        return s;
    }
}
