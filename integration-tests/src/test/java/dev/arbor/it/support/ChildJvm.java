package dev.arbor.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a {@code main} class in a child JVM with this JVM's class path, so a program that could
 * crash the JVM (a read of released native memory) fails a test with its output instead of
 * killing the test run.
 */
public final class ChildJvm {
    /** How a child ended: its exit code (134 or similar for a JVM crash) and everything it printed. */
    public record Result(int exitCode, String output) {
        /** Whether the child exited normally with code 0. */
        public boolean succeeded() {
            return exitCode == 0;
        }
    }

    private ChildJvm() {
    }

    /**
     * Runs {@code main} with {@code args} and {@code jvmArgs}, waiting at most {@code timeout}.
     *
     * @throws AssertionError if the child does not end in time (it is killed first)
     */
    public static Result run(Duration timeout, List<String> jvmArgs, Class<?> main, String... args) {
        List<String> arguments = new ArrayList<>();
        arguments.add("--enable-native-access=ALL-UNNAMED");
        arguments.addAll(jvmArgs);
        arguments.add("-cp");
        arguments.add(System.getProperty("java.class.path"));
        arguments.add(main.getName());
        arguments.addAll(List.of(args));
        return runJava(timeout, arguments);
    }

    /**
     * Runs this JVM's {@code java} launcher with {@code arguments} (and no core dump), waiting at
     * most {@code timeout}.
     *
     * @throws AssertionError if the child does not end in time (it is killed first)
     */
    public static Result runJava(Duration timeout, List<String> arguments) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-XX:-CreateCoredumpOnCrash");
        command.add("-Xshare:off");
        command.add("-XX:ErrorFile=" + Path.of(System.getProperty("java.io.tmpdir"), "arbor-child-hs_err_%p.log"));
        command.addAll(arguments);
        try {
            Path log = Files.createTempFile("arbor-child", ".log");
            try {
                Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
                if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    p.destroyForcibly().waitFor();
                    throw new AssertionError("child JVM " + String.join(" ", command) + " did not end within " + timeout
                            + "; it printed:\n" + Files.readString(log, StandardCharsets.UTF_8));
                }
                return new Result(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(log);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for a child JVM", e);
        }
    }
}
