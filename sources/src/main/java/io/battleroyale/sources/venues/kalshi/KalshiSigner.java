package io.battleroyale.sources.venues.kalshi;

import io.battleroyale.model.bounds.Credentials;
import io.battleroyale.sources.venues.http.RequestSigner;
import okhttp3.Request;

import javax.annotation.Nullable;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.PSSParameterSpec;
import java.util.Base64;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Signs Kalshi requests: RSA-PSS with SHA-256 (MGF1 SHA-256, 32-byte salt) over {@code timestamp +
 * METHOD + path}, where the timestamp is epoch milliseconds and the path is the full path from the
 * host without the query string; sent as {@code KALSHI-ACCESS-KEY}, {@code KALSHI-ACCESS-TIMESTAMP}
 * and {@code KALSHI-ACCESS-SIGNATURE}.
 *
 * <p>Neither the key id nor the key appears in {@link #toString()}, exceptions or logs.
 */
public final class KalshiSigner implements RequestSigner {

    /** Environment variable holding the API key id. */
    public static final String ENV_KEY_ID = Credentials.KALSHI_KEY_ID;

    /** Environment variable holding the path of the private-key PEM file. */
    public static final String ENV_KEY_PATH = Credentials.KALSHI_KEY_PATH;

    public static final String HEADER_KEY = "KALSHI-ACCESS-KEY";
    public static final String HEADER_TIMESTAMP = "KALSHI-ACCESS-TIMESTAMP";
    public static final String HEADER_SIGNATURE = "KALSHI-ACCESS-SIGNATURE";

    /** The PSS parameters Kalshi's official SDKs use. */
    public static final PSSParameterSpec PSS =
            new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 32, 1);

    private final String keyId;
    private final PrivateKey key;
    private final LongSupplier epochMillis;

    public KalshiSigner(String keyId, PrivateKey key, LongSupplier epochMillis) {
        if (keyId.isBlank()) {
            throw new IllegalArgumentException("Kalshi API key id is blank");
        }
        this.keyId = keyId.strip();
        this.key = key;
        this.epochMillis = epochMillis;
    }

    /**
     * A signer from {@value #ENV_KEY_ID} and {@value #ENV_KEY_PATH}, or {@code null} when neither
     * is set (public market data needs no signature).
     *
     * @throws IllegalArgumentException when only one is set or the key file cannot be read
     */
    @Nullable
    public static KalshiSigner fromEnvironment(Map<String, String> env, LongSupplier epochMillis) {
        String id = blankToNull(env.get(ENV_KEY_ID));
        String path = blankToNull(env.get(ENV_KEY_PATH));
        if (id == null && path == null) {
            return null;
        }
        if (id == null || path == null) {
            throw new IllegalArgumentException(
                    "Kalshi signing needs both "
                            + ENV_KEY_ID
                            + " and "
                            + ENV_KEY_PATH
                            + "; only "
                            + (id == null ? ENV_KEY_PATH : ENV_KEY_ID)
                            + " is set");
        }
        return new KalshiSigner(id, readPrivateKey(Path.of(path)), epochMillis);
    }

    /** Reads a PKCS#8 ({@code BEGIN PRIVATE KEY}) or PKCS#1 ({@code BEGIN RSA PRIVATE KEY}) PEM. */
    public static PrivateKey readPrivateKey(Path pemFile) {
        String pem;
        try {
            pem = Files.readString(pemFile, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new IllegalArgumentException(
                    "cannot read the Kalshi private key file " + pemFile + ": " + e.getMessage());
        }
        return parsePrivateKey(pem);
    }

    /** Parses a PKCS#8 or PKCS#1 RSA private key PEM. */
    public static PrivateKey parsePrivateKey(String pem) {
        boolean pkcs1 = pem.contains("BEGIN RSA PRIVATE KEY");
        if (!pkcs1 && !pem.contains("BEGIN PRIVATE KEY")) {
            throw new IllegalArgumentException(
                    "the Kalshi private key is not an unencrypted RSA PEM"
                            + " (expected BEGIN PRIVATE KEY or BEGIN RSA PRIVATE KEY)");
        }
        String base64 = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        try {
            byte[] der = Base64.getDecoder().decode(base64);
            if (pkcs1) {
                der = pkcs1ToPkcs8(der);
            }
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            // the message of these exceptions never contains key material
            throw new IllegalArgumentException(
                    "the Kalshi private key PEM cannot be decoded: "
                            + e.getClass().getSimpleName());
        }
    }

    @Override
    public void sign(Request.Builder request, String method, String path) {
        String timestamp = Long.toString(epochMillis.getAsLong());
        request.header(HEADER_KEY, keyId);
        request.header(HEADER_TIMESTAMP, timestamp);
        request.header(HEADER_SIGNATURE, signature(timestamp, method, path));
    }

    /** Base64 RSA-PSS signature of {@code timestamp + method + path}. */
    public String signature(String timestamp, String method, String path) {
        int query = path.indexOf('?');
        String bare = query >= 0 ? path.substring(0, query) : path;
        byte[] message = (timestamp + method + bare).getBytes(StandardCharsets.UTF_8);
        try {
            Signature s = Signature.getInstance("RSASSA-PSS");
            s.setParameter(PSS);
            s.initSign(key);
            s.update(message);
            return Base64.getEncoder().encodeToString(s.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(
                    "RSA-PSS signing failed: " + e.getClass().getSimpleName());
        }
    }

    @Override
    public String toString() {
        return "KalshiSigner[key id and key hidden]";
    }

    @Nullable
    private static String blankToNull(@Nullable String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    /** Wraps a PKCS#1 RSAPrivateKey in a PKCS#8 PrivateKeyInfo. */
    static byte[] pkcs1ToPkcs8(byte[] pkcs1) {
        byte[] algorithm = {
            0x30,
            0x0d,
            0x06,
            0x09,
            0x2a,
            (byte) 0x86,
            0x48,
            (byte) 0x86,
            (byte) 0xf7,
            0x0d,
            0x01,
            0x01,
            0x01,
            0x05,
            0x00
        };
        byte[] version = {0x02, 0x01, 0x00};
        ByteArrayOutputStream octets = new ByteArrayOutputStream();
        octets.write(0x04);
        writeLength(octets, pkcs1.length);
        octets.writeBytes(pkcs1);
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(version);
        body.writeBytes(algorithm);
        body.writeBytes(octets.toByteArray());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0x30);
        writeLength(out, body.size());
        out.writeBytes(body.toByteArray());
        return out.toByteArray();
    }

    private static void writeLength(ByteArrayOutputStream out, int length) {
        if (length < 0x80) {
            out.write(length);
            return;
        }
        int bytes = length > 0xffffff ? 4 : length > 0xffff ? 3 : length > 0xff ? 2 : 1;
        out.write(0x80 | bytes);
        for (int i = bytes - 1; i >= 0; i--) {
            out.write((length >>> (8 * i)) & 0xff);
        }
    }
}
