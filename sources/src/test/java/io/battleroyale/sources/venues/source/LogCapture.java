package io.battleroyale.sources.venues.source;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.Property;

import java.util.ArrayList;
import java.util.List;

/** Captures the log lines of one logger (at INFO and above) through a log4j2 appender. */
public final class LogCapture extends AbstractAppender implements AutoCloseable {

    /** One captured line. */
    public record Line(Level level, String message) {}

    private final List<Line> lines = new ArrayList<>();
    private final String loggerName;

    private LogCapture(String loggerName) {
        super("capture-" + loggerName, null, null, true, Property.EMPTY_ARRAY);
        this.loggerName = loggerName;
    }

    public static LogCapture of(Class<?> logger) {
        LogCapture capture = new LogCapture(logger.getName());
        capture.start();
        LoggerContext ctx = (LoggerContext) LogManager.getContext(false);
        Configuration config = ctx.getConfiguration();
        LoggerConfig loggerConfig = new LoggerConfig(logger.getName(), Level.INFO, false);
        loggerConfig.addAppender(capture, Level.INFO, null);
        config.addLogger(logger.getName(), loggerConfig);
        ctx.updateLoggers();
        return capture;
    }

    @Override
    public synchronized void append(LogEvent event) {
        lines.add(new Line(event.getLevel(), event.getMessage().getFormattedMessage()));
    }

    public synchronized List<Line> lines() {
        return List.copyOf(lines);
    }

    public synchronized List<Line> at(Level level) {
        return lines.stream().filter(l -> l.level() == level).toList();
    }

    @Override
    public void close() {
        LoggerContext ctx = (LoggerContext) LogManager.getContext(false);
        ctx.getConfiguration().removeLogger(loggerName);
        ctx.updateLoggers();
        stop();
    }
}
