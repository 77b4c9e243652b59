package aelab.grade;

/** Source-text helpers for Java cells. */
final class JavaSource {
    private JavaSource() {
    }

    /** The source with // and /* *&#47; comments replaced by a space; string and char literals are kept. */
    static String withoutComments(String s) {
        StringBuilder out = new StringBuilder(s.length());
        int i = 0;
        int n = s.length();
        while (i < n) {
            char c = s.charAt(i);
            if (c == '/' && i + 1 < n && s.charAt(i + 1) == '/') {
                while (i < n && s.charAt(i) != '\n') {
                    i++;
                }
                out.append(' ');
            } else if (c == '/' && i + 1 < n && s.charAt(i + 1) == '*') {
                int end = s.indexOf("*/", i + 2);
                i = end < 0 ? n : end + 2;
                out.append(' ');
            } else if (c == '"' || c == '\'') {
                boolean textBlock = c == '"' && s.startsWith("\"\"\"", i);
                String close = textBlock ? "\"\"\"" : String.valueOf(c);
                int j = i + close.length();
                while (j < n && !s.startsWith(close, j)) {
                    if (s.charAt(j) == '\\') {
                        j++;
                    } else if (!textBlock && s.charAt(j) == '\n') {
                        break;
                    }
                    j++;
                }
                j = Math.min(n, j + close.length());
                out.append(s, i, j);
                i = j;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }
}
