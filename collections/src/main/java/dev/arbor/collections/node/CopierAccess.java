package dev.arbor.collections.node;

import dev.arbor.collections.Copier;
import java.util.Objects;
import java.util.function.Function;

/**
 * How the collections' copy code reaches a {@link Copier}'s memos without {@code Copier}
 * publishing them: {@code Copier} hands this class its accessor when it is initialized.
 */
public final class CopierAccess {
    private static Function<Copier, CopyMemos> memos;

    private CopierAccess() {
    }

    /**
     * Called once, by {@code Copier}'s initializer.
     *
     * @throws IllegalStateException if called again
     */
    public static synchronized void setMemos(Function<Copier, CopyMemos> accessor) {
        if (memos != null) {
            throw new IllegalStateException("Copier's memos are already wired");
        }
        memos = Objects.requireNonNull(accessor, "accessor");
    }

    /** The memos of {@code copier} (its class is initialized, since it exists). */
    public static CopyMemos memos(Copier copier) {
        return memos.apply(copier);
    }
}
