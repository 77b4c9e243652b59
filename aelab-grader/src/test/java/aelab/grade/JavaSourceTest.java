package aelab.grade;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class JavaSourceTest {
    @Test
    void commentsAreIgnoredButStringsKeptWhenLookingForForbiddenCalls() {
        assertEquals("a   b", JavaSource.withoutComments("a // GaussianKl.x\n b").replace("\n", ""));
        assertEquals("x   y", JavaSource.withoutComments("x /* Mse. */ y"));
        assertEquals("s = \"// not a comment\";", JavaSource.withoutComments("s = \"// not a comment\";"));
        assertEquals("c = '\\'';  ", JavaSource.withoutComments("c = '\\''; // q"));
    }

    @Test
    void javaLiteralsAreReadBack() {
        assertEquals("a\"b\n\u00e9\\", JavaLiterals.unquote("\"a\\\"b\\n\u00e9\\\\\"", '"'));
        assertEquals("'", JavaLiterals.unquote("'\\''", '\''));
        assertEquals("\u0001A", JavaLiterals.unquote("\"\\u0001\\101\"", '"'));
    }
}
