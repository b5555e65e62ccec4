package io.leadreach.spring.internal;

/** CSV cells (RFC 4180), defused against spreadsheet formula injection. */
final class Csv {

    private Csv() {
    }

    /** The value as one CSV cell: quoted when needed, and prefixed with ' when a spreadsheet would run it. */
    static String cell(String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        String v = value;
        char first = v.charAt(0);
        if (first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r') {
            v = "'" + v;
        }
        if (v.indexOf(',') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0) {
            return '"' + v.replace("\"", "\"\"") + '"';
        }
        return v;
    }
}
