package dev.arbor.collections.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class CodecTest {

    @Test
    void inlineWordsRoundTripAndHashLikeTheirBoxes() {
        Random rnd = new Random(3);
        for (int i = 0; i < 10_000; i++) {
            long l = rnd.nextLong();
            assertEquals(l, Codec.LONG.decode(Codec.LONG.encode(l)));
            assertEquals(Long.valueOf(l).hashCode(), Codec.LONG.hashWord(Codec.LONG.encode(l)));
            int n = rnd.nextInt();
            assertEquals(n, Codec.INT.decode(Codec.INT.encode(n)));
            assertEquals(Integer.valueOf(n).hashCode(), Codec.INT.hashWord(Codec.INT.encode(n)));
            double d = Double.longBitsToDouble(rnd.nextLong());
            assertEquals(Double.valueOf(d), Codec.DOUBLE.decode(Codec.DOUBLE.encode(d)));
            assertEquals(Double.valueOf(d).hashCode(), Codec.DOUBLE.hashWord(Codec.DOUBLE.encode(d)));
        }
    }

    @Test
    void doubleWordsAreEqualExactlyWhenTheBoxesAre() {
        // Every NaN is one value; 0.0 and -0.0 differ: Double.equals, not ==.
        assertEquals(Codec.DOUBLE.encode(Double.NaN), Codec.DOUBLE.encode(Double.longBitsToDouble(0x7ff8_0000_0000_0001L)));
        assertNotEquals(Codec.DOUBLE.encode(0.0), Codec.DOUBLE.encode(-0.0));
    }

    @Test
    void inlineCodecsRefuseNullAndForeignTypes() {
        NullPointerException e = assertThrows(NullPointerException.class, () -> Codec.LONG.encode(null));
        assertTrue(e.getMessage().contains("Codec.object()"), e.getMessage());
        assertThrows(NullPointerException.class, () -> Codec.INT.encode(null));
        assertThrows(NullPointerException.class, () -> Codec.DOUBLE.encode(null));
        assertTrue(Codec.LONG.accepts(1L));
        assertFalse(Codec.LONG.accepts(1));
        assertFalse(Codec.INT.accepts(1L));
        assertFalse(Codec.DOUBLE.accepts(1f));
        assertTrue(Codec.object().accepts(null));
        assertTrue(Codec.LONG.isInline());
        assertFalse(Codec.object().isInline());
        assertThrows(UnsupportedOperationException.class, () -> Codec.object().encode("x"));
        assertEquals("Codec.long", Codec.LONG.toString());
    }
}
