package dev.arbor.collections;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arbor.api.scope.AllocatorScope;
import dev.arbor.api.scope.CurrentAllocator;
import dev.arbor.arena.ArenaAllocator;
import dev.arbor.collections.champ.PersistentMap;
import dev.arbor.collections.champ.PersistentSet;
import dev.arbor.collections.vector.PersistentVector;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code toString} prints as {@code java.util} does while a native value lives, and says the value
 * is stale, instead of throwing, once its allocator was reset or closed.
 */
class StaleToStringTest {

    @Test
    void nativeValuesPrintAsJavaUtilThenSayTheyAreStale() {
        ArenaAllocator arena = ArenaAllocator.builder().name("printed").build();
        PersistentVector<Object> v;
        PersistentMap<Object, Object> m;
        PersistentSet<Object> s;
        try (AllocatorScope scope = CurrentAllocator.use(arena)) {
            v = PersistentVector.of("a", null, 3L);
            m = PersistentMap.of("k", 1, "j", null);
            s = PersistentSet.of("x");
        }
        assertEquals(new ArrayList<>(v).toString(), v.toString());
        assertEquals("[a, null, 3]", v.toString());
        Map<Object, Object> copy = new LinkedHashMap<>();
        m.forEach(copy::put);
        assertEquals(copy.toString(), m.toString());
        assertEquals("[x]", s.toString());
        arena.reset();
        for (Object stale : List.of(v, m, s)) {
            String text = stale.toString();
            assertTrue(text.contains("[stale: ") && text.contains("'printed'") && text.contains("was reset"), text);
            assertThrows(IllegalStateException.class, stale::hashCode, "every other use still throws");
        }
        arena.close();
        assertTrue(m.toString().contains("was closed"), m.toString());
    }
}
