package aelab.json;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A small, strict JSON (RFC 8259) reader and writer for notebooks (nbformat 4) and Gradescope results.
 *
 * <p>Mapping: object ⇄ {@link LinkedHashMap}{@code <String,Object>} (member order kept), array ⇄ {@link ArrayList},
 * string ⇄ {@link String}, number ⇄ {@link Long} when written without fraction or exponent and within range,
 * otherwise {@link Double}, {@code true/false} ⇄ {@link Boolean}, {@code null} ⇄ Java {@code null}.
 *
 * <p>{@link #write(Object)} produces Jupyter's on-disk layout ({@code json.dumps(nb, sort_keys=True, indent=1,
 * ensure_ascii=False)} followed by a newline): keys sorted, one-space indentation, non-ASCII characters written
 * as-is, so a notebook written here and saved by Jupyter differ as little as possible.
 *
 * <p>The reader rejects anything that is not JSON (trailing commas, comments, NaN, single quotes, leading zeros,
 * unescaped control characters, duplicate keys, trailing garbage) with {@link JsonException} naming the line and
 * column, and limits nesting to {@value #MAX_DEPTH} levels so hostile input cannot overflow the stack.
 */
public final class Json {
    /** Deepest nesting of arrays and objects the reader accepts. */
    public static final int MAX_DEPTH = 256;

    private final String text;
    private int pos;
    private int depth;

    private Json(String text) {
        this.text = text;
    }

    /** Parses one JSON value; the whole text must be that value (surrounding whitespace allowed). */
    public static Object parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("text must not be null");
        }
        Json p = new Json(text);
        p.skipWhitespace();
        Object v = p.readValue();
        p.skipWhitespace();
        if (p.pos != text.length()) {
            throw p.error("unexpected text after the JSON value");
        }
        return v;
    }

    /** Parses a JSON object; throws {@link JsonException} if the text is valid JSON of another kind. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> parseObject(String text) {
        Object v = parse(text);
        if (!(v instanceof Map)) {
            throw new JsonException("expected a JSON object at the top level, got " + kind(v));
        }
        return (Map<String, Object>) v;
    }

    /** A short name for the JSON kind of a value: object, array, string, number, boolean or null. */
    public static String kind(Object v) {
        if (v == null) {
            return "null";
        } else if (v instanceof Map) {
            return "object";
        } else if (v instanceof List) {
            return "array";
        } else if (v instanceof String) {
            return "string";
        } else if (v instanceof Number) {
            return "number";
        } else if (v instanceof Boolean) {
            return "boolean";
        }
        return v.getClass().getName();
    }

    // ---------------------------------------------------------------- reader

    private JsonException error(String message) {
        int line = 1;
        int col = 1;
        for (int i = 0; i < pos && i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                line++;
                col = 1;
            } else {
                col++;
            }
        }
        return new JsonException(message + " at line " + line + ", column " + col);
    }

    private void skipWhitespace() {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
                pos++;
            } else {
                break;
            }
        }
    }

    private Object readValue() {
        if (pos >= text.length()) {
            throw error("unexpected end of input, expected a value");
        }
        char c = text.charAt(pos);
        switch (c) {
            case '{':
                return readObject();
            case '[':
                return readArray();
            case '"':
                return readString();
            case 't':
                return readLiteral("true", Boolean.TRUE);
            case 'f':
                return readLiteral("false", Boolean.FALSE);
            case 'n':
                return readLiteral("null", null);
            default:
                if (c == '-' || (c >= '0' && c <= '9')) {
                    return readNumber();
                }
                throw error("unexpected character '" + printable(c) + "', expected a value");
        }
    }

    private static String printable(char c) {
        return c < 0x20 ? String.format("\\u%04x", (int) c) : String.valueOf(c);
    }

    private Object readLiteral(String word, Object value) {
        if (!text.startsWith(word, pos)) {
            throw error("unexpected character '" + printable(text.charAt(pos)) + "', expected a value");
        }
        pos += word.length();
        return value;
    }

    private void enter() {
        if (++depth > MAX_DEPTH) {
            throw error("nesting deeper than " + MAX_DEPTH + " levels");
        }
    }

    private Map<String, Object> readObject() {
        enter();
        pos++; // '{'
        Map<String, Object> map = new LinkedHashMap<>();
        skipWhitespace();
        if (pos < text.length() && text.charAt(pos) == '}') {
            pos++;
            depth--;
            return map;
        }
        while (true) {
            skipWhitespace();
            if (pos >= text.length() || text.charAt(pos) != '"') {
                throw error("expected a string key");
            }
            int keyPos = pos;
            String key = readString();
            skipWhitespace();
            expect(':');
            skipWhitespace();
            Object value = readValue();
            if (map.containsKey(key)) {
                pos = keyPos;
                throw error("duplicate key \"" + key + "\"");
            }
            map.put(key, value);
            skipWhitespace();
            if (pos >= text.length()) {
                throw error("unexpected end of input inside an object");
            }
            char c = text.charAt(pos++);
            if (c == '}') {
                depth--;
                return map;
            }
            if (c != ',') {
                pos--;
                throw error("expected ',' or '}' in an object");
            }
        }
    }

    private List<Object> readArray() {
        enter();
        pos++; // '['
        List<Object> list = new ArrayList<>();
        skipWhitespace();
        if (pos < text.length() && text.charAt(pos) == ']') {
            pos++;
            depth--;
            return list;
        }
        while (true) {
            skipWhitespace();
            list.add(readValue());
            skipWhitespace();
            if (pos >= text.length()) {
                throw error("unexpected end of input inside an array");
            }
            char c = text.charAt(pos++);
            if (c == ']') {
                depth--;
                return list;
            }
            if (c != ',') {
                pos--;
                throw error("expected ',' or ']' in an array");
            }
        }
    }

    private void expect(char c) {
        if (pos >= text.length() || text.charAt(pos) != c) {
            throw error("expected '" + c + "'");
        }
        pos++;
    }

    private String readString() {
        pos++; // opening quote
        StringBuilder sb = new StringBuilder();
        while (true) {
            if (pos >= text.length()) {
                throw error("unterminated string");
            }
            char c = text.charAt(pos++);
            if (c == '"') {
                return sb.toString();
            }
            if (c < 0x20) {
                pos--;
                throw error("unescaped control character " + printable(c) + " in a string");
            }
            if (c != '\\') {
                sb.append(c);
                continue;
            }
            if (pos >= text.length()) {
                throw error("unterminated string");
            }
            char e = text.charAt(pos++);
            switch (e) {
                case '"': sb.append('"'); break;
                case '\\': sb.append('\\'); break;
                case '/': sb.append('/'); break;
                case 'b': sb.append('\b'); break;
                case 'f': sb.append('\f'); break;
                case 'n': sb.append('\n'); break;
                case 'r': sb.append('\r'); break;
                case 't': sb.append('\t'); break;
                case 'u':
                    if (pos + 4 > text.length()) {
                        throw error("incomplete \\u escape");
                    }
                    int code = 0;
                    for (int i = 0; i < 4; i++) {
                        int d = Character.digit(text.charAt(pos + i), 16);
                        if (d < 0) {
                            throw error("bad hex digit in \\u escape");
                        }
                        code = code * 16 + d;
                    }
                    pos += 4;
                    sb.append((char) code);
                    break;
                default:
                    pos--;
                    throw error("bad escape '\\" + printable(e) + "'");
            }
        }
    }

    private Number readNumber() {
        int start = pos;
        if (text.charAt(pos) == '-') {
            pos++;
        }
        if (pos >= text.length()) {
            throw error("incomplete number");
        }
        if (text.charAt(pos) == '0') {
            pos++;
            if (pos < text.length() && Character.isDigit(text.charAt(pos))) {
                throw error("leading zero in a number");
            }
        } else if (isDigit()) {
            digits();
        } else {
            throw error("expected a digit");
        }
        boolean integral = true;
        if (pos < text.length() && text.charAt(pos) == '.') {
            integral = false;
            pos++;
            if (!isDigit()) {
                throw error("expected a digit after '.'");
            }
            digits();
        }
        if (pos < text.length() && (text.charAt(pos) == 'e' || text.charAt(pos) == 'E')) {
            integral = false;
            pos++;
            if (pos < text.length() && (text.charAt(pos) == '+' || text.charAt(pos) == '-')) {
                pos++;
            }
            if (!isDigit()) {
                throw error("expected a digit in the exponent");
            }
            digits();
        }
        String s = text.substring(start, pos);
        if (integral) {
            try {
                return Long.parseLong(s);
            } catch (NumberFormatException tooBig) {
                // falls through to double
            }
        }
        double d = Double.parseDouble(s);
        if (Double.isInfinite(d)) {
            pos = start;
            throw error("number out of range: " + s);
        }
        return d;
    }

    private boolean isDigit() {
        return pos < text.length() && text.charAt(pos) >= '0' && text.charAt(pos) <= '9';
    }

    private void digits() {
        while (isDigit()) {
            pos++;
        }
    }

    // ---------------------------------------------------------------- writer

    /** Writes a value in Jupyter's layout (sorted keys, indent 1, non-ASCII as-is), ending with a newline. */
    public static String write(Object value) {
        StringBuilder sb = new StringBuilder();
        writeValue(sb, value, 0);
        return sb.append('\n').toString();
    }

    private static void indent(StringBuilder sb, int level) {
        sb.append('\n');
        for (int i = 0; i < level; i++) {
            sb.append(' ');
        }
    }

    /**
     * A double as Python's {@code repr} writes it (what {@code json.dumps}, and so Jupyter, puts on disk): the
     * shortest digits that read back to the same double, positional notation for decimal exponents -4..15
     * ({@code 0.0001}, {@code 10000000.0}), otherwise scientific with a signed exponent of at least two digits
     * ({@code 1e-05}, {@code 1e+16}, {@code 2.5e-07}).
     */
    static String pythonRepr(double d) {
        if (d == 0) {
            return 1 / d < 0 ? "-0.0" : "0.0";
        }
        // the fewest significant digits that read back to d (Double.toString is not always shortest before JDK 19:
        // it writes 4.9E-324 where 5e-324 reads back too)
        java.math.BigDecimal exact = new java.math.BigDecimal(Math.abs(d));
        java.math.BigDecimal b = exact;
        for (int n = 1; n <= 17; n++) {
            b = exact.round(new java.math.MathContext(n, java.math.RoundingMode.HALF_EVEN));
            if (b.doubleValue() == Math.abs(d)) {
                break;
            }
        }
        b = b.stripTrailingZeros();
        String digits = b.unscaledValue().toString();
        int exponent = digits.length() - 1 - b.scale(); // d = digits[0].digits[1..] x 10^exponent
        StringBuilder out = new StringBuilder(d < 0 ? "-" : "");
        if (exponent >= -4 && exponent < 16) {
            String plain = b.toPlainString();
            out.append(plain.contains(".") ? plain : plain + ".0");
        } else {
            out.append(digits.charAt(0));
            if (digits.length() > 1) {
                out.append('.').append(digits, 1, digits.length());
            }
            out.append('e').append(exponent < 0 ? '-' : '+');
            int e = Math.abs(exponent);
            out.append(e < 10 ? "0" : "").append(e);
        }
        return out.toString();
    }

    private static void writeValue(StringBuilder sb, Object v, int level) {
        if (level > MAX_DEPTH) {
            throw new JsonException("nesting deeper than " + MAX_DEPTH + " levels (a cycle?)");
        }
        if (v == null) {
            sb.append("null");
        } else if (v instanceof String) {
            quote(sb, (String) v);
        } else if (v instanceof Boolean) {
            sb.append(v);
        } else if (v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            if (!Double.isFinite(d)) {
                throw new JsonException("JSON has no representation for " + d);
            }
            sb.append(pythonRepr(d));
        } else if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
            sb.append(((Number) v).longValue());
        } else if (v instanceof Map) {
            Map<?, ?> map = (Map<?, ?>) v;
            if (map.isEmpty()) {
                sb.append("{}");
                return;
            }
            TreeMap<String, Object> sorted = new TreeMap<>();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (!(e.getKey() instanceof String)) {
                    throw new JsonException("object keys must be strings, got " + e.getKey());
                }
                sorted.put((String) e.getKey(), e.getValue());
            }
            sb.append('{');
            Iterator<Map.Entry<String, Object>> it = sorted.entrySet().iterator();
            while (it.hasNext()) {
                Map.Entry<String, Object> e = it.next();
                indent(sb, level + 1);
                quote(sb, e.getKey());
                sb.append(": ");
                writeValue(sb, e.getValue(), level + 1);
                if (it.hasNext()) {
                    sb.append(',');
                }
            }
            indent(sb, level);
            sb.append('}');
        } else if (v instanceof List) {
            List<?> list = (List<?>) v;
            if (list.isEmpty()) {
                sb.append("[]");
                return;
            }
            sb.append('[');
            for (int i = 0; i < list.size(); i++) {
                indent(sb, level + 1);
                writeValue(sb, list.get(i), level + 1);
                if (i + 1 < list.size()) {
                    sb.append(',');
                }
            }
            indent(sb, level);
            sb.append(']');
        } else {
            throw new JsonException("cannot write " + v.getClass().getName() + " as JSON");
        }
    }

    /** Appends {@code s} as a JSON string literal (escapes quote, backslash and control characters only). */
    static void quote(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"': sb.append("\\\""); break;
                case '\\': sb.append("\\\\"); break;
                case '\n': sb.append("\\n"); break;
                case '\r': sb.append("\\r"); break;
                case '\t': sb.append("\\t"); break;
                case '\b': sb.append("\\b"); break;
                case '\f': sb.append("\\f"); break;
                default:
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
            }
        }
        sb.append('"');
    }
}
