package io.battleroyale.job.explain;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.Property;

import java.util.List;

/**
 * Captures, at INFO and above, every line of the project's, Flink's and OkHttp's loggers (with
 * their exceptions), so a test can search them for a secret.
 */
public final class LogCapture extends AbstractAppender implements AutoCloseable {

    private static final List<String> LOGGERS =
            List.of("io.battleroyale", "org.apache.flink", "okhttp3");

    private final StringBuilder text = new StringBuilder();

    private LogCapture() {
        super("capture-explanations", null, null, true, Property.EMPTY_ARRAY);
    }

    public static LogCapture capture() {
        LogCapture capture = new LogCapture();
        capture.start();
        LoggerContext ctx = (LoggerContext) LogManager.getContext(false);
        Configuration config = ctx.getConfiguration();
        for (String name : LOGGERS) {
            LoggerConfig logger = new LoggerConfig(name, Level.INFO, false);
            logger.addAppender(capture, Level.INFO, null);
            config.addLogger(name, logger);
        }
        ctx.updateLoggers();
        return capture;
    }

    @Override
    public synchronized void append(LogEvent event) {
        text.append(event.getLevel())
                .append(' ')
                .append(event.getLoggerName())
                .append(": ")
                .append(event.getMessage().getFormattedMessage())
                .append('\n');
        for (Throwable t = event.getThrown(); t != null; t = t.getCause()) {
            text.append("  ").append(t).append('\n');
        }
    }

    public synchronized String text() {
        return text.toString();
    }

    @Override
    public void close() {
        LoggerContext ctx = (LoggerContext) LogManager.getContext(false);
        for (String name : LOGGERS) {
            ctx.getConfiguration().removeLogger(name);
        }
        ctx.updateLoggers();
        stop();
    }
}
