package dev.arbor.api;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** The closest known configuration key to a mistyped one, for {@link AllocatorConfig#requireKnownKeys}. */
final class ConfigKeys {
    private ConfigKeys() {
    }

    /** The known key with the smallest edit distance to {@code key}, ignoring case, if it is close enough to be a typo. */
    static Optional<String> closest(String key, Set<String> knownKeys) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String known : knownKeys) {
            int d = distance(key.toLowerCase(Locale.ROOT), known.toLowerCase(Locale.ROOT));
            if (d < bestDistance) {
                best = known;
                bestDistance = d;
            }
        }
        return best != null && bestDistance <= Math.max(2, key.length() / 3) ? Optional.of(best) : Optional.empty();
    }

    /** Levenshtein distance. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
