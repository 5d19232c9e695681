package dev.arbor.collections.node;

import dev.arbor.collections.codec.Codec;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.PrimitiveIterator;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import java.util.function.Supplier;
import java.util.stream.LongStream;

/**
 * The element part of the serial forms of the vector and the set: the elements in order as their
 * codec writes them ({@link Codec#writeElement}), {@code long}s unboxed; and reading them back
 * into whatever builds the collection.
 */
public final class SerialElements {
    private SerialElements() {
    }

    /**
     * Writes {@code elements} ({@code longs} for {@link Codec#LONG}, so that none is boxed).
     *
     * @param longs the same elements as {@code long}s; only called for {@link Codec#LONG}
     */
    public static <E> void write(Codec<E> codec, Iterable<E> elements, Supplier<LongStream> longs,
                                 ObjectOutputStream out) throws IOException {
        if (codec == Codec.LONG) {
            for (PrimitiveIterator.OfLong it = longs.get().iterator(); it.hasNext(); ) {
                out.writeLong(it.nextLong());
            }
        } else {
            for (E e : elements) {
                codec.writeElement(e, out);
            }
        }
    }

    /** Reads {@code size} elements written by {@link #write}, giving each to {@code addLong} or {@code add}. */
    public static <E> void read(Codec<E> codec, int size, ObjectInputStream in, LongConsumer addLong,
                                Consumer<? super E> add) throws IOException, ClassNotFoundException {
        if (codec == Codec.LONG) {
            for (int i = 0; i < size; i++) {
                addLong.accept(in.readLong());
            }
        } else {
            for (int i = 0; i < size; i++) {
                add.accept(codec.readElement(in));
            }
        }
    }
}
