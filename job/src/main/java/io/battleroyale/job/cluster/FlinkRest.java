package io.battleroyale.job.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import okhttp3.MediaType;
import okhttp3.MultipartBody;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/** The calls of Flink's REST API that {@code ./battle cluster} and {@code ./battle submit} make. */
public final class FlinkRest {

    /** A job in one of these states will not change again. */
    public static final Set<String> TERMINAL = Set.of("FINISHED", "FAILED", "CANCELED");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final MediaType JAR = MediaType.get("application/x-java-archive");
    private static final MediaType JSON_TYPE = MediaType.get("application/json");

    private final String url;
    private final OkHttpClient http;

    public FlinkRest(String url) {
        this.url = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        // a jar upload and a run that builds the graph in the JobManager take more than a moment
        this.http =
                new OkHttpClient.Builder()
                        .connectTimeout(Duration.ofSeconds(2))
                        .readTimeout(Duration.ofMinutes(2))
                        .build();
    }

    public String url() {
        return url;
    }

    /** What {@code /overview} says of the cluster. */
    public record Overview(int taskManagers, int slotsTotal, int slotsAvailable, int jobsRunning) {}

    public Overview overview() throws IOException {
        JsonNode o = call(new Request.Builder().url(url + "/overview").build());
        return new Overview(
                o.path("taskmanagers").asInt(),
                o.path("slots-total").asInt(),
                o.path("slots-available").asInt(),
                o.path("jobs-running").asInt());
    }

    /** Uploads a jar and returns its id on the cluster. */
    public String upload(Path jar) throws IOException {
        RequestBody body =
                new MultipartBody.Builder()
                        .setType(MultipartBody.FORM)
                        .addFormDataPart(
                                "jarfile",
                                jar.getFileName().toString(),
                                RequestBody.create(jar.toFile(), JAR))
                        .build();
        JsonNode answer = call(new Request.Builder().url(url + "/jars/upload").post(body).build());
        String stored = answer.path("filename").asText();
        return Path.of(stored).getFileName().toString();
    }

    /**
     * Runs an uploaded jar's entry class with these arguments and returns the job id.
     *
     * @param settings Flink settings for this job only, over the cluster's configuration (what
     *     {@code flink run -D} gives)
     */
    public String run(
            String jarId, String entryClass, List<String> args, Map<String, String> settings)
            throws IOException {
        byte[] request =
                JSON.writeValueAsBytes(
                        Map.of(
                                "entryClass",
                                entryClass,
                                "programArgsList",
                                args,
                                "flinkConfiguration",
                                settings));
        JsonNode answer =
                call(
                        new Request.Builder()
                                .url(url + "/jars/" + jarId + "/run")
                                .post(RequestBody.create(request, JSON_TYPE))
                                .build());
        return answer.path("jobid").asText();
    }

    public String state(String jobId) throws IOException {
        return call(new Request.Builder().url(url + "/jobs/" + jobId).build())
                .path("state")
                .asText();
    }

    /** The first line of the exception that ended a job: the newest of its failures. */
    public String failure(String jobId) throws IOException {
        return failures(jobId).stream().findFirst().orElse("no exception recorded");
    }

    /** One TaskManager as {@code /taskmanagers} lists it. */
    public record TaskManager(String id, int slots, int freeSlots) {}

    public List<TaskManager> taskManagers() throws IOException {
        List<TaskManager> all = new ArrayList<>();
        for (JsonNode tm :
                call(new Request.Builder().url(url + "/taskmanagers").build())
                        .path("taskmanagers")) {
            all.add(
                    new TaskManager(
                            tm.path("id").asText(),
                            tm.path("slotsNumber").asInt(),
                            tm.path("freeSlots").asInt()));
        }
        return all;
    }

    /** How many checkpoints of a job have completed. */
    public int completedCheckpoints(String jobId) throws IOException {
        return call(new Request.Builder().url(url + "/jobs/" + jobId + "/checkpoints").build())
                .path("counts")
                .path("completed")
                .asInt();
    }

    /**
     * The first line of every failure the job has recovered from or died of, newest first, as the
     * JobManager's exception history keeps them.
     */
    public List<String> failures(String jobId) throws IOException {
        List<String> failures = new ArrayList<>();
        for (JsonNode entry :
                call(new Request.Builder().url(url + "/jobs/" + jobId + "/exceptions").build())
                        .path("exceptionHistory")
                        .path("entries")) {
            failures.add(entry.path("stacktrace").asText("").lines().findFirst().orElse("unknown"));
        }
        return failures;
    }

    /**
     * Stops a job with a savepoint into the cluster's savepoint directory and waits for it.
     *
     * @param drain end the job's event time first (windows and timers fire, as at the end of
     *     input), which suits a final stop; without it the job can be restored and carry on, which
     *     an upgrade needs
     * @return the savepoint's location
     * @throws IOException if the savepoint failed (with Flink's reason) or did not complete in
     *     {@code timeout}
     */
    public String stopWithSavepoint(String jobId, boolean drain, Duration timeout)
            throws IOException {
        byte[] request = JSON.writeValueAsBytes(Map.of("drain", drain, "formatType", "CANONICAL"));
        String trigger =
                call(new Request.Builder()
                                .url(url + "/jobs/" + jobId + "/stop")
                                .post(RequestBody.create(request, JSON_TYPE))
                                .build())
                        .path("request-id")
                        .asText();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            JsonNode answer =
                    call(
                            new Request.Builder()
                                    .url(url + "/jobs/" + jobId + "/savepoints/" + trigger)
                                    .build());
            if (answer.path("status").path("id").asText().equals("COMPLETED")) {
                JsonNode operation = answer.path("operation");
                if (operation.has("location")) {
                    return operation.path("location").asText();
                }
                throw new IOException(
                        "the savepoint of job "
                                + jobId
                                + " failed: "
                                + operation
                                        .path("failure-cause")
                                        .path("stack-trace")
                                        .asText("no reason given")
                                        .lines()
                                        .findFirst()
                                        .orElse(""));
            }
            if (System.nanoTime() > deadline) {
                throw new IOException(
                        "the savepoint of job "
                                + jobId
                                + " did not complete in "
                                + timeout.toSeconds()
                                + " s");
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(200));
        }
    }

    /** Where the job's state was restored from, or empty when it started fresh. */
    public Optional<String> restoredFrom(String jobId) throws IOException {
        JsonNode restored =
                call(new Request.Builder().url(url + "/jobs/" + jobId + "/checkpoints").build())
                        .path("latest")
                        .path("restored");
        return restored.isObject()
                ? Optional.of(restored.path("external_path").asText())
                : Optional.empty();
    }

    public void cancel(String jobId) throws IOException {
        call(
                new Request.Builder()
                        .url(url + "/jobs/" + jobId + "?mode=cancel")
                        .patch(RequestBody.create(new byte[0]))
                        .build());
    }

    /**
     * What an error answer says at its root: the message of the last "Caused by" of its traces (for
     * a failed jar run, the entry point's own reason), else its first line.
     */
    static String innermostCause(JsonNode errors) {
        String why = errors.get(0).asText().lines().findFirst().orElse("");
        for (JsonNode error : errors) {
            for (String line : error.asText().lines().toList()) {
                if (line.startsWith("Caused by: ")) {
                    String cause = line.substring("Caused by: ".length());
                    // "java.lang.IllegalStateException: message" -> "message"
                    int colon = cause.indexOf(": ");
                    why = colon < 0 ? cause : cause.substring(colon + 2);
                }
            }
        }
        return why;
    }

    private JsonNode call(Request request) throws IOException {
        try (Response response = http.newCall(request).execute()) {
            String body = response.body().string();
            if (!response.isSuccessful()) {
                JsonNode errors = body.isEmpty() ? null : JSON.readTree(body).path("errors");
                String why =
                        errors == null || errors.isEmpty()
                                ? "HTTP " + response.code()
                                : innermostCause(errors);
                throw new IOException(
                        request.method() + " " + request.url().encodedPath() + ": " + why);
            }
            return body.isEmpty() ? JSON.createObjectNode() : JSON.readTree(body);
        }
    }
}
