package io.battleroyale.job.cluster;

import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ConfigurationUtils;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.GlobalConfiguration;
import org.apache.flink.configuration.HeartbeatManagerOptions;
import org.apache.flink.configuration.JobManagerOptions;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.configuration.WebOptions;

import io.battleroyale.job.LocalFlink;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A Flink standalone session cluster on this machine: one JobManager and {@link #TASK_MANAGERS}
 * TaskManagers, each its own JVM on the job module's classpath, with {@code flink-conf/config.yaml}
 * and only the keys of {@link #overrides()} changed. Its directory keeps the generated
 * configuration ({@code conf/}), the processes' pids ({@code pids/}) and logs ({@code logs/}),
 * checkpoints and local state.
 *
 * @param dir the cluster's directory
 * @param classpath the JVMs' classpath: Flink and what flink-dist's lib/ would add
 * @param restPort the JobManager's REST port (web UI, jar upload, {@code /overview})
 * @param rpcPort the JobManager's RPC port, where TaskManagers register
 * @param metricsPort the JobManager's Prometheus port; TaskManager {@code i} serves on {@code
 *     metricsPort + i}
 */
public record LocalCluster(Path dir, String classpath, int restPort, int rpcPort, int metricsPort) {

    public static final int TASK_MANAGERS = 2;
    public static final int SLOTS_PER_TASK_MANAGER = 2;
    static final String JOB_MANAGER_CLASS =
            "org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint";
    static final String TASK_MANAGER_CLASS =
            "org.apache.flink.runtime.taskexecutor.TaskManagerRunner";
    // framework heap (Flink's 128m default) + task heap below
    private static final String TASK_MANAGER_HEAP = "-Xmx640m";
    private static final String JOB_MANAGER_HEAP = "-Xmx768m";

    public LocalCluster {
        dir = dir.toAbsolutePath().normalize();
    }

    /** The REST address of the JobManager. */
    public String url() {
        return "http://localhost:" + restPort;
    }

    /** Every difference between the cluster's processes and {@code flink-conf/config.yaml}. */
    public List<LocalFlink.Override> overrides() {
        List<LocalFlink.Override> o = new ArrayList<>();
        String loopback = "one machine: every process listens on loopback only";
        o.add(new LocalFlink.Override(JobManagerOptions.ADDRESS, "localhost", loopback));
        o.add(new LocalFlink.Override(JobManagerOptions.BIND_HOST, "localhost", loopback));
        o.add(new LocalFlink.Override(TaskManagerOptions.HOST, "localhost", loopback));
        o.add(new LocalFlink.Override(TaskManagerOptions.BIND_HOST, "localhost", loopback));
        o.add(new LocalFlink.Override(RestOptions.ADDRESS, "localhost", loopback));
        o.add(new LocalFlink.Override(RestOptions.BIND_ADDRESS, "localhost", loopback));
        o.add(new LocalFlink.Override(RestOptions.PORT, restPort, "--port"));
        o.add(new LocalFlink.Override(JobManagerOptions.PORT, rpcPort, "--rpc-port"));
        o.add(
                new LocalFlink.Override(
                        TaskManagerOptions.NUM_TASK_SLOTS,
                        SLOTS_PER_TASK_MANAGER,
                        "two TaskManagers of two slots run -p 2 with room for a second job"));
        String noScript =
                "flink-dist's taskmanager.sh derives these; a TaskManager started without it"
                        + " must be given each";
        o.add(new LocalFlink.Override(TaskManagerOptions.CPU_CORES, 1.0, noScript));
        for (var size :
                List.of(
                        TaskManagerOptions.FRAMEWORK_HEAP_MEMORY,
                        TaskManagerOptions.FRAMEWORK_OFF_HEAP_MEMORY)) {
            o.add(new LocalFlink.Override(size, MemorySize.parse("128m"), noScript));
        }
        o.add(
                new LocalFlink.Override(
                        TaskManagerOptions.JVM_METASPACE, MemorySize.parse("256m"), noScript));
        for (var size :
                List.of(TaskManagerOptions.JVM_OVERHEAD_MIN, TaskManagerOptions.JVM_OVERHEAD_MAX)) {
            o.add(new LocalFlink.Override(size, MemorySize.parse("192m"), noScript));
        }
        o.add(
                new LocalFlink.Override(
                        TaskManagerOptions.TASK_HEAP_MEMORY, MemorySize.parse("512m"), noScript));
        o.add(
                new LocalFlink.Override(
                        TaskManagerOptions.TASK_OFF_HEAP_MEMORY, MemorySize.ZERO, noScript));
        o.add(
                new LocalFlink.Override(
                        TaskManagerOptions.NETWORK_MEMORY_MIN, MemorySize.parse("64m"), noScript));
        o.add(
                new LocalFlink.Override(
                        TaskManagerOptions.NETWORK_MEMORY_MAX, MemorySize.parse("64m"), noScript));
        o.add(
                new LocalFlink.Override(
                        TaskManagerOptions.MANAGED_MEMORY_SIZE,
                        MemorySize.parse("128m"),
                        noScript + " (RocksDB's memory)"));
        o.add(
                new LocalFlink.Override(
                        HeartbeatManagerOptions.HEARTBEAT_INTERVAL,
                        Duration.ofSeconds(2),
                        "a TaskManager is declared lost after two failed heartbeats: on one machine"
                                + " a killed one is noticed in 4 s, not Flink's default 20 s"));
        String local = "the file's /flink-data is a container volume; here it is the cluster's dir";
        o.add(
                new LocalFlink.Override(
                        CheckpointingOptions.CHECKPOINTS_DIRECTORY,
                        dir.resolve("checkpoints").toUri().toString(),
                        local));
        o.add(
                new LocalFlink.Override(
                        CheckpointingOptions.SAVEPOINT_DIRECTORY,
                        dir.resolve("savepoints").toUri().toString(),
                        local));
        o.add(
                new LocalFlink.Override(
                        WebOptions.UPLOAD_DIR,
                        dir.resolve("uploads").toString(),
                        "uploaded jars stay with the cluster, not in /tmp"));
        return o;
    }

    /** What one process of the cluster sets for itself, as a {@code -D} of its command line. */
    private List<String> ownSettings(String name, int metricsPortOf) {
        return List.of(
                // each process its own Prometheus port, so a scraper knows which one it reads
                "-Dmetrics.reporter.prom.port=" + metricsPortOf,
                // its own scratch space: spill files, blobs, RocksDB's local state
                "-D" + CoreOptions.TMP_DIRS.key() + "=" + dir.resolve("tmp").resolve(name),
                "-D" + TaskManagerOptions.TASK_MANAGER_RESOURCE_ID.key() + "=" + name);
    }

    public FlinkRest rest() {
        return new FlinkRest(url());
    }

    /**
     * Starts the processes and waits until every TaskManager has registered.
     *
     * @return how long the start took
     */
    public Duration start(Duration timeout) throws IOException {
        Instant began = Instant.now();
        if (!running().isEmpty()) {
            throw new IllegalStateException("a cluster is already running in " + dir);
        }
        for (int port : new int[] {restPort, rpcPort}) {
            requireFree(port);
        }
        Path conf = writeConfiguration();
        Files.createDirectories(dir.resolve("pids"));
        Files.createDirectories(dir.resolve("logs"));
        launch("jobmanager", JOB_MANAGER_CLASS, JOB_MANAGER_HEAP, conf, metricsPort);
        for (int i = 1; i <= TASK_MANAGERS; i++) {
            launch(
                    "taskmanager-" + i,
                    TASK_MANAGER_CLASS,
                    TASK_MANAGER_HEAP,
                    conf,
                    metricsPort + i);
        }
        FlinkRest rest = rest();
        Instant deadline = began.plus(timeout);
        while (true) {
            List<String> dead = dead();
            if (!dead.isEmpty()) {
                stop(Duration.ofSeconds(30));
                throw new IllegalStateException(
                        String.join(", ", dead)
                                + " exited during start: see "
                                + dir.resolve("logs").resolve(dead.get(0) + ".log"));
            }
            try {
                if (rest.overview().taskManagers() == TASK_MANAGERS) {
                    return Duration.between(began, Instant.now());
                }
            } catch (IOException notYet) {
                // the JobManager's REST endpoint is not up yet
            }
            if (Instant.now().isAfter(deadline)) {
                stop(Duration.ofSeconds(30));
                throw new IllegalStateException(
                        "the cluster did not come up in "
                                + timeout.toSeconds()
                                + "s: see "
                                + dir.resolve("logs"));
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(200));
        }
    }

    /**
     * Kills one process of the cluster with SIGKILL, as a crashed machine or the kernel's OOM
     * killer would: no shutdown hook runs and nothing is deregistered.
     */
    public void kill(String name) throws IOException {
        Member member =
                pids().stream()
                        .filter(m -> m.name().equals(name))
                        .findFirst()
                        .orElseThrow(() -> new IllegalArgumentException("no member " + name));
        member.process()
                .ifPresent(
                        p -> {
                            p.destroyForcibly();
                            p.onExit().join();
                        });
    }

    /** Stops every process of the cluster and waits for it to exit; returns the names stopped. */
    public List<String> stop(Duration timeout) throws IOException {
        List<String> stopped = new ArrayList<>();
        for (var entry : pids()) {
            Optional<ProcessHandle> process = entry.process();
            if (process.isPresent()) {
                process.get().destroy();
                try {
                    process.get().onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                } catch (Exception notInTime) {
                    process.get().destroyForcibly();
                    process.get().onExit().join();
                }
                stopped.add(entry.name());
            }
            Files.deleteIfExists(dir.resolve("pids").resolve(entry.name() + ".pid"));
        }
        return stopped;
    }

    /**
     * One process of the cluster, by the pid file it left.
     *
     * @param conf the configuration directory its command line names: a pid the system has since
     *     given to another process is not the cluster's
     */
    public record Member(String name, long pid, String conf) {
        public Optional<ProcessHandle> process() {
            return ProcessHandle.of(pid)
                    .filter(ProcessHandle::isAlive)
                    .filter(p -> p.info().commandLine().map(c -> c.contains(conf)).orElse(true));
        }

        public boolean alive() {
            return process().isPresent();
        }
    }

    public List<Member> pids() throws IOException {
        Path pids = dir.resolve("pids");
        if (!Files.isDirectory(pids)) {
            return List.of();
        }
        try (var files = Files.list(pids)) {
            List<Path> sorted = files.filter(p -> p.toString().endsWith(".pid")).sorted().toList();
            List<Member> members = new ArrayList<>();
            for (Path p : sorted) {
                String name = p.getFileName().toString().replace(".pid", "");
                members.add(
                        new Member(
                                name,
                                Long.parseLong(Files.readString(p).trim()),
                                dir.resolve("conf").toString()));
            }
            return members;
        }
    }

    /** The processes of the cluster that are alive. */
    public List<Member> running() throws IOException {
        return pids().stream().filter(Member::alive).toList();
    }

    private List<String> dead() throws IOException {
        return pids().stream().filter(m -> !m.alive()).map(Member::name).toList();
    }

    private void launch(String name, String mainClass, String heap, Path conf, int metricsPortOf)
            throws IOException {
        Configuration flink = GlobalConfiguration.loadConfiguration(conf.toString());
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(
                Arrays.asList(flink.get(CoreOptions.FLINK_JVM_OPTIONS).trim().split("\\s+")));
        command.add(heap);
        Path tmp = Files.createDirectories(dir.resolve("tmp").resolve(name));
        command.add("-Djava.io.tmpdir=" + tmp);
        command.add("-Dlog4j2.configurationFile=" + conf.resolve("log4j.properties"));
        command.add("-Dbattle.log.file=" + dir.resolve("logs").resolve(name + ".log"));
        command.add("-cp");
        command.add(classpath);
        command.add(mainClass);
        command.add("--configDir");
        command.add(conf.toString());
        command.addAll(ownSettings(name, metricsPortOf));
        Process process =
                new ProcessBuilder(command)
                        .redirectErrorStream(true)
                        .redirectOutput(dir.resolve("logs").resolve(name + ".out").toFile())
                        .start();
        Files.writeString(dir.resolve("pids").resolve(name + ".pid"), Long.toString(process.pid()));
    }

    /** {@code conf/config.yaml}: the cluster file with {@link #overrides()}, and its logging. */
    private Path writeConfiguration() throws IOException {
        Configuration conf = LocalFlink.clusterConfiguration();
        for (LocalFlink.Override o : overrides()) {
            set(conf, o);
        }
        Path dirConf = Files.createDirectories(dir.resolve("conf"));
        List<String> lines = new ArrayList<>();
        lines.add("# generated by ./battle cluster start from flink-conf/config.yaml: do not edit");
        lines.addAll(ConfigurationUtils.convertConfigToWritableLines(conf, true));
        Files.write(dirConf.resolve(GlobalConfiguration.FLINK_CONF_FILENAME), lines);
        Files.writeString(
                dirConf.resolve("log4j.properties"),
                String.join(
                        "\n",
                        "# one file per process, Flink's INFO lines as flink-dist logs them",
                        "rootLogger.level = INFO",
                        "rootLogger.appenderRef.file.ref = File",
                        "appender.file.name = File",
                        "appender.file.type = File",
                        "appender.file.fileName = ${sys:battle.log.file}",
                        "appender.file.layout.type = PatternLayout",
                        "appender.file.layout.pattern = %d{yyyy-MM-dd HH:mm:ss,SSS} %-5p %-60c %x"
                                + " - %m%n",
                        ""));
        return dirConf;
    }

    @SuppressWarnings("unchecked")
    private static <T> void set(Configuration conf, LocalFlink.Override o) {
        conf.set((org.apache.flink.configuration.ConfigOption<T>) o.option(), (T) o.value());
    }

    private static void requireFree(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
        } catch (IOException busy) {
            throw new IllegalStateException("port " + port + " is in use: choose another");
        }
    }
}
