package dev.arbor.collections.vector;

import dev.arbor.collections.codec.Codec;
import dev.arbor.collections.node.SerialChecks;
import dev.arbor.collections.node.SerialElements;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serial;
import java.io.Serializable;

/**
 * The serial form of a {@link PersistentVector}: its codec, its size, then its elements in order
 * as the codec writes them ({@link Codec#writeElement}). Nodes, addresses and allocators are never
 * written, so a native vector serializes like a managed one, and reading builds a new vector with
 * a transient under the reading thread's current allocator, as {@link PersistentVector#copyOf}
 * would. If reading fails part way, the nodes built so far are freed.
 */
final class VectorForm implements Serializable {
    @Serial
    private static final long serialVersionUID = 1L;

    private transient PersistentVector<?> vector;

    VectorForm(PersistentVector<?> vector) {
        this.vector = vector;
    }

    @Serial
    private void writeObject(ObjectOutputStream out) throws IOException {
        write(vector, out);
    }

    private static <E> void write(PersistentVector<E> v, ObjectOutputStream out) throws IOException {
        out.writeObject(v.codec());
        out.writeInt(v.size());
        SerialElements.write(v.codec(), v, v::longStream, out);
    }

    @Serial
    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
        Codec<?> codec = SerialChecks.codec(in, "PersistentVector");
        int size = SerialChecks.size(in, "PersistentVector");
        vector = read(codec, size, in);
    }

    private static <E> PersistentVector<E> read(Codec<E> codec, int size, ObjectInputStream in)
            throws IOException, ClassNotFoundException {
        TransientVector<E> t = PersistentVector.empty(codec).asTransient();
        try {
            SerialElements.read(codec, size, in, t::appendLong, t::append);
            return t.persistent();
        } catch (Throwable e) {
            // A stream that ends early or holds an unknown class: free what was built (native nodes).
            t.discard(e);
            throw e;
        }
    }

    @Serial
    private Object readResolve() {
        return vector;
    }
}
