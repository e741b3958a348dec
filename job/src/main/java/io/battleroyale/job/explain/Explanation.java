package io.battleroyale.job.explain;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One line of {@code explanations.jsonl}: a decision in words.
 *
 * @param id the decision's id, as in {@code decisions.jsonl}
 * @param source {@code gemini} (the model wrote it) or {@code rules} (the decision's own rationale)
 * @param outcome how it came about, for the counts only (not written): {@code gemini}, {@code
 *     gemini_cached} or {@code rules_<reason>} ({@code rules_timeout}, {@code rules_http_429}, …)
 */
public record Explanation(String id, String source, String text, String outcome) {

    public static final String GEMINI = "gemini";
    public static final String RULES = "rules";

    private static final ObjectMapper JSON = new ObjectMapper();

    public String toJson() {
        Map<String, String> line = new LinkedHashMap<>();
        line.put("id", id);
        line.put("source", source);
        line.put("text", text);
        try {
            return JSON.writeValueAsString(line);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
