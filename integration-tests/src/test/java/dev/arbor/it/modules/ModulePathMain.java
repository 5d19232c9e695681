package dev.arbor.it.modules;

import dev.arbor.api.Allocator;
import dev.arbor.api.discovery.Allocators;
import dev.arbor.api.scope.AllocatorScope;
import dev.arbor.api.scope.CurrentAllocator;
import dev.arbor.collections.champ.PersistentMap;
import dev.arbor.collections.codec.Codec;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;
import java.util.List;

/**
 * A class-path program using Arbor from the module path ({@link ModulePathTest}): discovery finds
 * the plugins through the module descriptors, collections work in an arena, and raw native
 * access and raw-address frees are out of reach. Exits 0 when all holds, 3 with a message otherwise.
 */
public final class ModulePathMain {
    private ModulePathMain() {
    }

    public static void main(String[] args) throws Exception {
        String wrong = check();
        if (wrong != null) {
            System.out.println("WRONG: " + wrong);
            System.exit(3);
        }
        System.out.println("OK");
    }

    private static String check() throws Exception {
        Module api = Allocators.class.getModule();
        if (!api.isNamed() || !api.getName().equals("dev.arbor.api")) {
            return "Arbor's api is not the named module dev.arbor.api but " + api;
        }
        if (!Allocators.defaultAllocator().name().equals("gc")) {
            return "the default allocator is " + Allocators.defaultAllocator().name();
        }
        try (Allocator arena = Allocators.create("arena"); AllocatorScope s = CurrentAllocator.use(arena)) {
            PersistentMap<Long, Long> m = PersistentMap.empty(Codec.LONG, Codec.LONG).plusLong(1, 10).plusLong(2, 20);
            if (m.getLong(2) != 20 || arena.stats().blocksAllocated() == 0) {
                return "a map built in the arena reads " + m.getLong(2) + " with " + arena.stats();
            }
            String reached = rawFreeReached(arena);
            if (reached != null) {
                return reached;
            }
        }
        Module collections = PersistentMap.class.getModule();
        if (api.isExported("dev.arbor.api.memory") || collections.isExported("dev.arbor.collections.node")) {
            return "an internal package is exported to everyone";
        }
        if (!api.isExported("dev.arbor.api.memory", collections)) {
            return "dev.arbor.api.memory is not exported to dev.arbor.collections";
        }
        Class<?> nativeMemory = Class.forName("dev.arbor.api.memory.NativeMemory");
        try {
            nativeMemory.getMethod("getLong", long.class).invoke(null, 0L);
            return "NativeMemory.getLong was callable from the class path";
        } catch (IllegalAccessException expected) {
            // Raw native access is out of a user's reach.
        } catch (InvocationTargetException e) {
            return "NativeMemory.getLong ran: " + e.getCause();
        }
        return null;
    }

    /** A raw-address free (which could free a block the system handed out again) is out of reach. */
    private static String rawFreeReached(Allocator arena) throws ClassNotFoundException {
        if (Modifier.isPublic(arena.getClass().getModifiers())) {
            return "the arena's implementation class " + arena.getClass().getName() + " is public";
        }
        Class<?> nativeAllocator = Class.forName("dev.arbor.api.memory.NativeAllocator");
        if (!nativeAllocator.isInstance(arena)) {
            return "the arena is not a NativeAllocator, so collections cannot use it natively";
        }
        for (Class<?> type : List.of(nativeAllocator, arena.getClass())) {
            try {
                type.getMethod("freeAddress", long.class, long.class).invoke(arena, 0L, 8L);
                return "freeAddress was callable from the class path through " + type.getName();
            } catch (IllegalAccessException expected) {
                // Out of a user's reach.
            } catch (InvocationTargetException | NoSuchMethodException e) {
                return "freeAddress through " + type.getName() + " ran: " + e;
            }
        }
        return null;
    }
}
