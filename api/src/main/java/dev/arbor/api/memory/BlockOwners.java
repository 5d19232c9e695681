package dev.arbor.api.memory;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * Which allocator owns a native address: every native allocator registers the ranges it obtains
 * from the system (chunks, large blocks, single blocks) and unregisters them before releasing.
 * The routing heap frees through it, so a block always goes back to its owner whatever allocator
 * is current. Thread-safe.
 *
 * <p>A decorator (the counting allocator) can stand in front of the allocator it wraps with
 * {@link #putFace}, so frees routed by address reach the decorator first.
 */
public final class BlockOwners {
    /**
     * {@code live} is false for a retired region: still owned (frees reach the owner), never
     * accessible. {@code gone} is set once the region is unregistered or replaced, so the cache
     * below never answers for it.
     */
    private static final class Region {
        final long start;
        final long end;
        final NativeAllocator owner;
        final boolean live;
        volatile boolean gone;

        Region(long start, long end, NativeAllocator owner, boolean live) {
            this.start = start;
            this.end = end;
            this.owner = owner;
            this.live = live;
        }

        boolean holds(long address, long bytes) {
            return !gone && address >= start && bytes >= 0 && address + bytes <= end;
        }
    }

    private static final ConcurrentSkipListMap<Long, Region> REGIONS = new ConcurrentSkipListMap<>();
    /**
     * The region each thread found last, in a slot of its own: most lookups fall in the same chunk
     * as the one before, and the skip list's {@code floorEntry} boxes the address and makes an
     * entry object per call. Threads are spread over the slots by id, a cache line apart, so
     * threads working in different arenas do not overwrite each other's region or share a line
     * (two threads whose ids collide share a slot, which costs only misses). Racy by design: any
     * region a slot holds is either still registered or marked {@code gone}.
     */
    private static final Region[] LAST_FOUND = new Region[ThreadSlots.SLOTS * ThreadSlots.STRIDE];
    private static final Map<NativeAllocator, NativeAllocator> FACES = new ConcurrentHashMap<>();

    private BlockOwners() {
    }

    /**
     * Records that {@code owner} owns {@code [start, start + bytes)}.
     *
     * @param start the region's first address
     * @param bytes the region's size, {@code > 0}
     * @param owner the allocator that obtained the region
     * @throws IllegalArgumentException if {@code bytes <= 0}
     * @throws IllegalStateException if the range overlaps a registered one (an allocator bug)
     */
    public static void register(long start, long bytes, NativeAllocator owner) {
        Objects.requireNonNull(owner, "owner");
        if (bytes <= 0) {
            throw new IllegalArgumentException("region of " + bytes + " bytes");
        }
        Region region = new Region(start, start + bytes, owner, true);
        Map.Entry<Long, Region> below = REGIONS.floorEntry(start + bytes - 1);
        if (below != null && below.getValue().end > start) {
            throw new IllegalStateException("region 0x" + Long.toHexString(start) + "+" + bytes + " of '" + owner.name()
                    + "' overlaps a region of '" + below.getValue().owner.name() + "'");
        }
        REGIONS.put(start, region);
    }

    /**
     * Keeps the region at {@code start} owned but refuses every access to it: for a freed block an
     * allocator keeps aside (a debug allocator's quarantine), so a second free still reaches that
     * allocator while checked raw access to it throws.
     *
     * @param start the first address of a registered region
     * @throws IllegalStateException if no region is registered at {@code start}
     */
    public static void retire(long start) {
        Region r = REGIONS.get(start);
        if (r == null) {
            throw new IllegalStateException("no region registered at 0x" + Long.toHexString(start));
        }
        REGIONS.put(start, new Region(r.start, r.end, r.owner, false));
        r.gone = true;
    }

    /**
     * Forgets the region that starts at {@code start}; call before releasing its memory.
     *
     * @param start the first address of a registered region
     * @throws IllegalStateException if no region is registered at {@code start}
     */
    public static void unregister(long start) {
        Region r = REGIONS.remove(start);
        if (r == null) {
            throw new IllegalStateException("no region registered at 0x" + Long.toHexString(start));
        }
        r.gone = true;
    }

    /**
     * The allocator that owns {@code address} (or the decorator standing in front of it), or
     * null if no Arbor allocator does.
     *
     * @param address any address
     * @return the owner or the decorator in front of it, or {@code null} if no registered region holds {@code address}
     */
    public static NativeAllocator ownerOf(long address) {
        Region r = find(address, 0);
        if (r == null || address >= r.end) {
            return null;
        }
        NativeAllocator owner = r.owner;
        if (!FACES.isEmpty()) {
            NativeAllocator face = FACES.get(owner);
            if (face != null) {
                return face;
            }
        }
        return owner;
    }

    /**
     * Whether {@code [address, address + bytes)} lies inside one registered, not retired region.
     *
     * @param address the range's first address
     * @param bytes   the range's size
     * @return {@code true} if one live region holds the whole range
     */
    public static boolean isLive(long address, long bytes) {
        Region r = find(address, bytes);
        return r != null && r.live && r.holds(address, bytes);
    }

    /** The region at or below {@code address}, from the cache when it holds the range. */
    private static Region find(long address, long bytes) {
        int slot = ThreadSlots.ofCurrentThread() * ThreadSlots.STRIDE;
        Region last = LAST_FOUND[slot];
        if (last != null && last.holds(address, Math.max(bytes, 1))) {
            return last;
        }
        Map.Entry<Long, Region> e = REGIONS.floorEntry(address);
        if (e == null) {
            return null;
        }
        Region r = e.getValue();
        LAST_FOUND[slot] = r;
        return r;
    }

    /**
     * From this call on, {@link #ownerOf} answers {@code face} for blocks that {@code owner} owns.
     *
     * @param owner the allocator that owns the blocks
     * @param face  the decorator that stands in front of it
     */
    public static void putFace(NativeAllocator owner, NativeAllocator face) {
        FACES.put(Objects.requireNonNull(owner, "owner"), Objects.requireNonNull(face, "face"));
    }

    /**
     * Undoes {@link #putFace} for {@code owner} only if {@code face} still stands in front of it.
     *
     * @param owner the allocator that owns the blocks
     * @param face  the decorator that stood in front of it
     */
    public static void removeFace(NativeAllocator owner, NativeAllocator face) {
        FACES.remove(owner, face);
    }

    /** {@return how many regions are registered (for tests and stats)} */
    public static int regionCount() {
        return REGIONS.size();
    }
}
