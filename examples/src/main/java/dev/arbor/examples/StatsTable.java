package dev.arbor.examples;

import java.util.ArrayList;
import java.util.List;

/** A plain-text table: numbers right-aligned, text left-aligned. */
final class StatsTable {
    private final List<String> header;
    private final List<List<String>> rows = new ArrayList<>();

    StatsTable(String... header) {
        this.header = List.of(header);
    }

    /** The column names, to make another table of the same shape. */
    String[] columns() {
        return header.toArray(String[]::new);
    }

    void add(Object... cells) {
        if (cells.length != header.size()) {
            throw new IllegalArgumentException("expected " + header.size() + " cells, got " + cells.length);
        }
        List<String> row = new ArrayList<>();
        for (Object c : cells) {
            row.add(c instanceof Long || c instanceof Integer ? String.format("%,d", ((Number) c).longValue()) : String.valueOf(c));
        }
        rows.add(row);
    }

    String render() {
        int[] widths = new int[header.size()];
        for (int i = 0; i < widths.length; i++) {
            widths[i] = header.get(i).length();
            for (List<String> row : rows) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        StringBuilder out = new StringBuilder();
        line(out, header, widths, true);
        for (int i = 0; i < widths.length; i++) {
            out.append(i == 0 ? "" : "-+-").append("-".repeat(widths[i]));
        }
        out.append('\n');
        for (List<String> row : rows) {
            line(out, row, widths, false);
        }
        return out.toString();
    }

    private static void line(StringBuilder table, List<String> cells, int[] widths, boolean header) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < widths.length; i++) {
            String cell = cells.get(i);
            String pad = " ".repeat(widths[i] - cell.length());
            boolean number = !header && cell.matches("-?[\\d,]+");
            out.append(i == 0 ? "" : " | ").append(number ? pad + cell : cell + pad);
        }
        table.append(out.toString().stripTrailing()).append('\n');
    }
}
