package dev.arbor.api.archfixture;

import com.google.inject.Injector;

/** Violates API_DEPENDS_ON_JDK_ONLY: code in the api tree that sees a library. */
public final class ApiUsesGuice {
    private ApiUsesGuice() {
    }

    static Object lookUp(Injector injector) {
        return injector.getInstance(Object.class);
    }
}
