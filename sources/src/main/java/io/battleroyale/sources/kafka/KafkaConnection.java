package io.battleroyale.sources.kafka;

import java.io.IOException;
import java.io.Reader;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * How every Kafka client of the battle reaches the brokers.
 *
 * @param bootstrap {@code host:port[,host:port...]}
 * @param properties further client settings (security: {@code security.protocol}, {@code
 *     sasl.jaas.config}, ...), applied to sources and sinks alike; kept out of logs and arguments
 */
public record KafkaConnection(String bootstrap, Map<String, String> properties)
        implements Serializable {

    public KafkaConnection {
        if (bootstrap == null || bootstrap.isBlank()) {
            throw new IllegalArgumentException("Kafka bootstrap servers must not be empty");
        }
        properties = Map.copyOf(properties);
    }

    public static KafkaConnection of(String bootstrap) {
        return new KafkaConnection(bootstrap, Map.of());
    }

    /**
     * The same brokers, with client settings read from a properties file (e.g. a mounted Secret).
     */
    public KafkaConnection withPropertiesFile(Path file) {
        Properties read = new Properties();
        try (Reader in = Files.newBufferedReader(file)) {
            read.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read Kafka client properties " + file, e);
        }
        Map<String, String> merged = new TreeMap<>(properties);
        read.stringPropertyNames().forEach(key -> merged.put(key, read.getProperty(key)));
        return new KafkaConnection(bootstrap, merged);
    }

    /** The client properties, bootstrap servers included. */
    public Properties clientProperties() {
        Properties all = new Properties();
        all.putAll(properties);
        all.setProperty("bootstrap.servers", bootstrap);
        return all;
    }

    /** Never shows the properties: they may carry credentials. */
    @Override
    public String toString() {
        return "KafkaConnection[" + bootstrap + ", " + properties.size() + " client properties]";
    }
}
