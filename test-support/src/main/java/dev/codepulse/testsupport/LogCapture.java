package dev.codepulse.testsupport;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.LoggerFactory;

/**
 * Records the log events of one logger and its children while open, so a test can assert on exact
 * log lines.
 */
public final class LogCapture extends AppenderBase<ILoggingEvent> implements AutoCloseable {
    private final Logger logger;
    private final List<ILoggingEvent> events = new CopyOnWriteArrayList<>();

    private LogCapture(Logger logger) {
        this.logger = logger;
    }

    /** Starts recording the events of the named logger and its children. */
    public static LogCapture start(String loggerName) {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        LogCapture capture = new LogCapture(context.getLogger(loggerName));
        capture.setContext(context);
        capture.setName("capture-" + loggerName);
        capture.start();
        capture.logger.addAppender(capture);
        return capture;
    }

    /** Starts recording the events of the logger named after a class, and its children. */
    public static LogCapture start(Class<?> type) {
        return start(type.getName());
    }

    @Override
    protected void append(ILoggingEvent event) {
        event.prepareForDeferredProcessing();
        events.add(event);
    }

    /** Returns the events recorded so far, in order. */
    public List<ILoggingEvent> events() {
        return List.copyOf(events);
    }

    /** Returns the formatted messages recorded at exactly the given level. */
    public List<String> messages(Level level) {
        return events.stream()
                .filter(event -> event.getLevel() == level)
                .map(ILoggingEvent::getFormattedMessage)
                .toList();
    }

    @Override
    public void close() {
        logger.detachAppender(this);
        stop();
    }
}
