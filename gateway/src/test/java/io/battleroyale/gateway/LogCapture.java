package io.battleroyale.gateway;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Property;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Collects every formatted log line (with stack traces) of every logger while attached. */
final class LogCapture extends AbstractAppender implements AutoCloseable {
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final LoggerContext context;

    private LogCapture(LoggerContext context) {
        super("capture", null, null, true, Property.EMPTY_ARRAY);
        this.context = context;
    }

    static LogCapture attach() {
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        LogCapture capture = new LogCapture(context);
        capture.start();
        context.getConfiguration().getRootLogger().addAppender(capture, Level.ALL, null);
        context.updateLoggers();
        return capture;
    }

    @Override
    public void append(LogEvent event) {
        StringBuilder line =
                new StringBuilder(event.getLoggerName())
                        .append(' ')
                        .append(event.getMessage().getFormattedMessage());
        if (event.getThrown() != null) {
            StringWriter trace = new StringWriter();
            event.getThrown().printStackTrace(new PrintWriter(trace));
            line.append('\n').append(trace);
        }
        lines.add(line.toString());
    }

    List<String> lines() {
        return List.copyOf(lines);
    }

    @Override
    public void close() {
        context.getConfiguration().getRootLogger().removeAppender(getName());
        context.updateLoggers();
        stop();
    }
}
