package dev.strangler.payments;

import dev.strangler.payments.payment.domain.PaymentRuleViolation;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.method.ParameterValidationResult;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Turns every error into {@code application/problem+json} with a stable type. Spring's default details are replaced
 * with our own wording, because some of them quote the rejected value (a path segment, a parameter) back.
 */
@RestControllerAdvice
class ProblemHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

    @Override
    protected @Nullable ResponseEntity<Object> handleExceptionInternal(Exception ex, @Nullable Object body,
            HttpHeaders headers, HttpStatusCode statusCode, WebRequest request) {
        if (ex instanceof ServiceProblem) {
            return super.handleExceptionInternal(ex, body, headers, statusCode, request);
        }
        ProblemDetail problem = rewrite(ex, statusCode);
        return super.handleExceptionInternal(ex, problem, headers, statusCode, request);
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
                        .map(ProblemHandler::parameterError).toList();
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

    private static ProblemDetail problem(HttpStatusCode status, String slug, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(ServiceProblem.type(slug));
        problem.setTitle(title);
        return problem;
    }

    /** A payment rule the domain refused, as the monolith's problem. */
    @ExceptionHandler(PaymentRuleViolation.class)
    ResponseEntity<Object> ruleViolation(PaymentRuleViolation violation, WebRequest request) throws Exception {
        return handleException(ServiceProblem.of(violation), request);
    }

    /** A constraint the database enforces (e.g. a race on stock) is the caller's conflict, not a crash. */
    @ExceptionHandler(DataIntegrityViolationException.class)
    ResponseEntity<ProblemDetail> integrityViolation(DataIntegrityViolationException ex) {
        log.info("Rejected a request that broke a database constraint: {}", ex.getClass().getSimpleName());
        ProblemDetail problem = problem(HttpStatus.CONFLICT, "constraint-violation", "Conflict with the current state",
                "The change conflicts with data already stored.");
        return ResponseEntity.status(HttpStatus.CONFLICT).body(problem);
    }
}
