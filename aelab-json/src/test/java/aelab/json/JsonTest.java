package aelab.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {
    private static final Path REF = Path.of("src/test/resources/reference/grade");

    @Test
    void writesExactlyWhatPythonsJsonModuleWritesForJupyter() throws Exception {
        String input = Files.readString(REF.resolve("json-sample.json"), StandardCharsets.UTF_8);
        String expected = Files.readString(REF.resolve("json-sample.expected.json"), StandardCharsets.UTF_8);
        assertEquals(expected, Json.write(Json.parse(input)));
        // and the written form reads back to the same value
        assertEquals(Json.parse(input), Json.parse(expected));
    }

    @Test
    void mapsJsonKindsToJavaTypes() {
        Map<String, Object> m = Json.parseObject(
                "{\"i\": 7, \"big\": 123456789012345678901, \"d\": 1e2, \"f\": -0.25, \"s\": \"\\u00e9\","
                        + " \"t\": true, \"n\": null, \"l\": [1, \"a\"]}");
        assertEquals(7L, m.get("i"));
        assertEquals(1.2345678901234568E20, m.get("big"));
        assertEquals(100.0, m.get("d"));
        assertEquals(-0.25, m.get("f"));
        assertEquals("é", m.get("s"));
        assertEquals(Boolean.TRUE, m.get("t"));
        assertTrue(m.containsKey("n"));
        assertNull(m.get("n"));
        assertEquals(List.of(1L, "a"), m.get("l"));
    }

    private static void assertRejected(String text, String messagePart) {
        JsonException e = assertThrows(JsonException.class, () -> Json.parse(text));
        assertTrue(e.getMessage().contains(messagePart), e.getMessage());
        assertTrue(e.getMessage().contains("line "), e.getMessage());
    }

    @Test
    void rejectsEachKindOfMalformedInputNamingThePosition() {
        assertRejected("{\"a\": 1,}", "expected a string key");
        assertRejected("[1, 2,]", "expected a value");
        assertRejected("{\"a\" 1}", "expected ':'");
        assertRejected("{\"a\": 1", "unexpected end of input inside an object");
        assertRejected("[1 2]", "expected ',' or ']'");
        assertRejected("\"abc", "unterminated string");
        assertRejected("\"a\tb\"", "unescaped control character");
        assertRejected("\"\\x\"", "bad escape");
        assertRejected("\"\\u12G4\"", "bad hex digit");
        assertRejected("012", "leading zero");
        assertRejected("1.", "expected a digit after '.'");
        assertRejected("1e", "expected a digit in the exponent");
        assertRejected("NaN", "unexpected character 'N'");
        assertRejected("{'a': 1}", "expected a string key");
        assertRejected("// c\n{}", "unexpected character '/'");
        assertRejected("{} x", "unexpected text after the JSON value");
        assertRejected("", "unexpected end of input");
        assertRejected("{\"a\": 1, \"a\": 2}", "duplicate key \"a\"");
        assertRejected("1e999", "number out of range");
        assertRejected("tru", "unexpected character 't'");
    }

    @Test
    void reportsLineAndColumn() {
        JsonException e = assertThrows(JsonException.class, () -> Json.parse("{\n  \"a\": ,\n}"));
        assertEquals("unexpected character ',', expected a value at line 2, column 8", e.getMessage());
    }

    @Test
    void limitsNestingSoHostileInputCannotOverflowTheStack() {
        String deep = "[".repeat(100_000) + "]".repeat(100_000);
        JsonException e = assertThrows(JsonException.class, () -> Json.parse(deep));
        assertTrue(e.getMessage().contains("nesting deeper than 256"), e.getMessage());
        String ok = "[".repeat(200) + "]".repeat(200);
        assertTrue(Json.parse(ok) instanceof List);
    }

    @Test
    void parseObjectRejectsOtherTopLevelKinds() {
        JsonException e = assertThrows(JsonException.class, () -> Json.parseObject("[1]"));
        assertEquals("expected a JSON object at the top level, got array", e.getMessage());
    }

    @Test
    void writerRejectsValuesJsonCannotRepresent() {
        assertThrows(JsonException.class, () -> Json.write(Double.NaN));
        assertThrows(JsonException.class, () -> Json.write(new Object()));
        assertEquals("[\n 1.5,\n 2,\n \"\\u0007\"\n]\n", Json.write(List.of(1.5, 2L, "\u0007")));
    }
}
