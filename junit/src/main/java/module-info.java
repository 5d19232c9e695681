/** A JUnit Jupiter extension: allocators per test, allocation budgets, leak checks. */
module dev.arbor.junit {
    requires transitive dev.arbor.api;
    requires transitive org.junit.jupiter.api;
    requires dev.arbor.counting;

    exports dev.arbor.junit;
}
