package dev.arbor.collections.testing;

import java.util.concurrent.atomic.AtomicBoolean;

/** A thread that forces JVM collections every few milliseconds until closed (root-safety tests). */
public final class BackgroundCollector implements AutoCloseable {
    private final AtomicBoolean done = new AtomicBoolean();
    private final Thread thread;

    private BackgroundCollector() {
        thread = Thread.ofPlatform().name("background-collector").start(() -> {
            while (!done.get()) {
                System.gc();
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
    }

    public static BackgroundCollector start() {
        return new BackgroundCollector();
    }

    @Override
    public void close() throws InterruptedException {
        done.set(true);
        thread.join();
    }
}
