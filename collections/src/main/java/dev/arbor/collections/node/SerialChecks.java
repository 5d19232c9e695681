package dev.arbor.collections.node;

import dev.arbor.collections.codec.Codec;
import java.io.IOException;
import java.io.InvalidObjectException;
import java.io.ObjectInputStream;

/**
 * What the serial forms of the vector, the map and the set check in a stream before they trust
 * it: each refusal is an {@link InvalidObjectException} naming the collection.
 */
public final class SerialChecks {
    private SerialChecks() {
    }

    /** Reads a codec, refusing any other object. */
    public static Codec<?> codec(ObjectInputStream in, String what) throws IOException, ClassNotFoundException {
        Object codec = in.readObject();
        if (!(codec instanceof Codec<?> c)) {
            throw new InvalidObjectException("a serialized " + what + " holds a Codec here, found " + codec);
        }
        return c;
    }

    /** Reads a size, refusing a negative one. */
    public static int size(ObjectInputStream in, String what) throws IOException {
        int size = in.readInt();
        if (size < 0) {
            throw new InvalidObjectException("a serialized " + what + " has a negative size: " + size);
        }
        return size;
    }

    /** A stream that repeats elements would otherwise read back as a smaller collection, silently. */
    public static void noDuplicates(int built, int declared, String what, String elements) throws InvalidObjectException {
        if (built != declared) {
            throw new InvalidObjectException("a serialized " + what + " of " + declared + " " + elements
                    + " repeats " + (declared - built) + " of them");
        }
    }
}
