package dev.arbor.it.safety;

/**
 * Runs fuzz programs in this JVM ({@link MisuseFuzzTest} starts it as a child JVM): arguments
 * first seed, number of programs, steps per program. Prints the seed before each program, so a
 * crash's output names the program that crashed. Exit code 0: every outcome was right or
 * documented; 3: a misuse was found (printed with its seed and step).
 */
public final class FuzzMain {
    private FuzzMain() {
    }

    public static void main(String[] args) throws Exception {
        long first = Long.parseLong(args[0]);
        int programs = Integer.parseInt(args[1]);
        int steps = Integer.parseInt(args[2]);
        long total = 0;
        for (long seed = first; seed < first + programs; seed++) {
            System.out.println("program seed " + seed);
            System.out.flush();
            try {
                total += new FuzzProgram(seed).run(steps);
            } catch (FuzzProgram.Misuse m) {
                System.out.println("MISUSE " + m.getMessage());
                m.printStackTrace(System.out);
                System.exit(3);
            }
        }
        System.out.println("OK " + programs + " programs, " + total + " steps");
    }
}
