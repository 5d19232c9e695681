package dev.arbor.collections.codec;

import java.io.IOException;
import java.io.ObjectInput;
import java.io.ObjectOutput;
import java.io.Serial;
import java.io.Serializable;

/**
 * How a collection stores its elements: either inline in a 64-bit word (a {@code long},
 * {@code int} or {@code double}, so a {@code long -> long} map holds no boxed objects at all) or
 * by reference (any other object).
 *
 * <p>An inline codec's words obey the {@code java.util} contracts of its boxed type: two words are
 * equal exactly when the boxes are {@link Object#equals equal}, and {@link #hashWord} is the box's
 * {@link Object#hashCode}. So a collection of inline elements equals, and hashes like, a
 * {@code java.util} collection of the same boxes. Inline codecs refuse {@code null};
 * {@link #object()} accepts it.
 *
 * <p>Codecs are serializable singletons: a deserialized codec is the constant it was written from,
 * so {@code ==} and the collections' codec checks keep working across a stream.
 *
 * @param <E> the element type
 */
public abstract sealed class Codec<E> implements Serializable
        permits Codec.LongCodec, Codec.IntCodec, Codec.DoubleCodec, Codec.ObjectCodec {
    @Serial
    private static final long serialVersionUID = 1L;
    /** {@code long} / {@link Long} inline: the word is the value. */
    public static final Codec<Long> LONG = new LongCodec();
    /** {@code int} / {@link Integer} inline: the word is the sign-extended value. */
    public static final Codec<Integer> INT = new IntCodec();
    /**
     * {@code double} / {@link Double} inline: the word is {@link Double#doubleToLongBits}, so
     * every NaN is one value and {@code 0.0} differs from {@code -0.0}, as {@link Double#equals}.
     */
    public static final Codec<Double> DOUBLE = new DoubleCodec();
    private static final Codec<Object> OBJECT = new ObjectCodec();

    private Codec() {
    }

    /**
     * Any object (and {@code null}), stored by reference.
     *
     * @param <E> the element type
     * @return the object codec, the same instance for every {@code E}
     */
    @SuppressWarnings("unchecked")
    public static <E> Codec<E> object() {
        return (Codec<E>) OBJECT;
    }

    /** {@return whether elements are stored in the word itself ({@code true}) or by reference} */
    public abstract boolean isInline();

    /**
     * The word for {@code e}. Inline codecs only.
     *
     * @param e the element
     * @return the word that stands for {@code e}
     * @throws NullPointerException          if {@code e} is null
     * @throws UnsupportedOperationException for {@link #object()}
     */
    public abstract long encode(E e);

    /**
     * The element a word stands for (a new box for inline codecs). Inline codecs only.
     *
     * @param word a word {@link #encode} returned
     * @return the element
     * @throws UnsupportedOperationException for {@link #object()}
     */
    public abstract E decode(long word);

    /**
     * The {@code hashCode()} of the element {@code word} stands for, without boxing it. Inline codecs only.
     *
     * @param word a word {@link #encode} returned
     * @return the element's hash code
     * @throws UnsupportedOperationException for {@link #object()}
     */
    public abstract int hashWord(long word);

    /**
     * Whether {@code o} can be an element of a collection with this codec; {@code get} and
     * {@code contains} answer "absent" for any other object instead of throwing.
     *
     * @param o any object, or {@code null}
     * @return {@code true} if {@code o} can be an element; {@link #object()} accepts every object and {@code null}
     */
    public abstract boolean accepts(Object o);

    /** {@return a short name for messages: {@code long}, {@code int}, {@code double} or {@code object}} */
    public abstract String name();

    /**
     * Writes {@code e} for a collection's serial form: {@link #LONG} and {@link #INT} write the
     * primitive ({@code writeLong}, {@code writeInt}), {@link #DOUBLE} writes
     * {@code writeLong(Double.doubleToLongBits(e))}, {@link #object()} writes the object
     * ({@code writeObject}, so it must be serializable).
     *
     * @param e   the element
     * @param out the stream to write to
     * @throws IOException          if the stream fails
     * @throws NullPointerException if an inline codec is given {@code null}
     */
    public abstract void writeElement(E e, ObjectOutput out) throws IOException;

    /**
     * Reads an element that {@link #writeElement} wrote. An inline codec reads a primitive, so the
     * element it returns is always one it accepts; {@link #object()} returns whatever object the
     * stream holds.
     *
     * @param in the stream to read from
     * @return the element
     * @throws IOException            if the stream fails
     * @throws ClassNotFoundException if {@link #object()} reads an object whose class cannot be found
     */
    public abstract E readElement(ObjectInput in) throws IOException, ClassNotFoundException;

    @Override
    public String toString() {
        return "Codec." + name();
    }

    static NullPointerException nullElement(String codec) {
        return new NullPointerException("a collection with the " + codec
                + " codec stores its elements inline and cannot hold null; use Codec.object() for nullable elements");
    }

    static final class LongCodec extends Codec<Long> {
        @Serial
        private static final long serialVersionUID = 1L;

        @Override public boolean isInline() { return true; }
        @Override public long encode(Long e) {
            if (e == null) {
                throw nullElement(name());
            }
            return e;
        }
        @Override public Long decode(long word) { return word; }
        @Override public int hashWord(long word) { return Long.hashCode(word); }
        @Override public boolean accepts(Object o) { return o instanceof Long; }
        @Override public String name() { return "long"; }
        @Override public void writeElement(Long e, ObjectOutput out) throws IOException { out.writeLong(encode(e)); }
        @Override public Long readElement(ObjectInput in) throws IOException { return in.readLong(); }
        @Serial private Object readResolve() { return LONG; }
    }

    static final class IntCodec extends Codec<Integer> {
        @Serial
        private static final long serialVersionUID = 1L;

        @Override public boolean isInline() { return true; }
        @Override public long encode(Integer e) {
            if (e == null) {
                throw nullElement(name());
            }
            return e;
        }
        @Override public Integer decode(long word) { return (int) word; }
        @Override public int hashWord(long word) { return (int) word; }
        @Override public boolean accepts(Object o) { return o instanceof Integer; }
        @Override public String name() { return "int"; }
        @Override public void writeElement(Integer e, ObjectOutput out) throws IOException { out.writeInt((int) encode(e)); }
        @Override public Integer readElement(ObjectInput in) throws IOException { return in.readInt(); }
        @Serial private Object readResolve() { return INT; }
    }

    static final class DoubleCodec extends Codec<Double> {
        @Serial
        private static final long serialVersionUID = 1L;

        @Override public boolean isInline() { return true; }
        @Override public long encode(Double e) {
            if (e == null) {
                throw nullElement(name());
            }
            return Double.doubleToLongBits(e);
        }
        @Override public Double decode(long word) { return Double.longBitsToDouble(word); }
        @Override public int hashWord(long word) { return Long.hashCode(word); }
        @Override public boolean accepts(Object o) { return o instanceof Double; }
        @Override public String name() { return "double"; }
        @Override public void writeElement(Double e, ObjectOutput out) throws IOException { out.writeLong(encode(e)); }
        @Override public Double readElement(ObjectInput in) throws IOException { return decode(in.readLong()); }
        @Serial private Object readResolve() { return DOUBLE; }
    }

    static final class ObjectCodec extends Codec<Object> {
        @Serial
        private static final long serialVersionUID = 1L;

        @Override public boolean isInline() { return false; }
        @Override public long encode(Object e) {
            throw new UnsupportedOperationException("Codec.object() stores elements by reference, not in words");
        }
        @Override public Object decode(long word) {
            throw new UnsupportedOperationException("Codec.object() stores elements by reference, not in words");
        }
        @Override public int hashWord(long word) {
            throw new UnsupportedOperationException("Codec.object() stores elements by reference, not in words");
        }
        @Override public boolean accepts(Object o) { return true; }
        @Override public String name() { return "object"; }
        @Override public void writeElement(Object e, ObjectOutput out) throws IOException { out.writeObject(e); }
        @Override public Object readElement(ObjectInput in) throws IOException, ClassNotFoundException {
            return in.readObject();
        }
        @Serial private Object readResolve() { return OBJECT; }
    }
}
