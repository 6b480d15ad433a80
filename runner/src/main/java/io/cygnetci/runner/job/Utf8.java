package io.cygnetci.runner.job;

/** Where UTF-8 text may be cut without splitting a character. */
final class Utf8 {

    private Utf8() {
    }

    /**
     * The length of the longest prefix of {@code bytes[0..length)} that does not end inside a character. Bytes
     * that are not UTF-8 are left as they are.
     */
    static int wholeCharacters(byte[] bytes, int length) {
        int lead = length - 1;
        // back over at most three continuation bytes (10xxxxxx) to the character's first byte
        while (lead >= 0 && length - lead <= 3 && (bytes[lead] & 0xC0) == 0x80) {
            lead--;
        }
        if (lead < 0) {
            return length;
        }
        int b = bytes[lead] & 0xFF;
        int size = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
        return lead + size > length ? lead : length;
    }
}
