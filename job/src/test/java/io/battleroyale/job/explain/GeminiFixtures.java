package io.battleroyale.job.explain;

import mockwebserver3.MockResponse;

/** Answers in the documented shape of {@code generateContent} (docs: market-apis §4.6). */
public final class GeminiFixtures {

    public static final String KEY = "AIzaTEST-secret-key-0123456789";

    public static final String TEXT =
            "The fast average crossed above the slow one, so the agent bought. The move was small.";

    private GeminiFixtures() {}

    public static MockResponse ok(String text) {
        return new MockResponse.Builder()
                .code(200)
                .addHeader("Content-Type", "application/json; charset=UTF-8")
                .body(
                        "{\"candidates\":[{\"content\":{\"role\":\"model\",\"parts\":[{\"text\":\""
                                + text
                                + "\"}]},\"finishReason\":\"STOP\",\"index\":0}],"
                                + "\"usageMetadata\":{\"promptTokenCount\":58,"
                                + "\"candidatesTokenCount\":27,\"totalTokenCount\":85},"
                                + "\"modelVersion\":\"gemini-2.5-flash\",\"responseId\":\"kq1dabc123XYZ\"}")
                .build();
    }

    public static MockResponse ok() {
        return ok(TEXT);
    }

    /** An error in Google's envelope; the message echoes the key, as some gateways do. */
    public static MockResponse error(int code, String status) {
        return new MockResponse.Builder()
                .code(code)
                .addHeader("Content-Type", "application/json; charset=UTF-8")
                .body(
                        "{\"error\":{\"code\":"
                                + code
                                + ",\"message\":\"quota for key "
                                + KEY
                                + " exceeded\",\"status\":\""
                                + status
                                + "\"}}")
                .build();
    }
}
