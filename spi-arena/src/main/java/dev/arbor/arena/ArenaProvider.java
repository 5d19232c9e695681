package dev.arbor.arena;

import dev.arbor.api.AllocatorConfig;
import dev.arbor.api.AllocatorProvider;
import java.util.Locale;
import java.util.Set;

/**
 * The arena plugin's {@link java.util.ServiceLoader} entry: name {@code "arena"}, never the
 * default. Configuration keys (byte sizes accept {@code k}, {@code m}, {@code g}):
 * <ul>
 *   <li>{@code chunkSize}: bytes per chunk, default {@code 1m} (or the limit if smaller);</li>
 *   <li>{@code largeThreshold}: larger requests get their own block, default chunkSize / 4;</li>
 *   <li>{@code limit}: most bytes reserved from the system, default {@code 0} (no limit);</li>
 *   <li>{@code resetMode}: {@code FREE_ALL}, {@code RETAIN_CAPACITY} (default) or
 *       {@code RETAIN_WITH_LIMIT} (then {@code retainLimit}, in bytes, is required);</li>
 *   <li>{@code shared}: {@code true} to allow several threads, default {@code false};</li>
 *   <li>{@code name}: the name in messages and stats, default {@code arena}.</li>
 * </ul>
 */
public final class ArenaProvider implements AllocatorProvider {

    /** For {@link java.util.ServiceLoader}. */
    public ArenaProvider() {
    }

    @Override
    public String name() {
        return "arena";
    }

    @Override
    public String description() {
        return "native memory by bump allocation in chunks, freed all at once by reset; optional byte limit";
    }

    @Override
    public Set<String> configKeys() {
        return Set.of("name", "chunkSize", "largeThreshold", "limit", "resetMode", "retainLimit", "shared");
    }

    @Override
    public boolean isDefault() {
        return false;
    }

    /** A new arena; unless {@code shared=true}, confined to the calling thread. */
    @Override
    public ArenaAllocator create(AllocatorConfig config) {
        ArenaBuilder b = ArenaAllocator.builder()
                .name(config.getString("name", "arena"))
                .limit(config.getBytes("limit", 0))
                .resetMode(resetMode(config))
                .shared(config.getBoolean("shared", false));
        long chunkSize = config.getBytes("chunkSize", -1);
        if (chunkSize >= 0) {
            b.chunkSize(chunkSize);
        }
        long threshold = config.getBytes("largeThreshold", -1);
        if (threshold >= 0) {
            b.largeThreshold(threshold);
        }
        return b.build();
    }

    private static ResetMode resetMode(AllocatorConfig config) {
        String mode = config.getString("resetMode", "RETAIN_CAPACITY").trim().toUpperCase(Locale.ROOT);
        return switch (mode) {
            case "FREE_ALL" -> ResetMode.FREE_ALL;
            case "RETAIN_CAPACITY" -> ResetMode.RETAIN_CAPACITY;
            case "RETAIN_WITH_LIMIT" -> {
                long bytes = config.getBytes("retainLimit", -1);
                if (bytes < 0) {
                    throw new IllegalArgumentException("allocator setting 'retainLimit' is missing; resetMode=RETAIN_WITH_LIMIT "
                            + "needs it (the most bytes of chunks kept at reset, e.g. retainLimit=8m)");
                }
                yield ResetMode.retainWithLimit(bytes);
            }
            default -> throw new IllegalArgumentException("allocator setting 'resetMode' is '" + config.getString("resetMode", "")
                    + "'; expected one of FREE_ALL, RETAIN_CAPACITY, RETAIN_WITH_LIMIT");
        };
    }
}
