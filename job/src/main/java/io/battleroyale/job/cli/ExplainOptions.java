package io.battleroyale.job.cli;

import io.battleroyale.job.explain.GeminiSettings;
import io.battleroyale.model.bounds.Credentials;
import picocli.CommandLine.Option;

import javax.annotation.Nullable;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/** {@code --explain-with}: decisions in words, written to explanations.jsonl. */
final class ExplainOptions {

    enum With {
        rules,
        gemini
    }

    @Option(
            names = "--explain-with",
            defaultValue = "rules",
            paramLabel = "rules|gemini",
            description = {
                "rules: the rationale in decisions.jsonl is the explanation; nothing more is"
                        + " written. gemini: also write explanations.jsonl, each decision that"
                        + " became an order (a backtest has thousands of decisions; see"
                        + " --explain-all) explained by the Gemini API, key from "
                        + Credentials.GEMINI_API_KEY
                        + " or --gemini-key-file. Without a key, or when a call fails, times out"
                        + " or finds the rate limit spent, the line carries the rationale with"
                        + " source rules; summary.json counts each outcome (docs/explanations.md)."
                        + " Orders never wait for it. Default: ${DEFAULT-VALUE}."
            })
    With with;

    @Option(
            names = "--explain-all",
            description =
                    "With --explain-with gemini: every decision, not only those that became orders.")
    boolean all;

    @Option(
            names = "--gemini-key-file",
            paramLabel = "FILE",
            description =
                    "File whose first line is the Gemini API key. Default: the environment variable "
                            + Credentials.GEMINI_API_KEY
                            + ". Never an argument; never printed or written.")
    @Nullable
    Path keyFile;

    @Option(
            names = "--gemini-base-url",
            defaultValue = GeminiSettings.DEFAULT_BASE_URL,
            paramLabel = "URL",
            description = "The API up to its version. Default: ${DEFAULT-VALUE}.")
    String baseUrl;

    @Option(
            names = "--gemini-model",
            defaultValue = GeminiSettings.DEFAULT_MODEL,
            paramLabel = "MODEL",
            description = "Default: ${DEFAULT-VALUE}.")
    String model;

    @Option(
            names = "--gemini-timeout",
            defaultValue = "10s",
            converter = Durations.class,
            paramLabel = "DURATION",
            description =
                    "Longest wait for one answer; past it the decision keeps its rationale. Default: ${DEFAULT-VALUE}.")
    Duration timeout;

    @Option(
            names = "--gemini-rate",
            defaultValue = "0.15",
            paramLabel = "PER_SECOND",
            description =
                    "Calls per second per parallel instance (0.15 is about 10 a minute, the free"
                            + " tier of Flash); a decision that finds no call left keeps its"
                            + " rationale instead of waiting. Default: ${DEFAULT-VALUE}.")
    double rate;

    boolean gemini() {
        return with == With.gemini;
    }

    /** The settings, or {@code null} for {@code rules}; a key file is checked now. */
    @Nullable
    GeminiSettings settings() {
        if (!gemini()) {
            if (keyFile != null || all) {
                throw new IllegalArgumentException(
                        (all ? "--explain-all" : "--gemini-key-file")
                                + " needs --explain-with gemini");
            }
            return null;
        }
        if (okhttp3.HttpUrl.parse(baseUrl) == null) {
            throw new IllegalArgumentException("--gemini-base-url: not an http(s) URL: " + baseUrl);
        }
        // read once here so that a wrong file is one line before the run starts
        Credentials.secret("--gemini-key-file", keyFile, Credentials.GEMINI_API_KEY, Map.of());
        return new GeminiSettings(
                baseUrl,
                model,
                keyFile == null ? null : keyFile.toAbsolutePath().toString(),
                timeout,
                rate,
                all);
    }
}
