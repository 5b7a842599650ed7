package dev.strangler.support.problem;

import java.net.URI;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.method.ParameterValidationResult;
import org.springframework.web.ErrorResponse;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import org.springframework.web.util.DisconnectedClientHelper;

/**
 * Turns every error into {@code application/problem+json} with a stable type ({@code /problems/<slug>}). Spring's
 * default details are replaced with our own wording, because some of them quote the rejected value (a path segment,
 * a parameter) back, and a caller may have sent a card number. A service extends it in a
 * {@code @RestControllerAdvice} of its own and names its own problem exception.
 */
public abstract class ProblemResponses extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemResponses.class);

    /** The problem type URI for {@code slug}. */
    public static URI type(String slug) {
        return URI.create("/problems/" + slug);
    }

    /** A problem with our type, title and detail. */
    public static ProblemDetail problem(HttpStatusCode status, String slug, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(type(slug));
        problem.setTitle(title);
        return problem;
    }

    /** Whether {@code ex} is the service's own problem, whose body is already written for callers. */
    protected abstract boolean isOwnProblem(Exception ex);

    @Override
    protected @Nullable ResponseEntity<Object> handleExceptionInternal(Exception ex, @Nullable Object body,
            HttpHeaders headers, HttpStatusCode statusCode, WebRequest request) {
        if (isOwnProblem(ex)) {
            return super.handleExceptionInternal(ex, body, headers, statusCode, request);
        }
        return super.handleExceptionInternal(ex, rewrite(ex, statusCode), headers, statusCode, request);
    }

    private static ProblemDetail rewrite(Exception ex, HttpStatusCode status) {
        return switch (ex) {
            case HttpMessageNotReadableException e -> problem(status, "malformed-request", "Malformed request",
                    "The request body is missing, is not valid JSON, or has a value of the wrong type.");
            case MethodArgumentNotValidException e -> {
                ProblemDetail p = problem(status, "invalid-request", "Invalid request",
                        "Some fields are missing or invalid; see 'errors'.");
                p.setProperty("errors", e.getBindingResult().getFieldErrors().stream()
                        .map(f -> Map.of("field", f.getField(), "message", String.valueOf(f.getDefaultMessage())))
                        .toList());
                yield p;
            }
            case HandlerMethodValidationException e -> {
                ProblemDetail p = problem(status, "invalid-request", "Invalid request",
                        "Some parameters are missing or invalid; see 'errors'.");
                List<Map<String, String>> errors = e.getParameterValidationResults().stream()
                        .map(ProblemResponses::parameterError).toList();
                p.setProperty("errors", errors);
                yield p;
            }
            case TypeMismatchException e -> problem(status, "invalid-parameter", "Invalid parameter",
                    "Parameter '" + e.getPropertyName() + "' has the wrong type.");
            case MissingServletRequestParameterException e -> problem(status, "invalid-parameter",
                    "Invalid parameter", "Required parameter '" + e.getParameterName() + "' is missing.");
            case HttpMediaTypeNotSupportedException e -> problem(status, "unsupported-media-type",
                    "Unsupported media type", "This endpoint accepts application/json only.");
            case HttpMediaTypeNotAcceptableException e -> problem(status, "not-acceptable", "Not acceptable",
                    "This endpoint answers application/json or application/problem+json only.");
            case HttpRequestMethodNotSupportedException e -> problem(status, "method-not-allowed",
                    "Method not allowed", "This resource does not support that HTTP method.");
            case NoResourceFoundException e -> problem(status, "not-found", "Not found", "No such resource.");
            case NoHandlerFoundException e -> problem(status, "not-found", "Not found", "No such resource.");
            default -> problem(status, "http-" + status.value(), "Request failed",
                    "The request could not be handled.");
        };
    }

    private static Map<String, String> parameterError(ParameterValidationResult result) {
        String name = String.valueOf(result.getMethodParameter().getParameterName());
        String message = result.getResolvableErrors().isEmpty() ? "invalid"
                : String.valueOf(result.getResolvableErrors().getFirst().getDefaultMessage());
        return Map.of("field", name, "message", message);
    }

    /** A constraint the database enforces (e.g. a race on stock) is the caller's conflict, not a crash. */
    @ExceptionHandler(DataIntegrityViolationException.class)
    ResponseEntity<ProblemDetail> integrityViolation(DataIntegrityViolationException ex) {
        log.info("Rejected a request that broke a database constraint: {}", ex.getClass().getSimpleName());
        return ResponseEntity.status(HttpStatus.CONFLICT).body(problem(HttpStatus.CONFLICT, "constraint-violation",
                "Conflict with the current state", "The change conflicts with data already stored."));
    }

    /** The database is down or overloaded: nothing was changed, and the caller may retry later. */
    @ExceptionHandler({DataAccessResourceFailureException.class, TransientDataAccessException.class})
    ResponseEntity<ProblemDetail> databaseUnavailable(Exception ex) {
        log.warn("Database unavailable: {}", ex.getClass().getSimpleName());
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "5")
                .body(problem(HttpStatus.SERVICE_UNAVAILABLE, "database-unavailable", "Database unavailable",
                        "The database cannot be reached right now; try again in a few seconds."));
    }

    /**
     * Anything else is our own fault: logged here with its stack trace (the framework's resolvers would log it too,
     * but answer with their own body), answered as a problem that shows no internals.
     */
    @ExceptionHandler(Exception.class)
    @Nullable ResponseEntity<ProblemDetail> unexpected(Exception ex) throws Exception {
        if (ex instanceof ErrorResponse || AnnotatedElementUtils.hasAnnotation(ex.getClass(), ResponseStatus.class)) {
            throw ex; // has a status of its own: the framework's resolvers answer it
        }
        if (DisconnectedClientHelper.isClientDisconnectedException(ex)) {
            return null; // nobody left to answer
        }
        log.error("Request failed with an unexpected {}", ex.getClass().getName(), ex);
        return ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR).body(problem(HttpStatus.INTERNAL_SERVER_ERROR,
                "internal-error", "Internal error", "The request failed on our side; it has been logged."));
    }
}
