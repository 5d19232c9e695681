package dev.arbor.api;

import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Immutable settings for an allocator, as string keys and values (so they can come from system
 * properties or a host's configuration file). Typed getters parse and fail with the key and the
 * bad value in the message. Byte sizes accept the suffixes {@code k}, {@code m}, {@code g}
 * (powers of 1024), e.g. {@code chunkSize=64k}.
 */
public final class AllocatorConfig {
    /** No settings: every allocator's defaults. */
    public static final AllocatorConfig EMPTY = new AllocatorConfig(Map.of());

    private final Map<String, String> values;

    private AllocatorConfig(Map<String, String> values) {
        this.values = Collections.unmodifiableMap(new TreeMap<>(values));
    }

    /**
     * Settings from a map; keys and values must not be null.
     *
     * @param values the settings, copied
     * @return the settings
     * @throws NullPointerException if a key or a value is null
     */
    public static AllocatorConfig of(Map<String, String> values) {
        values.forEach((k, v) -> {
            Objects.requireNonNull(k, "key");
            Objects.requireNonNull(v, () -> "value of " + k);
        });
        return new AllocatorConfig(values);
    }

    /**
     * Settings from alternating keys and values: {@code of("chunkSize", "64k", "limit", "1m")}.
     *
     * @param keysAndValues a key, its value, the next key, its value, and so on
     * @return the settings
     * @throws IllegalArgumentException if the number of strings is odd
     * @throws NullPointerException     if a key or a value is null
     */
    public static AllocatorConfig of(String... keysAndValues) {
        if (keysAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("expected keys and values in pairs, got " + keysAndValues.length + " strings");
        }
        Map<String, String> map = new TreeMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put(Objects.requireNonNull(keysAndValues[i], "key"), Objects.requireNonNull(keysAndValues[i + 1], "value"));
        }
        return new AllocatorConfig(map);
    }

    /**
     * The properties that start with {@code arbor.<allocatorName>.}, prefix removed: with
     * {@code -Darbor.arena.chunkSize=1m}, {@code fromProperties(System.getProperties(), "arena")}
     * has {@code chunkSize=1m}.
     *
     * @param properties    where to read the settings, e.g. {@link System#getProperties()}
     * @param allocatorName the allocator's name, the middle part of the prefix
     * @return the matching settings, possibly none
     */
    public static AllocatorConfig fromProperties(Properties properties, String allocatorName) {
        String prefix = "arbor." + allocatorName + ".";
        Map<String, String> map = new TreeMap<>();
        for (String key : properties.stringPropertyNames()) {
            if (key.startsWith(prefix)) {
                map.put(key.substring(prefix.length()), properties.getProperty(key));
            }
        }
        return new AllocatorConfig(map);
    }

    /**
     * A copy with one more (or a replaced) setting.
     *
     * @param key   the setting's key
     * @param value the setting's value
     * @return a new configuration; this one is unchanged
     */
    public AllocatorConfig with(String key, String value) {
        Map<String, String> map = new TreeMap<>(values);
        map.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
        return new AllocatorConfig(map);
    }

    /**
     * These settings overlaid by {@code overrides}.
     *
     * @param overrides the settings that win where both have a key
     * @return a new configuration; this one is unchanged
     */
    public AllocatorConfig with(AllocatorConfig overrides) {
        Map<String, String> map = new TreeMap<>(values);
        map.putAll(overrides.values);
        return new AllocatorConfig(map);
    }

    /**
     * Throws unless every key is one of {@code knownKeys} (a known key ending in {@code .*}
     * accepts every key with that prefix).
     *
     * @param allocator the provider's name, for the message
     * @param knownKeys the keys the allocator reads
     * @throws IllegalArgumentException naming the unknown key, the closest known one, and all of them
     */
    public void requireKnownKeys(String allocator, Set<String> knownKeys) {
        for (String key : values.keySet()) {
            if (!isKnown(key, knownKeys)) {
                throw new IllegalArgumentException("allocator '" + allocator + "' has no setting '" + key + "'"
                        + ConfigKeys.closest(key, knownKeys).map(k -> "; did you mean '" + k + "'?").orElse("")
                        + " Its settings: " + (knownKeys.isEmpty() ? "none" : String.join(", ", new TreeSet<>(knownKeys))));
            }
        }
    }

    private static boolean isKnown(String key, Set<String> knownKeys) {
        if (knownKeys.contains(key)) {
            return true;
        }
        for (String known : knownKeys) {
            if (known.endsWith(".*") && key.startsWith(known.substring(0, known.length() - 1))) {
                return true;
            }
        }
        return false;
    }

    /** {@return every setting, as an unmodifiable map sorted by key} */
    public Map<String, String> asMap() {
        return values;
    }

    /**
     * A setting as it was given.
     *
     * @param key          the setting's key
     * @param defaultValue what to return if the key is not set
     * @return the value, or {@code defaultValue} if the key is not set
     */
    public String getString(String key, String defaultValue) {
        return values.getOrDefault(key, defaultValue);
    }

    /**
     * A setting that is {@code true} or {@code false}, case-insensitively.
     *
     * @param key          the setting's key
     * @param defaultValue what to return if the key is not set
     * @return the value, or {@code defaultValue} if the key is not set
     * @throws IllegalArgumentException if the value is neither {@code true} nor {@code false}
     */
    public boolean getBoolean(String key, boolean defaultValue) {
        String v = values.get(key);
        if (v == null) {
            return defaultValue;
        }
        return switch (v.trim().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw bad(key, v, "true or false");
        };
    }

    /**
     * A setting that is a whole number.
     *
     * @param key          the setting's key
     * @param defaultValue what to return if the key is not set
     * @return the value, or {@code defaultValue} if the key is not set
     * @throws IllegalArgumentException if the value is not a whole number that fits a {@code long}
     */
    public long getLong(String key, long defaultValue) {
        String v = values.get(key);
        if (v == null) {
            return defaultValue;
        }
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            throw bad(key, v, "a whole number");
        }
    }

    /**
     * A byte size such as {@code 4096}, {@code 64k}, {@code 16m} or {@code 2g}; must be {@code >= 0}.
     *
     * @param key          the setting's key
     * @param defaultValue what to return if the key is not set
     * @return the value in bytes, or {@code defaultValue} if the key is not set
     * @throws IllegalArgumentException if the value is not such a size, is negative, or does not fit a {@code long}
     */
    public long getBytes(String key, long defaultValue) {
        String v = values.get(key);
        if (v == null) {
            return defaultValue;
        }
        String s = v.trim().toLowerCase(Locale.ROOT);
        long unit = 1;
        if (!s.isEmpty()) {
            switch (s.charAt(s.length() - 1)) {
                case 'k' -> unit = 1L << 10;
                case 'm' -> unit = 1L << 20;
                case 'g' -> unit = 1L << 30;
                default -> unit = 1;
            }
        }
        String digits = unit == 1 ? s : s.substring(0, s.length() - 1);
        try {
            long n = Long.parseLong(digits.trim());
            if (n < 0) {
                throw bad(key, v, "a byte size >= 0");
            }
            return Math.multiplyExact(n, unit);
        } catch (NumberFormatException | ArithmeticException e) {
            throw bad(key, v, "a byte size such as 4096, 64k, 16m or 2g");
        }
    }

    /**
     * An enum constant by its name, case-insensitively.
     *
     * @param <E>          the enum type
     * @param key          the setting's key
     * @param type         the enum's class
     * @param defaultValue what to return if the key is not set
     * @return the constant the value names, or {@code defaultValue} if the key is not set
     * @throws IllegalArgumentException if the value names none of the constants
     */
    public <E extends Enum<E>> E getEnum(String key, Class<E> type, E defaultValue) {
        String v = values.get(key);
        if (v == null) {
            return defaultValue;
        }
        for (E e : type.getEnumConstants()) {
            if (e.name().equalsIgnoreCase(v.trim())) {
                return e;
            }
        }
        throw bad(key, v, "one of " + java.util.Arrays.toString(type.getEnumConstants()));
    }

    private static IllegalArgumentException bad(String key, String value, String expected) {
        return new IllegalArgumentException("allocator setting '" + key + "' is '" + value + "'; expected " + expected);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AllocatorConfig other && values.equals(other.values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        return "AllocatorConfig" + values;
    }
}
