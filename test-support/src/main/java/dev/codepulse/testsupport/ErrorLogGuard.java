package dev.codepulse.testsupport;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import java.lang.reflect.AnnotatedElement;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails a test whose code logged an ERROR event on a codepulse logger that the test did not expect
 * (see {@link ExpectErrorLogs}). Registered for every test through JUnit's extension
 * auto-detection, which the build enables.
 */
public final class ErrorLogGuard implements BeforeEachCallback, AfterEachCallback {
    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(ErrorLogGuard.class);

    @Override
    public void beforeEach(ExtensionContext context) {
        context.getStore(NAMESPACE).put("capture", LogCapture.start("dev.codepulse"));
    }

    @Override
    public void afterEach(ExtensionContext context) {
        LogCapture capture = context.getStore(NAMESPACE).remove("capture", LogCapture.class);
        if (capture == null) {
            return;
        }
        capture.close();
        List<String> allowed = allowedSubstrings(context);
        List<ILoggingEvent> unexpected =
                capture.events().stream()
                        .filter(event -> event.getLevel().isGreaterOrEqual(Level.ERROR))
                        .filter(event -> !isAllowed(event, allowed))
                        .toList();
        if (!unexpected.isEmpty() && context.getExecutionException().isEmpty()) {
            throw new AssertionError(
                    "The test logged "
                            + unexpected.size()
                            + " unexpected ERROR event(s); fix the cause or annotate the test with"
                            + " @ExpectErrorLogs:\n"
                            + unexpected.stream()
                                    .map(
                                            event ->
                                                    event.getLoggerName()
                                                            + ": "
                                                            + event.getFormattedMessage())
                                    .collect(Collectors.joining("\n")));
        }
    }

    private static boolean isAllowed(ILoggingEvent event, List<String> allowed) {
        if (allowed == null) {
            return false;
        }
        return allowed.isEmpty()
                || allowed.stream().anyMatch(event.getFormattedMessage()::contains);
    }

    // Returns null when nothing is allowed, an empty list when every ERROR is allowed.
    private static List<String> allowedSubstrings(ExtensionContext context) {
        Optional<ExpectErrorLogs> annotation =
                context.getTestMethod()
                        .map(method -> method.getAnnotation(ExpectErrorLogs.class))
                        .or(() -> context.getTestClass().map(ErrorLogGuard::classAnnotation));
        return annotation.map(a -> Arrays.asList(a.value())).orElse(null);
    }

    private static ExpectErrorLogs classAnnotation(AnnotatedElement type) {
        return type.getAnnotation(ExpectErrorLogs.class);
    }
}
