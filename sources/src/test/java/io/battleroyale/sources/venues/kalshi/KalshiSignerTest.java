package io.battleroyale.sources.venues.kalshi;

import io.battleroyale.sources.venues.http.FakeTime;
import io.battleroyale.sources.venues.http.HttpSettings;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;

import static io.battleroyale.sources.testing.Fixtures.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KalshiSignerTest {

    private static final String KEY_ID = "a952bcbe-ec3b-4b5b-b8f9-11dae589608c";

    @StartStop private final MockWebServer server = new MockWebServer();

    private final FakeTime time = new FakeTime(1_703_123_456_789L);

    @TempDir Path dir;

    @Test
    void signedRequestVerifiesWithThePublicKey() throws Exception {
        KeyPair pair = rsa();
        Path pem = write("key.pem", pkcs8Pem(pair));
        KalshiSigner signer =
                KalshiSigner.fromEnvironment(
                        Map.of(
                                KalshiSigner.ENV_KEY_ID,
                                KEY_ID,
                                KalshiSigner.ENV_KEY_PATH,
                                pem.toString()),
                        time::epochMillis);
        server.enqueue(ok("{\"markets\":[],\"cursor\":null}"));
        KalshiClient client =
                KalshiClient.create(
                        server.url("/trade-api/v2").toString(),
                        new OkHttpClient(),
                        HttpSettings.defaults(100),
                        time,
                        signer);

        client.markets(new KalshiClient.MarketFilter("KXFED", null, "open", null, 5), null);

        RecordedRequest request = server.takeRequest();
        assertThat(request.getUrl().query()).isEqualTo("limit=5&series_ticker=KXFED&status=open");
        assertThat(request.getHeaders().get(KalshiSigner.HEADER_KEY)).isEqualTo(KEY_ID);
        assertThat(request.getHeaders().get(KalshiSigner.HEADER_TIMESTAMP))
                .isEqualTo("1703123456789");
        String message = "1703123456789GET/trade-api/v2/markets";
        assertThat(
                        verify(
                                pair.getPublic(),
                                message,
                                request.getHeaders().get(KalshiSigner.HEADER_SIGNATURE)))
                .isTrue();
        // the query string is not part of the signed message
        assertThat(
                        verify(
                                pair.getPublic(),
                                message + "?limit=5&series_ticker=KXFED&status=open",
                                request.getHeaders().get(KalshiSigner.HEADER_SIGNATURE)))
                .isFalse();
    }

    @Test
    void pkcs1PemIsAccepted() throws Exception {
        KeyPair pair = rsa();
        String pem =
                "-----BEGIN RSA PRIVATE KEY-----\n"
                        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                                .encodeToString(pkcs1Of(pair.getPrivate().getEncoded()))
                        + "\n-----END RSA PRIVATE KEY-----\n";
        KalshiSigner signer =
                new KalshiSigner(KEY_ID, KalshiSigner.parsePrivateKey(pem), time::epochMillis);

        String sig = signer.signature("1703123456789", "GET", "/trade-api/v2/portfolio/orders");

        assertThat(verify(pair.getPublic(), "1703123456789GET/trade-api/v2/portfolio/orders", sig))
                .isTrue();
        // a query in the path handed to the signer is dropped too
        assertThat(
                        verify(
                                pair.getPublic(),
                                "1703123456789GET/trade-api/v2/portfolio/orders",
                                signer.signature(
                                        "1703123456789",
                                        "GET",
                                        "/trade-api/v2/portfolio/orders?limit=5")))
                .isTrue();
    }

    @Test
    void secretsStayOutOfToStringAndErrors() throws Exception {
        KeyPair pair = rsa();
        KalshiSigner signer = new KalshiSigner(KEY_ID, pair.getPrivate(), time::epochMillis);
        assertThat(signer.toString()).doesNotContain(KEY_ID).doesNotContain("MII");

        Path bad =
                write(
                        "bad.pem",
                        "-----BEGIN PRIVATE KEY-----\nAAAAsecretAAAA\n-----END PRIVATE KEY-----\n");
        assertThatThrownBy(() -> KalshiSigner.readPrivateKey(bad))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("secret");
    }

    @Test
    void environmentNeedsBothOrNeither() {
        assertThat(KalshiSigner.fromEnvironment(Map.of(), time::epochMillis)).isNull();
        assertThatThrownBy(
                        () ->
                                KalshiSigner.fromEnvironment(
                                        Map.of(KalshiSigner.ENV_KEY_ID, KEY_ID), time::epochMillis))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(KalshiSigner.ENV_KEY_PATH)
                .hasMessageNotContaining(KEY_ID);
        assertThatThrownBy(
                        () ->
                                KalshiSigner.fromEnvironment(
                                        Map.of(
                                                KalshiSigner.ENV_KEY_ID,
                                                KEY_ID,
                                                KalshiSigner.ENV_KEY_PATH,
                                                dir.resolve("missing.pem").toString()),
                                        time::epochMillis))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cannot read the Kalshi private key file");
    }

    private static KeyPair rsa() throws Exception {
        KeyPairGenerator gen = KeyPairGenerator.getInstance("RSA");
        gen.initialize(2048);
        return gen.generateKeyPair();
    }

    private static boolean verify(PublicKey key, String message, String base64) throws Exception {
        Signature v = Signature.getInstance("RSASSA-PSS");
        v.setParameter(KalshiSigner.PSS);
        v.initVerify(key);
        v.update(message.getBytes(StandardCharsets.UTF_8));
        return v.verify(Base64.getDecoder().decode(base64));
    }

    private static String pkcs8Pem(KeyPair pair) {
        return "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(pair.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
    }

    /** The RSAPrivateKey inside a PKCS#8 PrivateKeyInfo: the content of its last OCTET STRING. */
    private static byte[] pkcs1Of(byte[] pkcs8) {
        int i = 0;
        // outer SEQUENCE header
        i += 1 + lengthBytes(pkcs8, i + 1);
        // INTEGER version (3 bytes) and AlgorithmIdentifier (15 bytes)
        i += 3 + 15;
        // OCTET STRING header
        int headerLen = 1 + lengthBytes(pkcs8, i + 1);
        return Arrays.copyOfRange(pkcs8, i + headerLen, pkcs8.length);
    }

    private static int lengthBytes(byte[] der, int at) {
        int first = der[at] & 0xff;
        return first < 0x80 ? 1 : 1 + (first & 0x7f);
    }

    private Path write(String name, String text) throws Exception {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }
}
