package aelab.grade;

/** Reads the Java string and character literals JShell uses to show values ({@code "a\"b\n"}, {@code 'B'}). */
final class JavaLiterals {
    private JavaLiterals() {
    }

    /** The text of a literal quoted with {@code quote}; throws IllegalArgumentException if it is not one. */
    static String unquote(String literal, char quote) {
        if (literal.length() < 2 || literal.charAt(0) != quote || literal.charAt(literal.length() - 1) != quote) {
            throw new IllegalArgumentException("literal must be quoted with " + quote + ", got " + literal);
        }
        StringBuilder sb = new StringBuilder();
        int end = literal.length() - 1;
        for (int i = 1; i < end; i++) {
            char c = literal.charAt(i);
            if (c != '\\') {
                sb.append(c);
                continue;
            }
            if (++i >= end) {
                throw new IllegalArgumentException("literal ends inside an escape: " + literal);
            }
            char e = literal.charAt(i);
            switch (e) {
                case 'b': sb.append('\b'); break;
                case 't': sb.append('\t'); break;
                case 'n': sb.append('\n'); break;
                case 'f': sb.append('\f'); break;
                case 'r': sb.append('\r'); break;
                case 's': sb.append(' '); break;
                case '"': case '\'': case '\\': sb.append(e); break;
                case 'u': {
                    while (i < end && literal.charAt(i) == 'u') {
                        i++;
                    }
                    if (i + 4 > end) {
                        throw new IllegalArgumentException("short \\u escape in " + literal);
                    }
                    sb.append((char) Integer.parseInt(literal.substring(i, i + 4), 16));
                    i += 3;
                    break;
                }
                default:
                    if (e >= '0' && e <= '7') {
                        int v = e - '0';
                        int max = e <= '3' ? 2 : 1;
                        for (int k = 0; k < max && i + 1 < end && literal.charAt(i + 1) >= '0'
                                && literal.charAt(i + 1) <= '7'; k++) {
                            v = v * 8 + (literal.charAt(++i) - '0');
                        }
                        sb.append((char) v);
                    } else {
                        throw new IllegalArgumentException("bad escape \\" + e + " in " + literal);
                    }
            }
        }
        return sb.toString();
    }
}
