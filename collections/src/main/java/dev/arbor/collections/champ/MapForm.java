package dev.arbor.collections.champ;

import dev.arbor.collections.codec.Codec;
import dev.arbor.collections.node.SerialChecks;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serial;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * The serial form of a {@link PersistentMap}: its key codec, its value codec, its size, then each
 * entry's key and value as the codecs write them ({@link Codec#writeElement}). Nodes, addresses
 * and allocators are never written; reading builds a new map with a transient under the reading
 * thread's current allocator, and refuses a stream whose keys repeat. If reading fails, the nodes
 * built so far are freed.
 */
final class MapForm implements Serializable {
    @Serial
    private static final long serialVersionUID = 1L;

    private transient PersistentMap<?, ?> map;

    MapForm(PersistentMap<?, ?> map) {
        this.map = map;
    }

    @Serial
    private void writeObject(ObjectOutputStream out) throws IOException {
        write(map, out);
    }

    private static <K, V> void write(PersistentMap<K, V> m, ObjectOutputStream out) throws IOException {
        out.writeObject(m.keyCodec());
        out.writeObject(m.valueCodec());
        out.writeInt(m.size());
        if (m.keyCodec() == Codec.LONG && m.valueCodec() == Codec.LONG) {
            // forEachLong reads no boxes; its action cannot throw a checked exception.
            try {
                m.forEachLong((k, v) -> {
                    try {
                        out.writeLong(k);
                        out.writeLong(v);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
        } else {
            for (Map.Entry<K, V> e : m.entrySet()) {
                m.keyCodec().writeElement(e.getKey(), out);
                m.valueCodec().writeElement(e.getValue(), out);
            }
        }
    }

    @Serial
    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
        Codec<?> keyCodec = SerialChecks.codec(in, "PersistentMap");
        Codec<?> valueCodec = SerialChecks.codec(in, "PersistentMap");
        int size = SerialChecks.size(in, "PersistentMap");
        map = read(keyCodec, valueCodec, size, in);
    }

    private static <K, V> PersistentMap<K, V> read(Codec<K> keyCodec, Codec<V> valueCodec, int size,
                                                   ObjectInputStream in) throws IOException, ClassNotFoundException {
        TransientMap<K, V> t = PersistentMap.empty(keyCodec, valueCodec).asTransient();
        try {
            if (keyCodec == Codec.LONG && valueCodec == Codec.LONG) {
                for (int i = 0; i < size; i++) {
                    t.putLong(in.readLong(), in.readLong());
                }
            } else {
                for (int i = 0; i < size; i++) {
                    K key = keyCodec.readElement(in);
                    t.put(key, valueCodec.readElement(in));
                }
            }
            SerialChecks.noDuplicates(t.size(), size, "PersistentMap", "keys");
            return t.persistent();
        } catch (Throwable e) {
            t.discard(e);
            throw e;
        }
    }

    @Serial
    private Object readResolve() {
        return map;
    }
}
