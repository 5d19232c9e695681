package dev.arbor.benchmarks.collections;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.UncheckedIOException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Java serialization of a {@code long -> long} map, each library's own serial form: {@code write}
 * serializes the loaded map into memory, {@code read} deserializes the bytes {@code write} makes.
 * Microseconds per map; {@link #serializedBytes()} gives the stream's size.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgs = {"--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow", "-Xms4g", "-Xmx4g", "-XX:+AlwaysPreTouch"})
@State(Scope.Thread)
public class SerializationBenchmark {
    /** Entries in the map. */
    @Param({"1000", "100000"})
    public int size;

    /** The library. */
    @Param({"arbor", "scala", "clojure", "vavr", "pcollections", "fastutil", "javaHashMap"})
    public String lib;

    private Object map;
    private byte[] bytes;

    /** Loads the map with the library's fastest builder and serializes it once for {@link #read}. */
    @Setup(Level.Trial)
    public void setUp() {
        LongMapLib impl = LongMapLib.of(lib);
        impl.load(new LongMapData(size, 42));
        map = impl.map();
        bytes = write();
    }

    /** The map's serialized form. */
    @Benchmark
    public byte[] write() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(bytes == null ? 1 << 16 : bytes.length);
        try (ObjectOutputStream o = new ObjectOutputStream(out)) {
            o.writeObject(map);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** A map read back from its serialized form. */
    @Benchmark
    public Object read() {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
            return in.readObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Bytes in the serialized form of the loaded map. */
    public int serializedBytes() {
        return bytes.length;
    }

    /** The loaded map. */
    Object map() {
        return map;
    }
}
