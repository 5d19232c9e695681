package dev.arbor.collections.champ;

import dev.arbor.collections.codec.Codec;
import dev.arbor.collections.node.SerialChecks;
import dev.arbor.collections.node.SerialElements;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serial;
import java.io.Serializable;

/**
 * The serial form of a {@link PersistentSet}: its codec, its size, then its elements in iteration
 * order as the codec writes them ({@link Codec#writeElement}). Nodes, addresses and allocators are
 * never written; reading builds a new set with a transient under the reading thread's current
 * allocator, and refuses a stream whose elements repeat. If reading fails, the nodes built so far
 * are freed.
 */
final class SetForm implements Serializable {
    @Serial
    private static final long serialVersionUID = 1L;

    private transient PersistentSet<?> set;

    SetForm(PersistentSet<?> set) {
        this.set = set;
    }

    @Serial
    private void writeObject(ObjectOutputStream out) throws IOException {
        write(set, out);
    }

    private static <E> void write(PersistentSet<E> s, ObjectOutputStream out) throws IOException {
        out.writeObject(s.codec());
        out.writeInt(s.size());
        SerialElements.write(s.codec(), s, s::longStream, out);
    }

    @Serial
    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
        Codec<?> codec = SerialChecks.codec(in, "PersistentSet");
        int size = SerialChecks.size(in, "PersistentSet");
        set = read(codec, size, in);
    }

    private static <E> PersistentSet<E> read(Codec<E> codec, int size, ObjectInputStream in)
            throws IOException, ClassNotFoundException {
        TransientSet<E> t = PersistentSet.empty(codec).asTransient();
        try {
            SerialElements.read(codec, size, in, t::addLong, t::add);
            SerialChecks.noDuplicates(t.size(), size, "PersistentSet", "elements");
            return t.persistent();
        } catch (Throwable e) {
            t.discard(e);
            throw e;
        }
    }

    @Serial
    private Object readResolve() {
        return set;
    }
}
