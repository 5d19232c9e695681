package dev.arbor.guice;

import dev.arbor.api.Allocator;
import dev.arbor.api.AllocatorConfig;
import dev.arbor.api.AllocatorProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.Set;

/** A provider for tests: counts what it created and shares one close log among its allocators. */
class FakeProvider implements AllocatorProvider {
    private final String name;
    private final boolean isDefault;
    private final List<FakeAllocator> created = new CopyOnWriteArrayList<>();
    private final List<String> closeLog;

    FakeProvider(String name, boolean isDefault) {
        this(name, isDefault, new ArrayList<>());
    }

    FakeProvider(String name, boolean isDefault, List<String> closeLog) {
        this.name = name;
        this.isDefault = isDefault;
        this.closeLog = closeLog;
    }

    List<FakeAllocator> created() {
        return created;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String description() {
        return "a test allocator called " + name;
    }

    @Override
    public boolean isDefault() {
        return isDefault;
    }

    @Override
    public Set<String> configKeys() {
        return Set.of("chunkSize", "limit");
    }

    @Override
    public Allocator create(AllocatorConfig config) {
        FakeAllocator a = new FakeAllocator(name, config, closeLog);
        created.add(a);
        return a;
    }
}
