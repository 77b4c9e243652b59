package aelab.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {
    @Test
    void parsesWhatPythonsJsonModuleWrites() {
        // Written by /usr/bin/python3: json.dumps({"a": [1, -2.5e-3, True, False, None], "s": "x\"\\/\n\t\u00e9\u2714\U0001F600",
        //                                          "o": {}, "e": []}, ensure_ascii=True, indent=1)
        String text = "{\n \"a\": [\n  1,\n  -0.0025,\n  true,\n  false,\n  null\n ],\n"
                + " \"s\": \"x\\\"\\\\/\\n\\t\\u00e9\\u2714\\ud83d\\ude00\",\n \"o\": {},\n \"e\": []\n}";
        Map<?, ?> doc = (Map<?, ?>) Json.parse(text);
        assertEquals(List.of("a", "s", "o", "e"), List.copyOf(doc.keySet()), "member order is kept");
        assertEquals(Arrays.asList(1.0, -0.0025, true, false, null), doc.get("a"));
        assertEquals("x\"\\/\n\t\u00e9\u2714\uD83D\uDE00", doc.get("s"));
        assertEquals(new LinkedHashMap<>(), doc.get("o"));
        assertEquals(List.of(), doc.get("e"));
        assertNull(Json.parse(" null "));
        assertEquals(1e300, Json.parse("1E+300"));
    }

    @Test
    void rejectsMalformedInputNamingThePosition() {
        assertMessage("{\"a\": 1,}", "expected a member name in double quotes at line 1, column 9, got '}'");
        assertMessage("[1 2]", "expected ']' at line 1, column 4, got '2'");
        assertMessage("\"abc", "expected a closing double quote");
        assertMessage("\"a\nb\"", "no raw control character inside a string at line 1, column 3");
        assertMessage("01", "expected end of input at line 1, column 2");
        assertMessage("-", "expected a digit");
        assertMessage("1.", "expected a digit after the decimal point");
        assertMessage("{}\n x", "at line 2, column 2");
        assertMessage("tru", "expected a value");
        assertMessage("\"\\x\"", "expected a valid escape character");
        assertMessage("\"\\u12g4\"", "expected four hex digits after \\u");
        assertMessage("", "expected a value at line 1, column 1, got end of input");
    }

    private static void assertMessage(String text, String part) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Json.parse(text));
        assertTrue(e.getMessage().contains(part), e.getMessage());
    }
}
