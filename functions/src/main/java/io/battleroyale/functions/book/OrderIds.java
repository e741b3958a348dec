package io.battleroyale.functions.book;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Deterministic client order ids, so a replay after a failure re-creates the same ids and the
 * gateway can drop the duplicates.
 *
 * <p>{@code id = "br-" + the first 20 hex characters (80 bits) of SHA-256("agent|symbol|ts|seq")},
 * where {@code ts} is the decision time in epoch ms and {@code seq} the sleeve's order sequence
 * number.
 */
public final class OrderIds {

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private OrderIds() {}

    public static String of(String agent, String symbol, long tsEvent, long sequence) {
        byte[] digest =
                sha256().digest(
                                (agent + '|' + symbol + '|' + tsEvent + '|' + sequence)
                                        .getBytes(StandardCharsets.UTF_8));
        char[] out = new char[3 + 20];
        out[0] = 'b';
        out[1] = 'r';
        out[2] = '-';
        for (int i = 0; i < 10; i++) {
            out[3 + 2 * i] = HEX[(digest[i] >> 4) & 0xf];
            out[4 + 2 * i] = HEX[digest[i] & 0xf];
        }
        return new String(out);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            // Every Java platform is required to provide SHA-256.
            throw new IllegalStateException(e);
        }
    }
}
